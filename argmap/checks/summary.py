"""One line of facts per map file, for `argmap list`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from argmap.checks.gate import check_file
from argmap.errors import InputError
from argmap.io.files import display_name
from argmap.model import RelationType


@dataclass(frozen=True, slots=True)
class MapSummary:
    file: str
    title: str | None
    claims: int
    supports: int
    attacks: int
    undercuts: int
    sides: tuple[str, ...]
    errors: int
    warnings: int
    unreadable: str | None = None

    @property
    def status(self) -> str:
        if self.unreadable is not None:
            return "unreadable"
        if self.errors:
            return f"no: {self.errors} error(s)"
        if self.warnings:
            return f"yes, {self.warnings} warning(s)"
        return "yes"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["sides"] = list(self.sides)
        data["valid"] = self.unreadable is None and not self.errors
        return data


def summarize(path: Path, fmt: str | None = None) -> MapSummary:
    """One map's facts (`-`: standard input, in the format `fmt` names)."""
    name = display_name(path)
    try:
        checked = check_file(path, fmt)
    except InputError as exc:
        return MapSummary(name, None, 0, 0, 0, 0, (), 0, 0, unreadable=str(exc))
    amap = checked.map
    counts = {t: sum(1 for _ in amap.iter_relations(t)) for t in RelationType}
    return MapSummary(
        file=name,
        title=amap.title,
        claims=len(amap.claims),
        supports=counts[RelationType.SUPPORT],
        attacks=counts[RelationType.ATTACK],
        undercuts=counts[RelationType.UNDERCUT],
        sides=tuple(amap.sides),
        errors=len(checked.errors),
        warnings=len(checked.warnings),
    )
