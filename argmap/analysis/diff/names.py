"""Relations named by type, from and to (`support:p1:c1`), so that custom
relation ids play no part in a diff; an undercut's `to` is the name of the
relation it attacks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from argmap.model import Relation, RelationType

# Enum member .value is a property, slow in a loop over every relation.
_TYPE_NAMES = {type_: type_.value for type_ in RelationType}


class RelationName(NamedTuple):
    key: str  # type:from:to
    source: str
    target: str  # a claim id, or for an undercut the name of its target


class RelationNames:
    """Relation -> its name, claim ids renamed by `rename`, the targets of
    undercuts passed through `follow` (old name -> new name of a relation
    that was retyped or moved). Computed on demand, without recursion:
    undercuts of undercuts may nest deeply."""

    def __init__(
        self,
        by_id: Mapping[str, Relation],
        rename: Mapping[str, str] | None = None,
        follow: Mapping[str, str] | None = None,
    ) -> None:
        self._by_id = by_id
        self._rename = rename or {}
        self._follow = follow or {}
        self._memo: dict[str, RelationName] = {}

    def __call__(self, relation: Relation) -> RelationName:
        memo = self._memo
        found = memo.get(relation.id)
        if found is not None:
            return found
        if relation.type is not RelationType.UNDERCUT:  # nearly all: no recursion
            found = memo[relation.id] = self._name(relation)
            return found
        pending = [relation]
        entered = {relation.id}
        while pending:
            top = pending[-1]
            if top.type is RelationType.UNDERCUT:
                target = self._by_id.get(top.target)
                if target is not None and target.id not in memo and target.id not in entered:
                    pending.append(target)
                    entered.add(target.id)
                    continue
            memo[top.id] = self._name(top)
            pending.pop()
        return memo[relation.id]

    def by_name(self, relations: Iterable[Relation]) -> dict[str, Relation]:
        """Name -> relation, for many relations: `self(r).key` for each,
        inlined for the plain ones, which are nearly all."""
        memo, rename = self._memo, self._rename
        found: dict[str, Relation] = {}
        for relation in relations:
            name = memo.get(relation.id)
            if name is None:
                if relation.type is RelationType.UNDERCUT:
                    name = self(relation)
                else:
                    source, target = relation.source, relation.target
                    if rename:
                        source, target = rename.get(source, source), rename.get(target, target)
                    name = memo[relation.id] = RelationName(
                        f"{_TYPE_NAMES[relation.type]}:{source}:{target}", source, target
                    )
            found[name.key] = relation
        return found

    def _name(self, relation: Relation) -> RelationName:
        rename = self._rename
        source = rename.get(relation.source, relation.source) if rename else relation.source
        if relation.type is RelationType.UNDERCUT:
            target_relation = self._by_id.get(relation.target)
            inner = self._memo.get(target_relation.id) if target_relation is not None else None
            # A dangling or circular target keeps the id it was written with.
            target = relation.target if inner is None else self._follow.get(inner.key, inner.key)
        else:
            target = rename.get(relation.target, relation.target) if rename else relation.target
        return RelationName(f"{_TYPE_NAMES[relation.type]}:{source}:{target}", source, target)


def relation_json(name: RelationName, type_: RelationType, weight: float | None = None) -> dict[str, Any]:
    """A relation in a change: from, to, type, and its weight when it has one."""
    found: dict[str, Any] = {"from": name.source, "to": name.target, "type": type_.value}
    if weight is not None:
        found["weight"] = weight
    return found
