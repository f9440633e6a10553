"""What made the themes hard to project (issue 14): a white border round
dark PDFs, faint undercut lines, texts cut mid-clause, short titles
wrapped. Each checked where it shows: the colours' contrast, the DOT, and
the PDF Graphviz draws, read back through poppler."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from argmap.formats.native.read import load_yaml_text
from argmap.model import RelationType
from argmap.render import RenderOptions
from argmap.render.dot import DotRenderer
from argmap.render.dot.labels import shorten
from argmap.render.graphviz import available_backends, render_dot
from argmap.render.themes import DARK, TALK, THEMES, Theme

NAMED = {"white": "#ffffff", "black": "#000000"}


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    colour = NAMED.get(colour, colour)

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_the_wcag_ratio() -> None:
    assert contrast("white", "black") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", THEMES.values(), ids=list(THEMES))
def test_every_relation_colour_stands_out_from_the_background(theme: Theme) -> None:
    ratios = {type_.value: round(contrast(look.colour, theme.background), 2) for type_, look in theme.edges()}
    assert all(ratio >= 3 for ratio in ratios.values()), ratios


@pytest.mark.parametrize("theme", [DARK, TALK], ids=["dark", "talk"])
def test_dotted_undercuts_are_drawn_heavier_in_the_dark_and_talk_themes(theme: Theme) -> None:
    amap = load_yaml_text(
        "claims:\n  - id: c\n    text: C.\n    premises:\n"
        "      - {id: p, text: P., undercuts: [{id: u, text: U.}]}\n",
        "m.yaml",
    ).map
    lines = DotRenderer().render(amap, RenderOptions(theme=theme)).splitlines()
    undercut = next(line for line in lines if 'id="undercut:u:' in line)
    support = next(line for line in lines if 'id="support:p:c"' in line)
    assert theme.edge(RelationType.UNDERCUT).style == "dotted"
    width = float(undercut.split('penwidth="')[1].split('"')[0])
    assert width >= round(1.5 * theme.edge_width, 2)
    assert "penwidth" not in support  # the others keep the theme's width


def _ppm_pixels(ppm: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a binary PPM (what pdftoppm writes)."""
    fields: list[bytes] = []
    at = 0
    while len(fields) < 4:
        while ppm[at : at + 1].isspace():
            at += 1
        end = at
        while not ppm[end : end + 1].isspace():
            end += 1
        fields.append(ppm[at:end])
        at = end
    assert fields[0] == b"P6" and fields[3] == b"255"
    return int(fields[1]), int(fields[2]), ppm[at + 1 :]


@pytest.mark.parametrize("backend", ["embedded", "system"])
def test_a_dark_pdf_is_dark_to_its_edges(backend: str) -> None:
    if not available_backends()[backend]:
        pytest.skip(f"the {backend} Graphviz is not here")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not here")
    amap = load_yaml_text(
        "claims:\n  - {id: c, text: A claim., premises: [{id: p, text: P.}]}\n", "m.yaml"
    ).map
    pdf = render_dot(DotRenderer().render(amap, RenderOptions(theme=DARK)), "pdf", backend)
    done = subprocess.run([pdftoppm, "-r", "36", "-singlefile"], input=pdf, capture_output=True, check=True)
    width, height, rgb = _ppm_pixels(done.stdout)
    background = bytes.fromhex(DARK.background[1:])
    # Graphviz's border was 36 pt (18 pixels here); one pixel in from each
    # edge, as a page's last pixel may lie partly past its edge (Graphviz
    # 14 rounds the page up to a whole point).
    right, bottom = width - 2, height - 2
    for x, y in ((1, 1), (right, 1), (1, bottom), (right, bottom), (width // 2, 1), (1, height // 2)):
        at = 3 * (y * width + x)
        pixel = rgb[at : at + 3]
        assert all(abs(a - b) <= 2 for a, b in zip(pixel, background, strict=True)), (x, y, pixel.hex())


def test_talk_shortens_at_the_end_of_a_clause_or_a_meaningful_word() -> None:
    words = [
        "The",
        "rifts",
        "were",
        "as",
        "much",
        "a",
        "struggle",
        "for",
        "Lenin's",
        "succession",
        "as",
        "a",
        "clash",
        "of",
        "principles",
    ]
    assert shorten(words, 12) == "The rifts were as much a struggle for Lenin's succession\u2026"
    words = [
        "Isolation",
        "breeds",
        "bureaucracy,",
        "as",
        "Trotsky",
        "warned",
        "in",
        "1923",
        "and",
        "after",
        "the",
        "war",
        "and",
        "more",
    ]
    assert (
        shorten(words, 12)
        == "Isolation breeds bureaucracy, as Trotsky warned in 1923 and after the war\u2026"
    )
    words = [
        "One",
        "two",
        "three",
        "four",
        "five",
        "six,",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
    ]
    assert shorten(words, 12) == "One two three four five six\u2026"
    words = [
        "The",
        "1991",
        "collapse",
        "had",
        "proximate",
        "causes",
        "of",
        "its",
        "own",
        "(economic",
        "stagnation,",
        "the",
        "arms",
        "race)",
    ]
    assert shorten(words, 12) == "The 1991 collapse had proximate causes of its own\u2026"
    words = [
        "The",
        "revolutions",
        "that",
        "did",
        "win",
        "after",
        "1945",
        "(Yugoslavia,",
        "China,",
        "Vietnam,",
        "Cuba)",
        "were",
        "led",
        "by",
        "parties",
    ]
    assert (
        shorten(words, 12)
        == "The revolutions that did win after 1945 (Yugoslavia, China, Vietnam, Cuba)\u2026"
    )
    # Never fewer than half the words, never part of a word.
    words = [
        "Alpha,",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "zeta",
        "eta",
        "theta",
        "iota",
        "kappa",
        "lambda",
        "mu",
        "nu",
    ]
    assert shorten(words, 12) == "Alpha, beta gamma delta epsilon zeta eta theta iota kappa lambda mu\u2026"


def test_talk_keeps_a_short_label_and_a_short_title_on_one_line() -> None:
    amap = load_yaml_text(
        "title: Did socialism in one country betray the revolution?\n"
        "claims:\n  - id: c\n    text: A long sentence that the label stands in for on a slide.\n"
        "    label: Socialism in one country\n",
        "m.yaml",
    ).map
    text = DotRenderer().render(amap, RenderOptions(theme=TALK))
    assert "<BR/>" not in text
    assert "label=<Socialism in one country>" in text
    assert '<FONT POINT-SIZE="30">Did socialism in one country betray the revolution?</FONT>' in text
