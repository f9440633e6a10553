"""The map as a tree for the terminal: which claim hangs under which
(this module), laid out as guide lines and styled text by render/tree_lines.py
(render/tree_text.py: plain, for a pipe).

Conclusions at the top; under each claim the claims that support (+), attack
(-) or undercut (~) it. A claim that appears a second time (a cross-link) is
shown by id only, so cycles and shared premises print once. A linked group
(premises, counterclaims or undercuts that count only together) sits under
one "linked" branch; what undercuts the group's inference hangs under that
branch, after its members.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from argmap.model import ArgumentMap, Claim, GroupKey, Relation, RelationType, group_key, linked_groups
from argmap.model import Label as Status
from argmap.render.options import RenderOptions
from argmap.render.tree_text import Branch, StyledText, write_plain
from argmap.text import escape_controls


def _safe(text: str) -> str:
    """User text as the terminal may show it (escape_controls), skipping
    its search for the printable text nearly every claim is."""
    return text if text.isprintable() else escape_controls(text)


@dataclass(frozen=True)
class _Look:
    glyph: str
    word: str
    style: str


LOOKS = {
    RelationType.SUPPORT: _Look("+", "supports", "green"),
    RelationType.ATTACK: _Look("-", "attacks", "red"),
    RelationType.UNDERCUT: _Look("~", "undercuts", "magenta"),
}
_LINKED = "&"
_GROUP_WORD = {
    RelationType.SUPPORT: "linked",
    RelationType.ATTACK: "linked attack",
    RelationType.UNDERCUT: "linked undercut",
}


@functools.lru_cache(maxsize=64)
def _side_style(colour: str | None) -> str:
    """The side's own colour where Rich knows it (#rrggbb or a name), else cyan."""
    if colour:
        # Imported here: a tree written to a pipe needs no rich at all.
        from rich.errors import StyleSyntaxError
        from rich.style import Style

        try:
            Style.parse(colour)
        except StyleSyntaxError:
            pass
        else:
            return f"bold {colour}"
    return "bold cyan"


_STATUS_LOOK: dict[str, tuple[str, str]] = {
    Status.IN: ("\u2713 in", "bold green"),
    Status.OUT: ("\u2717 out", "bold red"),
    Status.UNDEC: ("? undec", "bold yellow"),
}


def _claim_line(
    claim: Claim, relation: Relation | None, amap: ArgumentMap, seen: bool, status: str | None = None
) -> StyledText:
    line = StyledText()
    if relation is not None:
        look = LOOKS[relation.type]
        line.append((f"{look.glyph} ", f"bold {look.style}"))
    line.append((f"[{_safe(claim.id)}]", "dim"))
    if relation is not None and relation.weight is not None:
        line.append((f" (impact {relation.weight:g})", "dim"))
    if claim.implicit:
        line.append((" (implicit)", "italic yellow"))
    if claim.origin is not None:
        line.append((f" (from {_safe(claim.origin)})", "italic cyan"))
    if status is not None:
        mark, style = _STATUS_LOOK.get(status, (status, "bold cyan"))
        line.append((f" ({mark})", style))
    if claim.by is not None:
        side = amap.sides.get(claim.by)
        name = side.name if side is not None and side.name else claim.by
        line.append((f" {_safe(name)}:", _side_style(side.colour if side is not None else None)))
    if seen:
        line.append((" (see above)", "dim italic"))
    else:
        line.append((" " + _safe(claim.text), ""))
    if relation is not None and relation.group is None:
        _scheme_note(line, relation)
    return line


def _scheme_note(line: StyledText, relation: Relation) -> None:
    """After the text: the inference's argument scheme (a support, or a
    linked group's line), or the critical question an objection raises."""
    if relation.type is RelationType.SUPPORT and relation.scheme is not None:
        line.append((f"  \u00b7 {_safe(relation.scheme)}", "dim italic"))
    elif relation.type is not RelationType.SUPPORT and relation.question is not None:
        line.append((f"  \u00b7 raises {_safe(relation.question)}", "dim italic"))


# A claim waiting to be added: the branch to add it to, its id, the
# relation into its parent (None at the top), and its level.
_Pending = tuple[Branch, str, Relation | None, int]


def build_tree(amap: ArgumentMap, options: RenderOptions, more: Mapping[str, int] | None = None) -> Branch:
    """The tree; `more`: claim id -> how many claims a depth limit hid under
    it, shown as "+N more" (as render's diagrams do)."""
    top = Branch(StyledText([(_safe(amap.title or amap.file), "bold")]))
    _TreeBuilder(amap, options, top, more or {}).fill()
    return top


