"""Reading a text file the user named: size limit, UTF-8, one-line errors.

Apart from the loader so that commands that read no YAML (`evaluate` on an
ICCMA file) do not import it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from argmap.errors import InputError
from argmap.model import ArgumentMap, SourceSpan

MAX_FILE_BYTES = 64 * 1024 * 1024

# The files read during one command (device, inode), so that no output of
# the same command replaces one of them (a theme, a source text, a results
# file named again as `-o`). Recorded only inside `recording_reads()`: the
# CLI opens one per command; a library caller may write where it read.
_READ_IN_RUN: ContextVar[set[tuple[int, int]] | None] = ContextVar("argmap_read_in_run", default=None)


@contextmanager
def recording_reads() -> Iterator[None]:
    token = _READ_IN_RUN.set(set())
    try:
        yield
    finally:
        _READ_IN_RUN.reset(token)


def read_in_this_run(path: Path) -> bool:
    """Whether `path` (followed through links) is a file read since
    `recording_reads()` began."""
    reads = _READ_IN_RUN.get()
    if not reads:
        return False
    try:
        found = path.stat()
    except OSError:
        return False
    return (found.st_dev, found.st_ino) in reads


def read_text(path: Path, what: str = "file", *, regular_only: bool = False) -> str:
    """Read a UTF-8 file with one-line errors for every way that can fail.
    At most MAX_FILE_BYTES are read, whatever the file is (a pipe or
    /dev/zero has no size to check first); `regular_only` refuses anything
    but a regular file before opening it (a FIFO would block on open), for
    paths a map names rather than the user."""
    try:
        found = path.stat()
        if stat.S_ISDIR(found.st_mode):
            raise InputError(f"{path}: is a directory, not a {what}")
        if regular_only and not stat.S_ISREG(found.st_mode):
            raise InputError(f"{path}: is not a regular file (a device, FIFO or socket), not a {what}")
        if found.st_size > MAX_FILE_BYTES:
            raise InputError(
                f"{path}: {what} is {found.st_size // (1024 * 1024)} MiB; the limit is "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
            opened = os.fstat(handle.fileno())
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{path}: {what} is larger than the limit of {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    reads = _READ_IN_RUN.get()
    if reads is not None:
        reads.add((opened.st_dev, opened.st_ino))
    return decode_utf8(data, str(path))


def decode_utf8(data: bytes, file: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x})", SourceSpan(file, line, column)
        ) from None
    return text.removeprefix("\ufeff")


def source_base_dir(map_file: str) -> Path:
    """Source `file:` paths are relative to the map's own folder."""
    return Path(map_file).parent


def load_source_texts(amap: ArgumentMap) -> dict[str, str | Exception]:
    """Read every source `file:` of a map: text, or the error that stopped it."""
    texts: dict[str, str | Exception] = {}
    base = source_base_dir(amap.file)
    for source in amap.sources.values():
        if source.file is None:
            continue
        try:
            texts[source.id] = read_text(base / source.file, "source", regular_only=True)
        except InputError as exc:
            texts[source.id] = exc
    return texts


# `argmap drill` keeps its results beside the map, as <map>.drill.json.
RESULTS_SUFFIX = ".drill.json"


def find_files(
    paths: Iterable[Path | str], suffixes: Iterable[str], *, skip: tuple[str, ...] = ()
) -> list[Path]:
    """Files named directly, or found in folders: those ending in one of
    `suffixes` (any case), recursively, sorted, hidden folders and names
    ending in one of `skip` left out. A named path that does not exist is
    an error."""
    wanted = tuple(s.lower() for s in suffixes)
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in wanted
                    and not p.name.lower().endswith(skip)
                    and p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.exists():
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return found
