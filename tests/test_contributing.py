"""CONTRIBUTING.md stays true: every file or folder it names exists, and its
picture of the layers names every package of argmap. And no merge left its
conflict markers in a tracked file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
# Paths in backticks, as the guide writes them: `argmap/checks/gate.py`, `tests/golden/`.
PATH = re.compile(r"`((?:argmap|tests|docs|benchmarks|\.ci)/[\w./<>-]*)`")


def named_paths() -> list[str]:
    return sorted({m.group(1) for m in PATH.finditer(GUIDE) if "<" not in m.group(1)})


def test_every_path_the_guide_names_exists() -> None:
    paths = named_paths()
    assert len(paths) > 40  # the scan reads the guide
    assert [p for p in paths if not (REPO / p).exists()] == []


def test_the_picture_names_every_package() -> None:
    picture = GUIDE[GUIDE.index("## The layers") : GUIDE.index("## What lives where")]
    packages = sorted(
        p.name + "/" for p in (REPO / "argmap").iterdir() if p.is_dir() and (p / "__init__.py").exists()
    )
    assert [p for p in packages if p not in picture] == []
    assert "model.py" in picture and "errors.py" in picture and "text.py" in picture


def test_no_merge_conflict_markers_are_left_in_the_repository() -> None:
    """A conflict resolved in haste can leave its markers in a file that no
    other test reads (benchmarks/README.md did once)."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = (
        subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    marker = re.compile(r"^(<{7} |={7}$|>{7} )", re.MULTILINE)
    found = []
    for name in filter(None, tracked):
        path = REPO / name
        if not path.is_file() or path.suffix in {".png", ".pdf", ".pptx", ".vsix"}:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        if marker.search(text):
            found.append(name)
    assert found == []
