"""Argument schemes in other formats (AIF both ways over the corpus,
SADFace, every writer carries them or reports them lost), in diff, in show
and render, and through random round trips. The catalogue, the command, the
keys, the checks, prep and drill: tests/test_schemes.py."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from formats_support import corpus_names
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_roundtrip import argument_maps
from test_schemes import BRIDGE, bridge

from argmap.analysis.diff import diff_maps
from argmap.checks.gate import check_loaded
from argmap.formats import aif, registry, sadface
from argmap.formats.native import graph, tree
from argmap.formats.native.read import load_yaml_text
from argmap.model import ArgumentMap, CriticalQuestion, RelationType, Scheme
from argmap.render import RenderOptions, renderer
from argmap.render.tree import build_tree, tree_text
from argmap.schemes import builtin_schemes

# -- formats ------------------------------------------------------------------------


def test_aif_writes_scheme_names_and_reads_them_back() -> None:
    amap = bridge()
    written = aif.write(amap)
    ra = [n for n in json.loads(written.text)["nodes"] if n["type"] == "RA"]
    assert [(n["text"], n["scheme"]) for n in ra] == [
        ("Argument From Expert Opinion", "Argument From Expert Opinion"),
        ("Argument From Cause To Effect", "Argument From Cause To Effect"),
        ("Argument from authority", "Argument from authority"),
    ]
    back = aif.read(written.text, "b.json").map
    assert [(r.id, r.scheme) for r in back.relations if r.scheme] == [
        (r.id, r.scheme) for r in amap.relations if r.scheme
    ]
    assert [(s.id, s.name) for s in back.schemes.values()] == [("authority", "Argument from authority")]
    assert [
        str(loss) for loss in written.losses if loss.kind in ("question", "question-mark", "own-scheme")
    ] == [
        "2 question: AIF has no place for the critical questions counterclaims and undercuts raise",
        "6 question-mark: AIF has no place for critical questions marked answered or conceded",
        "1 own-scheme: AIF names a scheme only: the map's own schemes' premises and questions not written",
    ]


@pytest.mark.parametrize("name", corpus_names("aif", "*.json"))
def test_aif_corpus_schemes_are_catalogue_ids_and_round_trip(corpora: Path, name: str) -> None:
    path = corpora / "aif" / name
    amap = aif.read(path.read_text(encoding="utf-8"), str(path)).map
    assert amap.schemes == {}  # every RA scheme name of the corpus is in the catalogue
    known = {s.id for s in builtin_schemes()}
    assert {r.scheme for r in amap.relations if r.scheme} <= known
    again = aif.read(aif.write(amap).text, "again.json").map
    assert _supports(again) == _supports(amap)


def _supports(amap: ArgumentMap) -> list[tuple[str, str, str | None]]:
    return [(r.source, r.target, r.scheme) for r in amap.relations if r.type is RelationType.SUPPORT]


def test_aif_names_the_catalogue_lacks_become_the_maps_own_schemes() -> None:
    text = json.dumps(
        {
            "nodes": [
                {"nodeID": "1", "text": "C.", "type": "I"},
                {"nodeID": "2", "text": "P.", "type": "I"},
                {"nodeID": "3", "text": "Argument From Tradition", "type": "RA"},
            ],
            "edges": [
                {"edgeID": "1", "fromID": "2", "toID": "3"},
                {"edgeID": "2", "fromID": "3", "toID": "1"},
            ],
        }
    )
    result = aif.read(text, "t.json")
    assert result.diagnostics == []
    assert [r.scheme for r in result.map.relations] == ["tradition"]
    assert result.map.schemes["tradition"].name == "Argument From Tradition"
    assert check_loaded(load_yaml_text(tree.dumps(result.map), "t.yaml")).diagnostics == []


def test_sadface_carries_everything_schemes_say() -> None:
    amap = bridge()
    written = sadface.write(amap)
    assert written.losses == ()
    back = sadface.read(written.text, "b.json").map
    assert graph.dumps(back) == graph.dumps(amap)


# What a map says of schemes, by the loss kind a writer reports when it
# cannot carry it: a view of the map that changes when that part is lost.
SCHEME_PARTS: dict[str, Callable[[ArgumentMap], object]] = {
    "scheme": lambda m: sorted((r.source, r.target, r.scheme) for r in m.relations if r.scheme),
    "question": lambda m: sorted((r.source, r.question) for r in m.relations if r.question),
    "question-mark": lambda m: sorted((r.source, r.answered, r.conceded) for r in m.relations if r.scheme),
    "own-scheme": lambda m: sorted(
        (s.id, s.name, s.premises, [(q.id, q.text) for q in s.questions]) for s in m.schemes.values()
    ),
}


@pytest.mark.parametrize("kind", SCHEME_PARTS)
@pytest.mark.parametrize("fmt", [f for f in registry.FORMATS if f.writes], ids=lambda f: f.name)
def test_each_writer_carries_what_schemes_say_or_reports_it(fmt: registry.Format, kind: str) -> None:
    amap = bridge()
    written = fmt.write(amap)
    lost = {loss.kind: loss.times for loss in written.losses}
    if kind in lost:
        counts = {"scheme": 3, "question": 2, "question-mark": 6, "own-scheme": 1}
        assert lost[kind] == counts[kind]
        return
    if not fmt.reads:  # a write-only format (GraphML): each value is in the text, as data
        values = {
            "scheme": ["expert-opinion", "cause-to-effect", "authority"],
            "question": ['<data key="question">CQ4</data>', '<data key="question">CQ3</data>'],
            "question-mark": ["[&quot;CQ1&quot;, &quot;CQ2&quot;, &quot;CQ3&quot;]", "[&quot;CQ5&quot;]"],
            "own-scheme": ["Is A an authority on this?"],
        }[kind]
        assert [v for v in values if v not in written.text] == [], f"{fmt.name} lost {kind} silently"
        return
    back = fmt.read(written.text, f"m{fmt.suffixes[-1]}").map
    # Other formats may give claims other ids: compare by the claims' texts.
    view = SCHEME_PARTS[kind]
    assert _by_text(view(back), back) == _by_text(view(amap), amap), f"{fmt.name} lost {kind} silently"


def _by_text(value: object, amap: ArgumentMap) -> object:
    """The view with each claim id replaced by the claim's text."""
    texts = {c.id: c.text for c in amap.claims}
    if isinstance(value, str):
        return texts.get(value, value)
    if isinstance(value, (list, tuple)):
        return sorted((_by_text(v, amap) for v in value), key=repr)
    return value


