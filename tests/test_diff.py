"""argmap diff: every change kind on inline maps, rename and move rules,
the JSON contract, golden outputs, and the command's exit codes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.analysis.diff import (
    FIELD_KINDS,
    RENAME_SIMILARITY,
    ChangeKind,
    Mark,
    diff_maps,
    summarize,
    union_map,
    word_diff,
    word_similarity,
)
from argmap.cli import app
from argmap.formats.native.read import load_yaml_text
from argmap.model import (
    CLAIM_FIELDS,
    OPTIONAL_CLAIM_FIELDS,
    ArgumentMap,
    Claim,
    ClaimField,
    FieldKind,
    Relation,
    RelationType,
    SourceRef,
    default_relation_id,
)
from argmap.render import RenderOptions
from argmap.render.diff_dot import diff_dot
from argmap.render.diff_text import TITLES, claim_texts, diff_json, diff_markdown, diff_view, plain_text

DATA = Path(__file__).parent / "data" / "diff"
GOLDEN = Path(__file__).parent / "golden"
runner = CliRunner()

BASE = """
title: Base
sources:
  s1: {title: Source one}
sides:
  a: {name: A}
  b: {name: B}
claims:
  - id: c1
    text: The main claim of this little map.
    by: a
    premises:
      - id: p1
        text: The first premise holds up the main claim.
        by: a
        source: {ref: s1, loc: p. 1}
        tags: [x]
        weight: 0.5
        note: A note.
        undercuts:
          - id: u1
            text: The first premise does not lead to the main claim.
            by: b
      - id: p2
        text: A second premise that also supports it.
    counterclaims:
      - id: k1
        text: A counterclaim against the main claim.
        by: b
        premises:
          - id: m1
            text: A reason for the counterclaim.
"""


def load(text: str, name: str = "map.yaml") -> ArgumentMap:
    result = load_yaml_text(textwrap.dedent(text), name)
    errors = [str(d) for d in result.diagnostics if d.severity == "error"]
    assert errors == []
    return result.map


def edited(*replacements: tuple[str, str]) -> ArgumentMap:
    text = BASE
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return load(text, "new.yaml")


def changes(
    new: ArgumentMap, old: ArgumentMap | None = None, **kwargs: Any
) -> list[tuple[str, str, Any, Any]]:
    found = diff_maps(old if old is not None else load(BASE), new, **kwargs)
    return [(c.kind.value, c.id, c.old, c.new) for c in found.changes]


# -- every kind ------------------------------------------------------------------------


def test_no_changes() -> None:
    found = diff_maps(load(BASE), load(BASE, "other.yaml"))
    assert (found.changes, found.changed, found.summary()) == ((), False, "no changes")


def test_node_added_with_its_relation() -> None:
    new = edited(
        ("    counterclaims:\n", "      - id: p3\n        text: A third premise.\n    counterclaims:\n")
    )
    assert changes(new) == [
        ("node-added", "p3", None, "A third premise."),
        ("relation-added", "support:p3:c1", None, {"from": "p3", "to": "c1", "type": "support"}),
    ]


def test_node_removed_with_its_relation() -> None:
    new = edited(("      - id: p2\n        text: A second premise that also supports it.\n", ""))
    assert changes(new) == [
        ("node-removed", "p2", "A second premise that also supports it.", None),
        ("relation-removed", "support:p2:c1", {"from": "p2", "to": "c1", "type": "support"}, None),
    ]


def test_text_changed() -> None:
    new = edited(("The main claim of this little map.", "The main claim of this small map."))
    assert changes(new) == [
        ("text-changed", "c1", "The main claim of this little map.", "The main claim of this small map.")
    ]


@pytest.mark.parametrize(
    ("before", "after", "kind", "old", "new"),
    [
        ("        by: a\n        source", "        by: b\n        source", "by-changed", "a", "b"),
        (
            "{ref: s1, loc: p. 1}",
            "{ref: s1, loc: p. 2}",
            "source-changed",
            [{"ref": "s1", "loc": "p. 1"}],
            [{"ref": "s1", "loc": "p. 2"}],
        ),
        ("weight: 0.5", "weight: 0.75", "weight-changed", 0.5, 0.75),
        ("tags: [x]", "tags: [x, y]", "tags-changed", ["x"], ["x", "y"]),
        ("note: A note.", "note: Another note.", "note-changed", "A note.", "Another note."),
        ("        note: A note.\n", "", "note-changed", "A note.", None),
        ("note: A note.", "note: A note.\n        label: First", "label-changed", None, "First"),
        ("note: A note.", "note: A note.\n        step: 2", "step-changed", None, 2),
    ],
)
def test_claim_fields(before: str, after: str, kind: str, old: Any, new: Any) -> None:
    assert changes(edited((before, after))) == [(kind, "p1", old, new)]


def test_every_claim_field_but_the_id_has_a_change_kind_and_a_title() -> None:
    fields = {f.key for f in CLAIM_FIELDS if f.kind is not FieldKind.ID}
    assert {kind.value for kind in FIELD_KINDS} == {f"{key}-changed" for key in fields}
    assert set(TITLES) == set(ChangeKind)


@pytest.mark.parametrize("field", [f for f in OPTIONAL_CLAIM_FIELDS], ids=lambda f: f.key)
def test_a_change_to_any_one_field_is_found(field: ClaimField) -> None:
    """Two claims that differ in one field only: one change, of that field's kind."""
    old = ArgumentMap((Claim("c", "C."),))
    new = ArgumentMap((Claim("c", "C.")._replace(**{field.attr: SAMPLE_VALUES[field.kind]}),))
    found = diff_maps(old, new)
    assert [(c.kind.value, c.id) for c in found.changes] == [(f"{field.key}-changed", "c")]
    assert found.summary() == "1 other field changed"
    assert union_map(old, new, found).claims == {"c": Mark.CHANGED}


