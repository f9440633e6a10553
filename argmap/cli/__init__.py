"""The command line: the typer app (app.py: the error boundary, main), and
one module per group of commands, registered here in the order `argmap
--help` lists them, each inside the error boundary."""

from __future__ import annotations

from argmap.cli import (
    check,
    convert,
    debate,
    diff,
    evaluate,
    language_server,
    preview,
    render,
    schemes,
    show,
    slides,
    start,
)
from argmap.cli.app import app, guarded, main
from argmap.cli.command import ArgmapCommand
from argmap.errors import ExitCode

__all__ = ["app", "main"]

# (name, command, exit code of a map with errors when not the usual 1)
_COMMANDS = (
    ("validate", check.validate, None),
    ("show", show.show, None),
    ("list", check.list_maps, None),
    ("coverage", check.coverage, None),
    ("render", render.render, None),
    ("slides", slides.slides, None),
    ("convert", convert.convert, None),
    ("evaluate", evaluate.evaluate, None),
    ("schema", check.schema, None),
    ("checks", check.checks, None),
    ("prep", debate.prep, None),
    # For diff, 1 means "the versions differ": a map with errors exits 2.
    ("diff", diff.diff, ExitCode.USAGE),
    ("git-setup", diff.git_setup, None),
    ("git-diff-driver", diff.git_diff_driver, None),
    ("git-textconv", diff.git_textconv, None),
    ("log", diff.log, None),
    ("drill", debate.drill, None),
    ("formats", convert.list_formats, None),
    ("lsp", language_server.lsp, None),
    ("preview", preview.preview, None),
    ("init", start.init, None),
    ("schemes", schemes.schemes, None),
)

for _name, _command, _invalid_map in _COMMANDS:
    app.command(_name, cls=ArgmapCommand)(guarded(_command, invalid_map=_invalid_map))
