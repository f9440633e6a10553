"""The command line: options -> library calls -> output.

The only module that prints or decides exit codes. Every command body runs
inside `_boundary`, which turns argmap's errors into one line on stderr and
an exit code: 0 ok, 1 problems found, 2 usage or unreadable input, 3 missing
external tool, 130 interrupted.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from argmap import __version__
from argmap.errors import ArgmapError, Diagnostic, ExitCode, MapInvalidError, UsageError

if TYPE_CHECKING:  # the library is imported by the commands that use it, so
    # `argmap --version` and `--help` do not pay for loading YAML.
    from argmap.coverage import Coverage, QuotingClaim, Sentence
    from argmap.diff import MapDiff
    from argmap.evaluate import Framework
    from argmap.model import ArgumentMap
    from argmap.validate import Checked
    from argmap.versions import MapVersion

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="argmap",
    help="Argument maps as plain YAML: check them, list them in the terminal, render them as diagrams.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _print_diagnostics(diagnostics: list[Diagnostic], err: bool = False) -> None:
    for diagnostic in diagnostics:
        typer.echo(str(diagnostic), err=err)


@contextmanager
def _boundary() -> Iterator[None]:
    try:
        yield
    except MapInvalidError as exc:
        _print_diagnostics(exc.diagnostics, err=True)
        _err(f"argmap: {exc}")
        raise typer.Exit(int(exc.exit_code)) from None
    except ArgmapError as exc:
        _err(f"argmap: {exc}")
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        _err("argmap: interrupted")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a command body inside the error boundary."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with _boundary():
            return fn(*args, **kwargs)

    return wrapper


def _version(value: bool) -> None:
    if value:
        typer.echo(f"argmap {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Argument maps as plain YAML: check them, list them, render them."""


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class SemanticsName(StrEnum):
    GROUNDED = "grounded"
    COMPLETE = "complete"
    PREFERRED = "preferred"
    STABLE = "stable"
    DFQUAD = "dfquad"


def _claim_marks(amap: ArgumentMap, semantics: SemanticsName) -> dict[str, str]:
    """Claim id -> in/out/undec, or a DF-QuAD strength to two places."""
    from argmap.evaluate import Semantics, claim_statuses, evaluate, framework_from_map

    result = evaluate(framework_from_map(amap), Semantics(semantics.value))
    if result.strengths:
        return {claim: f"{strength:.2f}" for claim, strength in result.strengths.items()}
    statuses = claim_statuses(result, (c.id for c in amap.claims))
    if statuses is None:
        raise UsageError(f"--eval {semantics.value}: the map has no {semantics.value} extension")
    return statuses


def _open_map(path: Path) -> Checked:
    """A map with no errors, its warnings shown on stderr."""
    from argmap.validate import open_map

    checked = open_map(path)
    _print_diagnostics(checked.warnings, err=True)
    return checked


# -- validate ------------------------------------------------------------------


@app.command()
@guarded
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Map files or folders (searched recursively).")],
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text: one problem a line; json: for tools.")
    ] = OutputFormat.TEXT,
) -> None:
    """Check maps for mistakes: one problem a line, as file:line:col: severity: message (check-id).

    Exit 0 when clean, 1 when problems were found, 2 when a file cannot be read.
    """
    from argmap.errors import InputError
    from argmap.validate import check_file, find_maps

    files = find_maps(paths)
    if not files:
        raise UsageError("no map files (.yaml, .yml, .json) found in " + ", ".join(map(str, paths)))
    diagnostics: list[Diagnostic] = []
    unreadable: list[str] = []
    report: list[dict[str, Any]] = []
    failed = False
    for file in files:
        try:
            checked = check_file(file)
        except InputError as exc:
            unreadable.append(str(exc))
            report.append({"file": str(file), "valid": False, "error": str(exc)})
            continue
        diagnostics.extend(checked.diagnostics)
        ok = checked.ok(strict)
        failed = failed or not ok
        report.append({"file": str(file), "valid": ok})
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if output_format is OutputFormat.JSON:
        document = {
            "files": report,
            "diagnostics": [
                {
                    "file": d.span.file,
                    "line": d.span.line,
                    "column": d.span.column,
                    "severity": d.severity.value,
                    "check": d.check_id,
                    "message": d.message,
                }
                for d in diagnostics
            ],
            "errors": errors + len(unreadable),
            "warnings": warnings,
        }
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        _print_diagnostics(diagnostics)
        for message in unreadable:
            _err(f"argmap: {message}")
        if diagnostics or unreadable:
            _err(
                f"{errors} error(s), {warnings} warning(s), {len(unreadable)} unreadable, "
                f"in {len(files)} file(s)"
            )
    if unreadable:
        raise typer.Exit(int(ExitCode.USAGE))
    if failed:
        raise typer.Exit(int(ExitCode.PROBLEMS))


