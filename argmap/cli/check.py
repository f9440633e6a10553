"""Commands that check maps and list them: validate, list, coverage,
checks, schema."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli.choices import OutputFormat
from argmap.cli.console import err, print_diagnostics, stdout_console
from argmap.cli.streams import FromFormat, refuse_stdin
from argmap.errors import ExitCode, UsageError
from argmap.io.json_text import dump_json
from argmap.text import escape_controls

if TYPE_CHECKING:
    from argmap.model import ArgumentMap


def _find_maps(paths: list[Path]) -> list[Path]:
    from argmap.checks.gate import find_maps
    from argmap.formats.registry import folder_suffixes

    files = find_maps(paths)
    if not files:
        searched = ", ".join(folder_suffixes())
        raise UsageError(f"no map files ({searched}) found in " + ", ".join(map(str, paths)))
    return files


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Map files in any format argmap reads, or folders (searched for .yaml, .yml, .json); "
            "- for stdin; with --corpus, default: the corpus folder."
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text: one problem a line; json: for tools.")
    ] = OutputFormat.TEXT,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary line when there is nothing to report.")
    ] = False,
    from_format: FromFormat = None,
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus",
            help="Check the maps as one corpus: references to other maps (FILE#ID) must stay in this folder.",
            file_okay=False,
        ),
    ] = None,
) -> ExitCode:
    """Check maps for mistakes.

    One problem a line, as file:line:col: severity: message (check-id).

    Exit 0 when clean, 1 when problems were found, 2 when a file cannot be read.
    In folders, YAML and JSON files that are no maps (settings, themes, schemas) are skipped.
    """
    from argmap.checks.gate import check_files
    from argmap.render.reports import validation_json

    if corpus is not None and not corpus.is_dir():
        raise UsageError(f"--corpus {corpus}: no such folder")
    if not paths:
        if corpus is None:
            raise UsageError("name map files or folders to check, or a corpus folder with --corpus")
        paths = [corpus]
    files = _find_maps(paths)
    named = {str(p) for p in paths}
    scanned = [f for f in files if str(f) not in named]
    validation = check_files(files, strict=strict, scanned=scanned, fmt=from_format, corpus=corpus)
    if output_format is OutputFormat.JSON:
        typer.echo(validation_json(validation))
    else:
        print_diagnostics(validation.diagnostics)
        for message in validation.unreadable:
            err(f"argmap: {message}")
        if validation.diagnostics or validation.unreadable or not quiet:
            err(validation.summary())
    if validation.unreadable:
        return ExitCode.USAGE
    return ExitCode.PROBLEMS if validation.failed else ExitCode.OK


def list_maps(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Map files, or folders searched for .yaml, .yml, .json (default: the current folder); "
            "- for stdin."
        ),
    ] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.TEXT,
    from_format: FromFormat = None,
) -> None:
    """A table of the maps found.

    File, title, claims, supports, attacks, sides, and whether each validates.
    """
    from argmap.checks.gate import find_maps
    from argmap.checks.summary import summarize

    named = {str(p) for p in paths or ()}
    rows = [
        summarize(path, from_format if str(path) in named else None) for path in find_maps(paths or [Path()])
    ]
    if output_format is OutputFormat.JSON:
        typer.echo(dump_json([row.as_dict() for row in rows], indent=2))
        return
    from rich.table import Table

    table = Table(box=None, header_style="bold")
    for column in ("file", "title", "claims", "supports", "attacks", "undercuts", "sides", "valid"):
        justify = "right" if column in {"claims", "supports", "attacks", "undercuts"} else "left"
        # File names are never cut; long titles wrap.
        table.add_column(column, justify=justify, no_wrap=column in {"file", "valid"})  # type: ignore[arg-type]
    for row in rows:
        table.add_row(
            escape_controls(row.file),
            escape_controls(row.title or ""),
            *(str(n) for n in (row.claims, row.supports, row.attacks, row.undercuts)),
            escape_controls(", ".join(row.sides)),
            row.status,
        )
    stdout_console(piped_width=160).print(table)


def coverage(
    source: Annotated[Path, typer.Argument(help="The source text the maps quote.")],
    paths: Annotated[
        list[Path], typer.Argument(help="Map files or folders (searched recursively); - for stdin.")
    ],
    minimum: Annotated[
        float | None,
        typer.Option("--min", min=0, max=100, help="Exit 1 when less than this percentage is quoted."),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="List every sentence with the claims that quote it.")
    ] = False,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text, or json for tools.")
    ] = OutputFormat.TEXT,
    from_format: FromFormat = None,
) -> ExitCode:
    """Which sentences of a source text the maps quote.

    The percentage, and the sentences no claim quotes, in order, as
    file:line:col.

    A sentence counts when some claim's quote covers it in whole or in part.
    A map that cannot be read is named on stderr and left out.
    Exit 0, 1 when --min is given and not reached, 2 when a map could not be read.
    """
    from argmap.analysis.coverage import measure
    from argmap.io.files import read_text
    from argmap.render.reports import coverage_json, coverage_lines

    refuse_stdin(source, "coverage reads maps from standard input", "the source text's file")
    _refuse_a_map_as_source(source)
    text = read_text(source, "source text")
    named = {str(p) for p in paths}
    maps, unreadable = _readable_maps(_find_maps(paths), named, from_format)
    report = measure(str(source), text, maps)
    if output_format is OutputFormat.JSON:
        typer.echo(coverage_json(report))
    else:
        for line in coverage_lines(report, show_all):
            typer.echo(line)
    if unreadable:
        err(f"argmap: {unreadable} map file(s) could not be read; the coverage leaves them out")
        return ExitCode.USAGE
    return ExitCode.PROBLEMS if minimum is not None and report.percent < minimum else ExitCode.OK


def _refuse_a_map_as_source(source: Path) -> None:
    """`coverage maps/ text.txt`, the arguments swapped: say which is which."""
    from argmap.formats.registry import folder_suffixes

    if source.is_dir() or source.suffix.lower() in folder_suffixes():
        raise UsageError(
            f"{source} is a map or a folder of maps, not a source text: "
            "coverage takes the source text first, then the maps (argmap coverage TEXT MAPS...)"
        )


def _readable_maps(
    files: list[Path], named: set[str], from_format: str | None
) -> tuple[list[ArgumentMap], int]:
    """The maps that could be read (those named on the line in `from_format`,
    when given), and how many could not (each named on stderr)."""
    from argmap.errors import ArgmapError
    from argmap.formats.registry import load_path

    maps: list[ArgumentMap] = []
    unreadable = 0
    for file in files:
        try:
            maps.append(load_path(file, from_format if str(file) in named else None).map)
        except ArgmapError as exc:
            # A text where a map goes is read as a Kialo export (.txt) and fails: say why.
            hint = " (is it a source text? coverage takes the text first, then the maps)"
            err(f"argmap: {exc}" + (hint if file.suffix.lower() == ".txt" else ""))
            unreadable += 1
    return maps, unreadable


def schema() -> None:
    """Print the JSON Schema of the YAML map format.

    For editors' completion and checks.
    """
    from argmap.formats.native.schema import schema_text

    sys.stdout.write(schema_text())


def checks() -> None:
    """List every check validate runs, with its id and severity."""
    from argmap.checks import every_check

    for check_id, severity, summary in every_check():
        typer.echo(f"{check_id:20} {severity.value:8} {summary}")
