"""`argmap lsp` driven as an editor drives it: a real client over the
server's standard input and output (tests/lsp_client.py), on the README's
map and on small maps made for one feature each."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lsp_client import LspClient

from argmap.checks.gate import check_file

REPO = Path(__file__).resolve().parent.parent
README_MAP = "arguments/socialism-in-one-country.yaml"


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def find(text: str, needle: str, nth: int = 0, offset: int = 0) -> dict[str, int]:
    """The protocol position (UTF-16) of the nth `needle` in `text`, plus `offset` characters."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    index += offset
    line = text.count("\n", 0, index)
    start = text.rfind("\n", 0, index) + 1
    return {"line": line, "character": utf16(text[start:index])}


def lines_of(text: str, ranges: list[dict[str, Any]]) -> list[int]:
    return [r["range"]["start"]["line"] for r in ranges]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lsp")
    shutil.copytree(REPO / "arguments", root / "arguments")
    return root


@pytest.fixture(scope="module")
def readme_session(workspace: Path) -> Iterator[tuple[LspClient, str, str]]:
    """One server with the README's map open: (client, uri, text)."""
    client = LspClient(workspace)
    path = workspace / README_MAP
    text = path.read_text(encoding="utf-8")
    assert client.open(path.as_uri(), text) == []  # the map is valid: nothing to report
    yield client, path.as_uri(), text
    client.kill()


@pytest.fixture
def client(tmp_path: Path) -> Iterator[LspClient]:
    started = LspClient(tmp_path)
    yield started
    started.kill()


# -- diagnostics ----------------------------------------------------------------------


def test_a_dangling_id_is_reported_on_its_line_when_opened_and_cleared_when_fixed(
    client: LspClient, tmp_path: Path
) -> None:
    text = (
        "claims:\n  - id: c1\n    text: A claim.\n    premises:\n      - c9\n    counterclaims:\n"
        "      - id: c2\n        text: Another.\n        premises:\n          - {id: c3, text: Third.}\n"
    )
    uri = (tmp_path / "m.yaml").as_uri()
    found = client.open(uri, text)
    assert [(d["code"], d["severity"], d["message"]) for d in found] == [
        ("dangling-ref", 1, "claim 'c9' is not defined")
    ]
    assert found[0]["range"] == {"start": {"line": 4, "character": 8}, "end": {"line": 4, "character": 10}}
    assert found[0]["source"] == "argmap"
    start = client.mark()
    edit = {"start": {"line": 4, "character": 8}, "end": {"line": 4, "character": 10}}
    client.change(uri, 2, "c3", edit)  # an incremental edit, as editors send them
    assert client.diagnostics(uri, start, version=2) == []


def test_the_diagnostics_are_validates_own(client: LspClient, tmp_path: Path) -> None:
    path = tmp_path / "references.yaml"
    shutil.copy(REPO / "tests/data/invalid/references.yaml", path)
    text = path.read_text(encoding="utf-8")
    found = client.open(path.as_uri(), text)
    expected = check_file(path).diagnostics
    got = [
        (d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1, d["code"], d["message"])
        for d in found
    ]
    assert got == [(e.span.line, e.span.column, e.check_id, e.message) for e in expected]
    severities = {d["code"]: d["severity"] for d in found}
    assert severities["unknown-side"] == 1  # Error
    # Each range is the offending value: `trotski`, `esay`, `rebut`.
    words = {d["code"]: text.splitlines()[d["range"]["start"]["line"]] for d in found}
    assert "trotski" in words["unknown-side"]
    side = {d["code"]: d["range"] for d in found}["unknown-side"]
    line = text.splitlines()[side["start"]["line"]]
    assert line[side["start"]["character"] : side["end"]["character"]] == "trotski"
    actions = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": path.as_uri()}, "range": side, "context": {"diagnostics": []}},
    )
    assert [(a["title"], a["kind"], a["diagnostics"][0]["code"]) for a in actions] == [
        ("Change 'trotski' to 'trotsky'", "quickfix", "unknown-side")
    ]
    assert actions[0]["edit"]["changes"][path.as_uri()] == [{"range": side, "newText": "trotsky"}]


