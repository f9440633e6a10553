"""Argdown text -> a syntax tree, as Argdown 2.0 itself reads it.

The tokens, their order of precedence and the grammar are those of
@argdown/core 2.0 (`lexer.ts`, `parser.ts`): a lexer that tries the token
types in a fixed order at every position and takes the first that matches,
with indentation turned into Indent/Dedent tokens by the relation and list
tokens, and an LL parser over those tokens. Argdown's quirks are kept on
purpose (an apostrophe counts as indentation; a relation sign at the start
of any line starts a relation), because the map argmap builds must be the
one Argdown builds.

JavaScript regular expressions differ from Python's in `.`, `\\s` and `$`;
the patterns below spell those out.

Argdown recovers from syntax errors and builds a map anyway; argmap stops at
the first one with its line and column, except for the one error the
Argdown documentation itself makes (front matter not followed by an empty
line), which is a warning.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from argmap.errors import InputError
from argmap.model import SourceSpan

# JavaScript's `.` (no `s` flag) and `\s`, for patterns that use them.
_JS_DOT = r"[^\n\r\u2028\u2029]"
_JS_SPACE_CHARS = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_JS_SPACE = f"[{_JS_SPACE_CHARS}]"
_JS_NOT_SPACE = f"[^{_JS_SPACE_CHARS}]"
# `[' '\t]` in Argdown's patterns: the apostrophe is in the class too.
_INDENT = r"[' \t]*"
CONTROL_CHARS = "\\@#*_[],.:</>(){};-"


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


# What a token is called in an error message.
_LABELS = {
    Kind.EMPTYLINE: "an empty line",
    Kind.NEWLINE: "a line break",
    Kind.INDENT: "an indented relation",
    Kind.DEDENT: "the end of the indented block",
    Kind.INFERENCE_END: "'--' closing the inference",
    Kind.EOF: "the end of the text",
}


@dataclass(eq=False)
class Token:
    kind: str
    image: str
    offset: int
    # Filled in by the model builder (Argdown keeps these on tokens too).
    title: str | None = None

    def __repr__(self) -> str:
        return f"Token({self.kind}, {self.image!r}, {self.offset})"


@dataclass(eq=False)
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


# -- the lexer ---------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"===+[\s\S]*?===+")
_DATA = re.compile(rf"\{{(?:(?!\}}{_JS_SPACE}[^,}}])[^\r\u2028\u2029])*\}}(?!{_JS_SPACE}*[,}}])")
_ESCAPED_CHAR = re.compile(rf"\\{_JS_DOT} *")
_SPECIAL_CHAR = re.compile(rf"(?:\.{_JS_NOT_SPACE}+?\.[ \t]?)|(?::{_JS_NOT_SPACE}+?:[ \t]?)")
_EMPTYLINE = re.compile(r"(?:[ \t]*(?:\r\n|\n)){2,}")
_NEWLINE = re.compile(r"[ \t]*(?:\r\n|\n|\r)")
_INFERENCE_START = re.compile(_INDENT + r"-{2}")
_INFERENCE_END = re.compile(r"-{2,}")
_LIST_DELIMITER = re.compile(",")
_RELATIONS = (
    (Kind.INCOMING_SUPPORT, re.compile(rf"({_INDENT})(\+>)")),
    (Kind.INCOMING_ATTACK, re.compile(rf"({_INDENT})(->)")),
    (Kind.OUTGOING_SUPPORT, re.compile(rf"({_INDENT})(<?\+)")),
    (Kind.OUTGOING_ATTACK, re.compile(rf"({_INDENT})(<?-)")),
    (Kind.CONTRADICTION, re.compile(rf"({_INDENT})(><)")),
    (Kind.INCOMING_UNDERCUT, re.compile(rf"({_INDENT})(_>)")),
    (Kind.OUTGOING_UNDERCUT, re.compile(rf"({_INDENT})(<_|(?:_(?={_JS_SPACE})))")),
)
_HEADING_START = re.compile(r"(#+)(?: )")
_STATEMENT_NUMBER = re.compile(_INDENT + r"\([0-9]+\)")
_ORDERED_LIST_ITEM = re.compile(rf"({_INDENT})[0-9]+\.(?={_JS_SPACE})")
_UNORDERED_LIST_ITEM = re.compile(rf"({_INDENT})\*(?={_JS_SPACE})")
_RANGE_END_TAIL = r"(?:[ \t]|(?=\n|\r|\)|\}|_|\.|,|!|\?|;|:|-|\*|\Z))"
_RANGES = (
    # (end kind, start kind, range name, end pattern, start pattern)
    ("AsteriskBold", Kind.ASTERISK_BOLD_END, Kind.ASTERISK_BOLD_START, r"\*\*", r"\*\*"),
    ("UnderscoreBold", Kind.UNDERSCORE_BOLD_END, Kind.UNDERSCORE_BOLD_START, r"__", r"__"),
    ("AsteriskItalic", Kind.ASTERISK_ITALIC_END, Kind.ASTERISK_ITALIC_START, r"\*", r"\*"),
    ("UnderscoreItalic", Kind.UNDERSCORE_ITALIC_END, Kind.UNDERSCORE_ITALIC_START, r"_", r"_"),
)
_RANGE_ENDS = {name: re.compile(end + _RANGE_END_TAIL) for name, _, _, end, _ in _RANGES}
_RANGE_STARTS = {name: re.compile(start + rf"(?!{_JS_SPACE})") for name, _, _, _, start in _RANGES}
_LINK = re.compile(r"\[[^\]]+?\]\([^)]+?\)[ \t]?")
TAG_CHARS = "a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
_TAG = re.compile(rf"#(?:\([^)]+\)|[{TAG_CHARS}]+)[ \t]?")
_STATEMENT_DEFINITION = re.compile(rf"\[{_JS_DOT}+?\]:")
_STATEMENT_REFERENCE = re.compile(rf"\[[^-]{_JS_DOT}*?\]")
_STATEMENT_MENTION = re.compile(rf"@\[{_JS_DOT}+?\][ \t]?")
_ARGUMENT_DEFINITION = re.compile(rf"<{_JS_DOT}+?>:")
_ARGUMENT_REFERENCE = re.compile(rf"<[^-]{_JS_DOT}*?>")
_ARGUMENT_MENTION = re.compile(rf"@<{_JS_DOT}+?>[ \t]?")
_SPACES = re.compile(r"[ \t]+")
_FREESTYLE = re.compile(r"[^\\@#*_\[\],.:</>(){}\r\n;-]+")
_UNUSED_CONTROL_CHAR = re.compile(r"[@#*_\[\],.:</>(){};-][ \t]?")
# JavaScript's `(.|\n|\r)` in Argdown's comment patterns misses only \u2028
# and \u2029; `//` comments need a line break after them.
_NOT_LS = "[^\u2028\u2029]"
_COMMENT_BODY = rf"(?:<!--{_NOT_LS}*?-->)|(?:/\*{_NOT_LS}*?\*/)|(?://{_JS_DOT}*?(?=\r\n|\n|\r))"
_COMMENT = re.compile(_COMMENT_BODY)
_COMMENT_AFTER_EMPTYLINE = re.compile(rf"(?:{_COMMENT_BODY})(?:[ \t]*\r\n|\n|\r)*")
_COMMENT_AFTER_NEWLINE = re.compile(rf"(?:{_COMMENT_BODY})(?:[ \t]*(?:\r\n|\n|\r)(?![ \t]*(?:\r\n|\n|\r)))?")

_SKIPPED = frozenset({Kind.COMMENT, Kind.SPACES})
_AFTER_LINE_START = frozenset({Kind.EMPTYLINE, Kind.NEWLINE})


class _Lexer:
    """Argdown's lexer: the first token type that matches wins; the custom
    matchers look at the tokens matched so far, as Argdown's do."""

    def __init__(self, text: str, positions: Positions) -> None:
        self.text = text
        self.positions = positions
        self.tokens: list[Token] = []
        self.indent_stack = [0]
        self.ranges: list[str] = []
        self.inference_mode = False

    # -- helpers mirroring Argdown's -------------------------------------------

    def _last_kind(self) -> str | None:
        return self.tokens[-1].kind if self.tokens else None

    def _at_line_start(self, with_emptyline: bool = True) -> bool:
        last = self._last_kind()
        return last is None or last == Kind.NEWLINE or (with_emptyline and last == Kind.EMPTYLINE)

    def _end_offset(self) -> int:
        if not self.tokens:
            return 0
        last = self.tokens[-1]
        return last.offset + max(len(last.image), 1) - 1

    def _dedent_all(self) -> None:
        offset = self._end_offset()
        while len(self.indent_stack) > 1:
            self.tokens.append(Token(Kind.DEDENT, "", offset))
            self.indent_stack.pop()

    def _indent_or_dedent(self, indent: str, offset: int) -> None:
        level = len(indent)
        last_level = self.indent_stack[-1]
        if level > last_level:
            self.indent_stack.append(level)
            self.tokens.append(Token(Kind.INDENT, "", offset))
        elif level < last_level:
            while len(self.indent_stack) > 1 and level < last_level:
                self.indent_stack.pop()
                last_level = self.indent_stack[-1]
                self.tokens.append(Token(Kind.DEDENT, "", offset))

    # -- matchers: each returns (kind, image) or None ------------------------------

    def _comment(self, pos: int) -> str | None:
        last = self._last_kind()
        if last == Kind.EMPTYLINE:
            pattern = _COMMENT_AFTER_EMPTYLINE
        elif last == Kind.NEWLINE:
            pattern = _COMMENT_AFTER_NEWLINE
        else:
            pattern = _COMMENT
        match = pattern.match(self.text, pos)
        return match.group() if match else None

    def _emptyline(self, pos: int) -> str | None:
        if self._last_kind() == Kind.EMPTYLINE:
            return None
        match = _EMPTYLINE.match(self.text, pos)
        if match is None:
            return None
        if match.end() < len(self.text):
            self._dedent_all()
        return match.group()

    def _inference_start(self, pos: int) -> str | None:
        if not self._at_line_start(with_emptyline=False):
            return None
        match = _INFERENCE_START.match(self.text, pos)
        if match is None:
            return None
        self._dedent_all()
        return match.group()

    def _relation(self, pattern: re.Pattern[str], pos: int) -> str | None:
        if not self._at_line_start():
            return None
        match = pattern.match(self.text, pos)
        if match is None:
            return None
        self._indent_or_dedent(match.group(1), pos)
        return match.group()

    def _heading(self, pos: int) -> str | None:
        if not self._at_line_start():
            return None
        match = _HEADING_START.match(self.text, pos)
        return match.group() if match else None

    def _statement_number(self, pos: int) -> str | None:
        if not self._at_line_start():
            return None
        match = _STATEMENT_NUMBER.match(self.text, pos)
        if match is None:
            return None
        self._dedent_all()
        return match.group()

    def _list_item(self, pattern: re.Pattern[str], pos: int) -> str | None:
        if not self._at_line_start():
            return None
        match = pattern.match(self.text, pos)
        if match is None:
            return None
        self._indent_or_dedent(match.group(1) + " ", pos)
        return match.group()

    def _range_end(self, name: str, pos: int) -> str | None:
        if not self.ranges or self.ranges[-1] != name:
            return None
        # Argdown also means to refuse an end right after skipped spaces, but
        # chevrotain keeps no skipped tokens for it to look at: only "no
        # token yet" counts.
        if not self.tokens:
            return None
        match = _RANGE_ENDS[name].match(self.text, pos)
        if match is None:
            return None
        self.ranges.pop()
        return match.group()

    def _range_start(self, name: str, pos: int) -> str | None:
        match = _RANGE_STARTS[name].match(self.text, pos)
        if match is None:
            return None
        self.ranges.append(name)
        return match.group()

    def _data(self, pos: int) -> str | None:
        # No '}' ahead: no data block (and no scan to the end of the text).
        if self.text.find("}", pos) < 0:
            return None
        return self._regex(_DATA, pos)

    def _regex(self, pattern: re.Pattern[str], pos: int) -> str | None:
        match = pattern.match(self.text, pos)
        return match.group() if match else None

    # -- the modes -----------------------------------------------------------------

    def _default_mode(self) -> list[tuple[str, Callable[[int], str | None]]]:
        def regex(pattern: re.Pattern[str]) -> Callable[[int], str | None]:
            return lambda pos: self._regex(pattern, pos)

        def relation(pattern: re.Pattern[str]) -> Callable[[int], str | None]:
            return lambda pos: self._relation(pattern, pos)

        def range_end(name: str) -> Callable[[int], str | None]:
            return lambda pos: self._range_end(name, pos)

        def range_start(name: str) -> Callable[[int], str | None]:
            return lambda pos: self._range_start(name, pos)

        matchers: list[tuple[str, Callable[[int], str | None]]] = [
            (Kind.COMMENT, self._comment),
            (Kind.FRONT_MATTER, regex(_FRONT_MATTER)),
            (Kind.DATA, self._data),
            (Kind.ESCAPED_CHAR, regex(_ESCAPED_CHAR)),
            (Kind.SPECIAL_CHAR, regex(_SPECIAL_CHAR)),
            (Kind.EMPTYLINE, self._emptyline),
            (Kind.NEWLINE, regex(_NEWLINE)),
            (Kind.INFERENCE_START, self._inference_start),
        ]
        matchers += [(kind, relation(pattern)) for kind, pattern in _RELATIONS]
        matchers += [
            (Kind.HEADING_START, self._heading),
            (Kind.STATEMENT_NUMBER, self._statement_number),
            (Kind.ORDERED_LIST_ITEM, lambda pos: self._list_item(_ORDERED_LIST_ITEM, pos)),
            (Kind.UNORDERED_LIST_ITEM, lambda pos: self._list_item(_UNORDERED_LIST_ITEM, pos)),
        ]
        matchers += [(end, range_end(name)) for name, end, _, _, _ in _RANGES]
        matchers += [(start, range_start(name)) for name, _, start, _, _ in _RANGES]
        matchers += [
            (Kind.LINK, regex(_LINK)),
            (Kind.TAG, regex(_TAG)),
            (Kind.STATEMENT_DEFINITION, regex(_STATEMENT_DEFINITION)),
            (Kind.STATEMENT_REFERENCE, regex(_STATEMENT_REFERENCE)),
            (Kind.STATEMENT_MENTION, regex(_STATEMENT_MENTION)),
            (Kind.ARGUMENT_DEFINITION, regex(_ARGUMENT_DEFINITION)),
            (Kind.ARGUMENT_REFERENCE, regex(_ARGUMENT_REFERENCE)),
            (Kind.ARGUMENT_MENTION, regex(_ARGUMENT_MENTION)),
            (Kind.SPACES, regex(_SPACES)),
            (Kind.FREESTYLE, regex(_FREESTYLE)),
            (Kind.UNUSED_CONTROL_CHAR, regex(_UNUSED_CONTROL_CHAR)),
        ]
        return matchers

    def _inference_mode(self) -> list[tuple[str, Callable[[int], str | None]]]:
        def regex(pattern: re.Pattern[str]) -> Callable[[int], str | None]:
            return lambda pos: self._regex(pattern, pos)

        return [
            (Kind.COMMENT, self._comment),
            (Kind.NEWLINE, regex(_NEWLINE)),
            (Kind.ESCAPED_CHAR, regex(_ESCAPED_CHAR)),
            (Kind.SPECIAL_CHAR, regex(_SPECIAL_CHAR)),
            (Kind.INFERENCE_END, regex(_INFERENCE_END)),
            (Kind.DATA, self._data),
            (Kind.LIST_DELIMITER, regex(_LIST_DELIMITER)),
            (Kind.SPACES, regex(_SPACES)),
            (Kind.FREESTYLE, regex(_FREESTYLE)),
            (Kind.UNUSED_CONTROL_CHAR, regex(_UNUSED_CONTROL_CHAR)),
        ]

    def run(self) -> list[Token]:
        default = _by_first_char(self._default_mode())
        inference = _by_first_char(self._inference_mode())
        text, pos, end = self.text, 0, len(self.text)
        while pos < end:
            table = inference if self.inference_mode else default
            for candidate, matcher in table(text[pos]):
                image = matcher(pos)
                if image:
                    kind = candidate
                    break
            else:
                raise InputError(_lexer_error(text, pos), self.positions.span(pos))
            if kind not in _SKIPPED:
                self.tokens.append(Token(kind, image, pos))
                if kind == Kind.INFERENCE_START:
                    self.inference_mode = True
                elif kind == Kind.INFERENCE_END:
                    self.inference_mode = False
            pos += len(image)
        if self.tokens and self.tokens[-1].kind == Kind.EMPTYLINE:
            self.tokens.pop()
        self._dedent_all()
        return self.tokens


