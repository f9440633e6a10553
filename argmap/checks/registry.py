"""The registry of checks: each check is a function yielding Diagnostics,
registered under its kebab-case id with `@check`. The readers add the checks
that are about the file's shape (syntax, types, unknown keys, missing
fields) and what other formats' files hold that a map cannot: LOADER_CHECKS
lists them (tests/test_data_cases.py reads the readers' source to hold it to
that, and wants an invalid example file for each)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from argmap.errors import Diagnostic, Severity
from argmap.model import ArgumentMap, SourceSpan


@dataclass(frozen=True)
class CheckContext:
    """What checks may know beyond the map: the texts of its sources
    (read by the caller; the checks do no I/O)."""

    source_texts: Mapping[str, str | Exception] = field(default_factory=dict)
    # In a corpus: the ids of the map's claims that other maps refer to
    # (`other.yaml#x`), so not isolated.
    used_elsewhere: frozenset[str] = frozenset()
    # Claims named by relations the reader could not read (LoadResult.unread_ends).
    unread_ends: frozenset[str] = frozenset()


CheckFn = Callable[[ArgumentMap, CheckContext], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Check:
    id: str
    severity: Severity
    summary: str
    run: CheckFn


CHECKS: dict[str, Check] = {}

# Problems the loader reports while reading the file's shape (it also
# reports undercut-target for undercuts nested where there is no inference).
LOADER_CHECKS: dict[str, tuple[Severity, str]] = {
    "yaml-alias": (Severity.ERROR, "a YAML alias of a list or mapping (refused: aliases can explode a file)"),
    "unsupported-tag": (Severity.ERROR, "a YAML tag other than the plain types (such as !!python/object)"),
    "wrong-type": (Severity.ERROR, "a value of the wrong type (a list where text belongs, ...)"),
    "unknown-key": (Severity.ERROR, "a key the format does not have (with 'did you mean')"),
    "duplicate-key": (Severity.ERROR, "the same key twice in one mapping"),
    "missing-id": (Severity.ERROR, "a claim without an id"),
    "missing-text": (Severity.ERROR, "a claim without text"),
    "empty-text": (Severity.ERROR, "a claim whose text (or label) is empty"),
    "invalid-id": (Severity.ERROR, "an id that is not a slug"),
    "weight-range": (Severity.ERROR, "a weight outside 0..1"),
    "linked-misplaced": (
        Severity.ERROR,
        "a linked group outside a premises, counterclaims or undercuts list",
    ),
    "impact-misplaced": (
        Severity.ERROR,
        "an 'impact' (a relation's weight) on a claim that hangs under nothing",
    ),
    "linked-single": (Severity.WARNING, "a linked group with fewer than two members"),
    "missing-field": (Severity.ERROR, "a relation without from, to or type"),
    "duplicate-relation": (Severity.ERROR, "the same relation twice"),
    "unsupported-version": (Severity.ERROR, "a format version this argmap cannot read"),
    "no-claims": (Severity.WARNING, "a map without a claims list"),
    # Reported by the readers of other tools' formats (argmap/formats/foreign.py).
    "format-loss": (Severity.WARNING, "something in another tool's file that the map cannot hold as it is"),
    # Readers of other formats (argmap/formats) say what they changed or left out.
    "renamed-id": (Severity.WARNING, "a name in another format that is no argmap id, renamed"),
    "repeated-attack": (Severity.WARNING, "an attack a framework file lists twice, read once"),
    "repeated-argument": (Severity.WARNING, "a TGF argument listed twice with another label, not read"),
    "edge-label": (Severity.WARNING, "a TGF edge label, not read"),
    "comment": (Severity.WARNING, "comments in a framework file, not read"),
    "argdown-not-read": (
        Severity.WARNING,
        "something in an Argdown file that is not in Argdown's map, not read",
    ),
    "argdown-undercut": (
        Severity.WARNING,
        "an Argdown undercut of a claim with no inference, read as an attack",
    ),
    "argdown-syntax": (Severity.WARNING, "an Argdown syntax slip that Argdown reads past too"),
    "scheme-misplaced": (
        Severity.ERROR,
        "a scheme or answered question on an attack, or a raised question on a support",
    ),
    # References to claims of other maps (`other.yaml#x`), resolved on
    # loading (argmap/formats/references.py); a missing file or id is dangling-ref.
    "ref-unreadable": (Severity.ERROR, "a reference to a map in a format argmap cannot read, or unreadable"),
    "ref-cycle": (Severity.ERROR, "references between maps that lead back to the map"),
    "ref-escape": (Severity.ERROR, "a reference to a map outside the corpus folder"),
}


def check(check_id: str, severity: Severity, summary: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check function under its id."""

    def register(fn: CheckFn) -> CheckFn:
        if check_id in CHECKS:
            raise ValueError(f"check id {check_id} registered twice")
        CHECKS[check_id] = Check(check_id, severity, summary, fn)
        return fn

    return register


def fallback_span(amap: ArgumentMap, span: SourceSpan | None) -> SourceSpan:
    return span if span is not None else SourceSpan(amap.file, 1, 1)


def run_checks(amap: ArgumentMap, context: CheckContext | None = None) -> Iterator[Diagnostic]:
    context = context or CheckContext()
    for registered in CHECKS.values():
        yield from registered.run(amap, context)
