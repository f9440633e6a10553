"""Finding a claim's quote in its source text.

A quote counts as verbatim when it matches the source after folding runs of
whitespace to one space and curly quote marks to straight ones: a map's
author copies from a rendered page, where line breaks and typographic
quotes are not what they typed.
"""

from __future__ import annotations

import re

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
