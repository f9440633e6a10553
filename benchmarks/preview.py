"""Time `argmap preview` from a save to the new page: what a user waits for
between saving the map and seeing it drawn again.

    python benchmarks/preview.py                    # 20, 200 and 1,000 claims
    python benchmarks/preview.py --sizes 50 --runs 5

For each size it starts `argmap preview --no-browser` on a generated map
(benchmarks/generate.py), listens on the page's update stream (`/events`)
as the page does, then, run after run, changes one claim's text, saves, and
takes the time from the end of the save to the moment the `drawing` event
has come and `GET /` has returned the page holding the new text. The
watcher looks at the files every 0.2 s and waits one more look for the save
to settle (argmap/io/watch.py), so about 0.2 to 0.4 s of each figure is
waiting, the rest loading, checking and drawing (Graphviz). The target
(issue 16): the new drawing served within a second of a save.
"""

from __future__ import annotations

import argparse
import http.client
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate_map
from run import find_argmap, load_average, progress

SEED = 1


def read_event(stream: http.client.HTTPResponse) -> tuple[str, str]:
    name, data = "", ""
    while True:
        line = stream.readline().decode("utf-8").rstrip("\n")
        if line == "" and name:
            return name, data
        if line.startswith("event: "):
            name = line[len("event: ") :]
        elif line.startswith("data: "):
            data = line[len("data: ") :]


def wait_for_drawing(stream: http.client.HTTPResponse, version: int) -> None:
    while (event := read_event(stream)) != ("drawing", str(version)):
        if event[0] == "problems" and event[1] != "[]":
            raise SystemExit(f"the map has problems: {event[1]}")


def time_saves(argmap: str, size: int, runs: int, folder: Path) -> list[float]:
    """Seconds from each save to the new page in hand."""
    path = folder / f"map-{size}.yaml"
    text = generate_map(size, SEED)
    path.write_text(text, encoding="utf-8")
    process = subprocess.Popen(
        [argmap, "preview", "--no-browser", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline().strip().rstrip("/").rsplit(":", 1)[1])
        events = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        events.request("GET", "/events")
        stream = events.getresponse()
        wait_for_drawing(stream, 1)
        times = []
        for run in range(runs):
            marker = f"Saved {run} -"
            path.write_text(text.replace("text: ", f"text: {marker} ", 1), encoding="utf-8")
            saved = time.perf_counter()
            wait_for_drawing(stream, run + 2)
            page = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            page.request("GET", "/")
            body = page.getresponse().read().decode("utf-8")
            times.append(time.perf_counter() - saved)
            if marker not in body:
                raise SystemExit(f"{size} claims: the page after save {run} lacks the new text")
            time.sleep(0.5)  # let the watcher settle before the next save
        return times
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time argmap preview from a save to the new page.")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[20, 200, 1000])
    parser.add_argument("--runs", type=int, default=7, help="saves per size (default 7)")
    parser.add_argument("--argmap", help="the argmap executable (default: the one next to this Python)")
    args = parser.parse_args(argv)
    argmap = find_argmap(args.argmap)
    load = load_average()
    print("| claims | saves | median | min | max |")
    print("|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="argmap-preview-bench-") as tmp:
        for size in args.sizes:
            progress(f"{size} claims ...")
            times = time_saves(argmap, size, args.runs, Path(tmp))
            print(
                f"| {size:,} | {len(times)} | {statistics.median(times):.2f} s "
                f"| {min(times):.2f} s | {max(times):.2f} s |"
            )
    print(f"\nload average before: {load}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
