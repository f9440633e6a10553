"""The legend: a boxed key with one sample arrow per relation type, and for
the map one swatch per side shown and per status the claims have. The diff
diagram draws its own from `legend_box` and `legend_arrows`."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from argmap.model import ArgumentMap, RelationType
from argmap.render.dot.labels import label, num
from argmap.render.dot.looks import Looks, line_attrs
from argmap.render.dot.syntax import AttrList, DotGraph
from argmap.render.themes import EdgeStyle, SideStyle, Theme

__all__ = ["legend", "legend_arrows", "legend_box"]


def legend_box(dot: DotGraph, theme: Theme) -> DotGraph:
    """The legend's box, empty: a cluster in the theme's legend colours."""
    return dot.subgraph(
        "cluster_legend",
        graph={
            "id": "legend",
            "label": label("Legend", 0),
            "color": theme.legend_border,
            "fontcolor": theme.legend_text,
            "fontsize": num(theme.legend_size + 1),
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
    size = num(theme.legend_size)
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


def legend(
    dot: DotGraph,
    amap: ArgumentMap,
    styles: dict[str, SideStyle],
    status: Mapping[str, str],
    looks: Looks,
) -> None:
    """The map's key: one sample arrow per relation type, one swatch per
    side shown, one per status shown, one for implicit premises if any."""
    theme = looks.theme
    box = legend_box(dot, theme)
    legend_arrows(box, theme, lambda _, look: look.colour, lambda type_: looks.edges[type_, False])
    _side_swatches(box, amap, styles, theme)
    _status_swatches(box, amap, status, looks)
    _implicit_swatch(box, amap, looks)


def _side_swatches(box: DotGraph, amap: ArgumentMap, styles: dict[str, SideStyle], theme: Theme) -> None:
    # Only the sides this diagram shows: a focused view or a map where one
    # side never speaks should not list it.
    size = num(theme.legend_size)
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
            "penwidth": num(theme.side_width),
            "class": f"swatch side-{side.id}",
        }
        swatch.update(line_attrs(style.line, theme.side_width))
        box.node(name, swatch)


def _status_swatches(box: DotGraph, amap: ArgumentMap, status: Mapping[str, str], looks: Looks) -> None:
    # The statuses the claims shown have, when the map was evaluated.
    size = num(looks.theme.legend_size)
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


def _implicit_swatch(box: DotGraph, amap: ArgumentMap, looks: Looks) -> None:
    """A dashed box, when the claims shown include an implicit premise."""
    if not any(claim.implicit for claim in amap.claims):
        return
    name = "legend/implicit"
    attrs = {
        "id": name,
        "label": label("implicit premise", 0, size=num(looks.theme.legend_size)),
        "class": "swatch implicit",
    }
    box.node(name, attrs, looks.implicit)
