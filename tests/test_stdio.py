"""`-` on the command line (issue 17, item 4): a map read from standard
input (YAML unless --from), `-o -` writing to standard output; bad stdin
(empty, binary, a terminal, read twice) is one line, nothing written; what
needs a file refuses `-`. CliRunner for each command, and real processes
with a pipe for each family of commands."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from argmap.cli import app

DATA = Path(__file__).parent / "data"
FEATURES = DATA / "valid" / "all-features.yaml"
FEATURES_TEXT = FEATURES.read_text(encoding="utf-8")
runner = CliRunner()


def run(*args: str | Path, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def process(
    *args: str | Path, stdin: bytes | int = b"", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    """argmap in a real process, stdin a pipe (bytes) or a descriptor."""
    command = [sys.executable, "-m", "argmap", *map(str, args)]
    if isinstance(stdin, bytes):
        return subprocess.run(command, input=stdin, capture_output=True, cwd=cwd, timeout=120, check=False)
    return subprocess.run(command, stdin=stdin, capture_output=True, cwd=cwd, timeout=120, check=False)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- reading a map from standard input -------------------------------------------


def test_show_reads_the_map_from_stdin_as_from_its_file() -> None:
    from_file = run("show", FEATURES)
    from_stdin = run("show", "-", stdin=FEATURES_TEXT)
    assert from_stdin == (0, from_file[1], "")
    assert run("show", "-", "--format", "json", stdin=FEATURES_TEXT) == run(
        "show", FEATURES, "--format", "json"
    )


def test_problems_on_stdin_are_named_stdin_with_their_place() -> None:
    code, out, err = run("validate", "-", stdin="claims:\n  - id: a\n    txt: A\n")
    assert code == 1
    assert out == (
        "<stdin>:2:5: error: claim 'a' has no 'text' (missing-text)\n"
        "<stdin>:3:5: error: unknown key 'txt' in a claim; did you mean 'text'? (unknown-key)\n"
    )
    assert err == "2 error(s), 0 warning(s), 0 unreadable, in 1 file(s)\n"
    assert run("show", "-", stdin="claims:\n  - id: a\n") == (
        1,
        "",
        "<stdin>:2:5: error: claim 'a' has no 'text' (missing-text)\nargmap: <stdin>: 1 error(s); fix them first\n",
    )
    code, out, err = run("show", "-", stdin="claims: [\n")
    assert (code, out) == (2, "")
    assert err.startswith("argmap: <stdin>:") and err.count("\n") == 1 and "(yaml-syntax)" in err


def test_validate_and_list_take_stdin_beside_files() -> None:
    code, out, err = run("validate", "--format", "json", "-", FEATURES, stdin=FEATURES_TEXT)
    assert code == 0, err
    assert [f["file"] for f in json.loads(out)["files"]] == ["<stdin>", str(FEATURES)]
    code, out, _ = run("list", "--format", "json", "-", stdin=FEATURES_TEXT)
    assert code == 0
    (row,) = json.loads(out)
    assert (row["file"], row["title"], row["claims"], row["valid"]) == ("<stdin>", "Test", 8, True)


def test_from_names_the_format_of_stdin_and_overrides_a_suffix(here: Path) -> None:
    argdown = (DATA / "formats" / "all-features.argdown").read_text(encoding="utf-8")
    code, out, err = run("convert", "-", "-", "--from", "argdown", "--to", "yaml", stdin=argdown)
    assert code == 0, err
    assert out == run("convert", DATA / "formats" / "all-features.argdown", "-", "--to", "yaml")[1]
    # The same text under a suffix that says otherwise.
    (here / "map.txt").write_text(argdown, encoding="utf-8")
    assert (
        run("show", "map.txt", "--from", "argdown")[1]
        == run("show", "-", "--from", "argdown", stdin=argdown)[1]
    )
    # Without --from, stdin is YAML: Argdown is no YAML map.
    assert run("show", "-", stdin=argdown) == (
        2,
        "",
        "argmap: <stdin>:2:6: error: YAML syntax: ': ' inside unquoted text starts a key; "
        "put the whole text in quotes (yaml-syntax)\n",
    )
    assert run("show", "-", "--from", "nonsense", stdin=FEATURES_TEXT) == (
        2,
        "",
        "argmap: unknown format 'nonsense' (known: yaml, json, aif, sadface, microtexts, kialo, argdown, "
        "apx, tgf, af)\n",
    )


def test_evaluate_reads_a_map_or_a_framework_from_stdin() -> None:
    assert run("evaluate", "-", "--format", "json", stdin=FEATURES_TEXT) == run(
        "evaluate", FEATURES, "--format", "json"
    )
    apx = DATA / "formats" / "all-features.apx"
    from_stdin = run("evaluate", "-", "--from", "apx", stdin=apx.read_text(encoding="utf-8"))
    assert from_stdin == run("evaluate", apx)


def test_prep_and_drill_print_read_stdin_and_write_stdout(here: Path) -> None:
    code, brief, _ = run("prep", FEATURES, "--side", "a", "--format", "json")
    piped = run("prep", "-", "--side", "a", "-o", "-", "--format", "json", stdin=FEATURES_TEXT)
    assert piped == (0, brief.replace(json.dumps(str(FEATURES)), '"<stdin>"'), "")
    sheet = run("drill", FEATURES, "--side", "a", "--print", "-o", "sheet.md")
    assert sheet == (0, "", "wrote sheet.md\n")
    code, out, err = run("drill", "-", "--side", "a", "--print", "-o", "-", stdin=FEATURES_TEXT)
    assert (code, err) == (0, "")
    assert out == (here / "sheet.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in here.iterdir()) == ["sheet.md"]  # no file called "-"


def test_schemes_lists_a_piped_maps_own_schemes() -> None:
    stdin = (
        "schemes:\n  from-rumour:\n    name: Argument from rumour\n    questions: {R1: Who said it?}\n"
        "claims:\n  - id: a\n    text: A\n"
    )
    code, out, err = run("schemes", "from-rumour", "--map", "-", "--format", "json", stdin=stdin)
    assert (code, err) == (0, "")
    (scheme,) = json.loads(out)["schemes"]
    assert (scheme["id"], scheme["name"]) == ("from-rumour", "Argument from rumour")


def test_diff_takes_one_side_from_stdin(here: Path) -> None:
    changed = FEATURES_TEXT.replace("text: Counter", "text: A counter")
    code, out, err = run("diff", "--format", "json", FEATURES, "-", stdin=changed)
    assert (code, err) == (1, "")
    assert [(c["kind"], c["id"]) for c in json.loads(out)["changes"]] == [("text-changed", "k1")]
    code, out, _ = run("diff", "-", FEATURES, stdin=changed)
    assert code == 1 and out.startswith("--- <stdin>\n+++ ")


def test_coverage_reads_maps_from_stdin(here: Path) -> None:
    (here / "essay.txt").write_text("Cats sleep a lot. Dogs bark.\n", encoding="utf-8")
    stdin = (
        "sources:\n  e: {file: essay.txt}\n"
        "claims:\n  - id: a\n    text: Cats sleep\n    source: {ref: e, quote: Cats sleep a lot.}\n"
    )
    code, out, err = run("coverage", "essay.txt", "-", "--format", "json", stdin=stdin)
    assert (code, err) == (0, "")
    assert json.loads(out)["percent"] == 50.0


def test_sources_of_a_map_on_stdin_are_found_from_the_current_folder(here: Path) -> None:
    stdin = (
        "sources:\n  e: {file: essay.txt}\n"
        "claims:\n  - id: a\n    text: Cats sleep\n    source: {ref: e, quote: Cats sleep a lot.}\n"
    )
    code, out, _ = run("validate", "-", stdin=stdin)
    assert code == 1 and out.startswith("<stdin>:") and "(source-unreadable)" in out
    (here / "essay.txt").write_text("Cats sleep a lot.\n", encoding="utf-8")
    assert run("validate", "-", stdin=stdin) == (0, "", "1 file(s) checked: no problems\n")


# -- writing to standard output ---------------------------------------------------------


def test_render_to_stdout_writes_dot_that_graphviz_reads(here: Path) -> None:
    pygraphviz = pytest.importorskip("pygraphviz")
    code, out, err = run("render", "-", "-o", "-", "--format", "dot", stdin=FEATURES_TEXT)
    assert (code, err) == (0, "")
    assert out == run("render", FEATURES, "--format", "dot")[1]
    graph = pygraphviz.AGraph(string=out)
    assert {"c1", "k1", "p1", "x1"} <= set(graph.nodes())
    assert list(here.iterdir()) == []


def test_render_to_stdout_writes_svg_that_is_xml(here: Path) -> None:
    if shutil.which("dot") is None:
        pytest.skip("system Graphviz (dot) is not installed")
    done = process(
        "render", "-", "-o", "-", "--format", "svg", "--renderer", "system", stdin=FEATURES.read_bytes()
    )
    assert (done.returncode, done.stderr) == (0, b"")
    root = ET.fromstring(done.stdout)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    ids = {e.get("id") for e in root.iter() if "claim" in (e.get("class") or "").split()}
    assert {"c1", "p1", "k1"} <= ids
    assert list(here.iterdir()) == []


def test_a_binary_drawing_goes_to_a_pipe_never_to_a_terminal(here: Path) -> None:
    if shutil.which("dot") is None:
        pytest.skip("system Graphviz (dot) is not installed")
    done = process("render", FEATURES, "-o", "-", "--format", "png", "--renderer", "system")
    assert done.returncode == 0 and done.stdout.startswith(b"\x89PNG\r\n\x1a\n")
    code, output = _on_a_terminal("render", FEATURES, "-o", "-", "--format", "png", "--renderer", "system")
    assert code == 2
    assert output == "argmap: png is binary: name a file with -o, or redirect stdout\r\n"
    assert list(here.iterdir()) == []


def _on_a_terminal(*args: str | Path, stdin_too: bool = False) -> tuple[int, str]:
    """Run argmap with stdout and stderr (and stdin, if asked) on a
    pseudo-terminal: its exit code and what it wrote there."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "argmap", *map(str, args)],
            stdin=follower if stdin_too else subprocess.DEVNULL,
            stdout=follower,
            stderr=follower,
            timeout=120,
            check=False,
        )
        os.close(follower)
        follower = -1
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other end is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        if follower >= 0:
            os.close(follower)
        os.close(leader)
    return done.returncode, b"".join(chunks).decode("utf-8")


