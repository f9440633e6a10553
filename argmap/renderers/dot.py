"""A map as Graphviz DOT text, built with `graphviz.Digraph`.

Claims are boxes named by their ids; relations are edges. An undercut attacks
an inference, not a claim, so a relation that is undercut is drawn through a
small joint node (premise -> joint -> conclusion) and the undercut aims at
the joint. Linked premises (support relations sharing a `group` into the same
claim) are one argument: they meet in one joint, then one arrow goes on.

Graphviz copies each element's `id` and `class` into SVG, so the output can
be styled and scripted: claims are `class="claim side-<side>"`, edges are
`class="support|attack|undercut"`, and ids are the map's ids.

Everything the user wrote reaches the DOT through `label()` (wrapped, and
escaped as HTML-like label text) or `literal()` (names and plain attribute
values, taken literally); the graphviz package does the DOT quoting.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass

import graphviz

from argmap.focus import focus, induced_relations
from argmap.model import ArgumentMap, Claim, Relation, RelationType
from argmap.renderers import Direction, RenderOptions

# -- theme ------------------------------------------------------------------

THEME: dict[str, str] = {
    "font": "Helvetica",
    "font_size": "11",
    "id_size": "8",
    "id_colour": "#6b6b6b",
    "claim_border": "#5f5f5f",
    "claim_fill": "#ffffff",
    "legend_border": "#b0b0b0",
    "legend_text": "#333333",
}


@dataclass(frozen=True, slots=True)
class EdgeLook:
    colour: str
    style: str
    arrowhead: str
    legend: str


EDGE_THEME: dict[RelationType, EdgeLook] = {
    RelationType.SUPPORT: EdgeLook("#2e7d32", "solid", "normal", "supports"),
    RelationType.ATTACK: EdgeLook("#c62828", "dashed", "tee", "attacks"),
    RelationType.UNDERCUT: EdgeLook("#7b1fa2", "dotted", "tee", "undercuts"),
}

# (border, fill) per side, in the order the map lists its sides. Kept clear
# of the edge colours (green, red, purple) so a side never reads as a relation.
SIDE_PALETTE: tuple[tuple[str, str], ...] = (
    ("#1565c0", "#e3eefb"),
    ("#e65100", "#fdebd9"),
    ("#00796b", "#ddf2ef"),
    ("#8d6e00", "#f7f0d0"),
    ("#ad1457", "#f9e1ec"),
    ("#455a64", "#e6ecef"),
    ("#5d4037", "#efe7e3"),
    ("#283593", "#e4e6f6"),
)

_HEX_COLOUR = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
# Characters XML (and so Graphviz's HTML-like labels) cannot carry.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# -- text -------------------------------------------------------------------


def label(text: str, wrap: int, *, small: str | None = None, size: str | None = None) -> str:
    """The one way user text becomes a label: wrapped at `wrap` characters
    (0 or less: not wrapped; line breaks the user wrote are kept), escaped,
    with `small` (an id) in small grey type under it.

    HTML-like labels because they escape cleanly: `<`, `>`, `&` and quotes
    become entities, and backslashes a numeric entity (Graphviz folds `\\\\`
    even in HTML labels). Brackets need nothing.
    """
    lines: list[str] = []
    for paragraph in _NOT_XML.sub("\ufffd", text).splitlines() or [""]:
        if wrap > 0:
            lines.extend(textwrap.wrap(paragraph, wrap, break_on_hyphens=False) or [""])
        else:
            lines.append(paragraph)
    body = "<BR/>".join(_html(line) for line in lines)
    if size is not None:
        body = f'<FONT POINT-SIZE="{size}">{body}</FONT>'
    if small is not None:
        body += (
            f'<BR/><FONT POINT-SIZE="{THEME["id_size"]}" COLOR="{THEME["id_colour"]}">{_html(small)}</FONT>'
        )
    return f"<{body}>"


def _html(text: str) -> str:
    escaped = html.escape(_NOT_XML.sub("\ufffd", text), quote=False)
    return escaped.replace('"', "&quot;").replace("\\", "&#92;")


def literal(value: str) -> str:
    """A node name or plain attribute value, taken literally: never read as
    an HTML label, backslashes not read as escapes."""
    escaped: str = graphviz.escape(value)
    return escaped


# -- structure --------------------------------------------------------------


def joint_name(relation: Relation) -> str:
    """The joint node of one relation. Not `joint:<id>`: the graphviz package
    reads `a:b` in an edge end as node `a`, port `b`; '/' is in no id."""
    return "joint/" + relation.id.replace(":", "/")


def group_joint_name(target: str, group: str) -> str:
    return f"linked/{target}/{group}"


@dataclass(frozen=True, slots=True)
class _Layout:
    joint_of: dict[str, str]  # relation id -> the joint it is drawn through
    joints: dict[str, RelationType]  # joint name -> type of its relation(s)
    head: dict[str, str]  # relation id -> node its arrow ends at


def _plan(drawn: list[Relation]) -> _Layout:
    """Which relations go through joints, and where every arrow ends."""
    group_size: dict[tuple[str, str], int] = {}
    for r in drawn:
        if r.type is RelationType.SUPPORT and r.group is not None:
            group_size[(r.target, r.group)] = group_size.get((r.target, r.group), 0) + 1
    undercut = {r.target for r in drawn if r.type is RelationType.UNDERCUT}

    joint_of: dict[str, str] = {}
    joints: dict[str, RelationType] = {}
    for r in drawn:
        if r.type is RelationType.SUPPORT and r.group is not None and group_size[(r.target, r.group)] > 1:
            name = group_joint_name(r.target, r.group)
        elif r.id in undercut:
            name = joint_name(r)
        else:
            continue
        joint_of[r.id] = name
        joints.setdefault(name, r.type)
    # A drawn undercut's target is drawn and undercut, so it has a joint.
    head = {r.id: joint_of[r.target] if r.type is RelationType.UNDERCUT else r.target for r in drawn}
    return _Layout(joint_of, joints, head)


def _side_colours(amap: ArgumentMap) -> dict[str, tuple[str, str]]:
    """Side id -> (border, fill): the map's `colour` if given (a pale tint of
    it as the fill when it is #rgb/#rrggbb, so text stays readable), else the
    palette by the side's place in the map."""
    colours: dict[str, tuple[str, str]] = {}
    for index, side in enumerate(amap.sides.values()):
        if side.colour:
            colours[side.id] = (side.colour, _tint(side.colour))
        else:
            colours[side.id] = SIDE_PALETTE[index % len(SIDE_PALETTE)]
    return colours


