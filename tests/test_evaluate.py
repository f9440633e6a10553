"""Evaluation: Dung's semantics against brute force, the toy frameworks of
../shared/corpora/tgf/, DF-QuAD against hand-computed trees, the undercut
model, `why`, and the `evaluate` command."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.analysis import evaluate as evaluate_module
from argmap.analysis.evaluate import (
    Evaluation,
    Step,
    complete,
    dfquad,
    evaluate,
    grounded,
    preferred,
    stable,
    status_marks,
    why,
)
from argmap.cli import app
from argmap.errors import UsageError
from argmap.formats.framework import Framework, framework_from_map
from argmap.formats.iccma import parse_tgf
from argmap.formats.native.read import load_yaml_text
from argmap.model import ArgumentMap, Claim, Label, Relation, RelationType, Semantics
from argmap.render.evaluation import listing, why_text

REPO = Path(__file__).parent.parent
MAP = REPO / "arguments" / "socialism-in-one-country.yaml"
runner = CliRunner()

Extensions = list[list[str]]


# -- brute force -----------------------------------------------------------------


def brute_force(framework: Framework) -> dict[Semantics, Extensions]:
    """Every Dung semantics by trying every subset (bit masks; up to 12 arguments)."""
    n = len(framework.arguments)
    attackers = [0] * n
    attacked_by = [0] * n  # what each argument attacks
    for a, b in framework.attacks:
        attackers[b] |= 1 << a
        attacked_by[a] |= 1 << b
    everything = (1 << n) - 1
    # hits[s]: the arguments that the set s attacks.
    hits = [0] * (1 << n)
    for s in range(1, 1 << n):
        low = s & -s
        hits[s] = hits[s ^ low] | attacked_by[low.bit_length() - 1]

    def defended(s: int) -> int:
        return sum(1 << a for a in range(n) if attackers[a] & ~hits[s] == 0)

    conflict_free = [s for s in range(1 << n) if s & hits[s] == 0]
    complete_sets = [s for s in conflict_free if defended(s) == s]
    admissible = [s for s in conflict_free if s & ~defended(s) == 0]
    preferred_sets = [s for s in admissible if not any(t != s and t & s == s for t in admissible)]
    stable_sets = [s for s in conflict_free if s | hits[s] == everything]
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


def extensions(result: Evaluation) -> Extensions:
    return [list(e) for e in result.extensions]


@st.composite
def frameworks(draw: st.DrawFn, max_arguments: int = 12) -> Framework:
    """Random frameworks, sparse to dense, self-attacks included."""
    n = draw(st.integers(0, max_arguments))
    density = draw(st.sampled_from([0.05, 0.1, 0.15, 0.25, 0.4, 0.6]))
    rng = draw(st.randoms(use_true_random=False))
    names = [f"a{i}" for i in range(n)]
    attacks = [(a, b) for a in names for b in names if rng.random() < density]
    return Framework.from_attacks(names, attacks)


SOLVERS: dict[Semantics, Callable[[Framework], Evaluation]] = {
    Semantics.GROUNDED: grounded,
    Semantics.COMPLETE: complete,
    Semantics.PREFERRED: preferred,
    Semantics.STABLE: stable,
}


@pytest.mark.parametrize("semantics", list(SOLVERS))
@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(framework=frameworks())
def test_dung_semantics_agree_with_brute_force(semantics: Semantics, framework: Framework) -> None:
    assert extensions(SOLVERS[semantics](framework)) == brute_force(framework)[semantics]


@settings(max_examples=300, deadline=None)
@given(framework=frameworks())
def test_grounded_labels_are_the_grounded_labelling(framework: Framework) -> None:
    result = grounded(framework)
    (extension,) = result.extensions
    inside = set(extension)
    attacked = {framework.arguments[b] for a, b in framework.attacks if framework.arguments[a] in inside}
    expected = {
        name: Label.IN if name in inside else Label.OUT if name in attacked else Label.UNDEC
        for name in framework.arguments
    }
    assert dict(result.labels) == expected


# -- the toy frameworks ------------------------------------------------------------

# Checked by hand: (grounded, complete, preferred, stable).
TOY: dict[str, tuple[Extensions, Extensions, Extensions, Extensions]] = {
    "bas1": (
        [["a"]],
        [["a"], ["a", "c"], ["a", "d", "g"]],
        [["a", "c"], ["a", "d", "g"]],
        [["a", "d", "g"]],
    ),
    "even_cycle1": ([[]], [[], ["1"], ["2"]], [["1"], ["2"]], [["1"], ["2"]]),
    "even_cycle2": ([[]], [[], ["1", "3"], ["2", "4"]], [["1", "3"], ["2", "4"]], [["1", "3"], ["2", "4"]]),
    "irrelevant1": (
        [["5"]],
        [["1", "3", "5"], ["2", "4", "5"], ["5"]],
        [["1", "3", "5"], ["2", "4", "5"]],
        [["1", "3", "5"], ["2", "4", "5"]],
    ),
    "odd_cycle1": ([[]], [[]], [[]], []),
    "reinstatement1": ([["1", "3"]], [["1", "3"]], [["1", "3"]], [["1", "3"]]),
    "simple_attack1": ([["2"]], [["2"]], [["2"]], [["2"]]),
    "unattacked1": ([["1"]], [["1"]], [["1"]], [["1"]]),
}


def test_every_toy_framework_is_checked(corpora: Path) -> None:
    assert sorted(p.stem for p in (corpora / "tgf").glob("*.tgf")) == sorted(TOY)


@pytest.mark.parametrize("name", sorted(TOY))
def test_toy_frameworks(name: str, corpora: Path) -> None:
    path = corpora / "tgf" / f"{name}.tgf"
    framework = parse_tgf(path.read_text(encoding="utf-8"), str(path))
    found = tuple(extensions(SOLVERS[s](framework)) for s in SOLVERS)
    assert found == TOY[name]


def test_toy_grounded_labels(corpora: Path) -> None:
    path = corpora / "tgf" / "bas1.tgf"
    result = grounded(parse_tgf(path.read_text(encoding="utf-8")))
    assert {k: v.value for k, v in result.labels.items()} == {
        "a": "in",
        "b": "out",
        **dict.fromkeys("cdefg", "undec"),
    }


def test_empty_framework() -> None:
    empty = Framework.from_attacks([], [])
    for semantics in SOLVERS:
        assert extensions(evaluate(empty, semantics)) == [[]]
    assert dfquad(empty).strengths == {}


# -- the undercut model ------------------------------------------------------------


def framework_of(yaml: str) -> Framework:
    result = load_yaml_text(yaml, "test.yaml")
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    return framework_from_map(result.map)


def labels(result: Evaluation) -> dict[str, str]:
    return {k: v.value for k, v in {**result.labels, **result.inference_labels}.items()}


UNDERCUT_ATTACK = """
claims:
  - id: b
    text: B.
    counterclaims:
      - id: a
        text: A.
        undercuts:
          - id: u
            text: U.
