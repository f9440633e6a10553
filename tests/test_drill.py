"""`argmap drill`: the cards of a side, their Leitner schedule, the results
file, the interactive session driven through CliRunner, and the --print sheet
(compared whole with tests/golden/drill-*; rewrite with --update-golden)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.analysis.drill import (
    BOXES,
    Card,
    CardKey,
    CardRecord,
    Results,
    SideResults,
    default_results_path,
    finish_session,
    format_results,
    grade,
    parse_results,
    plan_session,
    side_cards,
)
from argmap.cli import app, drill_prompt
from argmap.errors import InputError, UsageError
from argmap.formats.native.read import load_yaml_text

REPO = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
runner = CliRunner()

TEA = """\
title: Tea or coffee
sides:
  pro: {name: Pro}
  con: {name: Con}
  neutral: {name: Neutral}
  bystander: {name: Bystander}
claims:
  - id: tea
    text: Tea is better than coffee.
    by: pro
    premises:
      - id: calm
        text: Tea calms you.
        by: pro
        undercuts:
          - id: sleepy
            text: Calm is not what a drink is for.
            by: con
    counterclaims:
      - id: taste
        text: Coffee tastes better.
        by: con
        counterclaims:
          - id: taste-varies
            text: Taste varies from one person to the next.
            by: neutral
          - id: acquired
            text: A taste for coffee is acquired, not given.
            by: pro
      - id: price
        text: Coffee is cheaper.
        by: con
      - id: caffeine
        text: Coffee has more caffeine.
        by: con
        undercuts:
          - id: caffeine-irrelevant
            text: More caffeine does not make a drink better.
            by: pro
  - id: coffee
    text: Coffee is the better buy.
    by: con
    premises:
      - price
  - id: cheap-not-better
    text: Cheaper is not better.
    by: pro
relations:
  - {from: cheap-not-better, to: "support:price:coffee", type: undercut}
