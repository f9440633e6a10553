"""Which format a file name's suffix names: the one resolution every table
of suffixes goes through (map formats, diagrams, briefs, frameworks)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

__all__ = ["by_suffix"]

T = TypeVar("T")


def by_suffix(path: Path | str, table: Iterable[tuple[str, T]]) -> list[T]:
    """The values of `table` (suffix, value) whose suffix is the longest one
    the file's name ends with, in table order, each once; [] when none fits.

    Case-insensitive (the table's suffixes are lower case, with their dot).
    The longest wins, so `x.aif.json` can name AIF while `x.json` names the
    graph form. A name that is only a suffix (`.json`) has none, as Path
    sees it."""
    name = Path(path).name.lower()
    best = 0
    found: list[T] = []
    for suffix, value in table:
        if len(name) > len(suffix) >= best and name.endswith(suffix):
            if len(suffix) > best:
                best, found = len(suffix), []
            if value not in found:
                found.append(value)
    return found
