"""A map diff for people: a terminal view (a rich Text, coloured), Markdown
for a pull-request comment, one summary line, and the JSON contract.

Each change is first described as segments with a role (an id, a word
removed, ...); the terminal view and Markdown only differ in how they show
each role. Changes are grouped by kind, in the diff's order.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from rich.console import Console
from rich.text import Text

from argmap.analysis.diff import Change, ChangeKind, MapDiff, word_diff
from argmap.analysis.diff.changes import regrouped_once
from argmap.io.json_text import dump_json
from argmap.model import ArgumentMap
from argmap.text import escape_controls

WIDTH = 100
SHORT = 80  # characters of a claim's text shown beside its id

TITLES: dict[ChangeKind, str] = {
    ChangeKind.NODE_ADDED: "Claims added",
    ChangeKind.NODE_REMOVED: "Claims removed",
    ChangeKind.NODE_RENAMED: "Claims renamed",
    ChangeKind.TEXT_CHANGED: "Claims reworded",
    ChangeKind.BY_CHANGED: "Sides changed (by)",
    ChangeKind.SOURCE_CHANGED: "Sources changed",
    ChangeKind.WEIGHT_CHANGED: "Weights changed",
    ChangeKind.TAGS_CHANGED: "Tags changed",
    ChangeKind.NOTE_CHANGED: "Notes changed",
    ChangeKind.LABEL_CHANGED: "Short labels changed",
    ChangeKind.STEP_CHANGED: "Slide steps changed",
    ChangeKind.IMPLICIT_CHANGED: "Implicit premises marked or unmarked",
    ChangeKind.RELATION_ADDED: "Relations added",
    ChangeKind.RELATION_REMOVED: "Relations removed",
    ChangeKind.RELATION_RETYPED: "Relations retyped",
    ChangeKind.RELATION_REGROUPED: "Linked groups changed",
    ChangeKind.RELATION_REWEIGHTED: "Relation weights changed",
    ChangeKind.SCHEME_CHANGED: "Schemes and critical questions changed",
    ChangeKind.MOVED: "Claims moved",
    ChangeKind.META_CHANGED: "Map details changed",
    ChangeKind.STATUS_CHANGED: "Status changed",
}

_VERBS = {"support": "supports", "attack": "attacks", "undercut": "undercuts"}


class Segment(NamedTuple):
    # id, text, aside (a claim's text beside a change), plain, plus, minus;
    # removed and added (a whole value); del and ins (words, in a word diff)
    role: str
    text: str


def claim_texts(old: ArgumentMap, new: ArgumentMap) -> dict[str, str]:
    """Claim id -> text, the new version's where a claim is in both."""
    texts = {claim.id: claim.text for claim in old.claims}
    texts.update((claim.id, claim.text) for claim in new.claims)
    return texts


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


def _shown(value: Any) -> str:
    """A field's value in one line: text as it is, lists joined, none as (none)."""
    if value is None or value == []:
        return "(none)"
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return dump_json(value, sort_keys=False)


def _source_refs(value: Any) -> str:
    if not value:
        return "(none)"
    parts = []
    for ref in value:
        words = [ref.get("ref") or "(no ref)"]
        if "quote" in ref:
            words.append(dump_json(" ".join(ref["quote"].split())))
        if "loc" in ref:
            words.append(ref["loc"])
        parts.append(" ".join(words))
    return "; ".join(parts)