"""


def tea_cards(side: str = "pro") -> list[Card]:
    return side_cards(load_yaml_text(TEA, "tea.yaml").map, side)


def keys(cards: list[Card] | tuple[Card, ...]) -> list[CardKey]:
    return [card.key for card in cards]


# -- cards --------------------------------------------------------------------------


def test_cards_are_the_other_sides_attacks_and_undercuts_on_the_side_in_map_order() -> None:
    cards = tea_cards()
    assert keys(cards) == [
        ("sleepy", "support:calm:tea"),
        ("taste", "tea"),
        ("price", "tea"),
        ("caffeine", "tea"),
    ]
    assert [[claim.id for claim in card.attacked] for card in cards] == [
        ["calm", "tea"],
        ["tea"],
        ["tea"],
        ["tea"],
    ]
    assert [card.graded for card in cards] == [False, True, True, True]
    assert [card.order for card in cards] == [0, 1, 2, 3]


def test_rebuttals_put_the_sides_own_first_and_include_undercuts_of_any_inference() -> None:
    by_key = {card.key: card for card in tea_cards()}
    taste = by_key[("taste", "tea")].rebuttals
    # taste-varies comes first in the map, but acquired is Pro's own.
    assert [(r.claim.id, r.relation.id, r.inference) for r in taste] == [
        ("acquired", "attack:acquired:taste", None),
        ("taste-varies", "attack:taste-varies:taste", None),
    ]
    caffeine = by_key[("caffeine", "tea")].rebuttals
    assert [(r.claim.id, r.inference and r.inference.id) for r in caffeine] == [
        ("caffeine-irrelevant", "attack:caffeine:tea")
    ]
    # An undercut of the counterclaim's other inference (price supports coffee) answers it too.
    price = by_key[("price", "tea")].rebuttals
    assert [(r.claim.id, r.inference and r.inference.id) for r in price] == [
        ("cheap-not-better", "support:price:coffee")
    ]


def test_cards_of_the_other_side() -> None:
    assert keys(tea_cards("con")) == [
        ("taste-varies", "taste"),
        ("acquired", "taste"),
        ("caffeine-irrelevant", "attack:caffeine:tea"),
        ("cheap-not-better", "support:price:coffee"),
    ]
    assert tea_cards("neutral") == []


def test_unknown_side_names_the_declared_ones() -> None:
    with pytest.raises(UsageError) as raised:
        tea_cards("tee")
    assert str(raised.value) == "--side: no side 'tee' (sides: pro, con, neutral, bystander)"


# -- scheduling ---------------------------------------------------------------------


def test_grade_moves_boxes() -> None:
    record = grade(None, True, 1)
    assert record == CardRecord(box=2, due=3, right=1, wrong=0)
    record = grade(record, True, 3)
    assert record == CardRecord(box=3, due=7, right=2, wrong=0)
    record = grade(record, False, 7)
    assert record == CardRecord(box=1, due=8, right=2, wrong=1)
    top = CardRecord(box=BOXES, due=40, right=9, wrong=0)
    assert grade(top, True, 40) == CardRecord(box=BOXES, due=56, right=10, wrong=0)


@given(
    st.builds(CardRecord, st.integers(1, BOXES), st.integers(0, 50), st.integers(0, 9), st.integers(0, 9)),
    st.builds(CardRecord, st.integers(1, BOXES), st.integers(0, 50), st.integers(0, 9), st.integers(0, 9)),
    st.integers(1, 100),
)
def test_a_missed_card_comes_back_before_a_known_one(
    missed: CardRecord, known: CardRecord, session: int
) -> None:
    assert grade(missed, False, session).due == session + 1
    assert grade(missed, False, session).due < grade(known, True, session).due


def test_order_is_due_first_lowest_box_seen_before_new_then_map_order_then_ungraded() -> None:
    cards = tea_cards()
    results = SideResults(
        session=4,
        records={
            ("caffeine", "tea"): CardRecord(box=1, due=5, right=0, wrong=1),
            ("taste", "tea"): CardRecord(box=2, due=5, right=1, wrong=0),
        },
    )
    plan = plan_session(cards, results)
    assert plan.number == 5
    # price is new (box 1, unseen), caffeine was missed (box 1, seen), taste is in box 2.
    assert keys(plan.questions) == [
        ("caffeine", "tea"),
        ("price", "tea"),
        ("taste", "tea"),
        ("sleepy", "support:calm:tea"),
    ]
    assert plan.not_due == 0
    assert keys(plan_session(cards, results, limit=2).questions) == [("caffeine", "tea"), ("price", "tea")]


def test_cards_not_due_are_not_asked_and_empty_sessions_are_skipped() -> None:
    cards = tea_cards()
    results = SideResults(
        session=2,
        records={
            ("caffeine", "tea"): CardRecord(box=3, due=6, right=2, wrong=0),
            ("price", "tea"): CardRecord(box=2, due=4, right=1, wrong=0),
            ("taste", "tea"): CardRecord(box=3, due=6, right=2, wrong=0),
        },
    )
    plan = plan_session(cards, results)
    # Nothing is due in session 3: the session is the first in which a card is.
    assert plan.number == 4
    assert keys(plan.questions) == [("price", "tea"), ("sleepy", "support:calm:tea")]
    assert plan.not_due == 2


def test_a_card_always_right_is_asked_less_and_less_often_one_always_wrong_every_session() -> None:
    cards = [card for card in tea_cards() if card.key in {("taste", "tea"), ("price", "tea")}]
    results = SideResults()
    asked: dict[CardKey, list[int]] = {card.key: [] for card in cards}
    for _ in range(8):
        plan = plan_session(cards, results)
        for card in plan.questions:
            asked[card.key].append(plan.number)
        grades = {card.key: card.key == ("taste", "tea") for card in plan.questions}
        results = finish_session(results, plan, grades)
    assert asked[("taste", "tea")] == [1, 3, 7]
    assert asked[("price", "tea")] == [1, 2, 3, 4, 5, 6, 7, 8]


def test_sessions_with_nothing_due_are_skipped_so_a_known_card_comes_back_in_doubling_steps() -> None:
    cards = [card for card in tea_cards() if card.key == ("taste", "tea")]
    results = SideResults()
    sessions = []
    for _ in range(6):
        plan = plan_session(cards, results)
        sessions.append(plan.number)
        results = finish_session(results, plan, {("taste", "tea"): True})
    assert sessions == [1, 3, 7, 15, 31, 47]


def test_planning_is_deterministic() -> None:
    results = SideResults(session=1, records={("taste", "tea"): CardRecord(1, 2, 0, 1)})
    assert plan_session(tea_cards(), results) == plan_session(tea_cards(), results)


def test_records_of_cards_no_longer_in_the_map_are_dropped() -> None:
    gone: CardKey = ("milk", "tea")
    results = SideResults(
        session=3, records={gone: CardRecord(2, 5, 1, 0), ("taste", "tea"): CardRecord(2, 5, 1, 0)}
    )
    plan = plan_session(tea_cards(), results)
    assert plan.dropped == (gone,)
    after = finish_session(results, plan, {})
    # Nothing graded: the session does not count, but the dropped record goes.
    assert after == SideResults(session=3, records={("taste", "tea"): CardRecord(2, 5, 1, 0)})


def test_finish_session_applies_grades_in_the_sessions_number() -> None:
    plan = plan_session(tea_cards(), SideResults())
    after = finish_session(SideResults(), plan, {("taste", "tea"): True, ("price", "tea"): False})
    assert after == SideResults(
        session=1,
        records={("taste", "tea"): CardRecord(2, 3, 1, 0), ("price", "tea"): CardRecord(1, 2, 0, 1)},
    )


# -- the results file -----------------------------------------------------------------

identifiers = st.text(st.characters(codec="utf-8"), min_size=1, max_size=12)
records = st.builds(
    CardRecord, st.integers(1, BOXES), st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6)
)
side_results = st.builds(
    SideResults,
    st.integers(0, 10**6),
    st.dictionaries(st.tuples(identifiers, identifiers), records, max_size=5),
)


@given(st.builds(Results, st.dictionaries(identifiers, side_results, max_size=3)))
def test_results_round_trip(results: Results) -> None:
    text = format_results(results)
    parsed = parse_results(text, "x.drill.json")
    assert parsed == results
    assert format_results(parsed) == text


def test_results_file_format() -> None:
    results = Results(
        {"pro": SideResults(2, {("taste", "tea"): CardRecord(2, 4, 1, 1)}), "con": SideResults()}
    )
    assert format_results(results) == (
        "{\n"
        '  "argmap-drill": 1,\n'
        '  "sides": {\n'
        '    "con": {\n'
        '      "session": 0,\n'
        '      "cards": []\n'
        "    },\n"
        '    "pro": {\n'
        '      "session": 2,\n'
        '      "cards": [\n'
        '        {"counterclaim": "taste", "attacks": "tea", "box": 2, "due": 4, "right": 1, "wrong": 1}\n'
        "      ]\n"
        "    }\n"
        "  }\n"
        "}\n"
    )


def _file(**card_changes: object) -> str:
    card = {
        "counterclaim": "taste",
        "attacks": "tea",
        "box": 2,
        "due": 4,
        "right": 1,
        "wrong": 0,
        **card_changes,
    }
    card = {k: v for k, v in card.items() if v != "<leave out>"}
    return json.dumps({"argmap-drill": 1, "sides": {"pro": {"session": 2, "cards": [card]}}})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "x.drill.json:1:1: not a drill results file: it is empty"),
        (
            '{"argmap-drill": 1,',
            "x.drill.json:1:20: not a drill results file: Expecting property name enclosed in double quotes",
        ),
        ("[]", "x.drill.json: not a drill results file: the file is not an object"),
        ('{"argmap-drill": 2, "sides": {}}', "x.drill.json: not a drill results file: format 2 is not 1"),
        (
            '{"argmap-drill": 1, "sides": []}',
            "x.drill.json: not a drill results file: 'sides' is not an object",
        ),
        ('{"argmap-drill": 1}', "x.drill.json: not a drill results file: the file has no 'sides'"),
        (
            '{"argmap-drill": 1, "sides": {"pro": {"session": -1, "cards": []}}}',
            "x.drill.json: not a drill results file: side 'pro': session must be a whole number 0 or more, not -1",
        ),
        (
            '{"argmap-drill": 1, "sides": {"pro": {"session": 1, "cards": {}}}}',
            "x.drill.json: not a drill results file: side 'pro': 'cards' is not a list",
        ),
        (
            _file(box=0),
            "x.drill.json: not a drill results file: side 'pro', card 1: box must be a whole number from 1 to 5, not 0",
        ),
        (
            _file(box=6),
            "x.drill.json: not a drill results file: side 'pro', card 1: box must be a whole number from 1 to 5, not 6",
        ),
        (
            _file(due=True),
            "x.drill.json: not a drill results file: side 'pro', card 1: due must be a whole number 0 or more, not true",
        ),
        (
            _file(right=1.5),
            "x.drill.json: not a drill results file: side 'pro', card 1: right must be a whole number 0 or more, not 1.5",
        ),
        (
            _file(attacks=""),
            "x.drill.json: not a drill results file: side 'pro', card 1: attacks must be a non-empty string, not \"\"",
        ),
        (
            _file(wrong="<leave out>"),
            "x.drill.json: not a drill results file: side 'pro', card 1 has no 'wrong'",
        ),
        (
            _file(seen=3),
            "x.drill.json: not a drill results file: side 'pro', card 1 has an unknown key 'seen'",
        ),
    ],
)
def test_a_corrupt_results_file_is_one_line(text: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_results(text, "x.drill.json")
    assert str(raised.value) == message


def test_a_card_twice_is_refused() -> None:
    card = {"counterclaim": "taste", "attacks": "tea", "box": 2, "due": 4, "right": 1, "wrong": 0}
    text = json.dumps({"argmap-drill": 1, "sides": {"pro": {"session": 2, "cards": [card, card]}}})
    with pytest.raises(InputError) as raised:
        parse_results(text, "x.drill.json")
    assert (
        str(raised.value)
        == "x.drill.json: not a drill results file: side 'pro', card 2: taste -> tea is there twice"
    )


def test_default_results_path_is_beside_the_map() -> None:
    assert default_results_path(Path("arguments/tea.yaml")) == Path("arguments/tea.drill.json")
    assert default_results_path(Path("tea.json")) == Path("tea.drill.json")


def test_the_core_imports_no_cli_or_terminal_library() -> None:
    script = "import argmap.analysis.drill, sys; print(' '.join(m for m in ('typer', 'click', 'rich') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []


# -- the interactive session ------------------------------------------------------------


@pytest.fixture
def tea(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tea.yaml in a scratch folder, the current folder."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "tea.yaml"
    path.write_text(TEA, encoding="utf-8")
    return path


def drill(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["drill", *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def saved(path: str = "tea.drill.json") -> dict[str, tuple[int, int, int, int]]:
    """The pro side's records in a results file, by `counterclaim>attacks`."""
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    cards = document["sides"]["pro"]["cards"]
    return {
        f"{c['counterclaim']}>{c['attacks']}": (c["box"], c["due"], c["right"], c["wrong"]) for c in cards
    }


