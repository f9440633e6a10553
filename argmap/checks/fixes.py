"""Fixes an editor can offer for a map's text: the "did you mean" a check
suggested, and quoting a text that YAML would misread.

Each fix is one edit of the text; positions are 0-based, in code points.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from argmap.checks.editing import Edit, LocatedDiagnostic, MapState
from argmap.formats.native.occurrences import TextRange

# The checks' and the reader's suggestions end their messages so
# (`did_you_mean` in formats/native/nodes.py, `_hint` in checks/references.py).
_SUGGESTION = re.compile(r"; did you mean '([^']+)'\?$")
# The words a message quotes: one of them is the word it is about.
_QUOTED = re.compile(r"'([^']+)'")
# A plain (unquoted) text value: `text: ...`, `- text: ...`, `{...}` excluded.
_PLAIN_VALUE = re.compile(
    r"^(\s*(?:-\s+)?(?:text|label|note|quote|title|description):[ \t]+)([^\s\"'|>{\[&*!%@`].*)$"
)


class Fix(NamedTuple):
    title: str
    edit: Edit
    diagnostic: LocatedDiagnostic | None  # the problem it fixes, if one was reported


def fixes(state: MapState, lines: range) -> list[Fix]:
    """The fixes for the problems on these lines, then the texts on them to quote."""
    found = [
        fix
        for diagnostic in state.diagnostics
        if diagnostic.range.line in lines
        for fix in [suggestion_fix(state, diagnostic)]
        if fix is not None
    ]
    found.extend(f for line in lines if (f := quote_fix(state, line)) is not None)
    return found


def suggestion_fix(state: MapState, diagnostic: LocatedDiagnostic) -> Fix | None:
    """Write the id or key a check suggested in place of the one it is about
    (a word the message quotes, written in the diagnostic's range)."""
    suggested = _SUGGESTION.search(diagnostic.message)
    if suggested is None:
        return None
    words = [w for w in _QUOTED.findall(diagnostic.message[: suggested.start()])]
    for word in words:
        where = _word_in(state, diagnostic.range, word)
        if where is not None:
            title = f"Change '{word}' to '{suggested.group(1)}'"
            return Fix(title, Edit(where, suggested.group(1)), diagnostic)
    return None


def _word_in(state: MapState, span: TextRange, word: str) -> TextRange | None:
    """Where `word` is written in the range as a whole value (a relation's
    range is all of `{from: ..., to: ...}`), once; None if not so."""
    if span.line >= len(state.lines):
        return None
    text = state.lines[span.line]
    stop = span.end_column if span.end_line == span.line else len(text)
    pattern = rf"(?<![^\s{{\[,\"']){re.escape(word)}(?![^\s}}\],\"'#])"
    spots = [m.start() + span.column for m in re.finditer(pattern, text[span.column : stop])]
    if len(spots) != 1:
        return None
    return TextRange(span.line, spots[0], span.line, spots[0] + len(word))


def quote_fix(state: MapState, line: int) -> Fix | None:
    """Quote a plain text on this line that holds `: ` or ` #`, which YAML
    reads as a mapping (a syntax error) or a comment (the rest silently
    dropped): `text: Experts agree: it is safe.`"""
    if line >= len(state.lines):
        return None
    match = _PLAIN_VALUE.match(state.lines[line])
    if match is None:
        return None
    value = match.group(2).rstrip()
    if ": " not in value and " #" not in value and not value.endswith(":"):
        return None
    start = len(match.group(1))
    edit = Edit(TextRange(line, start, line, start + len(value)), json.dumps(value, ensure_ascii=False))
    problem = next(
        (d for d in state.diagnostics if d.range.line in (line, line + 1) and d.check_id is None), None
    )
    return Fix("Quote this text (YAML would misread it)", edit, problem)
