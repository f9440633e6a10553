"""Commands over versions of a map: diff, and git's helpers git-setup,
git-diff-driver, git-textconv, log."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli.console import err, print_diagnostics, stdout_console
from argmap.cli.streams import FromFormat, refuse_stdin, refuse_stdout
from argmap.errors import ExitCode, UsageError
from argmap.io.files import is_stdin
from argmap.model import Semantics

if TYPE_CHECKING:
    from argmap.analysis.diff import MapDiff
    from argmap.checks.versions import MapVersion
    from argmap.model import ArgumentMap


class DiffFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


def _diff_sides(first: MapVersion, second: MapVersion) -> tuple[ArgumentMap, ArgumentMap]:
    """Both sides of a diff, valid, their warnings on stderr. (A map with
    errors exits 2 here, not 1: see the command's row in cli/__init__.py.)"""
    from argmap.checks.versions import open_versions

    checked = open_versions(first, second)
    for side in checked:
        print_diagnostics(side.warnings, err=True)
    return checked[0].map, checked[1].map


def diff(
    old: Annotated[
        str,
        typer.Argument(
            help="The old version: a map file, REV:path (a file at a git revision), or - for stdin."
        ),
    ],
    new: Annotated[
        str | None, typer.Argument(help="The new version: a map file, REV:path, or - for stdin.")
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option("--rev", help="Compare the one file given as it was at this git revision with it now."),
    ] = None,
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text, markdown (for a pull request), or json.")
    ] = DiffFormat.TEXT,
    stat: Annotated[bool, typer.Option("--stat", help="Only a one-line summary.")] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Draw both versions in one diagram (.dot, .svg, .png, .pdf)."),
    ] = None,
    evaluation: Annotated[
        Semantics | None,
        typer.Option(
            "--eval",
            help="Also list claims whose status (in, out, undec) changed; under a gradual semantics, "
            "whose strength changed (to two places).",
        ),
    ] = None,
    from_format: FromFormat = None,
) -> ExitCode:
    """What changed in the argument between two versions.

    Claims added, removed, renamed, reworded, moved; relations added,
    removed, retyped; sides, sources and the title (docs/diff.md).

    Exit 0 when nothing changed, 1 when something did, 2 on an error.
    """
    from argmap.analysis.diff import diff_maps
    from argmap.checks.versions import at_revision, parse_version

    refuse_stdout(output, "-o", "a diff's diagram is a file named by its suffix (.dot, .svg, .png, .pdf)")
    if rev is not None:
        if new is not None:
            raise UsageError("--rev REV takes one file: argmap diff --rev HEAD arguments/x.yaml")
        refuse_stdin(old, "--rev reads the file's history in git")
        sides = (at_revision(Path(old), rev), parse_version(old))
    elif new is None:
        raise UsageError("give two versions (OLD NEW), or one file with --rev REV")
    elif is_stdin(old) and is_stdin(new):
        raise UsageError("standard input holds one version: name - for one side only")
    else:
        sides = (parse_version(old), parse_version(new))
    if from_format is not None:
        sides = (replace(sides[0], fmt=from_format), replace(sides[1], fmt=from_format))
    if stat and (output_format is not DiffFormat.TEXT or output is not None):
        raise UsageError("--stat prints one line; it does not go with --format or -o")
    if output is not None and output_format is not DiffFormat.TEXT:
        raise UsageError(f"-o draws a diagram; --format {output_format.value} prints text: one or the other")
    before, after = _diff_sides(*sides)
    result = diff_maps(before, after, semantics=evaluation.value if evaluation else None)
    if output is not None:
        _write_diff_diagram(output, before, after, result, [Path(v.name) for v in sides if v.file])
    elif stat:
        typer.echo(result.summary())
    else:
        _print_diff(result, sides[0].name, sides[1].name, before, after, output_format)
    return ExitCode.PROBLEMS if result.changed else ExitCode.OK


def _print_diff(
    result: MapDiff, old_name: str, new_name: str, before: ArgumentMap, after: ArgumentMap, fmt: DiffFormat
) -> None:
    from argmap.render.diff_text import claim_texts, diff_json, diff_markdown, diff_view

    def text() -> None:
        view = diff_view(result, old_name, new_name, claim_texts(before, after))
        stdout_console().print(view, soft_wrap=True)

    printers: dict[DiffFormat, Callable[[], object]] = {
        DiffFormat.TEXT: text,
        DiffFormat.MARKDOWN: lambda: sys.stdout.write(
            diff_markdown(result, old_name, new_name, claim_texts(before, after))
        ),
        DiffFormat.JSON: lambda: sys.stdout.write(diff_json(result)),
    }
    printers[fmt]()


