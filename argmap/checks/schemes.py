"""Argument schemes: the scheme an inference names, and the critical
questions attacks raise and inferences mark answered or conceded, must be
ones the catalogue (argmap.schemes) or the map's own `schemes:` has."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from argmap.checks.registry import CheckContext, check, fallback_span
from argmap.errors import Diagnostic, Severity
from argmap.model import ArgumentMap, Relation, RelationType, Scheme, SourceSpan
from argmap.schemes import map_schemes, scheme_suggestion


def _uses_schemes(amap: ArgumentMap) -> bool:
    return any(r.scheme or r.question or r.answered or r.conceded for r in amap.relations)


def _known(amap: ArgumentMap) -> Mapping[str, Scheme]:
    return map_schemes(amap) if _uses_schemes(amap) else {}


@check(
    "unknown-scheme", Severity.WARNING, "an inference names a scheme neither the catalogue nor the map has"
)
def unknown_schemes(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    known = _known(amap)
    seen: set[tuple[SourceSpan | None, str]] = set()
    for relation in amap.relations:
        scheme = relation.scheme
        if scheme is None or scheme in known or (relation.scheme_span, scheme) in seen:
            continue
        seen.add((relation.scheme_span, scheme))  # once for a linked group
        yield Diagnostic(
            fallback_span(amap, relation.scheme_span or relation.span),
            Severity.WARNING,
            "unknown-scheme",
            f"unknown scheme '{scheme}'{scheme_suggestion(scheme, known)} "
            "('argmap schemes' lists them; a map may add its own under 'schemes:')",
        )


@check("unknown-question", Severity.WARNING, "a critical question the inference's scheme does not have")
def unknown_questions(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    if not _uses_schemes(amap):
        return
    from argmap.schemes.questions import concerned, inferences  # only for maps that use schemes

    known = _known(amap)
    yield from _marks(amap, known)
    found = inferences(amap)
    relation_of = amap.relation_index()
    for relation_id, targets in concerned(amap, found).items():
        relation = relation_of[relation_id]
        schemes = [known[i.scheme] for i in targets if i.scheme in known]
        if targets and not schemes:
            continue  # only unknown schemes: unknown-scheme says so
        question = relation.question or ""
        if any(s.question(question) for s in schemes):
            continue
        span = fallback_span(amap, relation.question_span or relation.span)
        yield Diagnostic(span, Severity.WARNING, "unknown-question", _raised_message(relation, schemes))


def _raised_message(relation: Relation, schemes: list[Scheme]) -> str:
    question = relation.question or ""
    if not schemes:
        where = (
            "the inference it undercuts names no scheme"
            if relation.type is RelationType.UNDERCUT
            else f"no inference from or to '{relation.target}' names a scheme"
        )
        return f"{relation.type.value} '{relation.source}' raises critical question '{question}', but {where}"
    if len(schemes) == 1:
        ids = (q.id for q in schemes[0].questions)
        return f"scheme '{schemes[0].id}' has no critical question '{question}'{_has(ids)}"
    names = ", ".join(f"'{s.id}'" for s in schemes)
    return f"none of the schemes {names} has a critical question '{question}'"


def _has(ids: Iterable[str]) -> str:
    listed = ", ".join(ids)
    return f" (it has {listed})" if listed else " (it has none)"


def _marks(amap: ArgumentMap, known: Mapping[str, Scheme]) -> Iterator[Diagnostic]:
    """Questions an inference marks answered or conceded."""
    seen: set[SourceSpan] = set()
    for relation in amap.relations:
        marks = [*((q, "answered") for q in relation.answered), *((q, "conceded") for q in relation.conceded)]
        spans = relation.marks_spans or tuple(fallback_span(amap, relation.span) for _ in marks)
        scheme = known.get(relation.scheme) if relation.scheme is not None else None
        if relation.scheme is not None and scheme is None:
            continue  # unknown-scheme says so
        for (question, status), span in zip(marks, spans, strict=False):
            if span in seen or (scheme is not None and scheme.question(question)):
                continue
            seen.add(span)  # once for a linked group
            if scheme is None:
                message = (
                    f"'{question}' is marked {status}, but the inference names no scheme (add 'scheme:')"
                )
            else:
                hint = _has(q.id for q in scheme.questions)
                message = f"scheme '{scheme.id}' has no critical question '{question}'{hint}"
            yield Diagnostic(span, Severity.WARNING, "unknown-question", message)
