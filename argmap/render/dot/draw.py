"""A map as Graphviz DOT text, written with `syntax.DotGraph`.

Claims are boxes named by their ids; relations are edges. An undercut attacks
an inference, not a claim, so a relation that is undercut is drawn through a
small joint node (premise -> joint -> conclusion) and the undercut aims at
the joint. Linked premises (support relations sharing a `group` into the same
claim) are one argument: they meet in one joint, then one arrow goes on; so
do linked counterclaims and linked undercuts (one joint attack), and an
undercut of a linked group aims at the group's joint.

Graphviz copies each element's `id` and `class` into SVG, so the output can
be styled and scripted: claims are `class="claim side-<side>"`, edges are
`class="support|attack|undercut"`, and ids are the map's ids.

Claims in `RenderOptions.hidden` are drawn with `style="invis"` added at the
end of their attributes (a later attribute wins in Graphviz), and so is what
needs them: an arrow whose relation has an end hidden, a joint none of whose
relations shows, a "+N more" under a hidden claim. Every statement is still
written, in the same order: Graphviz lays out invisible nodes and edges like
visible ones, so the layout is the whole map's (tests/test_frames.py reads
the positions back out of the drawn frames).

Everything the user wrote reaches the DOT through `labels.label()` (wrapped,
and escaped as HTML-like label text, an `HtmlLabel`) or as a plain string
that `DotGraph` quotes (names and all other attribute values, taken
literally). Together with the looks quoted once per theme (`looks.py`) this
keeps a 10,000-claim map to about a tenth of a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from argmap.analysis.focus import Stub, View, induced_relations, view
from argmap.model import ArgumentMap, Claim, GroupKey, Relation, RelationType, group_key
from argmap.render.dot.labels import label, label_wrap, shown_text
from argmap.render.dot.legend import legend
from argmap.render.dot.looks import (
    FAST_LAYOUT,
    NO_ATTRS,
    Looks,
    base_attributes,
    claim_look,
    fast_layout,
    looks,
    side_styles,
    status_of,
)
from argmap.render.dot.syntax import AttrList, Attrs, DotGraph
from argmap.render.options import RenderOptions
from argmap.render.themes import SideStyle

__all__ = [
    "DotRenderer",
    "Joints",
    "dot_graph",
    "draw_view",
    "drawable",
    "group_joint_name",
    "joint_name",
    "plan",
    "stub_name",
]


# -- structure --------------------------------------------------------------


IMPLICIT_WORD = "implicit"  # on an implicit premise's small line


def joint_name(relation: Relation) -> str:
    """The joint node of one relation. Not `joint:<id>`: an unquoted `a:b`
    in an edge end reads as node `a`, port `b`. Every name is quoted now,
    but the names stay as they were: they are also the joints' SVG ids."""
    return "joint/" + relation.id.replace(":", "/")


def group_joint_name(target: str, group: str) -> str:
    """The joint of a linked group (the target of a linked undercut is a
    relation id: its ':' become '/', as in `joint_name`)."""
    return f"linked/{target.replace(':', '/')}/{group}"


def stub_name(claim_id: str) -> str:
    """The "+N more" node under a claim (ids cannot hold a '/')."""
    return f"more/{claim_id}"


def drawable(amap: ArgumentMap) -> tuple[dict[str, Claim], list[Relation]]:
    """The claims and relations to draw. Validated maps have unique ids; on
    an invalid one draw the first of each, and skip relations with a
    missing end."""
    claims = amap.claim_index()
    kept = induced_relations(amap, set(claims))
    return claims, [r for r in amap.relation_index().values() if r.id in kept]


@dataclass(frozen=True, slots=True)
class Joints:
    joint_of: dict[str, str]  # relation id -> the joint it is drawn through
    joints: dict[str, RelationType]  # joint name -> type of its relation(s)
    head: dict[str, str]  # relation id -> node its arrow ends at

    def lit(self, drawn: list[Relation], path: frozenset[str] | None) -> set[str]:
        """The joints an arrow out of a claim on a highlighted `path` passes
        through or ends at."""
        found: set[str] = set()
        if path is None:
            return found
        for relation in drawn:
            if relation.source in path:
                through = self.joint_of.get(relation.id)
                if through is not None:
                    found.add(through)
                if relation.type is RelationType.UNDERCUT:
                    found.add(self.head[relation.id])
        return found


