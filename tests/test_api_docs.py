"""The Python API's documents are true: every `>>>` example in
docs/api/index.md runs, from a scratch copy of arguments/, and gives the
output shown; the reference site builds with warnings as errors and names
every public name."""

from __future__ import annotations

import doctest
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import argmap

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "docs" / "api" / "index.md"
PYCON = re.compile(r"^```pycon\n(.*?)^```", re.DOTALL | re.MULTILINE)


def examples(text: str) -> str:
    """The guide's ```pycon blocks, one doctest text, blank lines between
    blocks so that each block's last output ends there."""
    return "\n".join(block.group(1) for block in PYCON.finditer(text))


def test_the_guide_has_examples() -> None:
    assert examples(GUIDE.read_text(encoding="utf-8")).count(">>> ") >= 30


def test_the_guides_examples_give_the_output_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(REPO / "arguments", tmp_path / "arguments")
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest(
        examples(GUIDE.read_text(encoding="utf-8")), {}, "docs/api/index.md", str(GUIDE), 0
    )
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


def test_the_runner_sees_a_wrong_output() -> None:
    # Guards the test above against passing vacuously.
    test = doctest.DocTestParser().get_doctest(">>> 1 + 1\n3\n", {}, "wrong", None, 0)
    runner = doctest.DocTestRunner()
    runner.run(test, out=lambda _: None)
    assert runner.failures == 1


def test_the_reference_site_builds_strictly_and_names_every_public_name(tmp_path: Path) -> None:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    if not mkdocs.exists():
        pytest.skip("mkdocs is not installed (pip install -e '.[test]')")
    done = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr
    page = (tmp_path / "site" / "reference" / "index.html").read_text(encoding="utf-8")
    documented = set(re.findall(r'id="argmap\.(\w+)"', page))
    assert set(argmap.__all__) - {"__version__"} <= documented


def test_a_docstring_naming_no_parameter_fails_the_build(tmp_path: Path) -> None:
    # Guards the strict build above against passing vacuously.
    mkdocs = Path(sys.executable).parent / "mkdocs"
    if not mkdocs.exists():
        pytest.skip("mkdocs is not installed (pip install -e '.[test]')")
    shutil.copytree(REPO / "argmap", tmp_path / "argmap", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "docs" / "api", tmp_path / "docs" / "api")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    maps = tmp_path / "argmap" / "api" / "functions.py"
    text = maps.read_text(encoding="utf-8")
    maps.write_text(
        text.replace("        path: The file.\n", "        path: The file.\n        nonsense: No.\n", 1)
    )
    done = subprocess.run(
        [str(mkdocs), "build", "--strict"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "Parameter 'nonsense' does not appear in the function signature" in done.stderr
