"""A map's intended outcome (`expect:`), tested like code."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks.registry import CheckContext, check, fallback_span
from argmap.errors import Diagnostic, Severity
from argmap.model import ArgumentMap


@check("expect-failed", Severity.ERROR, "a claim whose status is not the one the map's expect: block states")
def expectations(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
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
    for expectation in amap.expect:
        if expectation.claim not in claims:
            continue  # reported as dangling-ref
        if expectation.semantics not in found:
            result = evaluate(framework, Semantics(expectation.semantics))
            found[expectation.semantics] = claim_statuses(result, claims)
        actual = found[expectation.semantics]
        span = fallback_span(amap, expectation.span)
        if actual is None:
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
