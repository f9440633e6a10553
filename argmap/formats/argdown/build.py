"""An Argdown syntax tree -> the argument map Argdown builds from it.

Argdown 2.0 builds its map in stages (`@argdown/core`): the ModelPlugin
walks the tree into equivalence classes of statements (one per title),
arguments (with their premise-conclusion structures) and relations; the
selection plugins pick which of them become map nodes; the MapPlugin draws
the edges, and the GroupPlugin boxes nodes by heading. This module follows
those stages and their settings (from the file's front matter) closely,
because argmap's conformance test compares the result with Argdown's own
map node for node and edge for edge. Names follow Argdown's.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from argmap.errors import InputError
from argmap.formats.argdown.syntax import Kind, Positions, Rule, RuleName, Token
from argmap.model import SourceSpan
from argmap.yaml.data import YamlDataError, parse_yaml_data

SUPPORT, ATTACK, UNDERCUT = "support", "attack", "undercut"
ENTAILS, CONTRARY, CONTRADICTORY = "entails", "contrary", "contradictory"
SYMMETRIC = frozenset({CONTRARY, CONTRADICTORY})

PREMISE = "premise"
INTERMEDIARY_CONCLUSION = "intermediary-conclusion"
MAIN_CONCLUSION = "main-conclusion"
ARGUMENT_DESCRIPTION = "argument-description"
TOP_LEVEL_STATEMENT = "top-level-statement"
RELATION_STATEMENT = "relation-statement"

# Argdown's shortcodes: `.->.` or `:->:` in a text becomes an arrow.
_SHORTCODE_CHARS = {
    "A": "∀", "E": "∃", "O": "𝗢", "P": "𝗣", "->": "→", "<->": "↔", "~": "¬", "^": "∧", "v": "∨",
    "v_": "⊻", "<>": "◇", "[]": "◻", "happy": "😀", "smile": "☺", "smiley": "☺", "laugh": "😆",
    "lol": "😆", "rofl": "🤣", "joy": "😂", "heart": "❤", "?": "❓", "question": "❓", "love": "😍",
    "wink": "😉", "shush": "🤫", "meh": "😐", "eye-roll": "🙄", "sad": "😢", "disappointed": "😞",
    "scream": "😱", "+1": "👍", "up": "👍", "-1": "👎", "down": "👎", "think": "🤔", "star": "⭐",
    "y": "✔", "agree": "✔", "n": "❌", "disagree": "❌",
}  # fmt: skip
SHORTCODES = {f"{mark}{name}{mark}": char for name, char in _SHORTCODE_CHARS.items() for mark in ".:"}
SHORTCODES[":smile:"] = "☺\ufe0f"

_DEFAULTS: dict[str, dict[str, Any]] = {
    "model": {"mode": "loose", "removeTagsFromText": False, "transformArgumentRelations": True},
    "selection": {
        "selectElementsWithoutSection": False,
        "selectElementsWithoutTag": False,
        "ignoreIsInMap": False,
        "excludeDisconnected": True,
        "statementSelectionMode": "with-title",
    },
    "map": {"argumentLabelMode": "hide-untitled", "statementLabelMode": "hide-untitled", "addTags": True},
    "group": {"groupDepth": 2},
}


# -- Argdown's model ------------------------------------------------------------------


@dataclass(eq=False)
class Section:
    id: str
    level: int
    title: str
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None
    is_group: bool | None = None
    is_closed: Any = None
    offset: int | None = None


@dataclass(eq=False)
class Statement:
    """A statement as written once (a member of an equivalence class), or
    an argument's description."""

    title: str | None = None
    text: str | None = None
    tags: list[str] | None = None
    data: Any = None
    role: str | None = None
    is_reference: bool = False
    section: Section | None = None
    argument_title: str | None = None
    inference: Inference | None = None
    offset: int | None = None
    pcs: list[Statement] | None = None


@dataclass(eq=False)
class EquivalenceClass:
    title: str
    relations: list[Relation] = field(default_factory=list)
    members: list[Statement] = field(default_factory=list)
    tags: list[str] | None = None
    data: Any = None
    section: Section | None = None
    kind: str = "equivalence-class"


@dataclass(eq=False)
class Argument:
    title: str
    relations: list[Relation] = field(default_factory=list)
    members: list[Statement] = field(default_factory=list)
    pcs: list[Statement] = field(default_factory=list)
    tags: list[str] | None = None
    data: Any = None
    section: Section | None = None
    offset: int | None = None
    kind: str = "argument"


@dataclass(eq=False)
class Inference:
    relations: list[Relation] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    data: Any = None
    argument_title: str | None = None
    offset: int | None = None
    kind: str = "inference"


Member = EquivalenceClass | Argument | Inference


@dataclass(eq=False)
class Relation:
    relation_type: str
    source: Member | None = None
    target: Member | None = None
    offset: int | None = None


@dataclass
class DataBlock:
    """A `{...}` YAML block or the front matter, where it was written."""

    data: Any
    offset: int
    owner: str  # "statement", "argument", "heading", "inference", "front matter"


@dataclass
class Model:
    statements: dict[str, EquivalenceClass]
    arguments: dict[str, Argument]
    relations: list[Relation]
    sections: list[Section]
    settings: dict[str, Any]
    front_matter: Any
    front_matter_offset: int | None
    data_blocks: list[DataBlock]
    max_section_level: int = 0
    link_offsets: list[int] = field(default_factory=list)


def _is_object(value: Any) -> bool:
    return isinstance(value, dict)


