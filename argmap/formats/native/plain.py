"""The native reader's accessors for plain data (the fast YAML path,
`argmap.yaml.fast`) instead of PyYAML's nodes.

The walker (`read.py`) is the same for both; only how it reads a value
differs. Plain data carries no positions and cannot say how a scalar was
written, so this reader vouches only for values that mean the same in
both paths, and gives up (`CannotVouchError`) on everything else, including every
problem the walker would report: the caller then reads the text with PyYAML,
whose diagnostics carry their line and column. A map read here therefore has
no diagnostics and no spans (its positions come from re-reading: see
`ArgumentMap.positioned`).

What each accessor vouches for, against what PyYAML's path gives:

* text: a str is a plain or quoted scalar with that value (a scalar both
  YAML versions read as text, or one only 1.1 types, such as `yes` or `1:30`,
  whose written form the walker takes as text anyway), unless PyYAML would
  read it, written plain, as a type argmap refuses (a timestamp); None is
  null in both.
  A number or a bool is refused: its written form (`1_000`, `0755`) is lost.
* a number: an int or a float (not a bool), finite; the text is screened for
  numbers in other bases first (`argmap.yaml.fast`). PyYAML's path reads the
  written form with `float()`, which gives the same value for every decimal
  form YAML 1.2 reads as a number.
* true/false: a bool (YAML 1.2's true/false are YAML 1.1's too; 1.1's
  `yes`/`on` are strings here and are refused).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from typing import Any, NoReturn

from argmap.formats.base import LoadResult
from argmap.formats.native.nodes import Entries, NodeReader
from argmap.model import ArgumentMap
from argmap.yaml.fast import REFUSED_STARTS, plain_data, refused_if_plain


class CannotVouchError(Exception):
    """The plain data holds something only PyYAML's path reads as argmap means it."""


def _give_up() -> NoReturn:
    raise CannotVouchError


# The reader's methods take Any for a node: a dict, list, str, int, float,
# bool or None here, a PyYAML node in the base class.
class PlainReader(NodeReader):
    def span(self, node: Any) -> Any:
        return None  # no positions on this path

    def error(self, node: Any, check_id: str, message: str) -> None:
        _give_up()

    def warning(self, node: Any, check_id: str, message: str) -> None:
        _give_up()

    def is_mapping(self, node: Any) -> bool:
        return node.__class__ is dict

    def is_list(self, node: Any) -> bool:
        return node.__class__ is list

    def is_reference(self, node: Any) -> bool:
        return node.__class__ is str

    def key_names(self, node: Any) -> set[str]:
        return set(node)

    def entry_id(self, node: Any) -> str | None:
        if node.__class__ is str:
            return str(node)
        if node.__class__ is dict:
            value = node.get("id")
            if value is None or value.__class__ is str:
                return value
        _give_up()

    def written(self, node: Any) -> str:
        return str(node)

    def mapping(self, node: Any, what: str, allowed: Collection[str]) -> Entries | None:
        if node.__class__ is not dict:
            _give_up()
        entries: dict[str, Any] = {}
        for key, value in node.items():
            # A key of another type (1, true, null) has another written form.
            if key.__class__ is not str or key not in allowed:
                _give_up()
            if key[:1] in REFUSED_STARTS and refused_if_plain(key):
                _give_up()
            entries[key] = (key, value)
        return entries

    def sequence(self, node: Any, what: str) -> Any:
        if node.__class__ is list:
            return node
        if node is None:
            return []
        _give_up()

    def string(self, node: Any, what: str) -> str | None:
        if node.__class__ is str:
            if node[:1] in REFUSED_STARTS and refused_if_plain(node):
                _give_up()  # 2001-12-14: a timestamp to PyYAML (if written plain)
            return str(node)
        if node is None:
            return None
        _give_up()

    def number(self, node: Any, what: str) -> float | None:
        if node.__class__ is float or node.__class__ is int:
            try:
                value = float(node)
            except OverflowError:
                _give_up()
            if math.isfinite(value):
                return value
        _give_up()

    def flag(self, node: Any, what: str) -> bool | None:
        if node.__class__ is bool:
            return bool(node)
        _give_up()


def with_version_text(data: dict[str, Any], text: str, json: bool) -> dict[str, Any]:
    """The data with `argmap: 1`, the format version every map starts with,
    as the text "1" PyYAML's path reads (it takes the version as written, so
    `01` or `+1` is no version it knows). The number is vouched for only when
    it was written as argmap writes it: strict JSON (which `json` says the
    text is) writes a whole number so, and in YAML the text must hold the
    line `argmap: 1`. Otherwise the reader gives up on the number."""
    version = data.get("argmap")
    if version.__class__ is int and version >= 0:
        line = f"argmap: {version}\n"
        if json or text.startswith(line) or f"\n{line}" in text:
            return {**data, "argmap": str(version)}
    return data


def read_plain(walker: Callable[[str], Any], text: str, file: str, json: bool) -> LoadResult | None:
    """The map `walker` (the native walker with this module's accessors)
    makes of the text's plain data, or None where the fast path cannot vouch
    for the text or the map has a problem: read it with PyYAML then."""
    data = plain_data(text, json)
    if data is None:
        return None
    try:
        result: LoadResult = walker(file).walk(with_version_text(data, text, json))
    except CannotVouchError:
        return None
    # A problem found outside the accessors (a duplicate relation).
    return None if result.diagnostics else result


class Reread:
    """A text read again by PyYAML, for the positions the fast path has not;
    once. No closure: maps cross process boundaries pickled."""

    def __init__(self, read: Callable[[], LoadResult]) -> None:
        self._read = read
        self._result: LoadResult | None = None

    def result(self) -> LoadResult:
        if self._result is None:
            self._result = self._read()
        return self._result

    def map(self) -> ArgumentMap:
        return self.result().map
