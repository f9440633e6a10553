"""Readers and writers of map formats."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from argmap.model import ArgumentMap


def relocate(amap: ArgumentMap, out_file: Path) -> ArgumentMap:
    """The map as it should be written to `out_file`: source `file:` paths
    are relative to the map's folder, so a copy in another folder gets them
    rewritten to point at the same files (absolute paths stay as they are),
    and so do references to claims of other maps."""
    here = Path(amap.file).parent
    there = out_file.parent
    if here.resolve() == there.resolve():
        return amap
    sources = {}
    for source_id, source in amap.sources.items():
        if source.file is not None and not Path(source.file).is_absolute():
            moved = Path(os.path.relpath(here / source.file, there)).as_posix()
            source = source._replace(file=moved)
        sources[source_id] = source
    # References to other maps (`other.yaml#x`) are relative to the map's folder too.
    from argmap.formats.references import moved_references

    return dataclasses.replace(moved_references(amap, here, there), sources=sources, file=str(out_file))