def plan(drawn: list[Relation]) -> Joints:
    """Which relations go through joints, and where every arrow ends."""
    group_size: dict[GroupKey, int] = {}
    for r in drawn:
        key = group_key(r)
        if key is not None:
            group_size[key] = group_size.get(key, 0) + 1
    undercut = {r.target for r in drawn if r.type is RelationType.UNDERCUT}

    joint_of: dict[str, str] = {}
    joints: dict[str, RelationType] = {}
    for r in drawn:
        key = group_key(r)
        if key is not None and r.group is not None and group_size[key] > 1:
            # Linked premises, counterclaims or undercuts meet in one joint;
            # an undercut of any member's relation aims at it.
            name = group_joint_name(r.target, r.group)
        elif r.id in undercut:
            name = joint_name(r)
        else:
            continue
        joint_of[r.id] = name
        joints.setdefault(name, r.type)
    # A drawn undercut's target is drawn and undercut, so it has a joint.
    head = {r.id: joint_of[r.target] if r.type is RelationType.UNDERCUT else r.target for r in drawn}
    return Joints(joint_of, joints, head)


# -- hiding -----------------------------------------------------------------

INVISIBLE = AttrList({"style": "invis"})


@dataclass(frozen=True, slots=True)
class _Hidden:
    """What a diagram draws invisible (`RenderOptions.hidden`)."""

    claims: frozenset[str] = frozenset()
    relations: frozenset[str] = frozenset()  # relations whose arrows are invisible
    joints: frozenset[str] = frozenset()

    def look(self, hidden: bool) -> AttrList:
        return INVISIBLE if hidden else NO_ATTRS


def _hidden(
    amap: ArgumentMap, claims: dict[str, Claim], drawn: list[Relation], layout: Joints, ids: frozenset[str]
) -> _Hidden:
    """The claims of `ids` drawn, the relations with an end among them (for
    an undercut: its source, or the relation it attacks), and the joints
    none of whose relations is shown."""
    if not ids:
        return _Hidden()
    shown = induced_relations(amap, set(claims) - ids)
    used = {layout.joint_of[r.id] for r in drawn if r.id in shown and r.id in layout.joint_of}
    return _Hidden(
        claims=ids & claims.keys(),
        relations=frozenset(r.id for r in drawn if r.id not in shown),
        joints=frozenset(layout.joints.keys() - used),
    )


# -- the renderer -----------------------------------------------------------


class DotRenderer:
    name = "dot"

    def render(self, amap: ArgumentMap, options: RenderOptions, /) -> str:
        return dot_graph(amap, options).source()


def dot_graph(amap: ArgumentMap, options: RenderOptions) -> DotGraph:
    """The diagram `DotRenderer` writes, before it is text: its `parts()`
    give the text a piece at a time."""
    shown = view(amap, options.root, options.depth, options.side, options.tag, options.highlight)
    return _graph(shown, options)


def draw_view(shown: View, options: RenderOptions) -> str:
    """The DOT of a view made elsewhere (a slide's part of the map, with its
    stubs); the focus options of `options` are not applied again."""
    return _draw(shown, options)


@dataclass(slots=True)
class _Scene:
    """What drawing each part of one diagram needs."""

    dot: DotGraph
    looks: Looks
    styles: dict[str, SideStyle]
    side_names: dict[str, str]  # side id -> the name to show, when the theme shows them
    status: Mapping[str, str]
    lit: frozenset[str] | None  # the highlighted path; None: nothing is highlighted
    wrap: int
    short: bool
    hidden: _Hidden
    faded_by: dict[str | None, AttrList] = field(default_factory=dict)  # claim.by -> its faded look

    def faded(self, by: str | None) -> AttrList:
        """The faded look of the claims by `by` (off the highlighted path)."""
        fade = self.faded_by.get(by)
        if fade is None:
            fade = self.faded_by[by] = self.looks.faded(self.styles.get(by) if by else None)
        return fade

    def claim_emphasis(self, claim: Claim, faded: bool) -> AttrList:
        """A claim's look under --highlight: heavier on the path, faded off it."""
        if faded:
            return self.faded(claim.by)
        return NO_ATTRS if self.lit is None else self.looks.lit_claim

    def focus_look(self, on_path: bool, type_: RelationType) -> AttrList:
        """An arrow's weight under --highlight: heavier on the path, faded off it."""
        if self.lit is None:
            return NO_ATTRS
        return self.looks.lit_edge if on_path else self.looks.faded_edges[type_]


def _draw(shown: View, options: RenderOptions) -> str:
    return _graph(shown, options).source()


