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

import difflib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from argmap.errors import UsageError
from argmap.formats.native.graph import expect_dict, side_dict, source_dict, source_ref_dict
from argmap.model import ArgumentMap, Claim, Relation, RelationType

RENAME_SIMILARITY = 0.8
_WORD = re.compile(r"\w+")


class ChangeKind(StrEnum):
    NODE_ADDED = "node-added"
    NODE_REMOVED = "node-removed"
    NODE_RENAMED = "node-renamed"
    TEXT_CHANGED = "text-changed"
    BY_CHANGED = "by-changed"
    SOURCE_CHANGED = "source-changed"
    WEIGHT_CHANGED = "weight-changed"
    TAGS_CHANGED = "tags-changed"
    NOTE_CHANGED = "note-changed"
    RELATION_ADDED = "relation-added"
    RELATION_REMOVED = "relation-removed"
    RELATION_RETYPED = "relation-retyped"
    # Beyond the list: premises joined into or split out of a
    # `linked:` group (the relation stays, what it works with changes).
    RELATION_REGROUPED = "relation-regrouped"
    MOVED = "moved"
    META_CHANGED = "meta-changed"
    # Only with an evaluation (`argmap diff --eval grounded`).
    STATUS_CHANGED = "status-changed"


_KIND_RANK = {kind: rank for rank, kind in enumerate(ChangeKind)}
# Changes to one claim's own fields (the claim keeps its id, or is renamed).
FIELD_KINDS = frozenset(
    {
        ChangeKind.TEXT_CHANGED,
        ChangeKind.BY_CHANGED,
        ChangeKind.SOURCE_CHANGED,
        ChangeKind.WEIGHT_CHANGED,
        ChangeKind.TAGS_CHANGED,
        ChangeKind.NOTE_CHANGED,
    }
)


