"""Dung's semantics (see the package docstring): grounded by the linear-time
queue algorithm; complete, preferred and stable through SAT encodings
solved with python-sat (imported only when one of them runs)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

from argmap.analysis.evaluate.results import Evaluation, claim_extensions, project
from argmap.errors import ToolMissingError
from argmap.formats.framework import Framework
from argmap.io.gc_pause import gc_paused
from argmap.model import Label, Semantics

if TYPE_CHECKING:
    from pysat.solvers import Solver

SAT_SOLVER = "minisat22"  # the quickest python-sat solver at enumerating (benchmarks/evaluate.py)

# -- grounded ------------------------------------------------------------------

UNDEC, IN, OUT = 0, 1, 2
LABELS = (Label.UNDEC, Label.IN, Label.OUT)


def grounded_labelling(framework: Framework) -> tuple[list[int], list[tuple[int, ...]]]:
    """Labels (IN, OUT, UNDEC) per argument, and for each out argument the
    in arguments that put it out first (one attacker, or the members of a
    joint attack; () otherwise). Linear in the size: an argument goes in
    when its last attack is defeated (an attacker, or a member of a joint
    attack, goes out); out when an attacker, or every member of a joint
    attack, is in."""
    if framework.joint_attacks:
        return _grounded_joint(framework)
    n = len(framework.arguments)
    targets: list[list[int]] = [[] for _ in range(n)]
    pending = [0] * n  # attackers not yet out
    for a, b in framework.attacks:
        targets[a].append(b)
        pending[b] += 1
    # 0 undecided, 1 in, 2 out (literals: this loop runs once per attack).
    label = [0] * n
    defeater: list[tuple[int, ...]] = [()] * n
    queue = [i for i in range(n) if not pending[i]]
    for i in queue:
        label[i] = 1
    head = 0
    while head < len(queue):
        a = queue[head]
        head += 1
        for b in targets[a]:
            if not label[b]:
                label[b] = 2
                defeater[b] = (a,)
                for c in targets[b]:
                    pending[c] -= 1
                    if not pending[c] and not label[c]:
                        label[c] = 1
                        queue.append(c)
    return label, defeater


def _grounded_joint(framework: Framework) -> tuple[list[int], list[tuple[int, ...]]]:
    """The same queue with collective attacks: a joint attack is defeated
    when one member goes out, and succeeds when its last member goes in."""
    n = len(framework.arguments)
    targets: list[list[int]] = [[] for _ in range(n)]
    pending = [0] * n  # attacks (single or joint) not yet defeated
    for a, b in framework.attacks:
        targets[a].append(b)
        pending[b] += 1
    joint = framework.joint_attacks
    member_of: list[list[int]] = [[] for _ in range(n)]
    missing = [len(members) for members, _ in joint]  # members not yet in
    alive = [True] * len(joint)
    for j, (members, b) in enumerate(joint):
        for m in members:
            member_of[m].append(j)
        pending[b] += 1
    label = [0] * n
    defeater: list[tuple[int, ...]] = [()] * n
    queue = [i for i in range(n) if not pending[i]]
    for i in queue:
        label[i] = 1

    targets_of_joint = [b for _, b in joint]

    def put_out(b: int, by: tuple[int, ...]) -> None:
        # The same as the loop below, for an argument a joint attack puts out.
        label[b] = 2
        defeater[b] = by
        for c in targets[b]:
            pending[c] -= 1
            if not pending[c] and not label[c]:
                label[c] = 1
                queue.append(c)
        for j in member_of[b]:
            if alive[j]:
                alive[j] = False
                c = targets_of_joint[j]
                pending[c] -= 1
                if not pending[c] and not label[c]:
                    label[c] = 1
                    queue.append(c)

    head = 0
    while head < len(queue):
        a = queue[head]
        head += 1
        for b in targets[a]:
            if label[b]:
                continue
            # Inlined put_out (this loop runs once per attack).
            label[b] = 2
            defeater[b] = (a,)
            for c in targets[b]:
                pending[c] -= 1
                if not pending[c] and not label[c]:
                    label[c] = 1
                    queue.append(c)
            for j in member_of[b]:
                if alive[j]:
                    alive[j] = False
                    c = targets_of_joint[j]
                    pending[c] -= 1
                    if not pending[c] and not label[c]:
                        label[c] = 1
                        queue.append(c)
        for j in member_of[a]:
            missing[j] -= 1
            if not missing[j] and not label[targets_of_joint[j]]:
                put_out(targets_of_joint[j], joint[j][0])
    return label, defeater


def grounded(framework: Framework) -> Evaluation:
    with gc_paused():
        label, _ = grounded_labelling(framework)
    names, claims = framework.arguments, framework.claim_count
    extension = frozenset(i for i, x in enumerate(label) if x == IN)
    return Evaluation(
        Semantics.GROUNDED,
        claim_extensions(framework, [extension]),
        labels={names[i]: LABELS[label[i]] for i in range(claims)},
        inference_labels={names[i]: LABELS[label[i]] for i in range(claims, len(names))},
        full_extensions=(extension,),
    )


# -- complete, preferred, stable (SAT) -----------------------------------------


def _new_solver() -> Solver:
    try:
        from pysat.solvers import Solver
    except ImportError:  # pragma: no cover - python-sat is a dependency
        raise ToolMissingError(
            "complete, preferred and stable semantics need python-sat (pip install python-sat)"
        ) from None
    return Solver(name=SAT_SOLVER)


class _Encoding(NamedTuple):
    """Clauses in which argument i is in the extension when variable i + 1
    is true; the arguments the grounded labelling leaves undecided (`free`)
    and the ones it puts in."""

    clauses: list[list[int]]
    free: list[int]
    fixed_in: frozenset[int]
    variables: int  # how many variables the clauses use

    def solver(self, more: Iterable[list[int]] = ()) -> Solver:
        solver = _new_solver()
        solver.append_formula(self.clauses)
        solver.append_formula(list(more))
        return solver

    def extension(self, model: Sequence[int]) -> frozenset[int]:
        # A model lists variables 1, 2, ... in order: model[i] is argument i's.
        return self.fixed_in | frozenset(i for i in self.free if model[i] > 0)

    def outside(self, extension: frozenset[int]) -> list[int]:
        """The clause "some undecided argument outside `extension` is in"."""
        return [i + 1 for i in self.free if i not in extension]


def _encode(framework: Framework, stable: bool) -> _Encoding | frozenset[int]:
    """The complete (or stable) encoding with the grounded labelling fixed;
    or, when grounded decides every argument, the grounded extension itself
    (then the only complete, preferred and stable one)."""
    label, _ = grounded_labelling(framework)
    fixed_in = frozenset(i for i, x in enumerate(label) if x == IN)
    free = [i for i, x in enumerate(label) if x == UNDEC]
    if not free:
        return fixed_in
    n = len(framework.arguments)
    clauses: list[list[int]] = []
    for i, x in enumerate(label):
        if x != UNDEC:
            clauses.append([i + 1 if x == IN else -(i + 1)])
    # Variables 1..n: argument in; n+1..2n: argument attacked by the
    # extension; then, per joint attack, "all its members are in" and (for
    # complete) "one of its members is attacked".
    sets = list(dict.fromkeys(members for members, _ in framework.joint_attacks))
    all_in = {members: 2 * n + j + 1 for j, members in enumerate(sets)}
    hit = {members: 2 * n + len(sets) + j + 1 for j, members in enumerate(sets)}
    for members, var in all_in.items():
        clauses.extend([-var, m + 1] for m in members)
        clauses.append([var, *(-(m + 1) for m in members)])
        if not stable:
            clauses.append([-hit[members], *(n + m + 1 for m in members)])
            clauses.extend([-(n + m + 1), hit[members]] for m in members)

    def succeeds(members: tuple[int, ...]) -> int:
        return members[0] + 1 if len(members) == 1 else all_in[members]

    def defeated(members: tuple[int, ...]) -> int:
        return n + members[0] + 1 if len(members) == 1 else hit[members]

    for a, attacks in enumerate(framework.attack_sets):
        x_a = a + 1
        if stable:
            # Conflict-free, and a is in or attacked by the extension.
            clauses.extend([-x_a, *(-(m + 1) for m in members)] for members in attacks)
            clauses.append([x_a, *(succeeds(members) for members in attacks)])
            continue
        # Besnard & Doutre, for collective attacks: P_a (variable n + a + 1)
        # <-> some attack on a succeeds; a is in <-> every attack on a has a
        # member the extension attacks; a in -> not P_a.
        p_a = n + a + 1
        clauses.append([-p_a, *(succeeds(members) for members in attacks)])
        clauses.extend([-succeeds(members), p_a] for members in attacks)
        clauses.extend([-x_a, defeated(members)] for members in attacks)
        clauses.append([x_a, *(-defeated(members) for members in attacks)])
        clauses.append([-x_a, -p_a])
    return _Encoding(clauses, free, fixed_in, 2 * n + 2 * len(sets))


class _Watchdog:
    """Stops an enumeration at its time limit. A single SAT call can take
    long, so a timer interrupts the solver that is running; the loops see
    `expired` between calls. Without a limit, solving is not interruptible
    (and slightly quicker)."""

    def __init__(self, seconds: float | None) -> None:
        self.expired = False
        self._lock = threading.Lock()
        self._solver: Solver | None = None
        self._timer: threading.Timer | None = None
        if seconds is not None:
            self._timer = threading.Timer(seconds, self._expire)
            self._timer.daemon = True
            self._timer.start()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            if self._solver is not None:
                self._solver.interrupt()

    def watch(self, solver: Solver | None) -> None:
        """The solver the timer interrupts from now on (None before deleting one)."""
        with self._lock:
            self._solver = solver

    def solve(self, solver: Solver, assumptions: Sequence[int] = ()) -> bool:
        """The solver's answer; False once the time is up (check `expired`)."""
        if self._timer is None:
            return bool(solver.solve(assumptions=assumptions))
        if self.expired:
            return False
        return bool(solver.solve_limited(assumptions=assumptions, expect_interrupt=True)) and not self.expired

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self.watch(None)