# -- diff, show, render ---------------------------------------------------------------


def test_diff_reports_a_scheme_change_as_one_change() -> None:
    old = bridge()
    text = BRIDGE.read_text(encoding="utf-8").replace("scheme: authority", "scheme: popular-opinion")
    new = load_yaml_text(text.replace("        answered: [CQ1, CQ2]\n", ""), "new.yaml").map
    changes = [c.to_json() for c in diff_maps(old, new).changes]
    assert changes == [
        {
            "kind": "scheme-changed",
            "id": "support:p2:c",
            "old": {"scheme": "cause-to-effect", "answered": ["CQ1", "CQ2"]},
            "new": {"scheme": "cause-to-effect"},
        },
        {
            "kind": "scheme-changed",
            "id": "support:p3:c",
            "old": {"scheme": "cause-to-effect", "answered": ["CQ1", "CQ2"]},
            "new": {"scheme": "cause-to-effect"},
        },
        {
            "kind": "scheme-changed",
            "id": "support:p4:d",
            "old": {"scheme": "authority"},
            "new": {"scheme": "popular-opinion"},
        },
    ]


def test_show_and_render_mark_schemes_and_questions(golden: Callable[[str, str], None]) -> None:
    amap = bridge()
    golden("show-schemes-bridge.txt", tree_text(build_tree(amap, RenderOptions())))
    golden("schemes-bridge.dot", renderer("dot").render(amap, RenderOptions(legend=False)))


# -- round trips of random maps that name schemes ------------------------------


@st.composite
def maps_with_schemes(draw: st.DrawFn) -> ArgumentMap:
    """A random map (test_roundtrip's) whose supports name schemes and mark
    questions (a linked group's relations alike), and whose attacks and
    undercuts raise questions."""
    amap = draw(argument_maps())
    ids = st.sampled_from(["CQ1", "CQ2", "CQ3", "AQ1"])
    said: dict[tuple[str, str], dict[str, object]] = {}
    relations = []
    for relation in amap.relations:
        if relation.type is RelationType.SUPPORT:
            key = (relation.target, relation.group or "\0" + relation.id)
            if key not in said:
                said[key] = {
                    "scheme": draw(st.none() | st.sampled_from(["sign", "analogy", "mine"])),
                    "answered": tuple(draw(st.lists(ids, max_size=2, unique=True))),
                    "conceded": tuple(draw(st.lists(ids, max_size=1))),
                }
            fields = said[key]
            if fields["scheme"] is None:
                fields = {}
        else:
            question = draw(st.none() | ids)
            fields = {"question": question} if question else {}
        relations.append(relation._replace(**fields))  # type: ignore[arg-type]
    own = {"mine": Scheme("mine", "Mine", ("P.",), "C.", (CriticalQuestion("AQ1", "Is it?"),))}
    return dataclasses.replace(amap, relations=tuple(relations), schemes=own if draw(st.booleans()) else {})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps_with_schemes())
def test_what_schemes_say_survives_the_tree_form_and_sadface(amap: ArgumentMap) -> None:
    json0 = graph.dumps(amap)
    first = load_yaml_text(tree.dumps(amap), "a.yaml")
    assert [d for d in first.diagnostics if d.check_id == "scheme-misplaced"] == []
    assert graph.dumps(first.map) == json0
    back = sadface.read(sadface.write(first.map).text, "s.json").map
    assert graph.dumps(back) == json0
