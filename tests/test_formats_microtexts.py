"""Argument Microtexts XML: the 56 English texts of the corpus, a hand-made
graph with every edge type, hostile and broken XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from formats_support import as_yaml_and_back, corpus_names, messages
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.checks.gate import check_loaded
from argmap.errors import InputError
from argmap.formats import microtexts
from argmap.formats.native import graph
from argmap.model import RelationType


@pytest.mark.parametrize("name", corpus_names("microtexts/en", "*.xml"))
def test_corpus_text_converts_to_yaml_that_validates(corpora: Path, name: str) -> None:
    path = corpora / "microtexts" / "en" / name
    result = microtexts.read(path.read_text(encoding="utf-8"), str(path))
    assert result.diagnostics == []
    checked = as_yaml_and_back(result, path.with_suffix(".yaml"))  # quotes checked against the .txt
    assert checked.errors == []
    # Against the corpus' own counts: a claim per ADU, a relation per
    # argumentative edge, sides as the ADU types say, every claim quoted.
    root = ET.parse(path).getroot()
    adus = {a.get("id"): a.get("type") for a in root.iter("adu")}
    edge_type = {e.get("id"): e.get("type") for e in root.iter("edge")}
    # An `add` edge is one more member of the support, rebuttal or undercut it adds to.
    kinds = [
        edge_type[e.get("trg")] if e.get("type") == "add" else e.get("type")
        for e in root.iter("edge")
        if e.get("type") != "seg"
    ]
    amap = result.map
    assert {c.id: c.by for c in amap.claims} == adus
    assert len(amap.relations) == len(kinds)
    assert len(list(amap.iter_relations(RelationType.UNDERCUT))) == kinds.count("und")
    assert len(list(amap.iter_relations(RelationType.ATTACK))) == kinds.count("reb")
    assert len(list(amap.iter_relations(RelationType.SUPPORT))) == kinds.count("sup") + kinds.count("exa")
    assert all(c.source is not None and c.source.ref == path.stem for c in amap.claims)
    assert amap.sources[path.stem].file == path.with_suffix(".txt").name


EVERY_EDGE = """<?xml version='1.0' encoding='UTF-8'?>
<arggraph id="t1" topic_id="bikes" stance="pro">
  <edu id="e1"><![CDATA[Cities should build bike lanes,]]></edu>
  <edu id="e2"><![CDATA[because cycling is cheap]]></edu>
  <edu id="e3"><![CDATA[and healthy.]]></edu>
  <edu id="e4"><![CDATA[Amsterdam did it.]]></edu>
  <edu id="e5"><![CDATA[Lanes cost money.]]></edu>
  <edu id="e6"><![CDATA[Cheap for riders is not cheap for cities.]]></edu>
  <edu id="e7"><![CDATA[Riders pay taxes too.]]></edu>
  <edu id="e8"><![CDATA[Drivers need the road.]]></edu>
  <joint id="j1"/>
  <adu id="a1" type="pro"/>
  <adu id="a2" type="pro"/>
  <adu id="a3" type="pro"/>
  <adu id="a4" type="opp"/>
  <adu id="a5" type="opp"/>
  <adu id="a6" type="pro"/>
  <adu id="a7" type="opp"/>
  <note id="n1"/>
  <edge id="s1" src="e1" trg="a1" type="seg"/>
  <edge id="s2" src="e2" trg="j1" type="seg"/>
  <edge id="s3" src="e3" trg="j1" type="seg"/>
  <edge id="s4" src="j1" trg="a2" type="seg"/>
  <edge id="s5" src="e4" trg="a3" type="seg"/>
  <edge id="s6" src="e5" trg="a4" type="seg"/>
  <edge id="s7" src="e6" trg="a5" type="seg"/>
  <edge id="s8" src="e7" trg="a6" type="seg"/>
  <edge id="s9" src="e8" trg="a7" type="seg"/>
  <edge id="c1" src="a2" trg="a1" type="sup"/>
  <edge id="c2" src="a3" trg="a1" type="exa"/>
  <edge id="c3" src="a4" trg="a1" type="reb"/>
  <edge id="c4" src="a5" trg="c1" type="und"/>
  <edge id="c5" src="a6" trg="c4" type="und"/>
  <edge id="c6" src="a7" trg="c2" type="add"/>
  <edge id="c7" src="a7" trg="c3" type="add"/>
  <edge id="c8" src="a7" trg="a1" type="xyz"/>
  <edge id="c9" src="a7" trg="nowhere" type="sup"/>
  <edge id="c10" src="a3" trg="c4" type="add"/>
  <edge id="c11" src="a3" trg="s1" type="add"/>
