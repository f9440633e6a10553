"""The argument map, over the standard library only.

The records a map holds many of (claims, relations, sources, sides, spans)
are named tuples: immutable like frozen dataclasses, and four to five times
quicker to make, which matters at 50,000 claims. The map itself is a frozen
dataclass.

A map is a graph of claims (nodes) and relations (edges). The YAML tree form
is only how people write it; everything after the loader works on this graph.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

FORMAT_VERSION = 1

# An id is a slug: letters (any script), digits, '_', '-', '.'; no spaces and
# no ':' because relation ids are built from claim ids joined by ':'.
ID_PATTERN = re.compile(r"^[^\W][\w.-]*\Z")
# Relation and group ids are built from claim ids ("support:p1:c1",
# "p2+p3"), so they only need to be one word.
TOKEN_PATTERN = re.compile(r"^\S+\Z")
# A claim of another map, wherever a claim id may be referred to:
# `FILE#ID`, FILE relative to the referring map (argmap.formats.references).
REFERENCE_PATTERN = re.compile(r"^(?P<file>[^#\s]+)#(?P<claim>[^\W][\w.-]*)\Z")


# A colour as maps may give one (a side's `colour`): "#rgb", "#rgba",
# "#rrggbb", "#rrggbbaa", or a colour name ("red", "gray50"), which both
# Graphviz and CSS know. Anything else could break out of the DOT, CSS or
# Mermaid it is written into, and is refused (`side-colour`).
COLOUR_PATTERN = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|[A-Za-z]+[0-9]*")


class RelationType(StrEnum):
    SUPPORT = "support"
    ATTACK = "attack"
    UNDERCUT = "undercut"


class Semantics(StrEnum):
    """How a map is evaluated: Dung's semantics label claims in, out or
    undec; gradual ones give each claim a strength. The one list of them."""

    GROUNDED = "grounded"
    COMPLETE = "complete"
    PREFERRED = "preferred"
    STABLE = "stable"
    DFQUAD = "dfquad"
    QUAD = "quad"
    EULER = "euler"
    QUADRATIC_ENERGY = "quadratic-energy"
    H_CATEGORIZER = "h-categorizer"

    @property
    def dung(self) -> bool:
        return self in DUNG_SEMANTICS


class Label(StrEnum):
    IN = "in"
    OUT = "out"
    UNDEC = "undec"


# The semantics that label claims (and so may appear in `expect:`); the
# others give strengths.
DUNG_SEMANTICS = (Semantics.GROUNDED, Semantics.COMPLETE, Semantics.PREFERRED, Semantics.STABLE)
GRADUAL_SEMANTICS = tuple(s for s in Semantics if s not in DUNG_SEMANTICS)


class SourceSpan(NamedTuple):
    """A 1-based position in a file the user wrote. A named tuple: the loader
    makes one for every node of a map, and tuples are the cheapest to make."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class Source(NamedTuple):
    id: str
    title: str | None = None
    author: str | None = None
    file: str | None = None
    url: str | None = None
    span: SourceSpan | None = None
    file_span: SourceSpan | None = None


class Side(NamedTuple):
    id: str
    name: str | None = None
    colour: str | None = None
    span: SourceSpan | None = None


class SourceRef(NamedTuple):
    """Where a claim comes from: a source id, a verbatim quote, a location."""

    ref: str | None = None
    quote: str | None = None
    loc: str | None = None
    ref_span: SourceSpan | None = None
    quote_span: SourceSpan | None = None


class Claim(NamedTuple):
    id: str
    text: str
    by: str | None = None
    source: SourceRef | None = None
    tags: tuple[str, ...] = ()
    weight: float | None = None
    note: str | None = None
    span: SourceSpan | None = None
    id_span: SourceSpan | None = None
    text_span: SourceSpan | None = None
    by_span: SourceSpan | None = None
    # Further places the same claim is stated (an essay may say it twice);
    # `source` is the first. YAML writes them all as a list under `source:`.
    more_sources: tuple[SourceRef, ...] = ()
    # A few words for diagrams that have no room for the whole text (the
    # `talk` theme, `render --short-labels`); the text stays the claim.
    label: str | None = None
    # When a slide build (`render --frames`) reveals the claim: 1, 2, 3, ...
    step: int | None = None
    # An unstated assumption the argument needs (an implicit premise): drawn
    # dashed, and listed by `prep` as a gap to defend or attack.
    implicit: bool | None = None
    # For a claim brought in from another map by a reference (`other.yaml#x`,
    # its id): that map's file as the reference writes it. Not a field the
    # forms write: the reference is, and reading it brings the claim again.
    origin: str | None = None

    def all_sources(self) -> tuple[SourceRef, ...]:
        return () if self.source is None else (self.source, *self.more_sources)