def asked(stdout: str) -> list[str]:
    """The question lines of a session's transcript."""
    return [line for line in stdout.splitlines() if line.startswith("[")]


SESSION_ONE = """\
Drill for Pro, session 1: 4 questions, 1 with no rebuttal mapped yet (not graded).
Answer in your own words, then mark yourself: y right, n wrong, s skip, q quit.

[1/4] Con attacks Pro's claim tea:
    Tea is better than coffee.
  Con (taste):
    Coffee tastes better.
Your answer: You learn to like coffee
  Rebuttals mapped (2):
  - Pro (acquired) attacks it:
      A taste for coffee is acquired, not given.
  - Neutral (taste-varies) attacks it:
      Taste varies from one person to the next.
Did you have it? [y/n/s/q]: maybe
  Answer y (right), n (wrong), s (skip) or q (quit).
Did you have it? [y/n/s/q]: y

[2/4] Con attacks Pro's claim tea:
    Tea is better than coffee.
  Con (price):
    Coffee is cheaper.
Your answer: <empty>
  Rebuttals mapped (1):
  - Pro (cheap-not-better) undercuts its support of coffee:
      Cheaper is not better.
Did you have it? [y/n/s/q]: n

[3/4] Con attacks Pro's claim tea:
    Tea is better than coffee.
  Con (caffeine):
    Coffee has more caffeine.
Your answer: s

[4/4] Con undercuts Pro's inference that calm supports tea:
    calm: Tea calms you.
    tea: Tea is better than coffee.
  Con (sleepy):
    Calm is not what a drink is for.
  No rebuttal mapped yet: what would you say?
Your answer: It is what tea is for
  No rebuttal mapped yet (not graded): add yours to the map.

Session 1: 1 right, 1 wrong, 1 skipped. Saved to tea.drill.json.
Next session (2): 2 due, 1 not due yet.
""".replace("<empty>", "")  # an empty answer is allowed


