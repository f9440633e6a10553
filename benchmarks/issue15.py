"""Every speed and memory target of issue 15, measured side by side in one run.

    python benchmarks/issue15.py --base /work/wt-15base         # print the tables
    python benchmarks/issue15.py --base /work/wt-15base --write  # ... and put them in README.md

Each command is a whole process (run.py's Spawner: posix_spawn to wait4,
wall time and the child's own peak RSS), stdout to /dev/null. argmap runs as
`python -m argmap` with PYTHONPATH naming a checkout: this one and, with
`--base DIR`, another (main before the work), so "today" and "now" come from
the same run. The commands of one group take turns run by run after one
untimed warm-up each; the figures are medians, of wall time and of CPU time
(user + system, from wait4): on a shared machine a command's wall time
varies with the neighbours' load, its CPU time much less. Both checkouts are
byte-compiled first and PYTHONDONTWRITEBYTECODE is dropped.

The groups:
* start: `python -c pass`, `argmap --version`, `argmap validate` of 20 claims;
* 10k claims: validate, show (the tree), `render --format dot`,
  `show --format json`, and the floor: a bare `python -c` composing the file
  with PyYAML's CSafeLoader, the garbage collector paused;
* 1k, 10k and 50k claims: DOT and JSON export, argmap against the Argdown CLI
  2.0 (`argdown map --format dot` and `argdown json`, on Node 22 as
  benchmarks/argdown_cli.py installs it) on the same map written as Argdown
  by argmap's writer; peak memory at 50k (validate, DOT, JSON).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argdown import prepare
from argdown_cli import ArgdownCli, CliUnavailableError, ensure_cli
from generate import generate_map
from run import FLOOR_NOGC_CODE, Bench, Result, Spawner, load_average, measure, progress

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
README = HERE / "README.md"
START, END = "<!-- issue15:start -->", "<!-- issue15:end -->"
EXPORT_SIZES = (1_000, 10_000, 50_000)
SEED = 1
MIB = 2**20
# Peak memory "today" (issue 15): validate of 50k claims took 240 MiB.
TODAY_PEAK_MIB = 240.0


@dataclass(frozen=True)
class Checkout:
    name: str  # "now" or "base"
    path: Path

    def argmap(self, python: str, label: str, kind: str, size: int | None, *args: str) -> Bench:
        return Bench(
            label,
            f"{self.name}:{kind}",
            size,
            (python, "-m", "argmap", *args),
            # PYTHONSAFEPATH: `-m` would put the current folder first on the
            # path, and run from a checkout that folder's argmap, whatever
            # PYTHONPATH says (the "today" figures were this checkout's until it was set).
            (("PYTHONPATH", str(self.path)), ("PYTHONSAFEPATH", "1")),
        )


def runs_for(size: int | None, override: int | None) -> int:
    if override:
        return override
    return 3 if size and size > 10_000 else 5 if size and size >= 10_000 else 9


def groups(
    python: str, checkouts: list[Checkout], maps: dict[int, tuple[Path, Path]], cli: ArgdownCli | None
) -> list[tuple[int | None, list[Bench]]]:
    small, (ten_k, _) = str(maps[20][0]), maps[10_000]
    start = [Bench("python -c pass", "pass", None, (python, "-c", "pass"))]
    for c in checkouts:
        start += [
            c.argmap(python, "argmap --version", "version", None, "--version"),
            c.argmap(python, "argmap validate", "validate", 20, "validate", small),
        ]
    result: list[tuple[int | None, list[Bench]]] = [(None, start)]
    for size in sorted(s for s in maps if s != 20):
        yaml_path, argdown_path = (str(p) for p in maps[size])
        group: list[Bench] = []
        if size == 10_000:
            group.append(
                Bench(
                    "floor: compose (CSafeLoader, gc paused)",
                    "floor",
                    size,
                    (python, "-c", FLOOR_NOGC_CODE, str(ten_k)),
                )
            )
        for c in checkouts:
            group += [
                c.argmap(python, "argmap validate", "validate", size, "validate", yaml_path),
                c.argmap(
                    python, "argmap render --format dot", "dot", size, "render", "--format", "dot", yaml_path
                ),
                c.argmap(
                    python, "argmap show --format json", "json", size, "show", "--format", "json", yaml_path
                ),
            ]
            if size == 10_000:
                group.append(c.argmap(python, "argmap show", "show", size, "show", yaml_path))
        if cli is not None:
            group += [
                Bench(
                    "argdown map --format dot",
                    "argdown:dot",
                    size,
                    tuple(cli.command("map", argdown_path, "--format", "dot", "--stdout", "--silent")),
                ),
                Bench(
                    "argdown json",
                    "argdown:json",
                    size,
                    tuple(cli.command("json", argdown_path, "--stdout", "--silent")),
                ),
            ]
        result.append((size, group))
    return result


# -- the targets ------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    name: str
    limit: str
    today: str
    now: str
    verdict: str


def _median(
    results: dict[tuple[str, int | None], Result], kind: str, size: int | None, cpu: bool
) -> float | None:
    """The median wall time of a command, or with `cpu` its median CPU time (user + system)."""
    found = results.get((kind, size))
    if found is None or not found.ok:
        return None
    return statistics.median(found.cpu_seconds) if cpu else found.median


def _peak_mib(results: dict[tuple[str, int | None], Result], kind: str, size: int | None) -> float | None:
    found = results.get((kind, size))
    return max(found.peak_kib) / 1024 if found is not None and found.ok else None


def _fmt(value: float | None, unit: str) -> str:
    return "–" if value is None else f"{value:.2f}{unit}"


def target_rows(results: dict[tuple[str, int | None], Result], cpu: bool = False) -> list[Row]:
    """The targets' ratios by wall time, or with `cpu` by CPU time; peak memory either way."""
    rows: list[Row] = []

    def ratio(
        name: str,
        limit: float,
        top: Callable[[str], float | None],
        bottom: Callable[[str], float | None],
        most: bool = True,
    ) -> None:
        """`top / bottom` for each checkout; `most`: the ratio is a ceiling (else a floor)."""
        values = {}
        for who in ("base", "now"):
            t, b = top(who), bottom(who)
            values[who] = None if t is None or b is None else t / b
        now = values["now"]
        verdict = "–" if now is None else ("pass" if (now <= limit if most else now >= limit) else "FAIL")
        rows.append(
            Row(
                name, f"{'≤' if most else '≥'} {limit:g}×", _fmt(values["base"], "×"), _fmt(now, "×"), verdict
            )
        )

    def m(kind: str, size: int | None) -> Callable[[str], float | None]:
        return lambda who: _median(
            results, kind if ":" in kind or kind in {"pass", "floor"} else f"{who}:{kind}", size, cpu
        )

    ratio("`argmap --version` / `python -c pass`", 5, m("version", None), m("pass", None))
    ratio("validate 20 claims / `python -c pass`", 7, m("validate", 20), m("pass", None))
    ratio("validate 10k / compose floor (gc paused)", 1, m("validate", 10_000), m("floor", 10_000))
    ratio("show 10k / validate 10k", 1.5, m("show", 10_000), m("validate", 10_000))
    ratio("DOT 10k / validate 10k", 1.4, m("dot", 10_000), m("validate", 10_000))
    for size in EXPORT_SIZES:
        for kind in ("dot", "json"):
            ratio(
                f"{kind.upper()} export {size:,}: Argdown / argmap",
                5,
                m(f"argdown:{kind}", size),
                m(kind, size),
                most=False,
            )
    for kind in ("validate", "dot", "json"):
        base, now = _peak_mib(results, f"base:{kind}", 50_000), _peak_mib(results, f"now:{kind}", 50_000)
        limit = TODAY_PEAK_MIB / 2
        verdict = "–" if now is None else ("pass" if now <= limit else "FAIL")
        rows.append(
            Row(
                f"peak memory, {kind} 50k", f"≤ {limit:g} MiB", _fmt(base, " MiB"), _fmt(now, " MiB"), verdict
            )
        )
    return rows