def test_ranges_count_utf16_units_past_chinese_text_and_emoji(client: LspClient, tmp_path: Path) -> None:
    text = (
        "sides:\n  蜀: {name: 蜀国}\nclaims:\n"
        '  - {id: 甲, text: "😀 中文的论点 🎉", by: 魏}\n'
        "  - id: 乙\n    text: 第二 😀😀\n    premises: [甲, 丙]\n"
    )
    uri = (tmp_path / "中文.yaml").as_uri()
    found = {d["code"]: d["range"] for d in client.open(uri, text)}
    assert found["unknown-side"]["start"] == find(text, "魏")
    assert found["unknown-side"]["end"]["character"] == found["unknown-side"]["start"]["character"] + 1
    assert found["dangling-ref"]["start"] == find(text, "丙")
    # A position past the emoji, in UTF-16 units, finds the id written there.
    position = find(text, "甲", nth=1)
    assert position["character"] == 15  # 4 spaces, "premises: [" (11)
    definition = client.at("textDocument/definition", uri, **position)
    assert [d["range"]["start"] for d in definition] == [find(text, "甲")]
    assert find(text, "魏")["character"] == utf16('  - {id: 甲, text: "😀 中文的论点 🎉", by: ')


def test_a_half_typed_map_gets_a_diagnostic_and_the_server_keeps_answering(
    client: LspClient, tmp_path: Path
) -> None:
    uri = (tmp_path / "m.yaml").as_uri()
    text = "claims:\n  - id: a\n    text: Experts agree: it is safe.\n"
    found = client.open(uri, text)
    assert [(d.get("code"), d["range"]["start"]["line"]) for d in found] == [(None, 2)]
    assert found[0]["message"].startswith("YAML syntax")
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}},
            "context": {"diagnostics": found},
        },
    )
    assert [a["title"] for a in actions] == ["Quote this text (YAML would misread it)"]
    (edit,) = actions[0]["edit"]["changes"][uri]
    assert edit["newText"] == '"Experts agree: it is safe."'
    fixed = text.replace("Experts agree: it is safe.", edit["newText"])
    start = client.mark()
    client.change(uri, 2, fixed)
    assert client.diagnostics(uri, start, version=2) == []


def test_garbage_on_the_wire_and_bad_requests_do_not_stop_the_server(
    client: LspClient, tmp_path: Path
) -> None:
    client.send_bytes(b"Content-Length: 9\r\n\r\n{oops!!!}")
    client.send_bytes(b"Content-Length: 2\r\n\r\n[]")
    bad = client.request_raw("textDocument/hover", {"textDocument": {"uri": 7}, "position": "here"})
    assert "error" in bad
    unknown = client.request_raw("argmap/nothing", {})
    assert unknown["error"]["code"] == -32601  # method not found
    uri = (tmp_path / "m.yaml").as_uri()
    missing = client.at("textDocument/hover", uri, 0, 0)  # a map that was never opened
    assert missing is None
    text = "claims:\n  - id: a\n    text: A.\n"
    assert client.open(uri, text) == []
    hover = client.at("textDocument/hover", uri, 1, 9)
    assert hover["contents"]["value"].startswith("**claim** `a`")
    assert client.close() == 0


def test_debounced_changes_end_with_the_last_versions_diagnostics(client: LspClient, tmp_path: Path) -> None:
    uri = (tmp_path / "m.yaml").as_uri()
    client.open(uri, "claims:\n  - id: a\n    text: A.\n")
    start = client.mark()
    for version, word in enumerate(["x", "xy", "xyz", "b"], start=2):
        client.change(uri, version, f"claims:\n  - id: a\n    text: A.\n    premises: [{word}]\n")
    final = client.diagnostics(uri, start, version=5)
    assert [d["message"] for d in final] == ["claim 'b' is not defined"]


