"""The graph form: the JSON contract every command and format shares.

    {"argmap": 1, "title", "description", "sources", "sides",
     "nodes": [{"id", "text", "label", "by", "source": {"ref", "quote", "loc"}, "tags", "weight", "note",
                "step", "more_sources": [{"ref", "quote", "loc"}, ...], "origin"}],
     "relations": [{"id", "from", "to", "type", "group", "weight", "scheme", "question", "answered": [ids],
                    "conceded": [ids]}],
     "expect": {"grounded": {"in": [ids], "out": [ids], "undec": [ids]}, ...},
     "schemes": {"id": {"name", "premises": [texts], "conclusion", "questions": {"CQ1": text}, "aif": [names]}}}

Optional keys are absent when unset. Nodes are in map order, relations in
the canonical order of :func:`argmap.formats.native.read.canonical_relation_order`.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterator
from typing import Any

from argmap.io.json_text import compact_encoder, safe_json
from argmap.model import (
    CLAIM_FIELDS,
    FORMAT_VERSION,
    MORE_SOURCES_KEY,
    ORIGIN_KEY,
    ArgumentMap,
    Claim,
    FieldKind,
    Relation,
    Scheme,
    Side,
    Source,
    SourceRef,
)


def _drop_none(pairs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in pairs.items() if v is not None}


def source_dict(source: Source) -> dict[str, Any]:
    return _drop_none(
        {"title": source.title, "author": source.author, "file": source.file, "url": source.url}
    )


def side_dict(side: Side) -> dict[str, Any]:
    return _drop_none({"name": side.name, "colour": side.colour})


def source_ref_dict(ref: SourceRef) -> dict[str, Any]:
    return _drop_none({"ref": ref.ref, "quote": ref.quote, "loc": ref.loc})


def claim_dict(claim: Claim) -> dict[str, Any]:
    """A claim's own fields, in contract key order (the order of CLAIM_FIELDS)."""
    node: dict[str, Any] = {}
    for key, attr, kind in _COLUMNS:
        value = getattr(claim, attr)
        if value is None or value == ():
            continue
        if kind is FieldKind.SOURCES:
            node[key] = source_ref_dict(value)
            if claim.more_sources:
                node[MORE_SOURCES_KEY] = [source_ref_dict(s) for s in claim.more_sources]
        elif kind is FieldKind.TAGS:
            node[key] = list(value)
        else:
            node[key] = value
    return node


def node_dict(claim: Claim) -> dict[str, Any]:
    """A claim as a node: its fields, and for a claim brought in from
    another map by a reference (`other.yaml#x`) that map's file (`origin`)."""
    node = claim_dict(claim)
    if claim.origin is not None:
        node[ORIGIN_KEY] = claim.origin
    return node


_COLUMNS = tuple((f.key, f.attr, f.kind) for f in CLAIM_FIELDS)


def relation_dict(relation: Relation) -> dict[str, Any]:
    found = _drop_none(
        {
            "id": relation.id,
            "from": relation.source,
            "to": relation.target,
            "type": relation.type.value,
            "group": relation.group,
            "weight": relation.weight,
        }
    )
    found.update(inference_dict(relation))
    return found


def inference_dict(relation: Relation) -> dict[str, Any]:
    """What a relation says of its scheme: scheme, question, answered, conceded (when set)."""
    found: dict[str, Any] = {}
    if relation.scheme is not None:
        found["scheme"] = relation.scheme
    if relation.question is not None:
        found["question"] = relation.question
    if relation.answered:
        found["answered"] = list(relation.answered)
    if relation.conceded:
        found["conceded"] = list(relation.conceded)
    return found


def scheme_block_dict(scheme: Scheme) -> dict[str, Any]:
    """A map's own scheme, as its `schemes:` block holds it."""
    entry: dict[str, Any] = {"name": scheme.name}
    if scheme.premises:
        entry["premises"] = list(scheme.premises)
    if scheme.conclusion is not None:
        entry["conclusion"] = scheme.conclusion
    if scheme.questions:
        entry["questions"] = {q.id: q.text for q in scheme.questions}
    if scheme.aif:
        entry["aif"] = list(scheme.aif)
    return entry


def map_header(amap: ArgumentMap) -> dict[str, Any]:
    """Version, title, description, sources, sides: what both forms share."""
    head: dict[str, Any] = {"argmap": FORMAT_VERSION}
    if amap.title is not None:
        head["title"] = amap.title
    if amap.description is not None:
        head["description"] = amap.description
    if amap.sources:
        head["sources"] = {sid: source_dict(s) for sid, s in amap.sources.items()}
    if amap.sides:
        head["sides"] = {sid: side_dict(s) for sid, s in amap.sides.items()}
    return head


def expect_dict(amap: ArgumentMap) -> dict[str, dict[str, list[str]]]:
    """The `expect:` block: semantics -> status -> claim ids, as written."""
    block: dict[str, dict[str, list[str]]] = {}
    for expectation in amap.expect:
        block.setdefault(expectation.semantics, {}).setdefault(expectation.status, []).append(
            expectation.claim
        )
    return block


