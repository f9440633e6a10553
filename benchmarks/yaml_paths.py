"""The fast path for reading YAML maps (issue 15), measured.

    git archive <commit> | tar -x -C /tmp/before      # a checkout without it
    python benchmarks/yaml_paths.py --other /tmp/before --claims 10000 --runs 7

Three parts, each printed as a Markdown table (medians of --runs runs after
one warm-up, the candidates taking turns run by run):

* parsers, in process: PyYAML's C composer as argmap configures it, PyYAML's
  C loader to Python objects, yaml-rs, and ryaml and rapidyaml (to Python
  objects through its JSON emitter) when importable (`--extra-path` adds a
  folder holding them; they are not argmap's dependencies);
* argmap's loader in process, garbage collector paused as the command runs
  it: the PyYAML path and the fast path, loading alone and loading and
  checking; and reading both sides of a diff one after the other against
  reading them in two processes at once;
* whole processes (stdout to /dev/null, PYTHONDONTWRITEBYTECODE dropped, both
  checkouts byte-compiled first): a bare `python -c` doing only
  `yaml.compose` with CSafeLoader and the collector paused (the issue's
  target for validate), `argmap validate` and `argmap diff` of two versions
  of the map (the second with 1% of its claims changed), in this checkout
  and, with --other, in another: wall time and CPU time (user + system).
"""

from __future__ import annotations

import argparse
import compileall
import concurrent.futures
import gc
import json
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from diff import mutate
from generate import generate_map

from argmap.checks.gate import Checked, check_loaded
from argmap.checks.versions import MapVersion, load_version
from argmap.formats.native import tree
from argmap.formats.native.read import load_yaml_text

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BARE_COMPOSE = (
    "import gc, sys, yaml; gc.disable(); "
    "yaml.compose(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)"
)


def median_of(runs: int, jobs: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Each job's median time in seconds, the jobs taking turns, after a warm-up of each."""
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for job in jobs.values():
        job()
    for _ in range(runs):
        for name, job in jobs.items():
            gc.collect()
            gc.disable()
            start = time.perf_counter()
            job()
            times[name].append(time.perf_counter() - start)
            gc.enable()
    return {name: statistics.median(values) for name, values in times.items()}


def parsers(text: str) -> dict[str, Callable[[], object]]:
    import yaml

    from argmap.yaml.compose import YamlLoader

    jobs: dict[str, Callable[[], object]] = {
        "PyYAML compose (argmap's C loader)": lambda: yaml.compose(text, Loader=YamlLoader),
        "PyYAML load (CSafeLoader)": lambda: yaml.load(text, Loader=yaml.CSafeLoader),
    }
    try:
        import yaml_rs

        jobs["yaml-rs loads"] = lambda: yaml_rs.loads(text, parse_datetime=False)
    except ImportError:
        pass
    try:
        import ryaml  # type: ignore[import-not-found, unused-ignore]

        jobs["ryaml loads"] = lambda: ryaml.loads(text)
    except ImportError:
        pass
    try:
        import ryml  # type: ignore[import-not-found, unused-ignore]

        data = text.encode("utf-8")
        jobs["rapidyaml, its own tree"] = lambda: ryml.parse_in_arena(data)
        jobs["rapidyaml, to Python via JSON"] = lambda: json.loads(ryml.emit_json(ryml.parse_in_arena(data)))
    except ImportError:
        pass
    return jobs


def loader(text: str) -> dict[str, Callable[[], object]]:
    def checked(fast: bool) -> Callable[[], object]:
        return lambda: check_loaded(load_yaml_text(text, "m.yaml", fast=fast), read_sources=False)

    return {
        "load, PyYAML path": lambda: load_yaml_text(text, "m.yaml"),
        "load, fast path": lambda: load_yaml_text(text, "m.yaml", fast=True),
        "load + checks, PyYAML path": checked(False),
        "load + checks, fast path": checked(True),
    }


def _load_side(path: str) -> Checked:
    return load_version(MapVersion(path, file=Path(path)), read_sources=False)


def diff_reads(old: Path, new: Path) -> dict[str, Callable[[], object]]:
    """Both sides of a diff as `argmap diff` reads them (the fast path), in
    turn and in two processes (forked, the maps pickled back)."""
    context = multiprocessing.get_context("fork")

    def in_two() -> object:
        with concurrent.futures.ProcessPoolExecutor(2, mp_context=context) as pool:
            return list(pool.map(_load_side, [str(old), str(new)]))

    return {
        "both sides in turn": lambda: [_load_side(str(old)), _load_side(str(new))],
        "both sides in two processes": in_two,
    }


def run_process(checkout: Path | None, args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def processes(checkouts: dict[str, Path], old: Path, new: Path, runs: int) -> dict[str, tuple[float, float]]:
    commands: dict[str, tuple[Path | None, list[str]]] = {
        "bare python -c yaml.compose (CSafeLoader, gc off)": (None, ["-c", BARE_COMPOSE, str(new)])
    }
    for label, checkout in checkouts.items():
        commands[f"argmap validate ({label})"] = (checkout, ["-m", "argmap", "validate", str(new)])
        commands[f"argmap diff ({label})"] = (checkout, ["-m", "argmap", "diff", str(old), str(new)])
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for where, args in commands.values():
        run_process(where, args)
    for _ in range(runs):
        for name, (where, args) in commands.items():
            times[name].append(run_process(where, args))
    return {
        name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
        for name, values in times.items()
    }


def table(title: str, medians: dict[str, float], reference: str) -> str:
    lines = [f"| {title} | median | / {reference} |", "|---|---|---|"]
    lines += [
        f"| {name} | {value:.3f} s | {value / medians[reference]:.2f} |" for name, value in medians.items()
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--other", type=Path, help="another checkout to compare whole processes with")
    parser.add_argument(
        "--extra-path", type=Path, help="a folder with ryaml and rapidyaml, to measure them too"
    )
    args = parser.parse_args()
    if args.extra_path:
        sys.path.append(str(args.extra_path))
    checkouts = {"this checkout": REPO}
    if args.other:
        checkouts["other"] = args.other.resolve()
    for checkout in checkouts.values():
        compileall.compile_dir(checkout / "argmap", quiet=1)

    text = generate_map(args.claims, 1)
    new_map, _ = mutate(load_yaml_text(text, "old.yaml").map, 0.01, 2)
    with tempfile.TemporaryDirectory() as folder:
        old, new = Path(folder, "old.yaml"), Path(folder, "new.yaml")
        old.write_text(text, encoding="utf-8")
        new.write_text(tree.dumps(new_map), encoding="utf-8")
        print(
            f"{args.claims} claims, {len(text) / 1e6:.1f} MB, {args.runs} runs, load average {os.getloadavg()[0]:.1f}\n"
        )
        print(
            table(
                "parser, in process",
                median_of(args.runs, parsers(text)),
                "PyYAML compose (argmap's C loader)",
            )
        )
        print()
        print(
            table(
                "argmap's loader, in process",
                median_of(args.runs, loader(text)),
                "load + checks, PyYAML path",
            )
        )
        print()
        print(
            table(
                "a diff's two reads, in process",
                median_of(args.runs, diff_reads(old, new)),
                "both sides in turn",
            )
        )
        print()
        results = processes(checkouts, old, new, args.runs)
        bare = results[next(iter(results))][0]
        print("| whole process | wall | CPU | wall / bare compose |\n|---|---|---|---|")
        for name, (wall, cpu) in results.items():
            print(f"| {name} | {wall:.3f} s | {cpu:.3f} s | {wall / bare:.2f} |")


if __name__ == "__main__":
    main()
