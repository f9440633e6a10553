"""The parts of argmap's self-contained web pages, for every page that
shows a drawing in a browser: the map's page (`render -o map.html`,
argmap.render.html), and whatever else wants the same chrome.

* `document.py`: one HTML document from its parts (title, body, styles,
  scripts, JSON data), under a Content-Security-Policy that allows exactly
  those styles and scripts (by hash) and nothing from the network unless a
  page names where it may connect (`Document.connect_src`, for a live
  preview).
* `chrome.py`: the page's colours, taken from the diagram's theme (a dark
  theme's map sits in a dark page), and the markup of its bar, search box,
  zoom buttons and details panel, each with an accessible name.
* `viewer.py`: the style and script that pan, zoom, search, and open a
  claim's details by pointer, keyboard or `#claim-id`.
"""

from __future__ import annotations

from argmap.render.web.chrome import (
    CHROME_STYLE,
    chrome_style,
    details_panel,
    header_bar,
    palette,
    search_box,
    zoom_buttons,
)
from argmap.render.web.document import Document, csp_hash, html_document, script_json
from argmap.render.web.viewer import VIEWER_SCRIPT, VIEWER_STYLE, map_view

__all__ = [
    "CHROME_STYLE",
    "VIEWER_SCRIPT",
    "VIEWER_STYLE",
    "Document",
    "chrome_style",
    "csp_hash",
    "details_panel",
    "header_bar",
    "html_document",
    "map_view",
    "palette",
    "script_json",
    "search_box",
    "zoom_buttons",
]