"""


def test_an_undercut_attack_goes_through_its_inference_node() -> None:
    framework = framework_of(UNDERCUT_ATTACK)
    assert framework.claims == ("b", "a", "u")
    assert framework.inferences == ("attack:a:b",)
    assert sorted(framework.attack_ids()) == [("attack:a:b", "b"), ("u", "attack:a:b")]
    assert labels(grounded(framework)) == {"b": "in", "a": "in", "u": "in", "attack:a:b": "out"}


def test_an_inference_falls_with_its_premise() -> None:
    framework = framework_of(
        UNDERCUT_ATTACK
        + """        counterclaims:
          - id: x
            text: X.
"""
    )
    assert sorted(framework.attack_ids()) == [
        ("attack:a:b", "b"),
        ("u", "attack:a:b"),
        ("x", "a"),
        ("x", "attack:a:b"),
    ]


def test_an_undercut_of_an_undercut() -> None:
    framework = framework_of(
        UNDERCUT_ATTACK
        + """            undercuts:
              - id: v
                text: V.
"""
    )
    assert framework.inferences == ("attack:a:b", "undercut:u:attack:a:b")
    assert sorted(framework.attack_ids()) == [
        ("attack:a:b", "b"),
        ("undercut:u:attack:a:b", "attack:a:b"),
        ("v", "undercut:u:attack:a:b"),
    ]
    # v undoes u, so a's attack stands again and b falls.
    assert labels(grounded(framework)) == {
        "b": "out",
        "a": "in",
        "u": "in",
        "v": "in",
        "attack:a:b": "in",
        "undercut:u:attack:a:b": "out",
    }


def test_an_undercut_support_changes_no_claim() -> None:
    framework = framework_of(
        """
