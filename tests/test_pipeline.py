"""The render pipeline (argmap.render.pipeline): a request and a map in, the
exact files to write out, nothing written; and the one suffix resolution
(argmap.io.suffixes) it names formats with."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from argmap.analysis.slides import Reveal, plan_frames
from argmap.errors import OutputError, UsageError
from argmap.formats.native.read import load_yaml_text
from argmap.formats.registry import load_path
from argmap.io.output import write_folder
from argmap.io.suffixes import by_suffix
from argmap.model import ArgumentMap, Semantics
from argmap.render import RenderOptions
from argmap.render.dot import DotRenderer
from argmap.render.frames import frame_dots
from argmap.render.graphviz import available_backends, render_dot
from argmap.render.html import page
from argmap.render.pdf import merge_pdfs
from argmap.render.pipeline import (
    DRAWINGS,
    OutputFile,
    Product,
    Rendered,
    RenderRequest,
    diagram_format,
    diff_drawing,
    drawing_format,
    render_files,
)
from argmap.render.themes import DARK

TESTS = Path(__file__).parent
GOLDEN = TESTS / "golden"
LABELLED = TESTS / "data" / "render" / "labelled.yaml"
SMALL = "sides: {a: {}, b: {}}\nclaims:\n  - id: c\n    text: C.\n    by: a\n    counterclaims: [{id: o, text: O., by: b}]\n"

graphviz = pytest.mark.skipif(not any(available_backends().values()), reason="no Graphviz here")


def labelled() -> ArgumentMap:
    return load_path(LABELLED).map


def small() -> ArgumentMap:
    result = load_yaml_text(SMALL, "small.yaml")
    assert result.diagnostics == []
    return result.map


def golden(name: str) -> bytes:
    return (GOLDEN / name).read_bytes()


def one_file(path: Path | None, data: bytes, report: str = "") -> Rendered:
    return Rendered((), (Product((OutputFile(path, data),), report),))


# -- the drawing for -o or stdout -----------------------------------------------------


def test_dot_to_stdout_and_to_a_file_are_the_renderer_s_text() -> None:
    assert render_files(RenderRequest(fmt="dot"), labelled()) == one_file(None, golden("theme-light.dot"))
    request = RenderRequest(RenderOptions(theme=DARK), fmt="dot", output=Path("out/map.dot"))
    assert render_files(request, labelled()) == one_file(
        Path("out/map.dot"), golden("theme-dark.dot"), "out/map.dot"
    )


def test_mermaid_is_written_by_argmap_itself() -> None:
    request = RenderRequest(fmt="mmd", output=Path("map.mmd"))
    assert render_files(request, labelled()) == one_file(
        Path("map.mmd"), golden("mermaid-labelled.mmd"), "map.mmd"
    )


@graphviz
def test_svg_is_graphviz_s_drawing_of_the_dot() -> None:
    request = RenderRequest(fmt="svg", output=Path("map.svg"), backend="embedded")
    svg = render_dot(golden("theme-light.dot").decode(), "svg", "embedded")
    assert render_files(request, labelled()) == one_file(Path("map.svg"), svg, "map.svg")


@graphviz
def test_html_is_the_web_page_around_the_svg_of_the_evaluated_map() -> None:
    amap = small()
    request = RenderRequest(
        fmt="html", output=Path("map.html"), backend="embedded", semantics=Semantics.GROUNDED
    )
    status = {"c": "out", "o": "in"}
    dot = DotRenderer().render(amap, RenderOptions(status=status, fast_layout=False))
    html = page(render_dot(dot, "svg", "embedded"), amap, status, "grounded").encode()
    assert render_files(request, amap) == one_file(Path("map.html"), html, "map.html")


@graphviz
def test_no_binary_drawing_on_a_terminal() -> None:
    request = RenderRequest(fmt="png", backend="embedded", terminal=True)
    with pytest.raises(UsageError, match=r"^png is binary: name a file with -o, or redirect stdout$"):
        render_files(request, small())
    assert (
        render_files(RenderRequest(fmt="png", backend="embedded"), small()).products[0].files[0].path is None
    )


def test_an_evaluation_with_no_extension_is_a_usage_error() -> None:
    odd = load_yaml_text(
        "claims:\n  - {id: a, text: A.}\n  - {id: b, text: B.}\n  - {id: c, text: C.}\n"
        "relations:\n  - {from: a, to: b, type: attack}\n  - {from: b, to: c, type: attack}\n"
        "  - {from: c, to: a, type: attack}\n"
    ).map
    with pytest.raises(UsageError, match=r"^--eval stable: the map has no stable extension$"):
        render_files(RenderRequest(fmt="dot", semantics=Semantics.STABLE), odd)


def test_a_big_map_gets_the_fast_layout_and_a_note_unless_told() -> None:
    lines = ["claims:", "  - id: c0", "    text: The conclusion.", "    premises:"]
    lines += [f"      - {{id: c{n}, text: Premise {n}.}}" for n in range(1, 1001)]
    big = load_yaml_text("\n".join(lines) + "\n").map
    fast = DotRenderer().render(big, RenderOptions(fast_layout=True)).encode()
    note = "argmap: 1,001 claims (over 1,000): faster Graphviz layout; --full-layout for the usual one"
    assert render_files(RenderRequest(fmt="dot"), big) == Rendered((note,), one_file(None, fast).products)
    forced = RenderRequest(RenderOptions(fast_layout=True), fmt="dot")
    assert render_files(forced, big) == one_file(None, fast)
    assert render_files(RenderRequest(fmt="mmd"), big).notes == ()
    # A focused view of it is not big.
    focused = RenderRequest(RenderOptions(depth=0), fmt="dot")
    assert render_files(focused, big).notes == ()


# -- slide builds ------------------------------------------------------------------


@graphviz
def test_frames_in_their_folder_and_as_one_pdf(tmp_path: Path) -> None:
    amap = small()
    request = RenderRequest(
        fmt=None,
        backend="embedded",
        frames=tmp_path / "slides",
        frames_pdf=tmp_path / "talk.pdf",
        reveal=Reveal.SIDE,
    )
    frames = plan_frames(amap, Reveal.SIDE)
    dots = frame_dots(amap, RenderOptions(fast_layout=False), frames)
    assert len(dots) == 2
    rendered = render_files(request, amap)
    assert rendered.notes == ()
    slides, pdf = rendered.products
    assert slides.files == (
        OutputFile(tmp_path / "slides" / "frame-01.svg", render_dot(dots[0], "svg", "embedded")),
        OutputFile(tmp_path / "slides" / "frame-02.svg", render_dot(dots[1], "svg", "embedded")),
    )
    assert slides.report == f"2 frames to {tmp_path / 'slides'} (frame-01.svg to frame-02.svg)"
    assert slides.folder is not None
    assert (slides.folder.path, slides.folder.what) == (tmp_path / "slides", "frame")
    assert [slides.folder.earlier(n) for n in ("frame-07.svg", "frame-07.png", "notes.svg")] == [
        True,
        False,
        False,
    ]
    pages = merge_pdfs([render_dot(dot, "pdf", "embedded") for dot in dots])
    assert pdf == Product((OutputFile(tmp_path / "talk.pdf", pages),), f"{tmp_path / 'talk.pdf'} (2 pages)")
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_frames_follow_the_reveal_and_refuse_one_the_map_cannot_give() -> None:
    request = RenderRequest(frames=Path("slides"), reveal=Reveal.STEP)
    with pytest.raises(UsageError, match=r"^no claim has a step: "):
        render_files(request, small())


def test_graphviz_runs_inside_working_with_the_claims_drawn() -> None:
    counts: list[int] = []

    @contextmanager
    def working(claims: int) -> Iterator[None]:
        counts.append(claims)
        yield

    render_files(RenderRequest(RenderOptions(side="b"), fmt="dot"), small(), working)
    assert counts == [2]  # o, and c above it


# -- formats from suffixes ------------------------------------------------------------


def test_the_drawing_format_comes_from_the_suffix_or_format() -> None:
    assert list(DRAWINGS) == ["dot", "svg", "png", "pdf", "html", "mmd"]
    assert diagram_format(Path("a/Map.SVG"), None) == "svg"
    assert diagram_format(Path("map.tar.mmd"), "mmd") == "mmd"
    assert diagram_format(Path("map.xyz"), "png") == "png"
    assert diagram_format(None, "html") == "html"
    assert drawing_format(None, None, slides=True) is None
    assert drawing_format(Path("map.pdf"), None, slides=True) == "pdf"


@pytest.mark.parametrize(
    ("output", "named", "message"),
    [
        (
            "map.xyz",
            None,
            "map.xyz: cannot tell the format from '.xyz'; use .dot, .svg, .png, .pdf, .html or .mmd, or --format",
        ),
        ("map.svg", "png", "--format png does not match the suffix of map.svg"),
        ("map", None, "map: no suffix to tell the format from; add one or use --format"),
        (".svg", None, ".svg: no suffix to tell the format from; add one or use --format"),
        (None, None, "name an output file with -o, or a format with --format"),
    ],
)
def test_the_drawing_format_refuses_what_it_cannot_tell(
    output: str | None, named: str | None, message: str
) -> None:
    with pytest.raises(UsageError) as raised:
        diagram_format(None if output is None else Path(output), named)
    assert str(raised.value) == message


def test_a_diff_is_drawn_only_by_graphviz() -> None:
    amap = small()
    with pytest.raises(UsageError) as raised:
        diff_drawing(Path("d.html"), amap, amap, None)  # type: ignore[arg-type]
    assert str(raised.value) == "d.html: a diff is drawn as .dot, .svg, .png or .pdf"


def test_by_suffix_takes_the_longest_suffix_in_any_case() -> None:
    table = [(".json", "json"), (".json", "aif"), (".aif.json", "aif"), (".txt", "text")]
    assert by_suffix("x.json", table) == ["json", "aif"]
    assert by_suffix(Path("dir.txt/X.AIF.JSON"), table) == ["aif"]
    assert by_suffix("x.txt", table) == ["text"]
    assert by_suffix("x.yaml", table) == []
    assert by_suffix(".json", table) == []  # only a suffix: none, as Path sees it
    assert by_suffix("json", table) == []


# -- writing ----------------------------------------------------------------------


def test_write_folder_makes_it_and_removes_only_what_an_earlier_run_left(tmp_path: Path) -> None:
    folder = tmp_path / "slides"  # made; its parent, like any output's folder, must exist
    with pytest.raises(OutputError, match=r"folder .*new does not exist"):
        write_folder(tmp_path / "new" / "slides", {"f-1": b"one"}, earlier=lambda n: True, what="frame")
    assert not (tmp_path / "new").exists()
    write_folder(folder, {"f-1": b"one", "f-2": b"two"}, earlier=lambda n: n.startswith("f-"), what="frame")
    (folder / "f-3").write_bytes(b"older")
    (folder / "notes").write_bytes(b"mine")
    write_folder(folder, {"f-1": b"uno"}, earlier=lambda n: n.startswith("f-"), what="frame")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == {"f-1": b"uno", "notes": b"mine"}