# -- the README's map ---------------------------------------------------------------------


def test_definition_and_references_of_a_claim(readme_session: tuple[LspClient, str, str]) -> None:
    client, uri, text = readme_session
    cross_link = find(text, "- permrev", offset=3)
    definition = client.at("textDocument/definition", uri, **cross_link)
    assert [d["range"]["start"] for d in definition] == [find(text, "id: permrev", offset=4)]
    references = client.at("textDocument/references", uri, **cross_link, context={"includeDeclaration": True})
    starts = [r["range"]["start"] for r in references]
    assert starts == [find(text, "id: permrev", offset=4), find(text, "- permrev", offset=2)]
    # Claim ids inside an undercut's target count too.
    survived = client.at(
        "textDocument/references",
        uri,
        **find(text, "id: ussr-survived", offset=4),
        context={"includeDeclaration": False},
    )
    assert find(text, "support:ussr-survived", offset=8) in [r["range"]["start"] for r in survived]


def test_definition_of_a_quote_opens_its_source_where_it_stands(
    readme_session: tuple[LspClient, str, str], workspace: Path
) -> None:
    client, uri, text = readme_session
    (found,) = client.at("textDocument/definition", uri, **find(text, 'quote: "Stalin promoted', offset=12))
    source = workspace / "arguments/sources/trotsky-quantum-dialectics.txt"
    assert found["uri"] == source.resolve().as_uri()
    start, end = found["range"]["start"], found["range"]["end"]
    line = source.read_text(encoding="utf-8").split("\n")[start["line"]]
    assert start["line"] == end["line"]
    assert line[start["character"] : end["character"]].startswith("Stalin promoted Socialism in One Country")


def test_hover_shows_a_claims_text_side_and_source(readme_session: tuple[LspClient, str, str]) -> None:
    client, uri, text = readme_session
    hover = client.at("textDocument/hover", uri, **find(text, "id: soc1c", offset=5))
    value = hover["contents"]["value"]
    assert hover["contents"]["kind"] == "markdown"
    assert value.splitlines()[0] == "**claim** `soc1c`  "
    assert "**text:** The USSR could build socialism independently, without waiting for an immediate" in value
    assert "**side:** stalin (Stalin)" in value
    assert "**source:** essay, para 11: “Stalin promoted Socialism in One Country" in value
    side = client.at("textDocument/hover", uri, **find(text, "by: trotsky", offset=5))
    assert side["contents"]["value"].splitlines()[:2] == ["**side** `trotsky`  ", "**name:** Trotsky  "]


def test_rename_a_side_everywhere(readme_session: tuple[LspClient, str, str]) -> None:
    client, uri, text = readme_session
    position = find(text, "by: trotsky", offset=5)
    prepared = client.at("textDocument/prepareRename", uri, **position)
    assert prepared["placeholder"] == "trotsky"
    edit = client.at("textDocument/rename", uri, **position, newName="lev")
    edits = edit["changes"][uri]
    assert len(edits) == text.count("by: trotsky") + 1  # every use and the definition
    assert {e["newText"] for e in edits} == {"lev"}
    lines = text.splitlines()
    for e in edits:
        start, end = e["range"]["start"], e["range"]["end"]
        assert lines[start["line"]][start["character"] : end["character"]] == "trotsky"


def test_rename_refuses_an_id_that_is_taken_or_no_id(readme_session: tuple[LspClient, str, str]) -> None:
    client, uri, text = readme_session
    position = find(text, "id: soc1c", offset=5)
    taken = client.request_raw(
        "textDocument/rename", {"textDocument": {"uri": uri}, "position": position, "newName": "permrev"}
    )
    assert taken["error"]["message"] == "claim 'permrev' already exists in this map"
    spaced = client.request_raw(
        "textDocument/rename", {"textDocument": {"uri": uri}, "position": position, "newName": "two words"}
    )
    assert "is not an id" in spaced["error"]["message"]


