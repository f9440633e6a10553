"""Practising one side's answers: the cards of `argmap drill`, their
spaced-repetition schedule, and the results file, as data.

Pure: no printing, no prompting. The CLI asks the questions (argmap/cli/drill_prompt.py)
and writes the results file; docs/drill.md explains the scheme for users.

Cards
-----
A card is a counterclaim SIDE has to answer: an attack or undercut made by a
claim that is not SIDE's, on one of SIDE's claims (attack) or on one of SIDE's
inferences (undercut of a relation whose source claim is SIDE's). It is keyed
by (counterclaim id, attacked id), the attacked id being a claim id or, for an
undercut, a relation id, so editing texts keeps a card's history.

Its rebuttals are the answers mapped to the counterclaim: attacks on it,
undercuts of its attack (or undercut) on SIDE, and undercuts of its other
inferences, whoever made them; SIDE's come first. Not only SIDE's: maps often
put an answer a debater would use in the mouth of a critic or an essay, and
an attack on the counterclaim answers it whoever says it.

A card with no rebuttal is still asked (what would you say?) but not graded,
so it has no box and no history: there is nothing to check an answer against.

Critical questions
------------------
An inference of SIDE's (a premise or its conclusion is SIDE's) that names an
argument scheme has critical questions; those the map leaves open
(argmap.schemes.questions) are asked too. A card whose counterclaim raises
one shows the question; an open question no card raises is a card of its
own, keyed by (scheme.question, conclusion), with no rebuttal: asked, not
graded.

Scheduling
----------
Leitner boxes 1..5, counted in drill sessions, never in wall-clock time, so a
run's questions and results depend on its inputs only. A graded card in box b
is due again `2 ** (b - 1)` sessions after it was answered (1, 2, 4, 8, 16). A
right answer moves it up a box (at most 5), a wrong one back to box 1, due the
next session. A card never answered is in box 1 and due now.

A session's number is the last recorded session plus one, or, if no card is
due by then, the first session in which one is (sessions with nothing to ask
are skipped). It asks the due graded cards, lowest box first, cards answered
before ahead of new ones, then in map order; then the cards with no rebuttal,
in map order. A session counts (its number is recorded) when at least one
card was graded in it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from argmap.errors import InputError, UsageError
from argmap.io.files import RESULTS_SUFFIX, read_text
from argmap.io.json_text import dump_json, parse_json
from argmap.model import ArgumentMap, Claim, Relation, RelationType

BOXES = 5
RESULTS_FORMAT = 1

CardKey = tuple[str, str]  # (counterclaim id, attacked claim or relation id)


class AskedQuestion(NamedTuple):
    """A critical question of an inference's scheme (argmap.schemes)."""

    scheme: str
    scheme_name: str
    id: str
    text: str


class Rebuttal(NamedTuple):
    """An answer to a counterclaim: `relation` is an attack on it or an
    undercut of one of its inferences (`inference`, None for an attack)."""

    claim: Claim
    relation: Relation
    inference: Relation | None


@dataclass(frozen=True, slots=True)
class Card:
    counterclaim: Claim
    relation: Relation  # the counterclaim's attack or undercut on the side
    # What it hits: the attacked claim; for an undercut the inference's
    # source claim and (when it is a claim) its target.
    attacked: tuple[Claim, ...]
    inference: Relation | None  # the undercut inference; None for an attack
    rebuttals: tuple[Rebuttal, ...]
    order: int  # position among the side's cards, in map order
    # The critical question the counterclaim raises; for a card of an open
    # question nobody has raised yet, `relation` is the side's support (the
    # inference), `counterclaim` stands for the question, and no rebuttal.
    question: AskedQuestion | None = None

    @property
    def unraised(self) -> bool:
        """A card of an open critical question that no counterclaim raises."""
        return self.question is not None and self.relation.type is RelationType.SUPPORT

    @property
    def key(self) -> CardKey:
        return (self.counterclaim.id, self.relation.target)

    @property
    def graded(self) -> bool:
        return bool(self.rebuttals)


def check_side(amap: ArgumentMap, side: str) -> None:
    """Raise a UsageError naming the declared sides when `side` is not one."""
    if side not in amap.sides:
        known = ", ".join(amap.sides) or "the map declares none"
        raise UsageError(f"--side: no side '{side}' (sides: {known})")


