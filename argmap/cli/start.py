"""`argmap init`: a starter map to begin from, with the source text it
quotes and the JSON Schema its first line names."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.console import err
from argmap.errors import UsageError

DEFAULT_FILE = Path("argument.argmap.yaml")


def init(
    file: Annotated[
        Path,
        typer.Argument(
            help="The map to write, a .yaml file (default: argument.argmap.yaml); never written over."
        ),
    ] = DEFAULT_FILE,
) -> None:
    """Write a starter map that validates as written.

    A title, two sides, a claim with a premise and an objection, and a source
    whose quote is checked against the source text written beside it (sources/NAME.txt). The JSON Schema its first
    line names (argmap.schema.json) is written beside it too, unless there is one.
    Refuses to write over any file."""
    from argmap.formats.native.schema import schema_text
    from argmap.formats.native.starter import SCHEMA_FILE, starter
    from argmap.io.output import write_new

    if file.suffix.lower() not in {".yaml", ".yml"}:
        raise UsageError(f"{file}: a map from init is YAML; name a .yaml file")
    made = starter(file.name)
    files: dict[Path, str] = {file: made.map_text, file.parent / made.source_path: made.source_text}
    schema = file.parent / SCHEMA_FILE
    kept = schema.exists()
    if not kept:
        files[schema] = schema_text()
    write_new(files)
    for path in files:
        err(f"wrote {path}")
    if kept and schema.read_text(encoding="utf-8", errors="replace") != schema_text():
        err(f"argmap: kept {schema} as it is; `argmap schema > {schema}` brings it up to date")
