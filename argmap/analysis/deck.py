"""A talk's deck planned: which claims go on which slide, in what order,
and how each slide reveals its claims.

A map small enough is one part. A bigger one is told as parts, depth
first in the order a speaker presents it: a claim with everything under
it, when that fits on a slide; else the claim with its own reasons and
objections (in as few slides as fit), then each of those in turn. The
order of the reveal (`step:`, by depth, by side: argmap.analysis.slides)
orders the conclusions, the claims under each claim, and the frames
within a part. Whether a part fits is the drawing's business: the caller
passes `fits`, which lays the part out and measures it.

Every claim is on at least one part: a conclusion heads one, and every
other claim hangs under a claim whose part shows it.

Pure: a map and a measure in, parts out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from argmap.analysis.slides import Reveal, reveal_steps
from argmap.model import ArgumentMap, RelationType

__all__ = ["Part", "below", "plan_parts", "shorten"]

ELLIPSIS = "\u2026"


@dataclass(frozen=True, slots=True)
class Part:
    """One part of the map, on one slide (a frame per reveal step)."""

    head: str  # the claim the part is about
    claims: tuple[str, ...]  # the claims it shows, in map order
    frames: tuple[frozenset[str], ...]  # the claims each frame shows, the last all of them


def below(amap: ArgumentMap) -> dict[str, list[str]]:
    """Claim id -> the claims that hang under it (support it, attack it, or
    undercut an inference from it), in map order, each once."""
    claims = amap.claim_index()
    relations = amap.relation_index()
    found: dict[str, list[str]] = {}
    for relation in relations.values():
        parent: str | None = relation.target
        if relation.type is RelationType.UNDERCUT:
            inference = relations.get(relation.target)
            parent = inference.source if inference is not None else None
        if parent in claims and relation.source in claims:
            children = found.setdefault(parent, [])
            if relation.source not in children and relation.source != parent:
                children.append(relation.source)
    return found


def plan_parts(amap: ArgumentMap, reveal: Reveal | None, fits: Callable[[Part], bool]) -> list[Part]:
    """The parts telling `amap`, in order. `fits(part)` says whether a
    part can be drawn legibly on one slide."""
    steps = reveal_steps(amap, reveal)
    order = {claim_id: index for index, claim_id in enumerate(amap.claim_index())}

    def by_reveal(ids: Sequence[str]) -> list[str]:
        return sorted(ids, key=lambda claim_id: (steps[claim_id], order[claim_id]))

    children = {parent: by_reveal(ids) for parent, ids in below(amap).items()}
    has_parent = {child for ids in children.values() for child in ids}
    starts = by_reveal([c for c in order if c not in has_parent])
    # Claims only in cycles hang under something but no conclusion reaches them.
    reached = _reached(starts, children)
    starts += by_reveal([c for c in order if c not in reached and c not in has_parent])
    parts: list[Part] = []
    told: set[str] = set()

    def part(head: str, shown: Sequence[str]) -> Part:
        ids = tuple(sorted(set(shown) | {head}, key=order.__getitem__))
        return Part(head, ids, _frames(ids, steps))

    def tell(head: str) -> None:
        if head in told:
            return
        told.add(head)
        whole = part(head, sorted(_reached([head], children), key=order.__getitem__))
        if fits(whole):
            parts.append(whole)
            told.update(whole.claims)
            return
        under = children.get(head, [])
        parts.extend(_chunks(head, under, part, fits))
        for child in under:
            if children.get(child):
                tell(child)

    for start in starts:
        tell(start)
    for claim_id in by_reveal([c for c in order if c not in reached]):
        tell(claim_id)  # cycles no conclusion reaches
    return parts


def _reached(starts: Sequence[str], children: dict[str, list[str]]) -> set[str]:
    """`starts` and every claim under them."""
    seen: set[str] = set()
    stack = list(starts)
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(children.get(current, ()))
    return seen


def _chunks(
    head: str, under: list[str], part: Callable[[str, Sequence[str]], Part], fits: Callable[[Part], bool]
) -> list[Part]:
    """`head` with the claims `under` it, in as few parts as fit: halved
    until they do (a head with one claim is a part, fitting or not)."""
    whole = part(head, under)
    if len(under) <= 1 or fits(whole):
        return [whole]
    middle = (len(under) + 1) // 2
    first = _chunks(head, under[:middle], part, fits)
    # The head was just shown: the next part starts with it and its first claims.
    rest = [_without_head_frame(later) for later in _chunks(head, under[middle:], part, fits)]
    return first + rest


def _without_head_frame(part: Part) -> Part:
    frames = tuple(frame for frame in part.frames if frame != {part.head})
    return Part(part.head, part.claims, frames or part.frames)


def _frames(ids: Sequence[str], steps: dict[str, int]) -> tuple[frozenset[str], ...]:
    """A frame per distinct reveal step among `ids`; each shows every claim
    of the part up to its step."""
    values = sorted({steps[claim_id] for claim_id in ids})
    return tuple(frozenset(c for c in ids if steps[c] <= value) for value in values)


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, with
    an ellipsis; as it is when short enough."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    space = cut.rfind(" ")
    if not text[len(cut)].isspace() and space > 0:  # a word goes on past the cut: drop it
        cut = cut[:space]
    return cut.rstrip(" ,;:.-\u2013\u2014") + ELLIPSIS
