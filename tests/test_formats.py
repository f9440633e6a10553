"""The format registry (lookup by name, suffix and content), and the formats
argmap/formats owns beyond its own YAML and JSON: ICCMA .apx, .tgf and .af as
maps, read and written, and GraphML, written."""

from __future__ import annotations

import importlib
import json
import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_layering import imported_after
from test_roundtrip import argument_maps

from argmap.checks.gate import check_loaded
from argmap.errors import ArgmapError, InputError, Severity, UsageError
from argmap.formats import graphml, registry
from argmap.formats.base import LoadResult, Reader, Sniffer, Writer, Written
from argmap.formats.framework import framework_from_map
from argmap.formats.iccma import maps as iccma
from argmap.formats.native import graph
from argmap.formats.native.forms import Json
from argmap.formats.native.read import load_yaml_text
from argmap.formats.registry import Format, load_path
from argmap.model import ID_PATTERN, ArgumentMap, Claim, RelationType

REPO = Path(__file__).parent.parent


def names(formats: tuple[Format, ...] | list[Format]) -> list[str]:
    return [f.name for f in formats]


# -- the registry --------------------------------------------------------------------


def test_every_format_module_has_what_its_row_promises() -> None:
    for fmt in registry.FORMATS:
        module_name, _, attribute = fmt.module.partition(":")
        found = importlib.import_module(module_name)
        found = getattr(found, attribute) if attribute else found
        assert (isinstance(found, Reader), isinstance(found, Writer)) == (fmt.reads, fmt.writes), fmt.name
        assert all(s.startswith(".") and s == s.lower() for s in fmt.suffixes), fmt.name
        if fmt.reads:
            assert fmt.reader() is found
        else:
            with pytest.raises(TypeError, match=f"format {fmt.name}: .* does not read"):
                fmt.reader()
        if fmt.writes:
            assert fmt.writer() is found
        else:
            with pytest.raises(TypeError, match=f"format {fmt.name}: .* does not write"):
                fmt.writer()
        assert fmt.sniffer() is (found if isinstance(found, Sniffer) else None)


def test_formats_sharing_a_suffix_after_the_first_can_sniff() -> None:
    # The first listed for a suffix is the fallback; the others must say when a text is theirs.
    first: dict[str, str] = {}
    for fmt in registry.FORMATS:
        for suffix in fmt.suffixes:
            if first.setdefault(suffix, fmt.name) != fmt.name and fmt.reads:
                assert fmt.sniffer() is not None, (fmt.name, suffix)


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("m.yaml", "yaml"),
        ("M.YML", "yaml"),
        ("dir.d/m.Json", "json aif sadface"),
        ("x.AIF.json", "aif"),
        ("talk.txt", "kialo"),
        ("micro_b001.xml", "microtexts"),
        ("f.APX", "apx"),
        ("f.tgf", "tgf"),
        ("f.af", "af"),
        ("many.dots.yaml", "yaml"),
    ],
)
def test_reading_format_from_the_suffix_in_any_case(file: str, expected: str) -> None:
    assert names(registry.reading_candidates(Path(file))) == expected.split()


def test_a_named_format_wins_over_the_suffix() -> None:
    assert names(registry.reading_candidates(Path("frame.txt"), "TGF")) == ["tgf"]
    assert registry.writing_format(Path("out.yaml"), "apx").name == "apx"


def suffix_list(*, writing: bool = False) -> str:
    """The suffixes of the registered formats that read (or write), as messages list them."""
    found = {s for f in registry.FORMATS if (f.writes if writing else f.reads) for s in f.suffixes}
    assert found and all(s.startswith(".") for s in found)
    return ", ".join(sorted(found))


def test_unknown_suffix_and_names_fail_in_one_line() -> None:
    with pytest.raises(InputError) as caught:
        registry.reading_candidates(Path("m.docx"))
    assert str(caught.value) == f"m.docx: cannot tell the format from the suffix (expected {suffix_list()})"
    assert ".graphml" not in suffix_list() and ".xml" not in suffix_list(writing=True)
    with pytest.raises(InputError) as caught:
        registry.reading_candidates(Path(".json"))  # a hidden file, no suffix
    assert "cannot tell the format" in str(caught.value)
    with pytest.raises(UsageError) as usage:
        registry.writing_format(Path("out"))
    assert str(usage.value) == (
        f"out: cannot tell the format from the suffix (expected {suffix_list(writing=True)}); name one with --to"
    )
    with pytest.raises(UsageError) as usage:
        registry.by_name("dot")
    readers = ", ".join(f.name for f in registry.FORMATS if f.reads)
    assert str(usage.value) == f"unknown format 'dot' (known: {readers})"