class FieldKind(StrEnum):
    """What a claim field holds; readers, writers, the diff and loss counts
    treat fields of one kind alike."""

    ID = "id"  # a slug naming the claim
    TEXT = "text"  # free text
    SIDE = "side"  # the id of a side under `sides:`
    SOURCES = "sources"  # source references: `Claim.source`, then `Claim.more_sources`
    TAGS = "tags"  # a list of texts
    NUMBER = "number"  # a number from 0 to 1
    WHOLE = "whole"  # a whole number from 1
    FLAG = "flag"  # true or false; only true is written


class ClaimField(NamedTuple):
    """One field of a claim as the file formats and the diff see it."""

    attr: str  # the attribute on Claim
    key: str  # the key in YAML and JSON
    kind: FieldKind
    optional: bool
    loss: str  # the Loss kind a writer reports when its format cannot hold the field
    what: str  # the field in messages, after "no place for": "claims' tags"
    span: str | None = None  # the Claim attribute with where the value was written, if any

    def count(self, claim: Claim) -> int:
        """How many of this field the claim has (0 when unset): what a
        format that cannot hold it loses."""
        if self.kind is FieldKind.SOURCES:
            return 0 if claim.source is None else 1 + len(claim.more_sources)
        value = getattr(claim, self.attr)
        if self.kind is FieldKind.TAGS:
            return len(value)
        return int(value is not None)


# Every field of a claim, in the order the forms write them (the JSON
# contract's key order). A Claim's other attributes are positions: `span`
# (where the claim's entry starts) and each field's `span` column; and
# `more_sources`, the rest of the `source` field. A field added to Claim
# gets a row here, and tests/test_format_fields.py then asks every format
# to carry it or report it lost.
CLAIM_FIELDS: tuple[ClaimField, ...] = (
    ClaimField("id", "id", FieldKind.ID, False, "id", "claims' ids", span="id_span"),
    ClaimField("text", "text", FieldKind.TEXT, False, "text", "claim texts", span="text_span"),
    ClaimField("label", "label", FieldKind.TEXT, True, "label", "claims' short labels"),
    ClaimField(
        "by", "by", FieldKind.SIDE, True, "claim-side", "which side states a claim (by:)", span="by_span"
    ),
    ClaimField(
        "source", "source", FieldKind.SOURCES, True, "citation", "claims' source references (ref, quote, loc)"
    ),
    ClaimField("tags", "tags", FieldKind.TAGS, True, "tag", "claims' tags"),
    ClaimField("weight", "weight", FieldKind.NUMBER, True, "weight", "claims' weights"),
    ClaimField("note", "note", FieldKind.TEXT, True, "note", "claims' notes"),
    ClaimField("step", "step", FieldKind.WHOLE, True, "step", "claims' slide steps"),
    ClaimField(
        "implicit", "implicit", FieldKind.FLAG, True, "implicit", "implicit premises (implicit: true)"
    ),
)
OPTIONAL_CLAIM_FIELDS = tuple(f for f in CLAIM_FIELDS if f.optional)
# The graph form keeps `source` one object (the JSON contract) and writes
# the rest of a claim's sources under this key.
MORE_SOURCES_KEY = "more_sources"
# The graph form marks a claim brought in from another map with its file
# (Claim.origin); its id is the reference, `other.yaml#x`.
ORIGIN_KEY = "origin"


class Relation(NamedTuple):
    """An edge. `target` is a claim id, except for an undercut, whose target
    is the id of the relation (the inference) it attacks."""

    id: str
    source: str
    target: str
    type: RelationType
    group: str | None = None
    span: SourceSpan | None = None
    target_span: SourceSpan | None = None
    # Argument schemes (argmap.schemes): a support names the scheme of its
    # inference (each relation of a linked group names it) and marks critical
    # questions answered or conceded; an attack or undercut names the
    # critical question it raises.
    scheme: str | None = None
    question: str | None = None
    answered: tuple[str, ...] = ()
    conceded: tuple[str, ...] = ()
    scheme_span: SourceSpan | None = None
    question_span: SourceSpan | None = None
    # Where each of `answered`, then each of `conceded`, was written.
    marks_spans: tuple[SourceSpan, ...] = ()
    # How much the source bears on the target, 0..1 (Kialo's impact); None
    # is 1. Gradual semantics scale the source's contribution by it.
    weight: float | None = None


class CriticalQuestion(NamedTuple):
    """A question that tests an inference of a scheme: `CQ1`, its text."""

    id: str
    text: str
    span: SourceSpan | None = None


