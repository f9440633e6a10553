"""Linked attacks as collective attacks (SETAFs, Nielsen and Parsons 2006):
the semantics against a brute-force oracle, and maps whose linked
counterclaims and undercuts act as one joint attack."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.evaluate import complete, dfquad, evaluate, grounded, preferred, stable, why
from argmap.analysis.evaluate.results import Evaluation
from argmap.formats.framework import Framework, framework_from_map
from argmap.formats.native.read import load_yaml_text
from argmap.model import ArgumentMap, Claim, Label, Relation, RelationType, Semantics, default_relation_id

Extensions = list[list[str]]
SOLVERS: dict[Semantics, Callable[[Framework], Evaluation]] = {
    Semantics.GROUNDED: grounded,
    Semantics.COMPLETE: complete,
    Semantics.PREFERRED: preferred,
    Semantics.STABLE: stable,
}


def brute_force(framework: Framework) -> dict[Semantics, Extensions]:
    """Every semantics of a framework with collective attacks, by trying
    every subset: S attacks a when some attack (B, a) has B inside S."""
    n = len(framework.arguments)
    attacks = [(1 << a, b) for a, b in framework.attacks]
    attacks += [(sum(1 << m for m in members), b) for members, b in framework.joint_attacks]

    def hits(s: int) -> int:
        return sum({1 << b for mask, b in attacks if mask & s == mask})

    def defended(s: int) -> int:
        out = hits(s)
        return sum(1 << a for a in range(n) if all(mask & out for mask, b in attacks if b == a))

    everything = (1 << n) - 1
    conflict_free = [s for s in range(1 << n) if s & hits(s) == 0]
    complete_sets = [s for s in conflict_free if defended(s) == s]
    admissible = [s for s in conflict_free if s & ~defended(s) == 0]
    preferred_sets = [s for s in admissible if not any(t != s and t & s == s for t in admissible)]
    stable_sets = [s for s in conflict_free if s | hits(s) == everything]
    least = 0
    while defended(least) != least:
        least = defended(least)

    def names(sets: list[int]) -> Extensions:
        return sorted(sorted(framework.arguments[a] for a in range(n) if s >> a & 1) for s in sets)

    return {
        Semantics.GROUNDED: names([least]),
        Semantics.COMPLETE: names(complete_sets),
        Semantics.PREFERRED: names(preferred_sets),
        Semantics.STABLE: names(stable_sets),
    }


@st.composite
def setafs(draw: st.DrawFn, max_arguments: int = 9) -> Framework:
    """Random frameworks with single and joint attacks (sets of 2 or 3)."""
    n = draw(st.integers(0, max_arguments))
    density = draw(st.sampled_from([0.05, 0.1, 0.2, 0.35]))
    joint_count = draw(st.integers(0, 2 * n))
    rng = draw(st.randoms(use_true_random=False))
    names = tuple(f"a{i}" for i in range(n))
    pairs = tuple((a, b) for a in range(n) for b in range(n) if rng.random() < density)
    joint: dict[tuple[tuple[int, ...], int], None] = {}
    for _ in range(joint_count if n >= 2 else 0):
        members = tuple(sorted(rng.sample(range(n), rng.choice([2, 3]) if n >= 3 else 2)))
        joint[(members, rng.randrange(n))] = None
    return Framework(names, pairs, n, joint_attacks=tuple(joint))


def extensions(result: Evaluation) -> Extensions:
    return [list(e) for e in result.extensions]


@pytest.mark.parametrize("semantics", list(SOLVERS))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(framework=setafs())
def test_collective_semantics_agree_with_brute_force(semantics: Semantics, framework: Framework) -> None:
    assert extensions(SOLVERS[semantics](framework)) == brute_force(framework)[semantics]


@settings(max_examples=200, deadline=None)
@given(framework=setafs())
def test_why_explains_every_label_of_a_collective_framework(framework: Framework) -> None:
    result = grounded(framework)
    for name in framework.arguments:
        (chain,) = why(result, framework, name).chains
        assert chain.label is result.labels[name]


# -- maps ----------------------------------------------------------------------------

LINKED = """\
claims:
  - id: c
    text: Build the bridge.
    counterclaims:
      - linked:
          - id: k1
            text: It costs ten million.
          - id: k2
            text: The town has five million.
        id: cost
  - id: r
    text: A grant covers half.
relations:
  - {from: r, to: k2, type: attack}
