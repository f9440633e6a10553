"""The core stays light: no CLI framework, no terminal library, no Graphviz."""

from __future__ import annotations

import subprocess
import sys

CORE = (
    "argmap.model",
    "argmap.loader",
    "argmap.checks",
    "argmap.validate",
    "argmap.focus",
    "argmap.prep",
    "argmap.slides",
    "argmap.pdf",
    "argmap.watch",
    "argmap.diff",
    "argmap.git",
    "argmap.versions",
    "argmap.side_by_side",
)
FORBIDDEN = ("typer", "click", "rich", "graphviz", "pygraphviz")


def imported_after(modules: tuple[str, ...]) -> list[str]:
    """Which FORBIDDEN modules a fresh interpreter has loaded after importing `modules`."""
    script = (
        "import importlib, sys\n"
        f"for name in {list(modules)!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(' '.join(m for m in {list(FORBIDDEN)!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_core_imports_no_cli_terminal_or_graphviz() -> None:
    assert imported_after(CORE) == []


def test_render_backend_loads_pygraphviz_only_when_drawing() -> None:
    assert imported_after(("argmap.render_backend", "argmap.renderers")) == []
    assert imported_after(("argmap.renderers.frames", "argmap.renderers.html")) == []


def test_the_check_can_fail() -> None:
    # Guards the test above against passing vacuously.
    assert "typer" in imported_after(("argmap.cli",))
