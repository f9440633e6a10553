"""The test suite's own set-up: the slow list names real tests, and CI runs the
README's test command."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import SLOW

TESTS = Path(__file__).parent


def test_every_slow_entry_names_a_test_that_exists() -> None:
    for entry in sorted(SLOW):
        file, _, test = entry.partition("::")
        path = TESTS / file
        assert path.is_file(), f"conftest.SLOW: no {file}"
        if test:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
            assert test in names, f"conftest.SLOW: {file} has no {test}"


def test_ci_runs_the_readmes_test_command() -> None:
    readme = (TESTS.parent / "README.md").read_text(encoding="utf-8")
    [command] = [
        line for line in readme.splitlines() if line.startswith("python3 -m venv") and "[test]" in line
    ]
    ci = (TESTS.parent / ".ci" / "run").read_text(encoding="utf-8")
    # .ci/run installs quietly and names the slowest tests; otherwise it is the same command.
    assert command in ci.replace("pip install -q ", "pip install ").replace(" --durations=15", "")
