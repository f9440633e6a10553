"""`-` on the command line: a map read from standard input (the loader
reads it: argmap.io.files.read_stdin), and an output written to standard
output. What needs a file (watching, git, a folder, drill's prompt)
refuses `-` here, in one line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap.errors import UsageError
from argmap.io.files import STDIN, is_stdin

__all__ = ["FromFormat", "is_stdout", "refuse_stdin", "refuse_stdout"]

# The --from option of every command that reads a map.
FromFormat = Annotated[
    str | None,
    typer.Option(
        "--from",
        help="The map's format, whatever its suffix (argmap formats); a map on standard input (-) is yaml unless named.",
    ),
]


def is_stdout(out: Path | str | None) -> bool:
    """Whether an output names standard output (`-o -`)."""
    return out is not None and str(out) == STDIN


def refuse_stdin(path: Path | str, why: str, needs: str = "a map file") -> None:
    """UsageError when the input is `-`: `why` says what `needs` a file."""
    if is_stdin(path):
        raise UsageError(f"{why}: name {needs}, not - (standard input)")


def refuse_stdout(out: Path | str | None, option: str, why: str) -> None:
    """UsageError when `option` is `-`: `why` says what it writes instead."""
    if is_stdout(out):
        raise UsageError(f"{option} -: {why}; standard output cannot hold it")
