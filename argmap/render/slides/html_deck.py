"""A deck as one self-contained web page (`slides -o talk.html`).

Each slide is its SVG as an image (a `data:` URI, so the claims' ids,
which every slide's drawing repeats, never clash in one document), one
slide shown at a time, as large as the window allows. The page loads
nothing: its style and script are inline, and a Content-Security-Policy
with `default-src 'none'` and their hashes refuses anything else.

Keys, as presenters and their clickers send them: Right, Down, Page Down,
Space and Enter go forward; Left, Up, Page Up and Backspace back; Home and
End to the first and last slide; a click goes forward. The address's
`#3` names the slide shown, so a reload stays there. N shows or hides the
speaker's notes (as the PowerPoint deck has them: each new claim's whole
text, its quote and notes) in a strip over the slide's foot.

User text reaches the page in the slides' SVG (XML-escaped there, then
base64), in the titles and in the notes (control characters made visible,
then `html.escape`).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

from argmap.render.slides.build import Deck
from argmap.text import escape_controls

__all__ = ["html_deck"]

_COLOUR = re.compile(r"#[0-9A-Fa-f]{3,8}|[A-Za-z]+")

_STYLE = """
html, body { margin: 0; height: 100%; overflow: hidden; }
.argmap-slide { position: fixed; inset: 0; display: flex; align-items: center; justify-content: center; }
.argmap-slide[hidden] { display: none; }
.argmap-slide img { width: 100vw; height: 100vh; object-fit: contain; user-select: none; }
.argmap-notes { position: fixed; left: 0; right: 0; bottom: 0; max-height: 40vh; overflow: auto; margin: 0;
  padding: 1em 1.5em; background: rgba(0, 0, 0, 0.85); color: #fff; font: 20px/1.4 sans-serif;
  white-space: pre-wrap; }
.argmap-notes[hidden] { display: none; }
"""

_SCRIPT = """
(() => {
  "use strict";
  const slides = [...document.querySelectorAll(".argmap-slide")];
  const notes = document.querySelector(".argmap-notes");
  let shown = 0;
  const go = (index) => {
    shown = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach((slide, at) => { slide.hidden = at !== shown; });
    notes.textContent = slides[shown].querySelector("template").content.textContent;
    document.title = slides[shown].dataset.title;
    if (location.hash !== "#" + (shown + 1)) history.replaceState(null, "", "#" + (shown + 1));
  };
  const forward = new Set(["ArrowRight", "ArrowDown", "PageDown", " ", "Enter"]);
  const back = new Set(["ArrowLeft", "ArrowUp", "PageUp", "Backspace"]);
  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (forward.has(event.key)) go(shown + 1);
    else if (back.has(event.key)) go(shown - 1);
    else if (event.key === "Home") go(0);
    else if (event.key === "End") go(slides.length - 1);
    else if (event.key === "n" || event.key === "N") notes.hidden = !notes.hidden;
    else return;
    event.preventDefault();
  });
  document.addEventListener("click", (event) => { if (!notes.contains(event.target)) go(shown + 1); });
  const fromHash = () => { const n = parseInt(location.hash.slice(1), 10); go(Number.isNaN(n) ? 0 : n - 1); };
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
"""


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def html_deck(deck: Deck, background: str) -> str:
    """The page: every slide of `deck`, the first shown; `background` the
    theme's, around the slides."""
    # The style (and so its hash) carries the theme's background; a colour
    # is a name or #hex, anything else (from a theme file) is left out.
    ground = background if _COLOUR.fullmatch(background) else "black"
    style = _STYLE + f"body {{ background: {ground}; }}\n"
    policy = (
        f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(_SCRIPT)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    count = len(deck.slides)
    sections = []
    for number, slide in enumerate(deck.slides, start=1):
        label = html.escape(escape_controls(f"Slide {number} of {count}: {slide.title}"))
        # Inert until shown: a template's content is parsed but never rendered.
        notes = html.escape(escape_controls(slide.notes), quote=False)
        data = base64.b64encode(slide.svg).decode("ascii")
        hidden = "" if number == 1 else " hidden"
        sections.append(
            f'<section class="argmap-slide" id="slide-{number}" aria-label="{label}" '
            f'data-title="{label}"{hidden}><img alt="{label}" src="data:image/svg+xml;base64,{data}">'
            f"<template>{notes}</template></section>"
        )
    title = html.escape(escape_controls(deck.title))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="argmap">\n'
        f"<title>{title}</title>\n<style>{style}</style>\n</head>\n"
        "<body>\n<main>\n"
        + "\n".join(sections)
        + '\n</main>\n<aside class="argmap-notes" aria-label="Speaker notes" hidden></aside>\n'
        + f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )
