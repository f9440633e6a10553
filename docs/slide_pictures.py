"""Draw docs/talks.md's pictures of real slides, at 1920 x 1080.

    python docs/slide_pictures.py

Each is a slide of `argmap slides` (the talk theme, 16:9) of one of the
essay's maps, as the PNG slides of a folder deck are drawn:

* docs/pictures/slides-overview.png: slide 1 of the deck of
  arguments/socialism-in-one-country.yaml, the overview (small text, marked);
* docs/pictures/slides-part.png: a content slide of that deck, a claim
  with its reasons, continuing elsewhere ("+N more");
* docs/pictures/slides-world-revolution.png: a content slide of
  arguments/world-revolution.yaml's deck.

Needs Graphviz and rsvg-convert (librsvg2-bin). The PNGs depend on their
versions, so they are not compared in tests; run this again when the look
of slides changes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argmap.checks.gate import open_map
from argmap.io.output import write_atomic
from argmap.render import RenderOptions
from argmap.render.slides.build import build_deck
from argmap.render.slides.convert import png
from argmap.render.slides.page import page_for
from argmap.render.themes import TALK

REPO = Path(__file__).resolve().parent.parent
PICTURES = REPO / "docs" / "pictures"
# (picture, map, slide number in its deck)
SLIDES = (
    ("slides-overview.png", "socialism-in-one-country", 1),
    ("slides-part.png", "socialism-in-one-country", 4),
    ("slides-world-revolution.png", "world-revolution", 8),
)


def main() -> int:
    # --help prints this and draws nothing; the pictures are drawn only when asked for plainly.
    argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args()
    page = page_for("16:9")
    decks = {}
    for name, map_name, number in SLIDES:
        if map_name not in decks:
            amap = open_map(REPO / "arguments" / f"{map_name}.yaml").map
            decks[map_name] = build_deck(amap, RenderOptions(theme=TALK), page, None)
        slide = decks[map_name].slides[number - 1]
        write_atomic(PICTURES / name, png(slide.svg, page))
        print(f"wrote {(PICTURES / name).relative_to(REPO)} ({slide.title})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
