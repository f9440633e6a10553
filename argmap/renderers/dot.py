"""A map as Graphviz DOT text, written with `dot_syntax.DotGraph`.

Claims are boxes named by their ids; relations are edges. An undercut attacks
an inference, not a claim, so a relation that is undercut is drawn through a
small joint node (premise -> joint -> conclusion) and the undercut aims at
the joint. Linked premises (support relations sharing a `group` into the same
claim) are one argument: they meet in one joint, then one arrow goes on.

Graphviz copies each element's `id` and `class` into SVG, so the output can
be styled and scripted: claims are `class="claim side-<side>"`, edges are
`class="support|attack|undercut"`, and ids are the map's ids.

Everything the user wrote reaches the DOT through `label()` (wrapped, and
escaped as HTML-like label text, an `HtmlLabel`) or as a plain string that
`DotGraph` quotes (names and all other attribute values, taken literally).
Attributes the same for many statements (a side's colours, an edge type's
look) are quoted once, as `AttrList`s, and labels are wrapped without
textwrap on the fast path: together they keep a 10,000-claim map to about
a tenth of a second.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from argmap.focus import focus, induced_relations
from argmap.model import ArgumentMap, Claim, Relation, RelationType
from argmap.renderers import Direction, RenderOptions
from argmap.renderers.dot_syntax import AttrList, DotGraph, HtmlLabel

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

# `&` first, so the other entities are not escaped again.
_HTML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\\", "&#92;"))
_ID_FONT = f'<BR/><FONT POINT-SIZE="{THEME["id_size"]}" COLOR="{THEME["id_colour"]}">'


def label(
    text: str, wrap: int, *, small: str | None = None, size: str | None = None, strike: bool = False
) -> HtmlLabel:
    """The one way user text becomes a label: wrapped at `wrap` characters
    (0 or less: not wrapped; line breaks the user wrote are kept), escaped,
    with `small` (an id) in small grey type under it; `strike` draws a line
    through the text (not the id).

    HTML-like labels because they escape cleanly: `<`, `>`, `&` and quotes
    become entities, and backslashes a numeric entity (Graphviz folds `\\\\`
    even in HTML labels). Brackets need nothing.
    """
    if text.isprintable():
        # Nearly all text: no line breaks, no whitespace but spaces, nothing
        # XML cannot carry (all are non-printable).
        lines = (_fill(text, wrap) or [""]) if wrap > 0 else [text]
    else:
        lines = []
        for paragraph in _NOT_XML.sub("\ufffd", text).splitlines() or [""]:
            if wrap > 0:
                lines.extend(textwrap.wrap(paragraph, wrap, break_on_hyphens=False) or [""])
            else:
                lines.append(paragraph)
    # Lines hold no line feeds: escape them all at once, then turn the
    # joins into breaks.
    body = _escape("\n".join(lines)).replace("\n", "<BR/>") if len(lines) > 1 else _escape(lines[0])
    if strike:
        body = f"<S>{body}</S>"
    if size is not None:
        body = f'<FONT POINT-SIZE="{size}">{body}</FONT>'
    if small is not None:
        body = f"{body}{_ID_FONT}{_html(small)}</FONT>"
    return HtmlLabel(f"<{body}>")


def _html(text: str) -> str:
    if not text.isprintable():
        text = _NOT_XML.sub("\ufffd", text)
    return _escape(text)


def _escape(text: str) -> str:
    """Text XML can carry, as HTML-label text. A substring test per
    character is cheaper than str.translate, which works a character at a
    time, on text that mostly has none of them."""
    for char, entity in _HTML_ESCAPES:
        if char in text:
            text = text.replace(char, entity)
    return text


def wrap_words(text: str, width: int) -> list[str]:
    """One paragraph as lines of at most `width` (1 or more) characters,
    filled greedily: the lines `textwrap.wrap(text, width,
    break_on_hyphens=False)` gives, at a fraction of its cost for the text
    maps are made of."""
    if text.isprintable():
        return _fill(text, width)
    return textwrap.wrap(text, width, break_on_hyphens=False)


def _fill(text: str, width: int) -> list[str]:
    """`wrap_words` for printable text (no whitespace but spaces). The fast
    path takes words separated by single spaces, none longer than `width`,
    and ends each line at the last space that fits. Anything else (runs of
    spaces, spaces at the ends, a word to split) goes to textwrap itself, so
    its rules hold exactly there too."""
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        return textwrap.wrap(text, width, break_on_hyphens=False)
    if len(text) <= width:
        return [text] if text else []
    lines: list[str] = []
    start = 0
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut < 0:  # a word longer than a line
            return textwrap.wrap(text, width, break_on_hyphens=False)
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return lines


# -- structure --------------------------------------------------------------


def joint_name(relation: Relation) -> str:
    """The joint node of one relation. Not `joint:<id>`: an unquoted `a:b`
    in an edge end reads as node `a`, port `b`. Every name is quoted now,
    but the names stay as they were: they are also the joints' SVG ids."""
    return "joint/" + relation.id.replace(":", "/")


