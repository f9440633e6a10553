"""Drill cards as text: the question and the answer of each card, and the
whole deck as a sheet (plain text for the terminal, Markdown for a file).
Plain strings; the CLI prints them or writes them."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence

from argmap.analysis.drill import Card, Rebuttal
from argmap.model import Claim, Relation, RelationType, Side

WIDTH = 100  # fixed for --print, so its output is the same in a terminal and in a pipe
NO_REBUTTAL = "No rebuttal mapped yet: what would you say?"

Ident = Callable[[str], str]  # how an id is written: as is, or as Markdown code


def side_name(sides: Mapping[str, Side], side: str | None) -> str:
    if side is None:
        return "Someone"
    found = sides.get(side)
    return (found.name if found is not None else None) or side


def _inference(relation: Relation, ident: Ident) -> str:
    """`permrev attacks soc1c`, `p supports c`, `u undercuts support:p:c`."""
    verb = {RelationType.SUPPORT: "supports", RelationType.ATTACK: "attacks"}.get(relation.type, "undercuts")
    return f"{ident(relation.source)} {verb} {ident(relation.target)}"


def headline(card: Card, sides: Mapping[str, Side], ident: Ident = str, name: Ident = str) -> str:
    """`Critic attacks Trotsky's claim permrev` or `... undercuts Trotsky's
    inference that permrev attacks soc1c`; `name` writes the side names."""
    owner_claim = next((c for c in card.attacked if c.by is not None), card.attacked[0])
    owner = name(side_name(sides, owner_claim.by))
    if card.unraised and card.question is not None:
        *premises, conclusion = card.attacked
        verb = "supports" if len(premises) == 1 else "support"
        joined = " and ".join(ident(p.id) for p in premises)
        return (
            f"Critical question {card.question.id} on {owner}'s inference that {joined} {verb} "
            f"{ident(conclusion.id)}"
        )
    opponent = name(side_name(sides, card.counterclaim.by))
    if card.inference is None:
        return f"{opponent} attacks {owner}'s claim {ident(card.attacked[0].id)}"
    return f"{opponent} undercuts {owner}'s inference that {_inference(card.inference, ident)}"


def _how(rebuttal: Rebuttal, ident: Ident) -> str:
    """How a rebuttal answers: `attacks it`, `undercuts its support of soc1c`."""
    inference = rebuttal.inference
    if inference is None:
        return "attacks it"
    noun = {RelationType.SUPPORT: "support of", RelationType.ATTACK: "attack on"}.get(
        inference.type, "undercut of"
    )
    return f"undercuts its {noun} {ident(inference.target)}"


def _quotes(claim: Claim) -> list[str]:
    """`"quoted words" (essay, para 8)` for each quote of the claim."""
    found: list[str] = []
    for source in claim.all_sources():
        if source.quote:
            where = ", ".join(part for part in (source.ref, source.loc) if part)
            found.append(f'"{" ".join(source.quote.split())}"' + (f" ({where})" if where else ""))
    return found


# -- plain text -------------------------------------------------------------------


def _wrapped(text: str, indent: int, width: int) -> list[str]:
    pad = " " * indent
    return textwrap.wrap(
        " ".join(text.split()), width, initial_indent=pad, subsequent_indent=pad, break_on_hyphens=False
    ) or [pad.rstrip()]


def question_text(card: Card, sides: Mapping[str, Side], position: str, width: int = WIDTH) -> str:
    """The question: what is attacked, and the counterclaim; `position` is
    the card's place in the deck, such as `1/4`."""
    lines = [f"[{position}] {headline(card, sides)}:"]
    for claim in card.attacked:
        label = "" if len(card.attacked) == 1 else f"{claim.id}: "
        lines += _wrapped(label + claim.text, 4, width)
    lines.append(f"  {_asker(card, sides, str)}:")
    lines += _wrapped(card.counterclaim.text, 4, width)
    if card.question is not None and not card.unraised:
        lines += _wrapped(
            f"It raises {card.question.id} of {card.question.scheme_name}: {card.question.text}", 4, width
        )
    if not card.graded:
        lines.append(f"  {NO_REBUTTAL}")
    return "\n".join(lines) + "\n"


