"""argmap's own map files -> model, keeping the line and column of every node.

Both forms of a map go through here:

* the tree form people write (``claims:`` with nested ``premises``,
  ``counterclaims`` and ``undercuts``), in YAML;
* the graph form (``nodes:`` and ``relations:``), normally JSON. JSON is read
  by the YAML composer too (after ``json`` has checked it is strict JSON), so
  that problems in a JSON map also point at a line and column.

Problems in the map are returned as diagnostics; only "cannot go on" raises
(:class:`InputError`: unreadable file, syntax error, not a mapping).
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Collection

import yaml

from argmap.errors import Diagnostic, InputError, Severity
from argmap.formats.base import LoadResult, canonical_relation_order
from argmap.io.gc_pause import gc_paused
from argmap.model import (
    FORMAT_VERSION,
    ID_PATTERN,
    TOKEN_PATTERN,
    ArgumentMap,
    Claim,
    Expectation,
    Relation,
    RelationType,
    Side,
    Source,
    SourceRef,
    SourceSpan,
    default_relation_id,
)
from argmap.yaml.compose import MAP_TAG, NULL_TAG, SCALAR_TAGS, SEQ_TAG, STR_TAG, compose, node_kind

TOP_KEYS = ("argmap", "title", "description", "sources", "sides", "claims", "relations", "expect")
GRAPH_TOP_KEYS = ("argmap", "title", "description", "sources", "sides", "nodes", "relations", "expect")
# `expect:` semantics -> statuses a claim may be expected to have. For the
# semantics with several extensions: in = in every one (sceptically
# accepted), out = in none, undec = in some but not all.
EXPECT_SEMANTICS = ("grounded", "complete", "preferred", "stable")
EXPECT_STATUSES = ("in", "out", "undec")
CLAIM_FIELDS = ("id", "text", "label", "by", "source", "tags", "weight", "note", "step")
# The graph form keeps `source` one object (the JSON contract); further
# sources of a claim go in `more_sources`.
NODE_FIELDS = (*CLAIM_FIELDS, "more_sources")
CHILD_KEYS = {
    "premises": RelationType.SUPPORT,
    "counterclaims": RelationType.ATTACK,
    "undercuts": RelationType.UNDERCUT,
}
CLAIM_KEYS = CLAIM_FIELDS + tuple(CHILD_KEYS)
LINKED_KEYS = ("linked", "id", "undercuts")
_CLAIM_ENTRY_KEYS = frozenset((*CLAIM_KEYS, "linked"))
SOURCE_REF_KEYS = ("ref", "quote", "loc")
SOURCE_KEYS = ("title", "author", "file", "url")
SIDE_KEYS = ("name", "colour")
RELATION_KEYS = ("id", "from", "to", "type", "group")
RELATION_TYPES = tuple(t.value for t in RelationType)


def load_yaml_text(text: str, file: str = "<map>") -> LoadResult:
    with gc_paused():
        root = compose(text, file)
        return _Walker(file).walk(root)


def load_json_text(text: str, file: str = "<map>") -> LoadResult:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON syntax: {exc.msg}", SourceSpan(file, exc.lineno, exc.colno)) from None
    except RecursionError:
        raise InputError(f"{file}: nested too deeply") from None
    return load_yaml_text(text, file)


def _did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


# One entry of a claim list still to visit: (node, parent claim id, relation
# type to the parent, linked group, relation id an undercut attacks).
_Work = tuple[yaml.Node, str | None, RelationType | None, str | None, str | None]


class _Walker:
    """Turns a composed YAML node tree into the model, collecting diagnostics."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self.claims: list[Claim] = []
        self.relations: list[Relation] = []
        self._seen_collections: set[int] = set()

    # -- reporting ---------------------------------------------------------

    def span(self, node: yaml.Node) -> SourceSpan:
        mark = node.start_mark  # inlined mark_span: called for most nodes
        return SourceSpan(self.file, mark.line + 1, mark.column + 1)

    def error(self, node: yaml.Node, check_id: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.span(node), Severity.ERROR, check_id, message))

    def warning(self, node: yaml.Node, check_id: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.span(node), Severity.WARNING, check_id, message))

    # -- typed access ------------------------------------------------------

    def _fresh(self, node: yaml.Node) -> bool:
        """False (with a diagnostic) for a collection seen before: an alias.
        Refusing them keeps "billion laughs" files linear."""
        key = id(node)
        if key in self._seen_collections:
            # Composed nodes keep only the anchor's position, not the alias's.
            self.error(
                node,
                "yaml-alias",
                "this list or mapping is used again through a YAML alias; aliases are not supported",
            )
            return False
        self._seen_collections.add(key)
        return True

    def _tag_ok(self, node: yaml.Node) -> bool:
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            ok = tag in SCALAR_TAGS
        elif isinstance(node, yaml.SequenceNode):
            ok = tag == SEQ_TAG
        else:
            ok = tag == MAP_TAG
        if not ok:
            self.error(node, "unsupported-tag", f"unsupported YAML tag '{tag}'")
        return ok

    def mapping(
        self, node: yaml.Node, what: str, allowed: Collection[str]
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """A mapping's entries by key, reporting duplicate and unknown keys."""
        if node.__class__ is not yaml.MappingNode or node.tag != MAP_TAG:  # the usual case first
            if not self._tag_ok(node):
                return None
            self.error(node, "wrong-type", f"{what} must be a mapping, not {node_kind(node)}")
            return None
        if not self._fresh(node):
            return None
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == NULL_TAG:
                self.error(key_node, "wrong-type", f"keys in {what} must be names, not {node_kind(key_node)}")
                continue
            key = key_node.value
            if key in entries:
                first = entries[key][0].start_mark.line + 1
                self.error(
                    key_node, "duplicate-key", f"duplicate key '{key}' in {what} (first at line {first})"
                )
                continue
            if key not in allowed:
                hint = _did_you_mean(key, tuple(sorted(allowed)))
                self.error(key_node, "unknown-key", f"unknown key '{key}' in {what}{hint}")
                continue
            entries[key] = (key_node, value_node)
        return entries

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node] | None:
        if node.__class__ is yaml.SequenceNode and node.tag == SEQ_TAG:  # the usual case first
            return list(node.value) if self._fresh(node) else None
        if not self._tag_ok(node):
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, "wrong-type", f"{what} must be a list, not {node_kind(node)}")
            return None
        if not self._fresh(node):
            return None
        return list(node.value)

    def string(self, node: yaml.Node, what: str) -> str | None:
        """A scalar's text as written (so `text: 1917` is the string "1917")."""
        if node.__class__ is yaml.ScalarNode and node.tag == STR_TAG:  # the usual case first
            text: str = node.value
            return text
        if not self._tag_ok(node):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, "wrong-type", f"{what} must be a string, not {node_kind(node)}")
            return None
        if node.tag == NULL_TAG and not node.style:
            return None
        value: str = node.value
        return value

    def number(self, node: yaml.Node, what: str) -> float | None:
        if not self._tag_ok(node):
            return None
        # The C parser marks plain scalars with style "" where the Python one uses None.
        if isinstance(node, yaml.ScalarNode) and node.tag != NULL_TAG and not node.style:
            try:
                value = float(node.value.replace("_", ""))
            except ValueError:
                pass
            else:
                if math.isfinite(value):
                    return value
        self.error(node, "wrong-type", f"{what} must be a number, not {node_kind(node)}")
        return None

    def ident(self, node: yaml.Node, what: str, loose: bool = False) -> str | None:
        """An id: a slug for claims, sides and sources; one word (`loose`)
        for relation and group ids."""
        value = self.string(node, what)
        if value is None:
            self.error(node, "missing-id", f"{what} is empty")
            return None
        if loose and not TOKEN_PATTERN.match(value):
            self.error(node, "invalid-id", f"{what} '{value}' must be one word, without spaces")
        elif not loose and not ID_PATTERN.match(value):
            self.error(
                node,
                "invalid-id",
                f"{what} '{value}' is not a slug (letters, digits, '_', '-', '.'; no spaces or ':')",
            )
        return value

    # -- the map -----------------------------------------------------------

    def walk(self, root: yaml.Node) -> LoadResult:
        if not isinstance(root, yaml.MappingNode):
            raise InputError(
                f"the top of a map must be a mapping (title:, claims:, ...), not {node_kind(root)}",
                self.span(root),
            )
        keys = {k.value for k, _ in root.value if isinstance(k, yaml.ScalarNode)}
        graph_form = "nodes" in keys and "claims" not in keys
        top = self.mapping(root, "the map", GRAPH_TOP_KEYS if graph_form else TOP_KEYS) or {}

        if "argmap" in top:
            version = self.string(top["argmap"][1], "argmap (the format version)")
            if version != str(FORMAT_VERSION):
                self.error(
                    top["argmap"][1],
                    "unsupported-version",
                    f"format version {version!r} is not supported (this argmap reads version {FORMAT_VERSION})",
                )
        title = self._optional_string(top, "title", "title")
        description = self._optional_string(top, "description", "description")
        sources = self._sources(top["sources"][1]) if "sources" in top else {}
        sides = self._sides(top["sides"][1]) if "sides" in top else {}

        if graph_form:
            self._graph_nodes(top["nodes"][1])
        elif "claims" in top:
            self._tree(top["claims"][1])
        else:
            self.warning(root, "no-claims", "the map has no 'claims:' list")
        if "relations" in top:
            self._relation_list(top["relations"][1], graph_form)
        expect = self._expect(top["expect"][1]) if "expect" in top else ()

        amap = ArgumentMap(
            claims=tuple(self.claims),
            relations=tuple(self._dedupe(canonical_relation_order(self.claims, self.relations))),
            title=title,
            description=description,
            sources=sources,
            sides=sides,
            file=self.file,
            expect=expect,
        )
        return LoadResult(amap, self.diagnostics)

    def _expect(self, node: yaml.Node) -> tuple[Expectation, ...]:
        """`expect: {grounded: {in: [a, b], out: [c]}, preferred: {...}}`."""
        found: list[Expectation] = []
        for semantics, (_, by_status) in (self.mapping(node, "expect", EXPECT_SEMANTICS) or {}).items():
            entries = self.mapping(by_status, f"expect: {semantics}", EXPECT_STATUSES) or {}
            for status, (_, ids) in entries.items():
                for id_node in self.sequence(ids, f"expect: {semantics}: {status}") or []:
                    claim = self.ident(id_node, "claim id")
                    if claim is not None:
                        found.append(Expectation(semantics, status, claim, self.span(id_node)))
        return tuple(found)

    def _optional_string(
        self, entries: dict[str, tuple[yaml.Node, yaml.Node]], key: str, what: str
    ) -> str | None:
        if key not in entries:
            return None
        return self.string(entries[key][1], what)

    def _sources(self, node: yaml.Node) -> dict[str, Source]:
        result: dict[str, Source] = {}
        for source_id, (key_node, value) in (self.mapping(node, "sources", _ANY) or {}).items():
            self.ident(key_node, "source id")
            entries = self.mapping(value, f"source '{source_id}'", SOURCE_KEYS) or {}
            file_span = self.span(entries["file"][1]) if "file" in entries else None
            result[source_id] = Source(
                id=source_id,
                title=self._optional_string(entries, "title", "title"),
                author=self._optional_string(entries, "author", "author"),
                file=self._optional_string(entries, "file", "file"),
                url=self._optional_string(entries, "url", "url"),
                span=self.span(key_node),
                file_span=file_span,
            )
        return result

    def _sides(self, node: yaml.Node) -> dict[str, Side]:
        result: dict[str, Side] = {}
        for side_id, (key_node, value) in (self.mapping(node, "sides", _ANY) or {}).items():
            self.ident(key_node, "side id")
            entries = self.mapping(value, f"side '{side_id}'", SIDE_KEYS) or {}
            result[side_id] = Side(
                id=side_id,
                name=self._optional_string(entries, "name", "name"),
                colour=self._optional_string(entries, "colour", "colour"),
                span=self.span(key_node),
            )
        return result

    # -- claims ------------------------------------------------------------

    def _claim(self, node: yaml.Node, entries: dict[str, tuple[yaml.Node, yaml.Node]]) -> Claim | None:
        """The claim's own fields (not its children)."""
        claim_id: str | None = None
        id_span = None
        if "id" in entries:
            id_node = entries["id"][1]
            claim_id = self.ident(id_node, "claim id")
            id_span = self.span(id_node)
        else:
            self.error(node, "missing-id", "claim has no 'id'")
        text: str | None = None
        text_span = None
        if "text" in entries:
            text_node = entries["text"][1]
            text_span = self.span(text_node)
            reported = len(self.diagnostics)
            text = self.string(text_node, "text")
            if (text is None or not text.strip()) and len(self.diagnostics) == reported:
                self.error(text_node, "empty-text", f"claim '{claim_id}' has empty text")
            text = text or ""
        else:
            self.error(node, "missing-text", f"claim '{claim_id}' has no 'text'")
        if claim_id is None or text is None:
            return None
        by = self._optional_string(entries, "by", "by")
        by_span = self.span(entries["by"][1]) if "by" in entries else None
        sources = self._source_refs(entries)
        tags: tuple[str, ...] = ()
        if "tags" in entries:
            tag_values = []
            for tag_node in self.sequence(entries["tags"][1], "tags") or []:
                tag = self.string(tag_node, "a tag")
                if tag:
                    tag_values.append(tag)
            tags = tuple(tag_values)
        weight = None
        if "weight" in entries:
            weight_node = entries["weight"][1]
            weight = self.number(weight_node, "weight")
            if weight is not None and not 0.0 <= weight <= 1.0:
                self.error(weight_node, "weight-range", f"weight {weight:g} is outside 0..1")
        label = self._optional_string(entries, "label", "label")
        if label is not None and not label.strip():
            self.error(entries["label"][1], "empty-text", f"claim '{claim_id}' has an empty label")
            label = None
        return Claim(
            id=claim_id,
            text=text,
            by=by,
            source=sources[0] if sources else None,
            tags=tags,
            weight=weight,
            note=self._optional_string(entries, "note", "note"),
            span=self.span(node),
            id_span=id_span,
            text_span=text_span,
            by_span=by_span,
            more_sources=sources[1:],
            label=label,
            step=self._step(entries),
        )

    def _step(self, entries: dict[str, tuple[yaml.Node, yaml.Node]]) -> int | None:
        """`step:`, a whole number of 1 or more: when a slide build reveals the claim."""
        if "step" not in entries:
            return None
        node = entries["step"][1]
        value = self.number(node, "step")
        if value is None:
            return None
        if not value.is_integer() or value < 1:
            self.error(node, "wrong-type", f"step must be a whole number of 1 or more, not {node.value}")
            return None
        return int(value)

    def _source_refs(self, entries: dict[str, tuple[yaml.Node, yaml.Node]]) -> tuple[SourceRef, ...]:
        """`source:` as one mapping or a list of them; `more_sources:` (graph form)."""
        nodes: list[yaml.Node] = []
        if "source" in entries:
            node = entries["source"][1]
            if isinstance(node, yaml.SequenceNode):
                nodes.extend(self.sequence(node, "source") or [])
            else:
                nodes.append(node)
        if "more_sources" in entries:
            nodes.extend(self.sequence(entries["more_sources"][1], "more_sources") or [])
        refs = (self._source_ref(n) for n in nodes)
        return tuple(r for r in refs if r is not None)

    def _source_ref(self, node: yaml.Node) -> SourceRef | None:
        entries = self.mapping(node, "source", SOURCE_REF_KEYS)
        if entries is None:
            return None
        return SourceRef(
            ref=self._optional_string(entries, "ref", "source ref"),
            quote=self._optional_string(entries, "quote", "quote"),
            loc=self._optional_string(entries, "loc", "loc"),
            ref_span=self.span(entries["ref"][1]) if "ref" in entries else None,
            quote_span=self.span(entries["quote"][1]) if "quote" in entries else None,
        )

    def _tree(self, node: yaml.Node) -> None:
        """Walk the claim tree without recursion (maps may nest deeply)."""
        stack: list[_Work] = [
            (entry, None, None, None, None) for entry in self.sequence(node, "claims") or []
        ]
        stack.reverse()
        while stack:
            self._visit(*stack.pop(), stack)

    def _visit(
        self,
        entry: yaml.Node,
        parent: str | None,
        type_: RelationType | None,
        group: str | None,
        target: str | None,
        stack: list[_Work],
    ) -> None:
        """One entry of a claims/premises/counterclaims/undercuts list.

        `parent` is the claim it hangs under; for undercuts `target` is the
        relation id they attack instead.
        """
        relation_target = target if type_ is RelationType.UNDERCUT else parent
        if isinstance(entry, yaml.ScalarNode) and entry.tag != NULL_TAG:
            # A cross-link: a claim referred to by id, defined elsewhere.
            ref = self.string(entry, "claim reference")
            if ref is None:
                return
            if type_ is None:
                self.error(entry, "wrong-type", "a top-level claim must be a mapping with 'id' and 'text'")
            elif relation_target is not None:
                self._add_relation(ref, relation_target, type_, group, entry, entry)
            return
        entries = self.mapping(entry, "a claim", _CLAIM_ENTRY_KEYS)
        if entries is None:
            return
        if "linked" in entries:
            self._linked(entry, entries, parent, type_, stack)
            return
        claim = self._claim(entry, entries)
        claim_id = claim.id if claim else _entry_id(entry)
        own_relation: str | None = None
        if claim is not None:
            self.claims.append(claim)
            if type_ is not None and relation_target is not None:
                own_relation = self._add_relation(
                    claim.id, relation_target, type_, group, entry, entry, span=claim.span
                )
        # Children, pushed in reverse so they are visited in document order.
        children: list[_Work] = []
        for key, child_type in CHILD_KEYS.items():
            if key not in entries:
                continue
            list_node = entries[key][1]
            items = self.sequence(list_node, key) or []
            if child_type is RelationType.UNDERCUT:
                if own_relation is None:
                    self._undercut_without_target(list_node, claim_id)
                    continue
                children.extend((item, claim_id, child_type, None, own_relation) for item in items)
            else:
                # Under a claim without an id the children still get read
                # (and checked), as top-level claims.
                child_parent_type = child_type if claim_id is not None else None
                children.extend((item, claim_id, child_parent_type, None, None) for item in items)
        stack.extend(reversed(children))

    def _undercut_without_target(self, node: yaml.Node, owner: str | None) -> None:
        self.error(
            node,
            "undercut-target",
            f"undercuts under '{owner}' attack nothing: '{owner}' is not a premise or counterclaim "
            "of another claim here (use 'relations:' with 'to:' naming the relation)",
        )

    def _linked(
        self,
        node: yaml.Node,
        entries: dict[str, tuple[yaml.Node, yaml.Node]],
        parent: str | None,
        type_: RelationType | None,
        stack: list[_Work],
    ) -> None:
        """`- linked: [...]`: premises that support the parent only together."""
        for key in entries:
            if key not in LINKED_KEYS:
                self.error(entries[key][0], "unknown-key", f"'{key}' does not belong on a linked group")
        if type_ is not RelationType.SUPPORT or parent is None:
            self.error(node, "linked-misplaced", "a 'linked:' group belongs in a 'premises:' list")
            return
        members = self.sequence(entries["linked"][1], "linked") or []
        if len(members) < 2:
            self.warning(node, "linked-single", "a linked group needs two or more premises")
        member_ids = [_entry_id(m) for m in members]
        group: str | None
        if "id" in entries:
            group = self.ident(entries["id"][1], "linked group id", loose=True)
        else:
            group = "+".join(i for i in member_ids if i) or None
        first_member = next((i for i in member_ids if i), None)
        children: list[_Work] = [(m, parent, type_, group, None) for m in members]
        if "undercuts" in entries:
            # An undercut of a linked argument attacks its (shared) inference,
            # recorded as the relation of its first premise.
            target = default_relation_id(RelationType.SUPPORT, first_member, parent) if first_member else None
            items = self.sequence(entries["undercuts"][1], "undercuts") or []
            if target is None:
                self._undercut_without_target(entries["undercuts"][1], group)
            if target is not None:
                children.extend((item, group, RelationType.UNDERCUT, None, target) for item in items)
        stack.extend(reversed(children))

    def _add_relation(
        self,
        source: str,
        target: str,
        type_: RelationType,
        group: str | None,
        node: yaml.Node,
        target_node: yaml.Node,
        relation_id: str | None = None,
        span: SourceSpan | None = None,
    ) -> str:
        rid = relation_id or default_relation_id(type_, source, target)
        span = span or self.span(node)
        target_span = span if target_node is node else self.span(target_node)
        self.relations.append(Relation(rid, source, target, type_, group, span, target_span))
        return rid

    # -- the graph form and top-level relations ----------------------------

    def _graph_nodes(self, node: yaml.Node) -> None:
        for entry in self.sequence(node, "nodes") or []:
            entries = self.mapping(entry, "a node", NODE_FIELDS)
            if entries is None:
                continue
            claim = self._claim(entry, entries)
            if claim is not None:
                self.claims.append(claim)

    def _relation_list(self, node: yaml.Node, graph_form: bool) -> None:
        for entry in self.sequence(node, "relations") or []:
            entries = self.mapping(entry, "a relation", RELATION_KEYS)
            if entries is None:
                continue
            missing = [k for k in ("from", "to", "type") if k not in entries]
            if missing:
                self.error(entry, "missing-field", f"relation has no {', '.join(repr(k) for k in missing)}")
                continue
            source = self.ident(entries["from"][1], "relation 'from'")
            target = self.string(entries["to"][1], "relation 'to'")
            type_name = self.string(entries["type"][1], "relation type")
            if type_name not in RELATION_TYPES:
                hint = _did_you_mean(type_name or "", RELATION_TYPES)
                self.error(
                    entries["type"][1],
                    "wrong-type",
                    f"relation type must be one of {', '.join(RELATION_TYPES)}, not {type_name!r}{hint}",
                )
                continue
            relation_id = self.ident(entries["id"][1], "relation id", loose=True) if "id" in entries else None
            group = self.ident(entries["group"][1], "group", loose=True) if "group" in entries else None
            if source is None or target is None:
                continue
            self._add_relation(
                source,
                target,
                RelationType(type_name),
                group,
                entry,
                entries["to"][1],
                relation_id,
            )

    def _dedupe(self, relations: list[Relation]) -> list[Relation]:
        """Drop repeated relations, each drop a diagnostic."""
        seen_ids: dict[str, Relation] = {}
        seen_edges: dict[tuple[str, str, RelationType], Relation] = {}
        kept: list[Relation] = []
        for relation in relations:
            edge = (relation.source, relation.target, relation.type)
            first = seen_ids.get(relation.id) or seen_edges.get(edge)
            if first is not None:
                where = f" (first at line {first.span.line})" if first.span else ""
                span = relation.span or SourceSpan(self.file, 1, 1)
                self.diagnostics.append(
                    Diagnostic(
                        span,
                        Severity.ERROR,
                        "duplicate-relation",
                        f"'{relation.source}' {relation.type.value}s '{relation.target}' twice{where}",
                    )
                )
                continue
            seen_ids[relation.id] = relation
            seen_edges[edge] = relation
            kept.append(relation)
        return kept


class _AnyKeys(tuple[str, ...]):
    """Allowed-keys marker for mappings keyed by user ids (sources, sides)."""

    def __contains__(self, key: object) -> bool:
        return True


_ANY = _AnyKeys()


def _entry_id(node: yaml.Node) -> str | None:
    """The id of a list entry, whether a reference or a definition."""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value) if node.tag != NULL_TAG else None
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
                return str(value.value)
    return None
