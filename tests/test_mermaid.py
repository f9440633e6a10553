"""The Mermaid renderer (`render -o map.mmd`).

Whole files are compared with tests/golden/mermaid-*.mmd (rewrite them with
`pytest --update-golden` and review the diff). When the Mermaid CLI is
available (`mmdc` on PATH, or named by $ARGMAP_MMDC) the goldens are also
drawn by real Mermaid, which must read every claim's text back intact.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.formats.native.read import load_yaml_text
from argmap.formats.registry import load_path
from argmap.model import ArgumentMap
from argmap.render import Direction, RenderOptions, renderers
from argmap.render.mermaid import MermaidRenderer, mermaid_id, mermaid_text
from argmap.render.themes import PRINT, TALK

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
LABELLED = DATA / "render" / "labelled.yaml"
LINK = re.compile(r"\s+\w+ (-->|--x|-\.-x|---|-\.-) \w+$")  # one link, numbered in order by Mermaid

ESCAPES = r"""
argmap: 1
title: "<b>not bold</b> & [not a link] #1"
sides:
  s: {name: "Side [one] <x>"}
claims:
  - id: end
    text: 'Says "quotes", [brackets], (parens), {braces}, <tags> & a back\slash, `ticks`, #hash, 100% ; a:b --> c'
    by: s
    premises:
      - id: e2.x
        text: "Two\nlines"
      - id: тезис
        text: "Революция — «всегда». 不平衡和综合发展。 الثورة الدائمة"
