"""A map as one self-contained web page (`render -o map.html`).

The page is built from the parts in argmap.render.web: a `Document` (one
file, strict Content-Security-Policy, nothing loaded), the chrome in the
colours of the diagram's theme (a bar with the title, a search box and zoom
buttons; a details panel), and the viewer's style and script. The claims'
details travel as JSON data.

`map_document` gives the page's parts, so a caller can add to them before
`html_document` writes the file (a live preview adds its update script and
the one address it may connect to); `page` is both steps at once.

User text reaches the page three ways, each escaped for where it goes: in
the SVG (Graphviz escapes it as XML), in the title (`html.escape`), and in
the JSON data (`web.script_json`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from argmap.model import GRADUAL_SEMANTICS, ArgumentMap, Label
from argmap.render.themes import LIGHT, Theme
from argmap.render.web import (
    VIEWER_SCRIPT,
    VIEWER_STYLE,
    Document,
    chrome_style,
    details_panel,
    header_bar,
    html_document,
    map_view,
    search_box,
    zoom_buttons,
)

__all__ = ["STATUS_WORDS", "claim_details", "map_document", "page", "svg_element"]

# What the page says for a claim's mark under a Dung semantics.
STATUS_WORDS: dict[str, str] = {
    Label.IN: "accepted (in)",
    Label.OUT: "rejected (out)",
    Label.UNDEC: "undecided",
}


def claim_details(amap: ArgumentMap, status: Mapping[str, str], semantics: str | None) -> dict[str, Any]:
    """What the page shows for each claim, as JSON data."""
    claims: list[dict[str, Any]] = []
    for claim in amap.claim_index().values():
        side = amap.sides.get(claim.by) if claim.by is not None else None
        mark = status.get(claim.id)
        if mark is not None and semantics not in GRADUAL_SEMANTICS:
            mark = STATUS_WORDS.get(mark, mark)
        elif mark is not None:
            mark = f"strength {mark}"
        sources = []
        for ref in claim.all_sources():
            source = amap.sources.get(ref.ref) if ref.ref is not None else None
            title = (source.title or source.id) if source is not None else ref.ref
            sources.append({"quote": ref.quote, "title": title, "loc": ref.loc})
        claims.append(
            {
                "id": claim.id,
                "text": claim.text,
                "label": claim.label,
                "side": (side.name or side.id) if side is not None else claim.by,
                "status": mark,
                "sources": sources,
                "tags": list(claim.tags),
                "note": claim.note,
            }
        )
    return {"title": amap.title, "semantics": semantics, "claims": claims}


def svg_element(svg: bytes) -> str:
    """Graphviz's SVG file as an element to put in a page (its XML
    declaration and doctype left out)."""
    text = svg.decode("utf-8")
    start = text.find("<svg")
    if start < 0:
        raise ValueError("not an SVG drawing")
    return text[start:].strip()


def map_document(
    svg: bytes,
    amap: ArgumentMap,
    status: Mapping[str, str],
    semantics: str | None = None,
    theme: Theme = LIGHT,
) -> Document:
    """The map's page, in parts: `svg` (Graphviz's drawing of `amap` in
    `theme`) with search, pan, zoom and claim details; `status` and
    `semantics` as `render --eval` gives them."""
    title = amap.title or "Argument map"
    body = (
        header_bar(title, search_box(), zoom_buttons())
        + '<div class="argmap-main">\n'
        + map_view(svg_element(svg))
        + details_panel()
        + "</div>\n"
    )
    return Document(
        title=title,
        body=body,
        styles=(chrome_style(theme) + VIEWER_STYLE,),
        scripts=(VIEWER_SCRIPT,),
        data=claim_details(amap, status, semantics),
    )


def page(
    svg: bytes,
    amap: ArgumentMap,
    status: Mapping[str, str],
    semantics: str | None = None,
    theme: Theme = LIGHT,
) -> str:
    """The map's web page as HTML text (see `map_document`)."""
    return html_document(map_document(svg, amap, status, semantics, theme))
