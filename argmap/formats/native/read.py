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

from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from typing import Any

import yaml

from argmap.errors import InputError
from argmap.formats.base import LoadResult, canonical_relation_order
from argmap.formats.native.dedupe import without_repeats
from argmap.formats.native.fields import ClaimReader
from argmap.formats.native.inference import INFERENCE_KEYS, inference_fields, scheme_block
from argmap.formats.native.nodes import ANY_KEY, Entries, did_you_mean
from argmap.formats.native.plain import PlainReader, Reread, read_plain
from argmap.formats.native.plain_tree import Work, walk_tree
from argmap.io.gc_pause import gc_paused
from argmap.io.json_text import parse_json
from argmap.model import (
    CLAIM_FIELDS,
    DUNG_SEMANTICS,
    FORMAT_VERSION,
    GRADUAL_SEMANTICS,
    MORE_SOURCES_KEY,
    ORIGIN_KEY,
    ArgumentMap,
    Claim,
    Expectation,
    Label,
    Relation,
    RelationType,
    Semantics,
    Side,
    Source,
    SourceSpan,
    default_relation_id,
    parse_reference,
)
from argmap.yaml.compose import compose, compose_json, node_kind

TOP_KEYS = ("argmap", "title", "description", "sources", "sides", "claims", "relations", "expect", "schemes")
GRAPH_TOP_KEYS = (
    "argmap",
    "title",
    "description",
    "sources",
    "sides",
    "nodes",
    "relations",
    "expect",
    "schemes",
)
# `expect:` semantics (argmap.model.DUNG_SEMANTICS) -> statuses a claim may
# be expected to have (argmap.model.Label). For the semantics with several
# extensions: in = in every one (sceptically accepted), out = in none,
# undec = in some but not all.
_STATUSES = tuple(Label)
_SEMANTICS = tuple(Semantics)
CLAIM_FIELD_KEYS = tuple(f.key for f in CLAIM_FIELDS)
# The graph form keeps `source` one object (the JSON contract); further
# sources of a claim go in `more_sources`.
NODE_KEYS = (*CLAIM_FIELD_KEYS, MORE_SOURCES_KEY, ORIGIN_KEY)
CHILD_KEYS = {
    "premises": RelationType.SUPPORT,
    "counterclaims": RelationType.ATTACK,
    "undercuts": RelationType.UNDERCUT,
}
# On an entry under premises/counterclaims/undercuts (or on a linked item):
# the weight of the relation it hangs by. `weight:` there is the claim's own.
IMPACT_KEY = "impact"
CLAIM_KEYS = CLAIM_FIELD_KEYS + tuple(CHILD_KEYS)
LINKED_KEYS = ("linked", "id", "undercuts", *INFERENCE_KEYS, IMPACT_KEY)
_CLAIM_ENTRY_KEYS = frozenset((*CLAIM_KEYS, "linked", *INFERENCE_KEYS, IMPACT_KEY))
SOURCE_KEYS = ("title", "author", "file", "url")
SIDE_KEYS = ("name", "colour")
RELATION_KEYS = ("id", "from", "to", "type", "group", *INFERENCE_KEYS, "weight")
# How an entry under each list is named in messages.
_ENTRY_NAMES = {
    None: "a top-level claim",
    RelationType.SUPPORT: "a premise",
    RelationType.ATTACK: "a counterclaim",
    RelationType.UNDERCUT: "an undercut",
}
RELATION_TYPES = tuple(t.value for t in RelationType)


def load_yaml_text(text: str, file: str = "<map>", *, fast: bool = False) -> LoadResult:
    """A map from YAML text, by PyYAML, with the position of every node; or,
    when `fast` is true (as the registry's readers ask), by the fast path
    where it can vouch for the text (`argmap.yaml.fast`): no spans and no
    diagnostics, and `reread` and `ArgumentMap.positioned` read the text
    again with PyYAML for them."""
    return _load(text, file, fast, json=False)


