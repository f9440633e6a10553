"""A map as it is (a file) or as it was (a file at a git revision): the
sides `argmap diff` compares.

`load_map_text` is the one place the text of a map, from a file or from
git, becomes a map: the reader is picked by the suffix of its name.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, replace
from pathlib import Path

from argmap.analysis.diff import diff_maps
from argmap.checks.gate import Checked, check_loaded, is_other_yaml, require_ok
from argmap.errors import ArgmapError, InputError
from argmap.formats.base import LoadResult
from argmap.formats.references import reference_uses, resolve_references
from argmap.formats.registry import STDIN_FORMAT, load_text
from argmap.io.files import (
    MAX_FILE_BYTES,
    STDIN,
    STDIN_NAME,
    decode_utf8,
    is_stdin,
    load_source_texts,
    names_anything,
    read_stdin,
    read_text,
)
from argmap.io.git import (
    Commit,
    RevisionPath,
    beside,
    file_history,
    in_repository_form,
    parse_revision_path,
    read_blob,
    read_blobs,
    repo_path,
    toplevel,
)
from argmap.model import ArgumentMap


def load_map_text(text: str, name: str, fmt: str | None = None) -> LoadResult:
    """A map from its text, in any format argmap reads; `name` (a path, or
    `REV:path`) says the format by its suffix (unless `fmt` names it) and
    names the map in diagnostics."""
    return load_text(text, name, fmt)


@dataclass(frozen=True, slots=True)
class MapVersion:
    """One side of a diff. `name` is how the user named it (diagnostics and
    headings use it); `revision` is set for a file in git history."""

    name: str
    file: Path | None = None
    revision: RevisionPath | None = None
    cwd: Path = Path()
    fmt: str | None = None  # the format, when not told by the name's suffix

    @property
    def stdin(self) -> bool:
        return self.file is not None and is_stdin(self.file)


def parse_version(text: str, cwd: Path = Path()) -> MapVersion:
    """A file when one exists by that name, else `REV:path` when the text
    has a colon, else a file (which then is reported missing); `-` is
    standard input."""
    if is_stdin(text):
        return MapVersion(STDIN_NAME, file=Path(STDIN), cwd=cwd, fmt=STDIN_FORMAT)
    if not names_anything(cwd / text):
        spec = parse_revision_path(text)
        if spec is not None:
            return MapVersion(text, revision=spec, cwd=cwd)
    return MapVersion(text, file=Path(text), cwd=cwd)


def at_revision(file: Path, rev: str, cwd: Path = Path()) -> MapVersion:
    """The working-tree file `file` as it was at `rev`."""
    _, relative = repo_path(file, cwd)
    spec = RevisionPath(rev, relative)
    return MapVersion(str(spec), revision=spec, cwd=cwd)


@dataclass(frozen=True, slots=True)
class VersionText:
    """A side's text, read; `spec` is where it is in git history, if there."""

    version: MapVersion
    text: str
    spec: RevisionPath | None = None


