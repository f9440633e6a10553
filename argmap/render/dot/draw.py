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
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from argmap.analysis.focus import Stub, View, induced_relations, view
from argmap.model import ArgumentMap, Claim, Relation, RelationType
from argmap.render.dot_syntax import AttrList, DotGraph, HtmlLabel
from argmap.render.options import Direction, RenderOptions
from argmap.render.themes import LIGHT, EdgeStyle, SideStyle, Theme
from argmap.text import fill_words

_HEX_COLOUR = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
# Characters XML (and so Graphviz's HTML-like labels) cannot carry.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# -- text -------------------------------------------------------------------


def _num(value: float) -> str:
    """A number as DOT wants it: 11.0 -> "11", 1.4 -> "1.4"."""
    return f"{value:g}"


# `&` first, so the other entities are not escaped again.
_HTML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\\", "&#92;"))


def small_font(size: float, colour: str) -> str:
    """The start of the small line under a claim's text (its id, status)."""
    return f'<BR/><FONT POINT-SIZE="{_num(size)}" COLOR="{colour}">'


_ID_FONT = small_font(LIGHT.id_size, LIGHT.id_colour)


def label(
    text: str,
    wrap: int,
    *,
    small: str | None = None,
    size: str | None = None,
    struck: bool = False,
    small_start: str = _ID_FONT,
) -> HtmlLabel:
    """The one way user text becomes a label: wrapped at `wrap` characters
    (0 or less: not wrapped; line breaks the user wrote are kept), escaped,
    with `small` (an id) in small type under it, started by `small_start`
    (a `small_font`); `struck` draws a line through the text (a rejected
    claim).

    HTML-like labels because they escape cleanly: `<`, `>`, `&` and quotes
    become entities, and backslashes a numeric entity (Graphviz folds `\\\\`
    even in HTML labels). Brackets need nothing.
    """
    if text.isprintable():
        # Nearly all text: no line breaks, no whitespace but spaces, nothing
        # XML cannot carry (all are non-printable).
        lines = (fill_words(text, wrap) or [""]) if wrap > 0 else [text]
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
    if struck:
        body = f"<S>{body}</S>"
    if size is not None:
        body = f'<FONT POINT-SIZE="{size}">{body}</FONT>'
    if small is not None:
        body = f"{body}{small_start}{_html(small)}</FONT>"
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


# -- structure --------------------------------------------------------------


def joint_name(relation: Relation) -> str:
    """The joint node of one relation. Not `joint:<id>`: an unquoted `a:b`
    in an edge end reads as node `a`, port `b`. Every name is quoted now,
    but the names stay as they were: they are also the joints' SVG ids."""
    return "joint/" + relation.id.replace(":", "/")


def group_joint_name(target: str, group: str) -> str:
    return f"linked/{target}/{group}"


def drawable(amap: ArgumentMap) -> tuple[dict[str, Claim], list[Relation]]:
    """The claims and relations to draw. Validated maps have unique ids; on
    an invalid one draw the first of each, and skip relations with a
    missing end."""
    claims = amap.claim_index()
    kept = induced_relations(amap, set(claims))
    return claims, [r for r in amap.relation_index().values() if r.id in kept]


@dataclass(frozen=True, slots=True)
class Joints:
    joint_of: dict[str, str]  # relation id -> the joint it is drawn through
    joints: dict[str, RelationType]  # joint name -> type of its relation(s)
    head: dict[str, str]  # relation id -> node its arrow ends at

    def lit(self, drawn: list[Relation], path: frozenset[str] | None) -> set[str]:
        """The joints an arrow out of a claim on a highlighted `path` passes
        through or ends at."""
        found: set[str] = set()
        if path is None:
            return found
        for relation in drawn:
            if relation.source in path:
                through = self.joint_of.get(relation.id)
                if through is not None:
                    found.add(through)
                if relation.type is RelationType.UNDERCUT:
                    found.add(self.head[relation.id])
        return found


def plan(drawn: list[Relation]) -> Joints:
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
    return Joints(joint_of, joints, head)


# -- colours ----------------------------------------------------------------


def _rgb(colour: str) -> tuple[int, int, int] | None:
    match = _HEX_COLOUR.match(colour)
    if match is None:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def mix(colour: str, base: str, share: float) -> str | None:
    """`colour` mixed into `base`, `share` of it (0: base, 1: colour), as
    #rrggbb; None when either is not a #hex colour."""
    rgb, base_rgb = _rgb(colour), _rgb(base)
    if rgb is None or base_rgb is None:
        return None
    return "#" + "".join(f"{round(b + (c - b) * share):02x}" for c, b in zip(rgb, base_rgb, strict=True))


