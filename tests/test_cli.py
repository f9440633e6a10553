"""The command line, as users run it: exit codes, stdout and stderr apart."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap import __version__
from argmap.cli import COMMANDS as COMMAND_TABLE
from argmap.cli import app

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent
runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def in_valid(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A copy of the valid data cases, as the current folder."""
    folder = tmp_path / "maps"
    shutil.copytree(DATA / "valid", folder)
    monkeypatch.chdir(folder)
    return folder


def test_version() -> None:
    assert run("--version") == (0, f"argmap {__version__}\n", "")


def test_validate_clean_file(in_valid: Path) -> None:
    assert run("validate", "all-features.yaml") == (0, "", "1 file(s) checked: no problems\n")
    assert run("validate", "--quiet", "all-features.yaml") == (0, "", "")


def test_validate_reports_problems_one_a_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA / "invalid")
    code, out, err = run("validate", "cycles.yaml")
    assert code == 1
    assert out == (DATA / "invalid" / "cycles.expected").read_text(encoding="utf-8")
    assert err == "3 error(s), 1 warning(s), 0 unreadable, in 1 file(s)\n"


def test_validate_folder_recursively_and_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yaml").write_text("claims:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("validate", ".")
    assert code == 0
    assert out.splitlines() == [
        "sub/a.yaml:2:5: warning: claim 'a' is connected to nothing (isolated-claim)",
        "sub/a.yaml:4:5: warning: claim 'b' is connected to nothing (isolated-claim)",
    ]
    assert run("validate", "--strict", ".")[0] == 1


def test_validate_json_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA / "invalid")
    code, out, err = run("validate", "--format", "json", "version.yaml")
    assert code == 1
    assert err == ""
    assert json.loads(out) == {
        "files": [{"file": "version.yaml", "valid": False}],
        "diagnostics": [
            {
                "file": "version.yaml",
                "line": 1,
                "column": 9,
                "severity": "error",
                "check": "unsupported-version",
                "message": "format version '2' is not supported (this argmap reads version 1)",
            }
        ],
        "errors": 1,
        "warnings": 0,
    }


def test_validate_nothing_found_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = run("validate", tmp_path)
    assert (code, out) == (2, "")
    assert err == f"argmap: no map files (.yaml, .yml, .json) found in {tmp_path}\n"


def test_every_map_in_arguments_validates_strictly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert run("validate", "--strict", "--quiet", "arguments") == (0, "", "")


def test_show_json_is_the_graph_form(in_valid: Path) -> None:
    code, out, err = run("show", "--format", "json", "graph-form.json")
    assert (code, err) == (0, "")
    assert json.loads(out) == json.loads((in_valid / "graph-form.json").read_text())


def test_show_tree_plain_when_piped(in_valid: Path) -> None:
    code, out, err = run("show", "all-features.yaml")
    assert (code, err) == (0, "")
    assert out == (
        "Test\n"
        "└── [c1] A: Main claim\n"
        "    ├── + [p1] Premise one\n"
        "    │   ├── ~ [u1] B: It does not follow\n"
        "    │   └── ~ [r1] Rebuttal\n"
        "    ├── & linked: p2+p3\n"
        "    │   ├── + [p2] Linked two\n"
        "    │   └── + [p3] Linked three\n"
        "    ├── - [k1] B: Counter\n"
        "    │   └── - [r1] (see above)\n"
        "    └── + [x1] Cross-linked premise\n"
        "        └── + [p1] (see above)\n"
    )


def test_show_depth_root_and_side(in_valid: Path) -> None:
    assert (
        run("show", "--depth", "0", "all-features.yaml")[1]
        == "Test\n└── [c1] A: Main claim\n    └── +7 more\n"
    )
    code, out, _ = run("show", "--root", "k1", "all-features.yaml")
    assert (code, out) == (0, "Test\n└── [k1] B: Counter\n    └── - [r1] Rebuttal\n")
    code, out, err = run("show", "--root", "nope", "all-features.yaml")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "nope" in err


def test_show_prints_brackets_as_written(in_valid: Path) -> None:
    code, out, _ = run("show", "unicode.yaml")
    assert code == 0
    assert "[sic]" in out and "«всегда»" in out


