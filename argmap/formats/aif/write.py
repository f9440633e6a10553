"""Writing AIF JSON (see the package docstring): claims as I-nodes,
supports as RA-nodes, attacks and undercuts as CA-nodes, sides as
locutions; what AIF cannot hold is reported as Losses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from argmap.formats.base import LossCounter, Written
from argmap.formats.foreign import dependency_order
from argmap.formats.losses import scheme_losses, unheld_fields
from argmap.formats.native.graph import dump_json_lists
from argmap.model import ArgumentMap, RelationType, default_relation_id
from argmap.schemes import map_schemes


def write(amap: ArgumentMap) -> Written:
    return _Writer(amap).write()


class _Writer:
    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.losses = LossCounter()
        self.taken = {c.id for c in amap.claims}
        self.counters: dict[str, int] = {}
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.schemes = map_schemes(amap) if any(r.scheme for r in amap.relations) else {}

    def fresh(self, prefix: str) -> str:
        """A node id of a scheme or locution node that no claim id uses."""
        while True:
            self.counters[prefix] = self.counters.get(prefix, 0) + 1
            candidate = f"{prefix}{self.counters[prefix]}"
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate

    def node(self, kind: str, text: str, node_id: str | None = None, scheme: str | None = None) -> str:
        nid = node_id if node_id is not None else self.fresh(kind.lower())
        found = {"nodeID": nid, "text": text, "type": kind}
        if scheme is not None:
            found["scheme"] = scheme
        self.nodes.append(found)
        return nid

    def edge(self, source: str, target: str) -> None:
        self.edges.append(
            {"edgeID": str(len(self.edges) + 1), "fromID": source, "toID": target, "formEdgeID": None}
        )

    def write(self) -> Written:
        amap = self.amap
        for claim in amap.claims:
            self.node("I", claim.text, claim.id)
        scheme_of = self._inferences()
        self._conflicts(scheme_of)
        locutions, participants = self._locutions()
        self._count_losses()
        document: dict[str, Any] = {"nodes": self.nodes, "edges": self.edges, "locutions": locutions}
        if participants:
            document["participants"] = participants
        return Written(dump_json_lists(document), self.losses.losses())

    def _inferences(self) -> dict[str, str]:
        """One RA-node per support relation, or per linked group; relation id -> node id."""
        scheme_of: dict[str, str] = {}
        ra_of_group: dict[tuple[str, str], str] = {}
        for relation in self.amap.iter_relations(RelationType.SUPPORT):
            key = (relation.target, relation.group) if relation.group is not None else None
            if key is not None and key in ra_of_group:
                ra = ra_of_group[key]
            else:
                name = self._scheme_name(relation.scheme)
                ra = self.node("RA", name or "Default Inference", scheme=name)
                self.edge(ra, relation.target)
                if key is not None:
                    ra_of_group[key] = ra
            self.edge(relation.source, ra)
            scheme_of[relation.id] = ra
        return scheme_of

    def _scheme_name(self, scheme_id: str | None) -> str | None:
        """The name AIFdb gives a scheme (the first of its `aif` names), or
        its own name; an id no scheme has is written as it is."""
        if scheme_id is None:
            return None
        scheme = self.schemes.get(scheme_id)
        if scheme is None:
            return scheme_id
        return scheme.aif[0] if scheme.aif else scheme.name

    def _conflicts(self, scheme_of: dict[str, str]) -> None:
        """A CA-node per attack; undercuts after the relations they attack,
        which may themselves be undercuts."""
        for relation in self.amap.iter_relations(RelationType.ATTACK):
            ca = self.node("CA", "Default Conflict")
            self.edge(relation.source, ca)
            self.edge(ca, relation.target)
            scheme_of[relation.id] = ca
        undercuts = list(self.amap.iter_relations(RelationType.UNDERCUT))
        for relation in dependency_order(undercuts, lambda r: r.id, lambda r: [r.target]):
            target = scheme_of.get(relation.target)
            if target is None:
                self.losses.lost("undercut", "an undercut of no relation in the map was not written")
                continue
            ca = self.node("CA", "Default Conflict")
            self.edge(relation.source, ca)
            self.edge(ca, target)
            scheme_of[relation.id] = ca

    def _locutions(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Each claim with `by` is asserted by that side: L-node, YA-node, locution."""
        locutions: list[dict[str, Any]] = []
        speakers: dict[str, str] = {}
        for claim in self.amap.claims:
            if claim.by is None:
                continue
            side = self.amap.sides.get(claim.by)
            name = side.name if side is not None and side.name else claim.by
            speakers.setdefault(claim.by, name)
            locution = self.node("L", f"{name}: {claim.text}")
            assertion = self.node("YA", "Asserting")
            self.edge(locution, assertion)
            self.edge(assertion, claim.id)
            locutions.append({"nodeID": locution, "personID": claim.by})
        participants = [
            {"participantID": side_id, "firstname": name, "surname": ""} for side_id, name in speakers.items()
        ]
        return locutions, participants

    def _count_losses(self) -> None:
        amap, lost = self.amap, self.losses.lost
        lost("title", "AIF has no map title; not written", int(amap.title is not None))
        lost("description", "AIF has no map description; not written", int(amap.description is not None))
        lost("source", "sources and quotes have no place in AIF; not written", len(amap.sources))
        unheld_fields(self.losses, amap, ("claim-side",), "AIF")  # sides are locutions
        used = {c.by for c in amap.claims if c.by is not None}
        lost(
            "side",
            "sides that no claim speaks for have no locution; not written",
            len(set(amap.sides) - used),
        )
        lost("colour", "side colours not written", sum(s.colour is not None for s in amap.sides.values()))
        lost("expect", "expected outcomes not written", len(amap.expect))
        scheme_losses(
            self.losses,
            amap,
            ("scheme",),
            "AIF",
            {
                "own-scheme": "AIF names a scheme only: the map's own schemes' premises and questions not written"
            },
        )
        lost("relation-id", "relation ids of your own become AIF's defaults", sum(_custom_ids(amap)))
        lost(
            "group-name",
            "linked groups are RA-nodes; their names become the premises' ids joined by '+'",
            sum(1 for _ in _renamed_groups(amap)),
        )


def _custom_ids(amap: ArgumentMap) -> Iterator[bool]:
    for relation in amap.relations:
        yield relation.id != default_relation_id(relation.type, relation.source, relation.target)


def _renamed_groups(amap: ArgumentMap) -> Iterator[str]:
    members: dict[tuple[str, str], list[str]] = {}
    for relation in amap.iter_relations(RelationType.SUPPORT):
        if relation.group is not None:
            members.setdefault((relation.target, relation.group), []).append(relation.source)
    for (_, group), sources in members.items():
        if len(sources) < 2 or group != "+".join(sources):
            yield group
