"""Which claims stand: Dung's semantics and DF-QuAD strengths over a map.

Pure functions over the model; the standard library only, plus python-sat
(imported when a semantics needs it) for complete, preferred and stable.

The framework
-------------
A map becomes a Dung framework (:class:`Framework`) as follows; see
docs/evaluation.md for a worked example.

* Every claim is an argument. Supports add no attacks: they do not change
  Dung acceptability (DF-QuAD uses them; see below).
* An attack relation ``a -> b`` is the attack ``(a, b)``.
* A relation that is undercut gets an *inference node*: an argument whose id
  is the relation id (``attack:a:b``, ``support:p:c``). Then
  - every undercutter attacks the inference node;
  - the inference node is attacked by every attacker of the relation's
    source claim: an inference stands only if its premise does;
  - for an undercut attack ``a -> b``, the attack on ``b`` goes through the
    node: the node attacks ``b`` and ``a`` does not attack ``b`` directly.
    For an undercut support the node attacks nothing; its label is still
    reported (among the inferences).
  An undercut is itself a relation (its source attacks the inference node of
  its target), so an undercut of an undercut works the same way, recursively.

This is the flattening of AFRA, the argumentation framework with recursive
attacks (Baroni, Cerutti, Giacomin, Guida, IJAR 52(1), 2011), where an attack
is defeated by an attack on it (the undercut) and by an attack on its source.
AFRA gives every attack a node; a relation that nobody undercuts is attacked
exactly by the attackers of its source, so in every complete labelling its
node has its source's label and it can be left out without changing any
claim's status; argmap draws a node only for relations that are undercut.
The same shape is ASPIC+'s (Modgil and Prakken, Argument & Computation 5(1),
2014): the argument "a, so not b" falls to an undercut on its last inference
and to any attack on its sub-argument a.

Results are about claims: extensions hold claim ids only, sorted, and the
list of extensions is sorted; the labels of inference nodes are reported
apart (``inferences``).

Semantics
---------
* ``grounded``: the least complete labelling, by the linear-time queue
  algorithm (an argument is in when all its attackers are out, out when an
  attacker is in; what is never reached is undecided).
* ``complete``, ``preferred``, ``stable``: SAT encodings solved with
  python-sat. Complete extensions: Besnard and Doutre's encoding with an
  "attacked" variable per argument; stable: conflict-free and every argument
  outside attacked. Preferred: iterated maximisation as in PrefSAT/ArgSemSAT
  (Cerutti, Dunne, Giacomin, Vallati 2013) and CEGARTIX: find a complete
  extension outside the ones found, grow it while a strictly larger complete
  extension exists, then block every subset of it. The grounded labelling is
  computed first and fixed in every encoding (every complete extension
  contains its in-arguments and none of its out-arguments).
* ``dfquad``: DF-QuAD (Rago, Toni, Aurisicchio, Baroni, KR 2016). Base score
  from ``weight`` (0.5 when absent). Attackers and supporters are aggregated
  with the probabilistic sum ``1 - prod(1 - v)`` and combined with the base
  ``v0``: ``v0 - v0 * (va - vs)`` when ``va >= vs``, else
  ``v0 + (1 - v0) * (vs - va)``.
  A relation contributes ``strength(source) * strength(inference)``. An
  inference node has base score 1 and no supporters; its undercuts are its
  attackers, so its strength is ``1 - F(undercuts)``; an undercut's own
  contribution is weakened by the undercuts of the undercut, and so on.
  A linked group of premises is one reason: its contribution is the product
  of its members' contributions (the premises hold only together; the
  product is the t-norm dual to DF-QuAD's probabilistic sum).
  The graph is evaluated in topological order of its strongly connected
  components: exactly where it is acyclic, and by simultaneous (Jacobi)
  iteration from the base scores within each cycle, until no strength moves
  by more than the tolerance. A cycle that still oscillates after 1,000
  iterations (or half the limit) is iterated on with averaging, ``x <- (x + f(x)) / 2``
  (same fixed points; ``damped`` says so); ``converged`` is false when that
  did not settle either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from argmap.errors import ToolMissingError, UsageError
from argmap.formats.framework import Framework, framework_from_map
from argmap.io.gc_pause import gc_paused
from argmap.model import ArgumentMap, Label, Relation, RelationType, Semantics

if TYPE_CHECKING:
    from pysat.solvers import Solver

__all__ = [
    "DEFAULT_WEIGHT",
    "Chain",
    "Contribution",
    "Evaluation",
    "Framework",
    "Label",
    "Semantics",
    "Step",
    "Why",
    "complete",
    "dfquad",
    "evaluate",
    "framework_from_map",
    "grounded",
    "preferred",
    "stable",
    "why",
]

DEFAULT_WEIGHT = 0.5
TOLERANCE = 1e-9
MAX_ITERATIONS = 10_000
PLAIN_ITERATIONS = 1_000  # then averaged, if a cycle still oscillates
SAT_SOLVER = "minisat22"  # the quickest python-sat solver at enumerating (benchmarks/evaluate.py)


# -- results -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evaluation:
    """What a semantics says about a framework.

    `extensions` hold claim ids only (sorted; the list sorted). `labels` is
    the grounded labelling of the claims, `strengths` the DF-QuAD strengths;
    `inference_labels` and `inference_strengths` are the same for inference
    nodes. `converged` is false when DF-QuAD's iteration did not settle.
    """

    semantics: Semantics
    extensions: tuple[tuple[str, ...], ...] = ()
    labels: Mapping[str, Label] = field(default_factory=dict)
    strengths: Mapping[str, float] = field(default_factory=dict)
    inference_labels: Mapping[str, Label] = field(default_factory=dict)
    inference_strengths: Mapping[str, float] = field(default_factory=dict)
    converged: bool = True
    iterations: int = 0
    damped: bool = False
    # Enumeration stopped at its limit: `extensions` are some, not all.
    truncated: bool = False
    # Every argument's index set per extension, inference nodes included (for `why`).
    full_extensions: tuple[frozenset[int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The JSON contract: semantics, extensions; labels (grounded) or
        strengths (dfquad); inferences when the map has inference nodes;
        converged and iterations for dfquad."""
        document: dict[str, Any] = {
            "semantics": self.semantics.value,
            "extensions": [list(e) for e in self.extensions],
        }
        if self.truncated:
            document["truncated"] = True
        if self.semantics is Semantics.GROUNDED:
            document["labels"] = {k: v.value for k, v in self.labels.items()}
            if self.inference_labels:
                document["inferences"] = {k: v.value for k, v in self.inference_labels.items()}
        if self.semantics is Semantics.DFQUAD:
            document["strengths"] = dict(self.strengths)
            if self.inference_strengths:
                document["inferences"] = dict(self.inference_strengths)
            document["converged"] = self.converged
            document["iterations"] = self.iterations
            if self.damped:
                document["damped"] = True
        return document


