"""The last guard between user text and the terminal: while a command runs,
standard output and standard error escape every control character (ESC,
CR, BS, BEL, C1), lone surrogate and non-character that reaches them, so no
map, file name or message can move the cursor, retitle the window or crash
the encoder. Renderers escape for their own targets first (JSON, DOT,
Markdown); this catches whatever a message carries. Rich consoles write to
the stream underneath, since their colours are escape sequences: the
renderers that feed them (render/tree.py, render/diff_text.py) escape the
user text they hold."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from argmap.text import escape_controls


class SafeStream:
    """A text stream that writes through to `stream`, escaping what is unsafe."""

    def __init__(self, stream: TextIO) -> None:
        self.unfiltered = stream

    def write(self, text: str) -> int:
        self.unfiltered.write(escape_controls(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        # flush, fileno, isatty, encoding, errors, buffer...: the stream's own.
        return getattr(self.unfiltered, name)


def unfiltered(stream: TextIO) -> TextIO:
    """The stream under a SafeStream (for Rich, whose styles are escapes)."""
    return stream.unfiltered if isinstance(stream, SafeStream) else stream


@contextmanager
def safe_standard_streams() -> Iterator[None]:
    """sys.stdout and sys.stderr as SafeStreams for the duration."""
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)
    if not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
