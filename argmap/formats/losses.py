"""What a map holds that a target format may not: one count per kind, for
writers to report as Losses.

A writer names the kinds its format holds; every other kind present in the
map becomes a loss with its count. Kinds that depend on how a format writes
(texts rewritten, ids renumbered) the writer counts itself.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from argmap.formats.base import LossCounter
from argmap.model import ArgumentMap, RelationType, default_relation_id


def _custom_ids(amap: ArgumentMap, held: Collection[str]) -> int:
    """Relations of a type the format holds whose id is not the default one
    (the format keeps the edge but not the name)."""
    return sum(
        1
        for r in amap.relations
        if r.type.value in held and r.id != default_relation_id(r.type, r.source, r.target)
    )


# kind -> how many of it a map has. The order is the order losses are listed.
_COUNTERS: dict[str, Callable[[ArgumentMap, Collection[str]], int]] = {
    "title": lambda m, _: m.title is not None,
    "description": lambda m, _: m.description is not None,
    "source": lambda m, _: len(m.sources),
    "citation": lambda m, _: sum(len(c.all_sources()) for c in m.claims),
    "side": lambda m, _: len(m.sides),
    "claim-side": lambda m, _: sum(c.by is not None for c in m.claims),
    "tag": lambda m, _: sum(len(c.tags) for c in m.claims),
    "weight": lambda m, _: sum(c.weight is not None for c in m.claims),
    "note": lambda m, _: sum(c.note is not None for c in m.claims),
    "label": lambda m, _: sum(c.label is not None for c in m.claims),
    "step": lambda m, _: sum(c.step is not None for c in m.claims),
    "expectation": lambda m, _: len(m.expect),
    "support": lambda m, _: sum(1 for _ in m.iter_relations(RelationType.SUPPORT)),
    "attack": lambda m, _: sum(1 for _ in m.iter_relations(RelationType.ATTACK)),
    "undercut": lambda m, _: sum(1 for _ in m.iter_relations(RelationType.UNDERCUT)),
    "linked-group": lambda m, _: len({(r.target, r.group) for r in m.relations if r.group is not None}),
    "relation-id": _custom_ids,
}

_DEFAULT_MESSAGES = {
    "title": "the map's title",
    "description": "the map's description",
    "source": "the sources defined under sources:",
    "citation": "claims' source references (ref, quote, loc)",
    "side": "the sides defined under sides:",
    "claim-side": "which side states a claim (by:)",
    "tag": "claims' tags",
    "weight": "claims' weights",
    "note": "claims' notes",
    "label": "claims' short labels",
    "step": "claims' slide steps",
    "expectation": "the expect: block",
    "support": "support relations",
    "attack": "attack relations",
    "undercut": "undercut relations",
    "linked-group": "linked premise groups",
    "relation-id": "relation ids other than the default type:from:to",
}


def unheld(
    amap: ArgumentMap, holds: Collection[str], format_name: str, why: Mapping[str, str] | None = None
) -> LossCounter:
    """A LossCounter holding every kind in `amap` the format does not hold.
    `why` gives a kind a message of its own (what was done instead)."""
    counter = LossCounter()
    for kind, count in _COUNTERS.items():
        if kind in holds:
            continue
        message = (why or {}).get(kind) or f"{format_name} has no place for {_DEFAULT_MESSAGES[kind]}"
        counter.lost(kind, message, int(count(amap, holds)))
    return counter
