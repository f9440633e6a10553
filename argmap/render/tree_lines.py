"""A tree of labelled branches laid out for the terminal (render/tree.py
builds a map's): guide lines, then each label, wrapped at the width left
beside its guides.

The layout is rich's Tree's, written out directly: rich's Tree measures and
re-wraps every label through its whole layout engine, which made `argmap
show` of 10,000 claims take seconds. Here a label of one-cell characters
(ASCII) is wrapped by `ascii_lines`, which breaks where rich breaks; one that
fits its line becomes its segments at once; any other (wide or combining
characters, a line break, a tab) is wrapped by rich itself. The output is
rich segments and styles: a Console decides colours (none to a pipe,
NO_COLOR) and writes the escapes. tests/test_tree_lines.py compares it
with rich's Tree byte for byte.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

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
_NEW_LINE = Segment.line()
_NON_SPACE = re.compile(r"\S")
# The end of a word and the spaces after it.
_WORD_END = re.compile(r"\S*\s*")


class TreeLines:
    """A rich renderable: the lines of a tree, guides dimmed."""

    def __init__(self, top: Branch) -> None:
        self.top = top

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        writer = _Writer(console, options)
        if console.color_system is not None:
            for label, kinds in self.walk():
                yield from writer.lines(label, kinds)
        else:
            # No colours (a pipe, NO_COLOR): styles print nothing, so the text
            # is all there is, in one segment.
            yield Segment("".join(writer.plain(label, kinds) for label, kinds in self.walk()))

    def walk(self) -> Iterator[tuple[StyledText, list[int]]]:
        """Each label with the kinds of guide before it."""
        yield self.top.label, []
        # Depth first with an explicit stack (maps can be deep): the
        # children of a branch, the next one's index, and the guides above them.
        stack: list[tuple[list[Branch], int, list[int]]] = [(self.top.children, 0, [])]
        while stack:
            children, index, above = stack.pop()
            if index == len(children):
                continue
            stack.append((children, index + 1, above))
            child, last = children[index], index == len(children) - 1
            yield child.label, [*above, _END if last else _FORK]
            if child.children:
                stack.append((child.children, 0, [*above, _SPACE if last else _CONTINUE]))


class _Writer:
    """Segments of one label's lines under the guides given."""

    def __init__(self, console: Console, options: ConsoleOptions) -> None:
        self.console = console
        self.options = options
        self.width = options.max_width
        self.shapes = shapes = _ASCII_GUIDES if options.ascii_only else _GUIDES
        # rich's Tree: the guide style, with bold and double underline taken
        # off (they would pick heavier guide characters).
        style = console.get_style("dim") + Style(bold=False, underline2=False)
        self.guides = [Segment(shape, style) for shape in shapes]
        self.styles: dict[str, Style | None] = {"": None}
        self.guide_texts: dict[tuple[int, ...], tuple[str, str]] = {}

    def style(self, name: str) -> Style | None:
        if name not in self.styles:
            self.styles[name] = self.console.get_style(name)
        return self.styles[name]

    def lines(self, label: StyledText, kinds: list[int]) -> Iterator[Segment]:
        room = self.width - _GUIDE_WIDTH * len(kinds)
        plain = "".join(text for text, _ in label)
        prefix = [self.guides[kind] for kind in kinds]
        if room > 0 and plain.isascii() and plain.isprintable():
            # One cell a character: wrapped here, as rich would wrap it.
            lines = [self.cut(label, start, end) for start, end in ascii_lines(plain, room)]
        elif room > 0 and "\n" not in plain and "\t" not in plain and cell_len(plain) <= room:
            lines = [self.cut(label, 0, len(plain))]
        else:
            lines = self.wrapped(label, room)
        for number, line in enumerate(lines):
            if number == 1 and prefix:
                # Under a branch's first line its own guide goes on (or stops, for the last).
                prefix[-1] = self.guides[_SPACE if kinds[-1] == _END else _CONTINUE]
            whole = [*prefix, *line]
            if room <= 0 and Segment.get_line_length(whole) > self.width:
                whole = Segment.adjust_line_length(whole, self.width, pad=False)
            yield from whole
            yield _NEW_LINE

    def plain(self, label: StyledText, kinds: list[int]) -> str:
        """The lines of a label under its guides, as text without styles."""
        text = "".join([piece for piece, _ in label])
        room = self.width - _GUIDE_WIDTH * len(kinds)
        if not (room > 0 and text.isascii() and text.isprintable()):
            return "".join(segment.text for segment in self.lines(label, kinds))
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

    def cut(self, label: StyledText, start: int, end: int) -> list[Segment]:
        """The segments of characters start to end of a label."""
        if start == 0 and end == sum(len(text) for text, _ in label):
            return [Segment(text, self.style(name)) for text, name in label if text]
        segments: list[Segment] = []
        offset = 0
        for text, name in label:
            low, high = max(start, offset), min(end, offset + len(text))
            if low < high:
                segments.append(Segment(text[low - offset : high - offset], self.style(name)))
            offset += len(text)
        return segments

    def wrapped(self, label: StyledText, room: int) -> list[list[Segment]]:
        text = Text()
        for piece, name in label:
            text.append(piece, style=name or None)
        return self.console.render_lines(
            text, self.options.update(width=room, highlight=False, height=None), pad=False
        )


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


def plain_lines(top: Branch, width: int = 100) -> str:
    """The tree as plain text, as printed to a pipe."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, no_color=True, color_system=None, markup=False).print(
        TreeLines(top), crop=False
    )
    return buffer.getvalue()