def test_a_terminal_on_stdin_is_refused_not_waited_on() -> None:
    code, output = _on_a_terminal("show", "-", stdin_too=True)
    assert (code, output) == (
        2,
        "argmap: <stdin>: standard input is a terminal; pipe a map in (- < FILE)\r\n",
    )


# -- real processes, one a family: the same bytes as from the file ------------------------


FAMILIES = [
    ("show", "-", "--format", "json"),
    ("validate", "-"),
    ("render", "-", "-o", "-", "--format", "dot"),
    ("render", "-", "-o", "-", "--format", "mmd"),
    ("convert", "-", "-", "--to", "argdown"),
    ("evaluate", "-", "--semantics", "preferred", "--format", "json"),
    ("prep", "-", "--side", "b", "-o", "-", "--format", "markdown"),
    ("drill", "-", "--side", "a", "--print"),
    ("diff", "-", str(FEATURES), "--format", "json"),
    ("list", "-", "--format", "json"),
    ("schemes", "--map", "-", "--format", "json"),
]


@pytest.mark.parametrize("args", FAMILIES, ids=lambda a: " ".join(a))
def test_a_piped_map_gives_what_its_file_gives(args: tuple[str, ...], tmp_path: Path) -> None:
    piped = process(*args, stdin=FEATURES.read_bytes(), cwd=tmp_path)
    first = args.index("-")  # the map; a later - is standard output
    named = process(*args[:first], FEATURES, *args[first + 1 :], cwd=tmp_path)
    assert (piped.returncode, piped.stderr) == (named.returncode, named.stderr)
    assert piped.stdout == named.stdout.replace(str(FEATURES).encode(), b"<stdin>")
    assert piped.stdout != b"" or args[0] == "validate"  # which says it all on stderr
    assert list(tmp_path.iterdir()) == []


