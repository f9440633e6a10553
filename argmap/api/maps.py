"""`Map`: the library's front door, a thin layer over the loader
(argmap.formats.registry), the checks (argmap.checks.gate),
the semantics (argmap.analysis.evaluate), the drawings
(argmap.render.pipeline) and the writers. Nothing here prints or exits:
problems in a map are data (`Map.check`), and anything that cannot go on
raises an `argmap.errors` exception."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from argmap.analysis.evaluate import evaluate as run_semantics
from argmap.analysis.evaluate import framework_from_map
from argmap.api.building import with_claim, with_relation, with_side, with_source
from argmap.api.results import Evaluation
from argmap.checks.gate import Checked, check_loaded, require_ok
from argmap.errors import Diagnostic, OutputError, UsageError
from argmap.formats import relocate
from argmap.formats.base import LoadResult, Written
from argmap.formats.registry import by_name, writing_format
from argmap.io.output import write_atomic
from argmap.model import ArgumentMap, Claim, Relation, RelationType, Semantics, Side, Source, SourceRef
from argmap.render.options import Direction, RenderOptions
from argmap.render.pipeline import DRAWINGS, RenderRequest, render_files
from argmap.render.theme_file import resolve_theme

__all__ = ["Map", "semantics_named"]


def semantics_named(name: str) -> Semantics:
    """The semantics called `name`; UsageError for no such semantics."""
    try:
        return Semantics(name)
    except ValueError:
        known = ", ".join(s.value for s in Semantics)
        raise UsageError(f"unknown semantics {name!r} (known: {known})") from None


# The names of maps that were read from no file (built in code, or text).
_NO_FILE = frozenset({"<map>", "<string>"})


class Map:
    """An argument map: claims, the relations between them (support,
    attack, undercut), the sides that state them and the sources they quote.

    Load one with ``argmap.load`` or ``argmap.loads``, or build one here:
    ``Map(title=...)``, then ``add_claim``, ``support``, ``attack``,
    ``undercut``. The records it gives (``claims``, ``relations``, ...)
    are immutable; the builder methods replace the map's records with new
    ones. In Jupyter a map shows itself as its diagram (SVG).
    """

    __slots__ = ("_checked", "_loaded", "_map", "_read", "_reread")

    def __init__(self, title: str | None = None, description: str | None = None) -> None:
        self._map = ArgumentMap(title=title, description=description)
        self._read: tuple[Diagnostic, ...] = ()  # what the reader reported
        self._checked: Checked | None = None
        # A map read on the fast YAML path has no positions: how to read it
        # again with them, while it is still the map read (`_loaded`).
        self._loaded: ArgumentMap | None = None
        self._reread: Callable[[], LoadResult] | None = None

    @classmethod
    def new(cls, title: str | None = None, description: str | None = None) -> Map:
        """An empty map (the same as ``Map(title=..., description=...)``)."""
        return cls(title, description)

    @classmethod
    def _from(cls, result: LoadResult) -> Map:
        made = cls()
        made._map, made._read = result.map, tuple(result.diagnostics)
        made._loaded, made._reread = result.map, result.reread
        return made

    # -- what it holds ---------------------------------------------------------------

    @property
    def title(self) -> str | None:
        """The map's title, if it has one."""
        return self._map.title

    @property
    def description(self) -> str | None:
        """What the map is about, if it says."""
        return self._map.description

    @property
    def file(self) -> str:
        """The file the map was read from (``"<map>"`` for one built in code)."""
        return self._map.file

    @property
    def claims(self) -> tuple[Claim, ...]:
        """The claims in document order: each has ``.id``, ``.text``, and
        ``.by``, ``.tags``, ``.weight``, ``.note``, ``.label``, ``.source``
        where the map gives them."""
        return self._map.claims

    @property
    def relations(self) -> tuple[Relation, ...]:
        """The relations: ``.id``, ``.source`` (a claim id), ``.target`` (a
        claim id, or for an undercut the id of the relation it attacks),
        ``.type`` (``"support"``, ``"attack"``, ``"undercut"``), ``.group``."""
        return self._map.relations

    @property
    def sides(self) -> Mapping[str, Side]:
        """The sides by id: ``.id``, ``.name``, ``.colour``."""
        return self._map.sides

    @property
    def sources(self) -> Mapping[str, Source]:
        """The sources by id: ``.id``, ``.title``, ``.author``, ``.file``, ``.url``."""
        return self._map.sources

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id; raises UsageError when there is none."""
        found = self._map.claim_index().get(claim_id)
        if found is None:
            raise UsageError(f"no claim {claim_id!r} in {self.file}")
        return found

    # -- checking and evaluating -----------------------------------------------------

    def check(self, *, read_sources: bool = True) -> list[Diagnostic]:
        """Every problem ``argmap validate`` finds, in file order.

        Each diagnostic has ``.check_id`` (``"dangling-ref"``, ...),
        ``.severity`` (``"error"`` or ``"warning"``), ``.message``,
        ``.file``, ``.line`` and ``.column``; ``str()`` of one is the line
        ``argmap validate`` prints.

        Args:
            read_sources: Read the source files the map quotes (beside the
                map's file) to check its quotes; False: skip those checks.
        """
        return list(self._checks(read_sources).diagnostics)

    def _checks(self, read_sources: bool = True) -> Checked:
        reread = self._reread if self._map is self._loaded else None  # not once built on
        loaded = LoadResult(self._map, list(self._read), reread)
        if not read_sources:
            return check_loaded(loaded, read_sources=False)
        if self._checked is None:
            self._checked = check_loaded(loaded)
        return self._checked

    def _valid(self) -> ArgumentMap:
        """The map, or MapInvalidError (with its diagnostics) when it has errors."""
        return require_ok(self._checks(), self.file).map

    def evaluate(
        self,
        semantics: str = "grounded",
        *,
        max_extensions: int | None = 1000,
        time_limit: float | None = 60.0,
    ) -> Evaluation:
        """Which claims stand.

        Args:
            semantics: Dung's ``"grounded"``, ``"complete"``,
                ``"preferred"``, ``"stable"`` (values ``"in"``, ``"out"``,
                ``"undec"``), or a gradual one, ``"dfquad"``, ``"quad"``,
                ``"euler"``, ``"quadratic-energy"``, ``"h-categorizer"``
                (values: strengths from 0 to 1).
            max_extensions: Stop enumerating complete, preferred or stable
                extensions after this many (None: no limit); the result
                says ``truncated``.
            time_limit: Stop enumerating them after this many seconds,
                with the extensions found by then (None: no limit); the
                result says ``truncated`` and ``timed_out``.

        Returns:
            Claim id -> label or strength, a dict with ``why(id)`` and
            ``explain(id)`` to say why.

        Raises:
            MapInvalidError: The map has errors (``.diagnostics`` lists them).
            UsageError: No such semantics.
        """
        chosen = semantics_named(semantics)
        amap = self._valid()
        framework = framework_from_map(amap)
        result = run_semantics(framework, chosen, max_extensions, time_limit)
        return Evaluation(result, framework, {c.id: c.text for c in amap.claims})

    # -- drawing and writing ---------------------------------------------------------

    def render(
        self,
        format: str = "svg",
        *,
        theme: str = "light",
        root: str | None = None,
        depth: int | None = None,
        side: str | None = None,
        tag: str | None = None,
        highlight: str | None = None,
        eval: str | None = None,
        direction: str = "BT",
        legend: bool = True,
        short_labels: bool | None = None,
        fast_layout: bool | None = None,
        backend: str = "auto",
    ) -> bytes:
        """The map drawn, as ``argmap render`` draws it.

        Args:
            format: ``"svg"``, ``"png"``, ``"pdf"``, ``"dot"``, ``"html"``
                (the interactive web page) or ``"mmd"`` (Mermaid).
            theme: ``"light"``, ``"dark"``, ``"print"``, ``"talk"``, or a
                theme file (a path ending .yaml).
            root: Only this claim and what hangs under it.
            depth: Levels below the top claims to draw.
            side: Only claims by this side (and their path up).
            tag: Only claims with this tag (and their path up).
            highlight: This claim and its path up stand out.
            eval: Shade claims by their status under this semantics.
            direction: ``"BT"`` (conclusions on top), ``"TB"``, ``"LR"``, ``"RL"``.
            legend: Draw the legend.
            short_labels: Claims' short labels instead of their text
                (None: as the theme says).
            fast_layout: Faster Graphviz settings (None: past 1,000 claims).
            backend: The Graphviz to run: ``"system"`` (``dot`` on PATH),
                ``"embedded"`` (the one pygraphviz carries) or ``"auto"``.

        Raises:
            MapInvalidError: The map has errors.
            UsageError: An option names what the map has not, or no such format.
            ToolMissingError: No Graphviz to draw with.
        """
        if format not in DRAWINGS:
            raise UsageError(f"unknown drawing format {format!r} (known: {', '.join(DRAWINGS)})")
        try:
            rankdir = Direction(direction.upper())
        except ValueError:
            raise UsageError(f"direction must be one of BT, TB, LR, RL, not {direction!r}") from None
        options = RenderOptions(
            direction=rankdir,
            root=root,
            depth=depth,
            side=side,
            tag=tag,
            highlight=highlight,
            legend=legend,
            theme=resolve_theme(theme),
            short_labels=short_labels,
            fast_layout=fast_layout,
        )
        semantics = None if eval is None else semantics_named(eval)
        request = RenderRequest(options=options, fmt=format, backend=backend, semantics=semantics)
        rendered = render_files(request, self._valid())
        return rendered.products[0].files[0].data

    def dumps(self, format: str = "yaml", *, strict: bool = False) -> str:
        """The map as text in a format argmap writes.

        Args:
            format: ``"yaml"``, ``"json"`` (the graph form), ``"argdown"``,
                ``"aif"``, ``"sadface"``, ``"kialo"``, ``"graphml"``,
                ``"apx"``, ``"tgf"`` or ``"af"``.
            strict: Raise OutputError when the format cannot hold all of
                the map (``argmap convert --strict``); False: what it cannot
                hold is left out, as ``argmap convert`` does with a warning.

        Raises:
            UsageError: No such format, or one argmap only reads.
            OutputError: With ``strict``, the format loses something.
        """
        written = by_name(format, writing=True).write(self._map)
        _refuse_losses(written, format, strict)
        return written.text

    def save(self, path: str | Path, format: str | None = None, *, strict: bool = False) -> None:
        """Write the map to a file, atomically: the file is the old one or
        the new one, never half of one.

        Args:
            path: The file; its suffix names the format unless ``format``
                does. Source files the map names are rewritten relative to
                its folder (for a map read from a file).
            format: A format name, as for ``dumps``.
            strict: As for ``dumps``.

        Raises:
            UsageError: No format fits the path.
            OutputError: The file cannot be written, or with ``strict``
                the format loses something.
        """
        target = Path(path)
        # Source `file:` paths follow the map to its new folder, as with
        # `argmap convert`; a map from no file keeps them as written.
        amap = self._map if self.file in _NO_FILE else relocate(self._map, target)
        written = writing_format(target, format).write(amap)
        _refuse_losses(written, format or str(path), strict)
        write_atomic(target, written.text)

    # -- building --------------------------------------------------------------------

    def add_claim(
        self,
        claim_id: str,
        text: str,
        *,
        by: str | None = None,
        source: str | None = None,
        quote: str | None = None,
        loc: str | None = None,
        tags: Iterable[str] = (),
        weight: float | None = None,
        note: str | None = None,
        label: str | None = None,
        implicit: bool | None = None,
    ) -> Claim:
        """Add a claim and return it.

        Args:
            claim_id: Its id: a slug (letters, digits, ``_``, ``-``, ``.``).
            text: What it says.
            by: The side that states it (added first with ``add_side``).
            source: The id of the source it comes from (added first with ``add_source``).
            quote: The words it quotes from that source.
            loc: Where in the source (``"paragraph 3"``).
            tags: Labels to select claims by.
            weight: Its base score (0 to 1) in gradual semantics.
            note: A note.
            label: A few words for diagrams with no room for the text.
            implicit: An unstated premise the argument needs.

        Raises:
            UsageError: The id is taken or no slug, or ``by``/``source``
                names nothing in the map.
        """
        cited = None if (source, quote, loc) == (None, None, None) else SourceRef(source, quote, loc)
        self._map, claim = with_claim(
            self._map,
            claim_id,
            text,
            by=by,
            source=cited,
            tags=tags,
            weight=weight,
            note=note,
            label=label,
            implicit=implicit,
        )
        self._checked = None
        return claim

    def add_relation(
        self,
        type: str,
        source: str,
        target: str,
        *,
        group: str | None = None,
        weight: float | None = None,
    ) -> Relation:
        """Add a relation and return it (its id is ``type:source:target``).

        Args:
            type: ``"support"``, ``"attack"`` or ``"undercut"``.
            source: The claim that supports or attacks.
            target: The claim supported or attacked; for an undercut, the
                id of the relation whose inference it attacks.
            group: Relations of one type into one target with the same
                group count together (linked premises).
            weight: How much the source bears on the target, 0 to 1.

        Raises:
            UsageError: No such type, claim or relation, or the relation exists.
        """
        try:
            kind = RelationType(type)
        except ValueError:
            raise UsageError(f"unknown relation type {type!r} (support, attack or undercut)") from None
        self._map, relation = with_relation(self._map, kind, source, target, group=group, weight=weight)
        self._checked = None
        return relation

    def support(
        self, source: str, target: str, *, group: str | None = None, weight: float | None = None
    ) -> Relation:
        """Add ``source`` as a reason for ``target`` (see ``add_relation``)."""
        return self.add_relation("support", source, target, group=group, weight=weight)

    def attack(
        self, source: str, target: str, *, group: str | None = None, weight: float | None = None
    ) -> Relation:
        """Add ``source`` as an objection to ``target`` (see ``add_relation``)."""
        return self.add_relation("attack", source, target, group=group, weight=weight)

    def undercut(self, source: str, relation: str | Relation) -> Relation:
        """Add ``source`` as an attack on the inference of ``relation`` (a
        relation or its id): even if its source holds, it does not show its target."""
        target = relation if isinstance(relation, str) else relation.id
        return self.add_relation("undercut", source, target)

    def add_side(self, side_id: str, name: str | None = None, colour: str | None = None) -> Side:
        """Add a side (who states claims) and return it; raises UsageError for a taken id."""
        self._map, side = with_side(self._map, side_id, name, colour)
        self._checked = None
        return side

    def add_source(
        self,
        source_id: str,
        *,
        title: str | None = None,
        author: str | None = None,
        file: str | None = None,
        url: str | None = None,
    ) -> Source:
        """Add a source (a text claims quote; ``file`` relative to the map) and return it."""
        self._map, found = with_source(self._map, source_id, title=title, author=author, file=file, url=url)
        self._checked = None
        return found

    # -- in Python and Jupyter ---------------------------------------------------------

    def __repr__(self) -> str:
        return f"<argmap.Map {self.title!r}: {len(self.claims)} claims, {len(self.relations)} relations>"

    def _repr_svg_(self) -> str | None:
        """The diagram, for Jupyter (the system Graphviz, else the embedded
        one); None for a map with errors, which shows as its repr (a
        traceback from a display hook helps nobody; ``check()`` says why)."""
        if self._checks().errors:
            return None
        return self.render("svg").decode("utf-8")


def _refuse_losses(written: Written, what: str, strict: bool) -> None:
    if strict and written.losses:
        lost = "; ".join(str(loss) for loss in written.losses)
        raise OutputError(f"{what} cannot hold all of the map: {lost}")