def test_a_session_right_wrong_skip_and_an_ungraded_card(tea: Path) -> None:
    before = tea.read_bytes()
    answers = "You learn to like coffee\nmaybe\ny\n\nn\ns\nIt is what tea is for\n"
    assert drill("tea.yaml", "--side", "pro", input=answers) == (0, SESSION_ONE, "")
    assert saved() == {"taste>tea": (2, 3, 1, 0), "price>tea": (1, 2, 0, 1)}
    assert tea.read_bytes() == before


def test_the_next_session_asks_the_missed_card_first(tea: Path) -> None:
    drill("tea.yaml", "--side", "pro", input="a\ny\nb\nn\nc\ny\nd\n")
    code, out, err = drill("tea.yaml", "--side", "pro", input="e\ny\nf\n")
    assert (code, err) == (0, "")
    # taste and caffeine were right (box 2, due in session 3); price was missed.
    assert asked(out) == [
        "[1/2] Con attacks Pro's claim tea:",
        "[2/2] Con undercuts Pro's inference that calm supports tea:",
    ]
    assert (
        out.splitlines()[0]
        == "Drill for Pro, session 2: 2 questions, 1 with no rebuttal mapped yet (not graded)."
    )
    assert "  Con (price):" in out.splitlines()
    assert saved() == {"taste>tea": (2, 3, 1, 0), "price>tea": (2, 4, 1, 1), "caffeine>tea": (2, 3, 1, 0)}


