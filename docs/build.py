"""Render every map in arguments/ to docs/maps/<name>.svg, and check they are current.

    python docs/build.py           # (re)render the pictures that are stale or missing
    python docs/build.py --check   # exit 1 naming every stale, missing or orphaned picture

Each SVG carries the SHA-256 of the DOT it was drawn from, in a comment.
The check re-renders the DOT (cheap, no Graphviz) and compares hashes, so it
does not depend on which Graphviz version drew the committed picture.

A page shows a picture at most about 900 pixels wide, so each map is drawn
top-down (conclusions on top) or left-to-right, whichever comes out
narrower; the stamp records which. The maps named in EVALUATED are also
drawn shaded by their grounded status, as docs/maps/<name>.grounded.svg.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Collection
from pathlib import Path

from argmap.analysis.evaluate import status_marks
from argmap.checks.gate import find_maps, open_map
from argmap.io.output import write_atomic
from argmap.model import Semantics
from argmap.render import Direction, RenderOptions
from argmap.render.dot import DotRenderer
from argmap.render.graphviz import render_dot

REPO = Path(__file__).resolve().parent.parent
MAPS = REPO / "arguments"
PICTURES = REPO / "docs" / "maps"
_STAMP = re.compile(rb"<!-- argmap: drawn from DOT sha256 ([0-9a-f]{64}) direction ([A-Z]{2}) -->")
_WIDTH = re.compile(rb'<svg width="([0-9.]+)pt"')
DIRECTIONS = (Direction.BT, Direction.LR)
# Map stem -> semantics to draw it evaluated under (`render --eval`).
EVALUATED = {"socialism-in-one-country": "grounded"}


def dot_for(map_file: Path, direction: Direction, semantics: str | None = None) -> str:
    amap = open_map(map_file, strict=True).map
    status = (status_marks(amap, Semantics(semantics)) or {}) if semantics is not None else {}
    return DotRenderer().render(amap, RenderOptions(direction=direction, status=status))


def stamp(dot: str, direction: Direction) -> bytes:
    digest = hashlib.sha256(dot.encode()).hexdigest()
    return f"<!-- argmap: drawn from DOT sha256 {digest} direction {direction.value} -->".encode()


def stamped_svg(dot: str, direction: Direction) -> bytes:
    """The SVG Graphviz draws from `dot`, stamped with the DOT's hash."""
    svg = render_dot(dot, "svg")
    at = svg.index(b"<svg")
    return svg[:at] + stamp(dot, direction) + b"\n" + svg[at:]


def narrowest_svg(map_file: Path, semantics: str | None) -> bytes:
    """The map drawn in each direction; the narrower drawing, stamped."""
    drawings: list[tuple[float, bytes]] = []
    for direction in DIRECTIONS:
        svg = stamped_svg(dot_for(map_file, direction, semantics), direction)
        width = _WIDTH.search(svg)
        drawings.append((float(width.group(1)) if width else 0.0, svg))
    return min(drawings, key=lambda drawing: drawing[0])[1]


def remove_orphans(pictures: Path, wanted: Collection[Path]) -> list[Path]:
    """Delete the SVGs in `pictures` that nothing draws any more."""
    removed = [picture for picture in sorted(pictures.glob("*.svg")) if picture not in wanted]
    for picture in removed:
        picture.unlink()
    return removed


def is_current(picture: Path, map_file: Path, semantics: str | None) -> bool:
    match = _STAMP.search(picture.read_bytes())
    if match is None:
        return False
    direction = Direction(match.group(2).decode())
    return match.group(0) == stamp(dot_for(map_file, direction, semantics), direction)


def pictures_wanted(maps: Path, pictures: Path) -> dict[Path, tuple[Path, str | None]]:
    """Picture -> (the map it is drawn from, the semantics it is shaded by)."""
    wanted: dict[Path, tuple[Path, str | None]] = {}
    for map_file in find_maps([maps]):
        wanted[pictures / f"{map_file.stem}.svg"] = (map_file, None)
        semantics = EVALUATED.get(map_file.stem)
        if semantics is not None:
            wanted[pictures / f"{map_file.stem}.{semantics}.svg"] = (map_file, semantics)
    return wanted


def problems(maps: Path = MAPS, pictures: Path = PICTURES) -> list[str]:
    """Every picture that is stale, missing or drawn from no map."""
    found: list[str] = []
    wanted = pictures_wanted(maps, pictures)
    for picture, (map_file, semantics) in sorted(wanted.items()):
        if not picture.exists():
            found.append(f"{picture}: missing (from {map_file})")
            continue
        if not is_current(picture, map_file, semantics):
            found.append(f"{picture}: stale: {map_file} has changed since it was drawn")
    for picture in sorted(pictures.glob("*.svg")):
        if picture not in wanted:
            found.append(f"{picture}: no map in {maps} draws it")
    return found


def build(maps: Path = MAPS, pictures: Path = PICTURES) -> list[Path]:
    pictures.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    targets = pictures_wanted(maps, pictures)
    for picture, (map_file, semantics) in sorted(targets.items()):
        if picture.exists() and is_current(picture, map_file, semantics):
            continue
        write_atomic(picture, narrowest_svg(map_file, semantics))
        written.append(picture)
    return written + remove_orphans(pictures, targets)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if anything is stale")
    parser.add_argument("--maps", type=Path, default=MAPS, help="folder of maps (default: arguments/)")
    parser.add_argument(
        "--pictures", type=Path, default=PICTURES, help="folder of pictures (default: docs/maps/)"
    )
    args = parser.parse_args()
    if args.check:
        stale = problems(args.maps, args.pictures)
        for line in stale:
            print(line, file=sys.stderr)
        return 1 if stale else 0
    for picture in build(args.maps, args.pictures):
        print(f"wrote {picture}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
