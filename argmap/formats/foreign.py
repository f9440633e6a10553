"""What the readers of other tools' formats (AIF, SADFace, Microtexts,
Kialo) share: ids made from foreign ids, strict JSON with line and column,
positions of JSON objects, and a builder that collects claims, relations
and the warnings for what a map cannot hold.
"""

from __future__ import annotations

import heapq
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from argmap.errors import Diagnostic, InputError, Severity
from argmap.formats.base import LoadResult, canonical_relation_order
from argmap.io.json_text import parse_json as parse_json
from argmap.model import (
    ID_PATTERN,
    ArgumentMap,
    Claim,
    Relation,
    RelationType,
    Scheme,
    Side,
    Source,
    SourceSpan,
    default_relation_id,
)
from argmap.text import UniqueNames

T = TypeVar("T")

# The check id of every reader warning: something in the other tool's file
# that the map cannot hold, or could only keep in another shape.
FORMAT_LOSS = "format-loss"

_NOT_ID_CHARS = re.compile(r"[^\w.-]+")


class IdMaker:
    """Valid, unique argmap ids from foreign ids, deterministically: a
    foreign id that is already a valid id is kept; otherwise characters
    outside the id alphabet become '-', and a `prefix` goes in front when
    the result does not start with a letter or digit. Clashes get -2, -3."""

    def __init__(self, prefix: str, taken: Iterable[str] = ()) -> None:
        self.prefix = prefix
        self.names = UniqueNames(taken)

    @property
    def taken(self) -> set[str]:
        return self.names.taken

    def make_all(self, raws: Iterable[str]) -> dict[str, str]:
        """Ids for many foreign ids at once: the ones that are valid ids keep
        them first, so a made id never takes the name of a given one."""
        raws = list(dict.fromkeys(raws))
        made = {raw: self.make(raw) for raw in raws if ID_PATTERN.fullmatch(raw)}
        made.update((raw, self.make(raw)) for raw in raws if raw not in made)
        return {raw: made[raw] for raw in raws}

    def make(self, raw: str) -> str:
        candidate = raw if ID_PATTERN.fullmatch(raw) else _NOT_ID_CHARS.sub("-", raw).strip("-")
        if not ID_PATTERN.fullmatch(candidate):
            candidate = f"{self.prefix}{candidate}"
        return self.names.make(candidate)


def key_positions(text: str, file: str, key: str) -> dict[str, SourceSpan]:
    """Where `"key": value` first occurs for each (string or number) value:
    a cheap way to point a warning at a node of a JSON file without a
    position-keeping parser."""
    pattern = re.compile(rf'"{re.escape(key)}"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)')
    positions: dict[str, SourceSpan] = {}
    line, line_start, scanned = 1, 0, 0
    for match in pattern.finditer(text):
        raw = match.group(1)
        try:
            value = str(json.loads(raw))
        except ValueError:
            continue
        if value in positions:
            continue
        line += text.count("\n", scanned, match.start())
        newline = text.rfind("\n", scanned, match.start())
        if newline >= 0:
            line_start = newline + 1
        scanned = match.start()
        positions[value] = SourceSpan(file, line, match.start() - line_start + 1)
    return positions


def json_kind(value: object) -> str:
    """What a JSON value is, for messages: 'an object', 'a list', 'a string', ..."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a string" if isinstance(value, str) else "a number"


def nodes_and_edges(data: Any, file: str, what: str) -> dict[str, Any]:
    """`data` as a graph document of `what` ("an AIF file"): a JSON object
    with `nodes` and `edges` lists, or one clear error saying what is wrong."""
    if not isinstance(data, dict):
        raise InputError(f"{file}: {what} is a JSON object with 'nodes' and 'edges', not {json_kind(data)}")
    for key in ("nodes", "edges"):
        if key not in data:
            raise InputError(f"{file}: no '{key}' list at the top level: not {what}")
        if not isinstance(data[key], list):
            raise InputError(f"{file}: '{key}' is {json_kind(data[key])}, not a list")
    return data


def foreign_id(value: object) -> str | None:
    """A foreign node id as text: JSON strings and integers; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, int):
        return str(value)
    return None


