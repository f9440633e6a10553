"""Shell completion: typer's --show-completion / --install-completion, and
what argmap answers when a shell asks (the `_ARGMAP_COMPLETE` protocol):
command names from the command table, claim ids of the map on the line for
--root and --highlight. Each case runs argmap in a subprocess, as a shell
would; the last ones in a real bash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parent.parent
VALID = REPO / "tests" / "data" / "valid"
ALL_FEATURES_IDS = ["c1", "p1", "u1", "p2", "p3", "k1", "r1", "x1"]


def complete(shell: str, words: str, cwd: Path = VALID, **extra: str) -> subprocess.CompletedProcess[str]:
    """argmap asked by `shell` to complete the command line `words` (the
    last word being typed; a trailing space: a new, empty word)."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "_ARGMAP_COMPLETE": f"complete_{shell}", **extra}
    if shell == "bash":
        env["COMP_WORDS"] = words
        env["COMP_CWORD"] = str(len(words.split(" ")) - 1)
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
    return subprocess.run(
        [sys.executable, "-m", "argmap"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_bash_gets_the_claim_ids_of_the_map_for_root() -> None:
    done = complete("bash", "argmap show all-features.yaml --root ")
    assert (done.returncode, done.stdout.split(), done.stderr) == (0, ALL_FEATURES_IDS, "")


def test_only_the_ids_that_start_with_what_is_typed() -> None:
    done = complete("bash", "argmap render all-features.yaml -o x.svg --highlight p")
    assert (done.returncode, done.stdout.split(), done.stderr) == (0, ["p1", "p2", "p3"], "")


def test_an_option_before_the_map_and_a_map_read_already_both_work() -> None:
    done = complete("bash", "argmap show --depth 1 all-features.yaml --root u")
    assert done.stdout.split() == ["u1"]
    # slides and prep take --root too.
    done = complete("bash", "argmap slides all-features.yaml --root k")
    assert done.stdout.split() == ["k1"]
    done = complete("bash", "argmap prep all-features.yaml --side pro --root r")
    assert done.stdout.split() == ["r1"]


def test_zsh_and_fish_get_each_id_with_its_claim_text() -> None:
    zsh = complete("zsh", "argmap show all-features.yaml --root c")
    assert (zsh.stdout, zsh.stderr) == ('_arguments \'*: :(("c1":"Main claim"))\'\n', "")
    fish = complete("fish", "argmap show all-features.yaml --root c", _TYPER_COMPLETE_FISH_ACTION="get-args")
    assert (fish.stdout, fish.stderr) == ("c1\tMain claim\n", "")


@pytest.mark.parametrize("target", ["missing.yaml", "broken.yaml", "notes.txt"])
def test_a_map_that_cannot_be_read_offers_nothing_and_prints_no_error(tmp_path: Path, target: str) -> None:
    (tmp_path / "broken.yaml").write_text("claims: [\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("hello\n", encoding="utf-8")
    done = complete("bash", f"argmap show {target} --root ", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "\n", "")


def test_command_names_come_from_the_table_with_their_help() -> None:
    done = complete("bash", "argmap s")
    assert done.stdout.split() == ["show", "slides", "schema", "schemes"]
    zsh = complete("zsh", "argmap git-s")
    assert zsh.stdout == ('_arguments \'*: :(("git-setup":"Make git show argument changes in maps."))\'\n')


def workspace(tmp_path: Path) -> dict[str, str]:
    """A home and a PATH whose `argmap` runs this checkout."""
    (tmp_path / "bin").mkdir()
    argmap = tmp_path / "bin" / "argmap"
    argmap.write_text(
        f'#!/bin/sh\nPYTHONPATH="{REPO}" exec "{sys.executable}" -m argmap "$@"\n', encoding="utf-8"
    )
    argmap.chmod(0o755)
    (tmp_path / "home").mkdir()
    return {
        "PATH": f"{tmp_path / 'bin'}{os.pathsep}/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "LANG": "C.UTF-8",
    }


def in_bash(script: str, env: dict[str, str], cwd: Path = VALID) -> subprocess.CompletedProcess[str]:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash on this machine")
    return subprocess.run(
        [bash, "-c", script], env=env, cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


def test_in_a_real_bash_the_shown_script_completes_claim_ids(tmp_path: Path) -> None:
    env = workspace(tmp_path)
    script = """
    eval "$(argmap --show-completion)"
    COMP_WORDS=(argmap show all-features.yaml --root p)
    COMP_CWORD=4
    _argmap_completion argmap
    printf '%s\\n' "${COMPREPLY[@]}"
    """
    done = in_bash(script, env)
    assert (done.stdout.split(), done.stderr) == (["p1", "p2", "p3"], "")


def test_install_completion_writes_the_script_where_bash_reads_it(tmp_path: Path) -> None:
    env = workspace(tmp_path)
    # Two commands, so bash stays argmap's parent (a lone command it would
    # exec): typer finds the shell to install for among argmap's parents.
    done = in_bash("argmap --install-completion\nexit $?", env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    home = Path(env["HOME"])
    script = home / ".bash_completions" / "argmap.sh"
    assert "complete -o default -F _argmap_completion argmap" in script.read_text(encoding="utf-8")
    assert "source '" + str(script) + "'" in (home / ".bashrc").read_text(encoding="utf-8")
    assert done.stdout.startswith("bash completion installed in ")
    # A new interactive-like shell that reads .bashrc completes commands.
    new_shell = """
    source ~/.bashrc
    COMP_WORDS=(argmap val)
    COMP_CWORD=1
    _argmap_completion argmap
    printf '%s\\n' "${COMPREPLY[@]}"
    """
    done = in_bash(new_shell, env)
    assert done.stdout.split() == ["validate"]
