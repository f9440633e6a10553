"""Comparing texts word by word: how alike two claims are (for renames)
and which words changed (for the views)."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import NamedTuple

WORD = re.compile(r"\w+")


def word_similarity(old: str, new: str) -> float:
    """Dice coefficient of the two texts' lower-cased word multisets, 0..1."""
    return dice(Counter(WORD.findall(old.lower())), Counter(WORD.findall(new.lower())))


def dice(a: Counter[str], b: Counter[str]) -> float:
    total = a.total() + b.total()
    if not total:
        return 1.0
    return 2 * (a & b).total() / total


class WordOp(NamedTuple):
    op: str  # "=" same, "-" only in the old text, "+" only in the new
    text: str


def word_diff(old: str, new: str) -> list[WordOp]:
    """The two texts as runs of words kept, removed and added (whitespace
    between words belongs to the run before it)."""
    a, b = old.split(), new.split()
    ops: list[WordOp] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(WordOp("-", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("+", " ".join(b[j1:j2])))
    return ops