def _merge(target: Any, source: Any) -> Any:
    """lodash `merge`: objects deeply, arrays by index, other values replace."""
    if not isinstance(target, dict | list):
        target = {} if isinstance(source, dict) else ([] if isinstance(source, list) else target)
    if isinstance(source, dict) and isinstance(target, dict):
        for key, value in source.items():
            if isinstance(value, dict | list) and isinstance(target.get(key), dict | list):
                target[key] = _merge(target[key], value)
            elif isinstance(value, dict | list):
                target[key] = _merge({} if isinstance(value, dict) else [], value)
            else:
                target[key] = value
        return target
    if isinstance(source, list) and isinstance(target, list):
        for index, value in enumerate(source):
            if index < len(target) and isinstance(value, dict | list):
                target[index] = _merge(target[index], value)
            elif index < len(target):
                target[index] = value
            else:
                target.append(
                    _merge({} if isinstance(value, dict) else [], value)
                    if isinstance(value, dict | list)
                    else value
                )
        return target
    return copy.deepcopy(source) if source is not None else target


def js_key_order(keys: Iterable[str]) -> list[str]:
    """The order of a JavaScript object's keys: array indices ("0", "17")
    first, ascending, then the other keys as they were added."""
    keys = list(keys)
    indices = [
        k for k in keys if k.isascii() and k.isdigit() and (k == "0" or k[0] != "0") and int(k) < 2**32 - 1
    ]
    index_set = set(indices)
    return sorted(indices, key=int) + [k for k in keys if k not in index_set]


