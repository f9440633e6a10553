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
with rich's Tree byte for byte. Where no colour can be wanted (`show` to a
pipe) render/tree_text.py writes the same text without rich.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from argmap.render.tree_text import (
    _ASCII_GUIDES,
    _CONTINUE,
    _END,
    _GUIDE_WIDTH,
    _GUIDES,
    _SPACE,
    Branch,
    PlainText,
    StyledText,
    ascii_lines,
    walk,
)

__all__ = ["Branch", "StyledText", "TreeLines", "ascii_lines", "label_lines", "plain_lines"]


_NEW_LINE = Segment.line()


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
        return walk(self.top)


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
        self.plain_text = PlainText(self.width, shapes)

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
        text = self.plain_text.label(label, kinds)
        if text is None:
            return "".join(segment.text for segment in self.lines(label, kinds))
        return text

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


def label_lines(label: StyledText, kinds: list[int], width: int, ascii_only: bool) -> str:
    """One label's lines under its guides as rich lays them out with no
    colours: for the plain writer (tree_text.py), the labels it leaves to rich."""
    console = Console(file=io.StringIO(), width=width, no_color=True, color_system=None, markup=False)
    options = console.options.copy()
    options.encoding = "ascii" if ascii_only else "utf-8"  # rich's ascii_only reads it
    return "".join(segment.text for segment in _Writer(console, options).lines(label, kinds))


def plain_lines(top: Branch, width: int = 100) -> str:
    """The tree as plain text, as printed to a pipe."""
    buffer = io.StringIO()
    Console(file=buffer, width=width, no_color=True, color_system=None, markup=False).print(
        TreeLines(top), crop=False
    )
    return buffer.getvalue()