SAMPLE_VALUES: dict[FieldKind, Any] = {
    FieldKind.TEXT: "T.",
    FieldKind.SIDE: "a",
    FieldKind.SOURCES: SourceRef("s"),
    FieldKind.TAGS: ("x",),
    FieldKind.NUMBER: 0.5,
    FieldKind.WHOLE: 2,
    FieldKind.FLAG: True,
}


def test_relation_added_and_removed_between_claims_that_stay() -> None:
    new = edited(
        (
            "            text: A reason for the counterclaim.\n",
            "            text: A reason for the counterclaim.\nrelations:\n  - {from: p2, to: k1, type: attack}\n",
        )
    )
    assert changes(new) == [
        ("relation-added", "attack:p2:k1", None, {"from": "p2", "to": "k1", "type": "attack"})
    ]
    assert changes(load(BASE), new) == [
        ("relation-removed", "attack:p2:k1", {"from": "p2", "to": "k1", "type": "attack"}, None)
    ]


def test_relation_retyped() -> None:
    new = edited(
        ("      - id: p2\n        text: A second premise that also supports it.\n", ""),
        (
            "    counterclaims:\n",
            "    counterclaims:\n      - id: p2\n        text: A second premise that also supports it.\n",
        ),
    )
    assert changes(new) == [
        (
            "relation-retyped",
            "attack:p2:c1",
            {"from": "p2", "to": "c1", "type": "support"},
            {"from": "p2", "to": "c1", "type": "attack"},
        )
    ]


def test_moved_is_one_change_not_a_relation_removed_and_added() -> None:
    new = edited(
        ("        premises:\n          - id: m1\n            text: A reason for the counterclaim.\n", ""),
        (
            "      - id: p2\n",
            "      - id: m1\n        text: A reason for the counterclaim.\n      - id: p2\n",
        ),
    )
    assert changes(new) == [
        ("moved", "m1", {"parent": "k1", "type": "support"}, {"parent": "c1", "type": "support"})
    ]


