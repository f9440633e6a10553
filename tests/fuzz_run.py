"""A long fuzz run: the suite's fuzz targets (tests/test_fuzz.py) for as
many minutes as asked, driven by a seeded random generator instead of
hypothesis, counting the inputs each target tried. Each input that breaks an
invariant is saved with what it broke; nothing found, nothing saved.

    python tests/fuzz_run.py --minutes 60            # every target, in turn
    python tests/fuzz_run.py --minutes 5 --seed 7 --out findings/

docs/reliability.md gives the figures of the longest run.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzzing import (
    COMMANDS,
    InvariantError,
    check_command,
    check_reader,
    mutate,
    random_mutations,
    seeds,
    suffix_of,
    within,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to run (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="the random generator's seed (default 1)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"), help="where findings are saved")
    options = parser.parse_args()

    from typer.testing import CliRunner

    from argmap.cli import app

    runner = CliRunner()

    def invoke(cli: list[str]) -> tuple[int, str, str, BaseException | None]:
        result = runner.invoke(app, cli)
        return result.exit_code, result.stdout, result.stderr, result.exception

    rng = random.Random(options.seed)
    files = seeds()
    tried: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    stop = time.monotonic() + options.minutes * 60
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        while time.monotonic() < stop:
            seed, other = rng.choice(files), rng.choice(files)
            changes = random_mutations(rng, rng.randint(1, 6))
            data = mutate(seed.read_text("utf-8", "replace"), changes, other.read_text("utf-8", "replace"))
            mutant = folder / f"mutant{suffix_of(seed)}"
            mutant.write_bytes(data)
            for stale in folder.glob("out*"):
                stale.unlink()
            command = rng.choice(COMMANDS) if rng.random() < 0.5 else None
            target = f"reader {suffix_of(seed)}" if command is None else f"command {command[0][0]}"
            tried[target] += 1
            broke = _try(invoke, mutant, seed, folder, command)
            if broke is not None:
                findings[target] += 1
                _save(options.out, target, seed, changes, data, broke)
    width = max(map(len, tried), default=10)
    for target in sorted(tried):
        print(f"{target:<{width}}  {tried[target]:>7} inputs  {findings[target]} findings")
    print(f"{'all':<{width}}  {sum(tried.values()):>7} inputs  {sum(findings.values())} findings")
    return 1 if findings else 0


def _try(
    invoke: Callable[[list[str]], tuple[int, str, str, BaseException | None]],
    mutant: Path,
    seed: Path,
    folder: Path,
    command: tuple[tuple[str, ...], str | None] | None,
) -> str | None:
    """Run one input through a reader (`command` None) or a command; what
    it broke, or None."""
    try:
        with within(60, mutant.name):
            if command is None:
                check_reader(mutant)
            else:
                args, written = command
                values = {"{in}": str(mutant), "{seed}": str(seed), "{out}": str(folder / "out")}
                out = Path(_fill(written, values)) if written else None
                check_command(invoke, [_fill(a, values) for a in args], out)
    except InvariantError as exc:
        return str(exc)
    except Exception as exc:  # a reader's: anything but argmap's own errors
        return "".join(traceback.format_exception(exc))
    return None


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def _save(out: Path, target: str, seed: Path, changes: object, data: bytes, what: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    # The record's name never meets the input's, whatever its suffix (a
    # `.json` input once overwrote its own record).
    number = len(list(out.glob("*.finding.json"))) + 1
    (out / f"{number:04d}.input{suffix_of(seed)}").write_bytes(data)
    record = {"target": target, "seed": str(seed), "changes": repr(changes), "broke": what}
    (out / f"{number:04d}.finding.json").write_text(json.dumps(record, indent=2) + "\n")


if __name__ == "__main__":
    sys.exit(main())
