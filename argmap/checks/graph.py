"""The shape of the argument: loops, cycles, claims connected to nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import compress
from operator import eq, itemgetter

from argmap.checks.registry import CheckContext, check, fallback_span
from argmap.errors import Diagnostic, Severity
from argmap.model import ArgumentMap, Relation, RelationType


def _defined_twice(amap: ArgumentMap) -> set[str]:
    """Ids duplicate-id reports: a claim written again under itself with its
    own id is that one mistake, not also a loop."""
    ids = [claim.id for claim in amap.claims]
    if len(set(ids)) == len(ids):
        return set()  # the usual case, told by a set alone
    return {i for i, n in Counter(ids).items() if n > 1}


# A relation's source, target and type, by index (for loops that run in C).
_source, _target, _type = itemgetter(1), itemgetter(2), itemgetter(3)


def _loops(relations: tuple[Relation, ...]) -> Iterator[Relation]:
    """The relations from a claim to itself, in order, picked out in C."""
    return compress(relations, map(eq, map(_source, relations), map(_target, relations)))


@check("self-support", Severity.ERROR, "a claim that supports itself")
def self_support(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    twice = _defined_twice(amap)
    for relation in _loops(amap.relations):
        if relation.type is not RelationType.SUPPORT:
            continue
        if relation.source == relation.target and relation.source not in twice:
            yield Diagnostic(
                fallback_span(amap, relation.span),
                Severity.ERROR,
                "self-support",
                f"claim '{relation.source}' supports itself",
            )


@check("self-attack", Severity.ERROR, "a claim that attacks itself")
def self_attack(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    twice = _defined_twice(amap)
    # Without undercuts only an attack from a claim to itself can be one.
    undercuts = RelationType.UNDERCUT in map(_type, amap.relations)
    relations = amap.relation_index() if undercuts else {}
    for relation in amap.relations if undercuts else _loops(amap.relations):
        attacked = relation.target
        if relation.type is RelationType.UNDERCUT and attacked in relations:
            attacked = relations[attacked].source
            what = "undercuts its own inference"
        elif relation.type is RelationType.ATTACK:
            what = "attacks itself"
        else:
            continue
        if relation.source == attacked and attacked not in twice:
            yield Diagnostic(
                fallback_span(amap, relation.span),
                Severity.ERROR,
                "self-attack",
                f"claim '{relation.source}' {what}",
            )


@check("support-cycle", Severity.ERROR, "claims that support each other in a circle")
def support_cycles(amap: ArgumentMap, _: CheckContext) -> Iterator[Diagnostic]:
    edges: dict[str, list[Relation]] = {}
    twice = _defined_twice(amap)
    for relation in amap.iter_relations(RelationType.SUPPORT):
        if relation.source != relation.target and relation.source not in twice:
            edges.setdefault(relation.source, []).append(relation)
    if not _may_close_cycle(amap, edges):
        return
    for component in _strongly_connected(edges):
        cycle = _cycle_through(component[0], set(component), edges)
        path = " -> ".join([r.source for r in cycle] + [cycle[0].source])
        closing = cycle[-1]
        yield Diagnostic(
            fallback_span(amap, closing.span),
            Severity.ERROR,
            "support-cycle",
            f"circular reasoning: {path}",
        )


def _may_close_cycle(amap: ArgumentMap, edges: dict[str, list[Relation]]) -> bool:
    """Whether the support arrows hold a cycle, found by a search far
    shorter than the full one on maps written as trees. Number the claims
    in document order: an arrow to a claim written earlier goes "back"; in a
    tree of premises every arrow does (a premise is written under its
    conclusion), and only cross-links by id go forward. A cycle cannot go
    back all the way round, so it holds a forward arrow and runs through its
    target: searching from the forward arrows' targets finds every cycle."""
    order = {claim.id: i for i, claim in enumerate(amap.claims)}
    unknown = len(order)  # a claim not defined (dangling-ref) counts as forward
    targets = [
        r.target
        for out in edges.values()
        for r in out
        if order.get(r.source, unknown) <= order.get(r.target, unknown)
    ]
    return bool(targets) and _cycle_from(targets, edges)


def _cycle_from(starts: list[str], edges: dict[str, list[Relation]]) -> bool:
    """Whether a path from any of `starts` comes back to a claim on itself
    (depth first, without recursion)."""
    on_path: dict[str, bool] = {}  # claim -> still on the current path (False: done)
    for start in starts:
        if start in on_path:
            continue
        on_path[start] = True
        work = [(start, iter(edges.get(start, ())))]
        while work:
            node, children = work[-1]
            for relation in children:
                child = relation.target
                state = on_path.get(child)
                if state is None:
                    on_path[child] = True
                    work.append((child, iter(edges.get(child, ()))))
                    break
                if state:
                    return True
            else:
                on_path[node] = False
                work.pop()
    return False


def _strongly_connected(edges: dict[str, list[Relation]]) -> list[list[str]]:
    """Components of more than one claim (iterative Tarjan), in a stable order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0
    for start in edges:
        if start in index:
            continue
        work: list[tuple[str, int]] = [(start, 0)]
        while work:
            node, child_i = work.pop()
            if child_i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            children = edges.get(node, [])
            recursed = False
            while child_i < len(children):
                child = children[child_i].target
                child_i += 1
                if child not in index:
                    work.append((node, child_i))
                    work.append((child, 0))
                    recursed = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if recursed:
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    result.append(sorted(component, key=index.__getitem__))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result


def _cycle_through(start: str, members: set[str], edges: dict[str, list[Relation]]) -> list[Relation]:
    """The shortest cycle from `start` back to itself inside one component."""
    previous: dict[str, Relation] = {}
    frontier = [start]
    while frontier:
        next_frontier: list[str] = []
        for node in frontier:
            for relation in edges.get(node, []):
                child = relation.target
                if child not in members:
                    continue
                if child == start:
                    cycle = [relation]
                    while cycle[0].source != start:
                        cycle.insert(0, previous[cycle[0].source])
                    return cycle
                if child not in previous:
                    previous[child] = relation
                    next_frontier.append(child)
        frontier = next_frontier
    raise AssertionError("a strongly connected component has a cycle")  # pragma: no cover


@check("isolated-claim", Severity.WARNING, "a claim connected to nothing")
def isolated_claims(amap: ArgumentMap, context: CheckContext) -> Iterator[Diagnostic]:
    if len(amap.claims) < 2:
        return
    connected: set[str] = set(context.used_elsewhere) | context.unread_ends
    for relation in amap.relations:
        connected.add(relation.source)
        connected.add(relation.target)
    for claim in amap.claims:
        if claim.id not in connected:
            yield Diagnostic(
                fallback_span(amap, claim.span),
                Severity.WARNING,
                "isolated-claim",
                f"claim '{claim.id}' is connected to nothing",
            )