def dependency_order(
    items: Sequence[T], key: Callable[[T], str], needs: Callable[[T], Iterable[str]]
) -> list[T]:
    """The items, each after the items it needs (named by their keys), and
    otherwise in the given order; items caught in a cycle come last, in the
    given order. Undercuts of undercuts are made this way, without recursion
    (a hostile file can chain thousands)."""
    index = {key(item): i for i, item in enumerate(items)}
    waiting = [0] * len(items)
    dependents: dict[int, list[int]] = {}
    for i, item in enumerate(items):
        for name in set(needs(item)):
            j = index.get(name)
            if j is not None:
                waiting[i] += 1
                dependents.setdefault(j, []).append(i)
    ready = [i for i, count in enumerate(waiting) if count == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        i = heapq.heappop(ready)
        order.append(i)
        for d in dependents.get(i, []):
            waiting[d] -= 1
            if waiting[d] == 0:
                heapq.heappush(ready, d)
    placed = set(order)
    return [items[i] for i in order] + [item for i, item in enumerate(items) if i not in placed]


def counted(counts: Mapping[str, int]) -> str:
    """'3 × Example, 1 × Sign' in first-seen order."""
    return ", ".join(f"{n} × {name}" for name, n in counts.items())


class MapBuilder:
    """Claims and relations as a reader finds them. Duplicate edges are
    dropped with a warning (the map holds each edge once); `result()` puts
    relations in the canonical order."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.claims: list[Claim] = []
        self.claim_ids: set[str] = set()
        self.relations: dict[str, Relation] = {}
        self._edges: set[tuple[str, str, RelationType]] = set()
        self.diagnostics: list[Diagnostic] = []
        self._tallies: dict[tuple[str, SourceSpan | None], Counter[str]] = {}

    def span(self, line: int = 1, column: int = 1) -> SourceSpan:
        return SourceSpan(self.file, line, column)

    def warn(self, message: str, span: SourceSpan | None = None) -> None:
        self.diagnostics.append(Diagnostic(span or self.span(), Severity.WARNING, FORMAT_LOSS, message))

    def tally(self, what: str, item: str, span: SourceSpan | None = None) -> None:
        """Count an item under a kind of loss; `flush_tallies` reports one
        warning per kind ("what: 3 × X, 1 × Y") instead of one per item."""
        self._tallies.setdefault((what, span), Counter())[item] += 1

    def flush_tallies(self) -> None:
        for (what, span), counts in self._tallies.items():
            self.warn(f"{what}: {counted(counts)}", span)
        self._tallies.clear()

    def add_claim(self, claim: Claim) -> None:
        self.claims.append(claim)
        self.claim_ids.add(claim.id)

    def objects(self, items: list[Any], what: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """The items that are JSON objects, numbered from 1; the others are
        reported and skipped."""
        for number, raw in enumerate(items, 1):
            if isinstance(raw, dict):
                yield number, raw
            else:
                self.warn(f"{what} {number} is {json_kind(raw)}, not an object; skipped")

    def conflict_ends(self, label: str, attackers: int, has_target: bool, span: SourceSpan) -> bool:
        """Whether a conflict node (AIF's CA, a SADFace conflict) can become
        attacks: it needs an attacker and a target (several attackers
        together become a linked attack)."""
        if not attackers or not has_target:
            self.warn(f"{label} lacks an attacker or a target; skipped", span)
            return False
        return True

    def has_edge(self, type_: RelationType, source: str, target: str) -> bool:
        return (source, target, type_) in self._edges

    def relate(
        self,
        type_: RelationType,
        source: str,
        target: str,
        group: str | None = None,
        span: SourceSpan | None = None,
        relation_id: str | None = None,
        inference: Mapping[str, Any] | None = None,
        weight: float | None = None,
    ) -> Relation | None:
        """Add an edge; None (and a warning) when the same edge is already there."""
        edge = (source, target, type_)
        rid = relation_id or default_relation_id(type_, source, target)
        if edge in self._edges or rid in self.relations:
            self.warn(f"{type_.value} from '{source}' to '{target}' is given twice; kept once", span)
            return None
        self._edges.add(edge)
        # `inference`: what the file says of the relation's scheme (scheme=, question=, ...).
        relation = Relation(rid, source, target, type_, group, span=span, weight=weight, **(inference or {}))
        self.relations[rid] = relation
        return relation

    def result(
        self,
        *,
        title: str | None = None,
        description: str | None = None,
        sources: Mapping[str, Source] | None = None,
        sides: Mapping[str, Side] | None = None,
        schemes: Mapping[str, Scheme] | None = None,
    ) -> LoadResult:
        self.flush_tallies()
        amap = ArgumentMap(
            claims=tuple(self.claims),
            relations=tuple(canonical_relation_order(self.claims, list(self.relations.values()))),
            title=title,
            description=description,
            sources=dict(sources or {}),
            sides=dict(sides or {}),
            file=self.file,
            schemes=dict(schemes or {}),
        )
        return LoadResult(amap, sorted(self.diagnostics, key=Diagnostic.sort_key))
