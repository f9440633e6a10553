"""argmap and git, in real temporary repositories: REV:path and --rev,
git-setup and the diff driver and textconv that `git diff`, `git log -p`
and `git show` run, argmap log, and the pre-commit hook."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from argmap.analysis.diff import diff_maps
from argmap.cli import COMMANDS, app
from argmap.formats.registry import load_path
from argmap.render.diff_text import claim_texts, diff_view, plain_text
from argmap.render.lines import map_lines

REPO = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "diff"
MAP = "arguments/nuclear.yaml"
runner = CliRunner()

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SUMMARY = (
    "+1 -1 claims, 1 renamed, 2 reworded, 4 other fields changed, 1 moved, +1 -1 relations, 1 retyped, 3 meta"
)


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def git(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=False, env=env or dict(os.environ)
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with two commits of arguments/nuclear.yaml (old, then
    new), as the current folder; git reads no user or system config."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_DIR", raising=False)
    root = tmp_path / "repo"
    (root / "arguments").mkdir(parents=True)
    git(root, "init", "-q")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.org")
    git(root, "config", "commit.gpgsign", "false")
    (root / ".gitattributes").write_text("*.txt text\n")
    shutil.copy(DATA / "old.yaml", root / MAP)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "First map")
    shutil.copy(DATA / "new.yaml", root / MAP)
    git(root, "commit", "-q", "-am", "Rework the map")
    monkeypatch.chdir(root)
    return root


# -- REV:path and --rev ----------------------------------------------------------------


def test_rev_path_against_a_file_and_against_a_revision(repo: Path) -> None:
    assert run("diff", "--stat", f"HEAD~1:{MAP}", MAP) == (1, SUMMARY + "\n", "")
    assert run("diff", "--stat", f"HEAD~1:{MAP}", f"HEAD:{MAP}") == (1, SUMMARY + "\n", "")
    assert run("diff", "--stat", f"HEAD:{MAP}", MAP) == (0, "no changes\n", "")


def test_rev_option_compares_the_file_then_and_now(repo: Path) -> None:
    code, out, err = run("diff", "--rev", "HEAD~1", MAP)
    old, new = load_path(DATA / "old.yaml").map, load_path(DATA / "new.yaml").map
    expected = plain_text(diff_view(diff_maps(old, new), f"HEAD~1:{MAP}", MAP, claim_texts(old, new)))
    assert (code, out, err) == (1, expected, "")


def test_paths_relative_to_a_subfolder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "arguments")
    assert run("diff", "--stat", "--rev", "HEAD~1", "nuclear.yaml") == (1, SUMMARY + "\n", "")
    assert run("diff", "--stat", "HEAD~1:./nuclear.yaml", "nuclear.yaml") == (1, SUMMARY + "\n", "")


def test_sources_are_read_at_the_same_revision(repo: Path) -> None:
    (repo / "arguments" / "sources").mkdir()
    (repo / "arguments" / "sources" / "s.txt").write_text("The sky is blue today.\n")
    quoted = (
        "sources:\n  s: {file: sources/s.txt}\nclaims:\n  - id: a\n    text: A.\n"
        "    source: {ref: s, quote: sky is blue}\n    premises:\n      - {id: b, text: B.}\n"
    )
    (repo / "arguments" / "quoted.yaml").write_text(quoted)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Quoted map")
    (repo / "arguments" / "sources" / "s.txt").write_text("The sky is grey today.\n")
    # The old side checks its quote against the source as committed; the
    # working tree's source no longer has it.
    code, out, err = run("diff", "HEAD:arguments/quoted.yaml", "arguments/quoted.yaml")
    assert (code, out) == (2, "")
    assert err == (
        "arguments/quoted.yaml:6:29: error: quote of claim 'a' is not in source 's' ('sky is blue') (quote-not-found)\n"
        "argmap: arguments/quoted.yaml: 1 error(s); fix them first\n"
    )
    assert run("diff", "--stat", "HEAD:arguments/quoted.yaml", "HEAD:arguments/quoted.yaml") == (
        0,
        "no changes\n",
        "",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nosuch:" + MAP, MAP), f"argmap: nosuch:{MAP}: unknown git revision 'nosuch'\n"),
        (
            ("HEAD:arguments/nope.yaml", MAP),
            "argmap: HEAD:arguments/nope.yaml: path 'arguments/nope.yaml' does not exist in 'HEAD'\n",
        ),
        (("HEAD:arguments", MAP), "argmap: HEAD:arguments: 'arguments' is not a file at revision 'HEAD'\n"),
        (
            ("HEAD:arguments/.yaml", MAP),
            "argmap: HEAD:arguments/.yaml: path 'arguments/.yaml' does not exist in 'HEAD'\n",
        ),
        (("--rev", "HEAD~5", MAP), f"argmap: HEAD~5:{MAP}: unknown git revision 'HEAD~5'\n"),
    ],
)
def test_bad_revisions_are_one_line(repo: Path, args: tuple[str, ...], message: str) -> None:
    assert run("diff", *args) == (2, "", message)


def test_not_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    plain = tmp_path / "plain"
    plain.mkdir()
    shutil.copy(DATA / "old.yaml", plain / "old.yaml")
    monkeypatch.chdir(plain)
    assert run("diff", "HEAD:old.yaml", "old.yaml") == (
        2,
        "",
        "argmap: HEAD:old.yaml: not in a git repository (REV:path reads a file from git history)\n",
    )
    assert run("diff", "--rev", "HEAD", "old.yaml") == (2, "", f"argmap: {plain}: not in a git repository\n")
    assert run("log", "old.yaml") == (2, "", f"argmap: {plain}: not in a git repository\n")
    assert run("git-setup") == (2, "", f"argmap: {plain}: not in a git repository\n")


def test_git_missing_exits_3(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert run("diff", f"HEAD:{MAP}", MAP) == (3, "", "argmap: git is not installed or not on PATH\n")


def test_outside_the_repository(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    shutil.copy(DATA / "old.yaml", elsewhere)
    assert run("diff", "--rev", "HEAD", elsewhere) == (
        2,
        "",
        f"argmap: {elsewhere}: outside the git repository at {repo}\n",
    )


# -- git-setup, and git itself running argmap ---------------------------------------------


def test_git_setup_is_idempotent_and_keeps_gitattributes(repo: Path) -> None:
    first = run("git-setup")
    assert first[0] == 0
    assert first[1] == (
        "git config diff.argmap.command 'argmap git-diff-driver --'\n"
        "git config diff.argmap.textconv 'argmap git-textconv --'\n"
        ".gitattributes: added arguments/**/*.yaml diff=argmap\n"
        ".gitattributes: added arguments/**/*.yml diff=argmap\n"
        ".gitattributes: added arguments/**/*.json diff=argmap\n"
    )
    attributes = (repo / ".gitattributes").read_text()
    assert attributes == (
        "*.txt text\n"
        "# argmap: git diff and git log -p show argument changes (argmap git-setup)\n"
        "arguments/**/*.yaml diff=argmap\n"
        "arguments/**/*.yml diff=argmap\n"
        "arguments/**/*.json diff=argmap\n"
    )
    second = run("git-setup")
    assert second[1].endswith(".gitattributes: already set up\n")
    assert (repo / ".gitattributes").read_text() == attributes
    assert git(repo, "config", "--local", "--get", "diff.argmap.command") == "argmap git-diff-driver --\n"
    assert git(repo, "check-attr", "diff", "--", MAP) == f"{MAP}: diff: argmap\n"
    run("git-setup", "--pattern", "maps/*.json")
    assert (repo / ".gitattributes").read_text() == attributes + "maps/*.json diff=argmap\n"


def test_git_setup_absolute_names_this_python(repo: Path) -> None:
    code, _, _ = run("git-setup", "--absolute", "--pattern", "*.yaml")
    assert code == 0
    command = git(repo, "config", "--local", "--get", "diff.argmap.command").strip()
    assert command == f"{sys.executable} -m argmap git-diff-driver --"


def test_git_setup_refuses_odd_patterns(repo: Path) -> None:
    assert run("git-setup", "--pattern", "a b.yaml") == (
        2,
        "",
        "argmap: --pattern 'a b.yaml': a gitattributes pattern has no spaces and no leading '!'\n",
    )


@pytest.fixture
def git_env(tmp_path: Path) -> dict[str, str]:
    """The environment git runs argmap in: this worktree's argmap as
    `argmap` on PATH (a small script), and its package on PYTHONPATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "argmap"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m argmap "$@"\n')
    shim.chmod(0o755)
    env = dict(os.environ)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = f"{REPO}{os.pathsep}{env.get('PYTHONPATH', '')}"
    env["GIT_PAGER"] = "cat"
    env.pop("GIT_EXTERNAL_DIFF", None)
    return env