# Which token types can start with a character (the rest never match there).
_FIRST_CHARS: dict[str, str | None] = {
    Kind.COMMENT: "</",
    Kind.FRONT_MATTER: "=",
    Kind.DATA: "{",
    Kind.ESCAPED_CHAR: "\\",
    Kind.SPECIAL_CHAR: ".:",
    Kind.EMPTYLINE: " \t\r\n",
    Kind.NEWLINE: " \t\r\n",
    Kind.INFERENCE_START: "' \t-",
    Kind.INFERENCE_END: "-",
    Kind.LIST_DELIMITER: ",",
    Kind.INCOMING_SUPPORT: "' \t+",
    Kind.INCOMING_ATTACK: "' \t-",
    Kind.OUTGOING_SUPPORT: "' \t<+",
    Kind.OUTGOING_ATTACK: "' \t<-",
    Kind.CONTRADICTION: "' \t>",
    Kind.INCOMING_UNDERCUT: "' \t_",
    Kind.OUTGOING_UNDERCUT: "' \t<_",
    Kind.HEADING_START: "#",
    Kind.STATEMENT_NUMBER: "' \t(",
    Kind.ORDERED_LIST_ITEM: "' \t0123456789",
    Kind.UNORDERED_LIST_ITEM: "' \t*",
    Kind.ASTERISK_BOLD_END: "*",
    Kind.UNDERSCORE_BOLD_END: "_",
    Kind.ASTERISK_ITALIC_END: "*",
    Kind.UNDERSCORE_ITALIC_END: "_",
    Kind.ASTERISK_BOLD_START: "*",
    Kind.UNDERSCORE_BOLD_START: "_",
    Kind.ASTERISK_ITALIC_START: "*",
    Kind.UNDERSCORE_ITALIC_START: "_",
    Kind.LINK: "[",
    Kind.TAG: "#",
    Kind.STATEMENT_DEFINITION: "[",
    Kind.STATEMENT_REFERENCE: "[",
    Kind.STATEMENT_MENTION: "@",
    Kind.ARGUMENT_DEFINITION: "<",
    Kind.ARGUMENT_REFERENCE: "<",
    Kind.ARGUMENT_MENTION: "@",
    Kind.SPACES: " \t",
    Kind.FREESTYLE: None,  # anything but a control character or a line break
    Kind.UNUSED_CONTROL_CHAR: "@#*_[],.:</>(){};-",
}


