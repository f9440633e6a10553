"""A debate brief laid out once as plain data, for every format to show:
sections of groups of blocks of entries, each entry a claim, hit, reason or
quote with its heading spans. argmap/render/brief.py turns a layout into
text, Markdown or HTML."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from argmap.analysis.prep import Brief, Card, Hit, Item, Line, OpenQuestion, Quote, Reason, Stance, Unattacked
from argmap.model import RelationType


class Part(StrEnum):
    """The parts of a brief, in the order they are shown."""

    OPEN = "open"
    QUESTIONS = "questions"
    UNATTACKED = "unattacked"
    ROOTS = "roots"
    GAPS = "gaps"
    CARDS = "cards"


@dataclass(frozen=True, slots=True)
class BriefOptions:
    parts: tuple[Part, ...] = tuple(Part)


class Span(NamedTuple):
    """A piece of a heading: plain words, a claim id, or a status."""

    text: str
    kind: str = ""  # "" plain, "id", or a grounded label: "in", "out", "undec"


class Entry(NamedTuple):
    marker: str  # "+", "-", "~", "&" or "" (numbered lists number themselves)
    head: tuple[Span, ...]
    meta: tuple[Span, ...] = ()  # shown after the head, " · " between
    text: str | None = None  # a claim's text or a quote
    whole: bool = False  # the terminal shows it whole, not cut to a line
    quote: bool = False
    notes: tuple[tuple[Span, ...], ...] = ()  # short lines under the text
    children: tuple[Entry, ...] = ()
    children_title: str | None = None


class Block(NamedTuple):
    title: str | None
    entries: tuple[Entry, ...]
    empty: str = ""  # said when there are no entries
    numbered: bool = False


class Group(NamedTuple):
    lead: Entry | None
    blocks: tuple[Block, ...]


class Section(NamedTuple):
    part: Part
    title: str
    note: str | None
    groups: tuple[Group, ...]


class Layout(NamedTuple):
    title: str
    lines: tuple[str, ...]  # under the title: the file, the camps, how to read it
    sections: tuple[Section, ...]


_MARK = {RelationType.SUPPORT: "+", RelationType.ATTACK: "-", RelationType.UNDERCUT: "~"}
_VERB = {RelationType.SUPPORT: "supports", RelationType.ATTACK: "attacks", RelationType.UNDERCUT: "undercuts"}
_STANCE = {
    Stance.OWN: "yours",
    Stance.FOR: "for you",
    Stance.AGAINST: "against you",
    Stance.NEUTRAL: "neutral",
}


def _n(value: float) -> str:
    return f"{value:.2f}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _meta(item: Item, *, strength: bool = True, stance: bool = False) -> tuple[Span, ...]:
    spans = [Span(item.by_name)] if item.by_name else []
    if stance:
        spans.append(Span(_STANCE[item.stance]))
    spans.append(Span(item.status.value, item.status.value))
    if strength:
        spans.append(Span(_n(item.strength)))
    return tuple(spans)


def _claim(item: Item, marker: str = "", *, whole: bool = False, stance: bool = False) -> Entry:
    return Entry(marker, (Span(item.id, "id"),), _meta(item, stance=stance), item.text, whole)


def _step_head(hit: Hit) -> tuple[Span, ...]:
    """The words for a hit: "a attacks b", or "u undercuts the support p → c"."""
    head = (Span(hit.attacker.id, "id"), Span(f" {_VERB[hit.kind]} "))
    if hit.step is None:
        return (*head, Span(hit.claim, "id"))
    step = hit.step
    # A linked group's inference: "the support p & q → c".
    sources: list[Span] = []
    for source in step.linked or (step.source,):
        sources += [Span(" & "), Span(source, "id")] if sources else [Span(source, "id")]
    return (*head, Span(f"the {step.kind.value} "), *sources, Span(" → "), Span(step.target, "id"))


def _hit(hit: Hit, *, replies: bool = False) -> Entry:
    # The attack's own label, named so ("attack out") beside its attacker's
    # side: out when its attacker is, or its inference is undercut away.
    label = Span(f"{hit.kind.value} {hit.label.value}", hit.label.value)
    meta = (*_meta(hit.attacker, strength=False)[:-1], label)
    entry = Entry(
        _MARK[hit.kind], _step_head(hit), (*meta, Span(f"force {_n(hit.force)}")), hit.attacker.text
    )
    if not replies:
        return entry
    children = tuple(
        Entry(
            _MARK[r.kind],
            (Span(r.claim.id, "id"), Span(f" {_VERB[r.kind]} "))
            + ((Span(hit.attacker.id, "id"),) if r.kind is RelationType.ATTACK else (Span("this"),)),
            _meta(r.claim),
            r.claim.text,
        )
        for r in hit.replies
    )
    return entry._replace(
        children=children, children_title=f"replies ({len(children)})" if children else "no reply mapped"
    )


def _ids(label: str, ids: Iterable[str]) -> tuple[Span, ...]:
    spans = [Span(label)]
    for position, claim in enumerate(ids):
        spans += [Span(", " if position else ""), Span(claim, "id")]
    return tuple(spans)


def _open_section(brief: Brief) -> Section:
    hits, open_hits, standing = brief.hits, brief.open, brief.standing
    blocks = [
        Block(
            None,
            tuple(_hit(h) for h in open_hits),
            "None: every attack on your side has an answer mapped."
            if hits
            else "None: nothing attacks your side.",
            numbered=True,
        )
    ]
    if standing:
        blocks.append(
            Block(
                f"Answered, but still standing ({len(standing)})",
                tuple(_hit(h, replies=True) for h in standing),
                numbered=True,
            )
        )
    defeated = len(brief.defeated)
    note = (
        "Nearest the conclusions first, then the hardest hitting (force: the attack's DF-QuAD contribution)."
    )
    if defeated:
        note += f" {_plural(defeated, 'more attack')} {'is' if defeated == 1 else 'are'} answered and out."
    title = f"Unanswered attacks on your side ({len(open_hits)} of {len(hits)})"
    return Section(Part.OPEN, title, note, (Group(None, tuple(blocks)),))


def _question_entry(question: OpenQuestion) -> Entry:
    head = (
        Span(f"{question.question} on "),
        *_ids("", (p.id for p in question.premises)),
        Span(" → "),
        Span(question.conclusion.id, "id"),
    )
    meta = (Span(question.scheme_name),)
    if question.raised_by:
        notes: tuple[tuple[Span, ...], ...] = (_ids("raised by ", (r.claim.id for r in question.raised_by)),)
    else:
        notes = ((Span("not raised yet"),),)
    return Entry("", head, meta, question.text, True, notes=notes)


def _questions_section(brief: Brief) -> Section | None:
    if brief.questions is None:
        return None
    defend = tuple(_question_entry(q) for q in brief.questions if q.role == "defend")
    ask = tuple(_question_entry(q) for q in brief.questions if q.role != "defend")
    blocks = (
        Block(f"On your arguments: be ready to answer ({len(defend)})", defend, "none", numbered=True),
        Block(f"On theirs: questions to ask ({len(ask)})", ask, "none", numbered=True),
    )
    note = (
        "The critical questions of each argument's scheme that the map does not mark answered or conceded "
        "(argmap schemes lists the schemes)."
    )
    title = f"Open critical questions ({len(brief.questions)})"
    return Section(Part.QUESTIONS, title, note, (Group(None, blocks),))


def _undercut_note(row: Unattacked) -> tuple[tuple[Span, ...], ...]:
    return (_ids("its step is undercut by ", row.undercut_by),) if row.undercut_by else ()


def _unattacked_section(brief: Brief) -> Section:
    hitting = [u for u in brief.unattacked if u.hits]
    others = [u for u in brief.unattacked if not u.hits]
    blocks = []
    if hitting:
        entries = tuple(
            Entry(
                "", _ids("", [u.claim.id]) + _ids(" hits ", u.hits), _meta(u.claim), notes=_undercut_note(u)
            )
            for u in hitting
        )
        blocks.append(Block(f"Hitting your side ({len(hitting)})", entries))
    if others or not hitting:
        entries = tuple(_claim(u.claim)._replace(notes=_undercut_note(u)) for u in others)
        blocks.append(
            Block(
                f"The rest ({len(others)})" if hitting else None,
                entries,
                "None: you attack every claim against you.",
            )
        )
    note = "Targets: those hitting your side first, then nearest the conclusions, strongest first."
    title = f"Their claims you have not attacked ({len(brief.unattacked)})"
    return Section(Part.UNATTACKED, title, note, (Group(None, tuple(blocks)),))


def _reason_head(reason: Reason, label: str = "") -> tuple[Span, ...]:
    spans = [Span(label)] if label else []
    for position, member in enumerate(reason.members):
        spans += [Span(" & " if position else ""), Span(member.id, "id")]
    return tuple(spans)


def _line_entry(line: Line, label: str) -> Entry:
    reason = line.reason
    meta = (Span(f"force {_n(reason.force)}"), Span(_STANCE[reason.members[0].stance]))
    notes = []
    if reason.undercut_by:
        notes.append(_ids("step undercut by ", (u.id for u in reason.undercut_by)))
    if line.chain:
        spans: list[Span] = [Span("chain:")]
        for link in line.chain:
            spans += [Span(f" ← {_MARK[link.kind]} "), *_reason_head(link), Span(f" {_n(link.force)}")]
        notes.append(tuple(spans))
    text = reason.members[0].text if len(reason.members) == 1 else None
    head = (Span(f"{label} {_MARK[reason.kind]} "), *_reason_head(reason))
    return Entry("", head, meta, text, notes=tuple(notes))


def _roots_section(brief: Brief) -> Section:
    groups = []
    for root in brief.roots:
        entries = []
        if root.strongest is not None:
            entries.append(_line_entry(root.strongest, "strongest:" if root.weakest else "only line:"))
        if root.weakest is not None:
            entries.append(_line_entry(root.weakest, "weakest:"))
        lead = _claim(root.claim, stance=True)
        lead = lead._replace(meta=(*lead.meta, Span(_plural(len(root.lines), "line"))))
        groups.append(Group(lead, (Block(None, tuple(entries), "no premises or counterclaims"),)))
    title = f"Conclusions ({len(brief.roots)}): do they stand, their strongest and weakest lines"
    note = (
        "A line is one premise (or linked group) or counterclaim, by force (its DF-QuAD contribution); "
        "its chain is the strongest reason under it, and under that."
    )
    return Section(Part.ROOTS, title, note, tuple(groups))


def _gaps_section(brief: Brief) -> Section:
    block = Block(None, tuple(_claim(g) for g in brief.gaps), "None: every claim on your side has a source.")
    title = f"Evidence gaps ({len(brief.gaps)}): claims on your side with no source"
    blocks = (block, _assumptions_block(brief)) if brief.assumptions else (block,)
    return Section(
        Part.GAPS, title, "Your own claims first, then nearest the conclusions.", (Group(None, blocks),)
    )


def _assumptions_block(brief: Brief) -> Block:
    """The implicit premises: the unstated assumptions to defend (yours) or attack (theirs)."""
    entries = tuple(
        Entry("", (Span(a.claim.id, "id"),), (*_meta(a.claim, stance=True), Span(a.action)), a.claim.text)
        for a in brief.assumptions
    )
    return Block(f"Unstated assumptions ({len(entries)}): implicit premises to defend or attack", entries)


def _quote_entry(quote: Quote) -> Entry:
    where = tuple(Span(x) for x in (quote.source, quote.loc) if x)
    return Entry("", (Span(quote.claim, "id"),), where, quote.quote, True, quote=True)


def _premise_entry(reason: Reason) -> Entry:
    if len(reason.members) == 1:
        return _claim(reason.members[0], "+", whole=True)
    members = tuple(_claim(m, "", whole=True) for m in reason.members)
    return Entry("+", (Span("linked: "), *_reason_head(reason)), (Span("only together"),), children=members)


def _card_group(card: Card, number: int, total: int) -> Group:
    lead = _claim(card.claim, whole=True, stance=True)
    lead = lead._replace(head=(Span(f"Card {number} of {total}: "), *lead.head))
    theirs = card.claim.stance is Stance.AGAINST
    counters = "Your attacks on it and its premises" if theirs else "Counterclaims to expect"
    if not (card.premises or card.quotes or card.counters):
        # A leaf claim: one line, not three empty headings.
        return Group(lead, (Block(None, (), "no reasons given, no quotes, no counterclaims mapped"),))
    blocks = (
        Block(f"Premises ({len(card.premises)})", tuple(_premise_entry(p) for p in card.premises), "none"),
        Block(f"Quotes ({len(card.quotes)})", tuple(_quote_entry(q) for q in card.quotes), "none"),
        Block(
            f"{counters} ({len(card.counters)})",
            tuple(_hit(h, replies=True) for h in card.counters),
            "none mapped",
        ),
    )
    return Group(lead, blocks)


def _cards_section(brief: Brief) -> Section:
    total = len(brief.cards)
    groups = tuple(_card_group(card, n, total) for n, card in enumerate(brief.cards, 1))
    note = (
        "One per conclusion, then one per main claim of yours (one that supports none of your others): "
        "its premises, the quotes behind them, and each counterclaim with the replies mapped to it."
    )
    return Section(Part.CARDS, f"Cards ({total})", note, groups)


_SECTIONS: dict[Part, Callable[[Brief], Section | None]] = {
    Part.OPEN: _open_section,
    Part.QUESTIONS: _questions_section,
    Part.UNATTACKED: _unattacked_section,
    Part.ROOTS: _roots_section,
    Part.GAPS: _gaps_section,
    Part.CARDS: _cards_section,
}


def _camps(brief: Brief) -> str:
    def listed(stance: Stance) -> str:
        return ", ".join(f"{c.name or 'no side'} ({c.claims})" for c in brief.camps if c.stance is stance)

    if brief.own_claims:
        first = f"You ({brief.side_name}) make {_plural(brief.own_claims, 'claim')}."
    else:
        first = f"{brief.side_name} makes no claims in this map, so there is nothing to defend yet."
    groups = (("On your side", Stance.FOR), ("Against you", Stance.AGAINST), ("Neutral", Stance.NEUTRAL))
    return " ".join([first, *(f"{word}: {listed(stance)}." for word, stance in groups if listed(stance))])


def layout(brief: Brief, options: BriefOptions) -> Layout:
    title = f"Brief for {brief.side_name}" + (f": {brief.title}" if brief.title else "")
    lines = [
        brief.file,
        _camps(brief),
        # One line: an attack's own status is named so, apart from its attacker's.
        'in, out, undec: grounded status ("attack out": the attack\'s); numbers: DF-QuAD strengths (0-1).',
    ]
    if not brief.converged:
        lines.append("Warning: DF-QuAD did not converge; the strengths are the last iterate.")
    built = (_SECTIONS[part](brief) for part in Part if part in options.parts)
    sections = tuple(section for section in built if section is not None)
    return Layout(title, tuple(lines), sections)
