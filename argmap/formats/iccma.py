"""Abstract argumentation frameworks in the formats the ICCMA solvers read.

* ASPARTIX ``.apx``: facts ``arg(a).`` and ``att(a,b).``, any number a line;
  ``%`` starts a comment.
* Trivial Graph Format ``.tgf``: one argument a line (an id, then an
  optional label), a line ``#``, then one ``attacker attacked`` pair a line.
* ICCMA 2023 ``.af``: a line ``p af N``, then one ``i j`` pair a line with
  1 <= i, j <= N; lines starting with ``#`` are comments.

Every reader is a pure function of the text and the file name, and fails on
the first bad line with an :class:`InputError` that names ``file:line:col``.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable
from pathlib import Path

from argmap.errors import InputError
from argmap.evaluate import Framework
from argmap.gc_pause import gc_paused
from argmap.model import SourceSpan

__all__ = ["READERS", "is_framework_file", "parse_af", "parse_apx", "parse_tgf", "read_framework"]


def _error(message: str, file: str, line: int, column: int = 1) -> InputError:
    return InputError(message, SourceSpan(file, line, column))


# -- .apx ------------------------------------------------------------------------

_NAME = r'"[^"\n]*"|[^\s(),."%]+'
_FACT = re.compile(rf"\s*(?P<pred>[A-Za-z_]\w*)\s*\(\s*(?P<a>{_NAME})\s*(?:,\s*(?P<b>{_NAME})\s*)?\)\s*\.")
_ARITY = {"arg": 1, "att": 2}


def _unquote(name: str) -> str:
    return name[1:-1] if name.startswith('"') else name


def parse_apx(text: str, file: str = "<apx>") -> Framework:
    arguments: dict[str, None] = {}
    attacks: list[tuple[str, str, int, int]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("%", 1)[0] if "%" in raw else raw
        position = 0
        while position < len(line):
            if not line[position:].strip():
                break
            match = _FACT.match(line, position)
            if match is None:
                column = position + len(line[position:]) - len(line[position:].lstrip()) + 1
                found = line[position:].strip()[:30]
                raise _error(f"expected arg(x). or att(x,y). but found {found!r}", file, number, column)
            predicate, a, b = match["pred"], match["a"], match["b"]
            column = match.start("pred") + 1
            arity = 1 if b is None else 2
            if _ARITY.get(predicate) != arity:
                raise _error(
                    f"unknown fact {predicate}/{arity}: expected arg/1 or att/2", file, number, column
                )
            if b is None:
                arguments[_unquote(a)] = None
            else:
                attacks.append((_unquote(a), _unquote(b), number, column))
            position = match.end()
    for a, b, number, column in attacks:
        for name in (a, b):
            if name not in arguments:
                raise _error(
                    f"att({a},{b}): argument {name!r} is not declared with arg({name}).", file, number, column
                )
    return Framework.from_attacks(arguments, ((a, b) for a, b, _, _ in attacks))


# -- .tgf ------------------------------------------------------------------------


def parse_tgf(text: str, file: str = "<tgf>") -> Framework:
    arguments: dict[str, None] = {}
    attacks: list[tuple[str, str]] = []
    in_edges = False
    for number, line in enumerate(text.splitlines(), 1):
        words = line.split()
        if not words:
            continue
        if words[0] == "#" and len(words) == 1:
            if in_edges:
                raise _error("a second '#' line: TGF has one, between arguments and attacks", file, number)
            in_edges = True
            continue
        if not in_edges:
            arguments[words[0]] = None
            continue
        if len(words) < 2:
            raise _error(f"expected an attack 'attacker attacked' but found {line.strip()!r}", file, number)
        for word in words[:2]:
            if word not in arguments:
                column = line.index(word) + 1
                raise _error(f"argument {word!r} is not listed before the '#' line", file, number, column)
        attacks.append((words[0], words[1]))
    return Framework.from_attacks(arguments, attacks)


# -- .af (ICCMA 2023) ------------------------------------------------------------


def parse_af(text: str, file: str = "<af>") -> Framework:
    with gc_paused():
        fast = _parse_af_fast(text)
        return fast if fast is not None else _parse_af_lines(text, file)


def _indexed(count: int, sources: list[int], targets: list[int]) -> Framework:
    """Arguments "1".."count"; 1-based numbers become 0-based indices."""
    one = itertools.repeat(1)
    pairs = tuple(zip(map(operator.sub, sources, one), map(operator.sub, targets, one), strict=True))
    return Framework(tuple(map(str, range(1, count + 1))), pairs, count)


_AF_HEADER = re.compile(r"[ \t]*p[ \t]+af[ \t]+([0-9]+)[ \t]*(?:\r?\n|\Z)")


def _parse_af_fast(text: str) -> Framework | None:
    """The common case (no comments or blank lines, well formed) at C speed:
    newlines become ';' words, so a good body splits into `i j ;` triples.
    None when anything is off, and the line-by-line reader says what."""
    header = _AF_HEADER.match(text)
    if header is None or not text.isascii():
        return None
    body = text[header.end() :]
    if body.encode("ascii").translate(None, b"0123456789 \t\r\n"):
        return None
    words = body.replace("\n", " ; ").split()
    if words and words[-1] != ";":
        words.append(";")
    if len(words) % 3 or words.count(";") != len(words) // 3 or words[2::3].count(";") != len(words) // 3:
        return None
    count = int(header[1])
    sources = list(map(int, words[0::3]))
    targets = list(map(int, words[1::3]))
    if sources and (min(sources) < 1 or min(targets) < 1 or max(sources) > count or max(targets) > count):
        return None
    return _indexed(count, sources, targets)


def _parse_af_lines(text: str, file: str) -> Framework:
    count: int | None = None
    sources: list[int] = []
    targets: list[int] = []
    for number, line in enumerate(text.splitlines(), 1):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        column = line.index(words[0]) + 1
        if count is None:
            if len(words) != 3 or words[:2] != ["p", "af"] or not _natural(words[2]):
                raise _error(f"expected the header 'p af N' but found {line.strip()!r}", file, number, column)
            count = int(words[2])
            continue
        if words[0] == "p":
            raise _error("a second 'p af' header", file, number, column)
        if len(words) != 2:
            raise _error(f"expected an attack 'i j' but found {line.strip()!r}", file, number, column)
        for word in words:
            if not _natural(word) or not 1 <= int(word) <= count:
                column = line.index(word) + 1
                raise _error(f"argument {word!r} is not a number from 1 to {count}", file, number, column)
        sources.append(int(words[0]))
        targets.append(int(words[1]))
    if count is None:
        raise _error("no 'p af N' header", file, 1)
    return _indexed(count, sources, targets)


def _natural(word: str) -> bool:
    return word.isascii() and word.isdigit()


# -- files -----------------------------------------------------------------------

READERS: dict[str, Callable[[str, str], Framework]] = {".apx": parse_apx, ".tgf": parse_tgf, ".af": parse_af}


def is_framework_file(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read_framework(path: Path) -> Framework:
    """Read an .apx, .tgf or .af file (the suffix names the format)."""
    from argmap.loader import read_text

    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(f"{path}: not a framework file (expected {', '.join(sorted(READERS))})")
    return reader(read_text(path, "framework"), str(path))
