"""The shortcuts taken for big maps give the answers of the long way: the
support-cycle search is skipped only when no cycle exists; the
duplicate-text key is the case- and whitespace-folded text; the JSON lines
writer writes what json.dumps wrote item by item; the walker that lets go of
its tree as it goes reads the same map as the one that keeps it; the
shortcut for everyday entries of plain data reads what the walker's own
visit reads, or leaves the entry to it; relations are checked for repeats
one by one only when some repeat; the canonical order of relations is
the one its named-field key gave; ids defined twice are counted only when
some are; the checks for loops and dangling ends look one relation at a
time only where a test in C finds something."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.checks.graph import (
    _defined_twice,
    _may_close_cycle,
    _strongly_connected,
    self_attack,
    self_support,
    support_cycles,
)
from argmap.checks.references import dangling_refs, duplicate_texts, text_key
from argmap.checks.registry import CheckContext
from argmap.errors import Diagnostic
from argmap.formats.base import canonical_relation_order
from argmap.formats.native.dedupe import drop_repeats, without_repeats
from argmap.formats.native.graph import dump_json_lists
from argmap.formats.native.plain import CannotVouchError
from argmap.formats.native.read import _PlainWalker, _Walker, load_yaml_root, load_yaml_text
from argmap.io.json_text import dump_json
from argmap.model import ArgumentMap, Claim, Expectation, Relation, RelationType, SourceSpan, parse_reference
from argmap.yaml.compose import compose
from argmap.yaml.fast import plain_data

HERE = Path(__file__).parent
MAPS = sorted([*HERE.glob("data/*/*.yaml"), *(HERE.parent / "arguments").glob("*.yaml")])

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


def _per_item(document: dict[str, Any]) -> str:
    """dump_json_lists as it was: json.dumps and the escapes, item by item."""
    lines = ["{"]
    fields = list(document.items())
    for index, (key, value) in enumerate(fields):
        comma = "," if index < len(fields) - 1 else ""
        if isinstance(value, list):
            if not value:
                lines.append(f"  {dump_json(key)}: []{comma}")
                continue
            lines.append(f"  {dump_json(key)}: [")
            lines.extend(f"    {dump_json(item)}," for item in value[:-1])
            lines.append(f"    {dump_json(value[-1])}")
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {dump_json(key)}: {dump_json(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


_text = st.text(
    alphabet=st.sampled_from(["a", " ", '"', "\\", "\n", "\x7f", "\x85", "\u2028", "é", "\ufffe", "\x00"])
)
_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), _text)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(_text, st.one_of(_values, st.lists(_values, max_size=4)), max_size=4))
def test_json_lines_are_what_json_dumps_wrote_item_by_item(document: dict[str, Any]) -> None:
    assert dump_json_lists(document) == _per_item(document)


@pytest.mark.parametrize("path", MAPS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_walker_that_lets_go_of_its_tree_reads_the_same_map(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        root = compose(text, path.name)
    except Exception:
        pytest.skip("not YAML the walker gets to see")
    kept = load_yaml_root(root, path.name)
    let_go = load_yaml_text(text, path.name)
    assert let_go.map == kept.map
    assert let_go.diagnostics == kept.diagnostics


@given(
    st.text(max_size=8),
    st.text(max_size=20),
    st.lists(st.sampled_from([{}, {"style": "invis"}, {"fillcolor": 'a"b', "penwidth": "2"}]), max_size=3),
)
def test_a_labelled_node_is_written_as_node_with_id_writes_it(
    name: str, tooltip: str, looks: list[dict[str, str]]
) -> None:
    from argmap.render.dot.syntax import AttrList, DotGraph, HtmlLabel

    lists = [AttrList(look) for look in looks]
    direct, generic = DotGraph("g"), DotGraph("g")
    direct.labelled_node(name, HtmlLabel("<a<BR/>b>"), tooltip, *lists)
    generic.node_with_id(name, {"label": HtmlLabel("<a<BR/>b>"), "tooltip": tooltip}, *lists)
    assert direct.source() == generic.source()


def _python(code: str) -> tuple[int, str]:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    return done.returncode, done.stdout


def test_ending_now_flushes_what_was_written_and_keeps_the_code() -> None:
    code = "import sys; from argmap.cli.console import end_now; sys.stdout.write('written'); end_now(3); print('not here')"
    assert _python(code) == (3, "written")


def test_ending_now_leaves_exit_handlers_and_messages_to_python() -> None:
    code = (
        "import atexit; atexit.register(print, 'handler ran')\n"
        "from argmap.cli.console import end_now\n"
        "end_now(0); end_now('a message'); print('went on')"
    )
    assert _python(code) == (0, "went on\nhandler ran\n")


def test_a_command_that_ends_now_still_writes_all_its_output(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    claims = "".join(f"  - id: c{i}\n    text: Claim number {i}.\n" for i in range(3000))
    big.write_text(f"claims:\n{claims}", encoding="utf-8")
    code = f"import sys; sys.argv = ['argmap', 'show', '--format', 'json', {str(big)!r}]; from argmap.__main__ import run; run()"
    status, out = _python(code)
    assert status == 0
    assert out.count('"id": "c') == 3000 and out.endswith("}\n")


class _LongPlainWalker(_PlainWalker):
    """The plain walker without the shortcut: every entry through the walker's own visit."""

    def _tree(self, node: Any) -> None:
        _Walker._tree(self, node)


