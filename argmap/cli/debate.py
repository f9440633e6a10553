"""Commands that prepare for a debate: `prep` (a brief for one side) and
`drill` (practise answering; the session itself is in drill_prompt.py)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.completion import claim_ids
from argmap.cli.console import err, open_map
from argmap.cli.streams import FromFormat, is_stdout, refuse_stdin
from argmap.errors import UsageError


class BriefFormatName(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"


class BriefPart(StrEnum):
    OPEN = "open"
    QUESTIONS = "questions"
    UNATTACKED = "unattacked"
    ROOTS = "roots"
    GAPS = "gaps"
    CARDS = "cards"


def prep(
    file: Annotated[
        Path, typer.Argument(help="The map, in any format argmap reads (argmap formats); - for stdin.")
    ],
    side: Annotated[str, typer.Option("--side", help="The side to prepare (a declared side id).")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to a file: .md, .html, .txt or .json (format from the suffix); - for stdout.",
        ),
    ] = None,
    brief_format: Annotated[
        BriefFormatName | None, typer.Option("--format", "-f", help="text, markdown, html or json.")
    ] = None,
    root: Annotated[
        str | None, typer.Option(help="Only this claim's line and card.", autocompletion=claim_ids)
    ] = None,
    parts: Annotated[
        list[BriefPart] | None,
        typer.Option(
            "--part", help="Show only these parts (repeat): open, questions, unattacked, roots, gaps, cards."
        ),
    ] = None,
    from_format: FromFormat = None,
) -> None:
    """A debate brief for one side.

    Attacks still unanswered, the other side's claims not yet attacked, how each conclusion stands and its strongest and
    weakest lines, claims with no source, and a card per conclusion.

    Exit 0; 1 when the map has errors; 2 on an unknown side or suffix.
    """
    from argmap.analysis.prep import build_brief
    from argmap.io.output import write_atomic
    from argmap.render.brief import BriefOptions, Part, brief_format_for, render_brief

    to_file = None if is_stdout(output) else output
    name = brief_format_for(to_file, brief_format.value if brief_format else None)
    brief = build_brief(open_map(file, from_format).map, side, root)
    options = BriefOptions(tuple(Part(p.value) for p in parts) if parts else tuple(Part))
    text = render_brief(brief, name, options)
    if to_file is None:
        sys.stdout.write(text)
        return
    write_atomic(to_file, text, inputs=[file])
    err(f"wrote {to_file}")


def drill(
    file: Annotated[
        Path,
        typer.Argument(
            help="The map, in any format argmap reads (argmap formats); - for stdin, with --print."
        ),
    ],
    side: Annotated[str, typer.Option("--side", help="The side you practise answering for.")],
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many questions.")] = None,
    print_sheet: Annotated[
        bool, typer.Option("--print", help="Write the questions and answers instead of asking them.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="With --print: write Markdown to this file (- for stdout)."),
    ] = None,
    results: Annotated[
        Path | None, typer.Option("--results", help="The results file (default: <map>.drill.json beside it).")
    ] = None,
    from_format: FromFormat = None,
) -> None:
    """Practise answering the other sides' counterclaims.

    The counterclaims to SIDE's claims: you answer in your own words, see the rebuttals mapped, and mark yourself
    right or wrong; missed points come back sooner (docs/drill.md).
    """
    from argmap.analysis.drill import default_results_path, side_cards

    if output is not None and not print_sheet:
        raise UsageError("-o/--output goes with --print")
    if results is not None and print_sheet:
        raise UsageError("--print keeps no results; leave out --results")
    if not print_sheet:
        refuse_stdin(file, "drill asks its questions on standard input (--print reads a map from it)")
    amap = open_map(file, from_format).map
    cards = side_cards(amap, side)
    if not cards:
        from argmap.render.drill import side_name

        typer.echo(
            f"Nothing to practise: no other side attacks or undercuts {side_name(amap.sides, side)} "
            f"in {amap.file}."
        )
        return
    if print_sheet:
        from argmap.io.output import write_atomic
        from argmap.render.drill import sheet_markdown, sheet_text

        if output is None:
            typer.echo(sheet_text(cards, amap.sides, side, limit), nl=False)
            return
        markdown = sheet_markdown(cards, amap.sides, side, limit, amap.title)
        if is_stdout(output):
            sys.stdout.write(markdown)
            return
        write_atomic(output, markdown, inputs=[file])
        err(f"wrote {output}")
        return
    from argmap.cli.drill_prompt import run_session

    run_session(cards, amap.sides, side, file, results or default_results_path(file), limit)
