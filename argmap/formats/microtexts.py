"""The Argument Microtexts corpus (Peldszus & Stede), `arggraph.dtd`:

    <arggraph id="micro_b001" topic_id="..." stance="pro">
      <edu id="e1"><![CDATA[Yes, it's annoying and cumbersome ...]]></edu>
      <joint id="j1"/>                     (adjacent EDUs that count only together)
      <adu id="a1" type="pro"/>            (an argumentative unit: proponent or opponent)
      <edge id="c1" src="e1" trg="a1" type="seg"/>
      <edge id="c2" src="a2" trg="a1" type="sup"/>
    </arggraph>

Reading (there is no writer): each ADU is a claim whose text is its EDUs'
text joined in document order (through joints); `pro` and `opp` are two
sides; `sup` and `exa` (support by example: the premise gets the tag
`example`) are support, `reb` an attack, `und` an undercut of the edge it
targets, `add` one more member linked with the source of the edge it
targets (a linked premise, a linked rebuttal or a linked undercut). The `.txt` beside the XML is the map's source: each EDU found
verbatim in it is a quote of its claim, so `argmap validate` checks it.

The XML is parsed by expat with entity declarations refused, so a hostile
file cannot expand ("billion laughs") nor reach outside itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple, NoReturn
from xml.parsers import expat

from argmap.errors import InputError
from argmap.formats.base import LoadResult
from argmap.formats.foreign import IdMaker, MapBuilder, dependency_order
from argmap.io.files import read_text
from argmap.model import Claim, RelationType, Side, Source, SourceRef, SourceSpan
from argmap.text import normalize_quote

__all__ = ["read", "sniff"]

_EDGE_TYPES = {"sup": RelationType.SUPPORT, "exa": RelationType.SUPPORT, "reb": RelationType.ATTACK}
SIDES = {"pro": Side("pro", name="proponent"), "opp": Side("opp", name="opponent")}
_REQUIRED = {"edu": ("id",), "joint": ("id",), "adu": ("id", "type"), "edge": ("id", "src", "trg", "type")}


class _Element(NamedTuple):
    tag: str
    attrs: dict[str, str]
    span: SourceSpan
    text: list[str]  # character data, filled while parsing


def _parse(text: str, file: str) -> tuple[_Element, list[_Element]]:
    """The root and its child elements, with positions; entity declarations
    (and so any expansion) refused."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root: list[_Element] = []
    elements: list[_Element] = []
    stack: list[_Element] = []

    def here() -> SourceSpan:
        return SourceSpan(file, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    def refuse_entities(*_: object) -> NoReturn:
        raise InputError("entity declarations are refused (they can expand without bound)", here())

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = _Element(tag, attrs, here(), [])
        if not stack:
            root.append(element)
        elif len(stack) == 1:
            elements.append(element)
        else:
            raise InputError(f"<{tag}> inside <{stack[-1].tag}>: arggraph elements do not nest", here())
        stack.append(element)

    def end(_: str) -> None:
        stack.pop()

    def characters(data: str) -> None:
        if stack:
            stack[-1].text.append(data)

    parser.EntityDeclHandler = refuse_entities
    parser.UnparsedEntityDeclHandler = refuse_entities
    parser.ExternalEntityRefHandler = refuse_entities
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        raise InputError(
            f"XML syntax: {expat.ErrorString(exc.code)}", SourceSpan(file, exc.lineno, exc.offset + 1)
        ) from None
    if not root:
        raise InputError(f"{file}: no XML element in it")
    return root[0], elements


def sniff(text: str) -> bool:
    return re.search(r"<arggraph[\s>]", text[:4096]) is not None


def read(text: str, file: str) -> LoadResult:
    if not text.strip():
        raise InputError(f"{file}: empty file, no argument graph in it")
    root, elements = _parse(text, file)
    if root.tag != "arggraph":
        raise InputError(
            f"the root element is <{root.tag}>, not <arggraph>: not an argument microtext", root.span
        )
    return _Reader(file).read(root, elements)


class _Elements(NamedTuple):
    """The elements argmap reads, by id, in document order."""

    edus: dict[str, _Element]
    joints: set[str]
    adus: dict[str, _Element]
    edges: dict[str, _Element]


class _Reader:
    def __init__(self, file: str) -> None:
        self.build = MapBuilder(file)
        self.file = file

    def read(self, root: _Element, elements: list[_Element]) -> LoadResult:
        found = self._elements(elements)
        segments = self._segments(found.edus, found.joints, found.adus, found.edges)
        source, source_text = self._source(root)
        claim_of = IdMaker("a").make_all(found.adus)
        edu_order = {edu: index for index, edu in enumerate(found.edus)}
        for adu, element in found.adus.items():
            pieces = sorted(segments.get(adu, []), key=edu_order.__getitem__)
            texts = [" ".join("".join(found.edus[e].text).split()) for e in pieces]
            self.build.add_claim(self._claim(claim_of[adu], adu, element, texts, source, source_text))
        self._relations(found.edges, claim_of)
        self._tag_examples(found.edges, claim_of)
        stance = root.attrs.get("stance")
        topic = root.attrs.get("topic_id")
        about = [f"{name}: {value}" for name, value in (("topic_id", topic), ("stance", stance)) if value]
        return self.build.result(
            title=root.attrs.get("id") or None,
            description="; ".join(about) or None,
            sources={source.id: source} if source is not None else {},
            sides=SIDES,
        )

    def _elements(self, elements: list[_Element]) -> _Elements:
        """EDUs, joints, ADUs and edges with the attributes they need and an
        id of their own; a warning for each other element."""
        build = self.build
        found = _Elements({}, set(), {}, {})
        for element in elements:
            required = _REQUIRED.get(element.tag)
            if required is None:
                build.tally("elements not read", f"<{element.tag}>", element.span)
                continue
            missing = [name for name in required if not element.attrs.get(name)]
            if missing:
                build.warn(f"<{element.tag}> lacks the attribute '{missing[0]}'; skipped", element.span)
                continue
            eid = element.attrs["id"]
            if eid in found.edus or eid in found.joints or eid in found.adus or eid in found.edges:
                build.warn(f"id '{eid}' is used twice; the first is kept", element.span)
                continue
            if element.tag == "edu":
                found.edus[eid] = element
            elif element.tag == "joint":
                found.joints.add(eid)
            elif element.tag == "adu":
                found.adus[eid] = element
            else:
                found.edges[eid] = element
        return found

    def _claim(
        self,
        claim_id: str,
        adu: str,
        element: _Element,
        texts: list[str],
        source: Source | None,
        source_text: str | None,
    ) -> Claim:
        """An ADU as a claim: its EDUs' texts, each quoted from the source text."""
        text = " ".join(t for t in texts if t)
        if not text:
            self.build.warn(f"ADU {adu} has no EDU text; given a placeholder", element.span)
            text = f"(ADU {adu} has no text)"
        side = element.attrs["type"]
        if side not in SIDES:
            self.build.warn(f"ADU {adu} has type '{side}', neither pro nor opp; no side", element.span)
        quotes = [self._quote(t, source, source_text, adu, element.span) for t in texts if t]
        cited = [q for q in quotes if q is not None]
        return Claim(
            claim_id,
            text,
            by=side if side in SIDES else None,
            source=cited[0] if cited else None,
            more_sources=tuple(cited[1:]),
            span=element.span,
        )

    def _tag_examples(self, edges: dict[str, _Element], claim_of: dict[str, str]) -> None:
        """The premise of a support by example gets the tag `example`."""
        examples = {
            claim_of[e.attrs["src"]]
            for e in edges.values()
            if e.attrs["type"] == "exa" and e.attrs["src"] in claim_of
        }
        build = self.build
        build.claims = [c._replace(tags=("example",)) if c.id in examples else c for c in build.claims]

    def _segments(
        self,
        edus: dict[str, _Element],
        joints: set[str],
        adus: dict[str, _Element],
        edges: dict[str, _Element],
    ) -> dict[str, list[str]]:
        """ADU -> its EDUs, through joints."""
        build = self.build
        parts: dict[str, list[str]] = {}  # joint or ADU -> EDUs or joints
        for edge in edges.values():
            if edge.attrs["type"] != "seg":
                continue
            src, trg = edge.attrs["src"], edge.attrs["trg"]
            if (src not in edus and src not in joints) or (trg not in joints and trg not in adus):
                build.warn(
                    f"segmentation edge {edge.attrs['id']} does not join an EDU or joint to a joint or ADU; skipped",
                    edge.span,
                )
                continue
            parts.setdefault(trg, []).append(src)

        def flatten(top: str) -> list[str]:
            """The EDUs under an ADU, through any depth of joints (no recursion)."""
            found, seen, stack = [], {top}, [top]
            while stack:
                node = stack.pop()
                if node in edus:
                    found.append(node)
                    continue
                for part in reversed(parts.get(node, [])):
                    if part not in seen:
                        seen.add(part)
                        stack.append(part)
            return found

        segments = {adu: flatten(adu) for adu in adus}
        used = {edu for pieces in segments.values() for edu in pieces}
        for edu, element in edus.items():
            if edu not in used:
                build.warn(f"EDU {edu} belongs to no ADU; its text is not kept", element.span)
        return segments

    def _source(self, root: _Element) -> tuple[Source | None, str | None]:
        """The .txt beside the XML, when there is one."""
        path = Path(self.file)
        if path.suffix.lower() != ".xml" or not path.with_suffix(".txt").is_file():
            self.build.warn(
                f"no source text {path.with_suffix('.txt').name} beside the file; claims have no quotes",
                root.span,
            )
            return None, None
        txt = path.with_suffix(".txt")
        try:
            text = read_text(txt, "source text")
        except InputError as exc:
            self.build.warn(f"{exc.message}; claims have no quotes", root.span)
            return None, None
        ids = IdMaker("text")
        return Source(ids.make(txt.stem), file=txt.name), normalize_quote(text)

    def _quote(
        self, text: str, source: Source | None, source_text: str | None, adu: str, span: SourceSpan
    ) -> SourceRef | None:
        if source is None or source_text is None:
            return None
        if normalize_quote(text) not in source_text:
            self.build.warn(f"text of ADU {adu} is not verbatim in {source.file}; not quoted", span)
            return None
        return SourceRef(ref=source.id, quote=text)

    def _relations(self, edges: dict[str, _Element], claim_of: dict[str, str]) -> None:
        arguments = {eid: e for eid, e in edges.items() if e.attrs["type"] in _EDGE_TYPES}
        added: dict[str, list[str]] = {}  # edge id -> sources of the `add` edges on it
        undercuts: list[_Element] = []
        for edge in edges.values():
            kind, trg = edge.attrs["type"], edge.attrs["trg"]
            if kind == "seg" or not self._edge_kept(edge, edges, claim_of):
                continue
            if kind == "add":
                if trg in arguments or edges[trg].attrs["type"] == "und":
                    added.setdefault(trg, []).append(edge.attrs["id"])
                else:
                    self.build.warn(
                        f"add edge {edge.attrs['id']} adds to edge {trg}, which is no support, "
                        "rebuttal or undercut; not kept",
                        edge.span,
                    )
            elif kind == "und":
                undercuts.append(edge)
        relation_of = self._arguments(edges, arguments, added, claim_of)
        self._undercuts(undercuts, edges, added, relation_of, claim_of)

    def _edge_kept(self, edge: _Element, edges: dict[str, _Element], claim_of: dict[str, str]) -> bool:
        """Whether an edge (not a segmentation edge) is of a known type and
        joins what its type needs; a warning when not."""
        build = self.build
        kind, src, trg = edge.attrs["type"], edge.attrs["src"], edge.attrs["trg"]
        if kind not in ("sup", "exa", "reb", "und", "add"):
            build.tally("edges of unknown type not read", kind, edge.span)
            return False
        if src not in claim_of:
            build.warn(f"edge {edge.attrs['id']} starts at '{src}', which is no ADU; skipped", edge.span)
            return False
        if kind in _EDGE_TYPES and trg not in claim_of:
            build.warn(f"edge {edge.attrs['id']} ends at '{trg}', which is no ADU; skipped", edge.span)
            return False
        if kind in ("und", "add") and trg not in edges:
            build.warn(
                f"{kind} edge {edge.attrs['id']} targets '{trg}', which is no edge; skipped", edge.span
            )
            return False
        return True

    def _arguments(
        self,
        edges: dict[str, _Element],
        arguments: dict[str, _Element],
        added: dict[str, list[str]],
        claim_of: dict[str, str],
    ) -> dict[str, str]:
        """Supports and attacks (an `add` edge's source linked with the
        premise it adds to); edge id -> the relation made of it."""
        relation_of: dict[str, str] = {}
        for eid, edge in arguments.items():
            if edge.attrs["src"] not in claim_of or edge.attrs["trg"] not in claim_of:
                continue
            target = claim_of[edge.attrs["trg"]]
            members = [eid, *added.get(eid, [])]
            sources = [claim_of[edges[m].attrs["src"]] for m in members]
            group = "+".join(sources) if len(members) > 1 else None
            for member, source in zip(members, sources, strict=True):
                made = self.build.relate(
                    _EDGE_TYPES[edge.attrs["type"]], source, target, group, edges[member].span
                )
                if made is not None:
                    relation_of[member] = made.id
        return relation_of

    def _undercuts(
        self,
        undercuts: list[_Element],
        edges: dict[str, _Element],
        added: dict[str, list[str]],
        relation_of: dict[str, str],
        claim_of: dict[str, str],
    ) -> None:
        """Undercuts of the relations made, an undercut after the one it
        targets; an undercut with `add` edges is a linked undercut."""
        build = self.build
        for edge in dependency_order(undercuts, lambda e: e.attrs["id"], lambda e: [e.attrs["trg"]]):
            inference = relation_of.get(edge.attrs["trg"])
            if inference is None:
                build.warn(
                    f"und edge {edge.attrs['id']} targets edge {edge.attrs['trg']}, which was not kept; skipped",
                    edge.span,
                )
                continue
            members = [edge.attrs["id"], *added.get(edge.attrs["id"], [])]
            sources = [claim_of[edges[m].attrs["src"]] for m in members]
            group = "+".join(sources) if len(members) > 1 else None
            for member, source in zip(members, sources, strict=True):
                undercut = build.relate(RelationType.UNDERCUT, source, inference, group, edges[member].span)
                if undercut is not None:
                    relation_of[member] = undercut.id
