"""The debate brief: its parts on small maps worked out by hand, its three
printed forms against golden files, and the `prep` command."""

from __future__ import annotations

import json
import math
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.analysis.prep import AnswerState, Stance, build_brief, stances
from argmap.cli import app
from argmap.errors import UsageError
from argmap.formats.native.read import load_yaml_text
from argmap.model import ArgumentMap, Label, RelationType
from argmap.render.brief import BriefOptions, Part, render_brief

REPO = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
ESSAY_MAP = REPO / "arguments" / "socialism-in-one-country.yaml"
runner = CliRunner()


def load(text: str) -> ArgumentMap:
    result = load_yaml_text(text, "test.yaml")
    assert not result.diagnostics
    return result.map


# c (pro) has a premise p whose step u undercuts, and two counterclaims:
# a, which pro's r answers, and b, which nobody answers.
DEBATE = """
sides:
  pro: {name: Pro}
  con: {name: Con}
sources:
  book: {title: The Book}
claims:
  - id: c
    text: C holds.
    by: pro
    source: {ref: book, quote: "C, as the book says", loc: p. 3}
    premises:
      - id: p
        text: P holds.
        by: pro
        weight: 0.6
        undercuts:
          - id: u
            text: P does not bear on C.
            by: con
    counterclaims:
      - id: a
        text: A, against C.
        by: con
        counterclaims:
          - id: r
            text: R, against A.
            by: pro
      - id: b
        text: B, against C.
        by: con
        weight: 0.8
"""


def test_stances_follow_the_structure() -> None:
    amap = load(DEBATE)
    assert stances(amap, "pro") == {
        "c": Stance.OWN,
        "p": Stance.OWN,
        "u": Stance.AGAINST,
        "a": Stance.AGAINST,
        "r": Stance.OWN,
        "b": Stance.AGAINST,
    }
    assert stances(amap, "con")["r"] is Stance.AGAINST
    assert stances(amap, "con")["a"] is Stance.OWN


def test_unanswered_attacks_nearest_the_conclusion_first() -> None:
    brief = build_brief(load(DEBATE), "pro")
    # Attacks on c (level 0) sit at level 1, the undercut of p's step into c at 2.
    assert [(h.relation, h.state, h.level) for h in brief.hits] == [
        ("attack:b:c", AnswerState.OPEN, 1),
        ("attack:a:c", AnswerState.DEFEATED, 1),
        ("undercut:u:support:p:c", AnswerState.OPEN, 2),
    ]
    assert [h.attacker.id for h in brief.open] == ["b", "u"]
    # Force is the DF-QuAD contribution: b's strength is its weight, 0.8; a's
    # is 0.5 - 0.5 * 0.5 = 0.25 (r attacks it), so b comes first at level 1.
    assert [round(h.force, 9) for h in brief.hits] == [0.8, 0.25, 0.5]


def test_an_undercut_of_a_premise_step_weakens_the_conclusion() -> None:
    hit = build_brief(load(DEBATE), "pro").open[1]
    assert hit.kind is RelationType.UNDERCUT
    assert hit.step is not None
    assert (hit.step.kind, hit.step.source, hit.step.target) == (RelationType.SUPPORT, "p", "c")
    assert hit.claim == "c"
    assert hit.replies == ()


def test_an_answered_attack_lists_its_replies_and_is_defeated_when_the_attacker_is_out() -> None:
    brief = build_brief(load(DEBATE), "pro")
    answered = brief.hits[1]
    assert answered.attacker.id == "a"
    assert answered.attacker.status is Label.OUT
    assert [(r.relation, r.claim.id) for r in answered.replies] == [("attack:r:a", "r")]
    assert brief.defeated == (answered,)


