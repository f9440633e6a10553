"""A slide's page: its fixed size, the box the drawing fits into, and the
slide as SVG (the drawing placed, the title and marks around it).

The page is the slide at real size in points: 13.333 x 7.5 in (960 x 540
pt) for 16:9, 10 x 7.5 in (720 x 540 pt) for 4:3. At 1920 pixels wide a
16:9 point is two pixels, so 18-pt text is 36 pixels high.

Graphviz draws each part; this module nests its SVG, scaled, in a page
of the slide's size. The title and the marks are SVG text elements that
ElementTree escapes; Graphviz's drawing is taken as the XML tree it is.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from argmap.errors import UsageError
from argmap.render.dot.labels import num
from argmap.render.themes import Theme

__all__ = ["ASPECTS", "MIN_TEXT", "Page", "Placed", "page_for", "slide_svg", "svg_size", "title_size"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

# Characters XML cannot carry (a title is user text).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

MIN_TEXT = 18.0  # points at real size: claim text no smaller on a content slide
MAX_TEXT = 32.0  # points: a small part is not blown up past this
MIN_TITLE = 28.0  # points: a slide's title at least
MARGIN = 24.0  # points around the page's content
MARK_SIZE = 14.0  # points: the small line at the foot ("overview", "3 / 12")


@dataclass(frozen=True, slots=True)
class Page:
    aspect: str  # "16:9"
    width: float  # points
    height: float

    def pixels(self, height: int = 1080) -> tuple[int, int]:
        """The page's size in pixels at `height` pixels high (1920 x 1080 for 16:9)."""
        return round(self.width * height / self.height), height


ASPECTS = {"16:9": Page("16:9", 960.0, 540.0), "4:3": Page("4:3", 720.0, 540.0)}


def page_for(aspect: str) -> Page:
    """The page of `aspect` ("16:9" or "4:3"); UsageError for anything else."""
    page = ASPECTS.get(aspect.strip().replace(" ", ""))
    if page is None:
        raise UsageError(f"--aspect must be 16:9 or 4:3 (W:H), not {aspect!r}")
    return page


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a drawing goes on the page: its box's corner and its scale."""

    x: float
    y: float
    scale: float


def title_size(theme: Theme) -> float:
    """A slide's title: the theme's title size, but never small on a slide."""
    return max(theme.title_size, MIN_TITLE)


def title_band(theme: Theme) -> float:
    return MARGIN + title_size(theme) * 1.5


def drawing_box(page: Page, theme: Theme) -> tuple[float, float, float, float]:
    """(x, y, width, height) of the part of the page a drawing may fill."""
    top = title_band(theme)
    return MARGIN, top, page.width - 2 * MARGIN, page.height - top - MARGIN - MARK_SIZE


def place(page: Page, theme: Theme, width: float, height: float, most: float) -> Placed:
    """A drawing of `width` x `height` points scaled to fill the drawing box
    (at most `most` times), centred in it."""
    x, y, box_width, box_height = drawing_box(page, theme)
    scale = min(box_width / width, box_height / height, most)
    return Placed(x + (box_width - width * scale) / 2, y + (box_height - height * scale) / 2, scale)


def svg_size(svg: bytes) -> tuple[float, float]:
    """A Graphviz SVG's size in points, from its viewBox."""
    box = (ET.fromstring(svg).get("viewBox") or "").split()
    if len(box) != 4:
        raise ValueError("Graphviz drew an SVG without a viewBox")
    return float(box[2]), float(box[3])


def slide_svg(
    page: Page, theme: Theme, title: str | None, drawing: bytes, placed: Placed, mark: str
) -> bytes:
    """The slide as SVG: the theme's background, `title` at the top (None:
    none, for a deck that writes the title itself), Graphviz's `drawing`
    where `placed` says, and `mark` small at the foot."""
    root = ET.Element(
        f"{{{SVG_NS}}}svg",
        {
            "width": f"{num(page.width)}pt",
            "height": f"{num(page.height)}pt",
            "viewBox": f"0 0 {num(page.width)} {num(page.height)}",
            "class": "argmap-slide",
        },
    )
    ET.SubElement(
        root,
        f"{{{SVG_NS}}}rect",
        {"width": num(page.width), "height": num(page.height), "fill": theme.background},
    )
    colour = theme.text or "#000000"
    if title:
        size = title_size(theme)
        _text(root, title, MARGIN, MARGIN + size, size, colour, theme, "argmap-title")
    inner = ET.fromstring(drawing)
    width, height = svg_size(drawing)
    inner.set("x", _round(placed.x))
    inner.set("y", _round(placed.y))
    inner.set("width", _round(width * placed.scale))
    inner.set("height", _round(height * placed.scale))
    root.append(inner)
    if mark:
        _text(
            root,
            mark,
            page.width - MARGIN,
            page.height - MARGIN / 2,
            MARK_SIZE,
            theme.id_colour,
            theme,
            "argmap-mark",
            anchor="end",
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    ).encode()


def _text(
    root: ET.Element,
    text: str,
    x: float,
    y: float,
    size: float,
    colour: str,
    theme: Theme,
    kind: str,
    anchor: str = "start",
) -> None:
    element = ET.SubElement(
        root,
        f"{{{SVG_NS}}}text",
        {
            "x": _round(x),
            "y": _round(y),
            "font-family": theme.font,
            "font-size": num(size),
            "fill": colour,
            "text-anchor": anchor,
            "class": kind,
        },
    )
    element.text = _NOT_XML.sub("\ufffd", text)


def _round(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
