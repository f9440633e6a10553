"""Comparing texts word by word: how alike two claims are (for renames)
and which words changed (for the views)."""

from __future__ import annotations

import difflib
import math
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


class Resemblance:
    """Which claims of the new side may be at least `threshold` alike (Dice
    on word multisets) to a claim of the old side, found without comparing
    every pair: prefix filtering. Order the words by how rare they are over
    both sides; two texts that alike must share a word among the first few
    of each (as many as a text can lose and still reach the threshold), so
    only texts sharing such a word are compared. Exact: the pairs it finds
    are all the pairs at or above the threshold. Scores are kept, since
    renames are matched in rounds."""

    def __init__(self, old: dict[str, str], new: dict[str, str], threshold: float) -> None:
        self.old = {key: Counter(WORD.findall(text.lower())) for key, text in old.items()}
        self.new = {key: Counter(WORD.findall(text.lower())) for key, text in new.items()}
        # A text with no words is as alike as can be to another one (dice 1).
        self._wordless = [key for key, bag in self.new.items() if not bag]
        frequency: Counter[tuple[str, int]] = Counter()
        for side in (self.old, self.new):
            for bag in side.values():
                frequency.update(_tokens(bag))
        self._rank = {token: (count, token) for token, count in frequency.items()}
        self._threshold = threshold
        self._index: dict[tuple[str, int], list[str]] = {}
        for key, bag in self.new.items():
            for token in self._prefix(bag):
                self._index.setdefault(token, []).append(key)
        self._scores: dict[tuple[str, str], float] = {}
        # Multiset Dice as set Dice on (word, n) tokens: set intersection runs in C.
        self._old_tokens = {key: frozenset(_tokens(bag)) for key, bag in self.old.items()}
        self._new_tokens = {key: frozenset(_tokens(bag)) for key, bag in self.new.items()}

    def _prefix(self, bag: Counter[str]) -> list[tuple[str, int]]:
        tokens = sorted(_tokens(bag), key=self._rank.__getitem__)
        # Dice >= t needs an overlap of at least t/(2-t) of either text.
        least = math.ceil(self._threshold / (2 - self._threshold) * len(tokens) - 1e-9)
        return tokens[: len(tokens) - least + 1]

    def candidates(self, old_key: str) -> set[str]:
        bag = self.old[old_key]
        if not bag:
            return set(self._wordless)
        return {key for token in self._prefix(bag) for key in self._index.get(token, ())}

    def score(self, old_key: str, new_key: str) -> float:
        found = self._scores.get((old_key, new_key))
        if found is None:
            a, b = self._old_tokens[old_key], self._new_tokens[new_key]
            total = len(a) + len(b)
            found = self._scores[old_key, new_key] = 2 * len(a & b) / total if total else 1.0
        return found


def _tokens(bag: Counter[str]) -> list[tuple[str, int]]:
    """A word multiset as distinct tokens: (word, 1), (word, 2), ..."""
    return [(word, n) for word, count in bag.items() for n in range(1, count + 1)]