class Change(NamedTuple):
    """One change. `id` names what changed in the new version (a claim id, a
    relation name, or a meta field such as `title` or `sides.stalin`), in
    the old one for what was removed; `old` and `new` are JSON values, None
    where the thing does not exist on that side."""

    kind: ChangeKind
    id: str
    old: Any
    new: Any

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "id": self.id, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class MapDiff:
    changes: tuple[Change, ...]
    renames: Mapping[str, str] = field(default_factory=dict)  # old claim id -> new id
    semantics: str | None = None  # the evaluation status changes were computed under
    # Old relation name (claims renamed) -> new name, for relations retyped or moved.
    follow: Mapping[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def to_json(self) -> dict[str, Any]:
        """The JSON contract: {"changes": [{"kind", "id", "old", "new"}, ...]}."""
        return {"changes": [change.to_json() for change in self.changes]}

    def counts(self) -> Counter[ChangeKind]:
        return Counter(change.kind for change in self.changes)

    def summary(self) -> str:
        """One line: `+2 -1 claims, 3 reworded, 1 moved`, or `no changes`."""
        return summarize(self.counts())


def summarize(counts: Mapping[ChangeKind, int]) -> str:
    def plus_minus(added: int, removed: int, noun: str) -> str | None:
        if not added and not removed:
            return None
        numbers = " ".join(n for n in (f"+{added}" if added else "", f"-{removed}" if removed else "") if n)
        return f"{numbers} {noun}{'' if added + removed == 1 else 's'}"

    fields = sum(counts.get(k, 0) for k in FIELD_KINDS - {ChangeKind.TEXT_CHANGED})
    parts = [
        plus_minus(counts.get(ChangeKind.NODE_ADDED, 0), counts.get(ChangeKind.NODE_REMOVED, 0), "claim"),
        _count(counts, ChangeKind.NODE_RENAMED, "renamed"),
        _count(counts, ChangeKind.TEXT_CHANGED, "reworded"),
        f"{fields} other field{'s' if fields != 1 else ''} changed" if fields else None,
        _count(counts, ChangeKind.MOVED, "moved"),
        plus_minus(
            counts.get(ChangeKind.RELATION_ADDED, 0), counts.get(ChangeKind.RELATION_REMOVED, 0), "relation"
        ),
        _count(counts, ChangeKind.RELATION_RETYPED, "retyped"),
        _count(counts, ChangeKind.RELATION_REGROUPED, "regrouped"),
        _count(counts, ChangeKind.META_CHANGED, "meta"),
        _count(counts, ChangeKind.STATUS_CHANGED, "changed status"),
    ]
    return ", ".join(p for p in parts if p) or "no changes"


def _count(counts: Mapping[ChangeKind, int], kind: ChangeKind, words: str) -> str | None:
    n = counts.get(kind, 0)
    return f"{n} {words}" if n else None


# -- words -------------------------------------------------------------------


def word_similarity(old: str, new: str) -> float:
    """Dice coefficient of the two texts' lower-cased word multisets, 0..1."""
    return _dice(Counter(_WORD.findall(old.lower())), Counter(_WORD.findall(new.lower())))


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = a.total() + b.total()
    if not total:
        return 1.0
    return 2 * (a & b).total() / total


class WordOp(NamedTuple):
    op: str  # "=" same, "-" only in the old text, "+" only in the new
    text: str


def word_diff(old: str, new: str) -> list[WordOp]:
    """The two texts as runs of words kept, removed and added (whitespace
    between words belongs to the run before it)."""
    a, b = old.split(), new.split()
    ops: list[WordOp] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(WordOp("-", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("+", " ".join(b[j1:j2])))
    return ops


# -- relation names ------------------------------------------------------------


# Enum member .value is a property, slow in a loop over every relation.
_TYPE_NAMES = {type_: type_.value for type_ in RelationType}


class _Name(NamedTuple):
    key: str  # type:from:to
    source: str
    target: str  # a claim id, or for an undercut the name of its target


class _Names:
    """Relation -> its name, claim ids renamed by `rename`, the targets of
    undercuts passed through `follow` (old name -> new name of a relation
    that was retyped or moved). Computed on demand, without recursion:
    undercuts of undercuts may nest deeply."""

    def __init__(
        self,
        by_id: Mapping[str, Relation],
        rename: Mapping[str, str] | None = None,
        follow: Mapping[str, str] | None = None,
    ) -> None:
        self._by_id = by_id
        self._rename = rename or {}
        self._follow = follow or {}
        self._memo: dict[str, _Name] = {}

    def __call__(self, relation: Relation) -> _Name:
        memo = self._memo
        found = memo.get(relation.id)
        if found is not None:
            return found
        if relation.type is not RelationType.UNDERCUT:  # nearly all: no recursion
            found = memo[relation.id] = self._name(relation)
            return found
        pending = [relation]
        entered = {relation.id}
        while pending:
            top = pending[-1]
            if top.type is RelationType.UNDERCUT:
                target = self._by_id.get(top.target)
                if target is not None and target.id not in memo and target.id not in entered:
                    pending.append(target)
                    entered.add(target.id)
                    continue
            memo[top.id] = self._name(top)
            pending.pop()
        return memo[relation.id]

    def by_name(self, relations: Iterable[Relation]) -> dict[str, Relation]:
        """Name -> relation, for many relations: `self(r).key` for each,
        inlined for the plain ones, which are nearly all."""
        memo, rename = self._memo, self._rename
        found: dict[str, Relation] = {}
        for relation in relations:
            name = memo.get(relation.id)
            if name is None:
                if relation.type is RelationType.UNDERCUT:
                    name = self(relation)
                else:
                    source, target = relation.source, relation.target
                    if rename:
                        source, target = rename.get(source, source), rename.get(target, target)
                    name = memo[relation.id] = _Name(
                        f"{_TYPE_NAMES[relation.type]}:{source}:{target}", source, target
                    )
            found[name.key] = relation
        return found

    def _name(self, relation: Relation) -> _Name:
        rename = self._rename
        source = rename.get(relation.source, relation.source) if rename else relation.source
        if relation.type is RelationType.UNDERCUT:
            target_relation = self._by_id.get(relation.target)
            inner = self._memo.get(target_relation.id) if target_relation is not None else None
            # A dangling or circular target keeps the id it was written with.
            target = relation.target if inner is None else self._follow.get(inner.key, inner.key)
        else:
            target = rename.get(relation.target, relation.target) if rename else relation.target
        return _Name(f"{_TYPE_NAMES[relation.type]}:{source}:{target}", source, target)


def _relation_json(name: _Name, type_: RelationType) -> dict[str, str]:
    return {"from": name.source, "to": name.target, "type": type_.value}


# -- the diff ------------------------------------------------------------------


@dataclass(slots=True)
class _Side:
    """One version of the map, indexed."""

    amap: ArgumentMap
    claims: dict[str, Claim]
    relations: dict[str, Relation]
    claim_place: dict[str, int]
    relation_place: dict[str, int]
    _outgoing: dict[str, list[Relation]] | None = None

    @classmethod
    def of(cls, amap: ArgumentMap) -> _Side:
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
        self.items.append(((_KIND_RANK[kind], section, place, change_id), Change(kind, change_id, old, new)))

    def changes(self) -> tuple[Change, ...]:
        self.items.sort(key=lambda item: item[0])
        return tuple(change for _, change in self.items)


def diff_maps(old: ArgumentMap, new: ArgumentMap, *, semantics: str | None = None) -> MapDiff:
    """Every change from `old` to `new`. With `semantics` (grounded,
    complete, preferred or stable) also the claims whose status changed."""
    before, after = _Side.of(old), _Side.of(new)
    new_names = _Names(after.relations)
    renames = _match_renames(before, after, new_names)
    out = _Collector()
    _claim_changes(before, after, renames, out)
    follow = _relation_changes(before, after, renames, new_names, out)
    _meta_changes(old, new, out)
    if semantics is not None:
        _status_changes(before, after, renames, semantics, out)
    return MapDiff(out.changes(), renames, semantics, follow)


def _matched(before: _Side, after: _Side, renames: Mapping[str, str]) -> Iterable[tuple[Claim, Claim]]:
    """(old claim, new claim) for every claim in both versions."""
    new_claims = after.claims
    for old_id, old_claim in before.claims.items():
        new_claim = new_claims.get(renames.get(old_id, old_id) if renames else old_id)
        if new_claim is not None:
            yield old_claim, new_claim


def _claim_changes(before: _Side, after: _Side, renames: Mapping[str, str], out: _Collector) -> None:
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
        if (
            old_claim.text == new_claim.text
            and old_claim.by == new_claim.by
            and old_claim.tags == new_claim.tags
            and old_claim.weight == new_claim.weight
            and old_claim.note == new_claim.note
            and _same_sources(old_claim, new_claim)
        ):
            continue
        place = after.claim_place[new_claim.id]
        for kind, read in _FIELDS:
            old_value, new_value = read(old_claim), read(new_claim)
            if old_value != new_value:
                out.add(kind, new_claim.id, old_value, new_value, place)


def _same_sources(old: Claim, new: Claim) -> bool:
    """The same sources, quotes and locations, wherever in the file they were."""
    if old.source is None or new.source is None:
        return old.source is new.source
    return [ref[:3] for ref in old.all_sources()] == [ref[:3] for ref in new.all_sources()]


def _sources(claim: Claim) -> list[dict[str, Any]]:
    return [source_ref_dict(ref) for ref in claim.all_sources()]


_FIELDS: tuple[tuple[ChangeKind, Callable[[Claim], Any]], ...] = (
    (ChangeKind.TEXT_CHANGED, lambda c: c.text),
    (ChangeKind.BY_CHANGED, lambda c: c.by),
    (ChangeKind.SOURCE_CHANGED, _sources),
    (ChangeKind.WEIGHT_CHANGED, lambda c: c.weight),
    (ChangeKind.TAGS_CHANGED, lambda c: list(c.tags)),
    (ChangeKind.NOTE_CHANGED, lambda c: c.note),
)


def _match_renames(before: _Side, after: _Side, new_names: _Names) -> dict[str, str]:
    gone = [c for c in before.claims.values() if c.id not in after.claims]
    fresh = [c for c in after.claims.values() if c.id not in before.claims]
    if not gone or not fresh:
        return {}
    words: dict[tuple[int, str], Counter[str]] = {}

    def bag(side: int, claim: Claim) -> Counter[str]:
        found = words.get((side, claim.id))
        if found is None:
            found = words[side, claim.id] = Counter(_WORD.findall(claim.text.lower()))
        return found

    new_places: dict[tuple[tuple[str, str], ...], list[Claim]] = {}
    for claim in fresh:
        new_places.setdefault(_place(after, claim.id, new_names), []).append(claim)
    renames: dict[str, str] = {}
    while True:
        old_names = _Names(before.relations, renames)
        pairs: list[tuple[float, int, int, str, str]] = []
        for claim in gone:
            if claim.id in renames:
                continue
            for candidate in new_places.get(_place(before, claim.id, old_names), ()):
                score = _dice(bag(0, claim), bag(1, candidate))
                if score >= RENAME_SIMILARITY:
                    pairs.append(
                        (
                            -score,
                            before.claim_place[claim.id],
                            after.claim_place[candidate.id],
                            claim.id,
                            candidate.id,
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
            places[:] = [c for c in places if c.id not in taken]


def _place(side: _Side, claim_id: str, names: _Names) -> tuple[tuple[str, str], ...]:
    """Where a claim hangs: the type and target of each relation out of it."""
    return tuple(sorted((r.type.value, names(r).target) for r in side.outgoing(claim_id)))


def _relation_changes(
    before: _Side, after: _Side, renames: Mapping[str, str], new_names: _Names, out: _Collector
) -> dict[str, str]:
    new_by_key = new_names.by_name(after.relations.values())
    matched_ids = set(before.claims).intersection(after.claims) | set(renames.values())
    follow: dict[str, str] = {}
    for _ in range(len(before.relations) + 1):  # each round follows one more level of undercuts
        old_names = _Names(before.relations, renames, follow)
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
    plain_names = _Names(before.relations)
    for relation in added:
        if id(relation) not in paired:
            name = new_names(relation)
            place = after.relation_place[relation.id]
            out.add(ChangeKind.RELATION_ADDED, name.key, None, _relation_json(name, relation.type), place)
    for relation in removed:
        if id(relation) not in paired:
            name = plain_names(relation)
            place = before.relation_place[relation.id]
            out.add(ChangeKind.RELATION_REMOVED, name.key, _relation_json(name, relation.type), None, place)
    for old_relation, new_relation in retyped:
        name = new_names(new_relation)
        out.add(
            ChangeKind.RELATION_RETYPED,
            name.key,
            _relation_json(plain_names(old_relation), old_relation.type),
            _relation_json(name, new_relation.type),
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
    return wider


def _pair_retyped(
    removed: list[Relation], added: list[Relation], old_names: _Names, new_names: _Names
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
    old_names: _Names,
    new_names: _Names,
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
    before: _Side,
    after: _Side,
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
        old_members = old_groups.get((old_relation.target, old_relation.group or ""), [])
        new_members = new_groups.get((new_relation.target, new_relation.group or ""), [])
        if sorted(renames.get(m, m) for m in old_members) != sorted(new_members):
            out.add(
                ChangeKind.RELATION_REGROUPED,
                key,
                old_members or None,
                new_members or None,
                after.relation_place[new_relation.id],
            )


def _group_members(relations: Iterable[Relation]) -> dict[tuple[str, str], list[str]]:
    """(target, group) -> the premises of a linked group of two or more."""
    groups: dict[tuple[str, str], list[str]] = {}
    for relation in relations:
        if relation.group is not None and relation.type is RelationType.SUPPORT:
            groups.setdefault((relation.target, relation.group), []).append(relation.source)
    return {key: members for key, members in groups.items() if len(members) > 1}


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


def _status_changes(
    before: _Side, after: _Side, renames: Mapping[str, str], semantics: str, out: _Collector
) -> None:
    old_status, new_status = _statuses(before.amap, semantics), _statuses(after.amap, semantics)
    for old_claim, new_claim in _matched(before, after, renames):
        was, now = old_status.get(old_claim.id), new_status.get(new_claim.id)
        if was != now:
            out.add(ChangeKind.STATUS_CHANGED, new_claim.id, was, now, after.claim_place[new_claim.id])


DUNG_SEMANTICS = ("grounded", "complete", "preferred", "stable")


def _statuses(amap: ArgumentMap, semantics: str) -> dict[str, str]:
    from argmap.analysis.evaluate import claim_statuses, evaluate
    from argmap.formats.framework import framework_from_map
    from argmap.model import Semantics

    if semantics not in DUNG_SEMANTICS:
        raise UsageError(f"status changes need one of {', '.join(DUNG_SEMANTICS)}, not {semantics!r}")
    result = evaluate(framework_from_map(amap), Semantics(semantics))
    statuses = claim_statuses(result, (c.id for c in amap.claims))
    if statuses is None:
        raise UsageError(f"{amap.file}: no {semantics} extension, so its claims have no status")
    return statuses


# -- the union, for drawing ------------------------------------------------------


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
    before, after = _Side.of(old), _Side.of(new)
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

    new_names = _Names(after.relations)
    old_names = _Names(before.relations, diff.renames, diff.follow)
    moved_in = {new_key for old_key, new_key in diff.follow.items() if _ends(old_key) != _ends(new_key)}
    relation_marks: dict[str, Mark] = {}
    relations: list[Relation] = []
    grown, retouched = (
        ids(ChangeKind.RELATION_ADDED),
        ids(ChangeKind.RELATION_RETYPED, ChangeKind.RELATION_REGROUPED),
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
