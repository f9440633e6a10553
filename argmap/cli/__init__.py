"""The command line: the typer app (app.py: its settings, the error
boundary), and one module per group of commands, named in the table below in
the order `argmap --help` lists them. A command's module is imported, and
its options built, only when it runs (lazy.py).

Adding a command is one row: its name, `module:function` in argmap/cli/,
the first sentence of the function's docstring (tests/test_startup.py keeps
the two equal), and, when a map with errors should not exit 1, that code.
"""

from __future__ import annotations

import typer

from argmap.cli.app import SETTINGS, root, run
from argmap.cli.lazy import CommandRow as C
from argmap.cli.lazy import lazy_group
from argmap.errors import ExitCode

__all__ = ["COMMANDS", "app", "main"]

# fmt: off
COMMANDS = (
    C("validate", "check:validate", "Check maps for mistakes."),
    C("show", "show:show", "List a map in the terminal as a tree."),
    C("list", "check:list_maps", "A table of the maps found."),
    C("coverage", "check:coverage", "Which sentences of a source text the maps quote."),
    C("render", "render:render", "Render a map as a diagram, a web page or slides."),
    C("slides", "slides:slides", "Make a deck of slides for a talk."),
    C("convert", "convert:convert", "Convert a map from one format to another."),
    C("evaluate", "evaluate:evaluate", "Which claims stand."),
    C("schema", "check:schema", "Print the JSON Schema of the YAML map format."),
    C("checks", "check:checks", "List every check validate runs, with its id and severity."),
    C("prep", "debate:prep", "A debate brief for one side."),
    # For diff, 1 means "the versions differ": a map with errors exits 2.
    C("diff", "diff:diff", "What changed in the argument between two versions.", ExitCode.USAGE),
    C("git-setup", "diff:git_setup", "Make git show argument changes in maps."),
    C("git-diff-driver", "diff:git_diff_driver", "Called by git for `git diff` on a map."),
    C("git-textconv", "diff:git_textconv", "Called by git for `git log -p` and `git show` on a map."),
    C("log", "diff:log", "The history of one map, newest first."),
    C("drill", "debate:drill", "Practise answering the other sides' counterclaims."),
    C("formats", "convert:list_formats", "List the formats argmap reads and writes."),
    C("lsp", "language_server:lsp", "Run a language server for editors."),
    C("preview", "preview:preview", "Serve the map's web page, drawn again on every save."),
    C("init", "start:init", "Write a starter map that validates as written."),
    C("schemes", "schemes:schemes", "List the argument schemes and their critical questions."),
    C("where", "where:where", "Where maps use a claim."),
)
# fmt: on

app = typer.Typer(cls=lazy_group(COMMANDS), callback=root, **SETTINGS)


def main() -> None:
    run(app)
