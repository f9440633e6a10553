"""Regression tests for the classes of failure a fuzzer found (issue 18):
each input is one of a class, and the test asserts the class's invariant
(a one-line error and a documented exit code, never an internal error)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_loader import within_seconds
from test_roundtrip import argument_maps
from typer.testing import CliRunner

from argmap.analysis.evaluate import evaluate
from argmap.analysis.evaluate.marks import status_marks
from argmap.analysis.focus import focus
from argmap.analysis.slides import depth_steps
from argmap.checks.gate import check_loaded
from argmap.cli import app
from argmap.errors import ExitCode, InputError, UsageError
from argmap.formats.framework import Framework
from argmap.formats.native import tree
from argmap.formats.registry import load_text
from argmap.io.json_text import MAX_NUMBER_DIGITS, parse_json
from argmap.model import ArgumentMap, Semantics
from argmap.text import UNSAFE_CHARACTERS, UniqueNames

runner = CliRunner()


def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


EXPECT_ON_BROKEN_REFERENCES = """\
title: t
claims:
  - id: c1
    text: Claim one.
    premises:
      - id: p1
        text: Premise.
  - id: u
    text: Undercutter.
relations:
  - {from: u, to: c1, type: undercut}
  - {from: u, to: nope, type: attack}
expect:
  grounded:
    in: [c1]
"""


@pytest.mark.parametrize("command", ["validate", "show", "convert", "render"])
def test_expect_on_a_map_with_broken_references_reports_them(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The expect check must not assume what the reference checks prove."""
    (tmp_path / "m.yaml").write_text(EXPECT_ON_BROKEN_REFERENCES)
    extra = {"convert": ["m.json"], "render": ["-o", "m.dot"]}.get(command, [])
    code, stdout, stderr = run(tmp_path, monkeypatch, command, "m.yaml", *extra)
    assert code == ExitCode.PROBLEMS
    assert "(undercut-target)" in stdout + stderr
    assert "(dangling-ref)" in stdout + stderr
    assert "internal error" not in stderr
    assert not (tmp_path / "m.json").exists() and not (tmp_path / "m.dot").exists()


@pytest.mark.parametrize("bad", ["\x01", "\x00", "\x85", "\ufffe", "\x9b"])
@pytest.mark.parametrize("line_length", [10, 6000])
def test_characters_yaml_forbids_are_one_line_errors(
    bad: str, line_length: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Long lines take the depth guard's event parser, short ones the
    composer: both report the character where it is."""
    text = "title: t\nclaims:\n  - id: c1\n    text: " + "a" * line_length + bad + "z\n"
    (tmp_path / "m.yaml").write_bytes(text.encode("utf-8"))
    code, _, stderr = run(tmp_path, monkeypatch, "validate", "m.yaml")
    assert code in (ExitCode.USAGE, ExitCode.PROBLEMS)
    assert "internal error" not in stderr
    if bad != "\x85":  # NEL is a line break in YAML 1.1
        assert f"m.yaml:4:{10 + line_length + 1}: error: YAML does not allow the character" in stderr


def test_json_numbers_too_long_for_python_are_refused() -> None:
    with pytest.raises(InputError, match=f"more than {MAX_NUMBER_DIGITS} digits"):
        parse_json('{"a": ' + "7" * 5000 + "}", "x.json", "map")
    assert parse_json('{"a": ' + "7" * 50 + "}", "x.json", "map") == {"a": int("7" * 50)}


@pytest.mark.parametrize(
    ("name", "document"),
    [
        ("m.json", '{"format": "argmap-graph", "claims": [{"id": "a", "text": "x", "weight": %s}]}'),
        ("m.aif.json", '{"nodes": [{"nodeID": %s, "text": "x", "type": "I"}], "edges": []}'),
        ("m.sadface.json", '{"id": %s, "nodes": [], "edges": []}'),
    ],
)
def test_every_json_reader_refuses_huge_numbers(
    name: str, document: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / name).write_text(document % ("9" * 5000))
    code, _, stderr = run(tmp_path, monkeypatch, "validate", name)
    assert code == ExitCode.USAGE
    assert f"{name}: a number of more than {MAX_NUMBER_DIGITS} digits" in stderr


@pytest.mark.parametrize(
    ("escape", "lone"),
    [
        ("\\udc00", True),
        ("\\ud800x", True),
        ("\\ud83d\\ude00", False),  # a pair: one emoji
        ("\\\\ud800", False),  # an escaped backslash, then the letters ud800
    ],
)
def test_json_lone_surrogates_are_refused(escape: str, lone: bool) -> None:
    text = '{"a": "x' + escape + '"}'
    if lone:
        with pytest.raises(InputError, match="lone surrogate") as caught:
            parse_json(text, "x.json", "map")
        assert str(caught.value).startswith("x.json:1:9: error:")
    else:
        assert parse_json(text, "x.json", "map") == json.loads(text)


def test_a_lone_surrogate_in_an_aif_text_never_reaches_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "s.aif.json").write_text(
        '{"nodes": [{"nodeID": "1", "text": "x\\udc00", "type": "I"}], "edges": []}'
    )
    for command in (["show", "s.aif.json"], ["convert", "s.aif.json", "s.yaml"]):
        code, _, stderr = run(tmp_path, monkeypatch, *command)
        assert code == ExitCode.USAGE
        assert "s.aif.json:1:38: error: a lone surrogate escape (\\udc00) is not a character" in stderr


def chain_map(length: int) -> str:
    lines = ["title: chain", "claims:"]
    lines += [f"  - id: c{i}\n    text: Claim {i}." for i in range(length)]
    lines.append("relations:")
    lines += [f"  - {{from: c{i + 1}, to: c{i}, type: support}}" for i in range(length - 1)]
    return "\n".join(lines) + "\n"


def test_a_long_support_chain_converts_to_yaml_and_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tree form nests a chain only so deep, then starts afresh: the
    YAML writer does not recurse past Python's limit, the reader past its
    nesting limit, and the round trip keeps the map."""
    (tmp_path / "chain.yaml").write_text(chain_map(600))
    for source, target in [("chain.yaml", "a.json"), ("a.json", "b.yaml"), ("b.yaml", "c.json")]:
        code, _, stderr = run(tmp_path, monkeypatch, "convert", source, target)
        assert code == ExitCode.OK, stderr
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "c.json").read_bytes()
    nested = load_text((tmp_path / "b.yaml").read_text(), "b.yaml", "yaml")
    assert len(nested.map.claims) == 600
    assert (tmp_path / "b.yaml").read_text().count("\n  - id: ") == -(-600 // tree.MAX_NESTED_CLAIMS)


def alias_bomb_yaml(indent: str = "") -> str:
    lines = [f"{indent}a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{indent}a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def test_a_theme_file_with_aliases_is_refused_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bomb.yaml").write_text("base: light\n" + alias_bomb_yaml())
    (tmp_path / "m.yaml").write_text("title: t\nclaims:\n  - id: a\n    text: x\n")
    with within_seconds(10):
        code, _, stderr = run(
            tmp_path, monkeypatch, "render", "m.yaml", "--theme", "bomb.yaml", "-o", "m.svg"
        )
    assert code == ExitCode.USAGE
    assert "bomb.yaml:2:5: error: YAML aliases (*name) are not supported in theme" in stderr
    assert not (tmp_path / "m.svg").exists()


def test_argdown_front_matter_with_aliases_is_refused_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "m.argdown").write_text("===\n" + alias_bomb_yaml() + "===\n\n[A]: a claim.\n")
    with within_seconds(10):
        code, stdout, stderr = run(tmp_path, monkeypatch, "validate", "m.argdown")
    assert code in (ExitCode.USAGE, ExitCode.PROBLEMS)
    assert "aliases" in stdout + stderr


