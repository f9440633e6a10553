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
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from argmap import __version__
from argmap.errors import ArgmapError, Diagnostic, ExitCode, MapInvalidError, UsageError

if TYPE_CHECKING:  # the library is imported by the commands that use it, so
    # `argmap --version` and `--help` do not pay for loading YAML.
    from argmap.analysis.coverage import Coverage, QuotingClaim, Sentence
    from argmap.analysis.diff import MapDiff
    from argmap.analysis.slides import Reveal
    from argmap.checks.gate import Checked
    from argmap.checks.versions import MapVersion
    from argmap.formats.framework import Framework
    from argmap.model import ArgumentMap
    from argmap.render import Direction

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
    """Claim id -> in/out/undec (and undercut inferences' labels), or a DF-QuAD strength."""
    from argmap.analysis.evaluate import status_marks
    from argmap.model import Semantics

    marks = status_marks(amap, Semantics(semantics.value))
    if marks is None:
        raise UsageError(f"--eval {semantics.value}: the map has no {semantics.value} extension")
    return marks


def _open_map(path: Path, fmt: str | None = None) -> Checked:
    """A map with no errors, its warnings shown on stderr."""
    from argmap.checks.gate import open_map

    checked = open_map(path, fmt=fmt)
    _print_diagnostics(checked.warnings, err=True)
    return checked


# -- validate ------------------------------------------------------------------


@app.command()
@guarded
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Map files in any format argmap reads, or folders (searched for .yaml, .yml, .json)."
        ),
    ],
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text: one problem a line; json: for tools.")
    ] = OutputFormat.TEXT,
) -> None:
    """Check maps for mistakes: one problem a line, as file:line:col: severity: message (check-id).

    Exit 0 when clean, 1 when problems were found, 2 when a file cannot be read.
    """
    from argmap.checks.gate import check_file, find_maps
    from argmap.errors import InputError

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
    file: Annotated[Path, typer.Argument(help="The map, in any format argmap reads (argmap formats).")],
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
    from argmap.analysis.focus import focus
    from argmap.render import RenderOptions

    whole = _open_map(file).map
    # Evaluated on the whole map: a focused view must not change a claim's status.
    status = _claim_marks(whole, evaluation) if evaluation is not None else {}
    amap = focus(whole, root, depth, side)
    if output_format is OutputFormat.JSON:
        from argmap.render import renderer

        sys.stdout.write(renderer("json").render(amap, RenderOptions()))
        return
    from argmap.render.tree import build_tree

    _stdout_console().print(build_tree(amap, RenderOptions(root=root, status=status)))


@app.command("list")
@guarded
def list_maps(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Map files, or folders searched for .yaml, .yml, .json (default: the current folder)."
        ),
    ] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.TEXT,
) -> None:
    """A table of the maps found: file, title, claims, supports, attacks, sides, and whether each validates."""
    from argmap.checks.gate import find_maps
    from argmap.checks.summary import summarize

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
    from argmap.analysis.coverage import measure
    from argmap.checks.gate import find_maps
    from argmap.formats.registry import load_path
    from argmap.io.files import read_text

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
    HTML = "html"
    MMD = "mmd"  # Mermaid, written by argmap itself


class FramesFormat(StrEnum):
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"


