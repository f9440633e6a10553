"""What every reader and writer of a map format looks like.

A format module (argmap/formats/<name>.py), or a class in one, is a Reader,
a Writer or both, and a Sniffer when it shares a suffix with another format:

    def read(text: str, file: str) -> LoadResult      # text in, map + diagnostics out
    def write(amap: ArgumentMap) -> Written            # map in, text + what was lost out
    def sniff(text: str) -> bool                       # is this text in my format?

A reader never drops anything silently: what it cannot carry into the map
is a warning Diagnostic pointing into the input (line and column where the
format has them). A writer reports what the target format cannot hold as
Losses, one per kind, with a count; `convert` prints them and fails on
them with --strict.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple, Protocol, runtime_checkable

from argmap.errors import Diagnostic
from argmap.model import ArgumentMap, Claim, Relation, RelationType
from argmap.text import UNSAFE_CHARACTERS, escape_controls


class Loss(NamedTuple):
    """Something a writer could not carry: `kind` is a short slug
    ("undercut", "weight", "note"), `times` how many, `message` what was
    done instead ("written as attacks on the premise")."""

    kind: str
    times: int  # not `count`: that is a tuple method
    message: str

    def __str__(self) -> str:
        return f"{self.times} {self.kind}: {self.message}"


class Written(NamedTuple):
    text: str
    losses: tuple[Loss, ...] = ()


def without_controls(written: Written, replacement: str | None = None) -> Written:
    """`written` with the characters no terminal should get raw (C0 and C1
    controls, lone surrogates, non-characters) made harmless, for formats
    that have no escape for them: shown as visible escapes (`\\x1b`), or as
    `replacement`; each counted as a loss."""
    count = len(UNSAFE_CHARACTERS.findall(written.text))
    if not count:
        return written
    text = (
        escape_controls(written.text)
        if replacement is None
        else UNSAFE_CHARACTERS.sub(replacement, written.text)
    )
    shown = "visible escapes such as \\x1b" if replacement is None else f"U+{ord(replacement):04X}"
    loss = Loss("character", count, f"control characters the format cannot hold were written as {shown}")
    return Written(text, (*written.losses, loss))


class LossCounter:
    """Collect losses while writing: `lost("weight", "dropped")` once per
    occurrence; `losses()` gives one Loss per kind, in first-seen order."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()
        self._messages: dict[str, str] = {}

    def lost(self, kind: str, message: str, count: int = 1) -> None:
        if count <= 0:
            return
        self._counts[kind] += count
        self._messages.setdefault(kind, message)

    def losses(self) -> tuple[Loss, ...]:
        return tuple(Loss(kind, self._counts[kind], message) for kind, message in self._messages.items())


@dataclass(frozen=True, slots=True)
class LoadResult:
    map: ArgumentMap
    diagnostics: list[Diagnostic]
    # For a map read without positions (the fast YAML path): the same text
    # read again with them, diagnostics and all. `check_loaded` calls it when
    # a check finds a problem, so that every diagnostic points into the file.
    reread: Callable[[], LoadResult] | None = None
    # Claim ids named by relations the reader dropped with an error: the
    # checks cannot call those claims connected to nothing.
    unread_ends: frozenset[str] = frozenset()


# Runtime-checkable: the registry imports a format by name and checks that
# what it found is what its row promises.
@runtime_checkable
class Reader(Protocol):
    """Reads a map: text in, the map and what could not be read as diagnostics out."""

    def read(self, text: str, file: str, /) -> LoadResult: ...


@runtime_checkable
class Writer(Protocol):
    """Writes a map: the text, and what the format cannot hold as losses."""

    def write(self, amap: ArgumentMap, /) -> Written: ...


@runtime_checkable
class Sniffer(Protocol):
    """Tells a text in its format from another format's with the same suffix."""

    def sniff(self, text: str, /) -> bool: ...


class Codec(Reader, Writer, Sniffer, Protocol):
    """A format that reads, writes and sniffs (the foreign JSON and text formats)."""


def canonical_relation_order(
    claims: list[Claim] | tuple[Claim, ...], relations: list[Relation]
) -> list[Relation]:
    """Relations ordered by their source claim's place in the map, then target.

    The order depends on the graph alone, not on where in the tree an edge was
    written, so the graph form round-trips through the tree form unchanged.
    """
    # Each id's first place: built last to first, so the first place is the one kept.
    ids = [claim.id for claim in claims]
    position = dict(zip(reversed(ids), range(len(ids) - 1, -1, -1), strict=True))
    unknown = len(position)
    type_rank = {RelationType.SUPPORT: 0, RelationType.ATTACK: 1, RelationType.UNDERCUT: 2}

    at = position.get

    # Flat tuples, fields by index: the key runs once per relation (10,000
    # relations: 10 -> 6 ms).
    def key(relation: Relation) -> tuple[int, int, int, str, int, str]:
        type_ = relation[3]
        if type_ is RelationType.UNDERCUT:
            return (at(relation[1], unknown), 1, 0, relation[2], 2, relation[0])
        return (
            at(relation[1], unknown),
            0,
            at(relation[2], unknown),
            relation[2],
            type_rank[type_],
            relation[0],
        )

    return sorted(relations, key=key)
