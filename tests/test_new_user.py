"""Regression tests for what a new user hit walking through the README and
docs (issue 18, "What a new user hit"): misleading messages, options that
were silently ignored, help texts, round trips. Each test states the
behaviour a user sees: exit code, stdout and stderr."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.checks.editing import analyse
from argmap.checks.fixes import fixes
from argmap.checks.gate import check_loaded
from argmap.formats.registry import load_text
from argmap.model import ArgumentMap

runner = CliRunner()


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    from argmap.cli import app

    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def problems(text: str, file: str = "m.yaml") -> list[str]:
    """What validate prints for a map: `file:line:col: severity: message (id)`."""
    return [str(d) for d in check_loaded(load_text(text, file), read_sources=False).diagnostics]


# -- messages -----------------------------------------------------------------


def test_a_date_as_text_is_kept_as_written() -> None:
    text = "title: 2024-01-01\nclaims:\n  - id: c1\n    text: 2024-01-01\n"
    checked = check_loaded(load_text(text, "m.yaml"), read_sources=False)
    assert [str(d) for d in checked.diagnostics] == []
    assert (checked.map.title, checked.map.claims[0].text) == ("2024-01-01", "2024-01-01")


def test_a_tag_the_user_wrote_is_still_refused() -> None:
    text = "title: t\nclaims:\n  - id: c1\n    text: !!timestamp 2024-01-01\n"
    assert problems(text) == [
        "m.yaml:4:11: error: unsupported YAML tag 'tag:yaml.org,2002:timestamp' (unsupported-tag)"
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (".nan", "weight must be a finite number, not .nan (wrong-type)"),
        ("-.inf", "weight must be a finite number, not -.inf (wrong-type)"),
        ("heavy", "weight must be a number, not a string (wrong-type)"),
    ],
)
def test_a_weight_that_is_no_finite_number_says_so(value: str, expected: str) -> None:
    text = f"title: t\nclaims:\n  - id: c1\n    text: C.\n    weight: {value}\n"
    assert problems(text) == [f"m.yaml:5:13: error: {expected}"]


def test_an_int_where_a_float_is_wanted_and_a_whole_float_where_an_int_is() -> None:
    text = (
        "title: t\nclaims:\n  - id: c1\n    text: C.\n    premises:\n"
        "      - {id: p1, text: P., weight: 1, step: 2.0}\n"
        "      - {id: p2, text: Q., weight: 0.5, step: 1.5}\n"
    )
    assert problems(text) == [
        "m.yaml:7:47: error: step must be a whole number of 1 or more, not 1.5 (wrong-type)"
    ]


def test_two_empty_texts_are_two_empty_texts_not_one_claim_twice() -> None:
    text = 'title: t\nclaims:\n  - id: c1\n    text: ""\n    premises:\n      - id: c2\n        text: ""\n'
    assert problems(text) == [
        "m.yaml:4:11: error: claim 'c1' has empty text (empty-text)",
        "m.yaml:7:15: error: claim 'c2' has empty text (empty-text)",
    ]


@pytest.mark.parametrize("kind", ["premises", "counterclaims"])
def test_a_duplicated_id_is_one_error(kind: str) -> None:
    text = f"title: t\nclaims:\n  - id: c1\n    text: A.\n    {kind}:\n      - id: c1\n        text: B.\n"
    assert problems(text) == [
        "m.yaml:6:13: error: claim id 'c1' is already defined at line 3; "
        "to refer to that claim, write just its id (duplicate-id)"
    ]


def test_a_duplicated_id_deeper_down_is_no_support_cycle() -> None:
    text = (
        "title: t\nclaims:\n  - id: c1\n    text: A.\n    premises:\n      - id: c2\n        text: B.\n"
        "        premises:\n          - {id: c1, text: C.}\n"
    )
    assert [p.rsplit("(", 1)[1] for p in problems(text)] == ["duplicate-id)"]


def test_a_wrong_relation_type_adds_no_isolated_claim_warnings() -> None:
    text = (
        '{"argmap": 1, "title": "G", "nodes": [{"id": "c", "text": "C."}, {"id": "p", "text": "P."}],\n'
        ' "relations": [{"from": "p", "to": "c", "type": "suport"}]}\n'
    )
    assert problems(text, "m.json") == [
        "m.json:2:49: error: relation type must be one of support, attack, undercut, not 'suport'; "
        "did you mean 'support'? (wrong-type)"
    ]


def test_a_relation_missing_its_type_adds_no_isolated_claim_warnings() -> None:
    text = (
        "title: t\nclaims:\n  - {id: c, text: C.}\n  - {id: p, text: P.}\nrelations:\n  - {from: p, to: c}\n"
    )
    assert problems(text) == ["m.yaml:6:5: error: relation has no 'type' (missing-field)"]


SYNONYMS = """\
title: t
claims:
  - id: c1
    text: A.
    supports:
      - {id: c2, text: B.}
    attacks:
      - {id: c3, text: C.}
