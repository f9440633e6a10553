"""Commands built when called: the app lists every command from a static
table (name, where its function lives, its help's first sentence), and
imports a command's module and has typer build its options only when that
command runs, so `argmap validate` does not pay for building twenty others.
`argmap --help` and completing a command name read the table alone."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, NamedTuple

import typer
import typer.core
from typer._click import Command as ClickCommand
from typer._click import Context, HelpFormatter
from typer._click.shell_completion import CompletionItem
from typer._click.utils import make_default_short_help

from argmap.cli.app import guarded
from argmap.errors import ExitCode


class CommandRow(NamedTuple):
    """One command: its name, `module:function` in argmap.cli, the first
    sentence of its help (what `argmap --help` shows; a test keeps it equal
    to the function's docstring), and its exit code for a map with errors
    when not the usual 1."""

    name: str
    target: str
    help: str
    invalid_map: ExitCode | None = None


def build_command(row: CommandRow) -> ClickCommand:
    """The command of a row: its module imported, its options built by typer,
    its body run inside the error boundary."""
    from argmap.cli.command import ArgmapCommand  # with the command, not for --help

    module_name, function_name = row.target.split(":")
    function = getattr(importlib.import_module(f"argmap.cli.{module_name}"), function_name)
    single = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
    single.command(row.name, cls=ArgmapCommand)(guarded(function, invalid_map=row.invalid_map))
    return typer.main.get_command(single)


class _Commands(Mapping[str, ClickCommand]):
    """Name -> command, in the table's order, each built on first use."""

    def __init__(self, rows: tuple[CommandRow, ...]) -> None:
        self.rows = {row.name: row for row in rows}
        self.built: dict[str, ClickCommand] = {}

    def __getitem__(self, name: str) -> ClickCommand:
        if name not in self.built:
            self.built[name] = build_command(self.rows[name])
        return self.built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


class LazyGroup(typer.core.TyperGroup):
    """typer's group with its commands built on use; `rows` is set by
    `lazy_group`."""

    rows: ClassVar[tuple[CommandRow, ...]] = ()

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands(self.rows)  # type: ignore[assignment]

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        # As click lays the list out, from the table: no command is built.
        limit = formatter.width - 6 - max(len(row.name) for row in self.rows)
        with formatter.section("Commands"):
            formatter.write_dl([(row.name, make_default_short_help(row.help, limit)) for row in self.rows])

    def shell_complete(self, ctx: Context, incomplete: str) -> list[CompletionItem]:
        # Command names and their help from the table; then the group's options.
        found = [
            CompletionItem(row.name, help=make_default_short_help(row.help))
            for row in self.rows
            if row.name.startswith(incomplete)
        ]
        return found + super(typer.core.TyperGroup, self).shell_complete(ctx, incomplete)


def lazy_group(rows: tuple[CommandRow, ...]) -> type[LazyGroup]:
    """The group class of an app whose commands are `rows`."""
    return type("ArgmapCommands", (LazyGroup,), {"rows": rows})
