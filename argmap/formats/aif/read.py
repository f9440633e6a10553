"""Reading AIF JSON (see the package docstring), and telling it from the
other JSON graphs."""

from __future__ import annotations

import re
from typing import Any

from argmap.errors import InputError
from argmap.formats.base import LoadResult
from argmap.formats.foreign import (
    IdMaker,
    MapBuilder,
    dependency_order,
    foreign_id,
    key_positions,
    nodes_and_edges,
    parse_json,
)
from argmap.model import Claim, RelationType, Side, SourceSpan
from argmap.schemes import SchemeNames

_NODE_KEYS = frozenset({"nodeID", "text", "type"})
_EDGE_KEYS = frozenset({"edgeID", "fromID", "toID"})
_TOP_KEYS = frozenset({"nodes", "edges", "locutions", "participants"})
# RA/CA texts that only repeat the node type (AIFdb, OVA and the Araucaria
# conversions write these); any other text names an argumentation scheme.
_GENERIC_SCHEME_TEXTS = frozenset(
    {
        "",
        "RA",
        "CA",
        "MA",
        "PA",
        "Default Inference",
        "Default Conflict",
        "Default Rephrase",
        "Default Preference",
    }
)
# Edges into an RA- or CA-node from these are read with the other end: a
# CA's undercut, a PA's preference, an illocution's anchoring.
_READ_ELSEWHERE = frozenset({"I", "CA", "PA", "MA", "YA", "TA", "L"})
_SPEAKER_COLON = re.compile(r"^\s*([^:\n]{1,80}?)\s*:\s")
_SPEAKER_SAYS = re.compile(r"^\s*(.{1,80}?)\s+says\b")


# -- reading --------------------------------------------------------------------


class _Node:
    __slots__ = ("fid", "kind", "scheme", "span", "text")

    def __init__(self, fid: str, kind: str, text: str, span: SourceSpan) -> None:
        self.fid = fid
        self.kind = kind
        self.text = text
        self.span = span
        self.scheme: str | None = None  # an argumentation scheme's name, when the node gives one


def _graph_of(data: Any, file: str) -> tuple[dict[str, Any], list[str]]:
    """The AIF mapping (unwrapping OVA3's {"AIF": ...}) and the keys left unread."""
    unread: list[str] = []
    if isinstance(data, dict) and "nodes" not in data and isinstance(data.get("AIF"), dict):
        unread = [key for key in data if key != "AIF"]
        data = data["AIF"]
    data = nodes_and_edges(data, file, "an AIF file")
    unread += [key for key, value in data.items() if key not in _TOP_KEYS and value not in (None, [], {})]
    return data, unread


def read(text: str, file: str) -> LoadResult:
    data, unread = _graph_of(parse_json(text, file, "AIF graph"), file)
    return _Reader(text, file).read(data, unread)


