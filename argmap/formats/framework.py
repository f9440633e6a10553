"""A map as an abstract argumentation framework (Dung): arguments and the
attacks between them. The form ICCMA files hold, and the one the semantics
in argmap.analysis.evaluate work on; see that module's docstring for how a
map's supports and undercuts become arguments and attacks."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from argmap.model import ArgumentMap, Relation, RelationType


@dataclass(frozen=True)
class Framework:
    """A Dung framework: `arguments` in a stable order (the claims first, in
    map order, then the inference nodes in relation order), and `attacks` as
    (attacker, attacked) pairs of indices into `arguments`. A pair may come
    twice (a file may list an attack twice); that changes nothing.

    `relations` and `weights` are what DF-QuAD needs beyond the attacks: the
    map's relations (supports, attacks, undercuts) and the claims' weights.
    A framework read from an ICCMA file has no relations; its attacks are
    then its only relations.
    """

    arguments: tuple[str, ...]
    attacks: tuple[tuple[int, int], ...]
    claim_count: int
    relations: tuple[Relation, ...] = ()
    weights: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def from_attacks(cls, arguments: Iterable[str], attacks: Iterable[tuple[str, str]]) -> Framework:
        """A plain framework (every argument a claim) from ids and id pairs."""
        names = tuple(dict.fromkeys(arguments))
        index = {name: i for i, name in enumerate(names)}
        try:
            pairs = tuple(dict.fromkeys((index[a], index[b]) for a, b in attacks))
        except KeyError as exc:
            raise ValueError(f"attack names an unknown argument {exc.args[0]!r}") from None
        return cls(names, pairs, len(names))

    @property
    def claims(self) -> tuple[str, ...]:
        return self.arguments[: self.claim_count]

    @property
    def inferences(self) -> tuple[str, ...]:
        return self.arguments[self.claim_count :]

    @functools.cached_property
    def index(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.arguments)}

    @functools.cached_property
    def attackers(self) -> tuple[tuple[int, ...], ...]:
        """For each argument, the indices of its attackers, in attack order, once each."""
        found: list[dict[int, None]] = [{} for _ in self.arguments]
        for a, b in self.attacks:
            found[b][a] = None
        return tuple(tuple(x) for x in found)

    def attack_ids(self) -> list[tuple[str, str]]:
        names = self.arguments
        return [(names[a], names[b]) for a, b in self.attacks]


def framework_from_map(amap: ArgumentMap) -> Framework:
    """The map's Dung framework, inference nodes included (see the module
    docstring). Raises ValueError on a relation that names nothing, which a
    validated map never has."""
    claims = list(dict.fromkeys(c.id for c in amap.claims))
    relations = tuple(amap.relation_index().values())
    by_id = {r.id: r for r in relations}
    undercut = set()
    for relation in relations:
        if relation.type is RelationType.UNDERCUT:
            if relation.target not in by_id:
                raise ValueError(f"undercut {relation.id} targets unknown relation {relation.target!r}")
            undercut.add(relation.target)
    names = claims + [r.id for r in relations if r.id in undercut]
    index = {name: i for i, name in enumerate(names)}
    for relation in relations:
        if relation.source not in index or (
            relation.type is not RelationType.UNDERCUT and relation.target not in index
        ):
            raise ValueError(f"relation {relation.id} names an unknown claim")

    def attacker_node(relation: Relation) -> int:
        return index[relation.id if relation.id in undercut else relation.source]

    attacks: dict[tuple[int, int], None] = {}
    attackers_of_claim: dict[str, list[int]] = {}
    for relation in relations:
        if relation.type is RelationType.SUPPORT:
            continue
        node = attacker_node(relation)
        attacks[(node, index[relation.target])] = None
        if relation.type is RelationType.ATTACK:
            attackers_of_claim.setdefault(relation.target, []).append(node)
    for relation in relations:
        if relation.id in undercut:
            for node in attackers_of_claim.get(relation.source, ()):
                attacks[(node, index[relation.id])] = None
    weights = {c.id: c.weight for c in amap.claims if c.weight is not None}
    return Framework(tuple(names), tuple(attacks), len(claims), relations, weights)
