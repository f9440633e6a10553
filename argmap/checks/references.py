"""Ids and what refers to them: claims, sides, sources, relations."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from operator import itemgetter

from argmap.checks.registry import CheckContext, check, fallback_span
from argmap.errors import Diagnostic, Severity
from argmap.model import COLOUR_PATTERN, ArgumentMap, Claim, RelationType, parse_reference


def _hint(word: str, choices: list[str] | _SortedOnUse) -> str:
    if isinstance(choices, _SortedOnUse):
        choices = choices.sorted()
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# A relation's source and target, by index (for tests that run in C).
_source, _target = itemgetter(1), itemgetter(2)


class _SortedOnUse:
    """Ids sorted for hints when the first hint is asked for: a map with no
    dangling reference never sorts them (10,000 claims: 3 ms)."""

    def __init__(self, ids: set[str]) -> None:
        self._ids = ids
        self._sorted: list[str] | None = None

    def sorted(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self._ids)
        return self._sorted


@check("duplicate-id", Severity.ERROR, "two claims with the same id")
def duplicate_ids(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    first: dict[str, Claim] = {}
    for claim in amap.claims:
        if claim.id not in first:
            first[claim.id] = claim
            continue
        earlier = first[claim.id]
        line = fallback_span(amap, earlier.id_span or earlier.span).line  # spans made for repeats only
        yield Diagnostic(
            fallback_span(amap, claim.id_span or claim.span),
            Severity.ERROR,
            "duplicate-id",
            f"claim id '{claim.id}' is already defined at line {line}; to refer to that claim, write just its id",
        )


@check("relation-id-clash", Severity.ERROR, "a relation whose id is also a claim's")
def relation_id_clashes(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    """An undercut names the relation it attacks by id: a relation sharing
    its id with a claim makes that ambiguous, for readers and for tools."""
    claims = {c.id for c in amap.claims}
    for relation in amap.relations:
        if relation.id in claims:
            yield Diagnostic(
                fallback_span(amap, relation.span),
                Severity.ERROR,
                "relation-id-clash",
                f"relation id '{relation.id}' is also a claim's id; give the relation another id",
            )


@check("duplicate-text", Severity.WARNING, "two claims with the same text")
def duplicate_texts(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    """The same sentence twice is one claim written twice: its relations are
    split between two nodes, and a reader cannot tell them apart."""
    first: dict[str, Claim] = {}
    for claim in amap.claims:
        key = text_key(claim.text)
        if not key:
            continue  # empty-text says so; two empty texts are not one claim
        earlier = first.get(key)
        if earlier is None:
            first[key] = claim
        elif earlier.id != claim.id:
            line = fallback_span(amap, earlier.text_span or earlier.span).line
            yield Diagnostic(
                fallback_span(amap, claim.text_span or claim.span),
                Severity.WARNING,
                "duplicate-text",
                f"claim '{claim.id}' has the same text as claim '{earlier.id}' (line {line}); "
                "refer to that claim by its id instead",
            )


def text_key(text: str) -> str:
    """What two texts share when they differ only in case and whitespace:
    `" ".join(text.casefold().split())`. Most texts are one line of words
    between single spaces, which that leaves as they are: one C-speed test
    (every whitespace character but the space is unprintable) spares
    splitting and joining them."""
    key = text.casefold()
    if key.isprintable() and "  " not in key and key[:1] != " " and key[-1:] != " ":
        return key
    return " ".join(key.split())


@check("dangling-ref", Severity.ERROR, "a relation to or from a claim that is not defined")
def dangling_refs(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    ids = {c.id for c in amap.claims}
    known = _SortedOnUse(ids)
    relations = amap.relations
    # The ends that name no claim of the map, found in C; nearly always none.
    outside = set(map(_source, relations)).union(map(_target, relations)) - ids
    if amap.resolved and outside:
        # References to other maps were looked up when the map was read, and
        # each that failed is a diagnostic already.
        references = {end for end in outside if parse_reference(end)}
        ids = ids | references
        outside -= references
    if not outside and ids.issuperset(e.claim for e in amap.expect):
        return  # (an undercut's target, a relation id, takes the long way)
    yield from _dangling_one_by_one(amap, ids, known)


def _dangling_one_by_one(amap: ArgumentMap, ids: set[str], known: _SortedOnUse) -> Iterator[Diagnostic]:
    for relation in amap.relations:
        if relation.source not in ids:
            yield Diagnostic(
                fallback_span(amap, relation.span),
                Severity.ERROR,
                "dangling-ref",
                f"claim '{relation.source}' is not defined{_hint(relation.source, known)}",
            )
        if relation.type is not RelationType.UNDERCUT and relation.target not in ids:
            yield Diagnostic(
                fallback_span(amap, relation.target_span or relation.span),
                Severity.ERROR,
                "dangling-ref",
                f"relation target '{relation.target}' is not defined{_hint(relation.target, known)}",
            )
    for expectation in amap.expect:
        if expectation.claim not in ids:
            yield Diagnostic(
                fallback_span(amap, expectation.span),
                Severity.ERROR,
                "dangling-ref",
                f"expected claim '{expectation.claim}' is not defined{_hint(expectation.claim, known)}",
            )


@check("undercut-target", Severity.ERROR, "an undercut that does not attack a relation")
def undercut_targets(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    relation_ids = {r.id for r in amap.relations}
    claim_ids = {c.id for c in amap.claims}
    for relation in amap.iter_relations(RelationType.UNDERCUT):
        if relation.target in relation_ids:
            continue
        if relation.target in claim_ids:
            message = (
                f"undercut '{relation.source}' targets claim '{relation.target}'; an undercut attacks "
                "a relation (an inference), such as "
                f"'support:<premise>:{relation.target}' (to attack the claim, use type: attack)"
            )
        else:
            message = (
                f"undercut '{relation.source}' targets '{relation.target}', which is no relation"
                f"{_hint(relation.target, sorted(relation_ids))}"
            )
        yield Diagnostic(
            fallback_span(amap, relation.target_span or relation.span),
            Severity.ERROR,
            "undercut-target",
            message,
        )


@check("unknown-side", Severity.ERROR, "a claim by a side that is not defined")
def unknown_sides(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    sides = sorted(amap.sides)
    for claim in amap.claims:
        if claim.by is not None and claim.by not in amap.sides:
            yield Diagnostic(
                fallback_span(amap, claim.by_span or claim.span),
                Severity.ERROR,
                "unknown-side",
                f"side '{claim.by}' is not defined under 'sides:'{_hint(claim.by, sides)}",
            )


@check("unknown-source", Severity.ERROR, "a claim citing a source that is not defined")
def unknown_sources(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    sources = sorted(amap.sources)
    for claim in amap.claims:
        for cited in claim.all_sources():
            ref = cited.ref
            if ref is None or ref in amap.sources:
                continue
            yield Diagnostic(
                fallback_span(amap, cited.ref_span or claim.span),
                Severity.ERROR,
                "unknown-source",
                f"source '{ref}' is not defined under 'sources:'{_hint(ref, sources)}",
            )


@check("side-colour", Severity.ERROR, "a side's colour that is no colour")
def side_colours(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    for side in amap.sides.values():
        if side.colour is not None and not COLOUR_PATTERN.fullmatch(side.colour):
            yield Diagnostic(
                fallback_span(amap, side.span),
                Severity.ERROR,
                "side-colour",
                f"side '{side.id}': colour {side.colour!r} is no colour; write \"#rrggbb\" or a name such as red",
            )
