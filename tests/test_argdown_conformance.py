"""Conformance: for every file of the Argdown corpus, the claims and relations
argmap reads must be the map Argdown 2.0 itself built (`map-json/`), node for
node and edge for edge.

The correspondence (documented in docs/formats-argdown.md):

* a map node (statement or argument) is a claim with id `claim_ids(titles)`,
  its text the node's text (the canonical member's; the title when empty),
  its tags the node's tags, then `group:<title>` for each heading group
  around it, outermost first;
* an edge `support` or `entails` is a support, `attack` an attack,
  `contrary` or `contradictory` an attack each way;
* an edge `undercut` from X to node N is an undercut by X of every relation
  from N (N's inferences); when N has none, it can only be an attack on N:
  those edges are the expected differences below.

Expected nodes and edges are computed here from Argdown's JSON, not from
argmap's reading of the `.argdown` text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from argmap.formats import argdown
from argmap.model import RelationType, default_relation_id
from argmap.validate import check_loaded

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


def _flatten(nodes: list[dict[str, Any]], groups: tuple[str, ...] = ()) -> list[tuple[dict[str, Any], tuple[str, ...]]]:
    found: list[tuple[dict[str, Any], tuple[str, ...]]] = []
    for node in nodes:
        if node["type"] == "group-map-node":
            found.extend(_flatten(node.get("children", []), (*groups, node["title"])))
        else:
            found.append((node, groups))
    return found


def _canonical_text(element: dict[str, Any]) -> str:
    """Argdown's canonical member: the last one not a reference, unless one
    says isCanonical."""
    default: str | None = None
    for member in reversed(element.get("members", [])):
        if member.get("isReference"):
            continue
        if (member.get("data") or {}).get("isCanonical"):
            return str(member.get("text") or "")
        if default is None:
            default = str(member.get("text") or "")
    return default or ""


def _expected(argdown_json: dict[str, Any]) -> tuple[dict[str, tuple[str, tuple[str, ...]]], set[tuple[str, str, str]], dict[tuple[str, str, str], tuple[str, str, str]]]:
    """Claims (id -> text, tags), relations (source, target, type), and the
    undercut edges read as attacks (relation -> Argdown edge)."""
    flat = sorted(_flatten(argdown_json["map"]["nodes"]), key=lambda pair: int(pair[0]["id"][1:]))
    ids = argdown.claim_ids(node["title"] for node, _ in flat)
    by_node = {node["id"]: claim_id for (node, _), claim_id in zip(flat, ids, strict=True)}
    title_of = {node["id"]: node["title"] for node, _ in flat}
    claims: dict[str, tuple[str, tuple[str, ...]]] = {}
    for (node, groups), claim_id in zip(flat, ids, strict=True):
        kind = "statements" if node["type"] == "statement-map-node" else "arguments"
        text = node["labelText"] if "labelText" in node else _canonical_text(argdown_json[kind][node["title"]])
        text = text if text.strip() else node["title"]
        tags = (*node.get("tags", []), *(f"group:{g}" for g in groups))
        claims[claim_id] = (text, tags)

    relations: set[tuple[str, str, str]] = set()
    undercuts: list[tuple[str, str, tuple[str, str, str]]] = []
    for edge in argdown_json["map"]["edges"]:
        source, target, kind = by_node[edge["from"]], by_node[edge["to"]], edge["relationType"]
        if kind in ("support", "entails"):
            relations.add((source, target, "support"))
        elif kind == "attack":
            relations.add((source, target, "attack"))
        elif kind in ("contrary", "contradictory"):
            relations.update({(source, target, "attack"), (target, source, "attack")})
        else:
            assert kind == "undercut", kind
            undercuts.append((source, target, (title_of[edge["from"]], title_of[edge["to"]], kind)))
    as_attacks: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    # Undercut edges out of undercut targets first (an undercut of an undercutter).
    pending = list(undercuts)
    while pending:
        progress = False
        for item in list(pending):
            source, target, edge_key = item
            if any(other[0] == target for other in pending if other is not item):
                continue
            inferences = [r for r in relations if r[0] == target]
            if inferences:
                for r in inferences:
                    relations.add((source, default_relation_id(RelationType(r[2]), r[0], r[1]), "undercut"))
            else:
                relations.add((source, target, "attack"))
                as_attacks[(source, target, "attack")] = edge_key
            pending.remove(item)
            progress = True
        assert progress, "a cycle of undercuts in the corpus: extend this test"
    return claims, relations, as_attacks


@pytest.mark.parametrize("name", CORPUS)
def test_argdown_map_matches(name: str, corpora: Path) -> None:
    folder = corpora / "argdown"
    result = argdown.read((folder / f"{name}.argdown").read_text(encoding="utf-8"), f"{name}.argdown")
    expected_claims, expected_relations, as_attacks = _expected(
        json.loads((folder / "map-json" / f"{name}.json").read_text(encoding="utf-8"))
    )
    amap = result.map
    got_claims = {c.id: (c.text, c.tags) for c in amap.claims}
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