premises:
  - {id: c4, text: D.}
"""


def test_the_legends_words_and_a_top_level_premises_get_a_did_you_mean() -> None:
    assert [p for p in problems(SYNONYMS) if "unknown-key" in p] == [
        "m.yaml:5:5: error: unknown key 'supports' in a claim; did you mean 'premises'? (unknown-key)",
        "m.yaml:7:5: error: unknown key 'attacks' in a claim; did you mean 'counterclaims'? (unknown-key)",
        "m.yaml:9:1: error: unknown key 'premises' in the map; did you mean 'claims'? (unknown-key)",
    ]


def test_the_editor_offers_those_suggestions_as_quick_fixes() -> None:
    state = analyse(SYNONYMS, "m.yaml")
    found = [f.title for f in fixes(state, range(0, 12))]
    assert found == [
        "Change 'supports' to 'premises'",
        "Change 'attacks' to 'counterclaims'",
        "Change 'premises' to 'claims'",
    ]


def test_a_summary_counts_the_lines_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "m.yaml").write_text(
        'title: t\nclaims:\n  - id: c1\n    text: ""\n  - id: c2\n    text: B.\n    step: 0\n',
        encoding="utf-8",
    )
    code, out, err = run(tmp_path, monkeypatch, "render", "m.yaml", "-o", "m.dot")
    lines = err.splitlines()
    assert code == 1 and out == ""
    assert lines[-1] == "argmap: m.yaml: 2 error(s) and 2 warning(s); fix the errors first"
    assert [line.split(": ")[1] for line in lines[:-1]] == ["warning", "error", "warning", "error"]
    assert not (tmp_path / "m.dot").exists()


# -- options that were silently ignored ---------------------------------------

SIDES = """\
title: Sides
sides:
  pro: {name: Pro}
  con: {name: Con}
claims:
  - id: c1
    text: The claim.
    by: pro
    premises:
      - {id: p1, text: A reason., by: pro}
    counterclaims:
      - id: k1
        text: An objection.
        by: con
        counterclaims:
          - {id: r1, text: A rebuttal., by: pro}
  - id: c2
    text: Another claim.
    by: pro
    premises:
      - {id: p2, text: Its reason., by: pro}
