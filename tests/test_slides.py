"""Slide builds, the library side: `step:` in the format, and which claims
each frame reveals (argmap.analysis.slides), and how a frame hides the rest
(argmap.render.frames, RenderOptions.hidden)."""

from __future__ import annotations

import json

import pytest

from argmap.analysis.slides import Frame, Reveal, default_reveal, plan_frames
from argmap.errors import UsageError
from argmap.formats.native import graph, tree
from argmap.formats.native.read import load_json_text, load_yaml_text
from argmap.model import ArgumentMap
from argmap.render import RenderOptions
from argmap.render.dot import DotRenderer
from argmap.render.frames import frame_dots, frame_names, is_frame_name


def load(text: str) -> ArgumentMap:
    result = load_yaml_text(text)
    assert result.diagnostics == []
    return result.map


def reveals(amap: ArgumentMap, reveal: Reveal | None = None) -> list[tuple[str, ...]]:
    """The claims each frame adds, frame by frame."""
    frames = plan_frames(amap, reveal)
    assert [f.number for f in frames] == list(range(1, len(frames) + 1))
    assert frames[-1].visible == {c.id for c in amap.claims}
    return [f.new for f in frames]


# -- step: in the format --------------------------------------------------------


def test_step_is_read_in_both_forms_and_written_back() -> None:
    amap = load("claims:\n  - id: a\n    text: A.\n    step: 2\n    premises:\n      - {id: b, text: B.}\n")
    assert [c.step for c in amap.claims] == [2, None]
    as_json = graph.dumps(amap)
    assert json.loads(as_json)["nodes"][0] == {"id": "a", "text": "A.", "step": 2}
    assert [c.step for c in load_json_text(as_json).map.claims] == [2, None]
    assert tree.dumps(amap) == (
        "argmap: 1\nclaims:\n- id: a\n  text: A.\n  step: 2\n  premises:\n  - id: b\n    text: B.\n"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2.5", "step must be a whole number of 1 or more, not 2.5"),
        ("0", "step must be a whole number of 1 or more, not 0"),
        ("-3", "step must be a whole number of 1 or more, not -3"),
        ('"3"', "step must be a number, not a string"),
        ("[1]", "step must be a number, not a list"),
    ],
)
def test_a_bad_step_is_a_diagnostic_at_its_value(value: str, message: str) -> None:
    result = load_yaml_text(f"claims:\n  - id: a\n    text: A.\n    step: {value}\n")
    assert [(d.check_id, d.span.line, d.span.column, d.message) for d in result.diagnostics] == [
        ("wrong-type", 4, 11, message)
    ]
    assert result.map.claims[0].step is None


# -- the plans ------------------------------------------------------------------

DEBATE = """
sides: {s: {name: Stalin}, t: {name: Trotsky}}
claims:
  - id: c
    text: Conclusion.
    by: s
    premises:
      - id: p
        text: Premise.
        by: s
        undercuts:
          - {id: u, text: Undercut., by: t}
        counterclaims:
          - id: r
            text: Rebuttal.
            by: t
            counterclaims:
              - {id: rr, text: Reply to the rebuttal., by: s}
    counterclaims:
      - id: o
        text: Objection.
        by: t
        premises:
          - {id: op, text: Objection's premise., by: t}
          - {id: anon, text: A premise by no side.}
  - {id: c2, text: Another conclusion.}
"""


def test_by_depth_reveals_a_level_a_frame_as_depth_counts_them() -> None:
    amap = load(DEBATE)
    assert default_reveal(amap) is Reveal.DEPTH
    assert reveals(amap) == [("c", "c2"), ("p", "o"), ("r", "u", "op", "anon"), ("rr",)]


def test_by_side_reveals_exchange_by_exchange() -> None:
    # Turn 1: the conclusions and what their own side says for them; turn 2:
    # the other side's replies (with their own support, and the claim by no
    # side that joins them); turn 3: the answer to a reply.
    assert reveals(load(DEBATE), Reveal.SIDE) == [("c", "p", "c2"), ("r", "u", "o", "op", "anon"), ("rr",)]


