"""`argmap render -o map.html`: one self-contained page, tested in a real
headless Chromium (Debian's `chromium`, which .ci/run installs), driven
over the DevTools protocol (tests/chromium.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import Browser, find_chromium
from typer.testing import CliRunner

from argmap.cli import app
from argmap.render.graphviz import available_backends

pytestmark = pytest.mark.skipif(not any(available_backends().values()), reason="no Graphviz here")

# User text that would break a careless page: a script end tag, quotes,
# markup, an entity, a claim whose id is a JavaScript object key.
NASTY = "Ends </script><script>document.title='pwned'</script> & <b>\"quotes\"</b> 'here' &amp; \u2028"
MAP = f"""
title: "A <title> & </script>"
sources:
  book: {{title: "The </script> book", file: book.txt}}
sides:
  pro: {{name: "Pro <side>"}}
  con: {{name: Con}}
claims:
  - id: c
    text: {json.dumps(NASTY)}
    by: pro
    source: {{ref: book, quote: "a quote with <tags> & \\"marks\\"", loc: p. 12}}
    counterclaims:
      - id: __proto__
        text: An objection whose id is a JavaScript object key.
        by: con
        note: "A note </script>"
        counterclaims:
          - {{id: reply, text: The reply., by: pro}}
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set $CHROMIUM)")
    with Browser(executable) as session:
        yield session


def write_page(folder: Path, *flags: str) -> Path:
    (folder / "map.yaml").write_text(MAP, encoding="utf-8")
    (folder / "book.txt").write_text('Here is a quote with <tags> & "marks" in it.\n', encoding="utf-8")
    page = folder / "map.html"
    result = CliRunner().invoke(app, ["render", str(folder / "map.yaml"), "-o", str(page), *flags])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {page}\n")
    return page


def problems(events: list[tuple[str, dict[str, Any]]], page: Path) -> list[str]:
    """Console errors and warnings, exceptions, log errors, and requests
    for anything but the page itself."""
    found = []
    for method, params in events:
        if method == "Runtime.consoleAPICalled" and params["type"] in {"error", "warning", "assert"}:
            found.append(f"console.{params['type']}: {params['args']}")
        elif method == "Runtime.exceptionThrown":
            found.append(f"exception: {params['exceptionDetails']}")
        elif method == "Log.entryAdded" and params["entry"]["level"] in {"error", "warning"}:
            found.append(f"log: {params['entry']['text']}")
        elif method == "Network.requestWillBeSent" and params["request"]["url"] != page.as_uri():
            found.append(f"request: {params['request']['url']}")
    return found


