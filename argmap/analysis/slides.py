"""Slide builds: in which order a map's claims are revealed, frame by frame.

A plan gives every claim the number of the step at which it appears; frame
k shows every claim whose step is at most the k-th distinct step, and the
relations whose ends are all shown. Three ways to number them:

* **depth** (the default): the conclusions first, then one level more per
  frame; frame k shows what `render --depth k-1` shows.
* **step**: the `step:` the map's author gave each claim. A claim without
  one appears with the first claim it supports or attacks (for an undercut:
  once both ends of the inference it attacks are shown); a conclusion
  without one, or a claim nothing decides (a cycle), with the first frame.
* **side** (exchange by exchange): the conclusions are turn 1; a claim by
  the same side as the claim it hangs under (or by no side) joins that
  claim's turn, a claim by another side replies, one turn later. A claim
  hangs under the claims it supports or attacks; an undercut under the
  premise whose inference it attacks. Each claim takes the earliest turn
  any path from a conclusion gives it; a claim no path reaches (a cycle)
  starts a thread of its own at turn 1, first come first served in map
  order.

Pure: a map in, numbers out.
"""

from __future__ import annotations

import heapq
from collections import deque
from dataclasses import dataclass
from enum import StrEnum

from argmap.analysis.focus import claim_levels
from argmap.errors import UsageError
from argmap.model import ArgumentMap, RelationType


class Reveal(StrEnum):
    DEPTH = "depth"
    STEP = "step"
    SIDE = "side"


@dataclass(frozen=True, slots=True)
class Frame:
    number: int  # 1, 2, 3, ...
    visible: frozenset[str]  # ids of the claims shown
    new: tuple[str, ...]  # ids of the claims this frame adds, in map order


def default_reveal(amap: ArgumentMap) -> Reveal:
    """`step` when any claim has a `step:`, else `depth`."""
    return Reveal.STEP if any(c.step is not None for c in amap.claims) else Reveal.DEPTH


def plan_frames(amap: ArgumentMap, reveal: Reveal | None = None) -> list[Frame]:
    """The frames of a slide build, the last showing the whole map. Raises
    UsageError for `step` on a map without steps and `side` on a map
    without sides."""
    steps = reveal_steps(amap, reveal)
    order = [c.id for c in amap.claim_index().values()]
    frames: list[Frame] = []
    shown: set[str] = set()
    for number, value in enumerate(sorted(set(steps.values())), start=1):
        new = tuple(c for c in order if steps[c] == value)
        shown.update(new)
        frames.append(Frame(number, frozenset(shown), new))
    return frames


def reveal_steps(amap: ArgumentMap, reveal: Reveal | None = None) -> dict[str, int]:
    """Claim id -> the step it is revealed at, in the order `reveal` (None:
    `default_reveal`) gives. Raises UsageError as `plan_frames` does."""
    reveal = reveal or default_reveal(amap)
    return {Reveal.DEPTH: depth_steps, Reveal.STEP: author_steps, Reveal.SIDE: side_steps}[reveal](amap)


def depth_steps(amap: ArgumentMap) -> dict[str, int]:
    """Claim id -> its level below the conclusions (0 for a conclusion), as
    `--depth` counts them: `focus` at depth d keeps exactly the claims whose
    level is at most d (one search, where asking focus level by level was
    quadratic in a deep map)."""
    return claim_levels(amap)


def _hangs_under(amap: ArgumentMap) -> dict[str, list[tuple[str, str | None]]]:
    """Claim id -> (claim it hangs under, for an undercut the conclusion of
    the inference it attacks, else None), in map order."""
    claims = amap.claim_index()
    relations = amap.relation_index()
    parents: dict[str, list[tuple[str, str | None]]] = {}
    for relation in relations.values():
        if relation.source not in claims:
            continue
        if relation.type is RelationType.UNDERCUT:
            inference = relations.get(relation.target)
            if inference is None or inference.source not in claims:
                continue
            parent, also = inference.source, inference.target if inference.target in claims else None
        elif relation.target in claims:
            parent, also = relation.target, None
        else:
            continue
        parents.setdefault(relation.source, []).append((parent, also))
    return parents


def author_steps(amap: ArgumentMap) -> dict[str, int]:
    """Claim id -> the step it appears at, from the claims' `step:` (see the
    module's docstring for claims without one)."""
    claims = amap.claim_index()
    given = {c.id: c.step for c in claims.values() if c.step is not None}
    if not given:
        raise UsageError("no claim has a step: (give claims `step: 1`, `step: 2`, ... or reveal by depth)")
    first = min(given.values())
    parents = _hangs_under(amap)
    # Claim -> (a claim hanging under it, the other end of the inference
    # that claim undercuts, if it is an undercut).
    children: dict[str, list[tuple[str, str | None]]] = {}
    for child, ups in parents.items():
        for parent, also in ups:
            children.setdefault(parent, []).append((child, also))
            if also is not None:
                children.setdefault(also, []).append((child, parent))
    # Dijkstra over "appears no earlier than": a claim without a step takes
    # the earliest step at which one of the claims it hangs under is shown
    # (both ends of the inference, for an undercut).
    steps: dict[str, int] = {}
    queue: list[tuple[int, int, str]] = []
    position = {claim_id: index for index, claim_id in enumerate(claims)}
    for claim_id in claims:
        start = given.get(claim_id, first if claim_id not in parents else None)
        if start is not None:
            heapq.heappush(queue, (start, position[claim_id], claim_id))
    while queue:
        value, _, claim_id = heapq.heappop(queue)
        if claim_id in steps:
            continue
        steps[claim_id] = value
        for child, other in children.get(claim_id, ()):
            if child in given or child in steps or (other is not None and other not in steps):
                continue
            heapq.heappush(queue, (value, position[child], child))
    for claim_id in claims:
        steps.setdefault(claim_id, first)
    return steps


def side_steps(amap: ArgumentMap) -> dict[str, int]:
    """Claim id -> its turn, exchange by exchange (see the module's docstring)."""
    claims = amap.claim_index()
    if all(c.by is None for c in claims.values()):
        raise UsageError("no claim has a side (by:), so there are no exchanges to reveal; reveal by depth")
    parents = _hangs_under(amap)
    children: dict[str, list[str]] = {}
    for child, ups in parents.items():
        for parent, _ in ups:
            children.setdefault(parent, []).append(child)
    turn: dict[str, int] = {}

    def search(starts: list[str]) -> None:
        # 0-1 breadth-first search: joining a turn costs 0, a reply 1. A
        # claim by no side speaks for the side of the claim it hangs under.
        queue = deque((claim_id, 1, claims[claim_id].by) for claim_id in starts)
        while queue:
            claim_id, value, side = queue.popleft()
            if claim_id in turn:
                continue
            turn[claim_id] = value
            for child in children.get(claim_id, ()):
                by = claims[child].by
                if by is None or by == side:
                    queue.appendleft((child, value, side))
                else:
                    queue.append((child, value + 1, by))

    search([c for c in claims if c not in parents])
    for claim_id in claims:
        if claim_id not in turn:
            search([claim_id])
    return turn
