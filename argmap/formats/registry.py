"""The formats argmap reads and writes: one table, each module imported only
when a file in its format is read or written.

A row names the module (``argmap.formats.graphml``), or an object in one
(``argmap.formats.iccma.maps:Apx``) for a module that serves several formats;
that module or object is a Reader and/or a Writer (see
:mod:`argmap.formats.base`), and a Sniffer if it shares a suffix. The
module is imported on first use, and checked then to be what the row says.

Which format a file is in: the one named (``--from``/``--to``), else the
one its suffix names (case-insensitive; the longest registered suffix wins,
so ``x.aif.json`` can name AIF while ``x.json`` names the graph form). When
several formats share that suffix, a file being read goes to the first, in
table order, whose ``sniff`` says the text is its own, and to the first
listed for the suffix when none does (for ``.json``: argmap's graph form, so
a broken graph file gets argmap's own diagnostics). A file being written
goes to the first format listed for its suffix that writes.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from argmap.errors import InputError, UsageError
from argmap.formats.base import Reader, Sniffer, Writer
from argmap.io.files import MAX_FILE_BYTES, STDIN_NAME, is_stdin, read_stdin, read_text
from argmap.io.suffixes import by_suffix

if TYPE_CHECKING:
    from argmap.formats.base import LoadResult, Written
    from argmap.model import ArgumentMap


class Format(NamedTuple):
    name: str
    suffixes: tuple[str, ...]
    module: str  # "package.module" or "package.module:Object"
    description: str
    reads: bool = True
    writes: bool = True
    # Found when a folder is searched for maps (validate, list, coverage);
    # files in the other formats are read when named.
    searched: bool = False
    # The largest file read as a map, in MiB: below the limit every read
    # keeps (64 MiB) where the reader's memory is many times its text (the
    # measured factors are in docs/formats.md, "Limits"), so that no map
    # within its limit takes much more than a gigabyte.
    largest_mib: int = MAX_FILE_BYTES // (1024 * 1024)

    def reader(self) -> Reader:
        found = _implementation(self.module)
        if not (self.reads and isinstance(found, Reader)):
            raise TypeError(
                f"format {self.name}: {self.module} is no reader, or its row says it does not read"
            )
        return found

    def writer(self) -> Writer:
        found = _implementation(self.module)
        if not (self.writes and isinstance(found, Writer)):
            raise TypeError(
                f"format {self.name}: {self.module} is no writer, or its row says it does not write"
            )
        return found

    def sniffer(self) -> Sniffer | None:
        found = _implementation(self.module)
        return found if isinstance(found, Sniffer) else None

    def read(self, text: str, file: str) -> LoadResult:
        limit = self.largest_mib * 1024 * 1024
        if len(text) > limit or (
            len(text) * 4 > limit and len(text.encode("utf-8", "surrogatepass")) > limit
        ):
            size = len(text.encode("utf-8", "surrogatepass")) / (1024 * 1024)
            raise InputError(
                f"{file}: {size:.1f} MiB; argmap reads {self.name} maps of up to {self.largest_mib} MiB "
                "(docs/formats.md, Limits)"
            )
        return self.reader().read(text, file)

    def write(self, amap: ArgumentMap) -> Written:
        return self.writer().write(amap)

    def sniff(self, text: str) -> bool:
        """Whether the text looks like this format (False without a sniffer)."""
        sniffer = self.sniffer()
        return sniffer is not None and sniffer.sniff(text)


# fmt: off
FORMATS: tuple[Format, ...] = (
    Format("yaml", (".yaml", ".yml"), "argmap.formats.native.forms:Yaml", "argmap's YAML tree form, as people write maps", searched=True),
    Format("json", (".json",), "argmap.formats.native.forms:Json", "argmap's JSON graph form: nodes and relations", searched=True, largest_mib=32),
    Format("aif", (".json", ".aif.json"), "argmap.formats.aif", "AIF JSON (AIFdb, OVA): I-, RA- and CA-nodes"),
    Format("sadface", (".json", ".sadface.json"), "argmap.formats.sadface", "SADFace JSON: atoms, schemes, edges"),
    Format("microtexts", (".xml",), "argmap.formats.microtexts", "Argument Microtexts XML (arggraph.dtd)", writes=False),
    Format("kialo", (".txt", ".kialo.txt"), "argmap.formats.kialo", "Kialo discussion export: 1.1. Pro:/Con: lines", largest_mib=48),
    Format("argdown", (".argdown", ".ad"), "argmap.formats.argdown", "Argdown: [statements], <arguments>, + - _ relations", largest_mib=16),
    Format("apx", (".apx",), "argmap.formats.iccma.maps:Apx", "ASPARTIX facts arg(a). att(a,b). (ICCMA)", largest_mib=24),
    Format("tgf", (".tgf",), "argmap.formats.iccma.maps:Tgf", "Trivial Graph Format: arguments, '#', attacks", largest_mib=16),
    Format("af", (".af",), "argmap.formats.iccma.maps:Af", "ICCMA 2023: 'p af N', then one attack 'i j' a line", largest_mib=12),
    Format("graphml", (".graphml",), "argmap.formats.graphml", "GraphML for yEd and Gephi", reads=False),
)
# fmt: on

# A map on standard input (`-`) has no suffix: YAML unless --from names another.
STDIN_FORMAT = "yaml"


@functools.cache
def _implementation(spec: str) -> object:
    """The module, or the object in it, a row names: imported by name, so
    that a format's module is loaded only when a file in it is read or written."""
    module_name, _, attribute = spec.partition(":")
    module = importlib.import_module(module_name)
    found: object = getattr(module, attribute) if attribute else module
    return found