def _by_first_char(
    matchers: list[tuple[str, Callable[[int], str | None]]],
) -> Callable[[str], list[tuple[str, Callable[[int], str | None]]]]:
    """The matchers worth trying before a character, in their order."""
    cache: dict[str, list[tuple[str, Callable[[int], str | None]]]] = {}

    def candidates(char: str) -> list[tuple[str, Callable[[int], str | None]]]:
        found = cache.get(char)
        if found is None:
            found = []
            for kind, matcher in matchers:
                first = _FIRST_CHARS[kind]
                if first is None:
                    if char not in CONTROL_CHARS and char not in "\r\n":
                        found.append((kind, matcher))
                elif char in first:
                    found.append((kind, matcher))
            cache[char] = found
        return found

    return candidates


def _lexer_error(text: str, pos: int) -> str:
    if text[pos] == "\\":
        return "a backslash at the end of a line escapes nothing (write '\\\\' for a backslash)"
    return f"unreadable character {text[pos]!r}"


def tokenize(text: str, positions: Positions) -> list[Token]:
    return _Lexer(text, positions).run()


# -- the parser --------------------------------------------------------------------


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


RELATION_RULES = {
    Kind.INCOMING_SUPPORT: "incomingSupport",
    Kind.INCOMING_ATTACK: "incomingAttack",
    Kind.OUTGOING_SUPPORT: "outgoingSupport",
    Kind.OUTGOING_ATTACK: "outgoingAttack",
    Kind.CONTRADICTION: "contradiction",
    Kind.INCOMING_UNDERCUT: "incomingUndercut",
    Kind.OUTGOING_UNDERCUT: "outgoingUndercut",
}
_FREESTYLE_KINDS = frozenset({Kind.FREESTYLE, Kind.UNUSED_CONTROL_CHAR, Kind.ESCAPED_CHAR, Kind.SPECIAL_CHAR})
_BOLD_STARTS = {
    Kind.UNDERSCORE_BOLD_START: Kind.UNDERSCORE_BOLD_END,
    Kind.ASTERISK_BOLD_START: Kind.ASTERISK_BOLD_END,
}
_ITALIC_STARTS = {
    Kind.UNDERSCORE_ITALIC_START: Kind.UNDERSCORE_ITALIC_END,
    Kind.ASTERISK_ITALIC_START: Kind.ASTERISK_ITALIC_END,
}
_CONTENT_FIRST = (
    _FREESTYLE_KINDS
    | set(_BOLD_STARTS)
    | set(_ITALIC_STARTS)
    | {Kind.LINK, Kind.TAG, Kind.ARGUMENT_MENTION, Kind.STATEMENT_MENTION, Kind.NEWLINE}
)
_STATEMENT_FIRST = _CONTENT_FIRST | {Kind.STATEMENT_REFERENCE, Kind.STATEMENT_DEFINITION}
_ARGUMENT_FIRST = frozenset({Kind.ARGUMENT_DEFINITION, Kind.ARGUMENT_REFERENCE})


