"""AIF JSON: the AraucariaDB corpus, a hand-made graph with every node type,
bad input, and the round trip YAML -> AIF -> YAML."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from formats_support import (
    as_yaml_and_back,
    corpus_names,
    edges,
    first_of_groups,
    linked_groups,
    messages,
    round_trip,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_roundtrip import TEXT, argument_maps

from argmap.checks.gate import check_loaded
from argmap.errors import InputError
from argmap.formats import aif
from argmap.formats.native import graph
from argmap.formats.native.read import load_yaml_text
from argmap.model import ArgumentMap, RelationType


@pytest.mark.parametrize("name", corpus_names("aif", "*.json"))
def test_corpus_file_converts_to_yaml_that_validates(corpora: Path, name: str) -> None:
    path = corpora / "aif" / name
    text = path.read_text(encoding="utf-8")
    result = aif.read(text, str(path))
    checked = as_yaml_and_back(result, path.with_suffix(".yaml"))
    assert checked.errors == []
    # Against the file itself: one claim per I-node, one support per
    # premise of each RA-node (a premise in two linked arguments for the
    # same conclusion is reported), one attack or undercut per CA edge.
    raw = json.loads(text)
    kinds = {n["nodeID"]: n["type"] for n in raw["nodes"]}
    into: dict[str, list[str]] = {}
    out_of: dict[str, list[str]] = {}
    for e in raw["edges"]:
        into.setdefault(e["toID"], []).append(e["fromID"])
        out_of.setdefault(e["fromID"], []).append(e["toID"])
    supports = {
        (p, c)
        for ra, kind in kinds.items()
        if kind == "RA"
        for p in into.get(ra, [])
        if kinds[p] == "I"
        for c in out_of.get(ra, [])
    }
    conflicts = sum(
        len([a for a in into.get(ca, []) if kinds[a] == "I"]) * len(out_of.get(ca, []))
        for ca, kind in kinds.items()
        if kind == "CA"
    )
    amap = result.map
    assert [c.id for c in amap.claims] == [i for i, k in kinds.items() if k == "I"]
    assert {(r.source, r.target) for r in amap.iter_relations(RelationType.SUPPORT)} == supports
    attacks = [r for r in amap.relations if r.type is not RelationType.SUPPORT]
    assert len(attacks) == conflicts


def test_corpus_warnings_name_what_was_not_kept(corpora: Path) -> None:
    """Across the corpus, every warning is one of the kinds the docs list."""
    kinds: Counter[str] = Counter()
    for name in corpus_names("aif", "*.json"):
        path = corpora / "aif" / name
        for d in aif.read(path.read_text(encoding="utf-8"), str(path)).diagnostics:
            kinds[
                d.message.split(": ")[0] if "supports" not in d.message else "premise in two arguments"
            ] += 1
    assert set(kinds) <= {
        "node fields not kept",
        "locution and illocution nodes kept only as speakers (`by`)",
        "premise in two arguments",
    }
    assert kinds["node fields not kept"] == len(corpus_names("aif", "*.json"))


EVERY_KIND = {
    "nodes": [
        {"nodeID": 1, "text": "We should act now.", "type": "I"},
        {"nodeID": 2, "text": "The flood is coming.", "type": "I"},
        {"nodeID": 3, "text": "The river is rising.", "type": "I"},
        {"nodeID": 4, "text": "The gauge is broken.", "type": "I"},
        {"nodeID": 5, "text": "Acting costs too much.", "type": "I"},
        {"nodeID": 6, "text": "We must act immediately.", "type": "I"},
        {"nodeID": 7, "text": "Safety beats thrift.", "type": "I"},
        {"nodeID": 8, "text": "The gauge was fixed.", "type": "I"},
        {"nodeID": 10, "text": "Default Inference", "type": "RA", "scheme": "CauseToEffect"},
        {"nodeID": 11, "text": "Default Conflict", "type": "CA"},
        {"nodeID": 12, "text": "Default Conflict", "type": "CA"},
        {"nodeID": 13, "text": "Default Rephrase", "type": "MA"},
        {"nodeID": 14, "text": "Default Preference", "type": "PA"},
        {"nodeID": 15, "text": "Default Conflict", "type": "CA"},
        {"nodeID": 20, "text": "Ann: We should act now.", "type": "L"},
        {"nodeID": 21, "text": "Asserting", "type": "YA"},
        {"nodeID": 22, "text": "Bob says 'The gauge is broken.'", "type": "L"},
        {"nodeID": 23, "text": "Asserting", "type": "YA"},
        {"nodeID": 24, "text": "Default Transition", "type": "TA"},
        {"nodeID": 30, "text": "?", "type": "XX"},
    ],
    "edges": [
        {"edgeID": 1, "fromID": 2, "toID": 10},
        {"edgeID": 2, "fromID": 3, "toID": 10},
        {"edgeID": 3, "fromID": 10, "toID": 1},
        {"edgeID": 4, "fromID": 4, "toID": 11},
        {"edgeID": 5, "fromID": 11, "toID": 10},
        {"edgeID": 6, "fromID": 5, "toID": 12},
        {"edgeID": 7, "fromID": 12, "toID": 1},
        {"edgeID": 8, "fromID": 1, "toID": 13},
        {"edgeID": 9, "fromID": 13, "toID": 6},
        {"edgeID": 10, "fromID": 7, "toID": 14},
        {"edgeID": 11, "fromID": 14, "toID": 5},
        {"edgeID": 12, "fromID": 8, "toID": 15},
        {"edgeID": 13, "fromID": 15, "toID": 11},
        {"edgeID": 14, "fromID": 20, "toID": 21},
        {"edgeID": 15, "fromID": 21, "toID": 1},
        {"edgeID": 16, "fromID": 22, "toID": 23},
        {"edgeID": 17, "fromID": 23, "toID": 4},
        {"edgeID": 18, "fromID": 20, "toID": 24},
        {"edgeID": 19, "fromID": 24, "toID": 22},
        {"edgeID": 20, "fromID": 2, "toID": 99},
    ],
    "locutions": [],
}


def test_every_node_type_maps_or_is_reported() -> None:
    result = aif.read(json.dumps(EVERY_KIND, indent=1), "g.json")
    amap = result.map
    assert graph.to_graph(amap)["relations"] == [
        {
            "id": "support:2:1",
            "from": "2",
            "to": "1",
            "type": "support",
            "group": "2+3",
            "scheme": "cause-to-effect",
        },
        {
            "id": "support:3:1",
            "from": "3",
            "to": "1",
            "type": "support",
            "group": "2+3",
            "scheme": "cause-to-effect",
        },
        {"id": "undercut:4:support:2:1", "from": "4", "to": "support:2:1", "type": "undercut"},
        {"id": "attack:5:1", "from": "5", "to": "1", "type": "attack"},
        {
            "id": "undercut:8:undercut:4:support:2:1",
            "from": "8",
            "to": "undercut:4:support:2:1",
            "type": "undercut",
        },
    ]
    claims = amap.claim_index()
    assert (claims["2"].tags, claims["3"].tags) == ((), ())
    assert (claims["1"].by, claims["4"].by) == ("Ann", "Bob")
    assert {s.id: s.name for s in amap.sides.values()} == {"Ann": None, "Bob": None}
    assert claims["6"].note == "rephrases '1' (AIF MA)"
    assert claims["7"].note == "preferred to '5' (AIF PA)"
    assert messages(result.diagnostics) == [
        "g.json:1:1: warning: locution and illocution nodes kept only as speakers (`by`): "
        "2 × L, 2 × YA, 1 × TA (format-loss)",
        "g.json:1:1: warning: rephrase and preference nodes kept as claim notes: 1 × MA, 1 × PA (format-loss)",
        "g.json:100:4: warning: nodes of unknown type not read: 1 × XX (format-loss)",
        "g.json:202:4: warning: edge 20 joins node 99, which is not defined; skipped (format-loss)",
    ]
    assert check_loaded(result).errors == []


def test_participants_name_the_speakers() -> None:
    document = {
        "AIF": {
            "nodes": [
                {"nodeID": "1", "text": "Taxes are too high.", "type": "I"},
                {"nodeID": "2", "text": "whatever the L text says", "type": "L"},
                {"nodeID": "3", "text": "Asserting", "type": "YA"},
            ],
            "edges": [
                {"edgeID": "1", "fromID": "2", "toID": "3"},
                {"edgeID": "2", "fromID": "3", "toID": "1"},
            ],
            "locutions": [{"nodeID": "2", "personID": "7"}],
            "participants": [{"participantID": "7", "firstname": "Ada", "surname": "Byron"}],
        },
        "OVA": {"nodes": []},
        "text": "<p>...</p>",
    }
    result = aif.read(json.dumps(document), "ova.json")
    assert result.map.claims[0].by == "7"
    assert dict(result.map.sides)["7"].name == "Ada Byron"
    assert "ova.json:1:1: warning: top-level keys not read: 1 × OVA, 1 × text (format-loss)" in messages(
        result.diagnostics
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"nodes": [}', "x.json:1:12: error: JSON syntax: Expecting value"),
        ("[1, 2]", "x.json: an AIF file is a JSON object with 'nodes' and 'edges', not a list"),
        ('{"nodes": []}', "x.json: no 'edges' list at the top level: not an AIF file"),
        ('{"nodes": {}, "edges": []}', "x.json: 'nodes' is an object, not a list"),
        ("", "x.json: empty file, no AIF graph in it"),
    ],
)
def test_bad_input_is_one_clear_error(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        aif.read(text, "x.json")
    assert str(caught.value) == message


def test_bad_nodes_and_edges_are_warnings_at_their_line() -> None:
    text = '{"nodes": [\n  {"text": "no id", "type": "I"},\n  {"nodeID": "a", "text": "A."},\n  3\n],\n "edges": [{"edgeID": "e1", "fromID": "a"}]}'
    result = aif.read(text, "x.json")
    assert messages(result.diagnostics) == [
        "x.json:1:1: warning: node 1 has no 'nodeID' (a string or number); skipped (format-loss)",
        "x.json:1:1: warning: node 3 is a number, not an object; skipped (format-loss)",
        "x.json:3:4: warning: node a has no 'type' (I, RA, CA, ...); skipped (format-loss)",
        "x.json:6:13: warning: edge e1 lacks 'fromID' or 'toID'; skipped (format-loss)",
    ]


AIF_KEYS = st.sampled_from(
    (
        *(
            "nodes",
            "edges",
            "nodeID",
            "text",
            "type",
            "edgeID",
            "fromID",
            "toID",
            "locutions",
            "participants",
        ),
        *("personID", "participantID", "firstname", "AIF", "I", "RA", "CA", "MA", "PA", "L", "YA", "1", "2"),
    )
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | AIF_KEYS | TEXT,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(AIF_KEYS | TEXT, children, max_size=5),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(JSON_VALUES.map(json.dumps), st.text(max_size=200)))
def test_any_text_gives_a_map_or_an_input_error(text: str) -> None:
    try:
        result = aif.read(text, "r.json")
    except InputError:
        return
    check_loaded(result, read_sources=False)
    aif.sniff(text)


def _aif_view(amap: ArgumentMap) -> dict[str, Any]:
    """What AIF holds of a map: claims (id, text, speaker), the sides that
    speak (name), relations by what they join, linked groups."""
    used = {c.by for c in amap.claims if c.by is not None}
    return {
        "claims": [(c.id, c.text, c.by) for c in amap.claims],
        "sides": {
            s.id: (s.name.strip() if s.name and s.name.strip() != s.id else None)
            for s in amap.sides.values()
            if s.id in used
        },
        "edges": edges(amap, first_of_groups(amap)),
        "groups": linked_groups(amap),
    }


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_yaml_to_aif_to_yaml_keeps_what_aif_holds(generated: ArgumentMap) -> None:
    original, _, _, again = round_trip(aif, generated, "a.json")
    assert _aif_view(again) == _aif_view(original)


def test_writer_reports_each_kind_of_loss_with_counts() -> None:
    amap = load_yaml_text(
        """
