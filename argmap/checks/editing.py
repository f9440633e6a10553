"""What an editor asks of a map it holds as text: the diagnostics `validate`
gives, each with the range of the key or value it is about; where an id is
defined and used; what renaming one changes; what to show on hovering one.

Pure functions over the text, the loaded map and its index
(`argmap.formats.native.occurrences`); positions are 0-based lines and
columns in code points. The language server (`argmap.lsp`) speaks the
protocol; everything it knows about maps is here, for other front ends too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from argmap.checks.gate import Checked, check_loaded
from argmap.errors import ArgmapError, InputError, Severity, UsageError
from argmap.formats.native.occurrences import (
    Composed,
    IdKind,
    MapIndex,
    Occurrence,
    TextRange,
    index_root,
    node_ends,
    scalar_at,
)
from argmap.formats.native.read import load_yaml_root, load_yaml_text
from argmap.formats.references import resolve_references
from argmap.formats.registry import choose, load_text, reading_candidates
from argmap.io.files import read_text, source_base_dir
from argmap.model import ID_PATTERN, ArgumentMap, SourceSpan, parse_reference
from argmap.text import SearchableText
from argmap.yaml.compose import compose


class LocatedDiagnostic(NamedTuple):
    """A problem as `validate` reports it, with the range it is about.
    `check_id` is None for a file that cannot be read at all (a YAML syntax
    error), which `validate` reports without an id too."""

    range: TextRange
    severity: Severity
    message: str
    check_id: str | None


@dataclass(frozen=True, slots=True)
class MapState:
    """One version of a map's text, checked and (once `indexed`) indexed."""

    file: str
    text: str
    lines: tuple[str, ...]
    checked: Checked | None  # None when the text could not be loaded
    diagnostics: tuple[LocatedDiagnostic, ...]
    source_files: tuple[Path, ...] = ()  # the source texts the checks read
    root: Composed | None = None  # the composed YAML, for the index
    index: MapIndex | None = None  # None until indexed, or when the text is no YAML

    @property
    def map(self) -> ArgumentMap | None:
        return self.checked.map if self.checked is not None else None


def analyse(
    text: str,
    file: str,
    *,
    source_texts: Mapping[str, str | Exception] | None = None,
    fmt: str | None = None,
    index: bool = True,
) -> MapState:
    """Load and check one map's text as `validate` would the file (in the
    format `fmt` names, or its suffix tells), and index it when it is in
    argmap's YAML or JSON form, unless `index` is false: `indexed` does it
    later, so that an editor gets the diagnostics first. `source_texts`
    stands in for reading the sources from disk."""
    lines = tuple(text.splitlines())
    root: Composed | None = None
    checked: Checked | None = None
    located: list[LocatedDiagnostic] = []
    try:
        chosen = choose(reading_candidates(Path(file), fmt), text)
        if chosen.name == "yaml":
            checked, root = _checked_yaml(text, file, source_texts)
        else:
            result = chosen.read(text, file)
            root = _composed(text, file) if chosen.name == "json" else None
            checked = check_loaded(resolve_references(result), source_texts=source_texts)
    except ArgmapError as exc:
        located.append(_unreadable(exc, lines))
    if checked is not None:
        starts = {(d.span.line - 1, d.span.column - 1) for d in checked.diagnostics}
        ends = node_ends(root, starts) if root is not None and starts else {}
        located.extend(
            LocatedDiagnostic(span_range(d.span, ends, lines), d.severity, d.message, d.check_id)
            for d in checked.diagnostics
        )
    state = MapState(file, text, lines, checked, tuple(located), _source_files(checked), root)
    return indexed(state) if index else state


def _checked_yaml(
    text: str, file: str, source_texts: Mapping[str, str | Exception] | None
) -> tuple[Checked, Composed | None]:
    """The map checked, and its composed YAML when the diagnostics need it
    for their ranges. By the fast path first: a map without problems is not
    composed until it is indexed. One with problems is composed once, for
    its positions and the ranges."""
    fast = load_yaml_text(text, file, fast=True)
    if fast.reread is not None:
        checked = check_loaded(resolve_references(replace(fast, reread=None)), source_texts=source_texts)
        if not checked.diagnostics:
            return checked, None
    root = compose(text, file)
    return check_loaded(resolve_references(load_yaml_root(root, file)), source_texts=source_texts), root


def indexed(state: MapState) -> MapState:
    """The state with its index of ids, outline and folds (and, for a map
    read by the fast path, its composed YAML and the map with positions)."""
    if state.index is not None:
        return state
    checked = state.checked
    if checked is not None and checked.map.positioned is not None:
        root = state.root if state.root is not None else compose(state.text, state.file)
        positioned = replace(checked, map=load_yaml_root(root, state.file).map)
        state = replace(state, root=root, checked=positioned)
    if state.root is None:
        return state
    return replace(state, index=index_root(state.root, state.text))


def _composed(text: str, file: str) -> Composed | None:
    try:
        return compose(text, file)
    except InputError:
        return None