def _project(framework: Framework, extension: Iterable[int]) -> tuple[str, ...]:
    """The claims of an extension, sorted."""
    names, claims = framework.arguments, framework.claim_count
    return tuple(sorted(names[i] for i in extension if i < claims))


def _claim_extensions(
    framework: Framework, extensions: Iterable[Iterable[int]]
) -> tuple[tuple[str, ...], ...]:
    """Extensions as sorted claim ids, sorted. Two extensions that differ only
    in inference nodes have the same claims and are listed once."""
    return tuple(sorted({_project(framework, e) for e in extensions}))


# -- grounded ------------------------------------------------------------------

_UNDEC, _IN, _OUT = 0, 1, 2
_LABELS = (Label.UNDEC, Label.IN, Label.OUT)


def _grounded_labelling(framework: Framework) -> tuple[list[int], list[int]]:
    """Labels (_IN, _OUT, _UNDEC) per argument, and for each out argument the
    in argument that put it out first (-1 otherwise). Linear in the size:
    an argument goes in when its last attacker goes out."""
    n = len(framework.arguments)
    targets: list[list[int]] = [[] for _ in range(n)]
    pending = [0] * n  # attackers not yet out
    for a, b in framework.attacks:
        targets[a].append(b)
        pending[b] += 1
    # 0 undecided, 1 in, 2 out (literals: this loop runs once per attack).
    label = [0] * n
    defeater = [-1] * n
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
                defeater[b] = a
                for c in targets[b]:
                    pending[c] -= 1
                    if not pending[c] and not label[c]:
                        label[c] = 1
                        queue.append(c)
    return label, defeater


