"""Cut a map down to the part a reader asked for: under one claim, to a
depth, along one side's claims or one tag's. Pure: a map in, a smaller map
out, shared by the diagrams and the terminal tree view so all show the same
claims. `view` adds what a diagram draws beyond the claims: a "+N more" stub
for each branch the depth cut off, and the path a `--highlight` lights up.

Levels follow the tree form people write: the premises and counterclaims of
a claim at level k are at level k + 1, and an undercut of the inference from
premise p sits one level below p (where the YAML nests it, under p).
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Iterable
from typing import NamedTuple

from argmap.errors import UsageError
from argmap.model import ArgumentMap, GroupKey, Relation, RelationType, group_key


class Stub(NamedTuple):
    """A "+N more" note under `claim`: `hidden` claims below it that a
    deeper `--depth` would show."""

    claim: str
    hidden: int


@dataclasses.dataclass(frozen=True, slots=True)
class View:
    """What a diagram draws: the focused map, its stubs, and the claims on
    the highlighted path (None: nothing is highlighted, nothing fades)."""

    map: ArgumentMap
    stubs: tuple[Stub, ...] = ()
    highlighted: frozenset[str] | None = None


def focus(
    amap: ArgumentMap,
    root: str | None,
    depth: int | None,
    side: str | None,
    tag: str | None = None,
) -> ArgumentMap:
    """The sub-map for `root`/`depth`/`side`/`tag` (each None = no limit).

    * root: that claim and everything that (transitively) supports, attacks
      or undercuts into it;
    * depth: claims at most this many levels below the roots (the map's
      conclusions when there is no root);
    * side, tag: the claims by that side and with that tag (both, when both
      are given), plus the claims on their way up to the root(s), plus the
      rest of any linked group they belong to (a linked argument or attack
      is only shown whole).

    Claims and relations keep their document order. Raises UsageError for an
    unknown root, side or tag, a negative depth, or a side or tag with no
    claim where the other filters look (nothing to show is not a view).
    """
    if root is None and depth is None and side is None and tag is None:
        return amap
    return _cut(amap, _kept(amap, root, depth, side, tag))


def view(
    amap: ArgumentMap,
    root: str | None = None,
    depth: int | None = None,
    side: str | None = None,
    tag: str | None = None,
    highlight: str | None = None,
) -> View:
    """`focus`, with a stub for every shown claim that has claims hidden
    below it by `depth`, and the path from `highlight` up to the roots.

    A stub counts the claims under its claim that the same view without a
    depth limit would show, reached downwards through hidden claims only.
    Raises UsageError as `focus` does, and for a `highlight` that is not a
    claim of the view.
    """
    shown = focus(amap, root, depth, side, tag)
    stubs: tuple[Stub, ...] = ()
    if depth is not None:
        deep = focus(amap, root, None, side, tag)
        stubs = _stubs(deep, {c.id for c in shown.claims})
    highlighted = None
    if highlight is not None:
        claims = shown.claim_index()
        if highlight not in claims:
            where = "the map" if highlight not in amap.claim_index() else "the part of the map drawn"
            raise UsageError(f"--highlight: no claim '{highlight}' in {where}")
        highlighted = path_up(shown, highlight)
    return View(shown, stubs, highlighted)


def part_view(amap: ArgumentMap, kept: Iterable[str]) -> View:
    """The claims of `kept` and the relations among them, with a stub under
    each that has claims below it outside `kept` (where a slide's part of
    the map continues elsewhere)."""
    shown = set(kept)
    return View(_cut(amap, shown), _stubs(amap, shown))


def _kept(
    amap: ArgumentMap, root: str | None, depth: int | None, side: str | None, tag: str | None
) -> set[str]:
    _check_filters(amap, root, depth, side, tag)
    kept = _within_depth(amap, root, depth)
    if side is not None or tag is not None:
        seeds = (
            c.id
            for c in amap.claims
            if c.id in kept and (side is None or c.by == side) and (tag is None or tag in c.tags)
        )
        kept = _closure(amap, seeds, kept, induced_relations(amap, kept))
        if not kept:
            raise UsageError(f"no claim matches {_asked(root, depth, side, tag)}")
    return kept


def _asked(root: str | None, depth: int | None, side: str | None, tag: str | None) -> str:
    """The filters given, as written on the command line."""
    given = (("--root", root), ("--depth", depth), ("--side", side), ("--tag", tag))
    return " ".join(f"{name} {value}" for name, value in given if value is not None)


def _check_filters(
    amap: ArgumentMap, root: str | None, depth: int | None, side: str | None, tag: str | None
) -> None:
    """UsageError for a root, side or tag the map does not have, or a
    negative depth."""
    if root is not None and root not in amap.claim_index():
        raise UsageError(f"--root: no claim has id '{root}'")
    if depth is not None and depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {depth}")
    if side is not None and side not in amap.sides and all(c.by != side for c in amap.claims):
        known = ", ".join(amap.sides) or "none are defined"
        raise UsageError(f"--side: no side '{side}' (sides: {known})")
    if tag is not None and all(tag not in c.tags for c in amap.claims):
        tags = sorted({t for c in amap.claims for t in c.tags})
        known = ", ".join(tags[:20]) + (", ..." if len(tags) > 20 else "") if tags else "the map has none"
        raise UsageError(f"--tag: no claim has tag '{tag}' (tags: {known})")


def _within_depth(amap: ArgumentMap, root: str | None, depth: int | None) -> set[str]:
    """The claims under `root` (under the conclusions when None), at most
    `depth` levels down (all when None)."""
    if root is None and depth is None:
        return set(amap.claim_index())
    levels = _levels(amap, root)
    return {c for c, level in levels.items() if depth is None or level <= depth}


def _cut(amap: ArgumentMap, kept: set[str]) -> ArgumentMap:
    relations = induced_relations(amap, kept)
    return dataclasses.replace(
        amap,
        claims=tuple(c for c in amap.claims if c.id in kept),
        relations=tuple(r for r in amap.relations if r.id in relations),
    )


def claim_levels(amap: ArgumentMap) -> dict[str, int]:
    """Every claim's level below the map's conclusions (0 for a conclusion;
    see `_levels`)."""
    return _levels(amap, None)


def _below(amap: ArgumentMap) -> dict[str, list[str]]:
    """Claim id -> the claims one level below it, as levels count them: the
    sources of relations into it, and the undercutters of the inferences
    from it (an undercut sits under the premise whose inference it attacks)."""
    by_id = amap.relation_index()
    below: dict[str, list[str]] = {}
    for relation in amap.relations:
        if relation.type is not RelationType.UNDERCUT:
            below.setdefault(relation.target, []).append(relation.source)
            continue
        inference = by_id.get(relation.target)
        if inference is not None:
            below.setdefault(inference.source, []).append(relation.source)
    return below


def _stubs(deep: ArgumentMap, shown: set[str]) -> tuple[Stub, ...]:
    """A stub for each shown claim with hidden claims below it, in map order."""
    hidden = {c.id for c in deep.claims} - shown
    if not hidden:
        return ()
    below = _below(deep)
    stubs: list[Stub] = []
    for claim in deep.claims:
        if claim.id not in shown:
            continue
        found: set[str] = set()
        stack = [c for c in below.get(claim.id, ()) if c in hidden]
        while stack:
            current = stack.pop()
            if current in found:
                continue
            found.add(current)
            stack.extend(c for c in below.get(current, ()) if c in hidden and c not in found)
        if found:
            stubs.append(Stub(claim.id, len(found)))
    return tuple(stubs)


def path_up(amap: ArgumentMap, start: str) -> frozenset[str]:
    """`start` and every claim above it: what it supports, attacks or (through
    the inference) undercuts, and so on up to the roots. The relations on
    the path are those whose source is on it."""
    by_id = amap.relation_index()
    upward: dict[str, list[Relation]] = {}
    for relation in amap.relations:
        upward.setdefault(relation.source, []).append(relation)
    found: set[str] = set()
    stack = [start]
    while stack:
        claim_id = stack.pop()
        if claim_id in found:
            continue
        found.add(claim_id)
        for relation in upward.get(claim_id, ()):
            target: Relation | None = relation
            chain: set[str] = set()
            # An undercut leads to the claim its inference concludes.
            while target is not None and target.type is RelationType.UNDERCUT and target.id not in chain:
                chain.add(target.id)
                target = by_id.get(target.target)
            if target is not None and target.type is not RelationType.UNDERCUT:
                stack.append(target.target)
    return frozenset(found)


def _levels(amap: ArgumentMap, root: str | None) -> dict[str, int]:
    """Shortest level of every claim under `root`, or under the map's
    conclusions when there is none.

    A breadth-first search over claims and relations (0-1 BFS): claim ->
    relation into it costs a level, relation -> its source claim costs
    nothing (a relation sits at its source's level), relation -> an undercut
    of it costs a level. Without a root, a claim reachable only around a
    cycle (two claims attacking each other) is never reached from the
    conclusions; the first such claim in document order becomes a root of
    its own, repeatedly, so every claim gets a level.
    """
    into: dict[str, list[Relation]] = {}
    for relation in amap.relations:
        into.setdefault(relation.target, []).append(relation)
    by_id = amap.relation_index()
    claims = amap.claim_index()
    claim_level: dict[str, int] = {}
    relation_level: dict[str, int] = {}

    def search(*starts: str) -> None:
        queue: deque[tuple[bool, str, int]] = deque((True, start, 0) for start in starts)
        while queue:
            is_claim, key, level = queue.popleft()
            seen = claim_level if is_claim else relation_level
            if key in seen:
                continue
            seen[key] = level
            if is_claim:
                # Undercuts name relations, not claims: follow only edges into the claim.
                for relation in into.get(key, ()):
                    if relation.type is not RelationType.UNDERCUT:
                        queue.append((False, relation.id, level + 1))
                continue
            source = by_id[key].source
            if source in claims:
                queue.appendleft((True, source, level))
            for undercut in into.get(key, ()):
                if undercut.type is RelationType.UNDERCUT:
                    queue.append((False, undercut.id, level + 1))

    if root is not None:
        search(root)
        return claim_level
    # The conclusions: claims that are the source of no relation. Not
    # `amap.roots()`, which counts undercutters too; here they sit under
    # the premise whose inference they attack.
    sources = {r.source for r in amap.relations}
    search(*(c.id for c in amap.claims if c.id not in sources))
    for claim in amap.claims:
        if claim.id not in claim_level:
            search(claim.id)
    return claim_level


def induced_relations(amap: ArgumentMap, kept: set[str]) -> set[str]:
    """Ids of the relations whose ends are all kept: both claims, or for an
    undercut its source and the (kept) relation it attacks."""
    by_id = amap.relation_index()
    decided: dict[str, bool] = {}
    for relation in amap.relations:
        if relation.id in decided:
            continue
        if relation.type is not RelationType.UNDERCUT:  # most: no chain to follow
            decided[relation.id] = relation.source in kept and relation.target in kept
            continue
        # Undercuts may chain (an undercut of an undercut of ...), in maps
        # too long for recursion; a custom id could even name itself.
        chain: set[str] = set()
        current: Relation | None = relation
        while current is not None and current.id not in decided:
            if current.source not in kept or current.id in chain:
                decided[current.id] = False
                break
            chain.add(current.id)
            if current.type is not RelationType.UNDERCUT:
                decided[current.id] = current.target in kept
                break
            current = by_id.get(current.target)
        ok = current is not None and decided[current.id]
        for link_id in chain:
            decided.setdefault(link_id, ok)
    return {r for r, ok in decided.items() if ok}


def _closure(amap: ArgumentMap, seeds: Iterable[str], allowed: set[str], relations: set[str]) -> set[str]:
    """The `seeds` (within `allowed`), and everything above them."""
    by_id = amap.relation_index()
    groups: dict[GroupKey, list[Relation]] = {}
    for relation in amap.relations:
        key = group_key(relation)
        if relation.id in relations and key is not None:
            groups.setdefault(key, []).append(relation)

    def partners(relation: Relation) -> list[str]:
        """The other members of a linked group (premises, counterclaims or
        undercuts): a linked argument or attack is only shown whole."""
        key = group_key(relation)
        return [r.source for r in groups.get(key, ())] if key is not None else []

    upward: dict[str, list[Relation]] = {}
    for relation in amap.relations:
        if relation.id in relations:
            upward.setdefault(relation.source, []).append(relation)

    kept: set[str] = set()
    stack = list(seeds)
    while stack:
        claim_id = stack.pop()
        if claim_id in kept:
            continue
        kept.add(claim_id)
        for relation in upward.get(claim_id, ()):
            # An undercut needs both ends of the inference it attacks (and,
            # for an undercut of an undercut, of that one too).
            target = relation
            chain = {relation.id}
            stack.extend(partners(relation))
            while target.type is RelationType.UNDERCUT:
                next_target = by_id.get(target.target)
                if next_target is None or next_target.id in chain:
                    break
                chain.add(next_target.id)
                target = next_target
                stack.append(target.source)
                stack.extend(partners(target))
            if target.type is not RelationType.UNDERCUT:
                stack.append(target.target)
    return kept & allowed
