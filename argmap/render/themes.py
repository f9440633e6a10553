"""How diagrams look: a `Theme` per purpose, as plain typed data.

Four are built in:

* `light` (the default): colour on white, for screens and documents;
* `dark`: the same language of colours, light on a dark ground, for dark
  slides and pages;
* `print`: black and grey only. Support, attack and undercut differ by line
  style *and* arrowhead (solid and a filled arrow, dashed and a bar, dotted
  and a bar behind an open dot), sides by the border (heavy, dashed, dotted,
  double, ...) and by their name printed under each claim, so nothing rests
  on colour: it survives a black-and-white printer and colour blindness;
* `talk`: large type, heavy lines and strong colours for the back of a room;
  claims show their short `label` (and long texts are cut to a few words),
  without ids.

The DOT and Mermaid renderers read a theme; nothing in the map itself says
how it looks, except a side's optional `colour`, which the colour themes use
and `print` ignores. `argmap.render.theme_file` reads a YAML file that
overrides a built-in theme.

Numbers are points (type sizes) or Graphviz units (line widths); colours are
`#rrggbb` or `#rrggbbaa` (or, in the built-ins, a Graphviz colour name).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from argmap.model import Label, RelationType

__all__ = ["DARK", "LIGHT", "PRINT", "TALK", "THEMES", "EdgeStyle", "SideStyle", "StatusStyle", "Theme"]

# The fonts: DejaVu Sans has Latin, Greek, Cyrillic and Arabic; Noto Sans
# CJK SC has Chinese (and Japanese and Korean). Without a CJK font named,
# fontconfig's fallback picks any CJK font, often the Japanese one, whose
# glyphs differ from Chinese forms. `sans-serif` last: a viewer of the SVG
# without either font still gets a sans-serif face.
FONTS = "DejaVu Sans,Noto Sans CJK SC,sans-serif"


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    """The look of one relation type."""

    colour: str
    style: str  # Graphviz line style: solid, dashed, dotted, bold
    arrowhead: str  # Graphviz arrow shape: normal, tee, odottee, ...
    legend: str  # the legend's word for it
    # Its lines' width, times the theme's `edge_width`: a dotted line covers
    # a fraction of its length, and at the same width reads fainter than a
    # solid one (the dark and talk themes' undercuts did).
    heavier: float = 1.0


@dataclass(frozen=True, slots=True)
class SideStyle:
    """The look of one side's claims (sides take these in map order)."""

    border: str
    fill: str
    # How the border is drawn: solid, bold, dashed, dotted, double.
    line: str = "solid"


@dataclass(frozen=True, slots=True)
class StatusStyle:
    """The look of an evaluated claim (`render --eval`): a word under its id,
    struck through or not, and attributes drawn over the side's look."""

    word: str
    struck: bool
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    # Type.
    font: str
    font_size: float  # claim text
    title_size: float
    id_size: float  # the small line under a claim (its id, status)
    legend_size: float
    # Colours of the page and of claims by no side.
    background: str
    text: str | None  # claim text; None: Graphviz's default, black
    id_colour: str
    claim_border: str
    claim_fill: str
    legend_border: str
    legend_text: str
    # Lines.
    claim_width: float  # border of a claim by no side
    side_width: float  # border of a claim by a side
    edge_width: float
    arrow_size: float
    support: EdgeStyle
    attack: EdgeStyle
    undercut: EdgeStyle
    # Sides without a `colour:`, in the order the map lists them (repeating).
    sides: tuple[SideStyle, ...]
    # A side's own `colour:` is its border; its fill is the colour mixed
    # into the background this much (0: background, 1: the colour itself).
    # None: ignore sides' colours (print).
    side_tint: float | None
    statuses: tuple[tuple[str, StatusStyle], ...]  # "in", "out", "undec"
    # Words.
    short_labels: bool  # claims show their `label` when they have one
    max_words: int | None  # longer texts are cut to this many words, and "…"
    wrap: int  # characters per line of claim text
    show_ids: bool  # a claim's id under its text
    side_names: bool  # the side's name under the claim's text (print)
    # Spacing.
    margin: str  # inside a claim's box, inches: "x,y"
    nodesep: float
    ranksep: float
    joint_size: float  # the dot where linked premises meet or an undercut aims, inches
    # Focus: `--highlight` draws the path heavier, everything else at this
    # opacity (two hex digits); "+N more" stubs in these colours.
    highlight_width: float
    fade_alpha: str
    stub_colour: str

    def edge(self, type_: RelationType) -> EdgeStyle:
        if type_ is RelationType.SUPPORT:
            return self.support
        if type_ is RelationType.ATTACK:
            return self.attack
        return self.undercut

    def edges(self) -> tuple[tuple[RelationType, EdgeStyle], ...]:
        return tuple((type_, self.edge(type_)) for type_ in RelationType)