def group_joint_name(target: str, group: str) -> str:
    return f"linked/{target}/{group}"


@dataclass(frozen=True, slots=True)
class _Layout:
    joint_of: dict[str, str]  # relation id -> the joint it is drawn through
    joints: dict[str, Relation]  # joint name -> the first relation through it
    head: dict[str, str]  # relation id -> node its arrow ends at


def _plan(drawn: list[Relation]) -> _Layout:
    """Which relations go through joints, and where every arrow ends."""
    group_size: dict[tuple[str, str], int] = {}
    for r in drawn:
        if r.type is RelationType.SUPPORT and r.group is not None:
            group_size[(r.target, r.group)] = group_size.get((r.target, r.group), 0) + 1
    undercut = {r.target for r in drawn if r.type is RelationType.UNDERCUT}

    joint_of: dict[str, str] = {}
    joints: dict[str, Relation] = {}
    for r in drawn:
        if r.type is RelationType.SUPPORT and r.group is not None and group_size[(r.target, r.group)] > 1:
            name = group_joint_name(r.target, r.group)
        elif r.id in undercut:
            name = joint_name(r)
        else:
            continue
        joint_of[r.id] = name
        joints.setdefault(name, r)
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

_NODE_ATTRS = {
    "color": THEME["claim_border"],
    "fillcolor": THEME["claim_fill"],
    "fontname": THEME["font"],
    "fontsize": THEME["font_size"],
    "margin": "0.14,0.07",
    "shape": "box",
    "style": "rounded,filled",
}
_EDGE_ATTRS = {"arrowsize": "0.8", "fontname": THEME["font"], "fontsize": "10", "penwidth": "1.4"}

# Quoted once: the look of every edge (by type, and whether it ends in a
# joint, without an arrowhead) and of every joint.
_EDGE_LOOK: dict[tuple[RelationType, bool], AttrList] = {
    (type_, into_joint): AttrList(
        {
            "arrowhead": "none" if into_joint else look.arrowhead,
            "color": look.colour,
            "style": look.style,
            "class": type_.value,
        }
    )
    for type_, look in EDGE_THEME.items()
    for into_joint in (False, True)
}
_JOINT_LOOK: dict[RelationType, AttrList] = {
    type_: AttrList(
        {
            "label": "",
            "color": look.colour,
            "fillcolor": look.colour,
            "shape": "point",
            "width": "0.09",
            "class": f"joint {type_.value}",
        }
    )
    for type_, look in EDGE_THEME.items()
}


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
        colours = _side_colours(amap)
        dot = DotGraph(
            "argmap",
            graph=graph_attributes(amap.title, options),
            node=_NODE_ATTRS,
            edge=_EDGE_ATTRS,
        )
        if options.legend:
            _legend(dot, amap, colours)

        looks: dict[str | None, AttrList] = {}  # claim.by -> the look of its claims

        def claim_node(claim: Claim) -> tuple[dict[str, str], AttrList]:
            look = looks.get(claim.by)
            if look is None:
                look = looks[claim.by] = _claim_look(claim.by, colours)
            return {"id": claim.id, "label": label(claim.text, options.wrap, small=claim.id)}, look

        draw_graph(
            dot,
            claims.values(),
            drawn,
            claim_node,
            lambda relation, into_joint: _EDGE_LOOK[relation.type, into_joint],
            lambda relation: _JOINT_LOOK[relation.type],
        )
        return dot.source()


def graph_attributes(title: str | None, options: RenderOptions) -> dict[str, str]:
    """The digraph's own attributes: layout, and the title on top."""
    attrs: dict[str, str] = {
        "bgcolor": "white",
        "fontname": THEME["font"],
        "nodesep": "0.3",
        "rankdir": Direction(options.direction).value,
        "ranksep": "0.4",
    }
    if title:
        attrs["label"] = label(title, 2 * options.wrap, size="16")
        attrs["labelloc"] = "t"
    return attrs


