"""The fast path for reading YAML: text -> plain Python data (dicts, lists,
str, int, float, bool, None) by yaml-rs, a YAML parser written in Rust, for
maps that hold nothing unusual. PyYAML (`compose.py`) stays the reference
and the only source of positions: `plain_data` returns None for any text
whose reading it cannot vouch is the one PyYAML gives, and the caller reads
that text with PyYAML instead.

Why yaml-rs: measured in-process on a 10,000-claim map (benchmarks/yaml_paths.py,
results in benchmarks/README.md) it builds the Python data in a fifth of the
time PyYAML's C composer takes for the nodes; ryaml takes twice as long and
stops at 62 levels of nesting; rapidyaml is faster to its own tree but needs a
JSON round trip to reach Python objects, reads `~` as text, accepts YAML
PyYAML refuses and prints to stderr. yaml-rs refuses duplicate keys by
default, as argmap does, and is optional: without it every map is read by
PyYAML, with the same result.

What the fast path cannot vouch for sends the text to PyYAML (see the
"YAML 1.1 and 1.2" section of docs/format.md):

* tags, anchors and aliases (yaml-rs drops tags and expands aliases
  silently); merge keys; directives and second documents;
* characters YAML 1.1 and 1.2 treat differently or PyYAML refuses:
  controls (CR and tab included), NEL, the line and paragraph separators, a
  BOM, non-characters; backslash escapes other than `\\n`, `\\t`, `\\"` and `\\\\`;
* in a flow collection (`[...]`, `{...}`), a node starting with `?`, `-`,
  `:`, `|` or `>` (errors to PyYAML, text to yaml-rs), and flow collections
  over several lines;
* a block scalar that keeps its final line breaks (`|+`), or one with no
  content at the end of the text;
* numbers written in hex, octal or binary (YAML 1.2 reads `0o17` as a number,
  PyYAML's 1.1 as text);
* nesting deeper than the compose guard allows;
* anything yaml-rs refuses (syntax errors, duplicate keys): PyYAML then gives
  the error at its line and column.

The rest (scalars whose type the two YAML versions read differently, such as
`yes`, `1:30` or the timestamp `2001-12-14`) the walker over the data
refuses where the type matters (`argmap.formats.native.plain`).
tests/test_yaml_paths.py holds the two paths to the same result.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import yaml

from argmap.yaml.compose import MAX_DEPTH, SCALAR_TAGS, depth_bound

# The checks below find what only PyYAML reads as argmap means it. They are
# written for speed (substring tests run at memchr speed; one regular
# expression over a 2 MB map costs as much as parsing it): false alarms
# only cost time, the text is then read by PyYAML.

# Characters outside the printable set YAML 1.1 and 1.2 share (C0 and C1
# controls, CR, NEL, the line and paragraph separators, a BOM, surrogates,
# non-characters), and tabs (PyYAML refuses them in more places than yaml-rs).
_ODD_CHARACTER = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_PLAIN_ASCII = bytes([10, *range(0x20, 0x7F)])
# A directive, a second document or a document end; a number in another
# base (YAML 1.2 reads `0o17` as a number, PyYAML's 1.1 as text). Two-letter
# substring tests are slower than these searches for a rare first character.
_UNUSUAL_LINE = re.compile(r"\n(?:%|---|\.\.\.)")
_OTHER_BASE = re.compile(r"0[xXoObB]")
# A tag, anchor or alias starts with one of these where a node may start.
_NODE_PROPERTIES = "!&*"
_NODE_START_BEFORE = frozenset(":[{,\n")
# Backslash escapes other than the everyday ones (hex, unicode, \N, \L,
# \P, \_, a line continuation...).
_ODD_ESCAPE = re.compile(r'\\[^nt"\\]')


def _odd_characters(text: str) -> bool:
    # Deleting the common ASCII bytes leaves the rest, nearly always short,
    # for the slower character test.
    rest = text.encode("utf-8", "surrogatepass").translate(None, _PLAIN_ASCII)
    return bool(rest) and _ODD_CHARACTER.search(rest.decode("utf-8", "surrogatepass")) is not None


def _node_property(text: str) -> bool:
    """Whether a `!`, `&` or `*` may start a tag, an anchor or an alias: it
    follows (blanks aside) a line start, a `:`, a flow bracket or comma, or a
    list dash or `?`. Inside text (`Tom & Jerry`, `*very*`) it does not."""
    for mark in _NODE_PROPERTIES:
        at = text.find(mark)
        while at != -1:
            if _starts_node(text, at):
                return True
            at = text.find(mark, at + 1)
    return False


def _starts_node(text: str, at: int) -> bool:
    before = at - 1
    while True:
        while before >= 0 and text[before] in " \t":
            before -= 1
        if before < 0 or text[before] in _NODE_START_BEFORE:
            return True
        if text[before] not in "-?" or (before > 0 and text[before - 1] not in " \t\n"):
            return False
        before -= 1  # a list dash or `?`: look before it too


# In a flow collection, a node that starts with an indicator: `?` or `:`
# (PyYAML starts no plain text with them there), `-` alone, or a block
# scalar's `|` or `>`. YAML allows none of them there
# and PyYAML says so (or reads `[?]` as a mapping), but yaml-rs reads them as
# plain text.
# Also a `:` right before a flow indicator (`{name:, b: c}`, `[a:]`): libyaml
# refuses it, yaml-rs reads a key with no value.
_FLOW_INDICATOR = re.compile(r"[\[{,:] *(?:[?:|>]|-(?:[ ,\]}]|$))|:[,\[\]{}]")


def _odd_flow(text: str) -> bool:
    """Whether a line with a flow collection (a `[` or `{`) holds a node the
    two parsers read differently, or leaves a bracket open: a collection
    over several lines is left to PyYAML."""
    for bracket in "[{":
        at = text.find(bracket)
        while at != -1:
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            line = text[text.rfind("\n", 0, at) + 1 : end]
            if line.count("[") + line.count("{") > line.count("]") + line.count("}"):
                return True
            if _FLOW_INDICATOR.search(line):
                return True
            at = text.find(bracket, end)
    return False


# A block scalar's header that keeps its final line breaks (`|+`, `>2+`), or
# one that ends the text with no content: yaml-rs and PyYAML end them
# differently.
_KEEP_CHOMPING = re.compile(r"[|>][0-9]?\+")
_BLOCK_HEADER_AT_END = re.compile(r"(?:^|[ :-])[|>][-+0-9]*$")


def _odd_block_scalar(text: str) -> bool:
    end = len(text)
    while end and text[end - 1] in " \n":  # no copy of a big text, as rstrip() makes
        end -= 1
    last_line = text[text.rfind("\n", 0, end) + 1 : end].partition(" #")[0].rstrip()
    return _BLOCK_HEADER_AT_END.search(last_line) is not None or (
        "+" in text and _KEEP_CHOMPING.search(text) is not None
    )


def unusual(text: str, json: bool = False) -> bool:
    """Whether the text holds anything the fast path cannot vouch for.
    `json`: the text is strict JSON (checked by the caller), whose flow
    collections hold quoted strings only."""
    return (
        text.startswith(("%", "...", "\ufeff"))
        or (text.startswith("---") and any(mark in text.partition("\n")[0] for mark in _NODE_PROPERTIES))
        or ("<" in text and "<<" in text)  # a merge key
        or _UNUSUAL_LINE.search(text) is not None
        or _OTHER_BASE.search(text) is not None
        or ("\\" in text and _ODD_ESCAPE.search(text) is not None)
        or _node_property(text)
        or (not json and (_odd_flow(text) or _odd_block_scalar(text)))
        or _odd_characters(text)
    )


# PyYAML's implicit types by first character: those that argmap refuses as
# "unsupported tag" (YAML 1.1's timestamps, `=` and `<<`) and yaml-rs reads as
# plain strings.
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
REFUSED_STARTS = frozenset(
    first
    for first, resolvers in _IMPLICIT.items()
    if first and any(t not in SCALAR_TAGS for t, _ in resolvers)
)


def refused_if_plain(value: str) -> bool:
    """Whether PyYAML would read `value`, written plain, as a type argmap
    refuses (a timestamp such as 2001-12-14, YAML 1.1's `=`)."""
    for tag, pattern in _IMPLICIT.get(value[:1], ()):
        if pattern.match(value):
            return tag not in SCALAR_TAGS
    return False


_parser: ModuleType | None = None
_tried = False


def fast_parser() -> ModuleType | None:
    """yaml-rs when it is installed (it is optional), else None."""
    global _parser, _tried
    if not _tried:
        _tried = True
        with _prompt_purging():
            try:
                _parser = importlib.import_module("yaml_rs")
            except ImportError:
                _parser = None
    return _parser


# yaml-rs allocates with its own copy of mimalloc, which by default keeps
# freed memory for a while (10 ms) before giving it back: the parser's own
# tree (20 MB at 50,000 claims) then stays resident under the model built
# next. Purging at once, read by mimalloc from the environment as the
# module loads, lowers validate's process peak at 50,000 claims from 128 to
# 108 MiB (benchmarks/README.md). A user's own setting is kept.
_PURGE_DELAY = "MIMALLOC_PURGE_DELAY"


@contextmanager
def _prompt_purging() -> Iterator[None]:
    if _PURGE_DELAY in os.environ:
        yield
        return
    os.environ[_PURGE_DELAY] = "0"
    try:
        yield
    finally:
        del os.environ[_PURGE_DELAY]  # the child processes argmap runs keep theirs


def reset_fast_parser() -> None:
    """Look for yaml-rs again on the next read (for tests that hide it)."""
    global _parser, _tried
    _parser, _tried = None, False


def plain_data(text: str, json: bool = False) -> dict[str, Any] | None:
    """The top mapping of a map as plain data, or None when the fast parser
    is missing or cannot vouch for the text (read it with PyYAML then).
    `json`: the text is strict JSON."""
    parser = fast_parser()
    # Strict JSON has passed `json`'s own nesting bound (its recursion limit)
    # already; counting its brackets would send every big JSON map to PyYAML.
    if parser is None or (not json and depth_bound(text) > MAX_DEPTH) or unusual(text, json):
        return None
    try:
        data = parser.loads(text, parse_datetime=False)
    except (ValueError, TypeError, RecursionError):
        # Its error has no place in argmap's words: PyYAML gives that.
        return None
    return data if data.__class__ is dict else None
