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
    framework: Framework,
    semantics: Semantics = Semantics.GROUNDED,
    max_extensions: int | None = None,
    seconds: float | None = None,
) -> Evaluation:
    """`max_extensions` caps how many extensions complete, preferred and
    stable enumerate (a framework of n even cycles has 2**n), and `seconds`
    how long they may take (deciding whether there is one is NP-hard); the
    result says `truncated` when a cap was reached (and `timed_out` when it
    was the time). None: no cap. Grounded and the gradual semantics take
    linear or bounded time and ignore both."""
    enumerated = ENUMERATED.get(semantics)
    if enumerated is not None:
        return enumerated(framework, max_extensions, seconds)
    return SEMANTICS[semantics](framework)
