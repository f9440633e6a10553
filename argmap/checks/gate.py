"""Load and check maps: the library behind `validate`, and the gate every
other command passes a map through."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from argmap.checks import CheckContext, run_checks
from argmap.errors import Diagnostic, InputError, MapInvalidError, Severity
from argmap.formats.base import LoadResult
from argmap.formats.references import ReferenceCache, load_map, map_key, reference_uses
from argmap.formats.registry import folder_suffixes
from argmap.io.files import RESULTS_SUFFIX, display_name, find_files, load_source_texts
from argmap.model import ArgumentMap


@dataclass(frozen=True, slots=True)
class Checked:
    """A loaded map and every problem found in it, in file order."""

    map: ArgumentMap
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def ok(self, strict: bool = False) -> bool:
        return not self.errors and not (strict and self.warnings)


def check_loaded(
    result: LoadResult,
    *,
    read_sources: bool = True,
    source_texts: Mapping[str, str | Exception] | None = None,
    used_elsewhere: frozenset[str] = frozenset(),
) -> Checked:
    """Check a loaded map; its sources' texts are read from disk beside the
    map (unless `read_sources` is false) or are the `source_texts` given.
    `used_elsewhere`: its claims that other maps of a corpus refer to."""
    if source_texts is not None:
        texts = source_texts
    else:
        texts = load_source_texts(result.map) if read_sources else {}
    diagnostics = [
        *result.diagnostics,
        *run_checks(result.map, CheckContext(texts, used_elsewhere, result.unread_ends)),
    ]
    if diagnostics and result.reread is not None:
        # Read without positions (the fast YAML path): read again with them,
        # so that every problem points at its line and column.
        result = result.reread()
        diagnostics = [
            *result.diagnostics,
            *run_checks(result.map, CheckContext(texts, used_elsewhere, result.unread_ends)),
        ]
    diagnostics.sort(key=Diagnostic.sort_key)
    return Checked(result.map, diagnostics)


def check_file(path: Path | str, fmt: str | None = None) -> Checked:
    """Load and check one map file, in any format argmap reads (`fmt` names
    it, else the suffix tells), its references to other maps resolved;
    raises InputError if it cannot be read."""
    return check_loaded(load_map(path, fmt))


def open_map(path: Path | str, *, strict: bool = False, fmt: str | None = None) -> Checked:
    """A map that a command can work with: raises MapInvalidError on errors
    (or on warnings, when strict); warnings come back for the caller to show."""
    return require_ok(check_file(path, fmt), display_name(path), strict=strict)


def require_ok(checked: Checked, name: str, *, strict: bool = False) -> Checked:
    """`checked` itself, or MapInvalidError when it has errors (or warnings, when strict)."""
    if not checked.ok(strict):
        errors, warnings = len(checked.errors), len(checked.warnings)
        found = f"{errors} error(s)" + (f" and {warnings} warning(s)" if warnings else "")
        fix = "fix them first" if strict else ("fix the errors first" if warnings else "fix them first")
        raise MapInvalidError(f"{name}: {found}; {fix}", checked.diagnostics)
    return checked


# Files kept beside maps that are not maps: `argmap drill`'s results.
NOT_MAPS = (RESULTS_SUFFIX,)


def find_maps(paths: Iterable[Path | str]) -> list[Path]:
    """Map files named directly (in any format), or found in folders: the
    files in argmap's own forms (.yaml, .yml, .json), recursively, sorted,
    hidden folders and NOT_MAPS files (drill results) skipped. A named path
    that does not exist is an error."""
    return find_files(paths, folder_suffixes(), skip=NOT_MAPS)


@dataclass(frozen=True, slots=True)
class FileCheck:
    file: str
    valid: bool  # no errors (and, with --strict, no warnings)
    error: str | None = None  # why it could not be read at all
    skipped: bool = False  # found in a folder, and some other YAML or JSON file (not a map)


@dataclass(frozen=True, slots=True)
class Validation:
    files: tuple[FileCheck, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def unreadable(self) -> list[str]:
        return [f.error for f in self.files if f.error is not None]

    @property
    def skipped(self) -> list[str]:
        return [f.file for f in self.files if f.skipped]

    @property
    def failed(self) -> bool:
        """Whether a file that could be read is not valid."""
        return any(not f.valid for f in self.files if f.error is None)

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors

    def summary(self) -> str:
        checked = len(self.files) - len(self.skipped)
        skipped = f", {len(self.skipped)} other YAML or JSON file(s) skipped" if self.skipped else ""
        if not (self.diagnostics or self.unreadable):
            return f"{checked} file(s) checked: no problems{skipped}"
        return (
            f"{self.errors} error(s), {self.warnings} warning(s), {len(self.unreadable)} unreadable, "
            f"in {checked} file(s){skipped}"
        )


def check_files(
    files: Iterable[Path | str],
    *,
    strict: bool = False,
    scanned: Collection[Path | str] = (),
    fmt: str | None = None,
    corpus: Path | None = None,
) -> Validation:
    """Every file loaded and checked; one that cannot be read is reported in
    the result, not raised, so one bad file does not hide the others. A file
    in `scanned` (found in a folder, not named) that is some other YAML or
    JSON file (a CI configuration, a theme, a JSON Schema) is skipped.
    `fmt` is the format of the files named (and of `-`), not of those found.
    Maps the files refer to are read once for all; with `corpus`, no
    reference may leave that folder."""
    cache = ReferenceCache(root=corpus)
    results = []
    diagnostics: list[Diagnostic] = []
    scanned_names = {str(s) for s in scanned}
    loaded: Iterable[tuple[Path | str, LoadResult | InputError]] = (
        (file, _load_or_error(file, None if str(file) in scanned_names else fmt, cache)) for file in files
    )
    used: dict[Path, frozenset[str]] = {}
    if corpus is not None:  # all at once, to know which claims other maps use
        loaded = list(loaded)
        used = referred_claims((file, r) for file, r in loaded if isinstance(r, LoadResult))
    for file, result in loaded:
        name = display_name(file)
        if isinstance(result, InputError):
            results.append(FileCheck(name, False, str(result)))
            continue
        if str(file) in scanned_names and is_other_yaml(result):
            results.append(FileCheck(name, True, skipped=True))
            continue
        checked = check_loaded(result, used_elsewhere=used.get(map_key(file), frozenset()))
        diagnostics.extend(checked.diagnostics)
        results.append(FileCheck(name, checked.ok(strict)))
    return Validation(tuple(results), tuple(diagnostics))


def _load_or_error(file: Path | str, fmt: str | None, cache: ReferenceCache) -> LoadResult | InputError:
    try:
        return load_map(file, fmt, cache)
    except InputError as exc:
        return exc


def referred_claims(loaded: Iterable[tuple[Path | str, LoadResult]]) -> dict[Path, frozenset[str]]:
    """Map file -> the ids of its claims that the other maps refer to."""
    found: dict[Path, set[str]] = {}
    for file, result in loaded:
        for use in reference_uses(result.map):
            found.setdefault(map_key(Path(file).parent / use.reference.file), set()).add(use.reference.claim)
    return {key: frozenset(ids) for key, ids in found.items()}


def is_other_yaml(result: LoadResult) -> bool:
    """Whether a file read as a map is some other YAML or JSON file: no
    `claims:` list, and keys a map does not have. Folders of maps and git
    patterns such as `*.yaml` meet such files too."""
    found = {d.check_id for d in result.diagnostics}
    return "no-claims" in found and "unknown-key" in found
