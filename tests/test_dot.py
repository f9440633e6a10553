"""The DOT renderer and the focus filter behind --root/--depth/--side.

Whole DOT files are compared with tests/golden/*.dot; after a deliberate
change, rewrite them with `pytest --update-golden` and review the diff.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

from argmap.analysis.focus import focus
from argmap.errors import UsageError
from argmap.formats.native.read import load_yaml_text
from argmap.model import ArgumentMap, Claim, Relation, RelationType
from argmap.render import Direction, RenderOptions
from argmap.render.dot import DotRenderer, label

# Support, attack, an undercut of a single premise, a linked group with an
# undercut, a cross-link (p1 also supports a1), sides with and without a
# colour, and a claim by no side.
FULL = """\
argmap: 1
title: Socialism in one country?
sides:
  stalin: {name: Stalin}
  trotsky: {name: Trotsky, colour: "#1f77b4"}
claims:
  - id: c1
    text: The Soviet Union should build socialism in one country first.
    by: stalin
    premises:
      - id: p1
        text: The revolutions in Western Europe have ebbed; help will not come soon.
        by: stalin
        undercuts:
          - id: u1
            text: A lull is not a defeat; the German workers' movement is still strong.
            by: trotsky
      - linked:
          - id: p2
            text: Russia has the land and the resources for an industrial economy.
            by: stalin
          - id: p3
            text: The state can plan industry without foreign capital.
            by: stalin
        undercuts:
          - id: u2
            text: Planning alone cannot replace the world division of labour.
            by: trotsky
    counterclaims:
      - id: a1
        text: A socialist economy isolated in one backward country will degenerate into bureaucracy.
        by: trotsky
        premises:
          - id: p4
            text: Scarcity breeds a caste that controls distribution.
            by: trotsky
          - p1
        counterclaims:
          - id: a2
            text: Party discipline keeps the apparatus in check.
"""

ESCAPES = r"""
argmap: 1
title: "<b>not bold</b> & [not a link]"
sides:
  s: {name: "Side [one] <x>"}
claims:
  - id: e1
    text: 'Says "quotes", [brackets], <tags> & a back\slash \n \\ stay as written'
    by: s
    premises:
      - id: e2
        text: "Two\nlines"
"""

# The graph form: custom relation ids, an undercut of an undercut, and two
# claims attacking each other (no conclusion above them).
GRAPH = """\
argmap: 1
nodes:
  - {id: c, text: Conclusion}
  - {id: p, text: Premise}
  - {id: u, text: Undercutter}
  - {id: v, text: Defends the inference against u}
  - {id: x, text: Mutual attacker one}
  - {id: y, text: Mutual attacker two}
relations:
  - {id: inf, from: p, to: c, type: support}
  - {id: cut, from: u, to: inf, type: undercut}
  - {id: cut2, from: v, to: cut, type: undercut}
  - {from: x, to: y, type: attack}
  - {from: y, to: x, type: attack}