@app.command()
@guarded
def render(
    file: Annotated[Path, typer.Argument(help="The map, in any format argmap reads (argmap formats).")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output file; format from its suffix.")
    ] = None,
    diagram_format: Annotated[
        DiagramFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="dot, svg, png, pdf, html (a web page) or mmd (Mermaid) (default: from -o).",
        ),
    ] = None,
    direction: Annotated[str, typer.Option(help="BT (conclusions on top), TB, LR or RL.")] = "BT",
    renderer: Annotated[
        Backend, typer.Option(help="Graphviz to use: the system `dot`, the one pygraphviz embeds, or auto.")
    ] = Backend.AUTO,
    root: Annotated[str | None, typer.Option(help="Only this claim and what hangs under it.")] = None,
    depth: Annotated[
        int | None,
        typer.Option(min=0, help="Levels below the top claims to draw; deeper ones fold into '+N more'."),
    ] = None,
    side: Annotated[str | None, typer.Option(help="Only claims by this side (and their path up).")] = None,
    tag: Annotated[str | None, typer.Option(help="Only claims with this tag (and their path up).")] = None,
    highlight: Annotated[
        str | None, typer.Option(help="Make this claim and its path up stand out; fade the rest.")
    ] = None,
    legend: Annotated[bool, typer.Option("--legend/--no-legend", help="Draw a legend.")] = True,
    theme: Annotated[
        str, typer.Option(help="light, dark, print (black and white), talk (large), or a theme .yaml file.")
    ] = "light",
    short_labels: Annotated[
        bool | None,
        typer.Option(
            "--short-labels/--full-labels",
            help="Claims' short `label` instead of their text (default: as the theme says; talk: short).",
        ),
    ] = None,
    fast_layout: Annotated[
        bool | None,
        typer.Option(
            "--fast-layout/--full-layout",
            help="Faster Graphviz settings (default: past 1,000 claims drawn).",
        ),
    ] = None,
    evaluation: Annotated[
        SemanticsName | None,
        typer.Option(
            "--eval",
            help="Shade claims by status under this semantics: accepted solid, rejected faded and struck, "
            "undecided grey (dfquad: print each strength).",
        ),
    ] = None,
    frames: Annotated[
        Path | None,
        typer.Option(help="Write a slide build into this folder: frame-01.svg, frame-02.svg, ..."),
    ] = None,
    frames_format: Annotated[FramesFormat, typer.Option(help="Format of the frames.")] = FramesFormat.SVG,
    frames_pdf: Annotated[
        Path | None, typer.Option(help="Write the slide build as one PDF, a frame a page, to present from.")
    ] = None,
    by_side: Annotated[
        bool, typer.Option("--by-side", help="Frames reveal the map exchange by exchange (docs/talks.md).")
    ] = False,
    by_depth: Annotated[
        bool,
        typer.Option("--by-depth", help="Frames reveal the map level by level even when claims have step:."),
    ] = False,
    watch: Annotated[
        bool,
        typer.Option("--watch", help="Render again on every save of the map or its sources; Ctrl-C stops."),
    ] = False,
) -> None:
    """Render a map as a Graphviz diagram (dot, svg, png, pdf), a web page (html),
    a Mermaid flowchart (mmd), or a slide build (--frames, --frames-pdf)."""
    from argmap.analysis.slides import Reveal
    from argmap.render import Direction

    try:
        rankdir = Direction(direction.upper())
    except ValueError:
        raise UsageError(f"--direction must be one of BT, TB, LR, RL, not {direction!r}") from None
    if by_side and by_depth:
        raise UsageError("--by-side and --by-depth ask for two different orders; choose one")
    slides = frames is not None or frames_pdf is not None
    if watch and output is None and not slides:
        raise UsageError("--watch needs a file to write: -o, --frames or --frames-pdf")
    job = _RenderJob(
        file=file,
        output=output,
        fmt=_diagram_format(output, diagram_format) if output or diagram_format or not slides else None,
        backend=renderer.value,
        direction=rankdir,
        root=root,
        depth=depth,
        side=side,
        tag=tag,
        highlight=highlight,
        legend=legend,
        theme=theme,
        short_labels=short_labels,
        fast_layout=fast_layout,
        evaluation=evaluation,
        frames=frames,
        frames_format=frames_format.value,
        frames_pdf=frames_pdf,
        reveal=Reveal.SIDE if by_side else Reveal.DEPTH if by_depth else None,
    )
    if not watch:
        for message in _render_job(job).messages:
            _err(message)
        return
    _watch(job)