"""


def load(text: str) -> ArgumentMap:
    result = load_yaml_text(text, "inline.yaml")
    assert result.diagnostics == []
    return result.map


def mermaid(amap: ArgumentMap, **options: object) -> str:
    return MermaidRenderer().render(amap, RenderOptions(**options))  # type: ignore[arg-type]


CASES: dict[str, tuple[Callable[[], ArgumentMap], dict[str, object]]] = {
    "mermaid-labelled.mmd": (lambda: load_path(LABELLED).map, {}),
    "mermaid-labelled-talk.mmd": (lambda: load_path(LABELLED).map, {"theme": TALK}),
    "mermaid-labelled-print-lr.mmd": (
        lambda: load_path(LABELLED).map,
        {"theme": PRINT, "direction": Direction.LR},
    ),
    "mermaid-focus.mmd": (lambda: load_path(LABELLED).map, {"depth": 1, "highlight": "a1"}),
    "mermaid-escapes.mmd": (lambda: load(ESCAPES), {}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_golden(name: str, golden: Callable[[str, str], None]) -> None:
    make, options = CASES[name]
    golden(name, mermaid(make(), **options))


def test_registered_and_written_by_render(tmp_path: Path) -> None:
    assert isinstance(renderers()["mermaid"], MermaidRenderer)
    result = CliRunner().invoke(app, ["render", str(LABELLED), "-o", str(tmp_path / "m.mmd")])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {tmp_path / 'm.mmd'}\n")
    assert (tmp_path / "m.mmd").read_text(encoding="utf-8") == mermaid(load_path(LABELLED).map)


def test_ids_are_safe_distinct_and_stable() -> None:
    names = ["end", "a.b", "a_b", "a_2e_b", "тезис", "x-y", "x__y"]
    ids = [mermaid_id("c_", name) for name in names]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"c_[A-Za-z0-9_]+", i) for i in ids)
    assert ids[:3] == ["c_end", "c_a_2e_b", "c_a__b"]


def test_text_escapes_what_mermaid_reads_in_a_label() -> None:
    assert mermaid_text('a "b" #c <d> & `e` [f] (g)\nh') == (
        "a #quot;b#quot; #35;c #lt;d#gt; #amp; #96;e#96; [f] (g)<br/>h"
    )
    assert mermaid_text("#quot;") == "#35;quot;"  # an entity code the user typed stays text
    assert mermaid_text("bell\x07 and \u2028") == "bell and "


def test_relations_have_distinct_links_and_styles() -> None:
    text = mermaid(load_path(LABELLED).map)
    links = [line.strip() for line in text.splitlines() if LINK.match(line)]
    assert "c_a1 --x c_c1" in links  # attack
    assert "c_p4 --> c_a1" in links  # support
    assert "c_u1 -.-x j_support_2f_p1_2f_c1" in links  # undercut, into the joint on p1 -> c1
    assert "c_p2 --- g_c1_2f_p2_2b_p3" in links and "g_c1_2f_p2_2b_p3 --> c_c1" in links  # linked
    styles = [line.strip() for line in text.splitlines() if line.strip().startswith("linkStyle")]
    numbered = {int(n): line.split(" ", 2)[2] for line in styles for n in line.split()[1].split(",")}
    assert sorted(numbered) == list(range(len(links)))
    assert numbered[links.index("c_a1 --x c_c1")] == "stroke:#c62828,stroke-width:1.4px,stroke-dasharray:6 4"
    assert numbered[links.index("c_u1 -.-x j_support_2f_p1_2f_c1")].endswith("stroke-dasharray:2 3")


def test_deterministic_and_independent_of_claim_objects() -> None:
    first = mermaid(load_path(LABELLED).map)
    assert mermaid(load_path(LABELLED).map) == first


def _mmdc() -> list[str] | None:
    named = os.environ.get("ARGMAP_MMDC") or shutil.which("mmdc")
    return [named] if named else None


def test_real_mermaid_reads_the_goldens(tmp_path: Path) -> None:
    mmdc = _mmdc()
    if mmdc is None:
        pytest.skip("the Mermaid CLI is not installed (npm install @mermaid-js/mermaid-cli; set ARGMAP_MMDC)")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    config = tmp_path / "puppeteer.json"
    settings: dict[str, object] = {"args": ["--no-sandbox"]}
    if chromium:
        settings["executablePath"] = chromium
    config.write_text(json.dumps(settings), encoding="utf-8")
    texts = {
        "mermaid-escapes.mmd": [c.text.replace("\n", "") for c in load(ESCAPES).claims],
        "mermaid-labelled.mmd": [c.text for c in load_path(LABELLED).map.claims],
        "mermaid-labelled-talk.mmd": [c.label or c.text for c in load_path(LABELLED).map.claims],
    }
    for name in CASES:
        svg = tmp_path / (name + ".svg")
        done = subprocess.run(
            [*mmdc, "-p", str(config), "-i", str(GOLDEN / name), "-o", str(svg)],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        drawn = svg.read_text(encoding="utf-8")
        assert "Syntax error" not in drawn
        # The words of every label, as the page shows them (tags gone,
        # entities decoded), in the order written.
        shown = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", "", drawn)))
        for text in texts.get(name, []):
            assert text in shown, text


def test_evaluated_claims_get_their_status_class_and_word() -> None:
    from argmap.analysis.evaluate import status_marks
    from argmap.model import Semantics

    amap = load_path(LABELLED).map
    marks = status_marks(amap, Semantics.GROUNDED)
    assert marks is not None and marks["a1"] == "out" and marks["c1"] == "in"
    text = mermaid(amap, status=marks)
    classes = {
        line.split()[2]: line.split()[1].split(",")
        for line in text.splitlines()
        if line.startswith("    class ")
    }
    assert "c_a1" in classes["status_out"] and "c_c1" in classes["status_in"]
    assert "<small>a1 · rejected</small>" in text
    assert (
        "    classDef status_out stroke:#c4c4c4,fill:#fafafa,color:#a0a0a0,stroke-dasharray:6 4"
        in text.splitlines()
    )
    # The arrow out of the rejected a1 is drawn at a quarter strength.
    links = [line.strip() for line in text.splitlines() if LINK.match(line)]
    styles = {
        int(n): line.strip().split(" ", 2)[2]
        for line in text.splitlines()
        if line.strip().startswith("linkStyle")
        for n in line.split()[1].split(",")
    }
    assert styles[links.index("c_a1 --x c_c1")].startswith("stroke:#c6282840,")
