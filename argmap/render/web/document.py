"""One self-contained HTML document from its parts.

The page holds everything it needs and loads nothing: style and script
inline, data as JSON in a `<script type="application/json">`. Its
Content-Security-Policy, `default-src 'none'` with the hash of each of its
own styles and scripts, makes the browser refuse anything else, so no
request can leave it; a page that must talk to a server (a live preview)
names it in `connect_src`, and only that opens.

User text reaches the document as the title (escaped here) and as the JSON
data, where `<`, `>` and `&` are written as `\\u003c`, `\\u003e`, `\\u0026`,
so no claim can end the script element (`</script>`). The body is markup
the caller built with its own escaping.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from argmap.io.json_text import dump_json
from argmap.text import escape_controls

__all__ = ["Document", "csp_hash", "html_document", "script_json"]


@dataclass(frozen=True, slots=True)
class Document:
    """What one page is made of."""

    title: str  # plain text
    body: str  # markup, escaped by whoever made it
    styles: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()  # run in this order, after the body
    data: Mapping[str, Any] | None = None  # <script type="application/json" class="argmap-data">
    connect_src: tuple[str, ...] = ()  # where scripts may connect (fetch, WebSocket); none by default


def csp_hash(text: str) -> str:
    """The CSP source that allows exactly this inline style or script."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script_json(value: Any) -> str:
    """JSON that can sit inside a <script> element: nothing in it can close
    the element or start a comment."""
    text = dump_json(value, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def content_policy(document: Document) -> str:
    """The page's Content-Security-Policy."""
    styles = " ".join(csp_hash(style) for style in document.styles) or "'none'"
    scripts = " ".join(csp_hash(script) for script in document.scripts) or "'none'"
    policy = (
        f"default-src 'none'; style-src {styles}; script-src {scripts}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    if document.connect_src:
        policy += "; connect-src " + " ".join(document.connect_src)
    return policy


def html_document(document: Document) -> str:
    """The page as HTML text."""
    title = html.escape(escape_controls(document.title))
    styles = "".join(f"<style>{style}</style>\n" for style in document.styles)
    data = ""
    if document.data is not None:
        data = f'<script type="application/json" class="argmap-data">{script_json(document.data)}</script>\n'
    scripts = "".join(f"<script>{script}</script>\n" for script in document.scripts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{content_policy(document)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="argmap">\n'
        f"<title>{title}</title>\n{styles}</head>\n<body>\n"
        f"{document.body}{data}{scripts}</body>\n</html>\n"
    )
