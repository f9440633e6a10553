"""Both versions of a map in one, each claim and relation marked added,
removed, changed or the same: what the diff diagram draws."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from argmap.analysis.diff.changes import FIELD_KINDS, ChangeKind, MapDiff
from argmap.analysis.diff.compare import MapSide
from argmap.analysis.diff.names import RelationNames
from argmap.model import ArgumentMap, Claim, Relation


class Mark(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    SAME = "same"


@dataclass(frozen=True, slots=True)
class Union:
    """Both versions in one map: the new one's claims and relations, then
    what only the old one had. Relations are named `type:from:to` (their
    ids here), claims renamed carry their new ids. Each claim and relation
    has a mark."""

    map: ArgumentMap
    claims: Mapping[str, Mark]
    relations: Mapping[str, Mark]


_CLAIM_CHANGE_KINDS = FIELD_KINDS | {ChangeKind.NODE_RENAMED, ChangeKind.MOVED, ChangeKind.STATUS_CHANGED}


def union_map(old: ArgumentMap, new: ArgumentMap, diff: MapDiff) -> Union:
    before, after = MapSide.of(old), MapSide.of(new)
    ids_by_kind: dict[ChangeKind, set[str]] = {}
    for change in diff.changes:
        ids_by_kind.setdefault(change.kind, set()).add(change.id)

    def ids(*kinds: ChangeKind) -> set[str]:
        return set().union(*(ids_by_kind.get(kind, set()) for kind in kinds))

    added, changed = ids(ChangeKind.NODE_ADDED), ids(*_CLAIM_CHANGE_KINDS)
    claim_marks: dict[str, Mark] = {}
    claims: list[Claim] = []
    for claim_id, claim in after.claims.items():
        claims.append(claim)
        claim_marks[claim_id] = (
            Mark.ADDED if claim_id in added else Mark.CHANGED if claim_id in changed else Mark.SAME
        )
    for claim_id in sorted(ids(ChangeKind.NODE_REMOVED), key=lambda i: before.claim_place.get(i, 0)):
        if claim_id in before.claims and claim_id not in claim_marks:
            claims.append(before.claims[claim_id])
            claim_marks[claim_id] = Mark.REMOVED

    new_names = RelationNames(after.relations)
    old_names = RelationNames(before.relations, diff.renames, diff.follow)
    moved_in = {new_key for old_key, new_key in diff.follow.items() if _ends(old_key) != _ends(new_key)}
    relation_marks: dict[str, Mark] = {}
    relations: list[Relation] = []
    grown, retouched = (
        ids(ChangeKind.RELATION_ADDED),
        ids(
            ChangeKind.RELATION_RETYPED,
            ChangeKind.RELATION_REGROUPED,
            ChangeKind.RELATION_REWEIGHTED,
            ChangeKind.SCHEME_CHANGED,
        ),
    )
    for relation in after.relations.values():
        name = new_names(relation)
        relations.append(relation._replace(id=name.key, source=name.source, target=name.target))
        relation_marks[name.key] = (
            Mark.ADDED
            if name.key in grown or name.key in moved_in
            else Mark.CHANGED
            if name.key in retouched
            else Mark.SAME
        )
    for relation in before.relations.values():
        name = old_names(relation)
        if name.key in relation_marks:
            continue
        followed = diff.follow.get(name.key)
        if followed is not None and _ends(followed) == _ends(name.key):
            continue  # retyped: drawn once, as it is now
        relations.append(relation._replace(id=name.key, source=name.source, target=name.target))
        relation_marks[name.key] = Mark.REMOVED

    sides = {**old.sides, **new.sides}
    merged = ArgumentMap(
        claims=tuple(claims),
        relations=tuple(relations),
        title=new.title if new.title is not None else old.title,
        sources={**old.sources, **new.sources},
        sides=sides,
        file=new.file,
    )
    return Union(merged, claim_marks, relation_marks)


def _ends(name: str) -> str:
    """A relation name without its type: `p1:c1` of `support:p1:c1`."""
    return name.partition(":")[2]
