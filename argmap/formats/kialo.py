"""Kialo's text export of a discussion:

    Discussion Title: Should cities ban cars?

    1. Cities should ban cars from their centres.
    1.1. Pro: Cars pollute the air people breathe.
    1.1.1. Con: Electric cars do not.
    1.2. Con: Shops need deliveries.
    a continuation line of the same claim
    1.3. Pro: -> See 1.1.1.

Reading: the numbered lines are claims with ids from their numbers (`1.1.`
is `k1.1`); `1.` is the thesis (a multi-thesis export's `1.N. Thesis:`
entries are theses of their own); a Pro supports the claim one level up, a
Con attacks it; `-> See N.` places the claim numbered N there too (a
cross-link: one claim, several relations). Lines that do not start a new
entry continue the text of the one before. Kialo escapes Markdown with a
backslash (`\\(`); the escapes are undone. A thesis labelled `Thesis:` or
`Question:` loses the label; a line `Sources:` ends the entries (the list
after it is reported, not read).

Writing: each claim is written once, under the first claim it supports or
attacks, and as `-> See N.` everywhere else; claims that support or attack
nothing are theses (the first `1.`, further ones `2.`, `3.`, which Kialo
itself may not import). An undercut cannot be said in Kialo: it is written
as a Con on the premise whose inference it attacks. Weights, tags, notes,
sources, sides, linked groups and relation ids have no place; each is
reported as a loss with a count.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from argmap.errors import InputError
from argmap.formats.base import LoadResult, LossCounter, Written, without_controls
from argmap.formats.foreign import IdMaker, MapBuilder, dependency_order
from argmap.formats.losses import scheme_losses, unheld_fields
from argmap.model import (
    ArgumentMap,
    Claim,
    Relation,
    RelationType,
    SourceSpan,
    default_relation_id,
    linked_groups,
)

__all__ = ["canonical_text", "discussion_title", "numbering", "read", "sniff", "write"]

TITLE = "Discussion Title:"
_ENTRY = re.compile(r"((?:\d+\.)+)(?:[ \t]+(.*))?")
SOURCES = "Sources:"
_STANCE = re.compile(r"(Pro|Con|Thesis):[ \t]*(.*)", re.DOTALL)
_ROOT_LABEL = re.compile(r"(Thesis|Question):[ \t]*(.*)", re.DOTALL)
_LINK = re.compile(r"->[ \t]*See[ \t]+((?:\d+\.)+)[ \t]*")
_ESCAPABLE = r"\\`*_{}\[\]()#+\-.!<>|~:"
_UNESCAPE = re.compile(rf"\\([{_ESCAPABLE}])")
_STANCES = {"Pro": RelationType.SUPPORT, "Con": RelationType.ATTACK}


def canonical_text(text: str) -> str:
    """A claim text as a Kialo export can carry it: no trailing spaces on a
    line, no blank lines or spaces around the whole, line breaks as \\n."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


# -- reading --------------------------------------------------------------------


class _Entry(NamedTuple):
    number: str  # "1.2.3" (no final dot)
    stance: str | None
    lines: list[str]
    line: int


def sniff(text: str) -> bool:
    for line in text.splitlines():
        if line.strip():
            return line.startswith(TITLE) or re.match(r"1\.[ \t]", line) is not None
    return False


def read(text: str, file: str) -> LoadResult:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    at = 0
    while at < len(lines) and not lines[at].strip():
        at += 1
    title: str | None = None
    if at < len(lines) and lines[at].startswith(TITLE):
        title = lines[at][len(TITLE) :].strip() or None
        at += 1
    entries, sources_at = _entries(lines, at)
    if title is None and not any(entry.number for entry in entries):
        raise InputError(
            f"{file}: not a Kialo export: no '{TITLE}' line and no numbered entries such as '1. thesis'"
        )
    reader = _Reader(file)
    if sources_at is not None:
        listed = sum(1 for line in lines[sources_at + 1 :] if line.strip())
        reader.build.warn(
            f"the {SOURCES} list ({listed} line(s)) is not read; claims keep their [n] markers",
            SourceSpan(file, sources_at + 1, 1),
        )
    return reader.read(title, entries)


