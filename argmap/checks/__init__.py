"""Checks over a loaded map, and the gate every command passes a map through.

Importing the package registers every check: the modules below each add
theirs to the registry (argmap.checks.registry). A new module of checks is
listed here.
"""

from __future__ import annotations

from argmap.checks import expect, graph, references, schemes, sources
from argmap.checks.registry import (
    CHECKS,
    LOADER_CHECKS,
    Check,
    CheckContext,
    check,
    fallback_span,
    run_checks,
)
from argmap.errors import SYNTAX_CHECK, Severity


def every_check() -> list[tuple[str, Severity, str]]:
    """Every check a map may be reported under, the readers' included: (id,
    severity, summary), sorted by id."""
    rows = {(c.id, c.severity, c.summary) for c in CHECKS.values()}
    rows |= {(check_id, severity, summary) for check_id, (severity, summary) in LOADER_CHECKS.items()}
    # A file YAML cannot parse stops there (exit 2), still under a check id.
    rows.add((SYNTAX_CHECK, Severity.ERROR, "YAML that cannot be parsed, with advice for the common slips"))
    return sorted(rows)


__all__ = [
    "CHECKS",
    "LOADER_CHECKS",
    "Check",
    "CheckContext",
    "check",
    "every_check",
    "expect",
    "fallback_span",
    "graph",
    "references",
    "run_checks",
    "schemes",
    "sources",
]