def _enumerate(
    framework: Framework, semantics: Semantics, limit: int | None, seconds: float | None = None
) -> tuple[list[frozenset[int]], bool]:
    """The extensions, at most `limit` + 1 of them (one more than the limit
    tells the caller it was reached), and whether `seconds` ran out first."""
    encoding = _encode(framework, stable=semantics is Semantics.STABLE)
    if isinstance(encoding, frozenset):
        return [encoding], False
    stop = None if limit is None else limit + 1
    watchdog = _Watchdog(seconds)
    try:
        if semantics is Semantics.PREFERRED:
            found = _preferred_loop(encoding, stop, watchdog)
        else:
            found = _complete_or_stable_loop(encoding, semantics, stop, watchdog)
    finally:
        watchdog.stop()
    return found, watchdog.expired


def _complete_or_stable_loop(
    encoding: _Encoding, semantics: Semantics, stop: int | None, watchdog: _Watchdog
) -> list[frozenset[int]]:
    found: list[frozenset[int]] = []
    solver = encoding.solver()
    watchdog.watch(solver)
    try:
        while len(found) != stop and watchdog.solve(solver):
            extension = encoding.extension(solver.get_model())
            found.append(extension)
            # Stable extensions are incomparable, so blocking the subsets of
            # one is sound; a complete one is blocked exactly.
            block = encoding.outside(extension)
            if semantics is Semantics.COMPLETE:
                block += [-(i + 1) for i in encoding.free if i in extension]
            if not block:
                break
            solver.add_clause(block)
    finally:
        watchdog.watch(None)
        solver.delete()
    return found


