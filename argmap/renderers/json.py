"""The graph form as JSON text."""

from __future__ import annotations

from argmap.formats import graph
from argmap.model import ArgumentMap
from argmap.renderers import RenderOptions


class JsonRenderer:
    name = "json"

    def render(self, amap: ArgumentMap, options: RenderOptions, /) -> str:
        return graph.dumps(amap)
