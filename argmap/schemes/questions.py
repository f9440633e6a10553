"""Which critical questions of a map's inferences are open.

An *inference* is a support relation, or a linked group of them (one
inference with several premises), that names a scheme. Each critical
question of its scheme is:

* **conceded** when the inference marks it so (`conceded: [CQ2]`): the
  side that argues it grants the weakness;
* **answered** when the inference marks it so (`answered: [CQ1]`);
* **open** otherwise. An open question may already be *raised*: an attack
  or undercut names it (`question: CQ2`). It stays open until the map
  marks it answered (or conceded).

An undercut raises its question against the inference it undercuts. An
attack (a counterclaim) raises its question against the inferences its
target is a premise of (it questions a premise) and those its target is
the conclusion of (it rebuts the conclusion); it counts for each of them
whose scheme has that question.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import NamedTuple

from argmap.model import ArgumentMap, CriticalQuestion, Relation, RelationType, Scheme

ANSWERED = "answered"
CONCEDED = "conceded"
OPEN = "open"


class Inference(NamedTuple):
    """A support, or a linked group of supports, that names a scheme."""

    relation: str  # the id of its first relation (an undercut of the group names it)
    relations: tuple[str, ...]
    premises: tuple[str, ...]
    conclusion: str
    scheme: str
    answered: tuple[str, ...]
    conceded: tuple[str, ...]


class QuestionState(NamedTuple):
    inference: Inference
    scheme: Scheme
    question: CriticalQuestion
    status: str  # OPEN, ANSWERED or CONCEDED
    raised_by: tuple[str, ...]  # ids of the attacks and undercuts that raise it


def inferences(amap: ArgumentMap) -> list[Inference]:
    """The map's inferences that name a scheme, in relation order."""
    groups: dict[tuple[str, str], list[Relation]] = {}
    order: list[list[Relation]] = []
    for relation in amap.iter_relations(RelationType.SUPPORT):
        if relation.group is None:
            order.append([relation])
            continue
        members = groups.get((relation.target, relation.group))
        if members is None:
            members = groups[(relation.target, relation.group)] = []
            order.append(members)
        members.append(relation)
    found = []
    for members in order:
        scheme = next((r.scheme for r in members if r.scheme is not None), None)
        if scheme is None:
            continue
        found.append(
            Inference(
                members[0].id,
                tuple(r.id for r in members),
                tuple(r.source for r in members),
                members[0].target,
                scheme,
                tuple(dict.fromkeys(q for r in members for q in r.answered)),
                tuple(dict.fromkeys(q for r in members for q in r.conceded)),
            )
        )
    return found


def concerned(amap: ArgumentMap, found: list[Inference]) -> dict[str, list[Inference]]:
    """For each attack and undercut that names a question (by relation id),
    the inferences it may raise it against (the module docstring)."""
    by_relation = {rid: inference for inference in found for rid in inference.relations}
    by_premise: dict[str, list[Inference]] = {}
    by_conclusion: dict[str, list[Inference]] = {}
    for inference in found:
        for premise in inference.premises:
            by_premise.setdefault(premise, []).append(inference)
        by_conclusion.setdefault(inference.conclusion, []).append(inference)
    result: dict[str, list[Inference]] = {}
    for relation in amap.relations:
        if relation.question is None:
            continue
        if relation.type is RelationType.UNDERCUT:
            hit = by_relation.get(relation.target)
            result[relation.id] = [hit] if hit is not None else []
        elif relation.type is RelationType.ATTACK:
            result[relation.id] = [
                *by_premise.get(relation.target, ()),
                *by_conclusion.get(relation.target, ()),
            ]
    return result


def question_states(amap: ArgumentMap, known: Mapping[str, Scheme]) -> Iterator[QuestionState]:
    """Every critical question of every inference whose scheme is `known`,
    with its status, inference by inference in map order, questions in
    the scheme's order."""
    found = inferences(amap)
    raisers: dict[tuple[str, str], list[str]] = {}
    relation_of = amap.relation_index()
    for relation_id, targets in concerned(amap, found).items():
        raised = relation_of[relation_id].question or ""
        for inference in targets:
            raisers.setdefault((inference.relation, raised), []).append(relation_id)
    for inference in found:
        scheme = known.get(inference.scheme)
        if scheme is None:
            continue
        for question in scheme.questions:
            if question.id in inference.conceded:
                status = CONCEDED
            elif question.id in inference.answered:
                status = ANSWERED
            else:
                status = OPEN
            raised_by = tuple(raisers.get((inference.relation, question.id), ()))
            yield QuestionState(inference, scheme, question, status, raised_by)
