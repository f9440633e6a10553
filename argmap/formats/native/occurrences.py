"""Where a map's ids are defined and used, and its claim tree, from the
located YAML nodes: what an editor needs for go to definition, references,
rename, the outline and folding.

Positions here are 0-based lines and columns counted in code points (as
PyYAML's marks count them); the language server turns them into the UTF-16
units its protocol speaks. The walk follows the native reader's shapes but
reads leniently: it never reports problems (the reader and the checks do),
it only notes what it finds, so a half-written map still has an index.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

import yaml

from argmap.formats.native.fields import SOURCE_REF_KEYS
from argmap.formats.native.read import CHILD_KEYS
from argmap.io.gc_pause import gc_paused
from argmap.model import MORE_SOURCES_KEY, RelationType
from argmap.yaml.compose import compose

# A map's composed YAML, as the index and the reader take it.
Composed = yaml.Node
# A claim's lists of children -> what each child is to it: "premise", ...
CHILD_ROLES = {key: key.removesuffix("s") for key in CHILD_KEYS}
RELATION_TYPE_NAMES = frozenset(t.value for t in RelationType)


class TextRange(NamedTuple):
    """From (line, column) up to, not including, (end_line, end_column); 0-based, in code points."""

    line: int
    column: int
    end_line: int
    end_column: int

    def contains(self, line: int, column: int) -> bool:
        return (self.line, self.column) <= (line, column) <= (self.end_line, self.end_column)


class IdKind(StrEnum):
    CLAIM = "claim"
    SIDE = "side"
    SOURCE = "source"


class Occurrence(NamedTuple):
    """One place an id is written: where it is defined, or a use of it.
    `exact` is false where the text at `range` is not the id as written
    (an escaped quoted scalar): navigation may use it, a rename may not."""

    kind: IdKind
    id: str
    range: TextRange
    definition: bool
    exact: bool = True


@dataclass(frozen=True, slots=True)
class OutlineClaim:
    """A claim as the outline shows it: `range` is its whole entry,
    `selection` its id; `role` how it hangs under its parent."""

    id: str
    text: str
    range: TextRange
    selection: TextRange
    role: str | None
    children: tuple[OutlineClaim, ...] = ()


@dataclass(frozen=True, slots=True)
class MapIndex:
    occurrences: tuple[Occurrence, ...]
    outline: tuple[OutlineClaim, ...]

    def at(self, line: int, column: int) -> Occurrence | None:
        """The id written at this position, if any."""
        return next((o for o in self.occurrences if o.range.contains(line, column)), None)

    def of(self, kind: IdKind, id_: str) -> list[Occurrence]:
        return [o for o in self.occurrences if o.kind is kind and o.id == id_]


def index_yaml(text: str, file: str = "<map>") -> MapIndex:
    """The index of a map's YAML (or JSON) text; raises InputError where the
    text is no YAML at all."""
    return index_root(compose(text, file), text)


def index_root(root: yaml.Node, text: str) -> MapIndex:
    """The index of a map's composed YAML, `text` being what it was composed from."""
    walker = _IndexWalker(text)
    with gc_paused():
        if isinstance(root, yaml.MappingNode):
            walker.top(root)
    return MapIndex(tuple(walker.occurrences), tuple(walker.outline))


def node_ends(root: yaml.Node, starts: set[tuple[int, int]]) -> dict[tuple[int, int], tuple[int, int]]:
    """Where the nodes starting at `starts` end (the scalar, where a mapping
    and its first key start together): a diagnostic's span is a node's start,
    its range the node. Only asked for where there are diagnostics."""
    ends: dict[tuple[int, int], tuple[int, int]] = {}
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue  # an alias: the same node again
        seen.add(id(node))
        mark = node.start_mark
        start = (mark.line, mark.column)
        if start in starts and (start not in ends or isinstance(node, yaml.ScalarNode)):
            ends[start] = (node.end_mark.line, node.end_mark.column)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return ends


