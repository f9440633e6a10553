"""Renderers: a map in, text (or a rich renderable) out, behind one interface
(argmap.render.options.Renderer), chosen by name from argmap.render.registry.
"""

from __future__ import annotations

from argmap.render.options import Direction, Renderer, RenderOptions
from argmap.render.registry import renderer, renderers

__all__ = ["Direction", "RenderOptions", "Renderer", "renderer", "renderers"]