def test_show_refuses_an_invalid_map(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA / "invalid")
    code, out, err = run("show", "version.yaml")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "version.yaml:1:9: error: format version '2' is not supported (this argmap reads version 1) "
        "(unsupported-version)",
        "argmap: version.yaml: 1 error(s); fix them first",
    ]


def test_list_table(in_valid: Path) -> None:
    code, out, err = run("list")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        " file               title                              claims  supports  attacks  undercuts  sides  valid",
        " all-features.yaml  Test                                    8         5        2          2  a, b   yes",
        " graph-form.json    Graph form                              3         1        0          1         yes",
        " linked.yaml        Linked attacks                          8         2        2          3         yes",
        " refers.yaml        A map that refers to another            4         2        1          0         yes",
        " unicode.yaml       Scripts: Кириллица, 中文, العربية       3         2        0          0  ru     yes",
    ]


def test_list_json(in_valid: Path) -> None:
    code, out, _ = run("list", "--format", "json", "graph-form.json")
    assert code == 0
    assert json.loads(out) == [
        {
            "file": "graph-form.json",
            "title": "Graph form",
            "claims": 3,
            "supports": 1,
            "attacks": 0,
            "undercuts": 1,
            "sides": [],
            "errors": 0,
            "warnings": 0,
            "unreadable": None,
            "valid": True,
        }
    ]


def test_convert_round_trip(in_valid: Path) -> None:
    assert run("convert", "all-features.yaml", "a.json")[0] == 0
    assert run("convert", "a.json", "b.yaml")[0] == 0
    assert run("convert", "b.yaml", "c.json")[0] == 0
    assert (in_valid / "a.json").read_text() == (in_valid / "c.json").read_text()


def test_convert_never_writes_over_its_input(in_valid: Path) -> None:
    before = (in_valid / "graph-form.json").read_bytes()
    code, out, err = run("convert", "graph-form.json", "./graph-form.json")
    assert (code, out) == (2, "")
    assert err == "argmap: graph-form.json: refusing to write over an input file\n"
    assert (in_valid / "graph-form.json").read_bytes() == before


def test_convert_writes_nothing_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA / "invalid")
    out = tmp_path / "x.json"
    code, _, _ = run("convert", "cycles.yaml", out)
    assert code == 1
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_schema_is_json_and_matches_the_shipped_file() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert out == (REPO / "argmap" / "schema" / "argmap.schema.json").read_text(encoding="utf-8")
    assert json.loads(out)["title"].startswith("argmap argument map")


def test_checks_lists_every_check_id() -> None:
    code, out, _ = run("checks")
    ids = [line.split()[0] for line in out.splitlines()]
    assert code == 0
    assert {"dangling-ref", "support-cycle", "quote-not-found", "unknown-key", "isolated-claim"} <= set(ids)
    assert ids == sorted(ids)


COMMANDS = sorted(row.name for row in COMMAND_TABLE)


