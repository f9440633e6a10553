"""The terminal tree of every map in arguments/ and the valid data cases,
compared whole with tests/golden/show-*.txt (rewrite with --update-golden)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app

REPO = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
MAPS = sorted((REPO / "arguments").glob("*.yaml")) + sorted(
    (Path(__file__).parent / "data" / "valid").glob("*.*")
)


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_show_matches_golden(path: Path, update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(path.parent)
    result = CliRunner().invoke(app, ["show", path.name])
    assert (result.exit_code, result.stderr) == (0, "")
    golden = GOLDEN / f"show-{path.stem}.txt"
    if update_golden:
        golden.write_text(result.stdout, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing; create it with pytest --update-golden"
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_tree_renderer_in_the_registry_gives_the_piped_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.formats.registry import load_path
    from argmap.render import RenderOptions, renderers

    path = Path(__file__).parent / "data" / "valid" / "all-features.yaml"
    monkeypatch.chdir(path.parent)
    text = renderers()["tree"].render(load_path(path.name).map, RenderOptions())
    assert text == (GOLDEN / "show-all-features.txt").read_text(encoding="utf-8")
