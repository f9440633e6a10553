"""The language server's records: positions (code points in argmap's core,
the encoding agreed with the client on the wire: UTF-16 by default, UTF-8
and UTF-32 when a client such as Neovim offers them first) and the outline."""

from __future__ import annotations

import pytest
from lsprotocol import types

from argmap.checks.editing import analyse
from argmap.lsp.convert import SYMBOL_DEPTH, folding_ranges, from_client, symbol, to_client

LINES = ("a: 😀中b", "")


@pytest.mark.parametrize(
    ("encoding", "units"),
    [
        ("utf-16", [0, 1, 2, 3, 5, 6, 7]),  # the emoji is two UTF-16 units
        ("utf-8", [0, 1, 2, 3, 7, 10, 11]),  # four bytes, then three
        ("utf-32", [0, 1, 2, 3, 4, 5, 6]),
    ],
)
def test_columns_convert_both_ways(encoding: str, units: list[int]) -> None:
    assert [to_client(LINES, 0, column, encoding).character for column in range(7)] == units
    assert [from_client(LINES, types.Position(line=0, character=u), encoding) for u in units] == [
        (0, column) for column in range(7)
    ]


def test_positions_past_the_text_are_clamped() -> None:
    assert from_client(LINES, types.Position(line=0, character=99), "utf-16") == (0, 6)
    assert from_client(LINES, types.Position(line=9, character=3), "utf-16") == (9, 0)
    assert to_client(LINES, 9, 4, "utf-16") == types.Position(line=9, character=0)


def deep_map(levels: int) -> str:
    """A chain of claims, each the premise of the one above."""
    rows = ["claims:"]
    for level in range(levels):
        pad = "  " * (2 * level)
        rows += [f"{pad}  - id: c{level}", f"{pad}    text: Claim {level}.", f"{pad}    premises:"]
    rows[-1] = rows[-1].replace("premises:", "note: the last")
    return "\n".join(rows) + "\n"


def test_a_deep_map_is_indexed_and_its_outline_is_flat_below_a_depth() -> None:
    state = analyse(deep_map(400), "m.yaml")
    assert state.diagnostics == ()
    assert state.index is not None
    (top,) = state.index.outline
    found = symbol(state.lines, top, "utf-16")
    depth = 1
    while found.children and len(found.children) == 1:
        found, depth = found.children[0], depth + 1
    assert (depth, found.name) == (SYMBOL_DEPTH, f"c{SYMBOL_DEPTH - 1}")
    flat = found.children or []
    assert [c.name for c in flat] == [f"c{n}" for n in range(SYMBOL_DEPTH, 400)]
    assert all(not c.children for c in flat)
    assert len(folding_ranges(state.index.outline)) == 400
