"""A map as an abstract argumentation framework: arguments and the attacks
between them. Dung's frameworks (the form ICCMA files hold) and, for linked
attacks, frameworks with collective attacks (SETAFs, Nielsen and Parsons
2006), where a set of arguments attacks together. The semantics in
argmap.analysis.evaluate work on them; see that module's docstring for how a
map's supports, undercuts and linked groups become arguments and attacks."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from argmap.model import ArgumentMap, Relation, RelationType, group_key, inference_ids, linked_groups


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

    `joint_attacks` are the collective attacks: (attackers, attacked), the
    attackers two or more sorted indices that attack only together (a linked
    counterclaim or undercut). `inference_of` maps the id of a relation in a
    linked group to its group's inference node when that is not its own id.
    """

    arguments: tuple[str, ...]
    attacks: tuple[tuple[int, int], ...]
    claim_count: int
    relations: tuple[Relation, ...] = ()
    weights: Mapping[str, float] = field(default_factory=dict)
    joint_attacks: tuple[tuple[tuple[int, ...], int], ...] = ()
    inference_of: Mapping[str, str] = field(default_factory=dict)

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

    @functools.cached_property
    def attack_sets(self) -> tuple[tuple[tuple[int, ...], ...], ...]:
        """For each argument, the sets that attack it: its single attackers
        (as one-element tuples, in attack order), then its joint attacks."""
        found: list[dict[tuple[int, ...], None]] = [{} for _ in self.arguments]
        for a, b in self.attacks:
            found[b][(a,)] = None
        for members, b in self.joint_attacks:
            found[b][members] = None
        return tuple(tuple(x) for x in found)

    def node_of(self, relation_id: str) -> int | None:
        """The index of a relation's inference node, if it has one."""
        return self.index.get(self.inference_of.get(relation_id, relation_id))

    def attack_ids(self) -> list[tuple[str, str]]:
        names = self.arguments
        return [(names[a], names[b]) for a, b in self.attacks]


def framework_from_map(amap: ArgumentMap) -> Framework:
    """The map's framework with collective attacks, inference nodes included
    (see the module docstring). Raises ValueError on a relation that names
    nothing, which a validated map never has."""
    claims = list(dict.fromkeys(c.id for c in amap.claims))
    relations = tuple(amap.relation_index().values())
    units = _units(relations)
    node_name = _inference_names(relations, units)
    names = claims + list(dict.fromkeys(node_name[u[0].id] for u in units if u[0].id in node_name))
    index = {name: i for i, name in enumerate(names)}
    for relation in relations:
        if relation.source not in index or (
            relation.type is not RelationType.UNDERCUT and relation.target not in index
        ):
            raise ValueError(f"relation {relation.id} names an unknown claim")

    def attackers(unit: tuple[Relation, ...]) -> tuple[int, ...]:
        node = node_name.get(unit[0].id)
        return (index[node],) if node is not None else tuple(sorted({index[r.source] for r in unit}))

    def attacked(unit: tuple[Relation, ...]) -> int:
        target = unit[0].target
        return index[node_name[target]] if unit[0].type is RelationType.UNDERCUT else index[target]

    attacks: dict[tuple[tuple[int, ...], int], None] = {}
    attacks_on_claim: dict[str, list[tuple[int, ...]]] = {}
    for unit in units:
        if unit[0].type is RelationType.SUPPORT:
            continue
        members = attackers(unit)
        attacks[(members, attacked(unit))] = None
        if unit[0].type is RelationType.ATTACK:
            attacks_on_claim.setdefault(unit[0].target, []).append(members)
    # An inference stands only if its premises do: every attack on one of
    # its sources attacks its node too.
    for unit in units:
        node = node_name.get(unit[0].id)
        if node is not None:
            for source in dict.fromkeys(r.source for r in unit):
                for members in attacks_on_claim.get(source, ()):
                    attacks[(members, index[node])] = None
    pairs = tuple((members[0], b) for members, b in attacks if len(members) == 1)
    joint = tuple((members, b) for members, b in attacks if len(members) > 1)
    weights = {c.id: c.weight for c in amap.claims if c.weight is not None}
    aliases = {rid: name for rid, name in node_name.items() if rid != name}
    return Framework(tuple(names), pairs, len(claims), relations, weights, joint, aliases)


def _units(relations: tuple[Relation, ...]) -> list[tuple[Relation, ...]]:
    """The map's reasons: each linked group one unit, every other relation its own."""
    groups = linked_groups(relations)
    units: list[tuple[Relation, ...]] = []
    for relation in relations:
        key = group_key(relation)
        if key in groups:
            if groups[key][0] is relation:
                units.append(tuple(groups[key]))
        else:
            units.append((relation,))
    return units


def _inference_names(relations: tuple[Relation, ...], units: list[tuple[Relation, ...]]) -> dict[str, str]:
    """Relation id -> the name of its inference node, for the relations whose
    inference is undercut: the id of its unit's first relation (an undercut
    of any member of a linked group undercuts the group's one inference)."""
    by_id = {r.id: r for r in relations}
    first = inference_ids(relations)
    undercut: set[str] = set()
    for relation in relations:
        if relation.type is RelationType.UNDERCUT:
            if relation.target not in by_id:
                raise ValueError(f"undercut {relation.id} targets unknown relation {relation.target!r}")
            undercut.add(first[relation.target])
    return {r.id: first[r.id] for u in units for r in u if first[r.id] in undercut}
