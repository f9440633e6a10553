"""`argmap init`: a starter map that validates as written, never written
over anything."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.checks.gate import check_file
from argmap.cli import app
from argmap.formats.native.schema import schema_text

runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_writes_a_map_that_validates_strictly_as_written(here: Path) -> None:
    assert run("init") == (
        0,
        "",
        "wrote argument.argmap.yaml\nwrote sources/argument.txt\nwrote argmap.schema.json\n",
    )
    assert run("validate", "--strict", "--quiet", "argument.argmap.yaml") == (0, "", "")
    checked = check_file(here / "argument.argmap.yaml")
    assert checked.diagnostics == []
    amap = checked.map
    assert amap.title == "Should the town build a cycle lane on Main Street?"
    assert sorted(amap.sides) == ["against", "for"]
    assert sorted((r.type.value, r.source, r.target) for r in amap.relations) == [
        ("attack", "parking", "build-lane"),
        ("support", "safer", "build-lane"),
    ]
    quoted = [ref for claim in amap.claims for ref in claim.all_sources()]
    assert [(ref.ref, ref.quote is not None) for ref in quoted] == [("survey", True)]
    text = (here / "argument.argmap.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=argmap.schema.json"
    assert (here / "argmap.schema.json").read_text(encoding="utf-8") == schema_text()
    json.loads(schema_text())


def test_init_names_the_source_after_the_map_and_makes_folders(here: Path) -> None:
    code, out, err = run("init", "debates/Town Hall.yml")
    assert (code, out) == (0, "")
    assert err == (
        "wrote debates/Town Hall.yml\nwrote debates/sources/Town-Hall.txt\nwrote debates/argmap.schema.json\n"
    )
    assert run("validate", "--strict", "--quiet", "debates/Town Hall.yml") == (0, "", "")


def test_init_refuses_to_write_over_any_file_and_writes_nothing(here: Path) -> None:
    (here / "sources").mkdir()
    (here / "sources" / "mine.txt").write_text("my notes\n", encoding="utf-8")
    assert run("init", "mine.yaml") == (
        2,
        "",
        "argmap: sources/mine.txt: already exists; refusing to write over it\n",
    )
    assert sorted(p.name for p in here.rglob("*")) == ["mine.txt", "sources"]
    assert (here / "sources" / "mine.txt").read_text(encoding="utf-8") == "my notes\n"
    assert run("init")[0] == 0
    before = (here / "argument.argmap.yaml").read_bytes()
    assert run("init") == (2, "", "argmap: argument.argmap.yaml: already exists; refusing to write over it\n")
    assert (here / "argument.argmap.yaml").read_bytes() == before


def test_init_keeps_a_schema_file_there_and_says_when_it_differs(here: Path) -> None:
    (here / "argmap.schema.json").write_text("{}\n", encoding="utf-8")
    assert run("init", "a.yaml") == (
        0,
        "",
        "wrote a.yaml\nwrote sources/a.txt\n"
        "argmap: kept argmap.schema.json as it is; `argmap schema > argmap.schema.json` brings it up to date\n",
    )
    assert (here / "argmap.schema.json").read_text(encoding="utf-8") == "{}\n"
    assert run("init", "b.yaml") == (
        0,
        "",
        "wrote b.yaml\nwrote sources/b.txt\n"
        "argmap: kept argmap.schema.json as it is; `argmap schema > argmap.schema.json` brings it up to date\n",
    )


def test_init_writes_yaml_only(here: Path) -> None:
    assert run("init", "map.json") == (
        2,
        "",
        "argmap: map.json: a map from init is YAML; name a .yaml file\n",
    )
    assert list(here.iterdir()) == []
