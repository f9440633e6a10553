"""Graph -> the YAML tree form people write.

Each claim is defined once, nested under the claim it supports or attacks
when the claim order allows it (the tree's pre-order is the map's claim
order, so loading the tree gives back the same graph); every other edge is a
cross-link by id, or an entry in the top-level ``relations:`` list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from argmap.formats.native.graph import (
    claim_dict,
    expect_dict,
    inference_dict,
    map_header,
    relation_dict,
    scheme_block_dict,
    source_ref_dict,
)
from argmap.formats.native.read import IMPACT_KEY
from argmap.model import (
    CLAIM_FIELDS,
    MORE_SOURCES_KEY,
    ArgumentMap,
    Claim,
    FieldKind,
    GroupKey,
    Relation,
    RelationType,
    default_relation_id,
    group_key,
)
from argmap.yaml.data import dump_yaml

_SLOT_KEY = {
    RelationType.SUPPORT: "premises",
    RelationType.ATTACK: "counterclaims",
    RelationType.UNDERCUT: "undercuts",
}
_SLOT_RANK = {"premises": 0, "counterclaims": 1, "undercuts": 2}
SOURCES_KEY = next(f.key for f in CLAIM_FIELDS if f.kind is FieldKind.SOURCES)


@dataclass(eq=False)
class _Open:
    """A claim entry being written, and where its last child went."""

    claim_id: str
    entry: dict[str, Any]
    via: str | None  # id of the relation it was nested through
    last_rank: int = -1
    last_linked: dict[str, Any] | None = None
    # (slot key, group) -> linked item
    linked: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)


# How deep the tree form nests claims (two YAML levels each) before it
# starts a chain afresh at the top: deep enough for any map people write,
# shallow enough for PyYAML's recursive writer and argmap's nesting limit.
MAX_NESTED_CLAIMS = 64


def to_tree(amap: ArgumentMap) -> dict[str, Any]:
    claim_ids = {c.id for c in amap.claims}
    relation_by_id = {r.id: r for r in amap.relations}
    group_sizes: dict[GroupKey, int] = {}
    # What each linked group's relations say of its scheme: one `linked:`
    # item holds it once, so a group whose members differ is not nested.
    group_inference: dict[GroupKey, set[str]] = {}
    for r in amap.relations:
        key = group_key(r)
        if key is not None:
            group_inference.setdefault(key, set()).add(repr(inference_dict(r)))
    for r in amap.relations:
        # Only edges with their default id can sit in a `linked:` item, and
        # no weighted one: a member referred to by id has no room for its
        # weight, and a group must not lose a member to `relations:`.
        key = group_key(r)
        if key is not None and r.id == default_relation_id(r.type, r.source, r.target) and r.weight is None:
            group_sizes[key] = group_sizes.get(key, 0) + 1
    outgoing: dict[str, list[Relation]] = {}
    for r in amap.relations:
        outgoing.setdefault(r.source, []).append(r)

    entries: dict[str, _Open] = {}
    written: set[str] = set()
    top_claims: list[dict[str, Any]] = []
    path: list[_Open] = []

    def nestable(r: Relation) -> bool:
        if r.id != default_relation_id(r.type, r.source, r.target):
            return False
        key = group_key(r)
        if key is not None and (
            r.weight is not None or group_sizes.get(key, 0) < 2 or len(group_inference[key]) > 1
        ):
            return False
        if r.type is RelationType.UNDERCUT:
            inference = relation_by_id.get(r.target)
            return (
                inference is not None
                and inference.source in entries
                and entries[inference.source].via == r.target
            )
        return r.target in claim_ids

    def slot(parent: _Open, r: Relation) -> tuple[list[Any], int, dict[str, Any] | None]:
        key = _SLOT_KEY[r.type]
        items: list[Any] = parent.entry.setdefault(key, [])
        if r.group is None:
            return items, _SLOT_RANK[key], None
        linked = parent.linked.get((key, r.group))
        if linked is None:
            linked = {"linked": [], **inference_dict(r)}
            parent.linked[(key, r.group)] = linked
            items.append(linked)
        members: list[Any] = linked["linked"]
        return members, _SLOT_RANK[key], linked

    def place_allowed(parent: _Open, r: Relation) -> bool:
        rank = _SLOT_RANK[_SLOT_KEY[r.type]]
        if rank != parent.last_rank:
            return rank > parent.last_rank
        linked = parent.linked.get((_SLOT_KEY[r.type], r.group)) if r.group else None
        # Appending to an earlier linked item would put this claim before
        # claims already written after that item.
        return linked is None or linked is parent.last_linked

    def parent_of(r: Relation) -> _Open | None:
        owner = relation_by_id[r.target].source if r.type is RelationType.UNDERCUT else r.target
        return entries.get(owner)

    def linked_home(r: Relation) -> tuple[_Open, dict[str, Any]] | None:
        """For an undercut of a linked group's inference (stored on its first
        member's relation, as the reader makes it): the group's entry and its
        linked item, when every member is nested there and nothing followed."""
        inference = relation_by_id.get(r.target)
        if r.type is not RelationType.UNDERCUT or r.group is not None or inference is None:
            return None
        if r.id != default_relation_id(r.type, r.source, r.target):
            return None
        key = group_key(inference)
        owner = entries.get(inference.target)
        if key is None or owner is None:
            return None
        linked = owner.linked.get((_SLOT_KEY[inference.type], key[2]))
        if linked is None or owner.last_linked is not linked or len(linked["linked"]) != group_sizes.get(key):
            return None
        first = linked["linked"][0]
        return (
            (owner, linked)
            if (first if isinstance(first, str) else first["id"]) == inference.source
            else None
        )

    for claim in amap.claims:
        if claim.origin is not None:
            # Brought in from another map: written only as the reference
            # that brings it (`other.yaml#x`), never defined here.
            continue
        if claim.id in entries:  # a duplicate id: keep the graph's nodes as they are
            top_claims.append(tree_claim_dict(claim))
            continue
        choice: tuple[int, Relation] | None = None
        home: dict[str, Any] | None = None
        for r in outgoing.get(claim.id, []):
            found = linked_home(r) if r.id not in written else None
            if found is not None and any(p is found[0] for p in path):
                depth = next(i for i, p in enumerate(path) if p is found[0])
                if choice is None or depth > choice[0]:
                    choice, home = (depth, r), found[1]
                continue
            if r.id in written or not nestable(r):
                continue
            parent = parent_of(r)
            if parent is None or not any(p is parent for p in path) or not place_allowed(parent, r):
                continue
            depth = next(i for i, p in enumerate(path) if p is parent)
            if depth + 1 >= MAX_NESTED_CLAIMS:
                continue  # written at the top, and referred to by id where it belongs
            if choice is None or depth > choice[0]:
                choice, home = (depth, r), None
        entry = tree_claim_dict(claim)
        if choice is not None and choice[1].weight is not None:
            entry[IMPACT_KEY] = choice[1].weight
        if choice is None:
            path.clear()
            top_claims.append(entry)
            via = None
        else:
            depth, r = choice
            parent = path[depth]
            del path[depth + 1 :]
            if home is not None:
                # Under the linked item's own `undercuts:`, after its members.
                entry.update(inference_dict(r))
                home.setdefault("undercuts", []).append(entry)
            else:
                items, rank, linked = slot(parent, r)
                if linked is None:
                    entry.update(inference_dict(r))
                items.append(entry)
                parent.last_rank, parent.last_linked = rank, linked
            written.add(r.id)
            via = r.id
        opened = _Open(claim.id, entry, via)
        entries[claim.id] = opened
        path.append(opened)

    extra: list[dict[str, Any]] = []
    for r in amap.relations:
        if r.id in written:
            continue
        parent = parent_of(r) if r.type is not RelationType.UNDERCUT or r.target in relation_by_id else None
        # A claim named by id cannot carry its inference's scheme (a linked
        # item can) nor the relation's weight.
        carried = (r.group is not None or not inference_dict(r)) and r.weight is None
        if nestable(r) and parent is not None and r.source in claim_ids and carried:
            items, _, _ = slot(parent, r)
            items.append(r.source)
        else:
            extra.append(relation_dict(r))

    for opened in entries.values():
        for (_, group), linked in opened.linked.items():
            members = [m if isinstance(m, str) else m["id"] for m in linked["linked"]]
            if group != "+".join(members):
                linked["id"] = group
            if "undercuts" in linked:
                linked["undercuts"] = linked.pop("undercuts")
        _order_children(opened.entry)

    tree = map_header(amap)
    tree["claims"] = top_claims
    if extra:
        tree["relations"] = extra
    if amap.expect:
        tree["expect"] = expect_dict(amap)
    if amap.schemes:
        tree["schemes"] = {sid: scheme_block_dict(s) for sid, s in amap.schemes.items()}
    return tree


def _order_children(entry: dict[str, Any]) -> None:
    """Claim fields first, then premises, counterclaims, undercuts."""
    children = {key: entry.pop(key) for key in _SLOT_RANK if key in entry}
    entry.update(children)


def dumps(amap: ArgumentMap) -> str:
    return dump_yaml(to_tree(amap))


def tree_claim_dict(claim: Claim) -> dict[str, Any]:
    """As in the graph form, except that several sources are one `source:` list."""
    entry = claim_dict(claim)
    if MORE_SOURCES_KEY in entry:
        del entry[MORE_SOURCES_KEY]
        entry[SOURCES_KEY] = [source_ref_dict(s) for s in claim.all_sources()]
    return entry
