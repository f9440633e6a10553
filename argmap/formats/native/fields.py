"""A claim's own fields out of its mapping node: one reader per kind of
field (`argmap.model.FieldKind`), called for each row of
`argmap.model.CLAIM_FIELDS` the entry has, so a new field of a known kind
is read without a line here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from argmap.formats.native.nodes import Entries, NodeReader
from argmap.model import (
    MORE_SOURCES_KEY,
    OPTIONAL_CLAIM_FIELDS,
    Claim,
    ClaimField,
    FieldKind,
    SourceRef,
    SourceSpan,
)

SOURCE_REF_KEYS = ("ref", "quote", "loc")
# Text fields that may be blank; the others (a label stands in for the text
# in diagrams) may not.
_BLANK_ALLOWED = frozenset({"note"})

# Reads one field into `values` (Claim attribute -> value): the reader, the
# entries, the field, the claim's id (for messages).
_FieldRead = Callable[["ClaimReader", Entries, ClaimField, str, dict[str, Any]], None]


class ClaimReader(NodeReader):
    def claim(self, node: yaml.Node, entries: Entries) -> Claim | None:
        """The claim's own fields (not its children); None without an id or a text."""
        claim_id, id_span = self._claim_id(node, entries)
        text, text_span = self._claim_text(node, entries, claim_id)
        if claim_id is None or text is None:
            return None
        values: dict[str, Any] = {}
        for field, more_key, read in _OPTIONAL_READERS:
            if field.key in entries or (more_key is not None and more_key in entries):
                read(self, entries, field, claim_id, values)
        return Claim(claim_id, text, span=self.span(node), id_span=id_span, text_span=text_span, **values)

    def _claim_id(self, node: yaml.Node, entries: Entries) -> tuple[str | None, SourceSpan | None]:
        if "id" not in entries:
            self.error(node, "missing-id", "claim has no 'id'")
            return None, None
        id_node = entries["id"][1]
        return self.ident(id_node, "claim id"), self.span(id_node)

    def _claim_text(
        self, node: yaml.Node, entries: Entries, claim_id: str | None
    ) -> tuple[str | None, SourceSpan | None]:
        if "text" not in entries:
            self.error(node, "missing-text", f"claim '{claim_id}' has no 'text'")
            return None, None
        text_node = entries["text"][1]
        reported = len(self.diagnostics)
        text = self.string(text_node, "text")
        if (text is None or not text.strip()) and len(self.diagnostics) == reported:
            self.error(text_node, "empty-text", f"claim '{claim_id}' has empty text")
        return text or "", self.span(text_node)

    # -- one reader per kind ---------------------------------------------------

    def _read_text(self, entries: Entries, field: ClaimField, claim_id: str, values: dict[str, Any]) -> None:
        node = entries[field.key][1]
        value = self.string(node, field.key)
        if value is not None and not value.strip() and field.key not in _BLANK_ALLOWED:
            self.error(node, "empty-text", f"claim '{claim_id}' has an empty {field.key}")
            value = None
        values[field.attr] = value
        if field.span is not None:
            values[field.span] = self.span(node)

    def _read_tags(self, entries: Entries, field: ClaimField, claim_id: str, values: dict[str, Any]) -> None:
        tags = []
        for tag_node in self.sequence(entries[field.key][1], field.key) or []:
            tag = self.string(tag_node, "a tag")
            if tag:
                tags.append(tag)
        values[field.attr] = tuple(tags)

    def _read_share(self, entries: Entries, field: ClaimField, claim_id: str, values: dict[str, Any]) -> None:
        """A number from 0 to 1."""
        values[field.attr] = self.share(entries[field.key][1], field.key)

    def share(self, node: yaml.Node, what: str) -> float | None:
        """A number from 0 to 1: a claim's weight, a relation's weight (impact)."""
        value = self.number(node, what)
        if value is not None and not 0.0 <= value <= 1.0:
            # One check id for every 0..1 value (claims' and relations'
            # weights): ids are what users' tools match, so they do not
            # follow a key's name.
            self.error(node, "weight-range", f"{what} {value:g} is outside 0..1")
        return value

    def _read_whole(self, entries: Entries, field: ClaimField, claim_id: str, values: dict[str, Any]) -> None:
        """A whole number of 1 or more (`step:`, when a slide build reveals the claim)."""
        node = entries[field.key][1]
        value = self.number(node, field.key)
        if value is not None and (not value.is_integer() or value < 1):
            self.error(
                node,
                "wrong-type",
                f"{field.key} must be a whole number of 1 or more, not {self.written(node)}",
            )
            value = None
        values[field.attr] = None if value is None else int(value)

    def _read_flag(self, entries: Entries, field: ClaimField, claim_id: str, values: dict[str, Any]) -> None:
        """true or false; false is the default, kept as None (not written back)."""
        value = self.flag(entries[field.key][1], field.key)
        values[field.attr] = True if value else None

    def _read_sources(
        self, entries: Entries, field: ClaimField, claim_id: str, values: dict[str, Any]
    ) -> None:
        """`source:` as one mapping or a list of them; `more_sources:` (graph form)."""
        nodes: list[yaml.Node] = []
        if field.key in entries:
            node = entries[field.key][1]
            if self.is_list(node):
                nodes.extend(self.sequence(node, field.key) or [])
            else:
                nodes.append(node)
        if MORE_SOURCES_KEY in entries:
            nodes.extend(self.sequence(entries[MORE_SOURCES_KEY][1], MORE_SOURCES_KEY) or [])
        refs = [ref for ref in map(self._source_ref, nodes) if ref is not None]
        values[field.attr] = refs[0] if refs else None
        values["more_sources"] = tuple(refs[1:])

    def _source_ref(self, node: yaml.Node) -> SourceRef | None:
        entries = self.mapping(node, "source", SOURCE_REF_KEYS)
        if entries is None:
            return None
        return SourceRef(
            ref=self.optional_string(entries, "ref", "source ref"),
            quote=self.optional_string(entries, "quote", "quote"),
            loc=self.optional_string(entries, "loc", "loc"),
            ref_span=self.span(entries["ref"][1]) if "ref" in entries else None,
            quote_span=self.span(entries["quote"][1]) if "quote" in entries else None,
        )


_READERS: dict[FieldKind, _FieldRead] = {
    FieldKind.TEXT: ClaimReader._read_text,
    FieldKind.SIDE: ClaimReader._read_text,
    FieldKind.SOURCES: ClaimReader._read_sources,
    FieldKind.TAGS: ClaimReader._read_tags,
    FieldKind.NUMBER: ClaimReader._read_share,
    FieldKind.WHOLE: ClaimReader._read_whole,
    FieldKind.FLAG: ClaimReader._read_flag,
}
# (field, another key that holds some of it, its reader) for each optional field.
_OPTIONAL_READERS = tuple(
    (field, MORE_SOURCES_KEY if field.kind is FieldKind.SOURCES else None, _READERS[field.kind])
    for field in OPTIONAL_CLAIM_FIELDS
)
