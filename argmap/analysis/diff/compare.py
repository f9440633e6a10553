"""What changed between two versions of a map, as changes to the argument.

Pure functions over the model: no files, no git, no terminal.

Matching
--------
* Claims are matched by id. A claim whose id is gone is **renamed** to a new
  id (one the old map does not have) when both

  - their texts are nearly the same: the Dice coefficient of their word
    multisets (lower-cased ``\\w+`` tokens), ``2 |A ∩ B| / (|A| + |B|)``, is
    at least :data:`RENAME_SIMILARITY` (0.8: a ten-word claim with one word
    changed scores 0.9, with two 0.8, with three 0.7); and
  - their place is the same: the same outgoing relations (type and target),
    the targets compared after renaming.

  Several candidates: the most similar pair wins, then the earliest in the
  old map, then in the new. Renames are looked for again until none is
  found, so a renamed claim under a renamed parent is found too.
* Relations are named by type, from and to: ``support:p1:c1``; an undercut's
  ``to`` is the name of the relation it attacks
  (``undercut:u1:support:p1:c1``), so custom relation ids do not matter.
  Old names are compared after renaming claims.
* A relation whose from and to stayed but whose type changed is
  **retyped**. A claim in both versions that lost an outgoing relation and
  gained another is **moved** (one change, not a relation removed and one
  added); several are paired in map order. An undercut of a relation that
  was retyped or moved follows it and is not reported again.

Order
-----
Changes are sorted by kind, in the order of :class:`ChangeKind`, then by
place: claims and relations in the new map's order (removed ones in the old
map's order), meta changes as title, description, sides, sources, expect.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from argmap.analysis.diff.changes import FIELD_CHANGES, KIND_RANK, Change, ChangeKind, MapDiff
from argmap.analysis.diff.names import RelationNames, relation_json
from argmap.analysis.diff.words import Resemblance
from argmap.errors import UsageError
from argmap.formats.native.graph import (
    expect_dict,
    inference_dict,
    scheme_block_dict,
    side_dict,
    source_dict,
    source_ref_dict,
)
from argmap.model import (
    ArgumentMap,
    Claim,
    ClaimField,
    FieldKind,
    GroupKey,
    Relation,
    RelationType,
    Semantics,
    group_key,
    linked_groups,
)

RENAME_SIMILARITY = 0.8


@dataclass(slots=True)
class MapSide:
    """One version of the map, indexed."""

    amap: ArgumentMap
    claims: dict[str, Claim]
    relations: dict[str, Relation]
    claim_place: dict[str, int]
    relation_place: dict[str, int]
    _outgoing: dict[str, list[Relation]] | None = None

    @classmethod
    def of(cls, amap: ArgumentMap) -> MapSide:
        claims = amap.claim_index()
        relations = amap.relation_index()
        return cls(
            amap,
            claims,
            relations,
            {claim_id: n for n, claim_id in enumerate(claims)},
            {relation_id: n for n, relation_id in enumerate(relations)},
        )

    def outgoing(self, claim_id: str) -> list[Relation]:
        """The relations out of a claim (its place in the map)."""
        if self._outgoing is None:
            self._outgoing = {}
            for relation in self.relations.values():
                self._outgoing.setdefault(relation.source, []).append(relation)
        return self._outgoing.get(claim_id, [])


# (kind rank, section, place, id): the sort key of a change.
_SortKey = tuple[int, int, int, str]


class _Collector:
    def __init__(self) -> None:
        self.items: list[tuple[_SortKey, Change]] = []

    def add(self, kind: ChangeKind, change_id: str, old: Any, new: Any, place: int, section: int = 0) -> None:
        self.items.append(((KIND_RANK[kind], section, place, change_id), Change(kind, change_id, old, new)))

    def changes(self) -> tuple[Change, ...]:
        self.items.sort(key=lambda item: item[0])
        return tuple(change for _, change in self.items)


def diff_maps(old: ArgumentMap, new: ArgumentMap, *, semantics: str | None = None) -> MapDiff:
    """Every change from `old` to `new`. With `semantics` (grounded,
    complete, preferred or stable) also the claims whose status changed."""
    before, after = MapSide.of(old), MapSide.of(new)
    new_names = RelationNames(after.relations)
    renames = _match_renames(before, after, new_names)
    out = _Collector()
    _claim_changes(before, after, renames, out)
    follow = _relation_changes(before, after, renames, new_names, out)
    _meta_changes(old, new, out)
    if semantics is not None:
        _status_changes(before, after, renames, semantics, out)
    return MapDiff(out.changes(), renames, semantics, follow)


def _matched(before: MapSide, after: MapSide, renames: Mapping[str, str]) -> Iterable[tuple[Claim, Claim]]:
    """(old claim, new claim) for every claim in both versions."""
    new_claims = after.claims
    for old_id, old_claim in before.claims.items():
        new_claim = new_claims.get(renames.get(old_id, old_id) if renames else old_id)
        if new_claim is not None:
            yield old_claim, new_claim


def _claim_changes(before: MapSide, after: MapSide, renames: Mapping[str, str], out: _Collector) -> None:
    renamed_to = set(renames.values())
    for claim_id, claim in after.claims.items():
        if claim_id not in before.claims and claim_id not in renamed_to:
            out.add(ChangeKind.NODE_ADDED, claim_id, None, claim.text, after.claim_place[claim_id])
    for claim_id, claim in before.claims.items():
        if claim_id not in after.claims and claim_id not in renames:
            out.add(ChangeKind.NODE_REMOVED, claim_id, claim.text, None, before.claim_place[claim_id])
    for old_id, new_id in renames.items():
        out.add(ChangeKind.NODE_RENAMED, new_id, old_id, new_id, after.claim_place[new_id])
    for old_claim, new_claim in _matched(before, after, renames):
        if _plain(old_claim) == _plain(new_claim) and _same_sources(old_claim, new_claim):
            continue
        place = after.claim_place[new_claim.id]
        for field, kind in FIELD_CHANGES.items():
            old_value, new_value = _value(field, old_claim), _value(field, new_claim)
            if old_value != new_value:
                out.add(kind, new_claim.id, old_value, new_value, place)


# A claim's fields but its id and sources, compared at once (most claims
# have not changed): sources carry positions, which may differ.
_plain = attrgetter(*(f.attr for f in FIELD_CHANGES if f.kind is not FieldKind.SOURCES))


def _same_sources(old: Claim, new: Claim) -> bool:
    """The same sources, quotes and locations, wherever in the file they were."""
    if old.source is None or new.source is None:
        return old.source is new.source
    return [ref[:3] for ref in old.all_sources()] == [ref[:3] for ref in new.all_sources()]


def _value(field: ClaimField, claim: Claim) -> Any:
    """A field's value in a change: JSON, lists for sources and tags."""
    value = getattr(claim, field.attr)
    if field.kind is FieldKind.SOURCES:
        return [source_ref_dict(ref) for ref in claim.all_sources()]
    if field.kind is FieldKind.TAGS:
        return list(value)
    return value


