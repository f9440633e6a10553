"""An Argdown syntax tree -> the argument map Argdown builds from it.

Argdown 2.0 builds its map in stages (`@argdown/core`): the ModelPlugin
walks the tree into equivalence classes of statements (one per title),
arguments (with their premise-conclusion structures) and relations; the
selection plugins pick which of them become map nodes; the MapPlugin draws
the edges, and the GroupPlugin boxes nodes by heading. This module follows
those stages and their settings (from the file's front matter) closely,
because argmap's conformance test compares the result with Argdown's own
map node for node and edge for edge. Names follow Argdown's.

This module is the ModelPlugin's run: one walk over the tree, whose
listeners are in `build_text` (text, data, headings), `build_elements`
(statements, arguments, premise-conclusion structures) and
`build_relations`, over the state in `build_state`; then the
transformations in `transform`. Selection is in `select`, the map and its
groups in `map`.
"""

from __future__ import annotations

from collections.abc import Callable

from argmap.formats.argdown.build_elements import ElementListeners
from argmap.formats.argdown.build_relations import RelationListeners
from argmap.formats.argdown.build_text import TextListeners
from argmap.formats.argdown.model import Model
from argmap.formats.argdown.syntax import Kind, Positions, Rule, RuleName, Token
from argmap.formats.argdown.transform import (
    explode_arguments,
    regroup,
    remove_redundant_ec_to_argument_relations,
    transform_argument_relations,
    transform_statement_relations,
)


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
        transform_argument_relations(model)
    if builder.setting("model", "mode") == "strict":
        transform_statement_relations(model)
    remove_redundant_ec_to_argument_relations(model)
    if builder.setting("model", "explodeArguments"):
        explode_arguments(model)
    regroup(model)
    return model


class _Builder(TextListeners, ElementListeners, RelationListeners):
    """Argdown's DataPlugin and ModelPlugin: one walk over the tree, calling
    the listeners for each rule (on entry and exit) and token."""

    def __init__(self, positions: Positions) -> None:
        super().__init__(positions)
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
