"""ICCMA framework files (see the package docstring) <-> Frameworks.

Every reader is a pure function of the text and the file name, and fails on
the first bad line with an :class:`InputError` that names ``file:line:col``.
The ``list_*`` readers also say where each argument and attack was written
and what a map reader would drop (for argmap.formats.iccma.maps); the
``*_text`` writers write a framework whose arguments have been named.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from argmap.errors import Diagnostic, InputError, Severity
from argmap.formats.framework import Framework
from argmap.io.gc_pause import gc_paused
from argmap.io.suffixes import by_suffix
from argmap.model import SourceSpan

__all__ = [
    "READERS",
    "Listing",
    "af_text",
    "apx_text",
    "is_framework_file",
    "list_af",
    "list_apx",
    "list_tgf",
    "parse_af",
    "parse_apx",
    "parse_tgf",
    "read_framework",
    "tgf_label",
    "tgf_text",
]


def _error(message: str, file: str, line: int, column: int = 1) -> InputError:
    return InputError(message, SourceSpan(file, line, column))


def _dropped(file: str, line: int, column: int, message: str, check_id: str) -> Diagnostic:
    return Diagnostic(SourceSpan(file, line, column), Severity.WARNING, check_id, message)


def _comments_dropped(places: list[tuple[int, int]], file: str) -> list[Diagnostic]:
    """One warning for all the comments a map cannot keep, at the first."""
    if not places:
        return []
    line, column = places[0]
    count = f"{len(places)} comments" if len(places) > 1 else "a comment"
    return [
        _dropped(file, line, column, f"{count} not read: a map keeps no comments (the first here)", "comment")
    ]


_ATTACKER_ATTACKED = operator.itemgetter(0, 1)  # (C speed: big frameworks have a million attacks)


class Listing(NamedTuple):
    """What a framework file lists, in file order, with where: each argument's
    first mention as (line, column), each attack as (attacker, attacked,
    line, column); TGF labels; and what a map reader would drop."""

    arguments: dict[str, tuple[int, int]]
    attacks: list[tuple[str, str, int, int]]
    labels: dict[str, str]
    dropped: list[Diagnostic]

    def framework(self) -> Framework:
        return Framework.from_attacks(self.arguments, map(_ATTACKER_ATTACKED, self.attacks))


# -- .apx ------------------------------------------------------------------------

_NAME = r'"[^"\n]*"|[^\s(),."%]+'
_FACT = re.compile(rf"\s*(?P<pred>[A-Za-z_]\w*)\s*\(\s*(?P<a>{_NAME})\s*(?:,\s*(?P<b>{_NAME})\s*)?\)\s*\.")
_ARITY = {"arg": 1, "att": 2}


def _unquote(name: str) -> str:
    return name[1:-1] if name.startswith('"') else name


def parse_apx(text: str, file: str = "<apx>") -> Framework:
    return list_apx(text, file).framework()


def list_apx(text: str, file: str) -> Listing:
    arguments: dict[str, tuple[int, int]] = {}
    attacks: list[tuple[str, str, int, int]] = []
    comments: list[tuple[int, int]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if "%" in raw:
            line = raw.split("%", 1)[0]
            comments.append((number, len(line) + 1))
        else:
            line = raw
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
                arguments.setdefault(_unquote(a), (number, column))
            else:
                attacks.append((_unquote(a), _unquote(b), number, column))
            position = match.end()
    for a, b, number, column in attacks:
        for name in (a, b):
            if name not in arguments:
                raise _error(
                    f"att({a},{b}): argument {name!r} is not declared with arg({name}).", file, number, column
                )
    return Listing(arguments, attacks, {}, _comments_dropped(comments, file))


# -- .tgf ------------------------------------------------------------------------


def parse_tgf(text: str, file: str = "<tgf>") -> Framework:
    return list_tgf(text, file).framework()


def list_tgf(text: str, file: str) -> Listing:
    arguments: dict[str, tuple[int, int]] = {}
    labels: dict[str, str] = {}
    attacks: list[tuple[str, str, int, int]] = []
    dropped: list[Diagnostic] = []
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
        # (index() only when the line is indented: this runs for every line)
        column = 1 if line[0] == words[0][0] else line.index(words[0]) + 1
        if not in_edges:
            name, label = words[0], line.split(None, 1)[1].strip() if len(words) > 1 else ""
            if name not in arguments:
                arguments[name] = (number, column)
                if label:
                    labels[name] = label
            elif label:
                first = arguments[name][0]
                dropped.append(
                    _dropped(
                        file,
                        number,
                        column,
                        f"argument {name!r} listed again (first at line {first}); its label {label!r} is not read",
                        "repeated-argument",
                    )
                )
            continue
        if len(words) < 2:
            raise _error(f"expected an attack 'attacker attacked' but found {line.strip()!r}", file, number)
        for word in words[:2]:
            if word not in arguments:
                column = line.index(word) + 1
                raise _error(f"argument {word!r} is not listed before the '#' line", file, number, column)
        attacks.append((words[0], words[1], number, column))
        if len(words) > 2:
            label = line.split(None, 2)[2].strip()
            dropped.append(
                _dropped(
                    file,
                    number,
                    column,
                    f"edge label {label!r} is not read: argmap relations have no labels",
                    "edge-label",
                )
            )
    return Listing(arguments, attacks, labels, dropped)


# -- .af (ICCMA 2023) ------------------------------------------------------------


def parse_af(text: str, file: str = "<af>") -> Framework:
    with gc_paused():
        fast = _parse_af_fast(text)
        return fast if fast is not None else _parse_af_lines(text, file)


# A header may declare arguments no attack names, each a string in memory:
# a 15-byte file saying `p af 100000000` would take gigabytes. ICCMA 2023's
# largest frameworks have a few hundred thousand.
MAX_AF_ARGUMENTS = 1_000_000


def _declared(digits: str, file: str, line: int) -> int:
    """The header's count of arguments, refused above MAX_AF_ARGUMENTS
    (compared as digits first: the count may be too long for int())."""
    digits = digits.lstrip("0") or "0"
    if len(digits) > len(str(MAX_AF_ARGUMENTS)) or int(digits) > MAX_AF_ARGUMENTS:
        shown = digits if len(digits) <= 20 else f"{digits[:20]}..."
        raise _error(
            f"the header declares {shown} arguments; argmap reads at most {MAX_AF_ARGUMENTS:,}", file, line
        )
    return int(digits)


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
    if len(header[1]) > len(str(MAX_AF_ARGUMENTS)) or int(header[1]) > MAX_AF_ARGUMENTS:
        return None  # the line-by-line reader says so, with the line
    count = int(header[1])
    if max(map(len, words), default=0) > len(str(count)) + 1:
        return None  # a number too long for the header's count: the line-by-line reader says where
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
            count = _declared(words[2], file, number)
            continue
        if words[0] == "p":
            raise _error("a second 'p af' header", file, number, column)
        if len(words) != 2:
            raise _error(f"expected an attack 'i j' but found {line.strip()!r}", file, number, column)
        for word in words:
            # Compared as digits first: a word thousands of digits long is out of range, not an int().
            if not _natural(word) or len(word.lstrip("0")) > len(str(count)) or not 1 <= int(word) <= count:
                column = line.index(word) + 1
                raise _error(f"argument {word!r} is not a number from 1 to {count}", file, number, column)
        sources.append(int(words[0]))
        targets.append(int(words[1]))
    if count is None:
        raise _error("no 'p af N' header", file, 1)
    return _indexed(count, sources, targets)


def _natural(word: str) -> bool:
    return word.isascii() and word.isdigit()


def list_af(text: str, file: str) -> Listing:
    """The framework, with the line of the header and of every attack (read
    again line by line: the fast reader keeps no positions)."""
    framework = parse_af(text, file)
    header = (1, 1)
    places: list[tuple[int, int]] = []
    comments: list[tuple[int, int]] = []
    for number, line in enumerate(text.splitlines(), 1):
        words = line.split()
        if not words:
            continue
        place = (number, line.index(words[0]) + 1)
        if words[0].startswith("#"):
            comments.append(place)
            continue
        if words[0] == "p":
            header = place
        else:
            places.append(place)
    names = framework.arguments
    attacks = [
        (names[a], names[b], line, column)
        for (a, b), (line, column) in zip(framework.attacks, places, strict=True)
    ]
    return Listing(dict.fromkeys(names, header), attacks, {}, _comments_dropped(comments, file))


# -- writing ---------------------------------------------------------------------

_APX_PLAIN = re.compile(r"[a-z][A-Za-z0-9_]*|0|[1-9][0-9]*")


def _apx_term(name: str) -> str:
    """A constant ASP reads as itself; anything else (capitals would be
    variables) in double quotes."""
    return name if _APX_PLAIN.fullmatch(name) else f'"{name}"'


def apx_text(names: Sequence[str], attacks: Iterable[tuple[int, int]]) -> str:
    """`arg(name).` for each argument, then `att(a,b).` for each attack (indices into `names`)."""
    terms = [_apx_term(name) for name in names]
    lines = [f"arg({term})." for term in terms]
    lines += [f"att({terms[a]},{terms[b]})." for a, b in attacks]
    return "".join(line + "\n" for line in lines)


def tgf_label(text: str) -> str:
    """A text as a TGF label: one line, no whitespace at either end."""
    return " ".join(text.splitlines()).strip()


def tgf_text(names: Sequence[str], attacks: Iterable[tuple[int, int]], labels: Mapping[str, str]) -> str:
    """Each argument with its label (when it has one other than its name), `#`, then the attacks."""
    lines: list[str] = []
    for name in names:
        label = labels.get(name, "")
        lines.append(f"{name} {label}" if label and label != name else name)
    lines.append("#")
    lines += [f"{names[a]} {names[b]}" for a, b in attacks]
    return "".join(line + "\n" for line in lines)


def af_text(count: int, attacks: Iterable[tuple[int, int]]) -> str:
    """The header `p af N`, then each attack as 1-based numbers."""
    lines = [f"p af {count}"]
    lines += [f"{a + 1} {b + 1}" for a, b in attacks]
    return "".join(line + "\n" for line in lines)


# -- files -----------------------------------------------------------------------

READERS: dict[str, Callable[[str, str], Framework]] = {".apx": parse_apx, ".tgf": parse_tgf, ".af": parse_af}


def is_framework_file(path: Path, fmt: str | None = None) -> bool:
    """Whether `path` is a framework: in the format `fmt` names (apx, tgf,
    af), or with one of their suffixes when `fmt` is None."""
    if fmt is not None:
        return f".{fmt.lower()}" in READERS
    return bool(by_suffix(path, READERS.items()))


def read_framework(path: Path, fmt: str | None = None) -> Framework:
    """Read an .apx, .tgf or .af file (`fmt` names the format, else the
    suffix does); `-` is standard input."""
    from argmap.io.files import STDIN_NAME, is_stdin, read_stdin, read_text

    readers = [READERS[f".{fmt.lower()}"]] if fmt is not None and is_framework_file(path, fmt) else []
    readers = readers or by_suffix(path, READERS.items())
    if not readers:
        raise InputError(f"{path}: not a framework file (expected {', '.join(sorted(READERS))})")
    if is_stdin(path):
        return readers[0](read_stdin("framework"), STDIN_NAME)
    return readers[0](read_text(path, "framework"), str(path))