</arggraph>
"""


def test_every_edge_type(tmp_path: Path) -> None:
    (tmp_path / "t1.txt").write_text(
        "Cities should build bike lanes, because cycling is cheap and healthy. Amsterdam did it. "
        "Lanes cost money. Cheap for riders is not cheap for cities. Riders pay taxes too.",
        encoding="utf-8",
    )
    path = tmp_path / "t1.xml"
    result = microtexts.read(EVERY_EDGE, str(path))
    shape = graph.to_graph(result.map)
    assert shape["title"] == "t1"
    assert shape["description"] == "topic_id: bikes; stance: pro"
    assert shape["sources"] == {"t1": {"file": "t1.txt"}}
    assert shape["sides"] == {"pro": {"name": "proponent"}, "opp": {"name": "opponent"}}
    assert shape["nodes"][:3] == [
        {"id": "a1", "text": "Cities should build bike lanes,", "by": "pro",
         "source": {"ref": "t1", "quote": "Cities should build bike lanes,"}},
        {"id": "a2", "text": "because cycling is cheap and healthy.", "by": "pro",
         "source": {"ref": "t1", "quote": "because cycling is cheap"},
         "more_sources": [{"ref": "t1", "quote": "and healthy."}]},
        {"id": "a3", "text": "Amsterdam did it.", "by": "pro", "source": {"ref": "t1", "quote": "Amsterdam did it."},
         "tags": ["example"]},
    ]  # fmt: skip
    assert shape["nodes"][6] == {"id": "a7", "text": "Drivers need the road.", "by": "opp"}
    assert shape["relations"] == [
        {"id": "support:a2:a1", "from": "a2", "to": "a1", "type": "support"},
        {"id": "support:a3:a1", "from": "a3", "to": "a1", "type": "support", "group": "a3+a7"},
        {"id": "undercut:a3:support:a2:a1", "from": "a3", "to": "support:a2:a1", "type": "undercut",
         "group": "a5+a3"},
        {"id": "attack:a4:a1", "from": "a4", "to": "a1", "type": "attack", "group": "a4+a7"},
        {"id": "undercut:a5:support:a2:a1", "from": "a5", "to": "support:a2:a1", "type": "undercut",
         "group": "a5+a3"},
        {"id": "undercut:a6:undercut:a5:support:a2:a1", "from": "a6",
         "to": "undercut:a5:support:a2:a1", "type": "undercut"},
        {"id": "support:a7:a1", "from": "a7", "to": "a1", "type": "support", "group": "a3+a7"},
        {"id": "attack:a7:a1", "from": "a7", "to": "a1", "type": "attack", "group": "a4+a7"},
    ]  # fmt: skip
    assert messages(result.diagnostics) == [
        f"{path}:18:3: warning: text of ADU a7 is not verbatim in t1.txt; not quoted (format-loss)",
        f"{path}:19:3: warning: elements not read: 1 × <note> (format-loss)",
        f"{path}:36:3: warning: edges of unknown type not read: 1 × xyz (format-loss)",
        f"{path}:37:3: warning: edge c9 ends at 'nowhere', which is no ADU; skipped (format-loss)",
        f"{path}:39:3: warning: add edge c11 adds to edge s1, which is no support, rebuttal or undercut; "
        "not kept (format-loss)",
    ]
    assert check_loaded(result).errors == []


def test_without_the_text_beside_it_claims_have_no_quotes(tmp_path: Path) -> None:
    path = tmp_path / "t1.xml"
    result = microtexts.read(EVERY_EDGE, str(path))
    assert result.map.sources == {}
    assert all(c.source is None for c in result.map.claims)
    assert messages(result.diagnostics)[0] == (
        f"{path}:2:1: warning: no source text t1.txt beside the file; claims have no quotes (format-loss)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<arggraph id='x'><edu id='e1'>A</edu>", "x.xml:1:38: error: XML syntax: no element found"),
        ("<arggraph>\n  <adu id='a1' type='pro'>\n</arggraph>", "x.xml:3:3: error: XML syntax: mismatched tag"),
        ("<graph/>", "x.xml:1:1: error: the root element is <graph>, not <arggraph>: not an argument microtext"),
        ("<arggraph><edu id='e1'><b>x</b></edu></arggraph>",
         "x.xml:1:24: error: <b> inside <edu>: arggraph elements do not nest"),
        ("  \n", "x.xml: empty file, no argument graph in it"),
    ],
)  # fmt: skip
def test_broken_xml_is_one_error_at_its_line(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        microtexts.read(text, "x.xml")
    assert str(caught.value) == message


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE arggraph [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<arggraph id="x"><edu id="e1">&lol2;</edu></arggraph>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE arggraph [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<arggraph id="x"><edu id="e1">&secret;</edu></arggraph>
"""


