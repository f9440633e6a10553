"""User text as DOT labels: the one way a claim's words, a side's name or a
title reach the DOT. Wrapped, and escaped as HTML-like label text (an
`HtmlLabel`), which escapes cleanly: `<`, `>`, `&` and quotes become
entities, backslashes a numeric entity (Graphviz folds `\\\\` even in HTML
labels), brackets need nothing. Labels are wrapped without textwrap on the
fast path: a 10,000-claim map has 10,000 of them.
"""

from __future__ import annotations

import textwrap

from argmap.model import Claim
from argmap.render.dot.syntax import HtmlLabel
from argmap.render.themes import LIGHT
from argmap.text import escape_controls, fill_words

__all__ = ["label", "label_wrap", "num", "shorten", "shown_text", "small_font"]


def num(value: float) -> str:
    """A number as DOT wants it: 11.0 -> "11", 1.4 -> "1.4"."""
    return f"{value:g}"


# `&` first, so the other entities are not escaped again.
_HTML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\\", "&#92;"))


def small_font(size: float, colour: str) -> str:
    """The start of the small line under a claim's text (its id, status)."""
    return f'<BR/><FONT POINT-SIZE="{num(size)}" COLOR="{colour}">'


_ID_FONT = small_font(LIGHT.id_size, LIGHT.id_colour)


def label(
    text: str,
    wrap: int,
    *,
    small: str | None = None,
    size: str | None = None,
    struck: bool = False,
    small_start: str = _ID_FONT,
) -> HtmlLabel:
    """The one way user text becomes a label: wrapped at `wrap` characters
    (0 or less: not wrapped; line breaks the user wrote are kept), escaped,
    with `small` (an id) in small type under it, started by `small_start`
    (a `small_font`); `struck` draws a line through the text (a rejected
    claim)."""
    if text.isprintable():
        # Nearly all text: no line breaks, no whitespace but spaces, nothing
        # XML cannot carry (all are non-printable).
        lines = (fill_words(text, wrap) or [""]) if wrap > 0 else [text]
    else:
        lines = []
        for paragraph in escape_controls(text).splitlines() or [""]:
            if wrap > 0:
                lines.extend(textwrap.wrap(paragraph, wrap, break_on_hyphens=False) or [""])
            else:
                lines.append(paragraph)
    # Lines hold no line feeds: escape them all at once, then turn the
    # joins into breaks.
    body = _escape("\n".join(lines)).replace("\n", "<BR/>") if len(lines) > 1 else _escape(lines[0])
    if struck:
        body = f"<S>{body}</S>"
    if size is not None:
        body = f'<FONT POINT-SIZE="{size}">{body}</FONT>'
    if small is not None:
        body = f"{body}{small_start}{_html(small)}</FONT>"
    return HtmlLabel(f"<{body}>")


def _html(text: str) -> str:
    if not text.isprintable():
        text = escape_controls(text)
    return _escape(text)


def _escape(text: str) -> str:
    """Text XML can carry, as HTML-label text. A substring test per
    character is cheaper than str.translate, which works a character at a
    time, on text that mostly has none of them."""
    for char, entity in _HTML_ESCAPES:
        if char in text:
            text = text.replace(char, entity)
    return text


def shown_text(claim: Claim, short: bool, max_words: int | None) -> str:
    """The words a diagram shows for a claim: its `label` when `short` and it
    has one, else its text, shortened to at most `max_words` words."""
    if short and claim.label:
        return claim.label
    text = claim.text
    if max_words is None or text.count(" ") < max_words:
        return text
    words = text.split()
    return text if len(words) <= max_words else shorten(words, max_words)


# A word ending one of these ends a clause: a good place to stop.
_CLAUSE_ENDS = (".", "!", "?", ";", ":", ",", "—", "–")


# Words a shortened text should not end on ("… as a…").
_GLUE = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "and",
        "or",
        "but",
        "nor",
        "that",
        "which",
        "who",
        "than",
        "like",
    ]
)


def shorten(words: list[str], max_words: int) -> str:
    """At most `max_words` of `words`, and an ellipsis: before a parenthesis
    they open and do not close, then up to the last end of a clause or an
    aside when that keeps at least half, else at the last word that is not
    a little word like "the"; never inside a word. The ellipsis replaces
    the punctuation it follows, so "so, …" reads "so…"."""
    kept = words[:max_words]
    least = (max_words + 1) // 2
    aside = _open_aside(kept)
    if aside is not None and aside >= least:
        kept = kept[:aside]  # not "(economic stagnation…", left open
    for end in range(len(kept), least - 1, -1):
        # The end of a clause or of an aside, not inside one ("(China, …").
        if kept[end - 1].endswith((*_CLAUSE_ENDS, ")")) and _open_aside(kept[:end]) is None:
            kept = kept[:end]
            break
    else:
        # No clause ends here: at least end on a word that carries meaning.
        while len(kept) > least and kept[-1].lower() in _GLUE:
            kept.pop()
    return " ".join(kept).rstrip("".join(_CLAUSE_ENDS) + " ") + "\u2026"


def _open_aside(words: list[str]) -> int | None:
    """Where the last parenthesis that `words` open and do not close starts."""
    start = None
    for index, word in enumerate(words):
        if word.startswith("("):
            start = index
        if ")" in word:
            start = None
    return start


def label_wrap(claim: Claim, short: bool, wrap: int) -> int:
    """Where a claim's text wraps: its short `label`, shown by `short`, is a
    title and stays on one line up to twice `wrap` characters."""
    if short and claim.label and len(claim.label) <= 2 * wrap:
        return 0
    return wrap
