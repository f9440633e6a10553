"""A map as a deck of slides, each the page's exact size, every claim
legible on at least one (argmap.analysis.deck plans the parts; this lays
each out with Graphviz, measures it and scales it onto the page).

Each part is tried in a few directions and wrapping widths; the one that
lets its claim text be largest on the page wins, and the part fits when
that text is at least MIN_TEXT points at real size. The frames of a part
are its DOT with the claims not shown yet invisible, so Graphviz puts
every claim in the same place in each and they share one placement.

Text is never drawn below MIN_TEXT to make it fit: a claim too long for a
slide on its own is cut at a word (with an ellipsis) before planning, and
a claim with one reason (a part the planner cannot split) whose texts do
not fit together has both cut further on its slides; each cut is a
warning, and the speaker's notes keep the whole text.

The deck: an overview of the whole map (small text allowed, marked as an
overview) when it takes more than one part, a legend slide, then the
parts' frames. Content slides show claims' full text (the theme's short
labels and cut texts are for the overview) and no legend.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, replace

from argmap.analysis.deck import Part, plan_parts, shorten
from argmap.analysis.focus import View, part_view, view
from argmap.analysis.slides import Reveal
from argmap.errors import UsageError
from argmap.model import ArgumentMap, Claim, SourceSpan
from argmap.render.dot import draw_view
from argmap.render.dot.legend import legend
from argmap.render.dot.looks import base_attributes, looks, side_styles
from argmap.render.dot.syntax import DotGraph
from argmap.render.graphviz import render_dots
from argmap.render.options import Direction, RenderOptions
from argmap.render.slides.page import (
    MAX_TEXT,
    MIN_TEXT,
    Page,
    Placed,
    drawing_box,
    place,
    slide_svg,
    svg_size,
    title_size,
)

__all__ = ["Deck", "Slide", "build_deck"]

# Directions tried for each part: conclusions on top, or on the left with
# their reasons to the right (read as a sentence is).
_DIRECTIONS = (Direction.BT, Direction.RL)
# Wrapping widths tried, as multiples of the theme's.
_WRAPS = (1.0, 1.6, 2.4)
_SHORTEST = 40  # characters: a text is cut no shorter to make a slide fit
_CHAR_WIDTH = 0.6  # of the font size: a wide estimate of an average character
_LINE_HEIGHT = 1.25  # of the font size
# Lower bounds, for ruling out a part without laying it out: DejaVu Sans's
# narrowest characters are wider, and Graphviz spaces lines wider apart.
_NARROWEST = 0.25
_TIGHTEST = 1.0


@dataclass(frozen=True, slots=True)
class Slide:
    kind: str  # "overview", "legend" or "part"
    title: str  # as the page shows it (cut to fit its width)
    svg: bytes  # the page, title and all
    untitled: bytes  # the page without its title (a deck that writes titles itself)
    notes: str  # for the speaker
    claims: frozenset[str]  # the claims it shows
    text_size: float  # claim text in points at real size (0: no claims)


@dataclass(frozen=True, slots=True)
class Deck:
    title: str
    page: Page
    slides: tuple[Slide, ...]
    warnings: tuple[str, ...]  # to tell the user


@dataclass(frozen=True, slots=True)
class _Layout:
    options: RenderOptions  # with the direction and wrapping chosen
    shown: View
    svg: bytes  # every claim of the part shown
    placed: Placed
    text_size: float
    cut: int | None = None  # the claims' texts cut to this many characters to fit


def build_deck(
    whole: ArgumentMap, options: RenderOptions, page: Page, reveal: Reveal | None, backend: str = "auto"
) -> Deck:
    """The deck of `whole` as `options` focus and draw it (its status filled
    in), on pages of `page`. UsageError when focusing leaves nothing."""
    shown = view(whole, options.root, options.depth, options.side, options.tag).map
    if not shown.claims:
        raise UsageError("nothing to show: the focus options leave no claim")
    theme = options.theme
    content = replace(options, theme=replace(theme, max_words=None), short_labels=False, legend=False)
    # The slide's title is the page's; Graphviz draws no title of its own.
    full = shown.claim_index()  # the speaker's notes keep texts cut to fit a slide whole
    shown, warnings = _fit_texts(replace(shown, title=None), page, content)
    layouts = _Layouts(shown, content, page, backend)
    parts = plan_parts(shown, reveal, layouts.fits)
    title = whole.title or "Argument map"
    drafts: list[_Draft] = []
    if len(parts) > 1:
        drafts.append(_overview(shown, replace(options, legend=False), page, backend, title))
    drafts.append(_legend_slide(shown, options, page, backend))
    for part in parts:
        layout = layouts.best(part.claims)
        first = len(drafts) + 1
        drafts += _part_slides(shown, full, part, layout, backend)
        if layout.cut is not None:
            ids = " and ".join(f"'{claim}'" for claim in part.claims)
            where = f"slide {first}" if first == len(drafts) else f"slides {first}-{len(drafts)}"
            warnings.append(
                f"argmap: warning: {where}: claims {ids} cut to {layout.cut} characters "
                f"to be {MIN_TEXT:g} pt (the speaker's notes have their whole text)"
            )
    slides = tuple(_compose(draft, page, number, len(drafts)) for number, draft in enumerate(drafts, 1))
    small = [str(n) for n, s in enumerate(slides, 1) if s.kind == "part" and s.text_size < MIN_TEXT - 0.01]
    if small:
        warnings.append(
            f"argmap: warning: claim text below {MIN_TEXT:g} pt on slide {', '.join(small)}: "
            "a claim with one of its reasons is too long to be drawn larger"
        )
    return Deck(title, page, slides, tuple(warnings))


# -- fitting ------------------------------------------------------------------------


class _Layouts:
    """The best layout of each part, found once."""

    def __init__(self, amap: ArgumentMap, options: RenderOptions, page: Page, backend: str) -> None:
        self.amap, self.options, self.page, self.backend = amap, options, page, backend
        self.best = functools.cache(self._best)

    def fits(self, part: Part) -> bool:
        if self._too_much_text(part.claims):
            return False
        return self.best(part.claims).text_size >= MIN_TEXT - 0.01

    def _too_much_text(self, claims: tuple[str, ...]) -> bool:
        """Whether the claims' text alone, set at MIN_TEXT points in narrow
        characters and tight lines, covers more than the drawing box: then
        no layout fits, and none is tried (a big map's top parts would
        cost Graphviz most of the deck's time)."""
        index = self.amap.claim_index()
        characters = sum(len(index[claim].text) for claim in claims)
        _, _, width, height = drawing_box(self.page, self.options.theme)
        return characters * (MIN_TEXT * _NARROWEST) * (MIN_TEXT * _TIGHTEST) > width * height

    def _best(self, claims: tuple[str, ...]) -> _Layout:
        found = self._laid_out(self.amap, claims)
        if found.text_size >= MIN_TEXT - 0.01 or len(claims) > 2:
            return found
        # A claim with one reason cannot be split further: cut their texts
        # (at a word, with an ellipsis) until they fit at MIN_TEXT points.
        index = self.amap.claim_index()
        texts = {claim: index[claim].text for claim in claims}
        limit = max(len(text) for text in texts.values())
        while found.text_size < MIN_TEXT - 0.01 and limit > _SHORTEST:
            limit = int(limit * 0.85)
            cut = {claim: shorten(text, limit) for claim, text in texts.items()}
            amap = replace(
                self.amap, claims=tuple(c._replace(text=cut.get(c.id, c.text)) for c in self.amap.claims)
            )
            found = replace(self._laid_out(amap, claims), cut=limit)
        return found

    def _laid_out(self, amap: ArgumentMap, claims: tuple[str, ...]) -> _Layout:
        shown = part_view(amap, claims)
        wraps = sorted({round(self.options.theme.wrap * factor) for factor in _WRAPS})
        tries = [replace(self.options, direction=d, wrap=w) for d in _DIRECTIONS for w in wraps]
        return _best_layout(shown, tries, self.page, self.backend)


def _best_layout(shown: View, tries: list[RenderOptions], page: Page, backend: str) -> _Layout:
    """Of `shown` drawn with each of `tries`, the layout whose claim text is
    largest on the page (the first of equals)."""
    drawn = render_dots([draw_view(shown, options) for options in tries], "svg", backend)
    found: _Layout | None = None
    for options, svg in zip(tries, drawn, strict=True):
        width, height = svg_size(svg)
        theme = options.theme
        placed = place(page, theme, width, height, MAX_TEXT / theme.font_size)
        layout = _Layout(options, shown, svg, placed, theme.font_size * placed.scale)
        if found is None or layout.text_size > found.text_size + 0.01:
            found = layout
    assert found is not None
    return found


def _fit_texts(amap: ArgumentMap, page: Page, options: RenderOptions) -> tuple[ArgumentMap, list[str]]:
    """Claims whose text cannot fit a slide at MIN_TEXT points, cut at a
    word boundary with an ellipsis, and a warning for each."""
    theme = options.theme
    _, _, box_width, box_height = drawing_box(page, theme)
    scale = MIN_TEXT / theme.font_size
    per_line = int(min(box_width / scale / (theme.font_size * _CHAR_WIDTH), round(theme.wrap * _WRAPS[-1])))
    lines = int(box_height / scale / (theme.font_size * _LINE_HEIGHT)) - 2
    limit = max(per_line * lines * 3 // 4, _SHORTEST)
    warnings: list[str] = []
    claims: list[Claim] = []
    for claim in amap.claims:
        if len(claim.text) > limit:
            span = _text_span(amap, claim)
            where = f"{span}: " if span else "argmap: "
            warnings.append(
                f"{where}warning: claim '{claim.id}' is too long for a slide at {MIN_TEXT:g} pt "
                f"({len(claim.text)} characters); its slides show the first {limit}"
            )
            claim = claim._replace(text=shorten(claim.text, limit))
        claims.append(claim)
    return replace(amap, claims=tuple(claims)), warnings


def _text_span(amap: ArgumentMap, claim: Claim) -> SourceSpan | None:
    """Where the claim's text was written; a map read without positions
    (the fast YAML path) is read again for it."""
    if claim.span is None and amap.positioned is not None:
        claim = amap.with_positions().claim_index().get(claim.id, claim)
    return claim.text_span or claim.span


# -- the slides ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Draft:
    """A slide before it is numbered."""

    kind: str
    title: str
    drawing: bytes  # Graphviz's SVG
    placed: Placed
    options: RenderOptions
    notes: str
    claims: frozenset[str]
    text_size: float
    mark: str  # what the foot says before the slide's number


def _compose(draft: _Draft, page: Page, number: int, count: int) -> Slide:
    mark = f"{draft.mark} \u00b7 {number} / {count}" if draft.mark else f"{number} / {count}"
    theme = draft.options.theme
    title = shorten(draft.title, int((page.width - 48) / (title_size(theme) * _CHAR_WIDTH)))
    return Slide(
        draft.kind,
        title,
        slide_svg(page, theme, title, draft.drawing, draft.placed, mark),
        slide_svg(page, theme, None, draft.drawing, draft.placed, mark),
        draft.notes,
        draft.claims,
        draft.text_size,
    )


def _overview(amap: ArgumentMap, options: RenderOptions, page: Page, backend: str, title: str) -> _Draft:
    """The whole map on one slide, in the theme's own words (short labels)."""
    every = tuple(claim.id for claim in amap.claims)
    tries = [replace(options, direction=direction) for direction in _DIRECTIONS]
    layout = _best_layout(part_view(amap, every), tries, page, backend)
    notes = "\n".join(filter(None, [f"Overview: {title}", amap.description]))
    mark = "overview: the slides after it show each part legibly"
    return _Draft(
        "overview",
        f"Overview: {title}",
        layout.svg,
        layout.placed,
        options,
        notes,
        frozenset(every),
        layout.text_size,
        mark,
    )


def _legend_slide(amap: ArgumentMap, options: RenderOptions, page: Page, backend: str) -> _Draft:
    """The key to the arrows and the sides' colours, once, at the start."""
    theme = options.theme
    dots = []
    for direction in (Direction.BT, Direction.LR):  # a row of samples, or a column
        graph, node, edge = base_attributes(theme, None, direction, theme.wrap)
        dot = DotGraph("argmap", graph=graph, node=node, edge=edge)
        shown = {relation.type for relation in amap.relations}
        legend(dot, amap, shown, side_styles(amap, theme), options.status, looks(theme), direction)
        dots.append(dot.source())
    found: list[tuple[float, bytes, Placed]] = []
    for svg in render_dots(dots, "svg", backend):
        width, height = svg_size(svg)
        placed = place(page, theme, width, height, MAX_TEXT / theme.legend_size)
        found.append((placed.scale, svg, placed))
    _, svg, placed = max(found, key=lambda item: item[0])
    notes = "How to read the slides: the arrows' kinds and the sides' colours."
    return _Draft("legend", "Legend", svg, placed, options, notes, frozenset(), 0.0, "")


def _part_slides(
    amap: ArgumentMap, full: dict[str, Claim], part: Part, layout: _Layout, backend: str
) -> list[_Draft]:
    """A slide per frame of `part`: the same layout, the claims not shown yet invisible."""
    claims = amap.claim_index()
    head = claims[part.head]
    title = head.label or head.text
    every = frozenset(part.claims)
    mark = "continues on later slides (+N more)" if layout.shown.stubs else ""
    earlier = [visible for visible in part.frames if visible != every]
    hidden = [draw_view(layout.shown, replace(layout.options, hidden=every - visible)) for visible in earlier]
    drawn = dict(zip(earlier, render_dots(hidden, "svg", backend), strict=True))
    drafts: list[_Draft] = []
    before: frozenset[str] = frozenset()
    for visible in part.frames:
        svg = layout.svg if visible == every else drawn[visible]
        new = [full[c] for c in part.claims if c in visible and c not in before]
        drafts.append(
            _Draft(
                "part",
                title,
                svg,
                layout.placed,
                layout.options,
                _notes(amap, new),
                visible,
                layout.text_size,
                mark,
            )
        )
        before = visible
    return drafts


def _notes(amap: ArgumentMap, claims: Iterable[Claim]) -> str:
    """The speaker's notes for the claims a slide adds: each claim's full
    text, its sources' quotes and its note."""
    lines: list[str] = []
    for claim in claims:
        side = amap.sides.get(claim.by) if claim.by else None
        who = f" ({side.name or side.id})" if side else (f" ({claim.by})" if claim.by else "")
        lines.append(f"{claim.text}{who}")
        for ref in claim.all_sources():
            source = amap.sources.get(ref.ref) if ref.ref else None
            where = ", ".join(filter(None, [source.title if source else ref.ref, ref.loc]))
            if ref.quote:
                lines.append(f"  \u201c{ref.quote}\u201d ({where})")
        if claim.note:
            lines.append(f"  Note: {claim.note}")
    return "\n".join(lines)
