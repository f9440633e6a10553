"""Choices of options, as enums typer shows and checks. Every semantics
(--eval, --semantics) is argmap.model.Semantics itself."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["OutputFormat"]


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
