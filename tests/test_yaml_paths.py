"""The two ways a YAML map is read give the same map and the same
diagnostics: the fast path (yaml-rs to plain data, `argmap.yaml.fast` and
`argmap.formats.native.plain`) and PyYAML's, the reference and the only
source of positions. Checked on every map in the repository (and the YAML
in the docs), on generated maps full of scalars YAML 1.1 and 1.2 read
differently, and with yaml-rs missing.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.checks.gate import check_loaded
from argmap.errors import InputError
from argmap.formats.base import LoadResult
from argmap.formats.native.read import load_json_text, load_yaml_text
from argmap.formats.registry import load_path
from argmap.model import ArgumentMap
from argmap.yaml import fast

REPO = Path(__file__).resolve().parent.parent
_YAML_BLOCK = re.compile(r"```yaml\n(.*?)```", re.DOTALL)

pytestmark = pytest.mark.skipif(fast.fast_parser() is None, reason="yaml-rs is not installed: no fast path")


def _no_spans(value: Any) -> Any:
    """A record with every span (a `*span` or `*_spans` field) blanked, all the way down."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        record: Any = value  # a named tuple
        return record._replace(**{k: _blank(k, v) for k, v in zip(record._fields, record, strict=True)})
    if isinstance(value, tuple):
        return tuple(_no_spans(v) for v in value)
    if isinstance(value, dict):
        return {k: _no_spans(v) for k, v in value.items()}
    return value


def _blank(key: str, value: Any) -> Any:
    if key.endswith("_spans"):
        return (None,) * len(value)
    if key == "span" or key.endswith("_span"):
        return None
    return _no_spans(value)


def without_spans(amap: ArgumentMap) -> ArgumentMap:
    return replace(
        amap,
        **{f.name: _no_spans(getattr(amap, f.name)) for f in fields(amap) if f.name != "positioned"},
    )


def _outcome(result: LoadResult) -> tuple[ArgumentMap, list[str]]:
    checked = check_loaded(result, read_sources=False)
    return without_spans(checked.map), [str(d) for d in checked.diagnostics]


def _read(text: str, fast_path: bool, json: bool = False) -> LoadResult | str:
    load = load_json_text if json else load_yaml_text
    try:
        return load(text, "m.yaml", fast=fast_path)
    except InputError as exc:
        return f"error: {exc}"


def assert_same(text: str, json: bool = False) -> bool:
    """Both paths agree on `text`; whether the fast path read it."""
    quick, reference = _read(text, True, json), _read(text, False, json)
    if isinstance(reference, str) or isinstance(quick, str):
        assert quick == reference
        return False
    assert _outcome(quick) == _outcome(reference)
    if quick.reread is None:
        return False
    # Read by the fast path: no diagnostics of its own, and its positions
    # are the reference's.
    assert quick.diagnostics == reference.diagnostics == []
    assert quick.map.with_positions() == reference.map
    assert quick.reread().diagnostics == []
    return True


def _repository_yaml() -> Iterator[tuple[str, str]]:
    for path in sorted(REPO.glob("**/*.y*ml")):
        if "node_modules" not in path.parts and path.suffix in (".yaml", ".yml"):
            yield str(path.relative_to(REPO)), path.read_text(encoding="utf-8", errors="surrogateescape")
    for doc in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        for number, block in enumerate(_YAML_BLOCK.findall(doc.read_text(encoding="utf-8"))):
            yield f"{doc.relative_to(REPO)} block {number + 1}", block


def test_every_map_in_the_repository_reads_the_same_both_ways() -> None:
    read_fast = [name for name, text in _repository_yaml() if assert_same(text)]
    # The fast path is no dead code: most of the repository's maps take it.
    assert "arguments/permanent-revolution.yaml" in read_fast
    assert "tests/data/valid/all-features.yaml" in read_fast


def test_json_maps_read_the_same_both_ways() -> None:
    amap = load_path(REPO / "tests/data/valid/all-features.yaml").map.with_positions()
    from argmap.formats.native import graph

    assert assert_same(graph.dumps(amap), json=True)


