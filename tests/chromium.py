"""A small Chrome DevTools Protocol client over a pipe, for testing the web
page in a real headless Chromium (and for docs/talk_pictures.py's
screenshot) without a driver or a browser-automation package.

Chromium started with `--remote-debugging-pipe` reads commands on file
descriptor 3 and writes replies and events on 4, each a JSON object ended
by a NUL byte. Nothing listens on a port.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

__all__ = ["Browser", "find_chromium"]

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
)


def find_chromium() -> str | None:
    """Debian's chromium, or another Chromium or Chrome on PATH ($CHROMIUM wins)."""
    named = os.environ.get("CHROMIUM")
    if named:
        return shutil.which(named)
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _above_nine(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


class Browser:
    """One headless Chromium with one page. Events the page raises are kept
    in `events` (method, params), in order."""

    def __init__(self, executable: str, width: int = 1280, height: int = 800, timeout: float = 30) -> None:
        self.timeout = timeout
        self.events: list[tuple[str, dict[str, Any]]] = []
        self._replies: dict[int, dict[str, Any]] = {}
        self._next_id = 0
        self._cond = threading.Condition()
        self._profile = tempfile.TemporaryDirectory(prefix="argmap-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        # Above 9, so that putting one at 3 or 4 cannot overwrite the other.
        to_child_r, from_child_w = (_above_nine(fd) for fd in (to_child_r, from_child_w))

        def pipes_at_3_and_4() -> None:  # in the child, before Chromium starts
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        self._process = subprocess.Popen(
            [
                executable,
                *FLAGS,
                f"--user-data-dir={self._profile.name}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            pass_fds=(3, 4),
            preexec_fn=pipes_at_3_and_4,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.page(f"{domain}.enable")
        self.page(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def __enter__(self) -> Browser:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        try:
            self._send({"id": self._take_id(), "method": "Browser.close"})
            self._process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        os.close(self._to_child)
        self._profile.cleanup()

    # -- the protocol ------------------------------------------------------

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send a command and wait for its reply; raise on a protocol error."""
        message: dict[str, Any] = {"id": self._take_id(), "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        self._send(message)
        deadline = time.monotonic() + self.timeout
        with self._cond:
            while message["id"] not in self._replies:
                left = deadline - time.monotonic()
                if left <= 0 or not self._reader.is_alive():
                    raise TimeoutError(f"no reply to {method} from Chromium")
                self._cond.wait(left)
            reply = self._replies.pop(message["id"])
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        result: dict[str, Any] = reply.get("result", {})
        return result

    def page(self, method: str, **params: Any) -> dict[str, Any]:
        return self.call(method, self.session, **params)

    def wait_for(self, method: str, after: int = 0) -> dict[str, Any]:
        """The first event `method` at or after index `after` of `events`."""
        deadline = time.monotonic() + self.timeout
        with self._cond:
            while True:
                for name, params in self.events[after:]:
                    if name == method:
                        return params
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no {method} event from Chromium")
                self._cond.wait(left)

    # -- what the tests use ------------------------------------------------

    def open(self, url: str) -> None:
        mark = len(self.events)
        self.page("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired", after=mark)

    def evaluate(self, expression: str) -> Any:
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, x: float, y: float) -> None:
        """A real left click at (x, y), in CSS pixels of the viewport."""
        self.page("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        for kind in ("mousePressed", "mouseReleased"):
            self.page("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def drag(self, start: tuple[float, float], end: tuple[float, float], steps: int = 5) -> None:
        x0, y0 = start
        x1, y1 = end
        self.page("Input.dispatchMouseEvent", type="mousePressed", x=x0, y=y0, button="left", clickCount=1)
        for step in range(1, steps + 1):
            x, y = x0 + (x1 - x0) * step / steps, y0 + (y1 - y0) * step / steps
            self.page("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y, button="left", buttons=1)
        self.page("Input.dispatchMouseEvent", type="mouseReleased", x=x1, y=y1, button="left", clickCount=1)

    def wheel(self, x: float, y: float, delta_y: float) -> None:
        self.page("Input.dispatchMouseEvent", type="mouseWheel", x=x, y=y, deltaX=0, deltaY=delta_y)

    def key(self, key: str) -> None:
        for kind in ("keyDown", "keyUp"):
            self.page("Input.dispatchKeyEvent", type=kind, key=key, text=key if len(key) == 1 else "")

    def screenshot(self, path: Path) -> None:
        data = self.page("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    # -- the pipe ----------------------------------------------------------

    def _take_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _send(self, message: dict[str, Any]) -> None:
        os.write(self._to_child, json.dumps(message).encode() + b"\0")

    def _read(self) -> None:
        buffer = b""
        with os.fdopen(self._from_child, "rb", buffering=0) as pipe:
            while chunk := pipe.read(65536):
                buffer += chunk
                *messages, buffer = buffer.split(b"\0")
                with self._cond:
                    for raw in messages:
                        message = json.loads(raw)
                        if "id" in message:
                            self._replies[message["id"]] = message
                        else:
                            self.events.append((message["method"], message.get("params", {})))
                    self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()
