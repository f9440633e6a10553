"""The map viewer: a drawing (Graphviz's SVG) in a view that pans and zooms,
with a details panel, a search box and keyboard access.

In the browser: drag or use the arrow keys to pan, the mouse wheel or + and
- to zoom, 0 or "Fit" to see it all. Every claim is a button in the Tab
order (named by its text); Enter or Space, or a click, opens its details,
Escape closes them. The search box (or "/") finds claims by their words,
id, side or tags; Enter goes to the next one found (Shift+Enter: back),
centred, zoomed to and marked. `page.html#claim-id` does the same for one
claim when the page opens, or when the address changes.

The script reads the claims from the page's JSON data (`claims`: id, text,
label, side, status, sources, tags, note; `semantics`), writes user text
with `textContent` only, never as markup, and finds the page's own
elements by class (chrome.py's markup): `.argmap-view` holding
`.argmap-canvas` holding the <svg>, `.argmap-details`, and, if the page has
them, the search box and `.argmap-bar button[data-action]`s.
"""

from __future__ import annotations

__all__ = ["VIEWER_SCRIPT", "VIEWER_STYLE", "map_view"]


def map_view(svg: str) -> str:
    """The view that holds the drawing (an <svg> element), focusable for
    the keys that pan it."""
    return (
        '<main class="argmap-view" tabindex="0" aria-label="Argument map: drag or arrow keys to pan, '
        '+ and - to zoom">'
        f'<div class="argmap-canvas">\n{svg}\n</div></main>\n'
    )


VIEWER_STYLE = """
.argmap-main { flex: 1; display: flex; min-height: 0; }
/* clip, not hidden: a view that can scroll is scrolled to #claim-id by the browser, off the centring. */
.argmap-view { flex: 1; overflow: clip; position: relative; cursor: grab; background: var(--argmap-page);
  touch-action: none; }
.argmap-view:focus-visible { outline-offset: -3px; }
.argmap-view.argmap-dragging { cursor: grabbing; }
.argmap-canvas { position: absolute; left: 0; top: 0; transform-origin: 0 0; }
.argmap-canvas svg { display: block; }
.argmap-canvas g.node { cursor: pointer; }
.argmap-canvas g.node:focus { outline: none; }
.argmap-canvas g.node:focus-visible > path, .argmap-canvas g.node:focus-visible > polygon,
.argmap-canvas g.node:focus-visible a > path, .argmap-canvas g.node:focus-visible a > polygon {
  stroke: var(--argmap-accent); stroke-width: 5; }
.argmap-canvas g.argmap-match { filter: drop-shadow(0 0 3px var(--argmap-accent)); }
.argmap-canvas g.argmap-selected { filter: drop-shadow(0 0 6px var(--argmap-accent))
  drop-shadow(0 0 2px var(--argmap-accent)); }
.argmap-canvas g.argmap-selected path, .argmap-canvas g.argmap-selected polygon { stroke-width: 4; }
"""

