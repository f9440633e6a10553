"""Argdown's parser (`parser.ts` of @argdown/core 2.0) as recursive
descent over the lexer's tokens."""

from __future__ import annotations

from dataclasses import dataclass

from argmap.errors import InputError
from argmap.formats.argdown.lexer import tokenize
from argmap.formats.argdown.syntax import Kind, Positions, Rule, RuleName, Token

# What a token is called in an error message.
_LABELS = {
    Kind.EMPTYLINE: "an empty line",
    Kind.NEWLINE: "a line break",
    Kind.INDENT: "an indented relation",
    Kind.DEDENT: "the end of the indented block",
    Kind.INFERENCE_END: "'--' closing the inference",
    Kind.EOF: "the end of the text",
}


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