# -- an example file of every format in tests/data/formats ----------------------------

FORMAT_DATA = REPO / "tests" / "data" / "formats"
ALL_FEATURES = REPO / "tests" / "data" / "valid" / "all-features.yaml"


def example_file(fmt: Format) -> Path:
    """tests/data/formats/all-features<the format's longest suffix>: for a
    format that writes, what it writes for tests/data/valid/all-features.yaml."""
    return FORMAT_DATA / f"all-features{max(fmt.suffixes, key=len)}"


def test_each_format_has_an_example_file_of_its_own() -> None:
    examples = {example_file(f) for f in registry.FORMATS}
    assert len(examples) == len(registry.FORMATS)
    assert set(FORMAT_DATA.glob("all-features.*")) == examples


@pytest.mark.parametrize("fmt", registry.FORMATS, ids=lambda f: f.name)
def test_each_format_writes_its_example_and_reads_it(fmt: Format, update_golden: bool) -> None:
    path = example_file(fmt)
    if fmt.writes:
        written = fmt.write(load_path(ALL_FEATURES).map).text
        if update_golden:
            path.write_text(written, encoding="utf-8")
        assert path.is_file(), f"{path} is missing; pytest --update-golden writes it"
        assert path.read_text(encoding="utf-8") == written
    assert path.is_file(), f"{path.name}: a format that only reads needs an example written by hand"
    if fmt.reads:
        text = path.read_text(encoding="utf-8")
        assert registry.choose(registry.reading_candidates(path), text) == fmt  # by suffix and content
        result = load_path(path)
        assert [d for d in result.diagnostics if d.severity is Severity.ERROR] == []
        assert result.map.claims


def test_write_only_formats_are_refused_for_reading() -> None:
    with pytest.raises(InputError) as caught:
        registry.reading_candidates(Path("g.graphml"))
    assert str(caught.value) == "g.graphml: argmap writes graphml but cannot read it"
    with pytest.raises(UsageError) as usage:
        registry.by_name("graphml")
    assert str(usage.value) == "argmap writes graphml but cannot read it (`argmap formats` lists them)"


# Two made-up formats, registered only in the tests below.
class FakeAif:
    """Reads JSON with an `aif` key; writes one line."""

    @staticmethod
    def sniff(text: str) -> bool:
        return '"aif"' in text

    @staticmethod
    def read(text: str, file: str) -> LoadResult:
        return load_yaml_text("claims:\n  - {id: fake, text: Fake.}\n", file)

    @staticmethod
    def write(amap: ArgumentMap) -> Written:
        return Written(f"aif {len(amap.claims)}\n")


class FakeNotes:
    """Reads .txt (only when it starts 'Notes:'), writes nothing."""

    @staticmethod
    def sniff(text: str) -> bool:
        return text.startswith("Notes:")

    @staticmethod
    def read(text: str, file: str) -> LoadResult:
        return load_yaml_text("claims:\n  - {id: note, text: Note.}\n", file)