def side_cards(amap: ArgumentMap, side: str) -> list[Card]:
    """The counterclaims `side` has to answer, in the order of the map's
    relations. Raises UsageError for a side the map does not declare."""
    check_side(amap, side)
    claims = amap.claim_index()
    relations = amap.relation_index()
    by_source: dict[str, list[Relation]] = {}
    into: dict[str, list[Relation]] = {}
    for relation in amap.relations:
        by_source.setdefault(relation.source, []).append(relation)
        into.setdefault(relation.target, []).append(relation)

    def answers(counterclaim: Claim) -> tuple[Rebuttal, ...]:
        found: list[Rebuttal] = [
            Rebuttal(claims[r.source], r, None)
            for r in into.get(counterclaim.id, ())
            if r.type is RelationType.ATTACK and r.source in claims
        ]
        for inference in by_source.get(counterclaim.id, ()):
            found.extend(
                Rebuttal(claims[r.source], r, inference)
                for r in into.get(inference.id, ())
                if r.type is RelationType.UNDERCUT and r.source in claims
            )
        # The side's own answers first; otherwise attacks on it, then
        # undercuts of its inferences, each in map order.
        return tuple(sorted(found, key=lambda r: r.claim.by != side))

    cards: list[Card] = []
    for relation in amap.relations:
        counterclaim = claims.get(relation.source)
        if counterclaim is None or counterclaim.by == side:
            continue
        attacked: tuple[Claim, ...] = ()
        inference = None
        if relation.type is RelationType.ATTACK:
            target = claims.get(relation.target)
            if target is not None and target.by == side:
                attacked = (target,)
        elif relation.type is RelationType.UNDERCUT:
            inference = relations.get(relation.target)
            if inference is not None and inference.source in claims:
                premise = claims[inference.source]
                if premise.by == side:
                    conclusion = claims.get(inference.target)
                    attacked = (premise,) if conclusion is None else (premise, conclusion)
        if attacked:
            cards.append(Card(counterclaim, relation, attacked, inference, answers(counterclaim), len(cards)))
    return _with_questions(amap, side, cards)


def _with_questions(amap: ArgumentMap, side: str, cards: list[Card]) -> list[Card]:
    """The cards with the critical questions of the side's inferences (a
    premise or the conclusion is the side's) that the map leaves open: a
    card whose counterclaim raises one shows it; one nobody raises yet is a
    card of its own (asked, not graded), after the others."""
    from argmap.schemes import map_schemes
    from argmap.schemes.questions import OPEN, question_states

    claims = amap.claim_index()
    relations = amap.relation_index()
    by_relation = {card.relation.id: index for index, card in enumerate(cards)}
    result = list(cards)
    for state in question_states(amap, map_schemes(amap)):
        inference = state.inference
        members = [claims[c] for c in (*inference.premises, inference.conclusion) if c in claims]
        if state.status != OPEN or not any(c.by == side for c in members):
            continue
        asked = AskedQuestion(state.scheme.id, state.scheme.name, state.question.id, state.question.text)
        raising = [by_relation[r] for r in state.raised_by if r in by_relation]
        for index in raising:
            result[index] = _asking(result[index], asked)
        if raising:
            continue
        stand_in = Claim(f"{state.scheme.id}.{state.question.id}", state.question.text)
        support = relations[inference.relation]
        result.append(Card(stand_in, support, tuple(members), support, (), len(result), asked))
    return result


def _asking(card: Card, asked: AskedQuestion) -> Card:
    return Card(
        card.counterclaim, card.relation, card.attacked, card.inference, card.rebuttals, card.order, asked
    )


# -- results --------------------------------------------------------------------


class CardRecord(NamedTuple):
    """A graded card's history: its box, the session it is next due in, and
    how often it was answered right and wrong."""

    box: int = 1
    due: int = 0
    right: int = 0
    wrong: int = 0

    @property
    def seen(self) -> bool:
        return self.right + self.wrong > 0


@dataclass(frozen=True, slots=True)
class SideResults:
    session: int = 0  # the last session that counted; 0 before the first
    records: Mapping[CardKey, CardRecord] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Results:
    """A results file: each side drilled on the map, by side id."""

    sides: Mapping[str, SideResults] = field(default_factory=dict)

    def side(self, side: str) -> SideResults:
        return self.sides.get(side, SideResults())

    def with_side(self, side: str, results: SideResults) -> Results:
        return Results({**self.sides, side: results})


def default_results_path(map_path: Path) -> Path:
    """`arguments/x.yaml` -> `arguments/x.drill.json`."""
    return map_path.with_name(map_path.stem + RESULTS_SUFFIX)


def format_results(results: Results) -> str:
    """The results file's text: JSON, sides and cards sorted by id, one card
    a line (short diffs, easy to read)."""
    sides: list[str] = []
    for side in sorted(results.sides):
        side_results = results.sides[side]
        cards = [
            "        " + dump_json({"counterclaim": key[0], "attacks": key[1], **record._asdict()})
            for key, record in sorted(side_results.records.items())
        ]
        cards_text = "[\n" + ",\n".join(cards) + "\n      ]" if cards else "[]"
        sides.append(
            f"    {dump_json(side)}: {{\n"
            f'      "session": {side_results.session},\n'
            f'      "cards": {cards_text}\n'
            "    }"
        )
    sides_text = "{\n" + ",\n".join(sides) + "\n  }" if sides else "{}"
    return f'{{\n  "argmap-drill": {RESULTS_FORMAT},\n  "sides": {sides_text}\n}}\n'


def parse_results(text: str, file: str) -> Results:
    """Read a results file's text; a file argmap did not write (or one
    damaged since) raises InputError with one line saying what is wrong."""
    if not text.strip():
        raise InputError(f"{file}:1:1: not a drill results file: it is empty")
    try:
        document = parse_json(text, file, "drill results")
    except InputError as exc:
        where = file if exc.span is None else str(exc.span)
        problem = exc.message.removeprefix("JSON syntax: ").removeprefix(f"{file}: ")
        raise InputError(f"{where}: not a drill results file: {problem}") from None
    try:
        return _results(document)
    except _NotResultsError as exc:
        raise InputError(f"{file}: not a drill results file: {exc}") from None


