"""The legend: one strip of samples on a rank of its own where the drawing
ends (under a BT or TB map; right of an LR one, left of an RL one), listing
only what the diagram shows: a sample arrow per relation type drawn, a
swatch per side that speaks, one per status the claims have, one for
implicit premises.

The strip is a `rank=source` (or `sink`) subgraph, its entries chained left
to right by invisible flat edges: Graphviz keeps a flat edge's tail before
its head, so the order is the one written here with every Graphviz version
(Debian's 2.43 reversed the old boxed legend's columns). Nodes in it are as
small as their labels (`width=0`, `height=0`), so it costs one thin row.

The diff diagram draws its own legend from `legend_strip`, `legend_arrow`
and `chain`.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping

from argmap.model import ArgumentMap, RelationType
from argmap.render.dot.labels import label, num
from argmap.render.dot.looks import Looks, line_attrs
from argmap.render.dot.syntax import AttrList, DotGraph
from argmap.render.options import Direction
from argmap.render.themes import SideStyle, Theme

__all__ = ["chain", "legend", "legend_arrow", "legend_strip"]

# Where the strip goes: the rank at the drawing's bottom (BT: the first,
# TB: the last), or its side (LR: the last, at the right; RL: the last, at
# the left).
_RANK = {Direction.BT: "source", Direction.TB: "sink", Direction.LR: "sink", Direction.RL: "sink"}
_ACROSS = frozenset({Direction.BT, Direction.TB})  # the strip is a row, not a column
_INVISIBLE = AttrList({"style": "invis"})
# The invisible start of a sample arrow. In a row it sits in the strip and
# the arrow runs from its centre (tailclip=false), the gap between entries
# plus half its width long. A column's flat edges would curl, so there it
# sits one rank before the strip and the arrow runs across, as the map's do.
_IN_ROW = AttrList({"label": "", "shape": "plaintext", "width": "0.2", "height": "0.1", "fixedsize": "true"})
_BEFORE_COLUMN = AttrList({"label": "", "shape": "point", "width": "0.01", "style": "invis"})
_FROM_CENTRE = AttrList({"tailclip": "false"})


def legend_strip(dot: DotGraph, theme: Theme, direction: Direction) -> DotGraph:
    """The legend's strip, empty: a subgraph on its own rank at the end of
    the drawing, its nodes as small as their labels."""
    return dot.subgraph(
        "legend/strip",
        graph={"rank": _RANK[Direction(direction)]},
        # Room round a word or swatch in proportion to the legend's type.
        node={
            "width": "0",
            "height": "0",
            "margin": f"{num(theme.legend_size * 0.006)},{num(theme.legend_size * 0.003)}",
        },
    )


def legend_arrow(
    dot: DotGraph,
    strip: DotGraph,
    type_: RelationType,
    word: str,
    theme: Theme,
    look: AttrList,
    direction: Direction,
) -> list[str]:
    """One sample arrow of `look` pointing at its `word` in `strip` (a
    subgraph of `dot`); the names of the strip's nodes it adds, in order."""
    start, name = f"legend/{type_.value}/from", f"legend/{type_.value}/word"
    row = Direction(direction) in _ACROSS
    if row:
        strip.node(start, {"id": start, "style": ""}, _IN_ROW)
    else:
        dot.node(start, {"id": start}, _BEFORE_COLUMN)
    strip.node(
        name,
        {
            "id": name,
            "label": label(word, 0, size=num(theme.legend_size)),
            "shape": "plaintext",
            "style": "",
            "fontcolor": theme.legend_text,
        },
    )
    (strip if row else dot).edge(start, name, {"id": f"legend/{type_.value}"}, look, _FROM_CENTRE)
    return [start, name] if row else [name]


def chain(strip: DotGraph, entries: list[list[str]]) -> None:
    """Invisible flat edges that keep the strip's entries (each the names
    of its nodes in the strip, in order) in this order."""
    for before, after in itertools.pairwise(entries):
        strip.edge(before[-1], after[0], {"id": f"{after[0]}/after"}, _INVISIBLE)


def legend(
    dot: DotGraph,
    amap: ArgumentMap,
    shown: Collection[RelationType],
    styles: dict[str, SideStyle],
    status: Mapping[str, str],
    looks: Looks,
    direction: Direction,
) -> None:
    """The map's key: a sample arrow per relation type in `shown`, a swatch
    per side that speaks, one per status shown, a dashed box when there are
    implicit premises; nothing when all are none."""
    theme = looks.theme
    types = [(type_, look) for type_, look in theme.edges() if type_ in shown]
    speaking = {claim.by for claim in amap.claims}
    sides = [side for side in amap.sides.values() if side.id in speaking]
    marks = {status.get(claim.id) for claim in amap.claims}
    statuses = [(mark, look) for mark, look in looks.statuses.items() if mark in marks]
    implicit = any(claim.implicit for claim in amap.claims)
    if not (types or sides or statuses or implicit):
        return
    strip = legend_strip(dot, theme, direction)
    entries: list[list[str]] = []
    for type_, look in types:
        entries.append(
            legend_arrow(dot, strip, type_, look.legend, theme, looks.edges[type_, False], direction)
        )
    size = num(theme.legend_size)
    for side in sides:
        style = styles[side.id]
        name = f"legend/side/{side.id}"
        swatch = {
            "id": name,
            "label": label(side.name or side.id, 20, size=size),
            "color": style.border,
            "fillcolor": style.fill,
            "penwidth": num(theme.side_width),
            "class": f"swatch side-{side.id}",
        }
        swatch.update(line_attrs(style.line, theme.side_width))
        strip.node(name, swatch)
        entries.append([name])
    for mark, status_look in statuses:
        name = f"legend/status/{mark}"
        strip.node(
            name,
            {
                "id": name,
                "label": label(status_look.word, 0, size=size, struck=status_look.struck),
                "class": f"swatch status-{mark}",
            },
            status_look.attrs,
        )
        entries.append([name])
    if implicit:
        name = "legend/implicit"
        attrs = {"id": name, "label": label("implicit premise", 0, size=size), "class": "swatch implicit"}
        strip.node(name, attrs, looks.implicit)
        entries.append([name])
    chain(strip, entries)
