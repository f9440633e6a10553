"""Reading a text file the user named: size limit, UTF-8, one-line errors.

Apart from the loader so that commands that read no YAML (`evaluate` on an
ICCMA file) do not import it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from argmap.errors import InputError
from argmap.model import ArgumentMap, SourceSpan

MAX_FILE_BYTES = 64 * 1024 * 1024


def read_text(path: Path, what: str = "file") -> str:
    """Read a UTF-8 file with one-line errors for every way that can fail."""
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a {what}")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"{path}: {what} is {size // (1024 * 1024)} MiB; the limit is "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
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
            texts[source.id] = read_text(base / source.file, "source")
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
