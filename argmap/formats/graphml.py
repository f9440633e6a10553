"""A map as GraphML, for yEd and Gephi (written, not read).

One node per claim and one edge per relation, with the map's fields as
declared ``<key>`` data: claims carry ``label`` (the text: Gephi takes it as
the node label), ``side``, ``tags``, ``weight``, ``note``, ``short-label``
(the claim's label), ``step``, ``citations`` and ``implicit``; relations
``type``, ``group``, ``undercuts`` and ``relation-weight``; the graph its ``title``, ``description``, and
the ``sources``, ``sides`` and ``expect`` blocks. Lists and blocks are JSON
text. An undercut attacks an inference, which GraphML has no node for: its
edge ends at the claim that inference concludes, and ``undercuts`` names
the relation it attacks.

yEd draws only what its own ``nodegraphics``/``edgegraphics`` data says, so
each node also gets a yEd shape with the text as its label (in its side's
colour) and each edge a line in its type's style; other tools skip that
data. Nodes have no positions: in yEd, choose Layout > Hierarchic.

XML 1.0 cannot hold most control characters, even escaped: they become
U+FFFD, a loss (the only one, unless a claim field has no key here).
Output is deterministic: map order, no timestamps.
"""

from __future__ import annotations

import json
import re
from typing import Any

from argmap.formats.base import LossCounter, Written
from argmap.formats.losses import RELATION_WEIGHT, unheld_fields
from argmap.formats.native.graph import (
    expect_dict,
    inference_dict,
    scheme_block_dict,
    side_dict,
    source_dict,
    source_ref_dict,
)
from argmap.model import CLAIM_FIELDS, ArgumentMap, Claim, ClaimField, FieldKind, Relation, RelationType
from argmap.text import wrap_words

# The claim fields GraphML writes (argmap.model.CLAIM_FIELDS key -> the id
# of its <key>), in the order written; a claim's id is its node's id. Any
# other field is reported lost.
_NODE_DATA = {
    "text": "label",  # Gephi takes `label` as the node's label
    "by": "side",
    "tags": "tags",
    "weight": "weight",
    "note": "note",
    "label": "short-label",
    "step": "step",
    "source": "citations",
    "implicit": "implicit",
}
_FIELDS = {f.key: f for f in CLAIM_FIELDS}
_NODE_FIELDS = tuple((_FIELDS[key], data_key) for key, data_key in _NODE_DATA.items())
_HELD = frozenset((*(field.loss for field, _ in _NODE_FIELDS), RELATION_WEIGHT))
_ATTR_TYPE = {FieldKind.NUMBER: "double", FieldKind.WHOLE: "int", FieldKind.FLAG: "boolean"}  # else "string"

# (id, for, attr.type); the id is also the attr.name.
_KEYS = (
    ("title", "graph", "string"),
    ("description", "graph", "string"),
    ("sources", "graph", "string"),
    ("sides", "graph", "string"),
    ("expect", "graph", "string"),
    *((data_key, "node", _ATTR_TYPE.get(field.kind, "string")) for field, data_key in _NODE_FIELDS),
    ("type", "edge", "string"),
    ("group", "edge", "string"),
    ("undercuts", "edge", "string"),
    ("relation-weight", "edge", "double"),
)

# What a map says of argument schemes (argmap.schemes): edge data (lists as
# JSON) and the map's own schemes as graph data; declared only in maps that
# use them, so other maps' files stay as they were.
_SCHEME_KEYS = (
    ("schemes", "graph", "string"),
    ("scheme", "edge", "string"),
    ("question", "edge", "string"),
    ("answered", "edge", "string"),
    ("conceded", "edge", "string"),
)

_EDGE_LOOK = {  # yEd line colour, style, arrow: as in the DOT renderer
    RelationType.SUPPORT: ("#2E7D32", "line", "standard"),
    RelationType.ATTACK: ("#C62828", "dashed", "t_shape"),
    RelationType.UNDERCUT: ("#7B1FA2", "dotted", "t_shape"),
}

_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
# Characters XML 1.0 has no way to write; CR would be read back as LF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# DEL and the C1 controls XML 1.0 can hold, as character references: read
# back as they were, and never raw in a file a terminal may show.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
    | {chr(code): f"&#{code};" for code in range(0x7F, 0xA0)}
)
_SPECIAL = re.compile('[&<>"\r\n\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]')


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.losses = LossCounter()

    def escape(self, text: str, counted: bool = True) -> str:
        """Text for element content or a double-quoted attribute; what XML
        cannot hold is a loss (`counted`: once, where the map's value is)."""
        if not _SPECIAL.search(text):  # most text: nothing to do
            return text
        text, replaced = _NOT_XML.subn("\ufffd", text)
        if counted:
            self.losses.lost(
                "character", "control characters XML 1.0 cannot hold were written as U+FFFD", replaced
            )
        return text.translate(_ESCAPES)

    def data(self, indent: str, key: str, value: Any) -> None:
        if value is None:
            return
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        self.lines.append(f'{indent}<data key="{key}">{self.escape(text)}</data>')