def grounded(framework: Framework) -> Evaluation:
    with gc_paused():
        label, _ = _grounded_labelling(framework)
    names, claims = framework.arguments, framework.claim_count
    extension = frozenset(i for i, x in enumerate(label) if x == _IN)
    return Evaluation(
        Semantics.GROUNDED,
        _claim_extensions(framework, [extension]),
        labels={names[i]: _LABELS[label[i]] for i in range(claims)},
        inference_labels={names[i]: _LABELS[label[i]] for i in range(claims, len(names))},
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
    label, _ = _grounded_labelling(framework)
    fixed_in = frozenset(i for i, x in enumerate(label) if x == _IN)
    free = [i for i, x in enumerate(label) if x == _UNDEC]
    if not free:
        return fixed_in
    n = len(framework.arguments)
    clauses: list[list[int]] = []
    for i, x in enumerate(label):
        if x != _UNDEC:
            clauses.append([i + 1 if x == _IN else -(i + 1)])
    for a, attackers in enumerate(framework.attackers):
        x_a = a + 1
        if stable:
            # Conflict-free, and a is in or attacked by the extension.
            clauses.extend([-x_a, -(b + 1)] for b in attackers)
            clauses.append([x_a, *(b + 1 for b in attackers)])
            continue
        # Besnard & Doutre: P_a (variable n + a + 1) <-> some attacker of a is in;
        # a is in <-> every attacker of a is attacked; a in -> not P_a.
        p_a = n + a + 1
        clauses.append([-p_a, *(b + 1 for b in attackers)])
        clauses.extend([-(b + 1), p_a] for b in attackers)
        clauses.extend([-x_a, n + b + 1] for b in attackers)
        clauses.append([x_a, *(-(n + b + 1) for b in attackers)])
        clauses.append([-x_a, -p_a])
    return _Encoding(clauses, free, fixed_in, n if stable else 2 * n)


def _enumerate(framework: Framework, semantics: Semantics, limit: int | None) -> list[frozenset[int]]:
    """The extensions, at most `limit` + 1 of them (one more than the limit
    tells the caller it was reached)."""
    encoding = _encode(framework, stable=semantics is Semantics.STABLE)
    if isinstance(encoding, frozenset):
        return [encoding]
    stop = None if limit is None else limit + 1
    if semantics is Semantics.PREFERRED:
        return _preferred_loop(encoding, stop)
    found: list[frozenset[int]] = []
    with encoding.solver() as solver:
        while len(found) != stop and solver.solve():
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
    return found


_REBUILD = 10_000  # retired activation literals before the solver starts afresh


def _preferred_loop(encoding: _Encoding, stop: int | None) -> list[frozenset[int]]:
    blocking: list[list[int]] = []
    found: list[frozenset[int]] = []
    solver = encoding.solver()
    first = act = encoding.variables + 1
    try:
        while len(found) != stop and solver.solve():
            extension = encoding.extension(solver.get_model())
            while outside := encoding.outside(extension):
                # A strictly larger complete extension? The clause is switched
                # on by an assumed activation literal and retired after; the
                # solver is rebuilt now and then so they do not pile up.
                if act - first >= _REBUILD:
                    solver.delete()
                    solver, act = encoding.solver(blocking), first
                solver.add_clause([-act, *outside])
                grown = solver.solve(assumptions=[*(i + 1 for i in encoding.free if i in extension), act])
                if grown:
                    extension = encoding.extension(solver.get_model())
                solver.add_clause([-act])
                act += 1
                if not grown:
                    break
            found.append(extension)
            outside = encoding.outside(extension)
            if not outside:
                break
            # Every later extension must hold an argument outside this one.
            blocking.append(outside)
            solver.add_clause(outside)
    finally:
        solver.delete()
    return found


class Enumerator(Protocol):
    def __call__(self, framework: Framework, max_extensions: int | None = None) -> Evaluation: ...


def _dung(semantics: Semantics) -> Enumerator:
    def run(framework: Framework, max_extensions: int | None = None) -> Evaluation:
        extensions = _enumerate(framework, semantics, max_extensions)
        truncated = max_extensions is not None and len(extensions) > max_extensions
        if truncated:
            extensions = extensions[:max_extensions]
        claim_extensions = _claim_extensions(framework, extensions)
        position = {e: i for i, e in enumerate(claim_extensions)}
        names = framework.arguments

        def order(extension: frozenset[int]) -> tuple[int, list[str]]:
            return position[_project(framework, extension)], sorted(names[i] for i in extension)

        full = tuple(sorted(extensions, key=order))
        return Evaluation(semantics, claim_extensions, truncated=truncated, full_extensions=full)

    run.__name__ = semantics.value
    run.__doc__ = f"Every {semantics.value} extension (through a SAT solver), or the first `max_extensions`."
    return run


complete = _dung(Semantics.COMPLETE)
preferred = _dung(Semantics.PREFERRED)
stable = _dung(Semantics.STABLE)


# -- DF-QuAD -------------------------------------------------------------------


class _Term(NamedTuple):
    """One reason into a node: the product of strength(source) *
    strength(inference) over its factors (several for a linked group)."""

    relation: str
    factors: tuple[tuple[int, int], ...]  # (source node, inference node or -1)
    attack: bool


def _gradual_terms(framework: Framework) -> list[list[_Term]]:
    index = framework.index
    terms: list[list[_Term]] = [[] for _ in framework.arguments]
    if not framework.relations:
        names = framework.arguments
        for a, b in dict.fromkeys(framework.attacks):
            terms[b].append(_Term(f"attack:{names[a]}:{names[b]}", ((a, -1),), True))
        return terms
    groups: dict[tuple[str, str, str], list[Relation]] = {}
    for relation in framework.relations:
        if relation.group is not None:
            groups.setdefault((relation.target, relation.type.value, relation.group), []).append(relation)
    done: set[tuple[str, str, str]] = set()
    for relation in framework.relations:
        members = [relation]
        if relation.group is not None:
            key = (relation.target, relation.type.value, relation.group)
            if key in done:
                continue
            done.add(key)
            members = groups[key]
        factors = tuple((index[r.source], index.get(r.id, -1)) for r in members)
        name = relation.group if relation.group is not None else relation.id
        terms[index[relation.target]].append(_Term(name, factors, relation.type is not RelationType.SUPPORT))
    return terms


def _contribution(term: _Term, strength: Sequence[float]) -> float:
    value = 1.0
    for source, inference in term.factors:
        value *= strength[source] if inference < 0 else strength[source] * strength[inference]
    return value


def _combine(base: float, attack: float, support: float) -> float:
    if attack >= support:
        return base - base * (attack - support)
    return base + (1.0 - base) * (support - attack)


def _aggregates(terms: Sequence[_Term], strength: Sequence[float]) -> tuple[float, float]:
    keep_attack = keep_support = 1.0
    for term in terms:
        value = _contribution(term, strength)
        if term.attack:
            keep_attack *= 1.0 - value
        else:
            keep_support *= 1.0 - value
    return 1.0 - keep_attack, 1.0 - keep_support


def _base_scores(framework: Framework) -> list[float]:
    weights = framework.weights
    return [
        weights.get(name, DEFAULT_WEIGHT) if i < framework.claim_count else 1.0
        for i, name in enumerate(framework.arguments)
    ]


def _components(dependencies: Sequence[Sequence[int]]) -> list[list[int]]:
    """Strongly connected components, each after every component it depends
    on (Tarjan's algorithm, iterative)."""
    n = len(dependencies)
    order = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    found: list[list[int]] = []
    counter = 0
    for root in range(n):
        if order[root] >= 0:
            continue
        work = [(root, 0)]
        order[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            node, position = work[-1]
            edges = dependencies[node]
            if position < len(edges):
                work[-1] = (node, position + 1)
                child = edges[position]
                if order[child] < 0:
                    order[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack[child] = True
                    work.append((child, 0))
                elif on_stack[child]:
                    low[node] = min(low[node], order[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == order[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
    return found


class _Settled(NamedTuple):
    strength: list[float]
    converged: bool
    iterations: int  # the most any cycle needed (0: no cycles)
    damped: bool  # some cycle needed the averaged iteration


def _strengths(
    framework: Framework, terms: Sequence[Sequence[_Term]], tolerance: float, max_iterations: int
) -> _Settled:
    base = _base_scores(framework)
    strength = list(base)
    dependencies = [sorted({i for t in ts for f in t.factors for i in f if i >= 0}) for ts in terms]
    converged, iterations, damped = True, 0, False
    for component in _components(dependencies):
        if len(component) == 1 and component[0] not in dependencies[component[0]]:
            node = component[0]
            strength[node] = _combine(base[node], *_aggregates(terms[node], strength))
            continue
        component.sort()
        steps = _settle(component, base, terms, strength, tolerance, max_iterations)
        if steps is None:
            converged, iterations = False, max_iterations
        else:
            iterations = max(iterations, steps)
            damped = damped or steps > min(max_iterations // 2, PLAIN_ITERATIONS)
    return _Settled(strength, converged, iterations, damped)


def _settle(
    component: list[int],
    base: Sequence[float],
    terms: Sequence[Sequence[_Term]],
    strength: list[float],
    tolerance: float,
    max_iterations: int,
) -> int | None:
    """Iterate one cycle's strengths (in place) to a fixed point: the plain
    simultaneous update for up to PLAIN_ITERATIONS (at most half the
    limit), then, if that
    oscillates, the averaged one (x <- (x + f(x)) / 2, the same fixed points;
    Potyka, KR 2018, shows the continuous-time dynamics converging where the
    discrete ones do not). The number of iterations, or None."""
    plain = min(max_iterations // 2, PLAIN_ITERATIONS)
    for step in range(1, max_iterations + 1):
        mix = 1.0 if step <= plain else 0.5
        change = 0.0
        updated = [_combine(base[i], *_aggregates(terms[i], strength)) for i in component]
        for i, new in zip(component, updated, strict=True):
            change = max(change, abs(new - strength[i]))
            strength[i] += mix * (new - strength[i])
        if change <= tolerance:
            return step
    return None


def dfquad(
    framework: Framework, tolerance: float = TOLERANCE, max_iterations: int = MAX_ITERATIONS
) -> Evaluation:
    """DF-QuAD strengths of every argument (see the module docstring)."""
    settled = _strengths(framework, _gradual_terms(framework), tolerance, max_iterations)
    strength, names, claims = settled.strength, framework.arguments, framework.claim_count
    return Evaluation(
        Semantics.DFQUAD,
        strengths={names[i]: strength[i] for i in range(claims)},
        inference_strengths={names[i]: strength[i] for i in range(claims, len(names))},
        converged=settled.converged,
        iterations=settled.iterations,
        damped=settled.damped,
    )


# -- all together --------------------------------------------------------------

SEMANTICS: dict[Semantics, Callable[[Framework], Evaluation]] = {
    Semantics.GROUNDED: grounded,
    Semantics.COMPLETE: complete,
    Semantics.PREFERRED: preferred,
    Semantics.STABLE: stable,
    Semantics.DFQUAD: dfquad,
}
# Semantics whose extensions are enumerated, and can be exponentially many.
ENUMERATED: dict[Semantics, Enumerator] = {
    Semantics.COMPLETE: complete,
    Semantics.PREFERRED: preferred,
    Semantics.STABLE: stable,
}


def evaluate(
    framework: Framework, semantics: Semantics = Semantics.GROUNDED, max_extensions: int | None = None
) -> Evaluation:
    """`max_extensions` caps how many extensions complete, preferred and
    stable enumerate (a framework of n even cycles has 2**n); the result
    says `truncated` when the cap was reached. None: no cap."""
    enumerated = ENUMERATED.get(semantics)
    if enumerated is not None:
        return enumerated(framework, max_extensions)
    return SEMANTICS[semantics](framework)


# -- why -----------------------------------------------------------------------


class Step(NamedTuple):
    """One link of an explanation: an argument, its label, and the arguments
    that give it that label. An in argument: all its attackers (each out);
    an out argument: the in attacker that defeats it; an undecided one: its
    undecided attackers. `repeated`: explained above (a cycle), not again;
    `truncated`: the chain stops here for length."""

    id: str
    label: Label
    inference: bool
    because: tuple[Step, ...] = ()
    repeated: bool = False
    truncated: bool = False


class Attacker(NamedTuple):
    id: str
    label: Label
    inference: bool
    defeated_by: tuple[str, ...]  # its attackers that are in


class Chain(NamedTuple):
    """Why an argument has its label in one labelling: `extension` is the
    index of its claims in the evaluation's extensions (None for grounded);
    two chains share it when their extensions differ only in inferences."""

    extension: int | None
    label: Label
    attackers: tuple[Attacker, ...]
    step: Step


class Contribution(NamedTuple):
    """A reason's part in a DF-QuAD strength: `relation` (or group) id, its
    source(s), attack or support, and strength(source) * strength(inference)."""

    relation: str
    sources: tuple[str, ...]
    attack: bool
    value: float


@dataclass(frozen=True, slots=True)
class Why:
    id: str
    semantics: Semantics
    inference: bool
    chains: tuple[Chain, ...] = ()  # Dung semantics: one per extension (one for grounded)
    base: float | None = None  # DF-QuAD from here on
    strength: float | None = None
    attack: float | None = None
    support: float | None = None
    contributions: tuple[Contribution, ...] = ()

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {"id": self.id, "semantics": self.semantics.value}
        if self.semantics is Semantics.DFQUAD:
            document.update(
                base=self.base,
                strength=self.strength,
                attack=self.attack,
                support=self.support,
                contributions=[c._asdict() | {"sources": list(c.sources)} for c in self.contributions],
            )
            return document
        document["chains"] = [
            {
                "extension": chain.extension,
                "label": chain.label.value,
                "attackers": [
                    {"id": a.id, "label": a.label.value, "defeated_by": list(a.defeated_by)}
                    for a in chain.attackers
                ],
                "chain": _step_json(chain.step),
            }
            for chain in self.chains
        ]
        return document


def _step_json(step: Step) -> dict[str, Any]:
    document: dict[str, Any] = {"id": step.id, "label": step.label.value}
    if step.inference:
        document["inference"] = True
    if step.repeated:
        document["repeated"] = True
    if step.truncated:
        document["truncated"] = True
    if step.because:
        document["because"] = [_step_json(s) for s in step.because]
    return document


def why(result: Evaluation, framework: Framework, argument: str, depth: int = 6) -> Why:
    """Why `argument` (a claim or inference id) has its label or strength:
    its attackers, which of them are defeated and by what, as a chain of at
    most `depth` links. Raises KeyError for an unknown id."""
    target = framework.index[argument]
    inference = target >= framework.claim_count
    if result.semantics is Semantics.DFQUAD:
        return _why_gradual(framework, target, inference)
    if result.semantics is Semantics.GROUNDED:
        label, defeater = _grounded_labelling(framework)
        labellings: list[tuple[int | None, list[int], list[int]]] = [(None, label, defeater)]
    else:
        position = {e: i for i, e in enumerate(result.extensions)}
        labellings = [
            (position[_project(framework, extension)], *_labelling_of(framework, extension))
            for extension in result.full_extensions
        ]
    chains = []
    for number, label, defeater in labellings:
        labels = [_LABELS[x] for x in label]
        attackers = tuple(
            Attacker(
                framework.arguments[b],
                labels[b],
                b >= framework.claim_count,
                tuple(framework.arguments[c] for c in framework.attackers[b] if label[c] == _IN),
            )
            for b in framework.attackers[target]
        )
        step = _explain(framework, labels, defeater, target, depth, set())
        chains.append(Chain(number, labels[target], attackers, step))
    return Why(argument, result.semantics, inference, tuple(chains))


def _labelling_of(framework: Framework, extension: frozenset[int]) -> tuple[list[int], list[int]]:
    """The labelling of an extension: in, out when a member attacks it (the
    first such member is its defeater), undecided otherwise."""
    label = [_IN if i in extension else _UNDEC for i in range(len(framework.arguments))]
    defeater = [-1] * len(label)
    for i, attackers in enumerate(framework.attackers):
        if label[i] == _UNDEC:
            for b in attackers:
                if b in extension:
                    label[i], defeater[i] = _OUT, b
                    break
    return label, defeater


def _explain(
    framework: Framework, labels: list[Label], defeater: list[int], node: int, depth: int, seen: set[int]
) -> Step:
    name, label, inference = framework.arguments[node], labels[node], node >= framework.claim_count
    if node in seen:
        return Step(name, label, inference, repeated=True)
    if depth <= 0:
        return Step(name, label, inference, truncated=True)
    seen.add(node)
    attackers = framework.attackers[node]
    if label is Label.IN:
        reasons = list(attackers)
    elif label is Label.OUT:
        reasons = [defeater[node]]
    else:
        reasons = [b for b in attackers if labels[b] is Label.UNDEC]
    because = tuple(_explain(framework, labels, defeater, b, depth - 1, seen) for b in dict.fromkeys(reasons))
    return Step(name, label, inference, because)


def _why_gradual(framework: Framework, target: int, inference: bool) -> Why:
    all_terms = _gradual_terms(framework)
    strength = _strengths(framework, all_terms, TOLERANCE, MAX_ITERATIONS).strength
    names = framework.arguments
    terms = all_terms[target]
    contributions = tuple(
        Contribution(t.relation, tuple(names[s] for s, _ in t.factors), t.attack, _contribution(t, strength))
        for t in terms
    )
    attack, support = _aggregates(terms, strength)
    return Why(
        names[target],
        Semantics.DFQUAD,
        inference,
        base=_base_scores(framework)[target],
        strength=strength[target],
        attack=attack,
        support=support,
        contributions=contributions,
    )


def claim_statuses(result: Evaluation, claims: Iterable[str]) -> dict[str, str] | None:
    """Claim -> "in", "out" or "undec". Grounded: its labels. Several
    extensions: in every one = in, in none = out, in some = undec. None
    when there is no extension at all (stable semantics can have none) or
    the semantics is gradual."""
    if result.labels:
        return {claim: label.value for claim, label in result.labels.items()}
    if not result.extensions:
        return None
    everywhere = set(result.extensions[0]).intersection(*result.extensions[1:])
    somewhere = set().union(*result.extensions)
    return {
        claim: "in" if claim in everywhere else "undec" if claim in somewhere else "out" for claim in claims
    }


MARK_LIMIT = 10_000  # extensions enumerated to mark claims in, out or undec


def status_marks(
    amap: ArgumentMap, semantics: Semantics, max_extensions: int = MARK_LIMIT
) -> dict[str, str] | None:
    """What `show --eval` and `render --eval` mark on a map: claim id -> "in",
    "out" or "undec" (and, under grounded, the label of each undercut
    relation's inference, by relation id), or a DF-QuAD strength to two
    places. None when the semantics gives no extension at all. Raises
    UsageError when there are more than `max_extensions` extensions: some
    of them cannot tell which claims are in every one."""
    result = evaluate(framework_from_map(amap), semantics, max_extensions)
    if result.truncated:
        raise UsageError(
            f"the map has more than {max_extensions} {semantics.value} extensions, too many to mark "
            "each claim; grounded semantics gives one answer"
        )
    if result.strengths:
        return {claim: f"{strength:.2f}" for claim, strength in result.strengths.items()}
    statuses = claim_statuses(result, (c.id for c in amap.claims))
    if statuses is None:
        return None
    return statuses | {relation: label.value for relation, label in result.inference_labels.items()}
