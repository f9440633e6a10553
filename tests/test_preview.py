"""`argmap preview`: the server (127.0.0.1 only, two paths, the Host
check), the command (its first line, Ctrl-C), and the page in a real
headless Chromium following saves without a reload."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import Browser, find_chromium

from argmap.io.live_server import VERSION_HEADER, LivePage, LiveServer
from argmap.render.graphviz import available_backends

REPO = Path(__file__).parent.parent
MAP = """\
title: Live
sources:
  book: {title: The book, file: book.txt}
claims:
  - id: top
    text: The first version.
    source: {ref: book, quote: "a quote"}
    premises:
      - {id: why, text: A reason.}
"""
BOOK = "Here is a quote in a book.\n"


# -- the server ---------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[tuple[LiveServer, LivePage]]:
    live = LivePage(b"<p>one</p>")
    serving = LiveServer(live, 0)
    serving.start()
    yield serving, live
    serving.stop()


def get(port: int, path: str, host: str | None = None, method: str = "GET") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest(method, path, skip_host=True)
    connection.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
    connection.endheaders()
    return connection.getresponse()


def test_the_server_serves_the_page_with_its_version_and_nothing_else(
    server: tuple[LiveServer, LivePage],
) -> None:
    serving, live = server
    assert serving.url == f"http://127.0.0.1:{serving.port}/"
    response = get(serving.port, "/")
    assert (response.status, response.read(), response.getheader(VERSION_HEADER)) == (200, b"<p>one</p>", "1")
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    live.publish(b"<p>two</p>")
    response = get(serving.port, "/", host=f"localhost:{serving.port}")
    assert (response.status, response.read(), response.getheader(VERSION_HEADER)) == (200, b"<p>two</p>", "2")
    for path in ("/index.html", "/favicon.ico", "/../etc/passwd", "/events/x", "/x?y=/"):
        assert get(serving.port, path).status == 404, path
    # VS Code's Simple Browser opens the address with a query of its own.
    response = get(serving.port, "/?id=1&vscodeBrowserReqId=1765000000000")
    assert (response.status, response.read()) == (200, b"<p>two</p>")
    assert get(serving.port, "/", method="POST").status == 501


@pytest.mark.parametrize("host", ["evil.example:80", "evil.example", "127.0.0.1", "127.0.0.1:1", ""])
def test_a_foreign_host_header_is_refused(server: tuple[LiveServer, LivePage], host: str) -> None:
    serving, _ = server
    response = get(serving.port, "/", host=host)
    assert (response.status, response.read()) == (403, b"403 Forbidden\n")
    assert get(serving.port, "/events", host=host).status == 403


def read_event(stream: Any) -> tuple[str, str]:
    """The next event (name, data) of a server-sent event stream, past comments and retry lines."""
    name, data = "", ""
    while True:
        line = stream.readline().decode("utf-8").rstrip("\n")
        if line == "" and name:
            return name, data
        if line.startswith("event: "):
            name = line[len("event: ") :]
        elif line.startswith("data: "):
            data = line[len("data: ") :]


def test_the_stream_says_each_new_drawing_and_the_problems(server: tuple[LiveServer, LivePage]) -> None:
    serving, live = server
    response = get(serving.port, "/events")
    assert response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
    assert read_event(response) == ("drawing", "1")
    assert read_event(response) == ("problems", "[]")
    live.report(("m.yaml:3:5: error: claim 'x' is not defined (dangling-ref)",))
    assert read_event(response) == (
        "problems",
        json.dumps(["m.yaml:3:5: error: claim 'x' is not defined (dangling-ref)"]),
    )
    live.publish(b"<p>two</p>")
    assert read_event(response) == ("drawing", "2")
    assert read_event(response) == ("problems", "[]")
    response.close()


def test_stopping_ends_open_streams_and_frees_the_port() -> None:
    live = LivePage(b"page")
    serving = LiveServer(live, 0)
    serving.start()
    response = get(serving.port, "/events")
    assert read_event(response) == ("drawing", "1")
    serving.stop()
    assert response.read() == b"event: problems\ndata: []\n\n"  # the rest, then the end
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", serving.port), timeout=5)


# -- the command ----------------------------------------------------------------------


def write_map(folder: Path, text: str = MAP) -> Path:
    (folder / "book.txt").write_text(BOOK, encoding="utf-8")
    path = folder / "live.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def start(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "argmap", "preview", "--no-browser", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Callable[..., tuple[subprocess.Popen[str], str]]]:
    """Start `argmap preview` on a map in tmp_path: the process and its address."""
    started: list[subprocess.Popen[str]] = []

    def run(*args: str) -> tuple[subprocess.Popen[str], str]:
        process = start(*args, str(write_map(tmp_path)))
        started.append(process)
        assert process.stdout is not None
        return process, process.stdout.readline().rstrip("\n")

    yield run
    for process in started:
        if process.poll() is None:
            process.kill()
        process.communicate()


needs_graphviz = pytest.mark.skipif(not any(available_backends().values()), reason="no Graphviz here")


@needs_graphviz
def test_the_address_comes_first_and_ctrl_c_stops_with_130(
    tmp_path: Path, preview: Callable[..., tuple[subprocess.Popen[str], str]]
) -> None:
    process, url = preview("--port", "0")
    assert url.startswith("http://127.0.0.1:") and url.endswith("/")
    port = int(url.rsplit(":", 1)[1].rstrip("/"))
    response = get(port, "/")
    assert response.status == 200 and b"<title>Live</title>" in response.read()
    # The address is printed before the messages on stderr: wait for them,
    # or an interrupt sent at once (on a busy machine) stops the command
    # before it has said them.
    assert process.stderr is not None
    said = [process.stderr.readline(), process.stderr.readline()]
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 130
    assert out == ""
    assert "".join([*said, err]).splitlines() == [
        "argmap: drew 2 claims",
        f"argmap: previewing {tmp_path / 'live.yaml'} at {url}; Ctrl-C stops",
        "argmap: interrupted",
    ]


@needs_graphviz
def test_a_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = start("--port", str(port), str(write_map(tmp_path)))
        out, err = process.communicate(timeout=30)
    assert (process.returncode, out) == (2, "")
    assert err == f"argmap: cannot serve on 127.0.0.1:{port}: Address already in use\n"


def test_a_missing_map_is_one_line_and_exit_2(tmp_path: Path) -> None:
    process = start(str(tmp_path / "nowhere.yaml"))
    out, err = process.communicate(timeout=30)
    assert (process.returncode, out, err) == (2, "", f"argmap: {tmp_path / 'nowhere.yaml'}: no such file\n")


# -- the page in Chromium ----------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium_session() -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium found (apt-get install chromium, or set $CHROMIUM)")
    with Browser(executable) as session:
        yield session


@pytest.fixture
def browser(chromium_session: Browser) -> Iterator[Browser]:
    """The shared Chromium, left on a blank page after each test: a page left
    open on a stopped preview would reconnect its event stream to the old
    address in the middle of the next test's watch for stray requests."""
    yield chromium_session
    chromium_session.open("about:blank")


