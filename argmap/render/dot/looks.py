"""A theme as DOT attributes: colours and their mixes, each side's look,
the look of every edge, joint and status, and the graph's defaults.

Attributes the same for many statements (a side's colours, an edge type's
look) are quoted once, as `AttrList`s, and kept per theme: quoting is most
of the cost of writing DOT.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argmap.model import COLOUR_PATTERN, ArgumentMap, RelationType
from argmap.render.dot.labels import label, num, small_font
from argmap.render.dot.syntax import AttrList
from argmap.render.options import Direction
from argmap.render.themes import EdgeStyle, SideStyle, Theme

__all__ = [
    "BIG_MAP",
    "FAST_LAYOUT",
    "NO_ATTRS",
    "Looks",
    "StatusLook",
    "base_attributes",
    "claim_look",
    "fast_layout",
    "line_attrs",
    "looks",
    "mix",
    "side_styles",
    "status_of",
    "with_alpha",
]

_HEX_COLOUR = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")

NO_ATTRS = AttrList()

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
        # A colour `validate` refuses (side-colour) is never written out.
        if side.colour and COLOUR_PATTERN.fullmatch(side.colour) and theme.side_tint is not None:
            fill = mix(side.colour, theme.claim_fill, theme.side_tint) or theme.claim_fill
            styles[side.id] = SideStyle(side.colour, fill)
        else:
            styles[side.id] = theme.sides[index % len(theme.sides)]
    return styles


def line_attrs(line: str, width: float) -> dict[str, str]:
    """Attributes that draw a side's border `line` (see SideStyle)."""
    if line in ("dashed", "dotted"):
        return {"style": f"rounded,filled,{line}"}
    if line == "bold":
        return {"penwidth": num(2 * width)}
    if line == "double":
        return {"peripheries": "2"}
    return {}


# Characters on a line of a map's title, at least.
TITLE_WRAP = 64

# -- layout -----------------------------------------------------------------

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


# -- looks ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatusLook:
    """How an evaluated claim is drawn (`render --eval`)."""

    word: str  # under the claim's id, and in the legend
    struck: bool
    attrs: AttrList  # after the side's look, so these win