def test_git_diff_and_log_show_argument_changes(repo: Path, git_env: dict[str, str]) -> None:
    assert run("git-setup")[0] == 0
    git(repo, "commit", "-q", "-am", "Set up argmap diffs", env=git_env)
    shutil.copy(DATA / "old.yaml", repo / MAP)

    # git diff runs the external driver: the argument view.
    shown = git(repo, "diff", "--", MAP, env=git_env)
    new, old = load_path(DATA / "new.yaml").map, load_path(DATA / "old.yaml").map
    view = diff_view(diff_maps(new, old), f"a/{MAP}", f"b/{MAP}", claim_texts(new, old))
    assert shown == f"diff --argmap a/{MAP} b/{MAP}\n" + plain_text(view)

    # git log -p and git show compare the textconv form, one claim a line.
    git(repo, "commit", "-q", "-am", "Back to the first version", env=git_env)
    patch = git(repo, "log", "-p", "-1", "--format=", "--", MAP, env=git_env)
    changed = [line for line in patch.splitlines() if line[:1] in "+-" and line[:3] not in {"+++", "---"}]
    assert changed == [
        "-title: Nuclear power in the energy mix",
        "-description: Should the country build new nuclear power stations?",
        "+title: Nuclear power",
        "-side con: Opponents (#c62828)",
        "+side con: Opponents",
        "-claim always-on [pro] supports nuclear: Nuclear stations run day and night, whatever the weather.",
        "-  weight: 0.7",
        "+claim accidents attacks nuclear: Accidents like Chernobyl and Fukushima can make whole regions uninhabitable.",
        "-  source: iea p. 14",
        "+  source: iea p. 12",
        "-claim low-carbon [pro] supports nuclear: Nuclear power emits very little carbon dioxide over its whole life.",
        "+claim low-carbon [pro] supports nuclear: Nuclear power emits almost no carbon dioxide while running.",
        "-  note: The motion as tabled in March.",
        "-claim overruns [con] attacks nuclear: Recent stations ran years late and billions over budget.",
        "-claim smr [pro] attacks cost: Small modular reactors could be built in series and cost less.",
        "-claim waste [con] supports nuclear: Nobody has a permanent store for the waste [yet].",
        "-  tags: storage, safety",
        "+claim overruns [con] supports cost: Recent stations ran years late and billions over budget.",
        "+claim reliable [pro] supports nuclear: Nuclear stations run day and night whatever the weather.",
        "+  weight: 0.6",
        "+claim waste [con] attacks nuclear: Nobody has a permanent store for the waste [yet].",
        "+  tags: storage",
    ]
    assert git(repo, "show", "--format=", "HEAD", "--", MAP, env=git_env) == patch


