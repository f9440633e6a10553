"""Output helpers of the command line: a line on stderr, diagnostics one a
line, a Rich console for stdout, and opening a map with its warnings shown."""

from __future__ import annotations

import atexit
import builtins
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import typer

from argmap.cli.terminal import unfiltered
from argmap.errors import Diagnostic

if TYPE_CHECKING:
    from argmap.checks.gate import Checked


def err(message: str) -> None:
    typer.echo(message, err=True)


def print_diagnostics(diagnostics: Iterable[Diagnostic], err: bool = False) -> None:
    for diagnostic in diagnostics:
        typer.echo(str(diagnostic), err=err)


def piped_columns(default: int) -> int:
    """The width to write to a pipe: COLUMNS when set to a number, else `default`."""
    columns = os.environ.get("COLUMNS", "").strip()
    return int(columns) if columns.isdecimal() and 20 <= int(columns) <= 10_000 else default


class _NoTrailingSpaces:
    """A text stream writing through to `stream` with the spaces at each
    line's end dropped: Rich pads table cells and keeps the space a wrapped
    line broke at, which a pipe (and a README that copies it) should not get."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self._line = ""  # the end of the text written so far, after its last line break

    def write(self, text: str) -> int:
        *lines, self._line = (self._line + text).split("\n")
        if lines:
            self.stream.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self._line:
            self.stream.write(self._line)
            self._line = ""
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def stdout_console(piped_width: int = 100) -> Any:
    """A Rich console on stdout that prints user text as written (markup off).
    To a pipe: `piped_width` columns (COLUMNS when set), no trailing spaces."""
    from rich.console import Console

    # Plain text when piped (Rich writes no escape codes to a pipe) or when
    # NO_COLOR is set (Rich alone would still write bold and dim then).
    terminal = sys.stdout.isatty()
    width = None if terminal else piped_columns(piped_width)
    plain = bool(os.environ.get("NO_COLOR"))
    stream = unfiltered(sys.stdout)
    # Rich needs only write and flush of its file.
    out: Any = stream if terminal else _NoTrailingSpaces(stream)
    return Console(
        file=out,
        markup=False,
        highlight=False,
        width=width,
        soft_wrap=False,
        color_system=None if plain else "auto",
        no_color=plain,
    )


class PlainStdout(NamedTuple):
    width: int
    ascii_only: bool  # the stream's encoding cannot carry box drawing


def plain_stdout(piped_width: int = 100) -> PlainStdout | None:
    """How `stdout_console` would print to stdout when it would print no
    colours or styles (a pipe or a file, no FORCE_COLOR or TTY_COMPATIBLE,
    not in Jupyter): then text can be written without rich. None when rich
    might colour it, or size it to a terminal."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE"):
        return None
    if "get_ipython" in vars(builtins) or sys.stdout.isatty():
        return None
    encoding = (getattr(unfiltered(sys.stdout), "encoding", None) or "utf-8").lower()
    return PlainStdout(piped_columns(piped_width), not encoding.startswith("utf"))


def open_map(path: Path, fmt: str | None = None) -> Checked:
    """A map with no errors, its warnings shown on stderr."""
    from argmap.checks.gate import open_map as open_checked

    checked = open_checked(path, fmt=fmt)
    print_diagnostics(checked.warnings, err=True)
    keep_until_exit(checked)
    return checked


# What the command loaded, kept for the process to end with (the last only:
# `render --watch` loads its map again on every save).
_kept: list[object] = []


def keep_until_exit(loaded: object) -> None:
    """Keep `loaded` from being freed when the command returns: `end_now`
    then leaves it to the operating system, which takes a process's memory
    back at once, where Python frees a big map object by object (50,000
    claims: about 0.06 s)."""
    _kept[:] = [loaded]


def end_now(code: object) -> None:
    """Exit with `code` at once, skipping the interpreter's teardown, when
    nothing is left to do at exit: no exit handlers, no other thread, an
    exit code (not a message). Both streams are flushed first; if that
    fails, Python's own exit is left to deal with it."""
    if not (code is None or isinstance(code, int)):
        return
    threading = sys.modules.get("threading")
    if atexit._ncallbacks() or (threading is not None and threading.active_count() > 1):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code or 0)