HOSTILE = "\x1b]0;retitled\x07 \x1b[2J\x9b31m \x08\x0d\x7f"
HOSTILE_MAP = f"""\
title: "T {HOSTILE.encode("unicode_escape").decode()}"
sides:
  pro: {{name: "Pro {HOSTILE.encode("unicode_escape").decode()}"}}
  con: {{name: Con}}
claims:
  - id: c1
    by: pro
    text: "Claim {HOSTILE.encode("unicode_escape").decode()}"
    premises:
      - id: p1
        by: pro
        text: "Premise {HOSTILE.encode("unicode_escape").decode()}"
    counterclaims:
      - id: k1
        by: con
        text: "Objection {HOSTILE.encode("unicode_escape").decode()}"
"""

TERMINAL_COMMANDS = [
    ["validate", "m.yaml"],
    ["validate", "m.yaml", "--format", "json"],
    ["show", "m.yaml"],
    ["show", "m.yaml", "--eval", "grounded"],
    ["show", "m.yaml", "--format", "json"],
    ["list", "m.yaml"],
    ["evaluate", "m.yaml"],
    ["evaluate", "m.yaml", "--why", "c1"],
    ["evaluate", "m.yaml", "--format", "json"],
    ["prep", "m.yaml", "--side", "pro"],
    ["prep", "m.yaml", "--side", "pro", "--format", "markdown"],
    ["prep", "m.yaml", "--side", "pro", "--format", "json"],
    ["diff", "m.yaml", "m2.yaml"],
    ["diff", "m.yaml", "m2.yaml", "--format", "markdown"],
    ["diff", "m.yaml", "m2.yaml", "--format", "json"],
    ["render", "m.yaml", "--format", "dot"],
    ["render", "m.yaml", "--format", "mermaid"],
    ["convert", "m.yaml", "-", "--to", "json"],
    ["convert", "m.yaml", "-", "--to", "yaml"],
    ["convert", "m.yaml", "-", "--to", "argdown"],
    ["render", "m\x1b[2J.yaml"],
]


@pytest.mark.parametrize("command", TERMINAL_COMMANDS, ids=" ".join)
def test_no_control_character_reaches_the_terminal(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "m.yaml").write_text(HOSTILE_MAP)
    (tmp_path / "m2.yaml").write_text(HOSTILE_MAP.replace("Objection", "Reworded objection"))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, command)
    assert not isinstance(result.exception, AssertionError)
    assert result.exit_code in (0, 1, 2), result.output
    for stream in (result.stdout, result.stderr):
        found = UNSAFE_CHARACTERS.findall(stream)
        assert not found, (command, found, stream[:300])
    if "json" in command:
        json.loads(result.stdout)


