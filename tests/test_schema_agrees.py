"""The JSON Schema says the same as the checks, where a schema can say it
at all (docs/editors.md, "The schema and the checks").

A map breaks a rule the schema can state (a wrong type, an unknown key, a
missing id, a bad slug, ...) exactly when `validate` reports one of the
SCHEMA_CAN_SAY ids; the rest (references between parts of the map, cycles,
quotes, YAML's own duplicate keys and tags) the schema cannot state, and it
accepts such maps. Warnings never make the schema refuse a map: editors
show a schema's complaints as errors. Tried on every map of the repository,
the tree-form data cases, and every one-place change of a map that uses
every key the schema knows."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from argmap.checks.gate import check_file, check_loaded
from argmap.checks.registry import CHECKS, LOADER_CHECKS
from argmap.errors import Severity
from argmap.formats.native.read import load_yaml_text
from argmap.formats.native.schema import schema_text

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema (a test dependency) is not installed")

REPO = Path(__file__).parent.parent
VALIDATOR = jsonschema.Draft202012Validator(json.loads(schema_text()))

# Errors about the shape of a map: what a schema can state.
SCHEMA_CAN_SAY = frozenset(
    {
        "wrong-type",
        "unknown-key",
        "missing-id",
        "missing-text",
        "missing-field",
        "invalid-id",
        "empty-text",
        "unsupported-version",
        "weight-range",
        "linked-misplaced",
        "side-colour",
        "impact-misplaced",
    }
)
# What it cannot: values that must name something else in the same file,
# relations between values, the world outside the file, YAML below JSON.
SCHEMA_CANNOT_SAY = frozenset(
    {
        "dangling-ref",
        "scheme-misplaced",  # scheme keys on an attack relation: only conditionals on `type` could say it
        "unknown-side",
        "unknown-source",
        "duplicate-id",
        "duplicate-relation",
        "relation-id-clash",
        "support-cycle",
        "self-support",
        "self-attack",
        "undercut-target",
        "group-mixed",  # relations of a linked group compared with each other
        "group-targets",
        "expect-failed",
        "quote-not-found",
        "source-unreadable",
        "duplicate-key",
        "yaml-alias",
        "unsupported-tag",
        # Other files: whether they exist, can be read, refer back, leave the corpus.
        "ref-unreadable",
        "ref-cycle",
        "ref-escape",
    }
)

BASE: dict[str, Any] = {
    "argmap": 1,
    "title": "Every key",
    "description": "A map that uses every key the schema knows.",
    "sources": {"book": {"title": "A book", "author": "Someone", "url": "https://example.org/book"}},
    "sides": {"pro": {"name": "Pro", "colour": "#1f5fa8"}, "con": {"name": "Con"}},
    "claims": [
        {
            "id": "top",
            "text": "The claim.",
            "label": "Claim",
            "by": "pro",
            "source": {"ref": "book", "quote": "words", "loc": "p. 1"},
            "tags": ["main", 2],
            "weight": 0.5,
            "note": "A note.",
            "step": 1,
            "implicit": False,
            "premises": [
                {
                    "id": "why",
                    "text": "A reason.",
                    "impact": 0.5,
                    "implicit": True,
                    "source": [{"ref": "book", "loc": 3}],
                    "undercuts": [{"id": "u1", "text": "It does not follow."}],
                },
                {
                    "linked": [{"id": "l1", "text": "One of two."}, {"id": "l2", "text": "Two of two."}],
                    "id": "pair",
                    "impact": 1,
                    "undercuts": [{"id": "u2", "text": "The two do not give it.", "impact": 0}],
                },
                "other",
            ],
            "counterclaims": [{"id": "no", "text": "No.", "by": "con"}],
        },
        {"id": "other", "text": "Another reason."},
    ],
    "relations": [{"id": "r1", "from": "no", "to": "other", "type": "attack", "weight": 0.25}],
    "expect": {"grounded": {"in": ["no"], "out": [], "undec": []}},
}

# What each place of BASE is changed to.
REPLACEMENTS: list[Any] = [None, "", " ", "x", "has space", 0, 7, 1.5, -1, True, [], ["x"], {}, {"k": "v"}]


def verdicts(data: Any) -> tuple[bool, set[str]]:
    """Whether the schema accepts `data`, and the error ids validate gives it."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    checked = check_loaded(load_yaml_text(text, "m.yaml"), read_sources=False)
    errors = {d.check_id for d in checked.diagnostics if d.severity is Severity.ERROR}
    return VALIDATOR.is_valid(data), errors


