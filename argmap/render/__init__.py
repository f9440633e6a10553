"""Renderers: a map in, text (or a rich renderable) out, behind one interface
(argmap.render.options.Renderer), chosen by name from argmap.render.registry.

The names below are loaded when first asked for, so a command that needs one
render module (validate's JSON report) does not pay for the themes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.render.options import Direction, Renderer, RenderOptions
    from argmap.render.registry import renderer, renderers

__all__ = ["Direction", "RenderOptions", "Renderer", "renderer", "renderers"]

_HOMES = {
    "Direction": "argmap.render.options",
    "RenderOptions": "argmap.render.options",
    "Renderer": "argmap.render.options",
    "renderer": "argmap.render.registry",
    "renderers": "argmap.render.registry",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
