"""Reading a text file the user named: size limit, UTF-8, one-line errors.

Apart from the loader so that commands that read no YAML (`evaluate` on an
ICCMA file) do not import it.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TextIO

from argmap.errors import InputError
from argmap.model import ArgumentMap, SourceSpan

MAX_FILE_BYTES = 64 * 1024 * 1024

# The files read during one command (device, inode), so that no output of
# the same command replaces one of them (a theme, a source text, a results
# file named again as `-o`). Recorded only inside `recording_reads()`: the
# CLI opens one per command; a library caller may write where it read.
_READ_IN_RUN: ContextVar[set[tuple[int, int]] | None] = ContextVar("argmap_read_in_run", default=None)


# Whether standard input was read in this command: it can be read once, so
# `-` named twice (diff - -, coverage - -) is an error, not an empty map.
_STDIN_TAKEN: ContextVar[list[str] | None] = ContextVar("argmap_stdin_taken", default=None)


@contextmanager
def recording_reads() -> Iterator[None]:
    token = _READ_IN_RUN.set(set())
    stdin_token = _STDIN_TAKEN.set([])
    try:
        yield
    finally:
        _STDIN_TAKEN.reset(stdin_token)
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
    except ValueError:
        # The system's calls take no NUL in a name; a map's "\0" can put one
        # there (the message is escaped where it is printed).
        raise InputError(f"{path}: a file name cannot hold a NUL character") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{path}: {what} is larger than the limit of {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    reads = _READ_IN_RUN.get()
    if reads is not None:
        reads.add((opened.st_dev, opened.st_ino))
    return decode_utf8(data, str(path))


# `-` in place of a file: standard input. Diagnostics name it STDIN_NAME.
STDIN = "-"
STDIN_NAME = "<stdin>"


def names_a_file(path: Path) -> bool:
    """Whether `path` names an existing file. A name the system refuses to
    look up (too long, a NUL byte, a loop of links) names none: `Path.is_file`
    swallows only some of those errors and raises the rest."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def names_anything(path: Path) -> bool:
    """Whether anything exists at `path`, with the same rule as `names_a_file`."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def is_stdin(path: Path | str) -> bool:
    """Whether `path` is `-`, standard input (a file called `-`: ./- is
    the same Path, so give its full path)."""
    return str(path) == STDIN


def display_name(path: Path | str) -> str:
    """How messages name an input: its path, or <stdin> for `-`."""
    return STDIN_NAME if is_stdin(path) else str(path)


def read_stdin(what: str = "map") -> str:
    """Standard input, read once and whole, with read_text's limit and
    UTF-8 check; empty input, a terminal or a second read is an error."""
    stream = sys.stdin
    if stream is None:
        raise InputError(f"{STDIN_NAME}: standard input is closed; pipe a {what} in")
    if stream.isatty():
        raise InputError(f"{STDIN_NAME}: standard input is a terminal; pipe a {what} in (- < FILE)")
    taken = _STDIN_TAKEN.get()
    if taken:
        raise InputError(f"{STDIN_NAME}: standard input was read already (as the {taken[0]}); name - once")
    if taken is not None:
        taken.append(what)
    try:
        data = stream.buffer.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{STDIN_NAME}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"{STDIN_NAME}: {what} is larger than the limit of {MAX_FILE_BYTES // (1024 * 1024)} MiB"
        )
    if not data:
        raise InputError(f"{STDIN_NAME}: standard input is empty; expected a {what}")
    _record_stdin_file(stream)
    return decode_utf8(data, STDIN_NAME)


def _record_stdin_file(stream: TextIO) -> None:
    """Count a file redirected to stdin (`- < map.yaml`) as read, so no
    output of this command replaces it."""
    reads = _READ_IN_RUN.get()
    try:
        found = os.fstat(stream.fileno())
    except (OSError, ValueError):
        return  # no descriptor: a test's stand-in
    if reads is not None and stat.S_ISREG(found.st_mode):
        reads.add((found.st_dev, found.st_ino))


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
    """Source `file:` paths are relative to the map's own folder (for a
    map read from standard input, the current folder)."""
    return Path() if map_file == STDIN_NAME else Path(map_file).parent


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
        if is_stdin(path):
            found.append(path)  # read from standard input by the loader
        elif path.is_dir():
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