_REBUILD = 10_000  # retired activation literals before the solver starts afresh


def _preferred_loop(encoding: _Encoding, stop: int | None, watchdog: _Watchdog) -> list[frozenset[int]]:
    blocking: list[list[int]] = []
    found: list[frozenset[int]] = []
    solver = encoding.solver()
    watchdog.watch(solver)
    first = act = encoding.variables + 1
    try:
        while len(found) != stop and watchdog.solve(solver):
            extension = encoding.extension(solver.get_model())
            while outside := encoding.outside(extension):
                # A strictly larger complete extension? The clause is switched
                # on by an assumed activation literal and retired after; the
                # solver is rebuilt now and then so they do not pile up.
                if act - first >= _REBUILD:
                    watchdog.watch(None)
                    solver.delete()
                    solver, act = encoding.solver(blocking), first
                    watchdog.watch(solver)
                solver.add_clause([-act, *outside])
                grown = watchdog.solve(solver, [*(i + 1 for i in encoding.free if i in extension), act])
                if grown:
                    extension = encoding.extension(solver.get_model())
                solver.add_clause([-act])
                act += 1
                if not grown:
                    break
            if watchdog.expired:
                break  # not known to be maximal: a preferred extension only when grown to the end
            found.append(extension)
            outside = encoding.outside(extension)
            if not outside:
                break
            # Every later extension must hold an argument outside this one.
            blocking.append(outside)
            solver.add_clause(outside)
    finally:
        watchdog.watch(None)
        solver.delete()
    return found


class Enumerator(Protocol):
    def __call__(
        self, framework: Framework, max_extensions: int | None = None, seconds: float | None = None
    ) -> Evaluation: ...


def _dung(semantics: Semantics) -> Enumerator:
    def run(
        framework: Framework, max_extensions: int | None = None, seconds: float | None = None
    ) -> Evaluation:
        extensions, timed_out = _enumerate(framework, semantics, max_extensions, seconds)
        truncated = timed_out or (max_extensions is not None and len(extensions) > max_extensions)
        if max_extensions is not None:
            extensions = extensions[:max_extensions]
        by_claims = claim_extensions(framework, extensions)
        position = {e: i for i, e in enumerate(by_claims)}
        names = framework.arguments

        def order(extension: frozenset[int]) -> tuple[int, list[str]]:
            return position[project(framework, extension)], sorted(names[i] for i in extension)

        full = tuple(sorted(extensions, key=order))
        return Evaluation(
            semantics, by_claims, truncated=truncated, timed_out=timed_out, full_extensions=full
        )

    run.__name__ = semantics.value
    run.__doc__ = (
        f"Every {semantics.value} extension (through a SAT solver), or the first `max_extensions`, "
        "or those found in `seconds`."
    )
    return run


complete = _dung(Semantics.COMPLETE)
preferred = _dung(Semantics.PREFERRED)
stable = _dung(Semantics.STABLE)