def test_big_json_maps_take_the_fast_path_and_read_the_same() -> None:
    """A JSON map's brackets are no measure of its nesting (`json` has
    bounded that already): a graph form with thousands of brackets still
    takes the fast path, and agrees with PyYAML."""
    from argmap.formats.native import graph

    lines = ["claims:"]
    for n in range(600):
        lines += [
            f"  - id: c{n}",
            f"    text: Claim number {n}.",
            "    premises:",
            f"      - {{id: p{n}, text: Reason {n}.}}",
        ]
    amap = load_yaml_text("\n".join(lines) + "\n", "m.yaml").map
    text = graph.dumps(amap)
    assert text.count("{") > 1000
    assert assert_same(text, json=True)


def test_a_problem_found_by_a_check_is_reported_at_its_position() -> None:
    text = "argmap: 1\nclaims:\n  - id: a\n    text: A.\n    premises: [b]\n"
    result = load_yaml_text(text, "m.yaml", fast=True)
    assert result.reread is not None and result.map.claims[0].span is None
    checked = check_loaded(result, read_sources=False)
    assert [(d.span, d.check_id) for d in checked.diagnostics] == [(("m.yaml", 5, 16), "dangling-ref")]
    assert checked.map.claims[0].span is not None


@pytest.mark.parametrize(
    "text",
    [
        "claims:\n  - id: a\n    text: &x A.\n  - id: b\n    text: *x\n",  # an alias
        "claims:\n  - !claim {id: a, text: A.}\n",  # a tag
        "claims:\n  - id: a\n    text: A.\n    weight: 0x1\n",  # hex: text to PyYAML
        "claims:\n  - id: a\n    text: A.\n    implicit: yes\n",  # YAML 1.1's true
        "claims:\n  - id: a\n    text: 1917\n",  # a number where text belongs
        "argmap: 01\nclaims:\n  - id: a\n    text: A.\n",  # a version as written
        "claims:\n  - id: a\n    id: b\n    text: A.\n",  # a duplicate key
        "claims:\r\n  - id: a\r\n    text: A.\r\n",  # CR LF
        'claims:\n  - id: a\n    text: "A\\x41"\n',  # an escape
        "claims:\n  - id: a\n    text: A.\n---\nclaims: []\n",  # two documents
        # A flow key with no value before a flow indicator: libyaml refuses it
        # (found by the differential test under CI's example count).
        'sides:\n  b: {name:, colour: "#ff0000"}\nclaims:\n  - {id: a, text: A., by: b}\n',
        "claims:\n  - {id: a, text: A., tags: [x:]}\n",
    ],
)
def test_what_the_fast_path_cannot_vouch_for_reads_as_pyyaml_reads_it(text: str) -> None:
    assert not assert_same(text)


def _import_seeing_purge_delay(monkeypatch: pytest.MonkeyPatch, seen: list[str | None]) -> None:
    """Make `import yaml_rs` record MIMALLOC_PURGE_DELAY as the module loads."""
    import importlib
    import os

    real = importlib.import_module

    def spy(name: str) -> Any:
        seen.append(os.environ.get("MIMALLOC_PURGE_DELAY"))
        return real(name)

    monkeypatch.setattr(importlib, "import_module", spy)
    fast.reset_fast_parser()


def test_yaml_rs_loads_with_prompt_purging_and_the_environment_is_left_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os

    monkeypatch.delenv("MIMALLOC_PURGE_DELAY", raising=False)
    seen: list[str | None] = []
    _import_seeing_purge_delay(monkeypatch, seen)
    try:
        assert fast.fast_parser() is not None
        assert seen == ["0"]  # mimalloc reads its options as the module loads
        assert "MIMALLOC_PURGE_DELAY" not in os.environ  # children do not inherit it
    finally:
        fast.reset_fast_parser()


def test_a_users_own_purge_delay_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv("MIMALLOC_PURGE_DELAY", "25")
    seen: list[str | None] = []
    _import_seeing_purge_delay(monkeypatch, seen)
    try:
        assert fast.fast_parser() is not None
        assert seen == ["25"] and os.environ["MIMALLOC_PURGE_DELAY"] == "25"
    finally:
        fast.reset_fast_parser()