def data_get(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


class _Builder:
    """Argdown's DataPlugin and ModelPlugin: one walk over the tree."""

    def __init__(self, positions: Positions) -> None:
        self.positions = positions
        self.settings: dict[str, Any] = copy.deepcopy(_DEFAULTS)
        self.statements: dict[str, EquivalenceClass] = {}
        self.arguments: dict[str, Argument] = {}
        self.relations: list[Relation] = []
        self.sections: list[Section] = []
        self.data_blocks: list[DataBlock] = []
        self.link_offsets: list[int] = []
        self.front_matter: Any = None
        self.front_matter_offset: int | None = None
        self.max_section_level = 0
        self.untitled = 0
        self.section_counter = 0
        self.current_statement: Statement | None = None
        self.current_relation_parent: Statement | Argument | Inference | None = None
        self.current_argument: Argument | None = None
        self.current_pcs: Argument | None = None
        self.current_inference: Inference | None = None
        self.relation_parents: list[Member] = []
        self.current_relation: Relation | None = None
        self.current_heading: _Heading | None = None
        self.current_section: Section | None = None
        rule_listeners: dict[str, Callable[[Rule, Rule | None, int | None], None]] = {
            RuleName.HEADING + "Entry": self.heading_entry,
            RuleName.HEADING + "Exit": self.heading_exit,
            RuleName.STATEMENT + "Entry": self.statement_entry,
            RuleName.STATEMENT + "Exit": self.statement_exit,
            RuleName.ARGUMENT + "Entry": self.argument_entry,
            RuleName.ARGUMENT + "Exit": self.argument_exit,
            RuleName.PCS + "Entry": self.pcs_entry,
            RuleName.PCS + "Exit": self.pcs_exit,
            RuleName.PCS_STATEMENT + "Exit": self.pcs_statement_exit,
            RuleName.INFERENCE + "Entry": self.inference_entry,
            RuleName.INFERENCE + "Exit": self.inference_exit,
            RuleName.INFERENCE_RULES + "Exit": self.inference_rules_exit,
            RuleName.RELATIONS + "Entry": self.relations_entry,
            RuleName.RELATIONS + "Exit": self.relations_exit,
            RuleName.FREESTYLE_TEXT + "Entry": self.freestyle_entry,
            RuleName.BOLD + "Exit": self.emphasis_exit,
            RuleName.ITALIC + "Exit": self.emphasis_exit,
        }
        for name in ("incomingSupport", "incomingAttack", "outgoingSupport", "outgoingAttack",
                     "contradiction", "incomingUndercut", "outgoingUndercut"):  # fmt: skip
            rule_listeners[name + "Entry"] = self.relation_entry
            rule_listeners[name + "Exit"] = self.relation_exit
        self.rule_listeners = rule_listeners
        self.token_listeners: dict[str, Callable[[Token, Rule, int], None]] = {
            Kind.FRONT_MATTER: self.front_matter_token,
            Kind.DATA: self.data_token,
            Kind.STATEMENT_DEFINITION: self.statement_definition,
            Kind.STATEMENT_REFERENCE: self.statement_reference,
            Kind.STATEMENT_MENTION: self.mention,
            Kind.ARGUMENT_MENTION: self.mention,
            Kind.ARGUMENT_REFERENCE: self.argument_reference,
            Kind.ARGUMENT_DEFINITION: self.argument_definition,
            Kind.LINK: self.link,
            Kind.TAG: self.tag,
            Kind.NEWLINE: self.newline,
        }

    def setting(self, group: str, key: str) -> Any:
        block = self.settings.get(group)
        if not isinstance(block, dict):
            self.settings[group] = block = {}
        value = block.get(key)
        return _DEFAULTS.get(group, {}).get(key) if value is None else value

    def unique_title(self) -> str:
        self.untitled += 1
        return f"Untitled {self.untitled}"

    def span(self, offset: int) -> SourceSpan:
        return self.positions.span(offset)

    # -- the walk -----------------------------------------------------------------

    def walk(self, tree: Rule) -> None:
        # Explicit stack: a deeply nested file must not exhaust Python's.
        stack: list[tuple[Rule | Token, Rule | None, int | None, bool]] = [(tree, None, None, False)]
        while stack:
            node, parent, index, leaving = stack.pop()
            if isinstance(node, Token):
                listener = self.token_listeners.get(node.kind)
                if listener is not None and parent is not None and index is not None:
                    listener(node, parent, index)
                continue
            event = node.name + ("Exit" if leaving else "Entry")
            rule_listener = self.rule_listeners.get(event)
            if rule_listener is not None:
                rule_listener(node, parent, index)
            if not leaving:
                stack.append((node, parent, index, True))
                stack.extend((child, node, i, False) for i, child in reversed(list(enumerate(node.children))))

    # -- data -----------------------------------------------------------------------

    def _yaml(self, text: str, offset: int, what: str) -> Any:
        try:
            return parse_yaml_data(text)
        except YamlDataError as exc:
            line, column = exc.line, exc.column
            before = self.span(offset)
            where = SourceSpan(
                before.file, before.line + line, column + 1 if line else before.column + column
            )
            raise InputError(f"{what} is not valid YAML: {exc.problem}", where) from None

    def front_matter_token(self, token: Token, parent: Rule, index: int) -> None:
        after_start = _FRONT_MATTER_START.sub("", token.image, count=1)
        body = _FRONT_MATTER_END.sub("", after_start, count=1)
        data = self._yaml(body, token.offset + len(token.image) - len(after_start), "the front matter")
        parent.attrs["data"] = data
        self.front_matter = data
        self.front_matter_offset = token.offset
        self.data_blocks.append(DataBlock(data, token.offset, "front matter"))
        if _is_object(data):
            _merge(self.settings, data)

    def data_token(self, token: Token, parent: Rule, index: int) -> None:
        body, start = token.image, token.offset
        block = _BLOCK_START.match(body)
        if block is not None:
            start += block.end()
            body = _BLOCK_END.sub("", body[block.end() :], count=1)
        data = self._yaml(body, start, "the data block")
        parent.attrs["data"] = data
        self.data_blocks.append(DataBlock(data, token.offset, parent.name))

    # -- text ---------------------------------------------------------------------------

    def _text_target(self) -> _Heading | Statement | None:
        return self.current_heading if self.current_heading is not None else self.current_statement

    def freestyle_entry(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        parts: list[str] = []
        for child in node.children:
            if not isinstance(child, Token):
                continue
            if child.kind == Kind.ESCAPED_CHAR:
                parts.append(child.image[1:])
            elif child.kind == Kind.SPECIAL_CHAR:
                char = SHORTCODES.get(child.image.strip())
                if char is None:
                    parts.append(child.image)
                else:
                    parts.append(char + (" " if child.image.endswith(" ") else ""))
            else:
                parts.append(child.image)
        node.attrs["text"] = "".join(parts)
        target = self._text_target()
        if target is not None:
            target.text = (target.text or "") + node.attrs["text"]

    def emphasis_exit(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        target = self._text_target()
        end = node.children[-1]
        if target is not None and isinstance(end, Token) and end.image.endswith(" "):
            target.text = (target.text or "") + " "

    def mention(self, token: Token, parent: Rule, index: int) -> None:
        target = self._text_target()
        if target is not None:
            target.text = (target.text or "") + token.image

    def link(self, token: Token, parent: Rule, index: int) -> None:
        self.link_offsets.append(token.offset)
        target = self._text_target()
        if target is None:
            return
        close = token.image.index("](")
        if not _one_line(token.image[1:close]) or not _one_line(token.image[close + 2 :].rstrip(" \t")[:-1]):
            raise InputError("a link's text or address is broken over lines", self.span(token.offset))
        target.text = (target.text or "") + token.image[1:close]
        if token.image.endswith(" "):
            target.text += " "

    def tag(self, token: Token, parent: Rule, index: int) -> None:
        target = self._text_target()
        if target is None:
            return
        body = token.image[1:].rstrip(" \t") if not token.image.startswith("#(") else token.image
        name = body[2 : body.rindex(")")] if token.image.startswith("#(") else body
        if not self.setting("model", "removeTagsFromText"):
            target.text = (target.text or "") + token.image
        if target.tags is None:
            target.tags = []
        if name not in target.tags:
            target.tags.append(name)

    def newline(self, token: Token, parent: Rule, index: int) -> None:
        target = self._text_target()
        if target is None:
            return
        text = target.text or ""
        if index != len(parent.children) - 1 and not text.endswith(" "):
            target.text = text + " "

    # -- titles -----------------------------------------------------------------------

    def statement_definition(self, token: Token, parent: Rule, index: int) -> None:
        if self.current_statement is not None:
            self.current_statement.title = token.image[1:-2]
            parent.attrs["statement"] = self.current_statement

    def statement_reference(self, token: Token, parent: Rule, index: int) -> None:
        title = token.image[1:-1]
        if self.current_statement is not None and _one_line(title):
            self.current_statement.title = title
            self.current_statement.is_reference = True
            parent.attrs["statement"] = self.current_statement

    def argument_reference(self, token: Token, parent: Rule, index: int) -> None:
        title = token.image[1:-1]
        if self.current_statement is not None and _one_line(title):
            self.current_statement.title = title
            self.current_statement.is_reference = True

    def argument_definition(self, token: Token, parent: Rule, index: int) -> None:
        if self.current_statement is not None:
            self.current_statement.title = token.image[1:-2]

    # -- headings and sections ------------------------------------------------------------

    def heading_entry(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        self.current_heading = _Heading()

    def heading_exit(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        heading = self.current_heading
        assert heading is not None
        start = node.children[0]
        assert isinstance(start, Token)
        level = len(start.image) - 1
        self.section_counter += 1
        section = Section(
            f"s{self.section_counter}", level, (heading.text or "").strip(), offset=start.offset
        )
        self.max_section_level = max(self.max_section_level, level)
        data = node.attrs.get("data")
        group_settings = self.settings.get("group")
        group_settings = group_settings if isinstance(group_settings, dict) else {}
        if data is not None:
            if data_get(data, "isGroup") is not None and not group_settings.get("ignoreIsGroup"):
                section.is_group = data_get(data, "isGroup")
            if data_get(data, "isClosed") is not None and not group_settings.get("ignoreIsClosed"):
                section.is_closed = data_get(data, "isClosed")
        configured = group_settings.get("sections")
        if isinstance(configured, dict):
            config = configured.get(section.title)
            if config:
                section.is_group = data_get(config, "isGroup")
                section.is_closed = data_get(config, "isClosed")
            elif section.is_group is None:
                section.is_group = False
        if self.current_section is None:
            self.sections.append(section)
        else:
            previous: Section | None = self.current_section
            while previous is not None and previous.level >= section.level:
                previous = previous.parent
            if previous is not None and previous.level < section.level:
                previous.children.append(section)
                section.parent = previous
            else:
                self.sections.append(section)
        self.current_section = section
        self.current_heading = None

    # -- statements and arguments ------------------------------------------------------------

    def statement_entry(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        statement = Statement(offset=node.first_offset())
        if parent is not None and parent.name == RuleName.ARGDOWN:
            statement.role = TOP_LEVEL_STATEMENT
        elif self.current_relation is not None:
            statement.role = RELATION_STATEMENT
        self.current_statement = statement
        self.current_relation_parent = statement
        node.attrs["statement"] = statement

    def statement_exit(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        statement: Statement | None = node.attrs.get("statement")
        if statement is None:
            return
        statement.data = node.attrs.get("data")
        if not statement.title:
            statement.title = self.unique_title()
        ec = self.equivalence_class(statement.title)
        node.attrs["equivalence_class"] = ec
        if statement.tags:
            ec.tags = _union(ec.tags, statement.tags)
        if statement.data is not None:
            ec.data = _merge(ec.data, statement.data)
        if self.current_section is not None:
            statement.section = self.current_section
        ec.members.append(statement)
        in_group = data_get(statement.data, "isInGroup")
        if in_group is True or (not statement.is_reference and in_group is None and ec.section is None):
            ec.section = statement.section
        self.current_statement = None

    def equivalence_class(self, title: str) -> EquivalenceClass:
        ec = self.statements.get(title)
        if ec is None:
            ec = self.statements[title] = EquivalenceClass(title)
        return ec

    def get_argument(self, title: str | None) -> Argument:
        argument = self.arguments.get(title) if title else None
        if argument is None:
            argument = Argument(title or self.unique_title())
            self.arguments[argument.title] = argument
        self.current_argument = argument
        self.current_relation_parent = argument
        return argument

    def argument_entry(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        description = Statement(role=ARGUMENT_DESCRIPTION, text="", offset=node.first_offset())
        if self.current_section is not None:
            description.section = self.current_section
        self.current_statement = description
        self.current_relation_parent = description
        node.attrs["statement"] = description

    def argument_exit(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        description: Statement = node.attrs["statement"]
        description.data = node.attrs.get("data")
        if not description.title:
            description.title = self.unique_title()
        argument = self.get_argument(description.title)
        node.attrs["argument"] = argument
        if argument.offset is None:
            argument.offset = description.offset
        if description.tags:
            argument.tags = _union(argument.tags, description.tags)
        if description.data is not None:
            argument.data = _merge(argument.data, description.data)
        if self.current_section is not None:
            description.section = self.current_section
        argument.members.append(description)
        in_group = data_get(description.data, "isInGroup")
        if in_group is True or (
            not description.is_reference and in_group is None and argument.section is None
        ):
            argument.section = description.section
        self.current_statement = None
        self.current_argument = None

    def pcs_entry(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        argument: Argument | None = None
        description: Statement | None = None
        if index is not None and index > 0 and parent is not None:
            preceding = parent.children[index - 1]
            if isinstance(preceding, Token) and preceding.kind == Kind.EMPTYLINE and index > 1:
                preceding = parent.children[index - 2]
            if isinstance(preceding, Rule) and preceding.name == RuleName.ARGUMENT:
                description = preceding.attrs.get("statement")
                argument = preceding.attrs.get("argument")
        if argument is None:
            argument = self.get_argument(None)
            argument.offset = node.first_offset()
        if self.current_section is not None:
            argument.section = self.current_section
        if argument.pcs:
            raise InputError(
                f"argument <{argument.title}> has a second premise-conclusion structure (Argdown allows one)",
                self.span(node.first_offset() or 0),
            )
        argument.pcs = []
        if description is not None:
            description.pcs = argument.pcs
        node.attrs["argument"] = argument
        self.current_pcs = argument

    def pcs_exit(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        argument: Argument = node.attrs["argument"]
        last = argument.pcs[-1]
        last.role = MAIN_CONCLUSION
        self.current_statement = None
        self.current_argument = None
        self.current_pcs = None

    def pcs_statement_exit(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        pcs = self.current_pcs
        assert pcs is not None
        statement_node = node.children[1]
        assert isinstance(statement_node, Rule)
        statement: Statement = statement_node.attrs["statement"]
        statement.role = PREMISE
        statement.argument_title = pcs.title
        if index is not None and index > 0 and parent is not None:
            preceding = parent.children[index - 1]
            if isinstance(preceding, Rule) and preceding.name == RuleName.INFERENCE:
                statement.role = INTERMEDIARY_CONCLUSION
                inference: Inference = preceding.attrs["inference"]
                statement.inference = inference
                inference.argument_title = pcs.title
        pcs.pcs.append(statement)

    def inference_entry(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        inference = Inference(offset=node.first_offset())
        self.current_inference = inference
        node.attrs["inference"] = inference
        self.current_relation_parent = inference
        self.relation_parents.append(inference)

    def inference_exit(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        if self.current_inference is not None:
            self.current_inference.data = node.attrs.get("data")

    def inference_rules_exit(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        if self.current_inference is None:
            return
        for child in node.children:
            if isinstance(child, Rule) and child.name == RuleName.FREESTYLE_TEXT:
                self.current_inference.rules.append(str(child.attrs.get("text", "")).strip())

    # -- relations ------------------------------------------------------------------------

    def relation_member(self, parent: Statement | Argument | Inference) -> Member:
        if isinstance(parent, Statement):
            if not parent.title:
                parent.title = self.unique_title()
            if parent.role == ARGUMENT_DESCRIPTION:
                return self.get_argument(parent.title)
            return self.equivalence_class(parent.title)
        return parent

    def relations_entry(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        assert self.current_relation_parent is not None
        self.relation_parents.append(self.relation_member(self.current_relation_parent))

    def relations_exit(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        self.current_relation = None
        self.relation_parents.pop()

    def relation_entry(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        sign = node.children[0]
        assert isinstance(sign, Token)
        here = self.relation_parents[-1] if self.relation_parents else None
        kind = sign.kind
        relation_type = {
            Kind.INCOMING_SUPPORT: SUPPORT, Kind.OUTGOING_SUPPORT: SUPPORT,
            Kind.INCOMING_ATTACK: ATTACK, Kind.OUTGOING_ATTACK: ATTACK,
            Kind.CONTRADICTION: CONTRADICTORY,
            Kind.INCOMING_UNDERCUT: UNDERCUT, Kind.OUTGOING_UNDERCUT: UNDERCUT,
        }[kind]  # fmt: skip
        relation = Relation(
            relation_type, offset=sign.offset + len(sign.image) - len(sign.image.lstrip("' \t"))
        )
        if kind in (Kind.INCOMING_SUPPORT, Kind.INCOMING_ATTACK, Kind.CONTRADICTION, Kind.INCOMING_UNDERCUT):
            relation.source = here
        elif kind == Kind.OUTGOING_UNDERCUT and isinstance(here, EquivalenceClass):
            # Argdown's quirk: once any inference has been read, `<_` under
            # a statement undercuts the last inference read.
            relation.target = self.current_inference or here
        else:
            relation.target = here
        self.current_relation = relation
        node.attrs["relation"] = relation

    def relation_exit(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        relation: Relation = node.attrs["relation"]
        content = node.children[1]
        assert isinstance(content, Rule)
        member: Statement | Argument | None = content.attrs.get("argument") or content.attrs.get("statement")
        assert member is not None
        other = self.relation_member(member)
        if relation.source is not None:
            relation.target = other
        else:
            relation.source = other
        source, target = relation.source, relation.target
        assert source is not None and target is not None
        for existing in source.relations:
            same = existing.target is target and existing.relation_type == relation.relation_type
            reverse_contradiction = (
                relation.relation_type == CONTRADICTORY == existing.relation_type
                and existing.target is source
                and existing.source is target
            )
            if same or reverse_contradiction:
                return
        self.relations.append(relation)
        source.relations.append(relation)
        target.relations.append(relation)


@dataclass(eq=False)
class _Heading:
    text: str | None = None
    tags: list[str] | None = None


def _one_line(title: str) -> bool:
    """Argdown takes a reference's title with JavaScript's `.`, which stops
    at line breaks: a reference broken over lines has no title."""
    return bool(title) and not any(c in title for c in "\n\r\u2028\u2029")


def _union(existing: list[str] | None, new: list[str]) -> list[str]:
    result = list(existing or [])
    for tag in new:
        if tag not in result:
            result.append(tag)
    return result


_FRONT_MATTER_START = re.compile(r"^\s*={3,}")
_FRONT_MATTER_END = re.compile(r"={3,}\s*\Z")
# Argdown's multi-line data: `{` alone on its line, then block YAML, then `}`.
_BLOCK_START = re.compile(r"\{[ \t]*(?:\n\r|\n)")
_BLOCK_END = re.compile(r"\}\s*\Z")


# -- the ModelPlugin's run, and the plugins after it ---------------------------------------


def _other(relation: Relation, member: Member) -> Member:
    other = relation.target if relation.source is member else relation.source
    assert other is not None
    return other


def _detach(relation: Relation, member: Member | None) -> None:
    """JavaScript's `list.splice(list.indexOf(relation), 1)`, as Argdown
    writes it: when the relation is not in the list, that removes the
    list's last element."""
    if member is None:
        return
    relations = member.relations
    if relation in relations:
        relations.remove(relation)
    elif relations:
        relations.pop()


def _transform_argument_relations(model: Model) -> None:
    kept: list[Relation] = []
    for relation in model.relations:
        add = True
        source, target = relation.source, relation.target
        if isinstance(source, Argument) and source.pcs:
            _detach(relation, source)
            ec = model.statements[source.pcs[-1].title or ""]
            relation.source = ec
            existing = next(
                (
                    r
                    for r in ec.relations
                    if r.target is relation.target and r.relation_type == relation.relation_type
                ),
                None,
            )
            if existing is None:
                ec.relations.append(relation)
            else:
                _detach(relation, relation.target)
                add = False
        if isinstance(target, Argument) and target.pcs and relation.relation_type == UNDERCUT:
            inference = target.pcs[-1].inference
            assert inference is not None
            relation.target = inference
            # Argdown removes the relation from its new target here, not
            # from the argument (see _detach).
            _detach(relation, inference)
            existing = next(
                (
                    r
                    for r in inference.relations
                    if r.source is relation.source and r.relation_type == relation.relation_type
                ),
                None,
            )
            if existing is None:
                inference.relations.append(relation)
            else:
                _detach(relation, relation.source)
                add = False
        if add:
            kept.append(relation)
    model.relations = kept


def _transform_statement_relations(model: Model) -> None:
    """Strict mode: between statements, support is entailment and attack is
    contrariety."""
    kept: list[Relation] = []
    for relation in model.relations:
        source, target = relation.source, relation.target
        if isinstance(source, EquivalenceClass) and isinstance(target, EquivalenceClass):
            if relation.relation_type == SUPPORT:
                relation.relation_type = ENTAILS
            elif relation.relation_type == ATTACK:
                duplicate = any(
                    r.relation_type == CONTRARY
                    and (
                        (r.source is source and r.target is target)
                        or (r.source is target and r.target is source)
                    )
                    for r in source.relations
                )
                if duplicate:
                    _detach(relation, source)
                    _detach(relation, target)
                    continue
                relation.relation_type = CONTRARY
        kept.append(relation)
    model.relations = kept


def _remove_redundant_ec_to_argument_relations(model: Model) -> None:
    kept: list[Relation] = []
    for relation in model.relations:
        source, target = relation.source, relation.target
        if not (
            isinstance(source, EquivalenceClass)
            and relation.relation_type == ATTACK
            and isinstance(target, Argument)
        ):
            kept.append(relation)
            continue
        if not target.pcs:
            kept.append(relation)
            continue
        premises = {s.title for s in target.pcs if s.role == PREMISE}
        redundant = any(
            isinstance(_other(r, source), EquivalenceClass)
            and ((r.relation_type == ATTACK and r.source is source) or r.relation_type in SYMMETRIC)
            and getattr(_other(r, source), "title", None) in premises
            for r in source.relations
        )
        if redundant:
            _detach(relation, source)
            _detach(relation, target)
            continue
        kept.append(relation)
    model.relations = kept


def _explode_arguments(model: Model) -> None:
    for title in js_key_order(model.arguments):
        argument = model.arguments.get(title)
        if argument is not None:
            _explode(model, argument)


def _explode(model: Model, argument: Argument) -> None:
    steps = [
        _inferential_step(model, argument, statement, index)
        for index, statement in enumerate(argument.pcs)
        if statement.role in (INTERMEDIARY_CONCLUSION, MAIN_CONCLUSION)
    ]
    if len(steps) <= 1:
        return
    new_arguments: list[Argument] = []
    for number, step in enumerate(steps, 1):
        step_title = f"{argument.title} - {number}"
        for statement in step:
            statement.argument_title = step_title
        new_arguments.append(copy.copy(argument))
        new_arguments[-1].title = step_title
        new_arguments[-1].pcs = step
        new_arguments[-1].relations = []
    last = new_arguments[-1]
    for relation in argument.relations:
        if relation.source is argument:
            relation.source = last
        else:
            relation.target = last
    last.relations = list(argument.relations)
    del model.arguments[argument.title]
    for new in new_arguments:
        if new.title in model.arguments:
            raise InputError(f"exploding <{argument.title}> makes <{new.title}>, which exists already")
        model.arguments[new.title] = new


def _inferential_step(model: Model, argument: Argument, conclusion: Statement, index: int) -> list[Statement]:
    uses: Any = None
    inference_data = conclusion.inference.data if conclusion.inference is not None else None
    if isinstance(data_get(inference_data, "uses"), list):
        uses = data_get(inference_data, "uses")
    elif isinstance(data_get(conclusion.data, "uses"), list):
        uses = data_get(conclusion.data, "uses")
    elif isinstance(data_get(inference_data, "from"), list):
        uses = data_get(inference_data, "from")
    elif data_get(conclusion.data, "uses") and isinstance(data_get(conclusion.data, "from"), list):
        uses = data_get(conclusion.data, "from")
    step: list[Statement] = []
    if uses is not None:
        for number in uses:
            position = number - 1 if isinstance(number, int) and not isinstance(number, bool) else None
            if position is None or position < 0 or position >= len(argument.pcs):
                raise InputError(
                    f"'uses' of statement {index} of <{argument.title}> names no statement: {number!r}"
                )
            old = argument.pcs[position]
            new = copy.copy(old)
            new.role = PREMISE
            _substitute(model, old, new)
            step.append(new)
    else:
        for position in range(index - 1, -1, -1):
            old = argument.pcs[position]
            new = copy.copy(old)
            new.role = PREMISE
            step.append(new)
            _substitute(model, old, new)
            if old.role == INTERMEDIARY_CONCLUSION:
                break
        step.reverse()
    new_conclusion = copy.copy(conclusion)
    new_conclusion.role = MAIN_CONCLUSION
    _substitute(model, conclusion, new_conclusion)
    step.append(new_conclusion)
    return step


def _substitute(model: Model, old: Statement, new: Statement) -> None:
    ec = model.statements[new.title or ""]
    if old in ec.members:
        ec.members.remove(old)
    ec.members.append(new)


def _regroup(model: Model) -> None:
    config = model.settings.get("group")
    regroup = config.get("regroup") if isinstance(config, dict) else None
    if not isinstance(regroup, list) or not regroup:
        return
    model.sections = []
    for ec in model.statements.values():
        ec.section = None
    for argument in model.arguments.values():
        argument.section = None
    for index, section_config in enumerate(regroup):
        if isinstance(section_config, dict):
            model.sections.append(_regroup_section(model, section_config, 1, index, None))


def _regroup_section(
    model: Model, config: dict[str, Any], level: int, counter: int, parent: Section | None
) -> Section:
    section = Section(
        f"s{counter}", level, str(config.get("title")), parent=parent, is_closed=config.get("isClosed")
    )
    counter += 1
    for title in config.get("statements") or []:
        if title in model.statements:
            model.statements[title].section = section
    for title in config.get("arguments") or []:
        if title in model.arguments:
            model.arguments[title].section = section
    for index, child in enumerate(config.get("children") or []):
        section.children.append(_regroup_section(model, child, level + 1, counter + index, section))
    return section


def build_model(tree: Rule, positions: Positions) -> Model:
    builder = _Builder(positions)
    builder.walk(tree)
    model = Model(
        builder.statements,
        builder.arguments,
        builder.relations,
        builder.sections,
        builder.settings,
        builder.front_matter,
        builder.front_matter_offset,
        builder.data_blocks,
        builder.max_section_level,
        builder.link_offsets,
    )
    for ec in model.statements.values():
        if ec.section is None and ec.members:
            ec.section = ec.members[0].section
    for argument in model.arguments.values():
        if argument.section is None and argument.members:
            argument.section = argument.members[0].section
    if builder.setting("model", "transformArgumentRelations"):
        _transform_argument_relations(model)
    if builder.setting("model", "mode") == "strict":
        _transform_statement_relations(model)
    _remove_redundant_ec_to_argument_relations(model)
    if builder.setting("model", "explodeArguments"):
        _explode_arguments(model)
    _regroup(model)
    return model


# -- the map: selection, nodes, edges, groups -----------------------------------------------


@dataclass(eq=False)
class MapNode:
    id: str
    kind: str  # "statement" or "argument"
    title: str
    element: EquivalenceClass | Argument
    groups: list[Section] = field(default_factory=list)  # outermost first


@dataclass(eq=False)
class MapEdge:
    source: MapNode
    target: MapNode
    relation_type: str
    relation: Relation | None  # None for the support edges equivalence adds


@dataclass
class ArgdownMap:
    nodes: list[MapNode]
    edges: list[MapEdge]


class _Selection:
    def __init__(self, model: Model) -> None:
        self.model = model
        raw = model.settings.get("selection")
        self.settings: dict[str, Any] = dict(_DEFAULTS["selection"])
        if isinstance(raw, dict):
            self.settings.update({k: v for k, v in raw.items() if v is not None})

    def get(self, key: str) -> Any:
        return self.settings.get(key)


def _member_in_selection(
    relation: Relation,
    member: Member,
    statements: dict[str, EquivalenceClass],
    arguments: dict[str, Argument],
) -> bool:
    if isinstance(member, EquivalenceClass):
        if member.title in statements:
            return True
        role = PREMISE if relation.target is member else MAIN_CONCLUSION
        symmetric = relation.relation_type in SYMMETRIC
        return any(
            (symmetric or s.role == role) and (s.argument_title or "") in arguments for s in member.members
        )
    if isinstance(member, Argument):
        return member.title in arguments
    return (member.argument_title or "") in arguments


def _preselected(selection: _Selection, element: EquivalenceClass | Argument) -> bool:
    data = element.data
    if (
        not selection.get("ignoreIsInMap")
        and isinstance(data, dict)
        and "isInMap" in data
        and data["isInMap"] is not True
    ):
        return False
    excluded = selection.get("excludeArguments" if isinstance(element, Argument) else "excludeStatements")
    if isinstance(excluded, list) and element.title in excluded:
        return False
    sections = selection.get("selectedSections")
    if sections is not None:
        if element.section is None:
            if selection.get("selectElementsWithoutSection") is not True:
                return False
        elif not (isinstance(sections, list) and element.section.title in sections):
            return False
    tags = selection.get("selectedTags")
    if tags is not None:
        without = selection.get("selectElementsWithoutTag") is True and not element.tags
        if not without and not (isinstance(tags, list) and any(t in tags for t in element.tags or [])):
            return False
    return True


def _used_in_argument(statement: Statement, arguments: dict[str, Argument]) -> bool:
    if statement.role in (PREMISE, MAIN_CONCLUSION):
        return (statement.argument_title or "") in arguments
    return False


def _statement_selected(
    selection: _Selection,
    ec: EquivalenceClass,
    statements: dict[str, EquivalenceClass],
    arguments: dict[str, Argument],
) -> bool:
    if not selection.get("ignoreIsInMap") and data_get(ec.data, "isInMap") is True:
        return True
    included = selection.get("includeStatements")
    if isinstance(included, list) and ec.title in included:
        return True
    with_relations = any(_member_in_selection(r, _other(r, ec), statements, arguments) for r in ec.relations)
    used = any(_used_in_argument(s, arguments) for s in ec.members)
    mode = selection.get("statementSelectionMode")
    if mode == "all":
        chosen = True
    elif mode == "with-title":
        chosen = (not used and with_relations) or not ec.title.startswith("Untitled")
    elif mode == "top-level":
        chosen = (not used and with_relations) or any(s.role == TOP_LEVEL_STATEMENT for s in ec.members)
    elif mode == "with-relations":
        chosen = with_relations
    elif mode == "not-used-in-argument":
        chosen = not used
    elif mode == "with-more-than-one-relation":
        partners = sum(_partners(r, ec, statements, arguments) for r in ec.relations)
        chosen = with_relations and (not used or partners > 1)
    else:
        chosen = False
    return (not selection.get("excludeDisconnected") or used or with_relations) and chosen


def _partners(
    relation: Relation,
    ec: EquivalenceClass,
    statements: dict[str, EquivalenceClass],
    arguments: dict[str, Argument],
) -> int:
    other = _other(relation, ec)
    if isinstance(other, EquivalenceClass):
        if ec.title not in statements:
            return 0
        role = PREMISE if relation.target is other else MAIN_CONCLUSION
        return sum(1 for s in other.members if s.role == role and (s.argument_title or "") in arguments)
    if isinstance(other, Argument):
        return 1 if other.title in arguments else 0
    return 1 if (other.argument_title or "") in arguments else 0


def _argument_selected(
    selection: _Selection,
    model: Model,
    argument: Argument,
    statements: dict[str, EquivalenceClass],
    arguments: dict[str, Argument],
) -> bool:
    if not selection.get("excludeDisconnected") or (
        not selection.get("ignoreIsInMap") and data_get(argument.data, "isInMap") is True
    ):
        return True
    if any(_member_in_selection(r, _other(r, argument), statements, arguments) for r in argument.relations):
        return True
    for statement in argument.pcs:
        inference = statement.inference
        if (
            inference is not None
            and statement.role in (INTERMEDIARY_CONCLUSION, MAIN_CONCLUSION)
            and any(
                _member_in_selection(r, _other(r, inference), statements, arguments)
                for r in inference.relations
            )
        ):
            return True
        ec = model.statements[statement.title or ""]
        for r in ec.relations:
            symmetric = r.relation_type in SYMMETRIC
            if statement.role == INTERMEDIARY_CONCLUSION:
                continue
            if not symmetric and statement.role == PREMISE and r.source is ec:
                continue
            if not symmetric and statement.role == MAIN_CONCLUSION and r.target is ec:
                continue
            if _member_in_selection(r, _other(r, ec), statements, arguments):
                return True
        if statement.role in (MAIN_CONCLUSION, PREMISE):
            required = PREMISE if statement.role == MAIN_CONCLUSION else MAIN_CONCLUSION
            if (statement.title or "") in statements:
                return True
            if any(s.role == required and (s.argument_title or "") in arguments for s in ec.members):
                return True
    return False


def build_map(model: Model) -> ArgdownMap:
    selection = _Selection(model)
    pre_statements = {
        t: model.statements[t]
        for t in js_key_order(model.statements)
        if _preselected(selection, model.statements[t])
    }
    pre_arguments = {
        t: model.arguments[t]
        for t in js_key_order(model.arguments)
        if _preselected(selection, model.arguments[t])
    }
    statements = {
        t: ec
        for t, ec in pre_statements.items()
        if _statement_selected(selection, ec, pre_statements, pre_arguments)
    }
    arguments = {
        t: a
        for t, a in pre_arguments.items()
        if _argument_selected(selection, model, a, statements, pre_arguments)
    }
    nodes: list[MapNode] = []
    statement_nodes: dict[str, MapNode] = {}
    for ec in statements.values():
        node = MapNode(f"n{len(nodes)}", "statement", ec.title, ec)
        nodes.append(node)
        statement_nodes[ec.title] = node
    argument_nodes: dict[str, MapNode] = {}
    for argument in arguments.values():
        node = MapNode(f"n{len(nodes)}", "argument", argument.title, argument)
        nodes.append(node)
        argument_nodes[argument.title] = node
    edges: list[MapEdge] = []
    for relation in model.relations:
        assert relation.source is not None and relation.target is not None
        if _member_in_selection(relation, relation.source, statements, arguments) and _member_in_selection(
            relation, relation.target, statements, arguments
        ):
            _edges_from_relation(relation, statement_nodes, argument_nodes, edges, reverse=False)
    edges.extend(_equivalence_edges(model, statement_nodes, argument_nodes))
    _assign_groups(model, nodes)
    return ArgdownMap(nodes, edges)


def _froms(
    relation: Relation, statement_nodes: dict[str, MapNode], argument_nodes: dict[str, MapNode], reverse: bool
) -> list[MapNode]:
    source = relation.source
    if not reverse and isinstance(source, Argument):
        node = argument_nodes.get(source.title)
        return [node] if node else []
    if isinstance(source, EquivalenceClass):
        node = statement_nodes.get(source.title)
        if node is not None:
            return [node]
        found = (
            argument_nodes.get(s.argument_title or "") for s in source.members if s.role == MAIN_CONCLUSION
        )
        return [n for n in found if n is not None]
    return []


def _tos(
    relation: Relation, statement_nodes: dict[str, MapNode], argument_nodes: dict[str, MapNode], reverse: bool
) -> list[MapNode]:
    target = relation.target
    if not reverse and isinstance(target, Argument):
        node = argument_nodes.get(target.title)
        return [node] if node else []
    if not reverse and isinstance(target, Inference):
        node = argument_nodes.get(target.argument_title or "")
        return [node] if node else []
    if isinstance(target, EquivalenceClass):
        node = statement_nodes.get(target.title)
        if not reverse and node is not None:
            return [node]
        if node is None:
            found = (argument_nodes.get(s.argument_title or "") for s in target.members if s.role == PREMISE)
            return [n for n in found if n is not None]
    return []


def _edges_from_relation(
    relation: Relation,
    statement_nodes: dict[str, MapNode],
    argument_nodes: dict[str, MapNode],
    edges: list[MapEdge],
    reverse: bool,
) -> None:
    for source in _froms(relation, statement_nodes, argument_nodes, reverse):
        for target in _tos(relation, statement_nodes, argument_nodes, reverse):
            relation_type = relation.relation_type
            if not (source.kind == "statement" and target.kind == "statement"):
                relation_type = {CONTRADICTORY: ATTACK, CONTRARY: ATTACK, ENTAILS: SUPPORT}.get(
                    relation_type, relation_type
                )
            edges.append(MapEdge(source, target, relation_type, relation))
    if not reverse and relation.relation_type in SYMMETRIC:
        reversed_relation = Relation(
            relation.relation_type, relation.target, relation.source, relation.offset
        )
        _edges_from_relation(reversed_relation, statement_nodes, argument_nodes, edges, reverse=True)


def _equivalence_edges(
    model: Model, statement_nodes: dict[str, MapNode], argument_nodes: dict[str, MapNode]
) -> list[MapEdge]:
    """Support edges Argdown adds for premise-conclusion structures: an
    argument supports the statement node of its conclusion (or the
    arguments that use its conclusion as a premise), and a statement node
    supports the arguments that use it as a premise."""
    edges: list[MapEdge] = []

    def add(source: MapNode, target: MapNode) -> None:
        if not any(e.source is source and e.target is target and e.relation_type == SUPPORT for e in edges):
            edges.append(MapEdge(source, target, SUPPORT, None))

    for node in argument_nodes.values():
        argument = model.arguments[node.title]
        if not argument.pcs:
            continue
        conclusion = argument.pcs[-1]
        ec = model.statements[conclusion.title or ""]
        statement_node = statement_nodes.get(conclusion.title or "")
        if statement_node is not None and not any(
            e.source is node and e.target is statement_node and e.relation_type == SUPPORT for e in edges
        ):
            edges.append(MapEdge(node, statement_node, SUPPORT, None))
            continue
        for statement in ec.members:
            if statement.role == PREMISE:
                user = argument_nodes.get(statement.argument_title or "")
                if user is not None:
                    add(node, user)
    for node in statement_nodes.values():
        ec = model.statements[node.title]
        for statement in ec.members:
            if statement.role == PREMISE:
                user = argument_nodes.get(statement.argument_title or "")
                if user is not None:
                    add(node, user)
    return edges


def _assign_groups(model: Model, nodes: list[MapNode]) -> None:
    """Argdown's GroupPlugin: a node belongs to the nearest section of its
    element that is a group; groups nest as their sections do."""
    config = model.settings.get("group")
    depth = config.get("groupDepth") if isinstance(config, dict) else None
    depth = 2 if depth is None else depth
    min_level = model.max_section_level - depth + 1

    def mark(section: Section) -> None:
        if section.is_group is None:
            section.is_group = section.level >= min_level
        for child in section.children:
            mark(child)

    for top in model.sections:
        mark(top)
    for node in nodes:
        # Every enclosing section that is a group, outermost first.
        chain: list[Section] = []
        section: Section | None = node.element.section
        while section is not None:
            if section.is_group is not False:
                chain.append(section)
            section = section.parent
        node.groups = list(reversed(chain))
