"""Time `argmap evaluate`: grounded on a big framework, preferred and stable
against pygarg.

    python benchmarks/evaluate.py                      # everything, a Markdown table
    python benchmarks/evaluate.py --skip-pygarg        # argmap alone
    python benchmarks/evaluate.py --pygarg-python /tmp/pygarg-venv/bin/python

1. **Grounded** on random frameworks of 100,000 arguments and 1,000,000
   attacks, written as ICCMA 2023 `.af` files: *uniform* (each attack joins
   two arguments drawn at random: nearly every argument is attacked, and the
   labelling stops early) and *acyclic* (each attack goes from the lower to
   the higher index: the labelling reaches every argument and walks every
   attack). In-process: reading the file's text into a framework, and
   `grounded()` on it, apart. Whole process: `argmap evaluate FILE --format
   json`, stdout to /dev/null.
2. **Collective attacks** (linked counterclaims, issue 13): grounded on the
   same two families of 100,000 arguments, with a share of the 1,000,000
   attacks made joint (each such attack gains one or two more attackers, so
   it succeeds only when all are in), beside grounded on the same framework
   with every attack single. In-process, `grounded()` alone. `--collective`
   runs only this part; run it on a checkout from before collective attacks
   too (it then times the single attacks only) for "today's" figure.
3. **Preferred and stable** on random 100-argument frameworks with cycles,
   side by side with pygarg (Mailly's SAT-based solver on python-sat), in
   one run: in-process (argmap's `preferred()`/`stable()` here; pygarg's
   `extension_enumeration` in pygarg's own interpreter, timed there), and as
   whole processes (`argmap evaluate F.apx -s preferred` against
   `python -m pygarg -p EE-PR -fo apx -f F.apx`). The extensions found must
   be the same. Families: *uniform* (each ordered pair attacks with
   probability p) and *mutual* (as uniform, and a share of the attacks is
   answered by the reverse attack: even cycles everywhere, thousands of
   extensions).

3. **Gradual semantics** (`--gradual-only` runs this part alone) on a
   generated 10,000-claim map (benchmarks/generate.py: supports, attacks,
   linked groups, undercuts, cross-links) with a random weight on every
   relation: *acyclic* as generated, and *cyclic* with, for 1% of its
   relations, an attack back from the target on the source (two-claim
   cycles the iteration must settle). Each
   semantics in-process (`evaluate(framework, s)`, the framework built
   once; the semantics take turns, run after run) and as a whole process
   (`argmap evaluate map.yaml -s S --format json`), with its ratio to
   DF-QuAD's time measured in the same run.

pygarg is never a dependency of argmap: install it into a venv of its own,

    python3 -m venv /tmp/pygarg-venv && /tmp/pygarg-venv/bin/pip install pygarg python-sat

and name its interpreter with --pygarg-python (the default is that path).
Every time is the median of --runs runs (the two tools take turns).
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from generate import generate_map

from argmap.analysis.evaluate import Evaluation, evaluate, grounded, preferred, stable
from argmap.formats.framework import Framework, framework_from_map
from argmap.formats.iccma import parse_af, read_framework
from argmap.formats.native.read import load_yaml_text
from argmap.formats.native.tree import dumps as tree_dumps
from argmap.model import (
    GRADUAL_SEMANTICS,
    ArgumentMap,
    Relation,
    RelationType,
    Semantics,
    default_relation_id,
)

T = TypeVar("T")

PYGARG_DRIVER = """
import json, sys, time
from pygarg.dung import apx_parser, solver
path, semantics, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
args, atts = apx_parser.parse(path)
times = []
for _ in range(runs):
    start = time.perf_counter()
    found = solver.extension_enumeration(args, atts, semantics)
    times.append(time.perf_counter() - start)
print(json.dumps({"times": times, "extensions": sorted(sorted(e) for e in found)}))
"""


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def timed(function: Callable[[], T], runs: int) -> tuple[float, T]:
    """The median wall time of `runs` calls, and the last call's result."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return median(times), result


