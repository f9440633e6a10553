"""A map diff as a Graphviz diagram: both versions in one picture, what was
added in green, removed in red (its text struck through), changed in amber,
the rest in grey, with a legend.

Drawn by the DOT renderer's own machinery (`draw_graph`, `label`,
`DotGraph`), so labels, joints for linked premises and undercuts, and
quoting are the same as in `argmap render`. Colour here says what changed;
the relation type is the line's style and arrowhead (solid support, dashed
attack, dotted undercut).
"""

from __future__ import annotations

from argmap.diff import Mark, Union
from argmap.focus import induced_relations
from argmap.model import Claim, Relation, RelationType
from argmap.renderers import RenderOptions
from argmap.renderers.dot import (
    _EDGE_ATTRS,
    _NODE_ATTRS,
    EDGE_THEME,
    draw_graph,
    graph_attributes,
    label,
    legend_arrows,
    legend_box,
)
from argmap.renderers.dot_syntax import AttrList, DotGraph


class MarkLook:
    def __init__(self, border: str, fill: str, font: str, legend: str) -> None:
        self.border, self.fill, self.font, self.legend = border, fill, font, legend


MARK_THEME: dict[Mark, MarkLook] = {
    Mark.ADDED: MarkLook("#2e7d32", "#e3f4e4", "#1b1b1b", "added"),
    Mark.REMOVED: MarkLook("#c62828", "#fbe3e3", "#7a1c1c", "removed"),
    Mark.CHANGED: MarkLook("#e08a00", "#fff0d6", "#1b1b1b", "changed"),
    Mark.SAME: MarkLook("#9e9e9e", "#f4f4f4", "#616161", "unchanged"),
}

_CLAIM_LOOK = {
    mark: AttrList(
        {
            "color": look.border,
            "fillcolor": look.fill,
            "fontcolor": look.font,
            "penwidth": "1" if mark is Mark.SAME else "1.8",
            "class": f"claim {mark.value}",
        }
    )
    for mark, look in MARK_THEME.items()
}
_EDGE_LOOK = {
    (mark, type_, into_joint): AttrList(
        {
            "arrowhead": "none" if into_joint else EDGE_THEME[type_].arrowhead,
            "color": look.border,
            "style": EDGE_THEME[type_].style,
            "class": f"{type_.value} {mark.value}",
        }
    )
    for mark, look in MARK_THEME.items()
    for type_ in RelationType
    for into_joint in (False, True)
}
_JOINT_LOOK = {
    mark: AttrList(
        {"label": "", "color": look.border, "fillcolor": look.border, "shape": "point", "width": "0.09"}
    )
    for mark, look in MARK_THEME.items()
}


def diff_dot(union: Union, options: RenderOptions) -> str:
    """DOT text of the union of two versions."""
    amap = union.map
    claims = amap.claim_index()
    kept = induced_relations(amap, set(claims))
    drawn = [r for r in amap.relation_index().values() if r.id in kept]
    dot = DotGraph(
        "argmap-diff", graph=graph_attributes(amap.title, options), node=_NODE_ATTRS, edge=_EDGE_ATTRS
    )
    if options.legend:
        _legend(dot)

    def claim_node(claim: Claim) -> tuple[dict[str, str], AttrList]:
        mark = union.claims.get(claim.id, Mark.SAME)
        text = label(claim.text, options.wrap, small=claim.id, strike=mark is Mark.REMOVED)
        return {"id": claim.id, "label": text}, _CLAIM_LOOK[mark]

    def edge_look(relation: Relation, into_joint: bool) -> AttrList:
        return _EDGE_LOOK[union.relations.get(relation.id, Mark.SAME), relation.type, into_joint]

    def joint_look(relation: Relation) -> AttrList:
        return _JOINT_LOOK[union.relations.get(relation.id, Mark.SAME)]

    draw_graph(dot, claims.values(), drawn, claim_node, edge_look, joint_look)
    return dot.source()


def _legend(dot: DotGraph) -> None:
    """One swatch per mark, then one grey sample arrow per relation type."""
    box = legend_box(dot)
    for mark, look in MARK_THEME.items():
        name = f"legend/{mark.value}"
        box.node(
            name,
            {"id": name, "label": label(look.legend, 0, size="10", strike=mark is Mark.REMOVED)},
            _CLAIM_LOOK[mark],
        )
    grey = MARK_THEME[Mark.SAME].border
    legend_arrows(box, lambda _: grey, lambda type_: _EDGE_LOOK[Mark.SAME, type_, False])
