"""Writing SADFace (see the package docstring): claims as atoms, each
support (or linked group) a support scheme, each attack and undercut a
conflict scheme; what SADFace has no field for goes in the "argmap"
metadata blocks, so nothing is lost."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from typing import Any

from argmap.formats.base import Written
from argmap.formats.foreign import dependency_order
from argmap.formats.native.graph import (
    claim_dict,
    dump_json_lists,
    expect_dict,
    inference_dict,
    scheme_block_dict,
    side_dict,
    source_dict,
)
from argmap.formats.sadface.read import NAMESPACE
from argmap.model import (
    ArgumentMap,
    Claim,
    GroupKey,
    Relation,
    RelationType,
    Source,
    default_relation_id,
    group_key,
)
from argmap.schemes import map_schemes

SADFACE_VERSION = "0.5"


def _uuid(*parts: str) -> str:
    """A UUID (version 4 in form, as SADFace asks) derived from the parts:
    the same map gives the same ids."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


def write(amap: ArgumentMap) -> Written:
    return _Writer(amap).write()


def _renamed(relation: Relation) -> bool:
    """Whether the relation's id is not the one a reader would make."""
    return relation.id != default_relation_id(relation.type, relation.source, relation.target)


class _Writer:
    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.atom_of = {c.id: _uuid("atom", c.id) for c in amap.claims}
        self.resource_of = {s: _uuid("resource", s) for s in amap.sources}
        self.scheme_of: dict[str, str] = {}  # relation id -> the scheme node standing for it
        self.schemes = map_schemes(amap) if any(r.scheme for r in amap.relations) else {}

    def write(self) -> Written:
        amap = self.amap
        self.nodes.extend(_atom(claim, self.atom_of[claim.id], self.resource_of) for claim in amap.claims)
        self._supports()
        self._conflicts()
        document = {
            "edges": self.edges,
            "metadata": _metadata(amap, self.atom_of),
            "nodes": self.nodes,
            "resources": [_resource(source, self.resource_of[source.id]) for source in amap.sources.values()],
        }
        return Written(dump_json_lists(document))

    def atom(self, claim_id: str) -> str:
        """The atom of a claim (an undefined claim keeps its id: validate reports it)."""
        return self.atom_of.get(claim_id, claim_id)

    def edge(self, source: str, target: str) -> None:
        self.edges.append(
            {"id": _uuid("edge", str(len(self.edges))), "source_id": source, "target_id": target}
        )

    def _supports(self) -> None:
        """A support scheme per support relation, or one per linked group;
        relation ids a reader would not make back are kept by premise."""
        group_node: dict[tuple[str, str], dict[str, Any]] = {}
        for relation in self.amap.iter_relations(RelationType.SUPPORT):
            key = (relation.target, relation.group) if relation.group is not None else None
            node = group_node.get(key) if key is not None else None
            if node is None:
                node = self._support_scheme(relation)
                if key is not None:
                    group_node[key] = node
            if _renamed(relation):
                node["metadata"].setdefault(NAMESPACE, {}).setdefault("ids", {})[relation.source] = (
                    relation.id
                )
            if relation.weight is not None:
                node["metadata"].setdefault(NAMESPACE, {}).setdefault("weights", {})[relation.source] = (
                    relation.weight
                )
            self.edge(self.atom(relation.source), node["id"])
            self.scheme_of[relation.id] = node["id"]

    def _support_scheme(self, relation: Relation) -> dict[str, Any]:
        """A new support scheme pointing at the relation's conclusion."""
        node_id = _uuid("scheme", relation.id)
        name = self.scheme_name(relation.scheme)
        node: dict[str, Any] = {"id": node_id, "type": "scheme", "name": name, "metadata": {"core": {}}}
        ours = {"group": relation.group} if relation.group is not None else {}
        ours |= inference_dict(relation)
        if ours:
            node["metadata"][NAMESPACE] = ours
        self.nodes.append(node)
        self.edge(node_id, self.atom(relation.target))
        return node

    def scheme_name(self, scheme_id: str | None) -> str:
        """A support node's name: its argument scheme's, or "support"."""
        if scheme_id is None:
            return "support"
        scheme = self.schemes.get(scheme_id)
        return scheme.name if scheme is not None else scheme_id

    def _conflicts(self) -> None:
        """A conflict scheme per attack and undercut (one per linked group,
        its members' atoms all pointing at it), each after the scheme it aims at."""
        amap = self.amap
        conflicts = [*amap.iter_relations(RelationType.ATTACK), *amap.iter_relations(RelationType.UNDERCUT)]
        group_node: dict[GroupKey, dict[str, Any]] = {}
        for relation in dependency_order(conflicts, lambda r: r.id, lambda r: [r.target]):
            target = self._conflict_target(relation)
            if target is None:
                continue  # an undercut of no relation: nothing to aim at (validate reports it)
            key = group_key(relation)
            node = group_node.get(key) if key is not None else None
            if node is None:
                node_id = _uuid("scheme", relation.id)
                node = {
                    "id": node_id,
                    "type": "scheme",
                    "name": "conflict",
                    "metadata": _conflict_metadata(relation),
                }
                self.nodes.append(node)
                self.edge(self.atom(relation.source), node_id)
                self.edge(node_id, target)
                if key is not None:
                    group_node[key] = node
            else:
                if _renamed(relation):
                    ours = node["metadata"].setdefault(NAMESPACE, {})
                    ours.setdefault("ids", {})[relation.source] = relation.id
                if relation.weight is not None:  # a linked attack's members weigh apart
                    ours = node["metadata"].setdefault(NAMESPACE, {})
                    ours.setdefault("weights", {})[relation.source] = relation.weight
                if relation.question is not None:  # and may raise different questions
                    ours = node["metadata"].setdefault(NAMESPACE, {})
                    ours.setdefault("questions", {})[relation.source] = relation.question
                self.edge(self.atom(relation.source), node["id"])
            self.scheme_of[relation.id] = node["id"]

    def _conflict_target(self, relation: Relation) -> str | None:
        """The node a conflict points at: the attacked atom, or the scheme
        of the undercut relation (None when there is none)."""
        if relation.type is RelationType.UNDERCUT:
            return self.scheme_of.get(relation.target)
        return self.atom(relation.target)