def _entries(lines: list[str], start: int) -> tuple[list[_Entry], int | None]:
    """Numbered entries with their continuation lines, and the index of the
    line `Sources:` that ends them, if any. A line is a new entry only when
    its number continues the tree: a child of an entry already seen, or the
    next top-level number; anything else continues the text (a claim may
    well contain a line that begins '2020. ')."""
    entries: list[_Entry] = []
    seen: set[str] = set()
    tops = 0
    for index in range(start, len(lines)):
        line = lines[index]
        match = _ENTRY.fullmatch(line)
        if match is not None:
            number = match.group(1)[:-1]
            parent, _, last = number.rpartition(".")
            # `last == str(tops + 1)`, not int(last): a number thousands of digits long is no entry.
            if (parent in seen and number not in seen) or (not parent and last.lstrip("0") == str(tops + 1)):
                tops += not parent
                seen.add(number)
                rest = match.group(2) or ""
                stance = _STANCE.fullmatch(rest) if parent else None
                if not parent and (label := _ROOT_LABEL.fullmatch(rest)) is not None:
                    rest = label.group(2)  # "1. Thesis: ..." or "1. Question: ..."
                entries.append(
                    _Entry(
                        number,
                        stance.group(1) if stance else None,
                        [stance.group(2) if stance else rest],
                        index + 1,
                    )
                )
                continue
        if entries and line.rstrip() == SOURCES and any(entry.number for entry in entries):
            return entries, index
        if entries:
            entries[-1].lines.append(line)
        elif line.strip():
            entries.append(_Entry("", None, [line], index + 1))  # text before any entry: reported
    return entries, None


class _Reader:
    def __init__(self, file: str) -> None:
        self.build = MapBuilder(file)

    def read(self, title: str | None, entries: list[_Entry]) -> LoadResult:
        build = self.build
        ids = IdMaker("k")
        claim_of: dict[str, str] = {}  # number -> claim id (links: the claim they point at)
        links: list[tuple[_Entry, str]] = []
        placed: list[tuple[_Entry, str]] = []  # entries with their own claim
        for entry in entries:
            span = SourceSpan(build.file, entry.line, 1)
            if not entry.number:
                build.warn(f"{len(entry.lines)} line(s) before the first numbered entry not read", span)
                continue
            raw = canonical_text("\n".join(entry.lines))
            link = _LINK.fullmatch(raw)
            if link is not None:
                links.append((entry, link.group(1)[:-1]))
                continue
            text = _unescape(raw)
            claim_id = ids.make(f"k{entry.number}")
            claim_of[entry.number] = claim_id
            if not text:
                build.warn(f"entry {entry.number}. has no text; given a placeholder", span)
                text = f"(entry {entry.number}. has no text)"
            build.add_claim(Claim(claim_id, text, span=span))
            placed.append((entry, claim_id))
        for entry, target in dependency_order(links, lambda link: link[0].number, lambda link: [link[1]]):
            if target in claim_of:  # a link may point at a link
                claim_of[entry.number] = claim_of[target]
        for entry, target in links:
            if target not in claim_of:
                span = SourceSpan(build.file, entry.line, 1)
                build.warn(f"entry {entry.number}. links to {target}., which is no claim; skipped", span)
        for entry in entries:
            if entry.number and entry.number in claim_of:
                self._relate(entry, claim_of)
        return build.result(title=title)

    def _relate(self, entry: _Entry, claim_of: dict[str, str]) -> None:
        parent = entry.number.rpartition(".")[0]
        if not parent:
            return  # a thesis
        span = SourceSpan(self.build.file, entry.line, 1)
        if parent not in claim_of:
            self.build.warn(f"entry {entry.number}. sits under {parent}., which was not kept", span)
            return
        if entry.stance == "Thesis":
            self.build.warn(
                f"entry {entry.number}. is a thesis under the discussion's question; "
                "kept as a claim of its own, related to nothing",
                span,
            )
            return
        if entry.stance is None:
            self.build.warn(f"entry {entry.number}. is neither Pro nor Con; kept unrelated", span)
            return
        self.build.relate(_STANCES[entry.stance], claim_of[entry.number], claim_of[parent], span=span)


