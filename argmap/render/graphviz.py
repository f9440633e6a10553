"""DOT text -> SVG, PNG or PDF, through Graphviz.

Two ways to run Graphviz: the `dot` program on PATH ("system"), or the
Graphviz library that the pygraphviz wheel embeds ("embedded"), so diagrams
work where Graphviz is not installed. "auto" prefers the system one, which
the user installed and configured on purpose.

Graphviz's own warnings (such as an unknown colour) go to the
`argmap.render` logger, which Python prints on stderr unless configured.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from argmap.errors import ArgmapError, ToolMissingError, UsageError
from argmap.render.options import BACKENDS

__all__ = ["BACKENDS", "FORMATS", "available_backends", "render_dot", "render_dots"]

FORMATS = ("dot", "svg", "png", "pdf")

log = logging.getLogger("argmap.render")

# Only one thread at a time may point fd 2 elsewhere.
_STDERR_LOCK = threading.Lock()


def available_backends() -> dict[str, bool]:
    """Which backends could run here: {"system": ..., "embedded": ...}."""
    return {"system": _system_dot() is not None, "embedded": _import_pygraphviz() is not None}


def render_dot(dot_text: str, fmt: str, backend: str = "auto") -> bytes:
    """DOT text in format `fmt` (one of FORMATS) made by `backend` (one of
    BACKENDS). "dot" needs no Graphviz: it is the text itself, as UTF-8.

    Raises UsageError for an unknown format or backend, ToolMissingError when
    the backend asked for is not there, ArgmapError when Graphviz fails.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}")
    if backend not in BACKENDS:
        raise UsageError(f"unknown Graphviz backend '{backend}'; choose one of {', '.join(BACKENDS)}")
    if fmt == "dot":
        return dot_text.encode("utf-8")
    dot = _system_dot()
    if backend == "system" or (backend == "auto" and dot is not None):
        if dot is None:
            _, remedy = _pygraphviz_state()
            embedded = "--renderer embedded" if _import_pygraphviz() else f"the embedded one ({remedy})"
            raise ToolMissingError(
                f"system Graphviz: `dot` is not on PATH; install graphviz (apt-get install graphviz) or use {embedded}"
            )
        try:
            return _render_system(dot, dot_text, fmt)
        except _BrokenDotError as exc:
            if backend == "system" or _import_pygraphviz() is None:
                raise ToolMissingError(
                    f"system Graphviz is broken: {exc}; run `dot -c` as root to register its plugins, "
                    "or use --renderer embedded"
                ) from None
            # auto: the Graphviz pygraphviz embeds draws it instead; say so.
            log.warning(
                "argmap: warning: system Graphviz is broken (%s); drawing with the embedded one instead", exc
            )
    pygraphviz = _import_pygraphviz()
    if pygraphviz is None:
        state, remedy = _pygraphviz_state()
        if backend == "embedded":
            raise ToolMissingError(
                f"embedded Graphviz: pygraphviz {state}; {remedy} "
                "or install graphviz (apt-get install graphviz) and use the system one"
            )
        raise ToolMissingError(
            f"no Graphviz: `dot` is not on PATH and pygraphviz {state}; "
            f"install graphviz (apt-get install graphviz) or {remedy}"
        )
    return _render_embedded(pygraphviz.AGraph, dot_text, fmt)


def render_dots(dot_texts: Sequence[str], fmt: str, backend: str = "auto") -> list[bytes]:
    """Several DOT texts drawn, as `render_dot` draws each. The system `dot`
    draws them all in one run (one file each, `-O`): starting `dot` costs
    more than laying out a small graph, and a deck lays out hundreds."""
    dot = _system_dot()
    system = backend == "system" or (backend == "auto" and dot is not None)
    if len(dot_texts) < 2 or not system or dot is None or fmt not in FORMATS or fmt == "dot":
        return [render_dot(text, fmt, backend) for text in dot_texts]
    with tempfile.TemporaryDirectory(prefix="argmap-dot-") as folder:
        inputs = [Path(folder) / f"{index}.dot" for index in range(len(dot_texts))]
        for path, text in zip(inputs, dot_texts, strict=True):
            path.write_text(text, encoding="utf-8")
        try:
            done = subprocess.run(
                [dot, f"-T{fmt}", "-O", *map(str, inputs)], capture_output=True, check=False
            )
        except OSError as exc:
            raise ToolMissingError(f"cannot run {dot}: {exc.strerror or exc}") from None
        messages = _graphviz_lines(done.stderr)
        if done.returncode != 0:
            first = _first_error(messages) or f"exit status {done.returncode}"
            raise ArgmapError(f"Graphviz (dot) failed: {first}")
        _log_warnings(messages)
        return [path.with_name(f"{path.name}.{fmt}").read_bytes() for path in inputs]


