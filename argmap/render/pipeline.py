"""From a render request and a map to the files to write: the drawing for
`-o` (or standard output), a slide build's frames, the frames as one PDF.

Nothing is written here, and nothing printed: `render_files` returns every
file's bytes, or raises before any is made, and the CLI writes them
(atomically) and reports them. Graphviz runs here, inside `working`, which
the CLI makes a spinner on a terminal.

The drawing's format picks its maker from `DRAWINGS`; its file's suffix
names the format through the one suffix resolution (argmap.io.suffixes).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.errors import UsageError
from argmap.io.suffixes import by_suffix
from argmap.model import ArgumentMap, Semantics
from argmap.render.options import BACKENDS, RenderOptions
from argmap.render.registry import renderer

if TYPE_CHECKING:
    from argmap.analysis.diff import MapDiff
    from argmap.analysis.slides import Frame, Reveal

__all__ = [
    "BINARY",
    "DRAWINGS",
    "Folder",
    "OutputFile",
    "Product",
    "RenderRequest",
    "Rendered",
    "diagram_format",
    "diff_drawing",
    "drawing_format",
    "render_files",
]


@dataclass(frozen=True, slots=True)
class RenderRequest:
    """Everything one `argmap render` asks for."""

    # How to draw. `status` is filled in from `semantics`; `fast_layout`
    # None: the fast layout past BIG_MAP claims drawn.
    options: RenderOptions = field(default_factory=RenderOptions)
    fmt: str | None = None  # the drawing's format (a DRAWINGS key); None: frames only
    output: Path | None = None  # the drawing's file; None: standard output
    backend: str = "auto"  # the Graphviz to run (render.graphviz.BACKENDS)
    semantics: Semantics | None = None  # mark each claim's status under it (--eval)
    frames: Path | None = None  # a folder for the frames of a slide build
    frames_format: str = "svg"
    frames_pdf: Path | None = None  # the slide build as one PDF
    reveal: Reveal | None = None  # the order of the frames; None: by step if any, else by depth
    terminal: bool = False  # standard output is a terminal, where no binary drawing goes
    # The drawing for standard output may come in parts (OutputFile.parts),
    # written as they are made: a big map's DOT is then never whole in memory.
    parts: bool = False


@dataclass(frozen=True, slots=True)
class OutputFile:
    path: Path | None  # None: standard output
    data: bytes
    # The data in parts instead (`data` is then empty), for standard output
    # only (RenderRequest.parts): made when the drawing is, joined on demand.
    parts: Callable[[], Iterator[bytes]] | None = None


@dataclass(frozen=True, slots=True)
class Folder:
    """The folder a slide build's frames go into: made if missing, and the
    frames an earlier, longer build left there removed."""

    path: Path
    earlier: Callable[[str], bool]  # whether a file name is one of this build's kind
    what: str  # "frame", for messages


@dataclass(frozen=True, slots=True)
class Product:
    """One thing a request asked for, made: its files, and what the line
    reporting them says after "wrote " ("" for standard output)."""

    files: tuple[OutputFile, ...]
    report: str
    folder: Folder | None = None  # the files' folder, for a slide build


@dataclass(frozen=True, slots=True)
class Rendered:
    notes: tuple[str, ...]  # to tell the user, before the files
    products: tuple[Product, ...]


# -- the drawing for -o -----------------------------------------------------------


@dataclass(frozen=True)
class _Drawing:
    """What the makers of drawings draw from: the map, its view, the options
    with the status filled in, the Graphviz to run."""

    whole: ArgumentMap
    shown: ArgumentMap  # the view: focused, as drawn
    options: RenderOptions
    backend: str
    semantics: Semantics | None

    @functools.cached_property
    def dot(self) -> str:
        return renderer("dot").render(self.whole, self.options)

    def dot_parts(self) -> Callable[[], Iterator[bytes]]:
        """The DOT text in parts, as UTF-8: drawn now, joined as it is written."""
        from argmap.render.dot import dot_graph

        if self.backend not in BACKENDS:
            self.graphviz("dot")  # says what is wrong, as for every format
        graph = dot_graph(self.whole, self.options)
        return lambda: (part.encode("utf-8") for part in graph.parts())

    def graphviz(self, fmt: str) -> bytes:
        from argmap.render.graphviz import render_dot

        return render_dot(self.dot, fmt, self.backend)


def _dot_text(drawing: _Drawing) -> bytes:
    """The DOT text itself, checked as render_dot checks it but without
    importing the Graphviz module (its logging and tempfile): a DOT render
    runs no Graphviz."""
    if drawing.backend not in BACKENDS:
        return drawing.graphviz("dot")  # says what is wrong, as for every format
    return drawing.dot.encode("utf-8")


def _graphviz(fmt: str) -> Callable[[_Drawing], bytes]:
    return lambda drawing: drawing.graphviz(fmt)


def _web_page(drawing: _Drawing) -> bytes:
    from argmap.render.html import page

    semantics = drawing.semantics.value if drawing.semantics else None
    svg = drawing.graphviz("svg")
    return page(svg, drawing.shown, drawing.options.status, semantics, drawing.options.theme).encode()


def _mermaid(drawing: _Drawing) -> bytes:
    return renderer("mermaid").render(drawing.whole, drawing.options).encode("utf-8")


# Format -> how its drawing is made. "dot" needs no Graphviz; "mmd" is
# Mermaid, written by argmap itself; "html" a web page around the SVG.
DRAWINGS: dict[str, Callable[[_Drawing], bytes]] = {
    "dot": _dot_text,
    "svg": _graphviz("svg"),
    "png": _graphviz("png"),
    "pdf": _graphviz("pdf"),
    "html": _web_page,
    "mmd": _mermaid,
}
# Format -> its drawing in parts, for standard output (RenderRequest.parts).
PARTS: dict[str, Callable[[_Drawing], Callable[[], Iterator[bytes]]]] = {"dot": _Drawing.dot_parts}
BINARY = frozenset({"png", "pdf"})  # never written to a terminal
_SUFFIXES = [(f".{fmt}", fmt) for fmt in DRAWINGS]


def drawing_format(output: Path | None, named: str | None, *, slides: bool) -> str | None:
    """The format of the drawing asked for; None when only a slide build is."""
    if output is None and named is None and slides:
        return None
    return diagram_format(output, named)


def diagram_format(output: Path | None, named: str | None) -> str:
    """The drawing's format: the one `output`'s suffix names, else `named`
    (--format); UsageError when they disagree or neither tells."""
    if output is not None and output.suffix:
        found = by_suffix(output, _SUFFIXES)
        if found:
            if named is not None and named != found[0]:
                raise UsageError(f"--format {named} does not match the suffix of {output}")
            return found[0]
        if named is None:
            known = ", ".join(suffix for suffix, _ in _SUFFIXES[:-1]) + f" or {_SUFFIXES[-1][0]}"
            raise UsageError(
                f"{output}: cannot tell the format from '{output.suffix}'; use {known}, or --format"
            )
    if named is None:
        if output is None:
            raise UsageError("name an output file with -o, or a format with --format")
        raise UsageError(f"{output}: no suffix to tell the format from; add one or use --format")
    return named


# -- the pipeline -------------------------------------------------------------------


_FAST_LAYOUT_NOTE = (
    "argmap: {claims:,} claims (over {big:,}): faster Graphviz layout; --full-layout for the usual one"
)


@contextmanager
def _quietly(claims: int) -> Iterator[None]:
    yield


def render_files(
    request: RenderRequest,
    whole: ArgumentMap,
    working: Callable[[int], AbstractContextManager[object]] = _quietly,
) -> Rendered:
    """Draw everything `request` asks for of the map `whole` (nothing on
    failure). Graphviz runs inside `working(claims drawn)`."""
    from argmap.analysis.focus import view
    from argmap.analysis.slides import plan_frames
    from argmap.render.dot import BIG_MAP, fast_layout

    options = request.options
    status: dict[str, str] = {}
    if request.semantics is not None:
        from argmap.render.evaluation import claim_marks

        # Evaluated on the whole map: a focused view must not change a claim's status.
        status = claim_marks(whole, request.semantics)
    shown = view(whole, options.root, options.depth, options.side, options.tag, options.highlight).map
    fast = fast_layout(len(shown.claims), options.fast_layout)
    # Said when argmap chose it, for a drawing Graphviz lays out.
    notes: tuple[str, ...] = ()
    if fast and options.fast_layout is None and request.fmt != "mmd":
        notes = (_FAST_LAYOUT_NOTE.format(claims=len(shown.claims), big=BIG_MAP),)
    drawing = _Drawing(
        whole, shown, replace(options, status=status, fast_layout=fast), request.backend, request.semantics
    )
    slides = request.frames is not None or request.frames_pdf is not None
    frames = plan_frames(shown, request.reveal) if slides else []
    products: list[Product] = []
    with working(len(shown.claims)):
        if request.fmt is not None:
            products.append(_for_output(request, request.fmt, drawing))
        if slides:
            products += _slides(request, drawing, frames)
    return Rendered(notes, tuple(products))


def _for_output(request: RenderRequest, fmt: str, drawing: _Drawing) -> Product:
    """The drawing for -o, or for standard output."""
    if request.output is None and request.parts and fmt in PARTS:
        return Product((OutputFile(None, b"", PARTS[fmt](drawing)),), "")
    data = DRAWINGS[fmt](drawing)
    if request.output is None and fmt in BINARY and request.terminal:
        raise UsageError(f"{fmt} is binary: name a file with -o, or redirect stdout")
    return Product((OutputFile(request.output, data),), "" if request.output is None else str(request.output))


MAX_FRAMES = 60  # frames in one slide build


def _slides(request: RenderRequest, drawing: _Drawing, frames: Sequence[Frame]) -> list[Product]:
    """The frames in their folder, and as one PDF; a build in PDF is drawn once for both."""
    from argmap.render.frames import frame_dots, frame_names, is_frame_name
    from argmap.render.graphviz import render_dot
    from argmap.render.pdf import merge_pdfs

    if not frames:
        # A build of nothing would leave an empty folder and say nothing.
        raise UsageError("nothing to build frames of: the map (as focused) has no claims")
    if len(frames) > MAX_FRAMES:
        # Each frame is a Graphviz run over the whole map: a deep map would take minutes.
        raise UsageError(
            f"a build of {len(frames)} frames is more than a talk can show (at most {MAX_FRAMES}): "
            "reveal fewer steps (--depth, --root, --side, --by-side), or tell a big map with "
            "`argmap slides`, which splits it into readable parts"
        )
    dots = frame_dots(drawing.whole, drawing.options, frames)
    products = []
    drawn: list[bytes] | None = None
    if request.frames is not None:
        fmt, folder = request.frames_format, request.frames
        drawn = [render_dot(dot, fmt, request.backend) for dot in dots]
        names = frame_names(len(drawn), fmt)
        files = tuple(OutputFile(folder / name, data) for name, data in zip(names, drawn, strict=True))
        report = f"{len(files)} frames to {folder} ({names[0]} to {names[-1]})"
        earlier = functools.partial(is_frame_name, fmt=fmt)
        products.append(Product(files, report, Folder(folder, earlier, "frame")))
        if fmt != "pdf":
            drawn = None
    if request.frames_pdf is not None:
        pages = drawn or [render_dot(dot, "pdf", request.backend) for dot in dots]
        report = f"{request.frames_pdf} ({len(frames)} pages)"
        products.append(Product((OutputFile(request.frames_pdf, merge_pdfs(pages)),), report))
    return products


# -- diff ------------------------------------------------------------------------


def diff_drawing(output: Path, before: ArgumentMap, after: ArgumentMap, result: MapDiff) -> bytes:
    """Both versions of a map in one diagram, in the format `output`'s suffix names."""
    from argmap.analysis.diff import union_map
    from argmap.render.diff_dot import diff_dot
    from argmap.render.graphviz import render_dot

    fmt = diagram_format(output, None)
    if fmt not in {"dot", "svg", "png", "pdf"}:
        raise UsageError(f"{output}: a diff is drawn as .dot, .svg, .png or .pdf")
    return render_dot(diff_dot(union_map(before, after, result), RenderOptions(), result), fmt)