def test_by_side_needs_sides() -> None:
    with pytest.raises(UsageError, match="no claim has a side"):
        plan_frames(load("claims:\n  - {id: a, text: A., premises: [{id: b, text: B.}]}\n"), Reveal.SIDE)


STEPPED = """
claims:
  - id: c
    text: Conclusion.
    step: 1
    premises:
      - id: p
        text: Premise, revealed third.
        step: 3
        premises:
          - {id: pp, text: Comes with p.}
        undercuts:
          - {id: u, text: "Undercut: needs p (3) and c (1)."}
    counterclaims:
      - {id: o, text: "Objection, revealed second.", step: 2}
      - {id: early, text: "Stepped before its parent, shown then.", step: 1}
  - {id: c2, text: A conclusion without a step comes first.}
  - {id: late, text: A conclusion stepped late., step: 5}
"""


def test_steps_order_the_frames_and_unstepped_claims_follow_their_parent() -> None:
    amap = load(STEPPED)
    assert default_reveal(amap) is Reveal.STEP
    assert reveals(amap) == [("c", "early", "c2"), ("o",), ("p", "pp", "u"), ("late",)]
    # --by-depth ignores the steps.
    assert reveals(amap, Reveal.DEPTH) == [("c", "c2", "late"), ("p", "o", "early"), ("pp", "u")]


def test_step_reveal_needs_steps() -> None:
    with pytest.raises(UsageError, match="no claim has a step"):
        plan_frames(load("claims:\n  - {id: a, text: A.}\n"), Reveal.STEP)


def test_claims_in_a_cycle_still_get_a_frame() -> None:
    amap = load(
        "sides: {x: {}, y: {}}\nclaims:\n  - {id: a, text: A., by: x}\n  - {id: b, text: B., by: y}\n"
        "relations:\n  - {from: a, to: b, type: attack}\n  - {from: b, to: a, type: attack}\n"
    )
    for reveal in (Reveal.DEPTH, Reveal.SIDE):
        assert reveals(amap, reveal) == [("a",), ("b",)]


def test_frame_names_widen_past_99() -> None:
    assert frame_names(3, "svg") == ["frame-01.svg", "frame-02.svg", "frame-03.svg"]
    assert frame_names(120, "png")[-1] == "frame-120.png"
    assert frame_names(120, "png")[0] == "frame-001.png"


def test_only_names_argmap_gives_frames_are_frames() -> None:
    assert [is_frame_name(n, "svg") for n in ("frame-01.svg", "frame-120.svg", "frame-1.svg")] == [
        True,
        True,
        False,
    ]
    assert [is_frame_name(n, "svg") for n in ("frame-01.png", "frame-notes.svg", "xframe-01.svg")] == [
        False
    ] * 3


# -- hiding ---------------------------------------------------------------------


def frame_dot(amap: ArgumentMap, visible: set[str], **options: object) -> str:
    """The DOT of a frame that shows the claims `visible`."""
    frame = Frame(1, frozenset(visible), ())
    return frame_dots(amap, RenderOptions(**options), [frame])[0]  # type: ignore[arg-type]


def hidden_statements(full: str, frame: str) -> list[str]:
    """The statements (up to their attributes) `frame` draws invisible, in
    order, checking that it is `full` line for line, each hidden statement
    with only `style="invis"` added at the end of its attributes."""
    full_lines, frame_lines = full.splitlines(), frame.splitlines()
    assert len(frame_lines) == len(full_lines)
    hidden = []
    for whole, drawn in zip(full_lines, frame_lines, strict=True):
        if drawn != whole:
            assert drawn == whole[:-1] + ' style="invis"]'
            hidden.append(whole.strip().split(" [")[0])
    return hidden


# What a frame of DEBATE showing c, p and c2 hides.
HIDDEN_CLAIMS = ['"r"', '"rr"', '"u"', '"o"', '"op"', '"anon"']
HIDDEN_ARROWS = [
    '"r" -> "p"',
    '"rr" -> "r"',
    '"u" -> "joint/support/p/c"',
    '"o" -> "c"',
    '"op" -> "o"',
    '"anon" -> "o"',
]