def test_an_undercut_moves_with_the_inference_it_attacks() -> None:
    """p1 (and its undercut) now supports k1: one move; the undercut's target
    relation was renamed by the move, but the undercut did not change."""
    old = load(
        """
        claims:
          - id: c
            text: Conclusion.
            premises:
              - id: p
                text: Premise.
                undercuts:
                  - id: u
                    text: Undercutter.
          - id: d
            text: Another conclusion.
        """
    )
    new = load(
        """
        claims:
          - id: c
            text: Conclusion.
          - id: d
            text: Another conclusion.
            premises:
              - id: p
                text: Premise.
                undercuts:
                  - id: u
                    text: Undercutter.
        """
    )
    assert changes(new, old) == [
        ("moved", "p", {"parent": "c", "type": "support"}, {"parent": "d", "type": "support"})
    ]


def test_relation_regrouped() -> None:
    old = load(
        """
        claims:
          - id: c
            text: Conclusion.
            premises:
              - linked:
                  - {id: a, text: Premise a.}
                  - {id: b, text: Premise b.}
              - {id: d, text: Premise d.}
        """
    )
    new = load(
        """
        claims:
          - id: c
            text: Conclusion.
            premises:
              - linked:
                  - {id: a, text: Premise a.}
                  - {id: b, text: Premise b.}
                  - {id: d, text: Premise d.}
        """
    )
    assert changes(new, old) == [
        ("relation-regrouped", "support:a:c", ["a", "b"], ["a", "b", "d"]),
        ("relation-regrouped", "support:b:c", ["a", "b"], ["a", "b", "d"]),
        ("relation-regrouped", "support:d:c", None, ["a", "b", "d"]),
    ]


def test_meta_changed() -> None:
    new = edited(
        ("title: Base", "title: Base two\ndescription: Now described."),
        (
            "  s1: {title: Source one}",
            "  s2: {title: Source two}\n  s1: {title: Source one, url: 'https://example.org'}",
        ),
        ("  b: {name: B}\n", ""),
        ("        by: b\n        premises", "        premises"),
        ("            by: b\n", ""),
        ("claims:", "expect:\n  grounded: {in: [c1]}\nclaims:"),
    )
    found = changes(new)
    assert [c for c in found if c[0] == "meta-changed"] == [
        ("meta-changed", "title", "Base", "Base two"),
        ("meta-changed", "description", None, "Now described."),
        ("meta-changed", "sides.b", {"name": "B"}, None),
        ("meta-changed", "sources.s2", None, {"title": "Source two"}),
        (
            "meta-changed",
            "sources.s1",
            {"title": "Source one"},
            {"title": "Source one", "url": "https://example.org"},
        ),
        ("meta-changed", "expect", None, {"grounded": {"in": ["c1"]}}),
    ]
    assert [c[0] for c in found if c[0] != "meta-changed"] == ["by-changed", "by-changed"]


def test_status_changed_only_when_asked() -> None:
    new = edited(
        (
            "          - id: m1\n            text: A reason for the counterclaim.\n",
            "          - id: m1\n            text: A reason for the counterclaim.\n        counterclaims:\n          - id: r1\n            text: A rebuttal of the counterclaim.\n",
        )
    )
    plain = changes(new)
    assert [c[0] for c in plain] == ["node-added", "relation-added"]
    with_status = changes(new, semantics="grounded")
    assert with_status[2:] == [
        ("status-changed", "c1", "out", "in"),
        ("status-changed", "k1", "in", "out"),
    ]


def test_status_needs_an_extension() -> None:
    from argmap.errors import UsageError

    odd_cycle = load(
        """
        claims:
          - {id: a, text: A., counterclaims: [c]}
          - {id: b, text: B., counterclaims: [a]}
          - {id: c, text: C., counterclaims: [b]}
        """
    )
    with pytest.raises(UsageError, match="no stable extension"):
        diff_maps(odd_cycle, odd_cycle, semantics="stable")


# -- renames ------------------------------------------------------------------------------


def test_renamed_when_text_and_place_are_the_same() -> None:
    new = edited(("id: p2\n", "id: second\n"))
    assert changes(new) == [("node-renamed", "second", "p2", "second")]


def test_renamed_and_reworded_when_nearly_the_same() -> None:
    # 9 words, 1 changed: Dice = 2*8/18 = 0.89
    new = edited(
        (
            "id: p2\n        text: A second premise that also supports it.",
            "id: second\n        text: A second premise that also backs it.",
        )
    )
    assert changes(new) == [
        ("node-renamed", "second", "p2", "second"),
        (
            "text-changed",
            "second",
            "A second premise that also supports it.",
            "A second premise that also backs it.",
        ),
    ]