@pytest.mark.parametrize("suffix", [".svg", ".html", ".mmd", ".graphml"])
def test_outputs_with_hostile_text_are_well_formed(
    suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Control characters in claim texts (tooltips, labels) never make an
    output its own format cannot read: SVG and GraphML parse as XML, the
    page's and Mermaid's text carry no raw control characters."""
    import xml.etree.ElementTree as ET

    (tmp_path / "m.yaml").write_text(HOSTILE_MAP)
    code, _, stderr = run(
        tmp_path,
        monkeypatch,
        "render" if suffix != ".graphml" else "convert",
        "m.yaml",
        *(["-o", f"out{suffix}"] if suffix != ".graphml" else [f"out{suffix}"]),
    )
    assert code == ExitCode.OK, stderr
    written = (tmp_path / f"out{suffix}").read_text(encoding="utf-8")
    if suffix in (".svg", ".graphml"):
        ET.fromstring(written)
    assert not UNSAFE_CHARACTERS.findall(written)


# -- files: never over a special file or anything read in this run ---------------------


MAP_TEXT = "title: t\nclaims:\n  - id: a\n    text: A claim.\n"


def special_files(tmp_path: Path) -> dict[str, Path]:
    """A FIFO, a character device (a null device made here, never the real
    /dev/null) and a link to each, all inside tmp_path."""
    import os

    made = {"fifo": tmp_path / "fifo", "link-to-fifo": tmp_path / "stdout"}
    os.mkfifo(made["fifo"])
    made["link-to-fifo"].symlink_to(made["fifo"])
    try:
        device = tmp_path / "null"
        os.mknod(device, 0o666 | __import__("stat").S_IFCHR, os.makedev(1, 3))
        made["device"] = device
        (tmp_path / "null-link").symlink_to(device)
        made["link-to-device"] = tmp_path / "null-link"
    except PermissionError:
        pass  # not root: the FIFO cases still run
    return made


@pytest.mark.parametrize("kind", ["fifo", "link-to-fifo", "device", "link-to-device"])
def test_an_output_never_replaces_a_special_file(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = special_files(tmp_path)
    if kind not in made:
        pytest.skip("making a device node needs root")
    target = made[kind]
    before = target.lstat()
    (tmp_path / "m.yaml").write_text(MAP_TEXT)
    code, _, stderr = run(tmp_path, monkeypatch, "render", "m.yaml", "--format", "dot", "-o", target.name)
    assert code == ExitCode.USAGE
    assert (
        stderr
        == f"argmap: {target.name}: is not a regular file (a device, FIFO or socket); argmap writes only files\n"
    )
    after = target.lstat()
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_an_output_never_replaces_a_file_read_in_the_same_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "theme.yaml").write_text("base: dark\n")
    (tmp_path / "src.txt").write_text("A claim. And more.\n")
    (tmp_path / "q.yaml").write_text(
        "title: t\nsources:\n  s: {file: src.txt}\nclaims:\n  - id: a\n    text: A claim.\n"
        "    source: {ref: s, quote: A claim.}\n"
    )
    for output, extra in [("theme.yaml", ["--theme", "theme.yaml"]), ("src.txt", [])]:
        kept = (tmp_path / output).read_bytes()
        code, _, stderr = run(
            tmp_path, monkeypatch, "render", "q.yaml", *extra, "--format", "dot", "-o", output
        )
        assert (code, stderr) == (
            ExitCode.USAGE,
            f"argmap: {output}: refusing to write over a file this command read\n",
        )
        assert (tmp_path / output).read_bytes() == kept


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_a_source_file_that_is_no_regular_file_is_refused_not_read(
    special: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    if special == "fifo":
        os.mkfifo(tmp_path / "fifo")
    (tmp_path / "m.yaml").write_text(
        f"title: t\nsources:\n  s: {{file: {special}}}\nclaims:\n  - id: a\n    text: x\n"
        "    source: {ref: s, quote: x}\n"
    )
    with within_seconds(10):
        code, stdout, _ = run(tmp_path, monkeypatch, "validate", "m.yaml")
    assert code == ExitCode.PROBLEMS
    assert f"m.yaml:3:13: error: source 's': {special}: is not a regular file" in stdout


def test_a_temporary_file_a_killed_run_left_is_removed_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import sys

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    left = tmp_path / f".m.dot.argmap-{int(dead.stdout)}-x1y2.tmp"
    left.write_text("half a drawing")
    alive = tmp_path / f".m.dot.argmap-{1}-z9.tmp"  # pid 1 is always running: not ours to remove
    alive.write_text("another run's")
    (tmp_path / "m.yaml").write_text(MAP_TEXT)
    code, _, _ = run(tmp_path, monkeypatch, "render", "m.yaml", "-o", "m.dot")
    assert code == ExitCode.OK
    assert not left.exists() and alive.exists()


# -- git --------------------------------------------------------------------------------


def git(root: Path, *args: str) -> str:
    import subprocess

    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import shutil

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.org")
    return root


def test_git_diff_of_a_map_named_like_an_option_and_of_yaml_that_is_no_map(
    repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Through git itself: a file named `--h.yaml` reaches the driver as a
    file, and a YAML file that is no map is shown as lines, not hidden."""
    import os
    import sys

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "argmap").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m argmap "$@"\n')
    (bin_dir / "argmap").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).parent.parent))
    monkeypatch.setenv("GIT_PAGER", "cat")
    monkeypatch.chdir(repo)
    assert runner.invoke(app, ["git-setup", "--pattern", "*.yaml"]).exit_code == 0
    (repo / "--h.yaml").write_text(MAP_TEXT)
    (repo / "ci.yaml").write_text("repos:\n  - repo: x\n    rev: v1\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "one")
    (repo / "--h.yaml").write_text(MAP_TEXT.replace("A claim.", "A reworded claim."))
    (repo / "ci.yaml").write_text("repos:\n  - repo: x\n    rev: v2\n")
    shown = git(repo, "diff", "--", "--h.yaml")
    assert shown.startswith("diff --argmap a/--h.yaml b/--h.yaml\n--- a/--h.yaml\n+++ b/--h.yaml\n1 reworded")
    other = git(repo, "diff", "--", "ci.yaml")
    assert "(argmap: not an argument map; the lines that changed instead)" in other
    assert "-    rev: v1\n+    rev: v2\n" in other
    git(repo, "commit", "-q", "-am", "two")
    patch = git(repo, "log", "-p", "-1", "--format=", "--", "ci.yaml")
    assert "-    rev: v1\n+    rev: v2\n" in patch


def test_a_revision_starting_with_a_dash_is_no_option(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "m.yaml").write_text(MAP_TEXT)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "one")
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["diff", "--output=x:m.yaml", "m.yaml"])
    assert result.exit_code == ExitCode.USAGE
    result = runner.invoke(app, ["diff", "--rev", "--output=/tmp/x", "m.yaml"])
    assert result.exit_code == ExitCode.USAGE
    assert "unknown git revision '--output=/tmp/x'" in result.stderr


