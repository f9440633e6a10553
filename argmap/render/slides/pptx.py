"""A deck as PowerPoint (.pptx), written with python-pptx.

Each slide is a picture of the slide, full page: SVG, which PowerPoint
draws as vectors, with a PNG of 1080 pixels high as the fallback other
programs (and PowerPoint before 2016) show. python-pptx places the PNG;
the SVG goes in beside it as the `svgBlip` extension of the picture, the
way PowerPoint itself stores one. The slide's title is the title
placeholder's text, over the picture (the picture leaves its band empty),
so it is searchable and shows in the outline; the notes hold each new
claim's full text, its quotes and its note. XML takes no control
character: user text has them made visible (`\x1b`), as everywhere else.

The same deck gives the same bytes: the package's dates are fixed and the
zip's entries carry no time of writing.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE
from pptx.opc.package import Part
from pptx.oxml import parse_xml
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu, Pt

from argmap.render.slides.build import Deck, Slide
from argmap.render.slides.page import MARGIN, title_size
from argmap.render.themes import Theme
from argmap.text import escape_controls

__all__ = ["pptx_deck"]

_TITLE_ONLY = 5  # the default template's "Title Only" layout
_SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"  # PowerPoint's id for an SVG blip
_SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FIXED_TIME = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)  # no time of writing in the deck


def pptx_deck(deck: Deck, pngs: Sequence[bytes], theme: Theme) -> bytes:
    """The deck as .pptx bytes; `pngs` are the slides' untitled pictures."""
    presentation = Presentation()
    presentation.slide_width = Pt(deck.page.width)
    presentation.slide_height = Pt(deck.page.height)
    properties = presentation.core_properties
    properties.title = escape_controls(deck.title)
    properties.author = properties.last_modified_by = "argmap"
    properties.created = properties.modified = _FIXED_TIME
    properties.revision = 1
    layout = presentation.slide_layouts[_TITLE_ONLY]
    for slide, png in zip(deck.slides, pngs, strict=True):
        page = presentation.slides.add_slide(layout)
        _picture(page, slide, png, deck)
        _title(page, slide, deck, theme)
        notes = page.notes_slide.notes_text_frame
        assert notes is not None  # the default template's notes have a body
        notes.text = escape_controls(slide.notes)
    out = io.BytesIO()
    presentation.save(out)
    return _without_times(out.getvalue())


def _picture(page: PptxSlide, slide: Slide, png: bytes, deck: Deck) -> None:
    picture = page.shapes.add_picture(
        io.BytesIO(png), Emu(0), Emu(0), Pt(deck.page.width), Pt(deck.page.height)
    )
    picture.name = "Slide picture"
    (properties,) = picture._element.xpath("./p:nvPicPr/p:cNvPr")
    properties.set("descr", escape_controls(slide.title))  # its alternative text
    package = page.part.package
    svg_part = Part(
        package.next_partname("/ppt/media/argmap-slide%d.svg"), "image/svg+xml", package, slide.untitled
    )
    rid = page.part.relate_to(svg_part, RELATIONSHIP_TYPE.IMAGE)
    (blip,) = picture._element.xpath("./p:blipFill/a:blip")
    # `rid` is python-pptx's own "rIdN": nothing of the user's goes into this XML.
    blip.append(
        parse_xml(
            f'<a:extLst xmlns:a="{_A_NS}"><a:ext uri="{_SVG_EXTENSION}">'
            f'<asvg:svgBlip xmlns:asvg="{_SVG_NS}" xmlns:r="{_R_NS}" r:embed="{rid}"/></a:ext></a:extLst>'
        )
    )
    # Behind the title: first among the shapes (after the group's own properties).
    tree = page.shapes._spTree
    tree.remove(picture._element)
    tree.insert(2, picture._element)


def _title(page: PptxSlide, slide: Slide, deck: Deck, theme: Theme) -> None:
    title = page.shapes.title
    assert title is not None  # the layout has a title placeholder
    title.left, title.top = Pt(MARGIN), Pt(MARGIN / 2)
    title.width, title.height = Pt(deck.page.width - 2 * MARGIN), Pt(title_size(theme) * 1.8)
    frame = title.text_frame
    frame.word_wrap = False
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.text = escape_controls(slide.title)
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    font = paragraph.runs[0].font
    font.size = Pt(title_size(theme))
    colour = theme.text or "#000000"
    if colour.startswith("#") and len(colour) == 7:
        font.color.rgb = RGBColor(int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))  # type: ignore[no-untyped-call]


def _without_times(data: bytes) -> bytes:
    """The zip again, every entry dated 1980-01-01 (zip's earliest), in the same order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
