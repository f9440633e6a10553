"""What a semantics says about a framework (:class:`Evaluation`, with its
JSON contract), and extensions as the claims they hold."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from argmap.formats.framework import Framework
from argmap.model import Label, Semantics


@dataclass(frozen=True, slots=True)
class Evaluation:
    """What a semantics says about a framework.

    `extensions` hold claim ids only (sorted; the list sorted). `labels` is
    the grounded labelling of the claims, `strengths` the gradual strengths;
    `inference_labels` and `inference_strengths` are the same for inference
    nodes. `converged` is false when a gradual semantics' iteration did not settle.
    """

    semantics: Semantics
    extensions: tuple[tuple[str, ...], ...] = ()
    labels: Mapping[str, Label] = field(default_factory=dict)
    strengths: Mapping[str, float] = field(default_factory=dict)
    inference_labels: Mapping[str, Label] = field(default_factory=dict)
    inference_strengths: Mapping[str, float] = field(default_factory=dict)
    converged: bool = True
    iterations: int = 0
    damped: bool = False
    # Enumeration stopped at its limit: `extensions` are some, not all.
    truncated: bool = False
    # ... and the limit that stopped it was time, not the number of extensions.
    timed_out: bool = False
    # Every argument's index set per extension, inference nodes included (for `why`).
    full_extensions: tuple[frozenset[int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The JSON contract: semantics, extensions; labels (grounded) or
        strengths (the gradual semantics); inferences when the map has
        inference nodes; converged and iterations for the gradual ones."""
        document: dict[str, Any] = {
            "semantics": self.semantics.value,
            "extensions": [list(e) for e in self.extensions],
        }
        if self.truncated:
            document["truncated"] = True
        if self.timed_out:
            document["timed_out"] = True
        if self.semantics is Semantics.GROUNDED:
            document["labels"] = {k: v.value for k, v in self.labels.items()}
            if self.inference_labels:
                document["inferences"] = {k: v.value for k, v in self.inference_labels.items()}
        if not self.semantics.dung:
            document["strengths"] = dict(self.strengths)
            if self.inference_strengths:
                document["inferences"] = dict(self.inference_strengths)
            document["converged"] = self.converged
            document["iterations"] = self.iterations
            if self.damped:
                document["damped"] = True
        return document


def project(framework: Framework, extension: Iterable[int]) -> tuple[str, ...]:
    """The claims of an extension, sorted."""
    names, claims = framework.arguments, framework.claim_count
    return tuple(sorted(names[i] for i in extension if i < claims))


def claim_extensions(
    framework: Framework, extensions: Iterable[Iterable[int]]
) -> tuple[tuple[str, ...], ...]:
    """Extensions as sorted claim ids, sorted. Two extensions that differ only
    in inference nodes have the same claims and are listed once."""
    return tuple(sorted({project(framework, e) for e in extensions}))