def test_an_answer_that_is_itself_defeated_leaves_the_attack_standing() -> None:
    # z (con) defeats r, so a is back in: answered on the map, but standing.
    text = DEBATE.replace(
        "            by: pro\n      - id: b",
        "            by: pro\n            counterclaims:\n              - {id: z, text: Z., by: con}\n      - id: b",
    )
    brief = build_brief(load(text), "pro")
    standing = [h for h in brief.hits if h.attacker.id == "a"]
    assert [(h.state, h.label) for h in standing] == [(AnswerState.STANDING, Label.IN)]
    assert brief.standing == tuple(standing)
    # And con now has an answered hit of its own that is out: r is defeated by z.
    con = build_brief(load(text), "con")
    assert [(h.attacker.id, h.state) for h in con.hits] == [("r", AnswerState.DEFEATED)]


def test_an_attacker_defeated_by_an_ally_counts_as_answered() -> None:
    # The critic (neither pro nor con) answers a on pro's behalf.
    text = DEBATE.replace(
        "            by: pro\n      - id: b", "            by: critic\n      - id: b"
    ).replace("  con: {name: Con}", "  con: {name: Con}\n  critic: {name: Critic}")
    brief = build_brief(load(text), "pro")
    assert stances(load(text), "pro")["r"] is Stance.FOR
    assert [(h.attacker.id, h.state) for h in brief.hits if h.kind is RelationType.ATTACK] == [
        ("b", AnswerState.OPEN),
        ("a", AnswerState.DEFEATED),
    ]


UNDERCUT_ATTACK = """
sides:
  pro: {}
  con: {}
claims:
  - id: t
    text: T.
    by: con
    counterclaims:
      - id: s
        text: S, against T.
        by: pro
        undercuts:
          - id: x
            text: S does not tell against T.
            by: con
"""


def test_an_undercut_of_the_sides_own_attack_is_a_hit_on_the_attacker() -> None:
    brief = build_brief(load(UNDERCUT_ATTACK), "pro")
    [hit] = brief.hits
    assert (hit.relation, hit.claim, hit.state) == ("undercut:x:attack:s:t", "s", AnswerState.OPEN)
    assert hit.step is not None and hit.step.kind is RelationType.ATTACK
    # x works for t: against pro, on con's side.
    assert stances(load(UNDERCUT_ATTACK), "pro")["x"] is Stance.AGAINST
    assert stances(load(UNDERCUT_ATTACK), "con")["x"] is Stance.OWN


def test_cards_for_the_conclusions_then_the_sides_main_claims() -> None:
    brief = build_brief(load(UNDERCUT_ATTACK), "pro")
    # s is pro's and supports nothing of pro's: a main claim, after the conclusion t.
    assert [c.claim.id for c in brief.cards] == ["t", "s"]
    # On s's own card, the undercut of its attack is a counterclaim to expect.
    assert [h.relation for h in brief.cards[1].counters] == ["undercut:x:attack:s:t"]
    # p supports c, both pro's: p is no main claim; c is a conclusion.
    assert [c.claim.id for c in build_brief(load(DEBATE), "pro").cards] == ["c", "r"]


def test_answering_an_undercut_defeats_it() -> None:
    text = UNDERCUT_ATTACK + "            counterclaims:\n              - {id: y, text: Y., by: pro}\n"
    brief = build_brief(load(text), "pro")
    [hit] = brief.hits
    assert (hit.state, hit.label, [r.claim.id for r in hit.replies]) == (
        AnswerState.DEFEATED,
        Label.OUT,
        ["y"],
    )


def test_their_claims_not_attacked_those_that_hit_first() -> None:
    brief = build_brief(load(DEBATE), "pro")
    # a is attacked (by r); b and u are not, and both hit c.
    assert [(u.claim.id, u.hits) for u in brief.unattacked] == [("b", ("c",)), ("u", ("c",))]


def test_claims_nobody_reaches_count_by_who_makes_them() -> None:
    text = DEBATE + "  - {id: far, text: Far away., by: con}\n  - {id: loose, text: Said by nobody.}\n"
    amap = load(text)
    found = stances(amap, "pro")
    assert (found["far"], found["loose"]) == (Stance.AGAINST, Stance.NEUTRAL)
    brief = build_brief(amap, "pro")
    assert [u.claim.id for u in brief.unattacked] == ["b", "u", "far"]


