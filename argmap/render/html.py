"""A map as one self-contained web page (`render -o map.html`).

The page holds everything it needs and loads nothing: the diagram as inline
SVG, the style and the script inline, and the claims' details as JSON in a
`<script type="application/json">`. A Content-Security-Policy with
`default-src 'none'` and the hashes of the page's own style and script makes
the browser refuse anything else, so no request can leave it.

In the browser: drag or use the arrow keys to pan, the mouse wheel or
+ and - to zoom, 0 or "Fit" to see it all; click a claim (or open
`map.html#claim-id`) to read its full text, who says it, its source quotes
and, when the map was evaluated, its status; Escape closes the details.

User text reaches the page three ways, each escaped for where it goes: in
the SVG (Graphviz escapes it as XML), in the title (`html.escape`), and in
the JSON, where `<`, `>` and `&` are written as `\\u003c`, `\\u003e`,
`\\u0026`, so no claim can end the script element (`</script>`). The
script writes user text with `textContent` only, never as markup, and the
page's own elements are found by class, not id, so a claim's id (the SVG's
element ids) can never clash with them.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Mapping
from typing import Any

from argmap.model import GRADUAL_SEMANTICS, ArgumentMap, Label

__all__ = ["page"]

# What the page says for a claim's mark under a Dung semantics.
STATUS_WORDS: dict[str, str] = {
    Label.IN: "accepted (in)",
    Label.OUT: "rejected (out)",
    Label.UNDEC: "undecided",
}

_STYLE = """
html, body { margin: 0; height: 100%; font: 15px/1.45 system-ui, "DejaVu Sans", sans-serif; color: #1d1d1d; }
body { display: flex; flex-direction: column; }
.argmap-bar { display: flex; align-items: center; gap: .5rem; padding: .4rem .8rem;
  border-bottom: 1px solid #d0d0d0; background: #f7f7f7; }
.argmap-bar h1 { font-size: 1rem; margin: 0 auto 0 0; font-weight: 600; }
.argmap-bar button { font: inherit; min-width: 2.2rem; padding: .15rem .5rem; border: 1px solid #b9b9b9;
  border-radius: .3rem; background: #fff; cursor: pointer; }
.argmap-main { flex: 1; display: flex; min-height: 0; }
.argmap-view { flex: 1; overflow: hidden; position: relative; cursor: grab; background: #fff;
  touch-action: none; outline: none; }
.argmap-view.argmap-dragging { cursor: grabbing; }
.argmap-canvas { position: absolute; left: 0; top: 0; transform-origin: 0 0; }
.argmap-canvas svg { display: block; }
.argmap-canvas g.node { cursor: pointer; }
.argmap-canvas g.argmap-selected path, .argmap-canvas g.argmap-selected polygon { stroke-width: 4; }
.argmap-details { width: min(24rem, 40vw); overflow-y: auto; padding: .8rem 1rem; border-left: 1px solid #d0d0d0;
  background: #fcfcfc; }
.argmap-details[hidden] { display: none; }
.argmap-details h2 { font-size: 1.05rem; margin: 0 0 .6rem; }
.argmap-details dl { margin: 0; }
.argmap-details dt { font-size: .8rem; color: #666; margin-top: .6rem; text-transform: uppercase; }
.argmap-details dd { margin: 0; }
.argmap-details blockquote { margin: .2rem 0 .4rem; padding-left: .6rem; border-left: 3px solid #c9c9c9; }
.argmap-details cite { display: block; font-size: .85rem; color: #555; font-style: normal; }
.argmap-details .argmap-close { float: right; }
"""

_SCRIPT = """
(() => {
  "use strict";
  const data = JSON.parse(document.querySelector("script.argmap-data").textContent);
  const claims = new Map(data.claims.map((claim) => [claim.id, claim]));
  const view = document.querySelector(".argmap-view");
  const canvas = document.querySelector(".argmap-canvas");
  const panel = document.querySelector(".argmap-details");
  let scale = 1, x = 0, y = 0, selected = null;

  const apply = () => { canvas.style.transform = `translate(${x}px, ${y}px) scale(${scale})`; };
  const fit = () => {
    const box = view.getBoundingClientRect();
    const width = canvas.offsetWidth, height = canvas.offsetHeight;
    scale = Math.min(box.width / width, box.height / height, 2) * 0.96;
    x = (box.width - width * scale) / 2;
    y = (box.height - height * scale) / 2;
    apply();
  };
  const zoomAt = (factor, cx, cy) => {
    const next = Math.min(Math.max(scale * factor, 0.05), 20);
    x = cx - (cx - x) * next / scale;
    y = cy - (cy - y) * next / scale;
    scale = next;
    apply();
  };
  const zoomCentre = (factor) => {
    const box = view.getBoundingClientRect();
    zoomAt(factor, box.width / 2, box.height / 2);
  };
  const pan = (dx, dy) => { x += dx; y += dy; apply(); };

  const add = (parent, tag, text) => {
    const element = document.createElement(tag);
    if (text !== undefined) element.textContent = text;
    parent.appendChild(element);
    return element;
  };
  const field = (list, name, text) => { add(list, "dt", name); return add(list, "dd", text); };

  const show = (id) => {
    const claim = claims.get(id);
    if (claim === undefined) return false;
    if (selected) selected.classList.remove("argmap-selected");
    selected = [...canvas.querySelectorAll("g.node")].find((node) => node.id === id) || null;
    if (selected) selected.classList.add("argmap-selected");
    panel.replaceChildren();
    const close = add(panel, "button", "\\u00d7");
    close.className = "argmap-close";
    close.title = "Close (Escape)";
    close.addEventListener("click", hide);
    add(panel, "h2", claim.text).className = "argmap-text";
    const list = add(panel, "dl");
    field(list, "id", claim.id).className = "argmap-id";
    if (claim.side !== null) field(list, "side", claim.side).className = "argmap-side";
    if (claim.status !== null) field(list, data.semantics || "status", claim.status).className = "argmap-status";
    if (claim.sources.length) {
      const sources = field(list, claim.sources.length > 1 ? "sources" : "source");
      for (const source of claim.sources) {
        const item = add(sources, "div");
        item.className = "argmap-source";
        if (source.quote !== null) add(item, "blockquote", "\\u201c" + source.quote + "\\u201d").className = "argmap-quote";
        const where = [source.title, source.loc].filter((part) => part !== null).join(", ");
        if (where) add(item, "cite", where).className = "argmap-cite";
      }
    }
    if (claim.tags.length) field(list, "tags", claim.tags.join(", ")).className = "argmap-tags";
    if (claim.note !== null) field(list, "note", claim.note).className = "argmap-note";
    panel.hidden = false;
    if (selected) reveal(selected);
    return true;
  };
  // The details panel narrows the view: bring the chosen claim back into it.
  const reveal = (node) => {
    const box = view.getBoundingClientRect(), rect = node.getBoundingClientRect();
    const inside = rect.left >= box.left && rect.right <= box.right && rect.top >= box.top && rect.bottom <= box.bottom;
    if (!inside) pan(box.left + box.width / 2 - (rect.left + rect.width / 2), box.top + box.height / 2 - (rect.top + rect.height / 2));
  };
  const hide = () => {
    panel.hidden = true;
    if (selected) selected.classList.remove("argmap-selected");
    selected = null;
  };

  let press = null;
  view.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    press = { id: event.pointerId, sx: event.clientX, sy: event.clientY, x, y, moved: false };
    view.focus();
  });
  view.addEventListener("pointermove", (event) => {
    if (press === null || event.pointerId !== press.id) return;
    const dx = event.clientX - press.sx, dy = event.clientY - press.sy;
    if (!press.moved && Math.hypot(dx, dy) < 4) return;
    if (!press.moved) { press.moved = true; view.setPointerCapture(event.pointerId); view.classList.add("argmap-dragging"); }
    x = press.x + dx; y = press.y + dy; apply();
  });
  const release = (event) => {
    if (press === null || event.pointerId !== press.id) return;
    const clicked = !press.moved;
    press = null;
    view.classList.remove("argmap-dragging");
    if (!clicked) return;
    const node = event.target instanceof Element ? event.target.closest("g.node") : null;
    if (node === null || !show(node.id)) hide();
  };
  view.addEventListener("pointerup", release);
  view.addEventListener("pointercancel", () => { press = null; view.classList.remove("argmap-dragging"); });
  view.addEventListener("wheel", (event) => {
    event.preventDefault();
    const box = view.getBoundingClientRect();
    zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top);
  }, { passive: false });

  const actions = { in: () => zoomCentre(1.25), out: () => zoomCentre(0.8), fit };
  for (const button of document.querySelectorAll(".argmap-bar button[data-action]")) {
    button.addEventListener("click", () => actions[button.dataset.action]());
  }
  const keys = {
    "+": () => zoomCentre(1.25), "=": () => zoomCentre(1.25), "-": () => zoomCentre(0.8), "0": fit,
    ArrowLeft: () => pan(60, 0), ArrowRight: () => pan(-60, 0), ArrowUp: () => pan(0, 60), ArrowDown: () => pan(0, -60),
    Escape: hide,
  };
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const action = keys[event.key];
    if (action === undefined) return;
    event.preventDefault();
    action();
  });
  window.addEventListener("hashchange", () => show(decodeURIComponent(location.hash.slice(1))));
  fit();
  if (location.hash) show(decodeURIComponent(location.hash.slice(1)));
  document.documentElement.dataset.argmapReady = "yes";
})();
"""


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _script_json(value: Any) -> str:
    """JSON that can sit inside a <script> element: nothing in it can close
    the element or start a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


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
                "side": (side.name or side.id) if side is not None else claim.by,
                "status": mark,
                "sources": sources,
                "tags": list(claim.tags),
                "note": claim.note,
            }
        )
    return {"title": amap.title, "semantics": semantics, "claims": claims}