def test_completion_of_sides_and_keys(readme_session: tuple[LspClient, str, str]) -> None:
    client, uri, text = readme_session
    position = find(text, "by: stalin", offset=4)
    start = client.mark()
    edit = {"start": position, "end": {"line": position["line"], "character": position["character"] + 6}}
    client.change(uri, 2, "", edit)  # `by: ` with the side deleted
    items = client.at("textDocument/completion", uri, **position)["items"]
    assert [(i["label"], i["detail"]) for i in items] == [
        ("stalin", "Stalin"),
        ("trotsky", "Trotsky"),
        ("essay", "The essay's author"),
        ("critic", "Critic"),
    ]
    client.diagnostics(uri, start, version=2)
    start = client.mark()
    client.change(uri, 3, "stalin", {"start": position, "end": position})
    assert client.diagnostics(uri, start, version=3) == []
    keys = client.at("textDocument/completion", uri, line=position["line"] + 1, character=4)
    assert "text" in [i["label"] for i in keys["items"]]


def test_the_outline_is_the_claim_tree_and_folds_by_claim(readme_session: tuple[LspClient, str, str]) -> None:
    client, uri, text = readme_session
    symbols = client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert [s["name"] for s in symbols] == [
        "soc1c",
        "world-revolution-lesson",
        "international-revolution-divide",
    ]
    soc1c = symbols[0]
    assert [c["name"] for c in soc1c["children"]] == [
        "ussr-survived",
        "no-programme",
        "lenin-1915",
        "permrev",
        "single-backward-country",
        "stalin-undermined",
    ]
    assert soc1c["children"][0]["detail"].startswith("premise: As the only socialist state")
    assert soc1c["selectionRange"]["start"] == find(text, "id: soc1c", offset=4)
    folds = client.request("textDocument/foldingRange", {"textDocument": {"uri": uri}})
    assert folds[0]["startLine"] == soc1c["range"]["start"]["line"]
    assert folds[0]["endLine"] == soc1c["range"]["end"]["line"]
    last_line = text.splitlines()[soc1c["range"]["end"]["line"]]
    assert last_line.strip() and not last_line.lstrip().startswith("#")


def test_rename_reaches_other_open_maps_that_use_the_id_without_defining_it(
    client: LspClient, tmp_path: Path
) -> None:
    first = (tmp_path / "a.yaml").as_uri()
    user = (tmp_path / "b.yaml").as_uri()
    own = (tmp_path / "c.yaml").as_uri()
    client.open(first, "sides:\n  red: {name: Red}\nclaims:\n  - {id: a, text: A., by: red}\n")
    client.open(user, "claims:\n  - {id: b, text: B., by: red}\n")
    client.open(own, "sides:\n  red: {name: Own red}\nclaims:\n  - {id: c, text: C., by: red}\n")
    edit = client.at("textDocument/rename", first, 1, 3, newName="blue")
    assert sorted(edit["changes"]) == sorted([first, user])
    assert [e["range"]["start"] for e in edit["changes"][user]] == [{"line": 1, "character": 26}]


# -- sources on disk --------------------------------------------------------------------------


def _quoting_map(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "essay.txt").write_text("The first words.\n", encoding="utf-8")
    text = (
        "sources:\n  essay: {file: essay.txt}\nclaims:\n"
        "  - id: a\n    text: A.\n    source: {ref: essay, quote: the second words}\n"
    )
    return (tmp_path / "m.yaml").as_uri(), text


