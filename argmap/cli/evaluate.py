"""`argmap evaluate`: which claims stand."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli.choices import OutputFormat
from argmap.cli.console import err, open_map
from argmap.errors import UsageError
from argmap.model import Semantics

if TYPE_CHECKING:
    from argmap.formats.framework import Framework


def _framework(path: Path) -> tuple[Framework, dict[str, str]]:
    """A framework file as it is, or a valid map's framework and claim texts."""
    from argmap.formats.framework import framework_from_map
    from argmap.formats.iccma import is_framework_file, read_framework

    if is_framework_file(path):  # straight to a framework: no map in between
        return read_framework(path), {}
    amap = open_map(path).map
    return framework_from_map(amap), {c.id: c.text for c in amap.claims}


def evaluate(
    file: Annotated[
        Path, typer.Argument(help="A map in any format argmap reads; .apx, .tgf, .af are read as frameworks.")
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
    framework, texts = _framework(file)
    if why_id is not None and why_id not in framework.index:
        raise UsageError(f"--why: {file} has no claim or undercut relation {why_id!r}")
    result = run(framework, semantics, max_extensions or None)
    if result.truncated:
        err(f"argmap: warning: stopped after {max_extensions} extensions; --max-extensions sets the limit")
    if not result.converged:
        err(f"argmap: warning: {semantics.value} did not converge in {result.iterations} iterations")
    as_json = output_format is OutputFormat.JSON
    if why_id is None:
        typer.echo(evaluation_json(result.to_json()) if as_json else listing(result, framework, texts))
    else:
        reason = why(result, framework, why_id)
        typer.echo(evaluation_json(reason.to_json()) if as_json else why_text(reason, texts))
