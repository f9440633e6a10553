"""From a slides request and a map to the files of its deck: a folder of
slides (SVG, PNG or PDF), one PDF, a PowerPoint deck or a web page deck,
chosen by the output's suffix (no suffix, or an existing folder: a folder).

Nothing is written here: `deck_files` returns the files' bytes, or raises
before any is made, and the CLI writes them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from argmap.analysis.slides import Reveal
from argmap.errors import UsageError
from argmap.io.suffixes import by_suffix
from argmap.model import ArgumentMap, Semantics
from argmap.render.options import RenderOptions
from argmap.render.pipeline import Folder, OutputFile, Product, Rendered
from argmap.render.slides.build import Deck, build_deck
from argmap.render.slides.page import page_for

__all__ = ["DECK_FORMS", "FOLDER_FORMATS", "SlidesRequest", "deck_files", "deck_form", "slide_names"]

FOLDER_FORMATS = ("svg", "png", "pdf")
_SLIDE_NAME = re.compile(r"^slide-\d{2,}\.(svg|png|pdf)$")


@dataclass(frozen=True, slots=True)
class SlidesRequest:
    """Everything one `argmap slides` asks for."""

    output: Path
    options: RenderOptions = field(default_factory=RenderOptions)  # the theme and the focus
    fmt: str | None = None  # a folder's slides: svg, png or pdf (None: svg)
    aspect: str = "16:9"
    backend: str = "auto"
    semantics: Semantics | None = None
    reveal: Reveal | None = None


def _folder(deck: Deck, request: SlidesRequest) -> Product:
    from argmap.render.slides.convert import pdf_pages, pngs

    fmt = request.fmt or "svg"
    svgs = [slide.svg for slide in deck.slides]
    makers: dict[str, Callable[[], list[bytes]]] = {
        "svg": lambda: svgs,
        "png": lambda: pngs(svgs, deck.page),
        "pdf": lambda: pdf_pages(svgs),
    }
    data = makers[fmt]()
    names = slide_names(len(data), fmt)
    files = tuple(OutputFile(request.output / name, page) for name, page in zip(names, data, strict=True))
    earlier = functools.partial(_is_slide_name, fmt=fmt)
    report = f"{len(files)} slides to {request.output} ({names[0]} to {names[-1]})"
    return Product(files, report, Folder(request.output, earlier, "slide"))


def _pdf(deck: Deck, request: SlidesRequest) -> Product:
    from argmap.render.slides.convert import pdf_deck

    data = pdf_deck([slide.svg for slide in deck.slides])
    return Product((OutputFile(request.output, data),), f"{request.output} ({len(deck.slides)} slides)")


def _pptx(deck: Deck, request: SlidesRequest) -> Product:
    from argmap.render.slides.convert import pngs
    from argmap.render.slides.pptx import pptx_deck

    pictures = pngs([slide.untitled for slide in deck.slides], deck.page)
    data = pptx_deck(deck, pictures, request.options.theme)
    return Product((OutputFile(request.output, data),), f"{request.output} ({len(deck.slides)} slides)")


def _html(deck: Deck, request: SlidesRequest) -> Product:
    from argmap.render.slides.html_deck import html_deck

    data = html_deck(deck, request.options.theme.background).encode("utf-8")
    return Product((OutputFile(request.output, data),), f"{request.output} ({len(deck.slides)} slides)")


# Form -> how its files are made from the deck.
DECK_FORMS: dict[str, Callable[[Deck, SlidesRequest], Product]] = {
    "folder": _folder,
    "pdf": _pdf,
    "pptx": _pptx,
    "html": _html,
}
_SUFFIXES = [(".pdf", "pdf"), (".pptx", "pptx"), (".html", "html")]


def deck_form(output: Path, fmt: str | None) -> str:
    """The deck's form: "folder" for an existing folder or a name without a
    suffix, else the form its suffix names; UsageError for any other."""
    if output.is_dir() or not output.suffix:
        return "folder"
    found = by_suffix(output, _SUFFIXES)
    if not found:
        raise UsageError(
            f"{output}: cannot tell the deck's form from '{output.suffix}'; "
            "use a folder (no suffix), .pdf, .pptx or .html"
        )
    if fmt is not None:
        raise UsageError(f"--format {fmt} is for a folder of slides, not a {found[0]} deck")
    return found[0]


def deck_files(request: SlidesRequest, whole: ArgumentMap) -> Rendered:
    """The deck of `whole` in the form `request.output` names (nothing on
    failure); the warnings to tell the user first."""
    form = deck_form(request.output, request.fmt)
    page = page_for(request.aspect)
    options = request.options
    if request.semantics is not None:
        from argmap.render.evaluation import claim_marks

        # Evaluated on the whole map: a focused deck must not change a claim's status.
        options = replace(options, status=claim_marks(whole, request.semantics))
    deck = build_deck(whole, options, page, request.reveal, request.backend)
    product = DECK_FORMS[form](deck, replace(request, options=options))
    return Rendered(deck.warnings, (product,))


def slide_names(count: int, fmt: str) -> list[str]:
    """slide-01.svg, slide-02.svg, ...: two digits, more from 100 slides on."""
    width = max(2, len(str(count)))
    return [f"slide-{number:0{width}d}.{fmt}" for number in range(1, count + 1)]


def _is_slide_name(name: str, fmt: str) -> bool:
    match = _SLIDE_NAME.match(name)
    return match is not None and match.group(1) == fmt