def test_a_changed_source_file_rechecks_the_maps_that_quote_it(client: LspClient, tmp_path: Path) -> None:
    uri, text = _quoting_map(tmp_path)
    assert [d["code"] for d in client.open(uri, text)] == ["quote-not-found"]
    start = client.mark()
    time.sleep(0.05)  # a modification time the watcher can tell apart
    (tmp_path / "essay.txt").write_text("The first words, then the second words.\n", encoding="utf-8")
    assert client.diagnostics(uri, start) == []


def test_watched_file_notifications_recheck_too(tmp_path: Path) -> None:
    capabilities = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}
    client = LspClient(tmp_path, capabilities)
    try:
        registration = client.wait_for(lambda m: m.get("method") == "client/registerCapability")
        assert registration["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles"
        uri, text = _quoting_map(tmp_path)
        assert [d["code"] for d in client.open(uri, text)] == ["quote-not-found"]
        (tmp_path / "essay.txt").write_text("Now the second words.\n", encoding="utf-8")
        start = client.mark()
        client.notify(
            "workspace/didChangeWatchedFiles",
            {"changes": [{"uri": (tmp_path / "essay.txt").as_uri(), "type": 2}]},
        )
        assert client.diagnostics(uri, start) == []
    finally:
        client.kill()


def test_hover_shows_the_status_the_map_expects_or_the_client_asks(tmp_path: Path) -> None:
    client = LspClient(tmp_path, options={"evaluate": "dfquad"})
    try:
        uri = (tmp_path / "m.yaml").as_uri()
        text = (
            "claims:\n  - id: c\n    text: C.\n    counterclaims:\n      - {id: x, text: X.}\n"
            "expect:\n  grounded:\n    out: [c]\n"
        )
        assert client.open(uri, text) == []
        value = client.at("textDocument/hover", uri, 1, 9)["contents"]["value"]
        assert value.splitlines()[-2:] == ["**status (grounded):** out  ", "**status (dfquad):** 0.25"]
        client.notify(
            "workspace/didChangeConfiguration", {"settings": {"argmap": {"evaluate": ["preferred"]}}}
        )
        value = client.at("textDocument/hover", uri, 1, 9)["contents"]["value"]
        assert value.splitlines()[-2:] == ["**status (grounded):** out  ", "**status (preferred):** out"]
    finally:
        client.kill()


def test_a_client_that_offers_utf8_first_gets_byte_columns(tmp_path: Path) -> None:
    client = LspClient(tmp_path, {"general": {"positionEncodings": ["utf-8", "utf-16"]}})
    try:
        assert client.initialize_result["capabilities"]["positionEncoding"] == "utf-8"
        text = 'claims:\n  - {id: a, text: "😀 中文", by: 魏}\n'
        (found,) = client.open((tmp_path / "m.yaml").as_uri(), text)
        line = text.splitlines()[1]
        start = len(line[: line.index("魏")].encode("utf-8"))
        assert found["range"] == {
            "start": {"line": 1, "character": start},
            "end": {"line": 1, "character": start + 3},
        }
    finally:
        client.kill()


def test_a_reference_to_another_map_is_checked_and_leads_to_its_claim(
    client: LspClient, tmp_path: Path
) -> None:
    other = tmp_path / "other.yaml"
    other.write_text("claims:\n  - id: x\n    text: Over there.\n", encoding="utf-8")
    text = "claims:\n  - id: c\n    text: Here.\n    premises:\n      - other.yaml#x\n      - other.yaml#y\n"
    uri = (tmp_path / "m.yaml").as_uri()
    found = client.open(uri, text)
    assert [(d["code"], d["range"]["start"], d["message"]) for d in found] == [
        ("dangling-ref", find(text, "other.yaml#y"), "claim 'y' is not defined in other.yaml")
    ]
    (definition,) = client.at("textDocument/definition", uri, **find(text, "other.yaml#x", offset=3))
    assert definition["uri"] == other.resolve().as_uri()
    assert definition["range"] == {"start": {"line": 1, "character": 8}, "end": {"line": 1, "character": 9}}
