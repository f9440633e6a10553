"""What may be typed at a position in a map's YAML: the ids a value may
name (claims, sides, sources), the keys the place allows.

Read from the text around the cursor, by indentation, not from a parse:
the line being typed is usually no YAML yet (`  te`). The ids come from the
last version of the map that loaded. In the JSON graph form, values are
offered (`"by": "r`), keys are not (its lines have no indentation to go by).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import NamedTuple

from argmap.formats.native.fields import SOURCE_REF_KEYS
from argmap.formats.native.read import (
    CHILD_KEYS,
    CLAIM_KEYS,
    GRAPH_TOP_KEYS,
    NODE_KEYS,
    RELATION_KEYS,
    RELATION_TYPES,
    SIDE_KEYS,
    SOURCE_KEYS,
    TOP_KEYS,
)
from argmap.model import DUNG_SEMANTICS, ArgumentMap, Label


class CompletionKind(StrEnum):
    CLAIM = "claim"
    SIDE = "side"
    SOURCE = "source"
    KEY = "key"
    VALUE = "value"  # a word from a fixed list (relation types, ...)


class Completion(NamedTuple):
    label: str
    kind: CompletionKind
    detail: str  # the claim's text, the side's name, ...
    insert: str  # what to write in place of the word typed so far


# The values a key takes: choices from the map (its ids) or fixed words.
# A new key whose values are names (a catalogue of argument schemes, say)
# adds a row here.
ValueChoices = Callable[[ArgumentMap], Iterable[Completion]]


def _claims(amap: ArgumentMap) -> Iterable[Completion]:
    return (Completion(c.id, CompletionKind.CLAIM, c.text, c.id) for c in amap.claims)


def _sides(amap: ArgumentMap) -> Iterable[Completion]:
    return (Completion(s.id, CompletionKind.SIDE, s.name or "", s.id) for s in amap.sides.values())


def _sources(amap: ArgumentMap) -> Iterable[Completion]:
    return (Completion(s.id, CompletionKind.SOURCE, s.title or "", s.id) for s in amap.sources.values())


def _words(words: Iterable[str]) -> ValueChoices:
    return lambda _: (Completion(w, CompletionKind.VALUE, "", w) for w in words)


def _schemes(amap: ArgumentMap) -> Iterable[Completion]:
    """The argument schemes a `scheme:` may name: the catalogue's and the map's own."""
    from argmap.schemes import map_schemes  # the catalogue loads only when asked

    return (Completion(s.id, CompletionKind.VALUE, s.name, s.id) for s in map_schemes(amap).values())


VALUE_CHOICES: dict[str, ValueChoices] = {
    "by": _sides,
    "ref": _sources,
    "from": _claims,
    "to": _claims,
    "type": _words(RELATION_TYPES),
    "scheme": _schemes,
}
# List entries under these keys name claims (cross-links, expectations).
CLAIM_LISTS = frozenset((*CHILD_KEYS, "linked", *(label.value for label in Label)))
# The keys a mapping under a key allows; `None` is the top of the map.
_KEYS_UNDER: dict[str | None, tuple[str, ...]] = {
    None: tuple(dict.fromkeys((*TOP_KEYS, *GRAPH_TOP_KEYS))),
    "claims": (*CLAIM_KEYS, "linked"),
    "premises": (*CLAIM_KEYS, "linked"),
    "counterclaims": CLAIM_KEYS,
    "undercuts": CLAIM_KEYS,
    "linked": CLAIM_KEYS,
    "nodes": NODE_KEYS,
    "source": SOURCE_REF_KEYS,
    "more_sources": SOURCE_REF_KEYS,
    "relations": RELATION_KEYS,
    "expect": tuple(s.value for s in DUNG_SEMANTICS),
    **{s.value: tuple(label.value for label in Label) for s in DUNG_SEMANTICS},
}
# Top-level mappings keyed by the user's ids: the keys of each entry.
_ENTRY_KEYS = {"sources": SOURCE_KEYS, "sides": SIDE_KEYS}

# `key: val` as typed so far: the key (quoted in JSON) and the start of the value.
_VALUE = re.compile(r"(?:^|[\s{,])[\"']?([A-Za-z_]+)[\"']?:\s*[\"']?([^\s,{}\[\]\"':]*)$")
# `key: [a, b` as typed so far: the list's key and the start of the item.
_FLOW_ITEM = re.compile(r"(?:^|[\s{,])[\"']?([A-Za-z_]+)[\"']?:\s*\[(?:[^\]]*,)?\s*[\"']?([^\s,\[\]\"']*)$")
_LIST_ITEM = re.compile(r"^(\s*)-\s+([^\s:]*)$")
_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_]*)$")
_KEY_LINE = re.compile(r"^\s*(?:-\s+)*([^\s:#{}\[\],'\"][^:#{}\[\],]*?):(?:\s|$)")


def complete(lines: tuple[str, ...], line: int, column: int, amap: ArgumentMap | None) -> list[Completion]:
    """What may be written at (line, column) of the map's text; `amap` is
    the last version that loaded (None: ids are not offered)."""
    before = (lines[line] if 0 <= line < len(lines) else "")[:column]
    json_key = _JSON_KEY.search(before) if _is_json(lines) else None
    if json_key is not None:
        opened = _json_opened(lines, line, column - len(json_key.group(1)) - 1)
        if opened and opened[-1][0] == "{":  # in an object: a key (in an array: a value, below)
            keys = _json_keys([key for _, key in opened])
            return _filter(
                [Completion(k, CompletionKind.KEY, "", f'{k}": ') for k in keys], json_key.group(1)
            )
    value = _VALUE.search(before) or _FLOW_ITEM.search(before)
    if value is not None:
        found = _filter(_value_choices(value.group(1), amap), value.group(2))
        # Right after the colon (completion starts there), a space first.
        return [c._replace(insert=f" {c.insert}") for c in found] if before.endswith(":") else found
    item = _LIST_ITEM.match(before)
    if item is not None:
        parent = _enclosing(lines, line, len(item.group(1)))
        ids = _value_choices(parent[1], amap) if parent is not None and parent[1] in CLAIM_LISTS else []
        return _filter([*ids, *_keys(lines, parent)], item.group(2))
    key = _KEY.match(before)
    if key is not None:
        return _filter(_keys(lines, _enclosing(lines, line, _key_column(before))), key.group(1))
    return []


def _value_choices(key: str, amap: ArgumentMap | None) -> list[Completion]:
    choices = _claims if key in CLAIM_LISTS else VALUE_CHOICES.get(key)
    if choices is None:
        return []
    if amap is None and choices in (_claims, _sides, _sources):
        return []  # nothing loaded yet to name
    return list(choices(amap or ArgumentMap()))


def _keys(lines: tuple[str, ...], parent: tuple[int, str] | None) -> list[Completion]:
    """The keys allowed in a mapping under the `parent` line (None: the top)."""
    if parent is None:
        keys = _KEYS_UNDER[None]
    else:
        grand = _enclosing(lines, parent[0], _key_column(lines[parent[0]]))
        top_level = grand is not None and _key_column(lines[grand[0]]) == 0
        if grand is not None and top_level and grand[1] in _ENTRY_KEYS:
            keys = _ENTRY_KEYS[grand[1]]  # a side's or source's own keys, under its id
        else:
            keys = _KEYS_UNDER.get(parent[1], ())
    return [Completion(k, CompletionKind.KEY, "", f"{k}: ") for k in keys]


# `{"ke` or `, "ke` as typed so far in JSON: a key's start.
_JSON_KEY = re.compile(r'(?:^|[{,])\s*"([A-Za-z_]*)$')


def _is_json(lines: tuple[str, ...]) -> bool:
    """Whether the map is written as JSON (the graph form): it opens a brace."""
    return next((text.lstrip()[:1] for text in lines if text.strip()), "") == "{"


def _json_opened(lines: tuple[str, ...], line: int, column: int) -> list[tuple[str, str | None]]:
    """The JSON collections open at (line, column), outermost first: each
    its bracket and the key it is the value of (None: the top, or an
    array's entry)."""
    text = "\n".join([*lines[:line], lines[line][:column] if line < len(lines) else ""])
    opened: list[tuple[str, str | None]] = []
    last_string, key = "", None
    at = 0
    while at < len(text):
        char = text[at]
        if char == '"':
            end = at + 1
            while end < len(text) and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            last_string, at = text[at + 1 : end], end + 1
            continue
        if char == ":":
            key = last_string
        elif char in "{[":
            opened.append((char, key))
            key = None
        elif char in "}]" and opened:
            opened.pop()
            key = None
        elif char == ",":
            key = None
        at += 1
    return opened


def _json_keys(parents: list[str | None]) -> tuple[str, ...]:
    """The keys of the JSON object innermost in `parents` (the keys each
    open collection is the value of, outermost first)."""
    if len(parents) == 1:
        return GRAPH_TOP_KEYS
    if len(parents) == 3 and parents[1] in _ENTRY_KEYS:
        return _ENTRY_KEYS[parents[1]]  # {"sides": {"pro": {|
    parent = next((p for p in reversed(parents) if p is not None), None)
    return _KEYS_UNDER.get(parent, ()) if parent is not None else ()


def _enclosing(lines: tuple[str, ...], line: int, column: int) -> tuple[int, str] | None:
    """The mapping entry a key at `column` of `line` sits in: the nearest
    line above that opens an entry further left, (its number, its key).
    None at the top of the map."""
    for number in range(min(line, len(lines)) - 1, -1, -1):
        text = lines[number]
        match = _KEY_LINE.match(text)
        if match is not None and not text.lstrip().startswith("#") and _key_column(text) < column:
            return number, match.group(1)
    return None


def _key_column(text: str) -> int:
    """Where a line's first key starts (after indentation and list dashes)."""
    return len(text) - len(text.lstrip(" -"))


def _filter(choices: Iterable[Completion], typed: str) -> list[Completion]:
    """The choices that start with what was typed, once each, in their order."""
    seen: set[tuple[str, CompletionKind]] = set()
    found = []
    for choice in choices:
        if choice.label.startswith(typed) and (choice.label, choice.kind) not in seen:
            seen.add((choice.label, choice.kind))
            found.append(choice)
    return found
