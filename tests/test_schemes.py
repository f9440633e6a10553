"""Argument schemes and critical questions: the catalogue, `argmap
schemes`, the keys a map names them with (both forms), the checks, prep's
open questions and drill's question cards. Other formats, diff, show and
render: tests/test_schemes_formats.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.analysis.drill import side_cards
from argmap.analysis.prep import build_brief
from argmap.checks.gate import check_loaded
from argmap.cli import app
from argmap.formats.native import graph, tree
from argmap.formats.native.read import load_json_text, load_yaml_text
from argmap.model import ArgumentMap
from argmap.schemes import builtin_schemes, map_schemes, name_key, scheme_for_name
from argmap.schemes.questions import ANSWERED, CONCEDED, OPEN, question_states

DATA = Path(__file__).parent / "data"
BRIDGE = DATA / "schemes" / "bridge.yaml"
runner = CliRunner()


def bridge() -> ArgumentMap:
    result = load_yaml_text(BRIDGE.read_text(encoding="utf-8"), "bridge.yaml")
    assert check_loaded(result).diagnostics == []
    return result.map


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


# -- the catalogue ------------------------------------------------------------


def test_the_catalogue_has_25_or_more_schemes_each_with_numbered_questions() -> None:
    schemes = builtin_schemes()
    assert len(schemes) >= 25
    ids = [s.id for s in schemes]
    assert len(set(ids)) == len(ids)
    for scheme in schemes:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", scheme.id), scheme.id
        assert scheme.name and scheme.premises and scheme.conclusion and scheme.aif
        assert [q.id for q in scheme.questions] == [f"CQ{n}" for n in range(1, len(scheme.questions) + 1)]
        assert len(scheme.questions) >= 2 and all(q.text.endswith("?") for q in scheme.questions)


def test_no_two_schemes_answer_to_the_same_name() -> None:
    owners: dict[str, str] = {}
    for scheme in builtin_schemes():
        for name in {name_key(n) for n in (scheme.id, scheme.name, *scheme.aif)}:
            assert owners.setdefault(name, scheme.id) == scheme.id, name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Argument From Expert Opinion", "expert-opinion"),
        ("ExpertOpinion", "expert-opinion"),
        ("argument from cause to effect", "cause-to-effect"),
        ("Practical Reasoning", "practical-reasoning"),
        ("Slippery Slope Argument", "slippery-slope"),
        ("Argument from Popular Opinion", "popular-opinion"),
        ("Argument From Consequences", None),  # neither positive nor negative: not guessed
        ("Default Inference", None),
    ],
)
def test_other_tools_names_find_their_scheme(name: str, expected: str | None) -> None:
    found = scheme_for_name(name)
    assert (found.id if found else None) == expected


def test_docs_list_every_scheme() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "schemes.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z-]+)` \| ([^|]+) \|", doc, re.MULTILINE)
    assert rows == [(s.id, s.name) for s in builtin_schemes()]


# -- argmap schemes -------------------------------------------------------------


def test_schemes_json_lists_every_scheme_with_its_questions() -> None:
    code, out, err = run("schemes", "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert list(document) == ["schemes"]
    assert [s["id"] for s in document["schemes"]] == [s.id for s in builtin_schemes()]
    first = document["schemes"][0]
    assert list(first) == ["id", "name", "premises", "conclusion", "critical_questions", "aif"]
    assert first["critical_questions"][0] == {"id": "CQ1", "text": "How credible is E as an expert?"}


def test_schemes_text_is_one_line_a_scheme_and_names_show_them_whole() -> None:
    code, out, err = run("schemes")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == len(builtin_schemes())
    assert lines[0] == "expert-opinion               Argument from expert opinion (6 questions)"
    code, out, err = run("schemes", "division")
    assert (code, err) == (0, "")
    assert out == (
        "division: Argument from division\n"
        "  premise: The whole W has property F.\n"
        "  conclusion: Each part of W has property F.\n"
        "  CQ1: Does W really have F?\n"
        "  CQ2: Is F a property that passes from the whole to its parts?\n"
    )


def test_schemes_of_a_map_and_an_unknown_id() -> None:
    code, out, err = run("schemes", "--map", BRIDGE, "--format", "json", "authority")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "schemes": [
            {
                "id": "authority",
                "name": "Argument from authority",
                "premises": ["A says so."],
                "critical_questions": [{"id": "AQ1", "text": "Is A an authority on this?"}],
            }
        ]
    }
    code, out, err = run("schemes", "expert-opnion")
    assert (code, out) == (2, "")
    assert err == "argmap: no scheme has id 'expert-opnion'; did you mean 'expert-opinion'?\n"


# -- the keys, in both forms ----------------------------------------------------------


def test_the_tree_form_puts_scheme_keys_on_the_relations() -> None:
    amap = bridge()
    said = {
        r.id: (r.scheme, r.question, r.answered, r.conceded) for r in amap.relations if r.scheme or r.question
    }
    assert said == {
        "support:p1:c": ("expert-opinion", None, ("CQ1", "CQ2", "CQ3"), ("CQ5",)),
        "undercut:u1:support:p1:c": (None, "CQ4", (), ()),
        "support:p2:c": ("cause-to-effect", None, ("CQ1", "CQ2"), ()),
        "support:p3:c": ("cause-to-effect", None, ("CQ1", "CQ2"), ()),
        "attack:a1:c": (None, "CQ3", (), ()),
        "support:p4:d": ("authority", None, (), ()),
    }
    scheme = amap.schemes["authority"]
    assert (scheme.name, scheme.premises, [(q.id, q.text) for q in scheme.questions]) == (
        "Argument from authority",
        ("A says so.",),
        [("AQ1", "Is A an authority on this?")],
    )


def test_yaml_json_yaml_json_keeps_every_scheme_key() -> None:
    amap = bridge()
    first = graph.dumps(amap)
    relations = json.loads(first)["relations"]
    assert relations[0] == {
        "id": "support:p1:c",
        "from": "p1",
        "to": "c",
        "type": "support",
        "scheme": "expert-opinion",
        "answered": ["CQ1", "CQ2", "CQ3"],
        "conceded": ["CQ5"],
    }
    from_json = load_json_text(first, "b.json")
    assert from_json.diagnostics == []
    again = load_yaml_text(tree.dumps(from_json.map), "b.yaml")
    assert again.diagnostics == []
    assert graph.dumps(again.map) == first


def test_a_linked_group_whose_members_differ_is_written_as_relations() -> None:
    text = """
