"""Kialo text export: two fixture discussions of our own in the export's
shape, lines that only look like entries, bad input, and the round trip
YAML -> Kialo -> YAML."""

from __future__ import annotations

from pathlib import Path

import pytest
from formats_support import messages, round_trip
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_roundtrip import TEXT, argument_maps

from argmap.checks.gate import check_loaded
from argmap.errors import InputError
from argmap.formats import kialo
from argmap.formats.native import graph, tree
from argmap.formats.native.read import load_yaml_text
from argmap.model import ArgumentMap, Claim, Relation, RelationType

DATA = Path(__file__).parent / "data" / "formats"


def test_a_discussion_with_links_continuations_and_escapes() -> None:
    path = DATA / "kialo-cars.txt"
    result = kialo.read(path.read_text(encoding="utf-8"), str(path))
    assert result.diagnostics == []
    shape = graph.to_graph(result.map)
    assert shape["title"] == "Should city centres be car-free?"
    texts = {n["id"]: n["text"] for n in shape["nodes"]}
    assert texts["k1.1.1.1"] == "Their tyres and brakes still shed fine dust (PM10)."
    assert texts["k1.2"] == (
        "Shops in the centre need deliveries every day.\n"
        "Deliveries could move to the early morning, but not all of them."
    )
    assert texts["k1.4"].endswith("see [this survey](https://example.org/survey).")
    assert list(texts) == ["k1", "k1.1", "k1.1.1", "k1.1.1.1", "k1.2", "k1.2.1", "k1.3", "k1.4"]
    assert [(r["type"], r["from"], r["to"]) for r in shape["relations"]] == [
        ("support", "k1.1", "k1"),
        ("support", "k1.1", "k1.3"),  # 1.3.1. Pro: -> See 1.1.
        ("attack", "k1.1.1", "k1.1"),
        ("support", "k1.1.1.1", "k1.1.1"),
        ("attack", "k1.2", "k1"),
        ("attack", "k1.2.1", "k1.2"),
        ("support", "k1.3", "k1"),
        ("attack", "k1.4", "k1"),
    ]
    assert check_loaded(result).diagnostics == []


def test_a_multi_thesis_discussion() -> None:
    path = DATA / "kialo-theses.txt"
    result = kialo.read(path.read_text(encoding="utf-8"), str(path))
    assert [(r.type.value, r.source, r.target) for r in result.map.relations] == [
        ("support", "k1.1.1", "k1.1"),
        ("attack", "k1.1.2", "k1.1"),
        ("support", "k1.1.2", "k1.2"),
        ("attack", "k1.2.2", "k1.2"),
    ]
    assert messages(result.diagnostics) == [
        f"{path}:4:1: warning: entry 1.1. is a thesis under the discussion's question; "
        "kept as a claim of its own, related to nothing (format-loss)",
        f"{path}:7:1: warning: entry 1.2. is a thesis under the discussion's question; "
        "kept as a claim of its own, related to nothing (format-loss)",
        f"{path}:10:1: warning: entry 1.3. is neither Pro nor Con; kept unrelated (format-loss)",
    ]


def test_a_thesis_label_blank_lines_and_a_sources_list() -> None:
    path = DATA / "kialo-sources.txt"
    result = kialo.read(path.read_text(encoding="utf-8"), str(path))
    assert [(c.id, c.text) for c in result.map.claims] == [
        ("k1", "Secondary schools should start at ten in the morning."),
        ("k1.1", "Teenagers sleep later for biological reasons. [1]"),
        ("k1.1.1", "Later starts only shift their bedtime later."),
        ("k1.2", "Parents who work early could no longer drop their children off."),
    ]
    assert [(r.type.value, r.source, r.target) for r in result.map.relations] == [
        ("support", "k1.1", "k1"),
        ("attack", "k1.1.1", "k1.1"),
        ("attack", "k1.2", "k1"),
    ]
    assert messages(result.diagnostics) == [
        f"{path}:11:1: warning: the Sources: list (1 line(s)) is not read; claims keep their [n] markers (format-loss)"
    ]