def test_evidence_gaps_are_the_sides_claims_with_no_source() -> None:
    brief = build_brief(load(DEBATE), "pro")
    # c has a source; the side's own claims come first, nearest the conclusion first.
    assert [g.id for g in brief.gaps] == ["p", "r"]
    assert [g.id for g in build_brief(load(DEBATE), "con").gaps] == ["a", "b", "u"]


def test_lines_by_force_with_hand_computed_strengths() -> None:
    brief = build_brief(load(DEBATE), "pro")
    [root] = brief.roots
    # r = 0.5; a = 0.5 - 0.5 * 0.5 = 0.25; b = 0.8; u = 0.5 undercuts p's step,
    # whose inference is 1 - 0.5 = 0.5, so p contributes 0.6 * 0.5 = 0.3.
    # c: attack 1 - (1 - 0.25)(1 - 0.8) = 0.85, support 0.3,
    # so 0.5 - 0.5 * (0.85 - 0.3) = 0.225.
    assert math.isclose(root.claim.strength, 0.225)
    assert [(line.reason.relation, round(line.reason.force, 9)) for line in root.lines] == [
        ("attack:b:c", 0.8),
        ("support:p:c", 0.3),
        ("attack:a:c", 0.25),
    ]
    assert root.strongest == root.lines[0]
    assert root.weakest == root.lines[2]
    assert [u.id for u in root.lines[1].reason.undercut_by] == ["u"]
    # a's chain: the strongest reason into a is r's attack, 0.5.
    assert [(r.relation, r.force) for r in root.lines[2].chain] == [("attack:r:a", 0.5)]
    assert root.claim.status is Label.OUT  # b is in and attacks c


LINKED = """
sides:
  pro: {}
claims:
  - id: c
    text: C.
    by: pro
    premises:
      - linked:
          - {id: l1, text: L1., by: pro, weight: 0.8}
          - {id: l2, text: L2., by: pro}
      - id: q
        text: Q.
        by: pro
        weight: 0.2
        premises:
          - {id: deep, text: Deep., by: pro}
"""


def test_linked_premises_are_one_line_and_one_premise() -> None:
    brief = build_brief(load(LINKED), "pro")
    [root] = brief.roots
    # The group contributes 0.8 * 0.5 = 0.4. q = 0.2 + 0.8 * 0.5 = 0.6 (deep
    # supports it). Support 1 - 0.6 * 0.4 = 0.76, so c = 0.5 + 0.5 * 0.76 = 0.88.
    assert [([m.id for m in line.reason.members], round(line.reason.force, 9)) for line in root.lines] == [
        (["q"], 0.6),
        (["l1", "l2"], 0.4),
    ]
    assert math.isclose(root.claim.strength, 0.88)
    assert root.lines[0].chain[0].members[0].id == "deep"
    [card] = brief.cards
    assert [(p.relation, [m.id for m in p.members]) for p in card.premises] == [
        ("l1+l2", ["l1", "l2"]),
        ("support:q:c", ["q"]),
    ]


def test_card_holds_premises_quotes_counterclaims_and_replies() -> None:
    card = build_brief(load(DEBATE), "pro").cards[0]
    assert card.claim.id == "c"
    assert [m.id for p in card.premises for m in p.members] == ["p"]
    assert [(q.claim, q.quote, q.source, q.loc) for q in card.quotes] == [
        ("c", "C, as the book says", "The Book", "p. 3")
    ]
    # Those still standing first, hardest first; a, answered and out, last.
    assert [(h.relation, [r.claim.id for r in h.replies]) for h in card.counters] == [
        ("attack:b:c", []),
        ("undercut:u:support:p:c", []),
        ("attack:a:c", ["r"]),
    ]


def test_root_option_narrows_lines_and_cards() -> None:
    brief = build_brief(load(DEBATE), "pro", root="a")
    assert [r.claim.id for r in brief.roots] == [c.claim.id for c in brief.cards] == ["a"]
    with pytest.raises(UsageError, match="no claim has id 'zz'"):
        build_brief(load(DEBATE), "pro", root="zz")


