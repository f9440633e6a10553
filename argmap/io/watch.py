"""`render --watch`: notice when a map, or a source text it quotes, is saved.

Polls the files' modification times (no dependency, works on every file
system, including the ones inotify cannot see). A save is a change of a
file's mtime, size or inode (editors that save by renaming a new file into
place change the inode), or a file appearing or disappearing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from argmap.io.files import source_base_dir
from argmap.model import ArgumentMap

__all__ = ["Stamps", "Watch", "stamps", "wait_for_change", "watched_files"]

INTERVAL = 0.2  # seconds between looks

# Path -> (mtime in ns, size, inode), or None while the file is missing.
Stamps = dict[Path, tuple[int, int, int] | None]


def stamps(paths: Iterable[Path]) -> Stamps:
    found: Stamps = {}
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            found[path] = None
        else:
            found[path] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return found


def watched_files(map_file: Path, amap: ArgumentMap | None) -> list[Path]:
    """The map and the source files it names (whose quotes validation checks)."""
    files = [map_file]
    if amap is not None:
        base = source_base_dir(amap.file)
        files += [base / s.file for s in amap.sources.values() if s.file is not None]
    return list(dict.fromkeys(files))


def wait_for_change(
    before: Stamps, interval: float = INTERVAL, sleep: Callable[[float], None] = time.sleep
) -> Stamps:
    """Return once a file of `before` has changed and then held still for
    one interval (an editor may write a file in several steps); the stamps
    returned are the files as they are then."""
    now = stamps(before)
    while now == before:
        sleep(interval)
        now = stamps(before)
    while True:
        sleep(interval)
        settled = stamps(before)
        if settled == now:
            return settled
        now = settled


class Watch:
    """What one `render --watch` watches: the map from the start, and after
    each good render the source files that map quotes; `wait()` returns at
    the next save of any of them."""

    def __init__(self, map_file: Path) -> None:
        self.map_file = map_file
        self._before = stamps([map_file])

    @property
    def files(self) -> list[Path]:
        return list(self._before)

    def rendered(self, amap: ArgumentMap) -> None:
        """Watch the files `amap` (the map as just rendered) reads too. A
        file already watched keeps its stamp from before the render, so a
        save during the render still counts."""
        self._before = {**stamps(watched_files(self.map_file, amap)), **self._before}

    def wait(self, interval: float = INTERVAL, sleep: Callable[[float], None] = time.sleep) -> None:
        self._before = wait_for_change(self._before, interval, sleep)
