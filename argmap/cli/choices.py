"""Choices of options, as enums typer shows and checks. Every semantics
(--eval, --semantics) is argmap.model.Semantics itself."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from argmap.model import DUNG_SEMANTICS, Semantics

__all__ = ["DungSemantics", "OutputFormat"]


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


# The semantics that label claims in, out or undec (diff --eval), made from
# the model's list; mypy cannot follow an enum made at run time, so it sees
# the whole Semantics.
if TYPE_CHECKING:
    DungSemantics = Semantics
else:
    DungSemantics = StrEnum(
        "DungSemantics", {semantics.name: semantics.value for semantics in DUNG_SEMANTICS}
    )
