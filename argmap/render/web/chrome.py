"""The page around a drawing: its colours, from the diagram's theme, and the
markup of its controls.

The colours are CSS custom properties on `:root` (`--argmap-page`,
`--argmap-text`, ...), mixed from the theme's background and text colours,
so a dark theme's map sits in a dark page with a dark details panel, and
`color-scheme` tells the browser to draw its own controls (the search box)
to match. The rules that use them (`CHROME_STYLE`) are the same for every
theme. Every control has an accessible name; the page's own elements are
found by class, never by id, so no claim id (the SVG's element ids) can
clash with them.
"""

from __future__ import annotations

import html

from argmap.render.dot.looks import mix
from argmap.render.themes import LIGHT, Theme
from argmap.text import escape_controls

__all__ = [
    "CHROME_STYLE",
    "chrome_style",
    "details_panel",
    "header_bar",
    "palette",
    "search_box",
    "zoom_buttons",
]

_NAMED = {"white": "#ffffff", "black": "#000000"}


def _hex(colour: str | None, fallback: str) -> str:
    """A theme colour as #rrggbb for mixing; `fallback` for a colour name
    CSS and Graphviz know but argmap cannot mix."""
    if colour is None:
        return fallback
    return mix(_NAMED.get(colour.lower(), colour), "#000000", 1) or fallback


def _luminance(colour: str) -> float:
    """WCAG relative luminance of #rrggbb."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def palette(theme: Theme) -> dict[str, str]:
    """The page's colours for a drawing in `theme`: CSS property -> value."""
    page = _hex(theme.background, "#ffffff")
    text = _hex(theme.text, "#1d1d1d")
    accent = _hex(theme.sides[0].border if theme.sides else None, _hex(LIGHT.sides[0].border, "#1565c0"))

    def shade(share: float) -> str:
        return mix(text, page, share) or text

    return {
        "color-scheme": "dark" if _luminance(page) < 0.2 else "light",
        "--argmap-page": page,
        "--argmap-text": text,
        "--argmap-muted": shade(0.68),
        "--argmap-bar": shade(0.05),
        "--argmap-panel": shade(0.03),
        "--argmap-border": shade(0.25),
        "--argmap-accent": accent,
    }


def chrome_style(theme: Theme) -> str:
    """The page's style sheet for a drawing in `theme`."""
    properties = " ".join(f"{name}: {value};" for name, value in palette(theme).items())
    return f"\n:root {{ {properties} }}{CHROME_STYLE}"


CHROME_STYLE = """
html, body { margin: 0; height: 100%; font: 15px/1.45 system-ui, "DejaVu Sans", sans-serif;
  color: var(--argmap-text); background: var(--argmap-page); }
body { display: flex; flex-direction: column; }
:focus-visible { outline: 3px solid var(--argmap-accent); outline-offset: 2px; }
.argmap-bar { display: flex; align-items: center; flex-wrap: wrap; gap: .5rem; padding: .4rem .8rem;
  border-bottom: 1px solid var(--argmap-border); background: var(--argmap-bar); }
.argmap-bar h1 { font-size: 1rem; margin: 0 auto 0 0; font-weight: 600; }
.argmap-bar button, .argmap-search input { font: inherit; color: inherit; padding: .15rem .5rem;
  border: 1px solid var(--argmap-border); border-radius: .3rem; background: var(--argmap-page); }
.argmap-bar button { min-width: 2.2rem; cursor: pointer; }
.argmap-search { display: flex; align-items: center; gap: .4rem; }
.argmap-search input { width: 14rem; }
.argmap-found { font-size: .85rem; color: var(--argmap-muted); min-width: 5rem; }
.argmap-zoom { display: flex; gap: .3rem; }
.argmap-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; }
.argmap-details { width: min(24rem, 40vw); overflow-y: auto; padding: .8rem 1rem;
  border-left: 1px solid var(--argmap-border); background: var(--argmap-panel); }
.argmap-details[hidden] { display: none; }
.argmap-details h2 { font-size: 1.05rem; margin: 0 0 .6rem; }
.argmap-details dl { margin: 0; }
.argmap-details dt { font-size: .8rem; color: var(--argmap-muted); margin-top: .6rem; text-transform: uppercase; }
.argmap-details dd { margin: 0; }
.argmap-details blockquote { margin: .2rem 0 .4rem; padding-left: .6rem; border-left: 3px solid var(--argmap-border); }
.argmap-details cite { display: block; font-size: .85rem; color: var(--argmap-muted); font-style: normal; }
.argmap-details .argmap-close { float: right; font: inherit; color: inherit; cursor: pointer;
  border: 1px solid var(--argmap-border); border-radius: .3rem; background: var(--argmap-page); }
"""


def search_box() -> str:
    """A search field, labelled, with a line that says what it found."""
    return (
        '<div class="argmap-search" role="search">'
        '<label><span class="argmap-hidden">Find a claim</span>'
        '<input type="search" placeholder="Find a claim (/)" autocomplete="off" spellcheck="false"></label>'
        '<output class="argmap-found" aria-live="polite"></output></div>'
    )


def zoom_buttons() -> str:
    """Zoom out, zoom in, fit: each named for assistive technology, its key in its tooltip."""
    buttons = (
        ("out", "Zoom out", "-", "\u2212"),
        ("in", "Zoom in", "+", "+"),
        ("fit", "Fit the map", "0", "Fit"),
    )
    return (
        '<div class="argmap-zoom" role="group" aria-label="Zoom">'
        + "".join(
            f'<button type="button" data-action="{action}" aria-label="{name}" title="{name} ({key})">{face}</button>'
            for action, name, key, face in buttons
        )
        + "</div>"
    )


def header_bar(title: str, *controls: str) -> str:
    """The bar on top: the title (plain text, escaped here), then controls (markup)."""
    return f'<header class="argmap-bar"><h1>{html.escape(escape_controls(title))}</h1>{"".join(controls)}</header>\n'


def details_panel() -> str:
    """The panel a claim's details open in, empty and hidden."""
    return '<aside class="argmap-details" hidden aria-label="Claim details" aria-live="polite"></aside>\n'