def _unreadable(exc: ArgmapError, lines: tuple[str, ...]) -> LocatedDiagnostic:
    span = exc.span or SourceSpan("", 1, 1)
    return LocatedDiagnostic(span_range(span, {}, lines), Severity.ERROR, exc.message, None)


def _source_files(checked: Checked | None) -> tuple[Path, ...]:
    if checked is None:
        return ()
    base = source_base_dir(checked.map.file)
    return tuple(base / s.file for s in checked.map.sources.values() if s.file is not None)


def span_range(
    span: SourceSpan, ends: Mapping[tuple[int, int], tuple[int, int]], lines: tuple[str, ...]
) -> TextRange:
    """The range a diagnostic at `span` is about: the node starting there,
    up to the end of its first line; without a node, the rest of the line
    (or one character, at the end of a line)."""
    line, column = span.line - 1, span.column - 1
    text = lines[line] if 0 <= line < len(lines) else ""
    end = ends.get((line, column))
    if end is not None and end[0] == line and end[1] > column:
        return TextRange(line, column, line, end[1])
    stop = len(text.rstrip())
    return TextRange(line, column, line, stop if stop > column else column + 1)


# -- navigation ------------------------------------------------------------------


def occurrence_at(state: MapState, line: int, column: int) -> Occurrence | None:
    return state.index.at(line, column) if state.index is not None else None


def definitions(state: MapState, line: int, column: int) -> list[Occurrence]:
    """Where the id at this position is defined (empty where no id is, or it is not defined)."""
    found = occurrence_at(state, line, column)
    if found is None or state.index is None:
        return []
    return [o for o in state.index.of(found.kind, found.id) if o.definition]


def references(state: MapState, line: int, column: int, *, declaration: bool = True) -> list[Occurrence]:
    """Every place the id at this position is written (its definitions too, if `declaration`)."""
    found = occurrence_at(state, line, column)
    if found is None or state.index is None:
        return []
    return [o for o in state.index.of(found.kind, found.id) if declaration or not o.definition]


class Place(NamedTuple):
    """A range in another file (a source text), with that file's lines."""

    file: Path
    range: TextRange
    lines: tuple[str, ...]


def source_place(state: MapState, line: int, column: int) -> Place | None:
    """Where the quote under the cursor stands in its source's text, or
    the start of the source file for its `file:` value; None elsewhere, or
    when the file cannot be read or does not hold the quote."""
    amap = state.map
    scalar = scalar_at(state.root, line, column) if state.root is not None else None
    if amap is None or scalar is None:
        return None
    start = (scalar.line + 1, scalar.column + 1)
    base = source_base_dir(amap.file)
    for source in amap.sources.values():
        if source.file is not None and source.file_span is not None and source.file_span[1:] == start:
            return _place(base / source.file, None)
    for claim in amap.claims:
        for cited in claim.all_sources():
            cited_source = amap.sources.get(cited.ref or "")
            if cited_source is None or cited.quote_span is None or cited.quote_span[1:] != start:
                continue
            file = cited_source.file
            return _place(base / file, cited.quote) if file is not None and cited.quote else None
    return None


def referred_place(state: MapState, line: int, column: int) -> Place | None:
    """For a reference to a claim of another map under the cursor
    (`other.yaml#x`): where that map defines x; None elsewhere, or when the
    map cannot be read or does not define it."""
    found = occurrence_at(state, line, column)
    reference = parse_reference(found.id) if found is not None else None
    if reference is None:
        return None
    path = Path(state.file).parent / reference.file
    try:
        text = read_text(path, "map")
        claim = load_text(text, str(path)).map.with_positions().claim_index().get(reference.claim)
    except ArgmapError:
        return None
    if claim is None or claim.id_span is None:
        return None
    start_line, start_column = claim.id_span.line - 1, claim.id_span.column - 1
    where = TextRange(start_line, start_column, start_line, start_column + len(claim.id))
    return Place(path, where, tuple(text.split("\n")))


def _place(path: Path, quote: str | None) -> Place | None:
    try:
        text = read_text(path, "source")
    except InputError:
        return None
    lines = tuple(text.split("\n"))
    if quote is None:
        return Place(path, TextRange(0, 0, 0, 0), lines)
    found = SearchableText(text).find(quote)
    if found is None:
        return None
    return Place(path, TextRange(*_line_column(text, found[0]), *_line_column(text, found[1])), lines)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset), offset - (text.rfind("\n", 0, offset) + 1)


class Edit(NamedTuple):
    range: TextRange
    new_text: str


def rename_target(state: MapState, line: int, column: int) -> Occurrence:
    """The id a rename at this position would change; UsageError when there is none."""
    found = occurrence_at(state, line, column)
    if found is None:
        raise UsageError("no claim, side or source id here to rename")
    if not found.exact:
        raise UsageError(f"'{found.id}' is written with escapes here; rename it by hand")
    return found


