"""argmap: argument maps as plain YAML files.

The public, stable API is what ``__all__`` names; every other module of the
package is internal and may change. A sketch (docs/api/index.md has more)::

    import argmap

    m = argmap.load("arguments/socialism-in-one-country.yaml")
    problems = m.check()                  # [Diagnostic], file:line:col each
    labels = m.evaluate("grounded")       # {"claim-id": "in" | "out" | "undec"}
    svg = m.render("svg", root="prediction")
    text = m.dumps("argdown")

The names are imported on first use, so ``import argmap`` (and
``argmap --version``) loads none of the library.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# Not typing's: `import typing` alone would double what `import argmap`
# costs. Type checkers treat any TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from argmap.analysis.diff import Change, ChangeKind
    from argmap.api import Evaluation, Map, diff, load, loads
    from argmap.errors import (
        ArgmapError,
        Diagnostic,
        InputError,
        MapInvalidError,
        OutputError,
        Severity,
        ToolMissingError,
        UsageError,
    )
    from argmap.model import Claim, Relation, RelationType, Semantics, Side, Source, SourceRef

# Public name -> the module it lives in, imported when the name is first used.
_EXPORTS: dict[str, str] = {
    "Map": "argmap.api",
    "load": "argmap.api",
    "loads": "argmap.api",
    "diff": "argmap.api",
    "Evaluation": "argmap.api",
    "Change": "argmap.analysis.diff",
    "ChangeKind": "argmap.analysis.diff",
    "Claim": "argmap.model",
    "Relation": "argmap.model",
    "RelationType": "argmap.model",
    "Semantics": "argmap.model",
    "Side": "argmap.model",
    "Source": "argmap.model",
    "SourceRef": "argmap.model",
    "Diagnostic": "argmap.errors",
    "Severity": "argmap.errors",
    "ArgmapError": "argmap.errors",
    "InputError": "argmap.errors",
    "MapInvalidError": "argmap.errors",
    "OutputError": "argmap.errors",
    "ToolMissingError": "argmap.errors",
    "UsageError": "argmap.errors",
}

__all__ = [
    "ArgmapError",
    "Change",
    "ChangeKind",
    "Claim",
    "Diagnostic",
    "Evaluation",
    "InputError",
    "Map",
    "MapInvalidError",
    "OutputError",
    "Relation",
    "RelationType",
    "Semantics",
    "Severity",
    "Side",
    "Source",
    "SourceRef",
    "ToolMissingError",
    "UsageError",
    "__version__",
    "diff",
    "load",
    "loads",
]


if not TYPE_CHECKING:  # type checkers see the imports above, and so catch a misspelt name

    def __getattr__(name: str) -> Any:
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module 'argmap' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # looked up once
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
