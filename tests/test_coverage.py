"""Sentence splitting and quote coverage (`argmap coverage`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.analysis.coverage import measure, split_sentences
from argmap.cli import app
from argmap.formats.native.read import load_yaml_text
from argmap.model import ArgumentMap
from argmap.text import SearchableText

runner = CliRunner()


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("He said “go.” Then he left.", ["He said “go.”", "Then he left."]),
        (
            "Trotsky (1879–1940) lived. (He died.) Next.",
            ["Trotsky (1879–1940) lived.", "(He died.)", "Next."],
        ),
        ("See e.g. Marx. Then Engels.", ["See e.g. Marx.", "Then Engels."]),
        ("Written by J. R. Smith in 1990. Read it.", ["Written by J. R. Smith in 1990.", "Read it."]),
        ("The U.S. and the U.S.S.R. met. Done.", ["The U.S. and the U.S.S.R. met.", "Done."]),
        ("Version 2.0 is out. Yes.", ["Version 2.0 is out.", "Yes."]),
        ("lower case. follows here", ["lower case. follows here"]),
        ("Wait... What?", ["Wait...", "What?"]),
    ],
)
def test_split_within_a_paragraph(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_paragraph_lines_and_headings_end_sentences() -> None:
    # One paragraph per line (as the essay is written), and a heading.
    text = "Introduction\nThe first paragraph has no end mark\nLeave a comment\n"
    assert texts(text) == ["Introduction", "The first paragraph has no end mark", "Leave a comment"]


def test_hard_wrapped_prose_runs_on_across_line_breaks() -> None:
    text = (
        "Permanent Revolution argues that in backward countries the democratic\n"
        "revolution cannot be separated from the socialist one. The proletariat\n"
        "must lead the whole process, continuously advancing towards socialism.\n"
        "\n"
        "A second paragraph starts here and goes on for a while longer than a\n"
        "heading would.\n"
    )
    assert texts(text) == [
        "Permanent Revolution argues that in backward countries the democratic "
        "revolution cannot be separated from the socialist one.",
        "The proletariat must lead the whole process, continuously advancing towards socialism.",
        "A second paragraph starts here and goes on for a while longer than a heading would.",
    ]


def test_positions_are_line_and_column_of_the_first_character() -> None:
    text = "First one.  Second one.\n\n  Third one."
    assert [(s.number, s.line, s.column) for s in split_sentences(text)] == [(1, 1, 1), (2, 1, 13), (3, 3, 3)]


@given(st.text(alphabet=st.sampled_from("ab .!?\n“”()e.g"), max_size=80))
def test_sentences_are_ordered_disjoint_and_lose_no_word(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    for sentence in sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert sentence.text == " ".join(text[sentence.start : sentence.end].split())
        previous_end = sentence.end
    kept = "".join(text[s.start : s.end] for s in sentences)
    assert [c for c in kept if c.isalnum()] == [c for c in text if c.isalnum()]


def test_searchable_text_maps_folded_matches_back() -> None:
    text = "He said:\n  \u201cSocialism   in one\ncountry\u201d is a myth."
    place = SearchableText(text).find('"Socialism in one country"')
    assert place is not None
    assert text[place[0] : place[1]] == "\u201cSocialism   in one\ncountry\u201d"
    assert SearchableText(text).find("absent words") is None
    assert SearchableText(text).find("   ") is None


SOURCE = "Alpha is first. Beta is second. Gamma is third. Delta is fourth.\nEpsilon is a heading\n"


def amap(quotes: list[str | list[str]], file: str = "m.yaml") -> ArgumentMap:
    lines = ["sources: {s: {title: t}}", "claims:"]
    for number, quote in enumerate(quotes, 1):
        lines.append(f"  - id: c{number}")
        lines.append(f"    text: Claim {number}.")
        if isinstance(quote, list):
            lines.append("    source:")
            lines.extend(f"      - {{ref: s, quote: {json.dumps(q)}}}" for q in quote)
        else:
            lines.append(f"    source: {{ref: s, quote: {json.dumps(quote)}}}")
    return load_yaml_text("\n".join(lines) + "\n", file).map


def test_partial_quotes_cover_their_sentences_and_spans_cover_several() -> None:
    report = measure(
        "src.txt",
        SOURCE,
        [
            amap(["is first", "second. Gamma"]),
            amap([["Epsilon", "not in this text"]], "n.yaml"),
        ],
    )
    assert [s.text for s in report.uncovered()] == ["Delta is fourth."]
    assert report.covered == 4
    assert report.percent == 80.0
    assert [[(q.file, q.id) for q in quoters] for quoters in report.quoted_by] == [
        [("m.yaml", "c1")],
        [("m.yaml", "c2")],
        [("m.yaml", "c2")],
        [],
        [("n.yaml", "c1")],
    ]
    assert (report.quotes_found, report.quotes_elsewhere) == (3, 1)


def test_a_recurring_phrase_covers_only_its_first_occurrence() -> None:
    report = measure("src.txt", "It is. It is.", [amap(["It is."])])
    assert [s.text for s in report.uncovered()] == ["It is."]
    assert report.uncovered()[0].column == 8


# -- the command -------------------------------------------------------------


@pytest.fixture
def mapped(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "src.txt"
    source.write_text(SOURCE, encoding="utf-8")
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "m.yaml").write_text(
        "sources: {s: {file: ../src.txt}}\n"
        "claims:\n"
        "  - {id: a, text: A., source: {ref: s, quote: Alpha is first}}\n"
        "  - {id: b, text: B., source: [{ref: s, quote: Beta}, {ref: s, quote: Epsilon}]}\n",
        encoding="utf-8",
    )
    return source, maps


def test_cli_text_lists_unquoted_sentences_then_the_figure(mapped: tuple[Path, Path]) -> None:
    source, maps = mapped
    result = runner.invoke(app, ["coverage", str(source), str(maps)])
    assert result.exit_code == 0
    assert result.stdout == (
        f"{source}:1:33: not quoted: Gamma is third.\n"
        f"{source}:1:49: not quoted: Delta is fourth.\n"
        "3 of 5 sentences quoted (60.0%) by 3 quotes in 1 map(s)\n"
    )
    assert result.stderr == ""


def test_cli_all_names_the_quoting_claims(mapped: tuple[Path, Path]) -> None:
    source, maps = mapped
    result = runner.invoke(app, ["coverage", str(source), str(maps / "m.yaml"), "--all"])
    assert result.stdout.splitlines()[1] == f"{source}:1:17: quoted by {maps / 'm.yaml'}#b: Beta is second."


def test_cli_min_fails_below_the_threshold(mapped: tuple[Path, Path]) -> None:
    source, maps = mapped
    assert runner.invoke(app, ["coverage", str(source), str(maps), "--min", "60"]).exit_code == 0
    assert runner.invoke(app, ["coverage", str(source), str(maps), "--min", "60.1"]).exit_code == 1


def test_cli_json(mapped: tuple[Path, Path]) -> None:
    source, maps = mapped
    result = runner.invoke(app, ["coverage", str(source), str(maps), "--format", "json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert {
        k: document[k] for k in ("sentences", "covered", "percent", "quotes_found", "quotes_elsewhere")
    } == {
        "sentences": 5,
        "covered": 3,
        "percent": 60.0,
        "quotes_found": 3,
        "quotes_elsewhere": 0,
    }
    assert document["maps"] == [str(maps / "m.yaml")]
    assert document["uncovered"] == [
        {"number": 3, "line": 1, "column": 33, "text": "Gamma is third.", "quoted_by": []},
        {"number": 4, "line": 1, "column": 49, "text": "Delta is fourth.", "quoted_by": []},
    ]
    assert document["all"][4]["quoted_by"] == [{"file": str(maps / "m.yaml"), "id": "b"}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", "."], "argmap: missing.txt: no such file\n"),
        (["{source}", "{maps}/none.yaml"], "argmap: {maps}/none.yaml: no such file or folder\n"),
    ],
)
def test_cli_bad_input_is_one_line(mapped: tuple[Path, Path], args: list[str], message: str) -> None:
    source, maps = mapped
    filled = [a.format(source=source, maps=maps) for a in args]
    result = runner.invoke(app, ["coverage", *filled])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == message.format(maps=maps)
