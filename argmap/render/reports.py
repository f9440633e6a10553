"""What `validate` and `coverage` report: for tools, as JSON (a contract:
keys and their order stay), and for people, as lines. Plain strings; the
CLI prints them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.checks.gate import FileCheck, Validation
from argmap.io.json_text import dump_json

if TYPE_CHECKING:  # validate, which needs only the records, does not load coverage
    from argmap.analysis.coverage import Coverage, QuotingClaim, Sentence

__all__ = ["FileCheck", "Validation", "coverage_json", "coverage_lines", "validation_json"]


def _json(document: Any) -> str:
    return dump_json(document, indent=2)


# -- validate ------------------------------------------------------------------------


def validation_json(validation: Validation) -> str:
    files: list[dict[str, Any]] = [
        {"file": f.file, "valid": False, "error": f.error}
        if f.error is not None
        else {"file": f.file, "valid": f.valid, "skipped": True}
        if f.skipped
        else {"file": f.file, "valid": f.valid}
        for f in validation.files
    ]
    diagnostics = [
        {
            "file": d.span.file,
            "line": d.span.line,
            "column": d.span.column,
            "severity": d.severity.value,
            "check": d.check_id,
            "message": d.message,
        }
        for d in validation.diagnostics
    ]
    return _json(
        {
            "files": files,
            "diagnostics": diagnostics,
            "errors": validation.errors + len(validation.unreadable),
            "warnings": validation.warnings,
        }
    )


# -- coverage ------------------------------------------------------------------------


def coverage_lines(report: Coverage, show_all: bool) -> list[str]:
    """The sentences no claim quotes (with `show_all`, every sentence and
    who quotes it), as file:line:col, then the totals."""
    lines = []
    for sentence, quoters in zip(report.sentences, report.quoted_by, strict=True):
        where = f"{report.source}:{sentence.line}:{sentence.column}"
        if not quoters:
            lines.append(f"{where}: not quoted: {sentence.text}")
        elif show_all:
            names = ", ".join(f"{q.file}#{q.id}" for q in quoters)
            lines.append(f"{where}: quoted by {names}: {sentence.text}")
    lines.append(
        f"{report.covered} of {len(report.sentences)} sentences quoted ({report.percent:.1f}%) "
        f"by {report.quotes_found} quotes in {len(report.maps)} map(s)"
    )
    return lines


def coverage_json(report: Coverage) -> str:
    def sentence(s: Sentence, quoters: tuple[QuotingClaim, ...]) -> dict[str, Any]:
        return {
            "number": s.number,
            "line": s.line,
            "column": s.column,
            "text": s.text,
            "quoted_by": [{"file": q.file, "id": q.id} for q in quoters],
        }

    pairs = list(zip(report.sentences, report.quoted_by, strict=True))
    return _json(
        {
            "source": report.source,
            "maps": list(report.maps),
            "sentences": len(report.sentences),
            "covered": report.covered,
            "percent": round(report.percent, 2),
            "quotes_found": report.quotes_found,
            "quotes_elsewhere": report.quotes_elsewhere,
            "uncovered": [sentence(s, q) for s, q in pairs if not q],
            "all": [sentence(s, q) for s, q in pairs],
        }
    )
