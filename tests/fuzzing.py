"""The fuzzer's parts, shared by the fuzz targets in the suite
(tests/test_fuzz.py, driven by hypothesis) and the long runs
(tests/fuzz_run.py, driven by a seeded random generator for as many minutes
as asked).

Structure-aware: every input is a real file (the repository's maps and
example files, the external corpora when present) with a few mutations of
the kinds that broke argmap before: hostile text (controls, escapes, markup
of every output format), wrong types, huge numbers, broken nesting, cut and
spliced lines, invalid UTF-8. The invariants are the project's standards:
no traceback, an exit code from the documented set, nothing written on
failure, output well formed for its format, no control character in
anything printed, bounded time.
"""

from __future__ import annotations

import json
import os
import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"

# Characters no output may carry raw to a terminal (argmap.text.UNSAFE_CHARACTERS).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A crash is argmap's own internal-error line or a traceback header at the
# start of a line; the same words inside a quoted user text are not one.
CRASH_LINE = re.compile(r"^(?:argmap: internal error: |Traceback \(most recent call last\))", re.M)

# Text that broke argmap before, or would break an output format if it
# reached it unescaped: terminal escapes, markup of DOT, SVG, HTML,
# Markdown, Mermaid and YAML, YAML's typed scalars, huge numbers.
HOSTILE = (
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x9b31m",
    "\x00",
    "\x08\x0d",
    "\x85",
    "\u2028",
    "\ufffe",
    "\u202e",
    "😀",
    "中文",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!python/object:os.system",
    "!foo ",
    "~",
    "null",
    "yes",
    "0o17",
    "1e999",
    ".nan",
    "-1",
    "2024-01-01",
    "9" * 5000,
    '"',
    "'",
    "\\",
    "\\u0000",
    "#",
    "---",
    "...",
    "\t",
    "<script>alert(1)</script>",
    "]]>",
    "%%{init: {'theme': 'dark'}}%%",
    '"; node [label="x"]; "',
    "<b>",
    "|",
    "`",
    "p af 99999999",
    "[" * 200,
    "<" * 200,
    "linked: [a, b]",
    "premises: [x]",
    "type: undercut",
    "group: g",
    "weight: 2",
    "expect:\n  grounded:\n    in: [x]\n",
)


def _corpora() -> Path | None:
    for candidate in (
        os.environ.get("ARGMAP_CORPORA"),
        REPO.parent / "shared" / "corpora",
        "/work/shared/corpora",
    ):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


# The reader each seed is for: its name as it would be passed on the
# command line tells argmap the format.
SEED_GLOBS = (
    (REPO / "arguments", "*.yaml"),
    (DATA / "valid", "*"),
    (DATA / "invalid", "*"),
    (DATA / "formats", "*"),
)
CORPUS_GLOBS = (
    ("aif", "*.json", 12),
    ("argdown", "*.argdown", 12),
    ("microtexts", "*.xml", 12),
    ("tgf", "*.tgf", 8),
)


def seeds() -> list[Path]:
    """The seed files, in a fixed order: the repository's, then a sample of
    each external corpus (when present)."""
    found: list[Path] = []
    for folder, pattern in SEED_GLOBS:
        found += sorted(
            p
            for p in folder.glob(pattern)
            if p.is_file()
            and (not p.name.endswith((".expected", ".txt", ".md")) or p.name.endswith(".kialo.txt"))
        )
    corpora = _corpora()
    if corpora is not None:
        for name, pattern, count in CORPUS_GLOBS:
            found += sorted((corpora / name).rglob(pattern))[:count]
    return found


def suffix_of(path: Path) -> str:
    """The name's full suffix (`.aif.json`, `.kialo.txt`), which picks the reader."""
    name = path.name
    for double in (".aif.json", ".sadface.json", ".kialo.txt"):
        if name.endswith(double):
            return double
    if path.parent.name == "aif" or "aif" in path.parts[-3:-1]:
        return ".aif.json" if name.endswith(".json") else path.suffix
    return path.suffix


# -- mutations ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mutation:
    """One change to a text: `kind` at `where` (a fraction of the length),
    with `payload` (hostile text, or a fraction naming a second place)."""

    kind: str
    where: float
    payload: str | float = ""


