"""The legend: a strip that lists only what the diagram shows, where the
drawing ends, in the same order with the embedded Graphviz (pygraphviz's,
14.x) and Debian's `dot` (2.43), read back from the SVG each draws."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from argmap.formats.native.read import load_yaml_text
from argmap.model import ArgumentMap
from argmap.render import Direction, RenderOptions
from argmap.render.dot import DotRenderer
from argmap.render.graphviz import available_backends, render_dot
from argmap.render.themes import THEMES

SVG = "{http://www.w3.org/2000/svg}"
BACKENDS = available_backends()

MAP = """
title: Every kind of entry
sides:
  pro: {name: Pro}
  con: {name: Con}
claims:
  - id: thesis
    text: The thesis that the whole map argues for.
    by: pro
    premises:
      - id: reason
        text: A reason for it.
        by: pro
        undercuts:
          - {id: cut, text: It does not follow., by: con}
    counterclaims:
      - id: objection
        text: An objection to it.
        by: con
        counterclaims:
          - {id: reply, text: A reply., by: pro}
"""
ORDER = [
    "legend/support/word",
    "legend/attack/word",
    "legend/undercut/word",
    "legend/side/pro",
    "legend/side/con",
]
CLAIMS = ["thesis", "reason", "cut", "objection", "reply"]


def load(text: str) -> ArgumentMap:
    return load_yaml_text(text, "m.yaml").map


def legend_names(dot: str) -> list[str]:
    """The legend's nodes, in the order the DOT writes them."""
    return [
        line.split()[0].strip('"')
        for line in dot.splitlines()
        if line.strip().startswith('"legend/') and "->" not in line
    ]


def text_positions(svg: bytes) -> dict[str, tuple[float, float]]:
    """Each node's id -> where its first text line is drawn (SVG units)."""
    found = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        if "node" in group.get("class", "").split():
            text = next(group.iter(f"{SVG}text"), None)
            if text is not None:
                found[group.get("id", "")] = (float(text.get("x", "0")), float(text.get("y", "0")))
    return found


def test_the_legend_lists_only_the_relation_types_drawn() -> None:
    amap = load(MAP)
    assert legend_names(DotRenderer().render(amap, RenderOptions())) == [
        "legend/support/from",
        "legend/support/word",
        "legend/attack/from",
        "legend/attack/word",
        "legend/undercut/from",
        "legend/undercut/word",
        "legend/side/pro",
        "legend/side/con",
    ]
    # Focused on the objection: one attack (the reply), no support, no undercut.
    assert legend_names(DotRenderer().render(amap, RenderOptions(root="objection"))) == [
        "legend/attack/from",
        "legend/attack/word",
        "legend/side/pro",
        "legend/side/con",
    ]


def test_a_map_with_nothing_to_explain_has_no_legend() -> None:
    dot = DotRenderer().render(load("claims:\n  - {id: a, text: A lone claim.}\n"), RenderOptions())
    assert "legend" not in dot


def test_evaluated_maps_list_the_statuses_shown() -> None:
    amap = load(MAP)
    status = {"thesis": "in", "reason": "in", "objection": "out", "reply": "in", "cut": "out"}
    names = legend_names(DotRenderer().render(amap, RenderOptions(status=status)))
    assert names[-2:] == ["legend/status/in", "legend/status/out"]


@pytest.mark.parametrize("backend", ["embedded", "system"])
@pytest.mark.parametrize("direction", list(Direction))
def test_the_legend_keeps_its_order_and_place_with_every_graphviz(backend: str, direction: Direction) -> None:
    if not BACKENDS[backend]:
        pytest.skip(f"the {backend} Graphviz is not here")
    dot = DotRenderer().render(load(MAP), RenderOptions(direction=direction))
    at = text_positions(render_dot(dot, "svg", backend))
    # A row under a BT or TB map, left to right; a column beside an LR or
    # RL one, top to bottom (SVG's y grows downwards).
    across = direction in (Direction.BT, Direction.TB)
    along = 0 if across else 1
    assert sorted(ORDER, key=lambda name: at[name][along]) == ORDER
    if across:
        assert min(at[name][1] for name in ORDER) > max(at[claim][1] for claim in CLAIMS)
    elif direction is Direction.LR:
        assert min(at[name][0] for name in ORDER) > max(at[claim][0] for claim in CLAIMS)
    else:
        assert max(at[name][0] for name in ORDER) < min(at[claim][0] for claim in CLAIMS)


def _size(svg: bytes) -> tuple[float, float]:
    _, _, width, height = (float(n) for n in ET.fromstring(svg).get("viewBox", "").split())
    return width, height


@pytest.mark.parametrize("theme", ["light", "talk"])
def test_the_legend_costs_a_thin_strip_not_a_column(theme: str) -> None:
    """Under a small map with every kind of entry, the strip is one row and
    adds at most 60% to the drawing's area (measured: 49% in talk, 56% in
    light; the boxed legend beside a map of four claims added 170%)."""
    if not BACKENDS["embedded"]:
        pytest.skip("the embedded Graphviz is not here")
    amap = load(MAP)

    def area(legend: bool) -> float:
        options = RenderOptions(theme=THEMES[theme], legend=legend)
        width, height = _size(render_dot(DotRenderer().render(amap, options), "svg", "embedded"))
        return width * height

    assert area(True) <= area(False) * 1.6
    svg = render_dot(DotRenderer().render(amap, RenderOptions(theme=THEMES[theme])), "svg", "embedded")
    at = text_positions(svg)
    assert len({at[name][1] for name in ORDER}) == 1  # one row: every entry's text on one line
