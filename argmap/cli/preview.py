"""`argmap preview`: the map's web page served on 127.0.0.1, drawn again on
every save of the map or its sources; the open page follows by itself
(argmap.render.live draws it, argmap.io.live_server serves it,
argmap.io.watch says when to draw again)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli.console import err
from argmap.cli.streams import refuse_stdin
from argmap.errors import ArgmapError, InputError, UsageError
from argmap.model import ArgumentMap, Semantics

if TYPE_CHECKING:
    from argmap.render import RenderOptions


@dataclass(frozen=True, slots=True)
class _Attempt:
    """One try at drawing the map: the page (None: not drawn), the map's
    problems, one a line, and the map drawn."""

    page: bytes | None
    problems: tuple[str, ...]
    amap: ArgumentMap | None = None


def preview(
    file: Annotated[Path, typer.Argument(help="The map, in any format argmap reads (argmap formats).")],
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port on 127.0.0.1 to serve on (0: a free one).")
    ] = 0,
    browser: Annotated[
        bool, typer.Option("--browser/--no-browser", help="Open the page in the web browser.")
    ] = True,
    direction: Annotated[str, typer.Option(help="BT (conclusions on top), TB, LR or RL.")] = "BT",
    theme: Annotated[
        str, typer.Option(help="light, dark, print (black and white), talk (large), or a theme .yaml file.")
    ] = "light",
    evaluation: Annotated[
        Semantics | None, typer.Option("--eval", help="Shade claims by status under this semantics.")
    ] = None,
) -> None:
    """Serve the map's web page, drawn again on every save.

    On 127.0.0.1; drawn again on every save of the map or its sources; the open page updates itself. The first line printed
    is the page's address. Ctrl-C stops."""
    from argmap.io.live_server import LivePage, LiveServer
    from argmap.io.watch import Watch
    from argmap.render import Direction, RenderOptions
    from argmap.render.theme_file import resolve_theme

    try:
        rankdir = Direction(direction.upper())
    except ValueError:
        raise UsageError(f"--direction must be one of BT, TB, LR, RL, not {direction!r}") from None
    refuse_stdin(file, "preview reads the map again on every save")
    if not file.is_file():
        raise InputError(f"{file}: no such file" if not file.exists() else f"{file}: not a file")

    def options() -> RenderOptions:  # made for every drawing: a theme file is read again
        return RenderOptions(direction=rankdir, theme=resolve_theme(theme))

    first = _attempt(file, options, evaluation, 1)
    live = LivePage(first.page or _empty_page(file, options(), evaluation), first.problems)
    server = LiveServer(live, port)
    try:
        server.start()
        typer.echo(server.url)
        _say(first)
        err(f"argmap: previewing {file} at {server.url}; Ctrl-C stops")
        if browser:
            _open_browser(server.url)
        watch = Watch(file)
        if first.amap is not None:
            watch.rendered(first.amap)
        while True:
            watch.wait()
            attempt = _attempt(file, options, evaluation, live.next_version)
            _say(attempt)
            if attempt.page is None:
                live.report(attempt.problems)
                continue
            live.publish(attempt.page, attempt.problems)
            assert attempt.amap is not None
            watch.rendered(attempt.amap)
    finally:
        server.stop()


def _attempt(
    file: Path, options: Callable[[], RenderOptions], semantics: Semantics | None, version: int
) -> _Attempt:
    """Load, check and draw the map as drawing number `version`; a map that
    cannot be read or has errors gives its problems and no page."""
    from argmap.checks.gate import check_file
    from argmap.render.live import live_page

    try:
        checked = check_file(file)
    except InputError as exc:
        return _Attempt(None, (str(exc),))
    problems = tuple(str(diagnostic) for diagnostic in checked.diagnostics)
    if checked.errors:
        return _Attempt(None, problems)
    try:
        return _Attempt(live_page(checked.map, options(), version, semantics), problems, checked.map)
    except ArgmapError as exc:
        return _Attempt(None, (*problems, str(exc)))


def _empty_page(file: Path, options: RenderOptions, semantics: Semantics | None) -> bytes:
    """The page before the first good drawing: no claims, the problems above."""
    from argmap.render.live import live_page

    return live_page(ArgumentMap(title=file.name, file=str(file)), options, 1, semantics)


def _say(attempt: _Attempt) -> None:
    for line in attempt.problems:
        err(line)
    if attempt.page is None:
        err("argmap: the map cannot be drawn; the page keeps the last good drawing")
    elif attempt.amap is not None:
        err(f"argmap: drew {len(attempt.amap.claims)} claims")


def _open_browser(url: str) -> None:
    import webbrowser

    if not webbrowser.open(url):
        err(f"argmap: no web browser found; open {url}")