def test_renames_carry_relations_undercuts_and_children() -> None:
    """p1 renamed: the undercut of support:p1:c1 now aims at support:first:c1,
    and nothing about the relations changed."""
    new = edited(("id: p1\n", "id: first\n"))
    assert changes(new) == [("node-renamed", "first", "p1", "first")]


def test_renamed_parent_and_child_both_found() -> None:
    new = edited(("id: k1\n", "id: counter\n"), ("id: m1\n", "id: reason\n"))
    assert changes(new) == [
        ("node-renamed", "counter", "k1", "counter"),
        ("node-renamed", "reason", "m1", "reason"),
    ]


def test_near_miss_text_too_different_is_removed_and_added() -> None:
    # 7 words, 3 changed: Dice = 2*4/14 = 0.57
    new = edited(
        (
            "id: p2\n        text: A second premise that also supports it.",
            "id: second\n        text: A different reason that also supports it.",
        )
    )
    assert (
        word_similarity(
            "A second premise that also supports it.", "A different reason that also supports it."
        )
        < RENAME_SIMILARITY
    )
    assert [c[:2] for c in changes(new)] == [
        ("node-added", "second"),
        ("node-removed", "p2"),
        ("relation-added", "support:second:c1"),
        ("relation-removed", "support:p2:c1"),
    ]


def test_near_miss_same_text_other_place_is_removed_and_added() -> None:
    new = edited(
        ("      - id: p2\n        text: A second premise that also supports it.\n", ""),
        (
            "          - id: m1\n",
            "          - id: second\n            text: A second premise that also supports it.\n          - id: m1\n",
        ),
    )
    assert [c[:2] for c in changes(new)] == [
        ("node-added", "second"),
        ("node-removed", "p2"),
        ("relation-added", "support:second:k1"),
        ("relation-removed", "support:p2:c1"),
    ]


def test_the_most_similar_candidate_wins() -> None:
    old = load(
        """
        claims:
          - id: c
            text: Conclusion.
            premises:
              - {id: old, text: one two three four five six seven eight nine ten}
        """
    )
    new = load(
        """
        claims:
          - id: c
            text: Conclusion.
            premises:
              - {id: near, text: one two three four five six seven eight nine eleven}
              - {id: same, text: one two three four five six seven eight nine ten}
        """
    )
    assert changes(new, old)[1] == ("node-renamed", "same", "old", "same")


def test_word_similarity_and_diff() -> None:
    assert word_similarity("The cat sat.", "the CAT sat") == 1.0
    assert word_similarity("", "") == 1.0
    assert word_similarity("a b c d", "a b c e") == 0.75
    assert word_diff("a b c d", "a x c d e") == [
        ("=", "a"),
        ("-", "b"),
        ("+", "x"),
        ("=", "c d"),
        ("+", "e"),
    ]


# -- contract and order --------------------------------------------------------------------


def test_json_contract_shape() -> None:
    old, new = (
        load((DATA / "old.yaml").read_text(), "old.yaml"),
        load((DATA / "new.yaml").read_text(), "new.yaml"),
    )
    document = json.loads(diff_json(diff_maps(old, new, semantics="grounded")))
    assert list(document) == ["changes"]
    kinds = {kind.value for kind in ChangeKind}
    for change in document["changes"]:
        assert list(change)[:4] == ["kind", "id", "old", "new"]
        assert change["kind"] in kinds
        assert isinstance(change["id"], str)
        assert change["old"] is not None or change["new"] is not None
    assert json.loads(diff_json(diff_maps(old, old))) == {"changes": []}


def test_order_is_by_kind_then_place_and_deterministic() -> None:
    old, new = (
        load((DATA / "old.yaml").read_text(), "old.yaml"),
        load((DATA / "new.yaml").read_text(), "new.yaml"),
    )
    first, second = diff_maps(old, new), diff_maps(old, new)
    assert first.changes == second.changes
    ranks = [list(ChangeKind).index(c.kind) for c in first.changes]
    assert ranks == sorted(ranks)
    reworded = [c.id for c in first.changes if c.kind is ChangeKind.TEXT_CHANGED]
    assert reworded == ["low-carbon", "always-on"]  # the new map's order