def test_without_yaml_rs_every_map_reads_on_pyyaml_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    path = REPO / "tests/data/valid/all-features.yaml"
    with_fast = check_loaded(load_path(path))
    monkeypatch.setitem(sys.modules, "yaml_rs", None)  # import yaml_rs now fails
    fast.reset_fast_parser()
    try:
        assert fast.fast_parser() is None
        alone = load_path(path)
        assert alone.reread is None and alone.map.positioned is None
        assert check_loaded(alone) == replace(with_fast, map=with_fast.map.with_positions())
    finally:
        fast.reset_fast_parser()


# -- generated maps ------------------------------------------------------------

# Scalars the two YAML versions (or PyYAML and yaml-rs) may read differently.
NASTY = [
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "True",
    "false",
    "TRUE",
    "~",
    "null",
    "Null",
    "",
    "0755",
    "0o17",
    "0x1F",
    "0b101",
    "1:30",
    "12:30:00",
    "-1:30",
    "2001-12-14",
    "2001-12-14 21:59:43.10 -5",
    "1_000",
    "1e3",
    "1E3",
    "1.5e-3",
    "-.5",
    ".5",
    "+1",
    "+.5",
    "5.",
    ".nan",
    ".NaN",
    ".inf",
    "-.Inf",
    "1.0",
    "01",
    "007",
    "0",
    "-0",
    "1__0",
    "1_0.5",
    "1,000",
    "\u0661",
    "<<",
    "=",
    "a: b",
    "- x",
    "x #c",
    "#c",
    "@x",
    "`x",
    "%x",
    "[a]",
    "{a: b}",
    "a, b",
    "é",
    "日本",
    "\u2028",
    "\x85",
    "\t",
    "a\tb",
    " lead",
    "trail ",
    "!x",
    "&a",
    "*a",
    "?",
    "? x",
    "-",
    "--- x",
    "...",
    "|",
    ">",
    "'",
    '"',
    "\\",
    "\\n",
    "a\nb",
    "a\n\nb",
    "Tom & Jerry",
    "*very* good",
    "100%",
    "0.1000000000000000055511151231257827",
    "123456789012345678901234567890",
    "1e400",
    "c1",
    "claim-2",
    "A claim.",
    "it's",
    'say "so"',
]


def _scalar(value: str, style: str) -> str:
    if style == "plain":
        return value
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
        return '"' + escaped + '"'
    return "|-\n" + "".join(f"      {line}\n" for line in value.split("\n")).rstrip("\n")


styles = st.sampled_from(["plain", "plain", "plain", "single", "double", "block"])
nasty = st.builds(_scalar, st.one_of(st.sampled_from(NASTY), st.text(max_size=12)), styles)
# Values each key takes in a map that reads without problems, mostly; now
# and then a nasty one instead.
ORDINARY = {
    "text": ["A claim.", "Another one, longer: with a colon", "é и 日本", "it's so", "Tom & Jerry"],
    "note": ["", "A note."],
    "label": ["Short"],
    "by": ["pro", "con"],
    "weight": ["0.5", "1", "0", ".5", "1e-1", "0.25", "1.0", "+0.5", "1_0e-1"],
    "impact": ["0.5", "1", "0.75"],
    "step": ["1", "2", "3.0", "1e0"],
    "implicit": ["true", "false", "True", "FALSE"],
    "scheme": ["expert-opinion", "analogy"],
    "tags": ["[a, b]", "[x]", "[]"],
}


def values(key: str) -> st.SearchStrategy[str]:
    ordinary = (
        st.builds(_scalar, st.sampled_from(ORDINARY[key]), styles)
        if key != "tags"
        else st.sampled_from(ORDINARY[key])
    )
    return st.one_of(*[ordinary] * 7, nasty)


CLAIM_KEYS = list(ORDINARY)


