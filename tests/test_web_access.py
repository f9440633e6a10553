"""The web page as a speaker and a reader meet it (issue 14): chrome in the
theme's colours, a search box that finds and centres claims, every claim
in the Tab order with Enter opening it, named controls (read from
Chromium's accessibility tree over the DevTools protocol), and
`map.html#id` centring, zooming to and marking its claim. In a real
headless Chromium (tests/chromium.py)."""

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
from argmap.render.themes import DARK, LIGHT
from argmap.render.web import Document, html_document

pytestmark = pytest.mark.skipif(not any(available_backends().values()), reason="no Graphviz here")

MAP = """
title: Access
sides:
  pro: {name: Pro}
  con: {name: Con}
claims:
  - id: thesis
    text: The thesis the map is about.
    by: pro
    premises:
      - {id: reason, text: A reason that holds it up., by: pro, tags: [economy]}
    counterclaims:
      - id: objection
        text: An objection to the thesis.
        by: con
        counterclaims:
          - {id: reply, text: The reply to the objection., by: pro}
"""
ORDER = ["thesis", "reason", "objection", "reply"]


def tall_map(levels: int) -> str:
    """A map too tall to show at its own size in the window: a chain of
    reasons under a top claim, and a few beside the first."""
    lines = ["claims:", "  - id: top", "    text: The top claim of a tall map.", "    premises:"]
    lines += [f"      - {{id: s{n}, text: A reason beside the others number {n}.}}" for n in range(4)]
    for level in range(levels):
        indent = "  " * (level + 3)
        lines += [
            f"{indent}- id: r{level}",
            f"{indent}  text: Reason {level} in a long chain.",
            f"{indent}  premises:",
        ]
    lines[-1] = lines[-1].replace("premises:", "note: the last one.")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set $CHROMIUM)")
    with Browser(executable) as session:
        yield session


def write_page(folder: Path, text: str = MAP, *flags: str) -> Path:
    (folder / "map.yaml").write_text(text, encoding="utf-8")
    page = folder / "map.html"
    result = CliRunner().invoke(app, ["render", str(folder / "map.yaml"), "-o", str(page), *flags])
    assert (result.exit_code, result.stderr) == (0, f"wrote {page}\n")
    return page


def press(browser: Browser, key: str, code: int, shift: bool = False) -> None:
    """A key as the keyboard sends it (Tab moves the focus only this way)."""
    for kind in ("rawKeyDown", "keyUp"):
        browser.page(
            "Input.dispatchKeyEvent",
            type=kind,
            key=key,
            code=key,
            windowsVirtualKeyCode=code,
            modifiers=8 if shift else 0,
        )


def focused(browser: Browser) -> str:
    """The focused element: a claim's id, or the class of a page element."""
    found: str = browser.evaluate(
        "(() => { const e = document.activeElement; if (!e) return '';"
        " return e.matches('g.node') ? e.id : e.dataset.action || e.className || e.type; })()"
    )
    return found


def panel_text(browser: Browser) -> str | None:
    found: str | None = browser.evaluate(
        "(() => { const p = document.querySelector('.argmap-details');"
        " return p.hidden ? null : p.querySelector('.argmap-text').textContent; })()"
    )
    return found


def offset_from_centre(browser: Browser, claim_id: str) -> float:
    """How far the claim's centre is from the view's, in CSS pixels."""
    distance: float = browser.evaluate(
        "(() => { const n = [...document.querySelectorAll('g.node')].find((e) => e.id === "
        f"{json.dumps(claim_id)}); const r = n.getBoundingClientRect();"
        " const v = document.querySelector('.argmap-view').getBoundingClientRect();"
        " return Math.hypot(r.x + r.width / 2 - (v.x + v.width / 2), r.y + r.height / 2 - (v.y + v.height / 2)); })()"
    )
    return distance


def scale(browser: Browser) -> float:
    transform = browser.evaluate("document.querySelector('.argmap-canvas').style.transform")
    found = re.search(r"scale\(([0-9.e-]+)\)", transform)
    assert found is not None, transform
    return float(found.group(1))


def marked(browser: Browser) -> list[str]:
    ids: list[str] = browser.evaluate("[...document.querySelectorAll('g.argmap-selected')].map((n) => n.id)")
    return ids


def colour(browser: Browser, selector: str, prop: str) -> str:
    value: str = browser.evaluate(
        f"getComputedStyle(document.querySelector({json.dumps(selector)})).getPropertyValue({json.dumps(prop)})"
    )
    return value


def rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def test_the_page_chrome_takes_the_theme_s_colours(tmp_path: Path, browser: Browser) -> None:
    browser.open(write_page(tmp_path, MAP, "--theme", "dark").as_uri())
    assert colour(browser, "body", "background-color") == rgb(DARK.background)
    assert colour(browser, "body", "color") == rgb(DARK.text or "")
    assert colour(browser, ".argmap-view", "background-color") == rgb(DARK.background)
    assert colour(browser, ":root", "color-scheme") == "dark"  # the search box is drawn dark too
    browser.evaluate("[...document.querySelectorAll('g.node')].find((n) => n.id === 'reply').focus()")
    press(browser, "Enter", 13)
    assert panel_text(browser) == "The reply to the objection."
    # The bar and the details panel: dark, a shade off the page.
    for part in (".argmap-bar", ".argmap-details"):
        red, green, blue = map(int, re.findall(r"\d+", colour(browser, part, "background-color"))[:3])
        assert max(red, green, blue) < 48, (part, red, green, blue)

    browser.open(write_page(tmp_path, MAP).as_uri())
    assert colour(browser, "body", "background-color") == rgb("#ffffff")
    assert colour(browser, ":root", "color-scheme") == "light"
    assert LIGHT.background == "white"


def test_tab_reaches_every_claim_in_map_order_and_enter_opens_it(tmp_path: Path, browser: Browser) -> None:
    browser.open(write_page(tmp_path).as_uri())
    seen: list[str] = []
    for _ in range(12):
        press(browser, "Tab", 9)
        seen.append(focused(browser))
    claims = [name for name in seen if name in ORDER]
    assert claims == ORDER, seen
    # Before the claims: the search box, the three zoom buttons, the map's view.
    assert seen[: seen.index("thesis")] == ["search", "out", "in", "fit", "argmap-view"]
    browser.evaluate("[...document.querySelectorAll('g.node')].find((n) => n.id === 'objection').focus()")
    press(browser, "Enter", 13)
    assert panel_text(browser) == "An objection to the thesis."
    assert marked(browser) == ["objection"]
    press(browser, "Tab", 9, shift=True)  # back to the reason, the panel stays
    assert focused(browser) == "reason"
    press(browser, " ", 32)
    assert panel_text(browser) == "A reason that holds it up."
    press(browser, "Escape", 27)
    assert panel_text(browser) is None and marked(browser) == []


def accessibility_tree(browser: Browser) -> list[dict[str, Any]]:
    browser.page("Accessibility.enable")
    nodes: list[dict[str, Any]] = browser.page("Accessibility.getFullAXTree")["nodes"]
    return [node for node in nodes if not node.get("ignored")]


def role_and_name(node: dict[str, Any]) -> tuple[str, str]:
    return node.get("role", {}).get("value", ""), node.get("name", {}).get("value", "")


def test_every_control_and_claim_has_an_accessible_name(tmp_path: Path, browser: Browser) -> None:
    browser.open(write_page(tmp_path).as_uri())
    browser.evaluate("[...document.querySelectorAll('g.node')].find((n) => n.id === 'thesis').focus()")
    press(browser, "Enter", 13)  # the details' close button, too
    nodes = [role_and_name(node) for node in accessibility_tree(browser)]
    # The tree lists nodes in no promised order.
    buttons = sorted(name for role, name in nodes if role == "button")
    assert buttons == sorted(
        [
            "Zoom out",
            "Zoom in",
            "Fit the map",
            "The thesis the map is about.",
            "A reason that holds it up.",
            "An objection to the thesis.",
            "The reply to the objection.",
            "Close the details",
        ]
    )
    assert ("searchbox", "Find a claim") in nodes
    assert ("search", "") in nodes or any(role == "search" for role, _ in nodes)
    assert ("main", "Argument map: drag or arrow keys to pan, + and - to zoom") in nodes
    assert ("complementary", "Claim details") in nodes
    # Nothing a keyboard reaches is nameless.
    focusable = [
        role_and_name(node)
        for node in accessibility_tree(browser)
        if any(p["name"] == "focusable" and p["value"]["value"] for p in node.get("properties", []))
    ]
    assert focusable and all(name for _, name in focusable), focusable
    # Arrows, joints and the legend are not read out by the ids Graphviz titles them with.
    named = [name for _, name in nodes]
    assert not [name for name in named if "->" in name or name.startswith("legend/") or name == "argmap"], (
        named
    )


