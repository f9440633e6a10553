"""The DOT writer (argmap.render.dot.syntax) and the word wrapper the DOT
renderer uses instead of textwrap.

Round trips go through the Graphviz that pygraphviz embeds. Its parser
gives back a quoted string with `\\"` read as `"` and everything else as
written, `\\\\` included; Graphviz reads values as escString later, where
`\\\\` is one backslash and `\\n` a line break. `graphviz_reads()` does that
second step, so a round trip is: quote, parse, read = the text we started
with.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from argmap.model import COLOUR_PATTERN, ArgumentMap, Claim, Relation, RelationType, Side
from argmap.render import RenderOptions
from argmap.render.dot import DotRenderer
from argmap.render.dot.syntax import AttrList, DotGraph, HtmlLabel, quote
from argmap.text import escape_controls, wrap_words

pygraphviz = pytest.importorskip("pygraphviz")

_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def graphviz_reads(raw: str) -> str:
    """A value as Graphviz reads an escString (one pass, left to right)."""
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) == "n" else m.group(1), raw)


def parse(source: str) -> Any:
    return pygraphviz.AGraph(string=source)


# -- quote ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "quoted"),
    [
        ("c1", '"c1"'),
        ("", '""'),
        ('say "no"', r'"say \"no\""'),
        ("back\\slash", r'"back\\slash"'),
        ("\\", r'"\\"'),
        ('\\"', r'"\\\""'),  # a backslash, then a quote: neither escapes the other
        ("\\N and \\l", r'"\\N and \\l"'),  # not Graphviz's node-name or left-justify escapes
        ("two\nlines", r'"two\nlines"'),
        ("Grüße, 世界 ✓ 🎉", '"Grüße, 世界 ✓ 🎉"'),
        ("[brackets] {braces}; a=b, c -> d", '"[brackets] {braces}; a=b, c -> d"'),
        ("<b>not html</b> & <", '"<b>not html</b> & <"'),
        ("node", '"node"'),  # a DOT keyword is just a string
        ("a:b", '"a:b"'),  # not a port
        ("nul\0", '"nul\\\\x00"'),
        ("esc\x1b[2J", '"esc\\\\x1b[2J"'),
    ],
)
def test_quote(value: str, quoted: str) -> None:
    assert quote(value) == quoted


# -- DotGraph --------------------------------------------------------------------


def small_graph() -> DotGraph:
    dot = DotGraph("g", graph={"rankdir": "BT"}, node={"shape": "box"}, edge={"penwidth": "1.4"})
    look = AttrList({"color": "#c62828"}, style="dashed")
    box = dot.subgraph("cluster_key", graph={"label": HtmlLabel("<Key>")})
    box.node("k", {"label": ""})
    dot.node('say "hi"', {"id": "a", "label": HtmlLabel("<say &quot;hi&quot;>"), "class": "claim"})
    dot.node("b\\c", look, {"id": "b\\c"}, width="1")
    dot.node("bare")
    dot.edge('say "hi"', "b\\c", {"id": "a->b"}, look)
    return dot


def test_source_is_exact() -> None:
    assert small_graph().source() == (
        'digraph "g" {\n'
        '\tgraph [rankdir="BT"]\n'
        '\tnode [shape="box"]\n'
        '\tedge [penwidth="1.4"]\n'
        '\tsubgraph "cluster_key" {\n'
        "\t\tgraph [label=<Key>]\n"
        '\t\t"k" [label=""]\n'
        "\t}\n"
        '\t"say \\"hi\\"" [id="a" label=<say &quot;hi&quot;> class="claim"]\n'
        '\t"b\\\\c" [color="#c62828" style="dashed" id="b\\\\c" width="1"]\n'
        '\t"bare"\n'
        '\t"say \\"hi\\"" -> "b\\\\c" [id="a->b" color="#c62828" style="dashed"]\n'
        "}\n"
    )


def test_source_parses_back() -> None:
    graph = parse(small_graph().source())
    assert graph.graph_attr["rankdir"] == "BT"
    assert [graphviz_reads(str(n)) for n in graph.nodes()] == ["k", 'say "hi"', "b\\c", "bare"]
    assert graph.get_node('say "hi"').attr["class"] == "claim"
    assert [(str(e[0]), graphviz_reads(str(e[1])), e.attr["style"]) for e in graph.edges()] == [
        ('say "hi"', "b\\c", "dashed")
    ]
    (key,) = graph.subgraphs()
    assert (key.name, key.graph_attr["label"], [str(n) for n in key.nodes()]) == ("cluster_key", "Key", ["k"])


def test_html_label_is_written_as_is_and_a_plain_string_is_not() -> None:
    dot = DotGraph("g")
    dot.node("html", {"label": HtmlLabel("<<B>bold</B>>")})
    dot.node("plain", {"label": "<<B>bold</B>>"})
    assert dot.source() == (
        'digraph "g" {\n\t"html" [label=<<B>bold</B>>]\n\t"plain" [label="<<B>bold</B>>"]\n}\n'
    )
    # Graphviz agrees: written back out, one is an HTML label, the other a string.
    written = parse(dot.source()).string()
    assert "label=<<B>bold</B>>" in written.replace("\n", " ")
    assert 'label="<<B>bold</B>>"' in written.replace("\n", " ")


def test_attribute_order_is_the_order_given() -> None:
    dot = DotGraph("g")
    dot.node("n", {"z": "1", "a": "2"}, AttrList(m="3"), b="4")
    assert dot.source().splitlines()[1] == '\t"n" [z="1" a="2" m="3" b="4"]'


@pytest.mark.parametrize("name", ["", "a b", "a=b", "1x", "node", "Graph", 'x"'])
def test_attribute_names_must_be_plain(name: str) -> None:
    with pytest.raises(ValueError, match="not a DOT attribute name"):
        DotGraph("g").node("n", {name: "v"})


def test_same_calls_same_bytes() -> None:
    assert small_graph().source() == small_graph().source()


def test_rendering_is_the_same_in_every_process() -> None:
    # Sets and dicts of strings hash differently per process; none of that
    # may leak into the order of the output.
    script = (
        "from argmap.formats.registry import load_path\n"
        "from argmap.render import RenderOptions\n"
        "from argmap.render.dot import DotRenderer\n"
        "import sys\n"
        "sys.stdout.write(DotRenderer().render(load_path(sys.argv[1]).map, RenderOptions()))\n"
    )
    path = Path(__file__).parent.parent / "arguments" / "socialism-in-one-country.yaml"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, str(path)],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    assert outputs.pop().startswith(b'digraph "argmap" {')


# -- round trips -----------------------------------------------------------------

# Any text but surrogates (not UTF-8); quote() writes control characters as
# visible escapes, so Graphviz reads back escape_controls(text).
TEXT = st.text(st.characters(exclude_categories=["Cs"]))
# Graphviz makes a node named "" or "%..." anonymous (see the test below),
# so pygraphviz cannot give its name back.
NAMES = st.lists(
    TEXT.filter(lambda s: s[:1] not in ("", "%")), min_size=2, max_size=5, unique_by=escape_controls
)


@given(names=NAMES, value=TEXT)
@example(names=["a\\", '"b'], value='\\"\\n\n\\N"')
@example(names=["[x]", "<y>"], value="<b>&amp; [z]</b>")
@example(names=["node", "->"], value="a;b=c{d}")
def test_names_and_values_round_trip(names: list[str], value: str) -> None:
    dot = DotGraph("g")
    for name in names:
        dot.node(name, {"tooltip": value, "class": name})
    dot.edge(names[0], names[-1], {"id": value})
    graph = parse(dot.source())
    nodes = list(graph.nodes())
    names, value = [escape_controls(n) for n in names], escape_controls(value)
    assert [graphviz_reads(str(n)) for n in nodes] == names  # no node lost, split or merged
    assert [graphviz_reads(n.attr["class"]) for n in nodes] == names
    assert {graphviz_reads(n.attr["tooltip"]) for n in nodes} == {value}
    (edge,) = graph.edges()
    assert (graphviz_reads(edge[0]), graphviz_reads(edge[1])) == (names[0], names[-1])
    assert graphviz_reads(edge.attr["id"]) == value


def test_names_graphviz_makes_anonymous_stay_apart() -> None:
    # A name starting with "%" is an anonymous node to Graphviz: one node
    # per name all the same, with its edges, but its name is not kept. Ids
    # are slugs, so a map's names never start so.
    dot = DotGraph("g")
    for name in ("%1", "%2", "%", "x"):
        dot.node(name, {"id": name})
    for tail, head in (("%1", "x"), ("%2", "x"), ("%1", "%2"), ("%", "%1")):
        dot.edge(tail, head)
    graph = parse(dot.source())
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (4, 4)


@given(
    claim_ids=NAMES,
    side_name=TEXT,
    colour=TEXT,
    title=TEXT,
)
def test_user_text_never_breaks_out_of_a_rendered_map(
    claim_ids: list[str], side_name: str, colour: str, title: str
) -> None:
    # Not a valid map (ids are slugs, colours colours), but whatever reaches
    # the renderer stays inside its strings and labels.
    amap = ArgumentMap(
        claims=tuple(Claim(i, f"{i} {title}", by="s") for i in claim_ids),
        relations=(Relation("r", claim_ids[1], claim_ids[0], RelationType.SUPPORT),),
        title=title,
        sides={"s": Side("s", side_name, colour)},
    )
    graph = parse(DotRenderer().render(amap, RenderOptions()))
    claims = [n for n in graph.nodes() if n.attr["class"] == "claim side-s"]
    claim_ids, colour = [escape_controls(i) for i in claim_ids], escape_controls(colour)
    assert [graphviz_reads(n.attr["id"]) for n in claims] == claim_ids
    # A colour that is no colour (validate's side-colour) is never written: the theme's is.
    drawn = colour if colour and COLOUR_PATTERN.fullmatch(colour) else "#1565c0"
    assert {graphviz_reads(n.attr["color"]) for n in claims} == {drawn}
    (edge,) = [e for e in graph.edges() if e.attr["id"] == "r"]
    assert (graphviz_reads(edge[0]), graphviz_reads(edge[1])) == (claim_ids[1], claim_ids[0])


# -- the word wrapper ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("one two three four", 9, ["one two", "three", "four"]),
        ("exactly nine", 7, ["exactly", "nine"]),
        ("abc defgh", 9, ["abc defgh"]),
        ("", 5, []),
        ("unbreakableword and more", 5, ["unbre", "akabl", "eword", "and", "more"]),
        ("a  b   c", 4, ["a  b", "c"]),  # runs of spaces kept inside a line, as textwrap does
        ("  lead", 10, ["  lead"]),
        ("trail   ", 10, ["trail"]),
        ("tab\tstop", 20, ["tab     stop"]),
        ("no\xa0break here", 8, ["no\xa0break", "here"]),  # a no-break space does not break
    ],
)
def test_wrap_words(text: str, width: int, lines: list[str]) -> None:
    assert wrap_words(text, width) == lines


WORDS = st.lists(st.text(st.characters(categories=["L", "N", "P"]), min_size=1, max_size=12), max_size=30)


@given(words=WORDS, width=st.integers(1, 40))
def test_wrap_words_fast_path_is_textwrap(words: list[str], width: int) -> None:
    text = " ".join(words)
    assert wrap_words(text, width) == textwrap.wrap(text, width, break_on_hyphens=False)


@given(
    text=st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\n\r")),
    width=st.integers(1, 30),
)
def test_wrap_words_is_textwrap(text: str, width: int) -> None:
    assert wrap_words(text, width) == textwrap.wrap(text, width, break_on_hyphens=False)


@given(st.text(), st.booleans())
def test_node_with_id_is_a_node_whose_first_attribute_is_its_name(name: str, more: bool) -> None:
    attrs = [AttrList(color="red")] if more else []
    by_hand, shortcut = DotGraph("g"), DotGraph("g")
    by_hand.node(name, {"id": name}, *attrs)
    shortcut.node_with_id(name, *attrs)
    assert shortcut.source() == by_hand.source()