def with_alpha(colour: str, alpha: str) -> str:
    """`colour` at the opacity `alpha` (two hex digits); a colour name, which
    cannot carry one, as it is."""
    rgb = _rgb(colour)
    if rgb is None:
        return colour
    return "#" + "".join(f"{c:02x}" for c in rgb) + alpha


def side_styles(amap: ArgumentMap, theme: Theme) -> dict[str, SideStyle]:
    """Side id -> its look: the map's `colour` if given and the theme uses
    colours (the border; a tint of it into the claim fill as the fill, so
    text stays readable), else the theme's by the side's place in the map."""
    styles: dict[str, SideStyle] = {}
    for index, side in enumerate(amap.sides.values()):
        if side.colour and theme.side_tint is not None:
            fill = mix(side.colour, theme.claim_fill, theme.side_tint) or theme.claim_fill
            styles[side.id] = SideStyle(side.colour, fill)
        else:
            styles[side.id] = theme.sides[index % len(theme.sides)]
    return styles


def _line_attrs(line: str, width: float) -> dict[str, str]:
    """Attributes that draw a side's border `line` (see SideStyle)."""
    if line in ("dashed", "dotted"):
        return {"style": f"rounded,filled,{line}"}
    if line == "bold":
        return {"penwidth": _num(2 * width)}
    if line == "double":
        return {"peripheries": "2"}
    return {}


# -- looks ------------------------------------------------------------------

# Past this many claims, Graphviz gets the settings of FAST_LAYOUT (unless
# told otherwise). Measured with `dot -v` on generated maps of 2,000-5,000
# claims (benchmarks/README.md, "Big-map layout"): most of dot's time goes
# to placing nodes along the ranks (network simplex) and to ordering them
# (mincross). nslimit=0.2 stops the placement after 0.2 iterations per node
# (4,217 -> 1,071 at 5,000 claims); mclimit=0.3 runs a third of the
# ordering passes, which found no fewer crossings. Straight or polyline
# edges, remincross=false and searchsize did not help: routing edges took
# under 0.1 s, remincross=false doubled the crossings, a smaller searchsize
# took more iterations.
BIG_MAP = 1000
FAST_LAYOUT: dict[str, str] = {"mclimit": "0.3", "nslimit": "0.2"}


def fast_layout(claims: int, forced: bool | None) -> bool:
    """Whether a diagram of `claims` claims gets FAST_LAYOUT: `forced` if
    given, else past BIG_MAP claims."""
    return claims > BIG_MAP if forced is None else forced


@dataclass(frozen=True, slots=True)
class StatusLook:
    """How an evaluated claim is drawn (`render --eval`)."""

    word: str  # under the claim's id, and in the legend
    struck: bool
    attrs: AttrList  # after the side's look, so these win


