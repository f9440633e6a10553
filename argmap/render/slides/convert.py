"""A slide's SVG as PNG or PDF, through librsvg's `rsvg-convert`.

Graphviz cannot read SVG, and a slide is Graphviz's drawing placed on a
page of a fixed size, so a tool that draws SVG makes the PNG and PDF
slides: librsvg (cairo and pango underneath, as Graphviz's own PNG and
PDF are made, so fonts and fallbacks for other scripts match).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from argmap.errors import ArgmapError, ToolMissingError
from argmap.render.pdf import merge_pdfs
from argmap.render.slides.page import Page

__all__ = ["pdf_deck", "pdf_pages", "png", "pngs"]

_MISSING = (
    "rsvg-convert is not on PATH: PNG, PDF and PowerPoint decks need librsvg "
    "(apt-get install librsvg2-bin; brew install librsvg); SVG and HTML decks do not"
)


def _run(arguments: list[str], svg: bytes) -> bytes:
    program = shutil.which("rsvg-convert")
    if program is None:
        raise ToolMissingError(_MISSING)
    try:
        done = subprocess.run([program, *arguments], input=svg, capture_output=True, check=False)
    except OSError as exc:
        raise ToolMissingError(f"cannot run {program}: {exc.strerror or exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ArgmapError(
            f"rsvg-convert failed: {message[0] if message else f'exit status {done.returncode}'}"
        )
    return done.stdout


def png(svg: bytes, page: Page, height: int = 1080) -> bytes:
    """The slide as a PNG `height` pixels high (1920 x 1080 for 16:9)."""
    width, height = page.pixels(height)
    return _run(["--format", "png", "--width", str(width), "--height", str(height)], svg)


def pngs(svgs: Sequence[bytes], page: Page) -> list[bytes]:
    """Every slide as `png` makes it, one rsvg-convert per core at a time
    (it draws one PNG a run), in order."""
    return _each(svgs, lambda svg: png(svg, page))


def pdf_pages(svgs: Sequence[bytes]) -> list[bytes]:
    """Each slide as a one-page PDF of the page's size in points, without
    the time of drawing (merge_pdfs leaves cairo's /Info out)."""
    return _each(svgs, lambda svg: merge_pdfs([_run(["--format", "pdf"], svg)]))


def pdf_deck(svgs: Sequence[bytes]) -> bytes:
    """Every slide as a page of one PDF, drawn in one rsvg-convert run (it
    takes several SVG files for one PDF), without the time of drawing."""
    with tempfile.TemporaryDirectory(prefix="argmap-slides-") as folder:
        names = [Path(folder) / f"slide-{number}.svg" for number in range(1, len(svgs) + 1)]
        for name, svg in zip(names, svgs, strict=True):
            name.write_bytes(svg)
        return merge_pdfs([_run(["--format", "pdf", *map(str, names)], b"")])


def _each(svgs: Sequence[bytes], convert: Callable[[bytes], bytes]) -> list[bytes]:
    with ThreadPoolExecutor(max_workers=max(1, min(len(svgs), os.cpu_count() or 1))) as pool:
        return list(pool.map(convert, svgs))