class _Reader:
    def __init__(self, text: str, file: str) -> None:
        self.build = MapBuilder(file)
        self.node_spans = key_positions(text, file, "nodeID")
        self.edge_spans = key_positions(text, file, "edgeID")
        self.nodes: dict[str, _Node] = {}
        self.into: dict[str, list[str]] = {}  # node -> nodes with an edge into it
        self.out_of: dict[str, list[str]] = {}  # node -> nodes it has an edge to
        self.claim_of: dict[str, str] = {}  # I-node id -> claim id
        self.notes: dict[str, list[str]] = {}
        self.relations_of: dict[str, list[str]] = {}  # RA/CA node -> relation ids it made
        self.schemes = SchemeNames()  # RA scheme names -> ids

    def read(self, data: dict[str, Any], unread: list[str]) -> LoadResult:
        build = self.build
        for key in unread:
            build.tally("top-level keys not read", key)
        self._read_nodes(data["nodes"])
        self._read_edges(data["edges"])
        self.claim_of = IdMaker("n").make_all(n.fid for n in self.nodes.values() if n.kind == "I")
        speakers, sides = self._speakers(data.get("locutions"), data.get("participants"))
        for node in self.nodes.values():
            if node.kind == "RA":
                self._inference(node)
        conflicts = [node for node in self.nodes.values() if node.kind == "CA"]
        for node in dependency_order(conflicts, lambda n: n.fid, lambda n: self.out_of.get(n.fid, [])):
            self._conflict(node)
        for node in self.nodes.values():
            if node.kind in ("CA", "I", "RA"):
                continue
            if node.kind in ("MA", "PA"):
                self._note(node)
            elif node.kind in ("L", "YA", "TA"):
                build.tally("locution and illocution nodes kept only as speakers (`by`)", node.kind)
            else:
                build.tally("nodes of unknown type not read", node.kind, node.span)
        for node in self.nodes.values():
            if node.kind != "I":
                continue
            claim_id = self.claim_of[node.fid]
            text = node.text
            if not text.strip():
                build.warn(f"I-node {node.fid} has no text; given a placeholder", node.span)
                text = f"(I-node {node.fid} has no text)"
            notes = self.notes.get(claim_id)
            build.add_claim(
                Claim(
                    claim_id,
                    text,
                    by=speakers.get(node.fid),
                    note="\n".join(notes) if notes else None,
                    span=node.span,
                )
            )
        return build.result(sides=sides, schemes=self.schemes.schemes)

    def _read_nodes(self, nodes: list[Any]) -> None:
        build = self.build
        for number, raw in build.objects(nodes, "node"):
            fid = foreign_id(raw.get("nodeID"))
            if fid is None:
                build.warn(f"node {number} has no 'nodeID' (a string or number); skipped")
                continue
            span = self.node_spans.get(fid, build.span())
            kind = raw.get("type")
            if not isinstance(kind, str):
                build.warn(f"node {fid} has no 'type' (I, RA, CA, ...); skipped", span)
                continue
            if fid in self.nodes:
                build.warn(f"node {fid} is defined twice; the first is kept", span)
                continue
            text = raw.get("text")
            if not isinstance(text, str):
                text = "" if text is None else str(text)
            for key in raw:
                if key not in _NODE_KEYS and key != "scheme" and key != "schemeID":
                    build.tally("node fields not kept", key)
            node = _Node(fid, kind, text, span)
            scheme = raw.get("scheme")
            if kind in ("RA", "CA", "MA", "PA"):
                name = scheme if isinstance(scheme, str) and scheme.strip() else text.strip()
                if name not in _GENERIC_SCHEME_TEXTS:
                    node.scheme = name
                    if kind != "RA":  # an RA's scheme is its relations' (_scheme_id)
                        build.tally(f"{kind} scheme names not kept", name)
            self.nodes[fid] = node

    def _read_edges(self, edges: list[Any]) -> None:
        build = self.build
        seen: set[tuple[str, str]] = set()
        for number, raw in build.objects(edges, "edge"):
            eid = foreign_id(raw.get("edgeID"))
            span = self.edge_spans.get(eid, build.span()) if eid is not None else build.span()
            name = f"edge {eid}" if eid is not None else f"edge {number}"
            ends = foreign_id(raw.get("fromID")), foreign_id(raw.get("toID"))
            if ends[0] is None or ends[1] is None:
                build.warn(f"{name} lacks 'fromID' or 'toID'; skipped", span)
                continue
            source, target = ends[0], ends[1]
            missing = [end for end in (source, target) if end not in self.nodes]
            if missing:
                build.warn(f"{name} joins node {missing[0]}, which is not defined; skipped", span)
                continue
            for key in raw:
                if key not in _EDGE_KEYS and not (key == "formEdgeID" and raw[key] is None):
                    build.tally("edge fields not kept", key)
            if (source, target) in seen:
                continue  # the same edge twice says nothing more
            seen.add((source, target))
            self.out_of.setdefault(source, []).append(target)
            self.into.setdefault(target, []).append(source)

    def _ends(self, node: _Node) -> tuple[list[str], list[str]]:
        """The I-nodes into and out of an RA-node; edges no other node reads are tallied."""
        premises, conclusions = [], []
        for fid in self.into.get(node.fid, []):
            if self.nodes[fid].kind == "I":
                premises.append(fid)
            elif self.nodes[fid].kind not in _READ_ELSEWHERE:
                self.build.tally("edges into RA-nodes not kept", f"from {self.nodes[fid].kind}", node.span)
        for fid in self.out_of.get(node.fid, []):
            if self.nodes[fid].kind == "I":
                conclusions.append(fid)
        return premises, conclusions

    def _inference(self, node: _Node) -> None:
        build = self.build
        premises, conclusions = self._ends(node)
        for fid in self.out_of.get(node.fid, []):
            if self.nodes[fid].kind != "I":
                build.tally("edges out of RA-nodes to non-I-nodes not kept", self.nodes[fid].kind, node.span)
        if not premises or not conclusions:
            build.warn(f"RA-node {node.fid} lacks a premise or a conclusion; skipped", node.span)
            return
        made: list[str] = []
        for conclusion in conclusions:
            target = self.claim_of[conclusion]
            kept = []
            for premise in (self.claim_of[p] for p in premises):
                if build.has_edge(RelationType.SUPPORT, premise, target):
                    build.warn(
                        f"'{premise}' supports '{target}' in more than one argument; argmap holds one "
                        f"support a pair, so RA-node {node.fid} loses this premise",
                        node.span,
                    )
                else:
                    kept.append(premise)
            group = "+".join(kept) if len(kept) > 1 else None
            # A name the catalogue lacks becomes a scheme of the map's own.
            scheme = self.schemes.id_for(node.scheme) if node.scheme is not None else None
            relations = [
                build.relate(RelationType.SUPPORT, p, target, group, node.span, inference={"scheme": scheme})
                for p in kept
            ]
            if relations and relations[0] is not None:
                made.append(
                    relations[0].id
                )  # an undercut of a linked argument is stored on its first premise
        self.relations_of[node.fid] = made

    def _conflict(self, node: _Node) -> None:
        """Attacks on the claims a CA-node points at, undercuts of the
        relations of the RA- and CA-nodes it points at (those come first)."""
        build = self.build
        made: list[str] = []
        self.relations_of[node.fid] = made
        attackers = [self.claim_of[fid] for fid in self.into.get(node.fid, []) if self.nodes[fid].kind == "I"]
        for fid in self.into.get(node.fid, []):
            if self.nodes[fid].kind not in _READ_ELSEWHERE:
                build.tally("edges into CA-nodes not kept", f"from {self.nodes[fid].kind}", node.span)
        if not build.conflict_ends(
            f"CA-node {node.fid}", len(attackers), bool(self.out_of.get(node.fid)), node.span
        ):
            return
        # Several premises into one CA-node attack together: a linked attack.
        group = "+".join(attackers) if len(attackers) > 1 else None
        for fid in self.out_of.get(node.fid, []):
            target = self.nodes[fid]
            if target.kind == "I":
                relations = [
                    build.relate(RelationType.ATTACK, attacker, self.claim_of[fid], group, node.span)
                    for attacker in attackers
                ]
                # A linked attack has one inference, undercut through its first member.
                made.extend(r.id for r in relations[: 1 if group else None] if r is not None)
                continue
            # Its own relations are not made yet (and would grow as it undercut them).
            if target.kind == "CA" and (fid not in self.relations_of or fid == node.fid):
                build.warn(
                    f"CA-node {node.fid} undercuts CA-node {fid} in a cycle of conflicts; skipped", node.span
                )
                continue
            if target.kind not in ("RA", "CA"):
                build.tally("CA-node targets not kept", target.kind, node.span)
                continue
            inferences = self.relations_of.get(fid, [])
            if not inferences:
                build.warn(
                    f"CA-node {node.fid} undercuts node {fid}, which stands for no relation; skipped",
                    node.span,
                )
            for inference in list(inferences):
                relations = [
                    build.relate(RelationType.UNDERCUT, attacker, inference, group, node.span)
                    for attacker in attackers
                ]
                made.extend(r.id for r in relations[: 1 if group else None] if r is not None)

    def _note(self, node: _Node) -> None:
        """MA (rephrase) and PA (preference) between claims, kept as notes."""
        sources = [fid for fid in self.into.get(node.fid, []) if self.nodes[fid].kind == "I"]
        targets = [fid for fid in self.out_of.get(node.fid, []) if self.nodes[fid].kind == "I"]
        if not sources or not targets:
            self.build.tally("MA/PA nodes not between claims, not kept", node.kind, node.span)
            return
        for source in sources:
            for target in targets:
                if node.kind == "MA":
                    claim, line = self.claim_of[target], f"rephrases '{self.claim_of[source]}' (AIF MA)"
                else:
                    claim, line = self.claim_of[source], f"preferred to '{self.claim_of[target]}' (AIF PA)"
                self.notes.setdefault(claim, []).append(line)
        self.build.tally("rephrase and preference nodes kept as claim notes", node.kind)

    def _speakers(self, locutions: Any, participants: Any) -> tuple[dict[str, str], dict[str, Side]]:
        """I-node id -> side id of its speaker, and the sides (first-seen order)."""
        names: dict[str, str] = {}  # participantID -> full name
        for raw in participants if isinstance(participants, list) else []:
            if isinstance(raw, dict) and (pid := foreign_id(raw.get("participantID"))) is not None:
                parts = [raw.get("firstname"), raw.get("surname")]
                names[pid] = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
        person_of: dict[str, str] = {}  # L-node id -> personID
        for raw in locutions if isinstance(locutions, list) else []:
            if isinstance(raw, dict):
                nid, pid = foreign_id(raw.get("nodeID")), foreign_id(raw.get("personID"))
                if nid is not None and pid is not None:
                    person_of.setdefault(nid, pid)
        side_ids = IdMaker("s")
        sides: dict[str, Side] = {}
        side_of_key: dict[str, str] = {}
        speaker_of: dict[str, str] = {}
        for ya in self.nodes.values():
            if ya.kind != "YA":
                continue
            for l_fid in self.into.get(ya.fid, []):
                if self.nodes[l_fid].kind != "L":
                    continue
                key, name = self._speaker(self.nodes[l_fid], person_of, names)
                if key is None:
                    self.build.tally("locutions whose speaker could not be found", "L-node")
                    continue
                if key not in side_of_key:
                    side_of_key[key] = side_id = side_ids.make(key)
                    sides[side_id] = Side(side_id, name=name if name and name != side_id else None)
                for i_fid in self.out_of.get(ya.fid, []):
                    if self.nodes[i_fid].kind != "I":
                        continue
                    previous = speaker_of.setdefault(i_fid, side_of_key[key])
                    if previous != side_of_key[key]:
                        self.build.tally("claims with several speakers, the first kept", "I-node")
        return speaker_of, sides

    @staticmethod
    def _speaker(node: _Node, person_of: dict[str, str], names: dict[str, str]) -> tuple[str | None, str]:
        pid = person_of.get(node.fid)
        if pid is not None:
            return pid, names.get(pid, "")
        match = _SPEAKER_SAYS.match(node.text) or _SPEAKER_COLON.match(node.text)
        if match is None:
            return None, ""
        return match.group(1), match.group(1)


# -- sniffing -------------------------------------------------------------------


def sniff(text: str) -> bool:
    """An AIF graph: a JSON object with `nodes` and `edges` lists (perhaps
    under OVA's "AIF" key) whose nodes carry a `nodeID`; not argmap's own
    graph form (which has a top-level "argmap" key) nor SADFace."""
    try:
        data, _ = _graph_of(parse_json(text, "<sniff>", "AIF graph"), "<sniff>")
    except InputError:
        return False
    if "argmap" in data:
        return False
    nodes, edges, metadata = data["nodes"], data["edges"], data.get("metadata")
    if isinstance(metadata, dict) and "core" in metadata:
        return False  # SADFace's document metadata
    if edges and isinstance(edges[0], dict) and "source_id" in edges[0]:
        return False  # SADFace's edges
    return not nodes or (isinstance(nodes[0], dict) and "nodeID" in nodes[0])
