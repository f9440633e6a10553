"""The command line: options -> library calls -> output.

The cli package is the only one that prints or decides exit codes. This
module holds the typer app's settings, `--version`, and the error boundary:
every command runs inside `guarded`, which turns argmap's errors into one
line on stderr and an exit code, and `run` does the same for anything else
(a bug in argmap). Exit codes: 0 ok, 1 problems found (or differences, for
diff), 2 usage or unreadable input, 3 missing external tool, 70 internal
error, 130 interrupted. The commands are in the modules beside this one,
named in the table of cli/__init__.py, which builds the app from these
settings and that table.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, ParamSpec

import typer

from argmap import __version__
from argmap.cli.console import err, print_diagnostics
from argmap.cli.terminal import safe_standard_streams
from argmap.errors import ArgmapError, ExitCode, InputError, MapInvalidError
from argmap.io.files import recording_reads

P = ParamSpec("P")

# The app's settings; cli/__init__.py adds the command table.
SETTINGS: dict[str, Any] = {
    "name": "argmap",
    "help": "Argument maps as plain YAML: check them, list them in the terminal, render them as diagrams.",
    "no_args_is_help": True,
    # typer's --install-completion and --show-completion (bash, zsh, fish).
    "add_completion": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}


def _report(exc: BaseException, invalid_map: ExitCode | None = None) -> int:
    """Say on stderr, in one line (after a map's problems), what stopped the
    command, and return the exit code: the one place errors become exit
    codes. `invalid_map` overrides the code of a map with errors."""
    if isinstance(exc, MapInvalidError):
        print_diagnostics(exc.diagnostics, err=True)
        err(f"argmap: {exc}")
        return int(invalid_map if invalid_map is not None else exc.exit_code)
    if isinstance(exc, ArgmapError):
        err(f"argmap: {exc}")
        return int(exc.exit_code)
    if isinstance(exc, KeyboardInterrupt):
        err("argmap: interrupted")
        return int(ExitCode.INTERRUPTED)
    err(f"argmap: internal error: {type(exc).__name__}: {exc} (set ARGMAP_DEBUG=1 for details)")
    return int(ExitCode.INTERNAL)


@contextmanager
def _boundary(invalid_map: ExitCode | None = None) -> Iterator[None]:
    with safe_standard_streams(), recording_reads():
        try:
            yield
        except (ArgmapError, KeyboardInterrupt) as exc:
            raise typer.Exit(_report(exc, invalid_map)) from None
        except OSError as exc:
            # The system refused a file the user named (a name too long, a
            # loop of links, no permission) somewhere no reader caught it:
            # that is the user's input, not a bug in argmap.
            if exc.filename is None:
                raise
            refused = InputError(f"{exc.filename}: {exc.strerror or exc}")
            raise typer.Exit(_report(refused)) from None


def guarded(fn: Callable[P, ExitCode | None], *, invalid_map: ExitCode | None = None) -> Callable[P, None]:
    """A command body run inside the error boundary; the exit code it
    returns (None: 0) ends the command."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        with _boundary(invalid_map):
            code = fn(*args, **kwargs)
        if code:
            raise typer.Exit(int(code))

    return wrapper


def _version(value: bool) -> None:
    if value:
        typer.echo(f"argmap {__version__}")
        raise typer.Exit()


def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Argument maps as plain YAML: check them, list them, render them."""


def run(app: typer.Typer) -> None:
    """Run the app inside the last error boundary (`main` in cli/__init__.py)."""
    # argmap runs for a moment and keeps what it loads until it exits: the
    # cyclic collector would only walk the whole map again and again (a
    # third of the time of validating 50k claims) and find nothing to free.
    gc.disable()
    with safe_standard_streams():
        try:
            # The name shell completion and the usage lines use, also for
            # `python -m argmap`: the command users type.
            app(prog_name="argmap")
        except BrokenPipeError:
            # A closed pipe (argmap show x | head) is not an error.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(int(ExitCode.OK))
        except Exception as exc:
            # A bug in argmap: still one line for the user, the traceback on request.
            if os.environ.get("ARGMAP_DEBUG"):
                raise
            sys.exit(_report(exc))
