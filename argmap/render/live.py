"""The page `argmap preview` serves: the map's web page (render/html.py)
with a script that follows the preview server's update stream.

The server numbers each good drawing it has made (a version) and says, on
`/events` (server-sent events), `drawing` with the newest version and
`problems` with the lines of the map's problems (none: an empty list). The
page knows its own version; on a newer one it fetches `/`, swaps the new
drawing and claim data into the page it shows (the pan and zoom live on the
canvas element, which stays) and tells the page's script (`argmap:redrawn`),
which shows the chosen claim as it is now. Problems appear in a banner under
the title bar, written with `textContent` only; the last good drawing stays.
The fetch reads the version of what it got from the `X-Argmap-Version`
header, so a save made while it ran is fetched next.
"""

from __future__ import annotations

import json
from dataclasses import replace

from argmap.io.live_server import VERSION_HEADER
from argmap.model import ArgumentMap, Semantics
from argmap.render.html import map_document
from argmap.render.options import RenderOptions
from argmap.render.registry import renderer
from argmap.render.web import html_document

__all__ = ["live_page"]

_STYLE = """
.argmap-problems { margin: 0; padding: .5rem .8rem; max-height: 30vh; overflow: auto; white-space: pre-wrap;
  font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; color: #6b0000; background: #fff0f0;
  border-bottom: 1px solid #e2b4b4; }
.argmap-problems[hidden] { display: none; }
"""

# The script's body; live_script() puts the page's version in front.
_SCRIPT_BODY = """
  const root = document.documentElement;
  let wanted = shown, fetching = false, banner = null;
  root.dataset.argmapVersion = String(shown);

  const problems = (lines) => {
    if (banner === null) {
      banner = document.createElement("pre");
      banner.className = "argmap-problems";
      banner.setAttribute("role", "alert");
      document.querySelector(".argmap-bar").after(banner);
    }
    banner.textContent = lines.join("\\n");
    banner.hidden = lines.length === 0;
    root.dataset.argmapProblems = String(lines.length);
  };

  const swapIn = (fresh) => {
    const canvas = document.querySelector(".argmap-canvas");
    canvas.replaceChildren(...fresh.querySelector(".argmap-canvas").childNodes);
    document.querySelector("script.argmap-data").textContent = fresh.querySelector("script.argmap-data").textContent;
    document.querySelector(".argmap-bar h1").textContent = fresh.querySelector(".argmap-bar h1").textContent;
    document.title = fresh.title;
    document.dispatchEvent(new Event("argmap:redrawn"));
  };

  const follow = async () => {
    if (fetching) return;
    fetching = true;
    try {
      while (wanted > shown) {
        const response = await fetch("/", { cache: "no-store" });
        if (!response.ok) break;
        const version = Number(response.headers.get(VERSION_HEADER));
        swapIn(new DOMParser().parseFromString(await response.text(), "text/html"));
        shown = version;
        root.dataset.argmapVersion = String(shown);
      }
    } finally {
      fetching = false;
    }
  };

  const stream = new EventSource("/events");
  stream.addEventListener("drawing", (event) => {
    wanted = Math.max(wanted, Number(event.data));
    follow();
  });
  stream.addEventListener("problems", (event) => problems(JSON.parse(event.data)));
"""


def live_script(version: int) -> str:
    """The page's script: its version and the header to read versions from, then the body."""
    head = f"  let shown = {int(version)};\n  const VERSION_HEADER = {json.dumps(VERSION_HEADER)};\n"
    return f'(() => {{\n  "use strict";\n{head}{_SCRIPT_BODY}}})();\n'


def live_page(
    whole: ArgumentMap,
    options: RenderOptions,
    version: int,
    semantics: Semantics | None = None,
    backend: str = "auto",
) -> bytes:
    """The page of drawing number `version` of `whole` (the whole map; an
    empty map before the first good drawing), kept up to date by the
    server's stream. Raises what Graphviz raises."""
    from argmap.render.dot import fast_layout
    from argmap.render.graphviz import render_dot

    status: dict[str, str] = {}
    if semantics is not None:
        from argmap.render.evaluation import claim_marks

        status = claim_marks(whole, semantics)
    options = replace(options, status=status, fast_layout=fast_layout(len(whole.claims), options.fast_layout))
    svg = render_dot(renderer("dot").render(whole, options), "svg", backend)
    document = map_document(svg, whole, status, semantics.value if semantics else None, options.theme)
    live = replace(
        document,
        styles=(*document.styles, _STYLE),
        scripts=(*document.scripts, live_script(version)),
        connect_src=("'self'",),
    )
    return html_document(live).encode("utf-8")
