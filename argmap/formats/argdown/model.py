"""Argdown's model: equivalence classes of statements (one per title),
arguments with their premise-conclusion structures, inferences, relations
and heading sections, as @argdown/core 2.0 models them (names follow
Argdown's), and the settings Argdown builds its map with."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

SUPPORT, ATTACK, UNDERCUT = "support", "attack", "undercut"
ENTAILS, CONTRARY, CONTRADICTORY = "entails", "contrary", "contradictory"
SYMMETRIC = frozenset({CONTRARY, CONTRADICTORY})

PREMISE = "premise"
INTERMEDIARY_CONCLUSION = "intermediary-conclusion"
MAIN_CONCLUSION = "main-conclusion"
ARGUMENT_DESCRIPTION = "argument-description"
TOP_LEVEL_STATEMENT = "top-level-statement"
RELATION_STATEMENT = "relation-statement"

# Argdown's shortcodes: `.->.` or `:->:` in a text becomes an arrow.
_SHORTCODE_CHARS = {
    "A": "∀", "E": "∃", "O": "𝗢", "P": "𝗣", "->": "→", "<->": "↔", "~": "¬", "^": "∧", "v": "∨",
    "v_": "⊻", "<>": "◇", "[]": "◻", "happy": "😀", "smile": "☺", "smiley": "☺", "laugh": "😆",
    "lol": "😆", "rofl": "🤣", "joy": "😂", "heart": "❤", "?": "❓", "question": "❓", "love": "😍",
    "wink": "😉", "shush": "🤫", "meh": "😐", "eye-roll": "🙄", "sad": "😢", "disappointed": "😞",
    "scream": "😱", "+1": "👍", "up": "👍", "-1": "👎", "down": "👎", "think": "🤔", "star": "⭐",
    "y": "✔", "agree": "✔", "n": "❌", "disagree": "❌",
}  # fmt: skip
SHORTCODES = {f"{mark}{name}{mark}": char for name, char in _SHORTCODE_CHARS.items() for mark in ".:"}
SHORTCODES[":smile:"] = "☺\ufe0f"

# Argdown's settings where the front matter gives none.
DEFAULTS: dict[str, dict[str, Any]] = {
    "model": {"mode": "loose", "removeTagsFromText": False, "transformArgumentRelations": True},
    "selection": {
        "selectElementsWithoutSection": False,
        "selectElementsWithoutTag": False,
        "ignoreIsInMap": False,
        "excludeDisconnected": True,
        "statementSelectionMode": "with-title",
    },
    "map": {"argumentLabelMode": "hide-untitled", "statementLabelMode": "hide-untitled", "addTags": True},
    "group": {"groupDepth": 2},
}


@dataclass(eq=False)
class Section:
    id: str
    level: int
    title: str
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None
    is_group: bool | None = None
    is_closed: Any = None
    offset: int | None = None


@dataclass(eq=False)
class Statement:
    """A statement as written once (a member of an equivalence class), or
    an argument's description."""

    title: str | None = None
    text: str | None = None
    tags: list[str] | None = None
    data: Any = None
    role: str | None = None
    is_reference: bool = False
    section: Section | None = None
    argument_title: str | None = None
    inference: Inference | None = None
    offset: int | None = None
    pcs: list[Statement] | None = None


@dataclass(eq=False)
class EquivalenceClass:
    title: str
    relations: list[Relation] = field(default_factory=list)
    members: list[Statement] = field(default_factory=list)
    tags: list[str] | None = None
    data: Any = None
    section: Section | None = None
    kind: str = "equivalence-class"


@dataclass(eq=False)
class Argument:
    title: str
    relations: list[Relation] = field(default_factory=list)
    members: list[Statement] = field(default_factory=list)
    pcs: list[Statement] = field(default_factory=list)
    tags: list[str] | None = None
    data: Any = None
    section: Section | None = None
    offset: int | None = None
    kind: str = "argument"


@dataclass(eq=False)
class Inference:
    relations: list[Relation] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    data: Any = None
    argument_title: str | None = None
    offset: int | None = None
    kind: str = "inference"


Member = EquivalenceClass | Argument | Inference


@dataclass(eq=False)
class Relation:
    relation_type: str
    source: Member | None = None
    target: Member | None = None
    offset: int | None = None


@dataclass
class DataBlock:
    """A `{...}` YAML block or the front matter, where it was written."""

    data: Any
    offset: int
    owner: str  # "statement", "argument", "heading", "inference", "front matter"


@dataclass
class Model:
    statements: dict[str, EquivalenceClass]
    arguments: dict[str, Argument]
    relations: list[Relation]
    sections: list[Section]
    settings: dict[str, Any]
    front_matter: Any
    front_matter_offset: int | None
    data_blocks: list[DataBlock]
    max_section_level: int = 0
    link_offsets: list[int] = field(default_factory=list)


def merge(target: Any, source: Any) -> Any:
    """lodash `merge`: objects deeply, arrays by index, other values replace."""
    if not isinstance(target, dict | list):
        target = {} if isinstance(source, dict) else ([] if isinstance(source, list) else target)
    if isinstance(source, dict) and isinstance(target, dict):
        for key, value in source.items():
            if isinstance(value, dict | list) and isinstance(target.get(key), dict | list):
                target[key] = merge(target[key], value)
            elif isinstance(value, dict | list):
                target[key] = merge({} if isinstance(value, dict) else [], value)
            else:
                target[key] = value
        return target
    if isinstance(source, list) and isinstance(target, list):
        for index, value in enumerate(source):
            if index < len(target) and isinstance(value, dict | list):
                target[index] = merge(target[index], value)
            elif index < len(target):
                target[index] = value
            else:
                target.append(
                    merge({} if isinstance(value, dict) else [], value)
                    if isinstance(value, dict | list)
                    else value
                )
        return target
    return copy.deepcopy(source) if source is not None else target


def js_key_order(keys: Iterable[str]) -> list[str]:
    """The order of a JavaScript object's keys: array indices ("0", "17")
    first, ascending, then the other keys as they were added."""
    keys = list(keys)
    indices = [
        k
        for k in keys
        if k.isascii() and k.isdigit() and (k == "0" or k[0] != "0") and len(k) <= 10 and int(k) < 2**32 - 1
    ]
    index_set = set(indices)
    return sorted(indices, key=int) + [k for k in keys if k not in index_set]


def data_get(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


def other_end(relation: Relation, member: Member) -> Member:
    """The relation's member at the other end from `member`."""
    other = relation.target if relation.source is member else relation.source
    assert other is not None
    return other