def _plain_outcome(walker: type[_PlainWalker], data: Any) -> Any:
    try:
        result = walker("m.yaml").walk(copy.deepcopy(data))  # the walkers use up their data
    except CannotVouchError:
        return "gave up"
    return result.map, result.diagnostics, result.unread_ends


# The maps the fast path reads (the others never meet the shortcut).
FAST_MAPS = [p for p in MAPS if plain_data(p.read_text(encoding="utf-8")) is not None]


def test_most_maps_meet_the_shortcut() -> None:
    assert len(FAST_MAPS) >= len(MAPS) - 5


@pytest.mark.parametrize("path", FAST_MAPS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_shortcut_for_everyday_entries_reads_what_the_walker_reads(path: Path) -> None:
    data = plain_data(path.read_text(encoding="utf-8"))
    assert _plain_outcome(_PlainWalker, data) == _plain_outcome(_LongPlainWalker, data)


# Plain values an entry's keys may hold: the everyday ones and those the
# shortcut must leave to the walker (blank, null, a timestamp, a number, a
# bool, a list or mapping where text belongs, an id that is no slug).
_plain_scalars = st.sampled_from(
    ["c1", "c2", "c3", "A claim.", "", " ", "2001-12-14", "=", "a b", "pro", None, 1, 0.5, True, "x:y"]
)
_entry_keys = st.sampled_from(
    [
        "id",
        "text",
        "by",
        "label",
        "note",
        "premises",
        "counterclaims",
        "undercuts",
        "linked",
        "weight",
        "tags",
        "x",
    ]
)
_entries = st.recursive(
    _plain_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_entry_keys, inner, max_size=6),
    max_leaves=24,
)


@given(st.lists(_entries, max_size=5))
def test_the_shortcut_reads_generated_entries_as_the_walker_does(claims: list[Any]) -> None:
    data = {"argmap": "1", "claims": claims}
    assert _plain_outcome(_PlainWalker, data) == _plain_outcome(_LongPlainWalker, data)


def test_the_shortcut_takes_everyday_entries() -> None:
    """No dead code: an everyday map is read by the shortcut, not the walker's visit."""
    data: Any = {
        "claims": [
            {"id": "a", "text": "A.", "by": "pro", "premises": [{"id": "b", "text": "B.", "note": ""}]}
        ]
    }
    walker = _PlainWalker("m.yaml")
    visited: list[Any] = []
    walker._visit = lambda *work: visited.append(work)  # type: ignore[method-assign]
    result = walker.walk(copy.deepcopy(data))
    assert visited == []
    assert result.map == _LongPlainWalker("m.yaml").walk(copy.deepcopy(data)).map
    assert [r.id for r in result.map.relations] == ["support:b:a"]


_ends = st.sampled_from(["a", "b", "c", "d"])
_relations = st.lists(
    st.builds(
        lambda rid, source, target, type_, line: Relation(
            rid or f"{type_.value}:{source}:{target}",
            source,
            target,
            type_,
            span=SourceSpan("m.yaml", line, 3),
        ),
        st.sampled_from(["", "", "r1", "r2"]),
        _ends,
        _ends,
        st.sampled_from(list(RelationType)),
        st.integers(1, 9),
    ),
    max_size=8,
)


@given(_relations)
def test_repeated_relations_are_dropped_as_one_at_a_time(relations: list[Relation]) -> None:
    quick: list[Diagnostic] = []
    slow: list[Diagnostic] = []
    assert without_repeats(relations, "m.yaml", quick) == drop_repeats(relations, "m.yaml", slow)
    assert quick == slow


def _order_as_before(claims: list[Claim], relations: list[Relation]) -> list[Relation]:
    """canonical_relation_order as it was, with named fields and a nested key."""
    position: dict[str, int] = {}
    for index, claim in enumerate(claims):
        position.setdefault(claim.id, index)
    unknown = len(position)
    rank = {RelationType.SUPPORT: 0, RelationType.ATTACK: 1, RelationType.UNDERCUT: 2}

    def key(relation: Relation) -> tuple[int, int, int, str, int, str]:
        if relation.type is RelationType.UNDERCUT:
            target_key = (1, 0, relation.target)
        else:
            target_key = (0, position.get(relation.target, unknown), relation.target)
        return (position.get(relation.source, unknown), *target_key, rank[relation.type], relation.id)

    return sorted(relations, key=key)