# -- show and list -------------------------------------------------------------


def _stdout_console(piped_width: int = 100) -> Any:
    from rich.console import Console

    # Plain text when piped (Rich writes no escape codes to a pipe) or when
    # NO_COLOR is set (Rich alone would still write bold and dim then).
    width = None if sys.stdout.isatty() else piped_width
    plain = bool(os.environ.get("NO_COLOR"))
    return Console(
        markup=False,
        highlight=False,
        width=width,
        soft_wrap=False,
        color_system=None if plain else "auto",
        no_color=plain,
    )


@app.command()
@guarded
def show(
    file: Annotated[Path, typer.Argument(help="The map (.yaml or .json).")],
    root: Annotated[str | None, typer.Option(help="Show only this claim and what hangs under it.")] = None,
    depth: Annotated[int | None, typer.Option(min=0, help="Levels below the top claims to show.")] = None,
    side: Annotated[str | None, typer.Option(help="Only claims by this side (and their path up).")] = None,
    evaluation: Annotated[
        SemanticsName | None,
        typer.Option(
            "--eval", help="Mark each claim in, out or undec under this semantics (dfquad: its strength)."
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text: a tree; json: the graph form.")
    ] = OutputFormat.TEXT,
) -> None:
    """List a map in the terminal as a tree: + supports, - attacks, ~ undercuts, & linked premises."""
    from argmap.focus import focus
    from argmap.renderers import RenderOptions

    whole = _open_map(file).map
    # Evaluated on the whole map: a focused view must not change a claim's status.
    status = _claim_marks(whole, evaluation) if evaluation is not None else {}
    amap = focus(whole, root, depth, side)
    if output_format is OutputFormat.JSON:
        from argmap.renderers import renderers

        sys.stdout.write(renderers()["json"].render(amap, RenderOptions()))
        return
    from argmap.renderers.tree import build_tree

    _stdout_console().print(build_tree(amap, RenderOptions(root=root, status=status)))


@app.command("list")
@guarded
def list_maps(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Map files or folders (default: the current folder).")
    ] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.TEXT,
) -> None:
    """A table of the maps found: file, title, claims, supports, attacks, sides, and whether each validates."""
    from argmap.summary import summarize
    from argmap.validate import find_maps

    rows = [summarize(path) for path in find_maps(paths or [Path()])]
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps([row.as_dict() for row in rows], ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table(box=None, header_style="bold")
    for column in ("file", "title", "claims", "supports", "attacks", "undercuts", "sides", "valid"):
        justify = "right" if column in {"claims", "supports", "attacks", "undercuts"} else "left"
        # File names are never cut; long titles wrap.
        table.add_column(column, justify=justify, no_wrap=column in {"file", "valid"})  # type: ignore[arg-type]
    for row in rows:
        table.add_row(
            row.file,
            row.title or "",
            *(str(n) for n in (row.claims, row.supports, row.attacks, row.undercuts)),
            ", ".join(row.sides),
            row.status,
        )
    _stdout_console(piped_width=160).print(table)


# -- coverage ------------------------------------------------------------------


@app.command()
@guarded
def coverage(
    source: Annotated[Path, typer.Argument(help="The source text the maps quote.")],
    paths: Annotated[list[Path], typer.Argument(help="Map files or folders (searched recursively).")],
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
) -> None:
    """Which sentences of a source text the maps quote: the percentage, and the
    sentences no claim quotes, in order, as file:line:col.

    A sentence counts when some claim's quote covers it in whole or in part.
    Exit 0, or 1 when --min is given and not reached.
    """
    from argmap.coverage import measure
    from argmap.loader import load_path, read_text
    from argmap.validate import find_maps

    text = read_text(source, "source text")
    files = find_maps(paths)
    if not files:
        raise UsageError("no map files (.yaml, .yml, .json) found in " + ", ".join(map(str, paths)))
    report = measure(str(source), text, (load_path(f).map for f in files))
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps(_coverage_json(report), ensure_ascii=False, indent=2))
    else:
        for sentence, quoters in zip(report.sentences, report.quoted_by, strict=True):
            where = f"{report.source}:{sentence.line}:{sentence.column}"
            if not quoters:
                typer.echo(f"{where}: not quoted: {sentence.text}")
            elif show_all:
                names = ", ".join(f"{q.file}#{q.id}" for q in quoters)
                typer.echo(f"{where}: quoted by {names}: {sentence.text}")
        typer.echo(
            f"{report.covered} of {len(report.sentences)} sentences quoted ({report.percent:.1f}%) "
            f"by {report.quotes_found} quotes in {len(report.maps)} map(s)"
        )
    if minimum is not None and report.percent < minimum:
        raise typer.Exit(int(ExitCode.PROBLEMS))


