"""The direct tree writer (render/tree_lines.py) against rich's Tree, the
layout `argmap show` used before it: the same bytes for any tree, at any
width, with and without colours. The reference builds a rich Tree from the
same branches, as render/tree.py did. Labels of one-cell characters take
the writer's own wrapping; others (wide, combining, tabs, line breaks) go
through rich's: both kinds are generated."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from argmap.formats.registry import load_path
from argmap.render.options import RenderOptions
from argmap.render.tree import build_tree
from argmap.render.tree_lines import Branch, StyledText, TreeLines, ascii_lines

REPO = Path(__file__).parent.parent
MAPS = sorted((REPO / "arguments").glob("*.yaml")) + sorted((REPO / "tests" / "data" / "valid").glob("*.*"))
COLOUR_SYSTEMS = (None, "standard", "256", "truecolor")


def rich_tree(top: Branch) -> Tree:
    """The tree as render/tree.py built it for rich: the top's text in bold
    as the Text's own style, each other line a Text of styled pieces."""
    (title, style), *rest = top.label
    assert not rest
    tree = Tree(Text(title, style=style), guide_style="dim")
    stack = [(tree, top)]
    while stack:
        node, branch = stack.pop()
        for child in branch.children:
            text = Text()
            for piece, name in child.label:
                text.append(piece, style=name or None)
            stack.append((node.add(text), child))
    return tree


class _Output(io.StringIO):
    """Text written to memory, saying it goes to a stream of `encoding`
    (rich draws ASCII guides for an encoding that is not UTF)."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def console(width: int, colours: str | None, encoding: str = "utf-8") -> tuple[Console, _Output]:
    buffer = _Output(encoding)
    made = Console(
        file=buffer,
        width=width,
        color_system=colours,  # type: ignore[arg-type]
        force_terminal=colours is not None,
        markup=False,
        highlight=False,
        soft_wrap=False,
        legacy_windows=False,
    )
    return made, buffer


def both(top: Branch, width: int, colours: str | None, encoding: str = "utf-8") -> tuple[str, str]:
    old, old_out = console(width, colours, encoding)
    old.print(rich_tree(top))
    new, new_out = console(width, colours, encoding)
    new.print(TreeLines(top), crop=False)
    return old_out.getvalue(), new_out.getvalue()


# Words, spaces, wide and combining characters, zero-width spaces, tabs,
# line breaks and words longer than a line.
CHARACTERS = [*"abcdefghij", " ", " ", "-", "[", "]", "\u00e9", "\u0301", "\u6f22", "\u5b57", "\U0001f600"]
CHARACTERS += ["\u200b", "\t", "\n", "\u2713", "\u00b7"]
ASCII = [*"abcdefghij", " ", " ", " ", "-", "[", "]", "x" * 12, "y" * 30]
PIECES = st.lists(st.sampled_from(CHARACTERS) | st.just("x" * 30), max_size=30).map("".join) | st.lists(
    st.sampled_from(ASCII), max_size=40
).map("".join)
STYLES = st.sampled_from(["", "dim", "bold green", "bold #336699", "dim italic", "italic yellow", "bold"])
LABELS = st.lists(st.tuples(PIECES, STYLES), min_size=0, max_size=5).map(StyledText)


@st.composite
def trees(draw: st.DrawFn) -> Branch:
    top = Branch(StyledText([(draw(PIECES), "bold")]))
    branches = [top]
    for _ in range(draw(st.integers(0, 25))):
        parent = draw(st.sampled_from(branches))
        branches.append(parent.add(draw(LABELS)))
    return top


@settings(deadline=None)
@given(trees(), st.integers(1, 120), st.sampled_from(COLOUR_SYSTEMS))
def test_any_tree_prints_as_rich_tree_printed_it(top: Branch, width: int, colours: str | None) -> None:
    old, new = both(top, width, colours)
    assert new == old


@settings(deadline=None)
@given(trees(), st.integers(1, 60))
def test_in_ascii_the_guides_are_rich_ascii_ones(top: Branch, width: int) -> None:
    old, new = both(top, width, None, encoding="ascii")
    assert new == old


def test_a_chain_deeper_than_the_width_is_cropped_as_rich_crops_it() -> None:
    top = Branch(StyledText([("deep", "bold")]))
    branch = top
    for level in range(40):
        branch = branch.add(StyledText([(f"[c{level}]", "dim"), (" a claim with words", "")]))
    for colours in COLOUR_SYSTEMS:
        old, new = both(top, 60, colours)
        assert new == old


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
@pytest.mark.parametrize("width", [30, 80, 100])
def test_every_map_prints_as_before_in_colour_and_plain(
    path: Path, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(path.parent)
    top = build_tree(load_path(path.name).map, RenderOptions())
    for colours in COLOUR_SYSTEMS:
        old, new = both(top, width, colours)
        assert new == old


ESSAY_MAP = REPO / "arguments" / "socialism-in-one-country.yaml"


@pytest.fixture
def colour_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """An environment that leaves colours to the terminal (rich reads it in
    argmap and in the reference alike)."""
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


def show_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), **extra}


def reference_here(width: int, colours: str) -> str:
    top = build_tree(load_path(ESSAY_MAP).map, RenderOptions())
    made, buffer = console(width, colours)
    made.print(rich_tree(top))
    return buffer.getvalue()


def reference(width: int, colours: str) -> str:
    """rich's Tree of the essay map, printed in a fresh interpreter: a rich
    Style keeps the escape codes of the first colour system it was printed
    in, so this process (which printed the same styles in others) cannot."""
    code = (
        f"import sys; sys.path.insert(0, {str(REPO / 'tests')!r}); import test_tree_lines; "
        f"sys.stdout.write(test_tree_lines.reference_here({width}, {colours!r}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8"},
        timeout=60,
        check=True,
    )
    return done.stdout.decode("utf-8")


@pytest.mark.usefixtures("colour_terminal")
def test_show_piped_with_colours_forced_is_rich_tree_output() -> None:
    """Through the real command: FORCE_COLOR on a pipe gives rich's escapes
    at the piped width (100), long claims wrapped."""
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "show", ESSAY_MAP.name],
        capture_output=True,
        text=True,
        env=show_env(FORCE_COLOR="1"),
        cwd=ESSAY_MAP.parent,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    # rich's Tree, less the spaces it leaves at the end of a wrapped line (none reach a pipe).
    assert done.stdout == "".join(line.rstrip(" ") + "\n" for line in reference(100, "256").splitlines())
    assert "\x1b[" in done.stdout


@pytest.mark.usefixtures("colour_terminal")
def test_show_on_a_terminal_wraps_at_columns_in_colour() -> None:
    """Through the real command on a pseudo-terminal: the width is COLUMNS."""
    pty = pytest.importorskip("pty")
    controller, terminal = pty.openpty()
    env = show_env(COLUMNS="60")
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "show", ESSAY_MAP.name],
        stdout=terminal,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ESSAY_MAP.parent,
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: argmap has exited
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (0, b"")
    # The terminal turns each line end into CR LF.
    shown = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert shown == reference(60, "256")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*"ab -", " ", "  ", "x" * 7]), max_size=30).map("".join), st.integers(1, 30))
@example("  a", 1)
@example("    a  ", 3)
@example("abcde     f", 5)
@example("ab " + "y" * 30 + "   z", 10)
def test_ascii_lines_break_where_rich_breaks(text: str, width: int) -> None:
    wrapped = Text(text).wrap(Console(width=width), width)
    assert [text[start:end] for start, end in ascii_lines(text, width)] == [line.plain for line in wrapped]
