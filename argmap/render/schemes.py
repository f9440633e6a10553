"""`argmap schemes` as text: the catalogue one scheme a line, or schemes in
full (premises, conclusion, critical questions)."""

from __future__ import annotations

from collections.abc import Iterable

from argmap.model import Scheme


def _one_line(text: str) -> str:
    return " ".join(text.split())


def scheme_list(schemes: Iterable[Scheme]) -> str:
    """One line a scheme: its id, its name, how many critical questions."""
    rows = list(schemes)
    width = max((len(s.id) for s in rows), default=0)
    lines = []
    for scheme in rows:
        count = len(scheme.questions)
        noun = "question" if count == 1 else "questions"
        lines.append(f"{scheme.id:{width}}  {_one_line(scheme.name)} ({count} {noun})")
    return "".join(line + "\n" for line in lines)


def scheme_details(schemes: Iterable[Scheme]) -> str:
    """Each scheme in full, a blank line between them."""
    blocks = []
    for scheme in schemes:
        lines = [f"{scheme.id}: {_one_line(scheme.name)}"]
        lines += [f"  premise: {_one_line(p)}" for p in scheme.premises]
        if scheme.conclusion is not None:
            lines.append(f"  conclusion: {_one_line(scheme.conclusion)}")
        lines += [f"  {q.id}: {_one_line(q.text)}" for q in scheme.questions]
        blocks.append("".join(line + "\n" for line in lines))
    return "\n".join(blocks)