VIEWER_SCRIPT = """
(() => {
  "use strict";
  let data = JSON.parse(document.querySelector("script.argmap-data").textContent);
  let claims = new Map(data.claims.map((claim) => [claim.id, claim]));
  const view = document.querySelector(".argmap-view");
  const canvas = document.querySelector(".argmap-canvas");
  const panel = document.querySelector(".argmap-details");
  const search = document.querySelector(".argmap-search input");
  const found = document.querySelector(".argmap-found");
  let scale = 1, x = 0, y = 0, selected = null;

  // Every claim drawn: a button in the Tab order, named by its text.
  const nodes = new Map();
  const index = () => {
    nodes.clear();
    for (const node of canvas.querySelectorAll("g.node")) {
      const claim = claims.get(node.id);
      if (claim === undefined || nodes.has(node.id)) continue;
      nodes.set(node.id, node);
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "button");
      node.setAttribute("aria-label", claim.text);
    }
    // The rest of the drawing (arrows, joints, the legend, Graphviz's titles
    // naming them by id) is no part of what a screen reader should read out.
    for (const part of canvas.querySelectorAll("g.node, g.edge, g.cluster")) {
      if (nodes.get(part.id) !== part) part.setAttribute("aria-hidden", "true");
    }
    // The drawing's own title is the graph's DOT name ("argmap"), no name for anyone.
    for (const title of canvas.querySelectorAll("svg > title, g.graph > title")) title.remove();
  };
  index();

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
  const toCentre = (node) => {
    const box = view.getBoundingClientRect(), rect = node.getBoundingClientRect();
    pan(box.left + box.width / 2 - (rect.left + rect.width / 2), box.top + box.height / 2 - (rect.top + rect.height / 2));
  };
  // Centre a claim, zoomed in to at least the drawing's own size, as far as it fits with room round it.
  const centreOn = (node) => {
    const box = view.getBoundingClientRect(), rect = node.getBoundingClientRect();
    const fits = Math.min(box.width * 0.6 / (rect.width / scale), box.height * 0.6 / (rect.height / scale));
    const wanted = Math.min(Math.max(scale, 1), fits);
    if (wanted > scale) zoomAt(wanted / scale, box.width / 2, box.height / 2);
    toCentre(node);
  };
  // Bring a claim into the view if any of it is outside.
  const reveal = (node) => {
    const box = view.getBoundingClientRect(), rect = node.getBoundingClientRect();
    const inside = rect.left >= box.left && rect.right <= box.right && rect.top >= box.top && rect.bottom <= box.bottom;
    if (!inside) toCentre(node);
  };

  const add = (parent, tag, text) => {
    const element = document.createElement(tag);
    if (text !== undefined) element.textContent = text;
    parent.appendChild(element);
    return element;
  };
  const field = (list, name, text) => { add(list, "dt", name); return add(list, "dd", text); };

  const select = (id) => {
    if (selected) selected.classList.remove("argmap-selected");
    selected = nodes.get(id) || null;
    if (selected) selected.classList.add("argmap-selected");
  };
  const show = (id) => {
    const claim = claims.get(id);
    if (claim === undefined) return false;
    select(id);
    panel.replaceChildren();
    const close = add(panel, "button", "\\u00d7");
    close.type = "button";
    close.className = "argmap-close";
    close.title = "Close (Escape)";
    close.setAttribute("aria-label", "Close the details");
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
    // The panel narrows the view: bring the chosen claim back into it.
    if (selected) reveal(selected);
    return true;
  };
  const hide = () => {
    const back = panel.contains(document.activeElement) ? selected : null;
    panel.hidden = true;
    select(null);
    if (back) back.focus({ preventScroll: true });
  };
  // A claim named from outside (the address, the search): opened, centred, zoomed to, marked.
  const goTo = (id) => {
    if (!show(id)) return false;
    if (selected) centreOn(selected);
    return true;
  };

  // -- search: words of the text or label, the id, the side, the tags; accents and case ignored
  const fold = (text) => text.normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  const haystack = [...nodes.keys()].map((id) => {
    const claim = claims.get(id);
    return [id, fold([claim.id, claim.text, claim.label || "", claim.side || "", ...claim.tags].join("\\n"))];
  });
  let matches = [], current = -1;
  const find = () => {
    const query = fold(search.value.trim());
    matches = query ? haystack.filter(([, words]) => words.includes(query)).map(([id]) => id) : [];
    current = -1;
    const hits = new Set(matches);
    for (const [id, node] of nodes) node.classList.toggle("argmap-match", hits.has(id));
    found.textContent = !query ? "" : matches.length === 1 ? "1 claim" : `${matches.length || "no"} claims`;
  };
  const step = (by) => {
    if (!matches.length) return;
    current = (current + by + matches.length) % matches.length;
    goTo(matches[current]);
    found.textContent = `${current + 1} of ${matches.length}`;
  };
  if (search !== null) {  // a page may leave the search box out
    search.addEventListener("input", find);
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); step(event.shiftKey ? -1 : 1); }
      else if (event.key === "Escape") { event.preventDefault(); search.value = ""; find(); }
      event.stopPropagation();  // typing is not a shortcut
    });
  }

  // -- pointer
  let press = null;
  view.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    press = { id: event.pointerId, sx: event.clientX, sy: event.clientY, x, y, moved: false };
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
    if (node === null || !show(node.id)) { hide(); view.focus({ preventScroll: true }); }
  };
  view.addEventListener("pointerup", release);
  view.addEventListener("pointercancel", () => { press = null; view.classList.remove("argmap-dragging"); });
  view.addEventListener("wheel", (event) => {
    event.preventDefault();
    const box = view.getBoundingClientRect();
    zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - box.left, event.clientY - box.top);
  }, { passive: false });

  // -- keyboard
  canvas.addEventListener("focusin", (event) => {
    const node = event.target instanceof Element ? event.target.closest("g.node") : null;
    if (node !== null && nodes.get(node.id) === node) reveal(node);
  });
  canvas.addEventListener("keydown", (event) => {
    const node = event.target instanceof Element ? event.target.closest("g.node") : null;
    if (node === null || (event.key !== "Enter" && event.key !== " ")) return;
    event.preventDefault();
    event.stopPropagation();
    show(node.id);
  });
  const actions = { in: () => zoomCentre(1.25), out: () => zoomCentre(0.8), fit };
  for (const button of document.querySelectorAll(".argmap-bar button[data-action]")) {
    button.addEventListener("click", () => actions[button.dataset.action]());
  }
  const keys = {
    "+": () => zoomCentre(1.25), "=": () => zoomCentre(1.25), "-": () => zoomCentre(0.8), "0": fit,
    ArrowLeft: () => pan(60, 0), ArrowRight: () => pan(-60, 0), ArrowUp: () => pan(0, 60), ArrowDown: () => pan(0, -60),
    Escape: hide, "/": () => search?.focus(),
  };
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const action = keys[event.key];
    if (action === undefined) return;
    event.preventDefault();
    action();
  });

  const fromAddress = () => { if (location.hash) goTo(decodeURIComponent(location.hash.slice(1))); };
  window.addEventListener("hashchange", fromAddress);
  // `argmap preview` swaps in a new drawing and its data, then says so: read
  // them again and show the chosen claim as it is now (pan and zoom stay).
  document.addEventListener("argmap:redrawn", () => {
    data = JSON.parse(document.querySelector("script.argmap-data").textContent);
    claims = new Map(data.claims.map((claim) => [claim.id, claim]));
    const chosen = selected !== null && !panel.hidden ? selected.id : null;
    selected = null;
    index();
    if (chosen !== null && !show(chosen)) hide();
  });
  fit();
  fromAddress();
  document.documentElement.dataset.argmapReady = "yes";
})();
"""