def _tint(colour: str) -> str:
    match = _HEX_COLOUR.match(colour)
    if match is None:
        return THEME["claim_fill"]  # a colour name: used for the border only
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return "#" + "".join(f"{round(255 - (255 - c) * 0.15):02x}" for c in channels)


# -- the renderer -----------------------------------------------------------


class DotRenderer:
    name = "dot"

    def render(self, amap: ArgumentMap, options: RenderOptions, /) -> str:
        amap = focus(amap, options.root, options.depth, options.side)
        # Validated maps have unique ids; on an invalid one draw the first of
        # each, and skip relations with a missing end.
        claims = amap.claim_index()
        drawn = list(amap.relation_index().values())
        kept = induced_relations(amap, set(claims))
        drawn = [r for r in drawn if r.id in kept]
        layout = _plan(drawn)
        colours = _side_colours(amap)

        dot = graphviz.Digraph(
            name="argmap",
            graph_attr={
                "rankdir": Direction(options.direction).value,
                "fontname": THEME["font"],
                "nodesep": "0.3",
                "ranksep": "0.4",
                "bgcolor": "white",
            },
            node_attr={
                "shape": "box",
                "style": "rounded,filled",
                "fontname": THEME["font"],
                "fontsize": THEME["font_size"],
                "color": THEME["claim_border"],
                "fillcolor": THEME["claim_fill"],
                "margin": "0.14,0.07",
            },
            edge_attr={"fontname": THEME["font"], "fontsize": "10", "penwidth": "1.4", "arrowsize": "0.8"},
        )
        if amap.title:
            dot.attr("graph", label=label(amap.title, 2 * options.wrap, size="16"), labelloc="t")
        if options.legend:
            _legend(dot, amap, colours)

        for claim in claims.values():
            _claim_node(dot, claim, colours, options.wrap)
        for joint_node, type_ in layout.joints.items():
            dot.node(
                literal(joint_node),
                "",
                id=literal(joint_node),
                shape="point",
                width="0.09",
                color=EDGE_THEME[type_].colour,
                fillcolor=EDGE_THEME[type_].colour,
                _attributes={"class": f"joint {type_.value}"},
            )
        finished: set[str] = set()
        for relation in drawn:
            joint = layout.joint_of.get(relation.id)
            head = layout.head[relation.id]
            if joint is None:
                _edge(dot, relation.type, relation.source, head, relation.id)
                continue
            # premise -> joint carries the relation's id; joint -> conclusion
            # is drawn once per joint (once for a whole linked group).
            _edge(dot, relation.type, relation.source, joint, relation.id, arrowhead="none")
            if joint not in finished:
                finished.add(joint)
                _edge(dot, relation.type, joint, head, joint + "/out")
        source: str = dot.source
        return source