def _load(text: str, file: str, fast: bool, json: bool) -> LoadResult:
    with gc_paused():
        if fast and (result := read_plain(_PlainWalker, text, file, json)) is not None:
            reread = Reread(partial(_load, text, file, False, json))
            return LoadResult(replace(result.map, positioned=reread.map), [], reread.result)
        root = compose_json(text, file) if json else compose(text, file)
        return _Walker(file, consume=True).walk(root)


def load_yaml_root(root: yaml.Node, file: str = "<map>") -> LoadResult:
    """A map from YAML already composed (the language server composes a map
    once for its diagnostics and its index of ids)."""
    with gc_paused():
        return _Walker(file).walk(root)


def load_json_text(text: str, file: str = "<map>", *, fast: bool = False) -> LoadResult:
    # The JSON parser checks the syntax (and refuses what YAML would take
    # badly); the YAML composer then reads it again with positions (or the
    # fast path without, JSON being YAML too).
    parse_json(text, file, "map")
    return _load(text, file, fast, json=True)


# The fields a linked group gives each of its members' relations (scheme, ...).
_Shared = dict[str, Any]
# One entry of a claim list still to visit: (node, parent claim id, relation
# type to the parent, linked group, relation id an undercut attacks, what
# its linked group says of the inference).
_Work = tuple[yaml.Node, str | None, RelationType | None, str | None, str | None, _Shared | None]