def process_time(argv: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    return time.perf_counter() - start


# -- grounded on 100k / 1M -------------------------------------------------------


def big_af(arguments: int, attacks: int, acyclic: bool, seed: int) -> str:
    rng = random.Random(seed)
    lines = [f"p af {arguments}"]
    for _ in range(attacks):
        a, b = rng.randint(1, arguments), rng.randint(1, arguments)
        if acyclic:
            a, b = min(a, b), max(a, b)
            if a == b:
                b = a + 1 if a < arguments else a - 1
                a, b = min(a, b), max(a, b)
        lines.append(f"{a} {b}")
    return "\n".join(lines) + "\n"


def bench_grounded(folder: Path, argmap: str, runs: int, arguments: int, attacks: int) -> list[str]:
    rows = [
        "| framework | arguments | attacks | in / out / undec | read .af (in-process) | grounded() (in-process) "
        "| argmap evaluate (whole process) |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    for name, acyclic in (("uniform", False), ("acyclic", True)):
        text = big_af(arguments, attacks, acyclic, seed=1)
        path = folder / f"{name}.af"
        path.write_text(text, encoding="utf-8")
        read_seconds, framework = timed(functools.partial(parse_af, text, "big.af"), runs)
        solve_seconds, result = timed(functools.partial(grounded, framework), runs)
        tally = [sum(1 for v in result.labels.values() if v == label) for label in ("in", "out", "undec")]
        whole = median(
            [process_time([argmap, "evaluate", str(path), "--format", "json"]) for _ in range(runs)]
        )
        rows.append(
            f"| {name} | {arguments:,} | {len(framework.attacks):,} | {' / '.join(f'{n:,}' for n in tally)} "
            f"| {read_seconds:.2f} s | {solve_seconds:.2f} s | {whole:.2f} s |"
        )
        print(rows[-1], file=sys.stderr, flush=True)
    return rows


# -- collective attacks ------------------------------------------------------------------


def big_framework(arguments: int, attacks: int, acyclic: bool, joint_share: float, seed: int) -> Framework:
    """A random framework as `big_af` draws it; a `joint_share` of its
    attacks gains one or two more attackers (lower-numbered ones when
    acyclic, so it stays acyclic) and becomes a joint attack."""
    rng = random.Random(seed)
    pairs: dict[tuple[int, int], None] = {}
    joint: dict[tuple[tuple[int, ...], int], None] = {}
    for _ in range(attacks):
        a, b = rng.randrange(arguments), rng.randrange(arguments)
        if acyclic:
            a, b = min(a, b), max(a, b)
            if a == b:
                a, b = (a, a + 1) if a + 1 < arguments else (a - 1, a)
        if rng.random() >= joint_share:
            pairs[(a, b)] = None
            continue
        others = {
            rng.randrange(b) if acyclic and b else rng.randrange(arguments) for _ in range(rng.choice((1, 2)))
        }
        members = tuple(sorted({a, *others}))
        if len(members) == 1:
            pairs[(a, b)] = None
        else:
            joint[(members, b)] = None
    names = tuple(str(i) for i in range(arguments))
    extra = {"joint_attacks": tuple(joint)} if joint else {}
    return Framework(names, tuple(pairs), arguments, **extra)  # type: ignore[arg-type]


def bench_collective(runs: int, arguments: int, attacks: int, joint_share: float) -> list[str]:
    supported = "joint_attacks" in Framework.__dataclass_fields__
    rows = [
        "| framework | arguments | attacks (single + joint) | in / out / undec | grounded() (in-process) |",
        "|---|---:|---:|---|---:|",
    ]
    for name, acyclic in (("uniform", False), ("acyclic", True)):
        for share in (0.0, joint_share) if supported else (0.0,):
            framework = big_framework(arguments, attacks, acyclic, share, seed=1)
            gc.collect()
            seconds, result = timed(functools.partial(grounded, framework), runs)
            tally = [sum(1 for v in result.labels.values() if v == label) for label in ("in", "out", "undec")]
            joint = len(getattr(framework, "joint_attacks", ()))
            label = f"{name}, {share:.0%} joint" if share else f"{name}, single attacks"
            rows.append(
                f"| {label} | {arguments:,} | {len(framework.attacks):,} + {joint:,} "
                f"| {' / '.join(f'{n:,}' for n in tally)} | {seconds:.2f} s |"
            )
            print(rows[-1], file=sys.stderr, flush=True)
    return rows


# -- preferred and stable against pygarg ----------------------------------------------


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    probability: float
    mutual: float  # share of attacks answered by the reverse attack
    seeds: int


FAMILIES = (
    Family("uniform p=0.05", 0.05, 0.0, 5),
    Family("uniform p=0.10", 0.10, 0.0, 5),
    Family("mutual p=0.05, 20%", 0.05, 0.2, 5),
    Family("mutual p=0.05, 30%", 0.05, 0.3, 3),
)


def random_apx(arguments: int, family: Family, seed: int) -> str:
    rng = random.Random(seed)
    names = [f"a{i}" for i in range(arguments)]
    attacks: set[tuple[str, str]] = set()
    for a in names:
        for b in names:
            if a != b and rng.random() < family.probability:
                attacks.add((a, b))
                if rng.random() < family.mutual:
                    attacks.add((b, a))
    # One fact a line, no spaces: the form pygarg's reader expects.
    return "\n".join([*(f"arg({a})." for a in names), *(f"att({a},{b})." for a, b in sorted(attacks))]) + "\n"


def pygarg_in_process(python: str, path: Path, semantics: str, runs: int) -> tuple[float, list[list[str]]]:
    done = subprocess.run(
        [python, "-c", PYGARG_DRIVER, str(path), semantics, str(runs)],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(done.stdout)
    return median(report["times"]), report["extensions"]


def bench_solvers(folder: Path, argmap: str, pygarg: str | None, runs: int, arguments: int) -> list[str]:
    rows = [
        "| frameworks (100 arguments) | semantics | extensions | argmap in-process | pygarg in-process "
        "| argmap whole process | pygarg whole process |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    solvers: dict[str, tuple[Callable[[Framework], Evaluation], str]] = {
        "preferred": (preferred, "PR"),
        "stable": (stable, "ST"),
    }
    for family in FAMILIES:
        paths = []
        for seed in range(1, family.seeds + 1):
            path = folder / f"{family.name.replace(' ', '_').replace(',', '').replace('%', '')}-{seed}.apx"
            path.write_text(random_apx(arguments, family, seed), encoding="utf-8")
            paths.append(path)
        for semantics, (solve, code) in solvers.items():
            ours: list[float] = []
            theirs: list[float] = []
            ours_whole: list[float] = []
            theirs_whole: list[float] = []
            count = 0
            for path in paths:
                framework = read_framework(path)
                seconds, result = timed(functools.partial(solve, framework), runs)
                ours.append(seconds)
                count += len(result.extensions)
                ours_whole.append(
                    median(
                        [process_time([argmap, "evaluate", str(path), "-s", semantics]) for _ in range(runs)]
                    )
                )
                if pygarg is None:
                    continue
                seconds, found = pygarg_in_process(pygarg, path, code, runs)
                if found != [list(e) for e in result.extensions]:
                    raise SystemExit(f"{path}: argmap and pygarg disagree on the {semantics} extensions")
                theirs.append(seconds)
                argv = [pygarg, "-m", "pygarg", "-p", f"EE-{code}", "-fo", "apx", "-f", str(path)]
                theirs_whole.append(median([process_time(argv) for _ in range(runs)]))

            def cell(values: list[float]) -> str:
                return f"{median(values):.3f} s" if values else "–"

            rows.append(
                f"| {family.name} ×{family.seeds} | {semantics} | {count:,} | {cell(ours)} | {cell(theirs)} "
                f"| {cell(ours_whole)} | {cell(theirs_whole)} |"
            )
            print(rows[-1], file=sys.stderr, flush=True)
    return rows


# -- the gradual semantics on 10k claims ------------------------------------------------


def weighted_map(claims: int, cycle_share: float, seed: int) -> ArgumentMap:
    """A generated map with a random weight on every relation and, for
    `cycle_share` > 0, for that share of its relations an attack back from
    the target on the source: a two-claim cycle each."""
    rng = random.Random(seed)
    amap = load_yaml_text(generate_map(claims, seed), "bench.yaml").map
    relations = [r._replace(weight=round(rng.random(), 3)) for r in amap.relations]
    between_claims = [r for r in amap.relations if r.type is not RelationType.UNDERCUT]
    for relation in rng.sample(between_claims, int(len(amap.relations) * cycle_share)):
        a, b = relation.target, relation.source
        rid = default_relation_id(RelationType.ATTACK, a, b)
        relations.append(Relation(rid, a, b, RelationType.ATTACK, weight=round(rng.random(), 3)))
    return ArgumentMap(amap.claims, tuple(relations), amap.title, sides=amap.sides)


def bench_gradual(folder: Path, argmap: str, runs: int, claims: int) -> list[str]:
    rows = [
        f"| map ({claims:,} claims) | semantics | iterations | in-process | × dfquad | whole process | × dfquad |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, share in (("acyclic", 0.0), ("cyclic", 0.01)):
        amap = weighted_map(claims, share, seed=1)
        path = folder / f"gradual-{name}.yaml"
        path.write_text(tree_dumps(amap), encoding="utf-8")
        framework = framework_from_map(amap)
        inside: dict[Semantics, list[float]] = {s: [] for s in GRADUAL_SEMANTICS}
        whole: dict[Semantics, list[float]] = {s: [] for s in GRADUAL_SEMANTICS}
        results: dict[Semantics, Evaluation] = {}
        for run in range(runs):  # the semantics take turns, each run starting with another
            turn = run % len(GRADUAL_SEMANTICS)
            for semantics in (*GRADUAL_SEMANTICS[turn:], *GRADUAL_SEMANTICS[:turn]):
                seconds, results[semantics] = timed(functools.partial(evaluate, framework, semantics), 1)
                inside[semantics].append(seconds)
                argv = [argmap, "evaluate", str(path), "-s", semantics.value, "--format", "json"]
                whole[semantics].append(process_time(argv))
        base_inside, base_whole = median(inside[Semantics.DFQUAD]), median(whole[Semantics.DFQUAD])
        for semantics in GRADUAL_SEMANTICS:
            result = results[semantics]
            settled = f"{result.iterations}" + ("" if result.converged else " (not converged)")
            rows.append(
                f"| {name} | {semantics.value} | {settled} | {median(inside[semantics]):.3f} s "
                f"| {median(inside[semantics]) / base_inside:.2f} | {median(whole[semantics]):.2f} s "
                f"| {median(whole[semantics]) / base_whole:.2f} |"
            )
            print(rows[-1], file=sys.stderr, flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (the median is shown)")
    parser.add_argument("--pygarg-python", default="/tmp/pygarg-venv/bin/python")
    parser.add_argument("--skip-pygarg", action="store_true")
    parser.add_argument("--arguments", type=int, default=100_000, help="arguments of the grounded framework")
    parser.add_argument("--attacks", type=int, default=1_000_000, help="attacks of the grounded framework")
    parser.add_argument("--joint-share", type=float, default=0.2, help="share of attacks made joint")
    parser.add_argument("--collective", action="store_true", help="time the collective attacks only")
    parser.add_argument(
        "--gradual-only", action="store_true", help="only the gradual semantics on 10k claims"
    )
    parser.add_argument("--claims", type=int, default=10_000, help="claims of the gradual semantics' map")
    options = parser.parse_args()
    if options.collective:
        rows = bench_collective(options.runs, options.arguments, options.attacks, options.joint_share)
        print("\n".join(["### Collective attacks", "", *rows]))
        return
    argmap = str(Path(sys.executable).with_name("argmap"))
    if options.gradual_only:
        with tempfile.TemporaryDirectory() as tmp:
            lines = [
                "### Gradual semantics",
                "",
                *bench_gradual(Path(tmp), argmap, options.runs, options.claims),
            ]
        print("\n".join(lines))
        return
    pygarg = None
    if not options.skip_pygarg:
        pygarg = options.pygarg_python
        if not Path(pygarg).exists():
            raise SystemExit(
                f"{pygarg}: no such interpreter; install pygarg (see --help) or use --skip-pygarg"
            )
    gc.collect()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lines = ["### Grounded", ""]
        lines += bench_grounded(folder, argmap, options.runs, options.arguments, options.attacks)
        lines += ["", "### Collective attacks", ""]
        lines += bench_collective(options.runs, options.arguments, options.attacks, options.joint_share)
        lines += ["", "### Preferred and stable, against pygarg", ""]
        lines += bench_solvers(folder, argmap, pygarg, options.runs, 100)
        lines += ["", "### Gradual semantics", ""]
        lines += bench_gradual(folder, argmap, options.runs, options.claims)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
