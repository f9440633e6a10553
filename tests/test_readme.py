"""The documents' examples are real: every `$ command` in a ```console block
of the README (and the other documents below) is run from the repository
root of a scratch copy of arguments/ and tests/data/, and its output must be
the lines under it. `pytest --update-golden` rewrites those lines."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent
DOCUMENTS = [
    "README.md",
    "arguments/README.md",
    "docs/essay.md",
    "docs/prep.md",
    "docs/talks.md",
    "docs/formats.md",
]
BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.DOTALL)


def run_block(body: str, workspace: Path, env: dict[str, str]) -> tuple[str, list[tuple[str, str, str]]]:
    """The block with real outputs, and (command, expected, actual) per command."""
    results: list[tuple[str, str, str]] = []
    rebuilt: list[str] = []
    command: str | None = None
    expected: list[str] = []

    def finish() -> None:
        if command is None:
            return
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=workspace,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=120,
            check=False,
        )
        results.append((command, "".join(line + "\n" for line in expected), done.stdout))
        rebuilt.append(f"$ {command}\n{done.stdout}")

    for line in body.splitlines():
        if line.startswith("$ "):
            finish()
            command, expected = line[2:], []
        else:
            expected.append(line)
    finish()
    return "".join(rebuilt), results


@pytest.mark.parametrize("document", DOCUMENTS)
def test_examples_are_real_output(document: str, tmp_path: Path, update_golden: bool) -> None:
    shutil.copytree(REPO / "arguments", tmp_path / "arguments")
    shutil.copytree(REPO / "tests" / "data", tmp_path / "tests" / "data")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
    }
    env.pop("FORCE_COLOR", None)
    path = REPO / document
    text = path.read_text(encoding="utf-8")
    mismatches: list[str] = []

    def replace(match: re.Match[str]) -> str:
        rebuilt, results = run_block(match.group(2), tmp_path, env)
        for command, expected, actual in results:
            if expected != actual:
                mismatches.append(f"$ {command}\n--- {document}\n{expected}--- actual\n{actual}")
        return match.group(1) + rebuilt + match.group(3)

    updated = BLOCK.sub(replace, text)
    if update_golden:
        path.write_text(updated, encoding="utf-8")
        return
    assert not mismatches, (
        f"{document} examples differ (pytest --update-golden rewrites them):\n" + "\n".join(mismatches)
    )
