"""Text helpers below every layer: finding a claim's quote in its source
text, and wrapping words into lines.

A quote counts as verbatim when it matches the source after folding runs of
whitespace to one space and curly quote marks to straight ones: a map's
author copies from a rendered page, where line breaks and typographic
quotes are not what they typed.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
_SPACE = re.compile(r"\s+")

# What must not reach a terminal (or a file a terminal may show) raw: C0
# controls but tab and newline (ESC starts escape sequences, CR and BS
# overwrite what was printed, BEL rings), DEL, C1 controls (CSI, OSC),
# lone surrogates (not characters: no encoder takes them) and the
# non-characters U+FFFE and U+FFFF.
UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """`text` with every unsafe character written as a visible escape
    (`\\x1b`, `\\ud800`): what a terminal view shows of hostile text."""
    return UNSAFE_CHARACTERS.sub(_visible, text)


def normalize_quote(text: str) -> str:
    """Fold whitespace runs to one space and curly quote marks to straight."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


class SearchableText:
    """A source text folded as `normalize_quote` folds quotes, remembering
    where each folded character came from, so a match can be placed in the
    original text."""

    def __init__(self, text: str) -> None:
        folded: list[str] = []
        origin: list[int] = []
        for match in re.finditer(r"\s+|\S+", text.translate(_QUOTE_MARKS)):
            if match.group()[0].isspace():
                folded.append(" ")
                origin.append(match.start())
            else:
                folded.append(match.group())
                origin.extend(range(match.start(), match.end()))
        self.folded = "".join(folded)
        self._origin = origin
        self._length = len(text)

    def find(self, quote: str) -> tuple[int, int] | None:
        """The [start, end) offsets in the original text of the quote's first
        occurrence, or None when it is not there (or empty)."""
        needle = normalize_quote(quote)
        if not needle:
            return None
        at = self.folded.find(needle)
        if at < 0:
            return None
        last = at + len(needle) - 1
        return self._origin[at], self._origin[last] + 1


def wrap_words(text: str, width: int) -> list[str]:
    """One paragraph as lines of at most `width` (1 or more) characters,
    filled greedily: the lines `textwrap.wrap(text, width,
    break_on_hyphens=False)` gives, at a fraction of its cost for the text
    maps are made of."""
    if text.isprintable():
        return fill_words(text, width)
    return textwrap.wrap(text, width, break_on_hyphens=False)


_FILL_PATTERNS: dict[int, re.Pattern[str]] = {}


def _fill_pattern(width: int) -> re.Pattern[str]:
    pattern = _FILL_PATTERNS.get(width)
    if pattern is None:
        pattern = _FILL_PATTERNS[width] = re.compile(rf"(.{{1,{width}}})(?: |\Z)")
    return pattern


def fill_words(text: str, width: int) -> list[str]:
    """`wrap_words` for printable text (no whitespace but spaces). The fast
    path takes words separated by single spaces, none longer than `width`,
    and ends each line at the last space that fits. Anything else (runs of
    spaces, spaces at the ends, a word to split) goes to textwrap itself, so
    its rules hold exactly there too."""
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        return textwrap.wrap(text, width, break_on_hyphens=False)
    if len(text) <= width:
        return [text] if text else []
    # Greedy lines of up to `width` characters, each ended by a space or
    # the end, found in one regular-expression pass; they are the lines
    # below exactly when they join back into the text (a word longer than
    # a line makes the search skip characters).
    found = _fill_pattern(width).findall(text)
    if " ".join(found) == text:
        return found
    lines: list[str] = []
    start = 0
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut < 0:  # a word longer than a line
            return textwrap.wrap(text, width, break_on_hyphens=False)
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return lines


class UniqueNames:
    """Names made unique by a suffix, `-2`, `-3`, ... in the order asked:
    the same answers as trying each number in turn, but each base
    remembers where its numbers stopped, so 10,000 clashing names take
    linear time, not quadratic."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken: set[str] = set(taken)
        self._next: dict[str, int] = {}

    def make(self, base: str) -> str:
        name = base
        if name in self.taken:
            number = self._next.get(base, 2)
            name = f"{base}-{number}"
            while name in self.taken:
                number += 1
                name = f"{base}-{number}"
            self._next[base] = number + 1
        self.taken.add(name)
        return name
