"""A debate brief for one side: what is open, what to attack, what stands.

Pure: an ArgumentMap and a side id in, a typed :class:`Brief` out; the
renderers in argmap/render/brief.py turn it into text, Markdown, HTML or
JSON. docs/prep.md explains each part and the rules; in short:

Whose claim is whose
    A claim is the side's **own** when its ``by`` is the side. Every other
    claim takes its stance from the map's structure, reached from the side's
    own claims by a breadth-first search over the relations: a support
    joins two claims on the same side, an attack two claims on opposite
    sides, and an undercut stands against whatever the relation it
    undercuts helps (a support helps its target, an attack works against its
    target; an undercut of an undercut helps what the first one hurt). The
    nearest of the side's claims decides; its own claims are never
    re-decided. A claim the search never reaches is **against** the side
    when another declared side makes it, and **neutral** when nobody does.
    So in a map with more than two parties (an essay's author, a critic) a
    claim is counted by what it argues, not by who says it.

The side's **case** is its own claims and those **for** it.

Hits and answers
    A *hit* is an attack on a claim in the case, or an undercut of a
    relation whose source is in the case (the side's own step from a premise
    to a conclusion, or its own attack). A hit is **answered** when the map
    holds an attack on the hitting claim or an undercut of the hit relation.
    Under grounded semantics it is then **defeated** when the attack is out
    (its attacker, or its inference node, is out: an attacker that is itself
    defeated counts as answered), and **standing** when an answer is mapped
    but the attack is still in or undecided. An unanswered hit is **open**.
    Open hits come nearest the map's conclusions first (the level of the
    relation: an attack on a conclusion is level 1, on its premise or an
    undercut of the premise's step level 2, ...), then by force (the hit's
    DF-QuAD contribution: the attacker's strength times its inference's),
    then in map order.

Open critical questions
    An inference (a support, or a linked group) that names an argument
    scheme is tested by the scheme's critical questions; those the map does
    not mark answered or conceded are open (argmap.schemes.questions). The
    side must be ready to answer those of inferences for its case
    ("defend"), and can put those of the others ("ask"); an attack or
    undercut that names a question has raised it.

Lines
    A *line* of a claim is one reason into it: a support (a linked group is
    one line, its members together) or an attack. Its force is its DF-QuAD
    contribution (the product of strength(premise) * strength(inference)
    over its members). Its chain follows, from the line's premise(s), the
    reason of greatest force into them, then into that one's, up to
    CHAIN_LENGTH links, stopping before it comes back to a claim already on
    it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping

from argmap.analysis.brief import (
    AnswerState,
    Assumption,
    Brief,
    Camp,
    Card,
    Hit,
    Item,
    Line,
    OpenQuestion,
    Quote,
    Reason,
    Reply,
    RootView,
    Stance,
    Step,
    Unattacked,
)
from argmap.analysis.evaluate import dfquad, grounded
from argmap.analysis.focus import claim_levels
from argmap.errors import UsageError
from argmap.formats.framework import framework_from_map
from argmap.model import ArgumentMap, Claim, Label, Relation, RelationType, inference_ids, linked_groups

__all__ = [
    "CHAIN_LENGTH",
    "AnswerState",
    "Assumption",
    "Brief",
    "Camp",
    "Card",
    "Hit",
    "Item",
    "Line",
    "OpenQuestion",
    "Quote",
    "Reason",
    "Reply",
    "RootView",
    "Stance",
    "Step",
    "Unattacked",
    "build_brief",
]

CHAIN_LENGTH = 4


def _benefit(relation: Relation, by_id: Mapping[str, Relation]) -> tuple[str, int] | None:
    """The claim a relation works for (+1) or against (-1): a support for its
    target, an attack against it, an undercut against what it undercuts
    works for. None for an undercut chain that leads nowhere."""
    sign = 1
    seen: set[str] = set()
    while relation.type is RelationType.UNDERCUT:
        if relation.id in seen or relation.target not in by_id:
            return None
        seen.add(relation.id)
        sign = -sign
        relation = by_id[relation.target]
    return relation.target, sign if relation.type is RelationType.SUPPORT else -sign


_LABEL_RANK = {Label.OUT: 0, Label.UNDEC: 1, Label.IN: 2}


def _weakened(step: Relation) -> str:
    """The claim an undercut of `step` weakens: a support's conclusion, or
    the source of an attack or undercut (whose blow it blunts)."""
    return step.target if step.type is RelationType.SUPPORT else step.source


def stances(amap: ArgumentMap, side: str) -> dict[str, Stance]:
    """Every claim's stance relative to `side` (the module docstring)."""
    by_id = amap.relation_index()
    edges: dict[str, list[tuple[str, int]]] = {}
    for relation in by_id.values():
        benefit = _benefit(relation, by_id)
        if benefit is None:
            continue
        other, sign = benefit
        edges.setdefault(relation.source, []).append((other, sign))
        edges.setdefault(other, []).append((relation.source, sign))
    sign_of: dict[str, int] = {c.id: 1 for c in amap.claims if c.by == side}
    queue = deque(sign_of)
    while queue:
        reached = queue.popleft()
        for other, sign in edges.get(reached, ()):
            if other not in sign_of:
                sign_of[other] = sign * sign_of[reached]
                queue.append(other)
    result: dict[str, Stance] = {}
    for claim in amap.claims:
        if claim.id in result:
            continue
        if claim.by == side:
            result[claim.id] = Stance.OWN
        elif claim.id in sign_of:
            result[claim.id] = Stance.FOR if sign_of[claim.id] > 0 else Stance.AGAINST
        else:
            result[claim.id] = Stance.AGAINST if claim.by in amap.sides else Stance.NEUTRAL
    return result