class ArgdownSyntaxError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass
class Parsed:
    tree: Rule
    # Errors Argdown recovers from (and builds its map anyway): message, offset.
    recovered: list[tuple[str, int]]


class _Parser:
    """Argdown's grammar as recursive descent; the children of each node are
    the ones Argdown's parser keeps, in its order (the model builder looks
    at siblings by index)."""

    def __init__(self, tokens: list[Token], text_length: int) -> None:
        self.tokens = [*tokens, Token(Kind.EOF, "", text_length)]
        self.pos = 0
        self.recovered: list[tuple[str, int]] = []

    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.pos + ahead, len(self.tokens) - 1)]

    def kind(self, ahead: int = 0) -> str:
        return self.peek(ahead).kind

    def consume(self, kind: str, what: str | None = None) -> Token:
        token = self.peek()
        if token.kind != kind:
            raise self.error(what or _LABELS.get(kind, kind))
        self.pos += 1
        return token

    def _found(self) -> str:
        token = self.peek()
        return (
            _LABELS.get(token.kind, token.kind) if not token.image.strip() else repr(token.image.strip()[:40])
        )

    def error(self, expected: str) -> ArgdownSyntaxError:
        token = self.peek()
        hint = ""
        if token.kind in RELATION_RULES:
            hint = " (a relation goes on its own line, indented under its statement like its siblings)"
        return ArgdownSyntaxError(f"expected {expected} but found {self._found()}{hint}", token.offset)

    # -- rules ---------------------------------------------------------------------

    def argdown(self) -> Rule:
        children: list[Rule | Token] = []
        if self.kind() == Kind.NEWLINE:
            self.pos += 1
        if self.kind() == Kind.EMPTYLINE:
            self.pos += 1
        if self.kind() == Kind.EOF:
            raise ArgdownSyntaxError("no statements or arguments in the text", self.peek().offset)
        if self.kind() == Kind.FRONT_MATTER:
            children.append(self.consume(Kind.FRONT_MATTER))
            if self.kind() == Kind.NEWLINE:
                self.pos += 1
            if self.kind() == Kind.EMPTYLINE:
                children.append(self.consume(Kind.EMPTYLINE))
            elif self.kind() == Kind.EOF:
                raise ArgdownSyntaxError(
                    "no statements or arguments after the front matter", self.peek().offset
                )
            elif self._block_start():
                # Argdown reports this and reads on as if the line were there.
                token = self.peek()
                self.recovered.append(("the front matter must be followed by an empty line", token.offset))
                children.append(Token(Kind.EMPTYLINE, "", token.offset))
            else:
                raise self.error("an empty line after the front matter")
        children.append(self.block())
        while self.kind() == Kind.EMPTYLINE:
            self.pos += 1
            children.append(self.block())
        if self.kind() != Kind.EOF:
            raise self.error("an empty line between blocks")
        return Rule(RuleName.ARGDOWN, children)

    def _block_start(self) -> bool:
        kind = self.kind()
        if kind == Kind.INDENT:
            return self.kind(1) in (Kind.ORDERED_LIST_ITEM, Kind.UNORDERED_LIST_ITEM)
        return (
            kind in _STATEMENT_FIRST
            or kind in _ARGUMENT_FIRST
            or kind in (Kind.HEADING_START, Kind.STATEMENT_NUMBER)
        )

    def block(self) -> Rule:
        kind = self.kind()
        if kind == Kind.HEADING_START:
            return self.heading()
        if kind in _STATEMENT_FIRST:
            return self.statement()
        if kind == Kind.STATEMENT_NUMBER:
            return self.pcs()
        if kind in _ARGUMENT_FIRST:
            return self.argument()
        if kind == Kind.INDENT and self.kind(1) == Kind.ORDERED_LIST_ITEM:
            return self.list_(RuleName.ORDERED_LIST, Kind.ORDERED_LIST_ITEM, RuleName.ORDERED_LIST_ITEM)
        if kind == Kind.INDENT and self.kind(1) == Kind.UNORDERED_LIST_ITEM:
            return self.list_(RuleName.UNORDERED_LIST, Kind.UNORDERED_LIST_ITEM, RuleName.UNORDERED_LIST_ITEM)
        if kind == Kind.INDENT:
            self.pos += 1
            raise self.error(
                "a statement, an argument or a list item (a relation needs a statement above it)"
            )
        raise self.error("a statement, an argument, a heading or a list")

    def heading(self) -> Rule:
        children: list[Rule | Token] = [self.consume(Kind.HEADING_START)]
        if self.kind() not in _CONTENT_FIRST:
            raise self.error("the heading's text")
        while self.kind() in _CONTENT_FIRST:
            children.append(self.statement_content())
        if self.kind() == Kind.DATA or (self.kind() == Kind.NEWLINE and self.kind(1) == Kind.DATA):
            if self.kind() == Kind.NEWLINE:
                children.append(self.consume(Kind.NEWLINE))
            children.append(self.consume(Kind.DATA))
            if self.kind() == Kind.NEWLINE:
                children.append(self.consume(Kind.NEWLINE))
        return Rule(RuleName.HEADING, children)

    def pcs(self) -> Rule:
        children: list[Rule | Token] = [self.pcs_statement()]
        if self.kind() not in (Kind.STATEMENT_NUMBER, Kind.INFERENCE_START):
            raise self.error("a further numbered statement or an inference line '--'")
        while self.kind() in (Kind.STATEMENT_NUMBER, Kind.INFERENCE_START):
            children.append(self.pcs_tail())
        return Rule(RuleName.PCS, children)

    def pcs_tail(self) -> Rule:
        children: list[Rule | Token] = []
        while self.kind() == Kind.STATEMENT_NUMBER:
            children.append(self.pcs_statement())
        if self.kind() != Kind.INFERENCE_START:
            raise self.error("an inference line '--' before the conclusion")
        children.append(self.inference())
        if self.kind() != Kind.STATEMENT_NUMBER:
            raise self.error("a numbered conclusion after the inference line")
        children.append(self.pcs_statement())
        return Rule(RuleName.PCS_TAIL, children)

    def pcs_statement(self) -> Rule:
        number = self.consume(Kind.STATEMENT_NUMBER)
        if self.kind() not in _STATEMENT_FIRST:
            raise self.error("the statement after its number")
        return Rule(RuleName.PCS_STATEMENT, [number, self.statement()])

    def inference(self) -> Rule:
        children: list[Rule | Token] = [self.consume(Kind.INFERENCE_START)]
        if self.kind() in _FREESTYLE_KINDS or (
            self.kind() == Kind.NEWLINE and self.kind(1) in _FREESTYLE_KINDS
        ):
            if self.kind() == Kind.NEWLINE:
                children.append(self.consume(Kind.NEWLINE))
            children.append(self.inference_rules())
        if self.kind() == Kind.NEWLINE:
            children.append(self.consume(Kind.NEWLINE))
        if self.kind() == Kind.DATA:
            children.append(self.consume(Kind.DATA))
            if self.kind() == Kind.NEWLINE:
                children.append(self.consume(Kind.NEWLINE))
        children.append(self.consume(Kind.INFERENCE_END))
        children.append(self.consume(Kind.NEWLINE, "a line break after the inference line"))
        if self.kind() == Kind.INDENT:
            children.append(self.relations(inference=True))
        return Rule(RuleName.INFERENCE, children)

    def inference_rules(self) -> Rule:
        children: list[Rule | Token] = [self.freestyle_text()]
        while self.kind() == Kind.LIST_DELIMITER:
            self.pos += 1
            if self.kind() not in _FREESTYLE_KINDS:
                raise self.error("an inference rule after ','")
            children.append(self.freestyle_text())
        return Rule(RuleName.INFERENCE_RULES, children)

    def list_(self, name: str, item_kind: str, item_name: str) -> Rule:
        children: list[Rule | Token] = [self.consume(Kind.INDENT)]
        while self.kind() == item_kind:
            item = self.consume(item_kind)
            children.append(Rule(item_name, [item, self.statement_or_argument()]))
        self.consume(Kind.DEDENT)
        return Rule(name, children)

    def statement_or_argument(self) -> Rule:
        if self.kind() in _ARGUMENT_FIRST:
            return self.argument()
        if self.kind() in _STATEMENT_FIRST:
            return self.statement()
        raise self.error("a statement or an argument")

    def _reference_tail(self, children: list[Rule | Token]) -> None:
        while self.kind() == Kind.TAG:
            children.append(self.consume(Kind.TAG))
        if self.kind() == Kind.NEWLINE:
            children.append(self.consume(Kind.NEWLINE))

    def _data_and_relations(self, children: list[Rule | Token]) -> None:
        if self.kind() == Kind.DATA:
            children.append(self.consume(Kind.DATA))
            if self.kind() == Kind.NEWLINE:
                children.append(self.consume(Kind.NEWLINE))
        if self.kind() == Kind.INDENT:
            children.append(self.relations())

    def argument(self) -> Rule:
        children: list[Rule | Token] = []
        if self.kind() == Kind.ARGUMENT_DEFINITION:
            children.append(self.consume(Kind.ARGUMENT_DEFINITION))
            if self.kind() not in _CONTENT_FIRST:
                raise self.error("the argument's text after its title")
            children.append(self.statement_content())
        else:
            children.append(self.consume(Kind.ARGUMENT_REFERENCE, "an argument"))
            self._reference_tail(children)
        self._data_and_relations(children)
        return Rule(RuleName.ARGUMENT, children)

    def statement(self) -> Rule:
        children: list[Rule | Token] = []
        kind = self.kind()
        if kind in _CONTENT_FIRST:
            children.append(self.statement_content())
        elif kind == Kind.STATEMENT_REFERENCE:
            children.append(self.consume(Kind.STATEMENT_REFERENCE))
            self._reference_tail(children)
        elif kind == Kind.STATEMENT_DEFINITION:
            definition = self.consume(Kind.STATEMENT_DEFINITION)
            if self.kind() not in _CONTENT_FIRST:
                raise self.error("the statement's text after its title")
            children.append(Rule(RuleName.STATEMENT_DEFINITION, [definition, self.statement_content()]))
        else:
            raise self.error("a statement")
        self._data_and_relations(children)
        return Rule(RuleName.STATEMENT, children)

    def relations(self, inference: bool = False) -> Rule:
        children: list[Rule | Token] = [self.consume(Kind.INDENT)]
        allowed = (Kind.OUTGOING_UNDERCUT,) if inference else tuple(RELATION_RULES)
        if self.kind() not in allowed:
            raise self.error("an undercut '<_' under an inference" if inference else "a relation")
        while self.kind() in allowed:
            sign = self.peek()
            self.pos += 1
            if sign.kind == Kind.CONTRADICTION:
                if self.kind() not in _STATEMENT_FIRST:
                    raise self.error("a statement after '><' (only statements contradict)")
                member = self.statement()
            else:
                member = self.statement_or_argument()
            children.append(Rule(RELATION_RULES[sign.kind], [sign, member]))
        if self.kind() != Kind.DEDENT:
            raise self.error(
                _LABELS[Kind.DEDENT] if inference else "a relation, or the end of the indented block"
            )
        self.pos += 1
        return Rule(RuleName.RELATIONS, children)

    def statement_content(self) -> Rule:
        children: list[Rule | Token] = []
        while True:
            kind = self.kind()
            if kind in _FREESTYLE_KINDS:
                children.append(self.freestyle_text())
            elif kind in _BOLD_STARTS:
                children.append(self.emphasis(RuleName.BOLD, _BOLD_STARTS[kind]))
            elif kind in _ITALIC_STARTS:
                children.append(self.emphasis(RuleName.ITALIC, _ITALIC_STARTS[kind]))
            elif kind in (Kind.LINK, Kind.TAG, Kind.ARGUMENT_MENTION, Kind.STATEMENT_MENTION, Kind.NEWLINE):
                children.append(self.consume(kind))
            else:
                break
        return Rule(RuleName.STATEMENT_CONTENT, children)

    def emphasis(self, name: str, end_kind: str) -> Rule:
        start = self.peek()
        self.pos += 1
        children: list[Rule | Token] = [start]
        if self.kind() in _CONTENT_FIRST:
            children.append(self.statement_content())
        if self.kind() != end_kind:
            mark = start.image.strip()
            what = "bold" if name == RuleName.BOLD else "italic"
            escaped = "".join("\\" + c for c in mark)
            raise ArgdownSyntaxError(
                f"'{mark}' starts {what} text that is not closed before {self._found()} "
                f"(write {escaped} for a literal {mark})",
                start.offset,
            )
        children.append(self.consume(end_kind))
        return Rule(name, children)

    def freestyle_text(self) -> Rule:
        children: list[Rule | Token] = []
        while self.kind() in _FREESTYLE_KINDS:
            children.append(self.consume(self.kind()))
        return Rule(RuleName.FREESTYLE_TEXT, children)


def parse(text: str, positions: Positions) -> Parsed:
    """The syntax tree of an Argdown text; InputError at the first error."""
    tokens = tokenize(text, positions)
    parser = _Parser(tokens, len(text))
    try:
        tree = parser.argdown()
    except ArgdownSyntaxError as exc:
        raise InputError(exc.message, positions.span(exc.offset)) from None
    except RecursionError:
        raise InputError("relations nested too deeply to read", positions.span(0)) from None
    return Parsed(tree, parser.recovered)