def rename(state: MapState, line: int, column: int, new_id: str) -> tuple[Occurrence, list[Edit]]:
    """The id at this position and the edits that rename it everywhere in
    the map; UsageError when `new_id` is no id or already names another of
    its kind, or a place cannot be renamed safely."""
    target = rename_target(state, line, column)
    if not ID_PATTERN.match(new_id):
        raise UsageError(f"'{new_id}' is not an id (letters, digits, '_', '-', '.'; no spaces or ':')")
    assert state.index is not None  # an occurrence was found in it
    if new_id != target.id and state.index.of(target.kind, new_id):
        raise UsageError(f"{target.kind.value} '{new_id}' already exists in this map")
    return target, rename_edits(state.index, target.kind, target.id, new_id)


def rename_edits(index: MapIndex, kind: IdKind, old_id: str, new_id: str) -> list[Edit]:
    """Edits that rename every place `old_id` of `kind` is written; UsageError
    when one of them is written with escapes."""
    places = index.of(kind, old_id)
    if any(not o.exact for o in places):
        raise UsageError(f"'{old_id}' is written with escapes somewhere; rename it by hand")
    return [Edit(o.range, new_id) for o in places]


def refers_without_defining(index: MapIndex, kind: IdKind, id_: str) -> bool:
    """Whether a map uses an id of this kind that it does not define itself:
    another open map's rename reaches it then, and only then (a map that
    defines its own side 'stalin' keeps it)."""
    places = index.of(kind, id_)
    return bool(places) and not any(o.definition for o in places)


# -- hover -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HoverInfo:
    """What hovering an id shows: a heading and (label, user text) rows."""

    kind: IdKind
    id: str
    range: TextRange
    rows: tuple[tuple[str, str], ...]


def hover(state: MapState, line: int, column: int, semantics: tuple[str, ...] = ()) -> HoverInfo | None:
    """The id under the cursor, described: a claim's text, side, sources
    and status (under the map's `expect:` semantics and those asked for);
    a side's or source's fields and how many claims use it."""
    found = occurrence_at(state, line, column)
    amap = state.map
    if found is None or amap is None:
        return None
    describe = {IdKind.CLAIM: _claim_rows, IdKind.SIDE: _side_rows, IdKind.SOURCE: _source_rows}[found.kind]
    rows = describe(amap, found.id, semantics)
    return HoverInfo(found.kind, found.id, found.range, tuple(rows))


def _claim_rows(amap: ArgumentMap, claim_id: str, semantics: tuple[str, ...]) -> list[tuple[str, str]]:
    claim = amap.claim_index().get(claim_id)
    if claim is None:
        return [("not defined", "no claim has this id")]
    rows = [("text", claim.text)]
    if claim.by is not None:
        side = amap.sides.get(claim.by)
        rows.append(("side", f"{claim.by} ({side.name})" if side and side.name else claim.by))
    for cited in claim.all_sources():
        where = ", ".join(p for p in (cited.ref, cited.loc) if p)
        rows.append(("source", f"{where}: “{cited.quote}”" if cited.quote else where))
    wanted = tuple(dict.fromkeys((*(e.semantics for e in amap.expect), *semantics)))
    rows.extend((f"status ({name})", status) for name, status in claim_status(amap, claim_id, wanted))
    return rows


def claim_status(amap: ArgumentMap, claim_id: str, semantics: tuple[str, ...]) -> list[tuple[str, str]]:
    """The claim's status under each semantics: in, out, undec, or a DF-QuAD strength."""
    if not semantics:
        return []
    from argmap.analysis.evaluate.marks import status_marks  # only hovers that show a status need it
    from argmap.model import Semantics

    found: list[tuple[str, str]] = []
    for name in semantics:
        try:
            marks = status_marks(amap, Semantics(name))
        except (ValueError, ArgmapError) as exc:  # a map with dangling ids has no framework
            found.append((name, f"not evaluated: {exc}"))
            continue
        found.append((name, "no extension" if marks is None else marks.get(claim_id, "?")))
    return found


def _side_rows(amap: ArgumentMap, side_id: str, _: tuple[str, ...]) -> list[tuple[str, str]]:
    side = amap.sides.get(side_id)
    if side is None:
        return [("not defined", "no side has this id under 'sides:'")]
    rows = [(label, value) for label, value in (("name", side.name), ("colour", side.colour)) if value]
    return [*rows, ("claims", str(sum(c.by == side_id for c in amap.claims)))]


def _source_rows(amap: ArgumentMap, source_id: str, _: tuple[str, ...]) -> list[tuple[str, str]]:
    source = amap.sources.get(source_id)
    if source is None:
        return [("not defined", "no source has this id under 'sources:'")]
    fields = (("title", source.title), ("author", source.author), ("file", source.file), ("url", source.url))
    rows = [(label, value) for label, value in fields if value]
    citing = sum(any(s.ref == source_id for s in c.all_sources()) for c in amap.claims)
    return [*rows, ("cited by", f"{citing} claim(s)")]
