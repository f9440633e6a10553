"""The class of every argmap command: typer's, with two rules of its own.

An option that takes one value, given twice, is refused (Click would keep
the last silently: `-o a.svg -o b.html` wrote only b.html). Usage lines name
arguments as `FILE`, `[OUTPUT]`, `FILES...`, not typer's `{file}`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import typer
from typer.core import TyperCommand

from argmap.cli.console import err
from argmap.errors import ExitCode


class ArgmapCommand(TyperCommand):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        twice = repeated_option(self.params, args)
        if twice is not None:
            err(f"argmap: {twice} is given twice; it takes one value (run the command once for each)")
            raise typer.Exit(int(ExitCode.USAGE))
        parsed: list[str] = super().parse_args(ctx, args)
        return parsed

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        pieces += [_usage_name(p) for p in self.get_params(ctx) if p.param_type_name == "argument"]
        return pieces


def _usage_name(argument: Any) -> str:
    name = str(argument.metavar or argument.name).upper() + ("..." if argument.nargs != 1 else "")
    return name if argument.required else f"[{name}]"


def _single_valued(params: Iterable[Any]) -> dict[str, str]:
    """Each spelling (`-o`, `--output`) of an option taking one value, to its long name."""
    names: dict[str, str] = {}
    for param in params:
        if param.param_type_name != "option" or param.multiple or param.is_flag or param.count:
            continue
        long = max(param.opts, key=len)
        names.update((spelling, long) for spelling in param.opts)
    return names


def repeated_option(params: Iterable[Any], args: Sequence[str]) -> str | None:
    """The first option taking one value that `args` give twice, or None."""
    spellings = _single_valued(params)
    seen: set[str] = set()
    position = 0
    while position < len(args):
        arg = args[position]
        position += 1
        if arg == "--":
            break
        name, attached = _option_name(arg, spellings)
        if name is None:
            continue
        if name in seen:
            return name
        seen.add(name)
        if not attached:
            position += 1  # its value, which may begin with "-"
    return None


def _option_name(arg: str, spellings: dict[str, str]) -> tuple[str | None, bool]:
    """The option `arg` gives, and whether its value is attached (`--x=1`, `-o1`)."""
    if arg.startswith("--"):
        head, equals, _ = arg.partition("=")
        return spellings.get(head), bool(equals)
    if arg.startswith("-") and len(arg) >= 2:
        return spellings.get(arg[:2]), len(arg) > 2
    return None, False
