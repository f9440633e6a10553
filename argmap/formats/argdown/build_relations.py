"""The walk's relation listeners: `+ - _ ><` relations (incoming and
outgoing, with Argdown's quirks), each kept once between two members."""

from __future__ import annotations

from argmap.formats.argdown.build_state import BuildState
from argmap.formats.argdown.model import (
    ATTACK,
    CONTRADICTORY,
    SUPPORT,
    UNDERCUT,
    Argument,
    EquivalenceClass,
    Relation,
    Statement,
)
from argmap.formats.argdown.syntax import Kind, Rule, Token


class RelationListeners(BuildState):
    def relations_entry(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        assert self.current_relation_parent is not None
        self.relation_parents.append(self.relation_member(self.current_relation_parent))

    def relations_exit(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        self.current_relation = None
        self.relation_parents.pop()

    def relation_entry(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        sign = node.children[0]
        assert isinstance(sign, Token)
        here = self.relation_parents[-1] if self.relation_parents else None
        kind = sign.kind
        relation_type = {
            Kind.INCOMING_SUPPORT: SUPPORT, Kind.OUTGOING_SUPPORT: SUPPORT,
            Kind.INCOMING_ATTACK: ATTACK, Kind.OUTGOING_ATTACK: ATTACK,
            Kind.CONTRADICTION: CONTRADICTORY,
            Kind.INCOMING_UNDERCUT: UNDERCUT, Kind.OUTGOING_UNDERCUT: UNDERCUT,
        }[kind]  # fmt: skip
        relation = Relation(
            relation_type, offset=sign.offset + len(sign.image) - len(sign.image.lstrip("' \t"))
        )
        if kind in (Kind.INCOMING_SUPPORT, Kind.INCOMING_ATTACK, Kind.CONTRADICTION, Kind.INCOMING_UNDERCUT):
            relation.source = here
        elif kind == Kind.OUTGOING_UNDERCUT and isinstance(here, EquivalenceClass):
            # Argdown's quirk: once any inference has been read, `<_` under
            # a statement undercuts the last inference read.
            relation.target = self.current_inference or here
        else:
            relation.target = here
        self.current_relation = relation
        node.attrs["relation"] = relation

    def relation_exit(self, node: Rule, parent: Rule | None, index: int | None) -> None:
        relation: Relation = node.attrs["relation"]
        content = node.children[1]
        assert isinstance(content, Rule)
        member: Statement | Argument | None = content.attrs.get("argument") or content.attrs.get("statement")
        assert member is not None
        other = self.relation_member(member)
        if relation.source is not None:
            relation.target = other
        else:
            relation.source = other
        source, target = relation.source, relation.target
        assert source is not None and target is not None
        for existing in source.relations:
            same = existing.target is target and existing.relation_type == relation.relation_type
            reverse_contradiction = (
                relation.relation_type == CONTRADICTORY == existing.relation_type
                and existing.target is source
                and existing.source is target
            )
            if same or reverse_contradiction:
                return
        self.relations.append(relation)
        source.relations.append(relation)
        target.relations.append(relation)
