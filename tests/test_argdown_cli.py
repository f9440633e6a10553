"""The real Argdown CLI (2.0) reads what argmap writes and builds the same
map: every essay map in arguments/, and a map of texts full of Argdown
syntax. The CLI is installed with npm on first use (benchmarks/argdown_cli.py);
without npm or network the tests are skipped, saying why."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from argdown_expect import expected_map

from argmap.formats import argdown
from argmap.formats.registry import load_path
from argmap.model import ArgumentMap, Claim, Relation, RelationType, Side, default_relation_id

ROOT = Path(__file__).resolve().parent.parent
ESSAY_MAPS = sorted((ROOT / "arguments").glob("*.yaml"))


def _load_helper() -> ModuleType:
    spec = importlib.util.spec_from_file_location("argdown_cli", ROOT / "benchmarks" / "argdown_cli.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cli() -> Any:
    helper = _load_helper()
    try:
        return helper.ensure_cli()
    except helper.CliUnavailableError as exc:
        pytest.skip(f"Argdown CLI unavailable: {exc}")


def _argdown_builds(cli: Any, amap: ArgumentMap, tmp_path: Path) -> None:
    """Write `amap` as Argdown, let Argdown build its map, and check that it
    is the map argmap reads back from the same text, which is `amap` as far
    as Argdown can hold it."""
    written = argdown.write(amap)
    path = tmp_path / "map.argdown"
    path.write_text(written.text, encoding="utf-8")
    argdown_json = cli.map_json(path)
    expected = expected_map(argdown_json, frozenset(amap.sides))
    ours = argdown.read(written.text, "map.argdown").map
    assert {c.id: (c.text, c.tags, c.by) for c in ours.claims} == expected.claims
    assert {(r.source, r.target, r.type.value) for r in ours.relations} == expected.relations
    assert expected.as_attacks == {}
    # Node order too: Argdown lists the claims in the map's order.
    assert [c.id for c in ours.claims] == [c.id for c in amap.claims]
    assert {c.id: (c.text, c.tags, c.by) for c in ours.claims} == {
        c.id: (c.text.replace("\n", " "), c.tags, c.by) for c in amap.claims
    }


@pytest.mark.parametrize("path", ESSAY_MAPS, ids=[p.stem for p in ESSAY_MAPS])
def test_argdown_builds_the_essay_maps(path: Path, cli: Any, tmp_path: Path) -> None:
    _argdown_builds(cli, load_path(path).map, tmp_path)


TRICKY_TEXTS = [
    "Snake_case, *stars*, __dunder__ and a trailing backslash \\",
    "[Brackets] and <angles>: @[mention] @<mention> {braces} #hash #(paren tag)",
    "Comments: // not one, /* nor this */, <!-- nor this -->; a URL https://example.org/a_b",
    "Shortcodes .->. :+1: e.g. i.e. U.S.A. 3.14 a:b:c",
    "  Leading and trailing spaces, tabs\tand  double  spaces.  ",
    "=== front matter? === no",
    "(1) not a number; 1. not a list; * not an item; - not a relation; + nor this",
    "Ends in a colon:",
    "Ünïcödé — “quotes” and emoji 😀 survive",
]


def test_argdown_builds_texts_full_of_syntax(cli: Any, tmp_path: Path) -> None:
    claims = tuple(
        Claim(
            f"c{i}",
            text,
            by="pro" if i % 2 else None,
            tags=("a tag", "x_y") if i % 3 == 0 else (),
            note="n: {x}",
        )
        for i, text in enumerate(TRICKY_TEXTS)
    )
    relations = [
        Relation(
            default_relation_id(RelationType.SUPPORT, f"c{i}", "c0"), f"c{i}", "c0", RelationType.SUPPORT
        )
        for i in range(1, 4)
    ]
    relations.append(Relation("attack:c4:c4", "c4", "c4", RelationType.ATTACK))
    relations.append(Relation("attack:c5:c1", "c5", "c1", RelationType.ATTACK))
    relations.append(
        Relation("undercut:c6:support:c1:c0", "c6", "support:c1:c0", RelationType.UNDERCUT),
    )
    amap = ArgumentMap(
        claims=claims,
        relations=tuple(relations),
        title="A map: [title] with = and {braces}",
        sides={"pro": Side("pro", "Proponents", "#1f4e9c")},
    )
    assert argdown.write(amap).losses == ()
    _argdown_builds(cli, amap, tmp_path)
