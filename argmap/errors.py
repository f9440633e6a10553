"""Diagnostics (problems in a user's map, as data) and errors (cannot go on)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

from argmap.model import SourceSpan

__all__ = [
    "ArgmapError",
    "Diagnostic",
    "ExitCode",
    "InputError",
    "MapInvalidError",
    "OutputError",
    "Severity",
    "SourceSpan",
    "ToolMissingError",
    "UsageError",
]


def one_line(message: str) -> str:
    """A message as one line: a line break it quotes (a claim id or text
    written over two lines) shown as `\\n`, so one problem stays one line."""
    if "\n" not in message and "\r" not in message:
        return message
    return message.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r")


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS = 1
    USAGE = 2
    TOOL_MISSING = 3
    INTERNAL = 70  # a bug in argmap (EX_SOFTWARE); the CLI's boundary alone gives it
    INTERRUPTED = 130


@dataclass(frozen=True, slots=True)
class Diagnostic:
    span: SourceSpan
    severity: Severity
    check_id: str
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.span}: {self.severity.value}: {self.message} ({self.check_id})")

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.span.file, self.span.line, self.span.column, self.check_id, self.message)

    @property
    def file(self) -> str:
        return self.span.file

    @property
    def line(self) -> int:
        """1-based, as editors count."""
        return self.span.line

    @property
    def column(self) -> int:
        """1-based, as editors count."""
        return self.span.column


# The check id of a YAML syntax error: the file stops there (exit 2), and
# `argmap checks` lists it beside the checks of readable maps.
SYNTAX_CHECK = "yaml-syntax"


class ArgmapError(Exception):
    """Something that stops a command. `str()` is the one-line message."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, span: SourceSpan | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.span = span

    def __str__(self) -> str:
        if self.span is None:
            return one_line(self.message)
        return one_line(f"{self.span}: error: {self.message}")


class InputError(ArgmapError):
    """The input cannot be read or parsed at all (exit 2)."""


class UsageError(ArgmapError):
    """The command line asks for something impossible (exit 2)."""


class OutputError(ArgmapError):
    """The output cannot be written (exit 2)."""


class MapInvalidError(ArgmapError):
    """The map has errors, so a command that needs a valid map stops (exit 1)."""

    exit_code = ExitCode.PROBLEMS

    def __init__(self, message: str, diagnostics: list[Diagnostic]) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


class ToolMissingError(ArgmapError):
    """No external tool can do what was asked (exit 3)."""

    exit_code = ExitCode.TOOL_MISSING


class SessionInterruptedError(ArgmapError):
    """The user stopped a session (Ctrl-C, or the end of input) that has
    kept what it could; the message says what (exit 130)."""

    exit_code = ExitCode.INTERRUPTED
