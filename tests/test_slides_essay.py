"""`argmap slides` on the essay's three biggest maps: every slide 16:9, every
claim's text at least 36 pixels high at 1920 x 1080 on at least one slide
(read back out of the SVG slides); the PowerPoint deck has a slide per
frame with notes and LibreOffice opens it to as many pages; the PDF deck
has a page per slide. Slow (tests/conftest.py): several decks of real maps."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from slides_support import claim_text_pixels, page_size
from typer.testing import CliRunner

from argmap.checks.gate import open_map
from argmap.cli import app
from argmap.render.graphviz import available_backends

REPO = Path(__file__).resolve().parent.parent
BIGGEST = ("socialism-in-one-country", "world-revolution", "quantum-dialectics")

pytestmark = pytest.mark.skipif(not any(available_backends().values()), reason="no Graphviz here")


def slides(*args: str | Path) -> None:
    result = CliRunner().invoke(app, ["slides", *(str(a) for a in args)])
    assert (result.exit_code, result.stdout) == (0, ""), result.stderr


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    out = tmp_path_factory.mktemp("decks")
    found = {}
    for name in BIGGEST:
        slides(REPO / "arguments" / f"{name}.yaml", "-o", out / name)
        found[name] = sorted((out / name).iterdir())
    return found


@pytest.mark.parametrize("name", BIGGEST)
def test_every_claim_is_36_pixels_high_on_some_16_9_slide(decks: dict[str, list[Path]], name: str) -> None:
    claims = {claim.id for claim in open_map(REPO / "arguments" / f"{name}.yaml").map.claims}
    largest = dict.fromkeys(claims, 0.0)
    for slide in decks[name]:
        assert page_size(slide) == (960, 540), slide.name
        for claim, pixels in claim_text_pixels(slide).items():
            largest[claim] = max(largest[claim], pixels)
    small = {claim: round(pixels, 1) for claim, pixels in largest.items() if pixels < 36}
    assert small == {}
    # The reading sees small text where there is some: the overview's.
    overview = claim_text_pixels(decks[name][0])
    assert len(overview) == len(claims) and max(overview.values()) < 36


def test_the_powerpoint_deck_opens_in_libreoffice_with_a_page_per_slide(
    decks: dict[str, list[Path]], tmp_path: Path
) -> None:
    if shutil.which("rsvg-convert") is None:
        pytest.skip("no rsvg-convert (apt-get install librsvg2-bin)")
    name = BIGGEST[0]
    deck = tmp_path / "talk.pptx"
    slides(REPO / "arguments" / f"{name}.yaml", "-o", deck)
    count = len(decks[name])
    with zipfile.ZipFile(deck) as package:
        names = package.namelist()
        notes = [n for n in names if n.startswith("ppt/notesSlides/notesSlide") and n.endswith(".xml")]
        assert len([n for n in names if n.startswith("ppt/slides/slide") and n.endswith(".xml")]) == count
        assert len(notes) == count
        # Each slide's notes hold words (the claims' texts, the overview's, the legend's).
        assert all(b"<a:t>" in package.read(n) for n in notes)
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdfinfo") is None:
        pytest.skip("no LibreOffice or pdfinfo (apt-get install libreoffice-impress poppler-utils)")
    profile = tmp_path / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp_path / "lo",
            deck,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    info = subprocess.run(["pdfinfo", tmp_path / "lo" / "talk.pdf"], capture_output=True, text=True).stdout
    assert f"Pages:           {count}\n" in info
    # The titles are text on the pages, not only in the pictures.
    text = subprocess.run(
        ["pdftotext", tmp_path / "lo" / "talk.pdf", "-"], capture_output=True, text=True
    ).stdout
    assert "Legend" in text and "Overview: Socialism in One Country" in text


def test_the_pdf_deck_has_a_page_per_slide(decks: dict[str, list[Path]], tmp_path: Path) -> None:
    if shutil.which("rsvg-convert") is None or shutil.which("pdfinfo") is None:
        pytest.skip("no rsvg-convert or pdfinfo (apt-get install librsvg2-bin poppler-utils)")
    name = BIGGEST[1]
    slides(REPO / "arguments" / f"{name}.yaml", "-o", tmp_path / "talk.pdf")
    info = subprocess.run(["pdfinfo", tmp_path / "talk.pdf"], capture_output=True, text=True).stdout
    assert f"Pages:           {len(decks[name])}\n" in info
    assert "Page size:       960 x 540 pts" in info
