"""What a map says about an inference and its argument scheme, read from
YAML nodes: the keys a relation may carry (`scheme`, `answered`,
`conceded` on a support; `question` on an attack or undercut), and the
map's own `schemes:` block. Checking the names against the catalogue is a
check's work (argmap/checks/schemes.py), not the reader's.
"""

from __future__ import annotations

from typing import Any

import yaml

from argmap.formats.native.nodes import ANY_KEY, Entries, NodeReader
from argmap.model import CriticalQuestion, RelationType, Scheme, SourceSpan

# The keys, in the order the forms write them.
SCHEME_KEYS = ("scheme", "answered", "conceded")
QUESTION_KEYS = ("question",)
INFERENCE_KEYS = (*SCHEME_KEYS, *QUESTION_KEYS)
SCHEME_BLOCK_KEYS = ("name", "premises", "conclusion", "questions", "aif")


def inference_fields(
    reader: NodeReader, entries: Entries, type_: RelationType | None, where: str
) -> dict[str, Any]:
    """The Relation fields the entry's inference keys give, for a relation
    of `type_` (None: the entry is no relation, so every such key is
    misplaced). `where` names the entry in messages."""
    fields: dict[str, Any] = {}
    present = [key for key in INFERENCE_KEYS if key in entries]
    if not present:
        return fields
    allowed = SCHEME_KEYS if type_ is RelationType.SUPPORT else QUESTION_KEYS if type_ is not None else ()
    for key in present:
        if key not in allowed:
            reader.error(entries[key][0], "scheme-misplaced", _misplaced(key, where))
    if "scheme" in allowed and "scheme" in entries:
        node = entries["scheme"][1]
        fields["scheme"] = reader.ident(node, "scheme", loose=True)
        fields["scheme_span"] = reader.span(node)
    if "question" in allowed and "question" in entries:
        node = entries["question"][1]
        fields["question"] = reader.ident(node, "critical question", loose=True)
        fields["question_span"] = reader.span(node)
    spans: list[SourceSpan] = []
    for key in ("answered", "conceded"):
        if key in allowed and key in entries:
            ids, id_spans = _question_ids(reader, entries[key][1], key)
            fields[key] = ids
            spans += id_spans
    if spans:
        fields["marks_spans"] = tuple(spans)
    return fields


def _misplaced(key: str, where: str) -> str:
    if key == "question":
        return f"'question' belongs on a counterclaim or undercut (the critical question it raises), not on {where}"
    return (
        f"'{key}' belongs on a premise, a linked group or a support relation (its inference), not on {where}"
    )


def _question_ids(reader: NodeReader, node: yaml.Node, key: str) -> tuple[tuple[str, ...], list[SourceSpan]]:
    ids: list[str] = []
    spans: list[SourceSpan] = []
    for item in reader.sequence(node, f"'{key}' (critical question ids)") or []:
        value = reader.ident(item, "critical question", loose=True)
        if value is not None:
            ids.append(value)
            spans.append(reader.span(item))
    return tuple(ids), spans


def scheme_block(reader: NodeReader, node: yaml.Node) -> dict[str, Scheme]:
    """`schemes: {id: {name, premises: [...], conclusion, questions: {CQ1: text}, aif: [...]}}`."""
    found: dict[str, Scheme] = {}
    for scheme_id, (key_node, value) in (reader.mapping(node, "schemes", ANY_KEY) or {}).items():
        reader.ident(key_node, "scheme id")
        entries = reader.mapping(value, f"scheme '{scheme_id}'", SCHEME_BLOCK_KEYS) or {}
        name = reader.optional_string(entries, "name", "scheme name")
        found[scheme_id] = Scheme(
            id=scheme_id,
            name=name if name is not None else scheme_id,
            premises=_texts(reader, entries, "premises"),
            conclusion=reader.optional_string(entries, "conclusion", "conclusion"),
            questions=_questions(reader, entries, scheme_id),
            aif=_texts(reader, entries, "aif"),
            span=reader.span(key_node),
        )
    return found


def _texts(reader: NodeReader, entries: Entries, key: str) -> tuple[str, ...]:
    if key not in entries:
        return ()
    items = reader.sequence(entries[key][1], key) or []
    return tuple(t for t in (reader.string(item, key) for item in items) if t is not None)


def _questions(reader: NodeReader, entries: Entries, scheme_id: str) -> tuple[CriticalQuestion, ...]:
    if "questions" not in entries:
        return ()
    what = f"questions of scheme '{scheme_id}'"
    found = []
    for question_id, (key_node, value) in (
        reader.mapping(entries["questions"][1], what, ANY_KEY) or {}
    ).items():
        reader.ident(key_node, "critical question id", loose=True)
        text = reader.string(value, "critical question")
        if text is not None:
            found.append(CriticalQuestion(question_id, text, reader.span(key_node)))
    return tuple(found)
