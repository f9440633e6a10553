"""Quotes must be verbatim in the source text they cite."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks.registry import CheckContext, check, fallback_span
from argmap.errors import Diagnostic, Severity
from argmap.model import ArgumentMap, Claim, SourceRef
from argmap.text import normalize_quote


@check("quote-not-found", Severity.ERROR, "a quote that is not verbatim in its source file")
def quotes_in_sources(amap: ArgumentMap, context: CheckContext) -> Iterator[Diagnostic]:
    normalized: dict[str, str] = {}
    for claim, source in _cited(amap):
        if source.quote is None or source.ref is None:
            continue
        text = context.source_texts.get(source.ref)
        if not isinstance(text, str):
            continue  # no file to check against, or reported by source-unreadable
        if source.ref not in normalized:
            normalized[source.ref] = normalize_quote(text)
        quote = normalize_quote(source.quote)
        if quote and quote not in normalized[source.ref]:
            yield Diagnostic(
                fallback_span(amap, source.quote_span or claim.span),
                Severity.ERROR,
                "quote-not-found",
                f"quote of claim '{claim.id}' is not in source '{source.ref}' ({_excerpt(quote)})",
            )


@check("source-unreadable", Severity.ERROR, "a source file that cannot be read")
def unreadable_sources(amap: ArgumentMap, context: CheckContext) -> Iterator[Diagnostic]:
    for source in amap.sources.values():
        problem = context.source_texts.get(source.id)
        if isinstance(problem, Exception):
            yield Diagnostic(
                fallback_span(amap, source.file_span or source.span),
                Severity.ERROR,
                "source-unreadable",
                f"source '{source.id}': {problem}",
            )


@check("unchecked-quote", Severity.WARNING, "a quote with no source to check it against")
def unchecked_quotes(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    for claim, source in _cited(amap):
        if source.quote is not None and source.ref is None:
            yield Diagnostic(
                fallback_span(amap, source.quote_span or claim.span),
                Severity.WARNING,
                "unchecked-quote",
                f"quote of claim '{claim.id}' names no source 'ref', so it cannot be checked",
            )


def _cited(amap: ArgumentMap) -> Iterator[tuple[Claim, SourceRef]]:
    for claim in amap.claims:
        if claim.source is not None:
            yield claim, claim.source
            for more in claim.more_sources:
                yield claim, more


def _excerpt(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "\u2026")
