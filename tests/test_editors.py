"""docs/editors.md's snippets for Neovim and Emacs (eglot), run in the real
editors, headless, against `argmap lsp`: the editor starts the server for a
map and shows its dangling-ref. Each part skips when its editor is not
installed (.ci/run installs Debian's neovim, emacs-nox and elpa-eglot) or
when this checkout has no `argmap lsp`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

GUIDE = (Path(__file__).parent.parent / "docs" / "editors.md").read_text(encoding="utf-8")
REPO = Path(__file__).parent.parent  # the argmap the editors run
MAP = "title: Town\nclaims:\n  - id: a\n    text: A claim.\n    premises:\n      - b9\n"


def snippets(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE, re.DOTALL)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A folder with a map (`town.argmap.yaml`, its premise undefined) and
    a `bin/argmap` that runs this checkout."""
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "lsp", "--help"],
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"},
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("this checkout has no `argmap lsp`")
    (tmp_path / "bin").mkdir()
    argmap = tmp_path / "bin" / "argmap"
    argmap.write_text(
        f'#!/bin/sh\nPYTHONPATH="{REPO}" exec "{sys.executable}" -m argmap "$@"\n', encoding="utf-8"
    )
    argmap.chmod(0o755)
    (tmp_path / "town.argmap.yaml").write_text(MAP, encoding="utf-8")
    return tmp_path


def run_editor(command: list[str], workspace: Path) -> str:
    env = {
        "PATH": f"{workspace / 'bin'}:/usr/bin:/bin",
        "HOME": str(workspace),
        "TERM": "dumb",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    done = subprocess.run(
        command, cwd=workspace, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    return done.stdout + done.stderr


def test_the_neovim_snippet_starts_the_server_and_shows_a_dangling_ref(workspace: Path) -> None:
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("no Neovim (apt-get install neovim)")
    version = subprocess.run([nvim, "--version"], capture_output=True, text=True, check=True).stdout
    found = re.match(r"NVIM v0\.(\d+)", version)
    modern, old = snippets("lua")
    snippet = old if found is not None and int(found.group(1)) < 8 else modern
    (workspace / "init.lua").write_text(snippet, encoding="utf-8")
    report = workspace / "diagnostics.txt"
    collect = (
        "lua vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 100); "
        "local out = {}; for _, d in ipairs(vim.diagnostic.get(0)) do "
        'table.insert(out, string.format("%d:%d %s %s", d.lnum + 1, d.col + 1, d.code, d.message)) end; '
        f'vim.fn.writefile(out, "{report}")'
    )
    run_editor(
        [nvim, "--headless", "-u", "init.lua", "town.argmap.yaml", "-c", collect, "-c", "qa!"], workspace
    )
    assert report.read_text(encoding="utf-8") == "6:9 dangling-ref claim 'b9' is not defined\n"


def test_the_eglot_snippet_starts_the_server_and_shows_a_dangling_ref(workspace: Path) -> None:
    emacs = shutil.which("emacs")
    if emacs is None:
        pytest.skip("no Emacs (apt-get install emacs-nox elpa-eglot)")
    (workspace / "init.el").write_text(snippets("elisp")[0], encoding="utf-8")
    # In batch mode no command runs, so eglot-ensure's hook waits: start eglot as M-x eglot would.
    script = """
(condition-case nil (require 'eglot) (error (message "NO-EGLOT") (kill-emacs 0)))
(load (expand-file-name "init.el"))
(find-file "town.argmap.yaml")
(unless (eglot-current-server) (call-interactively #'eglot))
(let ((deadline (+ (float-time) 30)))
  (while (and (< (float-time) deadline) (null (flymake-diagnostics)))
    (accept-process-output nil 0.2)))
(dolist (d (flymake-diagnostics))
  (message "DIAGNOSTIC %d %s" (line-number-at-pos (flymake-diagnostic-beg d)) (flymake-diagnostic-text d)))
"""
    (workspace / "try.el").write_text(script, encoding="utf-8")
    output = run_editor([emacs, "--batch", "-l", "try.el"], workspace)
    if "NO-EGLOT" in output:
        pytest.skip("no eglot for this Emacs (apt-get install elpa-eglot, or Emacs 29)")
    found = [line for line in output.splitlines() if line.startswith("DIAGNOSTIC ")]
    assert found == ["DIAGNOSTIC 6 argmap [dangling-ref]: claim 'b9' is not defined"], output
