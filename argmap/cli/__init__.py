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
    C("validate", "check:validate", "Check maps for mistakes: one problem a line, as file:line:col: severity: message (check-id)."),
    C("show", "show:show", "List a map in the terminal as a tree: + supports, - attacks, ~ undercuts, & linked premises."),
    C("list", "check:list_maps", "A table of the maps found: file, title, claims, supports, attacks, sides, and whether each validates."),
    C("coverage", "check:coverage", "Which sentences of a source text the maps quote: the percentage, and the sentences no claim quotes, in order, as file:line:col."),
    C("render", "render:render", "Render a map as a Graphviz diagram (dot, svg, png, pdf), a web page (html), a Mermaid flowchart (mmd), or a slide build (--frames, --frames-pdf)."),
    C("slides", "slides:slides", "Make a deck of slides for a talk: every claim legible on a slide of the chosen shape (docs/talks.md)."),
    C("convert", "convert:convert", "Convert a map from one format to another (`argmap formats` lists them): losslessly between argmap's YAML and JSON forms; other formats may hold less."),
    C("evaluate", "evaluate:evaluate", "Which claims stand: each claim in, out or undecided (grounded), the extensions (complete, preferred, stable), or its strength under a gradual semantics (dfquad, quad, euler, quadratic-energy, h-categorizer)."),
    C("schema", "check:schema", "Print the JSON Schema of the YAML map format (for editor completion and checks)."),
    C("checks", "check:checks", "List every check validate runs, with its id and severity."),
    C("prep", "debate:prep", "A debate brief for one side: attacks still unanswered, the other side's claims not yet attacked, how each conclusion stands and its strongest and weakest lines, claims with no source, and a card per conclusion."),
    # For diff, 1 means "the versions differ": a map with errors exits 2.
    C("diff", "diff:diff", "What changed in the argument between two versions of a map: claims added, removed, renamed, reworded, moved; relations added, removed, retyped; sides, sources and the title (docs/diff.md).", ExitCode.USAGE),
    C("git-setup", "diff:git_setup", "Make `git diff`, `git log -p` and `git show` on maps show argument changes, in the current repository: sets diff.argmap.command and diff.argmap.textconv in its .git/config and adds `<pattern> diff=argmap` lines to .gitattributes (keeping what is there)."),
    C("git-diff-driver", "diff:git_diff_driver", "Called by git (diff.argmap.command) for `git diff` on a map: prints the argument changes; a version argmap cannot read gets a plain line diff."),
    C("git-textconv", "diff:git_textconv", "Called by git (diff.argmap.textconv) for `git log -p` and `git show`: prints the map one claim a line; a file argmap cannot read as it is."),
    C("log", "diff:log", "The history of one map, newest first, following renames: one line per commit with its hash, date, subject and argument changes."),
    C("drill", "debate:drill", "Practise answering the other sides' counterclaims to SIDE's claims: you answer in your own words, see the rebuttals mapped, and mark yourself right or wrong; missed points come back sooner (docs/drill.md)."),
    C("formats", "convert:list_formats", "List the formats argmap reads and writes: name, suffixes, read/write, what it is."),
    C("lsp", "language_server:lsp", "Run a language server for editors over standard input and output: validate's diagnostics as you type, go to definition, references, hover, rename, completion, an outline, quick fixes and folding."),
    C("preview", "preview:preview", "Serve the map's web page on 127.0.0.1 and draw it again on every save of the map or its sources; the open page updates itself."),
    C("init", "start:init", "Write a starter map that validates as written: a title, two sides, a claim with a premise and an objection, and a source whose quote is checked against the source text written beside it (sources/NAME.txt)."),
    C("schemes", "schemes:schemes", "List the argument schemes (the built-in catalogue) and their critical questions."),
    C("where", "where:where", "Where maps use a claim: its definition, where its map names it, and where other maps refer to it (FILE#ID), one place a line as file:line:col, sorted."),
)
# fmt: on

app = typer.Typer(cls=lazy_group(COMMANDS), callback=root, **SETTINGS)


def main() -> None:
    run(app)
