"""What argmap must read from a map Argdown built: Argdown's JSON export
(with `map`) -> the claims and relations of the documented correspondence
(docs/formats.md, "Argdown"). Shared by the conformance test and the tests
that run the real Argdown CLI on what argmap writes."""

from __future__ import annotations

from typing import Any, NamedTuple

from argmap.formats import argdown
from argmap.model import RelationType, default_relation_id


class Expected(NamedTuple):
    claims: dict[str, tuple[str, tuple[str, ...], str | None]]  # id -> (text, tags, by)
    relations: set[tuple[str, str, str]]  # (source, target, type); undercut targets are relation ids
    as_attacks: dict[
        tuple[str, str, str], tuple[str, str, str]
    ]  # attack read from an undercut edge -> that edge


def _flatten(
    nodes: list[dict[str, Any]], groups: tuple[str, ...] = ()
) -> list[tuple[dict[str, Any], tuple[str, ...]]]:
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


def expected_map(argdown_json: dict[str, Any], sides: frozenset[str] = frozenset()) -> Expected:
    """Claims (id -> text, tags, by), relations (source, target, type), and
    the undercut edges read as attacks (relation -> Argdown edge). A tag
    `by:<side>` of one of `sides` is the claim's `by`."""
    flat = sorted(_flatten(argdown_json["map"]["nodes"]), key=lambda pair: int(pair[0]["id"][1:]))
    ids = argdown.claim_ids(node["title"] for node, _ in flat)
    by_node = {node["id"]: claim_id for (node, _), claim_id in zip(flat, ids, strict=True)}
    title_of = {node["id"]: node["title"] for node, _ in flat}
    claims: dict[str, tuple[str, tuple[str, ...], str | None]] = {}
    for (node, groups), claim_id in zip(flat, ids, strict=True):
        kind = "statements" if node["type"] == "statement-map-node" else "arguments"
        text = (
            node["labelText"] if "labelText" in node else _canonical_text(argdown_json[kind][node["title"]])
        )
        text = text if text.strip() else node["title"]
        by_tags = [t for t in node.get("tags", []) if t.startswith("by:") and t[3:] in sides]
        tags = (*(t for t in node.get("tags", []) if t not in by_tags[:1]), *(f"group:{g}" for g in groups))
        claims[claim_id] = (text, tags, by_tags[0][3:] if by_tags else None)

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
    return Expected(claims, relations, as_attacks)
