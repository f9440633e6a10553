"""The graph form as JSON text."""

from __future__ import annotations

from argmap.formats.native import graph
from argmap.model import ArgumentMap
from argmap.render.options import RenderOptions


class JsonRenderer:
    name = "json"

    def render(self, amap: ArgumentMap, options: RenderOptions, /) -> str:
        return graph.dumps(amap)
