"""Small YAML files that are not maps (render themes) as plain values that
remember where they were written."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import yaml

from argmap.errors import InputError
from argmap.io.files import read_text
from argmap.model import SourceSpan
from argmap.yaml.compose import NULL_TAG, SCALAR_TAGS, TAG, compose, mark_span, node_kind


class Located(NamedTuple):
    """A plain YAML value and where it was written, for small files that are
    not maps (render themes): `kind` is the YAML type ("str", "int",
    "float", "bool", "null", "map" or "seq"); `value` is a scalar's text as
    written, a list of Located, or key -> (the key's span, Located)."""

    kind: str
    value: str | list[Located] | dict[str, tuple[SourceSpan, Located]]
    span: SourceSpan


_LOCATED_DEPTH = 50  # settings files nest a few levels


def load_located(path: Path, what: str) -> Located:
    """A small YAML file (not a map) as Located values. Raises InputError
    when it cannot be read, is not YAML, or nests deeper than settings do."""
    file = str(path)
    return _located(compose(read_text(path, what), file), file, what, 0, set())


def _located(node: yaml.Node, file: str, what: str, depth: int, seen: set[int]) -> Located:
    span = mark_span(file, node.start_mark)
    if depth > _LOCATED_DEPTH:
        raise InputError(f"{what} nested more than {_LOCATED_DEPTH} levels deep", span)
    if id(node) in seen:
        # An alias names a node met before; following them all could copy a
        # few lines into gigabytes (billion laughs). Settings need none.
        raise InputError(f"YAML aliases (*name) are not supported in {what}", span)
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        if node.tag not in SCALAR_TAGS:
            raise InputError(f"unsupported YAML tag '{node.tag}'", span)
        return Located(node.tag.removeprefix(TAG), str(node.value), span)
    if isinstance(node, yaml.SequenceNode):
        return Located("seq", [_located(item, file, what, depth + 1, seen) for item in node.value], span)
    entries: dict[str, tuple[SourceSpan, Located]] = {}
    for key_node, value_node in node.value:
        key_span = mark_span(file, key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == NULL_TAG:
            raise InputError(f"keys in {what} must be names, not {node_kind(key_node)}", key_span)
        if key_node.value in entries:
            raise InputError(f"duplicate key '{key_node.value}' in {what}", key_span)
        entries[key_node.value] = (key_span, _located(value_node, file, what, depth + 1, seen))
    return Located("map", entries, span)
