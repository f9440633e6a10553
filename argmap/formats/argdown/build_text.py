"""The walk's text listeners: what a statement, argument or heading says
(text, shortcodes, links, tags, titles), the `{...}` data and front matter
attached to it, and the heading sections everything after a heading is in."""

from __future__ import annotations

import re
from typing import Any

from argmap.errors import InputError
from argmap.formats.argdown.build_state import BuildState, Heading
from argmap.formats.argdown.model import SHORTCODES, DataBlock, Section, Statement, data_get, merge
from argmap.formats.argdown.syntax import Kind, Rule, Token
from argmap.model import SourceSpan
from argmap.yaml.data import YamlDataError, parse_yaml_data

_FRONT_MATTER_START = re.compile(r"^\s*={3,}")
_FRONT_MATTER_END = re.compile(r"={3,}\s*\Z")
# Argdown's multi-line data: `{` alone on its line, then block YAML, then `}`.
_BLOCK_START = re.compile(r"\{[ \t]*(?:\n\r|\n)")
_BLOCK_END = re.compile(r"\}\s*\Z")


class TextListeners(BuildState):
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
        if isinstance(data, dict):
            merge(self.settings, data)

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

    def _text_target(self) -> Heading | Statement | None:
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
        self.current_heading = Heading()

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
        self._group_settings(section, node.attrs.get("data"))
        self._place_section(section)
        self.current_section = section
        self.current_heading = None

    def _group_settings(self, section: Section, data: Any) -> None:
        """Whether the section is a group (a box in the map), and closed:
        from the heading's data, overridden by the front matter's
        `group: sections:`."""
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

    def _place_section(self, section: Section) -> None:
        """Under the nearest open section of a lower level, else at the top."""
        if self.current_section is None:
            self.sections.append(section)
            return
        previous: Section | None = self.current_section
        while previous is not None and previous.level >= section.level:
            previous = previous.parent
        if previous is not None and previous.level < section.level:
            previous.children.append(section)
            section.parent = previous
        else:
            self.sections.append(section)


def _one_line(title: str) -> bool:
    """Argdown takes a reference's title with JavaScript's `.`, which stops
    at line breaks: a reference broken over lines has no title."""
    return bool(title) and not any(c in title for c in "\n\r\u2028\u2029")
