"""YAML text -> a composed node tree, with guards: nesting depth (libyaml's
composer recurses), empty files, and one-line errors that point into the text."""

from __future__ import annotations

from typing import Any

import yaml

from argmap.errors import SYNTAX_CHECK, InputError
from argmap.model import SourceSpan

TAG = "tag:yaml.org,2002:"
STR_TAG, NULL_TAG, MAP_TAG, SEQ_TAG = TAG + "str", TAG + "null", TAG + "map", TAG + "seq"
BOOL_TAG, FLOAT_TAG = TAG + "bool", TAG + "float"
SCALAR_TAGS = frozenset(TAG + t for t in ("str", "int", "float", "bool", "null"))
# Implicit types no argmap key takes: a plain `2024-01-01`, `=` or `<<` is
# text as written (format.md), not a type the user never asked for.
_AS_TEXT = frozenset(TAG + t for t in ("timestamp", "value", "merge"))

# The C loader ships in PyYAML's wheels; the pure-Python one is the fallback.
BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# First characters of plain scalars that may be something other than a string
# (null, bool, int, float, timestamp, merge, ...).
_MAYBE_TYPED = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)


class _QuickResolve:
    """The safe loader's tag resolver, quicker: PyYAML calls `resolve`
    (Python) for every scalar, and runs regular expressions on each; most
    claim texts start with a letter no implicit type can start with."""

    def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and (not value or value[0] in _MAYBE_TYPED):
                tag: str = yaml.resolver.BaseResolver.resolve(self, kind, value, implicit)  # type: ignore[arg-type, no-untyped-call]
                return STR_TAG if tag in _AS_TEXT else tag
            return STR_TAG
        return SEQ_TAG if kind is yaml.SequenceNode else MAP_TAG


class YamlLoader(_QuickResolve, BaseLoader):  # type: ignore[misc]
    """The safe loader (C where PyYAML has it) with the quicker resolver."""


MAX_DEPTH = 1000  # YAML nesting levels; real maps use a few dozen
# Below this cheap upper bound on nesting, composing cannot exhaust the C
# stack (libyaml's composer recurses; 10,000 levels were fine, 100,000 crashed).
_SAFE_DEPTH_BOUND = 5000


def compose(text: str, file: str) -> yaml.Node:
    if not text.strip():
        raise InputError(f"{file}: empty file, no map in it")
    if depth_bound(text) > _SAFE_DEPTH_BOUND:
        _check_depth_by_events(text, file)
    try:
        node = yaml.compose(text, Loader=YamlLoader)
    except yaml.YAMLError as exc:
        raise yaml_input_error(exc, text, file) from None
    if node is None:
        raise InputError(f"{file}: empty file, no map in it")
    return node


def compose_json(text: str, file: str) -> yaml.Node:
    """Nodes with positions for text `json` has already taken as strict JSON.
    YAML limits a key to 1,024 characters on one line and JSON does not: a
    text PyYAML's C composer refuses for that alone is composed again by the
    pure-Python one with the limit lifted (slower, and only then)."""
    try:
        return compose(text, file)
    except InputError:
        pass
    try:
        node = yaml.compose(text, Loader=_JsonLoader)
    except RecursionError:
        raise InputError(f"{file}: nested too deeply") from None
    except yaml.YAMLError as exc:
        raise yaml_input_error(exc, text, file) from None
    if node is None:
        raise InputError(f"{file}: empty file, no map in it")
    return node


class _JsonLoader(_QuickResolve, yaml.SafeLoader):
    """The pure-Python loader, keys of any length (for strict JSON only,
    where every key is a quoted string in a flow mapping)."""

    def stale_possible_simple_keys(self) -> None:
        """Keeps every possible key: the JSON parser has vouched for them."""


def depth_bound(text: str) -> int:
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
    except yaml.YAMLError as exc:
        raise yaml_input_error(exc, text, file) from None


def yaml_input_error(exc: yaml.YAMLError, text: str, file: str) -> InputError:
    """PyYAML's error as one line at its place in the file."""
    if isinstance(exc, yaml.reader.ReaderError):
        # A character YAML does not allow anywhere (C0 and C1 controls, NUL,
        # U+FFFE): the reader counts characters, not lines.
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        return InputError(
            f"YAML does not allow the character {what} (a control character or non-character)",
            SourceSpan(file, line, column),
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        if _is_depth_limit(exc):
            return _too_deep(exc, file)
        problem, at_context = _explain(exc, text)
        mark = (exc.context_mark if at_context else None) or exc.problem_mark or exc.context_mark
        message = f"YAML syntax: {problem} ({SYNTAX_CHECK})"
        if mark is None:
            return InputError(f"{file}: {message}")
        return InputError(message, mark_span(file, mark))
    return InputError(f"{file}: YAML: {str(exc).splitlines()[0]}")


def _explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, bool]:
    """The problem in argmap's words for the slips people make most in
    argument text (PyYAML's own otherwise), and whether it is better placed
    where PyYAML's context began: a missing ':' is noticed only on the next
    line, an unclosed quote only at the end of the file."""
    problem, context = exc.problem or exc.context or "invalid YAML", exc.context or ""
    mark = exc.problem_mark
    if problem.startswith("mapping values are not allowed"):
        return "': ' inside unquoted text starts a key; put the whole text in quotes", False
    if problem == "could not find expected ':'":
        return "this line is no 'key: value' (no ': ' found)", True
    if "another document" in problem:
        return "a second YAML document ('---'); a map file holds one", False
    if context.startswith("while scanning a quoted scalar"):
        return "a quoted text that is never closed (its quote starts here)", True
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return "a tab; YAML indents with spaces only", False
    if problem.startswith(("did not find expected '-' indicator", "did not find expected key")):
        return "this line's indentation does not match the lines above it", False
    return problem, False


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
