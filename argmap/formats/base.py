"""What every reader and writer of a map format looks like.

A format module (argmap/formats/<name>.py) defines either or both of

    def read(text: str, file: str) -> LoadResult      # text in, map + diagnostics out
    def write(amap: ArgumentMap) -> Written            # map in, text + what was lost out

A reader never drops anything silently: what it cannot carry into the map
is a warning Diagnostic pointing into the input (line and column where the
format has them). A writer reports what the target format cannot hold as
Losses, one per kind, with a count; `convert` prints them and fails on
them with --strict.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from argmap.errors import Diagnostic
from argmap.model import ArgumentMap, Claim, Relation, RelationType


class Loss(NamedTuple):
    """Something a writer could not carry: `kind` is a short slug
    ("undercut", "weight", "note"), `times` how many, `message` what was
    done instead ("written as attacks on the premise")."""

    kind: str
    times: int  # not `count`: that is a tuple method
    message: str

    def __str__(self) -> str:
        return f"{self.times} {self.kind}: {self.message}"


class Written(NamedTuple):
    text: str
    losses: tuple[Loss, ...] = ()


Reader = Callable[[str, str], "LoadResult"]
Writer = Callable[[ArgumentMap], Written]


class LossCounter:
    """Collect losses while writing: `lost("weight", "dropped")` once per
    occurrence; `losses()` gives one Loss per kind, in first-seen order."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._messages: dict[str, str] = {}

    def lost(self, kind: str, message: str, count: int = 1) -> None:
        if count <= 0:
            return
        self._counts[kind] += count
        self._messages.setdefault(kind, message)

    def losses(self) -> tuple[Loss, ...]:
        return tuple(Loss(kind, self._counts[kind], message) for kind, message in self._messages.items())


@dataclass(frozen=True, slots=True)
class LoadResult:
    map: ArgumentMap
    diagnostics: list[Diagnostic]


def canonical_relation_order(
    claims: list[Claim] | tuple[Claim, ...], relations: list[Relation]
) -> list[Relation]:
    """Relations ordered by their source claim's place in the map, then target.

    The order depends on the graph alone, not on where in the tree an edge was
    written, so the graph form round-trips through the tree form unchanged.
    """
    position: dict[str, int] = {}
    for index, claim in enumerate(claims):
        position.setdefault(claim.id, index)
    unknown = len(position)
    type_rank = {RelationType.SUPPORT: 0, RelationType.ATTACK: 1, RelationType.UNDERCUT: 2}

    def key(relation: Relation) -> tuple[int, int, int, str, int, str]:
        if relation.type is RelationType.UNDERCUT:
            target_key = (1, 0, relation.target)
        else:
            target_key = (0, position.get(relation.target, unknown), relation.target)
        return (
            position.get(relation.source, unknown),
            *target_key,
            type_rank[relation.type],
            relation.id,
        )

    return sorted(relations, key=key)
