"""An argmap map -> Argdown that Argdown builds back into the same map (see
the package's docstring); what Argdown cannot hold is reported as Losses."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from argmap.formats.argdown.escape import escape_text, yaml_flow
from argmap.formats.argdown.front_matter import SIDE_TAG, front_matter
from argmap.formats.argdown.model import js_key_order
from argmap.formats.base import LossCounter, Written, without_controls
from argmap.formats.losses import scheme_losses, unheld_fields
from argmap.formats.native.graph import source_ref_dict
from argmap.model import (
    CLAIM_FIELDS,
    ArgumentMap,
    Claim,
    ClaimField,
    FieldKind,
    Relation,
    RelationType,
    default_relation_id,
    group_key,
)


def write(amap: ArgumentMap) -> Written:
    # A backslash escape would read back as other letters: U+FFFD says plainly what was there.
    return without_controls(_Writer(amap).write(), "\ufffd")


# Deeper chains start a new block (with references): readers, Argdown's
# and argmap's, recurse once per level.
_MAX_NESTING = 100
_INCOMING = {RelationType.SUPPORT: "<+", RelationType.ATTACK: "<-", RelationType.UNDERCUT: "<_"}
_OUTGOING = {RelationType.SUPPORT: "+>", RelationType.ATTACK: "->", RelationType.UNDERCUT: "_>"}

# The claim fields (argmap.model.CLAIM_FIELDS keys) Argdown holds, and how:
# the id is the statement's title; `by` and `tags` are tags (`#(by:side)`,
# `#(tag)`); the text is the text; the rest is `{...}` data, in this order.
# Any other field is reported lost.
_AS_DATA = ("note", "label", "step", "weight", "source", "implicit")
_FIELDS = {f.key: f for f in CLAIM_FIELDS}
_DATA_FIELDS = tuple(_FIELDS[key] for key in _AS_DATA)
_HELD = frozenset(_FIELDS[key].loss for key in ("id", "text", "by", "tags", *_AS_DATA))

# An Argdown relation: (source claim, target claim, type).
_Edge = tuple[str, str, RelationType]
# Where a claim is written: its depth, and the relation it is nested by.
_Placed = tuple[Claim, int, _Edge | None]


class _Writer:
    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.losses = LossCounter()
        self.position: dict[str, int] = {}
        for index, claim in enumerate(amap.claims):
            self.position.setdefault(claim.id, index)
        self.relations_by_id = {r.id: r for r in amap.relations}

    def write(self) -> Written:
        amap = self.amap
        self._check_relations()
        valid = [r for r in amap.relations if self._writable(r)]
        self._report_partial_undercuts(valid)
        # Argdown relations: (source claim, target claim, type), in map order.
        edges: list[_Edge] = []
        seen: set[_Edge] = set()
        for r in valid:
            if r.type is RelationType.UNDERCUT:
                inference = self.relations_by_id[r.target]
                edge = (r.source, inference.source, RelationType.UNDERCUT)
            else:
                edge = (r.source, r.target, r.type)
            if edge not in seen:
                seen.add(edge)
                edges.append(edge)
        blocks = self._blocks(edges)
        connected = {claim for s, t, _ in edges for claim in (s, t)}
        isolated = [c.id for c in amap.claims if c.id not in connected]
        header = front_matter(self.amap, need_all=bool(isolated))
        text = "\n\n".join([*([header] if header else []), *blocks]) + "\n"
        self._check_order()
        unheld_fields(self.losses, amap, _HELD, "Argdown")
        scheme_losses(self.losses, amap, (), "Argdown")
        return Written(text, self.losses.losses())

    # -- what Argdown cannot hold ------------------------------------------------------

    def _check_relations(self) -> None:
        # One loss a group, as every other writer counts them (not one a member).
        self.losses.lost(
            "linked-group",
            "linked premises, counterclaims and undercuts written as separate relations",
            len({group_key(r) for r in self.amap.relations if r.group is not None}),
        )
        for r in self.amap.relations:
            if r.id != default_relation_id(r.type, r.source, r.target):
                self.losses.lost("relation-id", "relation ids are not kept (Argdown relations have none)")

    def _writable(self, r: Relation) -> bool:
        if r.source not in self.position:
            self.losses.lost("dangling", "relations from or to an undefined claim dropped")
            return False
        if r.type is RelationType.UNDERCUT:
            inference = self.relations_by_id.get(r.target)
            if inference is None or inference.source not in self.position:
                self.losses.lost("dangling", "relations from or to an undefined claim dropped")
                return False
            return True
        if r.target not in self.position:
            self.losses.lost("dangling", "relations from or to an undefined claim dropped")
            return False
        return True

    def _report_partial_undercuts(self, relations: Sequence[Relation]) -> None:
        """Argdown undercuts a whole claim (every inference from it): an
        undercut of some inferences from a claim only is written as one of
        all of them."""
        outgoing: dict[str, set[str]] = {}
        for r in relations:
            outgoing.setdefault(r.source, set()).add(r.id)
        undercut: dict[tuple[str, str], set[str]] = {}
        for r in relations:
            if r.type is RelationType.UNDERCUT:
                owner = self.relations_by_id[r.target].source
                undercut.setdefault((r.source, owner), set()).add(r.target)
        for (_, owner), targets in undercut.items():
            missing = len(outgoing.get(owner, set()) - targets)
            self.losses.lost(
                "partial-undercut",
                "undercut of some of a claim's inferences written as undercutting all of them",
                count=missing,
            )

    def _check_order(self) -> None:
        ids = list(self.position)
        if js_key_order(ids) != ids:
            moved = sum(1 for a, b in zip(js_key_order(ids), ids, strict=True) if a != b)
            self.losses.lost("claim-order", "Argdown lists claims with numeric ids first", count=moved)

    # -- the text ----------------------------------------------------------------------

    def _statement(self, claim: Claim, duplicate: bool) -> tuple[str, str, str]:
        """The statement's title and tags, its text (to escape), and its
        `{...}` data (empty when none)."""
        if duplicate:
            self.losses.lost("duplicate-id", "claims with the same id merged into one statement")
        text = claim.text
        if "\n" in text or "\r" in text:
            self.losses.lost("line-break", "line breaks in texts written as spaces")
            text = re.sub(r"\r\n|\r|\n", " ", text)
        tags = list(claim.tags)
        side_tags: list[str] = []
        if claim.by is not None:
            if claim.by in self.amap.sides:
                side_tags.append(SIDE_TAG + claim.by)
            else:
                self.losses.lost("by", "'by' naming an undefined side dropped")
        data = self._data(claim)
        if tags and not self._tags_writable(tags):
            data["tags"] = tags
            tags = []
        tag_text = "".join(f"#({t}) " for t in [*side_tags, *tags])
        return f"[{claim.id}]: {tag_text}", text, yaml_flow(data) if data else ""

    def _data(self, claim: Claim) -> dict[str, Any]:
        """The claim's fields Argdown keeps as `{...}` data."""
        data: dict[str, Any] = {}
        for field in _DATA_FIELDS:
            value = self._data_value(field, claim)
            if value is not None:
                data[field.key] = value
        return data

    def _data_value(self, field: ClaimField, claim: Claim) -> Any:
        """A field's value as `{...}` data (None when unset): sources as
        `{ref, quote, loc}`, a list of them when more than one."""
        if field.kind is FieldKind.SOURCES:
            refs = [source_ref_dict(s) for s in claim.all_sources()]
            return (refs[0] if len(refs) == 1 else refs) or None
        value = getattr(claim, field.attr)
        if field.kind is FieldKind.NUMBER and value is not None:
            if not math.isfinite(value):
                self.losses.lost(field.loss, f"{field.key}s that are not finite numbers dropped")
                return None
            return float(value)
        return value

    def _tags_writable(self, tags: list[str]) -> bool:
        """Tags Argdown keeps as written: `#(...)` holds no ')' or line
        break; Argdown merges repeated tags; `by:<side>` would read as a side."""
        if len(set(tags)) != len(tags):
            return False
        return all(
            t
            and ")" not in t
            and not any(c in t for c in "\n\r\u2028\u2029")
            and not (t.startswith(SIDE_TAG) and t[len(SIDE_TAG) :] in self.amap.sides)
            for t in tags
        )

    def _blocks(self, edges: list[_Edge]) -> list[str]:
        """Claims in map order, each nested under the claim it supports,
        attacks or undercuts when that claim is still open above it; every
        other relation as a reference under the later of its two claims."""
        placement, nested = self._placement(edges)
        references = self._references(edges, nested)
        has_children = {via[1] for _, _, via in placement if via is not None} | set(references)
        blocks: list[list[str]] = []
        # Data of claims with lines under them goes in a reference at the
        # end: Argdown adds a space to a text whose data line is followed
        # by relations.
        trailing_data: list[str] = []
        written: set[str] = set()
        for claim, depth, via in placement:
            duplicate = claim.id in written
            head, text, data = self._statement(claim, duplicate)
            if data and claim.id in has_children and not duplicate:
                trailing_data.append(f"[{claim.id}] {data}")
                line = head + escape_text(text)
            else:
                line = head + escape_text(text, data) + data
            indent = "  " * depth
            if via is not None:
                line = f"{_INCOMING[via[2]]} {line}"
            if depth == 0:
                blocks.append([])
            lines = blocks[-1]
            lines.append(indent + line)
            if not duplicate:
                lines.extend(f"{indent}  {ref}" for ref in references.get(claim.id, []))
            written.add(claim.id)
        return ["\n".join(lines) for lines in blocks] + trailing_data

    def _placement(self, edges: list[_Edge]) -> tuple[list[_Placed], set[_Edge]]:
        """Each claim in map order with its depth and the relation it is
        nested by (None at the top of a block), and the relations so
        written."""
        outgoing: dict[str, list[_Edge]] = {}
        for edge in edges:
            outgoing.setdefault(edge[0], []).append(edge)
        nested: set[_Edge] = set()
        placement: list[_Placed] = []
        path: list[str] = []
        defined: set[str] = set()
        for claim in self.amap.claims:
            if claim.id in defined:
                placement.append((claim, 0, None))
                path = []
                continue
            choice: tuple[int, _Edge] | None = None
            for edge in outgoing.get(claim.id, []):
                parent = edge[1]
                if parent in path and parent != claim.id and path.index(parent) < _MAX_NESTING:
                    depth = path.index(parent)
                    if choice is None or depth > choice[0]:
                        choice = (depth, edge)
            if choice is None:
                path = [claim.id]
                placement.append((claim, 0, None))
            else:
                depth, edge = choice
                path = [*path[: depth + 1], claim.id]
                nested.add(edge)
                placement.append((claim, depth + 1, edge))
            defined.add(claim.id)
        return placement, nested

    def _references(self, edges: list[_Edge], nested: set[_Edge]) -> dict[str, list[str]]:
        """The relations not written by nesting, as reference lines under
        whichever of their claims comes later."""
        references: dict[str, list[str]] = {}
        # Self-relations first: Argdown drops `a -> a` as a duplicate when a
        # relation of that type into `a` is already there.
        for source, target, kind in sorted(edges, key=lambda e: e[0] != e[1]):
            if (source, target, kind) in nested:
                continue
            if self.position[source] >= self.position[target]:
                references.setdefault(source, []).append(f"{_OUTGOING[kind]} [{target}]")
            else:
                references.setdefault(target, []).append(f"{_INCOMING[kind]} [{source}]")
        return references
