"""Shell completion of values: the claim ids of the map on the command line,
for `--root` and `--highlight`. typer's `--install-completion` and
`--show-completion` (app.py) install the shell's side; the shell then runs
argmap with `_ARGMAP_COMPLETE` set, and these functions answer."""

from __future__ import annotations

from pathlib import Path

import typer

from argmap.text import escape_controls

# The claim text shown beside an id (zsh, fish), cut to this many characters.
_HELP_LENGTH = 60


def claim_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The ids of the map named before the option (the command's FILE) that
    start with what is typed, each with the start of its claim's text. A
    map that cannot be read offers none: completing must never print."""
    path = ctx.params.get("file")
    if path is None and ctx.args:
        # The option being completed still lacks its value, so click stopped
        # before reading the positional arguments: FILE is the first of them.
        path = Path(ctx.args[0])
    if not isinstance(path, Path):
        return []
    from argmap.formats.registry import load_path

    try:
        claims = load_path(path).map.claims
    except Exception:
        return []
    return [(claim.id, _short(claim.text)) for claim in claims if claim.id.startswith(incomplete)]


def _short(text: str) -> str:
    line = " ".join(escape_controls(text).split())
    return line if len(line) <= _HELP_LENGTH else line[: _HELP_LENGTH - 3].rstrip() + "..."
