"""Argument schemes and their critical questions: the built-in catalogue.

The catalogue is data (catalogue.json beside this module), read once, when
first asked for, so commands that never meet a scheme do not pay for it.
docs/schemes.md lists it and cites the published sources; the questions are
in argmap's own words.

A map names a scheme by id (``expert-opinion``); a map may add schemes of
its own (``schemes:``), which win over built-in ones of the same id. Other
tools name schemes in their own ways ("Argument From Expert Opinion",
"ExpertOpinion"): :func:`scheme_for_name` finds the scheme such a name
means.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from argmap.errors import UsageError
from argmap.model import ArgumentMap, CriticalQuestion, Scheme

__all__ = [
    "SchemeNames",
    "builtin_schemes",
    "map_schemes",
    "name_key",
    "scheme_dict",
    "scheme_for_name",
    "scheme_suggestion",
    "select_schemes",
]

_NOT_WORD = re.compile(r"[\W_]+")


@cache
def builtin_schemes() -> tuple[Scheme, ...]:
    """Every built-in scheme, in catalogue order."""
    from importlib import resources  # here: commands that meet no scheme do not import it

    text = resources.files(__name__).joinpath("catalogue.json").read_text(encoding="utf-8")
    return tuple(_scheme(entry) for entry in json.loads(text)["schemes"])


def _scheme(entry: Mapping[str, Any]) -> Scheme:
    return Scheme(
        id=entry["id"],
        name=entry["name"],
        premises=tuple(entry["premises"]),
        conclusion=entry.get("conclusion"),
        questions=tuple(CriticalQuestion(q["id"], q["text"]) for q in entry["critical_questions"]),
        aif=tuple(entry.get("aif", ())),
    )


def map_schemes(amap: ArgumentMap) -> dict[str, Scheme]:
    """The schemes a map may name: the catalogue's, then the map's own
    (which replace built-in ones of the same id), by id."""
    found = {s.id: s for s in builtin_schemes()}
    found.update(amap.schemes)
    return found


def name_key(name: str) -> str:
    """A name with case, spaces and punctuation taken out, and without a
    leading "Argument from": how names from other tools are matched."""
    key = _NOT_WORD.sub("", name).casefold()
    return key.removeprefix("argumentfrom") or key


@cache
def _by_name_key() -> dict[str, Scheme]:
    index: dict[str, Scheme] = {}
    for scheme in builtin_schemes():
        for name in (scheme.id, scheme.name, *scheme.aif):
            index.setdefault(name_key(name), scheme)
    return index


def scheme_for_name(name: str, extra: Iterable[Scheme] = ()) -> Scheme | None:
    """The scheme another tool's name means (AIFdb's "Argument From Expert
    Opinion", Araucaria's "ExpertOpinion"), among the catalogue and `extra`
    (the map's own, looked at first); None when none matches."""
    key = name_key(name)
    for scheme in extra:
        if key in {name_key(n) for n in (scheme.id, scheme.name, *scheme.aif)}:
            return scheme
    return _by_name_key().get(key)


def scheme_suggestion(word: str, known: Iterable[str]) -> str:
    """ "; did you mean 'x'?" for the closest of `known`, or ""."""
    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def scheme_dict(scheme: Scheme) -> dict[str, Any]:
    """A scheme as `argmap schemes --format json` gives it: id, name,
    premises, conclusion (when known), critical_questions [{id, text}], aif."""
    entry: dict[str, Any] = {"id": scheme.id, "name": scheme.name, "premises": list(scheme.premises)}
    if scheme.conclusion is not None:
        entry["conclusion"] = scheme.conclusion
    entry["critical_questions"] = [{"id": q.id, "text": q.text} for q in scheme.questions]
    if scheme.aif:
        entry["aif"] = list(scheme.aif)
    return entry


def select_schemes(known: Mapping[str, Scheme], ids: Iterable[str]) -> list[Scheme]:
    """The schemes named by `ids`, in the order given; all of `known` when
    none is named. Raises UsageError for an id none of them has."""
    wanted = list(ids)
    if not wanted:
        return list(known.values())
    for scheme_id in wanted:
        if scheme_id not in known:
            raise UsageError(f"no scheme has id {scheme_id!r}{scheme_suggestion(scheme_id, known)}")
    return [known[i] for i in dict.fromkeys(wanted)]


class SchemeNames:
    """Scheme names read from another tool's file -> scheme ids: the
    catalogue's id when it knows the name, else a scheme of the map's own,
    made once a name (`schemes` holds them, for the map)."""

    def __init__(self, own: Mapping[str, Scheme] | None = None) -> None:
        self.schemes: dict[str, Scheme] = dict(own or {})

    def id_for(self, name: str) -> str:
        found = scheme_for_name(name, self.schemes.values())
        if found is not None:
            return found.id
        words = re.findall(r"\w+", name.casefold())
        if words[:2] == ["argument", "from"] and len(words) > 2:
            words = words[2:]
        scheme_id = "-".join(words) or "scheme"
        while scheme_id in self.schemes:
            scheme_id += "-"
        self.schemes[scheme_id] = Scheme(scheme_id, name, aif=(name,))
        return scheme_id
