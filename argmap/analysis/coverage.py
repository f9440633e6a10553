"""How much of a source text the maps quote, sentence by sentence.

Someone mapping a text wants to know what they left out. The text is split
into sentences; a sentence counts as covered when some claim's quote
overlaps it, in whole or in part. A quote is placed at its first occurrence
in the text (as the quote check finds it), so a short phrase that recurs
covers only its first sentence: this errs towards reporting a sentence as
missed rather than covering it by accident.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from argmap.model import ArgumentMap
from argmap.text import SearchableText


class Sentence(NamedTuple):
    number: int  # 1-based, in text order
    start: int  # [start, end) offsets in the text
    end: int
    line: int  # 1-based
    column: int  # 1-based, in characters
    text: str


class QuotingClaim(NamedTuple):
    file: str
    id: str


@dataclass(frozen=True, slots=True)
class Coverage:
    source: str
    maps: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    quoted_by: tuple[tuple[QuotingClaim, ...], ...]  # parallel to `sentences`
    quotes_found: int
    quotes_elsewhere: int  # quotes not in this text (another source, or wrong)

    @property
    def covered(self) -> int:
        return sum(1 for claims in self.quoted_by if claims)

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / len(self.sentences) if self.sentences else 100.0

    def uncovered(self) -> list[Sentence]:
        return [s for s, claims in zip(self.sentences, self.quoted_by, strict=True) if not claims]


# Words that end with a full stop without ending a sentence. Single letters
# (initials, "p.") are handled apart.
ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "cf",
        "vs",
        "al",
        "approx",
        "ca",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "gen",
        "col",
        "lt",
        "capt",
        "sgt",
        "no",
        "nos",
        "vol",
        "vols",
        "pp",
        "ch",
        "fig",
        "eq",
        "ed",
        "eds",
        "trans",
        "rev",
        "est",
        "dept",
        "univ",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "u.s.s.r",
    ]
)
# A sentence ends at . ! ? or an ellipsis, with any closing quotes or
# brackets, when whitespace and then a plausible sentence opening follow.
# Chinese and Japanese full stops end a sentence with no space after them.
_END = re.compile(
    r"[.!?\u2026]+[\"'\u2019\u201d)\]]*(?=\s+[\"'\u2018\u201c(\[]*[\w\u00bf\u00a1])"
    r"|[\u3002\uff01\uff1f]+[\u300d\u300f\u201d\uff09)]*"
)
_CLOSING_MARKS = "\"'\u2019\u201d)]"
_OPENERS = "\"'\u2018\u201c([\u00bf\u00a1"
_WORD_BEFORE = re.compile(r"([\w.]+)[.]$")
_ABBREVIATION_WINDOW = 80  # longer than any abbreviation and its closing marks
_HEADING_MAX = 60  # a line this short with no end mark may be a heading
_CLOSERS = ".!?:\u2026\"'\u2019\u201d)"


def split_sentences(text: str) -> list[Sentence]:
    """Sentences in text order, each stripped of surrounding whitespace.

    Paragraphs end at blank lines, and at a line break after a line that
    ends a sentence or is short enough to be a heading; other line breaks
    (hard-wrapped prose) run on. Within a paragraph a sentence ends at
    . ! ? or an ellipsis followed by whitespace and a word, except after a
    known abbreviation or an initial."""
    pieces: list[tuple[int, int]] = []
    for block_start, block_end in _paragraphs(text):
        start = block_start
        for match in _END.finditer(text, block_start, block_end):
            following = text[match.end() : match.end() + 8].lstrip().lstrip(_OPENERS)
            # Only the end of the candidate can hold the abbreviation: a
            # window, not the whole run since `start` (thousands of "Mr. "
            # in a row made that quadratic).
            tail = text[max(start, match.end() - _ABBREVIATION_WINDOW) : match.end()]
            if following[:1].islower() or _is_abbreviation(tail):
                continue
            pieces.append((start, match.end()))
            start = match.end()
        pieces.append((start, block_end))
    sentences: list[Sentence] = []
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    for start, end in pieces:
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped or not any(ch.isalnum() for ch in stripped):
            continue
        start += len(chunk) - len(chunk.lstrip())
        end = start + len(stripped)
        line = bisect.bisect_right(line_starts, start)
        column = start - line_starts[line - 1] + 1
        sentences.append(Sentence(len(sentences) + 1, start, end, line, column, " ".join(stripped.split())))
    return sentences


def _paragraphs(text: str) -> list[tuple[int, int]]:
    lines = text.splitlines(keepends=True)
    # Hard-wrapped lines run close to the wrap width; a heading is well short of it.
    wrap_width = max((len(line.strip()) for line in lines), default=0)
    heading_max = min(_HEADING_MAX, int(0.6 * wrap_width))

    def heading(body: str) -> bool:
        return bool(body) and body[-1] not in _CLOSERS and len(body) <= heading_max and not body[0].islower()

    blocks: list[tuple[int, int]] = []
    start = offset = 0
    for number, line in enumerate(lines):
        offset += len(line)
        body = line.strip()
        following = lines[number + 1].strip() if number + 1 < len(lines) else ""
        if not body or body[-1] in _CLOSERS or heading(body) or heading(following):
            blocks.append((start, offset))
            start = offset
    if start < len(text):
        blocks.append((start, len(text)))
    return blocks


def _is_abbreviation(sentence: str) -> bool:
    """Whether the full stop ending this candidate sentence is an abbreviation's."""
    match = _WORD_BEFORE.search(sentence.rstrip(_CLOSING_MARKS))
    if match is None:
        return False
    word = match.group(1).lower()
    return (len(word) == 1 and word.isalpha()) or word in ABBREVIATIONS


def measure(source: str, text: str, maps: Iterable[ArgumentMap]) -> Coverage:
    """Which sentences of `text` (the file `source`) the maps' quotes cover."""
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    quoted_by: list[list[QuotingClaim]] = [[] for _ in sentences]
    searchable = SearchableText(text)
    found = elsewhere = 0
    map_files: list[str] = []
    for amap in maps:
        map_files.append(amap.file)
        for claim in amap.claims:
            for cited in claim.all_sources():
                if cited.quote is None:
                    continue
                place = searchable.find(cited.quote)
                if place is None:
                    elsewhere += 1
                    continue
                found += 1
                quoter = QuotingClaim(amap.file, claim.id)
                first = max(bisect.bisect_right(starts, place[0]) - 1, 0)
                for i in range(first, len(sentences)):
                    sentence = sentences[i]
                    if sentence.start >= place[1]:
                        break
                    if sentence.end > place[0] and quoter not in quoted_by[i]:
                        quoted_by[i].append(quoter)
    return Coverage(
        source=source,
        maps=tuple(map_files),
        sentences=tuple(sentences),
        quoted_by=tuple(tuple(claims) for claims in quoted_by),
        quotes_found=found,
        quotes_elsewhere=elsewhere,
    )
