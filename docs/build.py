"""Render every map in arguments/ to docs/maps/<name>.svg, and check they are current.

    python docs/build.py           # (re)render the pictures that are stale or missing
    python docs/build.py --check   # exit 1 naming every stale, missing or orphaned picture

Each SVG carries the SHA-256 of the DOT it was drawn from, in a comment.
The check re-renders the DOT (cheap, no Graphviz) and compares hashes, so it
does not depend on which Graphviz version drew the committed picture.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

from argmap.output import write_atomic
from argmap.render_backend import render_dot
from argmap.renderers import RenderOptions
from argmap.renderers.dot import DotRenderer
from argmap.validate import find_maps, open_map

REPO = Path(__file__).resolve().parent.parent
MAPS = REPO / "arguments"
PICTURES = REPO / "docs" / "maps"
_STAMP = re.compile(rb"<!-- argmap: drawn from DOT sha256 ([0-9a-f]{64}) -->")


def dot_for(map_file: Path) -> str:
    return DotRenderer().render(open_map(map_file, strict=True).map, RenderOptions())


def stamp(dot: str) -> bytes:
    return f"<!-- argmap: drawn from DOT sha256 {hashlib.sha256(dot.encode()).hexdigest()} -->".encode()


def stamped_svg(dot: str) -> bytes:
    svg = render_dot(dot, "svg")
    at = svg.index(b"<svg")
    return svg[:at] + stamp(dot) + b"\n" + svg[at:]


def pictures_wanted(maps: Path, pictures: Path) -> dict[Path, Path]:
    return {pictures / f"{m.stem}.svg": m for m in find_maps([maps])}


def problems(maps: Path = MAPS, pictures: Path = PICTURES) -> list[str]:
    """Every picture that is stale, missing or drawn from no map."""
    found: list[str] = []
    wanted = pictures_wanted(maps, pictures)
    for picture, map_file in sorted(wanted.items()):
        if not picture.exists():
            found.append(f"{picture}: missing (from {map_file})")
            continue
        match = _STAMP.search(picture.read_bytes())
        if match is None or match.group(0) != stamp(dot_for(map_file)):
            found.append(f"{picture}: stale: {map_file} has changed since it was drawn")
    for picture in sorted(pictures.glob("*.svg")):
        if picture not in wanted:
            found.append(f"{picture}: no map in {maps} draws it")
    return found


def build(maps: Path = MAPS, pictures: Path = PICTURES) -> list[Path]:
    pictures.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    targets = pictures_wanted(maps, pictures)
    for picture, map_file in sorted(targets.items()):
        dot = dot_for(map_file)
        if picture.exists() and stamp(dot) in picture.read_bytes():
            continue
        write_atomic(picture, stamped_svg(dot))
        written.append(picture)
    for picture in pictures.glob("*.svg"):
        if picture not in targets:
            picture.unlink()
            written.append(picture)
    return written


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