def _diagram_format(output: Path | None, named: DiagramFormat | None) -> DiagramFormat:
    if output is not None and output.suffix:
        try:
            from_suffix = DiagramFormat(output.suffix.lower().lstrip("."))
        except ValueError:
            if named is None:
                raise UsageError(
                    f"{output}: cannot tell the format from '{output.suffix}'; "
                    "use .dot, .svg, .png, .pdf, .html or .mmd, "
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
    source: Annotated[Path, typer.Argument(help="The map to read, in any format argmap reads.")],
    target: Annotated[
        Path,
        typer.Argument(help="The file to write, in the format its suffix names; - for stdout (with --to)."),
    ],
    from_format: Annotated[
        str | None, typer.Option("--from", help="SOURCE's format, whatever its suffix (see argmap formats).")
    ] = None,
    to_format: Annotated[
        str | None, typer.Option("--to", help="The format to write, whatever TARGET's suffix.")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Write nothing and exit 1 if the target format loses anything.")
    ] = False,
) -> None:
    """Convert a map from one format to another (`argmap formats` lists them):
    losslessly between argmap's YAML and JSON forms; other formats may hold less.

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
    written = fmt.write(relocate(_open_map(source, from_format).map, target))
    for loss in written.losses:
        _err(f"argmap: warning: {loss.times} {loss.kind} not carried: {loss.message}")
    if strict and written.losses:
        _err(f"argmap: --strict: {fmt.name} cannot hold all of {source}; nothing written")
        raise typer.Exit(int(ExitCode.PROBLEMS))
    if to_stdout:
        sys.stdout.write(written.text)
        return
    write_atomic(target, written.text, inputs=[source])
    _err(f"wrote {target}")


# -- evaluate --------------------------------------------------------------------


def _framework(path: Path) -> tuple[Framework, dict[str, str]]:
    """A framework file as it is, or a valid map's framework and claim texts."""
    from argmap.formats.framework import framework_from_map
    from argmap.formats.iccma import is_framework_file, read_framework

    if is_framework_file(path):  # straight to a framework: no map in between
        return read_framework(path), {}
    amap = _open_map(path).map
    return framework_from_map(amap), {c.id: c.text for c in amap.claims}


@app.command()
@guarded
def evaluate(
    file: Annotated[
        Path, typer.Argument(help="A map in any format argmap reads; .apx, .tgf, .af are read as frameworks.")
    ],
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
    max_extensions: Annotated[
        int,
        typer.Option(
            min=0,
            help="Stop after this many complete, preferred or stable extensions (there can be "
            "exponentially many); 0: no limit.",
        ),
    ] = 1000,
) -> None:
    """Which claims stand: each claim in, out or undecided (grounded), the
    extensions (complete, preferred, stable), or its DF-QuAD strength.

    Attacks count, supports do not (except in dfquad); an undercut attacks the
    inference it targets (docs/evaluation.md). Exit 0; 1 when the map has
    errors; 2 on unreadable input or an unknown --why id.
    """
    from argmap.analysis.evaluate import evaluate as run
    from argmap.analysis.evaluate import why
    from argmap.model import Semantics
    from argmap.render.evaluation import evaluation_json, listing, why_text

    framework, texts = _framework(file)
    if why_id is not None and why_id not in framework.index:
        raise UsageError(f"--why: {file} has no claim or undercut relation {why_id!r}")
    result = run(framework, Semantics(semantics.value), max_extensions or None)
    if result.truncated:
        _err(f"argmap: warning: stopped after {max_extensions} extensions; --max-extensions sets the limit")
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
    from argmap.formats.native.schema import schema_text

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


# -- prep ----------------------------------------------------------------------


