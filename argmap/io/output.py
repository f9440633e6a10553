"""Writing outputs: atomically, and never over an input; a folder of numbered
files (a slide build's frames) with what an earlier, longer run left removed."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from argmap.errors import OutputError
from argmap.io.files import read_in_this_run


def refuse_inputs(out: Path, inputs: Iterable[Path]) -> None:
    """Raise if `out` is one of the inputs (same file, however it is named)."""
    for source in inputs:
        try:
            same = out.resolve() == source.resolve() or (out.exists() and out.samefile(source))
        except OSError:
            same = False
        if same:
            raise OutputError(f"{out}: refusing to write over an input file")


def refuse_special(out: Path) -> None:
    """Raise unless `out` is missing, a regular file, or a link to one (or
    to nothing): renaming over a device, FIFO or socket (`-o /dev/null` as
    root) would replace it for the whole system, and a link to one
    (/dev/stdout) sits in a folder shared with it. A link into /proc
    (/dev/stdout again) is refused even when it leads to a regular file."""
    try:
        mode = out.lstat().st_mode
    except OSError:
        return  # nothing there yet
    if stat.S_ISDIR(mode):
        raise OutputError(f"{out}: is a directory")
    if stat.S_ISLNK(mode):
        if _into_proc(out):
            # /dev/stdout, /dev/fd/1: renaming over the link would replace it
            # for every process (when stdout is a file, the link leads to one).
            raise OutputError(f"{out}: is a link to a process's open file; -o - writes to standard output")
        try:
            mode = out.stat().st_mode
        except OSError:
            return  # a dangling link: replaced, as any link is
        if stat.S_ISDIR(mode):
            raise OutputError(f"{out}: is a link to a directory")
    if not stat.S_ISREG(mode):
        raise OutputError(
            f"{out}: is not a regular file (a device, FIFO or socket); argmap writes only files"
        )


def _into_proc(link: Path) -> bool:
    try:
        return str(link.readlink()).startswith("/proc/")
    except OSError:
        return False


# Temporary files are named .NAME.argmap-PID-RANDOM.tmp, so a later run can
# tell the ones a killed run left (kill -9 leaves no time to clean up).
_TMP_MARK = ".argmap-"


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    prefix = f".{name}{_TMP_MARK}"
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix) and e.name.endswith(".tmp")]
    except OSError:
        return
    for entry in entries:
        pid_text = entry.name[len(prefix) :].partition("-")[0]
        if pid_text.isdigit() and not _running(int(pid_text)):
            with contextlib.suppress(OSError):
                Path(entry.path).unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: running
    return True


def write_atomic(
    out: Path, data: bytes | str, inputs: Iterable[Path] = (), *, updating: bool = False
) -> None:
    """Write to a temporary file beside `out`, then rename it into place:
    readers see the old file or the new one, never half of one. Never over
    an input, a file read in this run (unless `updating`: the command's own
    file, read to be updated, as drill's results), or anything but a
    regular file."""
    refuse_inputs(out, inputs)
    refuse_special(out)
    if not updating and read_in_this_run(out):
        raise OutputError(f"{out}: refusing to write over a file this command read")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = out.parent if str(out.parent) else Path()
    _remove_stale_temporaries(folder, out.name)
    tmp = _temporary_beside(out, payload, folder)
    try:
        tmp.replace(out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise OutputError(f"{out}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _temporary_beside(out: Path, payload: bytes, folder: Path) -> Path:
    """`payload` in a new temporary file in `folder`, named after `out` and
    this process (see _remove_stale_temporaries), with the usual permissions
    (mkstemp makes it 0600)."""
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{out.name}{_TMP_MARK}{os.getpid()}-", suffix=".tmp", dir=folder
        )
    except FileNotFoundError:
        raise OutputError(f"{out}: folder {folder} does not exist") from None
    except OSError as exc:
        raise OutputError(f"{out}: cannot write: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise OutputError(f"{out}: cannot write: {exc.strerror or exc}") from None
        raise
    return tmp


def write_new(files: Mapping[Path, bytes | str]) -> None:
    """Write new files (their folders made if missing), refusing to write
    over any that exists: all or none. Each is written beside its place and
    linked into it, which fails if a file got there meanwhile."""
    for out in files:
        if out.exists() or out.is_symlink():
            raise OutputError(f"{out}: already exists; refusing to write over it")
    written: list[Path] = []
    try:
        for out, data in files.items():
            _link_new(out, data.encode("utf-8") if isinstance(data, str) else data)
            written.append(out)
    except BaseException:
        for out in written:
            with contextlib.suppress(OSError):
                out.unlink()
        raise


def _link_new(out: Path, payload: bytes) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write: {exc.strerror or exc}") from None
    tmp = _temporary_beside(out, payload, out.parent)
    try:
        os.link(tmp, out)
    except FileExistsError:
        raise OutputError(f"{out}: already exists; refusing to write over it") from None
    except OSError as exc:
        raise OutputError(f"{out}: cannot write: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def write_folder(
    folder: Path,
    files: Mapping[str, bytes],
    *,
    earlier: Callable[[str], bool],
    what: str,
    inputs: Iterable[Path] = (),
) -> None:
    """Write `files` (name -> data) into `folder` (made if missing: it is
    the output; its parent, like any output's folder, must exist), each
    atomically, then remove the files an earlier run left there: those not
    written now whose names `earlier` says are this kind of output (`what`,
    as "frame", for messages)."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file, not a folder for {what}s")
    if not folder.parent.is_dir():
        raise OutputError(f"{folder}: folder {folder.parent} does not exist")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot make the folder: {exc.strerror or exc}") from None
    inputs = list(inputs)
    for name, data in files.items():
        write_atomic(folder / name, data, inputs=inputs)
    for old in sorted(folder.iterdir()):
        if old.name not in files and earlier(old.name) and old.is_file():
            try:
                old.unlink()
            except OSError as exc:
                raise OutputError(
                    f"{old}: cannot remove a {what} of an earlier build: {exc.strerror or exc}"
                ) from None