def scalar_at(root: yaml.Node, line: int, column: int) -> TextRange | None:
    """The range of the scalar (key or value) written at this position, if any."""
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            found = node_range(node)
            if found.contains(line, column):
                return found
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def node_range(node: yaml.Node) -> TextRange:
    return TextRange(node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)


def _entries(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            found.setdefault(str(key.value), (key, value))
    return found


def _items(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _scalar(node: yaml.Node | None) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.value != "" and node.tag.endswith(("str", "int", "float")):
        return str(node.value)
    return None


class _IndexWalker:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.occurrences: list[Occurrence] = []
        self.outline: list[OutlineClaim] = []
        self.seen: set[int] = set()

    # -- noting ids --------------------------------------------------------------

    def note(self, kind: IdKind, node: yaml.Node | None, definition: bool = False) -> None:
        value = _scalar(node)
        if value is None or node is None:
            return
        inner = self.inner_range(node, value)
        exact = inner is not None
        self.occurrences.append(Occurrence(kind, value, inner or node_range(node), definition, exact))

    def inner_range(self, node: yaml.Node, value: str) -> TextRange | None:
        """The range of the value's own characters (inside its quotes), or
        None when they are not written as they read (escapes, folding)."""
        start, end = node.start_mark, node.end_mark
        if start.line != end.line or start.line >= len(self.lines):
            return None
        quoted = isinstance(node, yaml.ScalarNode) and node.style in ("'", '"')
        column = start.column + (1 if quoted else 0)
        if self.lines[start.line][column : column + len(value)] != value:
            return None
        return TextRange(start.line, column, start.line, column + len(value))

    def note_relation_id(self, node: yaml.Node | None) -> None:
        """The claim ids inside a relation id an undercut targets
        (`support:p1:c1`), so that renaming p1 renames them there too."""
        value = _scalar(node)
        if value is None or node is None:
            return
        parts = value.split(":")
        inner = self.inner_range(node, value)
        if len(parts) != 3 or parts[0] not in RELATION_TYPE_NAMES or inner is None:
            return
        column = inner.column + len(parts[0]) + 1
        for part in parts[1:]:
            if part:
                part_range = TextRange(inner.line, column, inner.line, column + len(part))
                self.occurrences.append(Occurrence(IdKind.CLAIM, part, part_range, False))
            column += len(part) + 1

    def fresh(self, node: yaml.Node) -> bool:
        if id(node) in self.seen:
            return False
        self.seen.add(id(node))
        return True

    # -- the map -----------------------------------------------------------------

    def top(self, root: yaml.MappingNode) -> None:
        top = _entries(root)
        for kind, key in ((IdKind.SOURCE, "sources"), (IdKind.SIDE, "sides")):
            if key in top and isinstance(top[key][1], yaml.MappingNode):
                for key_node, _ in top[key][1].value:
                    self.note(kind, key_node, definition=True)
        if "claims" in top:
            self.outline.extend(self.claim_list(top["claims"][1], None))
        if "nodes" in top:
            self.outline.extend(self.claim_list(top["nodes"][1], None))
        if "relations" in top:
            for entry in _items(top["relations"][1]):
                self.relation(_entries(entry))
        if "expect" in top:
            for _, (_, by_status) in _entries(top["expect"][1]).items():
                for _, (_, ids) in _entries(by_status).items():
                    for id_node in _items(ids):
                        self.note(IdKind.CLAIM, id_node)

    def relation(self, entries: dict[str, tuple[yaml.Node, yaml.Node]]) -> None:
        if "from" in entries:
            self.note(IdKind.CLAIM, entries["from"][1])
        if "to" not in entries:
            return
        type_node = entries.get("type", (None, None))[1]
        if _scalar(type_node) == RelationType.UNDERCUT.value:
            self.note_relation_id(entries["to"][1])
        else:
            self.note(IdKind.CLAIM, entries["to"][1])

    # -- claims --------------------------------------------------------------------

    def claim_list(self, node: yaml.Node, role: str | None) -> list[OutlineClaim]:
        """The claims of one list and all below them, in document order.
        Without recursion (maps may nest deeply): the claims are read in
        order, each noting its parent, then built into a tree from the last."""
        drafts: list[tuple[_Draft, int | None]] = []  # a claim, the index of its parent
        stack: list[tuple[yaml.Node, str | None, int | None]] = [
            (e, role, None) for e in reversed(_items(node))
        ]
        while stack:
            entry, entry_role, parent = stack.pop()
            if not self.fresh(entry):
                continue
            if isinstance(entry, yaml.ScalarNode):
                self.note(IdKind.CLAIM, entry)  # a cross-link
                continue
            entries = _entries(entry)
            children: list[tuple[yaml.Node, str | None, int | None]] = []
            if "linked" in entries:
                children.extend((e, entry_role, parent) for e in _items(entries["linked"][1]))
                if "undercuts" in entries:
                    children.extend((e, "undercut", parent) for e in _items(entries["undercuts"][1]))
            else:
                draft = self.claim(entry, entries, entry_role)
                if draft is not None:  # children of a claim without an id hang under its parent
                    drafts.append((draft, parent))
                    parent = len(drafts) - 1
                for key, child_role in CHILD_ROLES.items():
                    if key in entries:
                        children.extend((e, child_role, parent) for e in _items(entries[key][1]))
            stack.extend(reversed(children))
        return _tree(drafts)

    def claim(
        self, node: yaml.Node, entries: dict[str, tuple[yaml.Node, yaml.Node]], role: str | None
    ) -> _Draft | None:
        """Note the ids a claim's own fields write; the claim for the outline, if it has an id."""
        id_node = entries.get("id", (None, None))[1]
        self.note(IdKind.CLAIM, id_node, definition=True)
        if "by" in entries:
            self.note(IdKind.SIDE, entries["by"][1])
        for key in ("source", MORE_SOURCES_KEY):
            if key in entries:
                self.source_refs(entries[key][1])
        claim_id = _scalar(id_node)
        if claim_id is None or id_node is None:
            return None
        text = _scalar(entries.get("text", (None, None))[1]) or ""
        return _Draft(claim_id, text, self.trimmed(node), node_range(id_node), role)

    def trimmed(self, node: yaml.Node) -> TextRange:
        """A node's range ending at its last character: a block mapping's
        end mark is where the next entry starts, lines (and comments) later."""
        line, column = node.end_mark.line, node.end_mark.column
        while line > node.start_mark.line and not self.lines_before(line, column).strip():
            line -= 1
            column = len(self.lines[line].rstrip()) if line < len(self.lines) else 0
        return TextRange(node.start_mark.line, node.start_mark.column, line, column)

    def lines_before(self, line: int, column: int) -> str:
        text = self.lines[line][:column] if line < len(self.lines) else ""
        return "" if text.lstrip().startswith("#") else text

    def source_refs(self, node: yaml.Node) -> None:
        for ref_node in [node] if isinstance(node, yaml.MappingNode) else _items(node):
            entries = _entries(ref_node)
            if SOURCE_REF_KEYS[0] in entries:
                self.note(IdKind.SOURCE, entries[SOURCE_REF_KEYS[0]][1])


class _Draft(NamedTuple):
    """A claim of the outline before its children are known."""

    id: str
    text: str
    range: TextRange
    selection: TextRange
    role: str | None


def _tree(drafts: list[tuple[_Draft, int | None]]) -> list[OutlineClaim]:
    """Claims in document order, each with the index of its parent (which
    comes before it), as a tree: built from the last, so that every claim's
    children are done before it."""
    children: list[list[OutlineClaim]] = [[] for _ in drafts]
    roots: list[OutlineClaim] = []
    for number in range(len(drafts) - 1, -1, -1):
        draft, parent = drafts[number]
        claim = OutlineClaim(*draft, children=tuple(reversed(children[number])))
        (roots if parent is None else children[parent]).append(claim)
    return roots[::-1]
