"""The checks' shortcuts for big maps give the answers of the long way:
the support-cycle search is skipped only when no cycle exists, and the
duplicate-text key is the case- and whitespace-folded text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from argmap.checks.graph import _may_close_cycle, _strongly_connected, support_cycles
from argmap.checks.references import duplicate_texts, text_key
from argmap.checks.registry import CheckContext
from argmap.model import ArgumentMap, Claim, Relation, RelationType

# Arrows between claims c0..c7 (written in that order), some to claims the
# map does not define (c8, c9: dangling references).
_arrows = st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=14)


def _support_map(arrows: list[tuple[int, int]]) -> ArgumentMap:
    claims = tuple(Claim(f"c{i}", f"Claim {i}.") for i in range(8))
    relations = tuple(
        Relation(f"r{n}", f"c{s}", f"c{t}", RelationType.SUPPORT) for n, (s, t) in enumerate(arrows)
    )
    return ArgumentMap(claims=claims, relations=relations)


def _edges(amap: ArgumentMap) -> dict[str, list[Relation]]:
    edges: dict[str, list[Relation]] = {}
    for relation in amap.relations:
        if relation.source != relation.target:
            edges.setdefault(relation.source, []).append(relation)
    return edges


@given(_arrows)
def test_the_cycle_search_is_skipped_only_when_there_is_no_cycle(arrows: list[tuple[int, int]]) -> None:
    amap = _support_map(arrows)
    edges = _edges(amap)
    assert _may_close_cycle(amap, edges) == bool(_strongly_connected(edges))


def test_a_cycle_closed_by_a_cross_link_is_reported() -> None:
    # c0 <- c1 <- c2 as a tree of premises, and c0 cited (by id) as a
    # premise of c2: the one forward arrow closes the circle.
    amap = _support_map([(1, 0), (2, 1), (0, 2)])
    found = list(support_cycles(amap, CheckContext()))
    assert [d.message for d in found] == ["circular reasoning: c1 -> c0 -> c2 -> c1"]


def test_a_tree_with_forward_links_that_close_nothing_has_no_cycle() -> None:
    # Two trees (c0 <- c1, c2 <- c3), c1 cited as a premise of c3, and c3's
    # tree leads nowhere back.
    amap = _support_map([(1, 0), (3, 2), (1, 3)])
    assert _may_close_cycle(amap, _edges(amap)) is False
    assert list(support_cycles(amap, CheckContext())) == []


_spaces = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2028", "\u3000", "\x85", ""])
_words = st.sampled_from(["Tax", "tax", "TAX", "Straße", "STRASSE", "ǅ", "ﬁ", "x"])


@given(st.lists(st.tuples(_spaces, _words), max_size=6), _spaces)
def test_the_text_key_folds_case_and_whitespace_as_before(parts: list[tuple[str, str]], end: str) -> None:
    text = "".join(space + word for space, word in parts) + end
    assert text_key(text) == " ".join(text.casefold().split())


@given(st.text(max_size=30))
def test_the_text_key_of_any_text(text: str) -> None:
    assert text_key(text) == " ".join(text.casefold().split())


def test_duplicate_texts_still_names_the_first_claim_and_its_line() -> None:
    from argmap.formats.native.read import load_yaml_text

    amap = load_yaml_text(
        "claims:\n  - id: a\n    text: Tax  is theft.\n  - id: b\n    text: tax is THEFT.\n"
    ).map
    found = [f"{d.span.line}:{d.span.column} {d.message}" for d in duplicate_texts(amap, CheckContext())]
    assert found == [
        "5:11 claim 'b' has the same text as claim 'a' (line 3); refer to that claim by its id instead"
    ]