KINDS = ("insert", "replace", "delete", "duplicate", "splice", "indent", "swap-lines", "bytes")


def mutate(text: str, mutations: Sequence[Mutation], other: str = "") -> bytes:
    """The text with each mutation applied in turn; `other` is a second seed
    to splice from. Returns bytes: a mutation may break the UTF-8."""
    data = text
    broken: list[tuple[float, int]] = []
    for m in mutations:
        at = int(m.where * len(data)) if data else 0
        span = max(1, int(float(m.payload) * 40)) if isinstance(m.payload, float) else 8
        if m.kind == "insert":
            data = data[:at] + str(m.payload) + data[at:]
        elif m.kind == "replace":
            end = _token_end(data, at)
            data = data[:at] + str(m.payload) + data[end:]
        elif m.kind == "delete":
            data = data[:at] + data[at + span :]
        elif m.kind == "duplicate":
            data = data[:at] + data[at : at + span * 4] + data[at:]
        elif m.kind == "splice" and other:
            start = int((float(m.payload) if isinstance(m.payload, float) else 0.5) * len(other))
            data = data[:at] + other[start : start + 200] + data[at:]
        elif m.kind == "indent":
            line_start = data.rfind("\n", 0, at) + 1
            data = (
                data[:line_start]
                + (" " * span if span % 2 else "")
                + data[line_start + (0 if span % 2 else 2) :]
            )
        elif m.kind == "swap-lines":
            lines = data.split("\n")
            if len(lines) > 2:
                i = min(int(m.where * len(lines)), len(lines) - 2)
                lines[i], lines[i + 1] = lines[i + 1], lines[i]
                data = "\n".join(lines)
        elif m.kind == "bytes":
            broken.append((m.where, span))
    out = data.encode("utf-8", errors="surrogatepass")
    for where, value in broken:  # invalid UTF-8 bytes, after the text changes
        at = int(where * len(out))
        out = out[:at] + bytes([0x80 + value % 0x40, 0xFF]) + out[at:]
    return out


def _token_end(text: str, at: int) -> int:
    """The end of the word or scalar at `at` (to replace a value whole)."""
    match = re.compile(r"[^\s:,\[\]{}]*").match(text, at)
    return match.end() if match else at


def random_mutations(rng: random.Random, count: int) -> list[Mutation]:
    """Mutations for the long runs (hypothesis draws its own in the suite)."""
    made = []
    for _ in range(count):
        kind = rng.choice(KINDS)
        payload: str | float = rng.choice(HOSTILE) if kind in ("insert", "replace") else rng.random()
        made.append(Mutation(kind, rng.random(), payload))
    return made


# -- invariants -----------------------------------------------------------------------


class InvariantError(AssertionError):
    """An input that breaks one of the invariants."""


@contextmanager
def within(seconds: int, what: str) -> Iterator[None]:
    """Raise InvariantError when the block takes longer (a hang or a quadratic blow-up)."""
    from test_loader import within_seconds

    try:
        with within_seconds(seconds):
            yield
    except TimeoutError as exc:
        raise InvariantError(f"{what}: {exc}") from None


def check_reader(path: Path) -> str:
    """Read `path` as argmap reads it, check it, write it in every writable
    format and read the native forms back. Returns what happened (for
    counts); raises InvariantError on a broken invariant."""
    from argmap.checks.gate import check_loaded
    from argmap.errors import ArgmapError
    from argmap.formats.native import graph
    from argmap.formats.registry import FORMATS, load_path, load_text

    try:
        result = load_path(path)
    except ArgmapError as exc:
        _one_line(str(exc), "reader error")
        return "refused"
    checked = check_loaded(result)
    for diagnostic in checked.diagnostics:
        _one_line(str(diagnostic), "diagnostic")
    if checked.errors:
        return "errors"
    for row in FORMATS:
        if not row.writes:
            continue
        try:
            written = row.writer().write(checked.map)
        except ArgmapError:
            continue  # a format that cannot hold this map says so
        _well_formed(row.name, written.text)
        if row.name in ("yaml", "json"):
            again = load_text(written.text, f"again.{row.name}", row.name)
            if graph.dumps(again.map) != graph.dumps(_placed(checked.map, again.map.file)):
                raise InvariantError(f"{row.name}: the map read back differs from the map written")
    return "read"