def _graph(shown: View, options: RenderOptions) -> DotGraph:
    amap = shown.map
    theme = options.theme
    theme_looks = looks(theme)
    claims, drawn = drawable(amap)
    layout = plan(drawn)
    styles = side_styles(amap, theme)
    wrap = theme.wrap if options.wrap is None else options.wrap
    short = theme.short_labels if options.short_labels is None else options.short_labels

    graph_attrs, _, _ = base_attributes(theme, amap.title, options.direction, wrap)
    if fast_layout(len(claims), options.fast_layout):
        graph_attrs.update(FAST_LAYOUT)
    dot = DotGraph("argmap", graph=graph_attrs, node=theme_looks.node, edge=theme_looks.edge)
    if options.legend:
        shown_types = {relation.type for relation in drawn}
        legend(dot, amap, shown_types, styles, options.status, theme_looks, options.direction)
    side_names = {side.id: side.name or side.id for side in amap.sides.values()} if theme.side_names else {}
    hidden = _hidden(amap, claims, drawn, layout, options.hidden)
    scene = _Scene(
        dot, theme_looks, styles, side_names, options.status, shown.highlighted, wrap, short, hidden
    )
    _claim_nodes(scene, [c for c in claims.values() if c.origin is None])
    _referred_clusters(scene, [c for c in claims.values() if c.origin is not None])
    lit_joints = layout.lit(drawn, scene.lit)
    _joint_nodes(scene, layout, lit_joints)
    for stub in shown.stubs:
        _stub_node(scene, stub)
    _relation_edges(scene, drawn, layout, lit_joints)
    for stub in shown.stubs:
        name = stub_name(stub.claim)
        invisible = hidden.look(stub.claim in hidden.claims)
        dot.edge(name, stub.claim, {"id": name + "/edge"}, theme_looks.stub_edge, invisible)
    return dot


# -- nodes ------------------------------------------------------------------


def _claim_nodes(scene: _Scene, claims: Iterable[Claim]) -> None:
    theme = scene.looks.theme
    # The small line under the text is the claim's id, unless the theme or
    # an evaluation says more (or less).
    lean = theme.show_ids and not theme.side_names and not scene.status and scene.lit is None
    small_start, wrap, short, cut = scene.looks.small, scene.wrap, scene.short, theme.max_words
    looks_by: dict[str | None, AttrList] = {}  # claim.by -> the look of its claims
    hidden = scene.hidden.claims
    for claim in claims:
        look = looks_by.get(claim.by)
        if look is None:
            look = looks_by[claim.by] = claim_look(claim.by, scene.styles, theme)
        text = shown_text(claim, short, cut) if short or cut else claim.text
        if lean and not claim.implicit:
            # The usual case, kept lean: thousands of claims come this way.
            scene.dot.labelled_node(
                claim.id,
                label(text, label_wrap(claim, short, wrap), small=claim.id, small_start=small_start),
                claim.text,
                look,
                INVISIBLE if claim.id in hidden else NO_ATTRS,
            )
        else:
            _claim_node(scene, claim, text, look)


def _referred_clusters(scene: _Scene, referred: list[Claim]) -> None:
    """Claims brought in from other maps (`other.yaml#x`), drawn in a box
    named after their map, one box a map, in the order first referred."""
    by_map: dict[str, list[Claim]] = {}
    for claim in referred:
        by_map.setdefault(claim.origin or "", []).append(claim)
    for number, (origin, claims) in enumerate(by_map.items(), 1):
        box = scene.dot.subgraph(
            f"cluster_map_{number}",
            graph={"label": origin, "style": "dashed", "color": scene.looks.theme.legend_border},
        )
        _claim_nodes(replace(scene, dot=box), claims)


def _claim_node(scene: _Scene, claim: Claim, text: str, look: AttrList) -> None:
    """A claim with more than its id under its text (its side's name, its
    status), or weighted or faded by --highlight."""
    theme, lit = scene.looks.theme, scene.lit
    word, struck, status_look = status_of(scene.status.get(claim.id), scene.looks)
    parts = [scene.side_names.get(claim.by, claim.by)] if claim.by and theme.side_names else []
    if theme.show_ids:
        parts.append(claim.id)
    if claim.implicit:
        parts.append(IMPLICIT_WORD)
    if word:
        parts.append(word)
    small = " \u00b7 ".join(parts) or None
    faded = lit is not None and claim.id not in lit
    start = scene.looks.small_faded if faded else scene.looks.small
    attrs = {
        "label": label(
            text, label_wrap(claim, scene.short, scene.wrap), small=small, struck=struck, small_start=start
        ),
        "tooltip": claim.text,
    }
    emphasis = scene.claim_emphasis(claim, faded)
    invisible = scene.hidden.look(claim.id in scene.hidden.claims)
    implicit = scene.looks.implicit if claim.implicit else NO_ATTRS
    scene.dot.node_with_id(claim.id, attrs, look, implicit, status_look, emphasis, invisible)


def _joint_nodes(scene: _Scene, layout: Joints, lit_joints: set[str]) -> None:
    for joint, type_ in layout.joints.items():
        fade = (
            scene.looks.faded_joints[type_] if scene.lit is not None and joint not in lit_joints else NO_ATTRS
        )
        invisible = scene.hidden.look(joint in scene.hidden.joints)
        scene.dot.node(joint, {"id": joint}, scene.looks.joints[type_], fade, invisible)