class _Looks:
    """A theme's attributes, quoted once: the look of every edge (by type,
    and whether it ends in a joint, without an arrowhead), of every joint,
    of the statuses, and of what `--highlight` lights up or fades."""

    def __init__(self, theme: Theme) -> None:
        t = theme
        self.theme = t
        self.small = small_font(t.id_size, t.id_colour)
        self.small_faded = small_font(t.id_size, with_alpha(t.id_colour, t.fade_alpha))
        self.node: dict[str, str] = {
            "color": t.claim_border,
            "fillcolor": t.claim_fill,
            "fontname": t.font,
            "fontsize": _num(t.font_size),
            "margin": t.margin,
            "shape": "box",
            "style": "rounded,filled",
        }
        self.edge: dict[str, str] = {
            "arrowsize": _num(t.arrow_size),
            "fontname": t.font,
            "fontsize": _num(t.legend_size),
            "penwidth": _num(t.edge_width),
        }
        if t.text is not None:
            self.node["fontcolor"] = t.text
        self.edges: dict[tuple[RelationType, bool], AttrList] = {
            (type_, into_joint): AttrList(
                {
                    "arrowhead": "none" if into_joint else look.arrowhead,
                    "color": look.colour,
                    "style": look.style,
                    "class": type_.value,
                }
            )
            for type_, look in t.edges()
            for into_joint in (False, True)
        }
        self.joints: dict[RelationType, AttrList] = {
            type_: AttrList(
                {
                    "label": "",
                    "color": look.colour,
                    "fillcolor": look.colour,
                    "shape": "point",
                    "width": _num(t.joint_size),
                    "class": f"joint {type_.value}",
                }
            )
            for type_, look in t.edges()
        }
        self.statuses: dict[str, StatusLook] = {
            mark: StatusLook(style.word, style.struck, AttrList(dict(style.attrs)))
            for mark, style in t.statuses
        }
        # An arrow from a rejected claim (or through a rejected inference)
        # does no work: drawn in its colour at a quarter strength.
        self.idle_edges: dict[RelationType, AttrList] = {
            type_: AttrList({"color": with_alpha(look.colour, "40")}) for type_, look in t.edges()
        }
        # --highlight: the path heavier, the rest faded.
        self.lit_claim = AttrList({"penwidth": _num(t.highlight_width)})
        self.lit_edge = AttrList({"penwidth": _num(2 * t.edge_width)})
        self.faded_edges: dict[RelationType, AttrList] = {
            type_: AttrList({"color": with_alpha(look.colour, t.fade_alpha)}) for type_, look in t.edges()
        }
        self.faded_joints: dict[RelationType, AttrList] = {
            type_: AttrList(
                {
                    "color": with_alpha(look.colour, t.fade_alpha),
                    "fillcolor": with_alpha(look.colour, t.fade_alpha),
                }
            )
            for type_, look in t.edges()
        }
        # "+N more": a small dashed note under the claim, joined by a dashed line.
        self.stub = AttrList(
            {
                "shape": "note",
                "style": "filled,dashed",
                "color": t.stub_colour,
                "fillcolor": t.claim_fill,
                "fontcolor": t.stub_colour,
                "fontsize": _num(t.id_size + 1),
                "margin": "0.08,0.03",
                "penwidth": "1",
                "class": "more",
            }
        )
        self.stub_edge = AttrList(
            {"arrowhead": "none", "color": t.stub_colour, "style": "dashed", "penwidth": "1", "class": "more"}
        )

    def faded(self, look: SideStyle | None) -> AttrList:
        border, fill = (look.border, look.fill) if look else (self.theme.claim_border, self.theme.claim_fill)
        alpha = self.theme.fade_alpha
        return AttrList(
            {
                "color": with_alpha(border, alpha),
                "fillcolor": with_alpha(fill, alpha),
                "fontcolor": with_alpha(self.theme.text or "#000000", alpha),
            }
        )


_LOOKS: dict[Theme, _Looks] = {}


def _looks(theme: Theme) -> _Looks:
    looks = _LOOKS.get(theme)
    if looks is None:
        looks = _LOOKS[theme] = _Looks(theme)
    return looks


_NO_ATTRS = AttrList()


