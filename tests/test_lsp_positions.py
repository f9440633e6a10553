"""The language server's positions: code points in argmap's core, the
encoding agreed with the client on the wire (UTF-16 by default; UTF-8 and
UTF-32 when a client such as Neovim offers them first)."""

from __future__ import annotations

import pytest
from lsprotocol import types

from argmap.lsp.convert import from_client, to_client

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
