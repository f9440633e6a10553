"""Two maps checked at once: the first in a forked child process, the
second here, so that on two cores a diff of two big maps takes about the
time of one.

Loading a 10,000-claim map is most of `argmap diff`'s time, and it is pure
Python (the GIL allows no threads). The child sends its result back through
a pipe as plain tuples (spans dropped: the diff does not use them, and the
diagnostics, which do, are sent as they are), which pickle in a few
milliseconds where the model's named tuples take a tenth of a second. Where
there is no fork, no idle CPU, or little to load, both are checked here in
turn.
The result is the same either way; if the child fails for any reason other
than an error in the map, the first map is checked here after all.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from argmap.checks.gate import Checked
from argmap.errors import (
    ArgmapError,
    Diagnostic,
    InputError,
    OutputError,
    Severity,
    ToolMissingError,
    UsageError,
)
from argmap.model import (
    ArgumentMap,
    Claim,
    Expectation,
    Relation,
    RelationType,
    Side,
    Source,
    SourceRef,
    SourceSpan,
)

T = TypeVar("T")

# Below this many characters of map text a fork costs more than it saves.
PARALLEL_CHARS = 500_000
_ERRORS: dict[str, type[ArgmapError]] = {
    cls.__name__: cls for cls in (ArgmapError, InputError, UsageError, OutputError, ToolMissingError)
}


def check_both(check: Callable[[T], Checked], first: T, second: T, size: int) -> tuple[Checked, Checked]:
    """(check(first), check(second)); an ArgmapError from the first wins."""
    if size < PARALLEL_CHARS or not hasattr(os, "fork") or not _a_cpu_is_free():
        return check(first), check(second)
    sys.stdout.flush()
    sys.stderr.flush()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: check, send, and leave without running anything else
        status = 1
        try:
            os.close(reader)
            with os.fdopen(writer, "wb") as out:
                out.write(pickle.dumps(_outcome(check, first), protocol=pickle.HIGHEST_PROTOCOL))
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    mine: Checked | None = None
    failure: BaseException | None = None
    try:
        mine = check(second)
    except BaseException as exc:  # the first side's error comes first
        failure = exc
    with os.fdopen(reader, "rb") as incoming:
        data = incoming.read()
    _, status = os.waitpid(pid, 0)
    theirs = _unpack(data) if status == 0 and data else None
    if isinstance(theirs, ArgmapError):
        raise theirs
    if failure is not None:
        raise failure
    assert mine is not None
    return (theirs if isinstance(theirs, Checked) else check(first)), mine


def _a_cpu_is_free() -> bool:
    """Two or more CPUs for this process, and (on Linux) fewer other tasks
    ready to run this moment than CPUs besides ours: on a busy machine the
    two processes would share one CPU, and sending the map over and
    switching between them cost more than they save. The count is now, not
    the load average, which lags and counts argmap's own last runs."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if cpus < 2:
        return False
    try:
        # "0.42 0.50 0.61 2/345 6789": tasks running or ready / all tasks
        running = int(Path("/proc/loadavg").read_text(encoding="ascii").split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return True
    return running - 1 <= cpus - 2


def _outcome(check: Callable[[T], Checked], item: T) -> tuple[Any, ...]:
    try:
        checked = check(item)
    except ArgmapError as exc:
        span = tuple(exc.span) if exc.span is not None else None
        return (
            "error",
            type(exc).__name__ if type(exc).__name__ in _ERRORS else "InputError",
            exc.message,
            span,
        )
    return ("ok", _pack_map(checked.map), [_pack_diagnostic(d) for d in checked.diagnostics])


def _unpack(data: bytes) -> Checked | ArgmapError:
    outcome = pickle.loads(data)
    if outcome[0] == "error":
        _, name, message, span = outcome
        return _ERRORS[name](message, SourceSpan(*span) if span is not None else None)
    _, packed, diagnostics = outcome
    return Checked(_unpack_map(packed), [_unpack_diagnostic(d) for d in diagnostics])


def _pack_diagnostic(d: Diagnostic) -> tuple[Any, ...]:
    return (*d.span, d.severity.value, d.check_id, d.message)


def _unpack_diagnostic(t: tuple[Any, ...]) -> Diagnostic:
    return Diagnostic(SourceSpan(t[0], t[1], t[2]), Severity(t[3]), t[4], t[5])


def _ref(ref: SourceRef | None) -> tuple[Any, ...] | None:
    return None if ref is None else (ref.ref, ref.quote, ref.loc)


def _pack_map(amap: ArgumentMap) -> tuple[Any, ...]:
    claims = [
        (c.id, c.text, c.by, _ref(c.source), c.tags, c.weight, c.note, [_ref(m) for m in c.more_sources])
        for c in amap.claims
    ]
    relations = [(r.id, r.source, r.target, r.type.value, r.group) for r in amap.relations]
    sources = [(s.id, s.title, s.author, s.file, s.url) for s in amap.sources.values()]
    sides = [(s.id, s.name, s.colour) for s in amap.sides.values()]
    expect = [(e.semantics, e.status, e.claim) for e in amap.expect]
    return (claims, relations, amap.title, amap.description, sources, sides, amap.file, expect)


def _unpack_map(packed: tuple[Any, ...]) -> ArgumentMap:
    claims, relations, title, description, sources, sides, file, expect = packed
    types = {t.value: t for t in RelationType}

    def ref(t: tuple[Any, ...] | None) -> SourceRef | None:
        return None if t is None else SourceRef(*t)

    return ArgumentMap(
        claims=tuple(
            Claim(i, text, by, ref(s), tags, weight, note, more_sources=tuple(SourceRef(*m) for m in more))
            for i, text, by, s, tags, weight, note, more in claims
        ),
        relations=tuple(Relation(i, s, t, types[type_], g) for i, s, t, type_, g in relations),
        title=title,
        description=description,
        sources={s[0]: Source(*s) for s in sources},
        sides={s[0]: Side(*s) for s in sides},
        file=file,
        expect=tuple(Expectation(*e) for e in expect),
    )
