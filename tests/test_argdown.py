"""Argdown: reading inline texts, bad input, and writing (round trips)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_roundtrip import TEXT, argument_maps

from argmap.checks.gate import check_loaded
from argmap.errors import ArgmapError, InputError
from argmap.formats import argdown
from argmap.formats.base import canonical_relation_order
from argmap.formats.native import graph, tree
from argmap.formats.native.read import load_yaml_text
from argmap.formats.registry import load_path
from argmap.model import ArgumentMap, Claim, Relation, RelationType, default_relation_id

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
ESSAY_MAPS = sorted((ROOT / "arguments").glob("*.yaml"))


def read(text: str) -> ArgumentMap:
    return argdown.read(text, "t.argdown").map


def diagnostics(text: str) -> list[tuple[str, int, int]]:
    return [(d.check_id, d.span.line, d.span.column) for d in argdown.read(text, "t.argdown").diagnostics]


def edges(amap: ArgumentMap) -> set[tuple[str, str, str]]:
    return {(r.source, r.target, r.type.value) for r in amap.relations}


# -- reading -------------------------------------------------------------------------


def test_statements_and_relations_nested_by_indentation() -> None:
    amap = read(
        "[Tax cut]: Cutting the tax raises growth.\n"
        "  + [Incentives]: Lower taxes raise the reward for work.\n"
        "    - Most people cannot choose their hours.\n"
        "  - <Deficit>: The cut widens the deficit.\n"
        "  +> [Wages]\n"
    )
    assert [(c.id, c.text) for c in amap.claims] == [
        ("Tax-cut", "Cutting the tax raises growth."),
        ("Incentives", "Lower taxes raise the reward for work."),
        ("Untitled-1", "Most people cannot choose their hours."),
        ("Wages", "Wages"),
        ("Deficit", "The cut widens the deficit."),
    ]
    assert edges(amap) == {
        ("Incentives", "Tax-cut", "support"),
        ("Untitled-1", "Incentives", "attack"),
        ("Deficit", "Tax-cut", "attack"),
        ("Tax-cut", "Wages", "support"),
    }
    assert amap.claims[0].span is not None and (amap.claims[0].span.line, amap.claims[0].span.column) == (
        1,
        1,
    )


def test_equivalence_class_is_one_claim_with_the_last_text() -> None:
    text = "[T]: First wording.\n  + [S]: A reason.\n\n[T]: Second wording.\n  - [O]: An objection.\n"
    amap = read(text)
    assert [(c.id, c.text) for c in amap.claims] == [
        ("T", "Second wording."),
        ("S", "A reason."),
        ("O", "An objection."),
    ]
    assert diagnostics(text) == [("argdown-not-read", 1, 1)]


def test_contradiction_is_an_attack_each_way() -> None:
    assert edges(read("[a]: A.\n  >< [b]: B.\n")) == {("a", "b", "attack"), ("b", "a", "attack")}


def test_strict_mode_entails_and_contrary_read_as_support_and_attacks() -> None:
    amap = read("===\nmodel: {mode: strict}\n===\n\n[a]: A.\n  +> [b]: B.\n  -> [c]: C.\n")
    assert edges(amap) == {("a", "b", "support"), ("a", "c", "attack"), ("c", "a", "attack")}


def test_undercut_of_a_node_undercuts_its_inferences() -> None:
    amap = read("[c]: C.\n  <+ [p]: P.\n    <_ [u]: U.\n  <- [q]: Q.\n")
    assert edges(amap) == {
        ("p", "c", "support"),
        ("q", "c", "attack"),
        ("u", "support:p:c", "undercut"),
    }


def test_undercut_of_a_node_without_inferences_is_an_attack_with_a_warning() -> None:
    text = "[c]: C.\n  <_ [u]: U.\n"
    assert edges(read(text)) == {("u", "c", "attack")}
    assert diagnostics(text) == [("argdown-undercut", 2, 3)]


def test_argument_with_premise_conclusion_structure() -> None:
    amap = read(
        "<Growth>: Tax cuts pay for themselves.\n\n"
        "(1) [Incentives]: Lower taxes raise the reward for work.\n"
        "(2) More work means more taxable income.\n"
        "-- modus ponens --\n"
        "(3) [Revenue]: Revenue rises.\n"
        "  -> [Deficit]: The deficit grows.\n"
    )
    growth = amap.claim_index()["Growth"]
    assert growth.text == "Tax cuts pay for themselves."
    assert growth.note == (
        "(1) [Incentives]: Lower taxes raise the reward for work.\n"
        "(2) More work means more taxable income.\n"
        "-- modus ponens --\n"
        "(3) [Revenue]: Revenue rises."
    )
    # Titled statements of the structure are map nodes too (Argdown's
    # default selection); the untitled premise is only in the note.
    assert [c.id for c in amap.claims] == ["Incentives", "Revenue", "Deficit", "Growth"]
    assert edges(amap) == {
        ("Incentives", "Growth", "support"),
        ("Growth", "Revenue", "support"),
        ("Revenue", "Deficit", "attack"),
    }


def test_tags_headings_and_sides() -> None:
    amap = read(
        "===\nargmap:\n  sides: {pro: {name: Proponents, colour: '#1f4e9c'}}\n===\n\n"
        "# Economy\n\n"
        "[a]: A claim. #(by:pro) #growth\n"
        "  + [b]: A reason. #(by:nobody)\n"
    )
    a, b = amap.claims
    assert (a.by, a.tags, a.text) == ("pro", ("growth", "group:Economy"), "A claim. #(by:pro) #growth")
    assert (b.by, b.tags) == (None, ("by:nobody", "group:Economy"))
    assert amap.sides["pro"].colour == "#1f4e9c"


def test_data_and_front_matter() -> None:
    amap = read(
        "===\n"
        "title: Taxes\n"
        "description: A small debate.\n"
        "argmap:\n"
        "  sources: {paper: {title: A paper, file: paper.txt}}\n"
        "  expect: {grounded: {in: [a]}}\n"
        "===\n\n"
        "[a]: A. {weight: 0.25, note: 'Why.', source: {ref: paper, quote: 'a', loc: p. 2}}\n"
        "  + [b]: B. {source: C1a, tags: [x]}\n"
    )
    a, b = amap.claims
    assert (amap.title, amap.description) == ("Taxes", "A small debate.")
    assert amap.sources["paper"].file == "paper.txt"
    assert [(e.semantics, e.status, e.claim) for e in amap.expect] == [("grounded", "in", "a")]
    assert (a.weight, a.note, a.source) == (0.25, "Why.", a.source)
    assert a.source is not None and (a.source.ref, a.source.quote, a.source.loc) == ("paper", "a", "p. 2")
    assert b.source is not None and (b.source.ref, b.source.loc) == (None, "C1a")
    assert b.tags == ("x",)


def test_what_is_not_read_is_a_warning_each() -> None:
    text = (
        "===\nauthor: Someone\n===\n\n"
        "A paragraph of prose, in no relation.\n\n"
        "[a]: A [link](https://example.org). {colour: red, isInMap: true}\n"
        "  + [b]: B.\n"
    )
    assert diagnostics(text) == [
        ("argdown-not-read", 1, 1),  # front matter key 'author'
        ("argdown-not-read", 5, 1),  # the paragraph is not in Argdown's map
        ("argdown-not-read", 7, 8),  # the link's address
        ("argdown-not-read", 7, 37),  # data key 'colour'
    ]


def test_front_matter_without_empty_line_is_read_with_a_warning() -> None:
    text = "===\ntitle: T\n===\n[a]: A.\n  + [b]: B.\n"
    assert [c.id for c in read(text).claims] == ["a", "b"]
    assert diagnostics(text) == [("argdown-syntax", 4, 1)]


def test_claim_ids_from_titles() -> None:
    assert argdown.claim_ids(
        ["Statement 1", "a.b-c", "Statement 1", "Statement-1", "It's (really) so!", "--"]
    ) == [
        "Statement-1",
        "a.b-c",
        "Statement-1-2",
        "Statement-1-3",
        "It-s-really-so",
        "untitled",
    ]


# -- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "t.argdown:1:1: error: no statements or arguments in the text"),
        (
            "[a]: some _italic text\n",
            "t.argdown:1:11: error: '_' starts italic text that is not closed before the end of the text "
            "(write \\_ for a literal _)",
        ),
        (
            "  + [b]: orphan\n",
            "t.argdown:1:1: error: expected a statement, an argument or a list item (a relation needs a "
            "statement above it) but found '+' (a relation goes on its own line, indented under its "
            "statement like its siblings)",
        ),
        (
            "[a]: text \\\n",
            "t.argdown:1:11: error: a backslash at the end of a line escapes nothing (write '\\\\' for a backslash)",
        ),
        (
            "[a]: text {note: [unclosed}\n",
            "t.argdown:1:27: error: the data block is not valid YAML: did not find expected ',' or ']'",
        ),
        (
            "===\ntitle: x\ntitle: y\n===\n\n[a]: A.\n",
            "t.argdown:3:1: error: the front matter is not valid YAML: duplicate key 'title'",
        ),
        (
            "[a]: A.\n[b]: B.\n",
            "t.argdown:2:1: error: expected an empty line between blocks but found '[b]:'",
        ),
        (
            "[a]: A.\n" + "".join("  " * i + f"+ [n{i}]: N.\n" for i in range(1, 400)),
            "t.argdown:1:1: error: relations nested too deeply to read",
        ),
        (
            "<A>\n\n(1) p\n----\n(2) c\n\n<A>\n\n(1) q\n----\n(2) d\n",
            "t.argdown:9:1: error: argument <A> has a second premise-conclusion structure (Argdown allows one)",
        ),
    ],
)
def test_bad_input_is_one_line_with_position(text: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        argdown.read(text, "t.argdown")
    assert str(raised.value) == message


# Pieces of Argdown syntax, joined at random.
ARGDOWNISH = st.lists(
    st.sampled_from(
        [*"[]<>(){}#*_-+.:,;@=/\\'\"\t ", "\n", "\n\n", "\r", "  ", "ab", "1", "é", "===", "--", "[a]: ", "<A>: ",
         "(1) ", "  + ", "  - ", "<_ ", "><", ".->.", "{x: 1}", "<!--", "-->", "//", "# ", "* ", "1. "]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(ARGDOWNISH | st.text(max_size=80))
def test_any_text_reads_or_fails_cleanly(text: str) -> None:
    try:
        result = argdown.read(text, "r.argdown")
    except ArgmapError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    check_loaded(result, read_sources=False)


# -- writing -------------------------------------------------------------------------


def argdown_can_hold(amap: ArgumentMap) -> ArgumentMap:
    """`amap` as Argdown keeps it, for a map whose writing lost no undercut:
    relations with their default ids and without linked groups, texts on
    one line."""
    default_id = {r.id: default_relation_id(r.type, r.source, r.target) for r in amap.relations}
    relations = [
        Relation(
            default_relation_id(
                r.type,
                r.source,
                default_id.get(r.target, r.target) if r.type is RelationType.UNDERCUT else r.target,
            ),
            r.source,
            default_id.get(r.target, r.target) if r.type is RelationType.UNDERCUT else r.target,
            r.type,
        )
        for r in amap.relations
    ]
    claims = tuple(c._replace(text=re.sub(r"\r\n|\r|\n", " ", c.text)) for c in amap.claims)
    unique = list({(r.source, r.target, r.type): r for r in relations}.values())
    return dataclasses.replace(amap, claims=claims, relations=tuple(canonical_relation_order(claims, unique)))


def _loss_kinds(amap: ArgumentMap) -> set[str]:
    """The losses a writer must report for this map, worked out apart."""
    kinds: set[str] = set()
    if any(r.id != default_relation_id(r.type, r.source, r.target) for r in amap.relations):
        kinds.add("relation-id")
    if any(r.group is not None for r in amap.relations):
        kinds.add("linked-group")
    if any(r.weight is not None for r in amap.relations):
        kinds.add("relation-weight")
    if any("\n" in c.text or "\r" in c.text for c in amap.claims):
        kinds.add("line-break")
    by_id = {r.id: r for r in amap.relations}
    for r in amap.relations:
        if r.type is RelationType.UNDERCUT:
            owner = by_id[r.target].source
            undercut = {
                u.target for u in amap.relations if u.type is RelationType.UNDERCUT and u.source == r.source
            }
            if any(o.id not in undercut for o in amap.relations if o.source == owner):
                kinds.add("partial-undercut")
    return kinds


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_yaml_argdown_yaml_keeps_what_argdown_holds(amap: ArgumentMap) -> None:
    written = argdown.write(amap)
    assert argdown.write(amap) == written  # deterministic
    back = argdown.read(written.text, "m.argdown")
    assert back.diagnostics == []
    kinds = {loss.kind for loss in written.losses}
    assert kinds == _loss_kinds(amap)
    if not written.losses:
        assert graph.dumps(back.map) == graph.dumps(amap)
    got, expected = back.map, amap
    if "partial-undercut" in kinds:
        # Argdown undercuts every inference from a claim: compare the rest.
        got = _without_undercuts(got)
        expected = _without_undercuts(expected)
    assert graph.dumps(got) == graph.dumps(argdown_can_hold(expected))


def _without_undercuts(amap: ArgumentMap) -> ArgumentMap:
    return dataclasses.replace(
        amap, relations=tuple(r for r in amap.relations if r.type is not RelationType.UNDERCUT)
    )


@settings(max_examples=300, deadline=None)
@given(TEXT, st.lists(TEXT, max_size=3))
def test_any_one_line_text_and_tags_come_back(text: str, tags: list[str]) -> None:
    text = text.replace("\n", " ")
    amap = ArgumentMap(claims=(Claim("a", text, tags=tuple(tags)), Claim("b", "B")))
    back = argdown.read(argdown.write(amap).text, "m.argdown").map
    assert [(c.text, c.tags) for c in back.claims] == [(text, tuple(tags)), ("B", ())]


def test_writer_losses_are_counted_per_kind() -> None:
    amap = load_yaml_text(
        "claims:\n"
        "  - id: c\n    text: C\n    premises:\n      - linked:\n"
        '          - {id: p, text: "P\\nQ"}\n          - {id: q, text: Q}\n'
        "relations:\n  - {id: mine, from: q, to: p, type: attack}\n",
        "m.yaml",
    ).map
    assert [str(loss) for loss in argdown.write(amap).losses] == [
        "1 linked-group: linked premises, counterclaims and undercuts written as separate relations",
        "1 relation-id: relation ids are not kept (Argdown relations have none)",
        "1 line-break: line breaks in texts written as spaces",
    ]


@pytest.mark.parametrize("path", ESSAY_MAPS, ids=[p.stem for p in ESSAY_MAPS])
def test_essay_maps_come_back_as_argdown_holds_them(path: Path) -> None:
    amap = load_path(path).map
    written = argdown.write(amap)
    back = argdown.read(written.text, "m.argdown")
    assert back.diagnostics == []
    if any(loss.kind == "partial-undercut" for loss in written.losses):
        assert {c.id for c in back.map.claims} == {c.id for c in amap.claims}
        ordinary = {
            (r.source, r.target, r.type) for r in amap.relations if r.type is not RelationType.UNDERCUT
        }
        assert ordinary <= {(r.source, r.target, r.type) for r in back.map.relations}
    else:
        assert graph.dumps(back.map) == graph.dumps(argdown_can_hold(amap))


def test_a_long_chain_is_written_in_blocks_that_read_back() -> None:
    claims = tuple(Claim(f"c{i}", f"Claim {i}.") for i in range(300))
    relations = tuple(
        Relation(
            default_relation_id(RelationType.SUPPORT, f"c{i}", f"c{i - 1}"),
            f"c{i}",
            f"c{i - 1}",
            RelationType.SUPPORT,
        )
        for i in range(1, 300)
    )
    amap = ArgumentMap(claims=claims, relations=relations)
    written = argdown.write(amap)
    deepest = max(len(line) - len(line.lstrip(" ")) for line in written.text.splitlines()) // 2
    assert deepest == 100
    assert graph.dumps(argdown.read(written.text, "chain.argdown").map) == graph.dumps(amap)


def test_golden_argdown(update_golden: bool) -> None:
    amap = load_path(ROOT / "arguments" / "stalin-trotsky-differences.yaml").map
    written = argdown.write(amap)
    golden = GOLDEN / "stalin-trotsky-differences.argdown"
    if update_golden:
        golden.write_text(written.text, encoding="utf-8")
    assert written.text == golden.read_text(encoding="utf-8")
    assert written.losses == ()


@pytest.mark.parametrize("name", ["argdown-primer", "state-censorship", "semmelweis_betz"])
def test_corpus_to_yaml_and_back_to_argdown(name: str, corpora: Path) -> None:
    """Argdown -> argmap -> YAML keeps everything; -> Argdown -> argmap again
    gives the same map (what argmap read, Argdown holds)."""
    first = argdown.read(
        (corpora / "argdown" / f"{name}.argdown").read_text(encoding="utf-8"), f"{name}.argdown"
    )
    via_yaml = load_yaml_text(tree.dumps(first.map), "m.yaml")
    assert check_loaded(via_yaml, read_sources=False).errors == []
    assert graph.dumps(via_yaml.map) == graph.dumps(first.map)
    written = argdown.write(first.map)
    again = argdown.read(written.text, "again.argdown")
    assert graph.dumps(again.map) == graph.dumps(argdown_can_hold(first.map))
