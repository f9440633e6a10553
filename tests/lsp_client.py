"""A Language Server Protocol client for the tests: `argmap lsp` started as
an editor starts it, spoken to over its standard input and output in
framed JSON-RPC (Content-Length headers), written here from the protocol,
not with the server's library, so the two cannot share a mistake."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
Message = dict[str, Any]


class LspClient:
    def __init__(
        self, cwd: Path, capabilities: Message | None = None, options: Message | None = None
    ) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        # The server's stderr: a pipe nobody reads could fill. Closed by kill().
        self.log = tempfile.TemporaryFile()  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "argmap", "lsp", "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            cwd=cwd,
            env=env,
        )
        self.stderr = ""  # what the server wrote there, once it is gone
        self.received: list[Message] = []
        self.changed = threading.Condition()
        self.next_id = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.initialize_result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": cwd.as_uri(),
                "capabilities": capabilities or {},
                "initializationOptions": options or {},
            },
        )
        self.notify("initialized", {})

    # -- the wire ----------------------------------------------------------------------

    def send_bytes(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: Message) -> None:
        body = json.dumps(message).encode("utf-8")
        self.send_bytes(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return  # the server is gone
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            assert length is not None, "a message without Content-Length"
            message = json.loads(stream.read(length))
            if "method" in message and "id" in message:
                # A request of the server's (registerCapability, ...): agree.
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            with self.changed:
                self.received.append(message)
                self.changed.notify_all()

    def wait_for(self, match: Callable[[Message], bool], timeout: float = 20.0, after: int = 0) -> Message:
        """The first message from index `after` on that matches, waiting for it."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                for message in self.received[after:]:
                    if match(message):
                        return message
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    raise AssertionError(f"no such message in {timeout} s; got {self.received[after:]}")
                self.changed.wait(left)

    # -- requests and notifications --------------------------------------------------------

    def request_raw(self, method: str, params: Any, timeout: float = 20.0) -> Message:
        """The whole response: `result` or `error`."""
        self.next_id += 1
        number = self.next_id
        self.send({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        return self.wait_for(lambda m: m.get("id") == number and "method" not in m, timeout)

    def request(self, method: str, params: Any, timeout: float = 20.0) -> Any:
        response = self.request_raw(method, params, timeout)
        assert "error" not in response, response
        return response["result"]

    def notify(self, method: str, params: Any) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def mark(self) -> int:
        """Where the messages received so far end: wait for ones after it."""
        with self.changed:
            return len(self.received)

    def diagnostics(self, uri: str, after: int = 0, version: int | None = None) -> list[Message]:
        """The next diagnostics published for `uri` (of that version, if given)."""
        published = self.wait_for(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and (version is None or m["params"].get("version") == version)
            ),
            after=after,
        )
        found: list[Message] = published["params"]["diagnostics"]
        return found

    def open(self, uri: str, text: str, version: int = 1) -> list[Message]:
        start = self.mark()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": version, "text": text}},
        )
        return self.diagnostics(uri, start, version)

    def change(self, uri: str, version: int, text: str, range_: Message | None = None) -> None:
        change: Message = {"text": text} if range_ is None else {"range": range_, "text": text}
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )

    def at(self, method: str, uri: str, line: int, character: int, **more: Any) -> Any:
        params = {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}, **more}
        return self.request(method, params)

    def close(self) -> int:
        """Shut the server down as an editor does; its exit code."""
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.process.wait(timeout=20)
        finally:
            self.kill()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        if not self.log.closed:
            self.log.seek(0)
            self.stderr = self.log.read().decode("utf-8", "replace")
            self.log.close()