class _AGraph(Protocol):
    def draw(self, *, format: str, prog: str) -> bytes: ...


class _Pygraphviz(Protocol):
    """The part of the (untyped) pygraphviz module used here."""

    def AGraph(self, *, string: str) -> _AGraph: ...  # noqa: N802 - pygraphviz's name


def _system_dot() -> str | None:
    return shutil.which("dot")


def _import_pygraphviz() -> _Pygraphviz | None:
    # Imported here, not at the top: it loads the Graphviz C libraries, which
    # commands that draw nothing should not pay for.
    try:
        import pygraphviz
    except ImportError:
        return None
    module: _Pygraphviz = pygraphviz
    return module


def _pygraphviz_state() -> tuple[str, str]:
    """Why pygraphviz cannot draw, and what to do: not installed (install it),
    or installed but not loading (its Graphviz libraries: reinstall it)."""
    if importlib.util.find_spec("pygraphviz") is None:
        return "is not installed", "pip install pygraphviz"
    try:
        import pygraphviz  # noqa: F401 - only to learn why it does not load
    except ImportError as exc:
        return (
            f"is installed but does not load ({exc})",
            "reinstall it (pip install --force-reinstall pygraphviz)",
        )
    return "is installed", "use it with --renderer embedded"


class _BrokenDotError(Exception):
    """The system `dot` cannot draw at all (not the map's fault): no
    plugins registered (mid-install, or `dot -c` never run), or it crashed."""


# What a `dot` without its plugins says, whatever the input.
_BROKEN_DOT_SIGNS = ("not recognized. Use one of", "no layout engine support")


def _render_system(dot: str, dot_text: str, fmt: str) -> bytes:
    try:
        done = subprocess.run(
            [dot, f"-T{fmt}"], input=dot_text.encode("utf-8"), capture_output=True, check=False
        )
    except OSError as exc:
        raise _BrokenDotError(f"cannot run {dot}: {exc.strerror or exc}") from None
    messages = _graphviz_lines(done.stderr)
    if done.returncode != 0:
        first = _first_error(messages) or f"exit status {done.returncode}"
        if done.returncode < 0 or any(sign in line for line in messages for sign in _BROKEN_DOT_SIGNS):
            raise _BrokenDotError(first.removeprefix("<stdin>: ").split(" Use one of")[0].rstrip(".:"))
        # dot names its input "<stdin>", which tells the user nothing.
        raise ArgmapError(f"Graphviz (dot) failed: {first.removeprefix('<stdin>: ')}")
    _log_warnings(messages)
    return done.stdout


def _render_embedded(agraph: Callable[..., _AGraph], dot_text: str, fmt: str) -> bytes:
    """Draw with the embedded Graphviz. Its C code writes messages straight
    to fd 2, past sys.stderr, and the fontconfig it bundles complains there
    about the system's config files; catch fd 2 in a temporary file meanwhile
    and pass on only Graphviz's own messages."""
    with _STDERR_LOCK, tempfile.TemporaryFile() as captured:
        try:
            with _stderr_to(captured.fileno()):
                data = agraph(string=dot_text).draw(format=fmt, prog="dot")
        except Exception as exc:  # pygraphviz raises assorted types for Graphviz errors
            captured.seek(0)
            first = _first_error(_graphviz_lines(captured.read())) or str(exc) or type(exc).__name__
            raise ArgmapError(f"Graphviz failed: {first}") from exc
        captured.seek(0)
        _log_warnings(_graphviz_lines(captured.read()))
    return data


@contextmanager
def _stderr_to(fd: int) -> Iterator[None]:
    """Point file descriptor 2 at `fd` for the block (as C code sees it)."""
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no fd 2 at all: nothing to hide
        yield
        return
    try:
        os.dup2(fd, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _graphviz_lines(stderr: bytes) -> list[str]:
    """Graphviz's messages, one a line (a message's continuation lines, like
    the excerpt under an HTML label error, joined onto it), without
    fontconfig's noise about config files."""
    messages: list[str] = []
    for line in stderr.decode("utf-8", "replace").splitlines():
        if not line.strip() or line.startswith("Fontconfig "):
            continue
        if messages and not line.startswith(("Error", "Warning")):
            messages[-1] += " " + line.strip()
        else:
            messages.append(line.strip())
    return messages


def _first_error(messages: list[str]) -> str | None:
    for message in messages:
        if message.startswith("Error"):
            return message.removeprefix("Error:").strip()
    return messages[0] if messages else None


def _log_warnings(messages: list[str]) -> None:
    for message in messages:
        log.warning("graphviz: %s", message.removeprefix("Warning:").strip())
