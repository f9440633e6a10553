"""JSON Schema of the YAML tree form, for editors (yaml-language-server).

The file `argmap/schema/argmap.schema.json` is this schema as text; a test
keeps the two equal. The schema helps people as they type; `argmap validate`
remains the judge (it also checks references, cycles and quotes).
"""

from __future__ import annotations

from typing import Any

from argmap.io.json_text import dump_json
from argmap.model import CLAIM_FIELDS, COLOUR_PATTERN, DUNG_SEMANTICS, REFERENCE_PATTERN, Label, RelationType

SCHEMA_ID = "https://argmap.invalid/schema/argmap-1.schema.json"

_SLUG = r"^[^\W][\w.-]*$"
# What the reader takes as text: any scalar, as written (`title: 1917`);
# null where a value may be left out. `_WORDS` for text that must not be blank.
_SCALAR: dict[str, Any] = {"type": ["string", "number", "boolean", "null"]}
_WORDS = r"\S"


def _claim_list(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "type": ["array", "null"],
        "items": {"$ref": "#/$defs/entry"},
    }


# Each claim field's schema, by its key in CLAIM_FIELDS; the table gives the
# order and which are required. (A field missing here fails the schema test.)
_FIELD_SCHEMAS: dict[str, dict[str, Any]] = {
    "id": {"$ref": "#/$defs/id", "description": "Unique slug naming the claim."},
    "text": {
        "type": ["string", "number", "boolean"],
        "pattern": _WORDS,
        "description": "The claim, one full sentence.",
    },
    "label": {
        **_SCALAR,
        "pattern": _WORDS,
        "description": "A few words for diagrams with no room for the text (render --theme talk, --short-labels).",
    },
    "by": {
        **_SCALAR,
        "pattern": _WORDS,
        "description": "The side that makes this claim (an id under sides:).",
    },
    "source": {
        "description": "Where the claim comes from; a list when the source states it in several places.",
        "oneOf": [
            {"$ref": "#/$defs/source_ref"},
            {"type": "array", "items": {"$ref": "#/$defs/source_ref"}},
        ],
    },
    "tags": {"type": ["array", "null"], "items": _SCALAR},
    "weight": {"type": "number", "minimum": 0, "maximum": 1, "description": "Base strength, 0 to 1."},
    "note": _SCALAR,
    "step": {
        "type": "integer",
        "minimum": 1,
        "description": "When a slide build (render --frames) reveals this claim: 1, 2, 3, ...",
    },
    "implicit": {
        "type": "boolean",
        "description": "An unstated assumption the argument needs (an implicit premise): drawn dashed, listed by prep.",
    },
}
_IMPACT = {
    "type": "number",
    "minimum": 0,
    "maximum": 1,
    "description": (
        "How much this entry bears on the claim it hangs under (the relation's weight, 0 to 1, default 1); "
        "only under premises, counterclaims or undercuts."
    ),
}


# What an entry may say of the inference to its parent (argmap.schemes): the
# scheme of a premise's (or linked group's) inference and the critical
# questions answered or conceded there; the question a counterclaim or an
# undercut raises.
_QUESTION_IDS = {"type": "array", "items": {"type": ["string", "number"]}}
_INFERENCE_PROPERTIES: dict[str, Any] = {
    "scheme": {
        "type": "string",
        "description": "The argument scheme of this inference (argmap schemes lists them), on a support.",
    },
    "answered": _QUESTION_IDS | {"description": "Critical questions of the scheme this argument answers."},
    "conceded": _QUESTION_IDS | {"description": "Critical questions of the scheme this argument concedes."},
    "question": {
        "type": ["string", "number"],
        "description": "The critical question this counterclaim or undercut raises (CQ1, ...).",
    },
}
_SCHEMES: dict[str, Any] = {
    "type": "object",
    "description": "The map's own argument schemes, beside the built-in catalogue (argmap schemes).",
    "propertyNames": {"pattern": _SLUG},
    "additionalProperties": {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "premises": {"type": "array", "items": {"type": "string"}},
            "conclusion": {"type": "string"},
            "questions": {
                "type": "object",
                "description": "Critical questions by id: {CQ1: text, ...}.",
                "additionalProperties": {"type": "string"},
            },
            "aif": {"type": "array", "items": {"type": "string"}, "description": "Names other tools use."},
        },
        "additionalProperties": False,
    },
}


