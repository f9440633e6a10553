"""Bad input: one clear line naming the file, a non-zero exit, no traceback,
nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_loader import alias_bomb, within_seconds
from typer.testing import CliRunner

from argmap.cli import app
from argmap.formats.registry import known_suffixes
from argmap.io import files as textfile

runner = CliRunner()
READABLE_SUFFIXES = known_suffixes()  # grows as formats are added

# 10 ** 9 claims when the aliases are followed, 10 as written.
BILLION_LAUGHS = alias_bomb(9)

CASES: dict[str, tuple[bytes, str | tuple[str, ...]]] = {
    "malformed.yaml": (
        b"claims: [\n  - id: a\n",
        "malformed.yaml:2:3: error: YAML syntax: did not find expected node content",
    ),
    "list-top.yaml": (b"- a\n- b\n", "list-top.yaml:1:1: error: the top of a map must be a mapping"),
    "scalar-top.yaml": (b"42\n", "scalar-top.yaml:1:1: error: the top of a map must be a mapping"),
    "empty.yaml": (b"", "empty.yaml: empty file, no map in it"),
    "blank.yaml": (b"\n  \n# nothing\n", "blank.yaml: empty file, no map in it"),
    "latin1.yaml": (b"title: caf\xe9\n", "latin1.yaml:1:11: error: not UTF-8 text (byte 0xe9)"),
    "deep.yaml": (b"claims: " + b"[" * 50_000 + b"]" * 50_000, "deep.yaml:1:1008: error: nested more than"),
    "deep-block.yaml": (
        b"".join(b"  " * i + b"- \n" for i in range(3000)),
        # libyaml (PyYAML >= 6.0.3) stops at its own limit a line earlier.
        ("deep-block.yaml:1000:", "deep-block.yaml:1001:"),
    ),
    "bad.json": (b'{"nodes": [}', "bad.json:1:12: error: JSON syntax: Expecting value"),
    "deep.json": (b"[" * 100_000 + b"]" * 100_000, "deep.json: JSON nested too deeply"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_unreadable_maps(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, start = CASES[name]
    (tmp_path / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    for args in (
        ["validate", name],
        ["show", name],
        ["render", name, "-o", "out.svg"],
        ["convert", name, "o.json"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.stderr)
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == (2 if args[0] == "validate" else 1), result.stderr
        starts = (start,) if isinstance(start, str) else start
        assert lines[0].startswith(tuple("argmap: " + s for s in starts)), lines[0]
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "argmap: missing.yaml: no such file"),
        (lambda p: p.mkdir(), "argmap: missing.yaml: is a directory, not a map"),
    ],
)
def test_missing_file_and_directory(
    make: object, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    make(Path("missing.yaml"))  # type: ignore[operator]
    result = runner.invoke(app, ["show", "missing.yaml"])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")


def test_validate_missing_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "nope.yaml"])
    assert (result.exit_code, result.stderr) == (2, "argmap: nope.yaml: no such file or folder\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # pragma: no cover
    path = tmp_path / "locked.yaml"
    path.write_text("claims: []\n")
    path.chmod(0)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["show", "locked.yaml"])
    assert (result.exit_code, result.stderr) == (2, "argmap: locked.yaml: permission denied\n")


def test_unknown_suffix_is_not_guessed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "map.docx").write_text("claims: []\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["show", "map.docx"])
    assert (result.exit_code, result.stderr) == (
        2,
        f"argmap: map.docx: cannot tell the format from the suffix (expected {READABLE_SUFFIXES})\n",
    )


def test_huge_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textfile, "MAX_FILE_BYTES", 1024 * 1024)
    (tmp_path / "huge.yaml").write_bytes(b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "huge.yaml"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "argmap: huge.yaml: map is 3 MiB; the limit is 1 MiB"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "claims:\n  - id: a\n    text: !!python/object/apply:os.system [echo pwned]\n",
            "m.yaml:3:11: error: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
            "(unsupported-tag)",
        ),
        ("claims:\n  - id: a\n    text: A.\n    id: b\n", "m.yaml:4:5: error: duplicate key 'id' in a claim"),
    ],
)
def test_map_problems_are_diagnostics(
    text: str, line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "m.yaml").write_text(text)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "m.yaml"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(line)


def test_billion_laughs_is_quick_and_small(tmp_path: Path) -> None:
    """A real process: refuses the alias bomb in bounded time and memory."""
    path = tmp_path / "bomb.yaml"
    path.write_text(BILLION_LAUGHS)
    code = (
        "import sys\n"
        "from argmap.__main__ import main\n"
        "sys.argv = ['argmap', 'validate', sys.argv[1]]\n"
        "try:\n    main()\n"
        "except SystemExit as e:\n"
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the process
        # that started this one (pytest, when subprocess uses vfork).
        "    hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "    print(e.code, int(hwm.split()[1]) // 1024, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    exit_code, peak_mb = map(int, done.stderr.split()[-2:])
    assert exit_code == 1
    assert peak_mb < 200
    assert "Traceback" not in done.stderr
    aliases = [line for line in done.stdout.splitlines() if line.endswith("(yaml-alias)")]
    assert len(aliases) == 9 * 10
    assert aliases[0] == (
        f"{path}:2:5: error: this list or mapping is used again through a YAML alias; "
        "aliases are not supported (yaml-alias)"
    )


def test_alias_bomb_inside_claims(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "b.yaml").write_text(alias_bomb(8, key="counterclaims"))
    monkeypatch.chdir(tmp_path)
    with within_seconds(20):
        result = runner.invoke(app, ["validate", "b.yaml"])
    # Each alias is refused once, as written: 80 problems, not 10^8 claims.
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert sum(line.endswith("(yaml-alias)") for line in lines) == 8 * 10
    assert len(lines) < 100


def test_deep_nesting_in_a_real_process(tmp_path: Path) -> None:
    """libyaml's composer recurses in C: this must not crash the process."""
    path = tmp_path / "deep.yaml"
    path.write_text("claims: " + "{a: " * 200_000 + "b" + "}" * 200_000)
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"argmap: {path}:1:4005: error: nested more than 1000 levels deep",
        "0 error(s), 0 warning(s), 1 unreadable, in 1 file(s)",
    ]
