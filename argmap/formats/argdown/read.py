"""Reading Argdown: the map Argdown builds (see the package's docstring),
as an argmap map. Map nodes become claims, map edges relations; what
argmap cannot read is a warning."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from argmap.errors import Diagnostic, InputError, Severity
from argmap.formats.argdown.build import build_model
from argmap.formats.argdown.front_matter import SIDE_TAG, FrontMatterReader
from argmap.formats.argdown.map import ArgdownMap, MapEdge, MapNode, build_map
from argmap.formats.argdown.model import (
    ATTACK,
    CONTRADICTORY,
    CONTRARY,
    ENTAILS,
    INTERMEDIARY_CONCLUSION,
    MAIN_CONCLUSION,
    PREMISE,
    SUPPORT,
    UNDERCUT,
    Argument,
    EquivalenceClass,
    Model,
    Statement,
    js_key_order,
)
from argmap.formats.argdown.parser import parse
from argmap.formats.argdown.syntax import Positions
from argmap.formats.base import LoadResult, canonical_relation_order
from argmap.model import (
    ID_PATTERN,
    ArgumentMap,
    Claim,
    Relation,
    RelationType,
    Side,
    SourceRef,
    SourceSpan,
    default_relation_id,
)
from argmap.text import UniqueNames

GROUP_TAG = "group:"

# Diagnostics the reader gives.
NOT_READ = "argdown-not-read"
UNDERCUT_AS_ATTACK = "argdown-undercut"
RECOVERED = "argdown-syntax"

# Data keys Argdown itself uses to build or style its map (obeyed or
# harmless, so not reported; the keys argmap reads are _DATA_READERS').
_ARGDOWN_DATA = frozenset(
    {"isInMap", "isInGroup", "isCanonical", "isGroup", "isClosed", "images", "uses", "from", "color"}
)


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
    unique = UniqueNames()
    return [unique.make(title_to_id(title)) for title in titles]


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


class _Reader:
    def __init__(self, model: Model, argdown_map: ArgdownMap, positions: Positions) -> None:
        self.model = model
        self.map = argdown_map
        self.positions = positions
        self.file = positions.file
        self.diagnostics: list[Diagnostic] = []

    def span(self, offset: int | None) -> SourceSpan:
        return self.positions.span(offset or 0)

    def warn(self, offset: int | None, check: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.span(offset), Severity.WARNING, check, message))

    # -- the whole map -----------------------------------------------------------------

    def result(self) -> LoadResult:
        front = FrontMatterReader(
            self.model.front_matter,
            lambda message: self.warn(self.model.front_matter_offset, NOT_READ, message),
        )
        front.check_keys()
        sides = front.sides()
        sources = front.sources()
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
                title=front.text("title"),
                description=front.text("description"),
                sources=sources,
                sides=sides,
                file=self.file,
                expect=front.expect(),
            ),
            sorted(self.diagnostics, key=Diagnostic.sort_key),
        )

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
        found = {key: read(self, data, node, offset) for key, read in _DATA_READERS.items()}
        tags.extend(found["tags"])
        notes = [n for n in (found["note"], self._pcs_note(element)) if n]
        sources = found["source"]
        span = self.span(offset)
        return Claim(
            id=claim_id,
            text=text,
            by=by,
            source=sources[0] if sources else None,
            more_sources=tuple(sources[1:]),
            tags=tuple(tags),
            weight=found["weight"],
            note="\n\n".join(notes) if notes else None,
            span=span,
            id_span=span,
            text_span=span,
            label=found["label"],
            step=found["step"],
            implicit=found["implicit"],
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

    def _data_implicit(self, data: dict[str, Any], node: MapNode, offset: int | None) -> bool | None:
        """`implicit: true` marks an implicit premise; false is the default."""
        implicit = data.get("implicit")
        if implicit is None or isinstance(implicit, bool):
            return implicit or None
        self._bad_data(node, offset, "implicit", "must be true or false")
        return None

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
            unread = [k for k in block.data if k not in _DATA_READERS and k not in _ARGDOWN_DATA]
            if unread:
                keys = ", ".join(repr(k) for k in unread)
                self.warn(
                    block.offset,
                    NOT_READ,
                    f"data {keys} not read (argmap reads {', '.join(_DATA_READERS)})",
                )
        links = self.model.link_offsets
        if links:
            self.warn(
                links[0],
                NOT_READ,
                f"{len(links)} link address(es) not kept: argmap keeps a link's text only",
            )


# The claim fields (argmap.model.CLAIM_FIELDS keys) a statement's `{...}`
# data sets, each read with its own check (a note may be empty, a label
# not), in the order the warning about other keys names them. `by` comes
# from a `#(by:side)` tag instead.
_DataRead = Callable[[_Reader, dict[str, Any], MapNode, int | None], Any]
_DATA_READERS: dict[str, _DataRead] = {
    "note": _Reader._data_note,
    "weight": _Reader._data_weight,
    "source": _Reader._data_sources,
    "tags": _Reader._data_tags,
    "label": _Reader._data_label,
    "step": _Reader._data_step,
    "implicit": _Reader._data_implicit,
}


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


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
