"""Gradual strengths (see the package docstring): the reasons into each
node, and the iteration that settles cycles, component by component in
topological order. What differs between the semantics -- how a node's
attacks and supports are aggregated and combined with its base score -- is
one small :class:`~argmap.analysis.evaluate.influence.Influence` each, in
`influence.py`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from argmap.analysis.evaluate.influence import INFLUENCES, Influence, Term
from argmap.analysis.evaluate.results import Evaluation
from argmap.formats.framework import Framework
from argmap.model import Relation, RelationType, Semantics

DEFAULT_WEIGHT = 0.5
TOLERANCE = 1e-9
MAX_ITERATIONS = 10_000
PLAIN_ITERATIONS = 1_000  # then averaged, if a cycle still oscillates


def gradual_terms(framework: Framework) -> list[list[Term]]:
    """The reasons into each node: one per relation, one per linked group
    (a joint reason, whose weight is the least of its relations' weights)."""
    index = framework.index
    terms: list[list[Term]] = [[] for _ in framework.arguments]
    if not framework.relations:
        names = framework.arguments
        for a, b in dict.fromkeys(framework.attacks):
            terms[b].append(Term(f"attack:{names[a]}:{names[b]}", ((a, -1),), True))
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
        # A linked group's members share one inference node (when undercut).
        factors = _factors(framework, members)
        name = relation.group if relation.group is not None else relation.id
        into = (
            _node(framework, relation.target)
            if relation.type is RelationType.UNDERCUT
            else index[relation.target]
        )
        weight = min(1.0 if r.weight is None else r.weight for r in members)
        terms[into].append(Term(name, factors, relation.type is not RelationType.SUPPORT, weight))
    return terms


def _factors(framework: Framework, members: list[Relation]) -> tuple[tuple[int, int], ...]:
    """(source, inference node) per member; a node the members share counts once."""
    index, seen = framework.index, set()
    factors = []
    for relation in members:
        node = _node(framework, relation.id)
        if node in seen:
            node = -1
        elif node >= 0:
            seen.add(node)
        factors.append((index[relation.source], node))
    return tuple(factors)


def _node(framework: Framework, relation_id: str) -> int:
    node = framework.node_of(relation_id)
    return -1 if node is None else node


def base_scores(framework: Framework) -> list[float]:
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


class Settled(NamedTuple):
    strength: list[float]
    converged: bool
    iterations: int  # the most any cycle needed (0: no cycles)
    damped: bool  # some cycle needed the averaged iteration


def strengths(
    framework: Framework,
    terms: Sequence[Sequence[Term]],
    tolerance: float,
    max_iterations: int,
    influence: Influence = INFLUENCES[Semantics.DFQUAD],
) -> Settled:
    base = base_scores(framework)
    update = influence.strength
    strength = list(base)
    dependencies = [sorted({i for t in ts for f in t.factors for i in f if i >= 0}) for ts in terms]
    converged, iterations, damped = True, 0, False
    for component in _components(dependencies):
        if len(component) == 1 and component[0] not in dependencies[component[0]]:
            node = component[0]
            strength[node] = update(base[node], terms[node], strength)
            continue
        component.sort()
        steps = _settle(component, base, terms, strength, tolerance, max_iterations, influence)
        if steps is None:
            converged, iterations = False, max_iterations
        else:
            iterations = max(iterations, steps)
            damped = damped or steps > min(max_iterations // 2, PLAIN_ITERATIONS)
    return Settled(strength, converged, iterations, damped)


def _settle(
    component: list[int],
    base: Sequence[float],
    terms: Sequence[Sequence[Term]],
    strength: list[float],
    tolerance: float,
    max_iterations: int,
    influence: Influence,
) -> int | None:
    """Iterate one cycle's strengths (in place) to a fixed point: the plain
    simultaneous update for up to PLAIN_ITERATIONS (at most half the
    limit), then, if that
    oscillates, the averaged one (x <- (x + f(x)) / 2, the same fixed points;
    Potyka, KR 2018, shows the continuous-time dynamics converging where the
    discrete ones do not). The number of iterations, or None."""
    plain = min(max_iterations // 2, PLAIN_ITERATIONS)
    update = influence.strength
    for step in range(1, max_iterations + 1):
        mix = 1.0 if step <= plain else 0.5
        change = 0.0
        updated = [update(base[i], terms[i], strength) for i in component]
        for i, new in zip(component, updated, strict=True):
            change = max(change, abs(new - strength[i]))
            strength[i] += mix * (new - strength[i])
        if change <= tolerance:
            return step
    return None


def gradual(
    framework: Framework,
    semantics: Semantics = Semantics.DFQUAD,
    tolerance: float = TOLERANCE,
    max_iterations: int = MAX_ITERATIONS,
) -> Evaluation:
    """The strengths of every argument under a gradual semantics (see the
    package docstring)."""
    influence = INFLUENCES[semantics]
    settled = strengths(framework, gradual_terms(framework), tolerance, max_iterations, influence)
    strength, names, claims = settled.strength, framework.arguments, framework.claim_count
    return Evaluation(
        semantics,
        strengths={names[i]: strength[i] for i in range(claims)},
        inference_strengths={names[i]: strength[i] for i in range(claims, len(names))},
        converged=settled.converged,
        iterations=settled.iterations,
        damped=settled.damped,
    )


def dfquad(
    framework: Framework, tolerance: float = TOLERANCE, max_iterations: int = MAX_ITERATIONS
) -> Evaluation:
    """DF-QuAD strengths of every argument (see the package docstring)."""
    return gradual(framework, Semantics.DFQUAD, tolerance, max_iterations)


def quad(framework: Framework) -> Evaluation:
    return gradual(framework, Semantics.QUAD)


def euler(framework: Framework) -> Evaluation:
    return gradual(framework, Semantics.EULER)


def quadratic_energy(framework: Framework) -> Evaluation:
    return gradual(framework, Semantics.QUADRATIC_ENERGY)


def h_categorizer(framework: Framework) -> Evaluation:
    return gradual(framework, Semantics.H_CATEGORIZER)