title: T
sources: {s: {title: S}}
sides: {a: {name: A, colour: red}, b: {}}
claims:
  - id: c
    text: C.
    by: a
    tags: [x, y]
    weight: 0.5
    note: N.
    source: {ref: s, quote: q}
    premises:
      - linked: [{id: p, text: P.}, {id: q, text: Q.}]
        id: my-group
relations:
  - {id: mine, from: q, to: c, type: attack}
expect: {grounded: {in: [c]}}
""",
        "m.yaml",
    ).map
    assert [str(loss) for loss in aif.write(amap).losses] == [
        "1 title: AIF has no map title; not written",
        "1 source: sources and quotes have no place in AIF; not written",
        "1 citation: AIF has no place for claims' source references (ref, quote, loc)",
        "2 tag: AIF has no place for claims' tags",
        "1 weight: AIF has no place for claims' weights",
        "1 note: AIF has no place for claims' notes",
        "1 side: sides that no claim speaks for have no locution; not written",
        "1 colour: side colours not written",
        "1 expect: expected outcomes not written",
        "1 relation-id: relation ids of your own become AIF's defaults",
        "1 group-name: linked groups are RA-nodes; their names become the premises' ids joined by '+'",
    ]


def test_a_long_chain_of_undercuts_reads_without_recursion() -> None:
    """Each CA undercuts the next one's conflict, 5000 deep, listed last-first."""
    depth = 5000
    nodes = [{"nodeID": "p", "text": "P.", "type": "I"}, {"nodeID": "c", "text": "C.", "type": "I"}]
    nodes += [{"nodeID": "ra", "text": "RA", "type": "RA"}]
    edges = [{"edgeID": "e1", "fromID": "p", "toID": "ra"}, {"edgeID": "e2", "fromID": "ra", "toID": "c"}]
    for i in reversed(range(depth)):
        nodes += [
            {"nodeID": f"u{i}", "text": f"U{i}.", "type": "I"},
            {"nodeID": f"ca{i}", "text": "CA", "type": "CA"},
        ]
        target = "ra" if i == 0 else f"ca{i - 1}"
        edges += [{"fromID": f"u{i}", "toID": f"ca{i}"}, {"fromID": f"ca{i}", "toID": target}]
    result = aif.read(json.dumps({"nodes": nodes, "edges": edges}), "deep.json")
    assert result.diagnostics == []
    assert len(list(result.map.iter_relations(RelationType.UNDERCUT))) == depth


def test_node_ids_that_are_no_argmap_ids_are_made_into_ids() -> None:
    nodes = [
        {"nodeID": fid, "text": f"T{i}.", "type": "I"} for i, fid in enumerate(["a b", ":x", "a-b", 7, "é.1"])
    ]
    result = aif.read(json.dumps({"nodes": nodes, "edges": []}), "ids.json")
    assert [c.id for c in result.map.claims] == [
        "a-b-2",
        "x",
        "a-b",
        "7",
        "é.1",
    ]  # the valid id keeps its name
    assert aif.read(json.dumps({"nodes": nodes, "edges": []}), "ids.json") == result  # deterministic
