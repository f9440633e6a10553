"""YAML text -> a composed node tree, with guards: nesting depth (libyaml's
composer recurses), empty files, and one-line errors that point into the text."""

from __future__ import annotations

from typing import Any

import yaml

from argmap.errors import InputError
from argmap.model import SourceSpan

TAG = "tag:yaml.org,2002:"
STR_TAG, NULL_TAG, MAP_TAG, SEQ_TAG = TAG + "str", TAG + "null", TAG + "map", TAG + "seq"
BOOL_TAG, FLOAT_TAG = TAG + "bool", TAG + "float"
SCALAR_TAGS = frozenset(TAG + t for t in ("str", "int", "float", "bool", "null"))

# The C loader ships in PyYAML's wheels; the pure-Python one is the fallback.
BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# First characters of plain scalars that may be something other than a string
# (null, bool, int, float, timestamp, merge, ...).
_MAYBE_TYPED = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)


class YamlLoader(BaseLoader):  # type: ignore[misc]
    """The safe loader with a quicker tag resolver: PyYAML calls `resolve`
    (Python) for every scalar, and runs regular expressions on each; most
    claim texts start with a letter no implicit type can start with."""

    def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and (not value or value[0] in _MAYBE_TYPED):
                tag: str = super().resolve(kind, value, implicit)
                return tag
            return STR_TAG
        return SEQ_TAG if kind is yaml.SequenceNode else MAP_TAG


MAX_DEPTH = 1000  # YAML nesting levels; real maps use a few dozen
# Below this cheap upper bound on nesting, composing cannot exhaust the C
# stack (libyaml's composer recurses; 10,000 levels were fine, 100,000 crashed).
_SAFE_DEPTH_BOUND = 5000


def compose(text: str, file: str) -> yaml.Node:
    if not text.strip():
        raise InputError(f"{file}: empty file, no map in it")
    if _depth_bound(text) > _SAFE_DEPTH_BOUND:
        _check_depth_by_events(text, file)
    try:
        node = yaml.compose(text, Loader=YamlLoader)
    except yaml.MarkedYAMLError as exc:
        if _is_depth_limit(exc):
            raise _too_deep(exc, file) from None
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            raise InputError(f"{file}: YAML syntax: {problem}") from None
        raise InputError(f"YAML syntax: {problem}", mark_span(file, mark)) from None
    except yaml.YAMLError as exc:
        raise InputError(f"{file}: YAML: {str(exc).splitlines()[0]}") from None
    if node is None:
        raise InputError(f"{file}: empty file, no map in it")
    return node


def _depth_bound(text: str) -> int:
    """A cheap upper bound on nesting: block nesting needs a column per level,
    flow nesting a bracket per level."""
    longest = max(map(len, text.splitlines()), default=0)
    return longest + text.count("[") + text.count("{") + 2


def _check_depth_by_events(text: str, file: str) -> None:
    """Raise InputError where the text nests deeper than MAX_DEPTH."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=YamlLoader):
            if isinstance(event, (yaml.CollectionStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    message = f"nested more than {MAX_DEPTH} levels deep"
                    if event.start_mark is None:
                        raise InputError(f"{file}: {message}")
                    raise InputError(message, mark_span(file, event.start_mark))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if _is_depth_limit(exc):
            raise _too_deep(exc, file) from None
        problem = exc.problem or "invalid YAML"
        if mark is None:
            raise InputError(f"{file}: YAML syntax: {problem}") from None
        raise InputError(f"YAML syntax: {problem}", mark_span(file, mark)) from None


def _is_depth_limit(exc: yaml.MarkedYAMLError) -> bool:
    return "nesting" in (exc.problem or "") or "depth" in (exc.problem or "")


def _too_deep(exc: yaml.MarkedYAMLError, file: str) -> InputError:
    """libyaml 0.2.6 and later (in PyYAML's wheels from 6.0.3) stops at a
    nesting limit of its own, 1000 levels as argmap's, in its own words and
    while scanning ahead, a line earlier than argmap counts in block style.
    Said as argmap says it, with whichever PyYAML is installed."""
    message = f"nested more than {MAX_DEPTH} levels deep"
    mark = exc.problem_mark or exc.context_mark
    return InputError(f"{file}: {message}") if mark is None else InputError(message, mark_span(file, mark))


def mark_span(file: str, mark: Any) -> SourceSpan:
    """A span from a PyYAML mark (the C and Python parsers have their own Mark types)."""
    return SourceSpan(file, mark.line + 1, mark.column + 1)


def node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == NULL_TAG:
        return "empty"
    if node.tag == STR_TAG:
        return "a string"
    return f"a {node.tag.removeprefix(TAG)}"
