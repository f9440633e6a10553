"""Relation weights (`impact:` in the tree form, `weight` on relations) and
implicit premises (`implicit: true`): read, written back, diffed, shown,
drawn and briefed."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.analysis.diff import Mark, diff_maps, union_map
from argmap.analysis.prep import build_brief
from argmap.cli import app
from argmap.formats.native.graph import dumps as graph_dumps
from argmap.formats.native.read import load_json_text, load_yaml_text
from argmap.formats.native.tree import dumps as tree_dumps
from argmap.model import ArgumentMap
from argmap.render import RenderOptions
from argmap.render.dot import DotRenderer
from argmap.render.themes import THEMES, Theme

WEIGHTED = textwrap.dedent(
    """\
    claims:
      - id: c
        text: The conclusion.
        premises:
          - id: p1
            text: A plain premise, weighed.
            impact: 0.3
          - linked:
              - id: p2
                text: One of two.
              - id: p3
                text: Two of two, weighed apart.
                impact: 0.2
            impact: 0.5
          - q
        counterclaims:
          - id: a
            text: An objection.
            impact: 0.75
            undercuts:
              - id: u
                text: It does not follow.
                impact: 0.4
      - id: q
        text: An unstated assumption.
        implicit: true
    relations:
      - {from: q, to: a, type: attack, weight: 0.25}
    """
)


def load(text: str) -> ArgumentMap:
    result = load_yaml_text(text, "map.yaml")
    assert [str(d) for d in result.diagnostics] == []
    return result.map


def test_impact_and_weight_become_relation_weights() -> None:
    amap = load(WEIGHTED)
    assert {r.id: r.weight for r in amap.relations} == {
        "support:p1:c": 0.3,
        "support:p2:c": 0.5,  # the group's impact
        "support:p3:c": 0.2,  # its own wins
        "support:q:c": None,  # a reference by id has no impact
        "attack:a:c": 0.75,
        "undercut:u:attack:a:c": 0.4,
        "attack:q:a": 0.25,
    }
    assert [c.id for c in amap.claims if c.implicit] == ["q"]


def test_weights_and_implicit_round_trip_through_both_forms() -> None:
    amap = load(WEIGHTED)
    graph = graph_dumps(amap)
    assert '"weight": 0.3' in graph and '"implicit": true' in graph
    tree = tree_dumps(load_json_text(graph, "map.json").map)
    assert "impact: 0.3" in tree and "implicit: true" in tree
    assert graph_dumps(load(tree)) == graph


def test_a_weighted_reference_is_written_as_a_top_level_relation() -> None:
    amap = load(WEIGHTED)
    reweighted = ArgumentMap(
        amap.claims,
        tuple(r._replace(weight=0.6) if r.id == "support:q:c" else r for r in amap.relations),
    )
    tree = tree_dumps(reweighted)
    assert "\n- id: support:q:c\n  from: q\n  to: c\n  type: support\n  weight: 0.6\n" in tree
    assert {r.id: r.weight for r in load(tree).relations}["support:q:c"] == 0.6


@pytest.mark.parametrize(
    ("entry", "found"),
    [
        ("impact: 1.5", ("weight-range", 6, 17, "impact 1.5 is outside 0..1")),
        ("impact: -0.1", ("weight-range", 6, 17, "impact -0.1 is outside 0..1")),
        ("impact: .nan", ("wrong-type", 6, 17, "impact must be a finite number, not .nan")),
        ("impact: .inf", ("wrong-type", 6, 17, "impact must be a finite number, not .inf")),
        ("impact: heavy", ("wrong-type", 6, 17, "impact must be a number, not a string")),
        ("impact: yes", ("wrong-type", 6, 17, "impact must be a number, not a bool")),
        ("implicit: 1", ("wrong-type", 6, 19, "implicit must be true or false, not a int")),
    ],
)
def test_a_bad_impact_is_one_located_diagnostic(entry: str, found: tuple[str, int, int, str]) -> None:
    text = (
        f"claims:\n  - id: c\n    text: C.\n    premises:\n      - id: p\n        {entry}\n        text: P.\n"
    )
    diagnostics = load_yaml_text(text, "map.yaml").diagnostics
    assert [(d.check_id, d.span.line, d.span.column, d.message) for d in diagnostics] == [found]


def test_a_graph_relation_weight_must_be_a_finite_share() -> None:
    nodes = '[{"id": "c", "text": "C."}, {"id": "p", "text": "P."}]'
    for weight, found in (
        ("NaN", ("wrong-type", "weight must be a finite number, not NaN")),
        ("true", ("wrong-type", "weight must be a number, not a bool")),
        ('"0.5"', ("wrong-type", "weight must be a number, not a string")),
        ("1.01", ("weight-range", "weight 1.01 is outside 0..1")),
    ):
        text = f'{{"nodes": {nodes}, "relations": [{{"from": "p", "to": "c", "type": "support", "weight": {weight}}}]}}'
        diagnostics = load_json_text(text, "map.json").diagnostics
        assert [(d.check_id, d.message) for d in diagnostics] == [found]


def test_impact_on_a_top_level_claim_is_misplaced() -> None:
    diagnostics = load_yaml_text("claims:\n  - id: c\n    text: C.\n    impact: 0.5\n", "m.yaml").diagnostics
    assert [(d.check_id, d.span.line, d.span.column) for d in diagnostics] == [("impact-misplaced", 4, 5)]


def test_a_weight_change_is_one_change_in_text_and_json() -> None:
    old = load(WEIGHTED)
    new = load(WEIGHTED.replace("impact: 0.3", "impact: 0.6").replace("        impact: 0.75\n", ""))
    found = diff_maps(old, new)
    assert [c.to_json() for c in found.changes] == [
        {"kind": "relation-reweighted", "id": "support:p1:c", "old": 0.3, "new": 0.6},
        {"kind": "relation-reweighted", "id": "attack:a:c", "old": 0.75, "new": None},
    ]
    assert found.summary() == "2 reweighted"
    # The diff diagram draws both relations in the changed colour.
    union = union_map(old, new, found)
    assert (union.relations["support:p1:c"], union.relations["attack:a:c"]) == (Mark.CHANGED, Mark.CHANGED)


def test_the_diff_command_shows_a_weight_change(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(WEIGHTED, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(WEIGHTED.replace("impact: 0.3", "impact: 0.6"), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["diff", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[2:] == [
        "1 reweighted",
        "",
        "Relation weights changed (1)",
        "  support:p1:c: weight 0.3 -> 0.6",
    ]
    result = runner.invoke(
        app,
        ["diff", "--eval", "euler", "--format", "json", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")],
    )
    kinds = [(c["kind"], c["id"]) for c in json.loads(result.stdout)["changes"]]
    assert kinds == [("relation-reweighted", "support:p1:c"), ("status-changed", "c")]


def test_an_added_relation_carries_its_weight() -> None:
    old = load(WEIGHTED)
    new = load(WEIGHTED + "  - {from: u, to: p1, type: attack, weight: 0.5}\n")
    assert [c.to_json() for c in diff_maps(old, new).changes] == [
        {
            "kind": "relation-added",
            "id": "attack:u:p1",
            "old": None,
            "new": {"from": "u", "to": "p1", "type": "attack", "weight": 0.5},
        }
    ]


def test_show_marks_impact_and_implicit_premises(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(WEIGHTED, encoding="utf-8")
    result = CliRunner().invoke(app, ["show", str(path)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == [
        "└── [c] The conclusion.",
        "    ├── + [p1] (impact 0.3) A plain premise, weighed.",
        "    ├── & linked: p2+p3",
        "    │   ├── + [p2] (impact 0.5) One of two.",
        "    │   └── + [p3] (impact 0.2) Two of two, weighed apart.",
        "    ├── - [a] (impact 0.75) An objection.",
        "    │   ├── - [q] (impact 0.25) (implicit) An unstated assumption.",
        "    │   └── ~ [u] (impact 0.4) It does not follow.",
        "    └── + [q] (implicit) (see above)",
    ]


@pytest.mark.parametrize("theme", THEMES.values(), ids=lambda t: t.name)
def test_an_implicit_premise_is_drawn_dashed_in_every_theme(theme: Theme) -> None:
    amap = load(WEIGHTED)
    dot = DotRenderer().render(amap, RenderOptions(theme=theme))
    lines = {
        line.split(" ", 1)[0].strip('\t"'): line
        for line in dot.splitlines()
        if "[id=" in line and "->" not in line
    }
    assert 'style="rounded,filled,dashed"' in lines["q"] and "implicit" in lines["q"]
    assert "dashed" not in lines["p1"]


def test_prep_lists_implicit_premises_to_defend_or_attack() -> None:
    sided = "sides:\n  pro: {name: Pro}\n  con: {name: Con}\n" + WEIGHTED.replace(
        "text: The conclusion.", "text: The conclusion.\n    by: pro"
    ).replace("text: An objection.", "text: An objection.\n        by: con")
    amap = load(sided)
    brief = build_brief(amap, "pro")
    assert [(a.claim.id, a.action) for a in brief.assumptions] == [("q", "defend")]
    assert brief.to_json()["assumptions"][0]["action"] == "defend"
    against = build_brief(amap, "con")
    assert [(a.claim.id, a.action) for a in against.assumptions] == [("q", "attack")]


def test_prep_json_has_no_assumptions_key_without_implicit_premises() -> None:
    amap = load("sides:\n  pro: {}\nclaims:\n  - id: c\n    text: C.\n    by: pro\n")
    assert "assumptions" not in build_brief(amap, "pro").to_json()


def test_an_implicit_premise_is_dashed_in_mermaid_too() -> None:
    from argmap.render.mermaid import MermaidRenderer

    text = MermaidRenderer().render(load(WEIGHTED), RenderOptions())
    lines = text.splitlines()
    assert "    classDef implicit stroke-dasharray:6 4" in lines
    assert "    class c_q implicit" in lines
    assert '    c_q("An unstated assumption.<br/><small>q · implicit</small>"):::claim' in lines


def test_a_weighted_relation_shows_its_weight_and_the_legend_its_dashed_box() -> None:
    dot = DotRenderer().render(load(WEIGHTED), RenderOptions())
    edges = {line.split("[id=", 1)[1].split(" ", 1)[0]: line for line in dot.splitlines() if "->" in line}
    assert "label=<0.3>" in edges['"support:p1:c"'] and "label=<0.5>" in edges['"support:p2:c"']
    assert "label=" not in edges['"support:q:c"']
    legend = [line for line in dot.splitlines() if line.strip().startswith('"legend/implicit" [')]
    assert len(legend) == 1 and 'style="rounded,filled,dashed"' in legend[0]
    plain = DotRenderer().render(load(WEIGHTED.replace("    implicit: true\n", "")), RenderOptions())
    assert "legend/implicit" not in plain
    # A support that names its scheme carries both, the scheme first.
    schemed = WEIGHTED.replace(
        "        impact: 0.3\n", "        impact: 0.3\n        scheme: expert-opinion\n"
    )
    dot = DotRenderer().render(load(schemed), RenderOptions())
    assert "label=<expert-opinion · 0.3>" in next(
        line for line in dot.splitlines() if '[id="support:p1:c"' in line
    )
