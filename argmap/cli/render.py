"""`argmap render`: a diagram, a web page, Mermaid, or a slide build, drawn
by argmap.render.pipeline, written here; `--watch` renders again on every
save (argmap.io.watch says when)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from argmap.cli.completion import claim_ids
from argmap.cli.console import err, open_map, print_diagnostics
from argmap.cli.streams import FromFormat, is_stdout, refuse_stdin, refuse_stdout
from argmap.errors import ArgmapError, MapInvalidError, UsageError
from argmap.model import Semantics

if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.render.pipeline import Product, RenderRequest


class Backend(StrEnum):
    AUTO = "auto"
    SYSTEM = "system"
    EMBEDDED = "embedded"


class DiagramFormat(StrEnum):  # argmap.render.pipeline.DRAWINGS
    DOT = "dot"
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"
    HTML = "html"
    MMD = "mmd"  # Mermaid, written by argmap itself


class FramesFormat(StrEnum):
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"


def render(
    file: Annotated[
        Path, typer.Argument(help="The map, in any format argmap reads (argmap formats); - for stdin.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Output file; format from its suffix; - for stdout (with --format)."
        ),
    ] = None,
    diagram_format: Annotated[
        DiagramFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="dot, svg, png, pdf, html (a web page) or mmd (Mermaid) (default: from -o).",
        ),
    ] = None,
    direction: Annotated[str, typer.Option(help="BT (conclusions on top), TB, LR or RL.")] = "BT",
    renderer: Annotated[
        Backend, typer.Option(help="Graphviz to use: the system `dot`, the one pygraphviz embeds, or auto.")
    ] = Backend.AUTO,
    root: Annotated[
        str | None, typer.Option(help="Only this claim and what hangs under it.", autocompletion=claim_ids)
    ] = None,
    depth: Annotated[
        int | None,
        typer.Option(min=0, help="Levels below the top claims to draw; deeper ones fold into '+N more'."),
    ] = None,
    side: Annotated[str | None, typer.Option(help="Only claims by this side (and their path up).")] = None,
    tag: Annotated[str | None, typer.Option(help="Only claims with this tag (and their path up).")] = None,
    highlight: Annotated[
        str | None,
        typer.Option(
            help="Make this claim and its path up stand out; fade the rest.", autocompletion=claim_ids
        ),
    ] = None,
    legend: Annotated[bool, typer.Option("--legend/--no-legend", help="Draw a legend.")] = True,
    theme: Annotated[
        str, typer.Option(help="light, dark, print (black and white), talk (large), or a theme .yaml file.")
    ] = "light",
    short_labels: Annotated[
        bool | None,
        typer.Option(
            "--short-labels/--full-labels",
            help="Claims' short `label` instead of their text (default: as the theme says; talk: short).",
        ),
    ] = None,
    fast_layout: Annotated[
        bool | None,
        typer.Option(
            "--fast-layout/--full-layout",
            help="Faster Graphviz settings (default: past 1,000 claims drawn).",
        ),
    ] = None,
    evaluation: Annotated[
        Semantics | None,
        typer.Option(
            "--eval",
            help="Shade claims by status under this semantics: accepted solid, rejected faded and struck, "
            "undecided grey (a gradual semantics: print each strength).",
        ),
    ] = None,
    frames: Annotated[
        Path | None,
        typer.Option(help="Write a slide build into this folder: frame-01.svg, frame-02.svg, ..."),
    ] = None,
    frames_format: Annotated[
        FramesFormat | None, typer.Option(help="Format of the --frames (default: svg).")
    ] = None,
    frames_pdf: Annotated[
        Path | None, typer.Option(help="Write the slide build as one PDF, a frame a page, to present from.")
    ] = None,
    by_side: Annotated[
        bool, typer.Option("--by-side", help="Frames reveal the map exchange by exchange (docs/talks.md).")
    ] = False,
    by_depth: Annotated[
        bool,
        typer.Option("--by-depth", help="Frames reveal the map level by level even when claims have step:."),
    ] = False,
    watch: Annotated[
        bool,
        typer.Option("--watch", help="Render again on every save of the map or its sources; Ctrl-C stops."),
    ] = False,
    from_format: FromFormat = None,
) -> None:
    """Render a map as a diagram, a web page or slides.

    A Graphviz diagram (dot, svg, png, pdf), a web page (html), a Mermaid
    flowchart (mmd), or a slide build (--frames, --frames-pdf).
    """
    from argmap.analysis.slides import Reveal
    from argmap.render import Direction, RenderOptions
    from argmap.render.pipeline import RenderRequest, drawing_format
    from argmap.render.theme_file import resolve_theme

    try:
        rankdir = Direction(direction.upper())
    except ValueError:
        raise UsageError(f"--direction must be one of BT, TB, LR, RL, not {direction!r}") from None
    if by_side and by_depth:
        raise UsageError("--by-side and --by-depth ask for two different orders; choose one")
    output = _stdout_output(output, diagram_format, frames, frames_pdf)
    if watch:
        refuse_stdin(file, "--watch reads the map again on every save")
    slides = frames is not None or frames_pdf is not None
    _refuse_frame_options_without_frames(
        frames is not None,
        slides,
        by_side=by_side,
        by_depth=by_depth,
        frames_format=frames_format is not None,
    )
    if watch and output is None and not slides:
        raise UsageError("--watch needs a file to write: -o, --frames or --frames-pdf")
    fmt = drawing_format(output, diagram_format.value if diagram_format else None, slides=slides)
    _refuse_graphviz_options_without_graphviz(
        fmt, slides, renderer=renderer is not Backend.AUTO, fast_layout=fast_layout is not None
    )

    def request() -> RenderRequest:
        # Made for every render: --watch reads a theme file again each time.
        options = RenderOptions(
            direction=rankdir,
            root=root,
            depth=depth,
            side=side,
            tag=tag,
            highlight=highlight,
            legend=legend,
            theme=resolve_theme(theme),
            short_labels=short_labels,
            fast_layout=fast_layout,
        )
        return RenderRequest(
            options=options,
            fmt=fmt,
            output=output,
            backend=renderer.value,
            semantics=evaluation,
            frames=frames,
            frames_format=(frames_format or FramesFormat.SVG).value,
            frames_pdf=frames_pdf,
            reveal=Reveal.SIDE if by_side else Reveal.DEPTH if by_depth else None,
            terminal=sys.stdout.isatty(),
            parts=True,
        )

    if not watch:
        for message in _render_once(file, request, from_format)[0]:
            err(message)
        return
    _watch(file, request, from_format)


def _stdout_output(
    output: Path | None, named: DiagramFormat | None, frames: Path | None, frames_pdf: Path | None
) -> Path | None:
    """The drawing's file, None for standard output (`-o -`, which needs
    --format: `-` has no suffix); frames go to files only."""
    refuse_stdout(frames, "--frames", "frames are a folder of files")
    refuse_stdout(frames_pdf, "--frames-pdf", "write the frames' PDF to a file")
    if not is_stdout(output):
        return output
    if named is None:
        raise UsageError("-o - writes to standard output: name the format with --format")
    return None


def _refuse_frame_options_without_frames(
    frames: bool, slides: bool, *, by_side: bool, by_depth: bool, frames_format: bool
) -> None:
    """Options of a slide build are refused without one: silently drawing
    one diagram instead is not what was asked."""
    for given, name in ((by_side, "--by-side"), (by_depth, "--by-depth")):
        if given and not slides:
            raise UsageError(
                f"{name} orders the frames of a slide build; add --frames DIR or --frames-pdf FILE"
            )
    if frames_format and not frames:
        raise UsageError("--frames-format is the format of the files --frames writes; add --frames DIR")


def _refuse_graphviz_options_without_graphviz(
    fmt: str | None, slides: bool, *, renderer: bool, fast_layout: bool
) -> None:
    """--renderer chooses the Graphviz that lays out and draws; DOT and
    Mermaid are written without one, and Mermaid has no Graphviz layout
    to make faster (DOT carries the fast settings as graph attributes)."""
    if slides or fmt not in ("dot", "mmd"):
        return
    if renderer:
        raise UsageError(
            f"--renderer chooses the Graphviz that draws svg, png, pdf, html or frames; {fmt} is written without one"
        )
    if fast_layout and fmt == "mmd":
        raise UsageError(
            "--fast-layout and --full-layout set Graphviz's layout; a Mermaid flowchart has none"
        )


def _render_once(
    file: Path, request: Callable[[], RenderRequest], fmt: str | None = None
) -> tuple[list[str], ArgumentMap]:
    """Draw everything asked for, then write it all (nothing on failure):
    the lines to report, and the map drawn."""
    from argmap.cli.spinner import working
    from argmap.render.pipeline import render_files

    asked = request()
    whole = open_map(file, fmt).map
    rendered = render_files(asked, whole, working)
    for product in rendered.products:
        _write(product, [file])
    reports = [f"wrote {product.report}" for product in rendered.products if product.report]
    return [*rendered.notes, *reports], whole


def _write(product: Product, inputs: list[Path]) -> None:
    if product.folder is not None:
        from argmap.io.output import write_folder

        files = {file.path.name: file.data for file in product.files if file.path is not None}
        write_folder(
            product.folder.path,
            files,
            earlier=product.folder.earlier,
            what=product.folder.what,
            inputs=inputs,
        )
        return
    for file in product.files:
        if file.path is None:
            for part in file.parts() if file.parts is not None else [file.data]:
                sys.stdout.buffer.write(part)
            sys.stdout.flush()
        else:
            # Imported for files only (it imports tempfile): standard output needs none.
            from argmap.io.output import write_atomic

            write_atomic(file.path, file.data, inputs=inputs)


def _watch(file: Path, request: Callable[[], RenderRequest], fmt: str | None) -> None:
    """Render, then again on every save, until Ctrl-C (exit 130). A map
    with errors prints its diagnostics and leaves the last good output."""
    from argmap.io.watch import Watch

    watch = Watch(file)
    while True:
        started = time.monotonic()
        try:
            messages, whole = _render_once(file, request, fmt)
        except MapInvalidError as exc:
            print_diagnostics(exc.diagnostics, err=True)
            err(f"argmap: {exc}; keeping the last good output")
        except ArgmapError as exc:
            err(f"argmap: {exc}; keeping the last good output")
        else:
            elapsed = time.monotonic() - started
            for message in messages:
                err(f"{message} ({elapsed:.1f} s)")
            watch.rendered(whole)
        watch.wait()
