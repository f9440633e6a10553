"""Maps that refer to claims of other maps: `FILE#ID`.

Wherever a map names a claim by id (a reference in a premises,
counterclaims or undercuts list, a linked group's member, a relation's
`from:` or `to:`), `other.yaml#x` names the claim `x` of the map
`other.yaml`, the file relative to the referring map's folder.

`resolve_references` brings each referred claim into the map: a claim whose
id is the reference as written (`other.yaml#x`), whose text and label are
x's, and whose `origin` is the file as written. The claim alone is brought,
not what supports or attacks it in its own map (docs/format.md says why).

What cannot be resolved is a diagnostic at the line of the reference: a
missing file or id (`dangling-ref`), a file argmap cannot read
(`ref-unreadable`), a chain of references that comes back to the map
(`ref-cycle`), a path out of the corpus root when one is set
(`ref-escape`). Referred maps are read once each (a `ReferenceCache` may be
shared by many maps: a corpus), and the search for cycles is bounded in
depth and in files read.
"""

from __future__ import annotations

import difflib
import operator
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from argmap.errors import ArgmapError, Diagnostic, InputError, Severity
from argmap.formats.base import LoadResult
from argmap.formats.registry import choose, load_path, reading_candidates
from argmap.io.files import names_a_file
from argmap.model import (
    ArgumentMap,
    Claim,
    Reference,
    Relation,
    RelationType,
    SourceSpan,
    default_relation_id,
    parse_reference,
)

# How far the search for cycles follows references, and how many referred
# maps one load (or one corpus) reads at most.
MAX_DEPTH = 32
MAX_FILES = 1000

MISSING = "dangling-ref"
UNREADABLE = "ref-unreadable"
CYCLE = "ref-cycle"
ESCAPE = "ref-escape"


class Use(NamedTuple):
    """One place a map writes a reference."""

    text: str
    reference: Reference
    span: SourceSpan


def has_references(amap: ArgumentMap) -> bool:
    """Whether any relation may name a claim of another map: a test at C
    speed (joins, not a Python loop), since nearly no map does."""
    relations = amap.relations
    return "#" in "\n".join(map(_SOURCE, relations)) or "#" in "\n".join(map(_TARGET, relations))


_SOURCE = operator.attrgetter("source")
_TARGET = operator.attrgetter("target")


def reference_uses(amap: ArgumentMap) -> Iterator[Use]:
    """Every reference the map writes, in map order: relations' sources and
    (but for undercuts, which target relations) targets."""
    if not has_references(amap):
        return
    for relation in amap.relations:
        ends = [(relation.source, relation.span)]
        if relation.type is not RelationType.UNDERCUT:
            ends.append((relation.target, relation.target_span or relation.span))
        for text, span in ends:
            reference = parse_reference(text)
            if reference is not None:
                yield Use(text, reference, span or SourceSpan(amap.file, 1, 1))


def map_key(path: Path | str) -> Path:
    """One name per file, however a reference spells it."""
    return Path(os.path.normpath(Path(path).absolute()))


# A file of this name (its content is not read) makes its folder the root
# of a corpus: no reference of a map in or below it may leave the folder.
CORPUS_MARKER = ".argmap-corpus"


