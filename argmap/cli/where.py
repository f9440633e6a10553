"""`argmap where`: every map and line that uses a claim."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.console import err
from argmap.errors import ExitCode
from argmap.text import escape_controls


def where(
    claim: Annotated[
        str,
        typer.Argument(help="A claim: FILE#ID (the claim ID of the map FILE), or an ID (in any map)."),
    ],
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Map files, or folders searched for .yaml, .yml, .json (default: the current folder)."
        ),
    ] = None,
) -> ExitCode:
    """Where maps use a claim.

    Its definition, where its map names it, and where other maps refer to it
    (FILE#ID), one place a line as file:line:col, sorted.

    Exit 0 when the claim is used somewhere, 1 when nowhere (like grep), 2 when a file cannot be read.
    """
    from argmap.checks.where import where as find_uses

    uses = find_uses(claim, paths or [Path()])
    for place in uses.places:
        typer.echo(escape_controls(str(place)))
    for message in uses.unreadable:
        err(f"argmap: {message}")
    if uses.unreadable:
        return ExitCode.USAGE
    return ExitCode.OK if uses.places else ExitCode.PROBLEMS
