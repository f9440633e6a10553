"""What a map holds that a target format may not: one count per kind, for
writers to report as Losses.

A writer names the kinds its format holds; every other kind present in the
map becomes a loss with its count. The claim fields' kinds come from
argmap.model.CLAIM_FIELDS, so a new field is counted without a line here. Kinds that depend on how a format writes
(texts rewritten, ids renumbered) the writer counts itself.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping

from argmap.formats.base import LossCounter
from argmap.model import (
    OPTIONAL_CLAIM_FIELDS,
    ArgumentMap,
    ClaimField,
    Relation,
    RelationType,
    default_relation_id,
    linked_groups,
)

RELATION_WEIGHT = "relation-weight"


def _custom_ids(amap: ArgumentMap, held: Collection[str]) -> int:
    """Relations of a type the format holds whose id is not the default one
    (the format keeps the edge but not the name)."""
    return sum(
        1
        for r in amap.relations
        if r.type.value in held and r.id != default_relation_id(r.type, r.source, r.target)
    )


def _field_count(field: ClaimField) -> Callable[[ArgumentMap, Collection[str]], int]:
    return lambda m, _: sum(field.count(c) for c in m.claims)


# kind -> how many of it a map has, and what it is in a message ("... has no
# place for X"). The order is the order losses are listed: the map's own
# parts, each optional claim field (argmap.model.CLAIM_FIELDS), relations.
_Counter = tuple[Callable[[ArgumentMap, Collection[str]], int], str]
_COUNTERS: dict[str, _Counter] = {
    "title": (lambda m, _: m.title is not None, "the map's title"),
    "description": (lambda m, _: m.description is not None, "the map's description"),
    "source": (lambda m, _: len(m.sources), "the sources defined under sources:"),
    "side": (lambda m, _: len(m.sides), "the sides defined under sides:"),
    **{f.loss: (_field_count(f), f.what) for f in OPTIONAL_CLAIM_FIELDS},
    "expectation": (lambda m, _: len(m.expect), "the expect: block"),
    "support": (lambda m, _: sum(1 for _ in m.iter_relations(RelationType.SUPPORT)), "support relations"),
    "attack": (lambda m, _: sum(1 for _ in m.iter_relations(RelationType.ATTACK)), "attack relations"),
    "undercut": (lambda m, _: sum(1 for _ in m.iter_relations(RelationType.UNDERCUT)), "undercut relations"),
    "linked-group": (
        lambda m, _: len(linked_groups(m.relations)),
        "linked groups",
    ),
    "relation-id": (_custom_ids, "relation ids other than the default type:from:to"),
    RELATION_WEIGHT: (
        lambda m, _: sum(1 for r in m.relations if r.weight is not None),
        "relations' weights (impact)",
    ),
}


def _inferences(amap: ArgumentMap) -> Iterator[Relation]:
    """One relation an inference: a linked group's first stands for it
    (its members repeat what the group says of its scheme)."""
    seen: set[tuple[str, str]] = set()
    for relation in amap.relations:
        if relation.group is not None:
            if (relation.target, relation.group) in seen:
                continue
            seen.add((relation.target, relation.group))
        yield relation


# What a map says of argument schemes (argmap.schemes), counted by inference.
_SCHEME_COUNTERS: dict[str, _Counter] = {
    "scheme": (
        lambda m, _: sum(r.scheme is not None for r in _inferences(m)),
        "inferences' argument schemes",
    ),
    "question": (
        lambda m, _: sum(r.question is not None for r in m.relations),
        "the critical questions counterclaims and undercuts raise",
    ),
    "question-mark": (
        lambda m, _: sum(len(r.answered) + len(r.conceded) for r in _inferences(m)),
        "critical questions marked answered or conceded",
    ),
    "own-scheme": (lambda m, _: len(m.schemes), "the map's own schemes (schemes:)"),
}
_COUNTERS |= _SCHEME_COUNTERS
# The kinds every writer counts through unheld_fields: the claim fields,
# and relation weights (a value on an edge, as a field is on a node).
_FIELD_KINDS = frozenset((*(f.loss for f in OPTIONAL_CLAIM_FIELDS), RELATION_WEIGHT))


def unheld(
    amap: ArgumentMap, holds: Collection[str], format_name: str, why: Mapping[str, str] | None = None
) -> LossCounter:
    """A LossCounter holding every kind in `amap` the format does not hold.
    `why` gives a kind a message of its own (what was done instead)."""
    counter = LossCounter()
    _count(counter, _COUNTERS, amap, holds, format_name, why)
    return counter


def unheld_fields(
    counter: LossCounter,
    amap: ArgumentMap,
    holds: Collection[str],
    format_name: str,
    why: Mapping[str, str] | None = None,
) -> None:
    """Add to `counter` each optional claim field in `amap` (by its loss
    kind), and the relations' weights, that the format does not hold: for
    writers that count the map's other parts their own way."""
    fields = {kind: counter_ for kind, counter_ in _COUNTERS.items() if kind in _FIELD_KINDS}
    _count(counter, fields, amap, holds, format_name, why)


def _count(
    counter: LossCounter,
    counters: Mapping[str, _Counter],
    amap: ArgumentMap,
    holds: Collection[str],
    format_name: str,
    why: Mapping[str, str] | None,
) -> None:
    for kind, (count, what) in counters.items():
        if kind in holds:
            continue
        message = (why or {}).get(kind) or f"{format_name} has no place for {what}"
        counter.lost(kind, message, int(count(amap, holds)))


def scheme_losses(
    counter: LossCounter,
    amap: ArgumentMap,
    holds: Collection[str],
    format_name: str,
    why: Mapping[str, str] | None = None,
) -> None:
    """Add to `counter` what the map says of argument schemes (scheme,
    question, question-mark, own-scheme) that the format does not hold:
    for writers that count the map's other parts their own way."""
    _count(counter, _SCHEME_COUNTERS, amap, holds, format_name, why)
