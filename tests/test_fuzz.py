"""Fuzz targets: every reader and every command family on mutations of real
files (tests/fuzzing.py has the seeds, the mutations and the invariants).

How many inputs each target tries: ARGMAP_FUZZ_EXAMPLES when set, else 200
under CI (`.ci/run`: a few minutes in all) and 10 in the everyday run. For
hours, run `python tests/fuzz_run.py --minutes 60` (docs/reliability.md).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from fuzzing import (
    COMMANDS,
    HOSTILE,
    KINDS,
    InvariantError,
    Mutation,
    check_command,
    check_reader,
    mutate,
    seeds,
    suffix_of,
    within,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.cli import app

SEEDS = seeds()
EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES") or (200 if os.environ.get("CI") else 10))
runner = CliRunner()

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def mutations() -> st.SearchStrategy[list[Mutation]]:
    one = st.builds(
        Mutation,
        kind=st.sampled_from(KINDS),
        where=st.floats(0, 1),
        payload=st.one_of(st.sampled_from(HOSTILE), st.floats(0, 1), st.text(max_size=20)),
    )
    return st.lists(one, min_size=1, max_size=6)


def seeds_of(*suffixes: str) -> list[Path]:
    return [s for s in SEEDS if suffix_of(s) in suffixes]


READER_SEEDS = {
    "yaml": seeds_of(".yaml", ".yml"),
    "json": seeds_of(".json"),
    "argdown": seeds_of(".argdown"),
    "aif": seeds_of(".aif.json"),
    "sadface": seeds_of(".sadface.json"),
    "microtexts": seeds_of(".xml"),
    "kialo": seeds_of(".kialo.txt"),
    "iccma": seeds_of(".af", ".apx", ".tgf"),
    "graphml": seeds_of(".graphml"),
}


def write_mutant(folder: Path, seed: Path, changes: list[Mutation], other: Path) -> Path:
    """The mutated seed, named as the seed is (so the same reader reads it)."""
    text = seed.read_text(encoding="utf-8", errors="replace")
    mutant = folder / f"mutant{suffix_of(seed)}"
    mutant.write_bytes(mutate(text, changes, other.read_text(encoding="utf-8", errors="replace")))
    return mutant


@pytest.mark.parametrize("reader", sorted(READER_SEEDS))
def test_fuzz_reader(reader: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Mutated files of each format: read, checked, written in every format,
    the native forms read back, with the invariants of fuzzing.check_reader."""
    found = READER_SEEDS[reader]
    if not found:
        pytest.skip(f"no {reader} seeds (the external corpora hold most: set ARGMAP_CORPORA)")

    @FUZZ
    @given(seed=st.sampled_from(found), other=st.sampled_from(SEEDS), changes=mutations())
    def fuzz(seed: Path, other: Path, changes: list[Mutation]) -> None:
        folder = tmp_path_factory.mktemp("fuzz")
        mutant = write_mutant(folder, seed, changes, other)
        with within(30, f"reading {seed.name} mutated"):
            check_reader(mutant)

    fuzz()


COMMAND_FAMILIES = {
    "check": [c for c in COMMANDS if c[0][0] in ("validate", "list")],
    "show": [c for c in COMMANDS if c[0][0] == "show"],
    "evaluate": [c for c in COMMANDS if c[0][0] == "evaluate"],
    "render": [c for c in COMMANDS if c[0][0] in ("render", "slides")],
    "convert": [c for c in COMMANDS if c[0][0] == "convert"],
    "debate": [c for c in COMMANDS if c[0][0] in ("prep", "diff", "drill", "schemes")],
}


@pytest.mark.parametrize("family", sorted(COMMAND_FAMILIES))
def test_fuzz_commands(family: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each command family on mutated maps and corpus files, through the
    command line: no traceback, a documented exit code, nothing written on
    failure, well-formed output, no control character printed."""
    commands = COMMAND_FAMILIES[family]
    # Rendering to SVG runs Graphviz: fewer examples keep the run short.
    examples = max(5, EXAMPLES // 3) if family == "render" else EXAMPLES

    @settings(FUZZ, max_examples=examples)
    @given(
        seed=st.sampled_from(SEEDS),
        other=st.sampled_from(SEEDS),
        changes=mutations(),
        command=st.sampled_from(commands),
    )
    def fuzz(
        seed: Path, other: Path, changes: list[Mutation], command: tuple[tuple[str, ...], str | None]
    ) -> None:
        folder = tmp_path_factory.mktemp("fuzz")
        mutant = write_mutant(folder, seed, changes, other)
        args, written = command
        out = str(folder / "out")
        values = {"{in}": str(mutant), "{seed}": str(seed), "{out}": out}
        line = [_fill(a, values) for a in args]
        target = Path(_fill(written, values)) if written else None

        def invoke(cli: list[str]) -> tuple[int, str, str, BaseException | None]:
            result = runner.invoke(app, cli)
            return result.exit_code, result.stdout, result.stderr, result.exception

        with within(60, " ".join(line)):
            check_command(invoke, line, target)

    fuzz()


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def test_a_finding_is_reported_not_swallowed() -> None:
    """The harness itself: an exception that is not argmap's way of saying
    no is a finding."""

    def crash(cli: list[str]) -> tuple[int, str, str, BaseException | None]:
        return 1, "", "", ValueError("boom")

    with pytest.raises(InvariantError, match="ValueError: boom"):
        check_command(crash, ["validate", "x"], None)

    def escape(cli: list[str]) -> tuple[int, str, str, BaseException | None]:
        return 0, "\x1b[2J", "", None

    with pytest.raises(InvariantError, match="raw"):
        check_command(escape, ["show", "x"], None)


def test_a_crash_line_is_a_finding_but_quoted_words_are_not() -> None:
    """The crash check reads argmap's own internal-error line, not the same
    words inside a user's text quoted in a warning (a false alarm the long
    run found in an ICCMA comment and in TGF labels)."""

    def says(stderr: str) -> Callable[[list[str]], tuple[int, str, str, BaseException | None]]:
        return lambda cli: (1, "", stderr, None)

    quoted = "m.tgf:4:1: warning: argument '#' listed again; its label 'with an internal error).' is not read (repeated-argument)\n"
    assert check_command(says(quoted), ["show", "m.tgf"], None) == 1
    crashed = "argmap: internal error: OSError: boom (set ARGMAP_DEBUG=1 for details)\n"
    with pytest.raises(InvariantError, match="internal error"):
        check_command(says(crashed), ["show", "m.tgf"], None)
    with pytest.raises(InvariantError, match="Traceback"):
        check_command(says("Traceback (most recent call last):\n  ...\n"), ["show", "m.tgf"], None)