nodes: [{id: c, text: C.}, {id: a, text: A.}, {id: b, text: B.}]
relations:
  - {from: a, to: c, type: support, group: g, scheme: sign}
  - {from: b, to: c, type: support, group: g, scheme: analogy}
"""
    amap = load_yaml_text(text, "g.yaml").map
    back = load_yaml_text(tree.dumps(amap), "t.yaml")
    assert back.diagnostics == []
    assert [(r.source, r.group, r.scheme) for r in back.map.relations] == [
        ("a", "g", "sign"),
        ("b", "g", "analogy"),
    ]


# -- the checks ---------------------------------------------------------------


def found(text: str) -> list[tuple[str, int, int]]:
    result = load_yaml_text(text, "m.yaml")
    return [(d.check_id, d.span.line, d.span.column) for d in check_loaded(result).diagnostics]


def test_unknown_scheme_and_question_point_at_what_was_written() -> None:
    text = """claims:
  - id: c
    text: C.
    premises:
      - id: p
        text: P.
        scheme: expert-opinon
      - id: q
        text: Q.
        scheme: sign
        answered: [CQ1, CQ3]
        undercuts:
          - {id: u, text: U., question: CQ7}
    counterclaims:
      - {id: a, text: A., question: CQ2}
      - {id: b, text: B., question: CQ9}
"""
    assert found(text) == [
        ("unknown-scheme", 7, 17),
        ("unknown-question", 11, 25),
        ("unknown-question", 13, 41),
        ("unknown-question", 16, 37),
    ]
    messages = [d.message for d in check_loaded(load_yaml_text(text, "m.yaml")).diagnostics]
    assert messages[0].startswith("unknown scheme 'expert-opinon'; did you mean 'expert-opinion'?")
    assert messages[1] == "scheme 'sign' has no critical question 'CQ3' (it has CQ1, CQ2)"


def test_a_map_may_name_its_own_schemes_and_replace_a_built_in_one() -> None:
    text = """schemes:
  sign: {name: My sign, questions: {S1: Is it a sign?}}
claims:
  - id: c
    text: C.
    premises:
      - {id: p, text: P., scheme: sign, answered: [S1]}
      - {id: q, text: Q., scheme: sign, answered: [CQ1]}
"""
    assert found(text) == [("unknown-question", 8, 52)]
    amap = load_yaml_text(text, "m.yaml").map
    assert map_schemes(amap)["sign"].name == "My sign"
    assert len(map_schemes(amap)) == len(builtin_schemes())


def test_scheme_keys_out_of_place_are_errors() -> None:
    text = """claims:
  - id: c
    text: C.
    scheme: sign
    premises:
      - {id: p, text: P., question: CQ1}
      - linked: [{id: a, text: A., scheme: sign}, {id: b, text: B.}]
    counterclaims:
      - {id: x, text: X., answered: [CQ1]}
