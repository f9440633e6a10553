"""A tree of labelled branches as plain text, without rich: what `argmap
show` writes to a pipe. render/tree_lines.py lays the same tree out with
rich's segments and styles (for a terminal, in colour) and takes its plain
labels from here; a label this module cannot wrap by itself (wide or
combining characters, a line break, a tab, no room beside its guides) is
laid out there, with rich imported only then. tests/test_tree_lines.py holds
the two to the same text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

# A line of the tree: pieces of text, each with its rich style ("" for none).
StyledText = list[tuple[str, str]]


@dataclass
class Branch:
    """A line of the tree and the branches under it, in order."""

    label: StyledText
    children: list[Branch] = field(default_factory=list)

    def add(self, label: StyledText) -> Branch:
        child = Branch(label)
        self.children.append(child)
        return child


# Guide pieces by kind, as rich's Tree draws them (and in ASCII where the
# output's encoding cannot carry box-drawing characters).
_SPACE, _CONTINUE, _FORK, _END = range(4)
_GUIDES = ("    ", "\u2502   ", "\u251c\u2500\u2500 ", "\u2514\u2500\u2500 ")
_ASCII_GUIDES = ("    ", "|   ", "+-- ", "`-- ")
_GUIDE_WIDTH = 4
_NON_SPACE = re.compile(r"\S")
# The end of a word and the spaces after it.
_WORD_END = re.compile(r"\S*\s*")


def walk(top: Branch) -> Iterator[tuple[StyledText, list[int]]]:
    """Each label with the kinds of guide before it."""
    yield top.label, []
    # Depth first with an explicit stack (maps can be deep): the
    # children of a branch, the next one's index, and the guides above them.
    stack: list[tuple[list[Branch], int, list[int]]] = [(top.children, 0, [])]
    while stack:
        children, index, above = stack.pop()
        if index == len(children):
            continue
        stack.append((children, index + 1, above))
        child, last = children[index], index == len(children) - 1
        yield child.label, [*above, _END if last else _FORK]
        if child.children:
            stack.append((child.children, 0, [*above, _SPACE if last else _CONTINUE]))


class PlainText:
    """Labels of one-cell characters under their guides as plain text,
    wrapped where rich wraps them (`ascii_lines`)."""

    def __init__(self, width: int, shapes: tuple[str, ...]) -> None:
        self.width = width
        self.shapes = shapes
        self.guide_texts: dict[tuple[int, ...], tuple[str, str]] = {}

    def label(self, label: StyledText, kinds: list[int]) -> str | None:
        """The label's lines, each ending in a line feed; None when rich must
        lay it out."""
        text = "".join([piece for piece, _ in label])
        room = self.width - _GUIDE_WIDTH * len(kinds)
        if not (room > 0 and text.isascii() and text.isprintable()):
            return None
        first, below = self.guide_text(kinds)
        if len(text) <= room:
            return f"{first}{text}\n"
        return "".join(
            [
                f"{first if number == 0 else below}{text[start:end]}\n"
                for number, (start, end) in enumerate(ascii_lines(text, room))
            ]
        )

    def guide_text(self, kinds: list[int]) -> tuple[str, str]:
        """The guides before a label's first line and before the lines under it."""
        key = tuple(kinds)
        if key not in self.guide_texts:
            first = "".join(self.shapes[kind] for kind in kinds)
            if kinds:
                # Under a branch's first line its own guide goes on (or stops, for the last).
                below = first[:-_GUIDE_WIDTH] + self.shapes[_SPACE if kinds[-1] == _END else _CONTINUE]
            else:
                below = ""
            self.guide_texts[key] = first, below
        return self.guide_texts[key]


# Labels joined into one write: few calls into the stream, no whole copy of the text.
_CHUNK = 1000


# A label's lines as rich lays them out (tree_lines.label_lines, at the width
# and guides of the call), for the labels PlainText leaves to rich.
RichLabel = Callable[[StyledText, list[int]], str]


def write_plain(
    top: Branch,
    width: int,
    write: Callable[[str], object],
    rich_label: RichLabel,
    *,
    ascii_only: bool = False,
) -> None:
    """The tree as plain text, as rich prints `TreeLines` with no colours
    at `width` (ASCII guides where the stream cannot carry box drawing),
    with no line ending in spaces (as `show` writes to a pipe), passed to
    `write` a chunk of lines at a time; `rich_label` lays out the labels
    this module cannot."""
    plain = PlainText(width, _ASCII_GUIDES if ascii_only else _GUIDES)
    chunk: list[str] = []
    for label, kinds in walk(top):
        text = plain.label(label, kinds)
        chunk.append(rich_label(label, kinds) if text is None else text)
        if len(chunk) == _CHUNK:
            write(_without_trailing_spaces("".join(chunk)))
            chunk = []
    write(_without_trailing_spaces("".join(chunk)))


def _without_trailing_spaces(text: str) -> str:
    if " \n" not in text:  # nearly always: labels end in words
        return text
    return "\n".join([line.rstrip(" ") for line in text.split("\n")])


def ascii_lines(text: str, width: int) -> list[tuple[int, int]]:
    """Where rich wraps a line of one-cell characters at `width` (its
    divide_line, then each line's trailing spaces and overflow cut as
    Text.wrap cuts them): (start, end) of each line.

    rich's words are runs of spaces, non-spaces, spaces; a word goes on the
    line if its non-spaces end within the width, else it starts the next
    line, and a word longer than a line is cut in pieces of the width. Found
    here a line at a time, from the character just past the width."""
    breaks: list[int] = []
    start, filled = 0, len(text.rstrip())
    # The first word holds the spaces before it.
    first = len(text) - len(text.lstrip())
    while start + width < filled:
        limit = start + width
        if limit < first:
            cut = 0
        elif text[limit] == " ":
            word = _NON_SPACE.search(text, limit)
            assert word is not None  # (non-spaces follow: filled > limit)
            cut = word.start()
        else:
            cut = text.rfind(" ", 0, limit) + 1
            cut = 0 if cut <= first else cut
        if cut > start:
            breaks.append(cut)
            start = cut
            continue
        # A word longer than the width starts this line: pieces of the width.
        after = _WORD_END.search(text, max(limit, first))
        pieces = range(start, after.end() if after else len(text), width)
        breaks += pieces[1:]
        start = pieces[-1]
    lines = []
    for start, end in zip([0, *breaks], [*breaks, len(text)], strict=True):
        if end - start > width:
            spaces = end - start - len(text[start:end].rstrip())
            end -= min(spaces, end - start - width)
        lines.append((start, min(end, start + width)))
    return lines
