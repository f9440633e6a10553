"""A map's intended outcome (`expect:`), tested like code."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks.registry import CheckContext, check, fallback_span
from argmap.errors import Diagnostic, Severity
from argmap.model import ArgumentMap

# How far the check enumerates complete, preferred and stable extensions:
# there can be exponentially many, and each can be NP-hard to find.
EXPECT_EXTENSIONS = 1000
EXPECT_SECONDS = 10.0


def _settled(found: str, expected: str) -> bool:
    """Whether a status found from some of the extensions, not all, already
    decides the expectation. A claim in some found extension and not in
    another is undec whatever the rest hold; one in every found extension
    can still be missing from an unfound one (and the reverse), so only its
    contradiction of the opposite (in against out) is certain."""
    return found == "undec" or {found, expected} == {"in", "out"}


@check("expect-failed", Severity.ERROR, "a claim whose status is not the one the map's expect: block states")
def expectations(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    yield from (d for d in _outcomes(amap) if d.check_id == "expect-failed")


@check(
    "expect-unchecked",
    Severity.WARNING,
    "an expect: entry that could not be checked: too many extensions, or too long to find them",
)
def unchecked_expectations(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    yield from (d for d in _outcomes(amap) if d.check_id == "expect-unchecked")


# The last map's outcomes: both checks above read them, and evaluating can be slow.
_last: tuple[ArgumentMap, list[Diagnostic]] | None = None


def _outcomes(amap: ArgumentMap) -> list[Diagnostic]:
    global _last
    last = _last  # one read: another thread (the language server's) may replace it
    if last is None or last[0] is not amap:
        last = _last = (amap, list(_compare(amap)))
    return last[1]


def _compare(amap: ArgumentMap) -> Iterator[Diagnostic]:
    if not amap.expect:
        return
    # Imported here: most maps have no expect: block, and only this check
    # needs the evaluator (and, for some semantics, the SAT solver).
    from argmap.analysis.evaluate import claim_statuses, evaluate
    from argmap.formats.framework import framework_from_map
    from argmap.model import Semantics

    claims = [c.id for c in amap.claims]
    try:
        framework = framework_from_map(amap)
    except ValueError:
        # A relation names a claim or inference that is not there: its own
        # check (dangling-ref, undercut-target) reports it, and no outcome
        # can be computed until it is fixed.
        return
    found: dict[str, dict[str, str] | None] = {}
    partial: dict[str, str] = {}  # semantics -> why its extensions are only some
    for expectation in amap.expect:
        if expectation.claim not in claims:
            continue  # reported as dangling-ref
        semantics = expectation.semantics
        if semantics not in found:
            result = evaluate(framework, Semantics(semantics), EXPECT_EXTENSIONS, EXPECT_SECONDS)
            found[semantics] = claim_statuses(result, claims)
            if result.timed_out:
                partial[semantics] = (
                    f"finding the {semantics} extensions took longer than {EXPECT_SECONDS:g} s"
                )
            elif result.truncated:
                partial[semantics] = f"there are more than {EXPECT_EXTENSIONS} {semantics} extensions"
        actual = found[semantics]
        span = fallback_span(amap, expectation.span)
        if semantics in partial and (
            actual is None or not _settled(actual[expectation.claim], expectation.status)
        ):
            yield Diagnostic(
                span,
                Severity.WARNING,
                "expect-unchecked",
                f"could not check that '{expectation.claim}' is {expectation.status} under {semantics} "
                f"semantics: {partial[semantics]}",
            )
        elif actual is None:
            yield Diagnostic(
                span,
                Severity.ERROR,
                "expect-failed",
                f"the map expects '{expectation.claim}' {expectation.status} under "
                f"{expectation.semantics} semantics, but there is no {expectation.semantics} extension",
            )
        elif actual[expectation.claim] != expectation.status:
            yield Diagnostic(
                span,
                Severity.ERROR,
                "expect-failed",
                f"claim '{expectation.claim}' is {actual[expectation.claim]} under "
                f"{expectation.semantics} semantics; the map expects {expectation.status}",
            )