def test_numbers_that_do_not_continue_the_tree_are_text() -> None:
    text = (
        "Discussion Title: T\n\n1. Thesis.\n1.1. Pro: It rose in\n2020. Since then\n1.7.3. Pro: is no entry,\n"
        "1.1. Pro: nor is a repeated number.\n2. A second thesis.\n1.2. Con: -> See 9.\n"
    )
    result = kialo.read(text, "k.txt")
    assert [(c.id, c.text) for c in result.map.claims] == [
        ("k1", "Thesis."),
        (
            "k1.1",
            "It rose in\n2020. Since then\n1.7.3. Pro: is no entry,\n1.1. Pro: nor is a repeated number.",
        ),
        ("k2", "A second thesis."),
    ]
    assert messages(result.diagnostics) == [
        "k.txt:9:1: warning: entry 1.2. links to 9., which is no claim; skipped (format-loss)",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "k.txt: not a Kialo export: no 'Discussion Title:' line and no numbered entries such as '1. thesis'"),
        ("just words\n", "k.txt: not a Kialo export: no 'Discussion Title:' line and no numbered entries such as '1. thesis'"),
    ],
)  # fmt: skip
def test_not_kialo_is_one_clear_error(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        kialo.read(text, "k.txt")
    assert str(caught.value) == message


def test_text_before_the_first_entry_is_reported() -> None:
    result = kialo.read("Discussion Title: T\nSome background.\nMore.\n1. Thesis.\n", "k.txt")
    assert [c.text for c in result.map.claims] == ["Thesis."]
    assert messages(result.diagnostics) == [
        "k.txt:2:1: warning: 2 line(s) before the first numbered entry not read (format-loss)"
    ]


KIALO_PIECES = st.sampled_from(
    ["Discussion Title: ", "1. ", "1.1. ", "1.1.1. ", "1.2. ", "2. ", "Pro: ", "Con: ", "Thesis: ", "-> See ",
     "1.", "\\(", "\\", "\n", "\n\n", " ", "x"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(KIALO_PIECES | TEXT, max_size=30).map("".join), st.text(max_size=200)))
def test_any_text_gives_a_map_or_an_input_error(text: str) -> None:
    kialo.sniff(text)
    try:
        result = kialo.read(text, "r.txt")
    except InputError:
        return
    check_loaded(result, read_sources=False)


def _expected(original: ArgumentMap) -> dict[str, object]:
    """What Kialo holds of a map, in the ids the reader gives back (`k` and
    the entry number): texts, support and attack, undercuts as attacks on
    the premise; the title, or the first thesis when there is none."""
    number = {claim_id: f"k{n}" for claim_id, n in kialo.numbering(original).items()}
    by_id = original.relation_index()
    joined = set()
    for r in original.relations:
        if r.type is RelationType.UNDERCUT:
            joined.add(("attack", number[r.source], number[by_id[r.target].source]))
        else:
            joined.add((r.type.value, number[r.source], number[r.target]))
    return {
        "title": kialo.discussion_title(original),
        "claims": {number[c.id]: kialo.canonical_text(c.text) for c in original.claims},
        "relations": joined,
    }


def _found(amap: ArgumentMap) -> dict[str, object]:
    return {
        "title": amap.title,
        "claims": {c.id: c.text for c in amap.claims},
        "relations": {(r.type.value, r.source, r.target) for r in amap.relations},
    }


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_yaml_to_kialo_to_yaml_keeps_what_kialo_holds(generated: ArgumentMap) -> None:
    original, _, back, again = round_trip(kialo, generated, "a.txt")
    assert back.diagnostics == []
    assert _found(again) == _expected(original)
    assert (again.sides, again.sources, again.description, again.expect) == ({}, {}, None, ())


TRICKY_TEXT = (
    st.lists(
        st.sampled_from(
            (
                *(
                    "\n",
                    "1.",
                    "2. ",
                    "1.1. ",
                    "-> See 1.",
                    "->",
                    "\\",
                    "\\(",
                    "(",
                    "]",
                    "Pro: ",
                    " ",
                    "\t",
                    "x",
                ),
                *("Sources:", "Thesis: ", "Question:", "\\:"),
            )
        ),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .filter(lambda t: t.strip() != "")
)


@settings(max_examples=300, deadline=None)
@given(TRICKY_TEXT, TRICKY_TEXT)
def test_texts_that_look_like_entries_links_or_escapes_survive(thesis: str, pro: str) -> None:
    amap = load_yaml_text(
        tree.dumps(ArgumentMap(
            claims=(Claim("t", thesis), Claim("p", pro)),
            relations=(Relation("support:p:t", "p", "t", RelationType.SUPPORT),),
        )),
        "a.yaml",
    ).map  # fmt: skip
    back = kialo.read(kialo.write(amap).text, "a.txt")
    assert back.diagnostics == []
    assert [(c.id, c.text) for c in back.map.claims] == [
        ("k1", kialo.canonical_text(thesis)),
        ("k1.1", kialo.canonical_text(pro)),
    ]
    assert [(r.source, r.target) for r in back.map.relations] == [("k1.1", "k1")]


LOSSY = """
title: "Two\\nlines"
description: D.
sources: {s: {title: S}}
sides: {a: {name: A}}
claims:
  - id: c
    text: "  C.  "
    by: a
    tags: [x, y]
    weight: 0.5
    note: N.
    source: {ref: s, quote: q}
    premises:
      - linked: [{id: p, text: P., undercuts: [{id: u, text: U.}]}, {id: q, text: Q.}]
  - {id: d, text: D.}
relations:
  - {id: mine, from: q, to: c, type: attack}
expect: {grounded: {in: [c]}}
"""


def test_writer_reports_each_kind_of_loss_with_counts() -> None:
    written = kialo.write(load_yaml_text(LOSSY, "m.yaml").map)
    assert written.text == (
        "Discussion Title: Two lines\n\n1. C.\n1.1. Pro: P.\n1.1.1. Con: U.\n1.2. Pro: Q.\n1.3. Con: -> See 1.2.\n2. D.\n"
    )
    assert [str(loss) for loss in written.losses] == [
        "1 undercut: Kialo has no undercuts; written as a Con on the premise",
        "1 thesis: Kialo discussions have one thesis; further ones written as 2., 3., ...",
        "1 title: line breaks and runs of spaces in the title written as one space",
        "1 description: Kialo exports carry no description; not written",
        "1 claim-side: Kialo has no place for which side states a claim (by:)",
        "1 citation: Kialo has no place for claims' source references (ref, quote, loc)",
        "2 tag: Kialo has no place for claims' tags",
        "1 weight: Kialo votes are not in its text export; weights not written",
        "1 note: Kialo has no place for claims' notes",
        "1 side: sides not written",
        "1 source: sources not written",
        "1 expect: expected outcomes not written",
        "1 linked: linked groups written as separate Pros and Cons",
        "1 relation-id: relation ids of your own not written",
        "1 whitespace: spaces and blank lines around claim texts, and spaces at line ends, dropped",
    ]


def test_a_long_chain_of_links_reads_without_recursion() -> None:
    """Under each of 5000 Pros, a Con that links to the next one's Con, and
    the last Con is a claim: every link leads, link by link, to it."""
    depth = 5000
    lines = ["Discussion Title: T", "1. Thesis."]
    for i in range(1, depth + 1):
        lines += [f"1.{i}. Pro: Reason {i}.", f"1.{i}.1. Con: -> See 1.{i + 1}.1."]
    lines += [f"1.{depth + 1}. Pro: Last reason.", f"1.{depth + 1}.1. Con: The end."]
    result = kialo.read("\n".join(lines), "deep.txt")
    assert result.diagnostics == []
    end = f"k1.{depth + 1}.1"
    attacks = {(r.source, r.target) for r in result.map.iter_relations(RelationType.ATTACK)}
    assert attacks == {(end, f"k1.{i}") for i in range(1, depth + 2)}
