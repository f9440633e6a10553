"""The renderers of a whole map to text, by name: each is imported only
when asked for, so drawing a diagram does not pay for the terminal tree's
rich. The CLI picks one by name, never by an if/elif chain over formats.

Other records have their own tables or forms: the drawings Graphviz makes
and the web page (DRAWINGS in render/pipeline.py), a debate brief
(BRIEF_FORMATS in render/brief.py), a diff (render/diff_text.py,
render/diff_dot.py), an evaluation (render/evaluation.py), drill cards
(render/drill.py), validate's and coverage's reports (render/reports.py)."""

from __future__ import annotations

import importlib

from argmap.render.options import Renderer

# Name -> (module, class): imported only when that renderer is asked for,
# so drawing a diagram does not pay for the terminal tree's rich.
_RENDERERS: dict[str, tuple[str, str]] = {
    "dot": ("argmap.render.dot", "DotRenderer"),
    "json": ("argmap.render.json", "JsonRenderer"),
    "lines": ("argmap.render.lines", "LinesRenderer"),
    "mermaid": ("argmap.render.mermaid", "MermaidRenderer"),
    "tree": ("argmap.render.tree", "TreeRenderer"),
}


def renderer(name: str) -> Renderer:
    """The renderer called `name`; KeyError for a name there is none of."""
    module_name, class_name = _RENDERERS[name]
    found: Renderer = getattr(importlib.import_module(module_name), class_name)()
    return found


def renderers() -> dict[str, Renderer]:
    """Name -> renderer, every one of them (each module imported on the way)."""
    return {name: renderer(name) for name in _RENDERERS}
