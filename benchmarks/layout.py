"""Graphviz on big maps: the usual settings against FAST_LAYOUT, which
`argmap render` switches to past BIG_MAP claims (argmap/render/dot/looks.py).

    python benchmarks/layout.py                      # 2,000 and 5,000 claims, 3 runs each
    python benchmarks/layout.py --sizes 3000 --cross-links 0.1 --runs 5

For each generated map (benchmarks/generate.py; --cross-links sets the share
of claims also cited from a later tree, 0.02 by default) the DOT is written
once, then the system `dot -v -Tsvg` draws it with each setting, the
settings taking turns run by run. Reported per setting: the CPU time of
`dot` (user + system, from wait4: on a shared machine wall time measures
the neighbours), and three numbers that do not depend on the machine at
all, from `dot -v`: the mincross iterations, the network simplex iterations
of all its passes, and the crossings the final ordering has; and the size
of the drawing. Needs the system Graphviz.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import generate

from argmap.formats.native.read import load_yaml_text
from argmap.render import RenderOptions
from argmap.render.dot import FAST_LAYOUT, DotRenderer

_MINCROSS_ITER = re.compile(r"^mincross: pass \d+ iter", re.M)
_CROSSINGS = re.compile(r"^mincross \S+: (\d+) crossings", re.M)
_SIMPLEX = re.compile(r"^network simplex: \d+ nodes \d+ edges (\d+) iter", re.M)
_SIZE = re.compile(rb'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"')


@dataclass(slots=True)
class Measured:
    cpu: list[float] = field(default_factory=list)
    mincross: int = 0
    simplex: int = 0
    crossings: str = ""
    size: str = ""


def dot_text(claims: int, cross_links: float, seed: int) -> str:
    generate.CROSS_LINK_SHARE = cross_links
    amap = load_yaml_text(generate.generate_map(claims, seed), "generated.yaml").map
    return DotRenderer().render(amap, RenderOptions(fast_layout=False))


def draw(dot: str, source: Path, measured: Measured) -> None:
    """One `dot -v -Tsvg` run; its CPU time and counts go into `measured`."""
    svg, log = source.with_suffix(".svg"), source.with_suffix(".log")
    with log.open("wb") as err:
        pid = os.posix_spawn(
            dot,
            [dot, "-v", "-Tsvg", str(source), "-o", str(svg)],
            os.environ,
            file_actions=[(os.POSIX_SPAWN_DUP2, err.fileno(), 2)],
        )
        _, status, usage = os.wait4(pid, 0)
    if status != 0:
        raise SystemExit(f"dot failed on {source}: see {log}")
    measured.cpu.append(usage.ru_utime + usage.ru_stime)
    text = log.read_text(encoding="utf-8", errors="replace")
    measured.mincross = len(_MINCROSS_ITER.findall(text))
    measured.simplex = sum(int(n) for n in _SIMPLEX.findall(text))
    measured.crossings = ", ".join(_CROSSINGS.findall(text))
    size = _SIZE.search(svg.read_bytes()[:4000])
    measured.size = f"{float(size.group(1)):.0f} × {float(size.group(2)):.0f}" if size else "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,5000", help="claims per map, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per setting")
    parser.add_argument("--cross-links", type=float, default=generate.CROSS_LINK_SHARE)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    dot = shutil.which("dot")
    if dot is None:
        print("needs the system Graphviz (`dot` on PATH)", file=sys.stderr)
        return 3
    fast = " ".join(f'{name}="{value}"' for name, value in FAST_LAYOUT.items())
    named = ", ".join(f"{name}={value}" for name, value in FAST_LAYOUT.items())
    settings = {"usual (Graphviz defaults)": "", f"fast ({named})": fast}
    print(
        "| claims | setting | dot CPU s, median (runs) | mincross iterations | network simplex iterations | crossings | drawing, pt |"
    )
    print("|--:|---|---|--:|--:|--:|---|")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            text = dot_text(size, args.cross_links, args.seed)
            sources = {}
            for number, (name, attrs) in enumerate(settings.items()):
                sources[name] = Path(folder, f"map{size}-{number}.dot")
                sources[name].write_text(text.replace("graph [", f"graph [{attrs} ", 1), encoding="utf-8")
            results = {name: Measured() for name in settings}
            for _ in range(args.runs):
                for name, source in sources.items():
                    draw(dot, source, results[name])
            for name, m in results.items():
                runs = ", ".join(f"{t:.2f}" for t in m.cpu)
                print(
                    f"| {size:,} | {name} | {statistics.median(m.cpu):.2f} ({runs}) | {m.mincross} | {m.simplex} "
                    f"| {m.crossings} | {m.size} |"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