def times_table(all_results: list[Result]) -> str:
    lines = [
        "| command | claims | wall s, today (base) | wall s, now (min–max) | CPU s, today | CPU s, now "
        "| peak MiB today / now |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    by_key = {(r.bench.kind, r.bench.size): r for r in all_results}
    for r in all_results:
        who, _, kind = r.bench.kind.rpartition(":")
        if who == "base":
            continue
        size = "–" if r.bench.size is None else f"{r.bench.size:,}"
        base = by_key.get((f"base:{kind}", r.bench.size)) if who == "now" else None
        if not r.ok:
            lines.append(f"| `{r.bench.label}` | {size} | | failed: {r.failure} | | | |")
            continue
        had = base is not None and base.ok
        base_wall = f"{base.median:.3f}" if base is not None and had else ""
        base_cpu = f"{statistics.median(base.cpu_seconds):.3f}" if base is not None and had else ""
        base_mib = f"{max(base.peak_kib) / 1024:.0f} / " if base is not None and had else ""
        lines.append(
            f"| `{r.bench.label}` | {size} | {base_wall} "
            f"| {r.median:.3f} ({min(r.seconds):.3f}–{max(r.seconds):.3f}) | {base_cpu} "
            f"| {statistics.median(r.cpu_seconds):.3f} | {base_mib}{max(r.peak_kib) / 1024:.0f} |"
        )
    return "\n".join(lines)


def targets_table(rows: list[Row], cpu_rows: list[Row]) -> str:
    lines = [
        "| target | limit | today, wall | now, wall | today, CPU | now, CPU | result (wall / CPU) |",
        "|---|---|--:|--:|--:|--:|---|",
    ]
    for wall, cpu in zip(rows, cpu_rows, strict=True):
        verdicts = wall.verdict if wall.verdict == cpu.verdict else f"{wall.verdict} / {cpu.verdict}"
        if wall.limit.endswith("MiB"):  # memory: one figure
            lines.append(f"| {wall.name} | {wall.limit} | {wall.today} | {wall.now} | | | {verdicts} |")
            continue
        lines.append(
            f"| {wall.name} | {wall.limit} | {wall.today} | {wall.now} | {cpu.today} | {cpu.now} | {verdicts} |"
        )
    return "\n".join(lines)


def report(all_results: list[Result], facts: list[str]) -> str:
    keyed = {(r.bench.kind, r.bench.size): r for r in all_results}
    targets = targets_table(target_rows(keyed), target_rows(keyed, cpu=True))
    return "\n".join([*facts, "", targets, "", times_table(all_results)])


def _byte_compile(paths: list[Path]) -> None:
    for path in paths:
        compileall.compile_dir(path / "argmap", quiet=1)


def _git_head(path: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(path), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--base", type=Path, help="another checkout to time beside this one (main before the work)"
    )
    parser.add_argument(
        "--runs", type=int, help="timed runs per command (default 9 up to 1k claims, 5 at 10k, 3 above)"
    )
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, EXPORT_SIZES)),
        help="export sizes, comma-separated (10000 is always in)",
    )
    parser.add_argument("--no-argdown", action="store_true", help="skip the Argdown CLI")
    parser.add_argument("--write", action="store_true", help="put the results in benchmarks/README.md")
    args = parser.parse_args(argv)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    checkouts = [Checkout("now", REPO)] + ([Checkout("base", args.base.resolve())] if args.base else [])
    _byte_compile([c.path for c in checkouts])
    cli: ArgdownCli | None = None
    if not args.no_argdown:
        try:
            cli = ensure_cli()
        except CliUnavailableError as exc:
            progress(f"the Argdown CLI is unavailable, skipped: {exc}")
    python = sys.executable
    sizes = sorted({10_000, *(int(s) for s in args.sizes.split(",") if s.strip())})
    all_results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="argmap-issue15-") as tmp:
        folder = Path(tmp)
        spawner = Spawner(folder)
        try:
            small = folder / "map-20.yaml"
            small.write_text(generate_map(20, SEED), encoding="utf-8")
            maps = {20: (small, small)} | {size: prepare(size, folder) for size in sizes}
            load_before = load_average()
            for size, group in groups(python, checkouts, maps, cli):
                runs = runs_for(size, args.runs)
                progress(f"{'start' if size is None else f'{size:,} claims'}: {runs} runs")
                all_results += measure(spawner, group, runs)
            load_after = load_average()
        finally:
            spawner.close()
    facts = [
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC with `python benchmarks/issue15.py"
        f"{' --base BASE' if args.base else ''}`; now: {_git_head(REPO)}"
        + (f", today (base): {_git_head(checkouts[1].path)}" if args.base else "")
        + f"; {os.cpu_count()} CPUs shared; load average before {load_before}, after {load_after}.",
    ]
    section = report(all_results, facts)
    print(section)
    if args.write:
        write_section(section)
    return 0


def write_section(section: str) -> None:
    """Put `section` between this benchmark's markers in README.md (added at the end the first time)."""
    text = README.read_text(encoding="utf-8")
    if START not in text:
        text = text.rstrip("\n") + f"\n\n{START}\n{END}\n"
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    README.write_text(f"{before}{START}\n{section}\n{END}{after}", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
