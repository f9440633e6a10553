"""Any script: Cyrillic, Chinese and Arabic claims in SVG, PNG and PDF.

* SVG: the text of every claim comes out intact (the same characters, in
  the same order, only wrapped), with both Graphviz backends.
* PNG and PDF are pictures, so: the fonts every theme names cover every
  character of the map (fontconfig's own answer, `fc-list`), and a PDF
  embeds those fonts (`pdffonts`) and reads back as the same text
  (`pdftotext`): a character drawn as an empty box has no text behind it.

.ci/run installs the fonts (fonts-dejavu-core, fonts-noto-cjk) and poppler
(pdffonts, pdftotext); without fontconfig or poppler those parts skip.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.formats.registry import load_path
from argmap.model import ArgumentMap
from argmap.render import RenderOptions
from argmap.render.dot import DotRenderer
from argmap.render.graphviz import available_backends, render_dot
from argmap.render.themes import THEMES, Theme

UNICODE = Path(__file__).parent / "data" / "valid" / "unicode.yaml"
SVG = "{http://www.w3.org/2000/svg}"
BACKENDS = [name for name, ok in available_backends().items() if ok]
# Bidi marks pdftotext adds around right-to-left runs.
_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\\s]")


def unicode_map() -> ArgumentMap:
    result = load_path(UNICODE)
    assert result.diagnostics == []
    return result.map


def test_the_map_has_all_three_scripts() -> None:
    scripts = {unicodedata.name(ch).split()[0] for c in unicode_map().claims for ch in c.text if ch.isalpha()}
    assert {"CYRILLIC", "CJK", "ARABIC"} <= scripts


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("theme", ["light", "talk"])
def test_svg_keeps_every_claims_text(backend: str, theme: str) -> None:
    amap = unicode_map()
    dot = DotRenderer().render(amap, RenderOptions(theme=THEMES[theme]))
    root = ET.fromstring(render_dot(dot, "svg", backend))
    groups = {g.attrib["id"]: g for g in root.iter(f"{SVG}g") if "id" in g.attrib}
    for claim in amap.claims:
        lines = [t.text or "" for t in groups[claim.id].iter(f"{SVG}text")]
        # The lines are the text wrapped at spaces, then (light) the id.
        shown = " ".join(lines[:-1] if THEMES[theme].show_ids else lines)
        assert shown == claim.text
        if THEMES[theme].show_ids:
            assert lines[-1] == claim.id
        # The full text is the tooltip, too.
        anchors = [
            a.attrib.get("{http://www.w3.org/1999/xlink}title") for a in groups[claim.id].iter(f"{SVG}a")
        ]
        assert claim.text in anchors


def _families(theme: Theme) -> list[str]:
    return [name.strip() for name in theme.font.split(",") if name.strip() != "sans-serif"]


def _covered_by(family: str, char: str) -> bool:
    done = subprocess.run(
        ["fc-list", f"{family}:charset={ord(char):x}", "family"],
        capture_output=True,
        text=True,
        check=True,
    )
    return bool(done.stdout.strip())


def _installed(family: str) -> bool:
    done = subprocess.run(["fc-list", family, "family"], capture_output=True, text=True, check=True)
    return any(family in line.split(",") for line in done.stdout.splitlines())


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_the_fonts_a_theme_names_cover_every_character(theme: Theme) -> None:
    if shutil.which("fc-list") is None:
        pytest.skip("no fontconfig (fc-list) to ask")
    families = _families(theme)
    # Whether the fonts cover the text is a question only once they are
    # installed: .ci/run installs them; elsewhere the test says what is missing.
    absent = [f for f in families if not _installed(f)]
    if absent:
        pytest.skip(
            f"font {', '.join(absent)} not installed (apt-get install fonts-dejavu-core fonts-noto-cjk)"
        )
    text = "".join(c.text for c in unicode_map().claims) + (unicode_map().title or "")
    missing = [
        ch for ch in sorted(set(text)) if not ch.isspace() and not any(_covered_by(f, ch) for f in families)
    ]
    assert not missing, (
        f"no font of {families} has {''.join(missing)!r}; install fonts-dejavu-core and fonts-noto-cjk"
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_pdf_embeds_the_fonts_and_reads_back_as_the_text(backend: str, tmp_path: Path) -> None:
    if shutil.which("pdffonts") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdffonts and pdftotext are not installed (apt-get install poppler-utils)")
    amap = unicode_map()
    pdf = tmp_path / "map.pdf"
    pdf.write_bytes(render_dot(DotRenderer().render(amap, RenderOptions()), "pdf", backend))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    embedded = {
        line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if line.split()[-5] == "yes"
    }
    # Chinese in the Simplified Chinese face the theme names, not the
    # Japanese one fontconfig's fallback would pick.
    assert "NotoSansCJKsc-Regular" in embedded and "DejaVuSans" in embedded, fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = _MARKS.sub("", text)
    for claim in amap.claims:
        assert _MARKS.sub("", claim.text) in flat, claim.text
