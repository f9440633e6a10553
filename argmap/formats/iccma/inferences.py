"""Reading back the inference arguments argmap writes into a framework.

A map written as a framework (argmap.formats.iccma.maps) gets an argument for
each inference an undercut attacks, named after its relation:
`support:p:c`, `attack:k:c`, `undercut:u:support:p:c`. Read back, such an
argument is that relation again, not a claim: attacks on it are undercuts,
its own attack on its target is the relation itself, and the attacks it
inherits from its premise (whatever attacks `p` attacks `support:p:c` too)
are dropped as the writer's doing, unless no other attack on it is left to
be the undercut it was written for. A name is read so only when both of its
ends are arguments of the same file. Either way the framework read back is
the one written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from argmap.model import RelationType

_INFERENCE_NAME = re.compile(r"(support|attack|undercut):([^:\s]+):(\S+)")


class Inference(NamedTuple):
    type: RelationType
    source: str
    target: str


def inference_arguments(names: Iterable[str], attacks: Iterable[tuple[str, str]]) -> dict[str, Inference]:
    """The arguments named after a relation whose ends the file has, and
    that attack nothing but what the writer makes them attack (their target;
    inferences from it). An undercut's target must itself be an inference."""
    names = set(names)
    found: dict[str, Inference] = {}
    for name in [n for n in names if ":" in n]:  # the few that can be one, quickly
        match = _INFERENCE_NAME.fullmatch(name)
        if match is not None and match.group(2) in names and match.group(3) in names:
            found[name] = Inference(RelationType(match.group(1)), match.group(2), match.group(3))
    if not found:
        return found
    attacked: dict[str, set[str]] = {}
    for a, b in attacks:
        if a in found:
            attacked.setdefault(a, set()).add(b)
    while True:  # dropping one may make another wrong: until none is
        wrong = [n for n, i in found.items() if not _as_written(i, attacked.get(n, set()), found)]
        if not wrong:
            return found
        for name in wrong:
            del found[name]


def _as_written(inference: Inference, attacked: set[str], found: dict[str, Inference]) -> bool:
    if (inference.type is RelationType.UNDERCUT) != (inference.target in found):
        return False  # an undercut of something that is no inference is no undercut
    if inference.type is RelationType.SUPPORT and inference.target in attacked:
        return False  # a support does not attack
    return all(
        b == inference.target or (b in found and found[b].source == inference.target) for b in attacked
    )


class AttackMeaning:
    """What each attack listed between arguments means in the map."""

    def __init__(self, inferences: dict[str, Inference], attacks: Iterable[tuple[str, str]]) -> None:
        self.inferences = inferences
        self.attacks = set(attacks)
        # Inferences with an attacker that does not also attack the premise.
        self.undercut = {b for a, b in self.attacks if b in inferences and not self._inherited(a, b)}

    def _inherited(self, attacker: str, inference: str) -> bool:
        return (attacker, self.inferences[inference].source) in self.attacks

    def __call__(self, attacker: str, attacked: str) -> RelationType | None:
        """An ATTACK, an UNDERCUT (of an inference), or None when the writer
        made it (an inference's own attack on its target, or one inherited
        from its premise)."""
        if attacker in self.inferences:
            return None  # its own attack, or one inherited (inference_arguments made sure)
        if attacked not in self.inferences:
            return RelationType.ATTACK
        if attacked in self.undercut and self._inherited(attacker, attacked):
            return None
        return RelationType.UNDERCUT