def read_version(version: MapVersion) -> VersionText:
    """The text of one side, from its file or from git."""
    if version.stdin:
        return VersionText(version, read_stdin("map"))
    if version.revision is None:
        path = version.cwd / version.file if version.file is not None else Path(version.name)
        return VersionText(version, read_text(path, "map"))
    spec = in_repository_form(version.revision, version.cwd)
    data = read_blob(spec, version.cwd)
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{version.name}: map is {len(data) // (1024 * 1024)} MiB; the limit is 64 MiB")
    return VersionText(version, decode_utf8(data, version.name), spec)


def check_version(read: VersionText, *, read_sources: bool = True) -> Checked:
    """Load and check one side. Sources are read beside the map, from the
    same revision for a map in git history."""
    version = read.version
    result = load_map_text(read.text, version.name, version.fmt)
    result = resolve_references(result, _folder(read) if next(reference_uses(result.map), None) else Path())
    texts: dict[str, str | Exception] = {}
    if read_sources and read.spec is not None:
        texts = _revision_sources(result.map, read.spec, version)
    elif read_sources:
        path = version.cwd / version.file if version.file is not None else Path(version.name)
        texts = load_source_texts(_placed(result.map, path))
    return check_loaded(result, source_texts=texts)


def _folder(read: VersionText) -> Path:
    """Where the map's references are resolved from: its file's folder. A
    map at a git revision refers to the other maps as the work tree has
    them (both sides of a diff then see the same referred texts)."""
    version = read.version
    if read.spec is None:
        path = version.cwd / version.file if version.file is not None else Path(version.name)
        return path.parent
    return toplevel(version.cwd) / posixpath.dirname(read.spec.path)


def load_version(version: MapVersion, *, read_sources: bool = True) -> Checked:
    return check_version(read_version(version), read_sources=read_sources)


def open_versions(first: MapVersion, second: MapVersion) -> tuple[Checked, Checked]:
    """Both sides of a diff, read and checked, each with no errors
    (MapInvalidError otherwise, the first side's first); warnings are in
    them. One after the other: loading them in two processes at once was
    measured no faster on a shared machine (issue 12), and with the fast
    YAML path slower still (issue 15: pickling the maps back costs more than
    the second read; benchmarks/yaml_paths.py)."""
    first_read = read_version(first)
    try:
        second_read = read_version(second)
    except ArgmapError:
        require_ok(check_version(first_read), first.name)  # the first side's errors first
        raise
    return (
        require_ok(check_version(first_read), first.name),
        require_ok(check_version(second_read), second.name),
    )


def _placed(amap: ArgumentMap, path: Path) -> ArgumentMap:
    """The map with `file` set to where it is, for finding its sources."""
    return amap if amap.file == str(path) else replace(amap, file=str(path))


def _revision_sources(
    amap: ArgumentMap, spec: RevisionPath, version: MapVersion
) -> dict[str, str | Exception]:
    texts: dict[str, str | Exception] = {}
    for source in amap.sources.values():
        if source.file is None:
            continue
        try:
            if Path(source.file).is_absolute():
                texts[source.id] = read_text(Path(source.file), "source", regular_only=True)
                continue
            where = beside(spec, source.file)
            texts[source.id] = decode_utf8(read_blob(where, version.cwd), str(where))
        except InputError as exc:
            texts[source.id] = exc
    return texts


# -- history ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LogEntry:
    commit: Commit
    summary: str  # the change summary, or why there is none


def map_history(file: Path, cwd: Path = Path()) -> list[LogEntry]:
    """Each commit that changed `file` (following renames), newest first,
    with a one-line summary of its argument changes. A version that cannot
    be read is said so in its line, not an error: history may hold broken
    commits."""
    root, relative = repo_path(file, cwd)
    commits = file_history(relative, root)
    if not commits:
        raise InputError(f"{file}: no commits touch it (is it committed?)")
    specs = [spec for c in commits for spec in (c.before, c.after) if spec is not None]
    blobs = dict(zip(map(str, specs), read_blobs(specs, root), strict=True))

    def version(spec: RevisionPath | None) -> ArgumentMap:
        if spec is None:
            return ArgumentMap(file=str(file))
        data = blobs[str(spec)]
        if data is None:
            raise InputError(f"{spec}: missing")
        return load_map_text(decode_utf8(data, str(spec)), str(spec)).map

    entries = []
    for commit in commits:
        if commit.merge and commit.before is None and commit.after is None:
            entries.append(LogEntry(commit, "merge"))
            continue
        try:
            summary = diff_maps(version(commit.before), version(commit.after)).summary()
        except InputError as exc:
            summary = f"cannot read: {exc}"
        if commit.before is None:
            summary = f"created: {summary}"
        elif commit.after is None:
            summary = "deleted"
        entries.append(LogEntry(commit, summary))
    return entries


# -- what git hands over -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DriverSides:
    """The two versions `git diff` passes its external diff: their texts,
    and the maps, or None with the reason one could not be read."""

    texts: tuple[str, str]
    maps: tuple[ArgumentMap, ArgumentMap] | None
    problem: str | None = None


def driver_versions(old_file: Path, new_file: Path, old_name: str, new_name: str) -> DriverSides:
    """Read both files as maps, named after the paths in the repository (a
    file added or deleted is /dev/null: an empty map). Errors in the maps
    do not stop a diff; a file that is no map at all makes `maps` None."""
    texts = (_driver_text(old_file), _driver_text(new_file))
    try:
        maps = (_driver_map(texts[0], old_name), _driver_map(texts[1], new_name))
    except InputError as exc:
        return DriverSides(texts, None, str(exc))
    old_map, new_map = maps
    if old_map is None or new_map is None:
        return DriverSides(texts, None, "not an argument map")
    return DriverSides(texts, (old_map, new_map))


def _driver_text(file: Path) -> str:
    return "" if str(file) == os.devnull else read_text(file, "map")


def _driver_map(text: str, name: str) -> ArgumentMap | None:
    """The map, or None for another kind of YAML or JSON file."""
    if not text:
        return ArgumentMap(file=name)
    result = load_map_text(text, name)
    return None if is_other_yaml(result) else result.map


def textconv_map(file: Path) -> tuple[ArgumentMap | None, str]:
    """A file for `git-textconv`: its map, or None when it is no map
    argmap can read (then its text is shown as it is)."""
    text = read_text(file, "map")
    try:
        result = load_map_text(text, str(file))
    except InputError:
        return None, text
    return (None if is_other_yaml(result) else result.map), text
