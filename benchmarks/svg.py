"""Time an SVG of the same map made by argmap and by the Argdown CLI + Graphviz.

    python benchmarks/svg.py --argdown-dir DIR            # print the table
    python benchmarks/svg.py --argdown-dir DIR --write    # ... and put it in benchmarks/README.md

What is timed, as whole processes (the run.py way: posix_spawn to wait4,
one untimed warm-up, then the commands take turns run by run, medians):

* `argmap render MAP.yaml -o x.svg` (Graphviz included: the system `dot`);
* the Argdown way: `argdown map --format dot MAP.argdown DIR`, then
  `dot -Tsvg` on the DOT it wrote, in one `sh -c` so the time is the sum;
* each half alone, to show where the time goes: `argdown map` alone, and
  `argmap render --format dot` alone (argmap without Graphviz).

The maps are benchmarks/generate.py's (1,000 and 5,000 claims by default),
written as Argdown by argmap.formats.argdown when this branch has it, else
by `minimal_argdown` below (statements `[id]: text`, and `+ [id]` / `- [id]`
under their target for supports and attacks: the same graph).

The Argdown CLI is not installed by argmap: install it in a folder of its
own and pass it with --argdown-dir. Version 2 needs Node 22, which npm can
bring as a package; one of its dependencies is missing from the registry at
the version asked for, so pin it:

    mkdir argdown && cd argdown && cat > package.json <<'EOF'
    {"private": true, "dependencies": {"@argdown/cli": "^2", "node": "^22"},
     "overrides": {"@argdown/markdown-it-plugin": "1.7.7"}}
    EOF
    npm install
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generate import generate_map
from run import Bench, Result, Spawner, find_argmap, git_revision, load_average, measure, progress

from argmap.formats.native.read import load_yaml_text
from argmap.model import ArgumentMap, RelationType

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
START, END = "<!-- svg-results:start -->", "<!-- svg-results:end -->"
DEFAULT_SIZES = (1_000, 5_000)
SEED = 1


def minimal_argdown(amap: ArgumentMap) -> str:
    """The map's claims and its supports and attacks as Argdown: each
    statement defined once, each relation as `+ [source]` or `- [source]`
    under a reference to its target. Undercuts and linked groups, which the
    generated maps do not have, are left out."""
    # Top-level statements and relation trees are paragraphs: a blank line after each.
    lines = [f"[{claim.id}]: {' '.join(claim.text.split())}\n" for claim in amap.claims]
    by_target: dict[str, list[str]] = {}
    for relation in amap.relations:
        sign = {RelationType.SUPPORT: "+", RelationType.ATTACK: "-"}.get(relation.type)
        if sign is not None:
            by_target.setdefault(relation.target, []).append(f"    {sign} [{relation.source}]")
    for target, children in by_target.items():
        lines += ["", f"[{target}]", *children]
    return "\n".join(lines) + "\n"


def argdown_writer() -> tuple[str, Callable[[ArgumentMap], str]]:
    """argmap's own Argdown writer when there is one, else the minimal one."""
    try:
        module: Any = importlib.import_module("argmap.formats.argdown")
    except ImportError:
        return "benchmarks/svg.py's minimal writer", minimal_argdown
    return "argmap.formats.argdown", lambda amap: str(module.write(amap).text)


def argdown_command(folder: Path) -> list[str]:
    """Node 22 and the CLI's script, as the npm install above lays them out."""
    node = folder / "node_modules" / ".bin" / "node"
    script = folder / "node_modules" / "@argdown" / "cli" / "dist" / "cli.js"
    for needed in (node, script):
        if not needed.exists():
            raise SystemExit(f"{needed}: not found; install the Argdown CLI as this script's docstring says")
    return [str(node), str(script)]


def nodes_in(dot_file: Path) -> int:
    """Statement nodes in Argdown's DOT (a check that it drew every claim)."""
    return dot_file.read_text(encoding="utf-8").count('type="statement-map-node"')


