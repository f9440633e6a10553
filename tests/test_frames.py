"""`argmap render --frames/--frames-pdf`: slide builds drawn by Graphviz.

The promise: every claim sits in the same place in every frame where it is
shown. Checked by reading the drawn coordinates of every node back out of
the SVG frames."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.errors import ArgmapError
from argmap.render.graphviz import available_backends, render_dot
from argmap.render.pdf import merge_pdfs

REPO = Path(__file__).resolve().parent.parent
SOCIALISM = REPO / "arguments" / "socialism-in-one-country.yaml"
SVG = "{http://www.w3.org/2000/svg}"

pytestmark = pytest.mark.skipif(not any(available_backends().values()), reason="no Graphviz here")


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def drawn_nodes(svg: Path) -> dict[str, tuple[str, ...]]:
    """Node id -> everything that places it: the outline's path or polygon
    points and its text positions, as Graphviz wrote them."""
    root = ET.parse(svg).getroot()
    nodes: dict[str, tuple[str, ...]] = {}
    for group in root.iter(f"{SVG}g"):
        if "node" not in (group.get("class") or "").split():
            continue
        geometry: list[str] = []
        for shape in group.iter():
            for attribute in ("d", "points", "cx", "cy", "x", "y"):
                if shape.get(attribute) is not None:
                    geometry.append(f"{shape.tag.removeprefix(SVG)}.{attribute}={shape.get(attribute)}")
        nodes[group.get("id") or ""] = tuple(geometry)
    return nodes


def claim_ids(svg: Path) -> set[str]:
    root = ET.parse(svg).getroot()
    return {
        g.get("id") or ""
        for g in root.iter(f"{SVG}g")
        if "claim" in (g.get("class") or "").split() and "node" in (g.get("class") or "").split()
    }


def test_every_claim_stays_in_place_in_every_frame(tmp_path: Path) -> None:
    code, out, err = run("render", SOCIALISM, "--frames", tmp_path / "slides")
    assert (code, out) == (0, "")
    frames = sorted((tmp_path / "slides").iterdir())
    assert err == f"wrote {len(frames)} frames to {tmp_path / 'slides'} (frame-01.svg to frame-05.svg)\n"
    assert [f.name for f in frames] == [f"frame-0{n}.svg" for n in range(1, 6)]
    # The last frame is the map as `render -o` draws it.
    assert run("render", SOCIALISM, "-o", tmp_path / "whole.svg")[0] == 0
    assert frames[-1].read_bytes() == (tmp_path / "whole.svg").read_bytes()
    final = drawn_nodes(frames[-1])
    shown_before: set[str] = set()
    for frame in frames:
        nodes = drawn_nodes(frame)
        assert nodes, frame
        for node_id, geometry in nodes.items():
            assert geometry == final[node_id], f"{node_id} moved in {frame.name}"
        claims = claim_ids(frame)
        assert shown_before < claims  # each frame adds claims and hides none it showed
        shown_before = claims
        # Same canvas in every frame.
        assert ET.parse(frame).getroot().get("viewBox") == ET.parse(frames[-1]).getroot().get("viewBox")
    assert len(shown_before) == 38


def test_frames_reveal_by_depth_by_step_and_by_side(tmp_path: Path) -> None:
    stepped = tmp_path / "stepped.yaml"
    stepped.write_text(
        "sides: {a: {}, b: {}}\nclaims:\n  - id: c\n    text: C.\n    by: a\n    step: 2\n"
        "    premises: [{id: p, text: P., by: a}]\n"
        "    counterclaims: [{id: o, text: O., by: b, step: 1}]\n  - {id: d, text: D., by: b, step: 3}\n"
    )
    expected = {
        (): [{"o"}, {"o", "c", "p"}, {"o", "c", "p", "d"}],  # step: wins when there is one
        ("--by-depth",): [{"c", "d"}, {"c", "d", "p", "o"}],
        ("--by-side",): [{"c", "p", "d"}, {"c", "p", "d", "o"}],
    }
    for flags, frames in expected.items():
        folder = tmp_path / ("out" + "".join(flags))
        code, _, err = run("render", stepped, "--frames", folder, *flags)
        assert code == 0, err
        assert [claim_ids(f) for f in sorted(folder.iterdir())] == frames, flags


def test_a_shorter_build_removes_the_extra_frames_of_a_longer_one_and_nothing_else(tmp_path: Path) -> None:
    folder = tmp_path / "er"  # made (not its parent: no output makes a missing parent)
    assert run("render", SOCIALISM, "--frames", folder)[0] == 0
    assert len(list(folder.glob("frame-*.svg"))) == 5
    (folder / "frame-09.png").write_bytes(b"another format")
    (folder / "frame-notes.svg").write_text("not named by argmap")
    (folder / "frame-007.svg").write_text("named by argmap: a build of 100+ frames")
    code, _, err = run("render", SOCIALISM, "--frames", folder, "--by-side")
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == [
        "frame-01.svg",
        "frame-02.svg",
        "frame-03.svg",
        "frame-04.svg",
        "frame-09.png",
        "frame-notes.svg",
    ]


def test_frames_in_png_and_one_pdf_to_present_from(tmp_path: Path) -> None:
    code, _, err = run(
        "render",
        SOCIALISM,
        "--frames",
        tmp_path / "png",
        "--frames-format",
        "png",
        "--frames-pdf",
        tmp_path / "talk.pdf",
    )
    assert code == 0, err
    assert err.splitlines()[1] == f"wrote {tmp_path / 'talk.pdf'} (5 pages)"
    pngs = sorted((tmp_path / "png").iterdir())
    assert len(pngs) == 5 and all(p.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") for p in pngs)
    pdf = (tmp_path / "talk.pdf").read_bytes()
    # Same frames, same bytes: no dates in the joined file.
    assert run("render", SOCIALISM, "--frames-pdf", tmp_path / "again.pdf")[0] == 0
    assert (tmp_path / "again.pdf").read_bytes() == pdf
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed to read the PDF back")
    info = subprocess.run([pdfinfo, tmp_path / "talk.pdf"], capture_output=True, text=True, check=True)
    assert "Pages:           5\n" in info.stdout
    assert info.stderr == ""


def test_merge_pdfs_joins_pages_in_order_and_refuses_what_it_cannot_read() -> None:
    one = render_dot('digraph { a [label="one"] }', "pdf")
    two = render_dot('digraph { b -> c [label="two"] }', "pdf")
    joined = merge_pdfs([one, two, one])
    assert joined.count(b"/Type /Page\n") + joined.count(b"/Type /Page ") == 3
    assert b"/Count 3" in joined and b"/Info" not in joined
    with pytest.raises(ArgmapError, match="PDF 2: not a PDF file"):
        merge_pdfs([one, b"GIF89a"])
    xref_stream = one[: one.rindex(b"startxref")] + b"startxref\n9\n%%EOF\n"
    with pytest.raises(ArgmapError, match="PDF 1: a cross-reference stream"):
        merge_pdfs([xref_stream])
    with pytest.raises(ArgmapError, match="no PDF pages"):
        merge_pdfs([])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--frames", "{tmp}/file.txt"], "argmap: {tmp}/file.txt: is a file, not a folder for frames\n"),
        (
            ["--frames", "{tmp}/f", "--by-side", "--by-depth"],
            "argmap: --by-side and --by-depth ask for two different orders; choose one\n",
        ),
        (
            ["--frames", "{tmp}/f", "--by-side"],
            "argmap: no claim has a side (by:), so there are no exchanges to reveal; reveal by depth\n",
        ),
        (["--watch"], "argmap: --watch needs a file to write: -o, --frames or --frames-pdf\n"),
    ],
)
def test_frame_errors_are_one_line_and_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "file.txt").write_text("a file")
    plain = tmp_path / "plain.yaml"
    plain.write_text("claims:\n  - {id: a, text: A., premises: [{id: b, text: B.}]}\n")
    argv = [a.format(tmp=tmp_path) for a in args]
    code, out, err = run("render", plain, *argv)
    assert (code, out, err) == (2, "", message.format(tmp=tmp_path))
    assert not (tmp_path / "f").exists()


def test_an_unknown_frames_format_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = run("render", SOCIALISM, "--frames", tmp_path / "f", "--frames-format", "gif")
    assert (code, out) == (2, "")
    assert "Invalid value for '--frames-format': 'gif' is not one of 'svg', 'png', 'pdf'." in err
    assert not (tmp_path / "f").exists()