def base_attributes(
    theme: Theme, title: str | None, direction: Direction, wrap: int
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The graph's, every node's and every edge's default attributes in
    `theme`, with `title` on top: what other diagrams drawn like the map's
    (the diff's) start from."""
    looks = _looks(theme)
    graph: dict[str, str] = {
        "bgcolor": theme.background,
        "fontname": theme.font,
        "nodesep": _num(theme.nodesep),
        "rankdir": Direction(direction).value,
        "ranksep": _num(theme.ranksep),
    }
    if title:
        graph["label"] = label(title, 2 * wrap, size=_num(theme.title_size))
        graph["labelloc"] = "t"
    if theme.text is not None:
        graph["fontcolor"] = theme.text
    return graph, looks.node, looks.edge


def shown_text(claim: Claim, short: bool, max_words: int | None) -> str:
    """The words a diagram shows for a claim: its `label` when `short` and it
    has one, else its text, cut to `max_words` words and "…"."""
    if short and claim.label:
        return claim.label
    text = claim.text
    if max_words is None or text.count(" ") < max_words:
        return text
    words = text.split()
    return text if len(words) <= max_words else " ".join(words[:max_words]) + "\u2026"


# -- the renderer -----------------------------------------------------------


class DotRenderer:
    name = "dot"

    def render(self, amap: ArgumentMap, options: RenderOptions, /) -> str:
        shown = view(amap, options.root, options.depth, options.side, options.tag, options.highlight)
        return _draw(shown, options)


def _draw(shown: View, options: RenderOptions) -> str:
    amap = shown.map
    theme = options.theme
    looks = _looks(theme)
    claims, drawn = drawable(amap)
    layout = plan(drawn)
    styles = side_styles(amap, theme)
    wrap = theme.wrap if options.wrap is None else options.wrap
    short = theme.short_labels if options.short_labels is None else options.short_labels

    graph_attrs, _, _ = base_attributes(theme, amap.title, options.direction, wrap)
    if fast_layout(len(claims), options.fast_layout):
        graph_attrs.update(FAST_LAYOUT)
    dot = DotGraph("argmap", graph=graph_attrs, node=looks.node, edge=looks.edge)
    status = options.status
    if options.legend:
        _legend(dot, amap, styles, status, looks)

    lit = shown.highlighted
    side_names = {side.id: side.name or side.id for side in amap.sides.values()} if theme.side_names else {}
    # The small line under the text is the claim's id, unless the theme or
    # an evaluation says more (or less).
    lean = theme.show_ids and not theme.side_names and not status and lit is None
    small_start = looks.small
    cut = theme.max_words
    looks_by: dict[str | None, AttrList] = {}  # claim.by -> the look of its claims
    faded_by: dict[str | None, AttrList] = {}
    for claim in claims.values():
        look = looks_by.get(claim.by)
        if look is None:
            look = looks_by[claim.by] = _claim_look(claim.by, styles, theme)
        text = shown_text(claim, short, cut) if short or cut else claim.text
        if lean:
            # The usual case, kept lean: thousands of claims come this way.
            attrs = {
                "label": label(text, wrap, small=claim.id, small_start=small_start),
                "tooltip": claim.text,
            }
            dot.node_with_id(claim.id, attrs, look)
            continue
        word, struck, status_look = _status_of(status.get(claim.id), looks)
        parts = [side_names.get(claim.by, claim.by)] if claim.by and theme.side_names else []
        if theme.show_ids:
            parts.append(claim.id)
        if word:
            parts.append(word)
        small = " \u00b7 ".join(parts) or None
        faded = lit is not None and claim.id not in lit
        start = looks.small_faded if faded else looks.small
        attrs = {
            "label": label(text, wrap, small=small, struck=struck, small_start=start),
            "tooltip": claim.text,
        }
        if lit is None:
            dot.node_with_id(claim.id, attrs, look, status_look)
        elif faded:
            fade = faded_by.get(claim.by)
            if fade is None:
                fade = faded_by[claim.by] = looks.faded(styles.get(claim.by) if claim.by else None)
            dot.node_with_id(claim.id, attrs, look, status_look, fade)
        else:
            dot.node_with_id(claim.id, attrs, look, status_look, looks.lit_claim)

    lit_joints = layout.lit(drawn, lit)
    for joint_node, type_ in layout.joints.items():
        joint_fade = (
            looks.faded_joints[type_] if lit is not None and joint_node not in lit_joints else _NO_ATTRS
        )
        dot.node(joint_node, {"id": joint_node}, looks.joints[type_], joint_fade)
    for stub in shown.stubs:
        _stub_node(dot, stub, looks, faded=lit is not None and stub.claim not in lit)

    finished: set[str] = set()
    for relation in drawn:
        joint = layout.joint_of.get(relation.id)
        head = layout.head[relation.id]
        # Status maps hold claim ids and, for undercut relations, the
        # status of their inference.
        idle = looks.idle_edges[relation.type] if status.get(relation.source) == "out" else _NO_ATTRS
        focus_look = _NO_ATTRS
        if lit is not None:
            focus_look = looks.lit_edge if relation.source in lit else looks.faded_edges[relation.type]
        if joint is None:
            dot.edge(
                relation.source,
                head,
                {"id": relation.id},
                looks.edges[relation.type, False],
                idle,
                focus_look,
            )
            continue
        # premise -> joint carries the relation's id; joint -> conclusion
        # is drawn once per joint (once for a whole linked group).
        dot.edge(
            relation.source, joint, {"id": relation.id}, looks.edges[relation.type, True], idle, focus_look
        )
        if joint not in finished:
            finished.add(joint)
            if status.get(relation.id) == "out":
                idle = looks.idle_edges[relation.type]
            if lit is not None:
                focus_look = looks.lit_edge if joint in lit_joints else looks.faded_edges[relation.type]
            dot.edge(joint, head, {"id": joint + "/out"}, looks.edges[relation.type, False], idle, focus_look)
    for stub in shown.stubs:
        name = stub_name(stub.claim)
        dot.edge(name, stub.claim, {"id": name + "/edge"}, looks.stub_edge)
    return dot.source()


def stub_name(claim_id: str) -> str:
    """The "+N more" node under a claim (ids cannot hold a '/')."""
    return f"more/{claim_id}"


def _stub_node(dot: DotGraph, stub: Stub, looks: _Looks, *, faded: bool) -> None:
    name = stub_name(stub.claim)
    more = "claim" if stub.hidden == 1 else "claims"
    attrs = {
        "id": name,
        "label": label(f"+{stub.hidden} more", 0),
        "tooltip": f"{stub.hidden} more {more} under {stub.claim}; a greater --depth shows them",
    }
    dot.node(name, attrs, looks.stub, looks.faded(None) if faded else _NO_ATTRS)


def _claim_look(by: str | None, styles: dict[str, SideStyle], theme: Theme) -> AttrList:
    """Colours and classes of the claims by `by`: a side's look, or the
    default one for no side or a side the map does not define."""
    side = styles.get(by) if by is not None else None
    border, fill = (side.border, side.fill) if side else (theme.claim_border, theme.claim_fill)
    attrs = {
        "color": border,
        "fillcolor": fill,
        "penwidth": _num(theme.side_width if side else theme.claim_width),
        "class": f"claim side-{by}" if by else "claim",
    }
    if side is not None:
        attrs.update(_line_attrs(side.line, theme.side_width))
    return AttrList(attrs)


def _status_of(mark: str | None, looks: _Looks) -> tuple[str, bool, AttrList]:
    """(word for the small line, struck, extra look) for a claim's status: a
    Dung label, a DF-QuAD strength ("0.62"), or nothing."""
    if mark is None:
        return "", False, _NO_ATTRS
    look = looks.statuses.get(mark)
    if look is None:
        return f"strength {mark}", False, _NO_ATTRS
    return look.word, look.struck, look.attrs


def legend_box(dot: DotGraph, theme: Theme) -> DotGraph:
    """The legend's box, empty: a cluster in the theme's legend colours."""
    return dot.subgraph(
        "cluster_legend",
        graph={
            "id": "legend",
            "label": label("Legend", 0),
            "color": theme.legend_border,
            "fontcolor": theme.legend_text,
            "fontsize": _num(theme.legend_size + 1),
            "style": "rounded",
            "labeljust": "l",
        },
    )


def legend_arrows(
    box: DotGraph,
    theme: Theme,
    colour: Callable[[RelationType, EdgeStyle], str],
    edge_look: Callable[[RelationType], AttrList],
) -> None:
    """One sample per relation type: a word with an arrow out of it, drawn
    like the diagram's arrows (same direction); `group` keeps it straight."""
    size = _num(theme.legend_size)
    for type_, look in theme.edges():
        tail, head = f"legend/{type_.value}/from", f"legend/{type_.value}/to"
        shade = colour(type_, look)
        word: dict[str, str] = {
            "id": tail,
            "label": label(look.legend, 0, size=size),
            "shape": "plaintext",
            "style": "",
            "color": shade,
            "group": tail,
        }
        if theme.text is not None:
            word["fontcolor"] = theme.legend_text
        box.node(tail, word)
        box.node(
            head,
            {
                "id": head,
                "label": "",
                "shape": "point",
                "width": "0.06",
                "color": shade,
                "fillcolor": shade,
                "group": tail,
            },
        )
        box.edge(tail, head, {"id": f"legend/{type_.value}"}, edge_look(type_))


def _legend(
    dot: DotGraph,
    amap: ArgumentMap,
    styles: dict[str, SideStyle],
    status: Mapping[str, str],
    looks: _Looks,
) -> None:
    """A boxed key: one sample arrow per relation type, one swatch per side shown."""
    theme = looks.theme
    size = _num(theme.legend_size)
    box = legend_box(dot, theme)
    legend_arrows(box, theme, lambda _, look: look.colour, lambda type_: looks.edges[type_, False])
    # Only the sides this diagram shows: a focused view or a map where one
    # side never speaks should not list it.
    speaking = {claim.by for claim in amap.claims}
    for side in amap.sides.values():
        if side.id not in speaking:
            continue
        style = styles[side.id]
        name = f"legend/side/{side.id}"
        swatch = {
            "id": name,
            "label": label(side.name or side.id, 20, size=size),
            "color": style.border,
            "fillcolor": style.fill,
            "penwidth": _num(theme.side_width),
            "class": f"swatch side-{side.id}",
        }
        swatch.update(_line_attrs(style.line, theme.side_width))
        box.node(name, swatch)
    # The statuses the claims shown have, when the map was evaluated.
    shown = {status.get(claim.id) for claim in amap.claims}
    for mark, status_look in looks.statuses.items():
        if mark not in shown:
            continue
        name = f"legend/status/{mark}"
        box.node(
            name,
            {
                "id": name,
                "label": label(status_look.word, 0, size=size, struck=status_look.struck),
                "class": f"swatch status-{mark}",
            },
            status_look.attrs,
        )
