"""Conformance: for every file of the Argdown corpus, the claims and relations
argmap reads must be the map Argdown 2.0 itself built (`map-json/`), node for
node and edge for edge.

The correspondence (documented in docs/formats.md, "Argdown"):

* a map node (statement or argument) is a claim with id `claim_ids(titles)`,
  its text the node's text (the canonical member's; the title when empty),
  its tags the node's tags, then `group:<title>` for each heading group
  around it, outermost first;
* an edge `support` or `entails` is a support, `attack` an attack,
  `contrary` or `contradictory` an attack each way;
* an edge `undercut` from X to node N is an undercut by X of every relation
  from N (N's inferences); when N has none, it can only be an attack on N:
  those edges are the expected differences below.

Expected nodes and edges are computed from Argdown's JSON (by
tests/argdown_expect.py), not from argmap's reading of the `.argdown` text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from argdown_expect import expected_map
from typer.testing import CliRunner

from argmap.checks.gate import check_loaded
from argmap.cli import app
from argmap.formats import argdown
from argmap.formats.native import tree
from argmap.io.output import write_atomic
from argmap.model import RelationType

CORPUS = [
    "argdown-primer",
    "core-test_intro",
    "core-test_lexer-comment",
    "core-test_lexer-links-and-tags",
    "core-test_lexer-mentions",
    "core-test_model-escaped-chars",
    "core-test_parser-arguments",
    "core-test_parser-mix",
    "docs-guide_a-first-example_reconstruction",
    "docs-guide_a-first-example_sketch",
    "docs-guide_colorizing",
    "docs-guide_elements-of-a-map",
    "docs-guide_inference-tree_explode",
    "docs-guide_regroup",
    "docs-home_word-analogy",
    "docs-syntax_pcs-enhanced",
    "docs-syntax_strict-mode-suit",
    "docs-syntax_strict-relations",
    "docs-syntax_undercut-derivation",
    "semmelweis_betz",
    "state-censorship",
]

# Edges argmap cannot carry as Argdown has them: file -> {(from title, to
# title, Argdown's relationType): why}. Each is read differently, as stated.
EXPECTED_DIFFERENCES: dict[str, dict[tuple[str, str, str], str]] = {
    "docs-syntax_undercut-derivation": {
        ("t1", "a", "undercut"): (
            "read as an attack on <a>: argmap undercuts an inference (a relation), "
            "and <a> has no edge in the map for its inference to lead to"
        ),
    },
}


def test_every_corpus_file_is_checked(corpora: Path) -> None:
    assert sorted(p.stem for p in (corpora / "argdown").glob("*.argdown")) == sorted(CORPUS)


@pytest.mark.parametrize("name", CORPUS)
def test_argdown_map_matches(name: str, corpora: Path) -> None:
    folder = corpora / "argdown"
    result = argdown.read((folder / f"{name}.argdown").read_text(encoding="utf-8"), f"{name}.argdown")
    expected_claims, expected_relations, as_attacks = expected_map(
        json.loads((folder / "map-json" / f"{name}.json").read_text(encoding="utf-8"))
    )
    amap = result.map
    got_claims = {c.id: (c.text, c.tags, c.by) for c in amap.claims}
    assert len(amap.claims) == len(got_claims)  # no id twice
    assert got_claims == expected_claims
    relation_ids = {r.id: r for r in amap.relations}
    got_relations = {(r.source, r.target, r.type.value) for r in amap.relations}
    assert got_relations == expected_relations
    # Undercut targets are relations of this map.
    assert all(r.target in relation_ids for r in amap.relations if r.type is RelationType.UNDERCUT)
    assert set(as_attacks.values()) == set(EXPECTED_DIFFERENCES.get(name, {}))
    warned = [d for d in result.diagnostics if d.check_id == argdown.UNDERCUT_AS_ATTACK]
    assert len(warned) == len(as_attacks)


@pytest.mark.parametrize("name", CORPUS)
def test_argdown_file_validates(name: str, corpora: Path) -> None:
    path = corpora / "argdown" / f"{name}.argdown"
    checked = check_loaded(argdown.read(path.read_text(encoding="utf-8"), str(path)), read_sources=False)
    assert checked.errors == []


def test_corpus_converts_to_yaml_that_argmap_validate_accepts(corpora: Path, tmp_path: Path) -> None:
    """End to end: every corpus file as a YAML map, through `argmap validate`."""
    for name in CORPUS:
        text = (corpora / "argdown" / f"{name}.argdown").read_text(encoding="utf-8")
        write_atomic(tmp_path / f"{name}.yaml", tree.dumps(argdown.read(text, f"{name}.argdown").map))
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert " error: " not in result.output