def _coverage_json(report: Coverage) -> dict[str, Any]:
    def sentence(s: Sentence, quoters: tuple[QuotingClaim, ...]) -> dict[str, Any]:
        return {
            "number": s.number,
            "line": s.line,
            "column": s.column,
            "text": s.text,
            "quoted_by": [{"file": q.file, "id": q.id} for q in quoters],
        }

    pairs = list(zip(report.sentences, report.quoted_by, strict=True))
    return {
        "source": report.source,
        "maps": list(report.maps),
        "sentences": len(report.sentences),
        "covered": report.covered,
        "percent": round(report.percent, 2),
        "quotes_found": report.quotes_found,
        "quotes_elsewhere": report.quotes_elsewhere,
        "uncovered": [sentence(s, q) for s, q in pairs if not q],
        "all": [sentence(s, q) for s, q in pairs],
    }


# -- render and convert ------------------------------------------------------------


class Backend(StrEnum):
    AUTO = "auto"
    SYSTEM = "system"
    EMBEDDED = "embedded"


class DiagramFormat(StrEnum):
    DOT = "dot"
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"


@app.command()
@guarded
def render(
    file: Annotated[Path, typer.Argument(help="The map (.yaml or .json).")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output file; format from its suffix.")
    ] = None,
    diagram_format: Annotated[
        DiagramFormat | None, typer.Option("--format", "-f", help="dot, svg, png or pdf (default: from -o).")
    ] = None,
    direction: Annotated[str, typer.Option(help="BT (conclusions on top), TB, LR or RL.")] = "BT",
    renderer: Annotated[
        Backend, typer.Option(help="Graphviz to use: the system `dot`, the one pygraphviz embeds, or auto.")
    ] = Backend.AUTO,
    root: Annotated[str | None, typer.Option(help="Only this claim and what hangs under it.")] = None,
    depth: Annotated[int | None, typer.Option(min=0, help="Levels below the top claims to draw.")] = None,
    side: Annotated[str | None, typer.Option(help="Only claims by this side (and their path up).")] = None,
    legend: Annotated[bool, typer.Option("--legend/--no-legend", help="Draw a legend.")] = True,
) -> None:
    """Render a map as a Graphviz diagram (dot, svg, png, pdf)."""
    from argmap.focus import focus
    from argmap.output import write_atomic
    from argmap.render_backend import render_dot
    from argmap.renderers import Direction, RenderOptions, renderers

    fmt = _diagram_format(output, diagram_format)
    try:
        rankdir = Direction(direction.upper())
    except ValueError:
        raise UsageError(f"--direction must be one of BT, TB, LR, RL, not {direction!r}") from None
    amap = focus(_open_map(file).map, root, depth, side)
    dot_text = renderers()["dot"].render(amap, RenderOptions(direction=rankdir, legend=legend))
    data = render_dot(dot_text, fmt.value, renderer.value)
    if output is None:
        if fmt in {DiagramFormat.PNG, DiagramFormat.PDF} and sys.stdout.isatty():
            raise UsageError(f"{fmt.value} is binary: name a file with -o, or redirect stdout")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_atomic(output, data, inputs=[file])
    _err(f"wrote {output}")


