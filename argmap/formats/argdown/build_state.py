"""What the walk over an Argdown syntax tree builds up (Argdown's model, so
far) and where it is (the statement, argument, relation, heading and
section being read), with the lookups every part of the walk shares."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from argmap.formats.argdown.model import (
    ARGUMENT_DESCRIPTION,
    DEFAULTS,
    Argument,
    DataBlock,
    EquivalenceClass,
    Inference,
    Member,
    Relation,
    Section,
    Statement,
)
from argmap.formats.argdown.syntax import Positions
from argmap.model import SourceSpan


@dataclass(eq=False)
class Heading:
    """A heading being read: its text and tags (it becomes a Section)."""

    text: str | None = None
    tags: list[str] | None = None


class BuildState:
    def __init__(self, positions: Positions) -> None:
        self.positions = positions
        self.settings: dict[str, Any] = copy.deepcopy(DEFAULTS)
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
        self.current_heading: Heading | None = None
        self.current_section: Section | None = None

    def setting(self, group: str, key: str) -> Any:
        block = self.settings.get(group)
        if not isinstance(block, dict):
            self.settings[group] = block = {}
        value = block.get(key)
        return DEFAULTS.get(group, {}).get(key) if value is None else value

    def unique_title(self) -> str:
        self.untitled += 1
        return f"Untitled {self.untitled}"

    def span(self, offset: int) -> SourceSpan:
        return self.positions.span(offset)

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

    def relation_member(self, parent: Statement | Argument | Inference) -> Member:
        """What a relation written at `parent` connects: its equivalence
        class or argument (an inference is itself)."""
        if isinstance(parent, Statement):
            if not parent.title:
                parent.title = self.unique_title()
            if parent.role == ARGUMENT_DESCRIPTION:
                return self.get_argument(parent.title)
            return self.equivalence_class(parent.title)
        return parent
