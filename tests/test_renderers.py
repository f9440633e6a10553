"""Every renderer of the registry: registered under its own name, and the
same text for the same map, holding every claim of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.formats.registry import load_path
from argmap.render import RenderOptions, renderers
from argmap.render.registry import _RENDERERS

VALID = sorted((Path(__file__).parent / "data" / "valid").glob("*.yaml"))


def test_the_registry_holds_the_map_renderers() -> None:
    assert sorted(_RENDERERS) == ["dot", "json", "lines", "mermaid", "tree"]
    for name, found in renderers().items():
        assert found.name == name


@pytest.mark.parametrize("name", sorted(_RENDERERS))
@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_each_renderer_gives_the_same_text_twice_with_every_claim(name: str, path: Path) -> None:
    amap = load_path(path).map
    found = renderers()[name]
    text = found.render(amap, RenderOptions())
    assert text == found.render(amap, RenderOptions())
    # Mermaid makes its own node names; the others write claim ids as they are.
    shown = [c.text.split()[0] for c in amap.claims] if name == "mermaid" else [c.id for c in amap.claims]
    assert [s for s in shown if s not in text] == []