def describe(change: Change, texts: Mapping[str, str]) -> list[Segment]:
    """One change as segments, on one line."""
    kind, cid = change.kind, change.id

    def claim(claim_id: str) -> Segment:
        return Segment("id", claim_id)

    def with_text(claim_id: str) -> list[Segment]:
        text = texts.get(claim_id)
        return [Segment("plain", " — "), Segment("aside", _short(text))] if text else []

    def was_now(old: str, new: str) -> list[Segment]:
        return [Segment("removed", old), Segment("plain", " -> "), Segment("added", new)]

    if kind is ChangeKind.NODE_ADDED:
        return [Segment("plus", "+ "), claim(cid), Segment("plain", " "), Segment("text", _short(change.new))]
    if kind is ChangeKind.NODE_REMOVED:
        return [
            Segment("minus", "- "),
            claim(cid),
            Segment("plain", " "),
            Segment("text", _short(change.old)),
        ]
    if kind is ChangeKind.NODE_RENAMED:
        return [claim(change.old), Segment("plain", " -> "), claim(change.new), *with_text(cid)]
    if kind is ChangeKind.TEXT_CHANGED:
        return [claim(cid), Segment("plain", " "), *_words(change.old, change.new)]
    if kind is ChangeKind.SOURCE_CHANGED:
        old, new = _source_refs(change.old), _source_refs(change.new)
        if change.old and change.new:  # a quote may be long: show the words that changed
            return [claim(cid), Segment("plain", " "), *_words(old, new)]
        return [claim(cid), Segment("plain", " "), *was_now(old, new)]
    if kind in {ChangeKind.RELATION_ADDED, ChangeKind.RELATION_REMOVED}:
        relation = change.new if kind is ChangeKind.RELATION_ADDED else change.old
        sign = Segment("plus", "+ ") if kind is ChangeKind.RELATION_ADDED else Segment("minus", "- ")
        return [sign, *_relation(relation)]
    if kind is ChangeKind.RELATION_RETYPED:
        return [
            *_end(change.new["from"]),
            Segment("plain", " "),
            *was_now(_VERBS[change.old["type"]], _VERBS[change.new["type"]]),
            Segment("plain", " "),
            *_end(change.new["to"]),
        ]
    if kind is ChangeKind.RELATION_REGROUPED:
        return [
            Segment("plain", f"{cid}: linked with "),
            *was_now(_shown(change.old), _shown(change.new)),
        ]
    if kind is ChangeKind.RELATION_REWEIGHTED:
        return [Segment("plain", f"{cid}: weight "), *was_now(_shown(change.old), _shown(change.new))]
    if kind is ChangeKind.MOVED:
        return [
            claim(cid),
            Segment("plain", " "),
            Segment("removed", f"{_VERBS[change.old['type']]} {change.old['parent']}"),
            Segment("plain", " -> "),
            Segment("added", f"{_VERBS[change.new['type']]} {change.new['parent']}"),
            *with_text(cid),
        ]
    if kind is ChangeKind.SCHEME_CHANGED:
        return [
            Segment("plain", f"{cid}: "),
            *was_now(_inference_shown(change.old), _inference_shown(change.new)),
        ]
    if kind is ChangeKind.META_CHANGED:
        return [Segment("plain", f"{cid}: "), *was_now(_shown(change.old), _shown(change.new))]
    if kind is ChangeKind.NOTE_CHANGED and change.old and change.new:
        return [claim(cid), Segment("plain", " "), *_words(change.old, change.new), *with_text(cid)]
    # by, weight, tags, note, label, step, status: a value that changed
    return [
        claim(cid),
        Segment("plain", " "),
        *was_now(_shown(change.old), _shown(change.new)),
        *with_text(cid),
    ]


def _inference_shown(value: dict[str, Any] | None) -> str:
    """`scheme expert-opinion; answered CQ1, CQ2`, or (none)."""
    if not value:
        return "(none)"
    return "; ".join(f"{key} {_shown(item)}" for key, item in value.items())


def _words(old: str, new: str) -> list[Segment]:
    """A word diff: words kept, removed (`del`) and added (`ins`)."""
    segments: list[Segment] = []
    previous = None
    for op in word_diff(old, new):
        # A space between runs, except where an added run replaces a
        # removed one (git's word diff writes [-old-]{+new+}).
        if previous is not None and (previous, op.op) != ("-", "+"):
            segments.append(Segment("plain", " "))
        previous = op.op
        segments.append(Segment({"=": "text", "-": "del", "+": "ins"}[op.op], op.text))
    return segments


def _end(name: str) -> list[Segment]:
    """A relation's end: a claim id, or (for an undercut) a relation name."""
    return [Segment("plain" if ":" in name else "id", name)]


def _relation(relation: Mapping[str, str]) -> list[Segment]:
    return [
        *_end(relation["from"]),
        Segment("plain", f" {_VERBS[relation['type']]} "),
        *_end(relation["to"]),
    ]


def groups(diff: MapDiff) -> list[tuple[ChangeKind, list[Change]]]:
    """The changes by kind, a linked group's change shown once."""
    once = {id(change) for change in regrouped_once(diff.changes)}
    grouped: dict[ChangeKind, list[Change]] = {}
    for change in diff.changes:
        if change.kind is ChangeKind.RELATION_REGROUPED and id(change) not in once:
            continue
        grouped.setdefault(change.kind, []).append(change)
    return list(grouped.items())


def _title(kind: ChangeKind, diff: MapDiff, count: int) -> str:
    title = TITLES[kind]
    if kind is ChangeKind.STATUS_CHANGED and diff.semantics:
        title += f" ({diff.semantics})"
    return f"{title} ({count})"


