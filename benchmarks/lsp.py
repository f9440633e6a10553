"""Time `argmap lsp` as an editor meets it: how long after an edit the new
diagnostics arrive, on a 500-claim map (the target: within 100 ms) and a
5,000-claim one, and whether the server still answers while a big map is
being checked.

    python benchmarks/lsp.py                  # print the results as Markdown
    python benchmarks/lsp.py --edits 60 --big 10000

The server is a real `argmap lsp` process, spoken to over stdio by the
tests' client (tests/lsp_client.py). Each edit changes one word of a
claim's text (an incremental change, as editors send) and waits for the
`publishDiagnostics` of that version: the time includes the server's
debounce (argmap/lsp/server.py, DEBOUNCE_SECONDS), the check and the
trip through the pipes. Edits are spaced 0.2 s apart, as typing pauses.

"Hover while checking": right after an edit of the big map, a hover on
the small one; its answer must not wait for the big map's check.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from generate import generate_map
from run import load_average

# The tests' client (tests/lsp_client.py), a real one written from the protocol.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from lsp_client import LspClient

from argmap.checks.editing import analyse, indexed

PAUSE = 0.2  # seconds between edits


def edit_latencies(client: LspClient, uri: str, text: str, edits: int) -> list[float]:
    """Seconds from each edit sent to its diagnostics received."""
    line = next(n for n, row in enumerate(text.splitlines()) if row.lstrip().startswith("text: "))
    column = text.splitlines()[line].index("text: ") + len("text: ")
    found = []
    for version in range(2, edits + 2):
        word = "Alpha" if version % 2 else "Omega"
        start = client.mark()
        sent = time.perf_counter()
        place = {"line": line, "character": column}
        client.change(uri, version, word, {"start": place, "end": {"line": line, "character": column + 5}})
        client.diagnostics(uri, start, version=version)
        found.append(time.perf_counter() - sent)
        time.sleep(PAUSE)
    return found


def hover_while_checking(
    client: LspClient, big: tuple[str, str], small: tuple[str, str], tries: int
) -> list[float]:
    """Seconds to answer a hover on the small map sent right after an edit of the big one."""
    big_uri, big_text = big
    small_uri, small_text = small
    line = next(n for n, row in enumerate(small_text.splitlines()) if row.lstrip().startswith("- id: "))
    character = small_text.splitlines()[line].index("id: ") + 4
    found = []
    for version in range(100, 100 + tries):
        start = client.mark()
        client.change(big_uri, version, big_text if version % 2 else big_text + "\n")
        time.sleep(0.05)  # past the debounce: the big map's check is running
        sent = time.perf_counter()
        client.at("textDocument/hover", small_uri, line, character)
        found.append(time.perf_counter() - sent)
        client.diagnostics(big_uri, start, version=version)
    return found


def in_process(text: str, path: Path, runs: int) -> tuple[float, float]:
    """Median seconds of the check (diagnostics) and of the index, in process."""
    checks, indexes = [], []
    for _ in range(runs):
        started = time.perf_counter()
        state = analyse(text, str(path), index=False)
        checks.append(time.perf_counter() - started)
        started = time.perf_counter()
        indexed(state)
        indexes.append(time.perf_counter() - started)
    return statistics.median(checks), statistics.median(indexes)


def row(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p90 = ms[min(len(ms) - 1, round(0.9 * (len(ms) - 1)))]
    return f"| {name} | {len(ms)} | {statistics.median(ms):.0f} | {p90:.0f} | {ms[0]:.0f} | {ms[-1]:.0f} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=500)
    parser.add_argument("--big", type=int, default=5000)
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="argmap-lsp-bench-"))
    maps = {}
    for size in (args.claims, args.big):
        path = folder / f"map-{size}.yaml"
        path.write_text(generate_map(size, args.seed), encoding="utf-8")
        maps[size] = (path.as_uri(), path.read_text(encoding="utf-8"))
    load_before = load_average()
    client = LspClient(folder)
    try:
        for uri, text in maps.values():
            assert client.open(uri, text) == [], "the generated maps validate"
        small = edit_latencies(client, *maps[args.claims], args.edits)
        big = edit_latencies(client, *maps[args.big], max(5, args.edits // 4))
        hovers = hover_while_checking(client, maps[args.big], maps[args.claims], max(5, args.edits // 4))
        assert client.close() == 0
    finally:
        client.kill()
    print(f"{os.cpu_count()} cores; load average before {load_before}, after {load_average()}\n")
    print("| edit → diagnostics (ms) | runs | median | p90 | min | max |\n|---|--:|--:|--:|--:|--:|")
    print(row(f"{args.claims} claims", small))
    print(row(f"{args.big} claims", big))
    print(row(f"hover on the {args.claims}-claim map while the {args.big}-claim map is checked", hovers))
    for size in (args.claims, args.big):
        check, index = in_process(maps[size][1], folder / f"map-{size}.yaml", 7)
        print(
            f"\nIn process, {size} claims: check {check * 1000:.0f} ms, then index {index * 1000:.0f} ms (medians of 7)."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