def _diagram_format(output: Path | None, named: DiagramFormat | None) -> DiagramFormat:
    if output is not None and output.suffix:
        try:
            from_suffix = DiagramFormat(output.suffix.lower().lstrip("."))
        except ValueError:
            if named is None:
                raise UsageError(
                    f"{output}: cannot tell the format from '{output.suffix}'; use .dot, .svg, .png or .pdf, "
                    "or --format"
                ) from None
        else:
            if named is not None and named is not from_suffix:
                raise UsageError(f"--format {named.value} does not match the suffix of {output}")
            return from_suffix
    if named is None:
        if output is None:
            raise UsageError("name an output file with -o, or a format with --format")
        raise UsageError(f"{output}: no suffix to tell the format from; add one or use --format")
    return named


@app.command()
@guarded
def convert(
    source: Annotated[Path, typer.Argument(help="The map to read (.yaml, .yml or .json).")],
    target: Annotated[
        Path, typer.Argument(help="The file to write: .json (graph form) or .yaml (tree form).")
    ],
) -> None:
    """Convert a map between the YAML tree form and the JSON graph form, losslessly."""
    from argmap.formats import graph, tree
    from argmap.loader import map_format
    from argmap.output import write_atomic

    writers: dict[str, Callable[[Any], str]] = {"json": graph.dumps, "yaml": tree.dumps}
    writer = writers[map_format(target)]
    from argmap.formats import relocate

    amap = relocate(_open_map(source).map, target)
    write_atomic(target, writer(amap), inputs=[source])
    _err(f"wrote {target}")


# -- evaluate --------------------------------------------------------------------


def _framework(path: Path) -> tuple[Framework, dict[str, str]]:
    """A framework file as it is, or a valid map's framework and claim texts."""
    from argmap.evaluate import framework_from_map
    from argmap.formats.iccma import READERS, read_framework
    from argmap.loader import MAP_SUFFIXES

    if path.suffix.lower() in READERS:
        return read_framework(path), {}
    if path.suffix.lower() not in MAP_SUFFIXES:
        known = ", ".join(sorted([*MAP_SUFFIXES, *READERS]))
        raise UsageError(f"{path}: cannot tell the format from the suffix (expected {known})")
    amap = _open_map(path).map
    return framework_from_map(amap), {c.id: c.text for c in amap.claims}


@app.command()
@guarded
def evaluate(
    file: Annotated[Path, typer.Argument(help="A map (.yaml, .json) or a framework (.apx, .tgf, .af).")],
    semantics: Annotated[
        SemanticsName,
        typer.Option("--semantics", "-s", help="Dung's grounded, complete, preferred, stable; or dfquad."),
    ] = SemanticsName.GROUNDED,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text: a listing; json: for tools.")
    ] = OutputFormat.TEXT,
    why_id: Annotated[
        str | None,
        typer.Option(
            "--why", help="Explain one claim (or undercut relation): its attackers and what defeats them."
        ),
    ] = None,
) -> None:
    """Which claims stand: each claim in, out or undecided (grounded), the
    extensions (complete, preferred, stable), or its DF-QuAD strength.

    Attacks count, supports do not (except in dfquad); an undercut attacks the
    inference it targets (docs/evaluation.md). Exit 0; 1 when the map has
    errors; 2 on unreadable input or an unknown --why id.
    """
    from argmap.evaluate import Semantics, why
    from argmap.evaluate import evaluate as run
    from argmap.renderers.evaluation import evaluation_json, listing, why_text

    framework, texts = _framework(file)
    if why_id is not None and why_id not in framework.index:
        raise UsageError(f"--why: {file} has no claim or undercut relation {why_id!r}")
    result = run(framework, Semantics(semantics.value))
    if not result.converged:
        _err(f"argmap: warning: DF-QuAD did not converge in {result.iterations} iterations")
    as_json = output_format is OutputFormat.JSON
    if why_id is None:
        typer.echo(evaluation_json(result.to_json()) if as_json else listing(result, framework, texts))
    else:
        reason = why(result, framework, why_id)
        typer.echo(evaluation_json(reason.to_json()) if as_json else why_text(reason, texts))