def page(svg: bytes, amap: ArgumentMap, status: Mapping[str, str], semantics: str | None = None) -> str:
    """The web page: `svg` (Graphviz's drawing of `amap`) with pan, zoom and
    claim details; `status` and `semantics` as `render --eval` gives them."""
    text = svg.decode("utf-8")
    start = text.find("<svg")
    if start < 0:
        raise ValueError("not an SVG drawing")
    drawing = text[start:].strip()
    title = html.escape(amap.title or "Argument map")
    policy = (
        f"default-src 'none'; style-src {_csp_hash(_STYLE)}; script-src {_csp_hash(_SCRIPT)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    data = _script_json(claim_details(amap, status, semantics))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="argmap">\n'
        f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<header class="argmap-bar"><h1>{title}</h1>'
        '<button type="button" data-action="out" title="Zoom out (-)">\u2212</button>'
        '<button type="button" data-action="in" title="Zoom in (+)">+</button>'
        '<button type="button" data-action="fit" title="Fit the map (0)">Fit</button></header>\n'
        '<div class="argmap-main">\n<main class="argmap-view" tabindex="0" aria-label="argument map">'
        f'<div class="argmap-canvas">\n{drawing}\n</div></main>\n'
        '<aside class="argmap-details" hidden aria-live="polite"></aside>\n</div>\n'
        f'<script type="application/json" class="argmap-data">{data}</script>\n'
        f"<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )
