"""Argdown (`.argdown`, `.ad`): read the map Argdown builds, write Argdown
that Argdown builds back into the same map.

Reading. argmap builds the map exactly as Argdown 2.0 does
(`argdown_syntax` parses, `argdown_map` follows Argdown's model, selection
and map stages, front-matter settings included), then turns it into an
argmap map:

* every **map node** is a claim: statement nodes (equivalence classes, one
  per title) and argument nodes alike. The claim's id is its Argdown title
  (`Statement 1` -> `Statement-1` when the title is not an id), its text
  the node's text (the equivalence class's canonical member; the title when
  there is no text). An argument's premise-conclusion structure becomes
  the claim's `note`. Statements Argdown leaves out of its map are not
  claims: each is a warning, unless it is part of an argument's structure;
* every **map edge** is a relation: `support` and `entails` are supports,
  `attack` an attack, `contrary` and `contradictory` (symmetric) an attack
  each way. An `undercut` of node N becomes an undercut of every inference
  from N (Argdown undercuts an argument's inference, and N's edges are
  where that inference leads); when N has no edge out, it becomes an
  attack on N, with a warning;
* tags are tags; a node inside heading groups also gets one `group:<title>`
  tag per group, outermost first; a tag `by:<side>` naming a side declared
  in the front matter sets the claim's `by`;
* `{...}` data: `note`, `weight`, `source` (`{ref, quote, loc}` or a list of
  them; a plain text is a `loc`) and `tags` are read; keys that steer Argdown's map (`isInMap`,
  `isGroup`, ...) are obeyed; any other key is a warning;
* front matter: `title` and `description` are the map's; `argmap:` holds
  `sides`, `sources` and `expect`; Argdown's own settings (`model`,
  `selection`, `map`, `group`, colours, ...) are applied or, where they
  only style a picture, ignored; other keys are warnings.

Writing. Each claim is a statement `[id]: text`, nested under the claim it
supports, attacks or undercuts where the claim order allows (so that
Argdown's map lists the claims in the same order), other relations as
references under the later of their two claims; tags as `#(tag)`, sides as
`#(by:side)` tags with Argdown tag colours, `note`/`weight`/`source` as
`{...}` data, and the map's title, description, sides, sources and
`expect:` in the front matter. What Argdown cannot hold is reported as
Losses.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from argmap.errors import Diagnostic, InputError, Severity
from argmap.formats.argdown.build import (
    ATTACK,
    CONTRADICTORY,
    CONTRARY,
    ENTAILS,
    INTERMEDIARY_CONCLUSION,
    MAIN_CONCLUSION,
    PREMISE,
    SHORTCODES,
    SUPPORT,
    UNDERCUT,
    ArgdownMap,
    Argument,
    EquivalenceClass,
    MapEdge,
    MapNode,
    Model,
    Statement,
    build_map,
    build_model,
    js_key_order,
)
from argmap.formats.argdown.syntax import Positions, parse
from argmap.formats.base import LoadResult, LossCounter, Written, canonical_relation_order
from argmap.model import (
    DUNG_SEMANTICS,
    ID_PATTERN,
    ArgumentMap,
    Claim,
    Expectation,
    Label,
    Relation,
    RelationType,
    Side,
    Source,
    SourceRef,
    SourceSpan,
    default_relation_id,
)

__all__ = ["SUFFIXES", "claim_ids", "read", "title_to_id", "write"]

SUFFIXES = (".argdown", ".ad")

GROUP_TAG = "group:"
SIDE_TAG = "by:"

# Diagnostics the reader gives.
NOT_READ = "argdown-not-read"
UNDERCUT_AS_ATTACK = "argdown-undercut"
RECOVERED = "argdown-syntax"

# Data keys argmap reads, and those Argdown itself uses to build or style
# its map (obeyed or harmless, so not reported).
_READ_DATA = frozenset({"note", "weight", "source", "tags", "label", "step"})
_ARGDOWN_DATA = frozenset(
    {"isInMap", "isInGroup", "isCanonical", "isGroup", "isClosed", "images", "uses", "from", "color"}
)
# Front-matter keys: read by argmap, settings Argdown builds the map with,
# and settings that only style Argdown's outputs.
_READ_FRONT = frozenset({"title", "description", "argmap"})
_ARGDOWN_FRONT = frozenset(
    {
        "model", "selection", "map", "group", "color", "dot", "graphml", "html", "json", "svg", "pdf",
        "webComponent", "sourceHighlighter", "saveAs", "logLevel", "inputPath", "process", "processes",
        "data", "parser", "images", "vizJs", "throwExceptions", "logParserErrors", "logExceptions",
    }
)  # fmt: skip


# -- ids ---------------------------------------------------------------------------


def title_to_id(title: str) -> str:
    """An Argdown title as an argmap id: itself when it is one, else with
    every run of other characters turned into '-' (`Statement 1` ->
    `Statement-1`)."""
    if ID_PATTERN.match(title):
        return title
    slug = re.sub(r"[^\w.-]+", "-", title).strip("-.")
    if not slug or not ID_PATTERN.match(slug):
        slug = "n-" + slug if slug else "untitled"
        slug = re.sub(r"-+", "-", slug)
    return slug if ID_PATTERN.match(slug) else "untitled"


def claim_ids(titles: Iterable[str]) -> list[str]:
    """Unique ids for titles in order: a title whose id is taken gets
    `-2`, `-3`, ... (a statement and an argument may share a title)."""
    used: set[str] = set()
    ids: list[str] = []
    for title in titles:
        base = title_to_id(title)
        candidate, number = base, 1
        while candidate in used:
            number += 1
            candidate = f"{base}-{number}"
        used.add(candidate)
        ids.append(candidate)
    return ids


# -- reading -------------------------------------------------------------------------


def read(text: str, file: str) -> LoadResult:
    """The map Argdown builds from `text`, as an argmap map."""
    positions = Positions(text, file)
    try:
        parsed = parse(text, positions)
        model = build_model(parsed.tree, positions)
        argdown_map = build_map(model)
        reader = _Reader(model, argdown_map, positions)
        for message, offset in parsed.recovered:
            reader.warn(
                offset, RECOVERED, f"{message} (Argdown reports this too, and reads on as if it were there)"
            )
        return reader.result()
    except RecursionError:
        raise InputError(f"{file}: headings, data or relations nested too deeply to read") from None


def canonical_member(element: EquivalenceClass | Argument) -> Statement | None:
    """Argdown's canonical member: the last one written out (not a mere
    reference), unless a member says `{isCanonical: true}`."""
    default: Statement | None = None
    for member in reversed(element.members):
        if member.is_reference:
            continue
        if isinstance(member.data, dict) and member.data.get("isCanonical"):
            return member
        if default is None:
            default = member
    return default


def reconstruction(argument: Argument) -> str:
    """An argument's premise-conclusion structure, written as Argdown."""
    lines: list[str] = []
    for number, statement in enumerate(argument.pcs, 1):
        inference = statement.inference
        if statement.role in (INTERMEDIARY_CONCLUSION, MAIN_CONCLUSION) and inference is not None:
            lines.append(f"-- {', '.join(inference.rules)} --" if any(inference.rules) else "----")
        title = statement.title or ""
        text = (statement.text or "").strip()
        label = f"[{title}]: {text}" if not title.startswith("Untitled") and text else (text or f"[{title}]")
        lines.append(f"({number}) {label}")
    return "\n".join(lines)


@dataclass
class _Node:
    claim_id: str
    node: MapNode


class _Reader:
    def __init__(self, model: Model, argdown_map: ArgdownMap, positions: Positions) -> None:
        self.model = model
        self.map = argdown_map
        self.positions = positions
        self.file = positions.file
        self.diagnostics: list[Diagnostic] = []
        self.front = model.front_matter if isinstance(model.front_matter, dict) else {}

    def span(self, offset: int | None) -> SourceSpan:
        return self.positions.span(offset or 0)

    def warn(self, offset: int | None, check: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.span(offset), Severity.WARNING, check, message))

    # -- the whole map -----------------------------------------------------------------

    def result(self) -> LoadResult:
        front_offset = self.model.front_matter_offset
        if self.model.front_matter is not None and not isinstance(self.model.front_matter, dict):
            self.warn(front_offset, NOT_READ, "the front matter is not a mapping; not read")
        block = self.front.get("argmap")
        block = block if isinstance(block, dict) else {}
        if "argmap" in self.front and not isinstance(self.front.get("argmap"), dict):
            self.warn(front_offset, NOT_READ, "front matter 'argmap:' must be a mapping; not read")
        for key in self.front:
            if key not in _READ_FRONT and key not in _ARGDOWN_FRONT:
                self.warn(front_offset, NOT_READ, f"front matter key {key!r} is not read")
        for key in block:
            if key not in ("sides", "sources", "expect"):
                self.warn(front_offset, NOT_READ, f"front matter key 'argmap: {key}' is not read")
        sides = self._sides(block.get("sides"))
        sources = self._sources(block.get("sources"))
        ids = claim_ids(node.title for node in self.map.nodes)
        by_node = {id(node): claim_id for node, claim_id in zip(self.map.nodes, ids, strict=True)}
        claims = [
            self._claim(node, claim_id, sides) for node, claim_id in zip(self.map.nodes, ids, strict=True)
        ]
        relations = self._relations(by_node)
        self._report_unread()
        return LoadResult(
            ArgumentMap(
                claims=tuple(claims),
                relations=tuple(canonical_relation_order(claims, relations)),
                title=self._front_text("title"),
                description=self._front_text("description"),
                sources=sources,
                sides=sides,
                file=self.file,
                expect=self._expect(block.get("expect"), set(ids)),
            ),
            sorted(self.diagnostics, key=Diagnostic.sort_key),
        )

    def _front_text(self, key: str) -> str | None:
        value = self.front.get(key)
        if value is None:
            return None
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value)
        self.warn(self.model.front_matter_offset, NOT_READ, f"front matter {key!r} must be text; not read")
        return None

    def _sides(self, raw: Any) -> dict[str, Side]:
        sides: dict[str, Side] = {}
        for side_id, fields in self._id_mapping(raw, "sides"):
            fields = fields if isinstance(fields, dict) else {}
            sides[side_id] = Side(
                side_id, name=_text_or_none(fields.get("name")), colour=_text_or_none(fields.get("colour"))
            )
        return sides

    def _sources(self, raw: Any) -> dict[str, Source]:
        sources: dict[str, Source] = {}
        for source_id, fields in self._id_mapping(raw, "sources"):
            fields = fields if isinstance(fields, dict) else {}
            sources[source_id] = Source(
                source_id,
                title=_text_or_none(fields.get("title")),
                author=_text_or_none(fields.get("author")),
                file=_text_or_none(fields.get("file")),
                url=_text_or_none(fields.get("url")),
            )
        return sources

    def _id_mapping(self, raw: Any, what: str) -> Iterator[tuple[str, Any]]:
        if raw is None:
            return
        if not isinstance(raw, dict):
            self.warn(
                self.model.front_matter_offset,
                NOT_READ,
                f"front matter 'argmap: {what}' must be a mapping; not read",
            )
            return
        for key, value in raw.items():
            if isinstance(key, str) and ID_PATTERN.match(key):
                yield key, value
            else:
                self.warn(
                    self.model.front_matter_offset,
                    NOT_READ,
                    f"'argmap: {what}' id {key!r} is not an id; not read",
                )

    def _expect(self, raw: Any, ids: set[str]) -> tuple[Expectation, ...]:
        if raw is None:
            return ()
        found: list[Expectation] = []
        for semantics, statuses in raw.items() if isinstance(raw, dict) else []:
            for status, claim_list in statuses.items() if isinstance(statuses, dict) else []:
                if semantics in DUNG_SEMANTICS and status in tuple(Label) and isinstance(claim_list, list):
                    found.extend(
                        Expectation(semantics, status, str(c)) for c in claim_list if isinstance(c, str)
                    )
                    continue
                self.warn(
                    self.model.front_matter_offset,
                    NOT_READ,
                    f"'argmap: expect: {semantics}: {status}' is not read",
                )
        if not isinstance(raw, dict):
            self.warn(
                self.model.front_matter_offset,
                NOT_READ,
                "front matter 'argmap: expect' must be a mapping; not read",
            )
        return tuple(found)

    # -- claims ------------------------------------------------------------------------

    def _claim(self, node: MapNode, claim_id: str, sides: dict[str, Side]) -> Claim:
        element = node.element
        member = canonical_member(element)
        text = member.text if member is not None and member.text and member.text.strip() else node.title
        offset = member.offset if member is not None else _first_offset(element)
        if isinstance(element, EquivalenceClass):
            self._report_other_texts(element, member)
        by: str | None = None
        tags: list[str] = []
        for tag in element.tags or []:
            side = tag[len(SIDE_TAG) :] if tag.startswith(SIDE_TAG) else None
            if side is not None and side in sides and by is None:
                by = side
            else:
                tags.append(tag)
        tags.extend(GROUP_TAG + section.title for section in node.groups)
        data = element.data if isinstance(element.data, dict) else {}
        tags.extend(self._data_tags(data, node, offset))
        notes = [n for n in (self._data_note(data, node, offset), self._pcs_note(element)) if n]
        sources = self._data_sources(data, node, offset)
        span = self.span(offset)
        return Claim(
            id=claim_id,
            text=text,
            by=by,
            source=sources[0] if sources else None,
            more_sources=tuple(sources[1:]),
            tags=tuple(tags),
            weight=self._data_weight(data, node, offset),
            note="\n\n".join(notes) if notes else None,
            span=span,
            id_span=span,
            text_span=span,
            label=self._data_label(data, node, offset),
            step=self._data_step(data, node, offset),
        )

    def _pcs_note(self, element: EquivalenceClass | Argument) -> str | None:
        return reconstruction(element) if isinstance(element, Argument) and element.pcs else None

    def _report_other_texts(self, ec: EquivalenceClass, kept: Statement | None) -> None:
        kept_text = (kept.text or "").strip() if kept is not None else ""
        for member in ec.members:
            if (
                member is kept
                or member.is_reference
                or member.role in (PREMISE, INTERMEDIARY_CONCLUSION, MAIN_CONCLUSION)
            ):
                continue
            other = (member.text or "").strip()
            if other and other != kept_text:
                self.warn(
                    member.offset,
                    NOT_READ,
                    f"[{ec.title}] is also written as {_short(other)!r}; argmap keeps Argdown's canonical text",
                )

    def _bad_data(self, node: MapNode, offset: int | None, key: str, why: str) -> None:
        self.warn(offset, NOT_READ, f"data {key!r} of [{node.title}] {why}; not read")

    def _data_note(self, data: dict[str, Any], node: MapNode, offset: int | None) -> str | None:
        note = data.get("note")
        if note is None or isinstance(note, str):
            return note
        self._bad_data(node, offset, "note", "must be text")
        return None

    def _data_label(self, data: dict[str, Any], node: MapNode, offset: int | None) -> str | None:
        label = data.get("label")
        if label is None or (isinstance(label, str) and label.strip()):
            return label
        self._bad_data(node, offset, "label", "must be non-empty text")
        return None

    def _data_step(self, data: dict[str, Any], node: MapNode, offset: int | None) -> int | None:
        step = data.get("step")
        if step is None or (isinstance(step, int) and not isinstance(step, bool) and step >= 1):
            return step
        self._bad_data(node, offset, "step", "must be a whole number from 1")
        return None

    def _data_weight(self, data: dict[str, Any], node: MapNode, offset: int | None) -> float | None:
        weight = data.get("weight")
        if weight is None:
            return None
        if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0.0 <= weight <= 1.0:
            self._bad_data(node, offset, "weight", "must be a number from 0 to 1")
            return None
        return float(weight)

    def _data_tags(self, data: dict[str, Any], node: MapNode, offset: int | None) -> list[str]:
        tags = data.get("tags")
        if tags is None:
            return []
        if isinstance(tags, list) and all(isinstance(t, str) and t for t in tags):
            return list(tags)
        self._bad_data(node, offset, "tags", "must be a list of text")
        return []

    def _data_sources(self, data: dict[str, Any], node: MapNode, offset: int | None) -> list[SourceRef]:
        raw = data.get("source")
        if raw is None:
            return []
        if isinstance(raw, str):
            # Argdown's own examples label passages: `{source: "C1a"}`.
            return [SourceRef(loc=raw)]
        entries = raw if isinstance(raw, list) else [raw]
        refs: list[SourceRef] = []
        for entry in entries:
            if not (
                isinstance(entry, dict)
                and entry
                and all(
                    k in ("ref", "quote", "loc") and (v is None or isinstance(v, str))
                    for k, v in entry.items()
                )
            ):
                self._bad_data(node, offset, "source", "must be {ref, quote, loc} or a list of them")
                return []
            refs.append(SourceRef(ref=entry.get("ref"), quote=entry.get("quote"), loc=entry.get("loc")))
        return refs

    # -- relations ---------------------------------------------------------------------

    def _relations(self, by_node: dict[int, str]) -> list[Relation]:
        relations = _Relations()
        undercuts: list[tuple[str, str, SourceSpan]] = []
        for edge in self.map.edges:
            source, target = by_node[id(edge.source)], by_node[id(edge.target)]
            span = self._edge_span(edge)
            kind = edge.relation_type
            if kind in (SUPPORT, ENTAILS):
                relations.add(source, target, RelationType.SUPPORT, span)
            elif kind == ATTACK:
                relations.add(source, target, RelationType.ATTACK, span)
            elif kind in (CONTRARY, CONTRADICTORY):
                relations.add(source, target, RelationType.ATTACK, span)
                relations.add(target, source, RelationType.ATTACK, span)
            elif kind == UNDERCUT:
                undercuts.append((source, target, span))
        self._resolve_undercuts(undercuts, relations)
        return list(relations.by_key.values())

    def _resolve_undercuts(self, undercuts: list[tuple[str, str, SourceSpan]], relations: _Relations) -> None:
        """An undercut of node N undercuts every inference from N: its
        supports and attacks, and its own undercuts, resolved first (with
        an explicit stack: chains of undercuts can be long)."""
        pending: dict[str, list[tuple[str, SourceSpan]]] = {}
        for source, target, span in undercuts:
            pending.setdefault(source, []).append((target, span))
        resolved: set[str] = set()
        in_progress: set[str] = set()
        for start in pending:
            if start in resolved:
                continue
            in_progress.add(start)
            stack = [(start, 0)]
            while stack:
                source, index = stack[-1]
                if index == len(pending[source]):
                    stack.pop()
                    in_progress.discard(source)
                    resolved.add(source)
                    continue
                target, span = pending[source][index]
                if target in pending and target not in resolved and target not in in_progress:
                    in_progress.add(target)
                    stack.append((target, 0))
                    continue
                stack[-1] = (source, index + 1)
                inferences = list(relations.outgoing.get(target, ()))
                if not inferences:
                    self.diagnostics.append(
                        Diagnostic(
                            span,
                            Severity.WARNING,
                            UNDERCUT_AS_ATTACK,
                            f"'{source}' undercuts '{target}', which supports or attacks nothing in the map: "
                            "read as an attack on it",
                        )
                    )
                    relations.add(source, target, RelationType.ATTACK, span)
                for inference in inferences:
                    relations.add(source, inference.id, RelationType.UNDERCUT, span)

    def _edge_span(self, edge: MapEdge) -> SourceSpan:
        if edge.relation is not None and edge.relation.offset is not None:
            return self.span(edge.relation.offset)
        return self.span(_first_offset(edge.source.element))

    # -- what is not read ----------------------------------------------------------------

    def _report_unread(self) -> None:
        in_map = {id(node.element) for node in self.map.nodes}
        for title in js_key_order(self.model.statements):
            ec = self.model.statements[title]
            if id(ec) in in_map or any(m.argument_title for m in ec.members):
                continue
            text = next((m.text for m in ec.members if m.text and m.text.strip()), None)
            what = f"[{title}]" if not title.startswith("Untitled") else repr(_short(text or ""))
            self.warn(_first_offset(ec), NOT_READ, f"statement {what} is not in Argdown's map; not read")
        for title in js_key_order(self.model.arguments):
            argument = self.model.arguments[title]
            if id(argument) not in in_map:
                self.warn(argument.offset, NOT_READ, f"argument <{title}> is not in Argdown's map; not read")
        for block in self.model.data_blocks:
            if block.owner == "front matter" or not isinstance(block.data, dict):
                continue
            unread = [k for k in block.data if k not in _READ_DATA and k not in _ARGDOWN_DATA]
            if unread:
                keys = ", ".join(repr(k) for k in unread)
                self.warn(
                    block.offset,
                    NOT_READ,
                    f"data {keys} not read (argmap reads note, weight, source, tags, label, step)",
                )
        links = self.model.link_offsets
        if links:
            self.warn(
                links[0],
                NOT_READ,
                f"{len(links)} link address(es) not kept: argmap keeps a link's text only",
            )


class _Relations:
    """The relations read so far, once each, with those from each claim."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str, RelationType], Relation] = {}
        self.outgoing: dict[str, list[Relation]] = {}

    def add(self, source: str, target: str, type_: RelationType, span: SourceSpan) -> None:
        key = (source, target, type_)
        if key in self.by_key:
            return
        relation = Relation(
            default_relation_id(type_, source, target), source, target, type_, span=span, target_span=span
        )
        self.by_key[key] = relation
        self.outgoing.setdefault(source, []).append(relation)


def _first_offset(element: EquivalenceClass | Argument) -> int | None:
    if isinstance(element, Argument) and element.offset is not None:
        return element.offset
    return next((m.offset for m in element.members if m.offset is not None), None)


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- writing -------------------------------------------------------------------------


def write(amap: ArgumentMap) -> Written:
    return _Writer(amap).write()


# Deeper chains start a new block (with references): readers, Argdown's
# and argmap's, recurse once per level.
_MAX_NESTING = 100
_INCOMING = {RelationType.SUPPORT: "<+", RelationType.ATTACK: "<-", RelationType.UNDERCUT: "<_"}
_OUTGOING = {RelationType.SUPPORT: "+>", RelationType.ATTACK: "->", RelationType.UNDERCUT: "_>"}
# Characters escaped wherever they are: they start Argdown syntax.
_ALWAYS_ESCAPED = frozenset("\\[<{#*_")
_SPECIAL_AT = re.compile(r"(?:\.[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+?\.[ \t]?)"
                         r"|(?::[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+?:[ \t]?)")  # fmt: skip
# Texts without these (nor a `.x.` shortcode) need no backslash: no syntax
# characters, and no spaces Argdown would skip (leading, trailing, doubled,
# or tabs).
_NEEDS_ESCAPING = re.compile(r"[\\\[<{#*_/=\t]|^ | $|  ")
_PLAIN_CONTROL = frozenset(",;)]>-(@}/")  # control characters that stay literal where they are


def escape_text(text: str, tail: str = "") -> str:
    """A one-line text as Argdown reads it back unchanged (line breaks must
    be gone already): characters that start Argdown syntax get a backslash,
    and so do spaces Argdown would skip. `tail` is what follows the text on
    its line (a `{...}` data block), which a `.x.` shortcode must not reach."""
    line = text + tail
    if not _NEEDS_ESCAPING.search(text) and not _SPECIAL_AT.search(line):
        return text
    out: list[str] = []
    # What the lexer is in: "plain" text (spaces are kept), after an
    # escape (spaces kept, tabs skipped), after a control character (one
    # space or tab kept), or where spaces are skipped ("skip").
    state = "skip"
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in " \t":
            if state == "plain" or (state == "escape" and char == " "):
                out.append(char)
            elif state == "control":
                out.append(char)
                state = "skip"
            else:
                out.append("\\" + char)
                state = "escape"
            i += 1
            continue
        if char in ".:":
            special = _SPECIAL_AT.match(line, i)
            if special is not None and special.end() > n:
                # It would run into the data block: a plain '.' or ':'.
                out.append("\\" + char)
                state = "escape"
                i += 1
                continue
            if special is not None:
                body = special.group()
                literal = body.strip() not in SHORTCODES and not any(
                    c in _ALWAYS_ESCAPED or c in "/=" for c in body
                )
                if literal:
                    out.append(body)
                    state = "skip" if body[-1] in " \t" else "control"
                    i += len(body)
                    continue
                out.append("\\" + char)
                state = "escape"
                i += 1
                continue
            out.append(char)
            state = "control"
            i += 1
            continue
        if (
            char in _ALWAYS_ESCAPED
            or (char == "/" and text[i + 1 : i + 2] == "/")
            or (char == "=" and text[i + 1 : i + 3] == "==")
        ):
            out.append("\\" + char)
            state = "escape"
        elif char in _PLAIN_CONTROL:
            out.append(char)
            state = "control"
        else:
            out.append(char)
            state = "plain"
        i += 1
    return "".join(out)


# Characters a YAML string inside Argdown must not hold raw: braces would end
# a `{...}` block, "]:" after `[id] ` would make it a definition, '=' could
# start front matter, the rest are not printable for YAML or end a line for
# JavaScript.
_YAML_UNSAFE = re.compile("[{}\\[\\]=\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def yaml_flow(value: Any) -> str:
    """JSON, which YAML reads too, safe inside Argdown's `{...}` and front
    matter."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{yaml_flow(str(k))}: {yaml_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(yaml_flow(v) for v in value) + "]"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, float):
        return _yaml_float(value)
    if isinstance(value, int):
        return str(value)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(str(value), ensure_ascii=False))


