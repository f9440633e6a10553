"""The claim tree of plain data (the fast YAML path) walked with a shortcut
for the everyday entry: a mapping of an id, a text, `by:`, `label:`,
`note:`, `premises:` and `counterclaims:`, each of the plain type it must
have. Such an entry becomes its claim and the relation to its parent here,
in a few lines, instead of through the walker's per-key accessors and
field table (`read.py`, `fields.py`, `plain.py`); every other entry (a
reference, a linked group, undercuts, sources, tags, weights, inference
keys, anything wrong) goes to the walker's own `visit`, which reads it as
before. The shortcut decides before it changes anything, so an entry it
refuses is read whole by the walker.

At 10,000 claims it cuts the walk's CPU time by about half
(benchmarks/README.md). tests/test_speed_shortcuts.py holds it to the
walker's result on every map of the repository.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from argmap.model import ID_PATTERN, Claim, Relation, RelationType
from argmap.yaml.fast import REFUSED_STARTS, refused_if_plain

# An entry of a claim list still to visit, as read.py's walker keeps it:
# (entry, parent claim id, relation type to the parent, linked group,
# relation id an undercut attacks, what its linked group says of the inference).
Work = tuple[Any, str | None, RelationType | None, str | None, str | None, dict[str, Any] | None]
Visit = Callable[[Any, str | None, RelationType | None, str | None, str | None, Any, list[Work]], None]

# The keys the shortcut reads; an entry with any other goes to the walker.
_SHORT_KEYS = frozenset(("id", "text", "by", "label", "note", "premises", "counterclaims"))
_CHILD_KEYS = (("premises", RelationType.SUPPORT), ("counterclaims", RelationType.ATTACK))
# default_relation_id's prefix for each type.
_PREFIX = {t: f"{t.value}:" for t in RelationType}


def _plain_text(value: Any) -> bool:
    """A str both YAML paths read as this text (see plain.py's `string`)."""
    return value.__class__ is str and not (value[:1] in REFUSED_STARTS and refused_if_plain(value))


def _optional_text(value: Any, blank_allowed: bool) -> bool:
    return value is None or (_plain_text(value) and (blank_allowed or bool(value.strip())))


def _short_claim(entry: dict[str, Any]) -> Claim | None:
    """The claim of an everyday entry, or None for the walker to read it."""
    claim_id: Any = entry.get("id")
    text: Any = entry.get("text")
    if not (_plain_text(claim_id) and ID_PATTERN.match(claim_id) and _plain_text(text) and text.strip()):
        return None
    by: Any = entry.get("by")
    label: Any = entry.get("label")
    note: Any = entry.get("note")
    if not (_optional_text(by, False) and _optional_text(label, False) and _optional_text(note, True)):
        return None
    for key, _ in _CHILD_KEYS:
        children = entry.get(key)
        if children is not None and children.__class__ is not list:
            return None
    if label is None and note is None:
        return Claim(claim_id, text, by)
    return Claim(claim_id, text, by, note=note, label=label)


def walk_tree(
    stack: list[Work],
    visit: Visit,
    take: Callable[[Any, str], list[Any]],
    claims: list[Claim],
    relations: list[Relation],
) -> None:
    """Visit the entries on `stack` (last first) and everything under them:
    everyday entries here, the rest by `visit` (the walker's). `take` gives
    a claim list's entries (the walker's `_claim_list`)."""
    pop, push = stack.pop, stack.extend
    add_claim, add_relation = claims.append, relations.append
    while stack:
        work = pop()
        entry = work[0]
        claim = None
        if entry.__class__ is dict and work[5] is None and _SHORT_KEYS.issuperset(entry):
            claim = _short_claim(entry)
        if claim is None:
            visit(*work, stack)
            continue
        _, parent, type_, group, target, _ = work
        add_claim(claim)
        relation_target = target if type_ is RelationType.UNDERCUT else parent
        if type_ is not None and relation_target is not None:
            rid = f"{_PREFIX[type_]}{claim.id}:{relation_target}"
            add_relation(Relation(rid, claim.id, relation_target, type_, group))
        children: list[Work] = []
        for key, child_type in _CHILD_KEYS:
            if key in entry:
                children.extend(
                    (item, claim.id, child_type, None, None, None) for item in take(entry[key], key)
                )
        push(reversed(children))
