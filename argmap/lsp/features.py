"""The protocol's requests and notifications, each a few lines over
argmap.checks.editing (navigation, rename, hover), completion and fixes.

Requests answer from the map's text as the editor has it: one that comes
right after an edit waits for that edit's check. A failure in one request
becomes an error response (pygls sends it); the server goes on.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.uris import to_fs_path

from argmap.checks import editing
from argmap.checks.completion import complete
from argmap.checks.fixes import fixes
from argmap.errors import UsageError
from argmap.formats.native.occurrences import TextRange
from argmap.lsp import convert
from argmap.lsp.server import ArgmapLanguageServer

Server = ArgmapLanguageServer


def build() -> ArgmapLanguageServer:
    """A server with every feature registered."""
    server = ArgmapLanguageServer()
    _register_sync(server)
    _register_navigation(server)
    _register_editing(server)
    return server


def _register_sync(server: Server) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: Server, params: types.InitializeParams) -> None:
        ls.configure(params.initialization_options)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: Server, params: types.InitializedParams) -> None:
        watched = (
            ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        )
        if watched and watched.dynamic_registration:
            watcher = types.FileSystemWatcher(glob_pattern="**/*")
            registration = types.Registration(
                id="argmap-sources",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=[watcher]),
            )
            try:
                await ls.client_register_capability_async(
                    types.RegistrationParams(registrations=[registration])
                )
                return
            except Exception as exc:  # the client said no after all: look at the files ourselves
                ls.report(f"watching files through the client failed ({exc}); polling instead")
        ls.start_polling()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration(ls: Server, params: types.DidChangeConfigurationParams) -> None:
        settings = params.settings
        ls.configure(settings.get("argmap", settings) if isinstance(settings, dict) else None)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: Server, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: Server, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: Server, params: types.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def files_changed(ls: Server, params: types.DidChangeWatchedFilesParams) -> None:
        ls.sources_changed([Path(to_fs_path(c.uri) or c.uri) for c in params.changes])

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: Server, params: None) -> None:
        ls.stop()


def _register_navigation(server: Server) -> None:
    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls: Server, params: types.DefinitionParams) -> list[types.Location]:
        state = await ls.current(params.text_document.uri)
        if state is None:
            return []
        line, column = convert.from_client(state.lines, params.position, ls.encoding)
        found = editing.definitions(state, line, column)
        if found:
            return [_location(ls, params.text_document.uri, state, o.range) for o in found]
        # A quote: where it stands in its source; a reference to another
        # map's claim: where that map defines it (reading a file: off the loop).
        place = await asyncio.get_running_loop().run_in_executor(
            None, editing.source_place, state, line, column
        ) or await asyncio.get_running_loop().run_in_executor(
            None, editing.referred_place, state, line, column
        )
        if place is None:
            return []
        return [
            types.Location(
                uri=place.file.resolve().as_uri(),
                range=convert.to_range(place.lines, place.range, ls.encoding),
            )
        ]

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    async def references(ls: Server, params: types.ReferenceParams) -> list[types.Location]:
        state = await ls.current(params.text_document.uri)
        if state is None:
            return []
        line, column = convert.from_client(state.lines, params.position, ls.encoding)
        found = editing.references(state, line, column, declaration=params.context.include_declaration)
        return [_location(ls, params.text_document.uri, state, o.range) for o in found]

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: Server, params: types.HoverParams) -> types.Hover | None:
        state = await ls.current(params.text_document.uri)
        if state is None:
            return None
        line, column = convert.from_client(state.lines, params.position, ls.encoding)
        # A status needs an evaluation, which can take a while: off the loop, beside the checks.
        info = await asyncio.get_running_loop().run_in_executor(
            None, editing.hover, state, line, column, ls.semantics
        )
        return convert.hover(state.lines, info, ls.encoding) if info is not None else None

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def symbols(ls: Server, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        state = await ls.current(params.text_document.uri)
        if state is None or state.index is None:
            return []
        return [convert.symbol(state.lines, claim, ls.encoding) for claim in state.index.outline]

    @server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
    async def folding(ls: Server, params: types.FoldingRangeParams) -> list[types.FoldingRange]:
        state = await ls.current(params.text_document.uri)
        if state is None or state.index is None:
            return []
        return convert.folding_ranges(state.index.outline)


def _register_editing(server: Server) -> None:
    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    async def prepare_rename(
        ls: Server, params: types.PrepareRenameParams
    ) -> types.PrepareRenamePlaceholder | None:
        state = await ls.current(params.text_document.uri)
        if state is None:
            return None
        line, column = convert.from_client(state.lines, params.position, ls.encoding)
        try:
            target = editing.rename_target(state, line, column)
        except UsageError as exc:
            raise _failed(exc) from None
        return types.PrepareRenamePlaceholder(
            range=convert.to_range(state.lines, target.range, ls.encoding), placeholder=target.id
        )

    @server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
    async def rename(ls: Server, params: types.RenameParams) -> types.WorkspaceEdit | None:
        uri = params.text_document.uri
        state = await ls.current(uri)
        if state is None:
            return None
        line, column = convert.from_client(state.lines, params.position, ls.encoding)
        try:
            target, edits = editing.rename(state, line, column, params.new_name)
            changes = {uri: _text_edits(ls, state, edits)}
            for other in [u for u in ls.states if u != uri]:
                other_state = await ls.current(other)
                index = other_state.index if other_state is not None else None
                if other_state is None or index is None:
                    continue
                if editing.refers_without_defining(index, target.kind, target.id):
                    other_edits = editing.rename_edits(index, target.kind, target.id, params.new_name)
                    changes[other] = _text_edits(ls, other_state, other_edits)
        except UsageError as exc:
            raise _failed(exc) from None
        return types.WorkspaceEdit(changes=changes)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", "-", "[", ","])
    )
    async def completion(ls: Server, params: types.CompletionParams) -> types.CompletionList:
        """From the text as it is now and the last map that loaded: typing
        does not wait for the check of what was just typed."""
        uri = params.text_document.uri
        if uri not in ls.last_maps:
            await ls.current(uri)  # just opened: the ids come with its first check
        if not ls.is_open(uri):
            return types.CompletionList(is_incomplete=False, items=[])
        lines = tuple(ls.workspace.get_text_document(uri).source.splitlines())
        line, column = convert.from_client(lines, params.position, ls.encoding)
        choices = complete(lines, line, column, ls.last_maps.get(uri))
        return types.CompletionList(is_incomplete=False, items=[convert.completion(c) for c in choices])

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    async def code_action(ls: Server, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        state = await ls.current(uri)
        if state is None:
            return []
        lines = range(params.range.start.line, params.range.end.line + 1)
        return [convert.code_action(uri, state.lines, fix, ls.encoding) for fix in fixes(state, lines)]


def _location(ls: Server, uri: str, state: editing.MapState, span: TextRange) -> types.Location:
    return types.Location(uri=uri, range=convert.to_range(state.lines, span, ls.encoding))


def _text_edits(ls: Server, state: editing.MapState, edits: list[editing.Edit]) -> list[types.TextEdit]:
    return [
        types.TextEdit(range=convert.to_range(state.lines, e.range, ls.encoding), new_text=e.new_text)
        for e in edits
    ]


def _failed(exc: UsageError) -> JsonRpcException:
    """A request that cannot be done as asked: the client shows the message."""
    return JsonRpcException(str(exc), code=types.LSPErrorCodes.RequestFailed.value)


def serve() -> None:
    """Run the server over standard input and output until the client says exit."""
    build().start_io()