def test_unknown_side_names_the_declared_ones() -> None:
    with pytest.raises(UsageError) as caught:
        build_brief(load(DEBATE), "neither")
    assert str(caught.value) == "no side 'neither' in test.yaml (sides: pro, con)"


def test_a_side_with_no_claims_gets_a_brief_saying_so() -> None:
    text = DEBATE.replace("  con: {name: Con}", "  con: {name: Con}\n  quiet: {name: Quiet}")
    brief = build_brief(load(text), "quiet")
    assert (brief.own_claims, brief.hits, brief.gaps) == (0, (), ())
    lines = render_brief(brief, "text").splitlines()
    assert (
        lines[3]
        == "Quiet makes no claims in this map, so there is nothing to defend yet. Against you: Pro (3), Con (3)."
    )
    assert lines[9] == "None: nothing attacks your side."


def test_user_text_is_escaped_in_markdown_and_html() -> None:
    nasty = '<script>alert(1)</script> [link](http://x.test) *bold* & "q"'
    text = DEBATE.replace("text: B, against C.", f"text: '{nasty}'")
    brief = build_brief(load(text), "pro")
    page = render_brief(brief, "html")
    assert "<script" not in page
    assert html_escape(nasty) in page
    markdown = render_brief(brief, "markdown")
    assert r'\<script\>alert(1)\</script\> \[link\](http://x.test) \*bold\* \& "q"' in markdown


def html_escape(text: str) -> str:
    import html

    return html.escape(text, quote=True)


# -- the essay's map: the three printed forms -------------------------------------


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("markdown", "md"), ("html", "html")])
def test_trotsky_brief_matches_golden(
    fmt: str, suffix: str, update_golden: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ESSAY_MAP.parent)
    code, out, err = run("prep", ESSAY_MAP.name, "--side", "trotsky", "--format", fmt)
    assert (code, err) == (0, "")
    if fmt == "text":
        assert max(len(line) for line in out.splitlines()) == 100  # wrapped at 100, and some use it all
    golden = GOLDEN / f"prep-trotsky.{suffix}"
    if update_golden:
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


