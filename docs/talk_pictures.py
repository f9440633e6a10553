"""Draw the pictures of the README's and docs/talks.md's talk sections.

    python docs/talk_pictures.py

* docs/pictures/slide-frame.png: frame 2 of the exchange-by-exchange slide
  build of arguments/socialism-in-one-country.yaml (`render --theme dark
  --frames --by-side`), drawn small;
* docs/pictures/web-page.png: that map's web page (`render --theme dark
  --eval grounded -o map.html`) in headless Chromium, with one claim's details open (the
  page opens `map.html#permrev` with permrev chosen).

Needs Graphviz and Chromium (Debian's `chromium`, or $CHROMIUM). The PNGs
depend on their versions, so they are not compared in tests; run this again
when the look of frames or of the page changes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from argmap.analysis.evaluate import status_marks
from argmap.analysis.slides import Reveal, plan_frames
from argmap.checks.gate import open_map
from argmap.io.output import write_atomic
from argmap.model import Semantics
from argmap.render import RenderOptions
from argmap.render.dot import DotRenderer
from argmap.render.frames import frame_dots
from argmap.render.graphviz import render_dot
from argmap.render.html import page
from argmap.render.theme_file import resolve_theme

REPO = Path(__file__).resolve().parent.parent
MAP = REPO / "arguments" / "socialism-in-one-country.yaml"
PICTURES = REPO / "docs" / "pictures"
FRAME = 2
FRAME_DPI = "30"  # about 1,200 pixels wide: the whole map, small
WINDOW = (1280, 800)
CHOSEN_CLAIM = "permrev"
THEME = "dark"  # as the README's commands draw them


def slide_frame() -> bytes:
    amap = open_map(MAP).map
    frame = plan_frames(amap, Reveal.SIDE)[FRAME - 1]
    hidden = frame_dots(amap, RenderOptions(theme=resolve_theme(THEME)), [frame])[0]
    # The frame as `render --frames` draws it, at a lower resolution.
    first_line, rest = hidden.split("\n", 1)
    return render_dot(f'{first_line}\n\tgraph [dpi="{FRAME_DPI}"]\n{rest}', "png")


def web_page_screenshot(chromium: str) -> bytes:
    amap = open_map(MAP).map
    status = status_marks(amap, Semantics.GROUNDED) or {}
    options = RenderOptions(status=status, theme=resolve_theme(THEME))
    svg = render_dot(DotRenderer().render(amap, options), "svg")
    with tempfile.TemporaryDirectory(prefix="argmap-pictures-") as folder:
        html = Path(folder) / "map.html"
        html.write_text(page(svg, amap, status, "grounded", options.theme), encoding="utf-8")
        shot = Path(folder) / "shot.png"
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={Path(folder) / 'profile'}",
                f"--window-size={WINDOW[0]},{WINDOW[1]}",
                f"--screenshot={shot}",
                html.as_uri() + "#" + CHOSEN_CLAIM,
            ],
            check=True,
            capture_output=True,
        )
        return shot.read_bytes()


def main() -> int:
    # --help prints this and draws nothing; the pictures are drawn only when asked for plainly.
    argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args()
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no Chromium: apt-get install chromium, or set $CHROMIUM", file=sys.stderr)
        return 3
    PICTURES.mkdir(parents=True, exist_ok=True)
    for name, data in (("slide-frame.png", slide_frame()), ("web-page.png", web_page_screenshot(chromium))):
        write_atomic(PICTURES / name, data)
        print(f"wrote {(PICTURES / name).relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