def _claim_node(dot: graphviz.Digraph, claim: Claim, colours: dict[str, tuple[str, str]], wrap: int) -> None:
    side = claim.by if claim.by in colours else None
    border, fill = colours[side] if side else (THEME["claim_border"], THEME["claim_fill"])
    classes = f"claim side-{claim.by}" if claim.by else "claim"
    dot.node(
        literal(claim.id),
        label(claim.text, wrap, small=claim.id),
        id=literal(claim.id),
        color=literal(border),
        fillcolor=literal(fill),
        penwidth="1.6" if side else "1",
        _attributes={"class": literal(classes)},
    )


def _edge(
    dot: graphviz.Digraph,
    type_: RelationType,
    tail: str,
    head: str,
    edge_id: str,
    arrowhead: str | None = None,
) -> None:
    look = EDGE_THEME[type_]
    dot.edge(
        literal(tail),
        literal(head),
        id=literal(edge_id),
        color=look.colour,
        style=look.style,
        arrowhead=arrowhead or look.arrowhead,
        _attributes={"class": type_.value},
    )


def _legend(dot: graphviz.Digraph, amap: ArgumentMap, colours: dict[str, tuple[str, str]]) -> None:
    """A boxed key: one sample arrow per relation type, one swatch per side."""
    with dot.subgraph(name="cluster_legend") as box:
        box.attr(
            label=label("Legend", 0),
            id="legend",
            color=THEME["legend_border"],
            fontcolor=THEME["legend_text"],
            fontsize="11",
            style="rounded",
            labeljust="l",
        )
        # Each sample is a word with an arrow out of it, drawn like the map's
        # arrows (same direction); `group` keeps the arrow straight.
        for type_, look in EDGE_THEME.items():
            tail, head = f"legend/{type_.value}/from", f"legend/{type_.value}/to"
            common = {"group": tail, "color": look.colour}
            box.node(tail, label(look.legend, 0, size="10"), id=tail, shape="plaintext", style="", **common)
            box.node(head, "", id=head, shape="point", width="0.06", fillcolor=look.colour, **common)
            box.edge(
                tail,
                head,
                id=f"legend/{type_.value}",
                color=look.colour,
                style=look.style,
                arrowhead=look.arrowhead,
                _attributes={"class": type_.value},
            )
        for side in amap.sides.values():
            border, fill = colours[side.id]
            name = literal(f"legend/side/{side.id}")
            box.node(
                name,
                label(side.name or side.id, 20, size="10"),
                id=name,
                color=literal(border),
                fillcolor=literal(fill),
                penwidth="1.6",
                _attributes={"class": literal(f"swatch side-{side.id}")},
            )