def test_summary() -> None:
    counts = {
        ChangeKind.NODE_ADDED: 2,
        ChangeKind.NODE_REMOVED: 1,
        ChangeKind.TEXT_CHANGED: 3,
        ChangeKind.MOVED: 1,
    }
    assert summarize(counts) == "+2 -1 claims, 3 reworded, 1 moved"
    assert (
        summarize({ChangeKind.NODE_REMOVED: 1, ChangeKind.WEIGHT_CHANGED: 1})
        == "-1 claim, 1 other field changed"
    )


@st.composite
def random_maps(draw: st.DrawFn) -> ArgumentMap:
    """A random forest: claim i hangs under an earlier claim (support or
    attack), or is a root; texts from a small vocabulary, so some repeat."""
    words = st.sampled_from(["tax", "wages", "growth", "cost", "risk", "law", "trade", "jobs"])
    shape = draw(
        st.lists(
            st.tuples(st.integers(0, 10**6), st.booleans(), st.lists(words, min_size=1, max_size=6)),
            max_size=40,
        )
    )
    claims = [Claim(f"c{i}", " ".join(text)) for i, (_, _, text) in enumerate(shape)]
    relations = []
    for i, (parent, attack, _) in enumerate(shape):
        if i and parent % 4:
            type_ = RelationType.ATTACK if attack else RelationType.SUPPORT
            target = f"c{parent % i}"
            relations.append(Relation(default_relation_id(type_, f"c{i}", target), f"c{i}", target, type_))
    return ArgumentMap(tuple(claims), tuple(relations))


@settings(max_examples=60, deadline=None)
@given(random_maps(), random_maps())
def test_diff_invariants(old: ArgumentMap, new: ArgumentMap) -> None:
    assert diff_maps(new, new).changes == ()
    grown = diff_maps(ArgumentMap(), new).counts()
    assert grown[ChangeKind.NODE_ADDED] == len(new.claims)
    assert grown[ChangeKind.RELATION_ADDED] == len(new.relations)
    found = diff_maps(old, new)
    counts = found.counts()
    # Every claim is matched, added or removed: the counts add up on both sides.
    assert (
        len(new.claims) - counts[ChangeKind.NODE_ADDED] == len(old.claims) - counts[ChangeKind.NODE_REMOVED]
    )
    union = union_map(old, new, found)
    assert len(union.map.claims) == len(new.claims) + counts[ChangeKind.NODE_REMOVED]
    assert [c.id for c in found.changes] == [c.id for c in diff_maps(old, new).changes]
    assert (
        found.changed == (old.claims != new.claims or old.relations != new.relations)
        or counts[ChangeKind.NODE_RENAMED] > 0
    )


# -- golden outputs ----------------------------------------------------------------------


def _golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def _pair() -> tuple[ArgumentMap, ArgumentMap]:
    return (
        load((DATA / "old.yaml").read_text(), "tests/data/diff/old.yaml"),
        load((DATA / "new.yaml").read_text(), "tests/data/diff/new.yaml"),
    )


def test_golden_text(update_golden: bool) -> None:
    old, new = _pair()
    found = diff_maps(old, new)
    view = diff_view(found, "old.yaml", "new.yaml", claim_texts(old, new))
    _golden("diff.txt", plain_text(view), update_golden)


def test_golden_markdown(update_golden: bool) -> None:
    old, new = _pair()
    found = diff_maps(old, new, semantics="grounded")
    _golden("diff.md", diff_markdown(found, "old.yaml", "new.yaml", claim_texts(old, new)), update_golden)


def test_golden_dot(update_golden: bool) -> None:
    old, new = _pair()
    changes = diff_maps(old, new)
    _golden("diff.dot", diff_dot(union_map(old, new, changes), RenderOptions(), changes), update_golden)