def _match_renames(before: MapSide, after: MapSide, new_names: RelationNames) -> dict[str, str]:
    gone = [c for c in before.claims.values() if c.id not in after.claims]
    fresh = [c for c in after.claims.values() if c.id not in before.claims]
    if not gone or not fresh:
        return {}
    alike = Resemblance({c.id: c.text for c in gone}, {c.id: c.text for c in fresh}, RENAME_SIMILARITY)
    new_places: dict[tuple[tuple[str, str], ...], set[str]] = {}
    for claim in fresh:
        new_places.setdefault(_place(after, claim.id, new_names), set()).add(claim.id)
    renames: dict[str, str] = {}
    while True:
        old_names = RelationNames(before.relations, renames)
        pairs: list[tuple[float, int, int, str, str]] = []
        for claim in gone:
            if claim.id in renames:
                continue
            placed = new_places.get(_place(before, claim.id, old_names), set())
            for candidate in alike.candidates(claim.id) & placed:
                score = alike.score(claim.id, candidate)
                if score >= RENAME_SIMILARITY:
                    pairs.append(
                        (
                            -score,
                            before.claim_place[claim.id],
                            after.claim_place[candidate],
                            claim.id,
                            candidate,
                        )
                    )
        taken = set(renames.values())
        found = False
        for _, _, _, old_id, new_id in sorted(pairs):
            if old_id in renames or new_id in taken:
                continue
            renames[old_id] = new_id
            taken.add(new_id)
            found = True
        if not found:
            return renames
        for places in new_places.values():
            places -= taken


def _place(side: MapSide, claim_id: str, names: RelationNames) -> tuple[tuple[str, str], ...]:
    """Where a claim hangs: the type and target of each relation out of it."""
    return tuple(sorted((r.type.value, names(r).target) for r in side.outgoing(claim_id)))


