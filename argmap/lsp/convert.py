"""argmap's editor answers (argmap.checks.editing, completion, fixes) as
Language Server Protocol records.

The core counts columns in code points; the protocol in the units the
client and server agreed on at start-up (UTF-16 unless the client offered
another): every position passes through `to_client` or `from_client`.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from argmap.checks.completion import Completion, CompletionKind
from argmap.checks.editing import HoverInfo, LocatedDiagnostic
from argmap.checks.fixes import Fix
from argmap.errors import Severity
from argmap.formats.native.occurrences import OutlineClaim, TextRange
from argmap.render.diff_text import md_escape

UTF16 = types.PositionEncodingKind.Utf16.value
UTF8 = types.PositionEncodingKind.Utf8.value


def _units(text: str, encoding: str) -> int:
    """How many of the encoding's code units `text` takes."""
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    if encoding == UTF16:
        return len(text) + sum(ord(c) > 0xFFFF for c in text)
    return len(text)


def to_client(lines: Sequence[str], line: int, column: int, encoding: str) -> types.Position:
    text = lines[line] if 0 <= line < len(lines) else ""
    return types.Position(line=line, character=_units(text[:column], encoding))


def from_client(lines: Sequence[str], position: types.Position, encoding: str) -> tuple[int, int]:
    """(line, column in code points) of a client position; a position past
    a line's end is its end."""
    text = lines[position.line] if 0 <= position.line < len(lines) else ""
    units = 0
    for column, char in enumerate(text):
        if units >= position.character:
            return position.line, column
        units += _units(char, encoding)
    return position.line, len(text)


def to_range(lines: Sequence[str], span: TextRange, encoding: str) -> types.Range:
    return types.Range(
        start=to_client(lines, span.line, span.column, encoding),
        end=to_client(lines, span.end_line, span.end_column, encoding),
    )


_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
}


def diagnostic(lines: Sequence[str], found: LocatedDiagnostic, encoding: str) -> types.Diagnostic:
    """One problem as `validate` reports it: its check id is the code."""
    return types.Diagnostic(
        range=to_range(lines, found.range, encoding),
        message=found.message,
        severity=_SEVERITIES[found.severity],
        code=found.check_id,
        source="argmap",
    )


def hover(lines: Sequence[str], info: HoverInfo, encoding: str) -> types.Hover:
    """Markdown: the id as code, then one row a line, user text escaped."""
    # An id is a slug, shown as code; a use of a name that is none may hold a backtick.
    shown = f"`{info.id}`" if "`" not in info.id else md_escape(info.id)
    rows = [f"**{info.kind.value}** {shown}"]
    rows.extend(f"**{md_escape(label)}:** {md_escape(value)}" for label, value in info.rows)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="  \n".join(rows)),
        range=to_range(lines, info.range, encoding),
    )


# Claims nested deeper than this are listed flat under their ancestor at
# this depth: a tree of hundreds of levels is no outline for a reader, and
# would recurse past Python's limit on its way to JSON.
SYMBOL_DEPTH = 50


def symbol(lines: Sequence[str], claim: OutlineClaim, encoding: str, depth: int = 1) -> types.DocumentSymbol:
    """A claim of the outline, its children under it."""
    if depth < SYMBOL_DEPTH:
        children = [symbol(lines, child, encoding, depth + 1) for child in claim.children]
    else:
        children = [_symbol_alone(lines, c, encoding) for c in _descendants(claim)]
    return _symbol_alone(lines, claim, encoding, children)


def _symbol_alone(
    lines: Sequence[str],
    claim: OutlineClaim,
    encoding: str,
    children: list[types.DocumentSymbol] | None = None,
) -> types.DocumentSymbol:
    text = " ".join(claim.text.split())
    return types.DocumentSymbol(
        name=claim.id,
        detail=f"{claim.role}: {text}" if claim.role else text,
        kind=types.SymbolKind.Object,
        range=to_range(lines, claim.range, encoding),
        selection_range=to_range(lines, claim.selection, encoding),
        children=children or [],
    )


def _descendants(claim: OutlineClaim) -> list[OutlineClaim]:
    """Every claim below this one, in document order."""
    found: list[OutlineClaim] = []
    stack = list(reversed(claim.children))
    while stack:
        child = stack.pop()
        found.append(child)
        stack.extend(reversed(child.children))
    return found


def folding_ranges(outline: Sequence[OutlineClaim]) -> list[types.FoldingRange]:
    """One fold per claim written on more than one line, in document order."""
    found: list[types.FoldingRange] = []
    stack = list(reversed(outline))
    while stack:
        claim = stack.pop()
        if claim.range.end_line > claim.range.line:
            found.append(
                types.FoldingRange(
                    start_line=claim.range.line,
                    end_line=claim.range.end_line,
                    kind=types.FoldingRangeKind.Region,
                )
            )
        stack.extend(reversed(claim.children))
    return found


_COMPLETION_KINDS = {
    CompletionKind.CLAIM: types.CompletionItemKind.Reference,
    CompletionKind.SIDE: types.CompletionItemKind.EnumMember,
    CompletionKind.SOURCE: types.CompletionItemKind.File,
    CompletionKind.KEY: types.CompletionItemKind.Property,
    CompletionKind.VALUE: types.CompletionItemKind.Value,
}


def completion(choice: Completion) -> types.CompletionItem:
    return types.CompletionItem(
        label=choice.label,
        kind=_COMPLETION_KINDS[choice.kind],
        detail=" ".join(choice.detail.split()) or choice.kind.value,
        insert_text=choice.insert,
    )


def code_action(uri: str, lines: Sequence[str], fix: Fix, encoding: str) -> types.CodeAction:
    edit = types.TextEdit(range=to_range(lines, fix.edit.range, encoding), new_text=fix.edit.new_text)
    return types.CodeAction(
        title=fix.title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(lines, fix.diagnostic, encoding)] if fix.diagnostic else None,
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
        is_preferred=fix.diagnostic is not None,
    )