def _placed(amap: ArgumentMap, file: str) -> ArgumentMap:
    from dataclasses import replace

    return replace(amap, file=file)


def _one_line(message: str, what: str) -> None:
    if "\n" in message.rstrip("\n") or "Traceback" in message:
        raise InvariantError(f"{what} is not one line: {message[:200]!r}")


def _well_formed(fmt: str, text: str) -> None:
    """Output parses as its format claims (the cheap, in-process checks)."""
    if fmt in ("json", "aif", "sadface"):
        json.loads(text)
    elif fmt == "graphml":
        ET.fromstring(text)
    if UNSAFE.search(text):
        found = UNSAFE.search(text)
        raise InvariantError(
            f"{fmt} output holds a raw control character {found.group()!r}" if found else fmt
        )


# The commands the command-line targets run on a mutated file: (arguments,
# output file written or None). {in} is the input; {out} an output path.
COMMANDS: tuple[tuple[tuple[str, ...], str | None], ...] = (
    (("validate", "{in}"), None),
    (("validate", "--format", "json", "{in}"), None),
    (("show", "{in}"), None),
    (("show", "{in}", "--eval", "grounded"), None),
    (("list", "{in}"), None),
    (("evaluate", "{in}"), None),
    (("evaluate", "{in}", "-s", "dfquad", "--format", "json"), None),
    (("render", "{in}", "--format", "dot"), None),
    (("render", "{in}", "--format", "mmd"), None),
    (("render", "{in}", "-o", "{out}.svg"), "{out}.svg"),
    (("render", "{in}", "-o", "{out}.html"), "{out}.html"),
    (("convert", "{in}", "{out}.yaml"), "{out}.yaml"),
    (("convert", "{in}", "{out}.argdown"), "{out}.argdown"),
    (("convert", "{in}", "{out}.graphml"), "{out}.graphml"),
    (("prep", "{in}", "--side", "trotsky"), None),
    (("diff", "{in}", "{seed}"), None),
    (("where", "c1", "{in}"), None),
    (("show", "{in}", "--format", "json"), None),
    (("evaluate", "{in}", "-s", "preferred", "--format", "json"), None),
    (("slides", "{in}", "-o", "{out}.html"), "{out}.html"),
    (("drill", "{in}", "--side", "trotsky", "--print"), None),
    (("schemes", "--map", "{in}"), None),
)

EXIT_CODES = frozenset({0, 1, 2, 3})


def check_command(
    invoke: Callable[[list[str]], tuple[int, str, str, BaseException | None]],
    args: Sequence[str],
    written: Path | None,
) -> int:
    """Run one command (through `invoke`: CliRunner in the suite) and hold
    it to the invariants. Returns the exit code."""
    code, stdout, stderr, exception = invoke(list(args))
    if exception is not None and not isinstance(exception, SystemExit):
        raise InvariantError(f"{' '.join(args)}: {type(exception).__name__}: {exception}")
    if code not in EXIT_CODES:
        raise InvariantError(f"{' '.join(args)}: exit {code}: {stderr[-300:]!r}")
    for name, stream in (("stdout", stdout), ("stderr", stderr)):
        found = UNSAFE.search(stream)
        if found:
            raise InvariantError(f"{' '.join(args)}: raw {found.group()!r} on {name}")
    if CRASH_LINE.search(stderr):
        raise InvariantError(f"{' '.join(args)}: {stderr[-300:]!r}")
    if written is not None:
        if code not in (0, 1) and written.exists():
            raise InvariantError(f"{' '.join(args)}: exit {code} but wrote {written.name}")
        if written.exists():
            _written_well_formed(written)
        leftovers = [p.name for p in written.parent.iterdir() if p.name.endswith(".tmp")]
        if leftovers:
            raise InvariantError(f"{' '.join(args)}: left {leftovers}")
    return code


def _written_well_formed(path: Path) -> None:
    data = path.read_bytes()
    if path.suffix == ".svg" or path.suffix == ".graphml":
        ET.fromstring(data)
    text = data.decode("utf-8")
    if path.suffix != ".svg":  # Graphviz writes its own XML; the SVG parse above checks it
        found = UNSAFE.search(text)
        if found:
            raise InvariantError(f"{path.name} holds a raw {found.group()!r}")