"""


@pytest.fixture
def sides(tmp_path: Path) -> Path:
    (tmp_path / "m.yaml").write_text(SIDES, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["render", "m.yaml", "-o", "a.svg", "-o", "b.html"],
            "argmap: --output is given twice; it takes one value (run the command once for each)",
        ),
        (
            ["render", "m.yaml", "--output=a.dot", "-ob.dot"],
            "argmap: --output is given twice; it takes one value (run the command once for each)",
        ),
        (
            ["show", "m.yaml", "--root", "c1", "--root", "c2"],
            "argmap: --root is given twice; it takes one value (run the command once for each)",
        ),
        (
            ["render", "m.yaml", "--by-side", "-o", "x.svg"],
            "argmap: --by-side orders the frames of a slide build; add --frames DIR or --frames-pdf FILE",
        ),
        (
            ["render", "m.yaml", "--by-depth", "-o", "x.svg"],
            "argmap: --by-depth orders the frames of a slide build; add --frames DIR or --frames-pdf FILE",
        ),
        (
            ["render", "m.yaml", "--frames-format", "png", "-o", "x.svg"],
            "argmap: --frames-format is the format of the files --frames writes; add --frames DIR",
        ),
        (
            ["show", "m.yaml", "--format", "json", "--eval", "grounded"],
            "argmap: --eval marks the text tree; for statuses as JSON run: argmap evaluate -f json",
        ),
        (
            ["show", "m.yaml", "--root", "c2", "--side", "con"],
            "argmap: no claim matches --root c2 --side con",
        ),
        (
            ["render", "m.yaml", "--root", "c2", "--side", "con", "-o", "x.dot"],
            "argmap: no claim matches --root c2 --side con",
        ),
    ],
)
def test_an_option_that_would_be_ignored_is_refused_in_one_line(
    sides: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    code, out, err = run(sides, monkeypatch, *args)
    assert (code, out, err) == (2, "", message + "\n")
    assert sorted(p.name for p in sides.iterdir()) == ["m.yaml"]


def test_an_option_value_that_looks_like_an_option_is_no_repeat(
    sides: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (sides / "-o").write_text("", encoding="utf-8")
    code, _, err = run(sides, monkeypatch, "render", "m.yaml", "--direction", "LR", "-o", "x.dot")
    assert (code, err) == (0, "wrote x.dot\n")


def test_frames_take_their_format_and_order_when_asked_for(
    sides: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(
        sides, monkeypatch, "render", "m.yaml", "--frames", "f", "--frames-format", "pdf", "--by-side"
    )
    assert code == 0, err
    assert all(p.suffix == ".pdf" for p in (sides / "f").iterdir())


# -- help -----------------------------------------------------------------------


def _commands() -> list[str]:
    from argmap.cli import COMMANDS

    return [row.name for row in COMMANDS]


def test_the_top_level_help_gives_each_command_a_whole_first_sentence() -> None:
    from argmap.cli import app

    result = runner.invoke(app, ["--help"])
    rows = result.stdout.split("Commands:\n", 1)[1].splitlines()
    summaries = {row.split()[0]: row.split(None, 1)[1] for row in rows if row.strip()}
    assert sorted(summaries) == sorted(_commands())
    for name, summary in summaries.items():
        assert summary.endswith(".") and not summary.endswith("..."), (name, summary)


@pytest.mark.parametrize("command", _commands())
def test_usage_lines_name_arguments_in_capitals_and_maps_in_any_format(command: str) -> None:
    from argmap.cli import app

    result = runner.invoke(app, [command, "--help"])
    usage = result.stdout.splitlines()[0]
    assert usage.startswith(f"Usage: argmap {command} [OPTIONS]"), usage
    assert "{" not in usage and "}" not in usage and usage == usage.rstrip(), usage
    assert ".yaml or .json" not in result.stdout


# -- folders ---------------------------------------------------------------------

QUOTING = """\
title: Q
sources:
  text: {file: source.txt}
claims:
  - id: c1
    text: The sky is blue.
    source: {ref: text, quote: The sky is blue.}
"""


@pytest.fixture
def quoting(tmp_path: Path) -> Path:
    (tmp_path / "source.txt").write_text("The sky is blue. Grass is green.\n", encoding="utf-8")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "a.yaml").write_text(
        QUOTING.replace("source.txt", "../source.txt"), encoding="utf-8"
    )
    (tmp_path / "maps" / "b.yaml").write_text("title: [\n", encoding="utf-8")
    return tmp_path


def test_coverage_reports_an_unreadable_map_and_goes_on(
    quoting: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(quoting, monkeypatch, "coverage", "source.txt", "maps")
    assert code == 2
    assert out == (
        "source.txt:1:18: not quoted: Grass is green.\n1 of 2 sentences quoted (50.0%) by 1 quotes in 1 map(s)\n"
    )
    assert err.splitlines() == [
        "argmap: maps/b.yaml:2:1: error: YAML syntax: did not find expected node content (yaml-syntax)",
        "argmap: 1 map file(s) could not be read; the coverage leaves them out",
    ]


@pytest.mark.parametrize("swapped", [["maps", "source.txt"], ["maps/a.yaml", "source.txt"]])
def test_coverage_with_its_arguments_swapped_says_which_is_which(
    quoting: Path, monkeypatch: pytest.MonkeyPatch, swapped: list[str]
) -> None:
    code, out, err = run(quoting, monkeypatch, "coverage", *swapped)
    assert (code, out) == (2, "")
    assert err == (
        f"argmap: {swapped[0]} is a map or a folder of maps, not a source text: coverage takes the "
        "source text first, then the maps (argmap coverage TEXT MAPS...)\n"
    )


# -- round trips -----------------------------------------------------------------

UNDERCUTS = """\
title: Undercuts
claims:
  - id: c
    text: C.
    premises:
      - id: p
        text: P.
        undercuts:
          - id: u
            text: U.
            undercuts:
              - {id: v, text: V.}
    counterclaims:
      - id: k
        text: K.
        undercuts:
          - {id: w, text: W.}
  - id: x
    text: X.
    counterclaims:
      - p