def _field_data(field: ClaimField, claim: Claim) -> Any:
    """A claim field's value as GraphML data, None when unset: lists as
    JSON, numbers as text."""
    if field.kind is FieldKind.SOURCES:
        return [source_ref_dict(s) for s in claim.all_sources()] or None
    value = getattr(claim, field.attr)
    if field.kind is FieldKind.TAGS:
        return list(value) or None
    if value is None:
        return None
    if field.kind is FieldKind.NUMBER:
        return repr(value)
    return str(value) if field.kind is FieldKind.WHOLE else value


def _wrap(text: str) -> list[str]:
    lines = [part for line in text.splitlines() for part in wrap_words(line, 32) or [""]]
    return lines or [""]


def _shape(writer: _Writer, claim: Claim, colour: str | None) -> None:
    """yEd's picture of a claim: a rounded box sized for its wrapped text."""
    lines = _wrap(claim.text)
    width = max(60, 7 * max(map(len, lines)) + 20)
    height = 18 * len(lines) + 14
    border = colour or "#5F5F5F"  # checked to be #rrggbb
    writer.lines += [
        '      <data key="yed-node">',
        "        <y:ShapeNode>",
        f'          <y:Geometry height="{height}.0" width="{width}.0" x="0.0" y="0.0"/>',
        '          <y:Fill color="#FFFFFF" transparent="false"/>',
        f'          <y:BorderStyle color="{border}" type="line" width="{2 if colour else 1}.0"/>',
        f"          <y:NodeLabel>{writer.escape(chr(10).join(lines), counted=False)}</y:NodeLabel>",
        '          <y:Shape type="roundrectangle"/>',
        "        </y:ShapeNode>",
        "      </data>",
    ]


def _line(writer: _Writer, type_: RelationType) -> None:
    colour, style, arrow = _EDGE_LOOK[type_]
    writer.lines += [
        '      <data key="yed-edge">',
        "        <y:PolyLineEdge>",
        f'          <y:LineStyle color="{colour}" type="{style}" width="1.5"/>',
        f'          <y:Arrows source="none" target="{arrow}"/>',
        "        </y:PolyLineEdge>",
        "      </data>",
    ]


def _concluded(relation: Relation, relations: dict[str, Relation], claims: set[str]) -> str:
    """The claim an undercut's edge ends at: the conclusion of the inference
    it attacks (through undercuts of undercuts). An undercut's target is a
    relation id even when a claim has the same id."""
    seen: set[str] = set()
    current = relation
    while current.type is RelationType.UNDERCUT and current.target in relations and current.id not in seen:
        seen.add(current.id)
        current = relations[current.target]
    return current.target


def write(amap: ArgumentMap) -> Written:
    writer = _Writer()
    out = writer.lines
    out += [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xmlns:y="http://www.yworks.com/xml/graphml"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">',
    ]
    uses_schemes = bool(amap.schemes) or any(inference_dict(r) for r in amap.relations)
    for key, domain, type_ in (*_KEYS, *(_SCHEME_KEYS if uses_schemes else ())):
        out.append(f'  <key id="{key}" for="{domain}" attr.name="{key}" attr.type="{type_}"/>')
    out.append('  <key id="yed-node" for="node" yfiles.type="nodegraphics"/>')
    out.append('  <key id="yed-edge" for="edge" yfiles.type="edgegraphics"/>')
    out.append('  <graph id="argmap" edgedefault="directed">')
    writer.data("    ", "title", amap.title)
    writer.data("    ", "description", amap.description)
    if amap.sources:
        writer.data("    ", "sources", {sid: source_dict(s) for sid, s in amap.sources.items()})
    if amap.sides:
        writer.data("    ", "sides", {sid: side_dict(s) for sid, s in amap.sides.items()})
    if amap.expect:
        writer.data("    ", "expect", expect_dict(amap))
    if amap.schemes:
        writer.data("    ", "schemes", {sid: scheme_block_dict(s) for sid, s in amap.schemes.items()})
    for claim in amap.claims:
        out.append(f'    <node id="{writer.escape(claim.id)}">')
        for field, data_key in _NODE_FIELDS:
            writer.data("      ", data_key, _field_data(field, claim))
        side = amap.sides.get(claim.by) if claim.by is not None else None
        colour = side.colour if side is not None else None
        _shape(writer, claim, colour if colour and _HEX_COLOUR.fullmatch(colour) else None)
        out.append("    </node>")
    relations = amap.relation_index()
    claim_ids = {c.id for c in amap.claims}
    for relation in amap.relations:
        undercut = relation.type is RelationType.UNDERCUT
        target = _concluded(relation, relations, claim_ids) if undercut else relation.target
        out.append(
            f'    <edge id="{writer.escape(relation.id)}" source="{writer.escape(relation.source)}"'
            f' target="{writer.escape(target)}">'
        )
        writer.data("      ", "type", relation.type.value)
        writer.data("      ", "group", relation.group)
        writer.data("      ", "undercuts", relation.target if undercut else None)
        writer.data("      ", "relation-weight", relation.weight)
        for key, value in inference_dict(relation).items():
            writer.data("      ", key, value)
        _line(writer, relation.type)
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>"]
    unheld_fields(writer.losses, amap, _HELD, "GraphML")
    return Written("".join(line + "\n" for line in out), writer.losses.losses())