class Looks:
    """A theme's attributes, quoted once: the look of every edge (by type,
    and whether it ends in a joint, without an arrowhead), of every joint,
    of the statuses, and of what `--highlight` lights up or fades."""

    def __init__(self, theme: Theme) -> None:
        t = theme
        self.theme = t
        self.small = small_font(t.id_size, t.id_colour)
        self.small_faded = small_font(t.id_size, with_alpha(t.id_colour, t.fade_alpha))
        # An inference's argument scheme, or the critical question an
        # objection raises, beside its arrow: in the type of claims' ids.
        self.scheme_note = AttrList({"fontsize": num(t.id_size), "fontcolor": t.id_colour})
        self.node: dict[str, str] = {
            "color": t.claim_border,
            "fillcolor": t.claim_fill,
            "fontname": t.font,
            "fontsize": num(t.font_size),
            "margin": t.margin,
            "shape": "box",
            "style": "rounded,filled",
        }
        self.edge: dict[str, str] = {
            "arrowsize": num(t.arrow_size),
            "fontname": t.font,
            "fontsize": num(t.legend_size),
            "penwidth": num(t.edge_width),
        }
        if t.text is not None:
            self.node["fontcolor"] = t.text
        self.edges = {
            (type_, into_joint): AttrList(_edge_attrs(type_, look, into_joint, t.edge_width))
            for type_, look in t.edges()
            for into_joint in (False, True)
        }
        self.joints = {
            type_: AttrList(
                {
                    "label": "",
                    "color": look.colour,
                    "fillcolor": look.colour,
                    "shape": "point",
                    "width": num(t.joint_size),
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
        self.idle_edges = {
            type_: AttrList({"color": with_alpha(look.colour, "40")}) for type_, look in t.edges()
        }
        # --highlight: the path heavier, the rest faded.
        self.lit_claim = AttrList({"penwidth": num(t.highlight_width)})
        self.lit_edge = AttrList({"penwidth": num(2 * t.edge_width)})
        self.faded_edges = {
            type_: AttrList({"color": with_alpha(look.colour, t.fade_alpha)}) for type_, look in t.edges()
        }
        self.faded_joints = {
            type_: AttrList(
                {
                    "color": with_alpha(look.colour, t.fade_alpha),
                    "fillcolor": with_alpha(look.colour, t.fade_alpha),
                }
            )
            for type_, look in t.edges()
        }
        # An implicit premise (an unstated assumption): a dashed border; the
        # small line also says "implicit", as some themes dash other things.
        self.implicit = AttrList({"style": "rounded,filled,dashed"})
        # "+N more": a small dashed note under the claim, joined by a dashed line.
        self.stub = AttrList(
            {
                "shape": "note",
                "style": "filled,dashed",
                "color": t.stub_colour,
                "fillcolor": t.claim_fill,
                "fontcolor": t.stub_colour,
                "fontsize": num(t.id_size + 1),
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


def _edge_attrs(type_: RelationType, look: EdgeStyle, into_joint: bool, width: float) -> dict[str, str]:
    """One relation type's arrows: into a joint they have no head."""
    attrs = {
        "arrowhead": "none" if into_joint else look.arrowhead,
        "color": look.colour,
        "style": look.style,
        "class": type_.value,
    }
    if look.heavier != 1:
        attrs["penwidth"] = num(round(width * look.heavier, 2))
    return attrs


_LOOKS: dict[Theme, Looks] = {}


def looks(theme: Theme) -> Looks:
    """The theme's looks, made once per theme."""
    found = _LOOKS.get(theme)
    if found is None:
        found = _LOOKS[theme] = Looks(theme)
    return found


def base_attributes(
    theme: Theme, title: str | None, direction: Direction, wrap: int
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The graph's, every node's and every edge's default attributes in
    `theme`, with `title` on top: what other diagrams drawn like the map's
    (the diff's) start from."""
    theme_looks = looks(theme)
    graph: dict[str, str] = {
        # No margin outside the background: Graphviz's PDF has half an inch
        # by default, white around a dark theme's page.
        "margin": "0",
        "bgcolor": theme.background,
        "fontname": theme.font,
        "nodesep": num(theme.nodesep),
        "rankdir": Direction(direction).value,
        "ranksep": num(theme.ranksep),
    }
    if title:
        # A map's title wraps only when long: a short one stays on one line.
        graph["label"] = label(title, max(2 * wrap, TITLE_WRAP), size=num(theme.title_size))
        graph["labelloc"] = "t"
    if theme.text is not None:
        graph["fontcolor"] = theme.text
    return graph, theme_looks.node, theme_looks.edge


def claim_look(by: str | None, styles: dict[str, SideStyle], theme: Theme) -> AttrList:
    """Colours and classes of the claims by `by`: a side's look, or the
    default one for no side or a side the map does not define."""
    side = styles.get(by) if by is not None else None
    border, fill = (side.border, side.fill) if side else (theme.claim_border, theme.claim_fill)
    attrs = {
        "color": border,
        "fillcolor": fill,
        "penwidth": num(theme.side_width if side else theme.claim_width),
        "class": f"claim side-{by}" if by else "claim",
    }
    if side is not None:
        attrs.update(line_attrs(side.line, theme.side_width))
    return AttrList(attrs)


def status_of(mark: str | None, theme_looks: Looks) -> tuple[str, bool, AttrList]:
    """(word for the small line, struck, extra look) for a claim's status: a
    Dung label, a DF-QuAD strength ("0.62"), or nothing."""
    if mark is None:
        return "", False, NO_ATTRS
    look = theme_looks.statuses.get(mark)
    if look is None:
        return f"strength {mark}", False, NO_ATTRS
    return look.word, look.struck, look.attrs