class _TreeBuilder:
    def __init__(
        self, amap: ArgumentMap, options: RenderOptions, top: Branch, more: Mapping[str, int]
    ) -> None:
        self.amap = amap
        self.options = options
        self.top = top
        self.more = more
        self.stubs: list[tuple[Branch, int]] = []  # "+N more", added after the claims shown
        self.claims = amap.claim_index()
        self.incoming = amap.incoming()
        self.shown: set[str] = set()
        self.group_branches: dict[tuple[int, GroupKey], Branch] = {}
        self.groups = linked_groups(amap.relations)
        # Relation id -> its linked group: the group's members and inference.
        self.group_of = {r.id: key for key, members in self.groups.items() for r in members}

    def fill(self) -> None:
        """Every claim under the top, depth first (an explicit stack: maps
        can be deep), from the roots, then from what no root reaches."""
        # The asked-for root is the top even when, around a cycle, something
        # under it attacks back into it (then it is no conclusion of the sub-map).
        claims, root = self.claims, self.options.root
        roots = [claims[root]] if root in claims else self.amap.roots()
        stack: list[_Pending] = [(self.top, r.id, None, 0) for r in reversed(roots)]
        unvisited = iter(self.amap.claims)
        while True:
            if not stack:
                # Claims no root reaches (attack cycles) get a top entry of their own.
                rest = next((c for c in unvisited if c.id not in self.shown), None)
                if rest is None:
                    for node, hidden in self.stubs:
                        node.add(StyledText([(f"+{hidden} more", "dim")]))
                    return
                stack.append((self.top, rest.id, None, 0))
            stack.extend(reversed(self._add(*stack.pop())))

    def _add(self, branch: Branch, claim_id: str, via: Relation | None, level: int) -> list[_Pending]:
        """Adds one claim's line; the claims to add under it, in order."""
        branch = self._group_branch(branch, via)
        claim = self.claims.get(claim_id)
        if claim is None:
            return []
        seen = claim_id in self.shown
        node = branch.add(_claim_line(claim, via, self.amap, seen, self.options.status.get(claim_id)))
        if not seen and claim_id in self.more:
            self.stubs.append((node, self.more[claim_id]))
        self.shown.add(claim_id)
        return self._children(node, claim_id, via, level, seen)

    def _group_branch(self, branch: Branch, via: Relation | None) -> Branch:
        """Linked members sit together under one "linked" branch, made when
        its first member is reached so siblings keep their order; an
        undercut of the group's inference joins them there."""
        if via is None:
            return branch
        if via.type is RelationType.UNDERCUT and via.target in self.group_of:
            branch = self.group_branches.get((id(branch), self.group_of[via.target]), branch)
        key = group_key(via)
        if key is None or key not in self.groups:
            return branch
        if (id(branch), key) not in self.group_branches:
            look = LOOKS[via.type]
            label = StyledText([(f"{_LINKED} {_GROUP_WORD[via.type]}: ", f"bold {look.style}")])
            label.append((_safe(key[2]), "dim"))
            _scheme_note(label, via)
            self.group_branches[(id(branch), key)] = branch.add(label)
        return self.group_branches[(id(branch), key)]

    def _incoming(self, target: str) -> list[Relation]:
        """The relations into a claim or an inference, each linked group's
        members followed by the undercuts of the group's inference."""
        found: list[Relation] = []
        for relation in self.incoming.get(target, []):
            found.append(relation)
            key = self.group_of.get(relation.id)
            if key is not None and relation is self.groups[key][-1]:
                for member in self.groups[key]:
                    found += self.incoming.get(member.id, [])
        return found

    def _children(
        self, node: Branch, claim_id: str, via: Relation | None, level: int, seen: bool
    ) -> list[_Pending]:
        if self.options.depth is not None and level >= self.options.depth:
            return []
        children: list[_Pending] = []
        if not seen:
            children += [(node, r.source, r, level + 1) for r in self._incoming(claim_id)]
        # Undercuts attack the inference into the parent, so they hang under
        # the premise (even where it is only a cross-link), after its own
        # reasons: first why the premise holds, then why it may not follow.
        # A linked group's inference is undercut under the group (above).
        if via is not None and via.id not in self.group_of:
            children += [(node, u.source, u, level + 1) for u in self._incoming(via.id)]
        return children


def write_tree_text(
    tree: Branch, width: int, write: Callable[[str], object], *, ascii_only: bool = False
) -> None:
    """The plain text of a tree, as printed to a pipe, passed to `write` in
    chunks (render/tree_text.py); rich is imported only for a label that
    needs its layout (wide or combining characters, a line break, a tab)."""

    def rich_label(label: StyledText, kinds: list[int]) -> str:
        from argmap.render.tree_lines import label_lines

        return label_lines(label, kinds, width, ascii_only)

    write_plain(tree, width, write, rich_label, ascii_only=ascii_only)


def tree_text(tree: Branch, width: int = 100) -> str:
    """Plain text of a tree, as printed to a pipe: no line ends in spaces
    (rich's layout, which this one follows, keeps the space a wrapped line broke at)."""
    chunks: list[str] = []
    write_tree_text(tree, width, chunks.append)
    return "".join(chunks)


class TreeRenderer:
    name = "tree"

    def render(self, amap: ArgumentMap, options: RenderOptions, /) -> str:
        return tree_text(build_tree(amap, options))
