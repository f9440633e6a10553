"""What each gradual semantics does at one node: how the contributions of
its reasons are aggregated (attacks apart from supports) and combined with
the node's base score. The machinery around it (the reasons, the order,
the iteration over cycles) is shared, in `gradual.py`; docs/evaluation.md
gives each formula with its source.

A reason's contribution is its relation weight (1 when unset) times the
product, over its factors, of strength(source) * strength(inference node):
one factor for a plain relation, one per premise for a linked group.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from argmap.model import Semantics

# exp() overflows past ~709; beyond this the Euler-based score is 1 anyway.
_EXP_LIMIT = 700.0


class Term(NamedTuple):
    """One reason into a node: the product of strength(source) *
    strength(inference) over its factors (several for a linked group),
    scaled by `weight`, the relation's weight."""

    relation: str
    factors: tuple[tuple[int, int], ...]  # (source node, inference node or -1)
    attack: bool
    weight: float = 1.0


def contribution(term: Term, strength: Sequence[float]) -> float:
    value = term.weight
    for source, inference in term.factors:
        value *= strength[source] if inference < 0 else strength[source] * strength[inference]
    return value


class Aggregate(NamedTuple):
    """A node's attacks and supports, each aggregated into one number;
    `attacked`/`supported` say whether there is any such reason at all
    (QuAD treats "no attacker" apart from "attackers of strength 0")."""

    attack: float
    support: float
    attacked: bool
    supported: bool


def probabilistic_sums(terms: Sequence[Term], strength: Sequence[float]) -> Aggregate:
    """1 - prod(1 - v) over the attacks, and over the supports."""
    keep_attack = keep_support = 1.0
    attacked = supported = False
    for term in terms:
        value = contribution(term, strength)
        if term.attack:
            keep_attack *= 1.0 - value
            attacked = True
        else:
            keep_support *= 1.0 - value
            supported = True
    return Aggregate(1.0 - keep_attack, 1.0 - keep_support, attacked, supported)


def sums(terms: Sequence[Term], strength: Sequence[float]) -> Aggregate:
    """The plain sums of the attacks' and the supports' contributions."""
    attack = support = 0.0
    attacked = supported = False
    for term in terms:
        value = contribution(term, strength)
        if term.attack:
            attack += value
            attacked = True
        else:
            support += value
            supported = True
    return Aggregate(attack, support, attacked, supported)


def attack_sums(terms: Sequence[Term], strength: Sequence[float]) -> Aggregate:
    """The sum of the attacks' contributions; supports are left out."""
    attack = 0.0
    attacked = False
    for term in terms:
        if term.attack:
            attack += contribution(term, strength)
            attacked = True
    return Aggregate(attack, 0.0, attacked, False)


# -- combinations: base score and aggregate -> strength -------------------------


def dfquad_combine(base: float, found: Aggregate) -> float:
    """DF-QuAD (Rago et al. 2016): move from the base towards 0 or 1 by the
    difference of attack and support."""
    attack, support = found.attack, found.support
    if attack >= support:
        return base - base * (attack - support)
    return base + (1.0 - base) * (support - attack)


def quad_combine(base: float, found: Aggregate) -> float:
    """QuAD (Baroni et al. 2015): attacks alone give base * (1 - attack),
    supports alone base + (1 - base) * support, both the mean of the two."""
    weakened = base * (1.0 - found.attack)
    strengthened = base + (1.0 - base) * found.support
    if found.attacked and found.supported:
        return (weakened + strengthened) / 2.0
    if found.attacked:
        return weakened
    if found.supported:
        return strengthened
    return base


def euler_combine(base: float, found: Aggregate) -> float:
    """Euler-based (Amgoud and Ben-Naim 2018): 1 - (1 - w^2) / (1 + w * e^E)
    with energy E = support - attack."""
    energy = min(found.support - found.attack, _EXP_LIMIT)
    return 1.0 - (1.0 - base * base) / (1.0 + base * math.exp(energy))


def _impact(energy: float) -> float:
    """Potyka's quadratic influence: max(E, 0)^2 / (1 + max(E, 0)^2)."""
    if energy <= 0.0:
        return 0.0
    square = energy * energy
    return square / (1.0 + square)


def quadratic_energy_combine(base: float, found: Aggregate) -> float:
    """Quadratic energy (Potyka 2018): w - w * h(-E) + (1 - w) * h(E)."""
    energy = found.support - found.attack
    return base - base * _impact(-energy) + (1.0 - base) * _impact(energy)


def h_categorizer_combine(base: float, found: Aggregate) -> float:
    """Weighted h-categorizer (Amgoud et al. 2017): w / (1 + sum of attacks)."""
    return base / (1.0 + found.attack)


class Influence(NamedTuple):
    """One gradual semantics at one node."""

    semantics: Semantics
    aggregate: Callable[[Sequence[Term], Sequence[float]], Aggregate]
    combine: Callable[[float, Aggregate], float]
    supports: bool  # whether supports count at all

    def strength(self, base: float, terms: Sequence[Term], strength: Sequence[float]) -> float:
        return self.combine(base, self.aggregate(terms, strength))


INFLUENCES: dict[Semantics, Influence] = {
    influence.semantics: influence
    for influence in (
        Influence(Semantics.DFQUAD, probabilistic_sums, dfquad_combine, True),
        Influence(Semantics.QUAD, probabilistic_sums, quad_combine, True),
        Influence(Semantics.EULER, sums, euler_combine, True),
        Influence(Semantics.QUADRATIC_ENERGY, sums, quadratic_energy_combine, True),
        Influence(Semantics.H_CATEGORIZER, attack_sums, h_categorizer_combine, False),
    )
}
