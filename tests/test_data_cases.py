"""Example files: every valid case is clean under --strict; every invalid case
reports exactly the diagnostics in its .expected file."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.checks.gate import check_file

DATA = Path(__file__).parent / "data"
VALID = sorted(p for p in (DATA / "valid").iterdir() if p.suffix in {".yaml", ".json"})
INVALID = sorted((DATA / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_case_has_no_diagnostics(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(path.parent)
    checked = check_file(path.name)
    assert [str(d) for d in checked.diagnostics] == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_case_matches_expected(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(path.parent)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert expected, f"{path.name}: an invalid case must expect at least one diagnostic"
    checked = check_file(path.name)
    assert [str(d) for d in checked.diagnostics] == expected


def test_every_invalid_case_has_an_expected_file() -> None:
    for path in INVALID:
        assert path.with_suffix(".expected").is_file(), path