# -- time and memory -----------------------------------------------------------------------


def naive_unique(bases: list[str], taken: set[str]) -> list[str]:
    made = []
    for base in bases:
        name, number = base, 2
        while name in taken:
            name, number = f"{base}-{number}", number + 1
        taken.add(name)
        made.append(name)
    return made


@given(
    bases=st.lists(st.sampled_from(["a", "a-2", "a-3", "b", "a-2-2"]), max_size=30),
    taken=st.sets(st.sampled_from(["a", "a-2", "a-4", "b-2"])),
)
def test_unique_names_match_trying_each_number_in_turn(bases: list[str], taken: set[str]) -> None:
    unique = UniqueNames(taken)
    assert [unique.make(b) for b in bases] == naive_unique(bases, set(taken))


def test_twelve_thousand_clashing_foreign_ids_are_quick(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    digits = "!@#$%^&*()"
    nodes = [
        {"nodeID": "x" + "".join(digits[int(d)] for d in str(i)) + "y", "text": f"t{i}", "type": "I"}
        for i in range(12_000)
    ]
    (tmp_path / "ids.aif.json").write_text(json.dumps({"nodes": nodes, "edges": []}))
    with within_seconds(20):  # quadratic: over a minute
        code, stdout, _ = run(tmp_path, monkeypatch, "validate", "ids.aif.json")
    assert code == ExitCode.OK
    assert "claim 'x-y-12000'" in stdout


def test_sentences_after_thousands_of_abbreviations_are_split_in_linear_time() -> None:
    from argmap.analysis.coverage import split_sentences

    text = "Mr. " * 10_000 + "Smith came. He left.\n"
    with within_seconds(10):  # quadratic: 50 s
        sentences = split_sentences(text)
    assert [s.text[-11:] for s in sentences] == ["Smith came.", "He left."]


@pytest.mark.parametrize("run_of", ["[", "<", "@[", "@<", "[](", "/*", "<!--", "{"])
def test_the_argdown_lexer_is_linear_on_runs_of_openers(run_of: str) -> None:
    """Each of these starts a token whose pattern scanned to the end of the
    line wherever it failed: 12,000 in a row took 10-50 s."""
    from argmap.formats.argdown.lexer import tokenize
    from argmap.formats.argdown.syntax import Positions

    text = run_of * 12_000 + "\n"
    with within_seconds(10):
        tokens = tokenize(text, Positions(text, "x.argdown"))
    assert tokens


@pytest.mark.parametrize(
    ("header", "said"),
    [("p af 100000000", "100000000"), ("p af " + "2" * 40, "2" * 20 + "...")],
)
def test_an_af_header_declaring_too_many_arguments_is_refused_at_once(
    header: str, said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "big.af").write_text(header + "\n1 2\n")
    with within_seconds(10):
        code, _, stderr = run(tmp_path, monkeypatch, "evaluate", "big.af")
    assert code == ExitCode.USAGE
    assert stderr == (
        f"argmap: big.af:1:1: error: the header declares {said} arguments; argmap reads at most 1,000,000\n"
    )


# -- the outside world: a broken system Graphviz -------------------------------------------


@pytest.fixture
def broken_dot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `dot` on PATH that answers as one without its plugins does
    (installed mid-way, or `dot -c` never run)."""
    import os

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    dot = bin_dir / "dot"
    dot.write_text("#!/bin/sh\necho 'Format: \"svg\" not recognized. Use one of:' >&2\nexit 1\n")
    dot.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return dot


def test_a_broken_system_dot_falls_back_to_the_embedded_graphviz(
    broken_dot: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    pytest.importorskip("pygraphviz", reason="the fallback is the Graphviz pygraphviz embeds")
    (tmp_path / "m.yaml").write_text(MAP_TEXT)
    code, _, _ = run(tmp_path, monkeypatch, "render", "m.yaml", "-o", "m.svg")
    assert code == ExitCode.OK
    assert (tmp_path / "m.svg").read_bytes().lstrip().startswith((b"<?xml", b"<svg"))
    assert "system Graphviz is broken" in caplog.text and "embedded one instead" in caplog.text


def test_a_broken_system_dot_asked_for_by_name_is_a_missing_tool(
    broken_dot: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "m.yaml").write_text(MAP_TEXT)
    code, _, stderr = run(tmp_path, monkeypatch, "render", "m.yaml", "-o", "m.svg", "--renderer", "system")
    assert code == ExitCode.TOOL_MISSING
    assert stderr == (
        'argmap: system Graphviz is broken: Format: "svg" not recognized; run `dot -c` as root to '
        "register its plugins, or use --renderer embedded\n"
    )
    assert not (tmp_path / "m.svg").exists()


@pytest.mark.parametrize("text", [" ".join(["word"] * 5000), "中文字" * 4000, 'a\\"' * 8000])
def test_a_claim_longer_than_graphviz_strings_still_renders(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Graphviz refuses a quoted string over 16,384 bytes: the tooltip is cut, the label whole."""
    from argmap.render.dot.syntax import MAX_QUOTED_BYTES, quote

    quoted = quote(text)
    assert len(quoted.encode("utf-8")) <= MAX_QUOTED_BYTES + 2
    assert not quoted[:-1].endswith("\\") or quoted[:-1].endswith("\\\\")
    (tmp_path / "long.yaml").write_text(f"title: t\nclaims:\n  - id: a\n    text: {json.dumps(text)}\n")
    code, _, stderr = run(tmp_path, monkeypatch, "render", "long.yaml", "-o", "long.svg")
    assert code == ExitCode.OK, stderr


@given(
    old=st.lists(
        st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f", "g"]), max_size=6), min_size=1, max_size=8
    ),
    new=st.lists(
        st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f", "g"]), max_size=6), min_size=1, max_size=8
    ),
    threshold=st.sampled_from([0.5, 0.8, 0.9]),
)
def test_resemblance_finds_every_pair_at_the_threshold(
    old: list[list[str]], new: list[list[str]], threshold: float
) -> None:
    """Prefix filtering is exact: the candidates include every pair a
    comparison of all pairs finds at or above the threshold."""
    from collections import Counter

    from argmap.analysis.diff.words import Resemblance, dice

    old_texts = {f"o{i}": " ".join(words) for i, words in enumerate(old)}
    new_texts = {f"n{i}": " ".join(words) for i, words in enumerate(new)}
    alike = Resemblance(old_texts, new_texts, threshold)
    for o, old_text in old_texts.items():
        for n, new_text in new_texts.items():
            score = dice(Counter(old_text.split()), Counter(new_text.split()))
            if score >= threshold:
                assert n in alike.candidates(o)
                assert alike.score(o, n) == pytest.approx(score)


def test_diff_of_thousands_of_renamed_and_reworded_claims_is_quick(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import random

    words = [f"w{i}" for i in range(400)]

    def one_map(prefix: str, reword: bool) -> str:
        lines = ["title: t", "claims:"]
        for i in range(3000):
            rng = random.Random(i)
            text = [rng.choice(words) for _ in range(10)]
            if reword:
                other = random.Random(i + 99_999)
                for _ in range(4):
                    text[other.randrange(10)] = other.choice(words)
            lines.append(f"  - id: {prefix}{i}\n    text: {' '.join(text)}.")
        return "\n".join(lines) + "\n"

    (tmp_path / "a.yaml").write_text(one_map("a", False))
    (tmp_path / "b.yaml").write_text(one_map("b", True))
    with within_seconds(40):  # comparing every pair: over two minutes
        code, stdout, _ = run(tmp_path, monkeypatch, "diff", "--stat", "a.yaml", "b.yaml")
    assert code == 1
    assert stdout == "+2767 -2767 claims, 233 renamed, 233 reworded\n"


def test_a_side_colour_that_is_no_colour_never_reaches_dot_or_mermaid() -> None:
    """validate refuses it (side-colour); a renderer handed such a map
    anyway (the library) draws the theme's colour instead."""
    from argmap.render import RenderOptions
    from argmap.render.registry import renderer

    amap = load_text(
        'sides:\n  pro: {name: Pro, colour: "red;stroke:url(x)\\nclassDef evil fill:#f00"}\n'
        "claims:\n  - {id: a, text: A claim., by: pro}\n",
        "m.yaml",
        "yaml",
    ).map
    for name in ("dot", "mermaid"):
        drawn = renderer(name).render(amap, RenderOptions())
        assert "url(x)" not in drawn and "classDef evil" not in drawn


def test_a_mermaid_directive_in_claim_text_stays_text() -> None:
    from argmap.render import RenderOptions
    from argmap.render.registry import renderer

    amap = load_text(
        "claims:\n  - {id: a, text: \"%%{init: {'theme': 'dark'}}%% hi\"}\n", "m.yaml", "yaml"
    ).map
    drawn = renderer("mermaid").render(amap, RenderOptions())
    assert "%%{" not in drawn.split("---", 2)[-1]


@pytest.mark.parametrize(
    "font",
    ["12", '"Arial\\"><script>alert(1)</script>"', '"a; b"', '"Sans {x}"'],
)
def test_a_theme_font_that_is_no_font_name_is_refused(
    font: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It would reach SVG's font-family and CSS unescaped."""
    (tmp_path / "t.yaml").write_text(f"base: light\nfont: {font}\n")
    (tmp_path / "m.yaml").write_text(MAP_TEXT)
    code, _, stderr = run(tmp_path, monkeypatch, "render", "m.yaml", "--theme", "t.yaml", "-o", "m.svg")
    assert code == ExitCode.USAGE
    assert "t.yaml:2:7: error: font: '" in stderr and "is no list of font names" in stderr
    assert not (tmp_path / "m.svg").exists()


@pytest.mark.parametrize("output", [["--frames", "frames"], ["--frames-pdf", "talk.pdf"]])
def test_frames_of_an_empty_map_say_why_and_write_nothing(
    output: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty.yaml").write_text("title: t\nclaims: []\n")
    code, _, stderr = run(tmp_path, monkeypatch, "render", "empty.yaml", *output)
    assert (code, stderr) == (
        ExitCode.USAGE,
        "argmap: nothing to build frames of: the map (as focused) has no claims\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.yaml"]


def test_a_problem_quoting_text_over_two_lines_is_still_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the fuzz targets: a claim id written over two lines (a blank
    line in a plain scalar) made a two-line diagnostic."""
    (tmp_path / "m.yaml").write_text("claims:\n  - id: c1\n\n      the future.\n")
    code, stdout, _ = run(tmp_path, monkeypatch, "validate", "m.yaml")
    assert code == ExitCode.PROBLEMS
    problems = stdout.splitlines()
    assert any("'c1\\nthe future.'" in line for line in problems)
    assert all(line.startswith("m.yaml:") for line in problems)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("big.af", "p af 3\n1 2\n" + "9" * 5000 + " 3\n"),
        ("big.kialo.txt", "Discussion Title: t\n\n1. Thesis: a\n" + "9" * 5000 + ". b\n1.1. Pro: c\n"),
    ],
)
def test_numbers_too_long_for_int_in_text_formats(
    name: str, text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the long fuzz run: the ICCMA and Kialo readers took int() of
    a number thousands of digits long (Python refuses past 4,300)."""
    (tmp_path / name).write_text(text)
    code, _, stderr = run(tmp_path, monkeypatch, "validate", name)
    assert code in (ExitCode.OK, ExitCode.PROBLEMS, ExitCode.USAGE)
    assert "internal error" not in stderr


def test_argdown_key_order_takes_keys_of_thousands_of_digits() -> None:
    """Found by the long fuzz run (a TGF name written out as Argdown data)."""
    from argmap.formats.argdown.model import js_key_order

    assert js_key_order(["9" * 5000, "a", "2", "1"]) == ["1", "2", "9" * 5000, "a"]


# -- complete, preferred and stable within a time limit ----------------------------------


def _even_cycles(count: int) -> Framework:
    """`count` pairs attacking each other: 2**count preferred and stable
    extensions, 3**count complete ones."""
    names = tuple(f"a{i}" for i in range(2 * count))
    attacks = tuple(pair for i in range(count) for pair in ((2 * i, 2 * i + 1), (2 * i + 1, 2 * i)))
    return Framework(names, attacks, len(names))


@pytest.mark.parametrize("semantics", [Semantics.COMPLETE, Semantics.PREFERRED, Semantics.STABLE])
def test_enumeration_stops_at_its_time_limit(semantics: Semantics) -> None:
    # 2**40 extensions: without the limit this would not end.
    result = evaluate(_even_cycles(40), semantics, max_extensions=None, seconds=0.5)
    assert result.timed_out and result.truncated and result.extensions
    assert result.to_json()["timed_out"] is True


def test_the_time_limit_interrupts_one_long_sat_call() -> None:
    # One preferred extension of many free arguments: a single solver call
    # may run on, and the watchdog interrupts it; what was found stays valid.
    result = evaluate(_even_cycles(300), Semantics.PREFERRED, max_extensions=None, seconds=0.01)
    assert result.timed_out
    for extension in result.extensions:
        assert all(f"a{2 * i}" not in extension or f"a{2 * i + 1}" not in extension for i in range(300))


def test_evaluate_says_when_the_time_ran_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    af = tmp_path / "cycles.af"
    af.write_text(
        "p af 80\n" + "".join(f"{2 * i + 1} {2 * i + 2}\n{2 * i + 2} {2 * i + 1}\n" for i in range(40))
    )
    code, out, err = run(
        tmp_path,
        monkeypatch,
        "evaluate",
        str(af),
        "-s",
        "preferred",
        "--max-extensions",
        "0",
        "--time-limit",
        "0.5",
    )
    assert code == 0
    assert "(stopped there: out of time; there may be more)" in out.splitlines()[0]
    assert err.startswith("argmap: warning: stopped after 0.5 s with ") and "--time-limit" in err


def test_an_expectation_found_wrong_in_some_extensions_is_an_error_and_one_unconfirmed_a_warning(
    tmp_path: Path,
) -> None:
    # 2**11 preferred extensions, more than the check enumerates: x1 is in
    # some and not others (undec, certainly), a is in all found (maybe not all).
    claims = "".join(
        f"  - {{id: x{i}, text: X{i}., counterclaims: [{{id: y{i}, text: Y{i}., counterclaims: [x{i}]}}]}}\n"
        for i in range(11)
    )
    text = f"claims:\n  - {{id: a, text: A.}}\n{claims}expect:\n  preferred: {{in: [a], out: [x1], undec: [x2]}}\n"
    checked = check_loaded(load_text(text, str(tmp_path / "m.yaml")))
    found = {
        (d.check_id, d.message.split("'")[1]) for d in checked.diagnostics if d.check_id.startswith("expect")
    }
    assert ("expect-unchecked", "a") in found and ("expect-failed", "x1") in found
    assert not any(name == "x2" for _, name in found)


def test_show_eval_refuses_when_the_extensions_take_too_long(tmp_path: Path) -> None:
    claims = "".join(
        f"  - {{id: x{i}, text: X{i}., counterclaims: [{{id: y{i}, text: Y{i}., counterclaims: [x{i}]}}]}}\n"
        for i in range(40)
    )
    amap = load_text(f"claims:\n{claims}", str(tmp_path / "m.yaml")).map
    with pytest.raises(UsageError, match=r"took longer than 0\.2 s"):
        status_marks(amap, Semantics.PREFERRED, max_extensions=10**9, seconds=0.2)


def test_an_aif_conflict_node_with_an_edge_to_itself_is_skipped_not_grown(tmp_path: Path) -> None:
    # The CA-node undercut its own relations while making them: ids grew to gigabytes.
    nodes = [
        {"nodeID": "1", "text": "A", "type": "I"},
        {"nodeID": "2", "text": "B", "type": "I"},
        {"nodeID": "3", "text": "Default Conflict", "type": "CA"},
    ]
    edges = [("1", "3"), ("3", "2"), ("3", "3")]
    document = {
        "nodes": nodes,
        "edges": [{"edgeID": str(i), "fromID": a, "toID": b} for i, (a, b) in enumerate(edges)],
        "locutions": [],
    }
    result = load_text(json.dumps(document), str(tmp_path / "self.json"), "aif")
    assert [(r.source, r.target) for r in result.map.relations] == [("1", "2")]
    assert any("CA-node 3 undercuts CA-node 3" in d.message for d in result.diagnostics)


def test_a_build_of_more_frames_than_a_talk_shows_is_refused_before_drawing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A 100-deep Kialo discussion revealed level by level: 100 whole-map layouts.
    lines = ["Discussion Title: Deep", "", "1. Thesis."]
    lines += [f"1.{'1.' * i} Pro: Reason {i}." for i in range(1, 100)]
    (tmp_path / "deep.kialo.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(tmp_path, monkeypatch, "render", "deep.kialo.txt", "--frames", "frames")
    assert code == ExitCode.USAGE and out == ""
    assert err.startswith("argmap: a build of 100 frames is more than a talk can show (at most 60)")
    assert not (tmp_path / "frames").exists()


@given(argument_maps())
def test_depth_steps_are_the_levels_focus_reveals(generated: ArgumentMap) -> None:
    steps = depth_steps(generated)
    assert set(steps) == {c.id for c in generated.claims}
    for depth in sorted(set(steps.values())):
        shown = {c.id for c in focus(generated, None, depth, None).claims}
        assert shown == {claim for claim, step in steps.items() if step <= depth}


LONG_NAME = "x" * 5000  # past any system's limit on a file name (NAME_MAX is 255)


def test_a_reference_to_a_file_name_too_long_dangles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`FILE#ID` whose file name the system refuses to look up is a
    dangling reference at its place, as any missing map (it was an internal
    error in `evaluate` and `render`)."""
    (tmp_path / "m.yaml").write_text(
        f"claims:\n  - id: a\n    text: A.\n    premises:\n      - {LONG_NAME}.yaml#b\n", encoding="utf-8"
    )
    for command in (["validate", "m.yaml"], ["evaluate", "m.yaml"], ["render", "m.yaml", "--format", "dot"]):
        code, stdout, stderr = run(tmp_path, monkeypatch, *command)
        said = stdout + stderr
        assert code in (1, 2), (command, said[-300:])
        assert "m.yaml:5:9: error:" in said and "(dangling-ref)" in said
        assert "internal error" not in said


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{long}.yaml"],
        ["list", "{long}"],
        ["evaluate", "{long}"],
        ["where", "x", "{long}"],
        ["init", "{long}.yaml"],
        ["diff", "m.yaml", "{long}.yaml"],
        ["diff", "m.yaml", "HEAD:{long}.yaml"],
        ["coverage", "{long}.txt", "m.yaml"],
        ["render", "m.yaml", "--frames", "{long}"],
        ["slides", "m.yaml", "-o", "{long}.pdf"],
        ["validate", "{long}/m.yaml"],
    ],
)
def test_a_file_name_too_long_is_one_line(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any path the system refuses to look up, wherever the command meets
    it, is one line and exit 2, and nothing is written."""
    (tmp_path / "m.yaml").write_text("claims:\n  - id: a\n    text: A.\n", encoding="utf-8")
    code, _, stderr = run(tmp_path, monkeypatch, *(part.replace("{long}", LONG_NAME) for part in command))
    assert code == 2, stderr[-300:]
    assert stderr.count("\n") == 1 and stderr.startswith("argmap: "), stderr[-300:]
    assert "internal error" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml"]


def test_json_keys_longer_than_yaml_allows_read_back(tmp_path: Path) -> None:
    """JSON allows a key of any length; YAML's composer (which gives the
    positions) stops at 1,024 characters. A graph form written from an AIF
    or SADFace file with such a key must read back, with positions."""
    long_key = "k" * 3000
    text = json.dumps(
        {"argmap": 1, "nodes": [{"id": "c1", "text": "C.", long_key: 1}], "relations": []},
        indent=2,
    )
    result = load_text(text, "m.json", "json")
    assert [c.id for c in result.map.claims] == ["c1"]
    [unknown] = [d for d in result.diagnostics if d.check_id == "unknown-key"]
    assert (unknown.span.line, unknown.span.column) == (7, 7)


def test_a_nul_in_a_file_name_a_map_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """YAML's "\\0" puts a NUL in a source's or a reference's file name; the
    system takes none, so each is a diagnostic at its place, not a crash."""
    (tmp_path / "m.yaml").write_text(
        'sources:\n  s1:\n    file: "a\\0b.txt"\nclaims:\n  - id: a\n    text: A.\n'
        '    source: {ref: s1, quote: A.}\n    premises:\n      - "x\\0y.yaml#b"\n',
        encoding="utf-8",
    )
    for command in (["validate", "m.yaml"], ["evaluate", "m.yaml"], ["show", "m.yaml"]):
        code, stdout, stderr = run(tmp_path, monkeypatch, *command)
        said = stdout + stderr
        assert code in (1, 2), (command, said[-300:])
        assert "m.yaml:3:11: error:" in said and "a file name cannot hold a NUL character" in said
        assert "m.yaml:9:9: error:" in said and "(dangling-ref)" in said
        assert "\0" not in said and "internal error" not in said


@pytest.mark.parametrize(
    ("fmt", "suffix"),
    [
        ("json", ".json"),
        ("kialo", ".txt"),
        ("argdown", ".argdown"),
        ("apx", ".apx"),
        ("tgf", ".tgf"),
        ("af", ".af"),
    ],
)
def test_formats_whose_readers_take_many_times_their_text_have_lower_limits(fmt: str, suffix: str) -> None:
    """A reader whose memory is many times its text (docs/formats.md) is
    refused past its own limit, before reading: one line naming the limit."""
    from argmap.formats.registry import by_name

    limit = by_name(fmt).largest_mib
    assert limit < 64
    text = "x" * (limit * 1024 * 1024 + 1)
    with pytest.raises(
        InputError, match=rf"^m{suffix}: {limit}\.0 MiB; argmap reads {fmt} maps of up to {limit} MiB"
    ):
        load_text(text, f"m{suffix}", fmt)
    # Counted in UTF-8 bytes, not characters: a text of fewer characters
    # than the limit but more bytes is refused too.
    wide = "é" * (limit * 1024 * 1024 // 2 + 1)
    with pytest.raises(InputError, match="maps of up to"):
        load_text(wide, f"m{suffix}", fmt)


@pytest.mark.parametrize("deck", ["talk.html", "talk.pptx"])
def test_control_characters_in_a_deck_are_made_visible(
    deck: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """User text reaches the HTML deck's titles and notes and PowerPoint's
    XML (which takes no control character: python-pptx refused it, an
    internal error); each is written as a visible escape. Found by the fuzz
    target for slides."""
    from argmap.render.graphviz import available_backends

    if not any(available_backends().values()):
        pytest.skip("no Graphviz here")
    if deck.endswith(".pptx"):
        import shutil

        if shutil.which("rsvg-convert") is None:
            pytest.skip("no rsvg-convert (apt-get install librsvg2-bin)")
    (tmp_path / "m.yaml").write_text(
        'title: "T\\e[2J"\nclaims:\n  - id: a\n    text: "A \\e[31m conclusion \\uFFFE \\x85."\n'
        '    premises:\n      - {id: b, text: "A reason\\b."}\n',
        encoding="utf-8",
    )
    code, _, stderr = run(tmp_path, monkeypatch, "slides", "m.yaml", "-o", deck)
    assert code == 0, stderr
    if deck.endswith(".html"):
        written = [(tmp_path / deck).read_text(encoding="utf-8")]
    else:
        import zipfile

        with zipfile.ZipFile(tmp_path / deck) as package:
            # python-pptx's own template parts end their first line in CR LF.
            xml_parts = [n for n in package.namelist() if n.endswith(".xml")]
            written = [package.read(n).decode("utf-8").replace("\r\n", "\n") for n in xml_parts]
    assert not any(UNSAFE_CHARACTERS.search(text) for text in written)
    assert any("\\x1b[31m conclusion" in text for text in written)