"""


@pytest.mark.parametrize("suffix", [".apx", ".tgf"])
def test_a_framework_argmap_wrote_reads_back_with_its_undercuts(suffix: str) -> None:
    from argmap.formats.framework import framework_from_map
    from argmap.formats.registry import writing_format

    original = load_text(UNDERCUTS, "m.yaml").map
    written = writing_format(Path("m" + suffix)).writer().write(original).text
    back = check_loaded(load_text(written, "m" + suffix), read_sources=False)
    assert [str(d) for d in back.diagnostics] == []
    assert sorted((r.type.value, r.source, r.target) for r in back.map.relations) == sorted(
        (r.type.value, r.source, r.target) for r in original.relations
    )
    assert [c.id for c in back.map.claims] == [c.id for c in original.claims]

    def attacks(amap: ArgumentMap) -> list[tuple[str, str]]:
        return sorted(framework_from_map(amap).attack_ids())

    assert attacks(back.map) == attacks(original)


def test_an_argument_merely_named_like_a_relation_stays_a_claim() -> None:
    text = 'arg(a).\narg("support:a:zz").\natt(a,"support:a:zz").\n'
    back = load_text(text, "m.apx").map
    assert [c.id for c in back.claims] == ["a", "support_a_zz"]
    assert [(r.type.value, r.source, r.target) for r in back.relations] == [("attack", "a", "support_a_zz")]


LINKED = (Path(__file__).parent / "data" / "valid" / "linked.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [".argdown", ".tgf", ".apx"])
def test_every_writer_counts_a_linked_group_once(suffix: str) -> None:
    from argmap.formats.registry import writing_format
    from argmap.model import linked_groups

    amap = load_text(LINKED, "linked.yaml").map
    written = writing_format(Path("m" + suffix)).writer().write(amap)
    counts = {loss.kind: loss.times for loss in written.losses}
    assert counts["linked-group"] == len(linked_groups(amap.relations)) == 3


def test_convert_prints_the_inputs_warnings_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "m.yaml").write_text("title: t\nclaims:\n  - {id: a, text: A.}\n  - {id: b, text: B.}\n")
    code, out, err = run(tmp_path, monkeypatch, "convert", "m.yaml", "m.tgf")
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        "m.yaml:3:5: warning: claim 'a' is connected to nothing (isolated-claim)",
        "m.yaml:4:5: warning: claim 'b' is connected to nothing (isolated-claim)",
        "argmap: warning: 1 title not carried: TGF has no place for the map's title",
        "wrote m.tgf",
    ]


# -- prep -----------------------------------------------------------------------


def test_prep_names_an_attacks_status_apart_from_its_attackers() -> None:
    from argmap.analysis.prep import build_brief
    from argmap.render.brief import render_brief

    text = render_brief(build_brief(load_text(SIDES, "m.yaml").map, "con"), "text")
    # k1 is out, and so is its attack on c1: each said once, each named.
    assert "    - k1 attacks c1  · Con · attack out · force 0.25\n" in text
    assert "\nCard 3 of 3: k1  · Con · yours · out · 0.25\n" in text
    assert "    - r1 attacks k1  · Pro · attack in · force 0.50\n" in text


def test_prep_gives_a_leaf_claims_card_one_line_not_empty_headings() -> None:
    from argmap.analysis.prep import build_brief
    from argmap.render.brief import render_brief

    amap = load_text(
        (Path(__file__).parent / "data" / "valid" / "all-features.yaml").read_text(), "m.yaml"
    ).map
    text = render_brief(build_brief(amap, "b"), "text")
    card = text.split("Card 2 of 3: ", 1)[1].split("\n\n", 1)[0]
    assert card == (
        "u1  · B · yours · in · 0.50\n  It does not follow\n  no reasons given, no quotes, no counterclaims mapped"
    )


# -- evaluate --------------------------------------------------------------------


@pytest.mark.parametrize("semantics", ["grounded", "dfquad"])
def test_max_extensions_with_a_semantics_of_no_extensions_to_count_is_refused(
    sides: Path, monkeypatch: pytest.MonkeyPatch, semantics: str
) -> None:
    code, out, err = run(sides, monkeypatch, "evaluate", "m.yaml", "-s", semantics, "--max-extensions", "3")
    assert (code, out) == (2, "")
    assert (
        err == f"argmap: --max-extensions limits complete, preferred and stable extensions, not {semantics}\n"
    )


def test_extension_shares_read_as_words_never_in_0_of_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "one.yaml").write_text(
        "title: t\nclaims:\n  - id: a\n    text: A.\n    counterclaims:\n      - {id: b, text: B.}\n"
    )
    (tmp_path / "two.yaml").write_text(
        "title: t\nclaims:\n  - id: a\n    text: A.\n    counterclaims:\n      - id: b\n        text: B.\n"
        "        counterclaims: [a]\n  - id: c\n    text: C.\n    premises: [a]\n"
        "    counterclaims:\n      - {id: d, text: D.}\n"
    )
    code, out, _ = run(tmp_path, monkeypatch, "evaluate", "one.yaml", "-s", "preferred")
    assert (code, out) == (0, "preferred: 1 extension\n  1: b\na  not in  A.\nb  in      B.\n")
    code, out, _ = run(tmp_path, monkeypatch, "evaluate", "two.yaml", "-s", "complete")
    assert (code, out.splitlines()[-3:]) == (
        0,
        ["b  in 1 of 3     B.", "c  in none of 3  C.", "d  in all 3      D."],
    )


# -- output width ------------------------------------------------------------------

LONG = "word " * 60


@pytest.fixture
def long_texts(tmp_path: Path) -> Path:
    (tmp_path / "m.yaml").write_text(
        f"title: {LONG}\nclaims:\n  - id: c1\n    text: {LONG}\n    premises:\n      - {{id: p1, text: {LONG}}}\n"
    )
    return tmp_path


@pytest.mark.parametrize(
    ("command", "columns", "widest"), [("show", "60", 60), ("list", "70", 70), ("show", "", 100)]
)
def test_show_and_list_to_a_pipe_honour_columns_and_end_no_line_in_spaces(
    long_texts: Path, monkeypatch: pytest.MonkeyPatch, command: str, columns: str, widest: int
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    code, out, _ = run(long_texts, monkeypatch, command, "m.yaml")
    lines = out.splitlines()
    assert code == 0 and len(lines) > 3
    assert widest - 6 <= max(len(line) for line in lines) <= widest
    assert [line for line in lines if line != line.rstrip()] == []
    assert "".join(lines).replace(" ", "").count("word") >= (180 if command == "show" else 60)


def test_show_depth_says_how_many_claims_it_hid_as_render_does(
    sides: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(sides, monkeypatch, "show", "m.yaml", "--depth", "1")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Sides",
        "├── [c1] Pro: The claim.",
        "│   ├── + [p1] Pro: A reason.",
        "│   └── - [k1] Con: An objection.",
        "│       └── +1 more",
        "└── [c2] Pro: Another claim.",
        "    └── + [p2] Pro: Its reason.",
    ]


# -- output folders ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["render", "m.yaml", "-o", "missing/x.svg"], "missing/x.svg"),
        (["render", "m.yaml", "--frames", "missing/frames"], "missing/frames"),
        (["slides", "m.yaml", "-o", "missing/deck"], "missing/deck"),
        (["convert", "m.yaml", "missing/m.json"], "missing/m.json"),
        (["prep", "m.yaml", "--side", "pro", "-o", "missing/p.md"], "missing/p.md"),
    ],
)
def test_no_output_makes_a_missing_parent_folder(
    sides: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], out: str
) -> None:
    code, stdout, err = run(sides, monkeypatch, *args)
    assert (code, stdout, err) == (2, "", f"argmap: {out}: folder missing does not exist\n")
    assert sorted(p.name for p in sides.iterdir()) == ["m.yaml"]


def test_frames_make_their_own_folder(sides: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(sides, monkeypatch, "render", "m.yaml", "--frames", "frames")
    assert (code, err) == (0, "wrote 3 frames to frames (frame-01.svg to frame-03.svg)\n")


# -- Graphviz ------------------------------------------------------------------------


def test_a_pygraphviz_that_is_installed_but_does_not_load_is_not_called_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from argmap.errors import ToolMissingError
    from argmap.render.graphviz import render_dot

    broken = tmp_path / "site" / "pygraphviz"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text(
        'raise ImportError("libcgraph.so.6: cannot open shared object file")\n'
    )
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.delitem(sys.modules, "pygraphviz", raising=False)
    with pytest.raises(ToolMissingError) as caught:
        render_dot("digraph { a }", "svg", "embedded")
    assert str(caught.value) == (
        "embedded Graphviz: pygraphviz is installed but does not load (libcgraph.so.6: cannot open shared "
        "object file); reinstall it (pip install --force-reinstall pygraphviz) or install graphviz "
        "(apt-get install graphviz) and use the system one"
    )
    assert "pip install pygraphviz" not in str(caught.value)


# -- the docs' scripts ---------------------------------------------------------------


@pytest.mark.parametrize("script", ["talk_pictures.py", "preview_pictures.py", "slide_pictures.py"])
def test_a_picture_script_asked_for_help_prints_it_and_draws_nothing(script: str, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    repo = Path(__file__).parent.parent
    pictures = repo / "docs" / "pictures"
    before = {p.name: p.stat().st_mtime_ns for p in pictures.iterdir()}
    env = {**os.environ, "PYTHONPATH": str(repo), "CHROMIUM": str(tmp_path / "no-such-chromium")}
    done = subprocess.run(
        [sys.executable, str(repo / "docs" / script), "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"usage: {script} [-h]\n")
    assert {p.name: p.stat().st_mtime_ns for p in pictures.iterdir()} == before


# -- drill -------------------------------------------------------------------------------


def test_drill_turns_on_line_editing_at_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from argmap.cli.drill_prompt import line_editing

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delitem(sys.modules, "readline", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    assert line_editing() is False and "readline" not in sys.modules
    monkeypatch.setattr(sys, "stdin", Terminal())
    assert line_editing() is True and "readline" in sys.modules


# -- git-setup ------------------------------------------------------------------------


@pytest.mark.skipif(__import__("shutil").which("git") is None, reason="needs git")
def test_git_setup_warns_while_its_patterns_match_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # no `argmap` on it
    code, out, err = run(tmp_path, monkeypatch, "git-setup")
    assert code == 0 and out.endswith(".gitattributes: added arguments/**/*.json diff=argmap\n")
    assert err.splitlines() == [
        "argmap: warning: no file here matches arguments/**/*.yaml, arguments/**/*.yml, arguments/**/*.json "
        "yet; git diff shows maps as argument changes once such files exist (or give --pattern)",
        "argmap: warning: `argmap` is not on PATH, so git will not find it; activate its environment, "
        "or run git-setup --absolute",
    ]
    (tmp_path / "arguments" / "deep").mkdir(parents=True)
    (tmp_path / "arguments" / "deep" / "m.yaml").write_text(SIDES)
    code, out, err = run(tmp_path, monkeypatch, "git-setup", "--absolute")
    assert (code, out.splitlines()[-1], err) == (0, ".gitattributes: already set up", "")


# -- the diff diagram ------------------------------------------------------------------

OLD = """\
title: D
claims:
  - id: c1
    text: The town should build the new bridge <now> & here.
    premises:
      - {id: p1, text: Trade is blocked by the river., weight: 0.5, tags: [econ]}
