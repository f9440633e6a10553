"""An evaluation as text: an aligned listing of claims with their status or
strength, and `--why` chains. Plain strings; the CLI prints them. And the
marks `show --eval` and `render --eval` put on each claim."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

from argmap.analysis.evaluate import Chain, Evaluation, Step, Why, status_marks
from argmap.errors import UsageError
from argmap.formats.framework import Framework
from argmap.io.json_text import dump_json
from argmap.model import ArgumentMap, Label, Semantics

WIDTH = 100  # fixed, so the output is the same in a terminal and in a pipe


def claim_marks(amap: ArgumentMap, semantics: Semantics) -> dict[str, str]:
    """Claim id -> in/out/undec (and undercut inferences' labels), or a
    DF-QuAD strength, to mark on a listing or a drawing; UsageError when the
    semantics gives the map no extension."""
    marks = status_marks(amap, semantics)
    if marks is None:
        raise UsageError(f"--eval {semantics.value}: the map has no {semantics.value} extension")
    return marks


def _cut(text: str, room: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= room else text[: max(room - 1, 0)].rstrip() + "…"


def _rows(rows: list[tuple[str, str, str]]) -> list[str]:
    """`id  status  text`, columns aligned, each line at most WIDTH wide."""
    if not rows:
        return []
    id_width = max(len(r[0]) for r in rows)
    status_width = max(len(r[1]) for r in rows)
    room = max(WIDTH - id_width - status_width - 4, 20)
    return [f"{i:<{id_width}}  {s:<{status_width}}  {_cut(t, room)}".rstrip() for i, s, t in rows]


def _dung_header(result: Evaluation) -> list[str]:
    count = len(result.extensions)
    if result.semantics is Semantics.GROUNDED:
        tally = {label: 0 for label in Label}
        for label in result.labels.values():
            tally[label] += 1
        return [f"grounded: {', '.join(f'{n} {label.value}' for label, n in tally.items())}"]
    if not count:
        found = " found in the time allowed" if result.timed_out else ""
        return [f"{result.semantics.value}: no extension{found}"]
    first = "the first " if result.truncated else ""
    more = " (stopped there: there are more)" if result.truncated else ""
    if result.timed_out:
        more = " (stopped there: out of time; there may be more)"
    lines = [f"{result.semantics.value}: {first}{count} extension{'s' if count != 1 else ''}{more}"]
    for number, extension in enumerate(result.extensions, 1):
        lines.extend(_wrap(list(extension) or ["(empty)"], f"  {number}: "))
    return lines


def _wrap(words: list[str], first: str) -> list[str]:
    """Comma-separated words in lines of at most WIDTH, never breaking a
    word (textwrap is ten times slower, which shows at thousands of
    extensions)."""
    lines: list[str] = []
    line = first
    indent = " " * len(first)
    for position, word in enumerate(words):
        word = word + ("," if position < len(words) - 1 else "")
        if line.strip() and len(line) + 1 + len(word) > WIDTH:
            lines.append(line.rstrip())
            line = indent
        line += word if line in (first, indent) else " " + word
    lines.append(line.rstrip())
    return lines


def listing(result: Evaluation, framework: Framework, texts: Mapping[str, str]) -> str:
    """Every claim, in map order, with its label, its share of extensions or
    its strength, and its text; then the inference nodes, if any."""
    claims = framework.claims
    if not result.semantics.dung:
        name = result.semantics.value
        if not result.converged:
            header = (
                f"{name}: did not converge in {result.iterations} iterations; strengths are the last iterate"
            )
        elif result.iterations:
            how = ", averaged after oscillating" if result.damped else ""
            header = f"{name}: cycles settled in {result.iterations} iterations{how}"
        else:
            header = f"{name}: no cycles, computed exactly"
        lines = [header]
        lines += _rows([(c, f"{result.strengths[c]:.3f}", texts.get(c, "")) for c in claims])
        inferences = [(i, f"{s:.3f}", "") for i, s in result.inference_strengths.items()]
    elif result.semantics is Semantics.GROUNDED:
        lines = _dung_header(result)
        lines += _rows([(c, result.labels[c].value, texts.get(c, "")) for c in claims])
        inferences = [(i, label.value, "") for i, label in result.inference_labels.items()]
    else:
        lines = _dung_header(result)
        total = len(result.extensions)
        if total:
            share = Counter(c for extension in result.extensions for c in extension)
            lines += _rows([(c, _share(share[c], total), texts.get(c, "")) for c in claims])
        inferences = []
    if inferences:
        lines.append("inferences (relations that are undercut):")
        lines += ["  " + line for line in _rows(inferences)]
    return "\n".join(lines)


def _share(extensions: int, total: int) -> str:
    """In how many of the extensions a claim is: "in", "not in" when there
    is one; "in all 3", "in none of 3", "in 1 of 3" (never "in 0 of 1")."""
    if total == 1:
        return "in" if extensions else "not in"
    if extensions == total:
        return f"in all {total}"
    return f"in none of {total}" if extensions == 0 else f"in {extensions} of {total}"


def why_text(reason: Why, texts: Mapping[str, str]) -> str:
    if not reason.semantics.dung:
        return _why_gradual(reason)
    if not reason.chains:
        return f"{reason.id}: there is no {reason.semantics.value} extension"
    lines: list[str] = []
    for chain in reason.chains:
        where = "" if chain.extension is None else f" in extension {chain.extension + 1}"
        lines.append(f"{reason.id} is {chain.label.value}{where} ({reason.semantics.value})")
        if texts.get(reason.id):
            lines.append("  " + _cut(texts[reason.id], WIDTH - 2))
        lines.extend(_attackers(chain))
        lines.append("  chain (each line attacks the one above it):")
        lines.extend(_step_tree(chain.step, 4, root=True))
    return "\n".join(lines)


def _attackers(chain: Chain) -> list[str]:
    if not chain.attackers:
        return ["  no attackers"]
    rows = []
    for attacker in chain.attackers:
        if attacker.label is Label.OUT:
            note = "defeated by " + ", ".join(attacker.defeated_by)
        elif attacker.label is Label.IN:
            note = "not defeated"
        else:
            note = "undecided"
        rows.append((attacker.id, attacker.label.value, note))
    return ["  attacked by:"] + ["    " + line for line in _rows(rows)]


def _step_tree(step: Step, indent: int, root: bool = False) -> list[str]:
    note = ""
    if step.repeated:
        note = "  (see above)"
    elif step.truncated:
        note = "  …"
    elif step.label is Label.IN and not step.because:
        note = "  unattacked"
    arrow = "" if root else "<- "
    lines = [f"{' ' * indent}{arrow}{step.id}: {step.label.value}{note}"]
    for child in step.because:
        lines.extend(_step_tree(child, indent + (2 if root else 3)))
    return lines


def _why_gradual(reason: Why) -> str:
    lines = [
        f"{reason.id} has strength {reason.strength:.3f} ({reason.semantics.value})",
        f"  base {reason.base:.3f}, attack {reason.attack:.3f}, support {reason.support:.3f}",
    ]
    rows = [
        (("- " if c.attack else "+ ") + c.relation, f"{c.value:.3f}", "from " + ", ".join(c.sources))
        for c in reason.contributions
    ]
    lines += ["  " + line for line in _rows(rows)] if rows else ["  no attackers or supporters"]
    return "\n".join(lines)


def evaluation_json(document: Mapping[str, Any]) -> str:
    """One top-level key a line, each value compact (json's C encoder: a
    100,000-argument framework prints in a blink)."""
    lines = [f"  {json.dumps(k)}: {dump_json(v)}" for k, v in document.items()]
    return "{\n" + ",\n".join(lines) + "\n}"
