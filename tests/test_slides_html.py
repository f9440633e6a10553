"""The HTML deck of `argmap slides -o talk.html` in a real headless
Chromium (tests/chromium.py): one slide at a time, the keys presenters and
clickers send move through them, the address names the slide, and the
page asks for nothing over the network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import Browser, find_chromium
from test_web_page import problems
from typer.testing import CliRunner

from argmap.cli import app
from argmap.render.graphviz import available_backends

pytestmark = pytest.mark.skipif(not any(available_backends().values()), reason="no Graphviz here")

MAP = """\
title: A <title> & </script>
claims:
  - id: c
    text: "A conclusion with <b>markup</b> & </script>."
    premises:
      - {id: p, text: A reason.}
    counterclaims:
      - {id: o, text: An objection.}
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set $CHROMIUM)")
    with Browser(executable, width=1920, height=1080) as session:
        yield session


def shown(browser: Browser) -> list[int]:
    return browser.evaluate(  # type: ignore[no-any-return]
        "[...document.querySelectorAll('.argmap-slide')].flatMap((s, i) => s.hidden ? [] : [i + 1])"
    )


def test_the_deck_steps_by_keys_and_clicks_offline(tmp_path: Path, browser: Browser) -> None:
    (tmp_path / "map.yaml").write_text(MAP, encoding="utf-8")
    page = tmp_path / "talk.html"
    result = CliRunner().invoke(app, ["slides", str(tmp_path / "map.yaml"), "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    count = int(result.stderr.split("(")[1].split()[0])
    assert count >= 3  # the legend, then the part's frames
    mark = len(browser.events)
    browser.open(page.as_uri())
    assert browser.evaluate("document.querySelectorAll('script').length") == 1  # nothing injected
    assert browser.evaluate("document.querySelectorAll('.argmap-slide').length") == count
    assert shown(browser) == [1]
    # The slide fills the window's width at 16:9.
    box = browser.evaluate(
        "(() => { const r = document.querySelector('.argmap-slide img').getBoundingClientRect();"
        " return [r.width, r.height]; })()"
    )
    assert box == [1920, 1080]
    assert browser.evaluate("document.title").startswith("Slide 1 of")
    for key, expected in (
        ("ArrowRight", 2),
        (" ", 3),
        ("PageUp", 2),
        ("End", count),
        ("PageDown", count),
        ("Home", 1),
        ("ArrowDown", 2),
        ("ArrowLeft", 1),
        ("ArrowUp", 1),
    ):
        browser.key(key)
        assert shown(browser) == [expected], key
    browser.click(960, 540)
    assert shown(browser) == [2]
    assert browser.evaluate("location.hash") == "#2"
    browser.evaluate("location.hash = '#3'")
    assert shown(browser) == [3]
    browser.open("about:blank")
    browser.open(page.as_uri() + "#3")  # a reload stays on the slide
    assert shown(browser) == [3]
    assert [p for p in problems(browser.events[mark:], page) if "request: data:" not in p] == []


def test_the_speaker_notes_show_on_n_as_text(tmp_path: Path, browser: Browser) -> None:
    """N shows the notes of the slide shown (each new claim's whole text,
    hostile markup kept as text), follows the slides, and hides again."""
    (tmp_path / "map.yaml").write_text(MAP, encoding="utf-8")
    page = tmp_path / "talk.html"
    result = CliRunner().invoke(app, ["slides", str(tmp_path / "map.yaml"), "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    browser.open(page.as_uri())
    notes_hidden = "document.querySelector('.argmap-notes').hidden"
    notes_text = "document.querySelector('.argmap-notes').textContent"
    assert browser.evaluate(notes_hidden) is True
    browser.key("n")
    assert browser.evaluate(notes_hidden) is False
    seen = [browser.evaluate(notes_text)]
    for _ in range(int(result.stderr.split("(")[1].split()[0]) - 1):
        browser.key("ArrowRight")
        seen.append(browser.evaluate(notes_text))
    said = "\n".join(seen)
    assert "A conclusion with <b>markup</b> & </script>." in said  # as text
    assert "An objection." in said
    assert browser.evaluate("document.querySelectorAll('.argmap-notes b, script').length") == 1
    browser.click(960, 200)  # a click on the slide still goes forward; the notes stay
    assert browser.evaluate(notes_hidden) is False
    browser.key("N")
    assert browser.evaluate(notes_hidden) is True
    browser.open("about:blank")