"""


def load(text: str) -> ArgumentMap:
    result = load_yaml_text(text, "inline.yaml")
    assert result.diagnostics == []
    return result.map


def render(text: str, **options: object) -> str:
    return DotRenderer().render(load(text), RenderOptions(**options))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "source", "options"),
    [
        ("full.dot", FULL, {}),
        ("full_lr_nolegend.dot", FULL, {"direction": Direction.LR, "legend": False, "wrap": 20}),
        ("full_root_a1_depth1.dot", FULL, {"root": "a1", "depth": 1}),
        ("full_side_trotsky.dot", FULL, {"side": "trotsky", "direction": Direction.TB}),
        ("escapes.dot", ESCAPES, {}),
        ("graph_form.dot", GRAPH, {"legend": False}),
    ],
)
def test_golden(
    name: str, source: str, options: dict[str, object], golden: Callable[[str, str], None]
) -> None:
    golden(name, render(source, **options))


def statuses(text: str, semantics: str) -> dict[str, str]:
    """What `render --eval` passes the renderer: claim (and inference) marks."""
    from argmap.analysis.evaluate import status_marks
    from argmap.model import Semantics

    marks = status_marks(load(text), Semantics(semantics))
    assert marks is not None
    return marks


@pytest.mark.parametrize("semantics", ["grounded", "dfquad"])
def test_golden_evaluated(semantics: str, golden: Callable[[str, str], None]) -> None:
    golden(f"full_eval_{semantics}.dot", render(FULL, status=statuses(FULL, semantics)))


def test_evaluated_looks_follow_the_status() -> None:
    marks = statuses(FULL, "grounded")
    # u1 and u2 stand unanswered, so both undercut inferences fall; a2
    # defeats a1, so c1 stands.
    assert {k: marks[k] for k in ("c1", "a1", "a2", "u1", "u2")} == {
        "c1": "in",
        "a1": "out",
        "a2": "in",
        "u1": "in",
        "u2": "in",
    }
    assert marks["support:p1:c1"] == "out"
    dot = render(FULL, status=marks).splitlines()
    nodes = {line.split()[0].strip('"'): line for line in dot if "->" not in line and line.startswith('\t"')}
    assert "<S>" in nodes["a1"] and "a1 \u00b7 rejected" in nodes["a1"]
    assert 'style="rounded,filled,dashed"' in nodes["a1"]
    assert "<S>" not in nodes["c1"] and "c1 \u00b7 accepted" in nodes["c1"]
    # An arrow out of a rejected claim, and the arrow on through a fallen
    # inference, are faded; others keep their colour.
    edges = {line.split('id="')[1].split('"')[0]: line for line in dot if "->" in line}
    faded = {edge for edge, line in edges.items() if '40"]' in line}
    assert faded == {"attack:a1:c1", "joint/support/p1/c1/out", "linked/c1/" + _group_of_p2() + "/out"}


def _group_of_p2() -> str:
    return next(r.group for r in load(FULL).relations if r.source == "p2" and r.group is not None)


@pytest.mark.parametrize("direction", list(Direction))
def test_direction_sets_only_rankdir(direction: Direction) -> None:
    # Without a legend: the legend's strip goes where the drawing ends
    # (tests/test_legend.py).
    base = render(FULL, legend=False)
    assert render(FULL, direction=direction, legend=False) == base.replace(
        'rankdir="BT"', f'rankdir="{direction.value}"'
    )


def test_deterministic() -> None:
    first = render(FULL)
    assert render(FULL) == first
    # A map loaded afresh (new objects, same text) gives the same bytes.
    assert DotRenderer().render(load_yaml_text(FULL, "inline.yaml").map, RenderOptions()) == first


def test_every_claim_and_relation_id_is_an_id_attribute_once() -> None:
    pygraphviz = pytest.importorskip("pygraphviz")
    amap = load(FULL)
    graph = pygraphviz.AGraph(string=DotRenderer().render(amap, RenderOptions()))
    ids = Counter(n.attr["id"] for n in graph.nodes()) + Counter(e.attr["id"] for e in graph.edges())
    expected = [c.id for c in amap.claims] + [r.id for r in amap.relations]
    assert {i: ids[i] for i in expected} == dict.fromkeys(expected, 1)
    assert all(count == 1 for count in ids.values())  # no other id repeats either (SVG ids are unique)


def test_claim_and_edge_classes() -> None:
    pygraphviz = pytest.importorskip("pygraphviz")
    graph = pygraphviz.AGraph(string=render(FULL))
    classes = {n.attr["id"]: n.attr["class"] for n in graph.nodes()}
    assert classes["c1"] == "claim side-stalin"
    assert classes["u1"] == "claim side-trotsky"
    assert classes["a2"] == "claim"
    edges = {e.attr["id"]: e.attr["class"] for e in graph.edges()}
    assert edges["support:p4:a1"] == "support"
    assert edges["attack:a1:c1"] == "attack"
    assert edges["undercut:u1:support:p1:c1"] == "undercut"


def test_undercuts_aim_at_joints_and_linked_premises_share_one() -> None:
    pygraphviz = pytest.importorskip("pygraphviz")
    graph = pygraphviz.AGraph(string=render(FULL))
    ends = {e.attr["id"]: (str(e[0]), str(e[1])) for e in graph.edges()}
    assert ends["support:p1:c1"] == ("p1", "joint/support/p1/c1")
    assert ends["joint/support/p1/c1/out"] == ("joint/support/p1/c1", "c1")
    assert ends["undercut:u1:support:p1:c1"] == ("u1", "joint/support/p1/c1")
    # Both linked premises meet in one joint; the undercut of the group aims there.
    assert ends["support:p2:c1"] == ("p2", "linked/c1/p2+p3")
    assert ends["support:p3:c1"] == ("p3", "linked/c1/p2+p3")
    assert ends["linked/c1/p2+p3/out"] == ("linked/c1/p2+p3", "c1")
    assert ends["undercut:u2:support:p2:c1"] == ("u2", "linked/c1/p2+p3")
    # A relation nobody undercuts is a plain edge.
    assert ends["support:p1:a1"] == ("p1", "a1")
    assert graph.get_node("linked/c1/p2+p3").attr["shape"] == "point"


def test_escaping_in_labels() -> None:
    pygraphviz = pytest.importorskip("pygraphviz")
    graph = pygraphviz.AGraph(string=render(ESCAPES, wrap=0))
    assert graph.get_node("e1").attr["label"] == (
        "Says &quot;quotes&quot;, [brackets], &lt;tags&gt; &amp; a back&#92;slash &#92;n &#92;&#92; "
        'stay as written<BR/><FONT POINT-SIZE="8" COLOR="#6b6b6b">e1</FONT>'
    )
    assert (
        graph.get_node("e2").attr["label"]
        == 'Two<BR/>lines<BR/><FONT POINT-SIZE="8" COLOR="#6b6b6b">e2</FONT>'
    )
    assert (
        graph.graph_attr["label"]
        == '<FONT POINT-SIZE="16">&lt;b&gt;not bold&lt;/b&gt; &amp; [not a link]</FONT>'
    )


def test_label_wraps_and_shows_what_xml_cannot_carry_as_escapes() -> None:
    assert label("one two three four", 9) == "<one two<BR/>three<BR/>four>"
    assert label("bell\x07 and nul\x00", 0) == "<bell&#92;x07 and nul&#92;x00>"
    assert label("", 10) == "<>"


def test_invalid_maps_do_not_crash() -> None:
    # Maps are validated before rendering; if one slips through anyway, what
    # cannot be drawn is skipped.
    pygraphviz = pytest.importorskip("pygraphviz")
    s, a, u = RelationType.SUPPORT, RelationType.ATTACK, RelationType.UNDERCUT
    amap = ArgumentMap(
        claims=(Claim("c", "C"), Claim("p", "P"), Claim("c", "duplicate id"), Claim("q", "Q", by="ghost")),
        relations=(
            Relation("r1", "p", "c", s),
            Relation("r2", "missing", "c", a),  # dangling source
            Relation("r3", "p", "missing", a),  # dangling target
            Relation("r4", "q", "r1", u),
            Relation("r5", "q", "nothing", u),  # undercut of no relation
            Relation("r6", "q", "c", u),  # undercut aimed at a claim
            Relation("r7", "q", "r7", u),  # undercuts itself
            Relation("r1", "q", "c", s),  # duplicate relation id
        ),
    )
    graph = pygraphviz.AGraph(string=DotRenderer().render(amap, RenderOptions(legend=False)))
    assert sorted(n.attr["id"] for n in graph.nodes()) == ["c", "joint/r1", "p", "q"]
    assert sorted(e.attr["id"] for e in graph.edges()) == ["joint/r1/out", "r1", "r4"]
    assert graph.get_node("c").attr["label"] == 'C<BR/><FONT POINT-SIZE="8" COLOR="#6b6b6b">c</FONT>'
    assert (graph.get_node("q").attr["class"], graph.get_node("q").attr["fillcolor"]) == (
        "claim side-ghost",
        "#ffffff",
    )


# -- focus ---------------------------------------------------------------------


def ids(amap: ArgumentMap) -> tuple[list[str], list[str]]:
    return [c.id for c in amap.claims], [r.id for r in amap.relations]


def test_focus_without_limits_is_the_map() -> None:
    amap = load(FULL)
    assert focus(amap, None, None, None) is amap


def test_focus_root() -> None:
    assert ids(focus(load(FULL), "a1", None, None)) == (
        ["p1", "a1", "p4", "a2"],
        ["support:p1:a1", "support:p4:a1", "attack:a2:a1"],
    )


def test_focus_depth_counts_undercuts_one_below_their_premise() -> None:
    claims, relations = ids(focus(load(FULL), None, 1, None))
    assert claims == ["c1", "p1", "p2", "p3", "a1"]
    assert "undercut:u1:support:p1:c1" not in relations
    claims, relations = ids(focus(load(FULL), None, 2, None))
    assert claims == ["c1", "p1", "u1", "p2", "p3", "u2", "a1", "p4", "a2"]
    assert "undercut:u2:support:p2:c1" in relations


def test_focus_depth_zero_is_the_roots() -> None:
    assert ids(focus(load(FULL), None, 0, None)) == (["c1"], [])


def test_focus_side_keeps_the_path_up_and_the_undercut_inference() -> None:
    # u1 undercuts p1 -> c1, so both ends of that inference stay; a1 and p4
    # are Trotsky's and hang under c1.
    claims, _ = ids(focus(load(FULL), None, None, "trotsky"))
    assert claims == ["c1", "p1", "u1", "p2", "p3", "u2", "a1", "p4"]
    assert "a2" not in claims


def test_focus_side_keeps_linked_groups_whole() -> None:
    text = FULL.replace(
        "text: The state can plan industry without foreign capital.\n            by: stalin",
        "text: The state can plan industry without foreign capital.\n            by: trotsky",
    )
    claims, _ = ids(focus(load(text), "c1", 1, "trotsky"))
    assert claims == ["c1", "p2", "p3", "a1"]


def test_focus_graph_form_cycles_and_undercut_chains() -> None:
    amap = load(GRAPH)
    # x and y attack each other: neither is a conclusion, both still get a level.
    assert ids(focus(amap, None, 0, None)) == (["c", "x"], [])
    assert ids(focus(amap, None, 1, None))[0] == ["c", "p", "x", "y"]
    assert ids(focus(amap, None, 3, None)) == (
        ["c", "p", "u", "v", "x", "y"],
        ["inf", "cut", "cut2", "attack:x:y", "attack:y:x"],
    )
    assert ids(focus(amap, "c", 2, None)) == (["c", "p", "u"], ["inf", "cut"])


@pytest.mark.parametrize(
    ("root", "depth", "side", "message"),
    [
        ("nope", None, None, "--root: no claim has id 'nope'"),
        (None, None, "nobody", "--side: no side 'nobody' (sides: stalin, trotsky)"),
        (None, -1, None, "--depth must be 0 or more, not -1"),
    ],
)
def test_focus_refuses_unknown_names(
    root: str | None, depth: int | None, side: str | None, message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        focus(load(FULL), root, depth, side)
    assert str(caught.value) == message


def test_the_legend_lists_only_the_sides_that_speak_in_the_diagram() -> None:
    amap = load_yaml_text(
        "sides: {a: {name: Alpha}, b: {name: Beta}, c: {name: Gamma}}\n"
        "claims:\n"
        "  - {id: x, text: X., by: a, premises: [{id: y, text: Y., by: c}]}\n",
        "m.yaml",
    ).map
    dot = DotRenderer().render(amap, RenderOptions())
    swatches = [line.split()[0] for line in dot.splitlines() if "->" not in line]
    assert [name for name in swatches if name.startswith('"legend/side/')] == [
        '"legend/side/a"',
        '"legend/side/c"',
    ]
    only_c = DotRenderer().render(amap, RenderOptions(root="y"))
    assert '"legend/side/c"' in only_c and '"legend/side/a"' not in only_c