def wait_until(check: Callable[[], bool], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("the page did not change")
        time.sleep(0.05)


def page_state(browser: Browser) -> dict[str, Any]:
    state: dict[str, Any] = browser.evaluate(
        """(() => {
        const root = document.documentElement, panel = document.querySelector('.argmap-details');
        const banner = document.querySelector('.argmap-problems');
        return {version: root.dataset.argmapVersion, title: document.title,
                texts: [...document.querySelectorAll('.argmap-canvas g.node text')].map((t) => t.textContent),
                transform: document.querySelector('.argmap-canvas').style.transform,
                selected: [...document.querySelectorAll('g.argmap-selected')].map((g) => g.id),
                details: panel.hidden ? null : panel.querySelector('.argmap-text').textContent,
                problems: banner === null || banner.hidden ? null : banner.textContent,
                marker: window.argmapTestMarker || null};
        })()"""
    )
    return state


def scale(transform: str) -> str:
    return transform.rsplit(" ", 1)[1]


IN_VIEW = """(() => {
  const r = document.querySelector('g.argmap-selected').getBoundingClientRect();
  const v = document.querySelector('.argmap-view').getBoundingClientRect();
  return r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom; })()"""


def requests_elsewhere(events: list[tuple[str, dict[str, Any]]], url: str) -> list[str]:
    """Requests for anything but the page and its stream, console errors, exceptions."""
    found = []
    for method, params in events:
        if method == "Network.requestWillBeSent" and params["request"]["url"] not in {url, url + "events"}:
            found.append(f"request: {params['request']['url']}")
        elif method == "Runtime.consoleAPICalled" and params["type"] in {"error", "warning", "assert"}:
            found.append(f"console.{params['type']}: {params['args']}")
        elif method == "Runtime.exceptionThrown":
            found.append(f"exception: {params['exceptionDetails']}")
        elif method == "Log.entryAdded" and params["entry"]["level"] in {"error", "warning"}:
            found.append(f"log: {params['entry']['text']}")
    return found


@needs_graphviz
def test_a_save_changes_the_open_page_keeping_zoom_and_the_chosen_claim(
    tmp_path: Path, browser: Browser, preview: Callable[..., tuple[subprocess.Popen[str], str]]
) -> None:
    _, url = preview()
    path = tmp_path / "live.yaml"
    mark = len(browser.events)
    browser.open(url)
    first = page_state(browser)
    assert (first["version"], first["title"], first["problems"]) == ("1", "Live", None)
    assert "The first version." in first["texts"]
    browser.evaluate("window.argmapTestMarker = 'no reload'")
    browser.key("+")  # zoom in, then choose a claim
    browser.evaluate("location.hash = 'top'")
    chosen = page_state(browser)
    assert (chosen["selected"], chosen["details"]) == (["top"], "The first version.")

    path.write_text(
        MAP.replace("The first version.", "The second version.")
        + "      - {id: more, text: Another reason.}\n"
    )
    wait_until(lambda: page_state(browser)["version"] == "2")
    second = page_state(browser)
    assert "The second version." in second["texts"] and "Another reason." in second["texts"]
    assert "The first version." not in second["texts"]
    # The same zoom, and no reload; the view may pan to keep the chosen claim in it.
    assert (scale(second["transform"]), second["marker"]) == (scale(chosen["transform"]), "no reload")
    assert scale(chosen["transform"]) > scale(first["transform"])
    assert browser.evaluate(IN_VIEW) is True
    assert (second["selected"], second["details"], second["problems"]) == (
        ["top"],
        "The second version.",
        None,
    )
    browser.evaluate("location.hash = 'more'")  # a claim new in this drawing opens too
    assert (page_state(browser)["selected"], page_state(browser)["details"]) == (["more"], "Another reason.")
    assert requests_elsewhere(browser.events[mark:], url) == []


@needs_graphviz
def test_a_map_with_errors_shows_them_and_keeps_the_last_good_drawing(
    tmp_path: Path, browser: Browser, preview: Callable[..., tuple[subprocess.Popen[str], str]]
) -> None:
    _, url = preview()
    path = tmp_path / "live.yaml"
    mark = len(browser.events)
    browser.open(url)
    good = page_state(browser)
    path.write_text(MAP.replace("A reason.}", "A reason., by: nobody}"), encoding="utf-8")
    wait_until(lambda: page_state(browser)["problems"] is not None)
    broken = page_state(browser)
    assert broken["problems"] == (
        f"{path}:9:40: error: side 'nobody' is not defined under 'sides:' (unknown-side)"
    )
    assert (broken["texts"], broken["version"]) == (good["texts"], "1")
    (tmp_path / "book.txt").write_text(
        "A book without the words.\n", encoding="utf-8"
    )  # a source is watched too
    wait_until(lambda: "quote-not-found" in (page_state(browser)["problems"] or ""))
    write_map(tmp_path, MAP.replace("A reason.", "A fixed reason."))
    wait_until(lambda: page_state(browser)["version"] == "2")
    fixed = page_state(browser)
    assert fixed["problems"] is None and "A fixed reason." in fixed["texts"]
    assert requests_elsewhere(browser.events[mark:], url) == []


@needs_graphviz
def test_a_map_broken_from_the_start_is_served_empty_with_its_problems_until_fixed(tmp_path: Path) -> None:
    (tmp_path / "live.yaml").write_text("title: [not text\n", encoding="utf-8")
    process = start(str(tmp_path / "live.yaml"))
    try:
        assert process.stdout is not None
        url = process.stdout.readline().rstrip("\n")
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        response = get(port, "/")
        assert response.status == 200 and b"<title>live.yaml</title>" in response.read()
        stream = get(port, "/events")
        assert read_event(stream) == ("drawing", "1")
        name, data = read_event(stream)
        assert name == "problems" and len(json.loads(data)) == 1 and "YAML syntax" in json.loads(data)[0]
        write_map(tmp_path)
        assert read_event(stream) == ("drawing", "2")
        assert read_event(stream) == ("problems", "[]")
        response = get(port, "/")
        assert response.getheader(VERSION_HEADER) == "2" and b"The first version." in response.read()
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)
    assert process.returncode == 130


@needs_graphviz
def test_without_no_browser_the_browser_opens_the_address(tmp_path: Path) -> None:
    """$BROWSER names the browser Python's webbrowser runs: here a script that notes the address."""
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\necho "$1" > "{opened}"\n', encoding="utf-8")
    browser.chmod(0o755)
    env = {**os.environ, "PYTHONPATH": str(REPO), "BROWSER": f"{browser} %s"}
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "preview", str(write_map(tmp_path))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().rstrip("\n")
        wait_until(opened.exists)
        wait_until(lambda: opened.read_text(encoding="utf-8") == url + "\n")
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)
