"""The library's functions: `load` and `loads` (a file or text to a `Map`)
and `diff` (two maps to their changes), over the loader
(argmap.formats.registry) and the diff (argmap.analysis.diff)."""

from __future__ import annotations

from pathlib import Path

from argmap.analysis.diff import Change, diff_maps
from argmap.api.maps import Map, semantics_named
from argmap.formats.base import LoadResult
from argmap.formats.references import load_map, load_map_text

__all__ = ["diff", "load", "loads"]


def load(path: str | Path, format: str | None = None) -> Map:
    """Read a map file in any format argmap reads.

    Args:
        path: The file.
        format: A format name (``"yaml"``, ``"json"``, ``"argdown"``, ...);
            None: told by the file's suffix (and its text, where formats
            share a suffix).

    Returns:
        The map, even when it has problems: ``Map.check`` lists them. The
        claims it refers to in other maps (``other.yaml#x``, relative to
        the file) are in it, marked with their map (docs/format.md).

    Raises:
        InputError: The file cannot be read or parsed at all.
        UsageError: No format of that name.
    """
    return Map._from(_read_file(path, format))


def loads(text: str, format: str | None = "yaml", *, name: str = "<string>") -> Map:
    """Read a map from text.

    Args:
        text: The map.
        format: A format name; None: told by the suffix of ``name``.
        name: What diagnostics call the map; source files it quotes, and
            maps it refers to (``other.yaml#x``), are looked for beside this path.

    Raises:
        InputError: The text cannot be parsed at all.
        UsageError: No format of that name.
    """
    return Map._from(_read_text(text, name, format))


# References to other maps (`FILE#ID`) are resolved on load: the referred
# claims come into the map, and what cannot be resolved comes as diagnostics
# in the LoadResult, which `Map.check` reports.
def _read_file(path: str | Path, format: str | None) -> LoadResult:
    return load_map(path, format)


def _read_text(text: str, name: str, format: str | None) -> LoadResult:
    return load_map_text(text, name, format)


def diff(old: Map, new: Map, *, semantics: str | None = None) -> list[Change]:
    """What changed from ``old`` to ``new``, as ``argmap diff`` finds it.

    Each change has ``.kind`` (``"node-added"``, ``"text-changed"``, ...:
    docs/diff.md lists them), ``.id``, ``.old`` and ``.new``, and
    ``.to_json()`` gives the record of the diff JSON contract.

    Args:
        old: The earlier version.
        new: The later version.
        semantics: Also report claims whose status changed under this
            semantics (``status-changed``).

    Raises:
        MapInvalidError: With ``semantics``, a map has errors.
        UsageError: No such semantics.
    """
    if semantics is None:
        return list(diff_maps(old._map, new._map).changes)
    semantics_named(semantics)
    # Statuses need maps that can be evaluated.
    return list(diff_maps(old._valid(), new._valid(), semantics=semantics).changes)
