"""The map as a rich Tree for the terminal.

Conclusions at the top; under each claim the claims that support (+), attack
(-) or undercut (~) it. A claim that appears a second time (a cross-link) is
shown by id only, so cycles and shared premises print once.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from rich.console import Console
from rich.errors import StyleSyntaxError
from rich.style import Style
from rich.text import Text
from rich.tree import Tree

from argmap.model import ArgumentMap, Claim, Relation, RelationType
from argmap.render.options import RenderOptions


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
_LINKED = _Look("&", "linked", "green")


def _side_style(colour: str | None) -> str:
    """The side's own colour where Rich knows it (#rrggbb or a name), else cyan."""
    if colour:
        try:
            Style.parse(colour)
        except StyleSyntaxError:
            pass
        else:
            return f"bold {colour}"
    return "bold cyan"


_STATUS_LOOK = {
    "in": ("\u2713 in", "bold green"),
    "out": ("\u2717 out", "bold red"),
    "undec": ("? undec", "bold yellow"),
}


def _claim_line(
    claim: Claim, relation: Relation | None, amap: ArgumentMap, seen: bool, status: str | None = None
) -> Text:
    line = Text()
    if relation is not None:
        look = LOOKS[relation.type]
        line.append(f"{look.glyph} ", style=f"bold {look.style}")
    line.append(f"[{claim.id}]", style="dim")
    if status is not None:
        mark, style = _STATUS_LOOK.get(status, (status, "bold cyan"))
        line.append(f" ({mark})", style=style)
    if claim.by is not None:
        side = amap.sides.get(claim.by)
        name = side.name if side is not None and side.name else claim.by
        line.append(f" {name}:", style=_side_style(side.colour if side is not None else None))
    if seen:
        line.append(" (see above)", style="dim italic")
    else:
        line.append(" ")
        line.append(claim.text)
    return line


def build_tree(amap: ArgumentMap, options: RenderOptions) -> Tree:
    claims = amap.claim_index()
    incoming = amap.incoming()
    title = Text(amap.title or amap.file, style="bold")
    top = Tree(title, guide_style="dim")
    shown: set[str] = set()
    # (branch to add to, claim id, relation into its parent, level)
    stack: list[tuple[Tree, str, Relation | None, int]] = []
    group_branches: dict[tuple[int, str], Tree] = {}
    # The asked-for root is the top even when, around a cycle, something
    # under it attacks back into it (then it is no conclusion of the sub-map).
    roots = [claims[options.root]] if options.root in claims else amap.roots()
    for root in reversed(roots):
        stack.append((top, root.id, None, 0))
    unvisited = iter(amap.claims)
    while True:
        if not stack:
            # Claims no root reaches (attack cycles) get a top entry of their own.
            rest = next((c for c in unvisited if c.id not in shown), None)
            if rest is None:
                break
            stack.append((top, rest.id, None, 0))
        branch, claim_id, via, level = stack.pop()
        if via is not None and via.group is not None and via.type is RelationType.SUPPORT:
            # Linked premises sit together under one "linked" branch, made
            # when its first member is reached so siblings keep their order.
            key = (id(branch), via.group)
            if key not in group_branches:
                label = Text(f"{_LINKED.glyph} linked: ", style=f"bold {_LINKED.style}")
                label.append(via.group, style="dim")
                group_branches[key] = branch.add(label)
            branch = group_branches[key]
        claim = claims.get(claim_id)
        if claim is None:
            continue
        seen = claim_id in shown
        node = branch.add(_claim_line(claim, via, amap, seen, options.status.get(claim_id)))
        shown.add(claim_id)
        children: list[tuple[Tree, str, Relation | None, int]] = []
        deeper = options.depth is None or level < options.depth
        if not seen and deeper:
            for relation in incoming.get(claim_id, []):
                children.append((node, relation.source, relation, level + 1))
        # Undercuts attack the inference into the parent, so they hang under
        # the premise (even where it is only a cross-link), after its own
        # reasons: first why the premise holds, then why it may not follow.
        if via is not None and deeper:
            for undercut in incoming.get(via.id, []):
                children.append((node, undercut.source, undercut, level + 1))
        stack.extend(reversed(children))
    return top


def tree_text(tree: Tree, width: int = 100) -> str:
    """Plain text of a tree, as printed to a pipe."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, no_color=True, color_system=None, markup=False).print(tree)
    return buffer.getvalue()


class TreeRenderer:
    name = "tree"

    def render(self, amap: ArgumentMap, options: RenderOptions, /) -> str:
        return tree_text(build_tree(amap, options))
