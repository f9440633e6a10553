"""`argmap slides`: the deck planner (argmap.analysis.deck) on its own, and
the command on small maps: pages of the exact shape, legible claims, every
output form, bad input."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from slides_support import claim_text_pixels, page_size
from typer.testing import CliRunner

from argmap.analysis.deck import Part, plan_parts, shorten
from argmap.cli import app
from argmap.errors import UsageError
from argmap.formats.registry import load_text
from argmap.model import ArgumentMap
from argmap.render import RenderOptions
from argmap.render.graphviz import available_backends
from argmap.render.slides.build import build_deck
from argmap.render.slides.page import page_for
from argmap.render.themes import TALK

needs_graphviz = pytest.mark.skipif(not any(available_backends().values()), reason="no Graphviz here")
needs_rsvg = pytest.mark.skipif(shutil.which("rsvg-convert") is None, reason="no rsvg-convert (librsvg2-bin)")

TREE = """\
title: A tree
claims:
  - id: c
    text: The conclusion.
    premises:
      - id: p1
        text: The first reason.
        premises:
          - {id: p11, text: Support for the first reason.}
          - {id: p12, text: More support for the first reason.}
      - id: p2
        text: The second reason.
        counterclaims:
          - {id: o2, text: An objection to the second reason.}
    counterclaims:
      - {id: o, text: An objection to the conclusion.}
