"""What `Map.evaluate` gives back: a plain dict of claim id -> label or
strength, that also explains itself and shows itself as a table in Jupyter."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from argmap.analysis.evaluate import Evaluation as Result
from argmap.analysis.evaluate import Framework, claim_statuses, why
from argmap.errors import UsageError
from argmap.render.evaluation import why_text
from argmap.text import escape_controls

__all__ = ["Evaluation"]


class Evaluation(dict[str, str | float]):
    """Claim id -> its status under one semantics, in map order.

    Under Dung's semantics (grounded, complete, preferred, stable) the value
    is ``"in"``, ``"out"`` or ``"undec"``: with several extensions a claim
    in every one is in, in none is out, in some is undec. Under a gradual
    semantics it is the claim's strength, a float from 0 to 1. Stable
    semantics may have no extension at all: then the dict is empty and
    ``extensions`` is ``()``.

    It is a ``dict`` (compare it, index it, serialise it); it also says why
    a claim has its status (``why``, ``explain``), gives the JSON that
    ``argmap evaluate --format json`` prints (``to_json``), and shows
    itself as a table in Jupyter.
    """

    def __init__(self, result: Result, framework: Framework, texts: Mapping[str, str]) -> None:
        super().__init__(_statuses(result, texts))
        self._result = result
        self._framework = framework
        self._texts = dict(texts)

    @property
    def semantics(self) -> str:
        """The semantics evaluated under: ``"grounded"``, ``"dfquad"``, ..."""
        return self._result.semantics.value

    @property
    def extensions(self) -> tuple[tuple[str, ...], ...]:
        """The extensions (sorted claim ids, sorted); empty for gradual semantics."""
        return self._result.extensions

    @property
    def converged(self) -> bool:
        """False when a gradual semantics' iteration did not settle."""
        return self._result.converged

    @property
    def truncated(self) -> bool:
        """True when enumerating extensions stopped at a limit: the
        extensions are some, not all."""
        return self._result.truncated

    @property
    def timed_out(self) -> bool:
        """True when the limit that stopped it was ``time_limit``."""
        return self._result.timed_out

    def to_json(self) -> dict[str, Any]:
        """The JSON document ``argmap evaluate --format json`` prints."""
        return self._result.to_json()

    def why(self, claim_id: str) -> dict[str, Any]:
        """Why a claim (or undercut relation) has its status, as the JSON
        document ``argmap evaluate --why ID --format json`` prints: its
        attackers and what defeats them (Dung), or each reason's
        contribution to its strength (gradual). Raises UsageError for an
        id the map has not."""
        return why(self._result, self._framework, self._known(claim_id)).to_json()

    def explain(self, claim_id: str) -> str:
        """The same explanation as text, as ``argmap evaluate --why ID`` prints it."""
        return why_text(why(self._result, self._framework, self._known(claim_id)), self._texts)

    def _known(self, claim_id: str) -> str:
        if claim_id not in self._framework.index:
            raise UsageError(f"no claim or undercut relation {claim_id!r} in the map")
        return claim_id

    def _repr_html_(self) -> str:
        """A table for Jupyter: claim, status, text (every value escaped)."""
        heading = "strength" if not self._result.semantics.dung else "status"
        rows = "".join(
            f"<tr><td><code>{_cell(claim)}</code></td><td>{_cell(_shown(value))}</td>"
            f"<td>{_cell(self._texts.get(claim, ''))}</td></tr>"
            for claim, value in self.items()
        )
        return (
            f"<table><caption>{_cell(self.semantics)}</caption>"
            f"<thead><tr><th>claim</th><th>{heading}</th><th>text</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )


def _statuses(result: Result, texts: Mapping[str, str]) -> dict[str, str | float]:
    """Claim -> label or strength, in the map's claim order."""
    if not result.semantics.dung:
        return {claim: result.strengths[claim] for claim in texts if claim in result.strengths}
    found = claim_statuses(result, texts) or {}
    return {claim: found[claim] for claim in texts if claim in found}


def _shown(value: str | float) -> str:
    return f"{value:.3f}" if isinstance(value, float) else value


def _cell(text: str) -> str:
    """User text for an HTML cell: escaped, control characters made visible."""
    return html.escape(escape_controls(text))