@st.composite
def yaml_maps(draw: st.DrawFn) -> str:
    version = draw(st.sampled_from(["argmap: 1", "argmap: 1", "title: x", "argmap: " + draw(nasty)]))
    lines = [version, "sides:", "  pro: {name: Pro}", f"  con: {{name: {draw(values('text'))}}}", "claims:"]
    ids = [f"c{n}" for n in range(draw(st.integers(1, 4)))]
    for index, claim_id in enumerate(ids):
        lines.append(f"  - id: {draw(st.sampled_from([claim_id] * 5 + [draw(nasty)]))}")
        lines.append(f"    text: {draw(values('text'))}")
        for key in draw(st.lists(st.sampled_from(CLAIM_KEYS), max_size=3, unique=True)):
            if key != "text" and (key != "impact" or index):
                lines.append(f"    {key}: {draw(values(key))}")
        if index and draw(st.booleans()):
            kind = draw(st.sampled_from(["premises", "counterclaims"]))
            lines.append(f"    {kind}: [{draw(st.sampled_from(ids[:index]))}]")
    return "\n".join(lines) + "\n"


@given(yaml_maps())
def test_generated_maps_read_the_same_both_ways(text: str) -> None:
    assert_same(text)


@given(st.text(alphabet=st.sampled_from(list("ab: -\n'\"#[]{},&*!|>?%@`\\\t0x1.e~yn")), max_size=60))
def test_any_short_text_reads_the_same_both_ways(text: str) -> None:
    assert_same("claims:\n  - id: a\n    text: A.\n" + text)


json_values = st.one_of(
    st.sampled_from(NASTY),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.text(max_size=8),
)


@given(
    st.lists(
        st.fixed_dictionaries(
            {"id": st.sampled_from(["a", "b", "c"]), "text": st.one_of(st.just("A."), json_values)},
            optional={key: json_values for key in ("weight", "step", "implicit", "by", "note", "tags")},
        ),
        min_size=1,
        max_size=3,
    ),
    st.one_of(st.just(1), json_values),
)
def test_generated_json_maps_read_the_same_both_ways(nodes: list[dict[str, Any]], version: Any) -> None:
    import json

    assert_same(json.dumps({"argmap": version, "nodes": nodes}, ensure_ascii=False, indent=2), json=True)


def test_the_editor_gets_a_clean_maps_diagnostics_before_its_yaml_is_composed() -> None:
    from argmap.checks.editing import analyse, indexed

    text = "argmap: 1\nclaims:\n  - id: a\n    text: A.\n    premises:\n      - id: b\n        text: B.\n"
    state = analyse(text, "m.yaml", source_texts={}, index=False)
    assert state.diagnostics == () and state.root is None  # read by the fast path
    assert state.map is not None and state.map.positioned is not None
    ready = indexed(state)
    assert ready.root is not None and ready.index is not None
    assert ready.map == load_yaml_text(text, "m.yaml").map  # with positions now
    assert analyse(text, "m.yaml", source_texts={}).map == ready.map


REAL_MAPS = [REPO / "tests/data/valid/all-features.yaml", REPO / "arguments/permanent-revolution.yaml"]
SNIPPETS = [
    "",
    " ",
    "\n",
    "- ",
    ": ",
    "yes",
    "0o7",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ",",
    "|",
    ">",
    "#",
    "  ",
    "\n  ",
    "?",
    "~",
]


@given(st.sampled_from(REAL_MAPS), st.floats(0, 1), st.integers(0, 3), st.sampled_from(SNIPPETS))
def test_real_maps_with_one_edit_read_the_same_both_ways(
    path: Path, where: float, cut: int, put: str
) -> None:
    text = path.read_text(encoding="utf-8")
    at = int(where * len(text))
    assert_same(text[:at] + put + text[at + cut :])


BLOCKS = [*"ab: -\n'\"#|>+123.eyé", "\n\n", "  ", "\n    ", "|-\n", ">+\n", "  - ", "text: ", "note: ", "\\n"]


@given(st.lists(st.sampled_from(BLOCKS), max_size=25).map("".join))
def test_block_scalars_and_their_endings_read_the_same_both_ways(text: str) -> None:
    assert_same("claims:\n  - id: a\n    text: " + text + "\n")
    assert_same("claims:\n  - id: a\n    text: A.\n    " + text + "\n")
