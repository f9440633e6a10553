"""The language server's state: the open maps, each checked off the event
loop a moment after the last change, and the source files they quote,
watched so that a changed source re-checks the maps that quote it.

The features (hover, rename, ...) are in features.py; this module keeps
the analysed versions of the maps they answer from.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from argmap import __version__
from argmap.checks.editing import MapState, analyse, indexed
from argmap.errors import InputError
from argmap.formats.registry import reading_candidates
from argmap.lsp import convert
from argmap.model import ArgumentMap, Semantics

# Seconds to wait after a change before checking: typing a word is one
# check, not one a key. A 500-claim map checks in a few dozen ms
# (benchmarks/lsp.py), so the diagnostics still follow an edit within 100 ms.
DEBOUNCE_SECONDS = 0.03
# How often source files are looked at, when the client does not watch files for us.
POLL_SECONDS = 1.0

log = logging.getLogger(__name__)


class ArgmapProtocol(LanguageServerProtocol):
    """pygls meets a request whose params it cannot read by telling the
    user (window/showMessage) and answering nothing; the protocol wants an
    error response, or the client waits for one for ever."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "method" in data and isinstance(data.get("id"), (int, str)):
                self._send_response(data["id"], error=exc.to_response_error())
            raise


class ArgmapLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "argmap",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=ArgmapProtocol,
        )
        self.states: dict[str, MapState] = {}  # uri -> the last version checked
        self.checked_versions: dict[str, int | None] = {}
        self.last_maps: dict[str, ArgumentMap] = {}  # uri -> the last version that loaded
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.running: dict[str, tuple[int | None, asyncio.Future[MapState | None]]] = {}
        # uri -> the source files its latest check read: known as soon as the
        # check is, before the (slower) index, so a source changed meanwhile
        # still re-checks the map.
        self.quoted: dict[str, tuple[Path, ...]] = {}
        # One checker thread: checks of one map run in order, and the loop stays free.
        self.checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argmap-check")
        self.semantics: tuple[str, ...] = ()  # shown in hovers (initializationOptions "evaluate")
        self.source_stamps: dict[Path, float | None] = {}
        self.poller: asyncio.Task[None] | None = None

    def is_open(self, uri: str) -> bool:
        return unquote(uri) in self.workspace.text_documents  # pygls keeps them by unquoted uri

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding or convert.UTF16
        return str(getattr(encoding, "value", encoding))  # an enum member, or a name the client sent

    def configure(self, options: Any) -> None:
        """initializationOptions, or settings sent later under "argmap":
        {"evaluate": "grounded"} (or a list) adds a claim's status under
        those semantics to its hover."""
        wanted = options.get("evaluate") if isinstance(options, dict) else None
        names = [wanted] if isinstance(wanted, str) else wanted if isinstance(wanted, list) else []
        self.semantics = tuple(n for n in names if n in {s.value for s in Semantics})

    # -- checking ----------------------------------------------------------------------

    def schedule(self, uri: str, delay: float = DEBOUNCE_SECONDS) -> None:
        """Check the map `delay` seconds from now, unless it changes again first."""
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        loop = asyncio.get_running_loop()
        self.timers[uri] = loop.call_later(delay, lambda: asyncio.ensure_future(self.refresh(uri)))

    async def current(self, uri: str) -> MapState | None:
        """The state of the map's text as the editor has it now, checking it
        first if it changed since (a request right after an edit waits for it)."""
        if not self.is_open(uri):
            return None
        document = self.workspace.get_text_document(uri)
        state = self.states.get(uri)
        if state is not None and self.checked_versions.get(uri) == document.version:
            return state
        return await self.refresh(uri)

    async def refresh(self, uri: str) -> MapState | None:
        """Check the map's current text (once, however many ask), publish its
        diagnostics, then index it for the requests."""
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        if not self.is_open(uri):
            return None
        document = self.workspace.get_text_document(uri)
        version = document.version
        running = self.running.get(uri)
        if running is not None and running[0] == version and not running[1].done():
            return await running[1]
        task = asyncio.ensure_future(self._check(uri, version, document.source))
        self.running[uri] = (version, task)
        return await task

    async def _check(self, uri: str, version: int | None, text: str) -> MapState | None:
        """Off the event loop: the diagnostics first, published at once, then the index."""
        loop = asyncio.get_running_loop()
        try:
            state = await loop.run_in_executor(self.checker, self._analyse_if_current, uri, version, text)
            if state is None:  # changed again while waiting for the checker: check the newest
                return await self.refresh(uri)
            self.quoted[uri] = tuple(state.source_files)
            if self.is_current(uri, version):
                self.publish(uri, version, state)
            state = await loop.run_in_executor(self.checker, indexed, state)
        except Exception as exc:  # a bug in a check: say so, keep serving
            self.report(f"checking {uri} failed: {type(exc).__name__}: {exc}")
            return None
        if self.is_current(uri, version):
            self.adopt(uri, version, state)
        return state

    def _analyse_if_current(self, uri: str, version: int | None, text: str) -> MapState | None:
        """In the checker thread: a version typed over while earlier checks
        of a big map ran is not checked at all."""
        if not self.is_current(uri, version):
            return None
        state = analyse_document(text, _map_path(uri))
        for path in state.source_files:  # as the check read them: a change from now on is seen
            self.source_stamps.setdefault(path, _stamp(path))
        return state

    def is_current(self, uri: str, version: int | None) -> bool:
        return self.is_open(uri) and self.workspace.get_text_document(uri).version == version

    def publish(self, uri: str, version: int | None, state: MapState) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=version,
                diagnostics=[convert.diagnostic(state.lines, d, self.encoding) for d in state.diagnostics],
            )
        )

    def adopt(self, uri: str, version: int | None, state: MapState) -> None:
        """The state the requests answer from, until the next change."""
        self.states[uri] = state
        self.checked_versions[uri] = version
        if state.map is not None:
            self.last_maps[uri] = state.map

    def forget(self, uri: str) -> None:
        """A closed map: its diagnostics cleared, its state dropped."""
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        for table in (self.states, self.checked_versions, self.last_maps, self.running, self.quoted):
            table.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def report(self, message: str) -> None:
        log.error("%s", message)
        self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=message))

    # -- sources changed on disk ---------------------------------------------------------

    def sources_changed(self, paths: list[Path]) -> None:
        """Re-check the open maps that quote any of these files."""
        changed = {_same_file(p) for p in paths}
        for uri, files in list(self.quoted.items()):
            if changed & {_same_file(p) for p in files}:
                # A check of this version still running read the old text:
                # do not join it, check again (the checker runs in order).
                self.running.pop(uri, None)
                self.checked_versions.pop(uri, None)
                self.schedule(uri, 0)

    async def poll_sources(self) -> None:
        """Look at the sources' modification times, for clients that do not watch files."""
        while True:
            await asyncio.sleep(POLL_SECONDS)
            changed = []
            for path, stamp in list(self.source_stamps.items()):
                now = _stamp(path)
                if now != stamp:
                    self.source_stamps[path] = now
                    changed.append(path)
            if changed:
                self.sources_changed(changed)

    def start_polling(self) -> None:
        if self.poller is None:
            self.poller = asyncio.ensure_future(self.poll_sources())

    def stop(self) -> None:
        if self.poller is not None:
            self.poller.cancel()
        self.checker.shutdown(wait=False, cancel_futures=True)


def analyse_document(text: str, path: str) -> MapState:
    """A map as `validate` would check its file: sources read beside it, the
    format told by its suffix; a suffix argmap does not read (an untitled
    buffer, an editor's own) is taken for the YAML form."""
    try:
        reading_candidates(Path(path))
        fmt = None
    except InputError:
        fmt = "yaml"
    return analyse(text, path, fmt=fmt, index=False)


def _map_path(uri: str) -> str:
    return to_fs_path(uri) or uri


def _stamp(path: Path) -> float | None:
    try:
        return path.stat().st_mtime_ns / 1e9
    except OSError:
        return None


def _same_file(path: Path) -> str:
    with contextlib.suppress(OSError):
        return os.path.realpath(path)
    return str(path)
