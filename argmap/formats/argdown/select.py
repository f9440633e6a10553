"""Argdown's selection (the PreselectionPlugin, StatementSelectionPlugin and
ArgumentSelectionPlugin): which equivalence classes and arguments become
nodes of the map, as the front matter's `selection:` settings say."""

from __future__ import annotations

from typing import Any

from argmap.formats.argdown.model import (
    DEFAULTS,
    INTERMEDIARY_CONCLUSION,
    MAIN_CONCLUSION,
    PREMISE,
    SYMMETRIC,
    TOP_LEVEL_STATEMENT,
    Argument,
    EquivalenceClass,
    Member,
    Model,
    Relation,
    Statement,
    data_get,
    js_key_order,
    other_end,
)


def select(model: Model) -> tuple[dict[str, EquivalenceClass], dict[str, Argument]]:
    """The statements and arguments in Argdown's map, by title, in
    JavaScript's key order."""
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
    return statements, arguments


class _Selection:
    def __init__(self, model: Model) -> None:
        self.model = model
        raw = model.settings.get("selection")
        self.settings: dict[str, Any] = dict(DEFAULTS["selection"])
        if isinstance(raw, dict):
            self.settings.update({k: v for k, v in raw.items() if v is not None})

    def get(self, key: str) -> Any:
        return self.settings.get(key)


def member_in_selection(
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
    with_relations = any(
        member_in_selection(r, other_end(r, ec), statements, arguments) for r in ec.relations
    )
    used = any(_used_in_argument(s, arguments) for s in ec.members)
    chosen = _chosen_by_mode(
        selection.get("statementSelectionMode"), ec, used, with_relations, statements, arguments
    )
    return (not selection.get("excludeDisconnected") or used or with_relations) and chosen


def _chosen_by_mode(
    mode: Any,
    ec: EquivalenceClass,
    used: bool,
    with_relations: bool,
    statements: dict[str, EquivalenceClass],
    arguments: dict[str, Argument],
) -> bool:
    """Whether `statementSelectionMode` picks the statement (`used`: in an
    argument's structure; `with_relations`: to something selected)."""
    if mode == "all":
        return True
    if mode == "with-title":
        return (not used and with_relations) or not ec.title.startswith("Untitled")
    if mode == "top-level":
        return (not used and with_relations) or any(s.role == TOP_LEVEL_STATEMENT for s in ec.members)
    if mode == "with-relations":
        return with_relations
    if mode == "not-used-in-argument":
        return not used
    if mode == "with-more-than-one-relation":
        partners = sum(_partners(r, ec, statements, arguments) for r in ec.relations)
        return with_relations and (not used or partners > 1)
    return False


def _partners(
    relation: Relation,
    ec: EquivalenceClass,
    statements: dict[str, EquivalenceClass],
    arguments: dict[str, Argument],
) -> int:
    other = other_end(relation, ec)
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
    if any(member_in_selection(r, other_end(r, argument), statements, arguments) for r in argument.relations):
        return True
    return any(_connects(model, statement, statements, arguments) for statement in argument.pcs)


def _connects(
    model: Model,
    statement: Statement,
    statements: dict[str, EquivalenceClass],
    arguments: dict[str, Argument],
) -> bool:
    """Whether a statement of an argument's structure connects the argument
    to something selected: by its inference's relations, its equivalence
    class's relations in the right direction, or the class itself."""
    inference = statement.inference
    if (
        inference is not None
        and statement.role in (INTERMEDIARY_CONCLUSION, MAIN_CONCLUSION)
        and any(
            member_in_selection(r, other_end(r, inference), statements, arguments)
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
        if member_in_selection(r, other_end(r, ec), statements, arguments):
            return True
    if statement.role in (MAIN_CONCLUSION, PREMISE):
        required = PREMISE if statement.role == MAIN_CONCLUSION else MAIN_CONCLUSION
        if (statement.title or "") in statements:
            return True
        if any(s.role == required and (s.argument_title or "") in arguments for s in ec.members):
            return True
    return False