def benches(
    argmap: str, argdown: list[str], dot: str, work: Path, size: int, writer: Callable[[ArgumentMap], str]
) -> list[Bench]:
    yaml_text = generate_map(size, SEED)
    yaml_file = work / f"map-{size}.yaml"
    yaml_file.write_text(yaml_text, encoding="utf-8")
    amap = load_yaml_text(yaml_text, str(yaml_file)).map
    argdown_file = work / f"map-{size}.argdown"
    argdown_file.write_text(writer(amap), encoding="utf-8")
    out = work / f"argdown-{size}"
    dot_file = out / f"map-{size}.dot"
    # One check run: Argdown must draw every claim, or the race is unfair.
    subprocess.run(
        [*argdown, "map", "--format", "dot", str(argdown_file), str(out)], check=True, capture_output=True
    )
    drawn = nodes_in(dot_file)
    if drawn != len(amap.claims):
        raise SystemExit(f"Argdown drew {drawn} of the {len(amap.claims)} claims of {argdown_file}")
    argdown_map = [*argdown, "map", "--format", "dot", str(argdown_file), str(out)]
    # `sh -c SCRIPT dot DOT_FILE argdown...`: $0 is dot, $1 the DOT file, then the Argdown command.
    script = (
        'dot_program=$0; dot_file=$1; shift; "$@" && exec "$dot_program" -Tsvg -o "$dot_file.svg" "$dot_file"'
    )
    both = [shutil.which("sh") or "/bin/sh", "-c", script, dot, str(dot_file), *argdown_map]
    return [
        Bench(
            "argmap render -o x.svg",
            "argmap",
            size,
            (argmap, "render", str(yaml_file), "-o", str(work / f"argmap-{size}.svg")),
        ),
        Bench("argdown map --format dot + dot -Tsvg", "argdown", size, tuple(both)),
        Bench(
            "  argmap render --format dot (no Graphviz)",
            "argmap-dot",
            size,
            (argmap, "render", str(yaml_file), "--format", "dot"),
        ),
        Bench("  argdown map --format dot alone", "argdown-dot", size, tuple(argdown_map)),
    ]


def table(results: list[Result]) -> str:
    rows = [
        "| command | claims | median s | min s | max s | runs |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for result in results:
        bench = result.bench
        if not result.ok:
            rows.append(f"| `{bench.label.strip()}` | {bench.size:,} | failed: {result.failure} | | | |")
            continue
        times = result.seconds
        rows.append(
            f"| `{bench.label.strip()}` | {bench.size:,} | {result.median:.2f} | {min(times):.2f} | "
            f"{max(times):.2f} | {len(times)} |"
        )
    return "\n".join(rows)


def ratios(results: list[Result]) -> list[str]:
    lines = []
    for size in sorted({r.bench.size for r in results if r.bench.size is not None}):
        found = {r.bench.kind: r for r in results if r.bench.size == size and r.ok}
        if "argmap" in found and "argdown" in found:
            ratio = found["argdown"].median / found["argmap"].median
            lines.append(
                f"- {size:,} claims: argmap {found['argmap'].median:.2f} s, Argdown + dot "
                f"{found['argdown'].median:.2f} s: argmap takes {1 / ratio:.2f}× the time "
                f"({'faster' if ratio > 1 else 'slower'})"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--argdown-dir", type=Path, required=True, help="where the Argdown CLI was npm-installed"
    )
    parser.add_argument("--argmap", help="the argmap to time (default: the one beside this Python)")
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="claims per map, comma-separated"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (after one warm-up)")
    parser.add_argument("--write", action="store_true", help="put the results in benchmarks/README.md")
    args = parser.parse_args(argv)
    argmap = find_argmap(args.argmap)
    argdown = argdown_command(args.argdown_dir.resolve())
    dot = shutil.which("dot")
    if dot is None:
        raise SystemExit("no `dot` on PATH: install Graphviz")
    writer_name, writer = argdown_writer()
    version = subprocess.run(
        [*argdown, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    node = subprocess.run(
        [argdown[0], "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    dot_version = subprocess.run([dot, "-V"], capture_output=True, text=True, check=False).stderr.strip()
    load_before = load_average()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="argmap-svg-bench-") as folder:
        spawner = Spawner(Path(folder))
        try:
            for size in (int(s) for s in args.sizes.split(",")):
                progress(f"{size:,} claims")
                results += measure(
                    spawner, benches(argmap, argdown, dot, Path(folder), size, writer), args.runs
                )
        finally:
            spawner.close()
    facts = [
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; argmap: {git_revision()}.",
        "",
        f"- Argdown CLI {version} on Node {node}; {dot_version}; maps written as Argdown by {writer_name}",
        f"- load average (1, 5, 15 min) before: {load_before}; after: {load_average()}",
        f"- {args.runs} timed runs of each command after one warm-up, the commands taking turns",
    ]
    section = "\n".join([*facts, "", table(results), "", *ratios(results)])
    print(section)
    if args.write:
        text = README.read_text(encoding="utf-8")
        before, rest = text.split(START, 1)
        _, after = rest.split(END, 1)
        README.write_text(f"{before}{START}\n{section}\n{END}{after}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
