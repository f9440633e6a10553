"""DOT text -> SVG/PNG/PDF through the system `dot` or the embedded Graphviz."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from argmap.errors import ArgmapError, ExitCode, ToolMissingError, UsageError
from argmap.formats.native.read import load_yaml_text
from argmap.render import RenderOptions
from argmap.render.dot import DotRenderer
from argmap.render.graphviz import FORMATS, available_backends, render_dot

MAP = r"""
argmap: 1
sides:
  s: {name: Someone}
claims:
  - id: c1
    text: 'A "quoted" claim with [brackets], <tags> & a back\slash'
    by: s
    premises:
      - id: p1
        text: A premise
        undercuts:
          - id: u1
            text: An undercut
"""

MAGIC = {"svg": b"<?xml", "png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}
SVG = "{http://www.w3.org/2000/svg}"
HAS_DOT = shutil.which("dot") is not None
HAS_PYGRAPHVIZ = available_backends()["embedded"]
needs_embedded = pytest.mark.skipif(not HAS_PYGRAPHVIZ, reason="pygraphviz is not installed")


def dot_text() -> str:
    return DotRenderer().render(load_yaml_text(MAP, "inline.yaml").map, RenderOptions())


def svg_elements(data: bytes) -> dict[str, ET.Element]:
    """SVG groups by id (ElementTree decodes Graphviz's `&#45;` and friends)."""
    root = ET.fromstring(data)
    return {g.attrib["id"]: g for g in root.iter(f"{SVG}g") if "id" in g.attrib}


def check_svg(data: bytes) -> None:
    assert data.startswith(MAGIC["svg"])
    assert b'id="c1"' in data
    groups = svg_elements(data)
    # Graphviz puts its own class first: class="node claim side-s".
    assert groups["c1"].attrib["class"] == "node claim side-s"
    assert groups["p1"].attrib["class"] == "node claim"
    assert groups["support:p1:c1"].attrib["class"] == "edge support"
    assert groups["undercut:u1:support:p1:c1"].attrib["class"] == "edge undercut"
    assert groups["joint/support/p1/c1"].attrib["class"] == "node joint support"
    text = [t.text for t in groups["c1"].iter(f"{SVG}text")]
    assert text == ['A "quoted" claim with', "[brackets], <tags> & a", "back\\slash", "c1"]


@needs_embedded
@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_embedded_formats(fmt: str) -> None:
    data = render_dot(dot_text(), fmt, "embedded")
    assert data.startswith(MAGIC[fmt])
    assert len(data) > 1000
    if fmt == "svg":
        check_svg(data)


@pytest.mark.skipif(not HAS_DOT, reason="no `dot` on PATH")
@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_system_formats(fmt: str) -> None:
    data = render_dot(dot_text(), fmt, "system")
    assert data.startswith(MAGIC[fmt])
    if fmt == "svg":
        check_svg(data)


@needs_embedded
def test_auto_uses_embedded_without_dot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name, *args, **kwargs: None)
    assert render_dot(dot_text(), "svg").startswith(MAGIC["svg"])


def test_dot_format_needs_no_graphviz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name, *args, **kwargs: None)
    monkeypatch.setitem(sys.modules, "pygraphviz", None)
    assert render_dot("digraph { a -> b }\n", "dot", "system") == b"digraph { a -> b }\n"
    assert FORMATS == ("dot", "svg", "png", "pdf")


def test_system_without_dot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(ToolMissingError) as caught:
        render_dot("digraph { a }", "svg", "system")
    # It names what is there: the option for the embedded Graphviz, or how to get it.
    embedded = (
        "--renderer embedded"
        if available_backends()["embedded"]
        else "the embedded one (pip install pygraphviz)"
    )
    assert str(caught.value) == (
        f"system Graphviz: `dot` is not on PATH; install graphviz (apt-get install graphviz) or use {embedded}"
    )
    assert caught.value.exit_code is ExitCode.TOOL_MISSING


def test_embedded_without_pygraphviz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pygraphviz", None)
    with pytest.raises(ToolMissingError) as caught:
        render_dot("digraph { a }", "png", "embedded")
    assert str(caught.value) == (
        "embedded Graphviz: pygraphviz is not installed; pip install pygraphviz "
        "or install graphviz (apt-get install graphviz) and use the system one"
    )


def test_auto_with_no_graphviz_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name, *args, **kwargs: None)
    monkeypatch.setitem(sys.modules, "pygraphviz", None)
    assert available_backends() == {"system": False, "embedded": False}
    with pytest.raises(ToolMissingError) as caught:
        render_dot("digraph { a }", "pdf")
    assert str(caught.value) == (
        "no Graphviz: `dot` is not on PATH and pygraphviz is not installed; "
        "install graphviz (apt-get install graphviz) or pip install pygraphviz"
    )


@pytest.mark.parametrize(
    ("fmt", "backend", "message"),
    [
        ("gif", "auto", "unknown format 'gif'; choose one of dot, svg, png, pdf"),
        ("svg", "cairo", "unknown Graphviz backend 'cairo'; choose one of auto, system, embedded"),
    ],
)
def test_unknown_format_or_backend(fmt: str, backend: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        render_dot("digraph { a }", fmt, backend)
    assert str(caught.value) == message


@needs_embedded
def test_embedded_error_is_one_line_and_stderr_stays_clean(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ArgmapError) as caught:
        render_dot("digraph { a -> }", "svg", "embedded")
    assert str(caught.value) == "Graphviz failed: syntax error in line 1 near '}'"
    assert capfd.readouterr() == ("", "")


@needs_embedded
def test_embedded_warnings_are_logged_not_printed(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="argmap.render"):
        data = render_dot('digraph { a [color="no-such-colour"] }', "svg", "embedded")
    assert data.startswith(MAGIC["svg"])
    assert caplog.messages == ["graphviz: no-such-colour is not a known color."]
    assert capfd.readouterr() == ("", "")


@needs_embedded
def test_fontconfig_warning_does_not_reach_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    render_dot(dot_text(), "png", "embedded")
    assert capfd.readouterr().err == ""


@needs_embedded
def test_fontconfig_warning_hidden_in_a_fresh_process() -> None:
    # Fontconfig complains once per process, when it first loads its
    # configuration; only a fresh process shows that the first draw is clean.
    script = (
        "from argmap.render.graphviz import render_dot\n"
        "import sys\n"
        "data = render_dot('digraph { a [label=\"text\"] }', 'png', 'embedded')\n"
        "sys.stdout.write(str(data.startswith(b'\\x89PNG')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "True", "")


@pytest.mark.skipif(not HAS_DOT, reason="no `dot` on PATH")
def test_system_error_is_dots_first_line() -> None:
    with pytest.raises(ArgmapError) as caught:
        render_dot("digraph { a -> }", "svg", "system")
    assert str(caught.value) == "Graphviz (dot) failed: syntax error in line 1 near '}'"
