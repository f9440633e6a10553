"""A debate brief as data: :class:`Brief` and its parts (items, hits,
reasons, lines, cards, camps), and its JSON. argmap.analysis.prep builds
it; argmap/render/brief.py lays it out."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from argmap.model import Label, RelationType


class Stance(StrEnum):
    """Where a claim stands relative to the side the brief is for."""

    OWN = "own"
    FOR = "for"
    AGAINST = "against"
    NEUTRAL = "neutral"


class AnswerState(StrEnum):
    OPEN = "open"  # no answer mapped
    STANDING = "standing"  # answered on the map, but the attack is still in or undecided
    DEFEATED = "defeated"  # the attack is out under grounded semantics


class Item(NamedTuple):
    """A claim as the brief shows it: its grounded label and DF-QuAD strength."""

    id: str
    text: str
    by: str | None
    by_name: str | None  # the side's display name
    stance: Stance
    status: Label
    strength: float
    level: int  # below the map's conclusions (0: a conclusion)


class Step(NamedTuple):
    """A relation an undercut attacks: `source` supports, attacks or
    undercuts `target` (a claim id, or a relation id for an undercut)."""

    relation: str
    kind: RelationType
    source: str
    target: str
    # For the inference of a linked group: all its members' sources.
    linked: tuple[str, ...] = ()


class Reply(NamedTuple):
    """An answer mapped to a hit: an attack on the hitting claim, or an
    undercut of the hit relation."""

    relation: str
    kind: RelationType
    claim: Item


class Hit(NamedTuple):
    """An attack on a claim, or an undercut of a step (`step`).

    `claim` is the claim the hit weakens: the attacked claim; for an
    undercut of a support, the supported claim; of an attack or an
    undercut, its source (whose blow it blunts)."""

    relation: str
    kind: RelationType
    attacker: Item
    claim: str
    step: Step | None
    level: int
    force: float
    label: Label  # of the attack: its attacker, or its inference node when undercut
    state: AnswerState
    replies: tuple[Reply, ...]


class Unattacked(NamedTuple):
    """An opposing claim nothing attacks; `hits` are the case's claims it
    weakens, `undercut_by` the claims undercutting its own steps."""

    claim: Item
    hits: tuple[str, ...]
    undercut_by: tuple[str, ...]


class Reason(NamedTuple):
    """One reason into a claim: a support (all members of a linked group
    together) or an attack, with its DF-QuAD force and the claims that
    undercut its step."""

    kind: RelationType
    relation: str  # the relation id, or the group id for a linked group
    members: tuple[Item, ...]
    force: float
    undercut_by: tuple[Item, ...]


class Line(NamedTuple):
    reason: Reason
    chain: tuple[Reason, ...]  # the strongest reason into it, and into that, ...


class RootView(NamedTuple):
    """A conclusion: its lines by force, strongest first."""

    claim: Item
    lines: tuple[Line, ...]

    @property
    def strongest(self) -> Line | None:
        return self.lines[0] if self.lines else None

    @property
    def weakest(self) -> Line | None:
        return self.lines[-1] if len(self.lines) > 1 else None


class Quote(NamedTuple):
    claim: str
    quote: str
    source: str | None  # the source's title (its id when untitled)
    loc: str | None


class Card(NamedTuple):
    """What to know about one claim: its premises, the quotes behind the
    claim and its premises, and the counterclaims (attacks on it and on its
    premises, undercuts of its premises' steps and of its own) with the replies
    mapped to each: those not defeated first, then by force, then in map
    order."""

    claim: Item
    premises: tuple[Reason, ...]
    quotes: tuple[Quote, ...]
    counters: tuple[Hit, ...]


class OpenQuestion(NamedTuple):
    """A critical question of an inference's scheme that the map leaves
    open (argmap.schemes.questions). `role` is "defend" when the inference
    argues for the side's case (be ready to answer it), "ask" when it argues
    against (a question to put)."""

    relation: str  # the inference: its support relation (a linked group's first)
    relations: tuple[str, ...]
    scheme: str
    scheme_name: str
    question: str  # its id in the scheme: CQ1, ...
    text: str
    role: str
    conclusion: Item
    premises: tuple[Item, ...]
    raised_by: tuple[Reply, ...]  # the attacks and undercuts that raise it


class Camp(NamedTuple):
    """How many claims a side (None: claims with no `by`) has on each stance."""

    side: str | None
    name: str | None
    stance: Stance
    claims: int


class Assumption(NamedTuple):
    """An implicit premise (`implicit: true`): an unstated assumption the
    side must `defend` (it is in the case) or may `attack` (it is not)."""

    claim: Item
    action: str  # "defend" or "attack"


@dataclass(frozen=True, slots=True)
class Brief:
    title: str | None
    file: str
    side: str
    side_name: str
    camps: tuple[Camp, ...]
    hits: tuple[Hit, ...]  # every hit on the case, the first to come first
    unattacked: tuple[Unattacked, ...]
    roots: tuple[RootView, ...]
    gaps: tuple[Item, ...]  # claims in the case with no source
    cards: tuple[Card, ...]  # per conclusion, then per main claim of the side
    converged: bool = True  # DF-QuAD settled
    # Open critical questions of the inferences that name a scheme; None
    # when none does (the brief then has no such part).
    questions: tuple[OpenQuestion, ...] | None = None
    # Implicit premises anywhere in the map, the case's (to defend) first.
    assumptions: tuple[Assumption, ...] = ()

    @property
    def open(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.state is AnswerState.OPEN)

    @property
    def standing(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.state is AnswerState.STANDING)

    @property
    def defeated(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.state is AnswerState.DEFEATED)

    @property
    def own_claims(self) -> int:
        return sum(c.claims for c in self.camps if c.stance is Stance.OWN)

    def to_json(self) -> dict[str, Any]:
        """The brief as plain data (docs/prep.md lists the keys)."""
        return (
            {
                "file": self.file,
                "title": self.title,
                "side": self.side,
                "side_name": self.side_name,
                "converged": self.converged,
                "camps": [c._asdict() for c in self.camps],
                "hits": [_hit_json(h) for h in self.hits],
                "unattacked": [
                    {"claim": _item_json(u.claim), "hits": list(u.hits), "undercut_by": list(u.undercut_by)}
                    for u in self.unattacked
                ],
                "roots": [
                    {"claim": _item_json(r.claim), "lines": [_line_json(line) for line in r.lines]}
                    for r in self.roots
                ],
                "gaps": [_item_json(g) for g in self.gaps],
                "cards": [
                    {
                        "claim": _item_json(c.claim),
                        "premises": [_reason_json(p) for p in c.premises],
                        "quotes": [q._asdict() for q in c.quotes],
                        "counters": [_hit_json(h) for h in c.counters],
                    }
                    for c in self.cards
                ],
            }
            | (
                {}
                if self.questions is None
                else {"open_questions": [_question_json(q) for q in self.questions]}
            )
            | self._assumptions_json()
        )

    def _assumptions_json(self) -> dict[str, Any]:
        """`assumptions`, an optional key: present when the map marks implicit premises."""
        if not self.assumptions:
            return {}
        return {"assumptions": [{"claim": _item_json(a.claim), "action": a.action} for a in self.assumptions]}


def _item_json(item: Item) -> dict[str, Any]:
    return {
        "id": item.id,
        "text": item.text,
        "by": item.by,
        "stance": item.stance.value,
        "status": item.status.value,
        "strength": round(item.strength, 6),
        "level": item.level,
    }


def _step_json(step: Step) -> dict[str, Any]:
    """The step; `linked` (an optional key) only for a linked group's inference."""
    document: dict[str, Any] = {
        "relation": step.relation,
        "kind": step.kind.value,
        "source": step.source,
        "target": step.target,
    }
    if step.linked:
        document["linked"] = list(step.linked)
    return document


def _hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "relation": hit.relation,
        "kind": hit.kind.value,
        "attacker": _item_json(hit.attacker),
        "claim": hit.claim,
        "step": None if hit.step is None else _step_json(hit.step),
        "level": hit.level,
        "force": round(hit.force, 6),
        "label": hit.label.value,
        "state": hit.state.value,
        "replies": [
            {"relation": r.relation, "kind": r.kind.value, "claim": _item_json(r.claim)} for r in hit.replies
        ],
    }


def _reason_json(reason: Reason) -> dict[str, Any]:
    return {
        "kind": reason.kind.value,
        "relation": reason.relation,
        "members": [_item_json(m) for m in reason.members],
        "force": round(reason.force, 6),
        "undercut_by": [_item_json(u) for u in reason.undercut_by],
    }


def _line_json(line: Line) -> dict[str, Any]:
    return _reason_json(line.reason) | {"chain": [_reason_json(r) for r in line.chain]}


def _question_json(question: OpenQuestion) -> dict[str, Any]:
    return {
        "relation": question.relation,
        "relations": list(question.relations),
        "scheme": question.scheme,
        "scheme_name": question.scheme_name,
        "question": question.question,
        "text": question.text,
        "role": question.role,
        "conclusion": _item_json(question.conclusion),
        "premises": [_item_json(p) for p in question.premises],
        "raised_by": [
            {"relation": r.relation, "kind": r.kind.value, "claim": _item_json(r.claim)}
            for r in question.raised_by
        ],
    }
