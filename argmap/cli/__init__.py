"""The command line (see argmap.cli.app)."""

from __future__ import annotations

from argmap.cli.app import app, main

__all__ = ["app", "main"]