def _yaml_float(value: float) -> str:
    """A float both YAML 1.1 (PyYAML) and 1.2 (js-yaml) read as one: with a
    dot, and a signed exponent."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value}")
    text = repr(value)
    mantissa, _, exponent = text.partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    if exponent and exponent[0] not in "+-":
        exponent = "+" + exponent
    return mantissa + ("e" + exponent if exponent else "")


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
        edges: list[tuple[str, str, RelationType]] = []
        seen: set[tuple[str, str, RelationType]] = set()
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
        header = self._front_matter(need_all=bool(isolated))
        text = "\n\n".join([*([header] if header else []), *blocks]) + "\n"
        self._check_order()
        return Written(text, self.losses.losses())

    # -- what Argdown cannot hold ------------------------------------------------------

    def _check_relations(self) -> None:
        for r in self.amap.relations:
            if r.id != default_relation_id(r.type, r.source, r.target):
                self.losses.lost("relation-id", "relation ids are not kept (Argdown relations have none)")
            if r.group is not None:
                self.losses.lost("linked-group", "linked premises written as separate supports")

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
        data: dict[str, Any] = {}
        if claim.note is not None:
            data["note"] = claim.note
        if claim.label is not None:
            data["label"] = claim.label
        if claim.step is not None:
            data["step"] = claim.step
        if claim.weight is not None and math.isfinite(claim.weight):
            data["weight"] = float(claim.weight)
        elif claim.weight is not None:
            self.losses.lost("weight", "weights that are not finite numbers dropped")
        sources = claim.all_sources()
        if sources:
            refs = [
                {k: v for k, v in (("ref", s.ref), ("quote", s.quote), ("loc", s.loc)) if v is not None}
                for s in sources
            ]
            data["source"] = refs[0] if len(refs) == 1 else refs
        if tags and not self._tags_writable(tags):
            data["tags"] = tags
            tags = []
        tag_text = "".join(f"#({t}) " for t in [*side_tags, *tags])
        return f"[{claim.id}]: {tag_text}", text, yaml_flow(data) if data else ""

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

    def _blocks(self, edges: list[tuple[str, str, RelationType]]) -> list[str]:
        """Claims in map order, each nested under the claim it supports,
        attacks or undercuts when that claim is still open above it; every
        other relation as a reference under the later of its two claims."""
        outgoing: dict[str, list[tuple[str, str, RelationType]]] = {}
        for edge in edges:
            outgoing.setdefault(edge[0], []).append(edge)
        nested: set[tuple[str, str, RelationType]] = set()
        placement: list[tuple[Claim, int, tuple[str, str, RelationType] | None]] = []
        path: list[str] = []
        defined: set[str] = set()
        for claim in self.amap.claims:
            if claim.id in defined:
                placement.append((claim, 0, None))
                path = []
                continue
            choice: tuple[int, tuple[str, str, RelationType]] | None = None
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
        # The other relations, under whichever of their claims comes later.
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

    def _front_matter(self, need_all: bool) -> str:
        amap = self.amap
        entries: list[tuple[str, Any]] = []
        if amap.title is not None:
            entries.append(("title", amap.title))
        if amap.description is not None:
            entries.append(("description", amap.description))
        block: dict[str, Any] = {}
        if amap.sides:
            block["sides"] = {
                s.id: {k: v for k, v in (("name", s.name), ("colour", s.colour)) if v is not None}
                for s in amap.sides.values()
            }
        if amap.sources:
            block["sources"] = {
                s.id: {
                    k: v
                    for k, v in (("title", s.title), ("author", s.author), ("file", s.file), ("url", s.url))
                    if v is not None
                }
                for s in amap.sources.values()
            }
        if amap.expect:
            expect: dict[str, dict[str, list[str]]] = {}
            for e in amap.expect:
                expect.setdefault(e.semantics, {}).setdefault(e.status, []).append(e.claim)
            block["expect"] = expect
        if block:
            entries.append(("argmap", block))
        if any(c.tags or c.by for c in amap.claims):
            entries.append(("model", {"removeTagsFromText": True}))
        if need_all:
            entries.append(("selection", {"statementSelectionMode": "all", "excludeDisconnected": False}))
        colours = {SIDE_TAG + s.id: s.colour for s in amap.sides.values() if s.colour}
        if colours:
            entries.append(("color", {"tagColors": colours}))
        if not entries:
            return ""
        return "===\n" + "\n".join(f"{key}: {yaml_flow(value)}" for key, value in entries) + "\n==="