def test_union_marks() -> None:
    old, new = _pair()
    union = union_map(old, new, diff_maps(old, new))
    assert union.claims == {
        "nuclear": Mark.CHANGED,
        "low-carbon": Mark.CHANGED,
        "lifecycle": Mark.SAME,
        "always-on": Mark.CHANGED,
        "waste": Mark.CHANGED,
        "cost": Mark.CHANGED,
        "smr": Mark.ADDED,
        "overruns": Mark.CHANGED,
        "accidents": Mark.REMOVED,
    }
    assert {k: v for k, v in union.relations.items() if v is not Mark.SAME} == {
        "support:waste:nuclear": Mark.CHANGED,
        "attack:smr:cost": Mark.ADDED,
        "attack:overruns:nuclear": Mark.ADDED,
        "support:overruns:cost": Mark.REMOVED,
        "attack:accidents:nuclear": Mark.REMOVED,
    }


def test_user_text_is_literal_in_markdown_and_the_terminal() -> None:
    old = load("claims:\n  - {id: a, text: 'plain [b]old *x* `y`'}\n")
    new = load("claims:\n  - {id: a, text: 'plain [b]old *x* `z`'}\n")
    found = diff_maps(old, new)
    markdown = diff_markdown(found, "o", "n", claim_texts(old, new))
    assert "- `a` plain \\[b\\]old \\*x\\* ~~\\`y\\`~~ **\\`z\\`**\n" in markdown
    assert "[a] plain [b]old *x* [-`y`-]{+`z`+}\n" in plain_text(
        diff_view(found, "o", "n", claim_texts(old, new))
    )