def _write_diff_diagram(
    output: Path, before: ArgumentMap, after: ArgumentMap, result: MapDiff, inputs: list[Path]
) -> None:
    from argmap.io.output import write_atomic
    from argmap.render.pipeline import diff_drawing

    write_atomic(output, diff_drawing(output, before, after, result), inputs=inputs)
    err(f"wrote {output}")


def git_setup(
    patterns: Annotated[
        list[str] | None,
        typer.Option(
            "--pattern",
            help="Which files are maps, as .gitattributes patterns from the repository root "
            "(repeatable; default: arguments/**/*.yaml, *.yml and *.json).",
        ),
    ] = None,
    absolute: Annotated[
        bool,
        typer.Option(
            "--absolute",
            help="Have git run this Python by its full path instead of `argmap` from PATH.",
        ),
    ] = False,
) -> None:
    """Make git show argument changes in maps.

    `git diff`, `git log -p` and `git show` on maps, in the current
    repository, show argument changes: sets diff.argmap.command and
    diff.argmap.textconv in its .git/config and adds `<pattern> diff=argmap`
    lines to .gitattributes (keeping what is there). Safe to run again."""
    import shutil

    from argmap.io.git import DEFAULT_PATTERNS, driver_command, setup_repository

    done = setup_repository(Path(), driver_command(absolute), patterns or list(DEFAULT_PATTERNS))
    for key, value in done.config:
        typer.echo(f"git config {key} '{value}'")
    for line in done.added_lines:
        typer.echo(f"{done.attributes.name}: added {line}")
    if not done.added_lines:
        typer.echo(f"{done.attributes.name}: already set up")
    if not done.matched:
        err(
            "argmap: warning: no file here matches "
            + ", ".join(patterns or DEFAULT_PATTERNS)
            + " yet; git diff shows maps as argument changes once such files exist (or give --pattern)"
        )
    if not absolute and shutil.which("argmap") is None:
        err(
            "argmap: warning: `argmap` is not on PATH, so git will not find it; activate its environment, or run git-setup --absolute"
        )


def git_diff_driver(
    args: Annotated[
        list[str],
        typer.Argument(
            help="What git passes: path old-file old-hex old-mode new-file new-hex new-mode [new-path ...]."
        ),
    ],
) -> None:
    """Called by git for `git diff` on a map.

    Set as diff.argmap.command: prints the argument changes; a version argmap
    cannot read gets a plain line diff.
    """
    from argmap.checks.versions import driver_versions
    from argmap.render.diff_text import claim_texts, diff_view, line_diff, plain_text

    if len(args) < 7:
        raise UsageError(
            "git-diff-driver is run by git with 7 arguments (see git help diff, GIT_EXTERNAL_DIFF)"
        )
    path, old_file, new_file = args[0], args[1], args[4]
    new_path = args[7] if len(args) > 7 else path
    old_name, new_name = f"a/{path}", f"b/{new_path}"
    typer.echo(f"diff --argmap {old_name} {new_name}")
    sides = driver_versions(Path(old_file), Path(new_file), path, new_path)
    if sides.maps is None:
        typer.echo(f"(argmap: {sides.problem}; the lines that changed instead)")
        sys.stdout.write(line_diff(sides.texts[0], sides.texts[1], old_name, new_name))
        return
    from argmap.analysis.diff import diff_maps

    before, after = sides.maps
    result = diff_maps(before, after)
    sys.stdout.write(plain_text(diff_view(result, old_name, new_name, claim_texts(before, after))))


def git_textconv(
    file: Annotated[Path, typer.Argument(help="A version of a map, as git hands it over.")],
) -> None:
    """Called by git for `git log -p` and `git show` on a map.

    Set as diff.argmap.textconv: prints the map one claim a line; a file
    argmap cannot read as it is.
    """
    from argmap.checks.versions import textconv_map
    from argmap.render.lines import map_lines

    amap, text = textconv_map(file)
    sys.stdout.write(map_lines(amap) if amap is not None else text)


def log(file: Annotated[Path, typer.Argument(help="A map in a git repository.")]) -> None:
    """The history of one map, newest first.

    Follows renames: one line per commit with its hash, date, subject and
    argument changes.
    """
    from argmap.checks.versions import map_history

    refuse_stdin(file, "log reads the file's history in git")
    for entry in map_history(file):
        commit = entry.commit
        typer.echo(f"{commit.short} {commit.date} {commit.subject} ({entry.summary})")
