"""Take docs/editors.md's pictures of `argmap preview`, in headless Chromium.

    python docs/preview_pictures.py

It copies arguments/socialism-in-one-country.yaml and its source text into
a scratch folder, runs `argmap preview --no-browser` on the copy, opens the
address in Chromium (driven over the DevTools protocol, tests/chromium.py)
and takes:

* docs/pictures/preview.png: the page, zoomed in once, with the claim
  `permrev` chosen;
* docs/pictures/preview-problems.png: the same page after a save that
  misspells a side: the problem above the last good drawing, the zoom and
  the chosen claim as they were, and no reload.

Needs Graphviz and Chromium (Debian's `chromium`, or $CHROMIUM). The PNGs
depend on their versions, so tests do not compare them; run this again when
the look of the page changes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from chromium import Browser, find_chromium  # noqa: E402 (tests/ is put on the path just above)

from argmap.io.output import write_atomic  # noqa: E402

MAP = REPO / "arguments" / "socialism-in-one-country.yaml"
SOURCE = REPO / "arguments" / "sources" / "trotsky-quantum-dialectics.txt"
PICTURES = REPO / "docs" / "pictures"
WINDOW = (1280, 800)
CHOSEN_CLAIM = "permrev"
MISSPELT = ("by: trotsky\n", "by: trotski\n")  # the first one in the map, misspelt


def wait_for(browser: Browser, expression: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not browser.evaluate(expression):
        if time.monotonic() > deadline:
            raise SystemExit(f"the page never came to: {expression}")
        time.sleep(0.05)


def pictures(chromium: str) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory(prefix="argmap-preview-pictures-") as folder:
        work = Path(folder)
        (work / "sources").mkdir()
        shutil.copy(SOURCE, work / "sources" / SOURCE.name)
        map_copy = work / MAP.name
        text = MAP.read_text(encoding="utf-8")
        map_copy.write_text(text, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        preview = subprocess.Popen(
            [sys.executable, "-m", "argmap", "preview", "--no-browser", map_copy.name],
            cwd=work,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        try:
            assert preview.stdout is not None
            url = preview.stdout.readline().strip()
            with Browser(chromium, *WINDOW) as browser:
                browser.open(url + "#" + CHOSEN_CLAIM)
                browser.key("+")
                shots = {"preview.png": take(browser, work)}
                map_copy.write_text(text.replace(*MISSPELT, 1), encoding="utf-8")
                wait_for(browser, "document.documentElement.dataset.argmapProblems === '1'")
                shots["preview-problems.png"] = take(browser, work)
            return shots
        finally:
            preview.send_signal(signal.SIGINT)
            preview.wait(timeout=30)


def take(browser: Browser, work: Path) -> bytes:
    shot = work / "shot.png"
    browser.screenshot(shot)
    return shot.read_bytes()


def main() -> int:
    # --help prints this and draws nothing; the pictures are drawn only when asked for plainly.
    argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args()
    chromium = find_chromium()
    if chromium is None:
        print("no Chromium: apt-get install chromium, or set $CHROMIUM", file=sys.stderr)
        return 3
    PICTURES.mkdir(parents=True, exist_ok=True)
    for name, data in pictures(chromium).items():
        write_atomic(PICTURES / name, data)
        print(f"wrote {(PICTURES / name).relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
