"""argmap's own two forms as formats of the registry: the YAML tree form and
the JSON graph form, each holding all of a map.

Kept apart from tree.py and graph.py so that reading a map imports nothing
beyond the loader (`validate x.yaml` starts as fast as before the registry);
the writers are imported when writing.
"""

from __future__ import annotations

import json
import re

from argmap.formats.base import LoadResult, Written
from argmap.formats.native.read import GRAPH_TOP_KEYS, load_json_text, load_yaml_text
from argmap.model import ArgumentMap


class Yaml:
    """The tree form people write (.yaml, .yml)."""

    @staticmethod
    def read(text: str, file: str) -> LoadResult:
        return load_yaml_text(text, file, fast=True)

    @staticmethod
    def write(amap: ArgumentMap) -> Written:
        from argmap.formats.native import tree

        return Written(tree.dumps(amap))


_GRAPH_START = re.compile(r'\s*\{\s*"argmap"\s*:')


class Json:
    """The graph form tools read (.json)."""

    @staticmethod
    def read(text: str, file: str) -> LoadResult:
        return load_json_text(text, file, fast=True)

    @staticmethod
    def write(amap: ArgumentMap) -> Written:
        from argmap.formats.native import graph

        return Written(graph.dumps(amap))

    @staticmethod
    def sniff(text: str) -> bool:
        """Whether JSON text is the graph form: an `argmap` key (seen without
        parsing when it comes first, as argmap writes it), or `nodes` among
        the graph form's keys only (AIF and SADFace have `edges`)."""
        if _GRAPH_START.match(text):
            return True
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return False
        return isinstance(data, dict) and (
            "argmap" in data or ("nodes" in data and data.keys() <= set(GRAPH_TOP_KEYS))
        )