def draw_graph(
    dot: DotGraph,
    claims: Iterable[Claim],
    drawn: list[Relation],
    claim_node: Callable[[Claim], tuple[dict[str, str], AttrList]],
    edge_look: Callable[[Relation, bool], AttrList],
    joint_look: Callable[[Relation], AttrList],
) -> None:
    """Claims as nodes (`claim_node` gives each its id and label, then its
    look), relations as edges, through joints where they are linked or
    undercut. `edge_look(relation, into_joint)` and `joint_look(first
    relation through it)` give the rest. Every relation of `drawn` must have
    both ends drawn."""
    layout = _plan(drawn)
    for claim in claims:
        attrs, look = claim_node(claim)
        dot.node(claim.id, attrs, look)
    for joint_node, first in layout.joints.items():
        dot.node(joint_node, {"id": joint_node}, joint_look(first))
    finished: set[str] = set()
    for relation in drawn:
        joint = layout.joint_of.get(relation.id)
        head = layout.head[relation.id]
        if joint is None:
            dot.edge(relation.source, head, {"id": relation.id}, edge_look(relation, False))
            continue
        # premise -> joint carries the relation's id; joint -> conclusion
        # is drawn once per joint (once for a whole linked group).
        dot.edge(relation.source, joint, {"id": relation.id}, edge_look(relation, True))
        if joint not in finished:
            finished.add(joint)
            dot.edge(joint, head, {"id": joint + "/out"}, edge_look(layout.joints[joint], False))


def _claim_look(by: str | None, colours: dict[str, tuple[str, str]]) -> AttrList:
    """Colours and classes of the claims by `by`: a side's colours, or the
    default ones for no side or a side the map does not define."""
    side = colours.get(by) if by is not None else None
    border, fill = side or (THEME["claim_border"], THEME["claim_fill"])
    return AttrList(
        {
            "color": border,
            "fillcolor": fill,
            "penwidth": "1.6" if side else "1",
            "class": f"claim side-{by}" if by else "claim",
        }
    )


def legend_box(dot: DotGraph) -> DotGraph:
    """The legend's box, empty."""
    return dot.subgraph(
        "cluster_legend",
        graph={
            "id": "legend",
            "label": label("Legend", 0),
            "color": THEME["legend_border"],
            "fontcolor": THEME["legend_text"],
            "fontsize": "11",
            "style": "rounded",
            "labeljust": "l",
        },
    )


def legend_arrows(
    box: DotGraph, colour: Callable[[RelationType], str], edge_look: Callable[[RelationType], AttrList]
) -> None:
    """One sample per relation type: a word with an arrow out of it, drawn
    like the map's arrows (same direction); `group` keeps it straight."""
    for type_, look in EDGE_THEME.items():
        tail, head = f"legend/{type_.value}/from", f"legend/{type_.value}/to"
        box.node(
            tail,
            {
                "id": tail,
                "label": label(look.legend, 0, size="10"),
                "shape": "plaintext",
                "style": "",
                "color": colour(type_),
                "group": tail,
            },
        )
        box.node(
            head,
            {
                "id": head,
                "label": "",
                "shape": "point",
                "width": "0.06",
                "color": colour(type_),
                "fillcolor": colour(type_),
                "group": tail,
            },
        )
        box.edge(tail, head, {"id": f"legend/{type_.value}"}, edge_look(type_))


def _legend(dot: DotGraph, amap: ArgumentMap, colours: dict[str, tuple[str, str]]) -> None:
    """A boxed key: one sample arrow per relation type, one swatch per side shown."""
    box = legend_box(dot)
    legend_arrows(box, lambda type_: EDGE_THEME[type_].colour, lambda type_: _EDGE_LOOK[type_, False])
    # Only the sides this diagram shows: a focused view or a map where one
    # side never speaks should not list it.
    speaking = {claim.by for claim in amap.claims}
    for side in amap.sides.values():
        if side.id not in speaking:
            continue
        border, fill = colours[side.id]
        name = f"legend/side/{side.id}"
        box.node(
            name,
            {
                "id": name,
                "label": label(side.name or side.id, 20, size="10"),
                "color": border,
                "fillcolor": fill,
                "penwidth": "1.6",
                "class": f"swatch side-{side.id}",
            },
        )