@dataclass
class ReferenceCache:
    """Referred maps read so far, each once, by absolute path (a map that
    cannot be read is kept as its one-line error). `root`, when set, is
    the corpus folder no reference may leave; when not, the nearest folder
    up from a map that holds a CORPUS_MARKER file, if any."""

    root: Path | None = None
    max_files: int = MAX_FILES
    max_depth: int = MAX_DEPTH
    # Every map read through the cache, as read (references not resolved),
    # or why it could not be; `referred` counts those read as referred maps.
    maps: dict[Path, LoadResult | ArgmapError] = field(default_factory=dict)
    referred: int = 0
    roots: dict[Path, Path | None] = field(default_factory=dict)
    # Referred map -> the existing maps it refers to in turn (for the cycle search).
    next_maps: dict[Path, tuple[Path, ...]] = field(default_factory=dict)

    def referred_from(self, path: Path) -> tuple[Path, ...]:
        """The existing maps the map at `path` refers to, in a stable order."""
        key = map_key(path)
        if key not in self.next_maps:
            loaded = self.load(path)
            files = () if isinstance(loaded, str) else {u.reference.file for u in reference_uses(loaded)}
            found = (map_key(key.parent / file) for file in sorted(files, reverse=True))
            self.next_maps[key] = tuple(step for step in dict.fromkeys(found) if names_a_file(step))
        return self.next_maps[key]

    def root_for(self, folder: Path) -> Path | None:
        """The corpus root a map in `folder` lives in, if any."""
        if self.root is not None:
            return map_key(self.root)
        key = map_key(folder)
        if key not in self.roots:
            self.roots[key] = next((d for d in (key, *key.parents) if names_a_file(d / CORPUS_MARKER)), None)
        return self.roots[key]

    def read(self, path: Path | str, *, referred: bool = False) -> LoadResult:
        """The map at `path` as read, its references not resolved, read once
        however often it is asked for (referred maps only up to max_files)."""
        key = map_key(path)
        found = self.maps.get(key)
        if found is None:
            if referred and self.referred >= self.max_files:
                raise InputError(f"{path}: not read: more than {self.max_files} referred maps (the limit)")
            self.referred += referred
            try:
                found = load_path(path)
            except ArgmapError as exc:
                found = exc
            self.maps[key] = found
        if isinstance(found, ArgmapError):
            raise found
        return found

    def load(self, path: Path) -> ArgumentMap | str:
        """A referred map, or the one-line reason it cannot be read."""
        try:
            return self.read(path, referred=True).map
        except ArgmapError as exc:
            return str(exc)


@dataclass
class _Resolver:
    amap: ArgumentMap
    folder: Path
    cache: ReferenceCache
    diagnostics: list[Diagnostic] = field(default_factory=list)
    claims: dict[str, Claim] = field(default_factory=dict)
    cycles: dict[Path, list[str]] = field(default_factory=dict)  # by referred map: the chain back, if any

    @property
    def home(self) -> Path:
        return map_key(self.folder / Path(self.amap.file).name)

    def report(self, use: Use, check_id: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(use.span, Severity.ERROR, check_id, message))

    def resolve(self, use: Use) -> None:
        path = self.folder / use.reference.file
        root = self.cache.root_for(self.folder)
        if root is not None and not map_key(path).is_relative_to(root):
            self.report(
                use,
                ESCAPE,
                f"'{use.text}': {use.reference.file} is outside the corpus "
                f"(the folder '{_shown(root, self.folder)}' from here)",
            )
            return
        if not names_a_file(path):
            self.report(use, MISSING, f"'{use.text}': there is no map {use.reference.file}")
            return
        if map_key(path) == self.home:
            self.report(
                use, CYCLE, f"'{use.text}' is a claim of this map: write just '{use.reference.claim}'"
            )
            return
        loaded = self.cache.load(path)
        if isinstance(loaded, str):
            self.report(use, UNREADABLE, f"'{use.text}': {loaded}")
            return
        key = map_key(path)
        if key not in self.cycles:
            self.cycles[key] = self.cycle_through(path)
        cycle = self.cycles[key]
        if cycle:
            self.report(use, CYCLE, f"'{use.text}': the references come back here: {' -> '.join(cycle)}")
            return
        self.bring(use, loaded)

    def bring(self, use: Use, other: ArgumentMap) -> None:
        claim = other.claim_index().get(use.reference.claim)
        if claim is None:
            close = difflib.get_close_matches(use.reference.claim, [c.id for c in other.claims], n=1)
            hint = f"; did you mean '{use.reference.file}#{close[0]}'?" if close else ""
            self.report(
                use, MISSING, f"claim '{use.reference.claim}' is not defined in {use.reference.file}{hint}"
            )
            return
        self.claims.setdefault(
            use.text,
            Claim(
                use.text,
                claim.text,
                label=claim.label,
                span=use.span,
                id_span=use.span,
                origin=use.reference.file,
            ),
        )

    def cycle_through(self, start: Path) -> list[str]:
        """The chain of files from `start` back to this map, if references lead back."""
        home = self.home
        seen: set[Path] = set()
        stack: list[tuple[Path, list[str]]] = [
            (start, [Path(self.amap.file).name, _shown(start, self.folder)])
        ]
        while stack:
            path, chain = stack.pop()
            key = map_key(path)
            if key in seen or len(chain) > self.cache.max_depth:
                continue
            seen.add(key)
            for step in self.cache.referred_from(path):
                if step == home:
                    return [*chain, _shown(step, self.folder)]
                stack.append((step, [*chain, _shown(step, self.folder)]))
        return []


