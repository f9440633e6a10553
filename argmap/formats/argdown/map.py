"""Argdown's map (the MapPlugin and GroupPlugin): the selected statements
and arguments as nodes, the edges between them (relations, and the support
edges premise-conclusion structures add), and the heading groups each node
is in."""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.formats.argdown.model import (
    ATTACK,
    CONTRADICTORY,
    CONTRARY,
    ENTAILS,
    MAIN_CONCLUSION,
    PREMISE,
    SUPPORT,
    SYMMETRIC,
    Argument,
    EquivalenceClass,
    Inference,
    Model,
    Relation,
    Section,
)
from argmap.formats.argdown.select import member_in_selection, select


@dataclass(eq=False)
class MapNode:
    id: str
    kind: str  # "statement" or "argument"
    title: str
    element: EquivalenceClass | Argument
    groups: list[Section] = field(default_factory=list)  # outermost first


@dataclass(eq=False)
class MapEdge:
    source: MapNode
    target: MapNode
    relation_type: str
    relation: Relation | None  # None for the support edges equivalence adds


@dataclass
class ArgdownMap:
    nodes: list[MapNode]
    edges: list[MapEdge]


def build_map(model: Model) -> ArgdownMap:
    statements, arguments = select(model)
    nodes: list[MapNode] = []
    statement_nodes: dict[str, MapNode] = {}
    for ec in statements.values():
        node = MapNode(f"n{len(nodes)}", "statement", ec.title, ec)
        nodes.append(node)
        statement_nodes[ec.title] = node
    argument_nodes: dict[str, MapNode] = {}
    for argument in arguments.values():
        node = MapNode(f"n{len(nodes)}", "argument", argument.title, argument)
        nodes.append(node)
        argument_nodes[argument.title] = node
    edges: list[MapEdge] = []
    for relation in model.relations:
        assert relation.source is not None and relation.target is not None
        if member_in_selection(relation, relation.source, statements, arguments) and member_in_selection(
            relation, relation.target, statements, arguments
        ):
            _edges_from_relation(relation, statement_nodes, argument_nodes, edges, reverse=False)
    edges.extend(_equivalence_edges(model, statement_nodes, argument_nodes))
    _assign_groups(model, nodes)
    return ArgdownMap(nodes, edges)


def _froms(
    relation: Relation, statement_nodes: dict[str, MapNode], argument_nodes: dict[str, MapNode], reverse: bool
) -> list[MapNode]:
    source = relation.source
    if not reverse and isinstance(source, Argument):
        node = argument_nodes.get(source.title)
        return [node] if node else []
    if isinstance(source, EquivalenceClass):
        node = statement_nodes.get(source.title)
        if node is not None:
            return [node]
        found = (
            argument_nodes.get(s.argument_title or "") for s in source.members if s.role == MAIN_CONCLUSION
        )
        return [n for n in found if n is not None]
    return []


def _tos(
    relation: Relation, statement_nodes: dict[str, MapNode], argument_nodes: dict[str, MapNode], reverse: bool
) -> list[MapNode]:
    target = relation.target
    if not reverse and isinstance(target, Argument):
        node = argument_nodes.get(target.title)
        return [node] if node else []
    if not reverse and isinstance(target, Inference):
        node = argument_nodes.get(target.argument_title or "")
        return [node] if node else []
    if isinstance(target, EquivalenceClass):
        node = statement_nodes.get(target.title)
        if not reverse and node is not None:
            return [node]
        if node is None:
            found = (argument_nodes.get(s.argument_title or "") for s in target.members if s.role == PREMISE)
            return [n for n in found if n is not None]
    return []


def _edges_from_relation(
    relation: Relation,
    statement_nodes: dict[str, MapNode],
    argument_nodes: dict[str, MapNode],
    edges: list[MapEdge],
    reverse: bool,
) -> None:
    for source in _froms(relation, statement_nodes, argument_nodes, reverse):
        for target in _tos(relation, statement_nodes, argument_nodes, reverse):
            relation_type = relation.relation_type
            if not (source.kind == "statement" and target.kind == "statement"):
                relation_type = {CONTRADICTORY: ATTACK, CONTRARY: ATTACK, ENTAILS: SUPPORT}.get(
                    relation_type, relation_type
                )
            edges.append(MapEdge(source, target, relation_type, relation))
    if not reverse and relation.relation_type in SYMMETRIC:
        reversed_relation = Relation(
            relation.relation_type, relation.target, relation.source, relation.offset
        )
        _edges_from_relation(reversed_relation, statement_nodes, argument_nodes, edges, reverse=True)


def _equivalence_edges(
    model: Model, statement_nodes: dict[str, MapNode], argument_nodes: dict[str, MapNode]
) -> list[MapEdge]:
    """Support edges Argdown adds for premise-conclusion structures: an
    argument supports the statement node of its conclusion (or the
    arguments that use its conclusion as a premise), and a statement node
    supports the arguments that use it as a premise."""
    edges: list[MapEdge] = []

    def add(source: MapNode, target: MapNode) -> None:
        if not any(e.source is source and e.target is target and e.relation_type == SUPPORT for e in edges):
            edges.append(MapEdge(source, target, SUPPORT, None))

    for node in argument_nodes.values():
        argument = model.arguments[node.title]
        if not argument.pcs:
            continue
        conclusion = argument.pcs[-1]
        ec = model.statements[conclusion.title or ""]
        statement_node = statement_nodes.get(conclusion.title or "")
        if statement_node is not None and not any(
            e.source is node and e.target is statement_node and e.relation_type == SUPPORT for e in edges
        ):
            edges.append(MapEdge(node, statement_node, SUPPORT, None))
            continue
        for statement in ec.members:
            if statement.role == PREMISE:
                user = argument_nodes.get(statement.argument_title or "")
                if user is not None:
                    add(node, user)
    for node in statement_nodes.values():
        ec = model.statements[node.title]
        for statement in ec.members:
            if statement.role == PREMISE:
                user = argument_nodes.get(statement.argument_title or "")
                if user is not None:
                    add(node, user)
    return edges


def _assign_groups(model: Model, nodes: list[MapNode]) -> None:
    """Argdown's GroupPlugin: a node belongs to the nearest section of its
    element that is a group; groups nest as their sections do."""
    config = model.settings.get("group")
    depth = config.get("groupDepth") if isinstance(config, dict) else None
    depth = 2 if depth is None else depth
    min_level = model.max_section_level - depth + 1

    def mark(section: Section) -> None:
        if section.is_group is None:
            section.is_group = section.level >= min_level
        for child in section.children:
            mark(child)

    for top in model.sections:
        mark(top)
    for node in nodes:
        # Every enclosing section that is a group, outermost first.
        chain: list[Section] = []
        section: Section | None = node.element.section
        while section is not None:
            if section.is_group is not False:
                chain.append(section)
            section = section.parent
        node.groups = list(reversed(chain))
