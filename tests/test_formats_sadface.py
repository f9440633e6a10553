"""SADFace: two fixture documents of our own in the documented shapes, the
writer's output against SADFace's own rules, and the exact round trip
YAML -> SADFace -> YAML."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from formats_support import messages, round_trip
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_roundtrip import TEXT, argument_maps

from argmap.checks.gate import check_loaded
from argmap.errors import InputError
from argmap.formats import aif, sadface
from argmap.formats.native import graph
from argmap.formats.native.read import load_yaml_text
from argmap.model import ArgumentMap, RelationType

DATA = Path(__file__).parent / "data" / "formats"


def test_scheme_nodes_as_in_the_readme_example() -> None:
    path = DATA / "sadface-schemes.json"
    result = sadface.read(path.read_text(encoding="utf-8"), str(path))
    shape = graph.to_graph(result.map)
    assert shape["title"] == "Four-day week"
    assert shape["description"].endswith("\n\nTwo premises share one scheme (a linked argument); "
                                         "one conflict attacks the thesis, one the inference.")  # fmt: skip
    assert shape["sources"] == {"aa00bb11": {}}
    assert shape["nodes"][0] == {
        "id": "4a9d2b0c",
        "text": "Firms should move to a four-day week.",
        "source": {"ref": "aa00bb11", "quote": "a four-day week", "loc": "offset 12"},
    }
    assert [n["id"] for n in shape["nodes"]] == ["4a9d2b0c", "5b0e3c1a", "6c1f4d2b", "7d2a5e3c", "8e3b6f4d"]
    assert shape["relations"] == [
        {"id": "support:5b0e3c1a:4a9d2b0c", "from": "5b0e3c1a", "to": "4a9d2b0c", "type": "support",
         "group": "5b0e3c1a+6c1f4d2b"},
        {"id": "support:6c1f4d2b:4a9d2b0c", "from": "6c1f4d2b", "to": "4a9d2b0c", "type": "support",
         "group": "5b0e3c1a+6c1f4d2b"},
        {"id": "attack:7d2a5e3c:4a9d2b0c", "from": "7d2a5e3c", "to": "4a9d2b0c", "type": "attack"},
        {"id": "undercut:8e3b6f4d:support:5b0e3c1a:4a9d2b0c", "from": "8e3b6f4d",
         "to": "support:5b0e3c1a:4a9d2b0c", "type": "undercut"},
    ]  # fmt: skip
    assert messages(result.diagnostics) == [
        f"{path}:1:1: warning: core metadata not kept: 1 × analyst_email, 1 × analyst_name (format-loss)",
        f"{path}:1:1: warning: node metadata not kept: 1 × org.example.review (format-loss)",
        f"{path}:1:1: warning: the document's notes are kept at the end of the description (format-loss)",
        f"{path}:35:10: warning: resource contents not kept (argmap sources point at files): "
        "1 × resource (format-loss)",
    ]
    assert check_loaded(result).errors == []


def test_inference_and_conflict_nodes_as_the_library_writes_them() -> None:
    path = DATA / "sadface-inference.json"
    result = sadface.read(path.read_text(encoding="utf-8"), str(path))
    short = {c.id: c.text for c in result.map.claims}
    assert len(short) == 5  # the ids share their first eight characters, so they stay whole
    joined = {(r.type.value, short[r.source], short[r.target]) for r in result.map.relations}
    assert joined == {
        ("support", "The engineer's report says so.", "The bridge needs repair."),
        ("attack", "Repairs can wait a year.", "Repairs cannot wait."),  # a disagreement: both ways
        ("attack", "Repairs cannot wait.", "Repairs can wait a year."),
        ("attack", "The report is ten years old.", "The engineer's report says so."),
    }
    assert messages(result.diagnostics) == [
        f"{path}:1:1: warning: core metadata not kept: 1 × analyst_email, 1 × analyst_name, 1 × claim (format-loss)",
    ]
    # The inference's scheme name is the catalogue's expert-opinion.
    assert [r.scheme for r in result.map.relations if r.type.value == "support"] == ["expert-opinion"]


def test_sniff_tells_sadface_from_aif_and_the_graph_form() -> None:
    sadface_text = (DATA / "sadface-schemes.json").read_text(encoding="utf-8")
    aif_text = json.dumps({"nodes": [{"nodeID": "1", "text": "A.", "type": "I"}], "edges": []})
    graph_text = graph.dumps(load_yaml_text("claims: [{id: a, text: A.}]", "m.yaml").map)
    assert [sadface.sniff(t) for t in (sadface_text, aif_text, graph_text, "{", "[]")] == [
        True, False, False, False, False,
    ]  # fmt: skip
    assert [aif.sniff(t) for t in (sadface_text, aif_text, graph_text)] == [False, True, False]
    empty_sadface = json.dumps({"edges": [], "metadata": {"core": {"id": "x"}}, "nodes": [], "resources": []})
    empty_aif = json.dumps({"nodes": [], "edges": [], "locutions": []})
    assert (sadface.sniff(empty_sadface), aif.sniff(empty_sadface)) == (True, False)
    assert (sadface.sniff(empty_aif), aif.sniff(empty_aif)) == (False, True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"nodes": [], "edges": [1,]}', "s.json:1:27: error: JSON syntax: Expecting value"),
        ('"text"', "s.json: a SADFace document is a JSON object with 'nodes' and 'edges', not a string"),
        ('{"edges": []}', "s.json: no 'nodes' list at the top level: not a SADFace document"),
        ('{"nodes": [], "edges": null}', "s.json: 'edges' is null, not a list"),
    ],
)
def test_bad_input_is_one_clear_error(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        sadface.read(text, "s.json")
    assert str(caught.value) == message


def test_bad_nodes_and_edges_are_warnings_at_their_line() -> None:
    text = (
        '{"nodes": [\n {"id": "a1", "type": "atom", "text": "A."},\n {"id": "x", "type": "claim"},\n 7\n],\n'
        ' "edges": [\n {"id": "e1", "source_id": "a1", "target_id": "zz"},\n {"id": "e2", "source_id": "a1"}\n]}'
    )
    assert messages(sadface.read(text, "s.json").diagnostics) == [
        "s.json:1:1: warning: node 3 is a number, not an object; skipped (format-loss)",
        "s.json:3:3: warning: node x has type 'claim', not atom, scheme, inference or conflict; skipped (format-loss)",
        "s.json:7:3: warning: edge e1 joins node zz, which is not defined; skipped (format-loss)",
        "s.json:8:3: warning: edge e2 lacks 'source_id' or 'target_id'; skipped (format-loss)",
    ]


SADFACE_KEYS = st.sampled_from(
    (
        *(
            "nodes",
            "edges",
            "id",
            "type",
            "text",
            "name",
            "atom",
            "scheme",
            "inference",
            "conflict",
            "source_id",
        ),
        *(
            "target_id",
            "metadata",
            "core",
            "argmap",
            "resources",
            "sources",
            "resource_id",
            "sides",
            "expect",
        ),
        *("group", "ids", "target", "by", "tags", "weight", "a", "b", "support", "attack", "disagreement"),
    )
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False) | SADFACE_KEYS | TEXT,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(SADFACE_KEYS | TEXT, children, max_size=6)
    ),
    max_leaves=50,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(JSON_VALUES.map(json.dumps), st.text(max_size=200)))
def test_any_text_gives_a_map_or_an_input_error(text: str) -> None:
    sadface.sniff(text)
    try:
        result = sadface.read(text, "r.json")
    except InputError:
        return
    check_loaded(result, read_sources=False)


def _sadface_problems(document: dict[str, Any]) -> list[str]:
    """The rules of SADFace's own validator (tools/python/sadface/validation.py):
    UUIDs for ids, the core metadata keys as strings, edges with exactly
    id/source_id/target_id, nodes typed atom (with text and sources) or
    scheme (with a name), resources a list."""
    problems = []
    core = document["metadata"]["core"]
    for key in ("analyst_email", "analyst_name", "created", "edited", "id", "version"):
        if not isinstance(core.get(key), str):
            problems.append(f"core {key}")
    for edge in document["edges"]:
        if set(edge) != {"id", "source_id", "target_id"}:
            problems.append(f"edge keys {sorted(edge)}")
        for key in ("id", "source_id", "target_id"):
            uuid.UUID(edge[key], version=4)
    for node in document["nodes"]:
        uuid.UUID(node["id"], version=4)
        if node["type"] == "atom" and not (
            isinstance(node["text"], str) and isinstance(node["sources"], list)
        ):
            problems.append(f"atom {node['id']}")
        elif node["type"] == "scheme" and not isinstance(node["name"], str):
            problems.append(f"scheme {node['id']}")
        elif node["type"] not in ("atom", "scheme"):
            problems.append(f"type {node['type']}")
    if not isinstance(document["resources"], list):
        problems.append("resources")
    return problems


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_yaml_to_sadface_to_yaml_keeps_everything(generated: ArgumentMap) -> None:
    original, written, back, again = round_trip(sadface, generated, "a.json")
    assert written.losses == ()
    assert not aif.sniff(written.text)
    assert _sadface_problems(json.loads(written.text)) == []
    assert back.diagnostics == []
    assert graph.dumps(again) == graph.dumps(original)


def test_a_long_chain_of_undercuts_reads_without_recursion() -> None:
    depth = 3000
    atom = {"type": "atom", "sources": [], "metadata": {}}
    nodes = [{**atom, "id": "p", "text": "P."}, {**atom, "id": "c", "text": "C."}]
    nodes += [{"id": "s", "type": "scheme", "name": "support", "metadata": {}}]
    edges = [
        {"id": "e1", "source_id": "p", "target_id": "s"},
        {"id": "e2", "source_id": "s", "target_id": "c"},
    ]
    for i in reversed(range(depth)):
        nodes += [
            {**atom, "id": f"u{i}", "text": f"U{i}."},
            {"id": f"x{i}", "type": "conflict", "name": "attack"},
        ]
        target = "s" if i == 0 else f"x{i - 1}"
        edges += [{"id": f"a{i}", "source_id": f"u{i}", "target_id": f"x{i}"}]
        edges += [{"id": f"b{i}", "source_id": f"x{i}", "target_id": target}]
    result = sadface.read(json.dumps({"nodes": nodes, "edges": edges}), "deep.json")
    assert result.diagnostics == []
    assert len(list(result.map.iter_relations(RelationType.UNDERCUT))) == depth


def test_a_conflict_with_an_edge_to_itself_is_skipped_with_a_warning() -> None:
    atom = {"type": "atom", "metadata": {}}
    nodes = [{**atom, "id": "u", "text": "U."}, {**atom, "id": "c", "text": "C."}]
    nodes += [{"id": "x", "type": "conflict", "name": "attack"}]
    edges = [("u", "x"), ("x", "c"), ("x", "x")]
    document = {
        "nodes": nodes,
        "edges": [{"id": f"e{i}", "source_id": a, "target_id": b} for i, (a, b) in enumerate(edges)],
    }
    result = sadface.read(json.dumps(document), "self.json")
    assert [(r.type, r.source, r.target) for r in result.map.relations] == [(RelationType.ATTACK, "u", "c")]
    assert [d.message for d in result.diagnostics] == ["conflict x undercuts itself; skipped"]
