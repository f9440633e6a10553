"""`argmap convert` between formats, `argmap formats`, and every command
reading a map in any format: exit codes, stdout and stderr apart."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app

DATA = Path(__file__).parent / "data"
runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(DATA / "valid" / "all-features.yaml", tmp_path / "m.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


APX_LOSSES = [
    "argmap: warning: 1 title not carried: APX has no place for the map's title",
    "argmap: warning: 2 side not carried: APX has no place for the sides defined under sides:",
    "argmap: warning: 3 claim-side not carried: APX has no place for which side states a claim (by:)",
    "argmap: warning: 5 support not carried: abstract frameworks have attacks only",
    "argmap: warning: 2 undercut not carried: each written as attacks on an extra argument for the "
    "inference it undercuts, named after that relation (as argmap evaluate models undercuts)",
    "argmap: warning: 1 linked-group not carried: APX has no place for linked premise groups",
    "argmap: warning: 8 text not carried: APX has no place for claim texts",
]


def test_losses_are_one_warning_a_kind(here: Path) -> None:
    code, out, err = run("convert", "m.yaml", "m.apx")
    assert (code, out) == (0, "")
    assert err.splitlines() == [*APX_LOSSES, "wrote m.apx"]
    assert (here / "m.apx").read_text(encoding="utf-8").splitlines()[:2] == ["arg(c1).", "arg(p1)."]


def test_strict_fails_on_a_loss_and_writes_nothing(here: Path) -> None:
    code, out, err = run("convert", "--strict", "m.yaml", "m.apx")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        *APX_LOSSES,
        "argmap: --strict: apx cannot hold all of m.yaml; nothing written",
    ]
    assert sorted(p.name for p in here.iterdir()) == ["m.yaml"]


def test_strict_passes_a_lossless_conversion(here: Path) -> None:
    assert run("convert", "--strict", "m.yaml", "m.json") == (0, "", "wrote m.json\n")
    assert run("convert", "--strict", "m.json", "m.graphml") == (0, "", "wrote m.graphml\n")


def test_formats_named_by_option_and_stdout(here: Path) -> None:
    (here / "frame.graph").write_text("a First\nb\n#\nb a\n", encoding="utf-8")
    code, out, err = run("convert", "--from", "tgf", "frame.graph", "-", "--to", "yaml")
    assert (code, err) == (0, "")
    assert out == "argmap: 1\nclaims:\n- id: a\n  text: First\n  counterclaims:\n  - id: b\n    text: b\n"
    code, out, err = run("convert", "--from", "TGF", "frame.graph", "frame.out", "--to", "af")
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        "argmap: warning: 2 id not carried: arguments are numbers: claims are numbered 1, 2, ... in map order",
        "argmap: warning: 2 text not carried: the .af format has no place for claim texts",
        "wrote frame.out",
    ]
    assert (here / "frame.out").read_text(encoding="utf-8") == "p af 2\n2 1\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["m.yaml", "-"], "writing to stdout (-) needs --to FORMAT"),
        (
            ["m.yaml", "m.docx"],
            "m.docx: cannot tell the format from the suffix "
            "(expected .ad, .af, .aif.json, .apx, .argdown, .graphml, .json, .kialo.txt, .sadface.json, .tgf, .txt, "
            ".yaml, .yml); "
            "name one with --to",
        ),
        (
            ["m.docx", "m.yaml"],
            "m.docx: cannot tell the format from the suffix "
            "(expected .ad, .af, .aif.json, .apx, .argdown, .json, .kialo.txt, .sadface.json, .tgf, .txt, .xml, "
            ".yaml, .yml); "
            "or name it with --from",
        ),
        (
            ["m.yaml", "m.json", "--to", "svg"],
            "unknown format 'svg' (known: yaml, json, aif, sadface, kialo, argdown, apx, tgf, af, graphml)",
        ),
        (
            ["m.yaml", "m.json", "--from", "graphml"],
            "argmap writes graphml but cannot read it (`argmap formats` lists them)",
        ),
        (["m.yaml", "m.yaml"], "m.yaml: refusing to write over an input file"),
        (["m.yaml", "./m.yaml", "--to", "yaml"], "m.yaml: refusing to write over an input file"),
    ],
)
def test_usage_errors_are_one_line_exit_2_and_write_nothing(
    here: Path, args: list[str], message: str
) -> None:
    before = (here / "m.yaml").read_bytes()
    assert run("convert", *args) == (2, "", f"argmap: {message}\n")
    assert sorted(p.name for p in here.iterdir()) == ["m.yaml"]
    assert (here / "m.yaml").read_bytes() == before


def test_bad_framework_file_is_one_line_with_its_place(here: Path) -> None:
    (here / "bad.apx").write_text("arg(a).\natt(a,b).\n", encoding="utf-8")
    assert run("convert", "bad.apx", "bad.yaml") == (
        2,
        "",
        "argmap: bad.apx:2:1: error: att(a,b): argument 'b' is not declared with arg(b).\n",
    )


def test_every_tgf_corpus_file_converts_to_a_valid_map(corpora: Path, tmp_path: Path) -> None:
    files = sorted((corpora / "tgf").glob("*.tgf"))
    assert files
    for tgf in files:
        out = tmp_path / f"{tgf.stem}.yaml"
        code, _, err = run("convert", "--strict", tgf, out)
        # The map's own warnings (isolated arguments) may come first; no loss.
        assert (code, err.splitlines()[-1]) == (0, f"wrote {out}"), tgf.name
        assert [line for line in err.splitlines() if "not carried" in line] == []
        code, out_text, _ = run("validate", out)
        assert code == 0, (tgf.name, out_text)


def test_every_command_reads_any_format(here: Path) -> None:
    (here / "r.tgf").write_text("a Attack one\nb\nc\n#\na b\nb c\n", encoding="utf-8")
    assert run("convert", "r.tgf", "r.yaml") == (0, "", "wrote r.yaml\n")
    assert run("validate", "-q", "r.tgf") == (0, "", "")
    # evaluate reads .tgf as a bare framework (no texts), so its JSON is compared.
    commands = (
        ["show"],
        ["show", "--format", "json"],
        ["render", "--format", "dot"],
        ["evaluate", "--format", "json"],
    )
    for command in commands:
        code, out, err = run(*command, "r.tgf")
        assert code == 0, command
        # `show` heads an untitled map with its file name.
        assert (code, out.replace("r.tgf", "r.yaml"), err) == run(*command, "r.yaml"), command
    assert run("render", "r.tgf", "-o", "r.svg", "--renderer", "embedded") == (0, "", "wrote r.svg\n")
    assert (here / "r.svg").read_text(encoding="utf-8").startswith("<?xml")
    code, out, _ = run("list", "--format", "json", "r.tgf")
    assert code == 0
    [row] = json.loads(out)
    assert (row["file"], row["claims"], row["attacks"], row["valid"]) == ("r.tgf", 3, 2, True)


def test_folders_are_searched_for_yaml_and_json_only(here: Path) -> None:
    (here / "r.tgf").write_text("a\nb\n#\na b\n", encoding="utf-8")
    code, out, _ = run("list", "--format", "json", ".")
    assert code == 0
    assert [row["file"] for row in json.loads(out)] == ["m.yaml"]


def test_formats_lists_the_table() -> None:
    code, out, err = run("formats")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "yaml       .yaml .yml          read, write argmap's YAML tree form, as people write maps",
        "json       .json               read, write argmap's JSON graph form: nodes and relations",
        "aif        .json .aif.json     read, write AIF JSON (AIFdb, OVA): I-, RA- and CA-nodes",
        "sadface    .json .sadface.json read, write SADFace JSON: atoms, schemes, edges",
        "microtexts .xml                read        Argument Microtexts XML (arggraph.dtd)",
        "kialo      .txt .kialo.txt     read, write Kialo discussion export: 1.1. Pro:/Con: lines",
        "argdown    .argdown .ad        read, write Argdown: [statements], <arguments>, + - _ relations",
        "apx        .apx                read, write ASPARTIX facts arg(a). att(a,b). (ICCMA)",
        "tgf        .tgf                read, write Trivial Graph Format: arguments, '#', attacks",
        "af         .af                 read, write ICCMA 2023: 'p af N', then one attack 'i j' a line",
        "graphml    .graphml            write       GraphML for yEd and Gephi",
    ]
