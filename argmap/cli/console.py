"""Output helpers of the command line: a line on stderr, diagnostics one a
line, a Rich console for stdout, and opening a map with its warnings shown."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def stdout_console(piped_width: int = 100) -> Any:
    """A Rich console on stdout that prints user text as written (markup off)."""
    from rich.console import Console

    # Plain text when piped (Rich writes no escape codes to a pipe) or when
    # NO_COLOR is set (Rich alone would still write bold and dim then).
    width = None if sys.stdout.isatty() else piped_width
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(
        file=unfiltered(sys.stdout),
        markup=False,
        highlight=False,
        width=width,
        soft_wrap=False,
        color_system=None if plain else "auto",
        no_color=plain,
    )


def open_map(path: Path, fmt: str | None = None) -> Checked:
    """A map with no errors, its warnings shown on stderr."""
    from argmap.checks.gate import open_map as open_checked

    checked = open_checked(path, fmt=fmt)
    print_diagnostics(checked.warnings, err=True)
    return checked
