"""The writers' shortcuts (issue 15) give the answers of the long way:
`show`'s tree written to a pipe without rich is what rich printed, less the
spaces at line ends; the graph form written line by line is the JSON of
`to_graph`; the one-line DOT arrow is `edge` with an id; `show` to a pipe
loads no rich."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_tree_lines import console, trees

from argmap.formats.native.graph import dump_json_lists, to_graph, write_graph
from argmap.formats.registry import load_path
from argmap.model import ArgumentMap, Claim, Relation, RelationType, SourceRef
from argmap.render.dot.syntax import AttrList, DotGraph
from argmap.render.options import RenderOptions
from argmap.render.tree import build_tree, write_tree_text
from argmap.render.tree_lines import TreeLines
from argmap.render.tree_text import Branch

REPO = Path(__file__).parent.parent
MAPS = sorted((REPO / "arguments").glob("*.yaml")) + sorted((REPO / "tests" / "data" / "valid").glob("*.*"))


def rich_plain(top: Branch, width: int, encoding: str = "utf-8") -> str:
    """The long way: rich prints the tree with no colours; a pipe gets its
    lines without the spaces at their ends (cli/console.py)."""
    made, buffer = console(width, None, encoding)
    made.print(TreeLines(top), crop=False)
    return "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())


def plain(top: Branch, width: int, ascii_only: bool = False) -> str:
    chunks: list[str] = []
    write_tree_text(top, width, chunks.append, ascii_only=ascii_only)
    return "".join(chunks)


@settings(deadline=None)
@given(trees(), st.integers(1, 120), st.booleans())
def test_the_plain_tree_is_what_rich_printed_without_colours(
    top: Branch, width: int, ascii_only: bool
) -> None:
    assert plain(top, width, ascii_only) == rich_plain(top, width, "ascii" if ascii_only else "utf-8")


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_every_map_is_written_plain_as_rich_wrote_it(path: Path) -> None:
    top = build_tree(load_path(path).map, RenderOptions())
    for width in (30, 100):
        assert plain(top, width) == rich_plain(top, width)


def test_a_big_tree_is_written_in_chunks_that_join_into_the_text() -> None:
    top = Branch([("t", "bold")])
    for number in range(2500):
        top.add([(f"[c{number}] ", "dim"), ("word " * (number % 40), "")])
    chunks: list[str] = []
    write_tree_text(top, 60, chunks.append)
    assert len(chunks) > 2
    assert all(chunk.endswith("\n") for chunk in chunks)
    assert "".join(chunks) == rich_plain(top, 60)


def _graph_long_way(amap: ArgumentMap) -> str:
    return dump_json_lists(to_graph(amap))


def _graph_written(amap: ArgumentMap) -> str:
    out = io.StringIO()
    write_graph(amap, out.write)
    return out.getvalue()


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_the_graph_form_written_line_by_line_is_to_graph_as_json(path: Path) -> None:
    amap = load_path(path).map
    assert _graph_written(amap) == _graph_long_way(amap)


_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=8)
_CLAIMS = st.builds(
    Claim,
    id=_TEXT,
    text=_TEXT,
    by=st.none() | _TEXT,
    source=st.none() | st.builds(SourceRef, ref=_TEXT),
    tags=st.sampled_from([(), ("a",)]),
    weight=st.sampled_from([None, 0.0, 0.5]),
    note=st.none() | _TEXT,
    label=st.none() | _TEXT,
    step=st.none() | st.integers(0, 3),
    implicit=st.sampled_from([None, False, True]),
    origin=st.none() | _TEXT,
)
_RELATIONS = st.builds(
    Relation,
    id=_TEXT,
    source=_TEXT,
    target=_TEXT,
    type=st.sampled_from(list(RelationType)),
    group=st.none() | _TEXT,
    scheme=st.none() | _TEXT,
    question=st.none() | _TEXT,
    answered=st.sampled_from([(), ("CQ1",)]),
    conceded=st.sampled_from([(), ("CQ2",)]),
    weight=st.sampled_from([None, 0.0, 1.0]),
)


@given(st.lists(_CLAIMS, max_size=4), st.lists(_RELATIONS, max_size=4))
def test_any_claims_and_relations_are_written_as_to_graph_has_them(
    claims: list[Claim], relations: list[Relation]
) -> None:
    amap = ArgumentMap(claims=tuple(claims), relations=tuple(relations))
    assert _graph_written(amap) == _graph_long_way(amap)


def test_thousands_of_nodes_are_written_in_chunks_that_join_into_the_text() -> None:
    claims = tuple(Claim(f"c{n}", f"Claim \u2028 {n}.", by="pro" if n % 2 else None) for n in range(5001))
    amap = ArgumentMap(claims=claims)
    chunks: list[str] = []
    write_graph(amap, chunks.append)
    assert len(chunks) > 2
    assert "".join(chunks) == _graph_long_way(amap)
    assert "\\u2028" in chunks[0]  # each chunk made safe for YAML readers


@given(
    st.text(max_size=12),
    st.text(max_size=12),
    st.text(max_size=12),
    st.lists(st.sampled_from([{}, {"style": "invis"}, {"color": 'a"b', "penwidth": "2"}]), max_size=3),
)
def test_an_id_edge_is_written_as_edge_writes_it(
    tail: str, head: str, edge_id: str, looks: list[dict[str, str]]
) -> None:
    lists = [AttrList(look) for look in looks]
    direct, generic = DotGraph("g"), DotGraph("g")
    direct.id_edge(tail, head, edge_id, *lists)
    generic.edge(tail, head, {"id": edge_id}, *lists)
    assert direct.source() == generic.source()


_PROBE = """
import sys
sys.argv = ["argmap", *sys.argv[1:]]
from argmap.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("RICH " + str(any(m == "rich" or m.startswith("rich.") for m in sys.modules)) + "\\n")
"""


def _show(tmp_path: Path, **env: str) -> tuple[str, str]:
    path = tmp_path / "m.yaml"
    path.write_text(
        "title: T\nclaims:\n  - id: a\n    text: A conclusion.\n    premises:\n"
        "      - id: b\n        text: A reason that is long enough to wrap at thirty columns.\n",
        encoding="utf-8",
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR")}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, "show", str(path)],
        capture_output=True,
        text=True,
        env={**clean, "PYTHONPATH": str(REPO), "COLUMNS": "30", **env},
        timeout=60,
        check=True,
    )
    return done.stdout, done.stderr.strip().rsplit("\n", 1)[-1]


def test_show_to_a_pipe_loads_no_rich_and_writes_what_rich_would(tmp_path: Path) -> None:
    piped, loaded = _show(tmp_path)
    assert loaded == "RICH False"
    forced, loaded = _show(tmp_path, FORCE_COLOR="1", NO_COLOR="1")  # rich's console, no colours
    assert loaded == "RICH True"
    assert piped == forced
    assert piped.splitlines() == [
        "T",
        "\u2514\u2500\u2500 [a] A conclusion.",
        "    \u2514\u2500\u2500 + [b] A reason that is",
        "        long enough to wrap at",
        "        thirty columns.",
    ]


def _many_claims(count: int) -> ArgumentMap:
    """A map of `count` claims, premises of one another in a chain of
    fans, some with schemes (notes on their arrows)."""
    claims = tuple(Claim(f"c{n}", f"Claim number {n} says a thing & more.") for n in range(count))
    relations = tuple(
        Relation(f"r{n}", f"c{n}", f"c{n // 3}", RelationType.SUPPORT if n % 4 else RelationType.ATTACK)
        for n in range(1, count)
    )
    return ArgumentMap(claims=claims, relations=relations)


@pytest.mark.parametrize("path", [*MAPS, None], ids=lambda p: p.name if p else "3000-claims")
def test_dot_in_parts_is_the_dot_text(path: Path | None) -> None:
    from argmap.render.pipeline import RenderRequest, render_files

    amap = _many_claims(3000) if path is None else load_path(path).map
    whole = render_files(RenderRequest(fmt="dot"), amap).products[0].files[0]
    streamed = render_files(RenderRequest(fmt="dot", parts=True), amap).products[0].files[0]
    assert (whole.parts, streamed.data) == (None, b"")
    assert streamed.parts is not None
    parts = list(streamed.parts())
    assert b"".join(parts) == whole.data
    assert len(parts) == 1 + (len(whole.data.splitlines()) - 1) // 2000


def test_dot_in_parts_checks_the_backend_as_the_whole_text_does() -> None:
    from argmap.errors import UsageError
    from argmap.render.pipeline import RenderRequest, render_files

    for parts in (False, True):
        with pytest.raises(UsageError, match="unknown Graphviz backend 'cairo'"):
            render_files(RenderRequest(fmt="dot", backend="cairo", parts=parts), _many_claims(3))