@pytest.mark.parametrize(("text", "where"), [(LAUGHS, "3:16"), (EXTERNAL, "2:64")])
def test_entity_declarations_are_refused(text: str, where: str) -> None:
    with pytest.raises(InputError) as caught:
        microtexts.read(text, "x.xml")
    assert (
        str(caught.value)
        == f"x.xml:{where}: error: entity declarations are refused (they can expand without bound)"
    )


def test_a_doctype_without_entities_is_fine() -> None:
    text = '<!DOCTYPE arggraph SYSTEM "arggraph.dtd">\n<arggraph id="x"><edu id="e1">A.</edu><adu id="a1" type="pro"/><edge id="c1" src="e1" trg="a1" type="seg"/></arggraph>'
    result = microtexts.read(text, "x.xml")
    assert [c.text for c in result.map.claims] == ["A."]


XML_PIECES = st.sampled_from(
    ["<arggraph id='g'>", "</arggraph>", "<edu id='e1'>", "</edu>", "<adu id='a1' type='pro'/>",
     "<adu id='a2' type='opp'/>", "<joint id='j1'/>", "<edge id='c1' src='e1' trg='a1' type='seg'/>",
     "<edge id='c2' src='a2' trg='a1' type='reb'/>", "<edge id='c3' src='a1' trg='c2' type='und'/>",
     "<edge id='c4' src='a2' trg='c3' type='add'/>", "<edge id='c5' src='j1' trg='a2' type='seg'/>",
     "<![CDATA[x]]>", "&amp;", "<!DOCTYPE a>", "text", " "]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(XML_PIECES, max_size=25).map("".join), st.text(max_size=200)))
def test_any_text_gives_a_map_or_an_input_error(text: str) -> None:
    microtexts.sniff(text)
    try:
        result = microtexts.read(text, "r.xml")
    except InputError:
        return
    check_loaded(result, read_sources=False)


def test_long_chains_of_undercuts_and_joints_read_without_recursion() -> None:
    depth = 3000
    parts = ['<arggraph id="deep">', '<edu id="e1">A.</edu>', '<edu id="e2">B.</edu>']
    parts += [f'<joint id="j{i}"/>' for i in range(depth)]
    parts += ['<adu id="a1" type="pro"/>', '<adu id="a2" type="pro"/>', '<adu id="a3" type="opp"/>']
    parts += ['<edge id="s1" src="e1" trg="j0"/>'.replace("/>", ' type="seg"/>')]
    parts += [f'<edge id="sj{i}" src="j{i}" trg="j{i + 1}" type="seg"/>' for i in range(depth - 1)]
    parts += [
        f'<edge id="sa" src="j{depth - 1}" trg="a1" type="seg"/>',
        '<edge id="s2" src="e2" trg="a2" type="seg"/>',
    ]
    parts += ['<edge id="c1" src="a2" trg="a1" type="sup"/>']
    parts += [
        f'<edge id="u{i}" src="a3" trg="{"c1" if i == 0 else f"u{i - 1}"}" type="und"/>'
        for i in reversed(range(depth))
    ]
    result = microtexts.read("\n".join([*parts, "</arggraph>"]), "deep.xml")
    assert result.map.claims[0].text == "A."
    assert len(list(result.map.iter_relations(RelationType.UNDERCUT))) == depth