def _conflict_metadata(relation: Relation) -> dict[str, Any]:
    """What a reader needs to make the relation back: its id when not the
    default, the relation an undercut attacks, its weight."""
    ours: dict[str, Any] = {}
    if relation.group is not None:
        ours["group"] = relation.group
        if _renamed(relation):
            ours["ids"] = {relation.source: relation.id}
    elif _renamed(relation):
        ours["id"] = relation.id
    if relation.type is RelationType.UNDERCUT:
        ours["target"] = relation.target
    ours |= inference_dict(relation)
    if relation.group is not None and "question" in ours:
        ours["questions"] = {relation.source: ours.pop("question")}  # by member
    if relation.weight is not None and relation.group is not None:
        ours["weights"] = {relation.source: relation.weight}  # by member, as for supports
    elif relation.weight is not None:
        ours["weight"] = relation.weight
    metadata: dict[str, Any] = {"core": {}}
    if ours:
        metadata[NAMESPACE] = ours
    return metadata


def _atom(claim: Claim, node_id: str, resource_of: Mapping[str, str]) -> dict[str, Any]:
    # The claim as the graph form has it, but for its text (the atom's own).
    ours = {key: value for key, value in claim_dict(claim).items() if key != "text"}
    quoted = [
        {"resource_id": resource_of[s.ref], "text": s.quote, "offset": None, "length": len(s.quote)}
        for s in claim.all_sources()
        if s.ref is not None and s.ref in resource_of and s.quote is not None
    ]
    return {
        "id": node_id,
        "type": "atom",
        "text": claim.text,
        "sources": quoted,
        "metadata": {"core": {}, NAMESPACE: ours},
    }


def _resource(source: Source, resource_id: str) -> dict[str, Any]:
    return {
        "id": resource_id,
        "type": "text",
        "content": "",
        "metadata": {"core": {}, NAMESPACE: {"id": source.id, **source_dict(source)}},
    }


def _metadata(amap: ArgumentMap, atom_of: Mapping[str, str]) -> dict[str, Any]:
    core: dict[str, Any] = {
        "id": _uuid("document", *sorted(atom_of)),
        "version": SADFACE_VERSION,
        "created": "",
        "edited": "",
        "analyst_name": "",
        "analyst_email": "",
    }
    if amap.title is not None:
        core["title"] = amap.title
    if amap.description is not None:
        core["description"] = amap.description
    ours: dict[str, Any] = {}
    if amap.sides:
        ours["sides"] = {side_id: side_dict(side) for side_id, side in amap.sides.items()}
    if amap.expect:
        ours["expect"] = expect_dict(amap)
    if amap.schemes:
        ours["schemes"] = {sid: scheme_block_dict(s) for sid, s in amap.schemes.items()}
    return {"core": core, NAMESPACE: ours}
