"""Start-up of small commands, this checkout against another one (an older
commit, say), the two taking turns run by run so that a noisy neighbour
slows both alike.

    git worktree add /tmp/before <commit>
    python benchmarks/startup.py --other /tmp/before --runs 15

Each command runs as `python -m argmap ...` with PYTHONPATH set to a
checkout, stdout and stderr to /dev/null; both checkouts are byte-compiled
first and PYTHONDONTWRITEBYTECODE is dropped from the environment (with it
set, every run compiles every module it imports). Reported: the median wall
time of each command in each checkout and their ratio; then, per checkout,
the ratios issue 15 sets targets for (`--version` and validating 20 claims
over a bare `python -c pass`, `show` over `validate` of `--big` claims).

    python benchmarks/startup.py --other /tmp/before --runs 15 --big 10000
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from generate import generate_map

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def commands(small_map: Path, big_map: Path | None) -> dict[str, list[str]]:
    big = {}
    if big_map is not None:
        big = {
            "argmap validate (big)": ["-m", "argmap", "validate", str(big_map)],
            "argmap show (big)": ["-m", "argmap", "show", str(big_map)],
        }
    return big | {
        "python -c pass": ["-c", "pass"],
        "argmap --version": ["-m", "argmap", "--version"],
        "argmap --help": ["-m", "argmap", "--help"],
        "argmap validate (20 claims)": ["-m", "argmap", "validate", str(small_map)],
        "argmap show (20 claims)": ["-m", "argmap", "show", str(small_map)],
        "argmap render -o x.dot (20 claims)": [
            "-m",
            "argmap",
            "render",
            str(small_map),
            "-o",
            os.devnull + ".dot",
        ],
    }


def run_once(checkout: Path, args: list[str]) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(checkout)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        cwd=checkout,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--other", type=Path, required=True, help="another checkout of argmap to compare with"
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--big", type=int, default=0, help="also validate and show a map of this many claims")
    options = parser.parse_args()
    checkouts = {"this": REPO, "other": options.other.resolve()}
    for checkout in checkouts.values():
        compileall.compile_dir(checkout / "argmap", quiet=1)
    small_map = Path(os.environ.get("TMPDIR", "/tmp")) / "argmap-startup-20.yaml"
    small_map.write_text(generate_map(20, seed=1), encoding="utf-8")
    big_map = None
    if options.big:
        big_map = small_map.with_name(f"argmap-startup-{options.big}.yaml")
        big_map.write_text(generate_map(options.big, seed=1), encoding="utf-8")
    table = commands(small_map, big_map)
    times: dict[tuple[str, str], list[float]] = {(c, n): [] for c in table for n in checkouts}
    for args in table.values():
        for checkout in checkouts.values():
            run_once(checkout, args)  # warm-up: file cache
    for _ in range(options.runs):
        for command, args in table.items():
            for name, checkout in checkouts.items():
                times[(command, name)].append(run_once(checkout, args))
    print(f"medians of {options.runs} runs, load average {os.getloadavg()[0]:.1f}; other = {options.other}")
    print()
    print("| command | this (s) | other (s) | this / other |")
    print("|---|---|---|---|")
    for command in table:
        this = statistics.median(times[(command, "this")])
        other = statistics.median(times[(command, "other")])
        print(f"| `{command}` | {this:.3f} | {other:.3f} | {this / other:.2f} |")
    print()
    print("| ratio (of medians) | this | other |")
    print("|---|---|---|")
    ratios = [
        ("argmap --version", "python -c pass"),
        ("argmap validate (20 claims)", "python -c pass"),
        ("argmap show (big)", "argmap validate (big)"),
    ]
    for top, bottom in ratios:
        if top in table and bottom in table:
            row = [
                statistics.median(times[(top, name)]) / statistics.median(times[(bottom, name)])
                for name in checkouts
            ]
            print(f"| `{top}` / `{bottom}` | {row[0]:.2f} | {row[1]:.2f} |")


if __name__ == "__main__":
    main()