def test_the_command_list_is_read_from_the_app() -> None:
    assert {"validate", "show", "list", "render", "convert", "coverage", "schema", "checks"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_a_readme_section(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Usage: argmap " + command in out
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"argmap {command}" in readme, f"README has no section for argmap {command}"


def test_format_doc_example_is_a_valid_map() -> None:
    from argmap.checks.gate import check_loaded
    from argmap.formats.native.read import load_yaml_text

    doc = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    example = doc.split("## A whole map\n\n```yaml\n", 1)[1].split("```", 1)[0]
    checked = check_loaded(load_yaml_text(example, "format.md"), read_sources=False)
    assert [str(d) for d in checked.diagnostics] == []
    assert len(checked.map.claims) == 7


def test_show_colours_on_a_terminal_and_none_with_no_color(in_valid: Path) -> None:
    coloured = runner.invoke(app, ["show", "all-features.yaml"], env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[1;32m+ " in coloured.stdout  # support glyph in green
    assert "\x1b[1;31m- " in coloured.stdout  # attack glyph in red
    plain = runner.invoke(app, ["show", "all-features.yaml"], env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b" not in plain.stdout
    assert plain.stdout == run("show", "all-features.yaml")[1]


def test_convert_to_another_folder_keeps_source_files_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    out = tmp_path / "elsewhere" / "map.json"
    out.parent.mkdir()
    assert run("convert", "arguments/socialism-in-one-country.yaml", out)[0] == 0
    source_file = json.loads(out.read_text())["sources"]["essay"]["file"]
    assert (out.parent / source_file).resolve() == (REPO / "arguments/sources/trotsky-quantum-dialectics.txt")
    assert run("validate", "--strict", "-q", out) == (0, "", "")


def test_render_svg_with_each_backend_and_dot_without_graphviz(
    in_valid: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("render", "all-features.yaml", "-o", "e.svg", "--renderer", "embedded") == (
        0,
        "",
        "wrote e.svg\n",
    )
    svg = (in_valid / "e.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and 'id="c1"' in svg and 'id="support:p1:c1"' in svg
    if shutil.which("dot"):
        assert run("render", "all-features.yaml", "-o", "s.svg", "--renderer", "system")[0] == 0
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setitem(__import__("sys").modules, "pygraphviz", None)
    code, out, err = run("render", "all-features.yaml", "-o", "none.svg")
    assert (code, out) == (3, "")
    assert err == (
        "argmap: no Graphviz: `dot` is not on PATH and pygraphviz is not installed; install graphviz "
        "(apt-get install graphviz) or pip install pygraphviz\n"
    )
    assert not (in_valid / "none.svg").exists()
    code, out, err = run("render", "all-features.yaml", "--format", "dot")
    assert (code, err) == (0, "")
    assert out.startswith('digraph "argmap" {')


def test_render_refuses_unknown_suffix_and_missing_folder(in_valid: Path) -> None:
    assert run("render", "all-features.yaml", "-o", "map.jpg") == (
        2,
        "",
        "argmap: map.jpg: cannot tell the format from '.jpg'; use .dot, .svg, .png, .pdf, .html or .mmd, or --format\n",
    )
    code, _, err = run("render", "all-features.yaml", "-o", "no/such/folder/map.svg")
    assert code == 2
    assert err == "argmap: no/such/folder/map.svg: folder no/such/folder does not exist\n"
    code, _, err = run("render", "all-features.yaml", "-o", "all-features.yaml", "--format", "svg")
    assert code == 2
    assert "does not match" in err or "refusing to write over an input" in err


def test_show_root_is_the_top_even_when_something_under_it_attacks_back(tmp_path: Path) -> None:
    # x attacks r and r attacks x: in the sub-map under r neither is a
    # conclusion, and x comes first in the file; r must still be the top.
    (tmp_path / "m.yaml").write_text(
        "claims:\n"
        "  - {id: t, text: T., premises: [{id: x, text: X.}]}\n"
        "  - {id: r, text: R., counterclaims: [x]}\n"
        "relations:\n"
        "  - {from: r, to: x, type: attack}\n",
        encoding="utf-8",
    )
    code, out, err = run("show", "--root", "r", tmp_path / "m.yaml")
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == ["└── [r] R.", "    └── - [x] X.", "        └── - [r] (see above)"]


ODD_CYCLE_AND_CHAIN = (
    "claims:\n"
    "  - {id: a, text: A., counterclaims: [{id: b, text: B., counterclaims: [{id: c, text: C.}]}]}\n"
    "  - {id: p, text: P., counterclaims: [{id: q, text: Q., counterclaims: [{id: r, text: R., counterclaims: [p]}]}]}\n"
)


def test_show_eval_marks_each_claim_with_its_status_on_the_whole_map(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(ODD_CYCLE_AND_CHAIN, encoding="utf-8")
    code, out, err = run("show", "--eval", "grounded", "--root", "b", tmp_path / "m.yaml")
    assert (code, err) == (0, "")
    # b is out in the whole map (c attacks it), although c is all the view shows under it.
    assert out.splitlines()[1:] == ["└── [b] (✗ out) B.", "    └── - [c] (✓ in) C."]
    code, out, _ = run("show", "--eval", "dfquad", "--depth", "0", tmp_path / "m.yaml")
    assert out.splitlines()[1] == "├── [a] (0.38) A."


def test_show_eval_with_no_extension_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(ODD_CYCLE_AND_CHAIN, encoding="utf-8")
    code, out, err = run("show", "--eval", "stable", tmp_path / "m.yaml")
    assert (code, out) == (2, "")
    assert err == "argmap: --eval stable: the map has no stable extension\n"


def test_render_eval_shades_by_the_status_on_the_whole_map(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(ODD_CYCLE_AND_CHAIN, encoding="utf-8")
    code, out, err = run("render", "--eval", "grounded", "--root", "b", "-f", "dot", tmp_path / "m.yaml")
    assert (code, err) == (0, "")
    nodes = {
        line.split()[0]: line for line in out.splitlines() if line.startswith('\t"') and "->" not in line
    }
    assert "<S>B.</S>" in nodes['"b"'] and "b \u00b7 rejected" in nodes['"b"']
    assert "<S>" not in nodes['"c"'] and "c \u00b7 accepted" in nodes['"c"']
    code, out, _ = run("render", "--eval", "dfquad", "-f", "dot", tmp_path / "m.yaml")
    assert code == 0 and "a \u00b7 strength 0.38" in out


def test_render_eval_with_no_extension_is_a_usage_error_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(ODD_CYCLE_AND_CHAIN, encoding="utf-8")
    code, out, err = run("render", "--eval", "stable", tmp_path / "m.yaml", "-o", tmp_path / "m.svg")
    assert (code, out) == (2, "")
    assert err == "argmap: --eval stable: the map has no stable extension\n"
    assert not (tmp_path / "m.svg").exists()


# -- the error boundary and the choices ----------------------------------------------


def test_the_commands_are_listed_in_their_order() -> None:
    code, out, _ = run("--help")
    listing = out.split("Commands:\n", 1)[1].splitlines()
    names = [line.split()[0] for line in listing]
    assert code == 0
    assert names == [
        "validate",
        "show",
        "list",
        "coverage",
        "render",
        "slides",
        "convert",
        "evaluate",
        "schema",
        "checks",
        "prep",
        "diff",
        "git-setup",
        "git-diff-driver",
        "git-textconv",
        "log",
        "drill",
        "formats",
        "lsp",
        "preview",
        "init",
        "schemes",
        "where",
    ]


def test_a_bug_in_argmap_is_one_line_and_exit_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gc
    import sys

    from argmap.checks import gate
    from argmap.cli import main

    def broken(paths: object) -> list[Path]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(gate, "find_maps", broken)
    monkeypatch.setattr(gc, "disable", lambda: None)  # main() would turn it off for the whole test run
    monkeypatch.setattr(sys, "argv", ["argmap", "validate", "x.yaml"])
    monkeypatch.delenv("ARGMAP_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 70
    assert capsys.readouterr() == (
        "",
        "argmap: internal error: RuntimeError: a bug (set ARGMAP_DEBUG=1 for details)\n",
    )
    monkeypatch.setenv("ARGMAP_DEBUG", "1")
    with pytest.raises(RuntimeError, match=r"^a bug$"):
        main()


def test_ctrl_c_is_exit_130(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.checks import gate

    def interrupted(paths: object) -> list[Path]:
        raise KeyboardInterrupt

    monkeypatch.setattr(gate, "find_maps", interrupted)
    assert run("validate", "x.yaml") == (130, "", "argmap: interrupted\n")


def test_a_map_with_errors_exits_1_but_2_for_diff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA / "invalid")
    broken = sorted(p.name for p in (DATA / "invalid").glob("*.yaml"))[0]
    code, out, err = run("show", broken)
    assert (code, out) == (1, "")
    assert run("diff", broken, broken) == (2, "", err)


def test_the_semantics_choices_are_the_model_s() -> None:
    from argmap.cli.render import DiagramFormat
    from argmap.model import Semantics
    from argmap.render.pipeline import DRAWINGS

    assert [f.value for f in DiagramFormat] == list(DRAWINGS)
    every = "|".join(s.value for s in Semantics)
    assert "dfquad|quad|euler|quadratic-energy|h-categorizer" in every
    for command, option in (("diff", "--eval"), ("evaluate", "--semantics"), ("show", "--eval")):
        code, out, _ = run(command, "--help")
        assert code == 0 and f"{option} <{every}>" in out, command


def test_the_cli_s_other_choices_are_the_library_s() -> None:
    # The CLI spells these out so that `argmap --version` imports no library
    # module; this keeps the two lists one.
    from argmap.cli.debate import BriefFormatName, BriefPart
    from argmap.cli.render import Backend
    from argmap.render.brief import BRIEF_FORMATS
    from argmap.render.brief_layout import Part
    from argmap.render.graphviz import BACKENDS

    assert [f.value for f in BriefFormatName] == list(BRIEF_FORMATS)
    assert [p.value for p in BriefPart] == [p.value for p in Part]
    assert [b.value for b in Backend] == list(BACKENDS)
