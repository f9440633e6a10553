"""The frames of a slide build as DOT: the whole map, once per frame, with
the claims the frame does not show yet drawn invisible
(`RenderOptions.hidden`; the DOT renderer hides what joins them too).

Every frame is the same graph, statement for statement, in the same order,
so Graphviz puts every claim in the same place in every frame: nothing
jumps between slides, and the frames all have the size of the whole map.
Which claims each frame shows is argmap.analysis.slides's business;
drawing the frames and writing them, the render pipeline's and the CLI's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from argmap.analysis.slides import Frame
from argmap.model import ArgumentMap
from argmap.render.dot import DotRenderer
from argmap.render.options import RenderOptions

__all__ = ["frame_dots", "frame_names", "is_frame_name"]

# A file name argmap gives a frame (frame_names); checked on file names, never on DOT.
_FRAME_NAME = re.compile(r"^frame-\d{2,}\.(svg|png|pdf)$")


def frame_dots(amap: ArgumentMap, options: RenderOptions, frames: Sequence[Frame]) -> list[str]:
    """Each frame's DOT: `amap` drawn with `options`, the claims the frame
    does not show hidden."""
    every = frozenset(claim.id for claim in amap.claims)
    renderer = DotRenderer()
    return [renderer.render(amap, replace(options, hidden=every - frame.visible)) for frame in frames]


def frame_names(count: int, fmt: str) -> list[str]:
    """frame-01.svg, frame-02.svg, ...: two digits, more when there are 100 or more."""
    width = max(2, len(str(count)))
    return [f"frame-{number:0{width}d}.{fmt}" for number in range(1, count + 1)]


def is_frame_name(name: str, fmt: str) -> bool:
    """Whether `name` is one argmap gives a frame in `fmt` (so an earlier
    build's frame it may remove)."""
    match = _FRAME_NAME.match(name)
    return match is not None and match.group(1) == fmt
