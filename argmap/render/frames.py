"""One frame of a slide build: the whole map's DOT with the hidden part made
invisible.

Every frame is the same graph, statement for statement, in the same order;
a hidden claim, joint or arrow only gets `style="invis"` added at the end of
its attribute list (a later attribute wins in Graphviz). Graphviz lays out
invisible nodes and edges exactly like visible ones, so `dot` puts every
claim in the same place in every frame: nothing jumps between slides, and
the frames all have the size of the whole map. (tests/test_frames.py reads
the positions back out of the SVGs.)

This works on the DOT text the DOT renderer writes (one statement a line,
every name quoted, claims named by their ids, every arrow carrying its
relation's id), so it knows nothing of themes: what is drawn and how is the
renderer's business. What is shown:

* a claim: when the frame shows it;
* an arrow carrying a relation's id: when the relation's ends are shown
  (`focus.induced_relations`);
* any other node (the joint an arrow passes through, a legend swatch):
  when one of the relation arrows touching it is shown; with none, when
  every claim it is joined to is shown (none: always, like the legend);
* any other arrow (joint to conclusion, the legend's samples): when both its
  ends are shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from argmap.analysis.focus import induced_relations
from argmap.analysis.slides import Frame
from argmap.errors import OutputError
from argmap.io.output import write_atomic
from argmap.model import ArgumentMap
from argmap.render.graphviz import render_dot

__all__ = ["draw_frames", "frame_names", "hide", "write_frames"]

FRAME_NAME = re.compile(r"^frame-(\d{2,})\.(svg|png|pdf)$")

INVISIBLE = ' style="invis"'

_QUOTED = r'"(?:[^"\\]|\\.)*"'
_STATEMENT = re.compile(rf"^(\t+)({_QUOTED})(?: -> ({_QUOTED}))?( \[.*\])?$")
_QUOTED_RE = re.compile(_QUOTED)
_ATTR_NAME = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*")
_BARE_VALUE = re.compile(r"[^\s\]]+")
_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True, slots=True)
class _Edge:
    line: int
    tail: str
    head: str
    id: str | None


def hide(dot_text: str, amap: ArgumentMap, visible: frozenset[str]) -> str:
    """`dot_text` (the DOT renderer's drawing of `amap`) with everything
    but the claims in `visible`, and what joins them, invisible."""
    lines = dot_text.split("\n")
    node_lines: dict[str, list[int]] = {}
    edges: list[_Edge] = []
    for number, line in enumerate(lines):
        match = _STATEMENT.match(line)
        if match is None:
            continue
        _, first, second, attrs = match.groups()
        if second is None:
            node_lines.setdefault(_unquote(first), []).append(number)
        else:
            edge_id = _attribute(attrs[2:-1], "id") if attrs else None
            edges.append(_Edge(number, _unquote(first), _unquote(second), edge_id))

    claims = amap.claim_index()
    relations = amap.relation_index()
    shown_relations = induced_relations(amap, set(visible))
    touching: dict[str, list[_Edge]] = {}
    for edge in edges:
        touching.setdefault(edge.tail, []).append(edge)
        touching.setdefault(edge.head, []).append(edge)

    def node_shown(name: str) -> bool:
        if name in claims:
            return name in visible
        own = touching.get(name, [])
        relation_edges = [e.id for e in own if e.id in relations]
        if relation_edges:
            return any(r in shown_relations for r in relation_edges)
        joined = [end for e in own for end in (e.tail, e.head) if end in claims]
        return all(end in visible for end in joined)

    shown_nodes = {name: node_shown(name) for name in {*node_lines, *touching}}
    hidden_lines = [n for name, numbers in node_lines.items() if not shown_nodes[name] for n in numbers]
    for edge in edges:
        if edge.id in relations:
            shown = edge.id in shown_relations
        else:
            shown = shown_nodes[edge.tail] and shown_nodes[edge.head]
        if not shown:
            hidden_lines.append(edge.line)
    for number in hidden_lines:
        line = lines[number]
        lines[number] = (
            line[:-1] + INVISIBLE + "]" if line.endswith("]") else line + " [" + INVISIBLE[1:] + "]"
        )
    return "\n".join(lines)


def _unquote(quoted: str) -> str:
    """A DOT double-quoted string's text (the inverse of `dot_syntax.quote`)."""
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) == "n" else m.group(1), quoted[1:-1])


def _attribute(attrs: str, wanted: str) -> str | None:
    """The value of attribute `wanted` in a DOT attribute list's inside
    (`id="x" label=<...> color=red`), skipping quoted strings and
    HTML-like labels whole, so nothing inside them is mistaken for one."""
    at, end = 0, len(attrs)
    while at < end:
        name = _ATTR_NAME.match(attrs, at)
        if name is None:
            return None
        at = name.end()
        if attrs.startswith('"', at):
            quoted = _QUOTED_RE.match(attrs, at)
            if quoted is None:
                return None
            value: str | None = _unquote(quoted.group())
            at = quoted.end()
        elif attrs.startswith("<", at):
            depth = 0
            while at < end:
                depth += {"<": 1, ">": -1}.get(attrs[at], 0)
                at += 1
                if depth == 0:
                    break
            value = None
        else:
            bare = _BARE_VALUE.match(attrs, at)
            if bare is None:
                return None
            value, at = bare.group(), bare.end()
        if name.group(1) == wanted:
            return value
        at = len(attrs) - len(attrs[at:].lstrip(" ,;"))
    return None


def draw_frames(
    amap: ArgumentMap, dot_text: str, frames: Sequence[Frame], fmt: str, backend: str = "auto"
) -> list[bytes]:
    """Each frame drawn by Graphviz in `fmt` (svg, png or pdf)."""
    return [render_dot(hide(dot_text, amap, frame.visible), fmt, backend) for frame in frames]


def frame_names(count: int, fmt: str) -> list[str]:
    """frame-01.svg, frame-02.svg, ...: two digits, more when there are 100 or more."""
    width = max(2, len(str(count)))
    return [f"frame-{number:0{width}d}.{fmt}" for number in range(1, count + 1)]


def write_frames(
    folder: Path, drawings: Sequence[bytes], fmt: str, inputs: Iterable[Path] = ()
) -> list[Path]:
    """Write the frames into `folder` (made if missing), each atomically,
    and remove the frames of this format an earlier, longer build left
    there (only files named as argmap names frames: frame-NN.<fmt>)."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file, not a folder for frames")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot make the folder: {exc.strerror or exc}") from None
    names = frame_names(len(drawings), fmt)
    inputs = list(inputs)
    written = []
    for name, data in zip(names, drawings, strict=True):
        write_atomic(folder / name, data, inputs=inputs)
        written.append(folder / name)
    keep = set(names)
    for old in sorted(folder.iterdir()):
        match = FRAME_NAME.match(old.name)
        if match and match.group(2) == fmt and old.name not in keep and old.is_file():
            try:
                old.unlink()
            except OSError as exc:
                raise OutputError(
                    f"{old}: cannot remove a frame of an earlier build: {exc.strerror or exc}"
                ) from None
    return written
