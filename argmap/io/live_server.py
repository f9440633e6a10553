"""`argmap preview`'s web server: one page and its update stream, on
127.0.0.1 only.

The standard library's ThreadingHTTPServer is enough: one user, one or two
browser tabs, two paths, no TLS, and a thread per connection lets each open
page hold its event stream while the page itself is fetched. A framework
would add a dependency and nothing this needs.

It serves `GET /` (the newest page, with its version in the
`X-Argmap-Version` header) and `GET /events` (server-sent events: `drawing`
with the newest version, `problems` with the map's problem lines as JSON,
sent on connecting and on every change), with or without a query (ignored),
and nothing else: 404 for any other path, 501 for other methods, and 403 for a request whose Host header
is not this server's own address, so that a web site cannot reach it
through a name it points at 127.0.0.1 (DNS rebinding). It prints nothing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from argmap.errors import UsageError

__all__ = ["HOST", "VERSION_HEADER", "LivePage", "LiveServer", "PageState"]

HOST = "127.0.0.1"
VERSION_HEADER = "X-Argmap-Version"  # on the page: the version of its drawing
KEEP_ALIVE = 15.0  # seconds between comments on an idle stream, to notice a closed tab
RETRY_MS = 500  # how soon a browser reconnects a dropped stream


@dataclass(frozen=True, slots=True)
class PageState:
    page: bytes
    version: int  # of the page's drawing; 1 for the first
    problems: tuple[str, ...]  # the map's problems, one a line, as the page shows them


class LivePage:
    """What the server serves, changed by the thread that renders and read
    by the threads that serve."""

    def __init__(self, page: bytes, problems: tuple[str, ...] = ()) -> None:
        self._state = PageState(page, 1, problems)
        self._changed = threading.Condition()
        self._closed = False

    @property
    def state(self) -> PageState:
        with self._changed:
            return self._state

    @property
    def next_version(self) -> int:
        """The version the next page published gets (its script says it)."""
        return self.state.version + 1

    def publish(self, page: bytes, problems: tuple[str, ...] = ()) -> None:
        """A new good drawing, made as version `next_version`."""
        with self._changed:
            self._state = PageState(page, self._state.version + 1, problems)
            self._changed.notify_all()

    def report(self, problems: tuple[str, ...]) -> None:
        """The map cannot be drawn now: say why; the last good page stays."""
        with self._changed:
            self._state = PageState(self._state.page, self._state.version, problems)
            self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def wait(self, seen: PageState | None, timeout: float) -> PageState | None:
        """The state once it is not `seen` (or after `timeout`, the same);
        None once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._state is not seen, timeout)
            return None if self._closed else self._state


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream must not keep argmap running
    live: LivePage
    hosts: frozenset[str]


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "argmap-preview"

    def do_GET(self) -> None:
        routes: dict[str, Callable[[], None]] = {"/": self._page, "/events": self._events}
        # A query is ignored: VS Code's Simple Browser adds one to every address it opens.
        path = self.path.partition("?")[0]
        if self.headers.get("Host", "") not in self.server.hosts:
            self._refuse(HTTPStatus.FORBIDDEN)
        elif path in routes:
            routes[path]()
        else:
            self._refuse(HTTPStatus.NOT_FOUND)

    def log_message(self, format: str, *args: object) -> None:
        """Say nothing: the command reports what matters."""

    def _refuse(self, status: HTTPStatus) -> None:
        body = f"{status.value} {status.phrase}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _page(self) -> None:
        state = self.server.live.state
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(state.page)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header(VERSION_HEADER, str(state.version))
        self.end_headers()
        self.wfile.write(state.page)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen: PageState | None = None
        try:
            self.wfile.write(f"retry: {RETRY_MS}\n\n".encode())
            while (state := self.server.live.wait(seen, KEEP_ALIVE)) is not None:
                self.wfile.write(_events_between(seen, state))
                self.wfile.flush()
                seen = state
        except (BrokenPipeError, ConnectionResetError):
            return  # the page was closed


def _events_between(seen: PageState | None, state: PageState) -> bytes:
    """The events that take a page from `seen` to `state`; a comment when
    nothing changed (it finds out whether the page is still there)."""
    events = []
    if seen is None or seen.version != state.version:
        events.append(f"event: drawing\ndata: {state.version}\n\n")
    if seen is None or seen.problems != state.problems:
        events.append(f"event: problems\ndata: {json.dumps(list(state.problems))}\n\n")
    return "".join(events or [": still here\n\n"]).encode("utf-8")


class LiveServer:
    """The server, bound to 127.0.0.1:`port` (0: a free port the system
    picks) as soon as it is made, serving from another thread once
    started, until stopped."""

    def __init__(self, live: LivePage, port: int = 0) -> None:
        try:
            self._server = _Server((HOST, port), _Handler)
        except OSError as exc:
            raise UsageError(f"cannot serve on {HOST}:{port}: {exc.strerror or exc}") from None
        self.port = self._server.server_address[1]
        self._server.live = live
        self._server.hosts = frozenset({f"{HOST}:{self.port}", f"localhost:{self.port}"})
        self._thread = threading.Thread(target=self._server.serve_forever, name="argmap-preview", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Close every stream, stop serving, free the port."""
        self._server.live.close()
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()