@given(st.lists(_ends, max_size=5), _relations)
def test_the_canonical_order_is_the_one_before(claim_ids: list[str], relations: list[Relation]) -> None:
    claims = [Claim(i, "T.") for i in claim_ids]  # repeated ids too: the first place counts
    assert canonical_relation_order(claims, relations) == _order_as_before(claims, relations)


@given(st.lists(_ends, max_size=6))
def test_ids_defined_twice_are_those_counted_twice(claim_ids: list[str]) -> None:
    amap = ArgumentMap(claims=tuple(Claim(i, "T.") for i in claim_ids))
    assert _defined_twice(amap) == {i for i in claim_ids if claim_ids.count(i) > 1}


_any_end = st.sampled_from(["a", "b", "c", "d", "e", "o.yaml#x", "support:a:b", "attack:b:a"])
_graphs = st.builds(
    lambda claim_ids, ends, expected, resolved: ArgumentMap(
        claims=tuple(Claim(i, "T.") for i in claim_ids),
        relations=tuple(
            Relation(
                f"{type_.value}:{source}:{target}", source, target, type_, span=SourceSpan("m.yaml", n + 1, 3)
            )
            for n, (source, target, type_) in enumerate(ends)
        ),
        expect=tuple(Expectation("grounded", "in", claim) for claim in expected),
        resolved=resolved,
    ),
    st.lists(_ends, max_size=5),
    st.lists(st.tuples(_any_end, _any_end, st.sampled_from(list(RelationType))), max_size=8),
    st.lists(_any_end, max_size=2),
    st.booleans(),
)


def _self_support_as_before(amap: ArgumentMap) -> list[tuple[SourceSpan | None, str]]:
    twice = _defined_twice(amap)
    return [
        (r.span, f"claim '{r.source}' supports itself")
        for r in amap.relations
        if r.type is RelationType.SUPPORT and r.source == r.target and r.source not in twice
    ]


def _self_attack_as_before(amap: ArgumentMap) -> list[tuple[SourceSpan | None, str]]:
    index, twice, found = amap.relation_index(), _defined_twice(amap), []
    for r in amap.relations:
        if r.type is RelationType.UNDERCUT and r.target in index:
            attacked, what = index[r.target].source, "undercuts its own inference"
        elif r.type is RelationType.ATTACK:
            attacked, what = r.target, "attacks itself"
        else:
            continue
        if r.source == attacked and attacked not in twice:
            found.append((r.span, f"claim '{r.source}' {what}"))
    return found


def _dangling_as_before(amap: ArgumentMap) -> list[tuple[SourceSpan | None, str]]:
    ids = {c.id for c in amap.claims}
    if amap.resolved:
        ids |= {e for r in amap.relations for e in (r.source, r.target) if parse_reference(e)}
    found = [(r.span, r.source) for r in amap.relations if r.source not in ids]
    found += [
        (r.target_span or r.span, r.target)
        for r in amap.relations
        if r.type is not RelationType.UNDERCUT and r.target not in ids
    ]
    found += [(e.span, e.claim) for e in amap.expect if e.claim not in ids]
    return sorted(found, key=str)


@given(_graphs)
def test_loops_and_dangling_ends_are_found_as_one_at_a_time(amap: ArgumentMap) -> None:
    context = CheckContext()
    assert [(d.span, d.message) for d in self_support(amap, context)] == _self_support_as_before(amap)
    assert [(d.span, d.message) for d in self_attack(amap, context)] == _self_attack_as_before(amap)
    dangling = sorted(((d.span, d.message.split("'")[1]) for d in dangling_refs(amap, context)), key=str)
    assert dangling == [(span or SourceSpan(amap.file, 1, 1), end) for span, end in _dangling_as_before(amap)]


def test_an_undercut_of_its_own_inference_is_still_found() -> None:
    support = Relation("support:a:b", "a", "b", RelationType.SUPPORT, span=SourceSpan("m.yaml", 3, 5))
    undercut = Relation("u", "a", "support:a:b", RelationType.UNDERCUT, span=SourceSpan("m.yaml", 4, 5))
    amap = ArgumentMap(claims=(Claim("a", "A."), Claim("b", "B.")), relations=(support, undercut))
    found = [(d.span, d.message) for d in self_attack(amap, CheckContext())]
    assert found == [(undercut.span, "claim 'a' undercuts its own inference")] == _self_attack_as_before(amap)
