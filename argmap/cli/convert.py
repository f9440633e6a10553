"""`argmap convert` and `argmap formats`: maps from one format to another,
and the formats there are."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.console import err, open_map
from argmap.errors import ExitCode, UsageError


def convert(
    source: Annotated[
        Path,
        typer.Argument(help="The map to read, in any format argmap reads; - for stdin (yaml unless --from)."),
    ],
    target: Annotated[
        Path,
        typer.Argument(help="The file to write, in the format its suffix names; - for stdout (with --to)."),
    ],
    from_format: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="SOURCE's format, whatever its suffix (see argmap formats); - is yaml unless named.",
        ),
    ] = None,
    to_format: Annotated[
        str | None, typer.Option("--to", help="The format to write, whatever TARGET's suffix.")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Write nothing and exit 1 if the target format loses anything.")
    ] = False,
) -> ExitCode:
    """Convert a map from one format to another.

    `argmap formats` lists them. Between argmap's YAML and JSON forms every
    claim, relation and field is kept (YAML comments are not: docs/formats.md);
    other formats may hold less.

    What the target format cannot hold is named on stderr, one warning a kind
    with a count. Source file paths are rewritten for the target's folder.
    Exit 0; 1 when the map has errors, or with --strict on a loss; 2 on usage
    errors or unreadable input.
    """
    from argmap.formats import relocate
    from argmap.formats.registry import reading_candidates, writing_format
    from argmap.io.output import write_atomic

    to_stdout = str(target) == "-"
    if to_stdout and to_format is None:
        raise UsageError("writing to stdout (-) needs --to FORMAT")
    fmt = writing_format(target, to_format)
    reading_candidates(source, from_format, hint="; or name it with --from")  # before reading anything
    amap = open_map(source, from_format).map
    written = fmt.write(relocate(amap, target))
    for loss in written.losses:
        err(f"argmap: warning: {loss.times} {loss.kind} not carried: {loss.message}")
    if strict and written.losses:
        err(f"argmap: --strict: {fmt.name} cannot hold all of {amap.file}; nothing written")
        return ExitCode.PROBLEMS
    if to_stdout:
        sys.stdout.write(written.text)
        return ExitCode.OK
    write_atomic(target, written.text, inputs=[source])
    err(f"wrote {target}")
    return ExitCode.OK


def list_formats() -> None:
    """List the formats argmap reads and writes.

    Name, suffixes, read/write, what it is.

    Every command reads a map in any format that reads; convert writes any that writes.
    """
    from argmap.formats.registry import FORMATS

    name_width = max(len(fmt.name) for fmt in FORMATS)
    suffix_width = max(len(" ".join(fmt.suffixes)) for fmt in FORMATS)
    for fmt in FORMATS:
        can = ", ".join(word for word, able in (("read", fmt.reads), ("write", fmt.writes)) if able)
        suffixes = " ".join(fmt.suffixes)
        typer.echo(f"{fmt.name:{name_width}} {suffixes:{suffix_width}} {can:11} {fmt.description}")
