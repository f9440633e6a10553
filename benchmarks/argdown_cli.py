"""The real Argdown CLI (@argdown/cli 2.0), installed on demand with npm.

    python benchmarks/argdown_cli.py              # install (or find) it, print where
    python benchmarks/argdown_cli.py FILE.argdown  # print the map Argdown builds, as JSON

Shared by the Argdown benchmark and the tests that check argmap's Argdown
against Argdown itself. Argdown 2.0 needs Node 22, which the npm package
`node@22` provides (installed alongside, so the system's Node may be older);
its dependency `@argdown/markdown-it-plugin@^2` is missing from the registry,
so an npm `overrides` entry pins it to 1.7.7 (only the `markdown` command
uses it, and it warns on every start; the map, json and dot exports work).

The install goes into a cache folder ($ARGMAP_ARGDOWN_CLI, else
<tmp>/argmap-argdown-cli-2.0.0) and is reused; it is built in a temporary
folder beside it and renamed into place, so two runs at once do not trip
over each other. Nothing here is a dependency of argmap.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CLI_VERSION = "2.0.0"
PACKAGE_JSON = {
    "name": "argmap-argdown-cli",
    "private": True,
    "dependencies": {"@argdown/cli": CLI_VERSION, "node": "22"},
    "overrides": {"@argdown/markdown-it-plugin": "1.7.7"},
    # npm 11 runs no install scripts unless allowed; node@22 fetches its
    # binary in one. Older npm ignores the key and runs them anyway.
    "allowScripts": {"node": True},
}
INSTALL_TIMEOUT = 900
RUN_TIMEOUT = 600
# `argdown json` exports no map; this process (Argdown's own processors)
# builds it and prints the JSON with the map, as the corpus's map-json has it.
MAP_JSON_PROCESS = [
    "load-file",
    "parse-input",
    "build-model",
    "build-map",
    "colorize",
    "export-json",
    "stdout-json",
]


class CliUnavailableError(Exception):
    """Why the Argdown CLI cannot be used here (no npm, no network, ...)."""


@dataclass(frozen=True)
class ArgdownCli:
    folder: Path
    node: Path
    script: Path

    def command(self, *args: str) -> list[str]:
        return [str(self.node), str(self.script), *args]

    def run(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*args), capture_output=True, text=True, timeout=RUN_TIMEOUT, cwd=cwd, check=False
        )

    def map_json(self, argdown_file: Path) -> dict[str, Any]:
        """The map Argdown builds from a file: its JSON export with the map."""
        with tempfile.TemporaryDirectory(prefix="argmap-argdown-") as tmp:
            config = Path(tmp) / "argdown.config.json"
            process = {"inputPath": str(argdown_file.resolve()), "process": MAP_JSON_PROCESS}
            config.write_text(json.dumps({"processes": {"map-json": process}}), encoding="utf-8")
            done = self.run("run", "map-json", "--config", str(config), "--silent", cwd=Path(tmp))
        try:
            data: dict[str, Any] = json.loads(done.stdout)
        except json.JSONDecodeError:
            raise RuntimeError(f"argdown printed no JSON for {argdown_file}: {done.stderr[-500:]}") from None
        return data


def cache_folder() -> Path:
    named = os.environ.get("ARGMAP_ARGDOWN_CLI")
    return Path(named) if named else Path(tempfile.gettempdir()) / f"argmap-argdown-cli-{CLI_VERSION}"


def _found(folder: Path) -> ArgdownCli | None:
    node = folder / "node_modules" / "node" / "bin" / "node"
    script = folder / "node_modules" / "@argdown" / "cli" / "dist" / "cli.js"
    if node.is_file() and script.is_file() and os.access(node, os.X_OK):
        return ArgdownCli(folder, node, script)
    return None


def ensure_cli(folder: Path | None = None) -> ArgdownCli:
    """The installed CLI, installing it first if needed; CliUnavailableError if
    that cannot be done here."""
    folder = folder or cache_folder()
    found = _found(folder)
    if found is not None:
        return found
    npm = shutil.which("npm")
    if npm is None:
        raise CliUnavailableError("npm is not installed")
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        (building / "package.json").write_text(json.dumps(PACKAGE_JSON, indent=2) + "\n", encoding="utf-8")
        try:
            done = subprocess.run(
                [npm, "install", "--no-audit", "--no-fund", "--loglevel=error"],
                cwd=building,
                capture_output=True,
                text=True,
                timeout=INSTALL_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise CliUnavailableError(f"npm install took over {INSTALL_TIMEOUT} s") from None
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
            raise CliUnavailableError(f"npm install failed: {last}")
        if _found(building) is None:
            raise CliUnavailableError(
                "npm install left no node@22 binary or Argdown CLI (install scripts blocked?)"
            )
        try:
            building.rename(folder)
        except OSError:
            if _found(folder) is None:  # not a concurrent install that won
                raise
    finally:
        if building.exists():
            shutil.rmtree(building, ignore_errors=True)
    found = _found(folder)
    if found is None:
        raise CliUnavailableError(f"the install in {folder} is incomplete")
    return found


def main(argv: list[str]) -> int:
    try:
        cli = ensure_cli()
    except CliUnavailableError as exc:
        print(f"Argdown CLI unavailable: {exc}", file=sys.stderr)
        return 3
    if not argv:
        print(cli.folder)
        return 0
    print(json.dumps(cli.map_json(Path(argv[0]))["map"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
