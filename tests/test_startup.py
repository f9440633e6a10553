"""Start-up: a command imports what it needs and builds only itself (not
timed: benchmarks/startup.py times it). Each case runs argmap in a fresh
interpreter and lists the modules it ended with."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer._click.utils import make_default_short_help
from typer.main import get_command

from argmap.cli import COMMANDS, app
from argmap.cli.lazy import build_command

REPO = Path(__file__).parent.parent
MAP = REPO / "tests" / "data" / "valid" / "all-features.yaml"

# Runs argmap's main with the given arguments, then prints the names of the
# modules loaded (as JSON, on stderr: stdout is the command's).
_PROBE = """
import json, sys
sys.argv = ["argmap", *sys.argv[1:]]
from argmap.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""

HEAVY = ("rich", "yaml", "pygraphviz", "argmap.render.html", "argmap.render.pdf", "argmap.render.slides")


def loaded_after(*args: str | Path, cwd: Path = REPO) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
    )
    marker = done.stderr.rfind("MODULES ")
    assert marker != -1, done.stderr
    return set(json.loads(done.stderr[marker + len("MODULES ") :]))


def under(modules: set[str], package: str) -> set[str]:
    return {m for m in modules if m == package or m.startswith(package + ".")}


def test_version_imports_no_command_and_no_heavy_library() -> None:
    modules = loaded_after("--version")
    for heavy in HEAVY:
        assert not under(modules, heavy), heavy
    commands = {f"argmap.cli.{row.target.split(':')[0]}" for row in COMMANDS}
    assert not modules & commands


def test_help_lists_every_command_without_importing_one() -> None:
    modules = loaded_after("--help")
    assert not modules & {f"argmap.cli.{row.target.split(':')[0]}" for row in COMMANDS}
    assert not under(modules, "rich")


def test_validate_imports_its_module_alone_and_no_terminal_or_render_library() -> None:
    modules = loaded_after("validate", MAP, cwd=MAP.parent)
    assert "argmap.cli.check" in modules
    assert not modules & {"argmap.cli.render", "argmap.cli.diff", "argmap.cli.slides", "argmap.cli.preview"}
    assert not under(modules, "rich")
    assert not under(modules, "pygraphviz")
    assert not {m for m in modules if m.startswith("argmap.render.") and m != "argmap.render.reports"}


def test_a_dot_render_imports_no_page_pdf_slides_or_watching() -> None:
    modules = loaded_after("render", MAP, "--format", "dot", cwd=MAP.parent)
    assert "argmap.render.dot" in modules
    for unused in (
        "argmap.render.html",
        "argmap.render.pdf",
        "argmap.render.slides",
        "argmap.io.watch",
        "rich",
    ):
        assert not under(modules, unused), unused


@pytest.mark.parametrize("row", COMMANDS, ids=lambda row: row.name)
def test_the_table_help_is_the_first_sentence_of_the_command_docstring(row: object) -> None:
    from argmap.cli.lazy import CommandRow

    assert isinstance(row, CommandRow)
    command = build_command(row)
    assert command.name == row.name
    assert command.help is not None
    assert row.help == make_default_short_help(command.help, 10**6)


def test_the_app_builds_a_command_only_when_it_is_asked_for() -> None:
    group = get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert list(commands) == [row.name for row in COMMANDS]
    assert commands.built == {}
    assert commands["show"].name == "show"
    assert list(commands.built) == ["show"]
