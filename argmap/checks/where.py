"""`argmap where`: every place maps use a claim — where it is defined, where
its own map names it, and where other maps refer to it (`other.yaml#x`).

A claim is asked for as `FILE#ID` (the claim ID of the map FILE) or as a
bare `ID` (the claim ID of every map that defines one). Maps are read as
they are written, without resolving their references: a use is a place
in a file, not a claim brought in.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from argmap.checks.gate import find_maps, is_other_yaml
from argmap.errors import InputError, UsageError
from argmap.formats.references import reference_uses
from argmap.formats.registry import load_path
from argmap.model import ID_PATTERN, ArgumentMap, RelationType, SourceSpan, parse_reference

# What a place does with the claim.
DEFINES = "defines"
NAMES = "names"  # its own map names it by id (a cross-link, a relation, expect:)
REFERS = "refers to"  # another map refers to it, FILE#ID


class Place(NamedTuple):
    span: SourceSpan
    kind: str
    written: str  # the id or reference as the file writes it

    def __str__(self) -> str:
        return f"{self.span}: {self.kind} {self.written}"


@dataclass
class Uses:
    """The places found, sorted by file, line and column; and the files that could not be read."""

    places: list[Place] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


def _key(path: Path) -> Path:
    return Path(os.path.normpath(path.absolute()))


def _targets(claim: str, maps: dict[Path, ArgumentMap]) -> set[tuple[Path, str]]:
    """(map file, claim id) pairs the question names."""
    reference = parse_reference(claim)
    if reference is not None:
        return {(_key(Path(reference.file)), reference.claim)}
    if not ID_PATTERN.match(claim):
        raise UsageError(f"'{claim}' is neither a claim id nor FILE#ID")
    return {(key, claim) for key, amap in maps.items() if any(c.id == claim for c in amap.claims)}


def _own_uses(amap: ArgumentMap, claim: str) -> Iterator[Place]:
    """The claim's definition and every place its own map names it."""
    nested: set[SourceSpan | None] = set()  # a claim nested under its parent: no use of its own
    for defined in amap.claims:
        if defined.id == claim:
            nested.add(defined.span)
            yield Place(defined.id_span or defined.span or SourceSpan(amap.file, 1, 1), DEFINES, claim)
    for relation in amap.relations:
        if relation.source == claim and relation.span not in nested:
            yield Place(relation.span or SourceSpan(amap.file, 1, 1), NAMES, claim)
        # A target is written only in `relations:` (`to:`); a nested entry's
        # target is the claim it hangs under.
        written = relation.target_span is not None and relation.target_span != relation.span
        if relation.target == claim and relation.type is not RelationType.UNDERCUT and written:
            yield Place(relation.target_span or relation.span or SourceSpan(amap.file, 1, 1), NAMES, claim)
    for expectation in amap.expect:
        if expectation.claim == claim:
            yield Place(expectation.span or SourceSpan(amap.file, 1, 1), NAMES, claim)


def _read(files: Iterable[Path], uses: Uses, named: set[str]) -> dict[Path, ArgumentMap]:
    maps: dict[Path, ArgumentMap] = {}
    for file in files:
        try:
            result = load_path(file)
        except InputError as exc:
            uses.unreadable.append(str(exc))
            continue
        if str(file) in named or not is_other_yaml(result):
            maps.setdefault(_key(file), result.map.with_positions())  # places need its positions
    return maps


def where(claim: str, paths: Iterable[Path | str]) -> Uses:
    """Every place the maps in `paths` (files, or folders searched for maps)
    use `claim`; a FILE#ID's own map is searched too."""
    paths = list(paths)
    named = {str(p) for p in paths}
    files = find_maps(paths)
    reference = parse_reference(claim)
    if reference is not None:
        if not Path(reference.file).is_file():
            raise UsageError(f"{claim}: there is no map {reference.file}")
        files.append(Path(reference.file))
        named.add(reference.file)
    uses = Uses()
    maps = _read(files, uses, named)
    targets = _targets(claim, maps)
    found: set[Place] = set()
    for key, amap in maps.items():
        for own_claim in {c for k, c in targets if k == key}:
            found.update(_own_uses(amap, own_claim))
        for use in reference_uses(amap):
            if (_key(key.parent / use.reference.file), use.reference.claim) in targets:
                found.add(Place(use.span, REFERS, use.text))
    uses.places = sorted(found, key=lambda p: (p.span.file, p.span.line, p.span.column, p.kind))
    return uses