def _unescape(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


# -- writing --------------------------------------------------------------------


_ESCAPE = re.compile(r"[\\()\[\]]")
_LINE_NUMBER = re.compile(r"^(\d+)\.", re.MULTILINE)
_SOURCES_LINE = re.compile(r"^Sources:$", re.MULTILINE)
_ROOT_LABEL_START = re.compile(r"\A(Thesis|Question):")


def _escape(text: str) -> str:
    """Backslashes and the brackets Kialo escapes, and what would be read as
    structure: the dot of a number that begins a line (an entry), '->' that
    begins the text (a cross-link), a line 'Sources:' (the end of the
    entries), 'Thesis:' or 'Question:' that begins a thesis (a label)."""
    text = _ESCAPE.sub(r"\\\g<0>", canonical_text(text))
    text = _LINE_NUMBER.sub(r"\1\\.", text)
    text = _SOURCES_LINE.sub(r"Sources\\:", text)
    if text.startswith("->"):
        text = "\\" + text
    return _ROOT_LABEL_START.sub(r"\1\\:", text)


def discussion_title(amap: ArgumentMap) -> str:
    """The title line's text: the map's title, else its first thesis (Kialo's
    own default), on one line."""
    if amap.title is not None and amap.title.split():
        return " ".join(amap.title.split())
    order = numbering(amap)
    first = next((c for c in amap.claims if order.get(c.id) == "1"), None)
    return " ".join(first.text.split()) if first is not None else "Untitled"


def _children(amap: ArgumentMap) -> dict[str, list[tuple[Relation, str]]]:
    """Claim id -> the entries under it: (relation, stance). An undercut of
    an inference sits under that inference's premise, as a Con."""
    by_id = amap.relation_index()
    children: dict[str, list[tuple[Relation, str]]] = {}
    for relation in amap.relations:
        if relation.type is RelationType.UNDERCUT:
            inference = by_id.get(relation.target)
            if inference is not None:
                children.setdefault(inference.source, []).append((relation, "Con"))
        else:
            stance = "Pro" if relation.type is RelationType.SUPPORT else "Con"
            children.setdefault(relation.target, []).append((relation, stance))
    return children


def _layout(amap: ArgumentMap) -> list[tuple[str, str, Relation | None, str | None]]:
    """The entries in file order: (number, claim id, relation, stance); a
    claim's first entry defines it, later ones are cross-links."""
    children = _children(amap)
    parents = {r.source for r in amap.relations}
    known = {c.id for c in amap.claims}
    defined: dict[str, str] = {}
    entries: list[tuple[str, str, Relation | None, str | None]] = []
    written: set[tuple[str, str, str]] = set()

    def place(number: str, claim_id: str, relation: Relation | None, stance: str | None) -> None:
        stack = [(number, claim_id, relation, stance)]
        while stack:
            number, claim_id, relation, stance = stack.pop()
            entries.append((number, claim_id, relation, stance))
            if claim_id in defined:
                continue
            defined[claim_id] = number
            below = []
            for child_relation, child_stance in children.get(claim_id, []):
                key = (child_relation.source, claim_id, child_stance)
                if key in written or child_relation.source not in known:
                    continue
                written.add(key)
                below.append((child_relation, child_stance))
            for index, (child_relation, child_stance) in reversed(list(enumerate(below, 1))):
                stack.append((f"{number}.{index}", child_relation.source, child_relation, child_stance))

    tops = 0
    for claim in amap.claims:
        if claim.id not in parents and claim.id not in defined:
            tops += 1
            place(str(tops), claim.id, None, None)
    for claim in amap.claims:  # claims only in cycles: one of each cycle becomes a thesis
        if claim.id not in defined:
            tops += 1
            place(str(tops), claim.id, None, None)
    return entries


def numbering(amap: ArgumentMap) -> dict[str, str]:
    """Claim id -> the number of the entry that defines it ("1.2")."""
    numbers: dict[str, str] = {}
    for number, claim_id, _, _ in _layout(amap):
        numbers.setdefault(claim_id, number)
    return numbers


def write(amap: ArgumentMap) -> Written:
    losses = LossCounter()
    lines = [f"{TITLE} {discussion_title(amap)}", ""]
    numbers: dict[str, str] = {}
    claims = amap.claim_index()
    for number, claim_id, _, stance in _layout(amap):
        if claim_id in numbers:
            text = f"-> See {numbers[claim_id]}."
        else:
            numbers[claim_id] = number
            text = _escape(claims[claim_id].text)
        lines.append(f"{number}. {stance}: {text}" if stance else f"{number}. {text}")
    _count_losses(amap, losses, sum(1 for n in numbers.values() if "." not in n))
    return without_controls(Written("\n".join(lines) + "\n", losses.losses()))


def _count_losses(amap: ArgumentMap, losses: LossCounter, theses: int) -> None:
    lost = losses.lost
    undercuts = list(amap.iter_relations(RelationType.UNDERCUT))
    lost("undercut", "Kialo has no undercuts; written as a Con on the premise", len(undercuts))
    lost("thesis", "Kialo discussions have one thesis; further ones written as 2., 3., ...", theses - 1)
    if amap.title is not None and " ".join(amap.title.split()) != amap.title:
        lost("title", "line breaks and runs of spaces in the title written as one space")
    lost("description", "Kialo exports carry no description; not written", int(amap.description is not None))
    unheld_fields(
        losses, amap, (), "Kialo", {"weight": "Kialo votes are not in its text export; weights not written"}
    )
    scheme_losses(losses, amap, (), "Kialo")
    lost("side", "sides not written", len(amap.sides))
    lost("source", "sources not written", len(amap.sources))
    lost("expect", "expected outcomes not written", len(amap.expect))
    known, by_id = {c.id for c in amap.claims}, amap.relation_index()
    dangling = sum(
        r.source not in known
        or (r.target not in known if r.type is not RelationType.UNDERCUT else r.target not in by_id)
        for r in amap.relations
    )
    lost("dangling", "relations to or from no claim in the map not written", dangling)
    lost("linked", "linked groups written as separate Pros and Cons", len(linked_groups(amap.relations)))
    custom = sum(r.id != default_relation_id(r.type, r.source, r.target) for r in amap.relations)
    lost("relation-id", "relation ids of your own not written", custom)
    changed = sum(_unescape(_escape(c.text)) != c.text for c in amap.claims)
    lost("whitespace", "spaces and blank lines around claim texts, and spaces at line ends, dropped", changed)