def test_a_frame_is_the_same_dot_with_the_hidden_part_invisible() -> None:
    amap = load(DEBATE)
    full = DotRenderer().render(amap, RenderOptions())
    # The undercut's joint on p -> c stays (p and c are shown); the claims
    # not in the frame, and every arrow to or from them, go.
    assert hidden_statements(full, frame_dot(amap, {"c", "p", "c2"})) == [*HIDDEN_CLAIMS, *HIDDEN_ARROWS]
    assert frame_dot(amap, {c.id for c in amap.claims}) == full


def test_hidden_claims_are_drawn_invisible_in_the_same_layout() -> None:
    amap = load("claims:\n  - {id: c, text: C., premises: [{id: p, text: P.}]}\n")
    options = RenderOptions(legend=False, hidden=frozenset({"p", "not-in-the-map"}))
    dot = DotRenderer().render(amap, options)
    assert dot.splitlines()[2:] == [
        '\tnode [color="#5f5f5f" fillcolor="#ffffff" fontname="DejaVu Sans,Noto Sans CJK SC,sans-serif" '
        'fontsize="11" margin="0.14,0.07" shape="box" style="rounded,filled"]',
        '\tedge [arrowsize="0.8" fontname="DejaVu Sans,Noto Sans CJK SC,sans-serif" fontsize="10" penwidth="1.4"]',
        '\t"c" [id="c" label=<C.<BR/><FONT POINT-SIZE="8" COLOR="#6b6b6b">c</FONT>> tooltip="C." '
        'color="#5f5f5f" fillcolor="#ffffff" penwidth="1" class="claim"]',
        '\t"p" [id="p" label=<P.<BR/><FONT POINT-SIZE="8" COLOR="#6b6b6b">p</FONT>> tooltip="P." '
        'color="#5f5f5f" fillcolor="#ffffff" penwidth="1" class="claim" style="invis"]',
        '\t"p" -> "c" [id="support:p:c" arrowhead="normal" color="#2e7d32" style="solid" class="support" '
        'style="invis"]',
        "}",
    ]


def test_a_joint_shows_with_its_inference() -> None:
    amap = load(DEBATE)
    full = DotRenderer().render(amap, RenderOptions(legend=False))
    # p hidden: its inference, and so the joint the undercut aims at, go too.
    assert hidden_statements(full, frame_dot(amap, {"c", "c2"}, legend=False)) == [
        '"p"',
        *HIDDEN_CLAIMS,
        '"joint/support/p/c"',
        '"p" -> "joint/support/p/c"',
        '"joint/support/p/c" -> "c"',
        *HIDDEN_ARROWS,
    ]
    assert hidden_statements(full, frame_dot(amap, {"c", "p", "c2"}, legend=False)) == [
        *HIDDEN_CLAIMS,
        *HIDDEN_ARROWS,
    ]


def test_linked_premises_share_a_joint_that_shows_with_the_first_of_them() -> None:
    # (An id with a quote is invalid, but the renderer hides it by id, not by reading the DOT.)
    amap = load_yaml_text(
        "claims:\n  - id: c\n    text: C.\n    premises:\n      - linked:\n"
        "          - {id: a, text: A.}\n          - {id: b, text: B., step: 2}\n    step: 1\n"
        "    counterclaims: [{id: 'x\"y', text: 'Quoted \"id\" and </script>.', step: 2}]\n"
    ).map
    full = DotRenderer().render(amap, RenderOptions(legend=False))
    assert hidden_statements(full, frame_dot(amap, {"c", "a"}, legend=False)) == [
        '"b"',
        '"x\\"y"',
        '"b" -> "linked/c/a+b"',
        '"x\\"y" -> "c"',
    ]


def test_a_stub_hides_with_its_claim_and_the_legend_never() -> None:
    # (u is below depth 1, so p -> c has no joint.)
    amap = load(DEBATE)
    full = DotRenderer().render(amap, RenderOptions(depth=1))
    assert hidden_statements(full, frame_dot(amap, {"c", "c2"}, depth=1)) == [
        '"p"',
        '"o"',
        '"more/p"',
        '"more/o"',
        '"p" -> "c"',
        '"o" -> "c"',
        '"more/p" -> "p"',
        '"more/o" -> "o"',
    ]