class _Walker(ClaimReader):
    """Turns a composed YAML node tree into the model, collecting diagnostics."""

    def __init__(self, file: str, *, consume: bool = False) -> None:
        super().__init__(file)
        self.claims: list[Claim] = []
        self.relations: list[Relation] = []
        # The tree is ours alone (composed for this walk): let each claim
        # list go from its node once its entries are taken, so each entry's
        # nodes are freed as soon as it is walked, not all at the end, while
        # the model grows. 50,000 claims: 193 MiB at the peak -> 148 MiB
        # (tracemalloc), the composed tree's own size.
        self._consume = consume
        # Claims named by relations dropped with an error (see LoadResult).
        self.unread_ends: set[str] = set()

    # -- the map -----------------------------------------------------------

    def walk(self, root: yaml.Node) -> LoadResult:
        if not self.is_mapping(root):
            raise InputError(
                f"the top of a map must be a mapping (title:, claims:, ...), not {node_kind(root)}",
                self.span(root),
            )
        keys = self.key_names(root)
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
        title = self.optional_string(top, "title", "title")
        description = self.optional_string(top, "description", "description")
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
        schemes = scheme_block(self, top["schemes"][1]) if "schemes" in top else {}

        amap = ArgumentMap(
            claims=tuple(self.claims),
            relations=tuple(
                without_repeats(
                    canonical_relation_order(self.claims, self.relations), self.file, self.diagnostics
                )
            ),
            title=title,
            description=description,
            sources=sources,
            sides=sides,
            file=self.file,
            expect=expect,
            schemes=schemes,
        )
        return LoadResult(amap, self.diagnostics, unread_ends=frozenset(self.unread_ends))

    def _expect(self, node: yaml.Node) -> tuple[Expectation, ...]:
        """`expect: {grounded: {in: [a, b], out: [c]}, preferred: {...}}`."""
        found: list[Expectation] = []
        for semantics, (key_node, by_status) in (self.mapping(node, "expect", _SEMANTICS) or {}).items():
            if semantics in GRADUAL_SEMANTICS:
                self.error(
                    key_node,
                    "unknown-key",
                    f"expect: takes the semantics that label claims in, out or undec "
                    f"({', '.join(DUNG_SEMANTICS)}); {semantics} gives strengths",
                )
                continue
            entries = self.mapping(by_status, f"expect: {semantics}", _STATUSES) or {}
            for status, (_, ids) in entries.items():
                for id_node in self.sequence(ids, f"expect: {semantics}: {status}") or []:
                    claim = self.ident(id_node, "claim id")
                    if claim is not None:
                        found.append(Expectation(semantics, status, claim, self.span(id_node)))
        return tuple(found)

    def _sources(self, node: yaml.Node) -> dict[str, Source]:
        result: dict[str, Source] = {}
        for source_id, (key_node, value) in (self.mapping(node, "sources", ANY_KEY) or {}).items():
            self.ident(key_node, "source id")
            entries = self.mapping(value, f"source '{source_id}'", SOURCE_KEYS) or {}
            file_span = self.span(entries["file"][1]) if "file" in entries else None
            result[source_id] = Source(
                id=source_id,
                title=self.optional_string(entries, "title", "title"),
                author=self.optional_string(entries, "author", "author"),
                file=self.optional_string(entries, "file", "file"),
                url=self.optional_string(entries, "url", "url"),
                span=self.span(key_node),
                file_span=file_span,
            )
        return result

    def _sides(self, node: yaml.Node) -> dict[str, Side]:
        result: dict[str, Side] = {}
        for side_id, (key_node, value) in (self.mapping(node, "sides", ANY_KEY) or {}).items():
            self.ident(key_node, "side id")
            entries = self.mapping(value, f"side '{side_id}'", SIDE_KEYS) or {}
            result[side_id] = Side(
                id=side_id,
                name=self.optional_string(entries, "name", "name"),
                colour=self.optional_string(entries, "colour", "colour"),
                span=self.span(key_node),
            )
        return result

    # -- claims ------------------------------------------------------------

    def _tree(self, node: yaml.Node) -> None:
        """Walk the claim tree without recursion (maps may nest deeply)."""
        stack: list[_Work] = [
            (entry, None, None, None, None, None) for entry in self._claim_list(node, "claims")
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
        shared: _Shared | None,
        stack: list[_Work],
    ) -> None:
        """One entry of a claims/premises/counterclaims/undercuts list.

        `parent` is the claim it hangs under; for undercuts `target` is the
        relation id they attack instead.
        """
        relation_target = target if type_ is RelationType.UNDERCUT else parent
        if self.is_reference(entry):
            # A cross-link: a claim referred to by id, defined elsewhere.
            ref = self.string(entry, "claim reference")
            if ref is None:
                return
            if type_ is None:
                self.error(entry, "wrong-type", "a top-level claim must be a mapping with 'id' and 'text'")
            elif relation_target is not None:
                # A reference has no room for an impact: the group's weighs it.
                self._add_relation(ref, relation_target, type_, group, entry, entry, fields=shared)
            return
        entries = self.mapping(entry, "a claim", _CLAIM_ENTRY_KEYS)
        if entries is None:
            return
        if "linked" in entries:
            self._linked(entry, entries, parent, type_, relation_target, stack)
            return
        claim = self.claim(entry, entries)
        claim_id = claim.id if claim else self.entry_id(entry)
        if claim_id is not None and self.drops_a_list(entry, entries):
            self.unread_ends.add(claim_id)
        fields: _Shared | None
        if shared is None:
            fields = inference_fields(self, entries, type_, _ENTRY_NAMES[type_])
        else:
            fields = shared
            inference_fields(self, entries, None, "a member of a linked group (put it on the group)")
        fields = self._impact(entries, type_, fields)
        own_relation: str | None = None
        if claim is not None:
            self.claims.append(claim)
            if type_ is not None and relation_target is not None:
                own_relation = self._add_relation(
                    claim.id, relation_target, type_, group, entry, entry, span=claim.span, fields=fields
                )
        # Children, pushed in reverse so they are visited in document order.
        children: list[_Work] = []
        for key, child_type in CHILD_KEYS.items():
            if key not in entries:
                continue
            list_node = entries[key][1]
            items = self._claim_list(list_node, key)
            if child_type is RelationType.UNDERCUT:
                if own_relation is None:
                    self._undercut_without_target(list_node, claim_id)
                    continue
                children.extend((item, claim_id, child_type, None, own_relation, None) for item in items)
            else:
                # Under a claim without an id the children still get read
                # (and checked), as top-level claims.
                child_parent_type = child_type if claim_id is not None else None
                children.extend((item, claim_id, child_parent_type, None, None, None) for item in items)
        stack.extend(reversed(children))

    def _claim_list(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        """The entries of a claims, premises, counterclaims or undercuts list."""
        items = self.sequence(node, what) or []
        if self._consume and items:
            node.value = []  # the entries now live only on the walker's stack
        return items

    def _impact(self, entries: Entries, type_: RelationType | None, fields: _Shared | None) -> _Shared | None:
        """The relation's fields with the weight an entry's `impact:` gives
        it (a member's own impact wins over its linked group's)."""
        if IMPACT_KEY not in entries:
            return fields
        key_node, node = entries[IMPACT_KEY]
        if type_ is None:
            self.error(
                key_node,
                "impact-misplaced",
                "'impact' weighs the relation to a parent claim; a top-level claim has none "
                "(a claim's own weight is 'weight')",
            )
            return fields
        return {**(fields or {}), "weight": self.share(node, IMPACT_KEY)}

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
        relation_target: str | None,
        stack: list[_Work],
    ) -> None:
        """`- linked: [...]`: premises that support the parent only together,
        counterclaims that attack it only together, or undercuts that attack
        the inference only together."""
        for key in entries:
            if key not in LINKED_KEYS:
                self.error(entries[key][0], "unknown-key", f"'{key}' does not belong on a linked group")
        if type_ is None or parent is None or relation_target is None:
            self.error(
                node,
                "linked-misplaced",
                "a 'linked:' group belongs in a 'premises:', 'counterclaims:' or 'undercuts:' list",
            )
            return
        members = self.sequence(entries["linked"][1], "linked") or []
        member_ids = [self.entry_id(m) for m in members]
        group: str | None
        if len(members) < 2:
            # A group of one is no group: its member is read as it stands.
            self.warning(node, "linked-single", "a linked group needs two or more members")
            group = None
        elif "id" in entries:
            group = self.ident(entries["id"][1], "linked group id", loose=True)
        else:
            group = "+".join(i for i in member_ids if i) or None
        first_member = next((i for i in member_ids if i), None)
        shared = self._impact(entries, type_, inference_fields(self, entries, type_, "a linked group"))
        children: list[_Work] = [(m, parent, type_, group, relation_target, shared) for m in members]
        if "undercuts" in entries:
            # An undercut of a linked group attacks the group's one inference;
            # it is stored on the relation of the group's first member (an
            # undercut of any member's relation means the same).
            target = default_relation_id(type_, first_member, relation_target) if first_member else None
            items = self.sequence(entries["undercuts"][1], "undercuts") or []
            if target is None:
                self._undercut_without_target(entries["undercuts"][1], group)
            if target is not None:
                children.extend((item, group, RelationType.UNDERCUT, None, target, None) for item in items)
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
        fields: _Shared | None = None,
    ) -> str:
        rid = relation_id or default_relation_id(type_, source, target)
        span = span or self.span(node)
        target_span = span if target_node is node else self.span(target_node)
        self.relations.append(
            Relation(rid, source, target, type_, group, span, target_span, **(fields or {}))
        )
        return rid

    # -- the graph form and top-level relations ----------------------------

    def _graph_nodes(self, node: yaml.Node) -> None:
        for entry in self.sequence(node, "nodes") or []:
            entries = self.mapping(entry, "a node", NODE_KEYS)
            if entries is None:
                continue
            claim = (
                self._referred_node(entry, entries) if ORIGIN_KEY in entries else self.claim(entry, entries)
            )
            if claim is not None:
                self.claims.append(claim)

    def _referred_node(self, node: yaml.Node, entries: Entries) -> Claim | None:
        """A node with `origin`: a claim of another map as the graph form
        keeps it (the reference as its id, its text and label, its map)."""
        origin = self.string(entries[ORIGIN_KEY][1], ORIGIN_KEY)
        claim_id = self.string(entries["id"][1], "claim id") if "id" in entries else None
        reference = parse_reference(claim_id or "")
        if origin is None or claim_id is None or reference is None or reference.file != origin:
            self.error(
                node,
                "invalid-id",
                f"a node with 'origin: {origin}' is a claim of that map: its id is '{origin}#' and the claim's id",
            )
            return None
        text = self.string(entries["text"][1], "text") if "text" in entries else None
        if not text:
            self.error(node, "missing-text", f"claim '{claim_id}' has no 'text'")
            return None
        label = self.optional_string(entries, "label", "label")
        span = self.span(node)
        return Claim(claim_id, text, label=label, span=span, id_span=span, origin=origin)

    def _relation_list(self, node: yaml.Node, graph_form: bool) -> None:
        for entry in self.sequence(node, "relations") or []:
            entries = self.mapping(entry, "a relation", RELATION_KEYS)
            if entries is None:
                continue
            missing = [k for k in ("from", "to", "type") if k not in entries]
            if missing or not self._type_ok(entries):
                self.unread_ends.update(_plain_ends(entries))
            if missing:
                self.error(entry, "missing-field", f"relation has no {', '.join(repr(k) for k in missing)}")
                continue
            source = self._source_id(entries["from"][1])
            target = self.string(entries["to"][1], "relation 'to'")
            type_name = self.string(entries["type"][1], "relation type")
            if type_name not in RELATION_TYPES:
                hint = did_you_mean(type_name or "", RELATION_TYPES)
                self.error(
                    entries["type"][1],
                    "wrong-type",
                    f"relation type must be one of {', '.join(RELATION_TYPES)}, not {type_name!r}{hint}",
                )
                continue
            relation_id = self.ident(entries["id"][1], "relation id", loose=True) if "id" in entries else None
            group = self.ident(entries["group"][1], "group", loose=True) if "group" in entries else None
            if target is None:
                self.error(entries["to"][1], "missing-field", "relation 'to' is empty")
            type_ = RelationType(type_name)
            fields = inference_fields(self, entries, type_, f"{_article(type_name)} {type_name} relation")
            if "weight" in entries:
                fields["weight"] = self.share(entries["weight"][1], "weight")
            if source is None or target is None:
                continue
            self._add_relation(
                source, target, type_, group, entry, entries["to"][1], relation_id, fields=fields
            )

    def _source_id(self, node: yaml.Node) -> str | None:
        """A relation's `from:`: a claim id, or a claim of another map (`other.yaml#x`)."""
        if isinstance(node, yaml.ScalarNode) and parse_reference(node.value) is not None:
            return self.string(node, "relation 'from'")
        return self.ident(node, "relation 'from'")

    def drops_a_list(self, entry: yaml.Node, entries: Entries) -> bool:
        """Whether the claim `entry` holds claims under a key that was not read."""
        return len(entries) < len(entry.value) and _drops_a_list(entry)

    @staticmethod
    def _type_ok(entries: Entries) -> bool:
        node = entries["type"][1] if "type" in entries else None
        return isinstance(node, yaml.ScalarNode) and node.value in RELATION_TYPES


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _plain_ends(entries: Entries) -> Iterator[str]:
    """The claim ids a relation names as written, read or not."""
    for key in ("from", "to"):
        node = entries[key][1] if key in entries else None
        if isinstance(node, yaml.ScalarNode) and node.value:
            yield node.value


