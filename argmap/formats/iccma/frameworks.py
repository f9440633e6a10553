"""Abstract argumentation frameworks in the formats the ICCMA solvers read.

* ASPARTIX ``.apx``: facts ``arg(a).`` and ``att(a,b).``, any number a line;
  ``%`` starts a comment.
* Trivial Graph Format ``.tgf``: one argument a line (an id, then an
  optional label), a line ``#``, then one ``attacker attacked`` pair a line.
* ICCMA 2023 ``.af``: a line ``p af N``, then one ``i j`` pair a line with
  1 <= i, j <= N; lines starting with ``#`` are comments.

Every reader is a pure function of the text and the file name, and fails on
the first bad line with an :class:`InputError` that names ``file:line:col``.

As map formats (``read_apx`` ... ``write_af``, the registry's ``Apx``, ``Tgf``
and ``Af``): each argument is a claim whose text is its name (a TGF label,
when there is one) and each attack an attack relation; a name that is not an
argmap id is renamed, deterministically, with a warning. A map is written as
the framework ``argmap evaluate`` computes on it (:func:`framework_from_map`):
claims and attacks, and for every undercut relation an argument standing for
the inference it attacks, so a solver gets the same answers; everything else
is reported as a loss.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from argmap.errors import Diagnostic, InputError, Severity
from argmap.formats.base import Written
from argmap.formats.framework import Framework, framework_from_map
from argmap.formats.losses import unheld
from argmap.io.gc_pause import gc_paused
from argmap.io.suffixes import by_suffix

if TYPE_CHECKING:
    from argmap.formats.base import LoadResult
from argmap.model import (
    ID_PATTERN,
    ArgumentMap,
    Claim,
    Relation,
    RelationType,
    SourceSpan,
    default_relation_id,
)

__all__ = [
    "READERS",
    "Af",
    "Apx",
    "Tgf",
    "is_framework_file",
    "parse_af",
    "parse_apx",
    "parse_tgf",
    "read_af",
    "read_apx",
    "read_framework",
    "read_tgf",
    "write_af",
    "write_apx",
    "write_tgf",
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


class _Listing(NamedTuple):
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
    return _list_apx(text, file).framework()


def _list_apx(text: str, file: str) -> _Listing:
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
    return _Listing(arguments, attacks, {}, _comments_dropped(comments, file))


# -- .tgf ------------------------------------------------------------------------


def parse_tgf(text: str, file: str = "<tgf>") -> Framework:
    return _list_tgf(text, file).framework()


def _list_tgf(text: str, file: str) -> _Listing:
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
    return _Listing(arguments, attacks, labels, dropped)


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


def _list_af(text: str, file: str) -> _Listing:
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
    return _Listing(dict.fromkeys(names, header), attacks, {}, _comments_dropped(comments, file))


# -- maps ------------------------------------------------------------------------

_NOT_IN_ID = re.compile(r"[^\w.-]+")


def _argmap_ids(names: Iterable[str]) -> dict[str, str]:
    """Each name as an argmap id: itself when it is one; else its runs of
    other characters as '_', made unique with -2, -3, ... (in file order)."""
    names = list(names)
    ids = {name: name for name in names if ID_PATTERN.match(name)}
    taken = set(ids)
    for name in names:
        if name in ids:
            continue
        base = _NOT_IN_ID.sub("_", name)
        if not ID_PATTERN.match(base):  # empty, or starting with '.' or '-'
            base = "_" + base
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        taken.add(candidate)
        ids[name] = candidate
    return ids


def _to_map(listing: _Listing, file: str) -> LoadResult:
    # Here, not at the top: `argmap evaluate x.af` reads frameworks only,
    # and should not pay for the YAML loader.
    from argmap.formats.base import LoadResult, canonical_relation_order

    ids = _argmap_ids(listing.arguments)
    diagnostics = list(listing.dropped)
    claims: list[Claim] = []
    for name, (line, column) in listing.arguments.items():
        span = SourceSpan(file, line, column)
        claim_id = ids[name]
        if claim_id != name:
            diagnostics.append(
                Diagnostic(
                    span,
                    Severity.WARNING,
                    "renamed-id",
                    f"argument {name!r} is not an argmap id; read as claim {claim_id!r} with the name as text",
                )
            )
        text = listing.labels.get(name) or (name if name.strip() else claim_id)
        claims.append(Claim(claim_id, text, span=span, id_span=span, text_span=span))
    relations: list[Relation] = []
    first_line: dict[tuple[str, str], int] = {}
    for a, b, line, column in listing.attacks:
        source, target = ids[a], ids[b]
        if (source, target) in first_line:
            diagnostics.append(
                _dropped(
                    file,
                    line,
                    column,
                    f"attack {a} -> {b} listed again (first at line {first_line[source, target]}); read once",
                    "repeated-attack",
                )
            )
            continue
        first_line[source, target] = line
        span = SourceSpan(file, line, column)
        rid = default_relation_id(RelationType.ATTACK, source, target)
        relations.append(Relation(rid, source, target, RelationType.ATTACK, span=span, target_span=span))
    amap = ArgumentMap(
        claims=tuple(claims), relations=tuple(canonical_relation_order(claims, relations)), file=file
    )
    return LoadResult(amap, sorted(diagnostics, key=Diagnostic.sort_key))


def read_apx(text: str, file: str) -> LoadResult:
    return _to_map(_list_apx(text, file), file)


def read_tgf(text: str, file: str) -> LoadResult:
    return _to_map(_list_tgf(text, file), file)


def read_af(text: str, file: str) -> LoadResult:
    return _to_map(_list_af(text, file), file)


_HELD = ("attack",)
_WHY = {
    "support": "abstract frameworks have attacks only",
    "undercut": "each written as attacks on an extra argument for the inference it undercuts, "
    "named after that relation (as argmap evaluate models undercuts)",
}
_SAFE_NAME = re.compile(r"[^\w.:-]+")


def _framework_names(amap: ArgumentMap) -> tuple[Framework, list[str]]:
    """The map's framework, and a unique name for each argument that every
    ICCMA format can hold (claim ids can; an inference's relation id may need
    its other characters replaced)."""
    try:
        framework = framework_from_map(amap)
    except ValueError as exc:
        raise InputError(f"{amap.file}: cannot write a map with errors: {exc}") from None
    names = list(framework.claims)
    taken = set(names)
    for inference in framework.inferences:
        base = _SAFE_NAME.sub("_", inference)
        name, number = base, 2
        while name in taken:
            name, number = f"{base}-{number}", number + 1
        taken.add(name)
        names.append(name)
    return framework, names


def _changed_texts(amap: ArgumentMap, written: Callable[[int, Claim], str]) -> int:
    """Claims whose text reads back differently from what the file holds."""
    return sum(claim.text != written(index, claim) for index, claim in enumerate(amap.claim_index().values()))


_APX_PLAIN = re.compile(r"[a-z][A-Za-z0-9_]*|0|[1-9][0-9]*")


def _apx_term(name: str) -> str:
    """A constant ASP reads as itself; anything else (capitals would be
    variables) in double quotes."""
    return name if _APX_PLAIN.fullmatch(name) else f'"{name}"'


def write_apx(amap: ArgumentMap) -> Written:
    framework, names = _framework_names(amap)
    terms = [_apx_term(name) for name in names]
    lines = [f"arg({term})." for term in terms]
    lines += [f"att({terms[a]},{terms[b]})." for a, b in framework.attacks]
    losses = unheld(amap, _HELD, "APX", _WHY)
    losses.lost("text", "APX has no place for claim texts", _changed_texts(amap, lambda _, c: c.id))
    return Written("".join(line + "\n" for line in lines), losses.losses())


def _tgf_label(text: str) -> str:
    """A text as a TGF label: one line, no whitespace at either end."""
    return " ".join(text.splitlines()).strip()


def write_tgf(amap: ArgumentMap) -> Written:
    framework, names = _framework_names(amap)
    claims = amap.claim_index()
    lines: list[str] = []
    for name in names:
        claim = claims.get(name)
        label = _tgf_label(claim.text) if claim is not None else ""
        lines.append(f"{name} {label}" if label and label != name else name)
    lines.append("#")
    lines += [f"{names[a]} {names[b]}" for a, b in framework.attacks]
    losses = unheld(amap, _HELD, "TGF", _WHY)
    losses.lost(
        "text",
        "TGF labels are one line: line breaks became spaces and whitespace at the ends was dropped",
        _changed_texts(amap, lambda _, c: _tgf_label(c.text) or c.id),
    )
    return Written("".join(line + "\n" for line in lines), losses.losses())


def write_af(amap: ArgumentMap) -> Written:
    framework, _ = _framework_names(amap)
    lines = [f"p af {len(framework.arguments)}"]
    lines += [f"{a + 1} {b + 1}" for a, b in framework.attacks]
    losses = unheld(amap, _HELD, "the .af format", _WHY)
    numbered = sum(claim.id != str(i) for i, claim in enumerate(amap.claim_index().values(), 1))
    losses.lost("id", "arguments are numbers: claims are numbered 1, 2, ... in map order", numbered)
    losses.lost(
        "text", "the .af format has no place for claim texts", _changed_texts(amap, lambda i, _: str(i + 1))
    )
    return Written("".join(line + "\n" for line in lines), losses.losses())


class Apx:
    """ASPARTIX .apx as a map format (the registry's ``argmap.formats.iccma:Apx``)."""

    read = staticmethod(read_apx)
    write = staticmethod(write_apx)


class Tgf:
    """Trivial Graph Format as a map format."""

    read = staticmethod(read_tgf)
    write = staticmethod(write_tgf)


class Af:
    """ICCMA 2023 .af as a map format."""

    read = staticmethod(read_af)
    write = staticmethod(write_af)


# -- files -----------------------------------------------------------------------

READERS: dict[str, Callable[[str, str], Framework]] = {".apx": parse_apx, ".tgf": parse_tgf, ".af": parse_af}


def is_framework_file(path: Path) -> bool:
    return bool(by_suffix(path, READERS.items()))


def read_framework(path: Path) -> Framework:
    """Read an .apx, .tgf or .af file (the suffix names the format)."""
    from argmap.io.files import read_text

    readers = by_suffix(path, READERS.items())
    if not readers:
        raise InputError(f"{path}: not a framework file (expected {', '.join(sorted(READERS))})")
    return readers[0](read_text(path, "framework"), str(path))