# -- the terminal ------------------------------------------------------------------

_STYLES = {
    "id": "cyan",
    "text": "",
    "aside": "dim",
    "plain": "",
    "added": "green",
    "removed": "red",
    "ins": "green",
    "del": "red strike",
    "plus": "bold green",
    "minus": "bold red",
}
# In a word diff the words removed and added are marked as git's
# `--word-diff=plain` marks them, so a pipe (no colour) still shows them.
_MARKS = {"del": ("[-", "-]"), "ins": ("{+", "+}")}


def diff_view(diff: MapDiff, old_name: str, new_name: str, texts: Mapping[str, str]) -> Text:
    """The terminal view: both names, the summary, then each kind of change."""
    view = Text()
    view.append(f"--- {escape_controls(old_name)}\n", style="bold red")
    view.append(f"+++ {escape_controls(new_name)}\n", style="bold green")
    view.append(diff.summary(), style="bold")
    view.append("\n")
    for kind, changes in groups(diff):
        view.append("\n")
        view.append(_title(kind, diff, len(changes)), style="bold")
        view.append("\n")
        for change in changes:
            view.append("  ")
            for segment in describe(change, texts):
                _append(view, segment)
            view.append("\n")
    view.rstrip()  # the console ends the last line
    return view


def _append(view: Text, segment: Segment) -> None:
    style = _STYLES[segment.role]
    text = escape_controls(segment.text)
    if segment.role == "id":
        view.append(f"[{text}]", style=style)
    elif segment.role in _MARKS:
        start, end = _MARKS[segment.role]
        view.append(f"{start}{text}{end}", style=style)
    else:
        view.append(text, style=style)


def plain_text(view: Text) -> str:
    """The view as printed to a pipe: no colour, lines not re-wrapped."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=WIDTH, no_color=True, color_system=None, markup=False, highlight=False
    )
    console.print(view, soft_wrap=True)
    return buffer.getvalue()


# -- Markdown ------------------------------------------------------------------------

_MD_SPECIAL = frozenset("\\`*_[]<|~&")
_SPACES = re.compile(r"\s+")


def md_escape(text: str) -> str:
    """User text as literal Markdown (CommonMark backslash escapes)."""
    return "".join(f"\\{c}" if c in _MD_SPECIAL else c for c in _SPACES.sub(" ", escape_controls(text)))


_MD_ROLES: dict[str, Callable[[str], str]] = {
    "id": lambda t: f"`{t}`",
    "text": md_escape,
    "aside": lambda t: f"*{md_escape(t)}*",
    "plain": md_escape,
    "added": lambda t: f"**{md_escape(t)}**",
    "removed": lambda t: f"~~{md_escape(t)}~~",
    "ins": lambda t: f"**{md_escape(t)}**",
    "del": lambda t: f"~~{md_escape(t)}~~",
    "plus": lambda t: "",
    "minus": lambda t: "",
}


def diff_markdown(diff: MapDiff, old_name: str, new_name: str, texts: Mapping[str, str]) -> str:
    """Markdown for a pull-request comment: a heading, the summary, then
    one list per kind of change."""
    lines = [
        f"### argmap diff: {md_escape(old_name)} → {md_escape(new_name)}",
        "",
        f"**{md_escape(diff.summary())}**",
    ]
    for kind, changes in groups(diff):
        lines += ["", f"#### {md_escape(_title(kind, diff, len(changes)))}", ""]
        lines += ["- " + _md_line(describe(change, texts)) for change in changes]
    return "\n".join(lines) + "\n"


def _md_line(segments: Iterable[Segment]) -> str:
    parts: list[str] = []
    previous = ""
    for segment in segments:
        if (previous, segment.role) in {("removed", "added"), ("del", "ins")}:
            parts.append(" ")  # ~~old~~ **new**: one word diff, two runs
        parts.append(_MD_ROLES[segment.role](segment.text))
        previous = segment.role
    return "".join(parts).strip()


def line_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    """A unified diff of the lines, for files that are not maps argmap can read."""
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), old_name, new_name, lineterm="")
    return "".join(line + "\n" for line in lines)


# -- JSON ------------------------------------------------------------------------------


def diff_json(diff: MapDiff) -> str:
    """The JSON contract, one change a line."""
    changes = [dump_json(change.to_json()) for change in diff.changes]
    if not changes:
        return '{"changes": []}\n'
    return '{"changes": [\n  ' + ",\n  ".join(changes) + "\n]}\n"
