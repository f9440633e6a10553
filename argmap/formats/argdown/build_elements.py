"""The walk's element listeners: statements (members of equivalence
classes), arguments, their premise-conclusion structures and inferences."""

from __future__ import annotations

from argmap.errors import InputError
from argmap.formats.argdown.build_state import BuildState
from argmap.formats.argdown.model import (
    ARGUMENT_DESCRIPTION,
    INTERMEDIARY_CONCLUSION,
    MAIN_CONCLUSION,
    PREMISE,
    RELATION_STATEMENT,
    TOP_LEVEL_STATEMENT,
    Argument,
    Inference,
    Statement,
    data_get,
    merge,
)
from argmap.formats.argdown.syntax import Kind, Rule, RuleName, Token


class ElementListeners(BuildState):
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
            ec.data = merge(ec.data, statement.data)
        if self.current_section is not None:
            statement.section = self.current_section
        ec.members.append(statement)
        in_group = data_get(statement.data, "isInGroup")
        if in_group is True or (not statement.is_reference and in_group is None and ec.section is None):
            ec.section = statement.section
        self.current_statement = None

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
            argument.data = merge(argument.data, description.data)
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


def _union(existing: list[str] | None, new: list[str]) -> list[str]:
    result = list(existing or [])
    for tag in new:
        if tag not in result:
            result.append(tag)
    return result