def read_results(path: Path) -> Results:
    """The results in `path`; empty when the file does not exist yet."""
    if not path.exists():
        return Results()
    return parse_results(read_text(path, "drill results file"), str(path))


class _NotResultsError(Exception):
    """What is wrong with a results document (becomes one InputError line)."""


def _object(value: Any, where: str, keys: Iterable[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _NotResultsError(f"{where} is not an object")
    expected = set(keys)
    missing = sorted(expected - value.keys())
    unknown = sorted(value.keys() - expected)
    if missing:
        raise _NotResultsError(f"{where} has no '{missing[0]}'")
    if unknown:
        raise _NotResultsError(f"{where} has an unknown key '{unknown[0]}'")
    return value


def _count(value: Any, where: str, least: int = 0, most: int | None = None) -> int:
    if type(value) is not int or value < least or (most is not None and value > most):
        limit = f"from {least} to {most}" if most is not None else f"{least} or more"
        raise _NotResultsError(f"{where} must be a whole number {limit}, not {json.dumps(value)}")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise _NotResultsError(f"{where} must be a non-empty string, not {json.dumps(value)}")
    return value


def _results(document: Any) -> Results:
    top = _object(document, "the file", ("argmap-drill", "sides"))
    if top["argmap-drill"] != RESULTS_FORMAT:
        raise _NotResultsError(f"format {json.dumps(top['argmap-drill'])} is not {RESULTS_FORMAT}")
    if not isinstance(top["sides"], dict):
        raise _NotResultsError("'sides' is not an object")
    sides: dict[str, SideResults] = {}
    for side, value in top["sides"].items():
        where = f"side '{side}'"
        entry = _object(value, where, ("session", "cards"))
        session = _count(entry["session"], f"{where}: session")
        if not isinstance(entry["cards"], list):
            raise _NotResultsError(f"{where}: 'cards' is not a list")
        records: dict[CardKey, CardRecord] = {}
        for number, raw in enumerate(entry["cards"], 1):
            at = f"{where}, card {number}"
            card = _object(raw, at, ("counterclaim", "attacks", *CardRecord._fields))
            key = (
                _text(card["counterclaim"], f"{at}: counterclaim"),
                _text(card["attacks"], f"{at}: attacks"),
            )
            if key in records:
                raise _NotResultsError(f"{at}: {key[0]} -> {key[1]} is there twice")
            records[key] = CardRecord(
                box=_count(card["box"], f"{at}: box", 1, BOXES),
                due=_count(card["due"], f"{at}: due"),
                right=_count(card["right"], f"{at}: right"),
                wrong=_count(card["wrong"], f"{at}: wrong"),
            )
        sides[side] = SideResults(session, records)
    return Results(sides)


# -- scheduling -------------------------------------------------------------------


def interval(box: int) -> int:
    """Sessions until a card in `box` is due again."""
    return int(2 ** (box - 1))


def grade(record: CardRecord | None, right: bool, session: int) -> CardRecord:
    """A card's record after it was answered right or wrong in `session`."""
    before = record or CardRecord()
    if right:
        box = min(before.box + 1, BOXES)
        return CardRecord(box, session + interval(box), before.right + 1, before.wrong)
    return CardRecord(1, session + interval(1), before.right, before.wrong + 1)


@dataclass(frozen=True, slots=True)
class SessionPlan:
    number: int  # this session's number
    questions: tuple[Card, ...]  # in the order to ask them
    dropped: tuple[CardKey, ...]  # records whose card is no longer in the map
    not_due: int  # graded cards this session does not ask


def plan_session(cards: Iterable[Card], results: SideResults, limit: int | None = None) -> SessionPlan:
    """What a session asks, given the side's cards and its results so far."""
    cards = list(cards)
    current = {card.key for card in cards}
    dropped = tuple(sorted(key for key in results.records if key not in current))
    graded = [(card, results.records.get(card.key, CardRecord())) for card in cards if card.graded]
    number = results.session + 1
    if graded and all(record.due > number for _, record in graded):
        number = min(record.due for _, record in graded)
    due = sorted(
        ((card, record) for card, record in graded if record.due <= number),
        key=lambda pair: (pair[1].box, not pair[1].seen, pair[0].order),
    )
    questions = [card for card, _ in due] + [card for card in cards if not card.graded]
    if limit is not None:
        questions = questions[:limit]
    return SessionPlan(number, tuple(questions), dropped, len(graded) - len(due))


def finish_session(results: SideResults, plan: SessionPlan, grades: Mapping[CardKey, bool]) -> SideResults:
    """The side's results after a session: its grades applied, the dropped
    records gone, and the session counted if anything was graded."""
    records = {key: record for key, record in results.records.items() if key not in plan.dropped}
    for key, right in grades.items():
        records[key] = grade(records.get(key), right, plan.number)
    return SideResults(plan.number if grades else results.session, records)