def agree(schema_ok: bool, errors: set[str]) -> bool:
    """The schema refuses only maps validate refuses, and every map with an
    error of a kind it can state."""
    return (schema_ok or bool(errors)) and (not schema_ok or not errors & SCHEMA_CAN_SAY)


def places(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a YAML document: the paths of its values."""
    if path:
        yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from places(value, (*path, index))


def changed(path: tuple[Any, ...], value: Any) -> Any:
    data = copy.deepcopy(BASE)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return data


def test_the_ids_are_sorted_into_can_and_cannot() -> None:
    """Every error validate can give is in one of the two sets (a new check
    must say which)."""
    errors = {check.id for check in CHECKS.values() if check.severity is Severity.ERROR}
    errors |= {check_id for check_id, (severity, _) in LOADER_CHECKS.items() if severity is Severity.ERROR}
    assert SCHEMA_CAN_SAY.isdisjoint(SCHEMA_CANNOT_SAY)
    assert sorted(errors - SCHEMA_CAN_SAY - SCHEMA_CANNOT_SAY) == []


def test_the_base_map_is_valid_both_ways() -> None:
    assert verdicts(BASE) == (True, set())


def test_every_map_of_the_repository_is_valid_to_the_schema() -> None:
    maps = [
        *sorted((REPO / "arguments").glob("*.yaml")),
        *sorted((REPO / "tests" / "data" / "valid").glob("*.yaml")),
    ]
    assert len(maps) > 5
    for path in maps:
        assert VALIDATOR.is_valid(yaml.safe_load(path.read_text(encoding="utf-8"))), path


def tree_form_cases() -> list[Path]:
    cases = []
    for path in sorted((REPO / "tests" / "data" / "invalid").glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:
            continue  # YAML a schema never sees (tags): yaml-tags.yaml
        if not (isinstance(data, dict) and "nodes" in data):  # the graph form has no schema
            cases.append(path)
    return cases


@pytest.mark.parametrize("case", tree_form_cases(), ids=lambda path: path.name)
def test_each_data_case_gets_the_same_verdict(case: Path) -> None:
    errors = {d.check_id for d in check_file(case).diagnostics if d.severity is Severity.ERROR}
    schema_ok = VALIDATOR.is_valid(yaml.safe_load(case.read_text(encoding="utf-8")))
    assert agree(schema_ok, errors), (schema_ok, sorted(errors))


def test_every_one_place_change_gets_the_same_verdict() -> None:
    disagreements = []
    tried = 0
    for path in places(BASE):
        for value in REPLACEMENTS:
            data = changed(path, value)
            schema_ok, errors = verdicts(data)
            tried += 1
            if not agree(schema_ok, errors):
                disagreements.append(
                    f"{'/'.join(map(str, path))} = {value!r}: schema {'accepts' if schema_ok else 'refuses'}, validate {sorted(errors)}"
                )
    for path in [(), *places(BASE)]:
        data = copy.deepcopy(BASE)
        parent = data
        for step in path:
            parent = parent[step]
        if not isinstance(parent, dict):
            continue
        parent["bogus"] = "x"  # an unknown key (under sources: and sides:, an entry of the wrong type)
        schema_ok, errors = verdicts(data)
        tried += 1
        if not agree(schema_ok, errors):
            disagreements.append(f"{'/'.join(map(str, path))}/bogus: {schema_ok=}, validate {sorted(errors)}")
    assert tried > 1000
    assert disagreements == []