def _asker(card: Card, sides: Mapping[str, Side], ident: Ident, name: Ident = str) -> str:
    """Who asks: `Critic (a1)`, or for an unraised question its scheme."""
    if card.unraised and card.question is not None:
        return f"{card.question.id} of {name(card.question.scheme_name)}"
    return f"{name(side_name(sides, card.counterclaim.by))} ({ident(card.counterclaim.id)})"


def answer_text(card: Card, sides: Mapping[str, Side], width: int = WIDTH) -> str:
    """The rebuttals mapped for the card, with their quotes."""
    if not card.graded:
        return "  No rebuttal mapped yet (not graded): add yours to the map.\n"
    lines = [f"  Rebuttals mapped ({len(card.rebuttals)}):"]
    for rebuttal in card.rebuttals:
        claim = rebuttal.claim
        head = f"  - {side_name(sides, claim.by)} ({claim.id}) {_how(rebuttal, str)}:"
        lines.append(head)
        lines += _wrapped(claim.text, 6, width)
        for quote in _quotes(claim):
            lines += _wrapped(quote, 6, width)
    return "\n".join(lines) + "\n"


def _deck_summary(cards: Sequence[Card], shown: int) -> str:
    """`4 counterclaims to answer (2 with no rebuttal mapped yet); the first 2`."""
    open_points = sum(not card.graded for card in cards)
    summary = f"{len(cards)} counterclaim{'s' if len(cards) != 1 else ''} to answer"
    if open_points:
        summary += f" ({open_points} with no rebuttal mapped yet)"
    if shown < len(cards):
        summary += f"; the first {shown}"
    return summary


def sheet_text(cards: Sequence[Card], sides: Mapping[str, Side], side: str, limit: int | None = None) -> str:
    """The questions and answers of the side's cards (the first `limit`),
    for `argmap drill --print`."""
    shown = cards[:limit]
    parts = [f"Drill for {side_name(sides, side)}: {_deck_summary(cards, len(shown))}.\n"]
    for number, card in enumerate(shown, 1):
        answer = answer_text(card, sides) if card.graded else ""
        parts.append(question_text(card, sides, f"{number}/{len(shown)}") + answer)
    return "\n".join(parts)


# -- Markdown ---------------------------------------------------------------------

_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def _md(text: str) -> str:
    """User text as Markdown that shows it as written (one paragraph)."""
    return " ".join(text.split()).translate(_MARKDOWN_SPECIAL)


def _code(identifier: str) -> str:
    return f"`{identifier}`"


def sheet_markdown(
    cards: Sequence[Card], sides: Mapping[str, Side], side: str, limit: int | None, title: str | None
) -> str:
    """The sheet as Markdown, for `argmap drill --print -o FILE.md`."""
    shown = cards[:limit]
    lines = [f"# Drill for {_md(side_name(sides, side))}", ""]
    summary = _deck_summary(cards, len(shown))
    lines += [f"{_md(title)}: {summary}." if title else f"{summary}.", ""]
    for number, card in enumerate(shown, 1):
        lines += [f"## {number}. {headline(card, sides, _code, _md)}", ""]
        for claim in card.attacked:
            label = "" if len(card.attacked) == 1 else f"{_code(claim.id)}: "
            lines += [f"> {label}{_md(claim.text)}", ""]
        counterclaim = card.counterclaim
        if card.unraised:
            asker = f"**{_asker(card, sides, _code, _md)}**"
        else:
            asker = f"**{_md(side_name(sides, counterclaim.by))}** ({_code(counterclaim.id)})"
        lines += [f"{asker}: {_md(counterclaim.text)}", ""]
        if card.question is not None and not card.unraised:
            question = card.question
            lines += [f"It raises {question.id} of {_md(question.scheme_name)}: {_md(question.text)}", ""]
        if not card.graded:
            lines += [f"*{NO_REBUTTAL}*", ""]
            continue
        lines += ["Rebuttals mapped:", ""]
        for rebuttal in card.rebuttals:
            claim = rebuttal.claim
            lines.append(
                f"- **{_md(side_name(sides, claim.by))}** ({_code(claim.id)}) "
                f"{_how(rebuttal, _code)}: {_md(claim.text)}"
            )
            lines += [f"  > {_md(quote)}" for quote in _quotes(claim)]
        lines.append("")
    return "\n".join(lines)