def build_schema() -> dict[str, Any]:
    claim_properties: dict[str, Any] = {f.key: _FIELD_SCHEMAS[f.key] for f in CLAIM_FIELDS}
    claim_properties |= {
        "premises": _claim_list("Claims that support this one (convergent), or linked groups."),
        "counterclaims": _claim_list("Claims that attack this one, or linked groups that attack together."),
        "undercuts": _claim_list(
            "Claims that attack the inference from this claim to its parent: true, but it does not follow "
            "(or linked groups that attack it together)."
        ),
    }
    claim_properties |= _INFERENCE_PROPERTIES
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "argmap argument map, format version 1 (tree form)",
        "type": "object",
        "properties": {
            "argmap": {"const": 1, "description": "Format version."},
            "title": _SCALAR,
            "description": _SCALAR,
            "sources": {
                "type": "object",
                "propertyNames": {"pattern": _SLUG},
                "additionalProperties": {
                    "type": "object",
                    "properties": {
                        "title": _SCALAR,
                        "author": _SCALAR,
                        "file": {**_SCALAR, "description": "Path relative to the map's folder."},
                        "url": _SCALAR,
                    },
                    "additionalProperties": False,
                },
            },
            "sides": {
                "type": "object",
                "description": "The parties to the debate.",
                "propertyNames": {"pattern": _SLUG},
                "additionalProperties": {
                    "type": "object",
                    "properties": {
                        "name": _SCALAR,
                        "colour": {
                            # As the reader takes it: any scalar as written (`true`
                            # reads "true", a name); a number is no colour.
                            "type": ["string", "boolean", "null"],
                            "pattern": f"^(?:{COLOUR_PATTERN.pattern})$",
                            "description": '"#rgb", "#rrggbb" (or with alpha) or a colour name such as red',
                        },
                    },
                    "additionalProperties": False,
                },
            },
            "claims": {"type": ["array", "null"], "items": {"$ref": "#/$defs/claim"}},
            "expect": {
                "type": "object",
                "description": (
                    "Intended outcomes that `argmap validate` checks: per semantics, the claims "
                    "expected in, out or undec (for complete, preferred and stable: in every "
                    "extension, in none, in some but not all)."
                ),
                "propertyNames": {"enum": [s.value for s in DUNG_SEMANTICS]},
                "additionalProperties": {
                    "type": "object",
                    "properties": {
                        status: {"type": ["array", "null"], "items": {"$ref": "#/$defs/id"}}
                        for status in (label.value for label in Label)
                    },
                    "additionalProperties": False,
                },
            },
            "schemes": _SCHEMES,
            "relations": {
                "type": ["array", "null"],
                "description": "Edges the tree cannot express.",
                "items": {
                    "type": "object",
                    "required": ["from", "to", "type"],
                    "properties": {
                        "id": {"$ref": "#/$defs/token"},
                        "from": {"anyOf": [{"$ref": "#/$defs/id"}, {"$ref": "#/$defs/reference"}]},
                        "to": {
                            "type": "string",
                            "description": "A claim id, or for an undercut a relation id.",
                        },
                        "type": {"enum": [t.value for t in RelationType]},
                        "group": {"$ref": "#/$defs/token"},
                        **_INFERENCE_PROPERTIES,
                        "weight": {
                            "type": "number",
                            "minimum": 0,
                            "maximum": 1,
                            "description": "How much the source bears on the target, 0 to 1 (default 1).",
                        },
                    },
                    "additionalProperties": False,
                },
            },
        },
        "additionalProperties": False,
        "$defs": {
            # As written: a string or a number that is a slug (so not negative), true or false.
            "id": {"type": ["string", "number", "boolean"], "pattern": _SLUG, "minimum": 0},
            # Relation and group ids: one word.
            "token": {"type": ["string", "number", "boolean"], "pattern": r"^\S+$"},
            "source_ref": {
                "type": "object",
                "properties": {
                    "ref": {**_SCALAR, "description": "A source id (under sources:)."},
                    "quote": {**_SCALAR, "description": "Verbatim words from the source's file."},
                    "loc": {
                        **_SCALAR,
                        "description": "Where in the source: page, paragraph.",
                    },
                },
                "additionalProperties": False,
            },
            "claim": {
                "type": "object",
                "required": [f.key for f in CLAIM_FIELDS if not f.optional],
                "properties": claim_properties,
                "additionalProperties": False,
            },
            # A claim under premises, counterclaims or undercuts: it may weigh
            # the relation it hangs by (a top-level claim hangs by none).
            "nested_claim": {
                "type": "object",
                "required": [f.key for f in CLAIM_FIELDS if not f.optional],
                "properties": claim_properties | {"impact": _IMPACT},
                "additionalProperties": False,
            },
            "linked": {
                "type": "object",
                "description": (
                    "Members that count only together: premises that support the parent (one argument), "
                    "counterclaims that attack it, or undercuts that attack an inference (one joint attack)."
                ),
                "required": ["linked"],
                "properties": {
                    # No minItems: fewer than two is a warning (linked-single), not an error.
                    "linked": {"type": "array", "items": {"$ref": "#/$defs/entry"}},
                    "id": {"$ref": "#/$defs/token"},
                    "undercuts": _claim_list("Claims that attack the group's one inference."),
                    **_INFERENCE_PROPERTIES,
                    "impact": _IMPACT,
                },
                "additionalProperties": False,
            },
            "entry": {
                "description": "A claim defined here, a linked group, or the id of a claim defined elsewhere.",
                "anyOf": [
                    {"$ref": "#/$defs/nested_claim"},
                    {"$ref": "#/$defs/linked"},
                    {"$ref": "#/$defs/id"},
                    {"$ref": "#/$defs/reference"},
                ],
            },
            "reference": {
                "type": "string",
                "pattern": REFERENCE_PATTERN.pattern.replace("\\Z", "$"),
                "description": "A claim of another map: FILE#ID, the file relative to this map.",
            },
        },
    }


def schema_text() -> str:
    return dump_json(build_schema(), indent=2) + "\n"
