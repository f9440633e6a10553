"""A map diff as a Graphviz diagram: both versions in one picture, what was
added in green, removed in red (its text struck through), changed in amber,
the rest in grey, with a legend. A changed claim says what changed: under
its text, its old and new id when renamed and each other field's old and new
value; in its tooltip, the word diff of its text (git's [-old-]{+new+}).

Drawn by the DOT renderer's own machinery (`draw_graph`, `label`,
`DotGraph`), so labels, joints for linked premises and undercuts, and
quoting are the same as in `argmap render`. Colour here says what changed;
the relation type is the line's style and arrowhead (solid support, dashed
attack, dotted undercut).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from argmap.analysis.diff import FIELD_KINDS, Change, ChangeKind, MapDiff, Mark, Union, word_diff
from argmap.model import Relation, RelationType
from argmap.render.dot import base_attributes, chain, drawable, label, legend_arrow, legend_strip, plan
from argmap.render.dot.syntax import AttrList, DotGraph
from argmap.render.options import RenderOptions
from argmap.render.themes import LIGHT

# The relation types' line styles and arrowheads, as the light theme draws them.
EDGE_THEME = dict(LIGHT.edges())


class MarkLook:
    def __init__(self, border: str, fill: str, font: str, legend: str) -> None:
        self.border, self.fill, self.font, self.legend = border, fill, font, legend


MARK_THEME: dict[Mark, MarkLook] = {
    Mark.ADDED: MarkLook("#2e7d32", "#e3f4e4", "#1b1b1b", "added"),
    Mark.REMOVED: MarkLook("#c62828", "#fbe3e3", "#7a1c1c", "removed"),
    Mark.CHANGED: MarkLook("#e08a00", "#fff0d6", "#1b1b1b", "changed"),
    Mark.SAME: MarkLook("#9e9e9e", "#f4f4f4", "#616161", "unchanged"),
}

_CLAIM_LOOK = {
    mark: AttrList(
        {
            "color": look.border,
            "fillcolor": look.fill,
            "fontcolor": look.font,
            "penwidth": "1" if mark is Mark.SAME else "1.8",
            "class": f"claim {mark.value}",
        }
    )
    for mark, look in MARK_THEME.items()
}
_EDGE_LOOK = {
    (mark, type_, into_joint): AttrList(
        {
            "arrowhead": "none" if into_joint else EDGE_THEME[type_].arrowhead,
            "color": look.border,
            "style": EDGE_THEME[type_].style,
            "class": f"{type_.value} {mark.value}",
        }
    )
    for mark, look in MARK_THEME.items()
    for type_ in RelationType
    for into_joint in (False, True)
}
_JOINT_LOOK = {
    mark: AttrList(
        {"label": "", "color": look.border, "fillcolor": look.border, "shape": "point", "width": "0.09"}
    )
    for mark, look in MARK_THEME.items()
}


def diff_dot(union: Union, options: RenderOptions, diff: MapDiff | None = None) -> str:
    """DOT text of the union of two versions; with the `diff` it was made
    from, each changed claim says what changed."""
    amap = union.map
    claims, drawn = drawable(amap)
    wrap = LIGHT.wrap if options.wrap is None else options.wrap
    graph, node, edge = base_attributes(LIGHT, amap.title, options.direction, wrap)
    dot = DotGraph("argmap-diff", graph=graph, node=node, edge=edge)
    if options.legend:
        _legend(dot, options)
    changes = _claim_changes(diff.changes if diff is not None else ())
    for claim in claims.values():
        mark = union.claims.get(claim.id, Mark.SAME)
        own = changes.get(claim.id, [])
        small = " · ".join(
            [_id_line(claim.id, own), *(_field_line(c) for c in own if c.kind in _VALUE_KINDS)]
        )
        text = label(claim.text, wrap, small=small, struck=mark is Mark.REMOVED)
        tooltip = "\n".join(
            [claim.text, *(_words(c.old, c.new) for c in own if c.kind is ChangeKind.TEXT_CHANGED)]
        )
        dot.node(claim.id, {"id": claim.id, "label": text, "tooltip": tooltip}, _CLAIM_LOOK[mark])
    joints = plan(drawn)
    # A joint takes the mark of the first relation through it.
    first_through: dict[str, Relation] = {}
    for relation in drawn:
        joint = joints.joint_of.get(relation.id)
        if joint is not None:
            first_through.setdefault(joint, relation)
    for joint, relation in first_through.items():
        dot.node(joint, {"id": joint}, _JOINT_LOOK[_mark(union, relation)])
    finished: set[str] = set()
    for relation in drawn:
        mark = _mark(union, relation)
        joint = joints.joint_of.get(relation.id)
        head = joints.head[relation.id]
        if joint is None:
            dot.edge(relation.source, head, {"id": relation.id}, _EDGE_LOOK[mark, relation.type, False])
            continue
        # premise -> joint carries the relation's id; joint -> conclusion
        # is drawn once per joint (once for a whole linked group).
        dot.edge(relation.source, joint, {"id": relation.id}, _EDGE_LOOK[mark, relation.type, True])
        if joint not in finished:
            finished.add(joint)
            first = first_through[joint]
            dot.edge(joint, head, {"id": joint + "/out"}, _EDGE_LOOK[_mark(union, first), first.type, False])
    return dot.source()


# A claim's changes shown as `field old → new` (a status under diff --eval too).
_VALUE_KINDS = FIELD_KINDS | {ChangeKind.STATUS_CHANGED}
_CLAIM_KINDS = _VALUE_KINDS | {ChangeKind.NODE_RENAMED, ChangeKind.MOVED}


def _claim_changes(changes: Iterable[Change]) -> dict[str, list[Change]]:
    found: dict[str, list[Change]] = {}
    for change in changes:
        if change.kind in _CLAIM_KINDS:
            found.setdefault(change.id, []).append(change)
    return found


def _id_line(claim_id: str, changes: list[Change]) -> str:
    """The id under a claim's text: `old → new` when renamed; `moved` added."""
    line = next((f"{c.old} \u2192 {c.new}" for c in changes if c.kind is ChangeKind.NODE_RENAMED), claim_id)
    return line + (" · moved" if any(c.kind is ChangeKind.MOVED for c in changes) else "")


