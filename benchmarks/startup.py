"""Start-up of small commands, this checkout against another one (an older
commit, say), the two taking turns run by run so that a noisy neighbour
slows both alike.

    git worktree add /tmp/before <commit>
    python benchmarks/startup.py --other /tmp/before --runs 15

Each command runs as `python -m argmap ...` with PYTHONPATH set to a
checkout, stdout and stderr to /dev/null; both checkouts are byte-compiled
first and PYTHONDONTWRITEBYTECODE is dropped from the environment (with it
set, every run compiles every module it imports). Reported: the median wall
time of each command in each checkout and their ratio.
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


def commands(small_map: Path) -> dict[str, list[str]]:
    return {
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
    options = parser.parse_args()
    checkouts = {"this": REPO, "other": options.other.resolve()}
    for checkout in checkouts.values():
        compileall.compile_dir(checkout / "argmap", quiet=1)
    small_map = Path(os.environ.get("TMPDIR", "/tmp")) / "argmap-startup-20.yaml"
    small_map.write_text(generate_map(20, seed=1), encoding="utf-8")
    table = commands(small_map)
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


if __name__ == "__main__":
    main()
