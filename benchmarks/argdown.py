"""argmap against the Argdown CLI: the same map exported as DOT, whole processes.

    python benchmarks/argdown.py            # print the results as Markdown
    python benchmarks/argdown.py --write    # ... and put them in benchmarks/README.md

For each size (1,000, 10,000 and 50,000 claims by default) a map is generated
(benchmarks/generate.py, seed 1) and written as Argdown by argmap's writer.
Then, taking turns run by run after one untimed warm-up each:

* Argdown: `node cli.js map MAP.argdown --format dot --stdout --silent`, with
  @argdown/cli 2.0 and the Node 22 that benchmarks/argdown_cli.py installs;
* argmap: `argmap render MAP.yaml --format dot` (the same map, as YAML).

stdout goes to /dev/null; each time is a whole process, spawn to exit
(run.py's Spawner, which also reports peak memory). Before timing, one run of
each is captured and checked: both DOT outputs must hold every claim. Reported:
medians, min and max, and how many times faster argmap is. The targets (issue
7): at least 5x faster up to 1,000 claims, at least 3x at 10,000 and 50,000.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from argdown_cli import CliUnavailableError, ensure_cli
from generate import generate_map
from run import Bench, Result, Spawner, measure, progress

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
START, END = "<!-- argdown:start -->", "<!-- argdown:end -->"
DEFAULT_SIZES = (1_000, 10_000, 50_000)
SEED = 1
TARGETS = {1_000: 5.0, 10_000: 3.0, 50_000: 3.0}


def default_runs(size: int) -> int:
    return 5 if size <= 10_000 else 3


def prepare(size: int, folder: Path) -> tuple[Path, Path]:
    """The map of `size` claims as YAML and as argmap writes it in Argdown."""
    # Imported here: run from a checkout, argmap comes from the environment.
    from argmap.formats import argdown
    from argmap.formats.native.read import load_yaml_text

    yaml_path = folder / f"map-{size}.yaml"
    yaml_path.write_text(generate_map(size, SEED), encoding="utf-8")
    loaded = load_yaml_text(yaml_path.read_text(encoding="utf-8"), str(yaml_path))
    written = argdown.write(loaded.map)
    if written.losses:
        raise SystemExit(f"writing {size} claims as Argdown lost: {', '.join(map(str, written.losses))}")
    argdown_path = folder / f"map-{size}.argdown"
    argdown_path.write_text(written.text, encoding="utf-8")
    return yaml_path, argdown_path


def check_outputs(argdown_argv: list[str], argmap_argv: list[str], size: int) -> None:
    """Both commands draw every claim (a fast failure would be no result)."""
    argdown_dot = subprocess.run(argdown_argv, capture_output=True, text=True, check=False).stdout
    argmap_dot = subprocess.run(argmap_argv, capture_output=True, text=True, check=False).stdout
    argdown_nodes = len(re.findall(r'type="(?:statement|argument)-map-node"', argdown_dot))
    argmap_nodes = len(re.findall(r' class="claim', argmap_dot))
    if (argdown_nodes, argmap_nodes) != (size, size):
        raise SystemExit(f"{size} claims: Argdown's DOT has {argdown_nodes} nodes, argmap's {argmap_nodes}")


def table(pairs: list[tuple[int, Result, Result]]) -> str:
    rows = [
        "| claims | Argdown CLI, median s (min–max) | argmap, median s (min–max) | peak MB Argdown / argmap | argmap × faster | target | result |",
        "|--:|--:|--:|--:|--:|--:|---|",
    ]
    for size, theirs, ours in pairs:
        if not (theirs.ok and ours.ok):
            failed = "; ".join(r.failure or "no runs" for r in (theirs, ours) if not r.ok)
            rows.append(f"| {size:,} | | | | | ≥ {TARGETS.get(size, 3.0):g}× | failed: {failed} |")
            continue
        ratio = theirs.median / ours.median
        target = TARGETS.get(size, 3.0)
        rows.append(
            f"| {size:,} | {theirs.median:.2f} ({min(theirs.seconds):.2f}–{max(theirs.seconds):.2f}) "
            f"| {ours.median:.2f} ({min(ours.seconds):.2f}–{max(ours.seconds):.2f}) "
            f"| {theirs.peak_mb:.0f} / {ours.peak_mb:.0f} | {ratio:.1f}× | ≥ {target:g}× "
            f"| {'pass' if ratio >= target else 'FAIL'} |"
        )
    return "\n".join(rows)


def write_readme(section: str) -> None:
    text = README.read_text(encoding="utf-8")
    if START in text and END in text:
        before, rest = text.split(START, 1)
        _, after = rest.split(END, 1)
        text = f"{before}{START}\n{section}\n{END}{after}"
    else:
        text = text.rstrip("\n") + f"\n\n{START}\n{section}\n{END}\n"
    README.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--write", action="store_true", help="put the results in benchmarks/README.md")
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="claims per map, comma-separated"
    )
    parser.add_argument("--runs", type=int, default=None, help="timed runs per command (default 5, 3 at 50k)")
    parser.add_argument(
        "--argmap", default=str(Path(sys.executable).parent / "argmap"), help="the argmap to time"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    try:
        cli = ensure_cli()
    except CliUnavailableError as exc:
        print(f"error: the Argdown CLI is unavailable: {exc}", file=sys.stderr)
        return 3
    node_version = subprocess.run(
        [str(cli.node), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    pairs: list[tuple[int, Result, Result]] = []
    with tempfile.TemporaryDirectory(prefix="argmap-argdown-bench-") as tmp:
        folder = Path(tmp)
        spawner = Spawner(folder)
        try:
            for size in sizes:
                progress(f"{size:,} claims")
                yaml_path, argdown_path = prepare(size, folder)
                theirs = cli.command("map", str(argdown_path), "--format", "dot", "--stdout", "--silent")
                ours = [args.argmap, "render", str(yaml_path), "--format", "dot"]
                check_outputs(theirs, ours, size)
                group = [
                    Bench("argdown map --format dot", "argdown", size, tuple(theirs)),
                    Bench("argmap render --format dot", "argmap", size, tuple(ours)),
                ]
                runs = args.runs or default_runs(size)
                first, second = measure(spawner, group, runs)
                pairs.append((size, first, second))
        finally:
            spawner.close()
    section = "\n".join(
        [
            f"Measured {dt.date.today().isoformat()} with `python benchmarks/argdown.py` "
            f"(@argdown/cli 2.0.0 on Node {node_version}; maps from generate.py, seed {SEED}; "
            f"medians of {args.runs or '5 (3 at 50k)'} runs after a warm-up, the two tools taking turns).",
            "",
            table(pairs),
        ]
    )
    print(section)
    if args.write:
        write_readme(section)
    return 0 if all(p[1].ok and p[2].ok for p in pairs) else 1


if __name__ == "__main__":
    sys.exit(main())
