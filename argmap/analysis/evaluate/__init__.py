"""Which claims stand: Dung's semantics and gradual strengths over a map.

Pure functions over the model; the standard library only, plus python-sat
(imported when a semantics needs it) for complete, preferred and stable.

The framework
-------------
A map becomes a Dung framework (:class:`Framework`) as follows; see
docs/evaluation.md for a worked example.

* Every claim is an argument. Supports add no attacks: they do not change
  Dung acceptability (DF-QuAD uses them; see below).
* An attack relation ``a -> b`` is the attack ``(a, b)``.
* A relation that is undercut gets an *inference node*: an argument whose id
  is the relation id (``attack:a:b``, ``support:p:c``). Then
  - every undercutter attacks the inference node;
  - the inference node is attacked by every attacker of the relation's
    source claim: an inference stands only if its premise does;
  - for an undercut attack ``a -> b``, the attack on ``b`` goes through the
    node: the node attacks ``b`` and ``a`` does not attack ``b`` directly.
    For an undercut support the node attacks nothing; its label is still
    reported (among the inferences).
  An undercut is itself a relation (its source attacks the inference node of
  its target), so an undercut of an undercut works the same way, recursively.

* A linked group of counterclaims or undercuts (relations of one type into
  one target sharing a ``group``) is one collective attack (a SETAF, Nielsen
  and Parsons 2006): it succeeds only when all its members are in, and is
  defeated when one is out. A linked group has one inference node (named by
  its first relation's id), attacked by every attack on any of its members.

This is the flattening of AFRA, the argumentation framework with recursive
attacks (Baroni, Cerutti, Giacomin, Guida, IJAR 52(1), 2011), where an attack
is defeated by an attack on it (the undercut) and by an attack on its source.
AFRA gives every attack a node; a relation that nobody undercuts is attacked
exactly by the attackers of its source, so in every complete labelling its
node has its source's label and it can be left out without changing any
claim's status; argmap draws a node only for relations that are undercut.
The same shape is ASPIC+'s (Modgil and Prakken, Argument & Computation 5(1),
2014): the argument "a, so not b" falls to an undercut on its last inference
and to any attack on its sub-argument a.

Results are about claims: extensions hold claim ids only, sorted, and the
list of extensions is sorted; the labels of inference nodes are reported
apart (``inferences``).

Semantics
---------
* ``grounded``: the least complete labelling, by the linear-time queue
  algorithm (an argument is in when all its attackers are out, out when an
  attacker is in; what is never reached is undecided).
* ``complete``, ``preferred``, ``stable``: SAT encodings solved with
  python-sat. Complete extensions: Besnard and Doutre's encoding with an
  "attacked" variable per argument; stable: conflict-free and every argument
  outside attacked. Preferred: iterated maximisation as in PrefSAT/ArgSemSAT
  (Cerutti, Dunne, Giacomin, Vallati 2013) and CEGARTIX: find a complete
  extension outside the ones found, grow it while a strictly larger complete
  extension exists, then block every subset of it. The grounded labelling is
  computed first and fixed in every encoding (every complete extension
  contains its in-arguments and none of its out-arguments).
* ``dfquad``: DF-QuAD (Rago, Toni, Aurisicchio, Baroni, KR 2016). Base score
  from ``weight`` (0.5 when absent). Attackers and supporters are aggregated
  with the probabilistic sum ``1 - prod(1 - v)`` and combined with the base
  ``v0``: ``v0 - v0 * (va - vs)`` when ``va >= vs``, else
  ``v0 + (1 - v0) * (vs - va)``.
  A relation contributes its own weight (1 when unset) times
  ``strength(source) * strength(inference)``. An inference node has base score 1 and no supporters; its undercuts are its
  attackers, so its strength is ``1 - F(undercuts)``; an undercut's own
  contribution is weakened by the undercuts of the undercut, and so on.
  A linked group (premises, counterclaims or undercuts) is one reason: its
  contribution is the product of its members' strengths and its inference's (the premises hold only together; the
  product is the t-norm dual to DF-QuAD's probabilistic sum).
  The graph is evaluated in topological order of its strongly connected
  components: exactly where it is acyclic, and by simultaneous (Jacobi)
  iteration from the base scores within each cycle, until no strength moves
  by more than the tolerance. A cycle that still oscillates after 1,000
  iterations (or half the limit) is iterated on with averaging, ``x <- (x + f(x)) / 2``
  (same fixed points; ``damped`` says so); ``converged`` is false when that
  did not settle either.
* ``quad``, ``euler``, ``quadratic-energy``, ``h-categorizer``: the other
  gradual semantics (QuAD, Baroni et al. 2015; Euler-based, Amgoud and
  Ben-Naim 2018; quadratic energy, Potyka 2018; weighted h-categorizer,
  Amgoud et al. 2017) on the same reasons, order and iteration as
  ``dfquad``; each differs only in how a node's attacks and supports are
  aggregated and combined with its base score (``influence.py``;
  docs/evaluation.md gives the formulas). The h-categorizer counts attacks
  only. In every one a relation's ``weight`` (1 when unset) scales its
  contribution, and a linked group counts with the least of its members'
  weights.
"""

from __future__ import annotations

from argmap.analysis.evaluate.dung import Enumerator, complete, grounded, preferred, stable
from argmap.analysis.evaluate.explain import Attacker, Chain, Contribution, Step, Why, why
from argmap.analysis.evaluate.gradual import DEFAULT_WEIGHT, MAX_ITERATIONS, TOLERANCE, dfquad, gradual
from argmap.analysis.evaluate.marks import MARK_LIMIT, claim_statuses, status_marks
from argmap.analysis.evaluate.results import Evaluation
from argmap.analysis.evaluate.semantics import ENUMERATED, SEMANTICS, evaluate
from argmap.formats.framework import Framework, framework_from_map
from argmap.model import Label, Semantics

__all__ = [
    "DEFAULT_WEIGHT",
    "ENUMERATED",
    "MARK_LIMIT",
    "MAX_ITERATIONS",
    "SEMANTICS",
    "TOLERANCE",
    "Attacker",
    "Chain",
    "Contribution",
    "Enumerator",
    "Evaluation",
    "Framework",
    "Label",
    "Semantics",
    "Step",
    "Why",
    "claim_statuses",
    "complete",
    "dfquad",
    "evaluate",
    "framework_from_map",
    "gradual",
    "grounded",
    "preferred",
    "stable",
    "status_marks",
    "why",
]
