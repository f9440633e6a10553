"""What a render is asked for: one frozen record of options, shared by every
renderer, and the Renderer protocol they all follow."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from argmap.model import ArgumentMap
from argmap.render.themes import LIGHT, Theme

# The Graphviz a render can run (render/graphviz.py runs them): here, where
# a DOT render can check the name without importing that module.
BACKENDS = ("auto", "system", "embedded")


class Direction(StrEnum):
    BT = "BT"  # conclusions on top, reasons below (the default)
    TB = "TB"
    LR = "LR"
    RL = "RL"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    direction: Direction = Direction.BT
    root: str | None = None  # only this claim and what hangs under it
    depth: int | None = None  # levels below the roots to show
    side: str | None = None  # only claims by this side (and the path to them)
    tag: str | None = None  # only claims with this tag (and the path to them)
    highlight: str | None = None  # this claim and its path up stand out, the rest fades
    legend: bool = True  # the key strip (render/dot/legend.py); False: none (`render --no-legend`)
    wrap: int | None = None  # characters per line of claim text in diagrams; None: the theme's
    theme: Theme = LIGHT
    short_labels: bool | None = None  # claims' `label` instead of their text; None: as the theme says
    # Graphviz settings for big maps (dot.FAST_LAYOUT); None: past dot.BIG_MAP claims.
    fast_layout: bool | None = None
    # Claim id -> its evaluated status ("in", "out", "undec") or DF-QuAD
    # strength ("0.62"), shown beside each claim; empty: not evaluated.
    status: Mapping[str, str] = field(default_factory=dict)
    # Claims drawn invisible (DOT: style=invis), with the arrows and joints
    # that need them: Graphviz lays them out all the same, so every frame of
    # a slide build puts each claim where the whole map has it.
    hidden: frozenset[str] = frozenset()


class Renderer(Protocol):
    name: str

    def render(self, amap: ArgumentMap, options: RenderOptions, /) -> str: ...
