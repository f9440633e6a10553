"""Claims marked in, out or undecided (or with a strength), as `show
--eval` and `render --eval` draw them."""

from __future__ import annotations

from collections.abc import Iterable

from argmap.analysis.evaluate.results import Evaluation
from argmap.analysis.evaluate.semantics import evaluate
from argmap.errors import UsageError
from argmap.formats.framework import framework_from_map
from argmap.model import ArgumentMap, Semantics


def claim_statuses(result: Evaluation, claims: Iterable[str]) -> dict[str, str] | None:
    """Claim -> "in", "out" or "undec". Grounded: its labels. Several
    extensions: in every one = in, in none = out, in some = undec. None
    when there is no extension at all (stable semantics can have none) or
    the semantics is gradual."""
    if result.labels:
        return {claim: label.value for claim, label in result.labels.items()}
    if not result.extensions:
        return None
    everywhere = set(result.extensions[0]).intersection(*result.extensions[1:])
    somewhere = set().union(*result.extensions)
    return {
        claim: "in" if claim in everywhere else "undec" if claim in somewhere else "out" for claim in claims
    }


MARK_LIMIT = 10_000  # extensions enumerated to mark claims in, out or undec
MARK_SECONDS = 20.0  # and the time they may take


def status_marks(
    amap: ArgumentMap, semantics: Semantics, max_extensions: int = MARK_LIMIT, seconds: float = MARK_SECONDS
) -> dict[str, str] | None:
    """What `show --eval` and `render --eval` mark on a map: claim id -> "in",
    "out" or "undec" (and, under grounded, the label of each undercut
    relation's inference, by relation id), or a DF-QuAD strength to two
    places. None when the semantics gives no extension at all. Raises
    UsageError when there are more than `max_extensions` extensions, or
    finding them takes more than `seconds`: some of them cannot tell which
    claims are in every one."""
    result = evaluate(framework_from_map(amap), semantics, max_extensions, seconds)
    if result.timed_out:
        raise UsageError(
            f"finding the {semantics.value} extensions took longer than {seconds:g} s, too long to mark "
            "each claim; grounded semantics gives one answer"
        )
    if result.truncated:
        raise UsageError(
            f"the map has more than {max_extensions} {semantics.value} extensions, too many to mark "
            "each claim; grounded semantics gives one answer"
        )
    if result.strengths:
        return {claim: f"{strength:.2f}" for claim, strength in result.strengths.items()}
    statuses = claim_statuses(result, (c.id for c in amap.claims))
    if statuses is None:
        return None
    return statuses | {relation: label.value for relation, label in result.inference_labels.items()}