claims:
  - id: c
    text: C.
    premises:
      - id: p
        text: P.
        undercuts:
          - id: u
            text: U.
"""
    )
    assert framework.attack_ids() == [("u", "support:p:c")]
    assert labels(grounded(framework)) == {"c": "in", "p": "in", "u": "in", "support:p:c": "out"}


def afra_claim_results(amap: ArgumentMap) -> dict[Semantics, object]:
    """The same map through the full AFRA flattening: a node for every attack
    and undercut relation, attacked by the relations into it and into its source."""
    relations = [r for r in amap.relations if r.type is not RelationType.SUPPORT]
    claims = [c.id for c in amap.claims]
    nodes = claims + [r.id for r in relations]
    attacks = [(r.id, r.target) for r in relations if r.target in nodes]
    for r in relations:
        attacks += [(q.id, r.id) for q in relations if q.target == r.source]
    framework = Framework(
        tuple(nodes),
        tuple({(nodes.index(a), nodes.index(b)): None for a, b in attacks}),
        len(claims),
    )
    return {s: (dict(SOLVERS[s](framework).labels), SOLVERS[s](framework).extensions) for s in SOLVERS}


@st.composite
def undercut_maps(draw: st.DrawFn) -> ArgumentMap:
    """Maps of attacks, supports and undercuts (of relations and of undercuts)."""
    n = draw(st.integers(1, 7))
    names = [f"c{i}" for i in range(n)]
    relations: dict[str, Relation] = {}
    for _ in range(draw(st.integers(0, 10))):
        source = draw(st.sampled_from(names))
        kind = draw(st.sampled_from([RelationType.ATTACK, RelationType.SUPPORT, RelationType.UNDERCUT]))
        if kind is RelationType.UNDERCUT:
            if not relations:
                continue
            target = draw(st.sampled_from(sorted(relations)))
        else:
            target = draw(st.sampled_from(names))
        relation_id = f"{kind.value}:{source}:{target}"
        relations.setdefault(relation_id, Relation(relation_id, source, target, kind))
    return ArgumentMap(tuple(Claim(c, c.upper()) for c in names), tuple(relations.values()))


@settings(max_examples=300, deadline=None)
@given(amap=undercut_maps())
def test_leaving_out_nodes_of_relations_nobody_undercuts_changes_no_claim(amap: ArgumentMap) -> None:
    framework = framework_from_map(amap)
    ours = {s: (dict(SOLVERS[s](framework).labels), SOLVERS[s](framework).extensions) for s in SOLVERS}
    assert ours == afra_claim_results(amap)


# -- DF-QuAD -----------------------------------------------------------------------


def strengths(yaml: str) -> dict[str, float]:
    result = dfquad(framework_of(yaml))
    assert result.converged
    return {**result.strengths, **result.inference_strengths}


def test_dfquad_tree() -> None:
    found = strengths(
        """
claims:
  - id: c
    text: C.
    premises:
      - {id: p, text: P., weight: 0.8}
    counterclaims:
      - id: a
        text: A.
        counterclaims:
          - {id: b, text: B.}
"""
    )
    # b 0.5; a = 0.5 - 0.5 * 0.5 = 0.25; c: attack 0.25 < support 0.8, so 0.5 + 0.5 * 0.55.
    assert found == pytest.approx({"c": 0.775, "p": 0.8, "a": 0.25, "b": 0.5})


def test_dfquad_aggregates_attackers_by_probabilistic_sum() -> None:
    found = strengths(
        """
claims:
  - id: c
    text: C.
    counterclaims:
      - {id: a1, text: A1.}
      - {id: a2, text: A2., weight: 0.6}
"""
    )
    # attack = 1 - 0.5 * 0.4 = 0.8; c = 0.5 - 0.5 * 0.8
    assert found["c"] == pytest.approx(0.1)


def test_dfquad_undercut_weakens_the_relation() -> None:
    found = strengths(
        """
claims:
  - id: c
    text: C.
    premises:
      - id: p
        text: P.
        undercuts:
          - {id: u, text: U., weight: 0.6}
"""
    )
    # inference 1 - 0.6 = 0.4; support 0.5 * 0.4 = 0.2; c = 0.5 + 0.5 * 0.2
    assert found == pytest.approx({"c": 0.6, "p": 0.5, "u": 0.6, "support:p:c": 0.4})


def test_dfquad_undercut_of_an_undercut() -> None:
    found = strengths(
        """