def _stub_node(scene: _Scene, stub: Stub) -> None:
    name = stub_name(stub.claim)
    more = "claim" if stub.hidden == 1 else "claims"
    attrs = {
        "id": name,
        "label": label(f"+{stub.hidden} more", 0),
        "tooltip": f"{stub.hidden} more {more} under {stub.claim}; a greater --depth shows them",
    }
    faded = scene.lit is not None and stub.claim not in scene.lit
    invisible = scene.hidden.look(stub.claim in scene.hidden.claims)
    scene.dot.node(name, attrs, scene.looks.stub, scene.looks.faded(None) if faded else NO_ATTRS, invisible)


# -- edges ------------------------------------------------------------------


def _relation_edges(scene: _Scene, drawn: list[Relation], layout: Joints, lit_joints: set[str]) -> None:
    """Each relation's arrow. One through a joint is two: premise -> joint
    carries the relation's id; joint -> conclusion is drawn once per joint
    (once for a whole linked group)."""
    status, edges, lit = scene.status, scene.looks.edges, scene.lit
    finished: set[str] = set()
    # A linked group's arrow on is idle when any member is out: its members
    # count only together.
    member_out = {
        layout.joint_of[r.id] for r in drawn if r.id in layout.joint_of and status.get(r.source) == "out"
    }
    # No statuses, no highlight, nothing hidden: an arrow straight to its
    # claim is its type's look alone (id_edge), the usual case of big maps.
    lean = not status and lit is None and not scene.hidden.relations
    for relation in drawn:
        joint = layout.joint_of.get(relation.id)
        head = layout.head[relation.id]
        if lean and joint is None:
            note = _scheme_note(scene, relation, relation.weight)
            if not note:
                scene.dot.id_edge(relation.source, head, relation.id, edges[relation.type, False])
                continue
        # Status maps hold claim ids and, for undercut relations, the
        # status of their inference.
        idle = scene.looks.idle_edges[relation.type] if status.get(relation.source) == "out" else NO_ATTRS
        on_path = lit is not None and relation.source in lit
        focus_look = scene.focus_look(on_path, relation.type)
        invisible = scene.hidden.look(relation.id in scene.hidden.relations)
        # An arrow into a joint has no head: the joint's arrow on carries it.
        edge_look = edges[relation.type, joint is not None]
        end = head if joint is None else joint
        # Through a joint, the note goes on the joint's one arrow on; a
        # relation's weight stays on its own arrow.
        note = (
            _scheme_note(scene, relation, relation.weight) if joint is None else _weight_note(scene, relation)
        )
        scene.dot.edge(
            relation.source, end, {"id": relation.id}, edge_look, idle, focus_look, invisible, *note
        )
        if joint is not None and joint not in finished:
            finished.add(joint)
            if joint in member_out:
                idle = scene.looks.idle_edges[relation.type]
            _joint_edge(scene, relation, joint, head, idle, joint in lit_joints)


def _joint_edge(
    scene: _Scene, relation: Relation, joint: str, head: str, idle: AttrList, lit_joint: bool
) -> None:
    """joint -> conclusion: idle when the relation's source or its inference is out."""
    if scene.status.get(relation.id) == "out":
        idle = scene.looks.idle_edges[relation.type]
    focus_look = scene.focus_look(lit_joint, relation.type)
    edge_look = scene.looks.edges[relation.type, False]
    hidden = scene.hidden
    invisible = hidden.look(joint in hidden.joints or head in hidden.joints or head in hidden.claims)
    note = _scheme_note(scene, relation)
    scene.dot.edge(joint, head, {"id": joint + "/out"}, edge_look, idle, focus_look, invisible, *note)


def _scheme_note(
    scene: _Scene, relation: Relation, weight: float | None = None
) -> tuple[Attrs | AttrList, ...]:
    """The small label an arrow carries, when the map says it: a support's
    argument scheme (its id), the critical question an attack or undercut
    raises (docs/schemes.md); and `weight`, the relation's weight, after it.
    Always drawn when present."""
    if weight is None and relation.scheme is None and relation.question is None:
        return ()  # the usual arrow: nothing to say
    said = relation.scheme if relation.type is RelationType.SUPPORT else relation.question
    parts = [part for part in (said, None if weight is None else f"{weight:g}") if part is not None]
    if not parts:
        return ()
    return ({"label": label(" \u00b7 ".join(parts), 0)}, scene.looks.scheme_note)


def _weight_note(scene: _Scene, relation: Relation) -> tuple[Attrs | AttrList, ...]:
    """A relation's weight (its impact) as a small number on its arrow."""
    if relation.weight is None:
        return ()
    return ({"label": label(f"{relation.weight:g}", 0)}, scene.looks.scheme_note)