def _statuses(
    accepted: str, rejected: dict[str, str], undecided: dict[str, str]
) -> tuple[tuple[str, StatusStyle], ...]:
    """Accepted: solid, a heavier border (`accepted` wide). Rejected: faded
    (`rejected` colours), dashed and struck through. Undecided: grey."""
    return (
        (Label.IN, StatusStyle("accepted", False, (("penwidth", accepted),))),
        (Label.OUT, StatusStyle("rejected", True, (*rejected.items(), ("style", "rounded,filled,dashed")))),
        (Label.UNDEC, StatusStyle("undecided", False, tuple(undecided.items()))),
    )


LIGHT = Theme(
    name="light",
    font=FONTS,
    font_size=11,
    title_size=16,
    id_size=8,
    legend_size=10,
    background="white",
    text=None,
    id_colour="#6b6b6b",
    claim_border="#5f5f5f",
    claim_fill="#ffffff",
    legend_border="#b0b0b0",
    legend_text="#333333",
    claim_width=1,
    side_width=1.6,
    edge_width=1.4,
    arrow_size=0.8,
    support=EdgeStyle("#2e7d32", "solid", "normal", "supports"),
    attack=EdgeStyle("#c62828", "dashed", "tee", "attacks"),
    undercut=EdgeStyle("#7b1fa2", "dotted", "tee", "undercuts"),
    # Kept clear of the edge colours (green, red, purple) so a side never
    # reads as a relation.
    sides=(
        SideStyle("#1565c0", "#e3eefb"),
        SideStyle("#e65100", "#fdebd9"),
        SideStyle("#00796b", "#ddf2ef"),
        SideStyle("#8d6e00", "#f7f0d0"),
        SideStyle("#ad1457", "#f9e1ec"),
        SideStyle("#455a64", "#e6ecef"),
        SideStyle("#5d4037", "#efe7e3"),
        SideStyle("#283593", "#e4e6f6"),
    ),
    side_tint=0.15,
    statuses=_statuses(
        "2.6",
        {"color": "#c4c4c4", "fillcolor": "#fafafa", "fontcolor": "#a0a0a0"},
        {"color": "#8a8a8a", "fillcolor": "#e2e2e2", "fontcolor": "#3c3c3c"},
    ),
    short_labels=False,
    max_words=None,
    wrap=32,
    show_ids=True,
    side_names=False,
    margin="0.14,0.07",
    nodesep=0.3,
    ranksep=0.4,
    joint_size=0.09,
    highlight_width=3.2,
    fade_alpha="38",
    stub_colour="#8a8a8a",
)

