"""The interactive session of `argmap drill`: part of the command line, the
one place that reads the terminal. It asks the questions
argmap.analysis.drill plans, reads answers with typer.prompt (so
typer.testing.CliRunner can drive it), and saves the results file; stopped
early, it saves what was answered and raises SessionInterruptedError (exit 130)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import typer

from argmap.analysis.drill import (
    Card,
    CardKey,
    Results,
    SessionPlan,
    finish_session,
    format_results,
    plan_session,
    read_results,
)
from argmap.errors import OutputError, SessionInterruptedError
from argmap.io.output import refuse_inputs, write_atomic
from argmap.model import Side
from argmap.render.drill import WIDTH, answer_text, question_text, side_name

REPLIES = {"y": "right", "yes": "right", "n": "wrong", "no": "wrong", "s": "skip", "skip": "skip"}
REPLIES |= {"q": "quit", "quit": "quit"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _width() -> int:
    if sys.stdout.isatty():
        return max(min(shutil.get_terminal_size().columns - 1, WIDTH), 40)
    return WIDTH


def line_editing() -> bool:
    """Arrow keys, Home/End and history in answers typed at a terminal:
    input() (under typer.prompt) edits lines once readline is imported.
    Where there is no readline (Windows), answers are read as before."""
    if not sys.stdin.isatty():
        return False
    try:
        import readline  # noqa: F401 - importing it is what turns line editing on
    except ImportError:
        return False
    return True


def _ask_answer() -> str:
    """Read the user's answer: "answer", or "skip" or "quit" when they typed s or q."""
    reply = str(typer.prompt("Your answer", default="", show_default=False)).strip().lower()
    found = REPLIES.get(reply)
    return found if found in {"skip", "quit"} else "answer"


def _ask_grade() -> str:
    """Read the user's mark: "right", "wrong", "skip" or "quit"."""
    while True:
        reply = str(typer.prompt("Did you have it? [y/n/s/q]", default="", show_default=False))
        found = REPLIES.get(reply.strip().lower())
        if found is not None:
            return found
        typer.echo("  Answer y (right), n (wrong), s (skip) or q (quit).")


def run_session(
    cards: Sequence[Card],
    sides: Mapping[str, Side],
    side: str,
    map_path: Path,
    results_path: Path,
    limit: int | None,
) -> None:
    """Ask one session's questions and save the grades. Ctrl-C or the end
    of input saves what was answered and exits 130."""
    line_editing()
    # Fail before the first question, not after the last, if the results cannot be written.
    refuse_inputs(results_path, [map_path])
    folder = results_path.parent
    if not folder.is_dir():
        raise OutputError(f"{results_path}: folder {folder} does not exist")
    results = read_results(results_path)
    plan = plan_session(cards, results.side(side), limit)
    if plan.dropped:
        gone = ", ".join(f"{counterclaim} -> {attacked}" for counterclaim, attacked in plan.dropped)
        typer.echo(
            f"argmap: dropping {_plural(len(plan.dropped), 'card')} no longer in the map: {gone}", err=True
        )
    ungraded = sum(not card.graded for card in plan.questions)
    typer.echo(
        f"Drill for {side_name(sides, side)}, session {plan.number}: {_plural(len(plan.questions), 'question')}"
        + (f", {ungraded} with no rebuttal mapped yet (not graded)" if ungraded else "")
        + ".\nAnswer in your own words, then mark yourself: y right, n wrong, s skip, q quit.\n"
    )
    grades: dict[CardKey, bool] = {}
    skipped = 0
    width = _width()
    try:
        for number, card in enumerate(plan.questions, 1):
            typer.echo(question_text(card, sides, f"{number}/{len(plan.questions)}", width), nl=False)
            reply = _ask_answer()
            if reply == "answer":
                typer.echo(answer_text(card, sides, width), nl=False)
                # A card with no rebuttal mapped is not graded: nothing to check against.
                reply = _ask_grade() if card.graded else "answered"
            if reply == "quit":
                break
            if reply in {"right", "wrong"}:
                grades[card.key] = reply == "right"
            skipped += reply == "skip"
            typer.echo()
    except (typer.Abort, KeyboardInterrupt):
        saved = _save(results, plan, grades, side, map_path, results_path)
        where = "nothing to save" if saved is None else f"saved to {results_path}"
        typer.echo()  # ends the line of the prompt that was cut short
        raise SessionInterruptedError(
            f"interrupted after {_plural(len(grades), 'answer')}; {where}"
        ) from None
    saved = _save(results, plan, grades, side, map_path, results_path)
    right = sum(grades.values())
    typer.echo(
        f"Session {plan.number}: {right} right, {len(grades) - right} wrong, {skipped} skipped."
        + (" Nothing to save." if saved is None else f" Saved to {results_path}.")
    )
    if saved is not None:
        upcoming = plan_session(cards, saved.side(side))
        due = sum(card.graded for card in upcoming.questions)
        typer.echo(f"Next session ({upcoming.number}): {due} due, {upcoming.not_due} not due yet.")


def _save(
    results: Results,
    plan: SessionPlan,
    grades: Mapping[CardKey, bool],
    side: str,
    map_path: Path,
    results_path: Path,
) -> Results | None:
    """Write the results if the session changed them, and return them; None
    when there was nothing to write."""
    if not grades and not plan.dropped:
        return None
    updated = results.with_side(side, finish_session(results.side(side), plan, grades))
    write_atomic(results_path, format_results(updated), inputs=[map_path], updating=True)
    return updated