def to_graph(amap: ArgumentMap) -> dict[str, Any]:
    return _graph(amap, node_dict, relation_dict)


def _graph(
    amap: ArgumentMap, node: Callable[[Claim], Any], relation: Callable[[Relation], Any]
) -> dict[str, Any]:
    """The graph form's keys in their order, each claim and relation made by
    `node` and `relation` (dicts, or their lines already written)."""
    graph = map_header(amap)
    graph["nodes"] = [node(c) for c in amap.claims]
    graph["relations"] = [relation(r) for r in amap.relations]
    if amap.expect:
        graph["expect"] = expect_dict(amap)
    if amap.schemes:
        graph["schemes"] = {sid: scheme_block_dict(s) for sid, s in amap.schemes.items()}
    return graph


def dumps(amap: ArgumentMap) -> str:
    chunks: list[str] = []
    write_graph(amap, chunks.append)
    return "".join(chunks)


def write_graph(amap: ArgumentMap, write: Callable[[str], object]) -> None:
    """`dumps(amap)` passed to `write` a chunk of lines at a time: no copy
    of the whole text (nor of its bytes) is made, and the usual claim and
    relation are written straight to their line (`_node_line`)."""
    for chunk in json_lists_chunks(_graph(amap, _node_line, _relation_line)):
        write(chunk)


class _Line(str):
    """An item of a list already written as compact JSON: json_lists_chunks
    writes it as it is."""

    __slots__ = ()


_string = json.encoder.encode_basestring  # what the compact encoder writes a string as
# A claim's fields after id, text and by, and the unset value of each: a
# claim with all of them unset is `{"id": ..., "text": ...[, "by": ...]}`.
_CLAIM_REST = (
    *[f.attr for f in CLAIM_FIELDS if f.attr not in ("id", "text", "by")],
    "more_sources",
    "origin",
)
_claim_rest = operator.attrgetter(*_CLAIM_REST)
_CLAIM_UNSET = tuple(Claim._field_defaults[attr] for attr in _CLAIM_REST)
_RELATION_REST = ("group", "weight", "scheme", "question", "answered", "conceded")
_relation_rest = operator.attrgetter(*_RELATION_REST)
_RELATION_UNSET = tuple(Relation._field_defaults[attr] for attr in _RELATION_REST)


def _node_line(claim: Claim) -> dict[str, Any] | _Line:
    """`node_dict(claim)`, written out at once for the usual claim."""
    if _claim_rest(claim) != _CLAIM_UNSET:
        return node_dict(claim)
    start = f'{{"id": {_string(claim.id)}, "text": {_string(claim.text)}'
    return _Line(f"{start}}}" if claim.by is None else f'{start}, "by": {_string(claim.by)}}}')


def _relation_line(relation: Relation) -> dict[str, Any] | _Line:
    """`relation_dict(relation)`, written out at once for the usual relation."""
    if _relation_rest(relation) != _RELATION_UNSET:
        return relation_dict(relation)
    return _Line(
        f'{{"id": {_string(relation.id)}, "from": {_string(relation.source)}, '
        f'"to": {_string(relation.target)}, "type": {_string(relation.type.value)}}}'
    )


def dump_json_lists(document: dict[str, Any]) -> str:
    """JSON text with each item of a list value on a line of its own (one
    node and one relation a line): readable, friendly to line diffs, and
    written by json's C encoder (`indent=` would switch to the pure-Python
    one, several times slower on big maps)."""
    return "".join(json_lists_chunks(document))


# Lines joined into one chunk of `json_lists_chunks`.
_CHUNK_LINES = 2000


def json_lists_chunks(document: dict[str, Any]) -> Iterator[str]:
    """The text of `dump_json_lists` in chunks of whole lines, each made
    safe (`safe_json`) by itself: what it escapes is single characters."""
    encode = compact_encoder()

    def compact(value: Any) -> str:
        return value if type(value) is _Line else encode(value)

    lines = ["{"]
    fields = list(document.items())
    for index, (key, value) in enumerate(fields):
        comma = "," if index < len(fields) - 1 else ""
        if isinstance(value, list):
            if not value:
                lines.append(f"  {compact(key)}: []{comma}")
                continue
            lines.append(f"  {compact(key)}: [")
            for start in range(0, len(value) - 1, _CHUNK_LINES):
                lines.extend(
                    [
                        f"    {compact(item)},"
                        for item in value[start : min(start + _CHUNK_LINES, len(value) - 1)]
                    ]
                )
                if len(lines) >= _CHUNK_LINES:
                    lines.append("")  # the chunk's last line feed
                    yield safe_json("\n".join(lines))
                    lines = []
            lines.append(f"    {compact(value[-1])}")
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {compact(key)}: {compact(value)}{comma}")
    lines.append("}")
    lines.append("")  # the last line feed, without copying the whole text again
    yield safe_json("\n".join(lines))
