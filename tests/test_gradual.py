"""The gradual semantics against a reference written here from the papers'
definitions, on random acyclic maps with claim weights, relation weights,
linked groups and undercuts.

The reference shares no code with argmap.analysis.evaluate: it recurses
over the map itself (no framework, no terms, no iteration), and states each
semantics in the form its paper gives it: QuAD's attack and support
functions applied one argument at a time (Baroni et al. 2015, Def. 5-6),
the Euler-based and quadratic-energy scores from the energy (Amgoud and
Ben-Naim 2018; Potyka 2018), the weighted h-categorizer's sum (Amgoud et al.
2017), DF-QuAD's probabilistic sum (Rago et al. 2016).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.analysis.evaluate import evaluate, framework_from_map, why
from argmap.cli import app
from argmap.formats.native.tree import dumps as tree_dumps
from argmap.model import (
    GRADUAL_SEMANTICS,
    ArgumentMap,
    Claim,
    Relation,
    RelationType,
    Semantics,
    default_relation_id,
)

# -- the reference ---------------------------------------------------------------


def _dfquad(base: float, attacks: list[float], supports: list[float]) -> float:
    attack = 1 - math.prod(1 - v for v in attacks)
    support = 1 - math.prod(1 - v for v in supports)
    if attack >= support:
        return base - base * abs(support - attack)
    return base + (1 - base) * abs(support - attack)


def _quad(base: float, attacks: list[float], supports: list[float]) -> float:
    def f_att(v0: float, values: list[float]) -> float:  # one attacker at a time
        for v in values:
            v0 = v0 * (1 - v)
        return v0

    def f_supp(v0: float, values: list[float]) -> float:  # one supporter at a time
        for v in values:
            v0 = v0 + (1 - v0) * v
        return v0

    if attacks and supports:
        return (f_att(base, attacks) + f_supp(base, supports)) / 2
    if attacks:
        return f_att(base, attacks)
    return f_supp(base, supports)  # no supporters either: the base score


def _euler(base: float, attacks: list[float], supports: list[float]) -> float:
    energy = sum(supports) - sum(attacks)
    return 1 - (1 - base**2) / (1 + base * math.exp(energy))


def _quadratic_energy(base: float, attacks: list[float], supports: list[float]) -> float:
    energy = sum(supports) - sum(attacks)

    def h(x: float) -> float:
        return max(x, 0) ** 2 / (1 + max(x, 0) ** 2)

    return base - base * h(-energy) + (1 - base) * h(energy)


def _h_categorizer(base: float, attacks: list[float], supports: list[float]) -> float:
    return base / (1 + sum(attacks))  # supports play no part


REFERENCE: dict[Semantics, Callable[[float, list[float], list[float]], float]] = {
    Semantics.DFQUAD: _dfquad,
    Semantics.QUAD: _quad,
    Semantics.EULER: _euler,
    Semantics.QUADRATIC_ENERGY: _quadratic_energy,
    Semantics.H_CATEGORIZER: _h_categorizer,
}


def reference_strengths(amap: ArgumentMap, semantics: Semantics) -> dict[str, float]:
    """Every claim's strength by direct recursion over an acyclic map. A
    relation contributes weight * strength(source) * strength of its
    inference (1 - ... of its undercuts, from base 1); a linked group the
    least weight of its members times the product of their strengths times
    the strength of the group's one inference."""
    score = REFERENCE[semantics]
    into: dict[str, list[Relation]] = {}
    for relation in amap.relations:
        into.setdefault(relation.target, []).append(relation)
    weights = {c.id: 0.5 if c.weight is None else c.weight for c in amap.claims}

    def inference(members: tuple[Relation, ...]) -> float:
        # A linked group is one inference: an undercut of any member's
        # relation undercuts it (docs/format.md), and it counts once.
        undercuts = [contribution((u,)) for r in members for u in into.get(r.id, [])]
        return score(1.0, undercuts, []) if undercuts else 1.0

    def contribution(members: tuple[Relation, ...]) -> float:
        weight = min(1.0 if r.weight is None else r.weight for r in members)
        return weight * math.prod(strength(r.source) for r in members) * inference(members)

    @functools.cache
    def strength(claim_id: str) -> float:
        reasons: dict[str, list[Relation]] = {}
        for relation in into.get(claim_id, []):
            reasons.setdefault(relation.group or relation.id, []).append(relation)
        attacks = [contribution(tuple(m)) for m in reasons.values() if m[0].type is RelationType.ATTACK]
        supports = [contribution(tuple(m)) for m in reasons.values() if m[0].type is RelationType.SUPPORT]
        return score(weights[claim_id], attacks, supports)

    return {c.id: strength(c.id) for c in amap.claims}