def test_limit_and_quit_save_what_was_answered(tea: Path) -> None:
    code, out, err = drill("tea.yaml", "--side", "pro", "--limit", "3", input="a\nn\nq\n")
    assert (code, err) == (0, "")
    assert asked(out) == ["[1/3] Con attacks Pro's claim tea:", "[2/3] Con attacks Pro's claim tea:"]
    assert out.splitlines()[-2:] == [
        "Session 1: 0 right, 1 wrong, 0 skipped. Saved to tea.drill.json.",
        "Next session (2): 3 due, 0 not due yet.",
    ]
    assert saved() == {"taste>tea": (1, 2, 0, 1)}


def test_quit_at_the_grade_prompt(tea: Path) -> None:
    code, out, _ = drill("tea.yaml", "--side", "pro", input="a\nq\n")
    assert code == 0
    assert out.splitlines()[-1] == "Session 1: 0 right, 0 wrong, 0 skipped. Nothing to save."
    assert not Path("tea.drill.json").exists()


def test_end_of_input_mid_session_saves_and_exits_130(tea: Path) -> None:
    code, out, err = drill("tea.yaml", "--side", "pro", input="a\ny\nb\n")
    assert code == 130
    assert err == "argmap: interrupted after 1 answer; saved to tea.drill.json\n"
    assert out.endswith("Did you have it? [y/n/s/q]: \n")
    assert saved() == {"taste>tea": (2, 3, 1, 0)}


