"""The spinner on stderr while Graphviz draws (`render`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

# Past this many claims Graphviz takes seconds: show the spinner at once
# (otherwise only once it has taken longer than SPINNER_DELAY seconds).
LARGE_MAP = 1000
SPINNER_DELAY = 2.0


@contextmanager
def working(claims: int) -> Iterator[None]:
    """A spinner with the time elapsed on stderr while Graphviz works: at
    once on a large map, after SPINNER_DELAY seconds on others; never when
    stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield
        return
    import threading

    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(
        SpinnerColumn(),
        TextColumn("Graphviz is drawing {task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    progress.add_task(f"{claims:,} claims", total=None)
    lock = threading.Lock()
    done = False

    def start() -> None:
        with lock:
            if not done:
                progress.start()

    timer = threading.Timer(0 if claims > LARGE_MAP else SPINNER_DELAY, start)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            done = True
            if progress.live.is_started:
                progress.stop()
