"""A small writer of Graphviz DOT text: one digraph, its default attributes,
nodes, edges and cluster subgraphs.

Why not the `graphviz` package's `Digraph`: it decides per value whether and
how to quote (regular expressions, a keyword table, a wrapper call per
attribute), and on a 10,000-claim map that alone costs several times the
whole time budget of `argmap render --format dot`. Here there is nothing to
decide: every node name and attribute value goes through `quote()`, which
always writes a double-quoted string. One quoting function for everything
also keeps user text safe: a claim id or a colour can never end a string,
start an HTML label, name a port or read as a DOT keyword.

The one exception is an `HtmlLabel`, a distinct type that only the label
helper of the DOT renderer builds (from text it has already escaped as
HTML): it is written as is, `<...>`, unquoted.

Values are read by Graphviz as escString (the type of `label`, `id`,
`tooltip`, `URL`): in `quote()` a backslash is doubled so `\\N` or `\\l` in
user text stays two characters, and a line break becomes `\\n`.

Attributes are written in the order given and statements in the order
made, so the same calls always give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Final, final

from argmap.text import escape_controls

__all__ = ["AttrList", "DotGraph", "HtmlLabel", "quote"]


@final
class HtmlLabel(str):
    """An HTML-like label, outer angle brackets included (`<a<BR/>b>`):
    written into the DOT as is. Build one only from escaped text."""

    __slots__ = ()


def quote(value: str) -> str:
    """`value` as a DOT double-quoted string, read back by Graphviz as the
    same text: `\\` -> `\\\\`, `"` -> `\\"`, a line feed -> `\\n`. Control
    characters (NUL, which Graphviz's C strings cannot hold; the rest, which
    XML cannot carry into SVG and a terminal should not get) and
    non-characters are written as visible escapes (`\\x1b`): text.escape_controls."""
    if not value.isprintable():  # one C-speed test; nearly always True
        value = escape_controls(value)
    # Four substring tests are cheaper than one str.translate on the short
    # strings this sees (ids, colours), and nearly always find nothing.
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if '"' in value:
        value = value.replace('"', '\\"')
    if "\n" in value:
        value = value.replace("\n", "\\n")
    if len(value) > _LONG and len(value.encode("utf-8")) > MAX_QUOTED_BYTES:
        value = _cut_to_bytes(value, MAX_QUOTED_BYTES - 8) + "\u2026"
    return f'"{value}"'


# Graphviz's scanner refuses a quoted string over 16,384 bytes ("longer than
# 16384?"); a claim's full text as a tooltip can be longer: cut with "…".
MAX_QUOTED_BYTES = 16_000
_LONG = MAX_QUOTED_BYTES // 4  # no string this short can be too long in UTF-8


def _cut_to_bytes(value: str, limit: int) -> str:
    """The longest start of `value` within `limit` bytes of UTF-8, not ending
    inside an escape (a lone backslash would escape the closing quote)."""
    cut = value.encode("utf-8")[:limit].decode("utf-8", errors="ignore")
    trailing = len(cut) - len(cut.rstrip("\\"))
    return cut[: len(cut) - 1] if trailing % 2 else cut


Attrs = Mapping[str, str]
_NO_ATTRS: Final[Attrs] = MappingProxyType({})

# Attribute names come from code, not from users: plain identifiers that are
# not DOT keywords, checked once each.
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
_checked_names: set[str] = set()


def _check_name(name: str) -> None:
    if _NAME.fullmatch(name) is None or name.lower() in _KEYWORDS:
        raise ValueError(f"not a DOT attribute name: {name!r}")
    _checked_names.add(name)


@final
class AttrList:
    """Attributes quoted once, for the many statements that share them (all
    the claims of one side, all the edges of one type): quoting is most of
    the cost of writing DOT."""

    __slots__ = ("text",)

    def __init__(self, attrs: Attrs = _NO_ATTRS, /, **more: str) -> None:
        self.text: Final = " ".join(_attr_texts((attrs, more)))


def _attr_texts(parts: tuple[Attrs | AttrList, ...]) -> list[str]:
    """`name="value"` for each attribute of `parts`, in order. One flat loop:
    this runs for every statement, and its cost is the cost of the writer."""
    texts: list[str] = []
    for part in parts:
        if type(part) is AttrList:
            if part.text:
                texts.append(part.text)
            continue
        for name, value in part.items():
            if name not in _checked_names:
                _check_name(name)
            texts.append(f"{name}={value if type(value) is HtmlLabel else quote(value)}")
    return texts


def _a_list(texts: list[str]) -> str:
    return f" [{' '.join(texts)}]" if texts else ""


class DotGraph:
    """A digraph as DOT text: default attributes for the graph, its nodes
    and its edges, then statements in the order they are made.

    A statement's attributes are mappings or `AttrList`s, written in the
    order given, then keywords; names that are Python keywords pass in a
    mapping: `dot.node("c1", {"label": HtmlLabel("<C1>")}, {"class": "claim"})`.
    """

    def __init__(
        self,
        name: str,
        *,
        graph: Attrs = _NO_ATTRS,
        node: Attrs = _NO_ATTRS,
        edge: Attrs = _NO_ATTRS,
        _keyword: str = "digraph",  # "subgraph", from subgraph()
        _depth: int = 0,
        _names: dict[str, str] | None = None,
    ) -> None:
        self._head = f"{_keyword} {quote(name)} {{"
        # Node name -> quoted, shared with subgraphs: each name is written
        # about three times (its node, edges in and out).
        self._names: dict[str, str] = {} if _names is None else _names
        self._depth = _depth
        self._indent = "\t" * (_depth + 1)
        self._body: list[str | DotGraph] = []
        for kind, attrs in (("graph", graph), ("node", node), ("edge", edge)):
            if attrs:
                self._body.append(f"{self._indent}{kind}{_a_list(_attr_texts((attrs,)))}")

    def node(self, name: str, /, *attrs: Attrs | AttrList, **more: str) -> None:
        texts = _attr_texts((*attrs, more) if more else attrs)
        self._body.append(f"{self._indent}{self._name(name)}{_a_list(texts)}")

    def node_with_id(self, name: str, /, *attrs: Attrs | AttrList) -> None:
        """A node whose `id` attribute (written first) is its name, quoted
        once for both: the usual claim node, thousands to a map."""
        quoted = self._name(name)
        texts = _attr_texts(attrs)
        self._body.append(
            f"{self._indent}{quoted} [id={quoted} {' '.join(texts)}]"
            if texts
            else f"{self._indent}{quoted} [id={quoted}]"
        )

    def labelled_node(self, name: str, label: HtmlLabel, tooltip: str, /, *looks: AttrList) -> None:
        """`node_with_id(name, {"label": label, "tooltip": tooltip}, *looks)`
        in one line: the claim node of the usual case, without building and
        walking an attribute mapping for each of thousands."""
        quoted = self._name(name)
        rest = "".join([f" {look.text}" for look in looks if look.text])
        self._body.append(
            f"{self._indent}{quoted} [id={quoted} label={label} tooltip={quote(tooltip)}{rest}]"
        )

    def id_edge(self, tail: str, head: str, edge_id: str, /, *looks: AttrList) -> None:
        """`edge(tail, head, {"id": edge_id}, *looks)` in one line: the
        usual arrow, thousands to a map, without an attribute mapping each."""
        rest = "".join([f" {look.text}" for look in looks if look.text])
        self._body.append(
            f"{self._indent}{self._name(tail)} -> {self._name(head)} [id={quote(edge_id)}{rest}]"
        )

    def edge(self, tail: str, head: str, /, *attrs: Attrs | AttrList, **more: str) -> None:
        texts = _attr_texts((*attrs, more) if more else attrs)
        self._body.append(f"{self._indent}{self._name(tail)} -> {self._name(head)}{_a_list(texts)}")

    def subgraph(
        self, name: str, *, graph: Attrs = _NO_ATTRS, node: Attrs = _NO_ATTRS, edge: Attrs = _NO_ATTRS
    ) -> DotGraph:
        """A subgraph, written here in statement order, with its own default
        attributes; fill it through the graph returned. A name starting
        `cluster` makes Graphviz draw it as a box."""
        sub = DotGraph(
            name,
            graph=graph,
            node=node,
            edge=edge,
            _keyword="subgraph",
            _depth=self._depth + 1,
            _names=self._names,
        )
        self._body.append(sub)
        return sub

    def _name(self, name: str) -> str:
        quoted = self._names.get(name)
        if quoted is None:
            quoted = self._names[name] = quote(name)
        return quoted

    def source(self) -> str:
        """The DOT text, ending in a line feed."""
        lines: list[str] = []
        self._write(lines)
        lines.append("")  # the last line feed, without copying the whole text again
        return "\n".join(lines)

    def parts(self, lines_each: int = 2000) -> Iterator[str]:
        """The DOT text of `source()` in pieces of whole lines: written as
        it is joined, no copy of the whole text is made."""
        lines: list[str] = []
        self._write(lines)
        for start in range(0, len(lines), lines_each):
            yield "\n".join(lines[start : start + lines_each]) + "\n"

    def _write(self, lines: list[str]) -> None:
        lines.append("\t" * self._depth + self._head)
        for statement in self._body:
            if isinstance(statement, DotGraph):
                statement._write(lines)
            else:
                lines.append(statement)
        lines.append("\t" * self._depth + "}")