claims:
  - id: c
    text: C.
    premises:
      - id: p
        text: P.
        undercuts:
          - id: u
            text: U.
            undercuts:
              - {id: v, text: V.}
"""
    )
    # u's inference 0.5, so u contributes 0.25; p's inference 0.75; support 0.375.
    assert found["undercut:u:support:p:c"] == pytest.approx(0.5)
    assert found["support:p:c"] == pytest.approx(0.75)
    assert found["c"] == pytest.approx(0.6875)


def test_dfquad_linked_premises_count_once_as_their_product() -> None:
    found = strengths(
        """
claims:
  - id: c
    text: C.
    premises:
      - linked:
          - {id: p1, text: P1.}
          - {id: p2, text: P2., weight: 0.8}
"""
    )
    assert found["c"] == pytest.approx(0.5 + 0.5 * 0.4)


def test_dfquad_cycle_settles_on_the_fixed_point() -> None:
    framework = Framework.from_attacks(["a", "b"], [("a", "b"), ("b", "a")])
    result = dfquad(framework)
    assert result.converged
    assert result.iterations > 1
    assert result.strengths == pytest.approx({"a": 1 / 3, "b": 1 / 3}, abs=1e-8)


def test_dfquad_averages_a_cycle_that_oscillates() -> None:
    # Plain iteration flips between (1, 1) and (0, 0); averaged, it settles on 1/2.
    framework = Framework(("a", "b"), ((0, 1), (1, 0)), 2, weights={"a": 1.0, "b": 1.0})
    result = dfquad(framework)
    assert (result.converged, result.damped) == (True, True)
    assert result.strengths == pytest.approx({"a": 0.5, "b": 0.5})
    assert result.to_json()["damped"] is True


def test_dfquad_reports_a_cycle_that_does_not_settle() -> None:
    framework = Framework(("a", "b"), ((0, 1), (1, 0)), 2, weights={"a": 1.0, "b": 1.0})
    result = dfquad(framework, max_iterations=2)
    assert (result.converged, result.iterations) == (False, 2)
    assert result.to_json()["converged"] is False


@settings(max_examples=200, deadline=None)
@given(framework=frameworks(8))
def test_dfquad_settles_in_the_unit_interval(framework: Framework) -> None:
    result = dfquad(framework)
    assert result.converged
    assert all(0.0 <= v <= 1.0 and not math.isnan(v) for v in result.strengths.values())


# -- results and why ---------------------------------------------------------------


def test_json_contract() -> None:
    framework = Framework.from_attacks("abc", [("a", "b"), ("b", "c")])
    assert grounded(framework).to_json() == {
        "semantics": "grounded",
        "extensions": [["a", "c"]],
        "labels": {"a": "in", "b": "out", "c": "in"},
    }
    assert stable(Framework.from_attacks("a", [("a", "a")])).to_json() == {
        "semantics": "stable",
        "extensions": [],
    }
    assert dfquad(framework).to_json() == {
        "semantics": "dfquad",
        "extensions": [],
        "strengths": {"a": 0.5, "b": 0.25, "c": 0.375},
        "converged": True,
        "iterations": 0,
    }


def test_extensions_are_sorted() -> None:
    framework = Framework.from_attacks(["z", "y", "x", "w"], [("z", "y"), ("y", "z"), ("x", "w"), ("w", "x")])
    assert preferred(framework).extensions == (("w", "y"), ("w", "z"), ("x", "y"), ("x", "z"))


def test_why_grounded_reinstatement() -> None:
    framework = Framework.from_attacks("abc", [("a", "b"), ("b", "c")])
    (chain,) = why(grounded(framework), framework, "c").chains
    assert chain.label is Label.IN
    assert [(a.id, a.label, a.defeated_by) for a in chain.attackers] == [("b", Label.OUT, ("a",))]
    assert chain.step == Step(
        "c", Label.IN, False, (Step("b", Label.OUT, False, (Step("a", Label.IN, False),)),)
    )


def test_why_per_extension_stops_at_cycles() -> None:
    framework = Framework.from_attacks("ab", [("a", "b"), ("b", "a")])
    reason = why(preferred(framework), framework, "a")
    assert [(c.extension, c.label) for c in reason.chains] == [(0, Label.IN), (1, Label.OUT)]
    assert reason.chains[0].step == Step(
        "a", Label.IN, False, (Step("b", Label.OUT, False, (Step("a", Label.IN, False, repeated=True),)),)
    )


def test_why_undecided_and_truncated() -> None:
    names = [f"a{i}" for i in range(9)]
    framework = Framework.from_attacks(names, list(zip(names, names[1:] + names[:1], strict=True)))
    step = why(grounded(framework), framework, "a0", depth=3).chains[0].step
    assert (step.label, step.because[0].id, step.because[0].because[0].id) == (Label.UNDEC, "a8", "a7")
    assert step.because[0].because[0].because[0].truncated


def test_why_dfquad() -> None:
    framework = Framework.from_attacks("abc", [("a", "b"), ("b", "c")])
    reason = why(dfquad(framework), framework, "c")
    assert (reason.base, reason.strength, reason.attack, reason.support) == (0.5, 0.375, 0.25, 0.0)
    assert [(c.relation, c.sources, c.attack, c.value) for c in reason.contributions] == [
        ("attack:b:c", ("b",), True, 0.25)
    ]


def test_the_core_loads_no_cli_terminal_or_solver() -> None:
    script = (
        "import sys, argmap.analysis.evaluate, argmap.formats.iccma\n"
        "print(' '.join(m for m in ('typer', 'click', 'rich', 'pysat') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []


# -- the command -------------------------------------------------------------------


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


SMALL_MAP = """claims:
  - id: c
    text: The conclusion [with brackets].
    premises:
      - id: p
        text: A premise.
    counterclaims:
      - id: a
        text: An objection.
        undercuts:
          - id: u
            text: It does not follow.