class _Builder:
    """The evaluations and indexes every part of the brief reads."""

    def __init__(self, amap: ArgumentMap, side: str) -> None:
        self.amap = amap
        self.claims = amap.claim_index()
        self.order = {c: i for i, c in enumerate(self.claims)}
        self.relations = amap.relation_index()
        self.relation_order = {r: i for i, r in enumerate(self.relations)}
        self.into: dict[str, list[Relation]] = {}
        self.out: dict[str, list[Relation]] = {}
        for relation in self.relations.values():
            self.into.setdefault(relation.target, []).append(relation)
            self.out.setdefault(relation.source, []).append(relation)
        framework = framework_from_map(amap)
        ground = grounded(framework)
        gradual = dfquad(framework)
        self.labels = {**ground.labels, **ground.inference_labels}
        self.strengths = {**gradual.strengths, **gradual.inference_strengths}
        self.converged = gradual.converged
        self.stance = stances(amap, side)
        self.levels = claim_levels(amap)
        # Relation id -> its linked group's relations (a joint attack).
        self.group_of = {r.id: members for members in linked_groups(amap.relations).values() for r in members}
        self.inference_of = inference_ids(amap.relations)
        self._items: dict[str, Item] = {}

    def item(self, claim_id: str) -> Item:
        found = self._items.get(claim_id)
        if found is None:
            claim = self.claims[claim_id]
            found = Item(
                claim.id,
                " ".join(claim.text.split()),
                claim.by,
                self._side_name(claim.by),
                self.stance[claim.id],
                self.labels[claim.id],
                self.strengths[claim.id],
                self.levels.get(claim.id, 0),
            )
            self._items[claim_id] = found
        return found

    def in_case(self, claim_id: str) -> bool:
        return self.stance.get(claim_id) in (Stance.OWN, Stance.FOR)

    def force(self, relation: Relation) -> float:
        """DF-QuAD contribution: strength(source) * strength(inference)."""
        return self.strengths[relation.source] * self.strengths.get(relation.id, 1.0)

    def relation_level(self, relation: Relation) -> int:
        seen: set[str] = set()
        extra = 1
        while relation.type is RelationType.UNDERCUT and relation.target in self.relations:
            if relation.id in seen:
                break
            seen.add(relation.id)
            relation = self.relations[relation.target]
            extra += 1
        return self.levels.get(relation.target, 0) + extra

    def undercutters(self, relation_id: str) -> list[Relation]:
        return [u for u in self.into.get(relation_id, ()) if u.type is RelationType.UNDERCUT]

    def hit(self, relation: Relation) -> Hit:
        """An attack or undercut, with the answers mapped to it (for a
        member of a linked attack, the answers to any member: the joint
        attack fails with any of them)."""
        members = self.group_of.get(relation.id, [relation])
        replies = [
            Reply(a.id, RelationType.ATTACK, self.item(a.source))
            for member in members
            for a in self.into.get(member.source, ())
            if a.type is RelationType.ATTACK
        ]
        replies += [
            Reply(u.id, RelationType.UNDERCUT, self.item(u.source))
            for member in members
            for u in self.undercutters(member.id)
        ]
        label = self.labels.get(self.inference_of.get(relation.id, relation.id)) or min(
            (self.labels[m.source] for m in members), key=_LABEL_RANK.__getitem__
        )
        if label is Label.OUT:
            state = AnswerState.DEFEATED
        else:
            state = AnswerState.STANDING if replies else AnswerState.OPEN
        step = None
        claim = relation.target
        if relation.type is RelationType.UNDERCUT:
            target = self.relations[relation.target]
            linked = tuple(r.source for r in self.group_of.get(target.id, ()))
            step = Step(target.id, target.type, target.source, target.target, linked)
            claim = _weakened(target)
        return Hit(
            relation.id,
            relation.type,
            self.item(relation.source),
            claim,
            step,
            self.relation_level(relation),
            self.force(relation),
            label,
            state,
            tuple(replies),
        )

    def hits_on_case(self) -> list[Hit]:
        found = []
        for relation in self.relations.values():
            if relation.type is RelationType.ATTACK:
                on_case = self.in_case(relation.target)
            elif relation.type is RelationType.UNDERCUT:
                target = self.relations.get(relation.target)
                on_case = target is not None and self.in_case(target.source)
            else:
                on_case = False
            if on_case:
                found.append(self.hit(relation))
        found.sort(key=lambda h: (h.level, -h.force, self.relation_order[h.relation]))
        return found

    def unattacked(self) -> list[Unattacked]:
        attacked = {r.target for r in self.relations.values() if r.type is RelationType.ATTACK}
        hits: dict[str, list[str]] = {}
        undercut_by: dict[str, list[str]] = {}
        for relation in self.relations.values():
            if relation.type is RelationType.ATTACK and self.in_case(relation.target):
                hits.setdefault(relation.source, []).append(relation.target)
            if relation.type is RelationType.UNDERCUT and relation.target in self.relations:
                target = self.relations[relation.target]
                if self.in_case(target.source):
                    hits.setdefault(relation.source, []).append(_weakened(target))
                undercut_by.setdefault(target.source, []).append(relation.source)
        found = [
            Unattacked(
                self.item(c),
                tuple(dict.fromkeys(hits.get(c, ()))),
                tuple(dict.fromkeys(undercut_by.get(c, ()))),
            )
            for c in self.claims
            if self.stance[c] is Stance.AGAINST and c not in attacked
        ]
        found.sort(key=lambda u: (not u.hits, u.claim.level, -u.claim.strength, self.order[u.claim.id]))
        return found

    def reasons(self, claim_id: str) -> list[Reason]:
        """Every support (linked groups whole) and attack into a claim, in map order."""
        grouped: dict[tuple[RelationType, str], list[Relation]] = {}
        for relation in self.into.get(claim_id, ()):
            if relation.type is not RelationType.UNDERCUT:
                key = (relation.type, relation.group if relation.group is not None else "\0" + relation.id)
                grouped.setdefault(key, []).append(relation)
        found = []
        for (kind, _), members in grouped.items():
            force = 1.0
            for relation in members:
                force *= self.force(relation)
            undercuts = [self.item(u.source) for r in members for u in self.undercutters(r.id)]
            found.append(
                Reason(
                    kind,
                    members[0].group or members[0].id,
                    tuple(self.item(r.source) for r in members),
                    force,
                    tuple(dict.fromkeys(undercuts)),
                )
            )
        return found

    def line(self, reason: Reason, top: str) -> Line:
        seen = {top, *(m.id for m in reason.members)}
        chain: list[Reason] = []
        current = reason.members
        while len(chain) < CHAIN_LENGTH:
            candidates = [r for m in current for r in self.reasons(m.id)]
            if not candidates:
                break
            best = max(candidates, key=lambda r: r.force)
            if any(m.id in seen for m in best.members):
                break
            chain.append(best)
            seen.update(m.id for m in best.members)
            current = best.members
        return Line(reason, tuple(chain))

    def root_view(self, claim_id: str) -> RootView:
        lines = [self.line(r, claim_id) for r in self.reasons(claim_id)]
        lines.sort(key=lambda line: -line.reason.force)
        return RootView(self.item(claim_id), tuple(lines))

    def quotes(self, claims: Iterable[str]) -> list[Quote]:
        found = []
        for claim_id in dict.fromkeys(claims):
            for ref in self.claims[claim_id].all_sources():
                if ref.quote is None:
                    continue
                source = self.amap.sources.get(ref.ref) if ref.ref is not None else None
                title = (source.title or source.id) if source is not None else ref.ref
                found.append(Quote(claim_id, " ".join(ref.quote.split()), title, ref.loc))
        return found

    def card(self, claim_id: str) -> Card:
        reasons = self.reasons(claim_id)
        premises = [r for r in reasons if r.kind is RelationType.SUPPORT]
        counters = [self.hit(r) for r in self.into.get(claim_id, ()) if r.type is RelationType.ATTACK]
        # A claim that is not a conclusion has steps of its own, which may be undercut.
        for relation in self.out.get(claim_id, ()):
            counters += [self.hit(u) for u in self.undercutters(relation.id)]
        for premise in premises:
            members = {m.id for m in premise.members}
            for relation in self.into.get(claim_id, ()):
                if relation.type is RelationType.SUPPORT and relation.source in members:
                    counters += [self.hit(u) for u in self.undercutters(relation.id)]
            for member in premise.members:
                counters += [
                    self.hit(a) for a in self.into.get(member.id, ()) if a.type is RelationType.ATTACK
                ]
        # Once each (a premise may be attacked twice over); the ones still
        # standing first, the hardest hitting first.
        unique = list({h.relation: h for h in counters}.values())
        unique.sort(key=lambda h: (h.state is AnswerState.DEFEATED, -h.force))
        backing = [claim_id, *(m.id for p in premises for m in p.members)]
        return Card(self.item(claim_id), tuple(premises), tuple(self.quotes(backing)), tuple(unique))

    def open_questions(self) -> tuple[OpenQuestion, ...] | None:
        """The open critical questions, the side's own inferences' first
        (to defend), then the others' (to ask), each in map order; None
        when no inference names a scheme the map knows."""
        from argmap.schemes import map_schemes
        from argmap.schemes.questions import OPEN, question_states

        states = list(question_states(self.amap, map_schemes(self.amap)))
        if not states:
            return None
        found = []
        for state in states:
            if state.status != OPEN:
                continue
            inference = state.inference
            raised = tuple(
                Reply(r, self.relations[r].type, self.item(self.relations[r].source)) for r in state.raised_by
            )
            found.append(
                OpenQuestion(
                    inference.relation,
                    inference.relations,
                    state.scheme.id,
                    state.scheme.name,
                    state.question.id,
                    state.question.text,
                    "defend" if self.in_case(inference.conclusion) else "ask",
                    self.item(inference.conclusion),
                    tuple(self.item(p) for p in inference.premises),
                    raised,
                )
            )
        found.sort(key=lambda q: q.role != "defend")
        return tuple(found)

    def main_claims(self, roots: Iterable[Claim]) -> list[str]:
        """The side's own claims, not conclusions, that support none of its
        own: the heads of its arguments (a premise of one is on its card)."""
        skip = {c.id for c in roots}
        for relation in self.relations.values():
            if relation.type is RelationType.SUPPORT and self.stance.get(relation.target) is Stance.OWN:
                skip.add(relation.source)
        return [c for c in self.claims if self.stance[c] is Stance.OWN and c not in skip]

    def camps(self) -> list[Camp]:
        counts: dict[tuple[str | None, Stance], int] = {}
        for claim in self.claims.values():
            key = (claim.by, self.stance[claim.id])
            counts[key] = counts.get(key, 0) + 1
        rank = {s: i for i, s in enumerate(Stance)}
        sides = {s: i for i, s in enumerate(self.amap.sides)}
        keys = sorted(counts, key=lambda k: (rank[k[1]], sides.get(k[0] or "", len(sides)), k[0] or ""))
        return [Camp(by, self._side_name(by), stance, counts[(by, stance)]) for by, stance in keys]

    def _side_name(self, side: str | None) -> str | None:
        found = self.amap.sides.get(side) if side is not None else None
        return (found.name or found.id) if found is not None else side


