"""The committed pictures in docs/maps/ and docs/pictures/ are drawn from the maps as they are now."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def build(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "docs" / "build.py"), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_every_map_has_a_current_picture() -> None:
    result = build("--check")
    assert result.returncode == 0, "run `python docs/build.py`:\n" + result.stderr
    assert result.stdout == ""


def test_the_check_notices_a_changed_map_and_the_build_fixes_it(tmp_path: Path) -> None:
    maps, pictures = tmp_path / "maps", tmp_path / "pictures"
    maps.mkdir()
    (maps / "m.yaml").write_text("claims:\n  - {id: a, text: A.}\n  - {id: b, text: B., premises: [a]}\n")
    assert build("--maps", maps, "--pictures", pictures).returncode == 0
    assert build("--check", "--maps", maps, "--pictures", pictures).returncode == 0
    (maps / "m.yaml").write_text(
        "claims:\n  - {id: a, text: A changed.}\n  - {id: b, text: B., premises: [a]}\n"
    )
    (pictures / "gone.svg").write_text("<svg/>")
    stale = build("--check", "--maps", maps, "--pictures", pictures)
    assert stale.returncode == 1
    assert stale.stderr.splitlines() == [
        f"{pictures / 'm.svg'}: stale: {maps / 'm.yaml'} has changed since it was drawn",
        f"{pictures / 'gone.svg'}: no map in {maps} draws it",
    ]
    assert build("--maps", maps, "--pictures", pictures).stdout.splitlines() == [
        f"wrote {pictures / 'm.svg'}",
        f"wrote {pictures / 'gone.svg'}",
    ]
    assert build("--check", "--maps", maps, "--pictures", pictures).returncode == 0


def test_the_readme_pictures_of_themes_and_focus_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "docs" / "showcase.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, "run `python docs/showcase.py`:\n" + result.stderr
    assert result.stdout == ""
