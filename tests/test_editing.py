"""What an editor asks of a map, answered by the core on inline YAML:
the index of ids, diagnostics' ranges, rename, hover, completion, fixes.
Positions are 0-based (line, column in code points)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.checks.completion import CompletionKind, complete
from argmap.checks.editing import analyse, definitions, hover, references, rename, rename_target, source_place
from argmap.checks.fixes import _SUGGESTION, fixes
from argmap.checks.references import _hint
from argmap.errors import UsageError
from argmap.formats.native.nodes import did_you_mean
from argmap.formats.native.occurrences import IdKind, TextRange, index_yaml
from argmap.formats.native.read import CLAIM_KEYS

MAP = """\
sources:
  essay: {title: An essay}
sides:
  red: {name: Red}
claims:
  - id: c1
    text: Conclusion.
    by: red
    source: {ref: essay, quote: words}
    premises:
      - id: p1
        text: Premise.
        undercuts:
          - {id: u1, text: But.}
      - linked:
          - {id: l1, text: One.}
          - {id: l2, text: Two.}
    counterclaims:
      - id: a1
        text: Against.
        premises:
          - p1
relations:
  - {from: a1, to: "support:p1:c1", type: undercut}
expect:
  grounded:
    in: [p1]
"""


def places(text: str, kind: IdKind, id_: str) -> list[tuple[int, int, bool]]:
    index = index_yaml(text)
    return [(o.range.line, o.range.column, o.definition) for o in index.of(kind, id_)]


def test_the_index_finds_every_place_an_id_is_written() -> None:
    assert places(MAP, IdKind.CLAIM, "p1") == [
        (10, 12, True),
        (21, 12, False),
        (23, 28, False),
        (26, 9, False),
    ]
    assert places(MAP, IdKind.CLAIM, "c1") == [(5, 8, True), (23, 31, False)]
    assert places(MAP, IdKind.CLAIM, "a1") == [(18, 12, True), (23, 11, False)]
    assert places(MAP, IdKind.SIDE, "red") == [(3, 2, True), (7, 8, False)]
    assert places(MAP, IdKind.SOURCE, "essay") == [(1, 2, True), (8, 18, False)]
    assert places(MAP, IdKind.CLAIM, "l2") == [(16, 17, True)]


def test_the_graph_form_is_indexed_too() -> None:
    text = (
        '{"sides": {"s": {}}, "nodes": [{"id": "a", "text": "A", "by": "s", '
        '"more_sources": [{"ref": "x"}]}], "relations": [{"from": "a", "to": "b", "type": "attack"}]}'
    )
    index = index_yaml(text)
    assert [(o.kind.value, o.id, o.definition) for o in index.occurrences] == [
        ("side", "s", True),
        ("claim", "a", True),
        ("side", "s", False),
        ("source", "x", False),
        ("claim", "a", False),
        ("claim", "b", False),
    ]
    assert index.occurrences[1].range == TextRange(0, 39, 0, 40)  # inside the quotes


def test_the_outline_is_the_claim_tree_with_ranges_ending_at_the_last_character() -> None:
    index = index_yaml(MAP)
    (c1,) = index.outline
    assert [(c.id, c.role) for c in c1.children] == [
        ("p1", "premise"),
        ("l1", "premise"),
        ("l2", "premise"),
        ("a1", "counterclaim"),
    ]
    assert [(u.id, u.role) for u in c1.children[0].children] == [("u1", "undercut")]
    assert c1.range == TextRange(5, 4, 21, 14)  # up to `- p1`, not to `relations:`
    assert c1.selection == TextRange(5, 8, 5, 10)


def test_diagnostics_range_over_the_value_they_are_about() -> None:
    text = "sides:\n  red: {}\nclaims:\n  - id: c1\n    text: C.\n    by: blue\n    colour: x\n"
    state = analyse(text, "m.yaml")
    found = {d.check_id: d for d in state.diagnostics}
    assert found["unknown-side"].range == TextRange(5, 8, 5, 12)
    assert found["unknown-key"].range == TextRange(6, 4, 6, 10)  # the key, not its mapping
    assert found["unknown-side"].message == "side 'blue' is not defined under 'sides:'"


def test_an_unreadable_text_is_one_diagnostic_without_a_check_id() -> None:
    state = analyse("claims:\n  - id: a\n    text: [unclosed\n", "m.yaml")
    (problem,) = state.diagnostics
    assert problem.check_id is None
    assert problem.message.startswith("YAML syntax:")
    assert state.checked is None and state.index is None


def test_definition_and_references() -> None:
    state = analyse(MAP, "m.yaml")
    assert [o.range.line for o in definitions(state, 21, 13)] == [10]
    assert [o.range.line for o in references(state, 10, 12, declaration=False)] == [21, 23, 26]
    assert definitions(state, 6, 10) == []  # a text, no id


def test_rename_changes_every_place_including_inside_relation_ids() -> None:
    state = analyse(MAP, "m.yaml")
    target, edits = rename(state, 21, 12, "premise-1")
    assert target.id == "p1"
    lines = MAP.splitlines()
    for edit in edits:
        assert lines[edit.range.line][edit.range.column : edit.range.end_column] == "p1"
    renamed = MAP
    for edit in sorted(edits, key=lambda e: (e.range.line, e.range.column), reverse=True):
        rows = renamed.splitlines(keepends=True)
        row = rows[edit.range.line]
        rows[edit.range.line] = row[: edit.range.column] + edit.new_text + row[edit.range.end_column :]
        renamed = "".join(rows)
    assert analyse(renamed, "m.yaml").diagnostics == ()
    assert 'to: "support:premise-1:c1"' in renamed


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("a1", "claim 'a1' already exists in this map"),
        ("two words", "'two words' is not an id"),
    ],
)
def test_rename_refuses(new: str, message: str) -> None:
    state = analyse(MAP, "m.yaml")
    with pytest.raises(UsageError, match=message):
        rename(state, 10, 12, new)


def test_rename_refuses_an_id_written_with_escapes() -> None:
    state = analyse('claims:\n  - id: "\\u0061b"\n    text: A.\n', "m.yaml")
    with pytest.raises(UsageError, match="escapes"):
        rename(state, 1, 8, "c")


def test_hover_describes_claims_sides_and_sources() -> None:
    state = analyse(MAP, "m.yaml")
    claim = hover(state, 5, 9)
    assert claim is not None
    assert claim.rows == (
        ("text", "Conclusion."),
        ("side", "red (Red)"),
        ("source", "essay: “words”"),
        ("status (grounded)", "out"),  # a1 attacks it, and nothing attacks a1
    )
    side = hover(state, 7, 9)
    assert side is not None and side.rows == (("name", "Red"), ("claims", "1"))
    source = hover(state, 1, 3)
    assert source is not None and source.rows == (("title", "An essay"), ("cited by", "1 claim(s)"))


def test_hover_status_of_a_map_that_cannot_be_evaluated_says_so() -> None:
    state = analyse("claims:\n  - id: a\n    text: A.\n    premises: [zz]\n", "m.yaml")
    info = hover(state, 1, 8, ("grounded",))
    assert info is not None
    assert info.rows[-1][0] == "status (grounded)"
    assert info.rows[-1][1].startswith("not evaluated:")


def labels(text: str, line: int, column: int) -> list[str]:
    state = analyse(MAP, "m.yaml")
    lines = tuple(text.splitlines())
    return [c.label for c in complete(lines, line, column, state.map)]


@pytest.mark.parametrize(
    ("line_text", "expected"),
    [
        ("    by: ", ["red"]),
        ("    source: {ref: e", ["essay"]),
        ("      - ", ["c1", "p1", "u1", "l1", "l2", "a1", *CLAIM_KEYS, "linked"]),
        ("      - l", ["l1", "l2", "label", "linked"]),
        ("    te", ["text"]),
        ("    t", ["text", "tags"]),
        ("  - {from: a1, to: p1, type: u", ["undercut"]),
        ("ti", ["title"]),
    ],
)
def test_completion_offers_what_the_place_allows(line_text: str, expected: list[str]) -> None:
    lines = MAP.splitlines()
    # A key of c1 goes before its `premises:` (line 9); a list entry among its premises.
    at = 10 if line_text.lstrip().startswith("-") and "from" not in line_text else 9
    at = at if line_text.startswith("    ") else len(lines)
    text = "\n".join([*lines[:at], line_text, *lines[at:]])
    assert labels(text, at, len(line_text)) == expected


def test_completion_of_keys_of_a_source_entry_and_of_expectations() -> None:
    text = "sources:\n  essay:\n    ti\nexpect:\n  grounded:\n    in: [c"
    state = analyse(MAP, "m.yaml")
    lines = tuple(text.splitlines())
    assert [c.label for c in complete(lines, 2, 6, state.map)] == ["title"]
    found = complete(lines, 5, 10, state.map)
    assert [(c.label, c.kind) for c in found] == [("c1", CompletionKind.CLAIM)]


def test_completion_right_after_a_colon_inserts_a_space() -> None:
    state = analyse(MAP, "m.yaml")
    (side,) = complete(("    by:",), 0, 7, state.map)
    assert side.insert == " red"


def test_fixes_offer_what_the_checks_suggested() -> None:
    text = (
        "sides:\n  trotsky: {}\nsources:\n  essay: {}\nclaims:\n  - id: c1\n    text: C.\n    by: trotski\n"
        "    source: {ref: esay}\n    premises:\n      - {id: p1, text: P.}\n    tex: x\n"
        "relations:\n  - {from: x, to: support:p1:c2, type: undercut}\n"
    )
    state = analyse(text, "m.yaml")
    found = [(f.title, f.edit) for f in fixes(state, range(0, 20))]
    assert [title for title, _ in found] == [
        "Change 'trotski' to 'trotsky'",
        "Change 'esay' to 'essay'",
        "Change 'tex' to 'text'",
        "Change 'support:p1:c2' to 'support:p1:c1'",
    ]
    lines = text.splitlines()
    for title, edit in found:
        wrong = title.split("'")[1]
        assert lines[edit.range.line][edit.range.column : edit.range.end_column] == wrong


@pytest.mark.parametrize(
    ("line", "quoted"),
    [
        ("    text: Experts agree: it is safe.", '"Experts agree: it is safe."'),
        ("    text: The #1 reason", '"The #1 reason"'),
        ('    note: Say "no": then go.', '"Say \\"no\\": then go."'),
    ],
)
def test_a_text_yaml_would_misread_can_be_quoted(line: str, quoted: str) -> None:
    text = f"claims:\n  - id: a\n{line}\n    text2: x\n"
    state = analyse(text, "m.yaml")
    (fix,) = [f for f in fixes(state, range(2, 3)) if f.title.startswith("Quote")]
    assert fix.edit.new_text == quoted
    assert fix.edit.range.column == line.index(":") + 2


def test_plain_texts_are_not_offered_quoting() -> None:
    state = analyse("claims:\n  - id: a\n    text: Nothing to see here.\n", "m.yaml")
    assert fixes(state, range(0, 3)) == []


def test_the_command_line_loads_the_language_server_only_for_argmap_lsp() -> None:
    probe = "import sys, argmap.cli; print(sorted(m for m in ('pygls', 'lsprotocol', 'argmap.lsp') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


def test_the_json_graph_form_gets_ranged_diagnostics_and_an_index() -> None:
    text = '{"argmap": 1, "nodes": [{"id": "a", "text": "A"}], "relations": [{"from": "a", "to": "b", "type": "attack"}]}'
    state = analyse(text, "m.json")
    (problem,) = state.diagnostics
    assert problem.check_id == "dangling-ref"
    assert text[problem.range.column : problem.range.end_column] == '"b"'
    (found,) = definitions(state, 0, text.index('"from": "a"') + 10)
    assert found.range.column == text.index('"id": "a"') + 7  # the a inside the quotes


# Lines a map is made of, and lines of one half typed.
_FRAGMENTS = [
    *MAP.splitlines(),
    "  - ",
    "    by: ",
    "    text: Experts agree: it is safe.",
    "      - [",
    "{",
    "  - id: 中文😀",
    "    premises:",
    "      - x",
    '    source: {ref: "es',
    "expect: {grounded: {in: [",
    "\t- bad",
]


@given(
    st.lists(st.sampled_from(_FRAGMENTS), max_size=24) | st.lists(st.text(max_size=30), max_size=6),
    st.integers(-1, 30),
    st.integers(-1, 60),
)
def test_no_text_and_no_position_makes_the_editor_answers_fail(
    lines: list[str], line: int, column: int
) -> None:
    """Whatever is typed, wherever the cursor is: answers or a UsageError, never a crash."""
    state = analyse("\n".join(lines), "m.yaml")
    assert all(d.range.line >= 0 for d in state.diagnostics)
    complete(state.lines, line, column, state.map)
    fixes(state, range(max(line, 0), max(line, 0) + 3))
    hover(state, line, column, ("grounded",))
    definitions(state, line, column)
    references(state, line, column)
    try:
        rename_target(state, line, column)
        rename(state, line, column, "new-id")
    except UsageError:
        pass


def test_the_fixes_read_the_suggestions_as_both_helpers_write_them() -> None:
    """The quick fix takes the word a message suggests: it must read what
    the reader's `did_you_mean` and the checks' `_hint` write."""
    for written, word in (
        (did_you_mean("tex", ("text", "id")), "text"),
        (_hint("trotski", ["trotsky"]), "trotsky"),
    ):
        found = _SUGGESTION.search(f"side 'x' is not defined{written}")
        assert found is not None and found.group(1) == word


def test_definition_of_a_quote_is_where_it_stands_in_its_source(tmp_path: Path) -> None:
    (tmp_path / "essay.txt").write_text(
        "Title\n\nThey said: “the  second\nwords”, then left.\n", encoding="utf-8"
    )
    text = (
        "sources:\n  essay: {file: essay.txt}\nclaims:\n"
        '  - id: a\n    text: A.\n    source: {ref: essay, quote: "the second words"}\n'
    )
    state = analyse(text, str(tmp_path / "m.yaml"))
    assert state.diagnostics == ()
    quote = source_place(state, 5, text.splitlines()[5].index("second"))
    assert quote is not None
    assert (quote.file, quote.range) == (tmp_path / "essay.txt", TextRange(2, 12, 3, 5))
    whole = source_place(state, 1, 18)
    assert whole is not None and (whole.file, whole.range) == (tmp_path / "essay.txt", TextRange(0, 0, 0, 0))
    assert source_place(state, 4, 11) is None  # a claim's text


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ('{"nodes": [{"id": "b", "text": "B", "by": "r', ["red"]),
        ('{"relations": [{"from": "c', ["c1"]),
        ('{"expect": {"grounded": {"in": ["a1", "p', ["p1"]),
    ],
)
def test_completion_in_the_json_graph_form(typed: str, expected: list[str]) -> None:
    state = analyse(MAP, "m.yaml")
    assert [c.label for c in complete((typed,), 0, len(typed), state.map)] == expected


def test_completion_of_scheme_ids_from_the_catalogue_and_the_map() -> None:
    text = MAP + "schemes:\n  town-rule: {name: Town rule, critical_questions: []}\n"
    state = analyse(text, "m.yaml")
    found = {c.label: c.detail for c in complete(("      scheme: ",), 0, 14, state.map)}
    assert found["expert-opinion"] == "Argument from expert opinion"
    assert found["town-rule"] == "Town rule"
    assert len(found) >= 26


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ('{"no', ["nodes"]),
        (
            '{\n  "argmap": 1,\n  "',
            ["argmap", "title", "description", "sources", "sides", "nodes", "relations", "expect"],
        ),
        ('{"nodes": [{"id": "b", "te', ["text"]),
        ('{"relations": [{"from": "a", "t', ["to", "type"]),
        ('{"sides": {"pro": {"na', ["name"]),
        ('{"sources": {"essay": {"fi', ["file"]),
        ('{"nodes": [{"id": "b", "source": {"q', ["quote"]),
        ('{"title": "a \\"{[\\" b", "ex', ["expect"]),  # brackets in a string are text
        ('{"expect": {"g', ["grounded"]),
    ],
)
def test_completion_of_keys_in_the_json_graph_form(typed: str, expected: list[str]) -> None:
    """In JSON a key starts with a quote after `{` or `,`; the keys offered
    are those of the object the cursor is in, found by its brackets."""
    lines = tuple(typed.split("\n"))
    found = [c for c in complete(lines, len(lines) - 1, len(lines[-1]), None)]
    assert [c.label for c in found][: len(expected)] == expected
    assert all(c.insert == f'{c.label}": ' for c in found)
