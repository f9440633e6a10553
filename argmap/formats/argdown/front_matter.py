"""The front matter (`=== ... ===` at the top of an Argdown file), both
ways: the map's title and description, and argmap's own `argmap:` block
(`sides`, `sources`, `expect`), next to Argdown's settings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from argmap.formats.argdown.escape import yaml_flow
from argmap.model import DUNG_SEMANTICS, ID_PATTERN, ArgumentMap, Expectation, Label, Side, Source

# A tag `by:<side>` naming a side declared in the front matter sets a claim's `by`.
SIDE_TAG = "by:"

# Front-matter keys: read by argmap, settings Argdown builds the map with,
# and settings that only style Argdown's outputs.
_READ_FRONT = frozenset({"title", "description", "argmap"})
_ARGDOWN_FRONT = frozenset(
    {
        "model", "selection", "map", "group", "color", "dot", "graphml", "html", "json", "svg", "pdf",
        "webComponent", "sourceHighlighter", "saveAs", "logLevel", "inputPath", "process", "processes",
        "data", "parser", "images", "vizJs", "throwExceptions", "logParserErrors", "logExceptions",
    }
)  # fmt: skip


# -- reading -------------------------------------------------------------------------


class FrontMatterReader:
    """What argmap reads from the front matter; `warn` reports, at the front
    matter, each part that is not read."""

    def __init__(self, front_matter: Any, warn: Callable[[str], None]) -> None:
        self.raw = front_matter
        self.front: dict[Any, Any] = front_matter if isinstance(front_matter, dict) else {}
        block = self.front.get("argmap")
        self.block: dict[Any, Any] = block if isinstance(block, dict) else {}
        self.warn = warn

    def check_keys(self) -> None:
        if self.raw is not None and not isinstance(self.raw, dict):
            self.warn("the front matter is not a mapping; not read")
        if "argmap" in self.front and not isinstance(self.front.get("argmap"), dict):
            self.warn("front matter 'argmap:' must be a mapping; not read")
        for key in self.front:
            if key not in _READ_FRONT and key not in _ARGDOWN_FRONT:
                self.warn(f"front matter key {key!r} is not read")
        for key in self.block:
            if key not in ("sides", "sources", "expect"):
                self.warn(f"front matter key 'argmap: {key}' is not read")

    def text(self, key: str) -> str | None:
        value = self.front.get(key)
        if value is None:
            return None
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return str(value)
        self.warn(f"front matter {key!r} must be text; not read")
        return None

    def sides(self) -> dict[str, Side]:
        sides: dict[str, Side] = {}
        for side_id, fields in self._id_mapping(self.block.get("sides"), "sides"):
            fields = fields if isinstance(fields, dict) else {}
            sides[side_id] = Side(
                side_id, name=_text_or_none(fields.get("name")), colour=_text_or_none(fields.get("colour"))
            )
        return sides

    def sources(self) -> dict[str, Source]:
        sources: dict[str, Source] = {}
        for source_id, fields in self._id_mapping(self.block.get("sources"), "sources"):
            fields = fields if isinstance(fields, dict) else {}
            sources[source_id] = Source(
                source_id,
                title=_text_or_none(fields.get("title")),
                author=_text_or_none(fields.get("author")),
                file=_text_or_none(fields.get("file")),
                url=_text_or_none(fields.get("url")),
            )
        return sources

    def _id_mapping(self, raw: Any, what: str) -> Iterator[tuple[str, Any]]:
        if raw is None:
            return
        if not isinstance(raw, dict):
            self.warn(f"front matter 'argmap: {what}' must be a mapping; not read")
            return
        for key, value in raw.items():
            if isinstance(key, str) and ID_PATTERN.match(key):
                yield key, value
            else:
                self.warn(f"'argmap: {what}' id {key!r} is not an id; not read")

    def expect(self) -> tuple[Expectation, ...]:
        raw = self.block.get("expect")
        if raw is None:
            return ()
        found: list[Expectation] = []
        for semantics, statuses in raw.items() if isinstance(raw, dict) else []:
            for status, claim_list in statuses.items() if isinstance(statuses, dict) else []:
                if semantics in DUNG_SEMANTICS and status in tuple(Label) and isinstance(claim_list, list):
                    found.extend(
                        Expectation(semantics, status, str(c)) for c in claim_list if isinstance(c, str)
                    )
                    continue
                self.warn(f"'argmap: expect: {semantics}: {status}' is not read")
        if not isinstance(raw, dict):
            self.warn("front matter 'argmap: expect' must be a mapping; not read")
        return tuple(found)


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


# -- writing -------------------------------------------------------------------------


def front_matter(amap: ArgumentMap, need_all: bool) -> str:
    """The front matter for a map ("" when it needs none); `need_all` when
    claims without relations must be in Argdown's map too."""
    entries: list[tuple[str, Any]] = []
    if amap.title is not None:
        entries.append(("title", amap.title))
    if amap.description is not None:
        entries.append(("description", amap.description))
    block = _argmap_block(amap)
    if block:
        entries.append(("argmap", block))
    if any(c.tags or c.by for c in amap.claims):
        entries.append(("model", {"removeTagsFromText": True}))
    if need_all:
        entries.append(("selection", {"statementSelectionMode": "all", "excludeDisconnected": False}))
    colours = {SIDE_TAG + s.id: s.colour for s in amap.sides.values() if s.colour}
    if colours:
        entries.append(("color", {"tagColors": colours}))
    if not entries:
        return ""
    return "===\n" + "\n".join(f"{key}: {yaml_flow(value)}" for key, value in entries) + "\n==="


def _argmap_block(amap: ArgumentMap) -> dict[str, Any]:
    block: dict[str, Any] = {}
    if amap.sides:
        block["sides"] = {
            s.id: {k: v for k, v in (("name", s.name), ("colour", s.colour)) if v is not None}
            for s in amap.sides.values()
        }
    if amap.sources:
        block["sources"] = {
            s.id: {
                k: v
                for k, v in (("title", s.title), ("author", s.author), ("file", s.file), ("url", s.url))
                if v is not None
            }
            for s in amap.sources.values()
        }
    if amap.expect:
        expect: dict[str, dict[str, list[str]]] = {}
        for e in amap.expect:
            expect.setdefault(e.semantics, {}).setdefault(e.status, []).append(e.claim)
        block["expect"] = expect
    return block