def build_brief(amap: ArgumentMap, side: str, root: str | None = None) -> Brief:
    """The brief for `side` (a declared side id) on a valid map; `root`
    narrows the roots and cards to that one claim (any claim of the map).

    Cards: one per conclusion, then one per *main claim* of the side: its
    own claims, other than conclusions, that support none of its own (in
    the essay's map, Trotsky's permanent revolution, which attacks Stalin's
    conclusion and supports the essay's).

    Raises UsageError for an unknown side or root."""
    if side not in amap.sides:
        known = ", ".join(amap.sides) or "none are declared"
        raise UsageError(f"no side {side!r} in {amap.file} (sides: {known})")
    if root is not None and root not in amap.claim_index():
        raise UsageError(f"--root: no claim has id {root!r}")
    builder = _Builder(amap, side)
    hits = builder.hits_on_case()
    tops: list[Claim] = [builder.claims[root]] if root is not None else amap.roots()
    carded = [c.id for c in tops] if root is not None else [c.id for c in tops] + builder.main_claims(tops)
    case_gaps = [
        builder.item(c.id) for c in builder.claims.values() if builder.in_case(c.id) and c.source is None
    ]
    case_gaps.sort(key=lambda i: (i.stance is not Stance.OWN, i.level, builder.order[i.id]))
    assumptions = [
        Assumption(builder.item(c.id), "defend" if builder.in_case(c.id) else "attack")
        for c in builder.claims.values()
        if c.implicit
    ]
    assumptions.sort(key=lambda a: (a.action != "defend", a.claim.level, builder.order[a.claim.id]))
    declared = amap.sides[side]
    return Brief(
        title=amap.title,
        file=amap.file,
        side=side,
        side_name=declared.name or side,
        camps=tuple(builder.camps()),
        hits=tuple(hits),
        unattacked=tuple(builder.unattacked()),
        roots=tuple(builder.root_view(c.id) for c in tops),
        gaps=tuple(case_gaps),
        cards=tuple(builder.card(c) for c in carded),
        converged=builder.converged,
        questions=builder.open_questions(),
        assumptions=tuple(assumptions),
    )