def _drops_a_list(entry: yaml.Node) -> bool:
    """Whether a claim holds a list under a key it does not have (`supports:`,
    reported as unknown): claims hang there unread, so it is not alone."""
    return any(
        isinstance(value, yaml.SequenceNode) and getattr(key, "value", None) not in _CLAIM_ENTRY_KEYS
        for key, value in entry.value
    )


class _PlainWalker(PlainReader, _Walker):
    """The walker over plain data (the fast path): the same walk, with the
    accessors of `plain.py`, which give up on anything unusual."""

    def drops_a_list(self, entry: Any, entries: Entries) -> bool:
        # An unknown key has made this walker give up already (PyYAML's reads the map).
        return False

    def _tree(self, node: Any) -> None:
        stack: list[Work] = [
            (entry, None, None, None, None, None) for entry in self._claim_list(node, "claims")
        ]
        stack.reverse()
        walk_tree(stack, self._visit, self._claim_list, self.claims, self.relations)

    def _claim_list(self, node: Any, what: str) -> list[Any]:
        """The entries of a claim list, taken out of the plain data (made
        for this walk alone), so each entry is freed once walked while the
        model grows (50,000 claims: tracemalloc's peak of the load 62 -> 42
        MiB)."""
        items: list[Any] | None = self.sequence(node, what)
        if not items:
            return []
        taken = items.copy()
        items.clear()
        return taken