def test_ctrl_c_before_any_answer_saves_nothing(tea: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(drill_prompt, "answer_text", interrupted)
    code, _, err = drill("tea.yaml", "--side", "pro", input="a\n")
    assert (code, err) == (130, "argmap: interrupted after 0 answers; nothing to save\n")
    assert not Path("tea.drill.json").exists()


def test_results_elsewhere_and_dropped_cards_are_reported(tea: Path) -> None:
    Path("keep").mkdir()
    old = Results({"pro": SideResults(1, {("milk", "tea"): CardRecord(2, 3, 1, 0)}), "con": SideResults(5)})
    Path("keep/r.json").write_text(format_results(old), encoding="utf-8")
    code, _, err = drill("tea.yaml", "--side", "pro", "--results", "keep/r.json", input="a\ny\n")
    assert code == 130
    assert err.splitlines() == [
        "argmap: dropping 1 card no longer in the map: milk -> tea",
        "argmap: interrupted after 1 answer; saved to keep/r.json",
    ]
    # Session 2 (the file had session 1): right moves it to box 2, due in session 4.
    assert saved("keep/r.json") == {"taste>tea": (2, 4, 1, 0)}
    # The other side's results are kept as they were.
    assert json.loads(Path("keep/r.json").read_text(encoding="utf-8"))["sides"]["con"] == {
        "session": 5,
        "cards": [],
    }
    assert not Path("tea.drill.json").exists()


def test_a_corrupt_results_file_stops_before_asking(tea: Path) -> None:
    Path("tea.drill.json").write_text("{not json", encoding="utf-8")
    code, out, err = drill("tea.yaml", "--side", "pro", input="a\ny\n")
    assert (code, out) == (2, "")
    assert (
        err
        == "argmap: tea.drill.json:1:2: not a drill results file: Expecting property name enclosed in double quotes\n"
    )
    assert Path("tea.drill.json").read_text(encoding="utf-8") == "{not json"


def test_the_map_itself_is_never_the_results_file(tea: Path) -> None:
    before = tea.read_bytes()
    code, out, err = drill("tea.yaml", "--side", "pro", "--results", "tea.yaml", input="a\ny\n")
    assert (code, out, err) == (2, "", "argmap: tea.yaml: refusing to write over an input file\n")
    assert tea.read_bytes() == before


def test_a_results_folder_that_does_not_exist_stops_before_asking(tea: Path) -> None:
    code, out, err = drill("tea.yaml", "--side", "pro", "--results", "gone/r.json", input="a\ny\n")
    assert (code, out, err) == (2, "", "argmap: gone/r.json: folder gone does not exist\n")


def test_two_runs_with_the_same_answers_give_the_same_bytes(
    tea: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs = []
    for name in ("first", "second"):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(tea, folder / "tea.yaml")
        monkeypatch.chdir(folder)
        one = drill("tea.yaml", "--side", "pro", input="a\ny\nb\nn\n")
        two = drill("tea.yaml", "--side", "pro", input="c\nn\nd\ny\n")
        outputs.append((one, two, (folder / "tea.drill.json").read_bytes()))
    assert outputs[0] == outputs[1]
    assert [outputs[0][0][0], outputs[0][1][0]] == [130, 130]


# -- command line errors and --print ---------------------------------------------------------


def test_unknown_side_is_a_usage_error(tea: Path) -> None:
    assert drill("tea.yaml", "--side", "tee") == (
        2,
        "",
        "argmap: --side: no side 'tee' (sides: pro, con, neutral, bystander)\n",
    )


def test_a_side_with_nothing_to_practise(tea: Path) -> None:
    assert drill("tea.yaml", "--side", "bystander") == (
        0,
        "Nothing to practise: no other side attacks or undercuts Bystander in tea.yaml.\n",
        "",
    )
    assert not Path("tea.drill.json").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "x.md"], "argmap: -o/--output goes with --print\n"),
        (["--print", "--results", "r.json"], "argmap: --print keeps no results; leave out --results\n"),
    ],
)
def test_option_mistakes(tea: Path, args: list[str], message: str) -> None:
    assert drill("tea.yaml", "--side", "pro", *args) == (2, "", message)


