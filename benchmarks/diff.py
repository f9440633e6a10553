"""Time `argmap diff` on two versions of a 10,000-claim map with 1% changed.

    python benchmarks/diff.py                 # print the results as Markdown
    python benchmarks/diff.py --claims 50000 --runs 3

The old version is `generate.py`'s map; the new one is the same map with
one claim in a hundred changed (`mutate`), written back as YAML by argmap's
tree writer: claims reworded, added, removed, renamed, moved, given to
another side, and relations retyped, in the shares of CHANGES. Claims
removed, renamed or moved are leaves nothing points at, hanging under one
claim, so the new version validates too.

Measured, each as the median of --runs runs after one warm-up:

* whole process: `argmap diff OLD NEW` (the terminal view) and `--format
  json`, started with posix_spawn and reaped with wait4, stdout to /dev/null
  (exit 1: the versions differ): the wall time, and the CPU time (user +
  system), which a busy machine stretches less;
* `argmap validate NEW`, one map, for scale: a diff reads two;
* in process, with the garbage collector off as the `argmap` command runs:
  loading and checking both versions one after the other (what `argmap
  diff` does), and `diff_maps` alone.

The diff must find exactly the changes made; the script stops if not.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple, TypeVar

from generate import generate_map
from run import find_argmap, load_average, machine

from argmap.analysis.diff import ChangeKind, MapDiff, diff_maps
from argmap.checks.gate import check_loaded
from argmap.formats.native import tree
from argmap.formats.native.read import load_yaml_text
from argmap.model import ArgumentMap, Claim, Relation, RelationType

T = TypeVar("T")

# Kind of change -> its share of the changes (they add up to 1).
CHANGES = {
    ChangeKind.TEXT_CHANGED: 0.30,
    ChangeKind.NODE_ADDED: 0.15,
    ChangeKind.NODE_REMOVED: 0.15,
    ChangeKind.NODE_RENAMED: 0.10,
    ChangeKind.MOVED: 0.10,
    ChangeKind.RELATION_RETYPED: 0.10,
    ChangeKind.BY_CHANGED: 0.10,
}
SHARE = 0.01


def mutate(amap: ArgumentMap, share: float, seed: int) -> tuple[ArgumentMap, Counter[ChangeKind]]:
    """`amap` with round(share * claims) changes, and how many of each kind.
    Added claims bring a relation each and removed ones take theirs along:
    those relation changes are counted too."""
    rng = random.Random(seed)
    total = round(len(amap.claims) * share)
    plan = {kind: round(total * part) for kind, part in CHANGES.items()}
    claims = {c.id: c for c in amap.claims}
    relations = list(amap.relations)
    pointed_at = {r.target for r in relations}
    out_degree = Counter(r.source for r in relations)
    # Leaves hanging under one claim only (not also cited elsewhere by id).
    leaves = [c.id for c in amap.claims if c.id not in pointed_at and out_degree[c.id] == 1]
    rng.shuffle(leaves)
    # Retyped relations, and leaves touched, are kept apart so no two
    # changes land on one claim or relation.
    touched: set[str] = set()

    def take_leaf() -> str:
        while leaves[-1] in touched:
            leaves.pop()
        touched.add(leaves[-1])
        return leaves.pop()

    def others() -> str:
        while True:
            claim_id = rng.choice(amap.claims).id
            if claim_id not in touched:
                touched.add(claim_id)
                return claim_id

    counts: Counter[ChangeKind] = Counter()
    for _ in range(plan[ChangeKind.NODE_REMOVED]):
        leaf = take_leaf()
        del claims[leaf]
        relations = [r for r in relations if r.source != leaf]
        counts[ChangeKind.NODE_REMOVED] += 1
        counts[ChangeKind.RELATION_REMOVED] += 1
    for _ in range(plan[ChangeKind.NODE_RENAMED]):
        leaf = take_leaf()
        claims[f"{leaf}-renamed"] = claims.pop(leaf)._replace(id=f"{leaf}-renamed")
        relations = [r._replace(source=f"{leaf}-renamed") if r.source == leaf else r for r in relations]
        counts[ChangeKind.NODE_RENAMED] += 1
    for _ in range(plan[ChangeKind.MOVED]):
        leaf = take_leaf()
        parent = others()
        relations = [r._replace(target=parent) if r.source == leaf else r for r in relations]
        counts[ChangeKind.MOVED] += 1
    for _ in range(plan[ChangeKind.TEXT_CHANGED]):
        claim_id = others()
        words = claims[claim_id].text.split()
        words[rng.randrange(len(words))] = "reworded"
        claims[claim_id] = claims[claim_id]._replace(text=" ".join(words))
        counts[ChangeKind.TEXT_CHANGED] += 1
    for _ in range(plan[ChangeKind.BY_CHANGED]):
        claim_id = others()
        claims[claim_id] = claims[claim_id]._replace(by=None if claims[claim_id].by else "pro")
        counts[ChangeKind.BY_CHANGED] += 1
    retyped = 0
    for index in rng.sample(range(len(relations)), len(relations)):
        if retyped == plan[ChangeKind.RELATION_RETYPED]:
            break
        relation = relations[index]
        if relation.source in touched or relation.type is RelationType.UNDERCUT:
            continue
        touched.add(relation.source)
        new_type = RelationType.ATTACK if relation.type is RelationType.SUPPORT else RelationType.SUPPORT
        relations[index] = relation._replace(type=new_type)
        retyped += 1
    counts[ChangeKind.RELATION_RETYPED] = retyped
    for number in range(plan[ChangeKind.NODE_ADDED]):
        parent = others()
        claim = Claim(f"new{number}", f"A new claim number {number} under {parent}.")
        claims[claim.id] = claim
        relations.append(Relation("", claim.id, parent, RelationType.SUPPORT))
        counts[ChangeKind.NODE_ADDED] += 1
        counts[ChangeKind.RELATION_ADDED] += 1
    relations = [r._replace(id=f"{r.type.value}:{r.source}:{r.target}") for r in relations]
    return replace(amap, claims=tuple(claims.values()), relations=tuple(relations)), counts


def median_time(function: Callable[[], T], runs: int) -> tuple[float, T]:
    """Median wall time of `runs` calls (after one warm-up), garbage collector off."""
    result = function()
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
        gc.enable()
    return statistics.median(times), result


class Timing(NamedTuple):
    wall: float  # median seconds, spawn to exit
    low: float
    high: float
    cpu: float  # median user + system seconds of the process and its children


def process_time(argv: list[str], runs: int, expect: int = 1) -> Timing:
    """A whole process, after one warm-up: exit 1 (the versions differ)
    expected. Spawned with posix_spawn and reaped with wait4, whose resource
    usage counts the child and the children it waited for on Linux."""

    def once() -> tuple[float, float]:
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
        ]
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != expect:
            raise SystemExit(f"{' '.join(argv)}: exit {os.waitstatus_to_exitcode(status)}, not {expect}")
        return wall, usage.ru_utime + usage.ru_stime

    once()
    walls, cpus = zip(*(once() for _ in range(runs)), strict=True)
    return Timing(statistics.median(walls), min(walls), max(walls), statistics.median(cpus))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time argmap diff on a big map with 1% changed.")
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--argmap", help="the argmap executable (default: the one next to this Python)")
    args = parser.parse_args(argv)
    argmap = find_argmap(args.argmap)
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="argmap-diff-bench-") as tmp:
        folder = Path(tmp)
        old_text = generate_map(args.claims, args.seed)
        old_map = load_yaml_text(old_text, "old.yaml").map
        new_map, made = mutate(old_map, SHARE, args.seed)
        new_text = tree.dumps(new_map)
        old_file, new_file = folder / "old.yaml", folder / "new.yaml"
        old_file.write_text(old_text, encoding="utf-8")
        new_file.write_text(new_text, encoding="utf-8")
        del old_text, new_text, old_map, new_map
        gc.collect()

        def load_both() -> tuple[ArgumentMap, ArgumentMap]:
            old = check_loaded(load_yaml_text(old_file.read_text(encoding="utf-8"), str(old_file), fast=True))
            new = check_loaded(load_yaml_text(new_file.read_text(encoding="utf-8"), str(new_file), fast=True))
            if old.errors or new.errors:
                raise SystemExit(f"generated versions have errors: {(old.errors + new.errors)[0]}")
            return old.map, new.map

        load_seconds, (old, new) = median_time(load_both, args.runs)
        diff_seconds, found = median_time(lambda: diff_maps(old, new), args.runs)
        check_found(found, made)
        whole = {
            "argmap diff OLD NEW": process_time([argmap, "diff", str(old_file), str(new_file)], args.runs),
            "argmap diff OLD NEW --format json": process_time(
                [argmap, "diff", "--format", "json", str(old_file), str(new_file)], args.runs
            ),
            "argmap validate NEW (one map, for scale)": process_time(
                [argmap, "validate", str(new_file)], args.runs, expect=0
            ),
        }
    facts = machine(sys.executable, load_before, load_average())
    print("\n".join(f"- {fact}" for fact in facts))
    print(
        f"- {args.claims} claims, {len(found.changes)} changes ({found.summary()}), {args.runs} runs each\n"
    )
    print("| what | median s | min s | max s | CPU s |\n|---|--:|--:|--:|--:|")
    for label, timing in whole.items():
        print(
            f"| `{label}` (whole process) | {timing.wall:.3f} | {timing.low:.3f} | {timing.high:.3f} | {timing.cpu:.3f} |"
        )
    print(f"| load and check both versions, one after the other (in process) | {load_seconds:.3f} | | | |")
    print(f"| `diff_maps` (in process) | {diff_seconds:.3f} | | | |")
    return 0


def check_found(found: MapDiff, made: Counter[ChangeKind]) -> None:
    counts = found.counts()
    if counts != made:
        raise SystemExit(f"the diff found {dict(counts)}, but the changes made were {dict(made)}")


if __name__ == "__main__":
    sys.exit(main())