class BriefFormatName(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"


class BriefPart(StrEnum):
    OPEN = "open"
    UNATTACKED = "unattacked"
    ROOTS = "roots"
    GAPS = "gaps"
    CARDS = "cards"


@app.command()
@guarded
def prep(
    file: Annotated[Path, typer.Argument(help="The map (.yaml or .json).")],
    side: Annotated[str, typer.Option("--side", help="The side to prepare (a declared side id).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to a file: .md, .html, .txt or .json (format from the suffix)."
        ),
    ] = None,
    brief_format: Annotated[
        BriefFormatName | None, typer.Option("--format", "-f", help="text, markdown, html or json.")
    ] = None,
    root: Annotated[str | None, typer.Option(help="Only this claim's line and card.")] = None,
    parts: Annotated[
        list[BriefPart] | None,
        typer.Option("--part", help="Show only these parts (repeat): open, unattacked, roots, gaps, cards."),
    ] = None,
) -> None:
    """A debate brief for one side: attacks still unanswered, the other side's
    claims not yet attacked, how each conclusion stands and its strongest and
    weakest lines, claims with no source, and a card per conclusion.

    Exit 0; 1 when the map has errors; 2 on an unknown side or suffix.
    """
    from argmap.analysis.prep import build_brief
    from argmap.io.output import write_atomic
    from argmap.render.brief import BriefOptions, Part, brief_format_for, render_brief

    name = brief_format_for(output, brief_format.value if brief_format else None)
    brief = build_brief(_open_map(file).map, side, root)
    options = BriefOptions(tuple(Part(p.value) for p in parts) if parts else tuple(Part))
    text = render_brief(brief, name, options)
    if output is None:
        sys.stdout.write(text)
        return
    write_atomic(output, text, inputs=[file])
    _err(f"wrote {output}")


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
    from argmap.checks.versions import open_versions

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
    from argmap.analysis.diff import diff_maps
    from argmap.checks.versions import at_revision, parse_version

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
    from argmap.render.diff_text import claim_texts, diff_json, diff_markdown, diff_view

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
    from argmap.analysis.diff import union_map
    from argmap.io.output import write_atomic
    from argmap.render import RenderOptions
    from argmap.render.diff_dot import diff_dot
    from argmap.render.graphviz import render_dot

    fmt = _diagram_format(output, None)
    if fmt in {DiagramFormat.HTML, DiagramFormat.MMD}:
        raise UsageError(f"{output}: a diff is drawn as .dot, .svg, .png or .pdf")
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

    from argmap.io.git import DEFAULT_PATTERNS, driver_command, setup_repository

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


@app.command("git-textconv")
@guarded
def git_textconv(
    file: Annotated[Path, typer.Argument(help="A version of a map, as git hands it over.")],
) -> None:
    """Called by git (diff.argmap.textconv) for `git log -p` and `git show`:
    prints the map one claim a line; a file argmap cannot read as it is."""
    from argmap.checks.versions import textconv_map
    from argmap.render.lines import map_lines

    amap, text = textconv_map(file)
    sys.stdout.write(map_lines(amap) if amap is not None else text)


@app.command()
@guarded
def log(file: Annotated[Path, typer.Argument(help="A map in a git repository.")]) -> None:
    """The history of one map, newest first, following renames: one line
    per commit with its hash, date, subject and argument changes."""
    from argmap.checks.versions import map_history

    for entry in map_history(file):
        commit = entry.commit
        typer.echo(f"{commit.short} {commit.date} {commit.subject} ({entry.summary})")


# -- drill -----------------------------------------------------------------------


@app.command()
@guarded
def drill(
    file: Annotated[Path, typer.Argument(help="The map (.yaml or .json).")],
    side: Annotated[str, typer.Option("--side", help="The side you practise answering for.")],
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many questions.")] = None,
    print_sheet: Annotated[
        bool, typer.Option("--print", help="Write the questions and answers instead of asking them.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="With --print: write Markdown to this file.")
    ] = None,
    results: Annotated[
        Path | None, typer.Option("--results", help="The results file (default: <map>.drill.json beside it).")
    ] = None,
) -> None:
    """Practise answering the other sides' counterclaims to SIDE's claims: you
    answer in your own words, see the rebuttals mapped, and mark yourself
    right or wrong; missed points come back sooner (docs/drill.md).
    """
    from argmap.analysis.drill import default_results_path, side_cards

    if output is not None and not print_sheet:
        raise UsageError("-o/--output goes with --print")
    if results is not None and print_sheet:
        raise UsageError("--print keeps no results; leave out --results")
    amap = _open_map(file).map
    cards = side_cards(amap, side)
    if not cards:
        from argmap.render.drill import side_name

        typer.echo(
            f"Nothing to practise: no other side attacks or undercuts {side_name(amap.sides, side)} in {file}."
        )
        return
    if print_sheet:
        from argmap.io.output import write_atomic
        from argmap.render.drill import sheet_markdown, sheet_text

        if output is None:
            typer.echo(sheet_text(cards, amap.sides, side, limit), nl=False)
            return
        write_atomic(output, sheet_markdown(cards, amap.sides, side, limit, amap.title), inputs=[file])
        _err(f"wrote {output}")
        return
    from argmap.cli.drill_prompt import run_session

    run_session(cards, amap.sides, side, file, results or default_results_path(file), limit)


# -- slides, web page, watch ----------------------------------------------------
# render's slide builds (--frames, --frames-pdf), web page (-o map.html), the
# spinner on big maps and --watch. Library: argmap.analysis.slides (which claims each
# frame shows), argmap.render.frames (frames as DOT, drawn, written),
# argmap.render.pdf (frames as one PDF), argmap.render.html, argmap.io.watch.

# Past this many claims Graphviz takes seconds: show the spinner at once
# (otherwise only once it has taken longer than SPINNER_DELAY seconds).
LARGE_MAP = 1000
SPINNER_DELAY = 2.0


@dataclass(frozen=True, slots=True)
class _RenderJob:
    """Everything one `argmap render` asks for."""

    file: Path
    output: Path | None
    fmt: DiagramFormat | None  # of the drawing for -o or stdout; None: frames only
    backend: str
    direction: Direction
    root: str | None
    depth: int | None
    side: str | None
    tag: str | None
    highlight: str | None
    legend: bool
    theme: str  # a built-in theme's name or a theme file (read again on every --watch render)
    short_labels: bool | None
    fast_layout: bool | None  # None: fast past BIG_MAP claims drawn
    evaluation: SemanticsName | None
    frames: Path | None
    frames_format: str
    frames_pdf: Path | None
    reveal: Reveal | None


@dataclass(frozen=True, slots=True)
class _Rendered:
    messages: list[str]  # one line per file written
    watched: list[Path]  # the map and the source files it quotes


def _render_job(job: _RenderJob) -> _Rendered:
    """Draw everything asked for, then write it all (nothing on failure)."""
    from argmap.analysis.focus import view
    from argmap.analysis.slides import plan_frames
    from argmap.io.output import write_atomic
    from argmap.io.watch import watched_files
    from argmap.render import RenderOptions, renderer
    from argmap.render.dot import BIG_MAP
    from argmap.render.dot import fast_layout as big_map_layout
    from argmap.render.frames import draw_frames, write_frames
    from argmap.render.graphviz import render_dot
    from argmap.render.html import page
    from argmap.render.pdf import merge_pdfs
    from argmap.render.theme_file import resolve_theme

    look = resolve_theme(job.theme)
    whole = _open_map(job.file).map
    # Evaluated on the whole map: a focused view must not change a claim's status.
    status = _claim_marks(whole, job.evaluation) if job.evaluation is not None else {}
    amap = view(whole, job.root, job.depth, job.side, job.tag, job.highlight).map  # checks the names too
    messages = []
    fast = big_map_layout(len(amap.claims), job.fast_layout)
    if fast and job.fast_layout is None and job.fmt is not DiagramFormat.MMD:
        messages.append(
            f"argmap: {len(amap.claims):,} claims (over {BIG_MAP:,}): faster Graphviz layout; "
            "--full-layout for the usual one"
        )
    options = RenderOptions(
        direction=job.direction,
        root=job.root,
        depth=job.depth,
        side=job.side,
        tag=job.tag,
        highlight=job.highlight,
        legend=job.legend,
        status=status,
        theme=look,
        short_labels=job.short_labels,
        fast_layout=fast,
    )
    dot_text = renderer("dot").render(whole, options)
    plan = plan_frames(amap, job.reveal) if job.frames or job.frames_pdf else []
    drawing = frame_drawings = pdf_pages = None
    with _working(len(amap.claims)):
        if job.fmt is DiagramFormat.HTML:
            semantics = job.evaluation.value if job.evaluation else None
            drawing = page(render_dot(dot_text, "svg", job.backend), amap, status, semantics).encode()
        elif job.fmt is DiagramFormat.MMD:
            drawing = renderer("mermaid").render(whole, options).encode("utf-8")
        elif job.fmt is not None:
            drawing = render_dot(dot_text, job.fmt.value, job.backend)
        if job.frames is not None:
            frame_drawings = draw_frames(amap, dot_text, plan, job.frames_format, job.backend)
        if job.frames_pdf is not None:
            reuse = frame_drawings if job.frames_format == "pdf" else None
            pdf_pages = merge_pdfs(reuse or draw_frames(amap, dot_text, plan, "pdf", job.backend))
    if drawing is not None and job.output is None:
        if job.fmt in {DiagramFormat.PNG, DiagramFormat.PDF} and sys.stdout.isatty():
            raise UsageError(f"{job.fmt.value} is binary: name a file with -o, or redirect stdout")
        sys.stdout.buffer.write(drawing)
        sys.stdout.flush()
    elif drawing is not None and job.output is not None:
        write_atomic(job.output, drawing, inputs=[job.file])
        messages.append(f"wrote {job.output}")
    if job.frames is not None and frame_drawings is not None:
        written = write_frames(job.frames, frame_drawings, job.frames_format, inputs=[job.file])
        messages.append(
            f"wrote {len(written)} frames to {job.frames} ({written[0].name} to {written[-1].name})"
        )
    if job.frames_pdf is not None and pdf_pages is not None:
        write_atomic(job.frames_pdf, pdf_pages, inputs=[job.file])
        messages.append(f"wrote {job.frames_pdf} ({len(plan)} pages)")
    return _Rendered(messages, watched_files(job.file, whole))


@contextmanager
def _working(claims: int) -> Iterator[None]:
    """A spinner with the time elapsed on stderr while Graphviz works: at
    once on a large map, after SPINNER_DELAY seconds on others; never when
    stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield
        return
    import threading

    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(
        SpinnerColumn(),
        TextColumn("Graphviz is drawing {task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    progress.add_task(f"{claims:,} claims", total=None)
    lock = threading.Lock()
    done = False

    def start() -> None:
        with lock:
            if not done:
                progress.start()

    timer = threading.Timer(0 if claims > LARGE_MAP else SPINNER_DELAY, start)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            done = True
            if progress.live.is_started:
                progress.stop()


def _watch(job: _RenderJob) -> None:
    """Render, then again on every save, until Ctrl-C (exit 130). A map
    with errors prints its diagnostics and leaves the last good output."""
    import time

    from argmap.io.watch import stamps, wait_for_change

    before = stamps([job.file])
    while True:
        started = time.monotonic()
        try:
            rendered = _render_job(job)
        except MapInvalidError as exc:
            _print_diagnostics(exc.diagnostics, err=True)
            _err(f"argmap: {exc}; keeping the last good output")
        except ArgmapError as exc:
            _err(f"argmap: {exc}; keeping the last good output")
        else:
            elapsed = time.monotonic() - started
            for message in rendered.messages:
                _err(f"{message} ({elapsed:.1f} s)")
            before = {**stamps(rendered.watched), **before}
        before = wait_for_change(before)


# -- formats ---------------------------------------------------------------------


@app.command("formats")
@guarded
def list_formats() -> None:
    """List the formats argmap reads and writes: name, suffixes, read/write, what it is.

    Every command reads a map in any format that reads; convert writes any that writes.
    """
    from argmap.formats.registry import FORMATS

    name_width = max(len(fmt.name) for fmt in FORMATS)
    suffix_width = max(len(" ".join(fmt.suffixes)) for fmt in FORMATS)
    for fmt in FORMATS:
        can = ", ".join(word for word, able in (("read", fmt.reads), ("write", fmt.writes)) if able)
        suffixes = " ".join(fmt.suffixes)
        typer.echo(f"{fmt.name:{name_width}} {suffixes:{suffix_width}} {can:11} {fmt.description}")


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