# -- random acyclic maps -----------------------------------------------------------

_share = st.one_of(st.none(), st.floats(0, 1))


@st.composite
def acyclic_maps(draw: st.DrawFn) -> ArgumentMap:
    """Claims c0..cn; a relation runs from a claim to one of lower number,
    an undercut from a claim numbered above the target of the relation it
    undercuts, so nothing depends on itself."""
    n = draw(st.integers(1, 8))
    claims = tuple(Claim(f"c{i}", f"Claim {i}.", weight=draw(_share)) for i in range(n))
    relations: list[Relation] = []
    edges: set[tuple[int, int]] = set()
    for source in range(1, n):
        for target in draw(st.sets(st.integers(0, source - 1), max_size=3)):
            type_ = draw(st.sampled_from([RelationType.SUPPORT, RelationType.ATTACK]))
            group = f"g{target}" if type_ is RelationType.SUPPORT and draw(st.booleans()) else None
            rid = default_relation_id(type_, f"c{source}", f"c{target}")
            relations.append(Relation(rid, f"c{source}", f"c{target}", type_, group, weight=draw(_share)))
            edges.add((source, target))
    for relation in list(relations):
        target = int(relation.target[1:])
        for source in draw(st.sets(st.integers(target + 1, n), max_size=2)):
            # A claim undercutting its own inference is refused by validate.
            if source < n and f"c{source}" != relation.source:
                rid = default_relation_id(RelationType.UNDERCUT, f"c{source}", relation.id)
                undercut = Relation(
                    rid, f"c{source}", relation.id, RelationType.UNDERCUT, weight=draw(_share)
                )
                relations.append(undercut)
    return ArgumentMap(claims, tuple(relations))


@pytest.mark.parametrize("semantics", GRADUAL_SEMANTICS, ids=str)
@given(amap=acyclic_maps())
def test_strengths_match_the_published_definitions(semantics: Semantics, amap: ArgumentMap) -> None:
    result = evaluate(framework_from_map(amap), semantics)
    expected = reference_strengths(amap, semantics)
    assert result.strengths.keys() == expected.keys()
    for claim, value in expected.items():
        assert result.strengths[claim] == pytest.approx(value, abs=1e-12), claim
    assert result.converged and result.iterations == 0


def test_the_reference_can_tell_the_semantics_apart() -> None:
    """A claim with one attacker and one supporter: each semantics its own number."""
    attacked = ArgumentMap(
        (Claim("c", "C.", weight=0.6), Claim("a", "A."), Claim("s", "S.", weight=0.9)),
        (
            Relation("attack:a:c", "a", "c", RelationType.ATTACK, weight=0.5),
            Relation("support:s:c", "s", "c", RelationType.SUPPORT),
        ),
    )
    found = {s: round(evaluate(framework_from_map(attacked), s).strengths["c"], 6) for s in GRADUAL_SEMANTICS}
    # By hand: attack 0.5 * 0.5 = 0.25, support 0.9.
    assert found == {
        Semantics.DFQUAD: round(0.6 + 0.4 * 0.65, 6),
        Semantics.QUAD: round((0.6 * 0.75 + (0.6 + 0.4 * 0.9)) / 2, 6),
        Semantics.EULER: round(1 - 0.64 / (1 + 0.6 * math.exp(0.65)), 6),
        Semantics.QUADRATIC_ENERGY: round(0.6 + 0.4 * 0.65**2 / (1 + 0.65**2), 6),
        Semantics.H_CATEGORIZER: round(0.6 / 1.25, 6),
    }