class _Structure(HTMLParser):
    """Checks that every element closes in order and collects what a page
    would fetch from elsewhere."""

    VOID = frozenset({"meta", "link", "br", "hr", "img", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.external: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            # Any src, and any href but a link inside the page, loads something from elsewhere.
            if (name == "src" or name == "href") and value is not None and not value.startswith("#"):
                self.external.append(f"{tag} {name}={value}")
        if tag == "script":
            self.external.append("script")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def test_html_brief_is_well_formed_and_self_contained() -> None:
    page = (GOLDEN / "prep-trotsky.html").read_text(encoding="utf-8")
    parser = _Structure()
    parser.feed(page)
    parser.close()
    assert (parser.problems, parser.stack, parser.external) == ([], [], [])
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert parser.tags[:4] == ["html", "head", "meta", "meta"]
    assert "@media print" in page


def test_the_check_for_external_references_can_fail() -> None:
    parser = _Structure()
    parser.feed('<p><img src="https://x.test/a.png"><script src="a.js"></script></b></p>')
    assert parser.external == ["img src=https://x.test/a.png", "script src=a.js", "script"]
    parser.feed('<a href="#cards">x</a><link rel="stylesheet" href="s.css">')
    assert parser.external[3:] == ["link href=s.css"]
    assert parser.problems == ["</b> closes ['p']"]


def test_json_brief_keys() -> None:
    code, out, err = run("prep", ESSAY_MAP, "--side", "stalin", "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert list(document) == [
        "file",
        "title",
        "side",
        "side_name",
        "converged",
        "camps",
        "hits",
        "unattacked",
        "roots",
        "gaps",
        "cards",
        "open_questions",  # optional: the essay's map names argument schemes
    ]
    assert {h["state"] for h in document["hits"]} <= {"open", "standing", "defeated"}
    assert [r["claim"]["id"] for r in document["roots"]] == [
        "soc1c",
        "world-revolution-lesson",
        "international-revolution-divide",
    ]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_two_runs_are_byte_identical(fmt: str) -> None:
    first = run("prep", ESSAY_MAP, "--side", "stalin", "--format", fmt)
    assert first[0] == 0
    assert run("prep", ESSAY_MAP, "--side", "stalin", "--format", fmt) == first


def test_parts_choose_what_is_shown() -> None:
    code, out, _ = run("prep", ESSAY_MAP, "--side", "trotsky", "--part", "gaps", "--part", "open")
    assert code == 0
    headings = [line for line in out.splitlines() if line.startswith(("Unanswered", "Evidence", "Cards"))]
    assert headings == [
        "Unanswered attacks on your side (7 of 8)",
        "Evidence gaps (5): claims on your side with no source",
    ]
    full = render_brief(build_brief(_essay(), "trotsky"), "text", BriefOptions(tuple(Part)))
    assert len(out) < len(full)


def _essay() -> ArgumentMap:
    from argmap.checks.gate import open_map

    return open_map(ESSAY_MAP).map


# -- the command -------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "arguments", tmp_path / "arguments")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_writes_markdown_and_html_by_suffix(workspace: Path) -> None:
    for name, fmt in (("brief.md", "markdown"), ("brief.html", "html")):
        code, out, err = run(
            "prep", "arguments/socialism-in-one-country.yaml", "--side", "trotsky", "-o", name
        )
        assert (code, out, err) == (0, "", f"wrote {name}\n")
        stdout = run("prep", "arguments/socialism-in-one-country.yaml", "--side", "trotsky", "-f", fmt)[1]
        assert (workspace / name).read_text(encoding="utf-8") == stdout


def test_unknown_side_is_a_usage_error(workspace: Path) -> None:
    code, out, err = run("prep", "arguments/socialism-in-one-country.yaml", "--side", "lenin")
    assert (code, out) == (2, "")
    assert err == (
        "argmap: no side 'lenin' in arguments/socialism-in-one-country.yaml "
        "(sides: stalin, trotsky, essay, critic)\n"
    )


def test_unknown_suffix_writes_nothing(workspace: Path) -> None:
    code, out, err = run(
        "prep", "arguments/socialism-in-one-country.yaml", "--side", "trotsky", "-o", "b.pdf"
    )
    assert (code, out) == (2, "")
    assert err == (
        "argmap: b.pdf: cannot tell the format from the suffix '.pdf' "
        "(use .txt, .md, .markdown, .html, .htm, .json)\n"
    )
    assert not (workspace / "b.pdf").exists()
    code, _, err = run(
        "prep", "arguments/socialism-in-one-country.yaml", "--side", "trotsky", "-o", "b.md", "-f", "html"
    )
    assert (code, err) == (2, "argmap: --format html does not match the suffix of b.md\n")


def test_never_writes_over_the_map(workspace: Path) -> None:
    (workspace / "m.json").write_text(
        '{"sides": {"a": {}}, "claims": [{"id": "x", "text": "X.", "by": "a"}, '
        '{"id": "y", "text": "Y.", "by": "a"}], "relations": [{"from": "y", "to": "x", "type": "support"}]}',
        encoding="utf-8",
    )
    before = (workspace / "m.json").read_bytes()
    code, _, err = run("prep", "m.json", "--side", "a", "-o", "m.json")
    assert (code, err) == (2, "argmap: m.json: refusing to write over an input file\n")
    assert (workspace / "m.json").read_bytes() == before


def test_a_map_with_errors_is_refused(workspace: Path) -> None:
    (workspace / "bad.yaml").write_text(
        "sides: {a: {}}\nclaims:\n  - {id: x, text: X., by: a}\n  - {id: x, text: Again., by: a}\n",
        encoding="utf-8",
    )
    code, out, err = run("prep", "bad.yaml", "--side", "a")
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == "argmap: bad.yaml: 1 error(s) and 2 warning(s); fix the errors first"
    assert [line for line in err.splitlines() if line.endswith("(duplicate-id)")] == [
        "bad.yaml:4:10: error: claim id 'x' is already defined at line 3; "
        "to refer to that claim, write just its id (duplicate-id)"
    ]