relations:
  - {from: x, to: p, type: attack, scheme: sign}
"""
    assert found(text) == [
        ("scheme-misplaced", 4, 5),
        ("scheme-misplaced", 6, 27),
        ("scheme-misplaced", 7, 36),
        ("scheme-misplaced", 9, 27),
        ("scheme-misplaced", 11, 36),
    ]


def test_validate_of_a_map_using_schemes_is_clean_and_of_a_bad_one_warns(tmp_path: Path) -> None:
    assert run("validate", "--strict", "--quiet", BRIDGE) == (0, "", "")
    code, out, _ = run("validate", DATA / "invalid" / "schemes.yaml")
    assert code == 1
    assert "(unknown-scheme)" in out.splitlines()[1]


# -- prep and drill -------------------------------------------------------------


def test_question_states_mark_answered_conceded_and_raised() -> None:
    amap = bridge()
    states = [
        (s.inference.relation, s.question.id, s.status, s.raised_by)
        for s in question_states(amap, map_schemes(amap))
    ]
    assert states == [
        ("support:p1:c", "CQ1", ANSWERED, ()),
        ("support:p1:c", "CQ2", ANSWERED, ()),
        # a1 attacks c, the conclusion of both inferences; both schemes have a CQ3.
        ("support:p1:c", "CQ3", ANSWERED, ("attack:a1:c",)),
        ("support:p1:c", "CQ4", OPEN, ("undercut:u1:support:p1:c",)),
        ("support:p1:c", "CQ5", CONCEDED, ()),
        ("support:p1:c", "CQ6", OPEN, ()),
        ("support:p2:c", "CQ1", ANSWERED, ()),
        ("support:p2:c", "CQ2", ANSWERED, ()),
        ("support:p2:c", "CQ3", OPEN, ("attack:a1:c",)),
        ("support:p4:d", "AQ1", OPEN, ()),
    ]


def test_prep_json_lists_the_open_questions_for_the_side() -> None:
    code, out, err = run("prep", BRIDGE, "--side", "defence", "--format", "json")
    assert (code, err) == (0, "")
    questions = json.loads(out)["open_questions"]
    assert [
        (q["relation"], q["scheme"], q["question"], q["role"], [r["relation"] for r in q["raised_by"]])
        for q in questions
    ] == [
        ("support:p1:c", "expert-opinion", "CQ4", "defend", ["undercut:u1:support:p1:c"]),
        ("support:p1:c", "expert-opinion", "CQ6", "defend", []),
        ("support:p2:c", "cause-to-effect", "CQ3", "defend", ["attack:a1:c"]),
        ("support:p4:d", "authority", "AQ1", "ask", []),
    ]
    assert questions[2]["relations"] == ["support:p2:c", "support:p3:c"]
    assert [p["id"] for p in questions[2]["premises"]] == ["p2", "p3"]
    assert questions[0]["text"] == "Is E personally reliable, with nothing to gain from A?"


def test_a_map_without_schemes_has_no_questions_part() -> None:
    amap = load_yaml_text(
        "sides: {s: {}}\nclaims: [{id: c, text: C., by: s, premises: [{id: p, text: P.}]}]", "m.yaml"
    ).map
    brief = build_brief(amap, "s")
    assert brief.questions is None and "open_questions" not in brief.to_json()


def test_prep_shows_the_questions_part_in_every_skin() -> None:
    for skin, heading in (
        ("text", "Open critical questions (4)"),
        ("markdown", "## Open critical questions (4)"),
    ):
        code, out, _ = run("prep", BRIDGE, "--side", "defence", "--part", "questions", "--format", skin)
        assert code == 0 and heading in out.splitlines()
    code, out, _ = run("prep", BRIDGE, "--side", "defence", "--part", "questions", "--format", "html")
    assert code == 0 and '<section id="questions">' in out


def test_drill_asks_the_open_questions_of_the_sides_inferences() -> None:
    cards = side_cards(bridge(), "defence")
    assert [(c.counterclaim.id, c.relation.id, c.question.id if c.question else None) for c in cards] == [
        ("a1", "attack:a1:c", "CQ3"),
        ("expert-opinion.CQ4", "support:p1:c", "CQ4"),
        ("expert-opinion.CQ6", "support:p1:c", "CQ6"),
    ]
    assert [c.graded for c in cards] == [False, False, False]
    assert [c.unraised for c in cards] == [False, True, True]


def test_the_json_schema_knows_the_scheme_keys() -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    import yaml

    schema = json.loads((Path(__file__).parent.parent / "argmap/schema/argmap.schema.json").read_text())
    document = yaml.safe_load(BRIDGE.read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    document["schemes"]["authority"]["questoins"] = {}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)
