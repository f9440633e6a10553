"""Linked counterclaims and undercuts in every part but evaluation (that is
tests/test_collective.py): the reader and its checks, the YAML and JSON
forms, show, the DOT joints, diff, drill and the foreign formats."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from typer.testing import CliRunner

from argmap.analysis.diff import diff_maps
from argmap.analysis.drill import side_cards
from argmap.checks.gate import check_loaded
from argmap.cli import app
from argmap.formats import aif, microtexts, sadface
from argmap.formats.native import graph, tree
from argmap.formats.native.read import load_json_text, load_yaml_text
from argmap.model import ArgumentMap, RelationType
from argmap.render import RenderOptions
from argmap.render.dot import DotRenderer
from argmap.render.tree import TreeRenderer

MAP = """\
sides:
  pro: {name: Pro}
  con: {name: Con}
claims:
  - id: c
    text: Build the bridge.
    by: pro
    premises:
      - linked:
          - {id: p1, text: Trade needs it., by: pro}
          - {id: p2, text: It would carry trade., by: pro}
        undercuts:
          - {id: u, text: Trade may go round., by: con}
    counterclaims:
      - linked:
          - {id: k1, text: It costs ten million., by: con}
          - {id: k2, text: The town has five., by: con}
        id: cost
        undercuts:
          - linked:
              - {id: v1, text: Costs fall., by: pro}
              - {id: v2, text: Grants come., by: pro}