def _relation_changes(
    before: MapSide, after: MapSide, renames: Mapping[str, str], new_names: RelationNames, out: _Collector
) -> dict[str, str]:
    new_by_key = new_names.by_name(after.relations.values())
    matched_ids = set(before.claims).intersection(after.claims) | set(renames.values())
    follow: dict[str, str] = {}
    for _ in range(len(before.relations) + 1):  # each round follows one more level of undercuts
        old_names = RelationNames(before.relations, renames, follow)
        old_by_key = old_names.by_name(before.relations.values())
        removed = [r for key, r in old_by_key.items() if key not in new_by_key]
        added = [r for key, r in new_by_key.items() if key not in old_by_key]
        retyped = _pair_retyped(removed, added, old_names, new_names)
        paired = {id(o) for o, _ in retyped} | {id(n) for _, n in retyped}
        moved = _pair_moved(
            [r for r in removed if id(r) not in paired],
            [r for r in added if id(r) not in paired],
            old_names,
            new_names,
            matched_ids,
        )
        paired |= {id(o) for o, _ in moved} | {id(n) for _, n in moved}
        wider = {old_names(o).key: new_names(n).key for o, n in (*retyped, *moved)}
        # Another round only if an undercut aims at a relation that moved:
        # then it moved with it.
        if wider.keys() == follow.keys() or not any(
            r.type is RelationType.UNDERCUT and old_names(r).target in wider for r in removed
        ):
            break
        follow = wider
    plain_names = RelationNames(before.relations)
    for relation in added:
        if id(relation) not in paired:
            name = new_names(relation)
            place = after.relation_place[relation.id]
            out.add(
                ChangeKind.RELATION_ADDED,
                name.key,
                None,
                relation_json(name, relation.type, relation.weight),
                place,
            )
    for relation in removed:
        if id(relation) not in paired:
            name = plain_names(relation)
            place = before.relation_place[relation.id]
            old = relation_json(name, relation.type, relation.weight)
            out.add(ChangeKind.RELATION_REMOVED, name.key, old, None, place)
    for old_relation, new_relation in retyped:
        name = new_names(new_relation)
        out.add(
            ChangeKind.RELATION_RETYPED,
            name.key,
            relation_json(plain_names(old_relation), old_relation.type),
            relation_json(name, new_relation.type),
            after.relation_place[new_relation.id],
        )
    for old_relation, new_relation in moved:
        claim_id = new_relation.source
        out.add(
            ChangeKind.MOVED,
            claim_id,
            {"parent": plain_names(old_relation).target, "type": old_relation.type.value},
            {"parent": new_names(new_relation).target, "type": new_relation.type.value},
            after.claim_place.get(claim_id, len(after.claims)),
        )
    _group_changes(before, after, renames, old_by_key, new_by_key, out)
    _weight_changes(after, old_by_key, new_by_key, out)
    _scheme_changes(after, old_by_key, new_by_key, out)
    return wider


def _pair_retyped(
    removed: list[Relation], added: list[Relation], old_names: RelationNames, new_names: RelationNames
) -> list[tuple[Relation, Relation]]:
    """Relations with the same from and to whose type changed."""
    waiting: dict[tuple[str, str], list[Relation]] = {}
    for relation in added:
        name = new_names(relation)
        waiting.setdefault((name.source, name.target), []).append(relation)
    pairs: list[tuple[Relation, Relation]] = []
    for relation in removed:
        name = old_names(relation)
        candidates = waiting.get((name.source, name.target))
        if candidates:
            pairs.append((relation, candidates.pop(0)))
    return pairs


def _pair_moved(
    removed: list[Relation],
    added: list[Relation],
    old_names: RelationNames,
    new_names: RelationNames,
    matched_ids: set[str],
) -> list[tuple[Relation, Relation]]:
    """A claim in both versions that lost a relation out of it and gained
    another: it moved. Paired in map order."""
    waiting: dict[str, list[Relation]] = {}
    for relation in added:
        if relation.source in matched_ids:
            waiting.setdefault(relation.source, []).append(relation)
    pairs: list[tuple[Relation, Relation]] = []
    for relation in removed:
        candidates = waiting.get(old_names(relation).source)
        if candidates:
            pairs.append((relation, candidates.pop(0)))
    return pairs


def _group_changes(
    before: MapSide,
    after: MapSide,
    renames: Mapping[str, str],
    old_by_key: Mapping[str, Relation],
    new_by_key: Mapping[str, Relation],
    out: _Collector,
) -> None:
    """Relations in both versions whose linked group has other members now."""
    old_groups = _group_members(before.relations.values())
    new_groups = _group_members(after.relations.values())
    if not old_groups and not new_groups:
        return
    for key, new_relation in new_by_key.items():
        old_relation = old_by_key.get(key)
        if old_relation is None:
            continue
        old_key, new_key = group_key(old_relation), group_key(new_relation)
        old_members = old_groups.get(old_key, []) if old_key is not None else []
        new_members = new_groups.get(new_key, []) if new_key is not None else []
        if sorted(renames.get(m, m) for m in old_members) != sorted(new_members):
            out.add(
                ChangeKind.RELATION_REGROUPED,
                key,
                old_members or None,
                new_members or None,
                after.relation_place[new_relation.id],
            )


