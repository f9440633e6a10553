"""`argmap schemes`: the argument schemes a map may name, with their
critical questions."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.choices import OutputFormat
from argmap.cli.console import open_map, stdout_console
from argmap.cli.streams import FromFormat


def schemes(
    ids: Annotated[
        list[str] | None, typer.Argument(help="Scheme ids to show in full (all, one a line, when none).")
    ] = None,
    map_file: Annotated[
        Path | None,
        typer.Option("--map", help="Also list this map's own schemes (its 'schemes:'); - for stdin."),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="text: for people; json: {schemes: [{id, name, critical_questions}]}."
        ),
    ] = OutputFormat.TEXT,
    from_format: FromFormat = None,
) -> None:
    """List the argument schemes and their critical questions.

    The built-in catalogue, and the map's own schemes when a map is given.
    """
    from argmap.model import ArgumentMap
    from argmap.render.schemes import scheme_details, scheme_list
    from argmap.schemes import map_schemes, scheme_dict, select_schemes

    amap = open_map(map_file, from_format).map if map_file is not None else ArgumentMap()
    chosen = select_schemes(map_schemes(amap), ids or ())
    if output_format is OutputFormat.JSON:
        document = {"schemes": [scheme_dict(s) for s in chosen]}
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return
    text = scheme_details(chosen) if ids else scheme_list(chosen)
    stdout_console().print(text, end="")
