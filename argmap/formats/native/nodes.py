"""Typed access to composed YAML nodes, for the native reader: each
accessor returns the value or None, and reports what is wrong with the node
as a diagnostic at its line and column.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Collection

import yaml

from argmap.errors import Diagnostic, Severity
from argmap.model import ID_PATTERN, TOKEN_PATTERN, SourceSpan
from argmap.yaml.compose import (
    BOOL_TAG,
    FLOAT_TAG,
    MAP_TAG,
    NULL_TAG,
    SCALAR_TAGS,
    SEQ_TAG,
    STR_TAG,
    node_kind,
)

_new_tuple = tuple.__new__

# The entries of a mapping node by key: (key node, value node).
Entries = dict[str, tuple[yaml.Node, yaml.Node]]


# Words people write for a key argmap spells otherwise: the legend's own
# "supports"/"attacks", and the claim keys written at the top of a map.
_KEY_SYNONYMS = {
    "supports": ("premises",),
    "support": ("premises",),
    "reasons": ("premises",),
    "attacks": ("counterclaims",),
    "attack": ("counterclaims",),
    "objections": ("counterclaims",),
    "undercut": ("undercuts",),
    "premises": ("claims",),
    "counterclaims": ("claims",),
}


def did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    synonyms = [s for s in _KEY_SYNONYMS.get(word.casefold(), ()) if s in choices]
    close = synonyms or difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class NodeReader:
    """Reads values out of one file's nodes, collecting diagnostics."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self._seen_collections: set[int] = set()

    # -- reporting ---------------------------------------------------------

    def span(self, node: yaml.Node) -> SourceSpan:
        mark = node.start_mark  # inlined mark_span: called for most nodes
        # tuple.__new__ skips the named tuple's own __new__, a Python
        # function: half the cost of the ~4 spans a claim has.
        return _new_tuple(SourceSpan, (self.file, mark.line + 1, mark.column + 1))

    def error(self, node: yaml.Node, check_id: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.span(node), Severity.ERROR, check_id, message))

    def warning(self, node: yaml.Node, check_id: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.span(node), Severity.WARNING, check_id, message))

    # -- shape (the plain-data reader, plain.py, answers these for its data) --

    def is_mapping(self, node: yaml.Node) -> bool:
        return isinstance(node, yaml.MappingNode)

    def is_list(self, node: yaml.Node) -> bool:
        return isinstance(node, yaml.SequenceNode)

    def is_reference(self, node: yaml.Node) -> bool:
        """A list entry that names a claim defined elsewhere (a non-empty scalar)."""
        return isinstance(node, yaml.ScalarNode) and node.tag != NULL_TAG

    def key_names(self, node: yaml.Node) -> set[str]:
        """The names of a mapping's keys (for telling the forms apart)."""
        return {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}

    def entry_id(self, node: yaml.Node) -> str | None:
        return entry_id(node)

    def written(self, node: yaml.Node) -> str:
        """A scalar as written, for messages."""
        value: str = node.value
        return value

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

    def mapping(self, node: yaml.Node, what: str, allowed: Collection[str]) -> Entries | None:
        """A mapping's entries by key, reporting duplicate and unknown keys."""
        if node.__class__ is not yaml.MappingNode or node.tag != MAP_TAG:  # the usual case first
            if not self._tag_ok(node):
                return None
            self.error(node, "wrong-type", f"{what} must be a mapping, not {node_kind(node)}")
            return None
        if not self._fresh(node):
            return None
        entries: Entries = {}
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
                hint = did_you_mean(key, tuple(sorted(allowed)))
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
            value: float | None
            try:
                value = float(node.value.replace("_", ""))
            except ValueError:
                value = math.nan if node.tag == FLOAT_TAG else None  # YAML's .nan and .inf
            if value is not None:
                if math.isfinite(value):
                    return value
                self.error(node, "wrong-type", f"{what} must be a finite number, not {node.value}")
                return None
        self.error(node, "wrong-type", f"{what} must be a number, not {node_kind(node)}")
        return None

    def flag(self, node: yaml.Node, what: str) -> bool | None:
        """true or false (YAML 1.1 also reads yes/no and on/off so)."""
        if not self._tag_ok(node):
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag == BOOL_TAG:
            return bool(yaml.constructor.SafeConstructor.bool_values[node.value.lower()])
        self.error(node, "wrong-type", f"{what} must be true or false, not {node_kind(node)}")
        return None

    def optional_string(self, entries: Entries, key: str, what: str) -> str | None:
        if key not in entries:
            return None
        return self.string(entries[key][1], what)

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


class _AnyKeys(tuple[str, ...]):
    """Allowed-keys marker for mappings keyed by user ids (sources, sides)."""

    def __contains__(self, key: object) -> bool:
        return True


ANY_KEY = _AnyKeys()


def entry_id(node: yaml.Node) -> str | None:
    """The id of a list entry, whether a reference or a definition."""
    if isinstance(node, yaml.ScalarNode):
        return str(node.value) if node.tag != NULL_TAG else None
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
                return str(value.value)
    return None
