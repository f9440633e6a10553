"""Building a map in code: each step takes the (frozen) map and gives back
a new one with one more claim, relation, side or source. `Map` calls these;
they refuse at once what would make the map unreadable (a repeated or
malformed id, a relation to nothing), so a mistake points at the line of
the script that made it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from argmap.errors import UsageError
from argmap.model import (
    ID_PATTERN,
    ArgumentMap,
    Claim,
    Relation,
    RelationType,
    Side,
    Source,
    SourceRef,
    default_relation_id,
)

__all__ = ["with_claim", "with_relation", "with_side", "with_source"]


def _new_id(taken: Iterable[str], new: str, what: str) -> None:
    if not ID_PATTERN.match(new):
        raise UsageError(f"{what} id {new!r} is not a slug (letters, digits, '_', '-', '.'; no spaces)")
    if new in taken:
        raise UsageError(f"the map already has a {what} {new!r}")


def with_claim(
    amap: ArgumentMap,
    claim_id: str,
    text: str,
    *,
    by: str | None = None,
    source: SourceRef | None = None,
    tags: Iterable[str] = (),
    weight: float | None = None,
    note: str | None = None,
    label: str | None = None,
    implicit: bool | None = None,
) -> tuple[ArgumentMap, Claim]:
    """The map with one more claim, and the claim."""
    _new_id(amap.claim_index(), claim_id, "claim")
    if by is not None and by not in amap.sides:
        raise UsageError(f"claim {claim_id!r}: no side {by!r}; add it with add_side first")
    if source is not None and source.ref is not None and source.ref not in amap.sources:
        raise UsageError(f"claim {claim_id!r}: no source {source.ref!r}; add it with add_source first")
    claim = Claim(
        claim_id,
        text,
        by=by,
        source=source,
        tags=tuple(tags),
        weight=weight,
        note=note,
        label=label,
        implicit=implicit,
    )
    return replace(amap, claims=(*amap.claims, claim)), claim


def with_relation(
    amap: ArgumentMap,
    type_: RelationType,
    source: str,
    target: str,
    *,
    group: str | None = None,
    weight: float | None = None,
) -> tuple[ArgumentMap, Relation]:
    """The map with one more relation (its id made as the readers make it:
    ``support:p:c``), and the relation. The target of an undercut is the id
    of the relation it attacks."""
    claims = amap.claim_index()
    if source not in claims:
        raise UsageError(f"{type_.value} from {source!r}: the map has no such claim")
    targets = amap.relation_index() if type_ is RelationType.UNDERCUT else claims
    if target not in targets:
        what = "relation" if type_ is RelationType.UNDERCUT else "claim"
        raise UsageError(f"{type_.value} of {target!r}: the map has no such {what}")
    relation_id = default_relation_id(type_, source, target)
    if relation_id in amap.relation_index():
        raise UsageError(f"the map already has the relation {relation_id!r}")
    relation = Relation(relation_id, source, target, type_, group=group, weight=weight)
    return replace(amap, relations=(*amap.relations, relation)), relation


def with_side(
    amap: ArgumentMap, side_id: str, name: str | None = None, colour: str | None = None
) -> tuple[ArgumentMap, Side]:
    """The map with one more side (who states claims), and the side."""
    _new_id(amap.sides, side_id, "side")
    side = Side(side_id, name, colour)
    return replace(amap, sides={**amap.sides, side_id: side}), side


def with_source(
    amap: ArgumentMap,
    source_id: str,
    *,
    title: str | None = None,
    author: str | None = None,
    file: str | None = None,
    url: str | None = None,
) -> tuple[ArgumentMap, Source]:
    """The map with one more source (a text claims quote), and the source."""
    _new_id(amap.sources, source_id, "source")
    source = Source(source_id, title, author, file, url)
    return replace(amap, sources={**amap.sources, source_id: source}), source
