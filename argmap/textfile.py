"""Reading a text file the user named: size limit, UTF-8, one-line errors.

Apart from the loader so that commands that read no YAML (`evaluate` on an
ICCMA file) do not import it.
"""

from __future__ import annotations

from pathlib import Path

from argmap.errors import InputError
from argmap.model import SourceSpan

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
