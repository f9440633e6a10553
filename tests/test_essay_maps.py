"""The essay's maps in arguments/: what issue 3 asks of them, kept true.

Validation itself (quotes verbatim, sides declared, no duplicate texts) is
`argmap validate --strict arguments/` in test_cli; these are the rules that
span maps or are particular to this project's content.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.analysis.coverage import measure
from argmap.formats.registry import load_path
from argmap.model import ArgumentMap, Claim

REPO = Path(__file__).resolve().parent.parent
ESSAY = REPO / "arguments" / "sources" / "trotsky-quantum-dialectics.txt"
MAP_FILES = sorted((REPO / "arguments").glob("*.yaml"))
# Every claim not from the essay says so in its note; most read "Not from the
# essay: an objection a critic would raise."
CRITIC_NOTE = "Not from the essay:"
SIDES = {
    "stalin": ("Stalin", "#c0641a"),
    "trotsky": ("Trotsky", "#1f5fa8"),
    "essay": ("The essay's author", "#1a8a8a"),
    "critic": ("Critic", "#666666"),
}


@pytest.fixture(scope="module")
def maps() -> list[ArgumentMap]:
    return [load_path(f).map for f in MAP_FILES]


def test_there_is_a_map_for_every_debate_the_issue_names() -> None:
    names = {f.stem for f in MAP_FILES}
    assert {
        "socialism-in-one-country",
        "permanent-revolution",
        "bureaucratic-degeneration",
        "world-revolution",
        "stalin-trotsky-differences",
        "stalins-charges",
        "trotsky-today",
        "quantum-dialectics",
    } <= names


@pytest.mark.parametrize("map_file", MAP_FILES, ids=lambda p: p.stem)
def test_every_map_declares_the_four_sides_alike(map_file: Path) -> None:
    amap = load_path(map_file).map
    assert {s.id: (s.name, s.colour) for s in amap.sides.values()} == SIDES


@pytest.mark.parametrize("map_file", MAP_FILES, ids=lambda p: p.stem)
def test_claims_quote_the_essay_or_say_they_are_not_from_it(map_file: Path) -> None:
    """A critic's claims are never the essay's; a Trotsky or Stalin claim may
    come from elsewhere (their own writings) when it says so."""
    for claim in load_path(map_file).map.claims:
        assert claim.by in SIDES, claim.id
        if claim.by == "critic" or (claim.note or "").startswith(CRITIC_NOTE):
            assert (claim.note or "").startswith(CRITIC_NOTE) and claim.source is None, claim.id
        else:
            assert claim.all_sources(), f"{claim.id} quotes nothing"
            assert all(s.ref == "essay" and s.quote for s in claim.all_sources()), claim.id


@pytest.mark.parametrize("map_file", MAP_FILES, ids=lambda p: p.stem)
def test_no_two_claims_in_a_map_share_a_text(map_file: Path) -> None:
    texts = [" ".join(c.text.casefold().split()) for c in load_path(map_file).map.claims]
    assert len(texts) == len(set(texts))


def _essence(claim: Claim) -> tuple[str, str | None, tuple[str | None, ...]]:
    return claim.text, claim.by, tuple(s.quote for s in claim.all_sources())


def test_a_claim_shared_between_maps_keeps_its_id_and_wording(maps: list[ArgumentMap]) -> None:
    by_id: dict[str, tuple[str, tuple[str, str | None, tuple[str | None, ...]]]] = {}
    by_text: dict[str, tuple[str, str]] = {}
    for amap in maps:
        name = Path(amap.file).name
        for claim in amap.claims:
            seen = by_id.setdefault(claim.id, (name, _essence(claim)))
            assert seen[1] == _essence(claim), f"'{claim.id}' differs between {seen[0]} and {name}"
            key = " ".join(claim.text.casefold().split())
            other = by_text.setdefault(key, (name, claim.id))
            assert other[1] == claim.id, f"{other[0]}#{other[1]} and {name}#{claim.id} have the same text"


def _left_out_on_purpose() -> dict[str, str]:
    """Sentence -> reason, from the table in arguments/README.md."""
    readme = (REPO / "arguments" / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Sentences left out", 1)[1]
    rows = re.findall(r"^\| *(\d+:\d+) *\| *(.+?) *\| *(.+?) *\|$", section, flags=re.MULTILINE)
    return {f"{where} {sentence}": reason for where, sentence, reason in rows}


def test_the_maps_quote_95_percent_of_the_essay_and_the_rest_is_listed(maps: list[ArgumentMap]) -> None:
    report = measure(str(ESSAY), ESSAY.read_text(encoding="utf-8"), maps)
    assert report.percent >= 95.0, f"{report.percent:.1f}% of sentences quoted"
    missed = {f"{s.line}:{s.column} {s.text}" for s in report.uncovered()}
    assert missed == set(_left_out_on_purpose()), "arguments/README.md lists other sentences"
