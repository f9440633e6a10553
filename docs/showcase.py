"""Draw the README's pictures of the themes and focus views into
docs/pictures/, and check they are current.

    python docs/showcase.py           # (re)draw the pictures that are stale or missing
    python docs/showcase.py --check   # exit 1 naming every stale, missing or orphaned picture

Each picture is one part of arguments/socialism-in-one-country.yaml drawn
with some `render` options (SHOWCASE). As with docs/build.py, each SVG
carries the SHA-256 of the DOT it was drawn from, and the check compares
that, not the SVG, so it does not depend on the Graphviz version.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from build import REPO, remove_orphans, stamp, stamped_svg

from argmap.checks.gate import open_map
from argmap.io.output import write_atomic
from argmap.render import Direction, RenderOptions
from argmap.render.dot import DotRenderer
from argmap.render.themes import THEMES

MAP = REPO / "arguments" / "socialism-in-one-country.yaml"
PICTURES = REPO / "docs" / "pictures"
# Trotsky's prediction, two levels down: supports, an attack, undercuts,
# three sides.
PART: dict[str, Any] = {"root": "prediction", "depth": 2}
# Picture name -> render options (`theme` by name).
SHOWCASE: dict[str, dict[str, Any]] = {
    "theme-light": {**PART, "theme": "light"},
    "theme-dark": {**PART, "theme": "dark"},
    "theme-print": {**PART, "theme": "print"},
    "theme-talk": {**PART, "theme": "talk", "legend": False},
    "focus-depth": {"root": "prediction", "depth": 1, "legend": False},
    "focus-highlight": {**PART, "highlight": "post-hoc", "legend": False},
}


def dot_for(name: str) -> str:
    options = dict(SHOWCASE[name])
    options["theme"] = THEMES[options.get("theme", "light")]
    return DotRenderer().render(open_map(MAP, strict=True).map, RenderOptions(**options))


def is_current(picture: Path) -> bool:
    return stamp(dot_for(picture.stem), Direction.BT) in picture.read_bytes()


def problems(pictures: Path = PICTURES) -> list[str]:
    found: list[str] = []
    for name in SHOWCASE:
        picture = pictures / f"{name}.svg"
        if not picture.exists():
            found.append(f"{picture}: missing (from {MAP})")
        elif not is_current(picture):
            found.append(f"{picture}: stale: {MAP} or the renderer has changed since it was drawn")
    for picture in sorted(pictures.glob("*.svg")):
        if picture.stem not in SHOWCASE:
            found.append(f"{picture}: not in docs/showcase.py's SHOWCASE")
    return found


def build(pictures: Path = PICTURES) -> list[Path]:
    pictures.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in SHOWCASE:
        picture = pictures / f"{name}.svg"
        if picture.exists() and is_current(picture):
            continue
        write_atomic(picture, stamped_svg(dot_for(name), Direction.BT))
        written.append(picture)
    return written + remove_orphans(pictures, [pictures / f"{name}.svg" for name in SHOWCASE])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if anything is stale")
    args = parser.parse_args()
    if args.check:
        stale = problems()
        for line in stale:
            print(line, file=sys.stderr)
        return 1 if stale else 0
    for picture in build():
        print(f"wrote {picture}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