def centre(browser: Browser, claim_id: str) -> tuple[float, float]:
    box = browser.evaluate(
        "(() => { const node = [...document.querySelectorAll('g.node')].find((n) => n.id === "
        f"{json.dumps(claim_id)}); const r = node.getBoundingClientRect();"
        " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    return box[0], box[1]


def in_view(browser: Browser, claim_id: str) -> bool:
    """Whether the claim is drawn wholly inside the map's view (not under the details)."""
    inside: bool = browser.evaluate(
        "(() => { const node = [...document.querySelectorAll('g.node')].find((n) => n.id === "
        f"{json.dumps(claim_id)}); const r = node.getBoundingClientRect();"
        " const v = document.querySelector('.argmap-view').getBoundingClientRect();"
        " return r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom; })()"
    )
    return inside


def details(browser: Browser) -> dict[str, Any]:
    result: dict[str, Any] = browser.evaluate(
        """(() => {
        const panel = document.querySelector('.argmap-details');
        const text = (selector) => { const e = panel.querySelector(selector); return e ? e.textContent : null; };
        return {hidden: panel.hidden, text: text('.argmap-text'), id: text('.argmap-id'), side: text('.argmap-side'),
                status: text('.argmap-status'), quote: text('.argmap-quote'), cite: text('.argmap-cite'),
                note: text('.argmap-note'), title: document.title};
        })()"""
    )
    return result


def transform(browser: Browser) -> str:
    value: str = browser.evaluate("document.querySelector('.argmap-canvas').style.transform")
    return value


def test_the_page_loads_offline_and_a_click_shows_a_claim(tmp_path: Path, browser: Browser) -> None:
    page = write_page(tmp_path, "--eval", "grounded")
    mark = len(browser.events)
    browser.open(page.as_uri())
    assert browser.evaluate("document.documentElement.dataset.argmapReady") == "yes"
    assert browser.evaluate("document.querySelectorAll('script').length") == 2  # nothing injected
    assert details(browser)["hidden"] is True

    browser.click(*centre(browser, "c"))
    shown = details(browser)
    assert shown == {
        "hidden": False,
        "text": NASTY,
        "id": "c",
        "side": "Pro <side>",
        "status": "accepted (in)",  # its attacker is defeated by the reply
        "quote": '\u201ca quote with <tags> & "marks"\u201d',
        "cite": "The </script> book, p. 12",
        "note": None,
        "title": "A <title> & </script>",
    }
    assert in_view(browser, "c")  # the panel narrowed the view; the map moved to keep c in it
    browser.click(*centre(browser, "__proto__"))
    shown = details(browser)
    assert (shown["id"], shown["side"], shown["status"], shown["note"]) == (
        "__proto__",
        "Con",
        "rejected (out)",
        "A note </script>",
    )
    browser.key("Escape")
    assert details(browser)["hidden"] is True
    assert problems(browser.events[mark:], page) == []


def test_pan_and_zoom_by_wheel_drag_buttons_and_keys(tmp_path: Path, browser: Browser) -> None:
    page = write_page(tmp_path)
    mark = len(browser.events)
    browser.open(page.as_uri())

    def scale() -> float:
        found = re.search(r"scale\(([0-9.e-]+)\)", transform(browser))
        assert found is not None, transform(browser)
        return float(found.group(1))

    fitted = scale()
    browser.wheel(400, 400, -300)  # wheel up: zoom in
    assert scale() > fitted * 1.5
    browser.key("-")
    browser.key("-")
    zoomed_out = scale()
    assert zoomed_out < fitted * 1.5
    browser.evaluate("document.querySelector('[data-action=\"in\"]').click()")
    assert scale() == pytest.approx(zoomed_out * 1.25, rel=1e-4)  # CSS keeps 6 digits
    browser.key("0")
    assert scale() == pytest.approx(fitted, rel=1e-4)
    before = transform(browser)
    browser.drag((600, 500), (500, 450))  # a drag pans, and is no click
    after = transform(browser)
    assert after != before and after.endswith(f"scale({fitted})")
    assert details(browser)["hidden"] is True
    browser.key("ArrowLeft")
    assert transform(browser) != after
    assert problems(browser.events[mark:], page) == []


def test_a_link_to_a_claim_opens_it(tmp_path: Path, browser: Browser) -> None:
    page = write_page(tmp_path)
    browser.open(page.as_uri() + "#reply")
    shown = details(browser)
    assert (shown["hidden"], shown["text"], shown["status"]) == (False, "The reply.", None)


def test_user_text_cannot_end_the_data_script(tmp_path: Path) -> None:
    html = write_page(tmp_path).read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" class="argmap-data">(.*?)</script>', html, re.S)
    assert data is not None
    assert "<" not in data.group(1) and "&" not in data.group(1) and "\u2028" not in data.group(1)
    assert json.loads(data.group(1))["claims"][0]["text"] == NASTY
    assert html.count("</script>") == 2
    assert "Content-Security-Policy\" content=\"default-src 'none';" in html
    assert write_page(tmp_path).read_text(encoding="utf-8") == html  # deterministic


def test_the_details_say_status_in_words_and_strengths_as_numbers() -> None:
    from argmap.analysis.evaluate import status_marks
    from argmap.formats.native.read import load_yaml_text
    from argmap.model import Semantics
    from argmap.render.html import claim_details

    amap = load_yaml_text(
        "sides: {s: {}}\nclaims:\n  - id: a\n    text: A.\n    by: s\n    counterclaims: [{id: b, text: B.}]\n"
    ).map
    for semantics, expected in (
        ("grounded", ["rejected (out)", "accepted (in)"]),
        ("dfquad", ["strength 0.25", "strength 0.50"]),
    ):
        marks = status_marks(amap, Semantics(semantics)) or {}
        details = claim_details(amap, marks, semantics)
        assert [c["status"] for c in details["claims"]] == expected
        assert [c["side"] for c in details["claims"]] == ["s", None]  # a side without a name shows its id
    assert [c["status"] for c in claim_details(amap, {}, None)["claims"]] == [None, None]