def test_a_redirected_file_is_an_input_and_never_written_over(tmp_path: Path) -> None:
    target = tmp_path / "map.dot"
    target.write_text(FEATURES_TEXT, encoding="utf-8")
    with target.open("rb") as handle:
        done = process("render", "-", "-o", target, stdin=handle.fileno())
    assert done.returncode == 2
    assert done.stderr == f"argmap: {target}: refusing to write over a file this command read\n".encode()
    assert target.read_text(encoding="utf-8") == FEATURES_TEXT


# -- bad standard input: one line, nothing written --------------------------------------------


BAD_STDIN = [
    (b"", "argmap: <stdin>: standard input is empty; expected a map\n"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "argmap: <stdin>:1:1: error: not UTF-8 text (byte 0x89)\n"),
    (b"claims:\n  - id: a\n    text: caf\xe9\n", "argmap: <stdin>:3:14: error: not UTF-8 text (byte 0xe9)\n"),
]
READERS = [
    ("show", "-"),
    ("render", "-", "-o", "out.svg"),
    ("convert", "-", "out.json"),
    ("evaluate", "-"),
    ("prep", "-", "--side", "a", "-o", "out.md"),
    ("slides", "-", "-o", "deck.html"),
    ("diff", "-", str(FEATURES)),
]