def test_search_finds_centres_and_opens_claims(tmp_path: Path, browser: Browser) -> None:
    browser.open(write_page(tmp_path).as_uri())
    press(browser, "/", 191)
    assert browser.evaluate("document.activeElement.type") == "search"
    browser.page("Input.insertText", text="objection")
    found = "document.querySelector('.argmap-found').textContent"
    assert browser.evaluate(found) == "2 claims"  # the objection, and the reply that names it
    assert browser.evaluate("[...document.querySelectorAll('g.argmap-match')].map((n) => n.id)") == [
        "objection",
        "reply",
    ]
    press(browser, "Enter", 13)
    assert (panel_text(browser), marked(browser), browser.evaluate(found)) == (
        "An objection to the thesis.",
        ["objection"],
        "1 of 2",
    )
    assert offset_from_centre(browser, "objection") < 1
    press(browser, "Enter", 13)
    assert marked(browser) == ["reply"] and offset_from_centre(browser, "reply") < 1
    press(browser, "Enter", 13, shift=True)
    assert marked(browser) == ["objection"]
    browser.evaluate("document.querySelector('.argmap-search input').select()")
    browser.page("Input.insertText", text="ECONOMY")  # tags, any case
    assert browser.evaluate(found) == "1 claim"
    press(browser, "Escape", 27)
    assert (
        browser.evaluate(found) == ""
        and browser.evaluate("document.querySelectorAll('g.argmap-match').length") == 0
    )
    browser.page("Input.insertText", text="nowhere")
    assert browser.evaluate(found) == "no claims"


def test_an_address_with_a_claim_centres_zooms_to_and_marks_it(tmp_path: Path, browser: Browser) -> None:
    page = write_page(tmp_path, tall_map(12))
    browser.open(page.as_uri())
    fitted = scale(browser)
    assert fitted < 0.9  # the whole map is shown smaller than drawn
    mark = len(browser.events)
    linked = page.with_name("linked.html")  # a new document, not a jump within this one
    linked.write_bytes(page.read_bytes())
    browser.open(linked.as_uri() + "#top")
    assert panel_text(browser) == "The top claim of a tall map."
    assert marked(browser) == ["top"]
    # Centred: the browser's own jump to the element with that id (which
    # scrolled the view) must not undo it.
    assert offset_from_centre(browser, "top") < 1
    assert scale(browser) >= 1  # at least the drawing's own size
    # A new address while the page is open does the same.
    browser.evaluate("location.hash = '#r11'")
    browser.wait_for("Page.navigatedWithinDocument", after=mark)
    assert panel_text(browser) == "Reason 11 in a long chain."
    assert marked(browser) == ["r11"] and offset_from_centre(browser, "r11") < 1
    assert not [m for m, p in browser.events[mark:] if m in ("Runtime.exceptionThrown",)]


def test_a_page_may_name_where_its_scripts_connect() -> None:
    plain = html_document(Document(title="t", body="", scripts=("1",)))
    assert "connect-src" not in plain and "default-src 'none'" in plain
    live = html_document(Document(title="t", body="", scripts=("1",), connect_src=("http://127.0.0.1:8000",)))
    assert '; connect-src http://127.0.0.1:8000"' in live


def test_the_viewer_runs_in_a_page_built_from_its_parts_without_a_search_box(
    tmp_path: Path, browser: Browser
) -> None:
    """As a slide deck or a preview would reuse it: the parts, some left out."""
    from argmap.formats.native.read import load_yaml_text
    from argmap.render import RenderOptions
    from argmap.render.dot import DotRenderer
    from argmap.render.graphviz import render_dot
    from argmap.render.html import claim_details, svg_element
    from argmap.render.web import (
        VIEWER_SCRIPT,
        VIEWER_STYLE,
        chrome_style,
        details_panel,
        header_bar,
        map_view,
    )

    amap = load_yaml_text(MAP, "m.yaml").map
    svg = render_dot(DotRenderer().render(amap, RenderOptions(theme=DARK)), "svg")
    body = (
        header_bar("Parts")
        + '<div class="argmap-main">'
        + map_view(svg_element(svg))
        + details_panel()
        + "</div>"
    )
    document = Document(
        title="Parts",
        body=body,
        styles=(chrome_style(DARK) + VIEWER_STYLE,),
        scripts=(VIEWER_SCRIPT,),
        data=claim_details(amap, {}, None),
    )
    page = tmp_path / "parts.html"
    page.write_text(html_document(document), encoding="utf-8")
    mark = len(browser.events)
    browser.open(page.as_uri() + "#reason")
    assert browser.evaluate("document.documentElement.dataset.argmapReady") == "yes"
    assert panel_text(browser) == "A reason that holds it up."
    press(browser, "/", 191)  # no search box: nothing happens, nothing breaks
    assert not [m for m, _ in browser.events[mark:] if m == "Runtime.exceptionThrown"]