@app.command()
@guarded
def schema() -> None:
    """Print the JSON Schema of the YAML map format (for editor completion and checks)."""
    from argmap.map_schema import schema_text

    sys.stdout.write(schema_text())


@app.command()
@guarded
def checks() -> None:
    """List every check validate runs, with its id and severity."""
    from argmap.checks import CHECKS, LOADER_CHECKS

    rows = [(c.id, c.severity.value, c.summary) for c in CHECKS.values()]
    rows += [(check_id, severity.value, summary) for check_id, (severity, summary) in LOADER_CHECKS.items()]
    for check_id, severity, summary in sorted(set(rows)):
        typer.echo(f"{check_id:20} {severity:8} {summary}")


# -- diff, git-setup, log -----------------------------------------------------------


class DiffFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


class DungSemantics(StrEnum):
    GROUNDED = "grounded"
    COMPLETE = "complete"
    PREFERRED = "preferred"
    STABLE = "stable"


def _diff_sides(first: MapVersion, second: MapVersion) -> tuple[ArgumentMap, ArgumentMap]:
    """Both sides of a diff, valid, their warnings on stderr. A map with
    errors exits 2 here, not 1: for diff, 1 means "the versions differ"."""
    from argmap.versions import open_versions

    try:
        checked = open_versions(first, second)
    except MapInvalidError as exc:
        exc.exit_code = ExitCode.USAGE
        raise
    for side in checked:
        _print_diagnostics(side.warnings, err=True)
    return checked[0].map, checked[1].map


@app.command()
@guarded
def diff(
    old: Annotated[
        str, typer.Argument(help="The old version: a map file, or REV:path (a file at a git revision).")
    ],
    new: Annotated[str | None, typer.Argument(help="The new version: a map file, or REV:path.")] = None,
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
        DungSemantics | None,
        typer.Option("--eval", help="Also list claims whose status (in, out, undec) changed."),
    ] = None,
) -> None:
    """What changed in the argument between two versions of a map: claims
    added, removed, renamed, reworded, moved; relations added, removed,
    retyped; sides, sources and the title (docs/diff.md).

    Exit 0 when nothing changed, 1 when something did, 2 on an error.
    """
    from argmap.diff import diff_maps
    from argmap.versions import at_revision, parse_version

    if rev is not None:
        if new is not None:
            raise UsageError("--rev REV takes one file: argmap diff --rev HEAD arguments/x.yaml")
        sides = (at_revision(Path(old), rev), parse_version(old))
    elif new is None:
        raise UsageError("give two versions (OLD NEW), or one file with --rev REV")
    else:
        sides = (parse_version(old), parse_version(new))
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
    raise typer.Exit(int(ExitCode.PROBLEMS) if result.changed else int(ExitCode.OK))


def _print_diff(
    result: MapDiff, old_name: str, new_name: str, before: ArgumentMap, after: ArgumentMap, fmt: DiffFormat
) -> None:
    from argmap.renderers.diff_text import claim_texts, diff_json, diff_markdown, diff_view

    if fmt is DiffFormat.JSON:
        sys.stdout.write(diff_json(result))
    elif fmt is DiffFormat.MARKDOWN:
        sys.stdout.write(diff_markdown(result, old_name, new_name, claim_texts(before, after)))
    else:
        _stdout_console().print(
            diff_view(result, old_name, new_name, claim_texts(before, after)), soft_wrap=True
        )