"""
NEW = """\
title: D
claims:
  - id: c1
    text: The town should build the bridge <this year> & here.
    premises:
      - {id: trade, text: Trade is blocked by the river., weight: 0.8, tags: [econ, a]}
"""


def test_the_diff_diagram_says_what_changed_in_each_claim(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "old.yaml").write_text(OLD)
    (tmp_path / "new.yaml").write_text(NEW)
    code, _, err = run(tmp_path, monkeypatch, "diff", "old.yaml", "new.yaml", "-o", "d.dot")
    assert (code, err) == (1, "wrote d.dot\n")
    lines = (tmp_path / "d.dot").read_text().splitlines()
    nodes = {line.split()[0]: line for line in lines if " [id=" in line and " -> " not in line}
    assert (
        'label=<Trade is blocked by the river.<BR/><FONT POINT-SIZE="8" COLOR="#6b6b6b">'
        "p1 → trade · weight 0.5 → 0.8 · tags econ → econ, a</FONT>>"
    ) in nodes['"trade"']
    assert (
        'tooltip="The town should build the bridge <this year> & here.\\nword diff: The town should build the '
        '[-new-] bridge [-<now>-] {+<this year>+} & here."'
    ) in nodes['"c1"']
    assert "c1 · text changed</FONT>" in nodes['"c1"']


@pytest.mark.skipif(not __import__("shutil").which("dot"), reason="needs Graphviz's dot")
def test_the_diff_diagrams_notes_are_escaped_in_svg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xml.etree.ElementTree as ET

    (tmp_path / "old.yaml").write_text(OLD)
    (tmp_path / "new.yaml").write_text(NEW)
    code, _, err = run(tmp_path, monkeypatch, "diff", "old.yaml", "new.yaml", "-o", "d.svg")
    assert (code, err) == (1, "wrote d.svg\n")
    svg = ET.parse(tmp_path / "d.svg").getroot()
    titles = [
        a.get("{http://www.w3.org/1999/xlink}title") or "" for a in svg.iter("{http://www.w3.org/2000/svg}a")
    ]
    assert any("{+<this year>+}" in title for title in titles)


def test_diff_eval_with_a_diagram_shows_each_status_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "old.yaml").write_text(
        "title: E\nclaims:\n  - id: c\n    text: C.\n    counterclaims: [{id: k, text: K.}]\n"
    )
    (tmp_path / "new.yaml").write_text(
        "title: E\nclaims:\n  - id: c\n    text: C.\n    counterclaims:\n"
        "      - {id: k, text: K., counterclaims: [{id: r, text: R.}]}\n"
    )
    code, _, err = run(
        tmp_path, monkeypatch, "diff", "old.yaml", "new.yaml", "--eval", "grounded", "-o", "e.dot"
    )
    assert (code, err) == (1, "wrote e.dot\n")
    dot = (tmp_path / "e.dot").read_text()
    assert '"#6b6b6b">c · status out → in</FONT>' in dot and '"#6b6b6b">k · status in → out</FONT>' in dot


def test_coverage_given_a_text_among_the_maps_hints_at_the_order(
    quoting: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(quoting, monkeypatch, "coverage", "source.txt", "maps/a.yaml", "source.txt")
    assert code == 2
    assert err.splitlines()[0].endswith(
        "(is it a source text? coverage takes the text first, then the maps)"
    ), err


def test_a_claim_whose_reasons_sit_under_an_unknown_key_is_not_called_alone() -> None:
    text = "title: t\nclaims:\n  - id: c1\n    text: A.\n    supports:\n      - {id: c2, text: B.}\n  - {id: c3, text: C.}\n"
    assert problems(text) == [
        "m.yaml:5:5: error: unknown key 'supports' in a claim; did you mean 'premises'? (unknown-key)",
        "m.yaml:7:5: warning: claim 'c3' is connected to nothing (isolated-claim)",
    ]


@pytest.mark.parametrize(
    ("options", "what"),
    [
        (["-o", "x.mmd", "--renderer", "system"], "--renderer"),
        (["-o", "x.dot", "--renderer", "embedded"], "--renderer"),
        (["--format", "dot", "--renderer", "system"], "--renderer"),
        (["-o", "x.mmd", "--fast-layout"], "--fast-layout"),
        (["-o", "x.mmd", "--full-layout"], "--fast-layout"),
    ],
)
def test_graphviz_options_where_no_graphviz_runs_are_refused(
    options: list[str], what: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DOT and Mermaid are written without Graphviz: choosing its renderer
    (or, for Mermaid, its layout settings) would be silently ignored."""
    from argmap.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.yaml").write_text("claims:\n  - id: a\n    text: A.\n", encoding="utf-8")
    result = runner.invoke(app, ["render", "m.yaml", *options])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"argmap: {what}") and result.stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml"]
