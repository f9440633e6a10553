"""Reading ICCMA frameworks (.apx, .tgf, .af): good files, every kind of bad
line with its file:line:col, and the command on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.cli import app
from argmap.errors import InputError
from argmap.formats.framework import Framework
from argmap.formats.iccma.frameworks import (
    _parse_af_fast,
    _parse_af_lines,
    is_framework_file,
    parse_af,
    parse_apx,
    parse_tgf,
)
from argmap.formats.registry import known_suffixes

runner = CliRunner()
READABLE_SUFFIXES = known_suffixes()  # grows as formats are added

REINSTATEMENT = Framework.from_attacks(["1", "2", "3"], [("1", "2"), ("2", "3")])


def test_apx() -> None:
    text = '% a comment\narg(a). arg(b).\n  arg( c ) .\narg("d e").\natt(a,b). att(b, c). % and another\natt(c,"d e").\n'
    framework = parse_apx(text, "f.apx")
    assert framework.arguments == ("a", "b", "c", "d e")
    assert framework.attack_ids() == [("a", "b"), ("b", "c"), ("c", "d e")]


def test_tgf_with_labels() -> None:
    framework = parse_tgf("1 first\n2\n3 third one\n#\n1 2 an edge label\n\n2 3\n", "f.tgf")
    assert framework == REINSTATEMENT


def test_tgf_without_attacks() -> None:
    assert parse_tgf("a\nb\n") == Framework.from_attacks(["a", "b"], [])


def test_af_with_comments_and_blank_lines() -> None:
    text = "# ICCMA 2023\np af 3\n\n# attacks\n1 2\n  2   3  \n"
    assert _parse_af_fast(text) is None
    assert parse_af(text, "f.af") == REINSTATEMENT


def test_af_fast_path() -> None:
    text = "p af 3\n1 2\r\n2 3"
    assert _parse_af_fast(text) == REINSTATEMENT
    assert parse_af("p af 2\n") == Framework.from_attacks(["1", "2"], [])


@st.composite
def af_texts(draw: st.DrawFn) -> tuple[str, Framework]:
    """A framework and one of the many ways to write it as .af."""
    n = draw(st.integers(0, 9))
    pairs = draw(st.lists(st.tuples(st.integers(1, n), st.integers(1, n)), max_size=20)) if n else []
    space = st.sampled_from([" ", "  ", "\t"])
    padding = st.sampled_from(["", " ", "\t"])
    lines = [f"p af {n}"]
    for i, j in pairs:
        if draw(st.booleans()) and draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# comment", "   ", "#"])))
        lines.append(f"{draw(padding)}{i}{draw(space)}{j}{draw(padding)}")
    ending = draw(st.sampled_from(["", "\n", "\r\n"]))
    framework = Framework.from_attacks(map(str, range(1, n + 1)), [(str(i), str(j)) for i, j in pairs])
    return "\n".join(lines) + ending, framework


@settings(max_examples=300, deadline=None)
@given(case=af_texts())
def test_af_any_layout_reads_the_same(case: tuple[str, Framework]) -> None:
    text, expected = case
    found = parse_af(text, "f.af")
    assert (found.arguments, set(found.attacks)) == (expected.arguments, set(expected.attacks))
    assert _parse_af_lines(text, "f.af") == found


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("pa f0123#\n \t-x"), max_size=40))
def test_af_reader_never_crashes(text: str) -> None:
    try:
        fast = _parse_af_fast(text)
        slow = _parse_af_lines(text, "f.af")
    except InputError as exc:
        assert str(exc).startswith("f.af:")
    else:
        assert fast is None or fast == slow


BAD = [
    ("f.apx", "arg(a).\nargue(a).\n", "f.apx:2:1: error: unknown fact argue/1: expected arg/1 or att/2"),
    ("f.apx", "arg(a).\natt(a).\n", "f.apx:2:1: error: unknown fact att/1: expected arg/1 or att/2"),
    ("f.apx", "arg(a). arg(b)\n", "f.apx:1:9: error: expected arg(x). or att(x,y). but found 'arg(b)'"),
    (
        "f.apx",
        "arg(a).\n\n  att(a,b).\n",
        "f.apx:3:3: error: att(a,b): argument 'b' is not declared with arg(b).",
    ),
    ("f.apx", "arg(a).\nfoo\n", "f.apx:2:1: error: expected arg(x). or att(x,y). but found 'foo'"),
    ("f.tgf", "1\n2\n#\n1\n", "f.tgf:4:1: error: expected an attack 'attacker attacked' but found '1'"),
    ("f.tgf", "1\n2\n#\n1  3\n", "f.tgf:4:4: error: argument '3' is not listed before the '#' line"),
    ("f.tgf", "1\n#\n#\n", "f.tgf:3:1: error: a second '#' line: TGF has one, between arguments and attacks"),
    ("f.af", "", "f.af:1:1: error: no 'p af N' header"),
    ("f.af", "# only a comment\n", "f.af:1:1: error: no 'p af N' header"),
    ("f.af", "1 2\n", "f.af:1:1: error: expected the header 'p af N' but found '1 2'"),
    ("f.af", "p af -3\n", "f.af:1:1: error: expected the header 'p af N' but found 'p af -3'"),
    ("f.af", "p cnf 3\n", "f.af:1:1: error: expected the header 'p af N' but found 'p cnf 3'"),
    ("f.af", "p af 3\n1 2\n 2 4\n", "f.af:3:4: error: argument '4' is not a number from 1 to 3"),
    ("f.af", "p af 3\n0 2\n", "f.af:2:1: error: argument '0' is not a number from 1 to 3"),
    ("f.af", "p af 3\n1 x\n", "f.af:2:3: error: argument 'x' is not a number from 1 to 3"),
    ("f.af", "p af 3\n1 2 3\n", "f.af:2:1: error: expected an attack 'i j' but found '1 2 3'"),
    ("f.af", "p af 3\n1\n2 3\n", "f.af:2:1: error: expected an attack 'i j' but found '1'"),
    ("f.af", "p af 3\np af 3\n", "f.af:2:1: error: a second 'p af' header"),
    ("f.af", "p af 3\n1 ２\n", "f.af:2:3: error: argument '２' is not a number from 1 to 3"),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD)
def test_bad_input_names_the_line(name: str, text: str, message: str) -> None:
    readers = {".apx": parse_apx, ".tgf": parse_tgf, ".af": parse_af}
    with pytest.raises(InputError) as caught:
        readers[Path(name).suffix](text, name)
    assert str(caught.value) == message


def test_framework_files_by_suffix() -> None:
    assert [is_framework_file(Path(p)) for p in ("a.apx", "b.TGF", "c.af", "d.yaml")] == [
        True,
        True,
        True,
        False,
    ]


# -- the command -------------------------------------------------------------------


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("name", "text", "message"), BAD)
def test_cli_bad_input_is_one_line_and_exit_2(
    name: str, text: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(text, encoding="utf-8")
    assert run("evaluate", name) == (2, "", f"argmap: {message}\n")


def test_cli_reads_every_format(tmp_path: Path) -> None:
    files = {
        "r.apx": "arg(1). arg(2). arg(3). att(1,2). att(2,3).\n",
        "r.tgf": "1\n2\n3\n#\n1 2\n2 3\n",
        "r.af": "p af 3\n1 2\n2 3\n",
    }
    expected = '{\n  "semantics": "grounded",\n  "extensions": [["1", "3"]],\n  "labels": {"1": "in", "2": "out", "3": "in"}\n}\n'
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert run("evaluate", tmp_path / name, "--format", "json") == (0, expected, "")


def test_cli_missing_file_and_unknown_suffix(tmp_path: Path) -> None:
    assert run("evaluate", tmp_path / "none.af") == (2, "", f"argmap: {tmp_path / 'none.af'}: no such file\n")
    assert run("evaluate", tmp_path / "x.docx") == (
        2,
        "",
        f"argmap: {tmp_path / 'x.docx'}: cannot tell the format from the suffix (expected {READABLE_SUFFIXES})\n",
    )


def test_cli_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.af"
    path.write_bytes(b"p af 2\n1 \xff\n")
    assert run("evaluate", path) == (2, "", f"argmap: {path}:2:3: error: not UTF-8 text (byte 0xff)\n")