"""


def test_a_linked_counterclaim_is_one_joint_attack() -> None:
    framework = framework_from_map(load_yaml_text(LINKED, "m.yaml").map)
    assert framework.attack_ids() == [("r", "k2")]
    assert framework.joint_attacks == ((tuple(sorted((framework.index["k1"], framework.index["k2"]))), 0),)


def test_a_linked_attack_fails_when_one_member_falls() -> None:
    result = evaluate(framework_from_map(load_yaml_text(LINKED, "m.yaml").map), Semantics.GROUNDED)
    assert {k: v.value for k, v in result.labels.items()} == {
        "c": "in",
        "k1": "in",
        "k2": "out",
        "r": "in",
    }


def test_a_linked_attack_succeeds_when_every_member_stands() -> None:
    text = LINKED.partition("relations:")[0]
    result = evaluate(framework_from_map(load_yaml_text(text, "m.yaml").map), Semantics.GROUNDED)
    assert result.labels["c"] is Label.OUT


def test_why_names_the_joint_attack_and_its_defeater() -> None:
    amap = load_yaml_text(LINKED, "m.yaml").map
    framework = framework_from_map(amap)
    (chain,) = why(evaluate(framework, Semantics.GROUNDED), framework, "c").chains
    assert [a._asdict() for a in chain.attackers] == [
        {
            "id": "k1+k2",
            "label": Label.OUT,
            "inference": False,
            "defeated_by": ("r",),
            "members": ("k1", "k2"),
        }
    ]
    assert [s.id for s in chain.step.because] == ["k2"]


UNDERCUT_GROUP = """\
claims:
  - id: c
    text: Conclusion.
    premises:
      - linked:
          - id: p1
            text: P1.
          - id: p2
            text: P2.
        undercuts:
          - id: u
            text: It does not follow.
    counterclaims:
      - linked:
          - id: k1
            text: K1.
          - id: k2
            text: K2.
        undercuts:
          - linked:
              - id: v1
                text: V1.
              - id: v2
                text: V2.
"""


def test_an_undercut_of_a_linked_group_attacks_its_one_inference() -> None:
    framework = framework_from_map(load_yaml_text(UNDERCUT_GROUP, "m.yaml").map)
    assert framework.inferences == ("support:p1:c", "attack:k1:c")
    assert framework.node_of("support:p2:c") == framework.index["support:p1:c"]
    ids = framework.arguments
    joint = sorted((sorted(ids[m] for m in members), ids[b]) for members, b in framework.joint_attacks)
    # v1 and v2 defeat the objection's inference together; the inference
    # attacks c alone (k1 and k2 reach c only through it).
    assert joint == [(["v1", "v2"], "attack:k1:c")]
    assert sorted(framework.attack_ids()) == [("attack:k1:c", "c"), ("u", "support:p1:c")]
    result = evaluate(framework, Semantics.GROUNDED)
    assert result.labels["c"] is Label.IN
    assert dict(result.inference_labels) == {"support:p1:c": Label.OUT, "attack:k1:c": Label.OUT}


def test_dfquad_counts_a_shared_inference_once() -> None:
    amap = load_yaml_text(UNDERCUT_GROUP, "m.yaml").map
    result = dfquad(framework_from_map(amap))
    # Inference of the premises: 1 - 0.5 (u's base score); their joint
    # support 0.5 * 0.5 * 0.5 = 0.125, counted with the inference once.
    strengths, inferences = dict(result.strengths), dict(result.inference_strengths)
    assert inferences["support:p1:c"] == pytest.approx(0.5)
    assert inferences["attack:k1:c"] == pytest.approx(1 - 0.25)
    support, attack = 0.5 * 0.5 * 0.5, 0.5 * 0.5 * 0.75
    assert strengths["c"] == pytest.approx(0.5 - 0.5 * (attack - support))


@st.composite
def maps_with_linked_attacks(draw: st.DrawFn) -> tuple[ArgumentMap, Framework]:
    """Random maps of attacks and supports, some attacks linked in groups,
    and the framework with collective attacks they stand for, built apart:
    each group one attack by all its members, each other attack its own."""
    n = draw(st.integers(1, 8))
    ids = [f"c{i}" for i in range(n)]
    claims = tuple(Claim(i, i) for i in ids)
    relations: dict[tuple[str, str, RelationType], Relation] = {}
    for _ in range(draw(st.integers(0, 3 * n))):
        a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        type_ = draw(st.sampled_from([RelationType.ATTACK, RelationType.ATTACK, RelationType.SUPPORT]))
        group = draw(st.none() | st.sampled_from(["g", "h"]))
        relations.setdefault((a, b, type_), Relation(default_relation_id(type_, a, b), a, b, type_, group))
    amap = ArgumentMap(claims=claims, relations=tuple(relations.values()))
    index = {c: i for i, c in enumerate(ids)}
    members: dict[tuple[str, str], set[int]] = {}
    pairs: dict[tuple[int, int], None] = {}
    for r in relations.values():
        if r.type is not RelationType.ATTACK:
            continue
        if r.group is None:
            pairs[(index[r.source], index[r.target])] = None
        else:
            members.setdefault((r.target, r.group), set()).add(index[r.source])
    joint: dict[tuple[tuple[int, ...], int], None] = {}
    for (target, _), sources in members.items():
        if len(sources) == 1:
            pairs[(next(iter(sources)), index[target])] = None
        else:
            joint[(tuple(sorted(sources)), index[target])] = None
    return amap, Framework(tuple(ids), tuple(pairs), n, joint_attacks=tuple(joint))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=maps_with_linked_attacks())
def test_a_map_with_linked_attacks_evaluates_as_its_collective_framework(
    case: tuple[ArgumentMap, Framework],
) -> None:
    amap, expected = case
    framework = framework_from_map(amap)
    oracle = brute_force(expected)
    for semantics, solve in SOLVERS.items():
        assert extensions(solve(framework)) == oracle[semantics], semantics
