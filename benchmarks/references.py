"""Time a corpus of maps that refer to each other (`other.yaml#x`).

    python benchmarks/references.py                    # 40 maps of 250 claims
    python benchmarks/references.py --maps 100 --runs 5

Each map is `generate.py`'s, plus one claim whose premises are --refs
claims of the map before it (map 7 refers to map 6, 6 to 5, ...): a chain
as deep as the corpus, so the search for cycles walks it from every map (as
deep as argmap goes, 32 maps). Measured in process, each the median of
--runs runs after one warm-up, with the garbage collector off as the
`argmap` command runs:

* `check_files` over the corpus as `validate --corpus` runs it, against the
  same maps with the referring claim's premises written as plain claims
  (no references): what resolving references costs;
* `open_corpus`, the join `evaluate DIR` makes (checking included).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from generate import generate_map
from run import load_average

from argmap.checks.corpus import open_corpus
from argmap.checks.gate import check_files


def write_corpus(folder: Path, maps: int, claims: int, refs: int, *, referring: bool) -> list[Path]:
    """The corpus's files: with references to the map before, or the same
    claims written in place (`referring` false)."""
    files = []
    for number in range(maps):
        text = generate_map(claims, seed=number)
        if number > 0:
            ids = [f"c{n}" for n in range(1, refs + 1)]
            if referring:
                items = "".join(f"      - m{number - 1}.yaml#{claim_id}\n" for claim_id in ids)
            else:
                items = "".join(
                    f"      - {{id: r{claim_id}, text: Claim {claim_id} of the map before.}}\n"
                    for claim_id in ids
                )
            text += f"  - id: leans\n    text: This map leans on the one before.\n    premises:\n{items}"
        path = folder / f"m{number}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def median_seconds(task: Callable[[], object], runs: int) -> float:
    task()  # warm-up
    times = []
    for _ in range(runs):
        gc.disable()
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
        gc.enable()
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--maps", type=int, default=40)
    parser.add_argument("--claims", type=int, default=250)
    parser.add_argument("--refs", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    load_before = load_average()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for referring in (False, True):
            folder = Path(scratch) / ("refs" if referring else "plain")
            folder.mkdir()
            files = write_corpus(folder, args.maps, args.claims, args.refs, referring=referring)
            checked = check_files(files, corpus=folder)
            if checked.errors:
                print(f"the generated corpus has errors: {checked.diagnostics[0]}", file=sys.stderr)
                return 1
            seconds = median_seconds(partial(check_files, files, corpus=folder), args.runs)
            rows.append(("references" if referring else "no references", "validate --corpus", seconds))
            seconds = median_seconds(partial(open_corpus, folder), args.runs)
            rows.append(("references" if referring else "no references", "evaluate DIR's join", seconds))
    print(
        f"{args.maps} maps of {args.claims} claims, {args.refs} references from each to the one before; "
        f"median of {args.runs} runs; load average {load_before} before, {load_average()} after\n"
    )
    print("| corpus | what | median s |\n|---|---|---|")
    for corpus, what, seconds in rows:
        print(f"| {corpus} | {what} | {seconds:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