def by_name(name: str, *, writing: bool = False) -> Format:
    """The format called `name` (any case) that can read, or write."""
    wanted = name.lower()
    for fmt in FORMATS:
        if fmt.name == wanted:
            if writing and not fmt.writes:
                raise UsageError(f"argmap reads {fmt.name} but cannot write it (`argmap formats` lists them)")
            if not writing and not fmt.reads:
                raise UsageError(f"argmap writes {fmt.name} but cannot read it (`argmap formats` lists them)")
            return fmt
    names = ", ".join(f.name for f in FORMATS if (f.writes if writing else f.reads))
    raise UsageError(f"unknown format {name!r} (known: {names})")


def _by_suffix(path: Path, formats: Sequence[Format]) -> list[Format]:
    """The formats with the longest registered suffix the file name ends with."""
    return by_suffix(path, ((suffix, fmt) for fmt in formats for suffix in fmt.suffixes))


def folder_suffixes() -> tuple[str, ...]:
    """The suffixes a folder search for maps looks for: argmap's own forms."""
    return tuple(dict.fromkeys(s for f in FORMATS if f.searched for s in f.suffixes))


def known_suffixes(*, writing: bool = False) -> str:
    """The suffixes of the formats that read (or write), for messages."""
    return ", ".join(sorted({s for f in FORMATS if (f.writes if writing else f.reads) for s in f.suffixes}))


def reading_candidates(path: Path, name: str | None = None, hint: str = "") -> tuple[Format, ...]:
    """The formats a file to be read may be in (the first is the fallback).
    Raises InputError, before the file is read, when no format fits."""
    if name is not None:
        return (by_name(name),)
    if is_stdin(path):
        return (by_name(STDIN_FORMAT),)
    readable = [f for f in FORMATS if f.reads]
    found = _by_suffix(path, readable)
    if found:
        return tuple(found)
    if _by_suffix(path, FORMATS):
        writers = ", ".join(f.name for f in _by_suffix(path, FORMATS))
        raise InputError(f"{path}: argmap writes {writers} but cannot read it")
    raise InputError(f"{path}: cannot tell the format from the suffix (expected {known_suffixes()}){hint}")


def choose(candidates: Sequence[Format], text: str) -> Format:
    """The candidate whose sniffer claims the text, else the first."""
    if len(candidates) > 1:
        for fmt in candidates:
            if fmt.sniff(text):
                return fmt
    return candidates[0]


def writing_format(path: Path, name: str | None = None) -> Format:
    """The format to write `path` in: named, or told by its suffix."""
    if name is not None:
        return by_name(name, writing=True)
    found = _by_suffix(path, FORMATS)
    writable = [f for f in found if f.writes]
    if writable:
        return writable[0]
    if found:
        readers = ", ".join(f.name for f in found)
        raise UsageError(f"{path}: argmap reads {readers} but cannot write it; name a format with --to")
    raise UsageError(
        f"{path}: cannot tell the format from the suffix (expected {known_suffixes(writing=True)}); "
        "name one with --to"
    )


def load_path(path: Path | str, fmt: str | None = None) -> LoadResult:
    """Load a map file in any format argmap reads: the one named by `fmt`,
    or told by the suffix (and by the text, where formats share a suffix).
    `-` is standard input, named <stdin> in diagnostics, YAML unless `fmt`
    names another."""
    path = Path(path)
    candidates = reading_candidates(path, fmt)  # an unknown suffix fails before reading
    if is_stdin(path):
        return load_text(read_stdin("map"), STDIN_NAME, candidates[0].name)
    text = read_text(path, "map")
    return choose(candidates, text).read(text, str(path))


def load_text(text: str, name: str, fmt: str | None = None) -> LoadResult:
    """A map from text already read (a file at a git revision, say), in the
    format `fmt` names or the suffix of `name` tells; `name` names the map
    in diagnostics."""
    return choose(reading_candidates(Path(name), fmt), text).read(text, name)