# -- the command ---------------------------------------------------------------------------


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("old.yaml", "new.yaml"):
        (tmp_path / name).write_text((DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_cli_exit_codes(pair: Path) -> None:
    assert run("diff", "old.yaml", "old.yaml") == (0, "--- old.yaml\n+++ old.yaml\nno changes\n", "")
    code, out, err = run("diff", "old.yaml", "new.yaml")
    assert (code, err) == (1, "")
    assert out == (GOLDEN / "diff.txt").read_text(encoding="utf-8")
    code, out, err = run("diff", "old.yaml", "missing.yaml")
    assert (code, out, err) == (2, "", "argmap: missing.yaml: no such file\n")


def test_cli_stat_json_markdown(pair: Path) -> None:
    assert run("diff", "--stat", "old.yaml", "new.yaml") == (
        1,
        "+1 -1 claims, 1 renamed, 2 reworded, 4 other fields changed, 1 moved, +1 -1 relations, 1 retyped, 3 meta\n",
        "",
    )
    code, out, _ = run("diff", "--format", "json", "old.yaml", "new.yaml")
    assert code == 1
    assert json.loads(out) == diff_maps(*_pair()).to_json()
    code, out, _ = run("diff", "--format", "markdown", "--eval", "grounded", "old.yaml", "new.yaml")
    assert code == 1
    assert out == (GOLDEN / "diff.md").read_text(encoding="utf-8")


def test_cli_writes_a_diagram(pair: Path) -> None:
    code, out, err = run("diff", "old.yaml", "new.yaml", "-o", "diff.dot")
    assert (code, out, err) == (1, "", "wrote diff.dot\n")
    assert (pair / "diff.dot").read_text(encoding="utf-8") == (GOLDEN / "diff.dot").read_text(
        encoding="utf-8"
    )
    code, _, err = run("diff", "old.yaml", "new.yaml", "-o", "diff.svg")
    assert (code, err) == (1, "wrote diff.svg\n")
    assert (pair / "diff.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("old.yaml",), "argmap: give two versions (OLD NEW), or one file with --rev REV\n"),
        (
            ("--rev", "HEAD", "old.yaml", "new.yaml"),
            "argmap: --rev REV takes one file: argmap diff --rev HEAD arguments/x.yaml\n",
        ),
        (
            ("--stat", "--format", "json", "old.yaml", "new.yaml"),
            "argmap: --stat prints one line; it does not go with --format or -o\n",
        ),
        (
            ("-o", "d.svg", "--format", "json", "old.yaml", "new.yaml"),
            "argmap: -o draws a diagram; --format json prints text: one or the other\n",
        ),
        (
            # .txt is Kialo's suffix: a text file that is no Kialo export says so.
            ("old.yaml", "notes.txt"),
            "argmap: notes.txt: not a Kialo export: no 'Discussion Title:' line and no numbered entries "
            "such as '1. thesis'\n",
        ),
        (
            ("old.yaml", "new.yaml", "-o", "diff.gif"),
            "argmap: diff.gif: cannot tell the format from '.gif'; use .dot, .svg, .png, .pdf, .html or .mmd, "
            "or --format\n",
        ),
        (
            ("old.yaml", "new.yaml", "-o", "diff.html"),
            "argmap: diff.html: a diff is drawn as .dot, .svg, .png or .pdf\n",
        ),
    ],
)
def test_cli_usage_errors_are_one_line(pair: Path, args: tuple[str, ...], message: str) -> None:
    (pair / "notes.txt").write_text("hello\n")
    assert run("diff", *args) == (2, "", message)


def test_cli_a_map_with_errors_exits_2_not_1(pair: Path) -> None:
    (pair / "bad.yaml").write_text("claims:\n  - id: a\n    text: A.\n    premises: [nowhere]\n")
    code, out, err = run("diff", "old.yaml", "bad.yaml")
    assert (code, out) == (2, "")
    assert err == (
        "bad.yaml:4:16: error: claim 'nowhere' is not defined (dangling-ref)\n"
        "argmap: bad.yaml: 1 error(s); fix them first\n"
    )


def test_cli_maps_that_differ_only_in_labels_and_steps_differ(pair: Path) -> None:
    """The bug of issue 12: `label:` and `step:` were not compared."""
    base = "claims:\n  - id: a\n    text: A.\n    premises:\n      - id: b\n        text: B.\n"
    (pair / "one.yaml").write_text(base)
    (pair / "two.yaml").write_text(base.replace("text: A.\n", "text: A.\n    label: Ay\n    step: 2\n"))
    assert run("diff", "one.yaml", "two.yaml") == (
        1,
        "--- one.yaml\n+++ two.yaml\n2 other fields changed\n\n"
        "Short labels changed (1)\n  [a] (none) -> Ay — A.\n\n"
        "Slide steps changed (1)\n  [a] (none) -> 2 — A.\n",
        "",
    )
    assert run("diff", "--format", "json", "two.yaml", "one.yaml") == (
        1,
        '{"changes": [\n'
        '  {"kind": "label-changed", "id": "a", "old": "Ay", "new": null},\n'
        '  {"kind": "step-changed", "id": "a", "old": 2, "new": null}\n]}\n',
        "",
    )
    assert run("diff", "--format", "markdown", "one.yaml", "two.yaml") == (
        1,
        "### argmap diff: one.yaml → two.yaml\n\n**2 other fields changed**\n\n"
        "#### Short labels changed (1)\n\n- `a` ~~(none)~~ -> **Ay** — *A.*\n\n"
        "#### Slide steps changed (1)\n\n- `a` ~~(none)~~ -> **2** — *A.*\n",
        "",
    )


def test_cli_warnings_go_to_stderr(pair: Path) -> None:
    (pair / "lonely.yaml").write_text("claims:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n")
    code, out, err = run("diff", "lonely.yaml", "lonely.yaml")
    assert (code, out) == (0, "--- lonely.yaml\n+++ lonely.yaml\nno changes\n")
    warnings = (
        "lonely.yaml:2:5: warning: claim 'a' is connected to nothing (isolated-claim)\n"
        "lonely.yaml:4:5: warning: claim 'b' is connected to nothing (isolated-claim)\n"
    )
    assert err == warnings * 2


def test_the_first_sides_error_comes_first(pair: Path) -> None:
    (pair / "bad.yaml").write_text("claims: [\n")
    syntax = "argmap: bad.yaml:2:1: error: YAML syntax: did not find expected node content (yaml-syntax)\n"
    assert run("diff", "bad.yaml", "missing.yaml") == (2, "", syntax)
    assert run("diff", "bad.yaml", "bad.yaml") == (2, "", syntax)
    assert run("diff", "old.yaml", "bad.yaml") == (2, "", syntax)
