"""Time `argmap slides`: the deck of the essay's biggest map in every form,
and a generated 500-claim map's deck, as whole processes.

    python benchmarks/slides.py            # print the table
    python benchmarks/slides.py --write    # ... and put it in benchmarks/README.md

The run.py way: each command started by posix_spawn and waited for with
wait4 (so Graphviz's and rsvg-convert's processes count), one untimed
warm-up, then the commands take turns run by run; medians, and the peak
RSS of the argmap process. `argmap render -o x.svg` of the same map is
timed beside them, as the yardstick.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from generate import generate_map
from run import Bench, Result, Spawner, find_argmap, git_revision, load_average, measure

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
README = HERE / "README.md"
START, END = "<!-- slides-results:start -->", "<!-- slides-results:end -->"
ESSAY_MAP = REPO / "arguments" / "socialism-in-one-country.yaml"  # the essay's biggest: 38 claims
GENERATED = 500
SEED = 1


def benches(argmap: str, out: Path, generated: Path) -> list[tuple[list[Bench], int]]:
    """(commands, runs) groups."""
    essay = str(ESSAY_MAP)

    def deck(label: str, source: str, size: int, *args: str) -> Bench:
        return Bench(label, "slides", size, (argmap, "slides", source, *args))

    return [
        (
            [
                Bench(
                    "render -o map.svg (yardstick)",
                    "render",
                    38,
                    (argmap, "render", essay, "-o", str(out / "m.svg")),
                ),
                deck("slides -o DIR (SVG)", essay, 38, "-o", str(out / "svg")),
                deck("slides -o DIR --format png", essay, 38, "-o", str(out / "png"), "--format", "png"),
                deck("slides -o DIR --format pdf", essay, 38, "-o", str(out / "pdfs"), "--format", "pdf"),
                deck("slides -o talk.pdf", essay, 38, "-o", str(out / "talk.pdf")),
                deck("slides -o talk.pptx", essay, 38, "-o", str(out / "talk.pptx")),
                deck("slides -o talk.html", essay, 38, "-o", str(out / "talk.html")),
            ],
            5,
        ),
        (
            [
                deck("slides -o DIR (SVG)", str(generated), GENERATED, "-o", str(out / "big")),
                deck("slides -o talk.pdf", str(generated), GENERATED, "-o", str(out / "big.pdf")),
            ],
            2,
        ),
    ]


def slide_count(folder: Path) -> int:
    return len(list(folder.iterdir())) if folder.is_dir() else 0


def table(results: list[Result], counts: dict[str, int]) -> str:
    rows = [
        "| map | command | slides | median s | runs, s | peak RSS MB |",
        "|---|---|--:|--:|---|--:|",
    ]
    for result in results:
        bench = result.bench
        source = "essay (38 claims)" if bench.size == 38 else f"generated ({bench.size:,} claims)"
        if not result.ok:
            rows.append(f"| {source} | `{bench.label}` | | failed: {result.failure} | | |")
            continue
        runs = ", ".join(f"{s:.2f}" for s in result.seconds)
        slides = counts.get(source, 0) if bench.kind == "slides" else 0
        rows.append(
            f"| {source} | `{bench.label}` | {slides or ''} | {result.median:.2f} | {runs} | {result.peak_mb:.0f} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="put the table in benchmarks/README.md")
    parser.add_argument("--argmap", help="the argmap to time (default: beside this Python, or on PATH)")
    args = parser.parse_args(argv)
    argmap = find_argmap(args.argmap)
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="argmap-bench-slides-") as folder:
        out = Path(folder)
        generated = out / "generated.yaml"
        generated.write_text(generate_map(GENERATED, SEED), encoding="utf-8")
        spawner = Spawner(out)
        results: list[Result] = []
        try:
            for group, runs in benches(argmap, out, generated):
                results += measure(spawner, group, runs)
        finally:
            spawner.close()
        counts = {
            "essay (38 claims)": slide_count(out / "svg"),
            f"generated ({GENERATED:,} claims)": slide_count(out / "big"),
        }
    graphviz = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()
    rsvg = subprocess.run(["rsvg-convert", "--version"], capture_output=True, text=True).stdout.strip()
    section = "\n".join(
        [
            f"Measured on {git_revision()}; {graphviz}; {rsvg}; load average before {load_before}, "
            f"after {load_average()} (a shared 2-core machine).",
            "",
            table(results, counts),
        ]
    )
    print(section)
    if args.write:
        text = README.read_text(encoding="utf-8")
        start, end = text.find(START), text.find(END)
        if start < 0 or end < start:
            raise SystemExit(f"{README}: no {START} ... {END} markers")
        README.write_text(text[: start + len(START)] + "\n" + section + "\n" + text[end:], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
