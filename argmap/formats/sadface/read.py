"""Reading SADFace (see the package docstring): atoms as claims, schemes as
supports (an inference) or attacks and undercuts (a conflict), resources as
sources; the "argmap" metadata blocks a writer left give back what SADFace
has no field for. Everything else is reported."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from argmap.errors import InputError
from argmap.formats.base import LoadResult
from argmap.formats.foreign import (
    IdMaker,
    MapBuilder,
    dependency_order,
    key_positions,
    nodes_and_edges,
    parse_json,
)
from argmap.model import (
    DUNG_SEMANTICS,
    ID_PATTERN,
    MORE_SOURCES_KEY,
    OPTIONAL_CLAIM_FIELDS,
    Claim,
    CriticalQuestion,
    Expectation,
    FieldKind,
    Label,
    Relation,
    RelationType,
    Scheme,
    Side,
    Source,
    SourceRef,
    SourceSpan,
)
from argmap.schemes import SchemeNames

__all__ = ["NAMESPACE", "read", "sniff"]

# The metadata namespace of what SADFace has no field for (the writer fills it).
NAMESPACE = "argmap"
_CONFLICT_NAMES = frozenset(
    {"conflict", "attack", "disagreement", "disagree", "rebut", "rebuttal", "undercut"}
)
_SUPPORT_NAMES = frozenset({"support", "default", "default inference", "inference"})
_QUIET_CORE = frozenset({"id", "version", "created", "edited", "title", "description", "notes"})


def _document(data: Any, file: str) -> dict[str, Any]:
    return nodes_and_edges(data, file, "a SADFace document")


def sniff(text: str) -> bool:
    """A SADFace document: `nodes` and `edges` lists whose edges have
    `source_id` or whose metadata has a `core` block; not argmap's own graph
    form (top-level "argmap") nor AIF (`nodeID`)."""
    try:
        data = _document(parse_json(text, "<sniff>", "SADFace document"), "<sniff>")
    except InputError:
        return False
    if "argmap" in data:
        return False
    edges, nodes = data["edges"], data["nodes"]
    if edges and isinstance(edges[0], dict) and "source_id" in edges[0]:
        return True
    metadata = data.get("metadata")
    core = isinstance(metadata, dict) and isinstance(metadata.get("core"), dict)
    return core and not (nodes and isinstance(nodes[0], dict) and "nodeID" in nodes[0])


def read(text: str, file: str) -> LoadResult:
    data = _document(parse_json(text, file, "SADFace document"), file)
    return _Reader(text, file).read(data)


def _ours(holder: Any) -> dict[str, Any]:
    """The "argmap" metadata block of a node, resource or document."""
    metadata = holder.get("metadata") if isinstance(holder, dict) else None
    block = metadata.get(NAMESPACE) if isinstance(metadata, dict) else None
    return block if isinstance(block, dict) else {}


def _our_ids(wanted: dict[str, str | None], ids: IdMaker) -> dict[str, str]:
    """Foreign id -> argmap id: the id a writer kept in the argmap block,
    else the foreign id (its first eight characters when those are unique
    among the rest: UUIDs make long ids)."""
    made: dict[str, str] = {}
    for fid, want in wanted.items():
        if want and ID_PATTERN.fullmatch(want) and want not in ids.taken:
            made[fid] = ids.make(want)
    rest = [fid for fid in wanted if fid not in made]
    short = len({fid[:8] for fid in rest}) == len(rest)
    for fid in rest:
        made[fid] = ids.make(fid[:8] if short else fid)
    return made


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _tags(value: Any) -> tuple[str, ...]:
    return tuple(t for t in value if isinstance(t, str)) if isinstance(value, list) else ()


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


def _flag(value: Any) -> bool | None:
    return True if value is True else None


# How a claim field's value in an atom's argmap block is read, by the
# field's kind (argmap.model.CLAIM_FIELDS); a value of another type is
# dropped. Sources are read apart: the atom's own `sources` stand in.
_FIELD_VALUE: dict[FieldKind, Callable[[Any], Any]] = {
    FieldKind.TEXT: _text,
    FieldKind.SIDE: _text,
    FieldKind.TAGS: _tags,
    FieldKind.NUMBER: _number,
    FieldKind.WHOLE: _whole,
    FieldKind.FLAG: _flag,
}


class _Scheme:
    __slots__ = ("fid", "is_conflict", "name", "raw", "span")

    def __init__(self, fid: str, raw: dict[str, Any], is_conflict: bool, span: SourceSpan) -> None:
        self.fid = fid
        self.raw = raw
        self.is_conflict = is_conflict
        self.span = span
        self.name = _text(raw.get("name")) or ""


class _Reader:
    def __init__(self, text: str, file: str) -> None:
        self.build = MapBuilder(file)
        self.spans = key_positions(text, file, "id")
        self.atoms: dict[str, dict[str, Any]] = {}
        self.schemes: dict[str, _Scheme] = {}
        self.claim_of: dict[str, str] = {}
        self.into: dict[str, list[str]] = {}
        self.out_of: dict[str, list[str]] = {}
        self.relations_of: dict[str, list[Relation]] = {}
        self.scheme_names = SchemeNames()  # scheme names -> argument scheme ids

    def span(self, fid: str | None) -> SourceSpan:
        return self.spans.get(fid, self.build.span()) if fid is not None else self.build.span()

    def read(self, data: dict[str, Any]) -> LoadResult:
        build = self.build
        title, description = self._core(data.get("metadata"))
        ours = _ours(data)
        sources, source_of = self._resources(data.get("resources"))
        self._nodes(data["nodes"])
        self._edges(data["edges"])
        self._claim_ids()
        for scheme in self.schemes.values():
            if not scheme.is_conflict:
                self._inference(scheme)
        conflicts = [scheme for scheme in self.schemes.values() if scheme.is_conflict]
        for scheme in dependency_order(conflicts, lambda c: c.fid, lambda c: self.out_of.get(c.fid, [])):
            self._conflict(scheme)
        for fid, raw in self.atoms.items():
            build.add_claim(self._claim(fid, raw, source_of))
        self.scheme_names.schemes.update(_own_schemes(ours.get("schemes")))
        sides = self._sides(ours.get("sides"))
        expect = self._expect(ours.get("expect"))
        result = build.result(
            title=title,
            description=description,
            sources=sources,
            sides=sides,
            schemes=self.scheme_names.schemes,
        )
        if not expect:
            return result
        return LoadResult(dataclasses.replace(result.map, expect=expect), result.diagnostics)

    def _core(self, metadata: Any) -> tuple[str | None, str | None]:
        core = metadata.get("core") if isinstance(metadata, dict) else None
        if not isinstance(core, dict):
            return None, None
        for key, value in core.items():
            if key not in _QUIET_CORE and value not in (None, "", [], {}):
                self.build.tally("core metadata not kept", key)
        for namespace, block in metadata.items():
            if namespace not in ("core", NAMESPACE) and block:
                self.build.tally("document metadata not kept", namespace)
        title, description, notes = (_text(core.get(k)) or None for k in ("title", "description", "notes"))
        if notes:
            self.build.warn("the document's notes are kept at the end of the description")
            description = f"{description}\n\n{notes}" if description else notes
        return title, description

    def _resources(self, resources: Any) -> tuple[dict[str, Source], dict[str, str]]:
        """Resources as sources; resource id -> source id."""
        sources: dict[str, Source] = {}
        kept: dict[str, dict[str, Any]] = {}
        for index, raw in enumerate(resources if isinstance(resources, list) else []):
            rid = _text(raw.get("id")) if isinstance(raw, dict) else None
            if rid is None or rid in kept:
                why = "has no 'id' (a string)" if rid is None else f"repeats the id {rid}"
                self.build.warn(f"resource {index + 1} {why}; not kept", self.span(rid))
                continue
            kept[rid] = raw
        source_of = _our_ids({rid: _text(_ours(raw).get("id")) for rid, raw in kept.items()}, IdMaker("r"))
        for rid, raw in kept.items():
            ours = _ours(raw)
            source_id = source_of[rid]
            sources[source_id] = Source(
                source_id,
                title=_text(ours.get("title")),
                author=_text(ours.get("author")),
                file=_text(ours.get("file")),
                url=_text(ours.get("url")),
                span=self.span(rid),
            )
            content = raw.get("content")
            if isinstance(content, str) and content:
                self.build.tally(
                    "resource contents not kept (argmap sources point at files)", "resource", self.span(rid)
                )
        return sources, source_of

    def _nodes(self, nodes: list[Any]) -> None:
        build = self.build
        for number, raw in build.objects(nodes, "node"):
            fid = _text(raw.get("id"))
            if not fid:
                build.warn(f"node {number} has no 'id' (a string); skipped")
                continue
            span = self.span(fid)
            if fid in self.atoms or fid in self.schemes:
                build.warn(f"node {fid} is defined twice; the first is kept", span)
                continue
            kind = raw.get("type")
            metadata = raw.get("metadata")
            for namespace, block in metadata.items() if isinstance(metadata, dict) else ():
                if namespace not in ("core", NAMESPACE) and block:
                    build.tally("node metadata not kept", namespace)
            if kind == "atom":
                self.atoms[fid] = raw
                continue
            if kind not in ("scheme", "inference", "conflict"):
                build.warn(
                    f"node {fid} has type {kind!r}, not atom, scheme, inference or conflict; skipped", span
                )
                continue
            name = (_text(raw.get("name")) or "").strip().lower()
            is_conflict = kind == "conflict" or name in _CONFLICT_NAMES
            self.schemes[fid] = _Scheme(fid, raw, is_conflict, span)

    def _edges(self, edges: list[Any]) -> None:
        build = self.build
        for number, raw in build.objects(edges, "edge"):
            eid = _text(raw.get("id"))
            name = f"edge {eid}" if eid else f"edge {number}"
            source, target = _text(raw.get("source_id")), _text(raw.get("target_id"))
            if source is None or target is None:
                build.warn(f"{name} lacks 'source_id' or 'target_id'; skipped", self.span(eid))
                continue
            for end in (source, target):
                if end not in self.atoms and end not in self.schemes:
                    build.warn(f"{name} joins node {end}, which is not defined; skipped", self.span(eid))
                    break
            else:
                if source in self.atoms and target in self.atoms:
                    build.warn(
                        f"{name} joins two atoms directly; SADFace joins them through a scheme; skipped",
                        self.span(eid),
                    )
                    continue
                self.out_of.setdefault(source, []).append(target)
                self.into.setdefault(target, []).append(source)

    def _claim_ids(self) -> None:
        ids = IdMaker("n")
        wanted = {fid: _text(_ours(raw).get("id")) for fid, raw in self.atoms.items()}
        self.claim_of = _our_ids(wanted, ids)

    def _claim(self, fid: str, raw: dict[str, Any], source_of: dict[str, str]) -> Claim:
        ours = _ours(raw)
        text = _text(raw.get("text")) or ""
        span = self.span(fid)
        if not text.strip():
            self.build.warn(f"atom {fid} has no text; given a placeholder", span)
            text = f"(atom {fid} has no text)"
        fields: dict[str, Any] = {}
        for field in OPTIONAL_CLAIM_FIELDS:
            if field.kind is FieldKind.SOURCES:
                cited = self._sources(fid, raw, ours, field.key, source_of)
                fields[field.attr] = cited[0] if cited else None
                fields["more_sources"] = tuple(cited[1:])
            else:
                fields[field.attr] = _FIELD_VALUE[field.kind](ours.get(field.key))
        return Claim(self.claim_of[fid], text, span=span, **fields)

    def _sources(
        self, fid: str, raw: dict[str, Any], ours: dict[str, Any], key: str, source_of: dict[str, str]
    ) -> list[SourceRef]:
        """The claim's sources: as the argmap block lists them (under `key`,
        then the rest), else the atom's own."""
        if key in ours:
            more = ours.get(MORE_SOURCES_KEY)
            kept = [ours[key], *(more if isinstance(more, list) else [])]
            return [
                SourceRef(_text(s.get("ref")), _text(s.get("quote")), _text(s.get("loc")))
                for s in kept
                if isinstance(s, dict)
            ]
        cited = []
        for item in raw.get("sources") or [] if isinstance(raw.get("sources"), list) else []:
            rid = _text(item.get("resource_id")) if isinstance(item, dict) else None
            if rid is None or rid not in source_of:
                self.build.tally("atom sources naming no resource not kept", "source", self.span(fid))
                continue
            quote = _text(item.get("text")) or None
            offset = item.get("offset")
            loc = f"offset {offset}" if isinstance(offset, int) and not isinstance(offset, bool) else None
            cited.append(SourceRef(source_of[rid], quote, loc))
        return cited

    def _ends(self, scheme: _Scheme) -> tuple[list[str], list[str], list[str]]:
        """Atoms into the scheme, atoms out of it, schemes out of it."""
        sources = [self.claim_of[n] for n in self.into.get(scheme.fid, []) if n in self.atoms]
        for n in self.into.get(scheme.fid, []):
            if n in self.schemes and not self.schemes[n].is_conflict:
                self.build.tally("support of a scheme (an inference) not kept", "edge", scheme.span)
        atoms = [self.claim_of[n] for n in self.out_of.get(scheme.fid, []) if n in self.atoms]
        schemes = [n for n in self.out_of.get(scheme.fid, []) if n in self.schemes]
        return sources, atoms, schemes

    def _inference(self, scheme: _Scheme) -> None:
        build = self.build
        premises, conclusions, schemes = self._ends(scheme)
        if schemes:
            build.tally("support of a scheme (an inference) not kept", "edge", scheme.span)
        if not premises or not conclusions:
            build.warn(f"scheme {scheme.fid} lacks a premise or a conclusion; skipped", scheme.span)
            return
        ours = _ours(scheme.raw)
        named = _text(ours.get("group"))
        ids = ours.get("ids")
        if not isinstance(ids, dict):
            ids = {}
        weights = ours.get("weights")
        if not isinstance(weights, dict):
            weights = {}
        made: list[Relation] = []
        inference = self._inference_fields(scheme, ours)
        for conclusion in conclusions:
            group = named or ("+".join(premises) if len(premises) > 1 else None)
            for premise in premises:
                wanted = _text(ids.get(premise)) if len(conclusions) == 1 else None
                weight = self._weight(weights.get(premise), scheme)
                relation = build.relate(
                    RelationType.SUPPORT, premise, conclusion, group, scheme.span, wanted, inference, weight
                )
                if relation is not None:
                    made.append(relation)
        self.relations_of[scheme.fid] = made

    def _weight(self, value: Any, scheme: _Scheme) -> float | None:
        """A relation weight from the argmap block: a number from 0 to 1."""
        if value is None:
            return None
        weight = _number(value)
        if weight is None or not 0.0 <= weight <= 1.0:
            self.build.warn(
                f"scheme {scheme.fid}: relation weight {value!r} is not a number from 0 to 1; not kept",
                scheme.span,
            )
            return None
        return weight

    def _inference_fields(self, scheme: _Scheme, ours: dict[str, Any]) -> dict[str, Any]:
        """The argument scheme of a support: argmap's own metadata, else the
        node's name (a name the catalogue lacks becomes the map's own)."""
        fields: dict[str, Any] = {}
        named = _text(ours.get("scheme"))
        name = scheme.name.strip()
        if named is None and name and name.lower() not in _SUPPORT_NAMES:
            named = self.scheme_names.id_for(name)
        if named is not None:
            fields["scheme"] = named
        for key in ("answered", "conceded"):
            if ids := _tags(ours.get(key)):
                fields[key] = ids
        return fields

    def _conflict(self, scheme: _Scheme) -> None:
        """Attacks on the atoms a conflict points at, undercuts of the
        relations of the schemes it points at (those come first)."""
        build = self.build
        made: list[Relation] = []
        self.relations_of[scheme.fid] = made
        attackers, atoms, schemes = self._ends(scheme)
        ours = _ours(scheme.raw)
        wanted = _text(ours.get("id"))
        weight = self._weight(ours.get("weight"), scheme)
        weights = ours.get("weights")
        if not isinstance(weights, dict):
            weights = {}

        def weight_of(attacker: str) -> float | None:
            # A linked attack's members weigh apart ("weights", by attacker).
            return self._weight(weights[attacker], scheme) if attacker in weights else weight

        question = _text(ours.get("question"))
        questions = ours.get("questions")
        if not isinstance(questions, dict):
            questions = {}

        def inference_of(attacker: str) -> dict[str, str] | None:
            # A linked attack's members may raise different questions ("questions", by attacker).
            asked = _text(questions.get(attacker)) or question
            return {"question": asked} if asked is not None else None

        if not attackers and len(atoms) > 1 and not schemes:
            for a in atoms:  # a disagreement: each attacks each
                for b in atoms:
                    if a != b and (relation := build.relate(RelationType.ATTACK, a, b, span=scheme.span)):
                        made.append(relation)
            return
        if not build.conflict_ends(
            f"conflict {scheme.fid}", len(attackers), bool(atoms or schemes), scheme.span
        ):
            return
        single = len(attackers) * (len(atoms) + len(schemes)) == 1
        # Several attackers into one conflict attack together: a linked attack.
        group = _text(ours.get("group")) or ("+".join(attackers) if len(attackers) > 1 else None)
        ids = ours.get("ids")
        if not isinstance(ids, dict):
            ids = {}

        def wanted_id(attacker: str) -> str | None:
            # A linked conflict names its relations by attacker ("ids").
            named = _text(ids.get(attacker)) if len(atoms) + len(schemes) == 1 else None
            return named or (wanted if single else None)

        for target in atoms:
            for attacker in attackers:
                relation = build.relate(
                    RelationType.ATTACK,
                    attacker,
                    target,
                    group,
                    scheme.span,
                    wanted_id(attacker),
                    inference_of(attacker),
                    weight_of(attacker),
                )
                if relation is not None:
                    made.append(relation)
        for fid in schemes:
            if fid == scheme.fid:
                build.warn(f"conflict {scheme.fid} undercuts itself; skipped", scheme.span)
                continue
            inferences = self.relations_of.get(fid, [])
            if not inferences:
                build.warn(
                    f"conflict {scheme.fid} undercuts scheme {fid}, which stands for no relation; skipped",
                    scheme.span,
                )
                continue
            named = _text(ours.get("target"))
            chosen = next((r for r in inferences if r.id == named), inferences[0])
            for attacker in attackers:
                relation = build.relate(
                    RelationType.UNDERCUT,
                    attacker,
                    chosen.id,
                    group,
                    scheme.span,
                    wanted_id(attacker),
                    inference_of(attacker),
                    weight_of(attacker),
                )
                if relation is not None:
                    made.append(relation)

    def _sides(self, raw: Any) -> dict[str, Side]:
        sides: dict[str, Side] = {}
        for side_id, fields in raw.items() if isinstance(raw, dict) else ():
            if not ID_PATTERN.fullmatch(side_id) or not isinstance(fields, dict):
                self.build.warn(f"side {side_id!r} in the argmap metadata is not an id with fields; not kept")
                continue
            sides[side_id] = Side(side_id, _text(fields.get("name")), _text(fields.get("colour")))
        return sides

    def _expect(self, raw: Any) -> tuple[Expectation, ...]:
        found: list[Expectation] = []
        for semantics, statuses in raw.items() if isinstance(raw, dict) else ():
            for status, claims in statuses.items() if isinstance(statuses, dict) else ():
                if (
                    semantics not in DUNG_SEMANTICS
                    or status not in tuple(Label)
                    or not isinstance(claims, list)
                ):
                    self.build.warn(
                        f"expectation {semantics}/{status} in the argmap metadata not understood; not kept"
                    )
                    continue
                found.extend(Expectation(semantics, status, c) for c in claims if isinstance(c, str))
        return tuple(found)


def _own_schemes(raw: Any) -> dict[str, Scheme]:
    """The map's own schemes, as the writer keeps them: {id: {name,
    premises, conclusion, questions: {CQ1: text}, aif}}."""
    found: dict[str, Scheme] = {}
    for scheme_id, fields in raw.items() if isinstance(raw, dict) else ():
        if not isinstance(fields, dict) or not ID_PATTERN.match(scheme_id):
            continue
        questions = fields.get("questions")
        found[scheme_id] = Scheme(
            scheme_id,
            _text(fields.get("name")) or scheme_id,
            _tags(fields.get("premises")),
            _text(fields.get("conclusion")),
            tuple(
                CriticalQuestion(q, t)
                for q, t in (questions.items() if isinstance(questions, dict) else ())
                if isinstance(t, str)
            ),
            _tags(fields.get("aif")),
        )
    return found
