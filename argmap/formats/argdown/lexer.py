"""Argdown's lexer (`lexer.ts` of @argdown/core 2.0): the token types tried
in a fixed order at every position, the first that matches wins, with
indentation turned into Indent/Dedent tokens. JavaScript regular
expressions differ from Python's in `.`, `\\s` and `$`; the patterns spell
those out."""

from __future__ import annotations

import re
from collections.abc import Callable

from argmap.errors import InputError
from argmap.formats.argdown.syntax import Kind, Positions, Token

# JavaScript's `.` (no `s` flag) and `\s`, for patterns that use them.
_JS_DOT = r"[^\n\r\u2028\u2029]"
_JS_SPACE_CHARS = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_JS_SPACE = f"[{_JS_SPACE_CHARS}]"
_JS_NOT_SPACE = f"[^{_JS_SPACE_CHARS}]"
# `[' '\t]` in Argdown's patterns: the apostrophe is in the class too.
_INDENT = r"[' \t]*"
CONTROL_CHARS = "\\@#*_[],.:</>(){};-"

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

_LINE_BREAKS = ("\n", "\r", "\u2028", "\u2029")


class _Ahead:
    """Whether a closing delimiter occurs ahead of a position, in constant
    time amortised. The patterns with a lazy `.+?` before their closer scan
    to the end of the line (or text) at every position where they fail: a
    run of 12,000 `[` made the lexer quadratic (13 s). The lexer's position
    only moves forward, so each needle's next occurrence is found once."""

    def __init__(self, text: str, needle: str) -> None:
        self.text = text
        self.needle = needle
        self.found = -1  # the next occurrence at or after the last position asked

    def at_or_after(self, pos: int) -> int:
        """The next occurrence at or after `pos`, or len(text)."""
        if self.found < pos:
            found = self.text.find(self.needle, pos)
            self.found = len(self.text) if found < 0 else found
        return self.found


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
        self._ahead: dict[str, _Ahead] = {}
        self._line_ends = [_Ahead(text, brk) for brk in _LINE_BREAKS]

    def _ahead_of(self, pos: int, needle: str, same_line: bool) -> bool:
        """Whether `needle` occurs at or after `pos` (on the same line)."""
        ahead = self._ahead.get(needle)
        if ahead is None:
            ahead = self._ahead[needle] = _Ahead(self.text, needle)
        found = ahead.at_or_after(pos)
        if found >= len(self.text):
            return False
        return not same_line or found < min(end.at_or_after(pos) for end in self._line_ends)

    def _closed(
        self, pattern: re.Pattern[str], needles: tuple[str, ...], same_line: bool
    ) -> Callable[[int], str | None]:
        """The pattern, tried only where each of its closers is ahead."""

        def match(pos: int) -> str | None:
            if not all(self._ahead_of(pos + 1, needle, same_line) for needle in needles):
                return None
            found = pattern.match(self.text, pos)
            return found.group() if found else None

        return match

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
        for opener, closer in (("<!--", "-->"), ("/*", "*/")):
            if self.text.startswith(opener, pos) and not self._ahead_of(pos + len(opener), closer, False):
                return None
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
        if not self._ahead_of(pos, "}", False):
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
            (Kind.LINK, self._closed(_LINK, ("](", ")"), same_line=False)),
            (Kind.TAG, regex(_TAG)),
            (Kind.STATEMENT_DEFINITION, self._closed(_STATEMENT_DEFINITION, ("]:",), same_line=True)),
            (Kind.STATEMENT_REFERENCE, self._closed(_STATEMENT_REFERENCE, ("]",), same_line=True)),
            (Kind.STATEMENT_MENTION, self._closed(_STATEMENT_MENTION, ("]",), same_line=True)),
            (Kind.ARGUMENT_DEFINITION, self._closed(_ARGUMENT_DEFINITION, (">:",), same_line=True)),
            (Kind.ARGUMENT_REFERENCE, self._closed(_ARGUMENT_REFERENCE, (">",), same_line=True)),
            (Kind.ARGUMENT_MENTION, self._closed(_ARGUMENT_MENTION, (">",), same_line=True)),
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