@pytest.mark.parametrize(("data", "message"), BAD_STDIN, ids=["empty", "binary", "latin-1"])
@pytest.mark.parametrize("args", READERS, ids=lambda a: a[0])
def test_bad_stdin_is_one_line_and_nothing_is_written(
    args: tuple[str, ...], data: bytes, message: str, here: Path
) -> None:
    assert run(*args, stdin=data) == (2, "", message)
    assert list(here.iterdir()) == []


def test_bad_stdin_in_a_real_process(tmp_path: Path) -> None:
    for data, message in BAD_STDIN:
        done = process("render", "-", "-o", "out.svg", stdin=data, cwd=tmp_path)
        assert (done.returncode, done.stdout, done.stderr) == (2, b"", message.encode())
    assert list(tmp_path.iterdir()) == []


def test_validate_reports_bad_stdin_as_unreadable() -> None:
    code, out, err = run("validate", "-", FEATURES, stdin=b"")
    assert (code, out) == (2, "")
    assert err == (
        "argmap: <stdin>: standard input is empty; expected a map\n"
        "0 error(s), 0 warning(s), 1 unreadable, in 2 file(s)\n"
    )


def test_stdin_is_read_once() -> None:
    code, _, err = run("validate", "-", "-", stdin=FEATURES_TEXT)
    assert code == 2
    assert "argmap: <stdin>: standard input was read already (as the map); name - once\n" in err


# -- what needs a file refuses - -------------------------------------------------------------

REFUSED = [
    (("diff", "-", "-"), "argmap: standard input holds one version: name - for one side only\n"),
    (
        ("diff", "--rev", "HEAD", "-"),
        "argmap: --rev reads the file's history in git: name a map file, not - (standard input)\n",
    ),
    (("log", "-"), "argmap: log reads the file's history in git: name a map file, not - (standard input)\n"),
    (
        ("preview", "-", "--no-browser"),
        "argmap: preview reads the map again on every save: name a map file, not - (standard input)\n",
    ),
    (
        ("render", "-", "--watch", "-o", "out.svg"),
        "argmap: --watch reads the map again on every save: name a map file, not - (standard input)\n",
    ),
    (
        ("drill", "-", "--side", "a"),
        "argmap: drill asks its questions on standard input (--print reads a map from it): "
        "name a map file, not - (standard input)\n",
    ),
    (
        ("coverage", "-", "-"),
        "argmap: coverage reads maps from standard input: name the source text's file, not - (standard input)\n",
    ),
    (
        ("render", "-", "-o", "-"),
        "argmap: -o - writes to standard output: name the format with --format\n",
    ),
    (
        ("render", "-", "--frames", "-"),
        "argmap: --frames -: frames are a folder of files; standard output cannot hold it\n",
    ),
    (
        ("render", "-", "--frames-pdf", "-"),
        "argmap: --frames-pdf -: write the frames' PDF to a file; standard output cannot hold it\n",
    ),
    (
        ("slides", "-", "-o", "-"),
        "argmap: -o -: a deck is a folder or a .pdf, .pptx or .html file, named by its suffix; "
        "standard output cannot hold it\n",
    ),
    (
        ("diff", "-", str(FEATURES), "-o", "-"),
        "argmap: -o -: a diff's diagram is a file named by its suffix (.dot, .svg, .png, .pdf); "
        "standard output cannot hold it\n",
    ),
]


@pytest.mark.parametrize(
    ("args", "message"), REFUSED, ids=lambda a: " ".join(a) if isinstance(a, tuple) else ""
)
def test_what_needs_a_file_refuses_dash_before_reading(
    args: tuple[str, ...], message: str, here: Path
) -> None:
    assert run(*args, stdin=FEATURES_TEXT) == (2, "", message)
    assert list(here.iterdir()) == []


def test_a_link_like_dev_stdout_is_refused_whatever_it_leads_to(tmp_path: Path) -> None:
    # /dev/stdout itself is never used here: when standard output is a file
    # (as under pytest), renaming over the link would replace it for the
    # whole system, which is what this rule stops.
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    code, out, err = run("render", FEATURES, "-o", link, "--format", "dot")
    assert (code, out) == (2, "")
    assert err == f"argmap: {link}: is a link to a process's open file; -o - writes to standard output\n"
    assert link.is_symlink() and str(link.readlink()) == "/proc/self/fd/1"


@settings(max_examples=40)
@given(data=st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8")))
def test_any_bytes_on_stdin_are_a_map_or_one_line(data: bytes) -> None:
    code, _, err = run("show", "-", stdin=data)
    assert code in {0, 1, 2}
    assert "internal error" not in err and "Traceback" not in err
    if code == 2:
        assert err.count("\n") == 1 and err.startswith("argmap: ")