@pytest.mark.parametrize("semantics", GRADUAL_SEMANTICS, ids=str)
def test_a_cycle_settles_and_says_so(semantics: Semantics) -> None:
    """Two claims attacking each other: a fixed point of the update."""
    cycle = ArgumentMap(
        (Claim("a", "A.", weight=0.8), Claim("b", "B.", weight=0.4)),
        (
            Relation("attack:a:b", "a", "b", RelationType.ATTACK, weight=0.9),
            Relation("attack:b:a", "b", "a", RelationType.ATTACK),
        ),
    )
    result = evaluate(framework_from_map(cycle), semantics)
    assert result.converged and result.iterations > 0
    score = REFERENCE[semantics]
    a, b = result.strengths["a"], result.strengths["b"]
    assert a == pytest.approx(score(0.8, [b], []), abs=1e-8)
    assert b == pytest.approx(score(0.4, [0.9 * a], []), abs=1e-8)


def test_the_h_categorizer_leaves_supports_out_of_its_explanation() -> None:
    amap = ArgumentMap(
        (Claim("c", "C."), Claim("a", "A."), Claim("s", "S.")),
        (
            Relation("attack:a:c", "a", "c", RelationType.ATTACK),
            Relation("support:s:c", "s", "c", RelationType.SUPPORT),
        ),
    )
    framework = framework_from_map(amap)
    reason = why(evaluate(framework, Semantics.H_CATEGORIZER), framework, "c")
    assert [c.relation for c in reason.contributions] == ["attack:a:c"]
    assert (reason.strength, reason.attack, reason.support) == (0.5 / 1.5, 0.5, 0.0)
    euler = why(evaluate(framework, Semantics.EULER), framework, "c")
    assert [c.relation for c in euler.contributions] == ["attack:a:c", "support:s:c"]


@pytest.mark.parametrize("semantics", GRADUAL_SEMANTICS, ids=str)
@settings(max_examples=10)  # each example runs the whole command; the library test above takes many
@given(amap=acyclic_maps())
def test_the_command_prints_the_reference_strengths(
    semantics: Semantics, amap: ArgumentMap, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """`evaluate --semantics S --format json` on the map written as YAML."""
    path = Path(tmp_path_factory.mktemp("maps")) / "map.yaml"
    path.write_text(tree_dumps(amap), encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "-s", semantics.value, "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    strengths = json.loads(result.stdout)["strengths"]
    expected = reference_strengths(amap, semantics)
    assert strengths.keys() == expected.keys()
    for claim, value in expected.items():
        assert strengths[claim] == pytest.approx(value, abs=1e-12), claim


@st.composite
def cyclic_maps(draw: st.DrawFn) -> ArgumentMap:
    """Supports and attacks between any two claims (cycles welcome), weighted at random."""
    n = draw(st.integers(2, 6))
    claims = tuple(Claim(f"c{i}", f"Claim {i}.", weight=draw(_share)) for i in range(n))
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]),
            unique=True,
        )
    )
    relations = []
    for source, target in pairs:
        type_ = draw(st.sampled_from([RelationType.SUPPORT, RelationType.ATTACK]))
        rid = default_relation_id(type_, f"c{source}", f"c{target}")
        relations.append(Relation(rid, f"c{source}", f"c{target}", type_, weight=draw(_share)))
    return ArgumentMap(claims, tuple(relations))


@pytest.mark.parametrize("semantics", GRADUAL_SEMANTICS, ids=str)
@given(amap=cyclic_maps())
def test_on_cycles_the_strengths_are_a_fixed_point_of_the_definition(
    semantics: Semantics, amap: ArgumentMap
) -> None:
    """Where the iteration says it converged, each claim's strength is what
    the paper's formula gives from the others' strengths."""
    result = evaluate(framework_from_map(amap), semantics)
    if not result.converged:
        return
    score, strength = REFERENCE[semantics], result.strengths
    for claim in amap.claims:
        into = [r for r in amap.relations if r.target == claim.id]
        reasons = {
            kind: [
                (1.0 if r.weight is None else r.weight) * strength[r.source] for r in into if r.type is kind
            ]
            for kind in (RelationType.ATTACK, RelationType.SUPPORT)
        }
        base = 0.5 if claim.weight is None else claim.weight
        expected = score(base, reasons[RelationType.ATTACK], reasons[RelationType.SUPPORT])
        assert strength[claim.id] == pytest.approx(expected, abs=1e-6), claim.id
        assert 0.0 <= strength[claim.id] <= 1.0
