"""Argdown text -> a syntax tree, as Argdown 2.0 itself reads it: the
token and rule names and the tree (the lexer is in `lexer`, the parser in
`parser`).

The tokens, their order of precedence and the grammar are those of
@argdown/core 2.0 (`lexer.ts`, `parser.ts`): a lexer that tries the token
types in a fixed order at every position and takes the first that matches,
with indentation turned into Indent/Dedent tokens by the relation and list
tokens, and an LL parser over those tokens. Argdown's quirks are kept on
purpose (an apostrophe counts as indentation; a relation sign at the start
of any line starts a relation), because the map argmap builds must be the
one Argdown builds.

Argdown recovers from syntax errors and builds a map anyway; argmap stops at
the first one with its line and column, except for the one error the
Argdown documentation itself makes (front matter not followed by an empty
line), which is a warning.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from argmap.model import SourceSpan


class Kind:
    """Token type names, as Argdown names them."""

    COMMENT = "Comment"
    FRONT_MATTER = "FrontMatter"
    DATA = "Data"
    ESCAPED_CHAR = "EscapedChar"
    SPECIAL_CHAR = "SpecialChar"
    EMPTYLINE = "Emptyline"
    NEWLINE = "Newline"
    INDENT = "Indent"
    DEDENT = "Dedent"
    INFERENCE_START = "InferenceStart"
    INFERENCE_END = "InferenceEnd"
    LIST_DELIMITER = "ListDelimiter"
    INCOMING_SUPPORT = "IncomingSupport"
    INCOMING_ATTACK = "IncomingAttack"
    OUTGOING_SUPPORT = "OutgoingSupport"
    OUTGOING_ATTACK = "OutgoingAttack"
    CONTRADICTION = "Contradiction"
    INCOMING_UNDERCUT = "IncomingUndercut"
    OUTGOING_UNDERCUT = "OutgoingUndercut"
    HEADING_START = "HeadingStart"
    STATEMENT_NUMBER = "StatementNumber"
    ORDERED_LIST_ITEM = "OrderedListItem"
    UNORDERED_LIST_ITEM = "UnorderedListItem"
    ASTERISK_BOLD_END = "AsteriskBoldEnd"
    UNDERSCORE_BOLD_END = "UnderscoreBoldEnd"
    ASTERISK_ITALIC_END = "AsteriskItalicEnd"
    UNDERSCORE_ITALIC_END = "UnderscoreItalicEnd"
    ASTERISK_BOLD_START = "AsteriskBoldStart"
    UNDERSCORE_BOLD_START = "UnderscoreBoldStart"
    ASTERISK_ITALIC_START = "AsteriskItalicStart"
    UNDERSCORE_ITALIC_START = "UnderscoreItalicStart"
    LINK = "Link"
    TAG = "Tag"
    STATEMENT_DEFINITION = "StatementDefinition"
    STATEMENT_REFERENCE = "StatementReference"
    STATEMENT_MENTION = "StatementMention"
    ARGUMENT_DEFINITION = "ArgumentDefinition"
    ARGUMENT_REFERENCE = "ArgumentReference"
    ARGUMENT_MENTION = "ArgumentMention"
    SPACES = "Spaces"
    FREESTYLE = "Freestyle"
    UNUSED_CONTROL_CHAR = "UnusedControlChar"
    EOF = "EOF"


@dataclass(eq=False, slots=True)
class Token:
    kind: str
    image: str
    offset: int
    # Filled in by the model builder (Argdown keeps these on tokens too).
    title: str | None = None

    def __repr__(self) -> str:
        return f"Token({self.kind}, {self.image!r}, {self.offset})"


@dataclass(eq=False, slots=True)
class Rule:
    """A node of the syntax tree; `attrs` holds what the model builder
    attaches to it (the statement, argument, relation or data it made)."""

    name: str
    children: list[Rule | Token]
    attrs: dict[str, Any] = field(default_factory=dict)

    def first_offset(self) -> int | None:
        for child in self.children:
            offset = child.offset if isinstance(child, Token) else child.first_offset()
            if offset is not None:
                return offset
        return None


class Positions:
    """Offsets -> 1-based lines and columns (\\r\\n, \\n and \\r end a line)."""

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]

    def span(self, offset: int) -> SourceSpan:
        line = bisect.bisect_right(self._starts, offset) - 1
        return SourceSpan(self.file, line + 1, offset - self._starts[line] + 1)


class RuleName:
    ARGDOWN = "argdown"
    HEADING = "heading"
    STATEMENT = "statement"
    STATEMENT_DEFINITION = "statementDefinition"
    STATEMENT_CONTENT = "statementContent"
    FREESTYLE_TEXT = "freestyleText"
    ARGUMENT = "argument"
    PCS = "pcs"
    PCS_TAIL = "pcsTail"
    PCS_STATEMENT = "pcsStatement"
    INFERENCE = "inference"
    INFERENCE_RULES = "inferenceRules"
    ORDERED_LIST = "orderedList"
    UNORDERED_LIST = "unorderedList"
    ORDERED_LIST_ITEM = "orderedListItem"
    UNORDERED_LIST_ITEM = "unorderedListItem"
    RELATIONS = "relations"
    BOLD = "bold"
    ITALIC = "italic"
