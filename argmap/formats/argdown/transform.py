"""The ModelPlugin's transformations after the walk, and the plugins that
change the model before selection: relations of arguments moved to their
conclusions and inferences, strict mode's entailment and contrariety,
redundant attacks removed, arguments exploded into one per inferential
step (`explodeArguments`), and sections regrouped (`group: regroup:`)."""

from __future__ import annotations

import copy
from typing import Any

from argmap.errors import InputError
from argmap.formats.argdown.model import (
    ATTACK,
    CONTRARY,
    ENTAILS,
    INTERMEDIARY_CONCLUSION,
    MAIN_CONCLUSION,
    PREMISE,
    SUPPORT,
    SYMMETRIC,
    UNDERCUT,
    Argument,
    EquivalenceClass,
    Member,
    Model,
    Relation,
    Section,
    Statement,
    data_get,
    js_key_order,
    other_end,
)


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


def transform_argument_relations(model: Model) -> None:
    """A relation from an argument starts at its conclusion instead, an
    undercut of it ends at its last inference (once per pair and type)."""
    kept: list[Relation] = []
    for relation in model.relations:
        source, target = relation.source, relation.target
        add = True
        if isinstance(source, Argument) and source.pcs:
            add = _from_conclusion(model, relation, source) and add
        if isinstance(target, Argument) and target.pcs and relation.relation_type == UNDERCUT:
            add = _to_inference(relation, target) and add
        if add:
            kept.append(relation)
    model.relations = kept


def _from_conclusion(model: Model, relation: Relation, argument: Argument) -> bool:
    """Moves the relation's source to the argument's conclusion; False when
    the conclusion has that relation already."""
    _detach(relation, argument)
    ec = model.statements[argument.pcs[-1].title or ""]
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
        return True
    _detach(relation, relation.target)
    return False


def _to_inference(relation: Relation, argument: Argument) -> bool:
    """Moves an undercut of the argument to its last inference; False when
    the inference has that undercut already."""
    inference = argument.pcs[-1].inference
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
        return True
    _detach(relation, relation.source)
    return False


def transform_statement_relations(model: Model) -> None:
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


def remove_redundant_ec_to_argument_relations(model: Model) -> None:
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
            isinstance(other_end(r, source), EquivalenceClass)
            and ((r.relation_type == ATTACK and r.source is source) or r.relation_type in SYMMETRIC)
            and getattr(other_end(r, source), "title", None) in premises
            for r in source.relations
        )
        if redundant:
            _detach(relation, source)
            _detach(relation, target)
            continue
        kept.append(relation)
    model.relations = kept


def explode_arguments(model: Model) -> None:
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


def regroup(model: Model) -> None:
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
