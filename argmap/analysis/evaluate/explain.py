"""Why an argument has its label (the attackers that give it, as a chain)
or its gradual strength (the contribution of each reason)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from argmap.analysis.evaluate.dung import IN, LABELS, OUT, UNDEC, grounded_labelling
from argmap.analysis.evaluate.gradual import MAX_ITERATIONS, TOLERANCE, base_scores, gradual_terms, strengths
from argmap.analysis.evaluate.influence import INFLUENCES, contribution
from argmap.analysis.evaluate.results import Evaluation, project
from argmap.formats.framework import Framework
from argmap.model import Label, Semantics

# -- why -----------------------------------------------------------------------


class Step(NamedTuple):
    """One link of an explanation: an argument, its label, and the arguments
    that give it that label. An in argument: all its attackers (each out);
    an out argument: the in attacker that defeats it; an undecided one: its
    undecided attackers. `repeated`: explained above (a cycle), not again;
    `truncated`: the chain stops here for length."""

    id: str
    label: Label
    inference: bool
    because: tuple[Step, ...] = ()
    repeated: bool = False
    truncated: bool = False


class Attacker(NamedTuple):
    """An attack on the argument explained. A joint attack (a linked
    group) has its `members`; its id joins theirs with '+', its label is the
    weakest of theirs, and it is defeated by whatever is in and attacks a member."""

    id: str
    label: Label
    inference: bool
    defeated_by: tuple[str, ...]  # its attackers that are in
    members: tuple[str, ...] = ()


class Chain(NamedTuple):
    """Why an argument has its label in one labelling: `extension` is the
    index of its claims in the evaluation's extensions (None for grounded);
    two chains share it when their extensions differ only in inferences."""

    extension: int | None
    label: Label
    attackers: tuple[Attacker, ...]
    step: Step


class Contribution(NamedTuple):
    """A reason's part in a gradual strength: `relation` (or group) id, its
    source(s), attack or support, and weight * strength(source) *
    strength(inference)."""

    relation: str
    sources: tuple[str, ...]
    attack: bool
    value: float


@dataclass(frozen=True, slots=True)
class Why:
    id: str
    semantics: Semantics
    inference: bool
    chains: tuple[Chain, ...] = ()  # Dung semantics: one per extension (one for grounded)
    base: float | None = None  # gradual semantics from here on
    strength: float | None = None
    attack: float | None = None
    support: float | None = None
    contributions: tuple[Contribution, ...] = ()

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {"id": self.id, "semantics": self.semantics.value}
        if not self.semantics.dung:
            document.update(
                base=self.base,
                strength=self.strength,
                attack=self.attack,
                support=self.support,
                contributions=[c._asdict() | {"sources": list(c.sources)} for c in self.contributions],
            )
            return document
        document["chains"] = [
            {
                "extension": chain.extension,
                "label": chain.label.value,
                "attackers": [
                    {"id": a.id, "label": a.label.value, "defeated_by": list(a.defeated_by)}
                    | ({"members": list(a.members)} if a.members else {})
                    for a in chain.attackers
                ],
                "chain": _step_json(chain.step),
            }
            for chain in self.chains
        ]
        return document


def _step_json(step: Step) -> dict[str, Any]:
    document: dict[str, Any] = {"id": step.id, "label": step.label.value}
    if step.inference:
        document["inference"] = True
    if step.repeated:
        document["repeated"] = True
    if step.truncated:
        document["truncated"] = True
    if step.because:
        document["because"] = [_step_json(s) for s in step.because]
    return document


def why(result: Evaluation, framework: Framework, argument: str, depth: int = 6) -> Why:
    """Why `argument` (a claim or inference id) has its label or strength:
    its attackers, which of them are defeated and by what, as a chain of at
    most `depth` links. Raises KeyError for an unknown id."""
    target = framework.index[argument]
    inference = target >= framework.claim_count
    if not result.semantics.dung:
        return _why_gradual(framework, target, inference, result.semantics)
    if result.semantics is Semantics.GROUNDED:
        label, defeater = grounded_labelling(framework)
        labellings: list[tuple[int | None, list[int], list[tuple[int, ...]]]] = [(None, label, defeater)]
    else:
        position = {e: i for i, e in enumerate(result.extensions)}
        labellings = [
            (position[project(framework, extension)], *_labelling_of(framework, extension))
            for extension in result.full_extensions
        ]
    chains = []
    for number, label, defeater in labellings:
        labels = [LABELS[x] for x in label]
        attackers = tuple(_attacker(framework, label, members) for members in framework.attack_sets[target])
        step = _explain(framework, labels, defeater, target, depth, set())
        chains.append(Chain(number, labels[target], attackers, step))
    return Why(argument, result.semantics, inference, tuple(chains))


_STRENGTH = {OUT: 0, UNDEC: 1, IN: 2}


def _attacker(framework: Framework, label: list[int], members: tuple[int, ...]) -> Attacker:
    names = framework.arguments
    weakest = min((label[m] for m in members), key=_STRENGTH.__getitem__)
    defeated_by = tuple(
        dict.fromkeys(
            "+".join(names[c] for c in attack)
            for m in members
            for attack in framework.attack_sets[m]
            if all(label[c] == IN for c in attack)
        )
    )
    return Attacker(
        "+".join(names[m] for m in members),
        LABELS[weakest],
        any(m >= framework.claim_count for m in members),
        defeated_by,
        tuple(names[m] for m in members) if len(members) > 1 else (),
    )


def _labelling_of(framework: Framework, extension: frozenset[int]) -> tuple[list[int], list[tuple[int, ...]]]:
    """The labelling of an extension: in, out when a set of members attacks
    it (the first such set is its defeater), undecided otherwise."""
    label = [IN if i in extension else UNDEC for i in range(len(framework.arguments))]
    defeater: list[tuple[int, ...]] = [()] * len(label)
    for i, attacks in enumerate(framework.attack_sets):
        if label[i] == UNDEC:
            for members in attacks:
                if all(m in extension for m in members):
                    label[i], defeater[i] = OUT, members
                    break
    return label, defeater


def _reasons(
    framework: Framework, labels: list[Label], defeater: list[tuple[int, ...]], node: int
) -> list[int]:
    """The arguments that give `node` its label: for an in argument, one out
    member of each attack on it; for an out one, its defeaters; for an
    undecided one, the undecided members of the attacks still standing."""
    attacks = framework.attack_sets[node]
    if labels[node] is Label.IN:
        return [next((m for m in members if labels[m] is Label.OUT), members[0]) for members in attacks]
    if labels[node] is Label.OUT:
        return list(defeater[node])
    standing = [members for members in attacks if all(labels[m] is not Label.OUT for m in members)]
    return [m for members in standing for m in members if labels[m] is Label.UNDEC]


def _explain(
    framework: Framework,
    labels: list[Label],
    defeater: list[tuple[int, ...]],
    node: int,
    depth: int,
    seen: set[int],
) -> Step:
    name, label, inference = framework.arguments[node], labels[node], node >= framework.claim_count
    if node in seen:
        return Step(name, label, inference, repeated=True)
    if depth <= 0:
        return Step(name, label, inference, truncated=True)
    seen.add(node)
    reasons = _reasons(framework, labels, defeater, node)
    because = tuple(_explain(framework, labels, defeater, b, depth - 1, seen) for b in dict.fromkeys(reasons))
    return Step(name, label, inference, because)


def _why_gradual(framework: Framework, target: int, inference: bool, semantics: Semantics) -> Why:
    """The reasons the semantics counts (the h-categorizer counts no
    supports), with their contributions and aggregates."""
    influence = INFLUENCES[semantics]
    all_terms = gradual_terms(framework)
    strength = strengths(framework, all_terms, TOLERANCE, MAX_ITERATIONS, influence).strength
    names = framework.arguments
    terms = [t for t in all_terms[target] if t.attack or influence.supports]
    contributions = tuple(
        Contribution(t.relation, tuple(names[s] for s, _ in t.factors), t.attack, contribution(t, strength))
        for t in terms
    )
    attack, support, _, _ = influence.aggregate(terms, strength)
    return Why(
        names[target],
        semantics,
        inference,
        base=base_scores(framework)[target],
        strength=strength[target],
        attack=attack,
        support=support,
        contributions=contributions,
    )
