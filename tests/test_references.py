"""Maps that refer to claims of other maps (`other.yaml#x`): resolution on
loading, its diagnostics, what each command makes of a referred claim,
`argmap where`, and corpora."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.checks.gate import check_file, check_files
from argmap.checks.where import where
from argmap.cli import app
from argmap.formats import references, registry
from argmap.formats.native.graph import dumps as graph_dumps
from argmap.formats.native.read import load_json_text
from argmap.formats.native.tree import dumps as tree_dumps
from argmap.formats.references import CORPUS_MARKER, ReferenceCache, load_map, resolve_references
from argmap.model import Claim, parse_reference
from argmap.render.dot import DotRenderer
from argmap.render.options import RenderOptions

runner = CliRunner()

OTHER = "title: Other\nclaims:\n  - id: x\n    text: The claim over there.\n    label: Over there\n"
MAIN = """\
title: Main
claims:
  - id: c
    text: The conclusion here.
    premises:
      - other.yaml#x
      - id: p
        text: A premise here.
relations:
  - {from: other.yaml#x, to: p, type: attack}
"""


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def maps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """main.yaml referring to other.yaml#x, in the current folder."""
    (tmp_path / "other.yaml").write_text(OTHER, encoding="utf-8")
    (tmp_path / "main.yaml").write_text(MAIN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def found(path: str | Path) -> list[tuple[str, int, int]]:
    return [(d.check_id, d.span.line, d.span.column) for d in check_file(path).diagnostics]


def test_parse_reference() -> None:
    assert parse_reference("other.yaml#x") == ("other.yaml", "x")
    assert parse_reference("../a/b.json#claim-2") == ("../a/b.json", "claim-2")
    assert parse_reference("x") is None
    assert parse_reference("a b.yaml#x") is None
    assert parse_reference("a.yaml#x#y") is None


def test_the_referred_claim_is_brought_in_marked_with_its_map(maps: Path) -> None:
    result = load_map("main.yaml")
    assert result.diagnostics == []
    brought = result.map.claims[-1]
    assert brought == Claim(
        "other.yaml#x",
        "The claim over there.",
        label="Over there",
        span=brought.span,
        id_span=brought.span,
        origin="other.yaml",
    )
    assert brought.span is not None and (brought.span.line, brought.span.column) == (6, 9)
    assert [c.id for c in result.map.claims] == ["c", "p", "other.yaml#x"]
    assert found("main.yaml") == []


def test_a_typo_in_the_id_is_a_dangling_ref_at_its_line(maps: Path) -> None:
    (maps / "main.yaml").write_text(MAIN.replace("- other.yaml#x", "- other.yaml#xx"), encoding="utf-8")
    checked = check_file("main.yaml")
    assert [str(d) for d in checked.diagnostics] == [
        "main.yaml:6:9: error: claim 'xx' is not defined in other.yaml; did you mean 'other.yaml#x'? (dangling-ref)"
    ]


def test_a_missing_file_a_bad_file_and_a_cycle(maps: Path) -> None:
    (maps / "broken.yaml").write_text("claims: [\n", encoding="utf-8")
    (maps / "back.yaml").write_text(
        "claims:\n  - id: b\n    text: B.\n    premises: [main.yaml#c]\n", encoding="utf-8"
    )
    text = MAIN.replace(
        "      - other.yaml#x\n", "      - none.yaml#x\n      - broken.yaml#x\n      - back.yaml#b\n"
    )
    (maps / "main.yaml").write_text(text, encoding="utf-8")
    assert found("main.yaml") == [
        ("dangling-ref", 6, 9),
        ("ref-unreadable", 7, 9),
        ("ref-cycle", 8, 9),
    ]
    messages = [d.message for d in check_file("main.yaml").diagnostics]
    assert messages[0] == "'none.yaml#x': there is no map none.yaml"
    assert messages[1].startswith("'broken.yaml#x': broken.yaml:2:1: error: ")
    assert messages[2] == "'back.yaml#b': the references come back here: main.yaml -> back.yaml -> main.yaml"


def test_a_cycle_further_away_is_found_through_the_chain(maps: Path) -> None:
    (maps / "other.yaml").write_text(OTHER + "  - id: y\n    text: Y.\n    premises: [third.yaml#t]\n")
    (maps / "third.yaml").write_text("claims:\n  - id: t\n    text: T.\n    premises: [main.yaml#p]\n")
    [diagnostic] = check_file("main.yaml").diagnostics[:1]
    assert diagnostic.check_id == "ref-cycle"
    assert diagnostic.message.endswith("main.yaml -> other.yaml -> third.yaml -> main.yaml")


def test_escaping_a_corpus_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "outside.yaml").write_text(OTHER, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "main.yaml").write_text(MAIN.replace("other.yaml#x", "../outside.yaml#x"), encoding="utf-8")
    monkeypatch.chdir(corpus)
    assert found("main.yaml") == []  # no corpus: a reference may go anywhere
    validation = check_files(["main.yaml"], corpus=Path())
    assert [str(d) for d in validation.diagnostics] == [
        "main.yaml:6:9: error: '../outside.yaml#x': ../outside.yaml is outside the corpus "
        "(the folder '.' from here) (ref-escape)",
        "main.yaml:10:5: error: '../outside.yaml#x': ../outside.yaml is outside the corpus "
        "(the folder '.' from here) (ref-escape)",
    ]
    (corpus / CORPUS_MARKER).write_text("", encoding="utf-8")  # the marker file sets the root too
    assert found("main.yaml")[:1] == [("ref-escape", 6, 9)]


def test_each_referred_map_is_read_once(maps: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[Path] = []
    real = registry.load_path

    def counting(path: Path | str, fmt: str | None = None) -> object:
        reads.append(Path(path))
        return real(path, fmt)

    monkeypatch.setattr(references, "load_path", counting)
    (maps / "second.yaml").write_text(MAIN.replace("id: c", "id: c2").replace("id: p", "id: p2"))
    cache = ReferenceCache()
    load_map("main.yaml", cache=cache)
    load_map("second.yaml", cache=cache)
    assert reads == [Path("main.yaml"), Path("other.yaml"), Path("second.yaml")]


def test_loading_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long chain of maps is followed only so deep, and only so many are read."""
    monkeypatch.chdir(tmp_path)
    for n in range(60):
        Path(f"m{n}.yaml").write_text(
            f"claims:\n  - id: c\n    text: C{n}.\n    premises: [m{n + 1}.yaml#c]\n"
        )
    Path("m60.yaml").write_text("claims:\n  - id: c\n    text: The end.\n    premises: [m0.yaml#c]\n")
    assert found("m0.yaml") == []  # the cycle is beyond MAX_DEPTH
    cache = ReferenceCache(max_depth=100)
    assert [d.check_id for d in load_map("m0.yaml", cache=cache).diagnostics] == ["ref-cycle"]
    cache = ReferenceCache(max_files=1, max_depth=100)
    assert load_map("m0.yaml", cache=cache).diagnostics == []
    assert (cache.referred, len(cache.maps)) == (1, 2)


def test_a_relation_from_a_reference_is_read(maps: Path) -> None:
    amap = load_map("main.yaml").map
    assert [(r.source, r.target, r.type.value) for r in amap.relations] == [
        ("p", "c", "support"),
        ("other.yaml#x", "c", "support"),
        ("other.yaml#x", "p", "attack"),
    ]


def test_without_resolution_a_reference_is_dangling(maps: Path) -> None:
    from argmap.checks.gate import check_loaded
    from argmap.formats.registry import load_path

    checked = check_loaded(load_path("main.yaml"))
    assert {d.check_id for d in checked.diagnostics} == {"dangling-ref"}
    assert check_loaded(resolve_references(load_path("main.yaml"))).diagnostics == []


def test_the_forms_write_the_reference_not_the_claim(maps: Path) -> None:
    amap = load_map("main.yaml").map
    tree = tree_dumps(amap)
    assert "other.yaml#x" in tree and "The claim over there." not in tree
    (maps / "again.yaml").write_text(tree, encoding="utf-8")
    again_map, first_map = load_map("again.yaml").map, load_map("main.yaml").map
    assert [(c.id, c.text, c.origin) for c in again_map.claims] == [
        (c.id, c.text, c.origin) for c in first_map.claims
    ]
    assert [r.id for r in again_map.relations] == [r.id for r in first_map.relations]
    graph = json.loads(graph_dumps(amap))
    assert graph["nodes"][-1] == {
        "id": "other.yaml#x",
        "text": "The claim over there.",
        "label": "Over there",
        "origin": "other.yaml",
    }
    # The graph form keeps the claim: read back, it needs no other file.
    again = load_json_text(graph_dumps(amap), "again.json")
    assert again.diagnostics == []
    assert again.map.claims[-1].origin == "other.yaml"


def test_a_graph_node_with_origin_must_be_named_by_its_reference(maps: Path) -> None:
    text = '{"nodes": [{"id": "x", "text": "X.", "origin": "other.yaml"}]}'
    result = load_json_text(text, "bad.json")
    assert [(d.check_id, d.span.line) for d in result.diagnostics] == [("invalid-id", 1)]


def test_render_draws_the_referred_claim_in_a_box_named_after_its_map(
    maps: Path, golden: Callable[[str, str], None]
) -> None:
    golden("references.dot", DotRenderer().render(load_map("main.yaml").map, RenderOptions()))


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot on the PATH")
def test_the_box_of_a_map_with_an_awkward_name_is_escaped(maps: Path) -> None:
    name = 'we"ird\\N<b>.yaml'
    (maps / name).write_text(OTHER, encoding="utf-8")
    (maps / "main.yaml").write_text(MAIN.replace("other.yaml#x", f"{name}#x"), encoding="utf-8")
    dot = DotRenderer().render(load_map("main.yaml").map, RenderOptions())
    assert 'graph [label="we\\"ird\\\\N<b>.yaml" style="dashed"' in dot
    svg = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True, check=True).stdout
    assert "<text" in svg and "we&quot;ird\\N&lt;b&gt;.yaml</text>" in svg


def test_show_marks_the_referred_claim(maps: Path) -> None:
    assert run("show", "main.yaml") == (
        0,
        "Main\n"
        "└── [c] The conclusion here.\n"
        "    ├── + [p] A premise here.\n"
        "    │   └── - [other.yaml#x] (from other.yaml) The claim over there.\n"
        "    └── + [other.yaml#x] (from other.yaml) (see above)\n",
        "",
    )


def test_evaluate_prep_and_diff_include_the_referred_claim(maps: Path) -> None:
    code, out, err = run("evaluate", "main.yaml", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["labels"]["other.yaml#x"] == "in"
    (maps / "sided.yaml").write_text(
        "sides:\n  pro: {name: Pro}\n"
        + MAIN.replace("title: Main\n", "").replace(
            "    text: The conclusion here.\n", "    text: The conclusion here.\n    by: pro\n"
        ),
        encoding="utf-8",
    )
    code, out, err = run("prep", "sided.yaml", "--side", "pro", "--format", "json")
    assert (code, err) == (0, "")
    assert "other.yaml#x" in out
    (maps / "new.yaml").write_text(MAIN.replace("      - other.yaml#x\n", ""), encoding="utf-8")
    code, out, _ = run("diff", "main.yaml", "new.yaml", "--format", "json")
    assert code == 1
    assert {"kind": "relation-removed", "id": "support:other.yaml#x:c"}.items() <= json.loads(out)["changes"][
        0
    ].items()


def test_where_lists_definition_and_references(maps: Path) -> None:
    (maps / "sub").mkdir()
    (maps / "sub" / "third.yaml").write_text(
        "claims:\n  - id: t\n    text: T.\n    counterclaims: [../other.yaml#x]\n", encoding="utf-8"
    )
    expected = (
        "main.yaml:6:9: refers to other.yaml#x\n"
        "main.yaml:10:5: refers to other.yaml#x\n"
        "other.yaml:3:9: defines x\n"
        "sub/third.yaml:4:21: refers to ../other.yaml#x\n"
    )
    assert run("where", "other.yaml#x") == (0, expected, "")
    assert run("where", "x", ".") == (0, expected, "")
    assert run("where", "p", "main.yaml") == (0, "main.yaml:7:13: defines p\nmain.yaml:10:30: names p\n", "")
    assert run("where", "nothing") == (1, "", "")
    assert run("where", "other.yaml#nothing") == (1, "", "")
    assert run("where", "none.yaml#x") == (2, "", "argmap: none.yaml#x: there is no map none.yaml\n")
    assert run("where", "a b") == (2, "", "argmap: 'a b' is neither a claim id nor FILE#ID\n")
    (maps / "broken.yaml").write_text("claims: [\n", encoding="utf-8")
    code, out, err = run("where", "x")
    assert (code, out) == (2, expected)
    assert err.startswith("argmap: broken.yaml:2:1: error: ")
    assert [str(p) for p in where("other.yaml#x", ["main.yaml"]).places][-1] == "other.yaml:3:9: defines x"


def test_validate_corpus(maps: Path) -> None:
    (maps / "sub").mkdir()
    (maps / "sub" / "third.yaml").write_text(
        "claims:\n  - id: t\n    text: T.\n    counterclaims: [../other.yaml#x, ../../out.yaml#x]\n",
        encoding="utf-8",
    )
    (maps.parent / "out.yaml").write_text(OTHER, encoding="utf-8")
    code, out, err = run("validate", "--corpus", ".")
    assert code == 1
    assert out == (
        "sub/third.yaml:4:38: error: '../../out.yaml#x': ../../out.yaml is outside the corpus "
        "(the folder '..' from here) (ref-escape)\n"
    )
    assert err == "1 error(s), 0 warning(s), 0 unreadable, in 3 file(s)\n"
    assert run("validate", "--corpus", "nowhere") == (2, "", "argmap: --corpus nowhere: no such folder\n")
    assert run("validate") == (
        2,
        "",
        "argmap: name map files or folders to check, or a corpus folder with --corpus\n",
    )


def test_evaluate_a_folder_joins_its_maps_into_one_corpus(maps: Path) -> None:
    """An attack in one map on a claim of another counts in the corpus,
    and not when that other map is evaluated alone."""
    (maps / "sub").mkdir()
    (maps / "sub" / "objection.yaml").write_text(
        "claims:\n  - id: o\n    text: The claim over there is false.\n"
        "relations:\n  - {from: o, to: ../other.yaml#x, type: attack}\n",
        encoding="utf-8",
    )
    assert run("evaluate", "other.yaml") == (
        0,
        "grounded: 1 in, 0 out, 0 undec\nx  in  The claim over there.\n",
        "",
    )
    assert run("evaluate", ".") == (
        0,
        "grounded: 3 in, 1 out, 0 undec\n"
        "main.yaml#c           in   The conclusion here.\n"
        "main.yaml#p           in   A premise here.\n"
        "other.yaml#x          out  The claim over there.\n"
        "sub/objection.yaml#o  in   The claim over there is false.\n",
        "",
    )


def test_the_joined_corpus_keeps_each_map_s_own_outcome(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.analysis.evaluate import evaluate as run_evaluation
    from argmap.checks.corpus import open_corpus
    from argmap.formats.framework import framework_from_map
    from argmap.model import Semantics

    data = Path(__file__).parent / "data" / "valid"
    for name in ("all-features.yaml", "linked.yaml", "graph-form.json"):
        (tmp_path / name).write_bytes((data / name).read_bytes())
    monkeypatch.chdir(tmp_path)
    joined = run_evaluation(framework_from_map(open_corpus(Path()).map), Semantics.GROUNDED).to_json()
    for name in ("all-features.yaml", "linked.yaml", "graph-form.json"):
        alone = run_evaluation(framework_from_map(load_map(name).map), Semantics.GROUNDED).to_json()
        assert alone["labels"] == {
            key.partition("#")[2]: label
            for key, label in joined["labels"].items()
            if key.startswith(name + "#")
        }
    assert run("evaluate", "nowhere")[0] == 2


def test_in_a_corpus_a_claim_other_maps_use_is_not_isolated(maps: Path) -> None:
    (maps / "other.yaml").write_text(OTHER + "  - id: lone\n    text: Nobody uses this one.\n")
    isolated = "other.yaml:{}:5: warning: claim '{}' is connected to nothing (isolated-claim)"
    code, out, _ = run("validate", "other.yaml")
    assert (code, out.splitlines()) == (0, [isolated.format(3, "x"), isolated.format(6, "lone")])
    code, out, _ = run("validate", "--corpus", ".")
    assert (code, out.splitlines()) == (0, [isolated.format(6, "lone")])


def test_a_reference_to_the_map_itself(maps: Path) -> None:
    (maps / "main.yaml").write_text(MAIN.replace("- other.yaml#x", "- main.yaml#p"), encoding="utf-8")
    assert [str(d) for d in check_file("main.yaml").diagnostics] == [
        "main.yaml:6:9: error: 'main.yaml#p' is a claim of this map: write just 'p' (ref-cycle)"
    ]


def test_convert_to_another_folder_keeps_the_references_pointing_at_the_same_map(maps: Path) -> None:
    (maps / "moved").mkdir()
    assert run("convert", "main.yaml", "moved/main.yaml") == (0, "", "wrote moved/main.yaml\n")
    written = (maps / "moved" / "main.yaml").read_text(encoding="utf-8")
    assert "../other.yaml#x" in written and "The claim over there." not in written
    moved = load_map("moved/main.yaml")
    assert moved.diagnostics == []
    assert [r.id for r in moved.map.relations] == [
        "support:p:c",
        "support:../other.yaml#x:c",
        "attack:../other.yaml#x:p",
    ]
    assert moved.map.claims[-1].text == "The claim over there."


def test_a_broken_reference_stops_render_and_writes_nothing(maps: Path) -> None:
    (maps / "main.yaml").write_text(MAIN.replace("- other.yaml#x", "- other.yaml#xx"), encoding="utf-8")
    code, out, err = run("render", "main.yaml", "-o", "main.svg")
    assert (code, out) == (1, "")
    assert err == (
        "main.yaml:6:9: error: claim 'xx' is not defined in other.yaml; did you mean 'other.yaml#x'? (dangling-ref)\n"
        "argmap: main.yaml: 1 error(s); fix them first\n"
    )
    assert not (maps / "main.svg").exists()


def test_the_library_resolves_references_on_load(maps: Path) -> None:
    import argmap

    loaded = argmap.load("main.yaml")
    assert [str(d) for d in loaded.check()] == []
    assert [c.text for c in loaded.claims][-1] == "The claim over there."
    typo = argmap.loads(MAIN.replace("- other.yaml#x", "- other.yaml#xx"), name="main.yaml")
    assert [(d.check_id, d.line, d.column) for d in typo.check()] == [("dangling-ref", 6, 9)]


def test_a_map_on_standard_input_refers_from_the_current_folder(maps: Path) -> None:
    result = runner.invoke(app, ["validate", "-"], input=MAIN.replace("- other.yaml#x", "- other.yaml#q"))
    assert (result.exit_code, result.stdout) == (
        1,
        "<stdin>:6:9: error: claim 'q' is not defined in other.yaml (dangling-ref)\n",
    )
    shown = runner.invoke(app, ["show", "-"], input=MAIN)
    assert shown.exit_code == 0
    assert "[other.yaml#x] (from other.yaml) The claim over there." in shown.stdout