def _field_line(change: Change) -> str:
    """`weight 0.5 → 0.8`; a text, a note or a source just `text changed`
    (their words are in the tooltip, or too long for a diagram)."""
    field = change.kind.value.removesuffix("-changed")
    if change.kind is ChangeKind.TEXT_CHANGED or not (_short(change.old) and _short(change.new)):
        return f"{field} changed"
    return f"{field} {_value(change.old)} \u2192 {_value(change.new)}"


def _short(value: Any) -> bool:
    return len(_value(value)) <= 24


def _value(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "(none)"
    return value if isinstance(value, str) else json.dumps(value)


def _words(old: Any, new: Any) -> str:
    """The word diff of a reworded text, marked as git's --word-diff=plain marks it."""
    marks: Mapping[str, tuple[str, str]] = {"=": ("", ""), "-": ("[-", "-]"), "+": ("{+", "+}")}
    return "word diff: " + " ".join(
        f"{marks[op.op][0]}{op.text}{marks[op.op][1]}" for op in word_diff(str(old), str(new))
    )


def _mark(union: Union, relation: Relation) -> Mark:
    return union.relations.get(relation.id, Mark.SAME)


def _legend(dot: DotGraph, options: RenderOptions) -> None:
    """One swatch per mark, then one grey sample arrow per relation type."""
    strip = legend_strip(dot, LIGHT, options.direction)
    entries: list[list[str]] = []
    for mark, look in MARK_THEME.items():
        name = f"legend/{mark.value}"
        strip.node(
            name,
            {"id": name, "label": label(look.legend, 0, size="10", struck=mark is Mark.REMOVED)},
            _CLAIM_LOOK[mark],
        )
        entries.append([name])
    for type_, edge_style in LIGHT.edges():
        look_of = _EDGE_LOOK[Mark.SAME, type_, False]
        entries.append(legend_arrow(dot, strip, type_, edge_style.legend, LIGHT, look_of, options.direction))
    chain(strip, entries)