def _weight_changes(
    after: MapSide, old_by_key: Mapping[str, Relation], new_by_key: Mapping[str, Relation], out: _Collector
) -> None:
    """Relations in both versions whose weight changed (None: unset, 1)."""
    for key, new_relation in new_by_key.items():
        old_relation = old_by_key.get(key)
        if old_relation is not None and old_relation.weight != new_relation.weight:
            out.add(
                ChangeKind.RELATION_REWEIGHTED,
                key,
                old_relation.weight,
                new_relation.weight,
                after.relation_place[new_relation.id],
            )


def _scheme_changes(
    after: MapSide, old_by_key: Mapping[str, Relation], new_by_key: Mapping[str, Relation], out: _Collector
) -> None:
    """Relations in both versions that say something else of their scheme
    (old and new: {scheme, question, answered, conceded}, null for nothing)."""
    for key, new_relation in new_by_key.items():
        old_relation = old_by_key.get(key)
        if old_relation is None:
            continue
        was, now = inference_dict(old_relation), inference_dict(new_relation)
        if was != now:
            place = after.relation_place[new_relation.id]
            out.add(ChangeKind.SCHEME_CHANGED, key, was or None, now or None, place)


def _group_members(relations: Iterable[Relation]) -> dict[GroupKey, list[str]]:
    """(type, target, group) -> the members (sources) of a linked group of
    two or more: premises, counterclaims or undercuts."""
    return {key: [r.source for r in members] for key, members in linked_groups(list(relations)).items()}


def _meta_changes(old: ArgumentMap, new: ArgumentMap, out: _Collector) -> None:
    kind = ChangeKind.META_CHANGED
    for section, name, old_value, new_value in (
        (0, "title", old.title, new.title),
        (1, "description", old.description, new.description),
    ):
        if old_value != new_value:
            out.add(kind, name, old_value, new_value, 0, section)
    tables: tuple[tuple[str, Mapping[str, Any], Mapping[str, Any], Callable[[Any], dict[str, Any]]], ...] = (
        ("sides", old.sides, new.sides, side_dict),
        ("sources", old.sources, new.sources, source_dict),
    )
    for section, (name, old_table, new_table, as_json) in enumerate(tables, start=2):
        ids = [*new_table, *(key for key in old_table if key not in new_table)]
        for place, key in enumerate(ids):
            was = as_json(old_table[key]) if key in old_table else None
            now = as_json(new_table[key]) if key in new_table else None
            if was != now:
                out.add(kind, f"{name}.{key}", was, now, place, section)
    old_expect, new_expect = expect_dict(old), expect_dict(new)
    if old_expect != new_expect:
        out.add(kind, "expect", old_expect or None, new_expect or None, 0, 4)
    ids = [*new.schemes, *(key for key in old.schemes if key not in new.schemes)]
    for place, key in enumerate(ids):  # the map's own schemes
        was = scheme_block_dict(old.schemes[key]) if key in old.schemes else None
        now = scheme_block_dict(new.schemes[key]) if key in new.schemes else None
        if was != now:
            out.add(kind, f"schemes.{key}", was, now, place, 5)


def _status_changes(
    before: MapSide, after: MapSide, renames: Mapping[str, str], semantics: str, out: _Collector
) -> None:
    old_status, new_status = _statuses(before.amap, semantics), _statuses(after.amap, semantics)
    for old_claim, new_claim in _matched(before, after, renames):
        was, now = old_status.get(old_claim.id), new_status.get(new_claim.id)
        if was != now:
            out.add(ChangeKind.STATUS_CHANGED, new_claim.id, was, now, after.claim_place[new_claim.id])


def _statuses(amap: ArgumentMap, semantics: str) -> dict[str, str]:
    """Claim -> its status, or under a gradual semantics its strength to two
    places (as `show --eval` marks it: smaller moves are not changes); with
    show's bounds on how many extensions and how long."""
    from argmap.analysis.evaluate.marks import status_marks

    if semantics not in set(Semantics):
        raise UsageError(f"status changes need one of {', '.join(Semantics)}, not {semantics!r}")
    statuses = status_marks(amap, Semantics(semantics))
    if statuses is None:
        raise UsageError(f"{amap.file}: no {semantics} extension, so its claims have no status")
    return statuses
