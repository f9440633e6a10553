"""Time argmap as a user runs it: whole processes, on generated maps.

    python benchmarks/run.py            # print the results as Markdown
    python benchmarks/run.py --write    # ... and put them in benchmarks/README.md

Each command is started as its own process (posix_spawn, stdout and stdin on
/dev/null) and reaped with os.wait4, which gives its wall time (spawn to exit)
and its peak resident memory (ru_maxrss of that child alone). A lean helper
process (`python -S`) does the spawning: on Linux a child's ru_maxrss counts
the memory of the process that forked it, and this one holds the maps. Every command
gets one untimed warm-up run, then several timed ones; the commands of one
map size take turns run by run, so a noisy neighbour slows them all alike and
the ratio to the floor stays fair. Reported: the median, min and max of the
wall times and the highest peak memory.

The floor is the least any tool that reads the map must do: start the same
Python interpreter, import PyYAML and compose the file with its C loader
(garbage collector on, as in any program).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generate import generate_map

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"

SMALL_MAP = 20
DEFAULT_SIZES = (1_000, 10_000, 50_000)
SEED = 1

FLOOR_CODE = (
    "import sys, yaml; yaml.compose(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)"
)
FLOOR_LABEL = "floor: python -c yaml.compose(CSafeLoader)"
# For reference, not a target: the same with the garbage collector off, what a
# loader that keeps the collector out of its way could approach.
FLOOR_NOGC_CODE = "import gc; gc.disable(); " + FLOOR_CODE
FLOOR_NOGC_LABEL = "floor, gc.disable() first"


def default_runs(size: int | None) -> int:
    """Timed runs for a group: more for the quick commands, fewer for big maps."""
    if size is None or size <= 1_000:
        return 7
    if size <= 10_000:
        return 5
    return 3


@dataclass(frozen=True, slots=True)
class Bench:
    label: str
    kind: str  # version, validate, show, render, floor or floor-nogc
    size: int | None  # claims in the map; None for `argmap --version`
    argv: tuple[str, ...]
    # Variables set for this command alone (PYTHONPATH to time another checkout).
    env: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Result:
    bench: Bench
    seconds: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)
    failure: str | None = None
    cpu_seconds: list[float] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failure is None and bool(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mb(self) -> float:
        """Highest peak RSS over the runs, in MB (10^6 bytes)."""
        return max(self.peak_kib) * 1024 / 1e6


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    peak_kib: int
    exit_code: int
    stderr: str
    cpu_seconds: float = 0.0  # user + system time of the child (wait4)


# The children are started by a lean helper process, not by this one: on Linux
# a child's ru_maxrss starts from the RSS of the process that forked it (the
# memory it shares until exec), and this process holds the generated maps.
SPAWNER_CODE = """
import json, os, sys, time
for line in sys.stdin:
    argv, stderr, *extra = json.loads(line)
    env = dict(os.environ, **extra[0]) if extra else os.environ
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
    ]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps([elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status), cpu]), flush=True)