"""


def load(text: str = MAP) -> ArgumentMap:
    result = load_yaml_text(text, "m.yaml")
    assert [str(d) for d in check_loaded(result, read_sources=False).diagnostics] == []
    return result.map


def problems(text: str) -> list[tuple[str, int, int]]:
    result = load_yaml_text(textwrap.dedent(text), "m.yaml")
    return [
        (d.check_id, d.span.line, d.span.column) for d in check_loaded(result, read_sources=False).diagnostics
    ]


def test_the_tree_form_reads_linked_counterclaims_and_undercuts() -> None:
    assert [(r["from"], r["to"], r["type"], r.get("group")) for r in graph.to_graph(load())["relations"]] == [
        ("p1", "c", "support", "p1+p2"),
        ("p2", "c", "support", "p1+p2"),
        ("u", "support:p1:c", "undercut", None),
        ("k1", "c", "attack", "cost"),
        ("k2", "c", "attack", "cost"),
        ("v1", "attack:k1:c", "undercut", "v1+v2"),
        ("v2", "attack:k1:c", "undercut", "v1+v2"),
    ]


def test_the_yaml_and_json_forms_round_trip_linked_attacks() -> None:
    amap = load()
    again = load(tree.dumps(amap))
    assert graph.to_graph(again) == graph.to_graph(amap)
    assert graph.to_graph(load_json_text(graph.dumps(amap), "m.json").map) == graph.to_graph(amap)


def test_a_linked_group_outside_a_list_of_a_claim_is_misplaced() -> None:
    assert problems(
        """
        claims:
          - linked:
              - {id: a, text: A.}
              - {id: b, text: B.}
        """
    ) == [("linked-misplaced", 3, 5)]


def test_a_linked_counterclaim_of_one_is_a_plain_attack_with_a_warning() -> None:
    text = """
        claims:
          - id: c
            text: C.
            counterclaims:
              - linked:
                  - {id: a, text: A.}
        """
    assert problems(text) == [("linked-single", 6, 9)]
    (relation,) = load_yaml_text(textwrap.dedent(text), "m.yaml").map.relations
    assert relation.group is None


def test_malformed_groups_in_relations_are_reported_where_written() -> None:
    assert problems(
        """
        claims:
          - {id: c, text: C.}
          - {id: d, text: D.}
          - {id: a, text: A.}
          - {id: b, text: B.}
        relations:
          - {from: a, to: c, type: attack, group: g}
          - {from: b, to: c, type: support, group: g}
          - {from: a, to: d, type: attack, group: h}
          - {from: b, to: d, type: attack, group: h}
          - {from: b, to: c, type: attack, group: h}
          - {from: a, to: d, type: support, group: lone}
        """
    ) == [("group-mixed", 9, 5), ("group-targets", 12, 19), ("group-single", 13, 5)]


def test_show_puts_a_linked_group_and_its_undercuts_together() -> None:
    assert TreeRenderer().render(load(), RenderOptions()) == (
        "m.yaml\n"
        "└── [c] Pro: Build the bridge.\n"
        "    ├── & linked: p1+p2\n"
        "    │   ├── + [p1] Pro: Trade needs it.\n"
        "    │   ├── + [p2] Pro: It would carry trade.\n"
        "    │   └── ~ [u] Con: Trade may go round.\n"
        "    └── & linked attack: cost\n"
        "        ├── - [k1] Con: It costs ten million.\n"
        "        ├── - [k2] Con: The town has five.\n"
        "        └── & linked undercut: v1+v2\n"
        "            ├── ~ [v1] Pro: Costs fall.\n"
        "            └── ~ [v2] Pro: Grants come.\n"
    )


def test_render_draws_one_joint_per_linked_attack() -> None:
    dot = DotRenderer().render(load(), RenderOptions(legend=False))
    edges = [line.strip().split(" [")[0] for line in dot.splitlines() if " -> " in line]
    assert edges == [
        '"p1" -> "linked/c/p1+p2"',
        '"linked/c/p1+p2" -> "c"',
        '"p2" -> "linked/c/p1+p2"',
        '"u" -> "linked/c/p1+p2"',
        '"k1" -> "linked/c/cost"',
        '"linked/c/cost" -> "c"',
        '"k2" -> "linked/c/cost"',
        '"v1" -> "linked/attack/k1/c/v1+v2"',
        '"linked/attack/k1/c/v1+v2" -> "linked/c/cost"',
        '"v2" -> "linked/attack/k1/c/v1+v2"',
    ]


def test_diff_reports_a_counterclaim_joining_a_linked_attack() -> None:
    old = load(
        textwrap.dedent(
            """
            claims:
              - id: c
                text: C.
                counterclaims:
                  - linked: [{id: k1, text: K1.}, {id: k2, text: K2.}]
                  - {id: k3, text: K3.}
            """
        )
    )
    new = load(
        textwrap.dedent(
            """
            claims:
              - id: c
                text: C.
                counterclaims:
                  - linked: [{id: k1, text: K1.}, {id: k2, text: K2.}, {id: k3, text: K3.}]
            """
        )
    )
    assert [(c.kind.value, c.id, c.old, c.new) for c in diff_maps(old, new).changes] == [
        ("relation-regrouped", "attack:k1:c", ["k1", "k2"], ["k1", "k2", "k3"]),
        ("relation-regrouped", "attack:k2:c", ["k1", "k2"], ["k1", "k2", "k3"]),
        ("relation-regrouped", "attack:k3:c", None, ["k1", "k2", "k3"]),
    ]


def test_drill_asks_a_linked_counterclaim_once() -> None:
    cards = side_cards(load(), "pro")
    assert [
        (card.counterclaim.id, [p.id for p in card.partners], [a.id for a in card.attacked]) for card in cards
    ] == [
        ("u", [], ["p1", "p2", "c"]),
        ("k1", ["k2"], ["c"]),
    ]
    assert [r.claim.id for r in cards[1].rebuttals] == ["v1", "v2"]


def test_aif_and_sadface_carry_linked_attacks_and_undercuts() -> None:
    amap = load(MAP.replace("        id: cost\n", ""))  # AIF names a group by its members
    for module, name in ((aif, "m.json"), (sadface, "m.sadface.json")):
        written = module.write(amap)
        again = module.read(written.text, name).map
        view = [(r.id, r.source, r.target, r.type.value, r.group) for r in again.relations]
        assert view == [(r.id, r.source, r.target, r.type.value, r.group) for r in amap.relations], module


def test_evaluate_json_names_the_members_of_a_joint_attacker(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        MAP.replace(
            "        undercuts:\n          - linked:\n              - {id: v1, text: Costs fall., by: pro}\n              - {id: v2, text: Grants come., by: pro}\n",
            "",
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["evaluate", str(path), "--why", "c", "--format", "json"])
    assert result.exit_code == 0, result.output
    (chain,) = json.loads(result.stdout)["chains"]
    assert chain["label"] == "out"
    assert chain["attackers"] == [{"id": "k1+k2", "label": "in", "defeated_by": [], "members": ["k1", "k2"]}]


MICROTEXT = """<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="t2" topic_id="x" stance="pro">
  <edu id="e1"><![CDATA[A.]]></edu>
  <edu id="e2"><![CDATA[B.]]></edu>
  <edu id="e3"><![CDATA[C.]]></edu>
  <edu id="e4"><![CDATA[D.]]></edu>
  <edu id="e5"><![CDATA[E.]]></edu>
  <adu id="a1" type="pro"/>
  <adu id="a2" type="opp"/>
  <adu id="a3" type="opp"/>
  <adu id="a4" type="pro"/>
  <adu id="a5" type="pro"/>
  <edge id="s1" src="e1" trg="a1" type="seg"/>
  <edge id="s2" src="e2" trg="a2" type="seg"/>
  <edge id="s3" src="e3" trg="a3" type="seg"/>
  <edge id="s4" src="e4" trg="a4" type="seg"/>
  <edge id="s5" src="e5" trg="a5" type="seg"/>
  <edge id="c1" src="a2" trg="a1" type="reb"/>
  <edge id="c2" src="a3" trg="c1" type="add"/>
  <edge id="c3" src="a4" trg="c1" type="und"/>
  <edge id="c4" src="a5" trg="c3" type="add"/>