def test_print_limit_and_touches_no_results_file(tea: Path) -> None:
    Path("tea.drill.json").write_text(format_results(Results({"pro": SideResults(3)})), encoding="utf-8")
    before = sorted((p.name, p.read_bytes()) for p in tea.parent.iterdir())
    code, out, err = drill("tea.yaml", "--side", "pro", "--print", "--limit", "1")
    assert (code, err) == (0, "")
    assert out == (
        "Drill for Pro: 4 counterclaims to answer (1 with no rebuttal mapped yet); the first 1.\n"
        "\n"
        "[1/1] Con undercuts Pro's inference that calm supports tea:\n"
        "    calm: Tea calms you.\n"
        "    tea: Tea is better than coffee.\n"
        "  Con (sleepy):\n"
        "    Calm is not what a drink is for.\n"
        "  No rebuttal mapped yet: what would you say?\n"
    )
    assert sorted((p.name, p.read_bytes()) for p in tea.parent.iterdir()) == before


def test_markdown_shows_user_text_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("m.yaml").write_text(
        "sides: {a: {name: 'A*'}, b: {name: B}}\n"
        "claims:\n"
        "  - {id: c, text: 'Use [brackets] and *stars*.', by: a, counterclaims: [{id: d, text: '<b>x</b> #1', by: b}]}\n",
        encoding="utf-8",
    )
    code, out, err = drill("m.yaml", "--side", "a", "--print", "-o", "m.md")
    assert (code, out, err) == (0, "", "wrote m.md\n")
    assert Path("m.md").read_text(encoding="utf-8") == (
        "# Drill for A\\*\n\n"
        "1 counterclaim to answer (1 with no rebuttal mapped yet).\n\n"
        "## 1. B attacks A\\*'s claim `c`\n\n"
        "> Use \\[brackets\\] and \\*stars\\*.\n\n"
        "**B** (`d`): \\<b\\>x\\</b\\> \\#1\n\n"
        "*No rebuttal mapped yet: what would you say?*\n"
    )


@pytest.mark.parametrize("suffix", ["txt", "md"])
def test_print_matches_golden(
    suffix: str, update_golden: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(REPO)
    golden = GOLDEN / f"drill-socialism-in-one-country-trotsky.{suffix}"
    args = ["arguments/socialism-in-one-country.yaml", "--side", "trotsky", "--print"]
    if suffix == "md":
        out_file = tmp_path / "sheet.md"
        code, out, err = drill(*args, "-o", str(out_file))
        assert (code, out, err) == (0, "", f"wrote {out_file}\n")
        text = out_file.read_text(encoding="utf-8")
    else:
        code, text, err = drill(*args)
        assert (code, err) == (0, "")
    if update_golden:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert not (REPO / "arguments" / "socialism-in-one-country.drill.json").exists()


def test_validate_skips_results_files_in_folders(tea: Path) -> None:
    Path("tea.drill.json").write_text(format_results(Results({"pro": SideResults(3)})), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--strict", "--quiet", "."])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
