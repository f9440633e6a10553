"""The VS Code extension (editors/vscode): the .vsix that .ci/run builds
with npm and @vscode/vsce holds the client, its one dependency and the
manifest that names the command and the settings."""

from __future__ import annotations

import json
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).parent.parent
EXTENSION = REPO / "editors" / "vscode"
VSIX = EXTENSION / "argmap.vsix"

pytestmark = [
    pytest.mark.skipif(shutil.which("npm") is None, reason="no npm to build the VS Code extension"),
    pytest.mark.skipif(
        not VSIX.exists(),
        reason="no editors/vscode/argmap.vsix: bash .ci/run builds it (or `npm ci && npm run package` there)",
    ),
]


def manifest(vsix: zipfile.ZipFile) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(vsix.read("extension/package.json"))
    return found


def test_the_vsix_is_a_zip_with_the_client_its_dependency_and_no_sources() -> None:
    with zipfile.ZipFile(VSIX) as vsix:
        assert vsix.testzip() is None
        names = set(vsix.namelist())
        assert {
            "[Content_Types].xml",
            "extension.vsixmanifest",
            "extension/package.json",
            "extension/readme.md",
            "extension/out/extension.js",
            "extension/node_modules/vscode-languageclient/package.json",
            "extension/node_modules/vscode-languageclient/node.js",
        } <= names
        assert not [name for name in names if name.endswith(".ts") or name.startswith("extension/src/")]
        packaged = manifest(vsix)
        client = vsix.read("extension/out/extension.js").decode("utf-8")
    # Built from the package.json in the repository, not an older one.
    assert packaged == json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    assert packaged["main"] == "./out/extension.js"
    assert 'require("vscode-languageclient/node")' in client


def test_the_manifest_names_the_preview_command_and_the_settings() -> None:
    with zipfile.ZipFile(VSIX) as vsix:
        contributes = manifest(vsix)["contributes"]
    assert [(c["command"], c["category"], c["title"]) for c in contributes["commands"]] == [
        ("argmap.openPreview", "argmap", "Open Preview")
    ]
    settings = contributes["configuration"]["properties"]
    assert sorted(settings) == ["argmap.executable", "argmap.mapFolders"]
    assert settings["argmap.executable"]["default"] == "argmap"
    assert settings["argmap.mapFolders"]["default"] == ["arguments"]


def test_the_lock_file_pins_what_the_manifest_asks_for() -> None:
    lock = json.loads((EXTENSION / "package-lock.json").read_text(encoding="utf-8"))
    asked = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    for group in ("dependencies", "devDependencies"):
        for name, version in asked[group].items():
            assert lock["packages"][f"node_modules/{name}"]["version"] == version, name


def test_the_packaged_client_starts_the_server_for_maps_and_opens_the_live_preview(tmp_path: Path) -> None:
    """The client from the .vsix, run by Node with a stand-in for VS Code's
    API (tests/vscode_fake.js), and the real `argmap preview`."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("no node to run the extension")
    with zipfile.ZipFile(VSIX) as vsix:
        vsix.extractall(tmp_path / "vsix")
    argmap = tmp_path / "argmap"  # what a user's argmap.executable names
    argmap.write_text(
        f'#!/bin/sh\nPYTHONPATH={shlex.quote(str(REPO))} exec {shlex.quote(sys.executable)} -m argmap "$@"\n',
        encoding="utf-8",
    )
    argmap.chmod(0o755)
    workspace = tmp_path / "work"
    (workspace / "arguments").mkdir(parents=True)
    map_file = workspace / "arguments" / "town.yaml"
    map_file.write_text("title: Town\nclaims:\n  - {id: a, text: A claim.}\n", encoding="utf-8")
    settings = json.dumps({"executable": str(argmap)})
    harness = subprocess.Popen(
        [
            node,
            str(REPO / "tests" / "vscode_fake.js"),
            str(tmp_path / "vsix" / "extension"),
            settings,
            str(workspace),
            str(map_file),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert harness.stdout is not None and harness.stdin is not None
        asked = json.loads(harness.stdout.readline())
        assert asked["client"] == {
            "id": "argmap",
            "name": "argmap",
            "serverOptions": {"command": str(argmap), "args": ["lsp"]},
            "documentSelector": [
                {"scheme": "file", "language": "yaml", "pattern": "**/*.argmap.yaml"},
                {
                    "scheme": "file",
                    "language": "yaml",
                    "pattern": {"base": str(workspace), "pattern": "arguments/**/*.{yaml,yml}"},
                },
            ],
        }
        assert (asked["commands"], asked["errors"]) == (["argmap.openPreview"], [])
        url = asked["executed"][0][1]
        assert (
            asked["executed"]
            == [["simpleBrowser.api.open", url, {"viewColumn": -2, "preserveFocus": True}]] * 2
        )
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url, timeout=30) as response:
            assert b"<title>Town</title>" in response.read()
        harness.stdin.write("deactivate\n")
        harness.stdin.flush()
        assert harness.stdout.readline() == "stopped\n"
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # the preview stops on SIGINT from the extension
            try:
                socket.create_connection(("127.0.0.1", port), timeout=5).close()
            except ConnectionRefusedError:
                break
            except ConnectionResetError:
                pass  # closing as we knocked
            time.sleep(0.1)
        else:
            raise AssertionError("argmap preview still serves after the extension stopped")
    finally:
        harness.kill()
        harness.communicate()