</arggraph>
"""


def test_microtexts_add_edges_on_rebuttals_and_undercuts_make_linked_groups() -> None:
    result = microtexts.read(MICROTEXT, "/nowhere/t2.xml")
    assert [(r.source, r.target, r.type.value, r.group) for r in result.map.relations] == [
        ("a2", "a1", "attack", "a2+a3"),
        ("a3", "a1", "attack", "a2+a3"),
        ("a4", "attack:a2:a1", "undercut", "a4+a5"),
        ("a5", "attack:a2:a1", "undercut", "a4+a5"),
    ]
    assert [d.message for d in result.diagnostics] == [
        "no source text t2.txt beside the file; claims have no quotes"
    ]


def test_focus_on_a_side_keeps_a_linked_attack_whole() -> None:
    from argmap.analysis.focus import focus

    amap = load(
        MAP.replace("- {id: k2, text: The town has five., by: con}", "- {id: k2, text: The town has five.}")
    )
    shown = focus(amap, None, None, "con")
    assert [c.id for c in shown.claims] == ["c", "p1", "p2", "u", "k1", "k2"]


def test_render_eval_idles_a_linked_attack_when_any_member_is_out() -> None:
    statuses = {"c": "in", "p1": "in", "p2": "in", "u": "in", "k1": "in", "k2": "out", "v1": "in", "v2": "in"}
    dot = DotRenderer().render(load(), RenderOptions(legend=False, status=statuses))
    out = next(line for line in dot.splitlines() if 'id="linked/c/cost/out"' in line)
    assert out.strip() == (
        '"linked/c/cost" -> "c" [id="linked/c/cost/out" arrowhead="tee" color="#c62828" style="dashed" '
        'class="attack" color="#c6282840"]'
    )


def test_prep_names_every_premise_of_an_undercut_linked_argument() -> None:
    from argmap.analysis.prep import build_brief

    brief = build_brief(load(), "pro")
    (step,) = [h.step for h in brief.hits if h.step is not None and h.step.kind.value == "support"]
    assert step._asdict() == {
        "relation": "support:p1:c",
        "kind": RelationType.SUPPORT,
        "source": "p1",
        "target": "c",
        "linked": ("p1", "p2"),
    }


def test_the_yaml_writer_puts_an_undercut_of_a_linked_group_under_the_group() -> None:
    text = textwrap.dedent(
        """\
        argmap: 1
        claims:
        - id: c
          text: C.
          counterclaims:
          - linked:
            - id: k1
              text: K1.
            - id: k2
              text: K2.
            id: cost
            undercuts:
            - id: u
              text: U.
        """
    )
    assert tree.dumps(load(text)) == text


def test_a_group_change_is_one_change_in_the_summary_and_the_views() -> None:
    """The JSON keeps a change per relation (its contract); the summary and
    the text view count and show the group once."""
    from argmap.render.diff_text import diff_view, plain_text

    old = load_yaml_text(
        "claims:\n  - id: c\n    text: C.\n    counterclaims:\n      - linked: [{id: k1, text: K1.}, {id: k2, text: K2.}]\n"
        "  - {id: k3, text: K3.}\n",
        "old.yaml",
    ).map
    new = load_yaml_text(
        "claims:\n  - id: c\n    text: C.\n    counterclaims:\n"
        "      - linked: [{id: k1, text: K1.}, {id: k2, text: K2.}, {id: k3, text: K3.}]\n",
        "new.yaml",
    ).map
    result = diff_maps(old, new)
    assert [c.kind.value for c in result.changes].count("relation-regrouped") == 2  # k1 and k2
    assert "1 regrouped" in result.summary()
    shown = plain_text(diff_view(result, "old.yaml", "new.yaml", {}))
    assert shown.count("linked with") == 1
