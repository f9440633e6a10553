"""Property tests: the graph form survives YAML -> JSON -> YAML -> JSON, and no
input makes the loader raise anything but argmap's own errors."""

from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.checks.gate import check_loaded
from argmap.errors import InputError
from argmap.formats.base import canonical_relation_order
from argmap.formats.native import graph, tree
from argmap.formats.native.read import load_json_text, load_yaml_text
from argmap.io.files import decode_utf8
from argmap.model import (
    DUNG_SEMANTICS,
    ArgumentMap,
    Claim,
    Expectation,
    Label,
    Relation,
    RelationType,
    Side,
    Source,
    SourceRef,
    default_relation_id,
)

TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\ufeff")
    | st.sampled_from(" \n\t[]{}:#&*!|>'\"%@`-,?"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")
SLUG = st.from_regex(r"[a-z][a-z0-9_.-]{0,6}", fullmatch=True)


@st.composite
def argument_maps(draw: st.DrawFn) -> ArgumentMap:
    ids = draw(st.lists(SLUG, min_size=1, max_size=12, unique=True))
    sides = draw(st.lists(SLUG, max_size=3, unique=True))
    sources = draw(st.lists(SLUG, max_size=2, unique=True))
    claims = []
    for claim_id in ids:
        cited: list[SourceRef] = []
        wants_side: bool = draw(st.booleans())
        if sources:
            for _ in range(draw(st.integers(0, 3))):
                cited.append(
                    SourceRef(
                        ref=draw(st.sampled_from(sources)),
                        quote=draw(st.none() | TEXT),
                        loc=draw(st.none() | TEXT),
                    )
                )
        claims.append(
            Claim(
                id=claim_id,
                text=draw(TEXT),
                by=draw(st.sampled_from(sides)) if sides and wants_side else None,
                source=cited[0] if cited else None,
                more_sources=tuple(cited[1:]),
                tags=tuple(draw(st.lists(TEXT, max_size=2))),
                weight=draw(st.none() | st.floats(0, 1)),
                note=draw(st.none() | TEXT),
                label=draw(st.none() | TEXT),
                step=draw(st.none() | st.integers(1, 10**6)),
                implicit=draw(st.none() | st.just(True)),
            )
        )
    relations: dict[tuple[str, str, RelationType], Relation] = {}
    for _ in range(draw(st.integers(0, 2 * len(ids)))):
        source_id, target_id = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        type_ = draw(st.sampled_from([RelationType.SUPPORT, RelationType.ATTACK]))
        # Linked groups of premises and of counterclaims.
        group = draw(st.none() | st.sampled_from(["g1", "g2"]))
        rid = default_relation_id(type_, source_id, target_id)
        if draw(st.integers(0, 9)) == 0:
            rid = f"r{len(relations)}"
        weight = draw(st.none() | st.floats(0, 1))
        relations.setdefault(
            (source_id, target_id, type_), Relation(rid, source_id, target_id, type_, group, weight=weight)
        )
    inferences = list(relations.values())
    for _ in range(draw(st.integers(0, len(inferences)))):
        undercutter, inference = draw(st.sampled_from(ids)), draw(st.sampled_from(inferences))
        rid = default_relation_id(RelationType.UNDERCUT, undercutter, inference.id)
        key = (undercutter, inference.id, RelationType.UNDERCUT)
        weight = draw(st.none() | st.floats(0, 1))
        relations.setdefault(
            key, Relation(rid, undercutter, inference.id, RelationType.UNDERCUT, weight=weight)
        )
    unique_ids: dict[str, Relation] = {}
    for relation in relations.values():
        unique_ids.setdefault(relation.id, relation)
    return ArgumentMap(
        claims=tuple(claims),
        relations=tuple(canonical_relation_order(claims, list(unique_ids.values()))),
        title=draw(st.none() | TEXT),
        description=draw(st.none() | TEXT),
        sources={s: Source(s, title=draw(st.none() | TEXT), file=draw(st.none() | TEXT)) for s in sources},
        sides={s: Side(s, name=draw(st.none() | TEXT), colour=draw(st.none() | TEXT)) for s in sides},
        expect=tuple(
            Expectation(semantics, status, claim)
            for semantics in draw(
                st.lists(st.sampled_from([s.value for s in DUNG_SEMANTICS]), max_size=2, unique=True)
            )
            for status in draw(
                st.lists(st.sampled_from([label.value for label in Label]), max_size=3, unique=True)
            )
            for claim in draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        ),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_graph_survives_the_tree_form(amap: ArgumentMap) -> None:
    json0 = graph.dumps(amap)
    first = load_yaml_text(tree.dumps(amap), "a.yaml")
    assert first.diagnostics == []
    json1 = graph.dumps(first.map)
    assert json1 == json0
    second = load_json_text(json1, "b.json")
    assert second.diagnostics == []
    json2 = graph.dumps(load_yaml_text(tree.dumps(second.map), "c.yaml").map)
    assert json2 == json1


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_raise_only_input_errors(data: bytes) -> None:
    try:
        result = load_yaml_text(decode_utf8(data, "r.yaml"), "r.yaml")
    except InputError:
        return
    check_loaded(result, read_sources=False)


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    *(
                        "claims",
                        "id",
                        "text",
                        "premises",
                        "counterclaims",
                        "undercuts",
                        "linked",
                        "relations",
                    ),
                    *("from", "to", "type", "group", "by", "sides", "sources", "source", "ref", "quote"),
                    *("weight", "tags", "nodes"),
                ]
            )
            | TEXT,
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(YAML_VALUES)
def test_random_yaml_raises_only_input_errors(value: object) -> None:
    for text, loader in ((yaml.safe_dump(value), load_yaml_text), (json.dumps(value), load_json_text)):
        try:
            result = loader(text, "r")
        except InputError:
            continue
        check_loaded(result, read_sources=False)
