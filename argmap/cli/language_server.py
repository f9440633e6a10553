"""`argmap lsp`: the language server, for editors."""

from __future__ import annotations

from typing import Annotated

import typer

from argmap.errors import ToolMissingError


def lsp(
    stdio: Annotated[
        bool,
        typer.Option(
            "--stdio", help="Talk over standard input and output: what editors pass, and the only way."
        ),
    ] = False,
) -> None:
    """Run a language server for editors.

    Over standard input and output: validate's diagnostics as you type, go to definition, references, hover,
    rename, completion, an outline, quick fixes and folding. An editor
    starts it; it prints nothing for a person."""
    try:
        from argmap.lsp.features import serve
    except ImportError as exc:  # pygls is a dependency; a broken install says what is missing
        raise ToolMissingError(f"the language server needs pygls and lsprotocol ({exc})") from None
    serve()
