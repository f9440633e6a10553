"""Git, run as a subprocess: a file as it was at a revision, one file's
history, and the settings that make git show maps' changes as argument
changes.

Every failure is one line: git missing is a ToolMissingError (exit 3); a
bad revision, a path not in it, or a folder that is not a repository is an
InputError naming what was asked for (exit 2).
"""

from __future__ import annotations

import os
import posixpath
import shlex
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from argmap.errors import InputError, ToolMissingError, UsageError
from argmap.io.output import write_atomic

DRIVER = "argmap"  # the name in `diff=argmap` and `diff.argmap.*`
# Where maps live unless `git-setup --pattern` says otherwise: this
# repository's layout; gitattributes patterns, relative to the repository root.
DEFAULT_PATTERNS = ("arguments/**/*.yaml", "arguments/**/*.yml", "arguments/**/*.json")
ATTRIBUTES_HEADER = "# argmap: git diff and git log -p show argument changes (argmap git-setup)"


class GitError(InputError):
    """Git refused: a bad revision, a path not at that revision, no repository."""


def git(args: Sequence[str], cwd: Path | str | None = None, stdin: bytes | None = None) -> bytes:
    """Run `git args...` and return its stdout; raise GitError with git's
    first line of complaint (without "fatal: ") when it fails."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise ToolMissingError("git is not installed or not on PATH") from None
    except OSError as exc:
        raise ToolMissingError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise GitError(_complaint(done.stderr) or f"git {args[0]} failed (exit {done.returncode})")
    return done.stdout


def _complaint(stderr: bytes) -> str:
    for line in stderr.decode("utf-8", "replace").splitlines():
        if line.startswith(("fatal:", "error:")):
            return line.split(":", 1)[1].strip()
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[0] if lines else ""


def toplevel(cwd: Path | str | None = None) -> Path:
    """The root of the work tree `cwd` is in."""
    try:
        out = git(["rev-parse", "--show-toplevel"], cwd)
    except GitError as exc:
        if "not a git repository" not in exc.message:
            raise
        raise GitError(f"{Path(cwd or '.').resolve()}: not in a git repository") from None
    return Path(out.decode("utf-8").strip())


def repo_path(file: Path, cwd: Path | str | None = None) -> tuple[Path, str]:
    """(work tree root, `file` relative to it in git's `/` form)."""
    root = toplevel(cwd)
    base = Path(cwd) if cwd is not None else Path.cwd()
    absolute = (base / file).parent.resolve() / Path(file).name
    try:
        relative = absolute.relative_to(root.resolve())
    except ValueError:
        try:
            relative = absolute.relative_to(root)
        except ValueError:
            raise UsageError(f"{file}: outside the git repository at {root}") from None
    return root, relative.as_posix()


@dataclass(frozen=True, slots=True)
class RevisionPath:
    """`REV:path` as git takes it: `HEAD~2:arguments/x.yaml`, or a path
    starting `./` or `../` for one relative to the current folder."""

    rev: str
    path: str

    def __str__(self) -> str:
        return f"{self.rev}:{self.path}"


def parse_revision_path(text: str) -> RevisionPath | None:
    """`REV:path` split at its first colon; None when there is none."""
    rev, colon, path = text.partition(":")
    if not colon or not path:
        return None
    return RevisionPath(rev, path)


def read_blob(spec: RevisionPath, cwd: Path | str | None = None) -> bytes:
    """A file as it is at a revision. `git cat-file blob` takes the same
    `REV:path` as `git show`, but never runs a textconv filter and refuses a
    folder."""
    if spec.rev.startswith("-"):
        # No revision starts with '-'; git would read it as an option.
        raise GitError(f"{spec}: unknown git revision '{spec.rev}'")
    try:
        return git(["cat-file", "blob", "--end-of-options", str(spec)], cwd)
    except GitError as exc:
        raise GitError(f"{spec}: {_plainer(exc.message, spec)}") from None


def _plainer(message: str, spec: RevisionPath) -> str:
    if message.startswith("invalid object name"):
        return f"unknown git revision '{spec.rev}'"
    if message.startswith("not a git repository"):
        return "not in a git repository (REV:path reads a file from git history)"
    if message.endswith("bad file"):
        return f"'{spec.path}' is not a file at revision '{spec.rev}'"
    return message


def in_repository_form(spec: RevisionPath, cwd: Path | str | None = None) -> RevisionPath:
    """A `./` or `../` path made relative to the root (so files beside it,
    such as a map's sources, can be named at the same revision)."""
    if not spec.path.startswith(("./", "../")):
        return spec
    try:
        prefix = git(["rev-parse", "--show-prefix"], cwd).decode("utf-8").strip()
    except GitError as exc:
        raise GitError(f"{spec}: {_plainer(exc.message, spec)}") from None
    return RevisionPath(spec.rev, posixpath.normpath(posixpath.join(prefix, spec.path)))


def beside(spec: RevisionPath, relative: str) -> RevisionPath:
    """The file `relative` names from the folder of `spec`, at the same revision."""
    folder = posixpath.dirname(spec.path)
    return RevisionPath(spec.rev, posixpath.normpath(posixpath.join(folder, relative)))


# -- history ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit that changed a file: the file before (None when it was
    added, or for a merge) and after (None when it was deleted)."""

    hash: str
    short: str
    date: str
    subject: str
    before: RevisionPath | None
    after: RevisionPath | None
    merge: bool = False


def file_history(path: str, cwd: Path | str) -> list[Commit]:
    """Commits that changed `path` (relative to the root `cwd`), newest
    first, following renames (`git log --follow`)."""
    out = git(
        [
            "log",
            "-z",
            "--follow",
            "-M",
            "--name-status",
            "--date=short",
            "--format=%x1e%H%x1f%h%x1f%ad%x1f%P%x1f%s",
            "--",
            path,
        ],
        cwd,
    ).decode("utf-8", "replace")
    commits: list[Commit] = []
    for record in out.split("\x1e")[1:]:
        header, _, rest = record.partition("\x00")
        full, short, date, parents, subject = header.split("\x1f", 4)
        tokens = [t for t in rest.lstrip("\n").split("\x00") if t]
        before: RevisionPath | None = None
        after: RevisionPath | None = None
        if tokens:
            status = tokens[0][:1]
            old_path, new_path = (
                (tokens[1], tokens[2]) if status in "RC" and len(tokens) > 2 else (tokens[1],) * 2
            )
            if status not in "A":
                before = RevisionPath(f"{full}^", old_path)
            if status != "D":
                after = RevisionPath(full, new_path)
        commits.append(Commit(full, short, date, subject, before, after, merge=len(parents.split()) > 1))
    return commits


def read_blobs(specs: Iterable[RevisionPath], cwd: Path | str) -> list[bytes | None]:
    """Many files at revisions through one `git cat-file --batch`: the
    contents, or None for one that is missing."""
    wanted = list(specs)
    if not wanted:
        return []
    stdin = "".join(f"{spec}\n" for spec in wanted).encode("utf-8")
    out = git(["cat-file", "--batch"], cwd, stdin)
    found: list[bytes | None] = []
    at = 0
    for _ in wanted:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            found.append(None)
            if len(header) == 3:  # a tree or other object: skip its contents
                at += int(header[2]) + 1
            continue
        size = int(header[2])
        found.append(out[at : at + size])
        at += size + 1
    return found


# -- set-up ------------------------------------------------------------------------


def driver_command(absolute: bool) -> str:
    """How git should start argmap: `argmap`, found on PATH when git runs
    (it survives the virtual environment being moved or rebuilt), or this
    interpreter by absolute path (works without activating anything, until
    that environment moves)."""
    if not absolute:
        return "argmap"
    return f"{shlex.quote(sys.executable)} -m argmap"


@dataclass(frozen=True, slots=True)
class Setup:
    config: tuple[tuple[str, str], ...]  # (key, value) set
    attributes: Path
    added_lines: tuple[str, ...]  # lines appended to .gitattributes (none when already there)
    matched: int = 0  # files in the working tree (tracked, or untracked and not ignored) now diff=argmap


def setup_repository(cwd: Path | str, command: str, patterns: Sequence[str]) -> Setup:
    """Configure the repository `cwd` is in: `diff.argmap.command` runs the
    semantic diff for `git diff`, `diff.argmap.textconv` turns each version
    into one line per claim for `git log -p` and `git show` (which do not run
    external diff commands); `.gitattributes` gets `<pattern> diff=argmap`
    for each pattern it lacks. Running it again changes nothing."""
    if not patterns:
        raise UsageError("no --pattern given")
    for pattern in patterns:
        if not pattern.strip() or any(c.isspace() for c in pattern) or pattern.startswith("!"):
            raise UsageError(
                f"--pattern {pattern!r}: a gitattributes pattern has no spaces and no leading '!'"
            )
    root = toplevel(cwd)
    config = (
        # `--`: git appends file names, and one may start with '-'.
        (f"diff.{DRIVER}.command", f"{command} git-diff-driver --"),
        (f"diff.{DRIVER}.textconv", f"{command} git-textconv --"),
    )
    for key, value in config:
        git(["config", "--local", key, value], root)
    attributes = root / ".gitattributes"
    existing = attributes.read_text(encoding="utf-8") if attributes.is_file() else ""
    present = {tuple(line.split()) for line in existing.splitlines()}
    missing = [f"{p} diff={DRIVER}" for p in patterns if (p, f"diff={DRIVER}") not in present]
    missing = list(dict.fromkeys(missing))
    if missing:
        lines = [] if ATTRIBUTES_HEADER in existing.splitlines() else [ATTRIBUTES_HEADER]
        text = existing + ("\n" if existing and not existing.endswith("\n") else "")
        write_atomic(attributes, text + "".join(f"{line}\n" for line in (*lines, *missing)))
    return Setup(config, attributes, tuple(missing), matched_files(root))


def matched_files(root: Path) -> int:
    """How many files of the working tree git now diffs with argmap (as
    .gitattributes says, whatever wrote it): none means the patterns name no map."""
    listed = git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], root)
    if not listed:
        return 0
    answer = git(["check-attr", "-z", "--stdin", "diff"], root, stdin=listed).split(b"\0")
    # NUL-separated triples: path, attribute, value.
    return sum(value == DRIVER.encode() for value in answer[2::3])