@pytest.fixture
def with_fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argmap's own and the ICCMA formats, and the fakes (the real formats
    of the field that share .json and .txt are left out)."""
    own = tuple(f for f in registry.FORMATS if f.name in {"yaml", "json", "apx", "tgf", "af", "graphml"})
    monkeypatch.setattr(
        registry,
        "FORMATS",
        (
            *own,
            Format("fake-aif", (".json", ".aif.json"), f"{__name__}:FakeAif", "made up"),
            Format("notes", (".txt",), f"{__name__}:FakeNotes", "made up", writes=False),
            Format("more-notes", (".txt",), f"{__name__}:FakeNotes", "made up", writes=False),
        ),
    )


@pytest.mark.usefixtures("with_fakes")
def test_a_shared_suffix_is_told_apart_by_content(tmp_path: Path) -> None:
    candidates = registry.reading_candidates(Path("x.json"))
    assert names(candidates) == ["json", "fake-aif"]
    assert registry.choose(candidates, '{"aif": []}').name == "fake-aif"
    assert registry.choose(candidates, '{"argmap": 1, "nodes": []}').name == "json"
    # Nobody claims it: the first listed reads it, so a broken graph file gets argmap's diagnostics.
    assert registry.choose(candidates, '{"nodez": []}').name == "json"
    (tmp_path / "x.json").write_text('{"aif": "yes"}', encoding="utf-8")
    assert [c.id for c in load_path(tmp_path / "x.json").map.claims] == ["fake"]


@pytest.mark.usefixtures("with_fakes")
def test_the_longest_suffix_wins() -> None:
    assert names(registry.reading_candidates(Path("x.AIF.json"))) == ["fake-aif"]
    assert registry.writing_format(Path("x.aif.json")).name == "fake-aif"
    # Writing .json goes to the first format listed for it: argmap's graph form, as before.
    assert registry.writing_format(Path("x.json")).name == "json"


@pytest.mark.usefixtures("with_fakes")
def test_read_only_suffix_is_refused_for_writing() -> None:
    with pytest.raises(UsageError) as caught:
        registry.writing_format(Path("x.txt"))
    assert (
        str(caught.value)
        == "x.txt: argmap reads notes, more-notes but cannot write it; name a format with --to"
    )
    with pytest.raises(UsageError) as usage:
        registry.by_name("notes", writing=True)
    assert str(usage.value) == "argmap reads notes but cannot write it (`argmap formats` lists them)"


def imported_formats(argv: list[str]) -> list[str]:
    """The argmap.formats modules and argmap.analysis.evaluate a fresh `argmap ARGV` imports."""
    script = (
        "import sys\nfrom argmap.cli import main\n"
        f"sys.argv = ['argmap', *{argv!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "found = sorted(m for m in sys.modules if m.startswith(('argmap.formats', 'argmap.analysis.evaluate')))\n"
        "print(' '.join(found), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return done.stderr.splitlines()[-1].split()  # the last line: after argmap's own


def test_modules_are_imported_only_for_their_formats() -> None:
    assert imported_formats(["--help"]) == []
    # Reading argmap's own forms needs their reader only (and the resolver of
    # references to other maps, which every map is loaded through): no other
    # format is imported.
    own = [
        *("argmap.formats", "argmap.formats.base", "argmap.formats.native", "argmap.formats.native.dedupe"),
        *("argmap.formats.native.fields", "argmap.formats.native.forms", "argmap.formats.native.inference"),
        *("argmap.formats.native.nodes", "argmap.formats.native.plain", "argmap.formats.native.plain_tree"),
        "argmap.formats.native.read",
        *("argmap.formats.references", "argmap.formats.registry"),
    ]
    for name in ("all-features.yaml", "graph-form.json"):
        assert imported_formats(["validate", str(REPO / "tests" / "data" / "valid" / name)]) == own
    yaml_map = str(REPO / "tests" / "data" / "valid" / "all-features.yaml")
    # Writing a framework needs the framework form, not the semantics.
    assert imported_formats(["convert", yaml_map, "-", "--to", "apx"]) == sorted(
        [
            *own,
            *("argmap.formats.framework", "argmap.formats.losses"),
            *("argmap.formats.iccma", "argmap.formats.iccma.frameworks", "argmap.formats.iccma.maps"),
            "argmap.formats.iccma.inferences",
        ]
    )
    # Evaluating a framework file needs its reader only: no map, no other format.
    af_file = str(REPO / "tests" / "data" / "formats" / "all-features.af")
    assert [m for m in imported_formats(["evaluate", af_file]) if m.startswith("argmap.formats")] == [
        *(
            "argmap.formats",
            "argmap.formats.framework",
            "argmap.formats.iccma",
            "argmap.formats.iccma.frameworks",
        )
    ]


def test_format_modules_import_no_cli_terminal_or_graphviz() -> None:
    modules = sorted({f.module.partition(":")[0] for f in registry.FORMATS})
    assert imported_after(("argmap.formats.registry", *modules)) == []


# -- the JSON graph form's sniffer ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mine"),
    [
        ('{"argmap": 1, "nodes": []}', True),
        ('  {\n  "argmap" : 1}', True),
        ('{"title": "T", "argmap": 1}', True),
        ('{"nodes": [{"id": "a", "text": "A."}], "relations": []}', True),
        ('{"nodes": [{"nodeID": "1", "text": "A.", "type": "I"}], "edges": []}', False),  # AIF
        ('{"id": "x", "metadata": {}, "nodes": [{"id": "a", "text": "A."}], "edges": []}', False),  # SADFace
        ("[1, 2]", False),
        ("{not json", False),
        ("[" * 100_000, False),
    ],
)
def test_graph_form_sniffer(text: str, mine: bool) -> None:
    assert Json.sniff(text) is mine


# -- ICCMA frameworks as maps ---------------------------------------------------------


def diagnostics(result: LoadResult) -> list[str]:
    return [str(d) for d in result.diagnostics]


def test_apx_as_a_map_renames_what_is_not_an_id() -> None:
    text = (
        'arg(a). arg("d e"). arg(B). % three\narg(d_e). arg("").\natt(a,"d e"). att(B,a).\natt(a, "d e"). %\n'
    )
    result = iccma.read_apx(text, "f.apx")
    assert [(c.id, c.text, c.span.line if c.span else 0) for c in result.map.claims] == [
        ("a", "a", 1),
        ("d_e-2", "d e", 1),
        ("B", "B", 1),
        ("d_e", "d_e", 2),
        ("_", "_", 2),
    ]
    assert [(r.id, r.type) for r in result.map.relations] == [
        ("attack:a:d_e-2", RelationType.ATTACK),
        ("attack:B:a", RelationType.ATTACK),
    ]
    assert diagnostics(result) == [
        "f.apx:1:9: warning: argument 'd e' is not an argmap id; read as claim 'd_e-2' with the name as text (renamed-id)",
        "f.apx:1:29: warning: 2 comments not read: a map keeps no comments (the first here) (comment)",
        "f.apx:2:11: warning: argument '' is not an argmap id; read as claim '_' with the name as text (renamed-id)",
        "f.apx:4:1: warning: attack a -> d e listed again (first at line 3); read once (repeated-attack)",
    ]


def test_tgf_labels_are_texts_and_edge_labels_are_reported() -> None:
    text = "1 The first  one \n2\n-x third\n1 again\n#\n1 2 because\n2 -x\n"
    result = iccma.read_tgf(text, "f.tgf")
    assert [(c.id, c.text) for c in result.map.claims] == [
        ("1", "The first  one"),
        ("2", "2"),
        ("_-x", "third"),
    ]
    assert [r.id for r in result.map.relations] == ["attack:1:2", "attack:2:_-x"]
    assert diagnostics(result) == [
        "f.tgf:3:1: warning: argument '-x' is not an argmap id; read as claim '_-x' with the name as text (renamed-id)",
        "f.tgf:4:1: warning: argument '1' listed again (first at line 1); its label 'again' is not read (repeated-argument)",
        "f.tgf:6:1: warning: edge label 'because' is not read: argmap relations have no labels (edge-label)",
    ]


def test_af_as_a_map_keeps_the_line_of_each_attack() -> None:
    result = iccma.read_af("# made by hand\np af 3\n\n1 2\n  2 3\n1 2\n", "f.af")
    assert [(c.id, c.text, c.span) for c in result.map.claims] == [
        (str(i), str(i), ("f.af", 2, 1)) for i in (1, 2, 3)
    ]
    assert [(r.id, r.span) for r in result.map.relations] == [
        ("attack:1:2", ("f.af", 4, 1)),
        ("attack:2:3", ("f.af", 5, 3)),
    ]
    assert diagnostics(result) == [
        "f.af:1:1: warning: a comment not read: a map keeps no comments (the first here) (comment)",
        "f.af:6:1: warning: attack 1 -> 2 listed again (first at line 4); read once (repeated-attack)",
    ]


@pytest.mark.parametrize(
    ("reader", "text", "message"),
    [
        (
            iccma.read_apx,
            "arg(a).\natt(a,b).\n",
            "f:2:1: error: att(a,b): argument 'b' is not declared with arg(b).",
        ),
        (iccma.read_tgf, "a\n#\na\n", "f:3:1: error: expected an attack 'attacker attacked' but found 'a'"),
        (iccma.read_af, "p af 2\n1 3\n", "f:2:3: error: argument '3' is not a number from 1 to 2"),
    ],
)
def test_bad_framework_files_fail_as_when_evaluated(reader: Any, text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        reader(text, "f")
    assert str(caught.value) == message


FEATURES = """\
title: Features
sides:
  a: {name: A}
