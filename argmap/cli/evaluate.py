"""`argmap evaluate`: which claims stand."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli.choices import OutputFormat
from argmap.cli.console import err, open_map, print_diagnostics
from argmap.cli.streams import FromFormat
from argmap.errors import UsageError
from argmap.io.files import display_name
from argmap.model import Semantics

if TYPE_CHECKING:
    from argmap.formats.framework import Framework
    from argmap.model import ArgumentMap


def _framework(path: Path, fmt: str | None) -> tuple[Framework, dict[str, str]]:
    """A framework file as it is (told by --from or its suffix), or a valid
    map's framework and claim texts."""
    from argmap.formats.framework import framework_from_map
    from argmap.formats.iccma import is_framework_file, read_framework

    if is_framework_file(path, fmt):  # straight to a framework: no map in between
        return read_framework(path, fmt), {}
    amap = _open_corpus(path) if path.is_dir() else open_map(path, fmt).map
    return framework_from_map(amap), {c.id: c.text for c in amap.claims}


def _open_corpus(folder: Path) -> ArgumentMap:
    """A folder's maps joined into one (argmap.checks.corpus), its warnings shown."""
    from argmap.checks.corpus import open_corpus

    checked = open_corpus(folder)
    print_diagnostics(checked.warnings, err=True)
    return checked.map


def evaluate(
    file: Annotated[
        Path,
        typer.Argument(
            help="A map in any format argmap reads; .apx, .tgf, .af are read as frameworks; - for stdin; "
            "a folder: its maps as one corpus."
        ),
    ],
    semantics: Annotated[
        Semantics,
        typer.Option(
            "--semantics",
            "-s",
            help="Dung's grounded, complete, preferred, stable; or a gradual one: dfquad, quad, euler, "
            "quadratic-energy, h-categorizer.",
        ),
    ] = Semantics.GROUNDED,
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
        int | None,
        typer.Option(
            min=0,
            help="Stop after this many complete, preferred or stable extensions (there can be "
            "exponentially many); 0: no limit (default: 1000).",
        ),
    ] = None,
    time_limit: Annotated[
        float,
        typer.Option(
            min=0,
            help="Stop complete, preferred or stable after this many seconds, with the extensions "
            "found by then (finding one can take exponential time); 0: no limit.",
        ),
    ] = 60.0,
    from_format: FromFormat = None,
) -> None:
    """Which claims stand.

    Each claim in, out or undecided (grounded), the extensions (complete,
    preferred, stable), or its strength under a gradual semantics (dfquad,
    quad, euler, quadratic-energy, h-categorizer).

    Attacks count, supports do not (except in the gradual semantics but the
    h-categorizer); relation weights scale a reason in the gradual ones; an
    undercut attacks the inference it targets (docs/evaluation.md). Exit 0; 1 when the map has
    errors; 2 on unreadable input or an unknown --why id.
    """
    from argmap.analysis.evaluate import evaluate as run
    from argmap.analysis.evaluate import why
    from argmap.render.evaluation import evaluation_json, listing, why_text

    if max_extensions is not None and (not semantics.dung or semantics is Semantics.GROUNDED):
        raise UsageError(
            f"--max-extensions limits complete, preferred and stable extensions, not {semantics.value}"
        )
    max_extensions = 1000 if max_extensions is None else max_extensions
    framework, texts = _framework(file, from_format)
    if why_id is not None and why_id not in framework.index:
        raise UsageError(f"--why: {display_name(file)} has no claim or undercut relation {why_id!r}")
    result = run(framework, semantics, max_extensions or None, time_limit or None)
    if result.timed_out:
        err(
            f"argmap: warning: stopped after {time_limit:g} s with {len(result.extensions)} extension(s) "
            "found; --time-limit sets the limit"
        )
    elif result.truncated:
        err(f"argmap: warning: stopped after {max_extensions} extensions; --max-extensions sets the limit")
    if not result.converged:
        err(f"argmap: warning: {semantics.value} did not converge in {result.iterations} iterations")
    as_json = output_format is OutputFormat.JSON
    if why_id is None:
        typer.echo(evaluation_json(result.to_json()) if as_json else listing(result, framework, texts))
    else:
        reason = why(result, framework, why_id)
        typer.echo(evaluation_json(reason.to_json()) if as_json else why_text(reason, texts))
