"""`argmap slides`: a map as a deck of slides for a talk, planned and drawn
by argmap.render.slides, written here."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from argmap.cli.completion import claim_ids
from argmap.cli.console import err, open_map
from argmap.cli.render import Backend
from argmap.cli.streams import FromFormat, refuse_stdout
from argmap.errors import UsageError
from argmap.model import Semantics


class SlideFormat(StrEnum):  # argmap.render.slides.decks.FOLDER_FORMATS
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"


def slides(
    file: Annotated[
        Path, typer.Argument(help="The map, in any format argmap reads (argmap formats); - for stdin.")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="A folder (slide-01.svg, ...), a .pdf (a slide a page), a .pptx or an .html deck.",
        ),
    ],
    slide_format: Annotated[
        SlideFormat | None,
        typer.Option("--format", "-f", help="The slides of a folder: svg (default), png or pdf."),
    ] = None,
    aspect: Annotated[str, typer.Option(help="The slides' shape: 16:9 or 4:3.")] = "16:9",
    theme: Annotated[
        str, typer.Option(help="talk (large), light, dark, print, or a theme .yaml file.")
    ] = "talk",
    root: Annotated[
        str | None, typer.Option(help="Only this claim and what hangs under it.", autocompletion=claim_ids)
    ] = None,
    depth: Annotated[int | None, typer.Option(min=0, help="Levels below the top claims to show.")] = None,
    side: Annotated[str | None, typer.Option(help="Only claims by this side (and their path up).")] = None,
    tag: Annotated[str | None, typer.Option(help="Only claims with this tag (and their path up).")] = None,
    evaluation: Annotated[
        Semantics | None,
        typer.Option("--eval", help="Shade claims by their status under this semantics, as render does."),
    ] = None,
    by_side: Annotated[
        bool, typer.Option("--by-side", help="Reveal exchange by exchange (docs/talks.md).")
    ] = False,
    by_depth: Annotated[
        bool, typer.Option("--by-depth", help="Reveal level by level even when claims have step:.")
    ] = False,
    renderer: Annotated[
        Backend, typer.Option(help="Graphviz to use: the system `dot`, the one pygraphviz embeds, or auto.")
    ] = Backend.AUTO,
    from_format: FromFormat = None,
) -> None:
    """Make a deck of slides for a talk.

    Every claim legible on a slide of the chosen shape (docs/talks.md).
    """
    from argmap.analysis.slides import Reveal
    from argmap.cli.spinner import working
    from argmap.io.output import write_atomic, write_folder
    from argmap.render import RenderOptions
    from argmap.render.slides.decks import SlidesRequest, deck_files
    from argmap.render.slides.page import page_for
    from argmap.render.theme_file import resolve_theme

    if by_side and by_depth:
        raise UsageError("--by-side and --by-depth ask for two different orders; choose one")
    refuse_stdout(output, "-o", "a deck is a folder or a .pdf, .pptx or .html file, named by its suffix")
    page_for(aspect)  # a bad --aspect fails before the map is read
    request = SlidesRequest(
        output=output,
        options=RenderOptions(root=root, depth=depth, side=side, tag=tag, theme=resolve_theme(theme)),
        fmt=slide_format.value if slide_format else None,
        aspect=aspect,
        backend=renderer.value,
        semantics=evaluation,
        reveal=Reveal.SIDE if by_side else Reveal.DEPTH if by_depth else None,
    )
    whole = open_map(file, from_format).map
    with working(len(whole.claims)):
        rendered = deck_files(request, whole)
    for note in rendered.notes:
        err(note)
    for product in rendered.products:
        if product.folder is not None:
            files = {f.path.name: f.data for f in product.files if f.path is not None}
            write_folder(
                product.folder.path, files, earlier=product.folder.earlier, what="slide", inputs=[file]
            )
        else:
            for out in product.files:
                if out.path is not None:
                    write_atomic(out.path, out.data, inputs=[file])
        err(f"wrote {product.report}")
