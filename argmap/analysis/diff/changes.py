"""The changes a diff finds: their kinds, the change record, the diff
result and its one-line summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from argmap.model import CLAIM_FIELDS, ClaimField, FieldKind


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
    LABEL_CHANGED = "label-changed"
    STEP_CHANGED = "step-changed"
    IMPLICIT_CHANGED = "implicit-changed"
    RELATION_ADDED = "relation-added"
    RELATION_REMOVED = "relation-removed"
    RELATION_RETYPED = "relation-retyped"
    # Beyond the list: premises joined into or split out of a
    # `linked:` group (the relation stays, what it works with changes).
    RELATION_REGROUPED = "relation-regrouped"
    # A relation's weight (impact) set, changed or cleared.
    RELATION_REWEIGHTED = "relation-reweighted"
    # What a relation says of its argument scheme: the scheme, the critical
    # question it raises, the questions marked answered or conceded.
    SCHEME_CHANGED = "scheme-changed"
    MOVED = "moved"
    META_CHANGED = "meta-changed"
    # Only with an evaluation (`argmap diff --eval grounded`).
    STATUS_CHANGED = "status-changed"


KIND_RANK = {kind: rank for rank, kind in enumerate(ChangeKind)}
# Each claim field but the id (which matching uses) -> the kind of a change
# to it, `<key>-changed`: a field added to CLAIM_FIELDS without its kind
# here stops this import.
FIELD_CHANGES: dict[ClaimField, ChangeKind] = {
    field: ChangeKind(f"{field.key}-changed") for field in CLAIM_FIELDS if field.kind is not FieldKind.ID
}
# Changes to one claim's own fields (the claim keeps its id, or is renamed).
FIELD_KINDS = frozenset(FIELD_CHANGES.values())


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
        """Changes by kind; a linked group whose members changed counts once
        (its relations each carry the change, with the same members)."""
        found: Counter[ChangeKind] = Counter(
            change.kind for change in self.changes if change.kind is not ChangeKind.RELATION_REGROUPED
        )
        regrouped = len(regrouped_once(self.changes))
        if regrouped:
            found[ChangeKind.RELATION_REGROUPED] = regrouped
        return found

    def summary(self) -> str:
        """One line: `+2 -1 claims, 3 reworded, 1 moved`, or `no changes`."""
        return summarize(self.counts())


def regrouped_once(changes: Iterable[Change]) -> list[Change]:
    """The `relation-regrouped` changes, one per linked group: the first of
    those naming the same group now (or, for relations that left one, then)."""
    seen: set[str] = set()
    once = []
    for change in changes:
        if change.kind is ChangeKind.RELATION_REGROUPED:
            key = repr(change.new) if change.new else repr(change.old)
            if key not in seen:
                seen.add(key)
                once.append(change)
    return once


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
        _count(counts, ChangeKind.RELATION_REWEIGHTED, "reweighted"),
        _count(counts, ChangeKind.SCHEME_CHANGED, "scheme changed"),
        _count(counts, ChangeKind.META_CHANGED, "meta"),
        _count(counts, ChangeKind.STATUS_CHANGED, "changed status"),
    ]
    return ", ".join(p for p in parts if p) or "no changes"


def _count(counts: Mapping[ChangeKind, int], kind: ChangeKind, words: str) -> str | None:
    n = counts.get(kind, 0)
    return f"{n} {words}" if n else None
