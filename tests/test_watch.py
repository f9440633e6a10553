"""`argmap render --watch` in a real process, and the spinner on a terminal."""

from __future__ import annotations

import os
import pty
import queue
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from argmap.io.watch import stamps, wait_for_change
from argmap.render.graphviz import available_backends

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 60

pytestmark = pytest.mark.skipif(not any(available_backends().values()), reason="no Graphviz here")

MAP = """sources:
  text: {{file: source.txt}}
claims:
  - id: a
    text: {text}
    source: {{ref: text, quote: "the quoted words"}}
    premises:
      - {{id: b, text: A premise.}}
"""


def argmap_process(*args: str | Path, **kwargs: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "ARGMAP_DEBUG": ""}
    return subprocess.Popen(  # type: ignore[call-overload,no-any-return]
        [sys.executable, "-m", "argmap", *map(str, args)], env=env, **kwargs
    )


class Lines:
    """The lines a process writes on a pipe, read as they come."""

    def __init__(self, pipe: object) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, args=(pipe,), daemon=True)
        self.reader.start()

    def _read(self, pipe: object) -> None:
        for raw in pipe:  # type: ignore[attr-defined]
            self.lines.put(raw.decode("utf-8"))

    def next(self) -> str:
        line = self.lines.get(timeout=TIMEOUT)
        self.seen.append(line)
        return line


def test_watch_renders_again_on_each_save_and_keeps_the_last_good_output(tmp_path: Path) -> None:
    map_file, out = tmp_path / "map.yaml", tmp_path / "map.svg"
    map_file.write_text(MAP.format(text="First version."))
    (tmp_path / "source.txt").write_text("Here are the quoted words.\n")
    process = argmap_process("render", map_file, "-o", out, "--watch", stderr=subprocess.PIPE)
    assert process.stderr is not None
    stderr = Lines(process.stderr)
    try:
        assert stderr.next().startswith(f"wrote {out} (")
        assert b"First version." in out.read_bytes()

        map_file.write_text(MAP.format(text="Second version."))
        line = stderr.next()
        assert line.startswith(f"wrote {out} (") and line.endswith(" s)\n")
        assert b"Second version." in out.read_bytes()

        map_file.write_text(MAP.format(text='""'))
        assert stderr.next() == f"{map_file}:5:11: error: claim 'a' has empty text (empty-text)\n"
        assert (
            stderr.next() == f"argmap: {map_file}: 1 error(s); fix them first; keeping the last good output\n"
        )
        map_file.write_text(MAP.format(text="[broken"))
        assert stderr.next() == (
            f"argmap: {map_file}:6:11: error: YAML syntax: did not find expected ',' or ']' (yaml-syntax); "
            "keeping the last good output\n"
        )
        assert b"Second version." in out.read_bytes()

        # The source it quotes is watched too: a quote no longer in it is an error.
        map_file.write_text(MAP.format(text="Third version."))
        assert stderr.next().startswith(f"wrote {out} (")
        (tmp_path / "source.txt").write_text("The words are gone.\n")
        assert "(quote-not-found)" in stderr.next()
        assert stderr.next().endswith("keeping the last good output\n")
        (tmp_path / "source.txt").write_text("Back: the quoted words.\n")
        assert stderr.next().startswith(f"wrote {out} (")
        assert b"Third version." in out.read_bytes()
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=TIMEOUT)
    stderr.reader.join(timeout=TIMEOUT)
    process.stderr.close()
    assert code == 130
    assert stderr.next() == "argmap: interrupted\n"


def test_wait_for_change_sees_a_file_replaced_appearing_or_going(tmp_path: Path) -> None:
    present, absent = tmp_path / "a", tmp_path / "b"
    present.write_text("x")
    before = stamps([present, absent])
    assert before[absent] is None
    naps: list[float] = []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        if len(naps) == 3:  # replaced by rename, same size: a new inode
            (tmp_path / "new").write_text("y")
            (tmp_path / "new").replace(present)

    after = wait_for_change(before, interval=0.01, sleep=sleep)
    assert after[present] != before[present] and after[absent] is None
    assert len(naps) == 4  # three looks before the save, one to see it held still
    absent.write_text("now here")
    assert wait_for_change(after, interval=0.01)[absent] is not None


def test_a_spinner_with_elapsed_time_on_a_terminal_for_a_big_map(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    lines = ["claims:", "  - id: c0", "    text: The conclusion.", "    premises:"]
    lines += [f"      - {{id: c{n}, text: Premise {n}.}}" for n in range(1, 1001)]
    big.write_text("\n".join(lines) + "\n")
    controller, terminal = pty.openpty()
    process = argmap_process(
        "render", big, "-o", tmp_path / "big.svg", "--no-legend", "--direction", "LR", stderr=terminal
    )
    os.close(terminal)
    seen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the process has gone and closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(controller)
    assert process.wait(timeout=TIMEOUT) == 0
    text = seen.decode("utf-8", "replace")
    assert "Graphviz is drawing 1,001 claims" in text
    assert "0:00:0" in text  # the elapsed time
    assert text.rstrip().endswith(f"wrote {tmp_path / 'big.svg'}")


def test_watch_starts_with_the_map_and_adds_the_sources_a_render_read(tmp_path: Path) -> None:
    from argmap.formats.registry import load_path
    from argmap.io.watch import Watch

    map_file, source = tmp_path / "map.yaml", tmp_path / "source.txt"
    map_file.write_text(MAP.format(text="First version."))
    source.write_text("Here are the quoted words.\n")
    naps: list[float] = []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        assert len(naps) < 5, "no change seen"

    watch = Watch(map_file)
    assert watch.files == [map_file]
    # Saved while it renders: the map keeps its stamp from before, so the save counts.
    map_file.write_text(MAP.format(text="Second, longer version."))
    watch.rendered(load_path(map_file).map)
    assert watch.files == [map_file, source]
    watch.wait(interval=0.01, sleep=sleep)
    assert naps == [0.01]  # seen at once, then held still for one interval
    source.write_text("Saved again, and longer.\n")
    watch.wait(interval=0.01, sleep=sleep)
    assert naps == [0.01, 0.01]