"""


class Spawner:
    """Runs commands one at a time in a `python -S` helper, each timed from
    posix_spawn to wait4, with the peak RSS wait4 reports for that child."""

    def __init__(self, folder: Path) -> None:
        self._stderr = folder / "stderr.txt"
        self._process = subprocess.Popen(
            [sys.executable, "-S", "-c", SPAWNER_CODE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, argv: Sequence[str], env: Sequence[tuple[str, str]] = ()) -> Run:
        process = self._process
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(json.dumps([list(argv), str(self._stderr), dict(env)]) + "\n")
        process.stdin.flush()
        reply = process.stdout.readline()
        if not reply:
            raise SystemExit("the spawner helper died")
        elapsed, maxrss, exit_code, cpu = json.loads(reply)
        stderr = self._stderr.read_text(encoding="utf-8", errors="replace")
        # Linux reports ru_maxrss in KiB, macOS in bytes.
        peak = maxrss // 1024 if sys.platform == "darwin" else maxrss
        return Run(float(elapsed), int(peak), int(exit_code), stderr, float(cpu))

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait()


def measure(spawner: Spawner, group: list[Bench], runs: int) -> list[Result]:
    """A warm-up run of each command, then `runs` rounds of all of them in turn."""
    results = [Result(bench) for bench in group]

    def record(result: Result, run: Run) -> None:
        if run.exit_code != 0:
            lines = [line for line in run.stderr.splitlines() if line.strip()]
            detail = lines[-1] if lines else "no message"
            result.failure = f"exit {run.exit_code}: {detail}"

    for result in results:
        record(result, spawner.run(result.bench.argv, result.bench.env))
    for _ in range(runs):
        for result in results:
            if result.failure is not None:
                continue
            run = spawner.run(result.bench.argv, result.bench.env)
            record(result, run)
            result.seconds.append(run.seconds)
            result.peak_kib.append(run.peak_kib)
            result.cpu_seconds.append(run.cpu_seconds)
    for result in results:
        if result.ok:
            progress(f"  {result.bench.label:<44} {_size(result.bench.size):>7}  {result.median:7.3f} s")
        else:
            progress(f"  {result.bench.label:<44} {_size(result.bench.size):>7}  FAILED ({result.failure})")
    return results


def benches(argmap: str, python: str, maps: dict[int, Path]) -> list[tuple[int | None, list[Bench]]]:
    """The commands to time, grouped by map size (None: no map)."""
    small = str(maps[SMALL_MAP])
    groups: list[tuple[int | None, list[Bench]]] = [
        (
            None,
            [
                Bench("argmap --version", "version", None, (argmap, "--version")),
                Bench("argmap validate", "validate", SMALL_MAP, (argmap, "validate", small)),
                Bench(FLOOR_LABEL, "floor", SMALL_MAP, (python, "-c", FLOOR_CODE, small)),
                Bench(FLOOR_NOGC_LABEL, "floor-nogc", SMALL_MAP, (python, "-c", FLOOR_NOGC_CODE, small)),
            ],
        )
    ]
    for size, path in maps.items():
        if size == SMALL_MAP:
            continue
        file = str(path)
        groups.append(
            (
                size,
                [
                    Bench("argmap validate", "validate", size, (argmap, "validate", file)),
                    Bench(
                        "argmap show --format json", "show", size, (argmap, "show", "--format", "json", file)
                    ),
                    Bench(
                        "argmap render --format dot",
                        "render",
                        size,
                        (argmap, "render", "--format", "dot", file),
                    ),
                    Bench(FLOOR_LABEL, "floor", size, (python, "-c", FLOOR_CODE, file)),
                    Bench(FLOOR_NOGC_LABEL, "floor-nogc", size, (python, "-c", FLOOR_NOGC_CODE, file)),
                ],
            )
        )
    return groups


# -- reporting -----------------------------------------------------------------


def _size(size: int | None) -> str:
    return "–" if size is None else f"{size:,}"


def _find(results: list[Result], kind: str, size: int | None) -> Result | None:
    for result in results:
        if result.bench.kind == kind and result.bench.size == size:
            return result
    return None


def results_table(results: list[Result]) -> str:
    rows = [
        "| command | claims | median s | min s | max s | peak MB | × floor |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for result in results:
        bench = result.bench
        if not result.ok:
            rows.append(f"| `{bench.label}` | {_size(bench.size)} | failed | | | | |")
            continue
        ratio = ""
        floor = _find(results, "floor", bench.size)
        if bench.kind in {"validate", "show", "render"} and floor is not None and floor.ok:
            ratio = f"{result.median / floor.median:.1f}×"
        rows.append(
            f"| `{bench.label}` | {_size(bench.size)} | {result.median:.3f} | {min(result.seconds):.3f} "
            f"| {max(result.seconds):.3f} | {result.peak_mb:.0f} | {ratio} |"
        )
    return "\n".join(rows)


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    limit: str
    measured: str
    verdict: str  # pass, FAIL, failed (the command did not run), not measured


def targets(results: list[Result]) -> list[Target]:
    found: list[Target] = []

    def seconds(name: str, kind: str, size: int | None, limit: float) -> None:
        result = _find(results, kind, size)
        if result is None:
            found.append(Target(name, f"< {limit} s", "", "not measured"))
        elif not result.ok:
            found.append(Target(name, f"< {limit} s", "", "failed"))
        else:
            verdict = "pass" if result.median < limit else "FAIL"
            found.append(Target(name, f"< {limit} s", f"{result.median:.3f} s", verdict))

    seconds("`argmap --version`", "version", None, 0.15)
    seconds("validate, 20 claims", "validate", SMALL_MAP, 0.15)
    seconds("validate, 10k claims", "validate", 10_000, 0.5)
    validate, floor = _find(results, "validate", 10_000), _find(results, "floor", 10_000)
    if validate is None or floor is None:
        found.append(Target("validate, 10k claims, vs the floor", "≤ 3× floor", "", "not measured"))
    elif not (validate.ok and floor.ok):
        found.append(Target("validate, 10k claims, vs the floor", "≤ 3× floor", "", "failed"))
    else:
        ratio = validate.median / floor.median
        verdict = "pass" if ratio <= 3.0 else "FAIL"
        found.append(Target("validate, 10k claims, vs the floor", "≤ 3× floor", f"{ratio:.1f}×", verdict))
    seconds("validate, 50k claims", "validate", 50_000, 2.5)
    seconds("render --format dot, 10k claims", "render", 10_000, 0.5)
    for kind in ("validate", "show", "render"):
        name = f"peak memory, {kind}, 10k claims"
        result = _find(results, kind, 10_000)
        if result is None:
            found.append(Target(name, "< 150 MB", "", "not measured"))
        elif not result.ok:
            found.append(Target(name, "< 150 MB", "", "failed"))
        else:
            verdict = "pass" if result.peak_mb < 150 else "FAIL"
            found.append(Target(name, "< 150 MB", f"{result.peak_mb:.0f} MB", verdict))
    return found


def targets_table(found: list[Target]) -> str:
    rows = ["| target | limit | measured | result |", "|---|---|--:|---|"]
    rows += [f"| {t.name} | {t.limit} | {t.measured} | {t.verdict} |" for t in found]
    return "\n".join(rows)


def failures(results: list[Result]) -> str:
    lines = [
        f"- `{r.bench.label}` ({_size(r.bench.size)} claims): {r.failure}"
        for r in results
        if r.failure is not None
    ]
    return "\n".join(lines)


def machine(python: str, load_before: str, load_after: str) -> list[str]:
    """Facts about where and what was measured, one Markdown list item each."""
    probe = (
        "import json, platform, yaml; from importlib.metadata import version; "
        "print(json.dumps({'python': platform.python_version(), 'platform': platform.platform(), "
        "'pyyaml': yaml.__version__, 'libyaml': getattr(yaml, '__with_libyaml__', False), "
        "'typer': version('typer')}))"
    )
    info: dict[str, object] = json.loads(
        subprocess.run([python, "-c", probe], check=True, capture_output=True, text=True).stdout
    )
    cpu = "unknown CPU"
    try:
        match = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
    except OSError:
        match = None
    if match:
        cpu = match.group(1).strip()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"machine: {usable} CPUs usable (nproc), {cpu}; {info['platform']}",
        f"Python {info['python']} ({python}); PyYAML {info['pyyaml']} (libyaml: {info['libyaml']}); "
        f"typer {info['typer']}",
        f"load average (1, 5, 15 min) before: {load_before}; after: {load_after}",
        f"argmap: {git_revision()}",
    ]


def git_revision() -> str:
    git = shutil.which("git")
    if git is None:
        return "unknown revision (no git)"
    try:
        head = subprocess.run(
            [git, "-C", str(HERE), "rev-parse", "--short", "HEAD"], check=True, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            [git, "-C", str(HERE.parent), "status", "--porcelain", "--", "argmap"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown revision"
    return f"commit {head}" + (" with uncommitted changes in argmap/" if dirty else "")


def load_average() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def report(results: list[Result], facts: list[str], runs_note: str) -> str:
    now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    parts = [
        f"Measured {now}.",
        "",
        *(f"- {fact}" for fact in facts),
        f"- runs: {runs_note}, after one warm-up run each",
        "",
        results_table(results),
        "",
        "Targets (times are medians):",
        "",
        targets_table(targets(results)),
    ]
    failed = failures(results)
    if failed:
        parts += ["", "Commands that failed:", "", failed]
    return "\n".join(parts)


def write_readme(section: str, readme: Path) -> None:
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"{readme}: no {START} ... {END} markers to put the results between")
    text = text[: start + len(START)] + "\n" + section + "\n" + text[end:]
    readme.write_text(text, encoding="utf-8")


# -- command line ----------------------------------------------------------------


def find_argmap(named: str | None) -> str:
    if named:
        return str(Path(named).resolve())
    beside = Path(sys.executable).parent / "argmap"
    if beside.exists():
        return str(beside)
    found = shutil.which("argmap")
    if found is None:
        raise SystemExit("no argmap next to this Python or on PATH; name it with --argmap")
    return found


def interpreter_of(script: str) -> str:
    """The Python an entry-point script runs on (its #! line), else this one."""
    try:
        with Path(script).open("rb") as file:
            first = file.readline().decode("utf-8", "replace").strip()
    except OSError:
        return sys.executable
    if first.startswith("#!") and "python" in first:
        command = first[2:].split()
        if command and Path(command[0]).exists() and Path(command[0]).name != "env":
            return command[0]
    return sys.executable


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark argmap as whole processes on generated maps.")
    parser.add_argument(
        "--runs", type=int, help="timed runs per command (default: 7 up to 1k claims, 5 at 10k, 3 above)"
    )
    parser.add_argument(
        "--sizes",
        type=lambda s: tuple(int(x) for x in s.split(",")),
        default=DEFAULT_SIZES,
        help="map sizes in claims, comma-separated (default 1000,10000,50000)",
    )
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the generated maps (default 1)")
    parser.add_argument("--argmap", help="the argmap executable (default: the one next to this Python)")
    parser.add_argument("--python", help="the interpreter for the floor (default: argmap's own)")
    parser.add_argument(
        "--maps-dir", type=Path, help="keep the generated maps here (default: a temporary folder)"
    )
    parser.add_argument("--write", action="store_true", help=f"put the results into {README.name}")
    parser.add_argument("--readme", type=Path, default=README, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    argmap = find_argmap(args.argmap)
    python = args.python or interpreter_of(argmap)

    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as tmp:
        spawner = Spawner(Path(tmp))  # first, while this process is still small
        try:
            folder = args.maps_dir or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            maps: dict[int, Path] = {}
            for size in (SMALL_MAP, *args.sizes):
                path = folder / f"map-{size}.yaml"
                path.write_text(generate_map(size, args.seed), encoding="utf-8")
                maps[size] = path
            progress(f"maps in {folder}; argmap {argmap}; floor on {python}")

            load_before = load_average()
            results: list[Result] = []
            notes: list[str] = []
            for size, group in benches(argmap, python, maps):
                runs = args.runs or default_runs(size)
                notes.append(
                    f"{runs} at {_size(size)} claims"
                    if size
                    else f"{runs} for --version and {SMALL_MAP} claims"
                )
                progress(f"{_size(size) if size else 'small'} claims, {runs} runs:")
                results += measure(spawner, group, runs)
            load_after = load_average()
        finally:
            spawner.close()

    section = report(results, machine(python, load_before, load_after), "; ".join(notes))
    print(section)
    if args.write:
        write_readme(section, args.readme)
        progress(f"wrote the results into {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