"""


@pytest.fixture
def small_map(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_MAP, encoding="utf-8")
    return path


def test_cli_grounded_listing(small_map: Path) -> None:
    assert run("evaluate", small_map) == (
        0,
        "grounded: 4 in, 0 out, 0 undec\n"
        "c  in  The conclusion [with brackets].\n"
        "p  in  A premise.\n"
        "a  in  An objection.\n"
        "u  in  It does not follow.\n"
        "inferences (relations that are undercut):\n"
        "  attack:a:c  out\n",
        "",
    )


def test_cli_json(small_map: Path) -> None:
    code, out, err = run("evaluate", small_map, "--semantics", "preferred", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"semantics": "preferred", "extensions": [["a", "c", "p", "u"]]}
    code, out, err = run("evaluate", small_map, "-s", "dfquad", "-f", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["strengths"] == pytest.approx({"c": 0.625, "p": 0.5, "a": 0.5, "u": 0.5})
    assert document["inferences"] == pytest.approx({"attack:a:c": 0.5})


def test_cli_dfquad_listing(small_map: Path) -> None:
    code, out, err = run("evaluate", small_map, "-s", "dfquad")
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [
        "dfquad: no cycles, computed exactly",
        "c  0.625  The conclusion [with brackets].",
    ]


def test_cli_why(small_map: Path) -> None:
    assert run("evaluate", small_map, "--why", "c") == (
        0,
        "c is in (grounded)\n"
        "  The conclusion [with brackets].\n"
        "  attacked by:\n"
        "    attack:a:c  out  defeated by u\n"
        "  chain (each line attacks the one above it):\n"
        "    c: in\n"
        "      <- attack:a:c: out\n"
        "         <- u: in  unattacked\n",
        "",
    )


def test_cli_why_unknown_id(small_map: Path) -> None:
    assert run("evaluate", small_map, "--why", "nope") == (
        2,
        "",
        f"argmap: --why: {small_map} has no claim or undercut relation 'nope'\n",
    )


def test_cli_stable_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "odd.apx"
    path.write_text("arg(a). arg(b). arg(c).\natt(a,b). att(b,c). att(c,a).\n", encoding="utf-8")
    assert run("evaluate", path, "-s", "stable") == (0, "stable: no extension\n", "")
    assert run("evaluate", path, "-s", "stable", "-f", "json") == (
        0,
        '{\n  "semantics": "stable",\n  "extensions": []\n}\n',
        "",
    )
    assert run("evaluate", path, "-s", "stable", "--why", "a") == (
        0,
        "a: there is no stable extension\n",
        "",
    )


def test_cli_warns_when_dfquad_does_not_settle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "pair.yaml"
    path.write_text(
        "claims:\n  - id: a\n    text: A.\n    weight: 1\n    counterclaims:\n"
        "      - id: b\n        text: B.\n        weight: 1\n        counterclaims: [a]\n",
        encoding="utf-8",
    )
    code, out, err = run("evaluate", path, "-s", "dfquad")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "dfquad: cycles settled in 1002 iterations, averaged after oscillating"
    monkeypatch.setitem(evaluate_module.SEMANTICS, Semantics.DFQUAD, lambda f: dfquad(f, max_iterations=2))
    code, out, err = run("evaluate", path, "-s", "dfquad")
    assert (code, err) == (0, "argmap: warning: dfquad did not converge in 2 iterations\n")
    assert out.splitlines()[0] == "dfquad: did not converge in 2 iterations; strengths are the last iterate"


def test_cli_invalid_map(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("claims:\n  - id: a\n    text: A.\n    counterclaims: [zz]\n", encoding="utf-8")
    code, out, err = run("evaluate", path)
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == f"argmap: {path}: 1 error(s); fix them first"


def test_cli_on_the_essay_map() -> None:
    code, out, err = run("evaluate", MAP, "-f", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert set(document) == {"semantics", "extensions", "labels", "inferences"}
    assert document["extensions"] == [sorted(k for k, v in document["labels"].items() if v == "in")]


def test_random_frameworks_have_their_stable_extensions_among_preferred() -> None:
    rng = Random(7)
    for _ in range(20):
        names = [str(i) for i in range(30)]
        framework = Framework.from_attacks(
            names, [(a, b) for a in names for b in names if rng.random() < 0.08]
        )
        assert set(stable(framework).extensions) <= set(preferred(framework).extensions)
        assert set(preferred(framework).extensions) <= set(complete(framework).extensions)
        assert grounded(framework).extensions[0] in complete(framework).extensions
        assert all(set(grounded(framework).extensions[0]) <= set(e) for e in complete(framework).extensions)


def test_the_worked_example_in_the_docs() -> None:
    doc = (REPO / "docs" / "evaluation.md").read_text(encoding="utf-8")
    example = doc.split("## A worked example\n\n```yaml\n", 1)[1].split("```", 1)[0]
    framework = framework_of(example)
    assert sorted(framework.attack_ids()) == [("attack:a:c", "c"), ("u", "attack:a:c"), ("x", "u")]
    result = grounded(framework)
    assert labels(result) == {"c": "out", "p": "in", "a": "in", "u": "out", "x": "in", "attack:a:c": "in"}
    shown = doc.split("$ argmap evaluate example.yaml --why c\n", 1)[1].split("```", 1)[0]
    texts = {c: "" for c in framework.claims} | {"c": "The USSR can build socialism on its own."}
    assert why_text(why(result, framework, "c"), texts) + "\n" == shown
    assert dfquad(framework).strengths["c"] == pytest.approx(0.5625)
    json_example = doc.split("## JSON\n\n```json\n", 1)[1].split("```", 1)[0]
    assert json.loads(json_example) == result.to_json()


def test_preferred_when_the_solver_is_rebuilt(monkeypatch: pytest.MonkeyPatch) -> None:
    # The activation literals of the maximisation are cleared by rebuilding
    # the solver every _REBUILD of them; rebuilding after each must not lose
    # an extension.
    monkeypatch.setattr(evaluate_module.dung, "_REBUILD", 1)
    rng = Random(5)
    for _ in range(40):
        names = [f"a{i}" for i in range(10)]
        framework = Framework.from_attacks(
            names, [(a, b) for a in names for b in names if rng.random() < 0.15]
        )
        assert extensions(preferred(framework)) == brute_force(framework)[Semantics.PREFERRED]


def test_extensions_that_differ_only_in_inferences_are_listed_once() -> None:
    # v attacks y, but w undercuts that attack; x attacks w, but y undercuts
    # that one. The inferences form an even cycle with w and y: one complete
    # extension takes both inferences, another neither, and the two have
    # the same claims.
    framework = framework_from_map(
        ArgumentMap(
            tuple(Claim(c, c.upper()) for c in "vwxy"),
            (
                Relation("attack:v:y", "v", "y", RelationType.ATTACK),
                Relation("undercut:w:attack:v:y", "w", "attack:v:y", RelationType.UNDERCUT),
                Relation("attack:x:w", "x", "w", RelationType.ATTACK),
                Relation("undercut:y:attack:x:w", "y", "attack:x:w", RelationType.UNDERCUT),
            ),
        )
    )
    result = complete(framework)
    assert result.extensions == (("v", "w", "x", "y"), ("v", "x"))
    assert len(result.full_extensions) == 3
    reason = why(result, framework, "y")
    assert [(c.extension, c.label) for c in reason.chains] == [
        (0, Label.IN),
        (1, Label.OUT),
        (1, Label.UNDEC),
    ]
    assert preferred(framework).extensions == (("v", "w", "x", "y"), ("v", "x"))


def test_listing_wraps_extensions_without_breaking_ids() -> None:
    names = [f"claim-number-{i}" for i in range(40)]
    framework = Framework.from_attacks(names, [])
    lines = listing(preferred(framework), framework, {}).splitlines()
    wrapped = lines[1 : lines.index("claim-number-0   in")]
    assert all(len(line) <= 100 for line in wrapped)
    assert wrapped[0].startswith("  1: claim-number-0, ")
    assert all(line.startswith("     claim-number-") for line in wrapped[1:])
    assert " ".join(line.strip() for line in wrapped).removeprefix("1: ").split(", ") == sorted(names)


def even_cycles(count: int) -> Framework:
    """`count` separate two-cycles: 2**count preferred and stable
    extensions, 3**count complete ones."""
    names = [f"a{i}" for i in range(2 * count)]
    attacks = [(names[2 * i], names[2 * i + 1]) for i in range(count)]
    attacks += [(b, a) for a, b in attacks]
    return Framework.from_attacks(names, attacks)


@pytest.mark.parametrize(
    ("semantics", "total"), [(Semantics.PREFERRED, 16), (Semantics.STABLE, 16), (Semantics.COMPLETE, 81)]
)
def test_max_extensions_stops_the_enumeration_and_says_so(semantics: Semantics, total: int) -> None:
    framework = even_cycles(4)
    everything = evaluate(framework, semantics)
    assert len(everything.extensions) == total and not everything.truncated
    assert not evaluate(framework, semantics, max_extensions=total).truncated
    some = evaluate(framework, semantics, max_extensions=5)
    assert some.truncated and len(some.extensions) == 5
    assert set(some.extensions) <= set(everything.extensions)
    assert some.to_json()["truncated"] is True and "truncated" not in everything.to_json()


def test_max_extensions_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "even.af"
    path.write_text("p af 8\n1 2\n2 1\n3 4\n4 3\n5 6\n6 5\n7 8\n8 7\n", encoding="utf-8")
    result = runner.invoke(
        app, ["evaluate", "-s", "preferred", "--max-extensions", "2", "-f", "json", str(path)]
    )
    assert result.exit_code == 0
    assert result.stderr == "argmap: warning: stopped after 2 extensions; --max-extensions sets the limit\n"
    document = json.loads(result.stdout)
    assert len(document["extensions"]) == 2 and document["truncated"] is True
    result = runner.invoke(app, ["evaluate", "-s", "preferred", "--max-extensions", "0", str(path)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == "preferred: 16 extensions"


def test_too_many_extensions_to_mark_claims_is_a_usage_error(tmp_path: Path) -> None:
    claims = "\n".join(
        f"  - {{id: a{i}, text: A{i}., counterclaims: [{{id: b{i}, text: B{i}., counterclaims: [a{i}]}}]}}"
        for i in range(5)
    )
    (tmp_path / "m.yaml").write_text("claims:\n" + claims + "\n", encoding="utf-8")
    amap = load_yaml_text((tmp_path / "m.yaml").read_text(), "m.yaml").map
    assert status_marks(amap, Semantics.PREFERRED, max_extensions=32) is not None
    with pytest.raises(UsageError, match="more than 31 preferred extensions"):
        status_marks(amap, Semantics.PREFERRED, max_extensions=31)
    # 3**5 = 243 complete extensions: under the command's limit, and each
    # claim is in some but not all of them.
    result = runner.invoke(app, ["show", "--eval", "complete", str(tmp_path / "m.yaml")])
    assert result.exit_code == 0
    claim_lines = [line for line in result.stdout.splitlines() if "[" in line]
    assert len(claim_lines) == 15 and all("(? undec)" in line for line in claim_lines)