"""


def tree() -> ArgumentMap:
    return load_text(TREE, "tree.yaml").map


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


# -- the planner -------------------------------------------------------------


def test_a_map_that_fits_is_one_part_revealed_by_depth() -> None:
    parts = plan_parts(tree(), None, lambda part: True)
    assert [p.head for p in parts] == ["c"]
    assert parts[0].claims == ("c", "p1", "p11", "p12", "p2", "o2", "o")
    assert parts[0].frames == (
        frozenset({"c"}),
        frozenset({"c", "p1", "p2", "o"}),
        frozenset({"c", "p1", "p2", "o", "p11", "p12", "o2"}),
    )


def test_a_map_too_big_is_told_claim_by_claim_depth_first() -> None:
    def fits(part: Part) -> bool:
        return len(part.claims) <= 3

    parts = plan_parts(tree(), None, fits)
    # The conclusion with its reasons and objection, halved to fit; then
    # each reason with what is under it, in the order a speaker goes.
    assert [(p.head, p.claims) for p in parts] == [
        ("c", ("c", "p1", "p2")),
        ("c", ("c", "o")),
        ("p1", ("p1", "p11", "p12")),
        ("p2", ("p2", "o2")),
    ]
    # The second half of a claim's reasons starts with the claim shown.
    assert parts[1].frames == (frozenset({"c", "o"}),)
    assert parts[0].frames[0] == frozenset({"c"})
    every = {claim.id for claim in tree().claims}
    assert set().union(*(p.claims for p in parts)) == every


def test_steps_order_the_parts_and_the_frames() -> None:
    stepped = TREE.replace("text: The second reason.", "text: The second reason.\n        step: 1")
    stepped = stepped.replace("text: The conclusion.", "text: The conclusion.\n    step: 2")
    parts = plan_parts(load_text(stepped, "t.yaml").map, None, lambda part: len(part.claims) <= 3)
    # The claims under c in step order: p2 (step 1), then p1 and o (with c,
    # step 2), halved; p2's own part comes before p1's.
    assert [(p.head, p.claims) for p in parts] == [
        ("c", ("c", "p1", "p2")),
        ("c", ("c", "o")),
        ("p2", ("p2", "o2")),
        ("p1", ("p1", "p11", "p12")),
    ]
    assert parts[0].frames == (frozenset({"p2"}), frozenset({"c", "p1", "p2"}))


def test_shorten_cuts_at_a_word_boundary_with_a_marker() -> None:
    assert shorten("short enough", 20) == "short enough"
    assert shorten("The quick brown fox jumps over the lazy dog.", 20) == "The quick brown fox\u2026"
    assert len(shorten("word " * 100, 50)) <= 50


# -- the deck ------------------------------------------------------------------


@needs_graphviz
def test_every_slide_is_the_page_and_every_claim_is_legible_somewhere(tmp_path: Path) -> None:
    (tmp_path / "tree.yaml").write_text(TREE, encoding="utf-8")
    out = tmp_path / "deck"
    code, stdout, stderr = run("slides", tmp_path / "tree.yaml", "-o", out)
    slides = sorted(out.iterdir())
    assert (code, stdout, stderr) == (
        0,
        "",
        f"wrote {len(slides)} slides to {out} (slide-01.svg to {slides[-1].name})\n",
    )
    largest: dict[str, float] = {}
    for slide in slides:
        assert page_size(slide) == (960, 540)
        for claim, pixels in claim_text_pixels(slide).items():
            largest[claim] = max(largest.get(claim, 0), pixels)
    assert set(largest) == {"c", "p1", "p11", "p12", "p2", "o2", "o"}
    assert min(largest.values()) >= 36


@needs_graphviz
def test_revealing_a_part_moves_nothing(tmp_path: Path) -> None:
    from test_frames import drawn_nodes

    (tmp_path / "tree.yaml").write_text(TREE, encoding="utf-8")
    deck = build_deck(tree(), RenderOptions(theme=TALK), page_for("16:9"), None)
    frames = [slide for slide in deck.slides if slide.kind == "part"]
    assert [len(slide.claims) for slide in frames] == [1, 4, 7]  # one part, by depth
    drawn = []
    for index, slide in enumerate(frames):
        (tmp_path / f"{index}.svg").write_bytes(slide.svg)
        drawn.append(drawn_nodes(tmp_path / f"{index}.svg"))
    for earlier, later in itertools.pairwise(drawn):
        assert earlier.items() <= later.items()  # every claim shown stays where it was


@needs_graphviz
def test_four_to_three_pages_and_a_bad_aspect(tmp_path: Path) -> None:
    (tmp_path / "tree.yaml").write_text(TREE, encoding="utf-8")
    assert run("slides", tmp_path / "tree.yaml", "-o", tmp_path / "deck", "--aspect", "4:3")[0] == 0
    assert {page_size(s) for s in (tmp_path / "deck").iterdir()} == {(720, 540)}
    for aspect in ("5:4", "wide", "16x9"):
        code, stdout, stderr = run(
            "slides", tmp_path / "tree.yaml", "-o", tmp_path / "other", "--aspect", aspect
        )
        assert (code, stdout) == (2, "")
        assert stderr == f"argmap: --aspect must be 16:9 or 4:3 (W:H), not '{aspect}'\n"
        assert not (tmp_path / "other").exists()


def test_unknown_suffix_and_format_of_a_file_deck_are_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "tree.yaml").write_text(TREE, encoding="utf-8")
    code, stdout, stderr = run("slides", tmp_path / "tree.yaml", "-o", tmp_path / "talk.key")
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"argmap: {tmp_path / 'talk.key'}: cannot tell the deck's form from '.key'; "
        "use a folder (no suffix), .pdf, .pptx or .html\n"
    )
    code, _, stderr = run("slides", tmp_path / "tree.yaml", "-o", tmp_path / "talk.pdf", "--format", "png")
    assert (code, stderr) == (2, "argmap: --format png is for a folder of slides, not a pdf deck\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tree.yaml"]


@needs_graphviz
def test_nothing_to_show_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="nothing to show"):
        build_deck(ArgumentMap(title="empty"), RenderOptions(theme=TALK), page_for("16:9"), None)
    sided = "sides:\n  pro: {name: Pro}\n  con: {name: Con}\nclaims:\n  - {id: a, text: A., by: pro}\n"
    (tmp_path / "sided.yaml").write_text(sided, encoding="utf-8")
    code, stdout, stderr = run("slides", tmp_path / "sided.yaml", "-o", tmp_path / "deck", "--side", "con")
    assert (code, stdout, stderr) == (2, "", "argmap: no claim matches --side con\n")
    (tmp_path / "tree.yaml").write_text(TREE, encoding="utf-8")
    code, stdout, stderr = run("slides", tmp_path / "tree.yaml", "-o", tmp_path / "deck", "--root", "nope")
    assert (code, stdout, stderr) == (2, "", "argmap: --root: no claim has id 'nope'\n")
    assert not (tmp_path / "deck").exists()


@needs_graphviz
def test_a_text_too_long_for_a_slide_is_cut_at_a_word_and_said(tmp_path: Path) -> None:
    long_text = " ".join(f"word{n}" for n in range(600))
    (tmp_path / "long.yaml").write_text(f"claims:\n  - id: big\n    text: {long_text}\n", encoding="utf-8")
    code, _, stderr = run("slides", tmp_path / "long.yaml", "-o", tmp_path / "deck")
    lines = stderr.splitlines()
    assert code == 0
    assert lines[0].startswith(f"{tmp_path / 'long.yaml'}:3:11: warning: claim 'big' is too long for a slide")
    assert lines[-1].startswith("wrote ")
    slides = sorted((tmp_path / "deck").iterdir())
    text = "".join(slides[-1].read_text(encoding="utf-8").split())
    assert "word599" not in text and "\u2026" in text
    assert min(claim_text_pixels(slides[-1]).values()) >= 36
    # The speaker's notes keep the whole text.
    deck = build_deck(
        load_text((tmp_path / "long.yaml").read_text(), "long.yaml").map,
        RenderOptions(theme=TALK),
        page_for("16:9"),
        None,
    )
    assert deck.slides[-1].notes == long_text


@needs_graphviz
@needs_rsvg
def test_every_form_is_deterministic_and_the_pdf_has_a_page_per_slide(tmp_path: Path) -> None:
    (tmp_path / "tree.yaml").write_text(TREE, encoding="utf-8")
    made: dict[str, bytes] = {}
    for attempt in ("a", "b"):
        for name in ("talk.pdf", "talk.pptx", "talk.html"):
            out = tmp_path / attempt / name
            out.parent.mkdir(exist_ok=True)
            code, _, stderr = run("slides", tmp_path / "tree.yaml", "-o", out)
            assert code == 0, stderr
            if attempt == "b":
                assert out.read_bytes() == made[name], name
            made[name] = out.read_bytes()
    count = len(list((tmp_path / "svg").iterdir())) if (tmp_path / "svg").exists() else None
    run("slides", tmp_path / "tree.yaml", "-o", tmp_path / "svg")
    count = len(list((tmp_path / "svg").iterdir()))
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", tmp_path / "a" / "talk.pdf"], capture_output=True, text=True).stdout
        assert f"Pages:           {count}\n" in info
        assert "Page size:       960 x 540 pts" in info
    with zipfile.ZipFile(tmp_path / "a" / "talk.pptx") as deck:
        names = deck.namelist()
    assert len([n for n in names if n.startswith("ppt/slides/slide") and n.endswith(".xml")]) == count
    assert len([n for n in names if n.startswith("ppt/notesSlides/notesSlide")]) == count
    assert len([n for n in names if n.endswith(".svg")]) == count


@needs_graphviz
@needs_rsvg
def test_png_slides_are_1920_by_1080(tmp_path: Path) -> None:
    (tmp_path / "tree.yaml").write_text(TREE, encoding="utf-8")
    assert run("slides", tmp_path / "tree.yaml", "-o", tmp_path / "deck", "-f", "png")[0] == 0
    for slide in (tmp_path / "deck").iterdir():
        header = slide.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert (int.from_bytes(header[16:20]), int.from_bytes(header[20:24])) == (1920, 1080)


@pytest.mark.skipif(shutil.which("dot") is None, reason="no system Graphviz (apt-get install graphviz)")
def test_graphs_drawn_in_one_dot_run_are_drawn_as_one_by_one(tmp_path: Path) -> None:
    from test_frames import drawn_nodes

    from argmap.render.graphviz import render_dot, render_dots

    graphs = ['digraph g { a -> b; label="one" }', "digraph g { rankdir=LR; x -> y -> z }", "digraph g { q }"]
    together = render_dots(graphs, "svg", "system")
    for index, (graph, drawn) in enumerate(zip(graphs, together, strict=True)):
        (tmp_path / f"{index}a.svg").write_bytes(drawn)
        (tmp_path / f"{index}b.svg").write_bytes(render_dot(graph, "svg", "system"))
        # Graphviz 2.43 prefixes a later graph's group id with its page; the drawing is the same.
        assert drawn_nodes(tmp_path / f"{index}a.svg") == drawn_nodes(tmp_path / f"{index}b.svg")
        assert page_size(tmp_path / f"{index}a.svg") == page_size(tmp_path / f"{index}b.svg")


@needs_graphviz
def test_a_claim_and_its_reason_too_long_together_are_cut_to_stay_legible(tmp_path: Path) -> None:
    first = " ".join(f"alpha{n}" for n in range(70))
    second = " ".join(f"beta{n}" for n in range(75))
    (tmp_path / "two.yaml").write_text(
        f"claims:\n  - id: c\n    text: {first}\n    premises:\n      - id: p\n        text: {second}\n",
        encoding="utf-8",
    )
    code, _, stderr = run("slides", tmp_path / "two.yaml", "--aspect", "4:3", "-o", tmp_path / "deck")
    assert code == 0
    warning, wrote = stderr.splitlines()
    assert warning.startswith("argmap: warning: slides 2-3: claims 'c' and 'p' cut to ")
    assert warning.endswith(" characters to be 18 pt (the speaker's notes have their whole text)")
    assert wrote == f"wrote 3 slides to {tmp_path / 'deck'} (slide-01.svg to slide-03.svg)"
    last = tmp_path / "deck" / "slide-03.svg"
    assert min(claim_text_pixels(last).values()) >= 36
    assert "beta74" not in last.read_text(encoding="utf-8")


@needs_graphviz
def test_eval_marks_each_claim_with_its_status_on_the_whole_map(tmp_path: Path) -> None:
    (tmp_path / "tree.yaml").write_text(TREE, encoding="utf-8")
    amap = tree()
    from argmap.model import Semantics
    from argmap.render.evaluation import claim_marks

    status = claim_marks(amap, Semantics.GROUNDED)
    deck = build_deck(amap, RenderOptions(theme=TALK, status=status, root="p2"), page_for("16:9"), None)
    last = deck.slides[-1].svg.decode("utf-8")
    # Focused on p2, whose objection o2 stands unanswered: p2 is rejected on the whole map.
    assert (status["p2"], status["o2"]) == ("out", "in")
    assert "rejected" in last and "accepted" in last
    code, _, stderr = run(
        "slides", tmp_path / "tree.yaml", "--eval", "grounded", "--root", "p2", "-o", tmp_path / "d"
    )
    assert code == 0, stderr
    assert sorted((tmp_path / "d").iterdir())[-1].read_bytes() == deck.slides[-1].svg