class Scheme(NamedTuple):
    """An argument scheme: a common pattern of inference, the roles of its
    premises and the critical questions that test it. The built-in
    catalogue is argmap.schemes; a map may add its own (`schemes:`)."""

    id: str
    name: str
    premises: tuple[str, ...] = ()
    conclusion: str | None = None
    questions: tuple[CriticalQuestion, ...] = ()
    # Names other tools give it (AIFdb's "Argument From Expert Opinion"); the first is written.
    aif: tuple[str, ...] = ()
    span: SourceSpan | None = None

    def question(self, question_id: str) -> CriticalQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)


class Expectation(NamedTuple):
    """An intended outcome written in the map (`expect:`): under `semantics`,
    the claim `claim` should have `status` (in, out or undec)."""

    semantics: str
    status: str
    claim: str
    span: SourceSpan | None = None


class Reference(NamedTuple):
    """`other.yaml#x`: a map's file, as written, and a claim id in it."""

    file: str
    claim: str


def parse_reference(text: str) -> Reference | None:
    """The reference `text` writes, or None for a plain id (or no reference)."""
    if "#" not in text:
        return None
    found = REFERENCE_PATTERN.match(text)
    return Reference(found["file"], found["claim"]) if found else None


def default_relation_id(type_: RelationType, source: str, target: str) -> str:
    """Deterministic relation id: `support:p1:c1`, `undercut:u1:support:p1:c1`."""
    return f"{type_.value}:{source}:{target}"


@dataclass(frozen=True, slots=True)
class ArgumentMap:
    claims: tuple[Claim, ...] = ()
    relations: tuple[Relation, ...] = ()
    title: str | None = None
    description: str | None = None
    sources: Mapping[str, Source] = field(default_factory=dict)
    sides: Mapping[str, Side] = field(default_factory=dict)
    file: str = "<map>"
    expect: tuple[Expectation, ...] = ()
    # The map's own argument schemes (`schemes:`), beside the built-in catalogue.
    schemes: Mapping[str, Scheme] = field(default_factory=dict)
    # Whether references to other maps' claims were looked up
    # (argmap.formats.references): their problems are then diagnostics already.
    resolved: bool = False
    # A map read on the fast YAML path has no spans (they are None): this reads
    # the same text again with PyYAML, which gives them (formats/native/read.py).
    # None when the spans are here. Not part of the map's value.
    positioned: Callable[[], ArgumentMap] | None = field(default=None, compare=False, repr=False)

    def with_positions(self) -> ArgumentMap:
        """The map as read, with the span of every record: itself, or its
        text read again (positions are needed only to report a problem)."""
        return self if self.positioned is None else self.positioned()

    def claim_index(self) -> dict[str, Claim]:
        """Claims by id; on duplicate ids the first definition wins."""
        index: dict[str, Claim] = {}
        for claim in self.claims:
            index.setdefault(claim.id, claim)
        return index

    def relation_index(self) -> dict[str, Relation]:
        index: dict[str, Relation] = {}
        for relation in self.relations:
            index.setdefault(relation.id, relation)
        return index

    def roots(self) -> list[Claim]:
        """Claims that support, attack or undercut nothing: the conclusions."""
        has_parent = {r.source for r in self.relations}
        return [c for c in self.claims if c.id not in has_parent]

    def incoming(self) -> dict[str, list[Relation]]:
        """Relations by target id (claim ids and, for undercuts, relation ids)."""
        result: dict[str, list[Relation]] = {}
        for relation in self.relations:
            result.setdefault(relation.target, []).append(relation)
        return result

    def iter_relations(self, type_: RelationType) -> Iterator[Relation]:
        return (r for r in self.relations if r.type is type_)


# -- linked groups -------------------------------------------------------------
# Relations of one type into one target that share a `group` are one joint
# reason: linked premises (supports), a linked objection (attacks), a linked
# undercut. The group's members hold, or attack, only together; the group
# has one inference, and an undercut of any member's relation undercuts it.

GroupKey = tuple[RelationType, str, str]  # (type, target, group)


def group_key(relation: Relation) -> GroupKey | None:
    if relation.group is None:
        return None
    return (relation.type, relation.target, relation.group)


def linked_groups(relations: tuple[Relation, ...] | list[Relation]) -> dict[GroupKey, list[Relation]]:
    """The groups with two or more members, each with its relations in map order."""
    found: dict[GroupKey, list[Relation]] = {}
    for relation in relations:
        key = group_key(relation)
        if key is not None:
            found.setdefault(key, []).append(relation)
    return {key: members for key, members in found.items() if len(members) > 1}


def inference_ids(relations: tuple[Relation, ...] | list[Relation]) -> dict[str, str]:
    """Relation id -> the id naming its inference: for a member of a linked
    group, the group's first relation (the one an undercut of the group is
    stored on); for any other relation, its own id."""
    result = {r.id: r.id for r in relations}
    for members in linked_groups(relations).values():
        for member in members:
            result[member.id] = members[0].id
    return result