DARK = dataclasses.replace(
    LIGHT,
    name="dark",
    background="#16181d",
    text="#e8eaed",
    id_colour="#9aa0a6",
    claim_border="#9aa0a6",
    claim_fill="#24272e",
    legend_border="#5f6368",
    legend_text="#c8cacd",
    edge_width=1.6,
    support=EdgeStyle("#66bb6a", "solid", "normal", "supports"),
    attack=EdgeStyle("#ef5350", "dashed", "tee", "attacks"),
    undercut=EdgeStyle("#ce93d8", "dotted", "tee", "undercuts", heavier=1.75),
    sides=(
        SideStyle("#64b5f6", "#1b2a3c"),
        SideStyle("#ffb74d", "#3a2a16"),
        SideStyle("#4db6ac", "#16332f"),
        SideStyle("#e6c84a", "#34301a"),
        SideStyle("#f06292", "#3a1c29"),
        SideStyle("#90a4ae", "#273035"),
        SideStyle("#bcaaa4", "#302a28"),
        SideStyle("#9fa8da", "#22253c"),
    ),
    side_tint=0.28,
    statuses=_statuses(
        "2.8",
        {"color": "#4a4d52", "fillcolor": "#1b1d22", "fontcolor": "#6f7378"},
        {"color": "#8a8d92", "fillcolor": "#3a3d43", "fontcolor": "#d0d2d5"},
    ),
    joint_size=0.1,
    highlight_width=3.4,
    fade_alpha="40",
    stub_colour="#8a8d92",
)

PRINT = dataclasses.replace(
    LIGHT,
    name="print",
    text="#000000",
    id_colour="#444444",
    claim_border="#000000",
    legend_border="#777777",
    legend_text="#000000",
    side_width=1.4,
    arrow_size=0.9,
    support=EdgeStyle("#000000", "solid", "normal", "supports"),
    attack=EdgeStyle("#000000", "dashed", "tee", "attacks"),
    # A bar behind an open dot: unlike an attack even where the line
    # style is too short to see.
    undercut=EdgeStyle("#000000", "dotted", "teeodot", "undercuts"),
    sides=(
        SideStyle("#000000", "#ffffff", "bold"),
        SideStyle("#000000", "#ffffff", "dashed"),
        SideStyle("#000000", "#ffffff", "double"),
        SideStyle("#000000", "#ffffff", "dotted"),
        SideStyle("#000000", "#eeeeee", "solid"),
        SideStyle("#000000", "#eeeeee", "dashed"),
    ),
    side_tint=None,
    statuses=_statuses("2.8", {"color": "#999999", "fontcolor": "#777777"}, {"fillcolor": "#dddddd"}),
    side_names=True,
    joint_size=0.1,
    highlight_width=3.4,
    fade_alpha="50",
    stub_colour="#555555",
)

TALK = dataclasses.replace(
    LIGHT,
    name="talk",
    font_size=22,
    title_size=30,
    id_size=14,
    legend_size=18,
    text="#000000",
    id_colour="#333333",
    claim_border="#000000",
    legend_border="#777777",
    legend_text="#000000",
    claim_width=2,
    side_width=3,
    edge_width=3.2,
    arrow_size=1.3,
    support=EdgeStyle("#1b5e20", "solid", "normal", "supports"),
    attack=EdgeStyle("#b71c1c", "dashed", "tee", "attacks"),
    undercut=EdgeStyle("#4a148c", "dotted", "tee", "undercuts", heavier=1.5),
    sides=(
        SideStyle("#0d47a1", "#dce9fa"),
        SideStyle("#bf360c", "#fbe3d6"),
        SideStyle("#004d40", "#d5efeb"),
        SideStyle("#6d4c00", "#f4ebc8"),
        SideStyle("#880e4f", "#f7dbe8"),
        SideStyle("#263238", "#e2e8eb"),
    ),
    side_tint=0.2,
    statuses=_statuses(
        "5",
        {"color": "#b0b0b0", "fillcolor": "#f7f7f7", "fontcolor": "#8a8a8a"},
        {"color": "#777777", "fillcolor": "#dddddd"},
    ),
    short_labels=True,
    max_words=12,
    wrap=22,
    show_ids=False,
    margin="0.22,0.12",
    nodesep=0.5,
    ranksep=0.7,
    joint_size=0.18,
    highlight_width=6,
    fade_alpha="40",
    stub_colour="#666666",
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (LIGHT, DARK, PRINT, TALK)}
