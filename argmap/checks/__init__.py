"""Checks over a loaded map, and the gate every command passes a map through.

Importing the package registers every check: the modules below each add
theirs to the registry (argmap.checks.registry). A new module of checks is
listed here.
"""

from __future__ import annotations

from argmap.checks import expect, graph, references, sources
from argmap.checks.registry import (
    CHECKS,
    LOADER_CHECKS,
    Check,
    CheckContext,
    check,
    fallback_span,
    run_checks,
)

__all__ = [
    "CHECKS",
    "LOADER_CHECKS",
    "Check",
    "CheckContext",
    "check",
    "expect",
    "fallback_span",
    "graph",
    "references",
    "run_checks",
    "sources",
]
