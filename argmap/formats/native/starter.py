"""The map `argmap init` writes: a small, whole example of the format that
validates as written (a test runs `validate --strict` on it), with the
source text its quote is checked against."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

__all__ = ["SCHEMA_FILE", "Starter", "starter"]

SCHEMA_FILE = "argmap.schema.json"  # beside the map; its first line names it

# {source} is the source file's path from the map's folder.
_MAP = """\
# yaml-language-server: $schema={schema}
# A starter argument map. Change it to your own argument, then check it with
# `argmap validate {map}` and watch it drawn with `argmap preview {map}`.
# The whole format is in argmap's docs/format.md.
argmap: 1
title: Should the town build a cycle lane on Main Street?
sources:
  survey: {{title: Main Street traffic survey, file: {source}}}
sides:
  for: {{name: For the lane}}
  against: {{name: Against the lane}}
claims:
  - id: build-lane
    text: The town should build a cycle lane on Main Street.
    by: for
    premises:
      - id: safer
        text: A separate lane would make cycling on Main Street safer.
        by: for
        source: {{ref: survey, quote: "most cyclists said they feel unsafe sharing the road with cars", loc: p. 2}}
    counterclaims:
      - id: parking
        text: The lane would take away parking that the shops depend on.
        by: against
"""

_SOURCE = """\
Main Street traffic survey

Page 2. Of the people who cycle on Main Street, most cyclists said they feel
unsafe sharing the road with cars. Many said they would cycle more with a
separate lane.
"""


@dataclass(frozen=True, slots=True)
class Starter:
    """The files of a starter map, by path from the map's folder."""

    map_text: str
    source_path: str
    source_text: str


def starter(map_name: str) -> Starter:
    """The starter map for a file named `map_name`, its source text named
    after it (`sources/<name>.txt`)."""
    # A plain name for the source file, so it needs no quoting in YAML.
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", map_name.split(".", 1)[0]).strip("-") or "argument"
    source = str(PurePosixPath("sources") / f"{name}.txt")
    shown = map_name if map_name.isprintable() else "FILE"
    text = _MAP.format(schema=SCHEMA_FILE, map=shown, source=source)
    return Starter(text, source, _SOURCE)