claims:
  - id: c1
    text: Main claim
    by: a
    tags: [t]
    weight: 0.5
    premises:
      - id: p1
        text: "Premise\\none "
        undercuts:
          - {id: u1, text: u1}
      - linked:
          - {id: p2, text: P2}
          - {id: p3, text: P3}
    counterclaims:
      - id: k1
        text: Counter
        note: a note
"""


def loss_lines(written: Written) -> list[str]:
    return [str(loss) for loss in written.losses]


def test_apx_writes_the_framework_evaluate_uses() -> None:
    written = iccma.write_apx(load_yaml_text(FEATURES, "m.yaml").map)
    assert written.text == (
        'arg(c1).\narg(p1).\narg(u1).\narg(p2).\narg(p3).\narg(k1).\narg("support:p1:c1").\n'
        'att(u1,"support:p1:c1").\natt(k1,c1).\n'
    )
    assert loss_lines(written) == [
        "1 title: APX has no place for the map's title",
        "1 side: APX has no place for the sides defined under sides:",
        "1 claim-side: APX has no place for which side states a claim (by:)",
        "1 tag: APX has no place for claims' tags",
        "1 weight: APX has no place for claims' weights",
        "1 note: APX has no place for claims' notes",
        "3 support: abstract frameworks have attacks only",
        "1 undercut: each written as attacks on an extra argument for the inference it undercuts, "
        "named after that relation (as argmap evaluate models undercuts)",
        "1 linked-group: APX has no place for linked groups",
        "5 text: APX has no place for claim texts",
    ]


def test_tgf_writes_texts_as_labels_and_af_numbers() -> None:
    amap = load_yaml_text(FEATURES, "m.yaml").map
    tgf = iccma.write_tgf(amap)
    assert tgf.text == (
        "c1 Main claim\np1 Premise one\nu1\np2 P2\np3 P3\nk1 Counter\nsupport:p1:c1\n#\nu1 support:p1:c1\nk1 c1\n"
    )
    assert loss_lines(tgf)[-1] == (
        "1 text: TGF labels are one line: line breaks became spaces and whitespace at the ends was dropped"
    )
    af = iccma.write_af(amap)
    assert af.text == "p af 7\n3 7\n6 1\n"
    assert loss_lines(af)[-2:] == [
        "6 id: arguments are numbers: claims are numbered 1, 2, ... in map order",
        "6 text: the .af format has no place for claim texts",
    ]


def test_writers_quote_and_rename_names_the_formats_cannot_hold() -> None:
    amap = load_yaml_text(
        "claims:\n  - {id: Big, text: Big}\n  - {id: s, text: s}\n"
        "relations:\n  - {id: 'x%\"1', from: s, to: Big, type: support}\n"
        "  - {from: Big, to: 'x%\"1', type: undercut}\n",
        "m.yaml",
    ).map
    assert iccma.write_apx(amap).text == 'arg("Big").\narg(s).\narg(x_1).\natt("Big",x_1).\n'
    assert iccma.write_tgf(amap).text == "Big\ns\nx_1\n#\nBig x_1\n"


HELD_TEXT: dict[str, Callable[[int, Claim], str]] = {
    "apx": lambda index, claim: claim.id,
    "tgf": lambda index, claim: " ".join(claim.text.splitlines()).strip() or claim.id,
    "af": lambda index, claim: str(index + 1),
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(amap=argument_maps(), name=st.sampled_from(["apx", "tgf", "af"]))
def test_iccma_round_trip_keeps_the_framework_and_what_the_format_holds(amap: ArgumentMap, name: str) -> None:
    fmt = registry.by_name(name)
    written = fmt.write(amap)
    back = fmt.read(written.text, f"r.{name}")
    assert not [d for d in back.diagnostics if d.check_id != "renamed-id"]
    before, after = framework_from_map(amap), framework_from_map(back.map)
    if name == "af":
        # Arguments are numbers: every one, inference nodes too, is now a claim, in the same place.
        assert after.claim_count == len(before.arguments)
        assert set(after.attacks) == set(before.attacks)
    else:
        # An inference node is read back as the relation it stands for, undercut again
        # (or, when the file does not show it as argmap writes one, as a claim named after it).
        named = {c.id: c.text for c in back.map.claims if c.id not in before.arguments}
        assert {named.get(a, a) for a in after.arguments} == set(before.arguments)
        assert {(named.get(a, a), named.get(b, b)) for a, b in after.attack_ids()} == set(before.attack_ids())
    claims = list(amap.claim_index().values())
    read_back = back.map.claims[: len(claims)]
    expected_ids = [str(i + 1) for i in range(len(claims))] if name == "af" else [c.id for c in claims]
    assert [c.id for c in read_back] == expected_ids
    assert [c.text for c in read_back] == [HELD_TEXT[name](i, c) for i, c in enumerate(claims)]
    losses = {loss.kind: loss.times for loss in written.losses}
    assert losses.get("text", 0) == sum(a.text != b.text for a, b in zip(claims, read_back, strict=True))
    assert losses.get("support", 0) == sum(r.type is RelationType.SUPPORT for r in amap.relations)
    assert losses.get("undercut", 0) == sum(r.type is RelationType.UNDERCUT for r in amap.relations)
    assert "attack" not in losses


FRAMEWORK_PIECES = st.sampled_from(
    [
        *("arg(a).", "arg(b).", 'arg("x y").', "att(a,b).", "att(b,a).", "arg(", ")", ",", ".", "%", '"'),
        *("#", "a", "b", "a b", "a b label", "1 2", "2 1", "p af 2", "p af", "p", "0", "3", "-1", "\t", " "),
    ]
)
FRAMEWORK_TEXTS = st.lists(FRAMEWORK_PIECES | st.just("\n"), max_size=30).map("".join) | st.text(max_size=60)


@settings(max_examples=400, deadline=None)
@given(text=FRAMEWORK_TEXTS, name=st.sampled_from(["apx", "tgf", "af"]))
def test_any_text_reads_as_a_map_or_fails_cleanly(text: str, name: str) -> None:
    try:
        result = registry.by_name(name).read(text, "r")
    except ArgmapError:
        return
    ids = [c.id for c in result.map.claims]
    assert len(set(ids)) == len(ids)
    assert all(ID_PATTERN.match(i) for i in ids)
    check_loaded(result, read_sources=False)


def test_an_id_with_a_line_break_is_refused() -> None:
    # The writers rely on ids being one line: `$` in the id pattern let "a\n" through.
    result = load_yaml_text('claims:\n  - id: "a\\n"\n    text: A.\n', "m.yaml")
    assert [d.check_id for d in result.diagnostics] == ["invalid-id"]


# -- GraphML --------------------------------------------------------------------------

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def graphml_back(text: str) -> dict[str, Any]:
    """What a GraphML tool sees: graph data, nodes and edges with their data by attr.name."""
    root = ET.fromstring(text)
    key_names = {
        k.get("id", ""): k.get("attr.name", "") for k in root.findall("g:key", NS) if k.get("attr.name")
    }

    def data(element: ET.Element) -> dict[str, str]:
        return {
            key_names[d.get("key", "")]: d.text or ""
            for d in element.findall("g:data", NS)
            if d.get("key", "") in key_names
        }

    graph_element = root.find("g:graph", NS)
    assert graph_element is not None
    return {
        "graph": data(graph_element),
        "nodes": [(n.get("id"), data(n)) for n in graph_element.findall("g:node", NS)],
        "edges": [
            (e.get("id"), e.get("source"), e.get("target"), data(e))
            for e in graph_element.findall("g:edge", NS)
        ],
    }


def expected_graphml(amap: ArgumentMap) -> dict[str, Any]:
    contract = graph.to_graph(amap)
    graph_data: dict[str, str] = {k: contract[k] for k in ("title", "description") if k in contract}
    graph_data |= {
        k: json.dumps(contract[k], ensure_ascii=False)
        for k in ("sources", "sides", "expect")
        if k in contract
    }
    nodes = []
    for node in contract["nodes"]:
        fields = {"label": node["text"]}
        if "by" in node:
            fields["side"] = node["by"]
        if "tags" in node:
            fields["tags"] = json.dumps(node["tags"], ensure_ascii=False)
        if "weight" in node:
            fields["weight"] = repr(node["weight"])
        if "note" in node:
            fields["note"] = node["note"]
        if "label" in node:
            fields["short-label"] = node["label"]
        if "step" in node:
            fields["step"] = str(node["step"])
        if "source" in node:
            fields["citations"] = json.dumps(
                [node["source"], *node.get("more_sources", [])], ensure_ascii=False
            )
        if node.get("implicit"):
            fields["implicit"] = "true"
        nodes.append((node["id"], fields))
    by_id = {r["id"]: r for r in contract["relations"]}
    edges = []
    for relation in contract["relations"]:
        target, fields = relation["to"], {"type": relation["type"]}
        if "group" in relation:
            fields["group"] = relation["group"]
        if relation["type"] == "undercut":
            fields["undercuts"] = target
        if "weight" in relation:
            fields["relation-weight"] = repr(relation["weight"])
        if relation["type"] == "undercut":
            while target in by_id:  # the inference's conclusion (through undercuts of undercuts)
                target = by_id[target]["to"]
        edges.append((relation["id"], relation["from"], target, fields))
    return {"graph": graph_data, "nodes": nodes, "edges": edges}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_graphml_is_xml_holding_the_whole_map(amap: ArgumentMap) -> None:
    written = graphml.write(amap)
    assert written.losses == ()
    assert graphml_back(written.text) == expected_graphml(amap)
    assert graphml.write(amap).text == written.text


def test_graphml_writes_labels_and_steps_as_typed_node_data() -> None:
    # The property test above sees steps only when hypothesis draws them; this always does.
    amap = load_yaml_text(
        "claims:\n  - id: c\n    text: C.\n    label: Conclusion\n    step: 1\n"
        "    premises:\n      - id: p\n        text: P.\n        step: 12\n",
        "m.yaml",
    ).map
    written = graphml.write(amap)
    assert written.losses == ()
    assert graphml_back(written.text)["nodes"] == [
        ("c", {"label": "C.", "short-label": "Conclusion", "step": "1"}),
        ("p", {"label": "P.", "step": "12"}),
    ]
    types = {k.get("attr.name"): k.get("attr.type") for k in ET.fromstring(written.text).findall("g:key", NS)}
    assert (types["short-label"], types["step"]) == ("string", "int")


def test_graphml_keeps_carriage_returns_and_replaces_what_xml_cannot_hold() -> None:
    amap = load_yaml_text('claims:\n  - id: a\n    text: "one\\r\\ntwo \\x01 & <three>"\n', "m.yaml").map
    written = graphml.write(amap)
    assert graphml_back(written.text)["nodes"] == [("a", {"label": "one\r\ntwo \ufffd & <three>"})]
    assert [str(loss) for loss in written.losses] == [
        "1 character: control characters XML 1.0 cannot hold were written as U+FFFD"
    ]


def test_graphml_draws_for_yed() -> None:
    amap = load_yaml_text(FEATURES.replace("a: {name: A}", 'a: {name: A, colour: "#1f5fa8"}'), "m.yaml").map
    root = ET.fromstring(graphml.write(amap).text)
    y = "{http://www.yworks.com/xml/graphml}"
    shapes = root.iter(f"{y}ShapeNode")
    first = next(shapes)
    label = first.find(f"{y}NodeLabel")
    border = first.find(f"{y}BorderStyle")
    assert (
        label.text if label is not None else None,
        border.get("color") if border is not None else None,
    ) == (
        "Main claim",
        "#1f5fa8",
    )
    lines = [(s.get("color"), s.get("type")) for s in root.iter(f"{y}LineStyle")]
    assert lines == [
        ("#2E7D32", "line"),  # p1 supports c1
        ("#7B1FA2", "dotted"),  # u1 undercuts that
        ("#2E7D32", "line"),
        ("#2E7D32", "line"),
        ("#C62828", "dashed"),  # k1 attacks c1
    ]
    assert math.isclose(float(next(root.iter(f"{y}Geometry")).get("width") or 0), 90.0)
