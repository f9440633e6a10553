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
_SUPPORT, _ATTACK = RelationType.SUPPORT, RelationType.ATTACK
# default_relation_id's prefix for each type.
_PREFIX = {t: f"{t.value}:" for t in RelationType}
# The records' defaults after the fields given here: tuple.__new__ with
# them skips the named tuples' own __new__, a Python function.
_new_tuple = tuple.__new__
_CLAIM_DEFAULTS = Claim("", "")[3:]
_RELATION_DEFAULTS = Relation("", "", "", RelationType.SUPPORT)[5:]


def _plain_text(value: Any) -> bool:
    """A str both YAML paths read as this text (see plain.py's `string`)."""
    return value.__class__ is str and not (value[:1] in REFUSED_STARTS and refused_if_plain(value))


def _short_claim(entry: dict[str, Any]) -> Claim | None:
    """The claim of an everyday entry, or None for the walker to read it.
    The tests are written out (no helper per value): they run for every claim."""
    claim_id: Any = entry.get("id")
    text: Any = entry.get("text")
    if (
        claim_id.__class__ is not str
        or text.__class__ is not str
        or not ID_PATTERN.match(claim_id)
        or not text.strip()
        or (claim_id[:1] in REFUSED_STARTS and refused_if_plain(claim_id))
        or (text[:1] in REFUSED_STARTS and refused_if_plain(text))
    ):
        return None
    by: Any = entry.get("by")
    if by is not None and not (_plain_text(by) and by.strip()):
        return None
    for key in ("premises", "counterclaims"):
        children = entry.get(key)
        if children is not None and children.__class__ is not list:
            return None
    if "label" not in entry and "note" not in entry:
        return _new_tuple(Claim, (claim_id, text, by, *_CLAIM_DEFAULTS))
    label: Any = entry.get("label")
    note: Any = entry.get("note")
    if (label is not None and not (_plain_text(label) and label.strip())) or (
        note is not None and not _plain_text(note)
    ):
        return None
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
        claim_id = claim.id
        relation_target = target if type_ is RelationType.UNDERCUT else parent
        if type_ is not None and relation_target is not None:
            rid = f"{_PREFIX[type_]}{claim_id}:{relation_target}"
            add_relation(
                _new_tuple(Relation, (rid, claim_id, relation_target, type_, group, *_RELATION_DEFAULTS))
            )
        # Pushed last first, so that they are visited in document order:
        # the premises, then the counterclaims.
        counterclaims = entry.get("counterclaims")
        if counterclaims:
            items = take(counterclaims, "counterclaims")
            push([(item, claim_id, _ATTACK, None, None, None) for item in reversed(items)])
        premises = entry.get("premises")
        if premises:
            items = take(premises, "premises")
            push([(item, claim_id, _SUPPORT, None, None, None) for item in reversed(items)])