def _write_diff_diagram(
    output: Path, before: ArgumentMap, after: ArgumentMap, result: MapDiff, inputs: list[Path]
) -> None:
    from argmap.diff import union_map
    from argmap.output import write_atomic
    from argmap.render_backend import render_dot
    from argmap.renderers import RenderOptions
    from argmap.renderers.diff_dot import diff_dot

    fmt = _diagram_format(output, None)
    dot_text = diff_dot(union_map(before, after, result), RenderOptions())
    write_atomic(output, render_dot(dot_text, fmt.value), inputs=inputs)
    _err(f"wrote {output}")


@app.command("git-setup")
@guarded
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
    """Make `git diff`, `git log -p` and `git show` on maps show argument
    changes, in the current repository: sets diff.argmap.command and
    diff.argmap.textconv in its .git/config and adds `<pattern> diff=argmap`
    lines to .gitattributes (keeping what is there). Safe to run again."""
    import shutil

    from argmap.git import DEFAULT_PATTERNS, driver_command, setup_repository

    done = setup_repository(Path(), driver_command(absolute), patterns or list(DEFAULT_PATTERNS))
    for key, value in done.config:
        typer.echo(f"git config {key} '{value}'")
    for line in done.added_lines:
        typer.echo(f"{done.attributes.name}: added {line}")
    if not done.added_lines:
        typer.echo(f"{done.attributes.name}: already set up")
    if not absolute and shutil.which("argmap") is None:
        _err(
            "argmap: warning: `argmap` is not on PATH, so git will not find it; activate its environment, or run git-setup --absolute"
        )


@app.command("git-diff-driver")
@guarded
def git_diff_driver(
    args: Annotated[
        list[str],
        typer.Argument(
            help="What git passes: path old-file old-hex old-mode new-file new-hex new-mode [new-path ...]."
        ),
    ],
) -> None:
    """Called by git (diff.argmap.command) for `git diff` on a map: prints
    the argument changes; a version argmap cannot read gets a plain line diff."""
    from argmap.renderers.diff_text import claim_texts, diff_view, line_diff, plain_text
    from argmap.versions import driver_versions

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
    from argmap.diff import diff_maps

    before, after = sides.maps
    result = diff_maps(before, after)
    sys.stdout.write(plain_text(diff_view(result, old_name, new_name, claim_texts(before, after))))


@app.command("git-textconv")
@guarded
def git_textconv(
    file: Annotated[Path, typer.Argument(help="A version of a map, as git hands it over.")],
) -> None:
    """Called by git (diff.argmap.textconv) for `git log -p` and `git show`:
    prints the map one claim a line; a file argmap cannot read as it is."""
    from argmap.renderers.lines import map_lines
    from argmap.versions import textconv_map

    amap, text = textconv_map(file)
    sys.stdout.write(map_lines(amap) if amap is not None else text)


@app.command()
@guarded
def log(file: Annotated[Path, typer.Argument(help="A map in a git repository.")]) -> None:
    """The history of one map, newest first, following renames: one line
    per commit with its hash, date, subject and argument changes."""
    from argmap.versions import map_history

    for entry in map_history(file):
        commit = entry.commit
        typer.echo(f"{commit.short} {commit.date} {commit.subject} ({entry.summary})")


def main() -> None:
    # argmap runs for a moment and keeps what it loads until it exits: the
    # cyclic collector would only walk the whole map again and again (a
    # third of the time of validating 50k claims) and find nothing to free.
    gc.disable()
    try:
        app()
    except BrokenPipeError:
        # A closed pipe (argmap show x | head) is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(int(ExitCode.OK))
    except Exception as exc:
        # A bug in argmap: still one line for the user, the traceback on request.
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        _err(f"argmap: internal error: {type(exc).__name__}: {exc} (set ARGMAP_DEBUG=1 for details)")
        sys.exit(70)