def _shown(path: Path, folder: Path) -> str:
    """A path as the user would write it from the referring map's folder."""
    return Path(os.path.relpath(os.path.normpath(path), folder)).as_posix()


def resolve_references(
    result: LoadResult, folder: Path | None = None, cache: ReferenceCache | None = None
) -> LoadResult:
    """The map with the claims it refers to in other maps brought in (after
    its own, in the order first referred), and a diagnostic for each
    reference that cannot be resolved. `folder` is where the map's file
    is (default: the folder of `result.map.file`)."""
    amap = result.map
    # A map read without positions (the fast YAML path) is read again with
    # them when a problem is found: resolved again, then, too.
    reread = result.reread
    if reread is not None:
        again = reread
        reread = lambda: resolve_references(again(), folder, cache)  # noqa: E731
    uses = list(reference_uses(amap))
    if not uses:
        return replace(result, map=replace(amap, resolved=True), reread=reread)
    resolver = _Resolver(
        amap, Path(amap.file).parent if folder is None else folder, cache or ReferenceCache()
    )
    own = {c.id for c in amap.claims}
    for use in uses:
        if use.text not in own and use.text not in resolver.claims:
            resolver.resolve(use)
    claims = (*amap.claims, *resolver.claims.values())
    return replace(
        result,
        map=replace(amap, claims=claims, resolved=True),
        diagnostics=[*result.diagnostics, *resolver.diagnostics],
        reread=reread,
    )


def load_map(path: Path | str, fmt: str | None = None, cache: ReferenceCache | None = None) -> LoadResult:
    """A map file in any format argmap reads, with its references to other
    maps resolved: what the commands and the library load."""
    if cache is None or fmt is not None or str(path) == "-":  # standard input is read once anyway
        return resolve_references(load_path(path, fmt), Path(path).parent, cache)
    return resolve_references(cache.read(path), Path(path).parent, cache)


def load_map_text(
    text: str,
    name: str,
    fmt: str | None = None,
    folder: Path | None = None,
    cache: ReferenceCache | None = None,
) -> LoadResult:
    """A map from text already read, its references resolved against
    `folder` (default: the folder `name` names)."""
    return resolve_references(
        choose(reading_candidates(Path(name), fmt), text).read(text, name), folder, cache
    )


def moved_references(amap: ArgumentMap, here: Path, there: Path) -> ArgumentMap:
    """The map's references to other maps rewritten for a copy of it in the
    folder `there` (from `here`), so that they name the same files: the
    referred claims' ids, the relations' ends, and the default relation ids
    built from them (and the undercuts that target those)."""
    renamed: dict[str, str] = {}
    for claim in amap.claims:
        reference = parse_reference(claim.id) if claim.origin is not None else None
        if reference is not None and not Path(reference.file).is_absolute():
            moved = Path(os.path.relpath(here / reference.file, there)).as_posix()
            renamed[claim.id] = f"{moved}#{reference.claim}"
    if not renamed:
        return amap
    claims = tuple(
        c._replace(id=renamed[c.id], origin=renamed[c.id].rpartition("#")[0]) if c.id in renamed else c
        for c in amap.claims
    )
    new_ids: dict[str, str] = {}
    relations = list(amap.relations)
    # Undercuts name relations by id: a second round reaches those of undercuts.
    for _ in range(2):
        relations = [
            _moved_relation(r, old, renamed, new_ids)
            for r, old in zip(relations, amap.relations, strict=True)
        ]
    return replace(amap, claims=claims, relations=tuple(relations))


def _moved_relation(
    relation: Relation, old: Relation, renamed: dict[str, str], new_ids: dict[str, str]
) -> Relation:
    """`old` with its ends renamed, and its id when it was the default one."""
    undercut = old.type is RelationType.UNDERCUT
    source = renamed.get(old.source, old.source)
    target = new_ids.get(old.target, old.target) if undercut else renamed.get(old.target, old.target)
    new_id = old.id
    if old.id == default_relation_id(old.type, old.source, old.target):
        new_id = default_relation_id(old.type, source, target)
    new_ids[old.id] = new_id
    return relation._replace(id=new_id, source=source, target=target)
