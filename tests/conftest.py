"""Shared pytest setup."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/ files from the current output instead of comparing (review the diff).",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files."""
    return bool(request.config.getoption("--update-golden"))


GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def golden(update_golden: bool) -> Callable[[str, str], None]:
    """check(name, text): `text` must equal tests/golden/<name> (with
    --update-golden: becomes it)."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update_golden:
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"{path} is missing; create it with pytest --update-golden"
        assert text == path.read_text(encoding="utf-8")

    return check


def _corpora_folder() -> Path | None:
    """The shared external corpora (read-only, never copied here): named by
    $ARGMAP_CORPORA, or beside the repository as ../shared/corpora, or at the
    workplace's /work/shared/corpora when the clone lives elsewhere."""
    repo = Path(__file__).resolve().parent.parent
    candidates = [
        os.environ.get("ARGMAP_CORPORA"),
        repo.parent / "shared" / "corpora",
        "/work/shared/corpora",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


@pytest.fixture
def corpora() -> Path:
    """The corpora folder; the test is skipped, saying why, when it is absent."""
    folder = _corpora_folder()
    if folder is None:
        pytest.skip("external corpora not found: set ARGMAP_CORPORA or place them at ../shared/corpora")
    return folder
