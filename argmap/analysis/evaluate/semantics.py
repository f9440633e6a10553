"""Every semantics by name, and :func:`evaluate`, which runs one."""

from __future__ import annotations

from collections.abc import Callable

from argmap.analysis.evaluate.dung import Enumerator, complete, grounded, preferred, stable
from argmap.analysis.evaluate.gradual import dfquad, euler, h_categorizer, quad, quadratic_energy
from argmap.analysis.evaluate.results import Evaluation
from argmap.formats.framework import Framework
from argmap.model import Semantics

SEMANTICS: dict[Semantics, Callable[[Framework], Evaluation]] = {
    Semantics.GROUNDED: grounded,
    Semantics.COMPLETE: complete,
    Semantics.PREFERRED: preferred,
    Semantics.STABLE: stable,
    Semantics.DFQUAD: dfquad,
    Semantics.QUAD: quad,
    Semantics.EULER: euler,
    Semantics.QUADRATIC_ENERGY: quadratic_energy,
    Semantics.H_CATEGORIZER: h_categorizer,
}
# Semantics whose extensions are enumerated, and can be exponentially many.
ENUMERATED: dict[Semantics, Enumerator] = {
    Semantics.COMPLETE: complete,
    Semantics.PREFERRED: preferred,
    Semantics.STABLE: stable,
}


def evaluate(
    framework: Framework, semantics: Semantics = Semantics.GROUNDED, max_extensions: int | None = None
) -> Evaluation:
    """`max_extensions` caps how many extensions complete, preferred and
    stable enumerate (a framework of n even cycles has 2**n); the result
    says `truncated` when the cap was reached. None: no cap."""
    enumerated = ENUMERATED.get(semantics)
    if enumerated is not None:
        return enumerated(framework, max_extensions)
    return SEMANTICS[semantics](framework)
