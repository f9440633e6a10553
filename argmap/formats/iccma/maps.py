"""ICCMA frameworks as map formats (the registry's ``Apx``, ``Tgf`` and ``Af``).

Each argument is a claim whose text is its name (a TGF label, when there is
one) and each attack an attack relation; a name that is not an argmap id is
renamed, deterministically, with a warning. A map is written as the
framework ``argmap evaluate`` computes on it (:func:`framework_from_map`):
claims and attacks, and for every undercut relation an argument standing for
the inference it attacks, so a solver gets the same answers; everything else
is reported as a loss. Such an argument, named after its relation, reads
back as that relation and its undercuts (argmap.formats.iccma.inferences).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from argmap.errors import Diagnostic, InputError, Severity
from argmap.formats.base import LoadResult, Written, canonical_relation_order, without_controls
from argmap.formats.framework import Framework, framework_from_map
from argmap.formats.iccma.frameworks import (
    Listing,
    af_text,
    apx_text,
    list_af,
    list_apx,
    list_tgf,
    tgf_label,
    tgf_text,
)
from argmap.formats.iccma.inferences import AttackMeaning, Inference, inference_arguments
from argmap.formats.losses import unheld
from argmap.model import (
    ID_PATTERN,
    ArgumentMap,
    Claim,
    Relation,
    RelationType,
    SourceSpan,
    default_relation_id,
)
from argmap.text import UniqueNames

__all__ = ["Af", "Apx", "Tgf", "read_af", "read_apx", "read_tgf", "write_af", "write_apx", "write_tgf"]


_NOT_IN_ID = re.compile(r"[^\w.-]+")


def _argmap_ids(names: Iterable[str]) -> dict[str, str]:
    """Each name as an argmap id: itself when it is one; else its runs of
    other characters as '_', made unique with -2, -3, ... (in file order)."""
    names = list(names)
    ids = {name: name for name in names if ID_PATTERN.match(name)}
    unique = UniqueNames(ids)
    for name in names:
        if name in ids:
            continue
        base = _NOT_IN_ID.sub("_", name)
        if not ID_PATTERN.match(base):  # empty, or starting with '.' or '-'
            base = "_" + base
        ids[name] = unique.make(base)
    return ids


def _to_map(listing: Listing, file: str, numbered: bool = False) -> LoadResult:
    # .af arguments are numbers: none is named after a relation.
    inferences = (
        {} if numbered else inference_arguments(listing.arguments, ((a, b) for a, b, _, _ in listing.attacks))
    )
    ids = _argmap_ids(name for name in listing.arguments if name not in inferences)
    diagnostics = list(listing.dropped)
    claims = _claims(listing, ids, file, diagnostics)
    ids.update(_relation_ids(inferences, ids))
    relations = _inference_relations(listing, inferences, ids, file)
    relations += _attacks(listing, ids, file, diagnostics, inferences)
    amap = ArgumentMap(
        claims=tuple(claims), relations=tuple(canonical_relation_order(claims, relations)), file=file
    )
    return LoadResult(amap, sorted(diagnostics, key=Diagnostic.sort_key))


def _claims(listing: Listing, ids: dict[str, str], file: str, diagnostics: list[Diagnostic]) -> list[Claim]:
    """A claim per argument, its text the TGF label or else the name; a
    warning for each argument renamed."""
    claims: list[Claim] = []
    for name, (line, column) in listing.arguments.items():
        if name not in ids:
            continue  # an inference
        span = SourceSpan(file, line, column)
        claim_id = ids[name]
        if claim_id != name:
            diagnostics.append(
                Diagnostic(
                    span,
                    Severity.WARNING,
                    "renamed-id",
                    f"argument {name!r} is not an argmap id; read as claim {claim_id!r} with the name as text",
                )
            )
        text = listing.labels.get(name) or (name if name.strip() else claim_id)
        claims.append(Claim(claim_id, text, span=span, id_span=span, text_span=span))
    return claims


def _relation_ids(inferences: dict[str, Inference], ids: dict[str, str]) -> dict[str, str]:
    """Each inference argument's relation id, from its ends' ids (an
    undercut's target, a shorter name, gets its id first)."""
    found: dict[str, str] = {}
    for name in sorted(inferences, key=len):
        inference = inferences[name]
        target = found.get(inference.target) or ids[inference.target]
        found[name] = default_relation_id(inference.type, ids[inference.source], target)
    return found


def _inference_relations(
    listing: Listing, inferences: dict[str, Inference], ids: dict[str, str], file: str
) -> list[Relation]:
    relations: list[Relation] = []
    for name, inference in inferences.items():
        span = SourceSpan(file, *listing.arguments[name])
        source, target = ids[inference.source], ids[inference.target]
        relations.append(Relation(ids[name], source, target, inference.type, span=span, target_span=span))
    return relations


def _attacks(
    listing: Listing,
    ids: dict[str, str],
    file: str,
    diagnostics: list[Diagnostic],
    inferences: dict[str, Inference],
) -> list[Relation]:
    """An attack relation per attack listed, once: a warning for each repeat;
    an attack on an inference is an undercut, and the attacks the writer
    made for inferences are no relations of their own."""
    relations: list[Relation] = []
    first_line: dict[tuple[str, str], int] = {}
    meaning = AttackMeaning(inferences, ((a, b) for a, b, _, _ in listing.attacks)) if inferences else None
    for a, b, line, column in listing.attacks:
        type_ = meaning(a, b) if meaning is not None else RelationType.ATTACK
        if type_ is None:
            continue
        source, target = ids[a], ids[b]
        span = SourceSpan(file, line, column)
        if (source, target) in first_line:
            diagnostics.append(
                Diagnostic(
                    span,
                    Severity.WARNING,
                    "repeated-attack",
                    f"attack {a} -> {b} listed again (first at line {first_line[source, target]}); read once",
                )
            )
            continue
        first_line[source, target] = line
        rid = default_relation_id(type_, source, target)
        relations.append(Relation(rid, source, target, type_, span=span, target_span=span))
    return relations


def read_apx(text: str, file: str) -> LoadResult:
    return _to_map(list_apx(text, file), file)


def read_tgf(text: str, file: str) -> LoadResult:
    return _to_map(list_tgf(text, file), file)


def read_af(text: str, file: str) -> LoadResult:
    return _to_map(list_af(text, file), file, numbered=True)


_HELD = ("attack",)
_WHY = {
    "support": "abstract frameworks have attacks only",
    "undercut": "each written as attacks on an extra argument for the inference it undercuts, "
    "named after that relation (as argmap evaluate models undercuts)",
}
_SAFE_NAME = re.compile(r"[^\w.:-]+")


def _framework_names(amap: ArgumentMap) -> tuple[Framework, list[str]]:
    """The map's framework, and a unique name for each argument that every
    ICCMA format can hold (claim ids can; an inference's relation id may need
    its other characters replaced)."""
    try:
        framework = framework_from_map(amap)
    except ValueError as exc:
        raise InputError(f"{amap.file}: cannot write a map with errors: {exc}") from None
    names = list(framework.claims)
    unique = UniqueNames(names)
    names.extend(unique.make(_SAFE_NAME.sub("_", inference)) for inference in framework.inferences)
    return framework, names


def _changed_texts(amap: ArgumentMap, written: Callable[[int, Claim], str]) -> int:
    """Claims whose text reads back differently from what the file holds."""
    return sum(claim.text != written(index, claim) for index, claim in enumerate(amap.claim_index().values()))


def write_apx(amap: ArgumentMap) -> Written:
    framework, names = _framework_names(amap)
    losses = unheld(amap, _HELD, "APX", _WHY)
    losses.lost("text", "APX has no place for claim texts", _changed_texts(amap, lambda _, c: c.id))
    return Written(apx_text(names, framework.attacks), losses.losses())


def write_tgf(amap: ArgumentMap) -> Written:
    framework, names = _framework_names(amap)
    claims = amap.claim_index()
    labels = {name: tgf_label(claims[name].text) for name in names if name in claims}
    losses = unheld(amap, _HELD, "TGF", _WHY)
    losses.lost(
        "text",
        "TGF labels are one line: line breaks became spaces and whitespace at the ends was dropped",
        _changed_texts(amap, lambda _, c: tgf_label(c.text) or c.id),
    )
    return without_controls(Written(tgf_text(names, framework.attacks, labels), losses.losses()))


def write_af(amap: ArgumentMap) -> Written:
    framework, _ = _framework_names(amap)
    losses = unheld(amap, _HELD, "the .af format", _WHY)
    numbered = sum(claim.id != str(i) for i, claim in enumerate(amap.claim_index().values(), 1))
    losses.lost("id", "arguments are numbers: claims are numbered 1, 2, ... in map order", numbered)
    losses.lost(
        "text", "the .af format has no place for claim texts", _changed_texts(amap, lambda i, _: str(i + 1))
    )
    return Written(af_text(len(framework.arguments), framework.attacks), losses.losses())


class Apx:
    """ASPARTIX .apx as a map format (the registry's ``argmap.formats.iccma.maps:Apx``)."""

    read = staticmethod(read_apx)
    write = staticmethod(write_apx)


class Tgf:
    """Trivial Graph Format as a map format."""

    read = staticmethod(read_tgf)
    write = staticmethod(write_tgf)


class Af:
    """ICCMA 2023 .af as a map format."""

    read = staticmethod(read_af)
    write = staticmethod(write_af)
