"""Abstract argumentation frameworks in the formats the ICCMA solvers read.

* ASPARTIX ``.apx``: facts ``arg(a).`` and ``att(a,b).``, any number a line;
  ``%`` starts a comment.
* Trivial Graph Format ``.tgf``: one argument a line (an id, then an
  optional label), a line ``#``, then one ``attacker attacked`` pair a line.
* ICCMA 2023 ``.af``: a line ``p af N``, then one ``i j`` pair a line with
  1 <= i, j <= N; lines starting with ``#`` are comments.

Two parts: ``frameworks.py`` reads and writes the files as Frameworks (what
``argmap evaluate x.af`` needs, so this package re-exports it: nothing
more is imported), ``maps.py`` makes maps of them and frameworks of maps
(the registry's ``Apx``, ``Tgf`` and ``Af``).
"""

from __future__ import annotations

from argmap.formats.iccma.frameworks import (
    READERS,
    is_framework_file,
    parse_af,
    parse_apx,
    parse_tgf,
    read_framework,
)

__all__ = ["READERS", "is_framework_file", "parse_af", "parse_apx", "parse_tgf", "read_framework"]