def test_git_diff_with_the_absolute_interpreter(repo: Path, git_env: dict[str, str]) -> None:
    assert run("git-setup", "--absolute")[0] == 0
    shutil.copy(DATA / "old.yaml", repo / MAP)
    env = {**git_env, "PATH": os.environ["PATH"]}  # no `argmap` shim: the full path is used
    assert git(repo, "diff", "--", MAP, env=env).startswith(f"diff --argmap a/{MAP} b/{MAP}\n")


def test_driver_falls_back_to_lines_for_a_file_that_is_no_map(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text("a: [1, 2\n")
    new.write_text("a: [1, 2, 3]\n")
    code, out, err = run("git-diff-driver", "x.yaml", old, "1" * 40, "100644", new, "2" * 40, "100644")
    assert (code, err) == (0, "")
    assert out == (
        "diff --argmap a/x.yaml b/x.yaml\n"
        "(argmap: x.yaml:2:1: error: YAML syntax: did not find expected ',' or ']' (yaml-syntax); "
        "the lines that changed instead)\n"
        "--- a/x.yaml\n+++ b/x.yaml\n@@ -1 +1 @@\n-a: [1, 2\n+a: [1, 2, 3]\n"
    )


def test_driver_for_an_added_file(tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    new.write_text("claims:\n  - {id: a, text: A claim.}\n")
    code, out, _ = run("git-diff-driver", "m.yaml", os.devnull, "0" * 40, "100644", new, "1" * 40, "100644")
    assert code == 0
    assert out == (
        "diff --argmap a/m.yaml b/m.yaml\n--- a/m.yaml\n+++ b/m.yaml\n+1 claim\n\nClaims added (1)\n  + [a] A claim.\n"
    )


def test_driver_needs_gits_arguments() -> None:
    assert run("git-diff-driver", "x.yaml") == (
        2,
        "",
        "argmap: git-diff-driver is run by git with 7 arguments (see git help diff, GIT_EXTERNAL_DIFF)\n",
    )


def test_textconv(tmp_path: Path) -> None:
    code, out, err = run("git-textconv", DATA / "old.yaml")
    assert (code, out, err) == (0, map_lines(load_path(DATA / "old.yaml").map), "")
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: [1, 2\n")
    assert run("git-textconv", broken) == (0, "a: [1, 2\n", "")


def test_map_lines_sorts_claims_naturally() -> None:
    from argmap.formats.native.read import load_yaml_text

    amap = load_yaml_text(
        "claims:\n  - id: c10\n    text: Ten.\n    premises:\n      - linked:\n"
        "          - {id: c2, text: Two.}\n          - {id: c1, text: One.}\n",
        "m.yaml",
    ).map
    assert map_lines(amap) == (
        "claim c1 supports c10 (linked with c2): One.\n"
        "claim c2 supports c10 (linked with c1): Two.\n"
        "claim c10: Ten.\n"
    )


def test_map_lines_show_every_field_of_a_claim() -> None:
    """Each claim field has a line (the side is on the claim's own), so a
    textconv line diff shows a changed label or step too."""
    from argmap.formats.native.read import load_yaml_text

    amap = load_yaml_text(
        "sides: {pro: {}}\nsources: {s: {}}\nclaims:\n  - id: a\n    text: A.\n    label: Ay\n    by: pro\n"
        "    source: [{ref: s, quote: q, loc: p. 1}, {ref: s}]\n    tags: [x, y]\n    weight: 0.25\n"
        "    note: |\n      Two\n      lines.\n    step: 2\n",
        "m.yaml",
    ).map
    assert map_lines(amap) == (
        'side pro: pro\nsource s: \nclaim a [pro]: A.\n  label: Ay\n  source: s "q" p. 1\n  source: s\n'
        "  tags: x, y\n  weight: 0.25\n  note: Two lines.\n  step: 2\n"
    )


# -- argmap log -------------------------------------------------------------------------


def test_log_one_line_per_commit_following_renames(repo: Path) -> None:
    git(repo, "mv", MAP, "arguments/energy.yaml")
    git(repo, "commit", "-q", "-m", "Rename the map")
    code, out, err = run("log", "arguments/energy.yaml")
    hashes = git(repo, "log", "--format=%h %ad", "--date=short").splitlines()
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{hashes[0]} Rename the map (no changes)",
        f"{hashes[1]} Rework the map ({SUMMARY})",
        f"{hashes[2]} First map (created: +8 claims, +7 relations, 4 meta)",
    ]


def test_log_of_a_file_git_does_not_know(repo: Path) -> None:
    (repo / "arguments" / "new.yaml").write_text("claims: []\n")
    assert run("log", "arguments/new.yaml") == (
        2,
        "",
        "argmap: arguments/new.yaml: no commits touch it (is it committed?)\n",
    )


def test_log_says_when_a_version_cannot_be_read(repo: Path) -> None:
    (repo / MAP).write_text("claims: [\n")
    git(repo, "commit", "-q", "-am", "Break it")
    first = run("log", MAP)[1].splitlines()[0]
    assert re.fullmatch(
        r"[0-9a-f]{7,} \d{4}-\d\d-\d\d Break it \(cannot read: HEAD:arguments/nuclear.yaml:2:1: error: YAML syntax: .*\)",
        first.replace(git(repo, "rev-parse", "HEAD").strip(), "HEAD"),
    )


# -- pre-commit ---------------------------------------------------------------------------


def test_pre_commit_hook_names_a_real_command() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["argmap-validate"]
    hook = hooks[0]
    assert (hook["language"], hook["entry"]) == ("python", "argmap validate")
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'argmap = "argmap.__main__:run"' in pyproject  # the entry's executable
    command = hook["entry"].split()[1]
    assert command in {row.name for row in COMMANDS}
    files = re.compile(hook["files"])
    assert [bool(files.search(p)) for p in ("a/m.yaml", "m.yml", "g.json", "notes.txt", "yaml.md")] == [
        True,
        True,
        True,
        False,
        False,
    ]
    # What pre-commit runs: the entry with the matched files appended.
    result = runner.invoke(app, [command, str(DATA / "old.yaml"), str(DATA / "new.yaml")])
    assert (result.exit_code, result.stdout) == (0, "")
