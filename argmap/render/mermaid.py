"""A map as a Mermaid flowchart (`render -o map.mmd`), for Markdown that
renders Mermaid (GitHub, GitLab, Obsidian).

The same drawing as the DOT renderer's, in Mermaid's words: claims are
rounded boxes, a support is a solid arrow (`-->`), an attack a dashed line
ending in a cross (`--x`, dashed by `linkStyle`), an undercut a dotted line
ending in a cross (`-.-x`) into the small joint on the inference it attacks;
linked premises meet in one joint. Sides are `classDef`s with the theme's
(or the map's) colours; `--root`, `--depth` ("+N more" notes), `--side`,
`--tag` and `--highlight` cut and mark the same claims. There is no legend
and no tooltip: Mermaid in Markdown renders neither reliably.

Mermaid node ids are made from the map's ids (`c_` + the id, with every
character but ASCII letters and digits spelled out), so they never clash
with Mermaid's keywords (`end`) or with each other, and a claim keeps its
node id when the map around it changes. Text goes in quoted labels, with the
characters Mermaid reads inside them written as its entity codes (`#quot;`,
`#35;`, ...). The output is deterministic: document order, no counters
except link numbers, which `linkStyle` needs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from argmap.analysis.focus import View, view
from argmap.io.json_text import dump_json
from argmap.model import ArgumentMap, Claim, Label, RelationType
from argmap.render.dot import (
    IMPLICIT_WORD,
    drawable,
    plan,
    shown_text,
    side_styles,
    with_alpha,
)
from argmap.render.options import Direction, RenderOptions
from argmap.render.themes import SideStyle, Theme

__all__ = ["MermaidRenderer", "mermaid_id", "mermaid_text"]

_UNSAFE = re.compile(r"[^A-Za-z0-9]")
# Characters Mermaid (or the HTML it makes) reads inside a quoted label, as
# its entity codes: `#name;` or `#decimal;`. `#` first, so the codes are not
# escaped again.
_ENTITIES = (
    ("#", "#35;"),
    # `%%` starts a directive (`%%{init: ...}%%`) wherever Mermaid sees it.
    ("%", "#37;"),
    ('"', "#quot;"),
    ("&", "#amp;"),
    ("<", "#lt;"),
    (">", "#gt;"),
    ("`", "#96;"),
)
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
# Dashes of a line style (edges) or a side's border line; others are solid.
_DASHES = {"dashed": "6 4", "dotted": "2 3"}
# A Mermaid link per (relation type, into a joint): into a joint has no head.
_LINKS = {
    (RelationType.SUPPORT, False): "-->",
    (RelationType.ATTACK, False): "--x",
    (RelationType.UNDERCUT, False): "-.-x",
    (RelationType.SUPPORT, True): "---",
    (RelationType.ATTACK, True): "---",
    (RelationType.UNDERCUT, True): "-.-",
}

_LABELS = frozenset(label.value for label in Label)


def mermaid_id(prefix: str, name: str) -> str:
    """A Mermaid node id for a map name: `prefix` + the name with `_` doubled
    and every other character but ASCII letters and digits as `_<hex>_`."""
    return prefix + _UNSAFE.sub(lambda m: "__" if m.group() == "_" else f"_{ord(m.group()):x}_", name)


def mermaid_text(text: str) -> str:
    """User text for inside `["..."]`: its line breaks as <br/>, quotes, `#`,
    `&`, `<`, `>` and backticks as entity codes, control characters dropped.
    Mermaid wraps the lines itself (at `wrappingWidth`, which the front
    matter sets from the theme's `wrap`): breaks of ours would come on top
    of its own."""
    lines = _NOT_TEXT.sub("", text).splitlines() or [""]
    escaped = []
    for line in lines:
        for char, code in _ENTITIES:
            if char in line:
                line = line.replace(char, code)
        escaped.append(line)
    return "<br/>".join(escaped)


def _css(pairs: Iterable[tuple[str, str]]) -> str:
    return ",".join(f"{name}:{value}" for name, value in pairs if value)


def _px(value: float) -> str:
    return f"{value:g}px"


def _points_px(points: float) -> str:
    """Type size in points as whole CSS pixels."""
    return f"{round(points * 4 / 3)}px"


def _joint_id(joint: str) -> str:
    # Joint names are "joint/<relation>" or "linked/<target>/<group>".
    if joint.startswith("joint/"):
        return mermaid_id("j_", joint.removeprefix("joint/"))
    return mermaid_id("g_", joint.removeprefix("linked/"))


class MermaidRenderer:
    name = "mermaid"

    def render(self, amap: ArgumentMap, options: RenderOptions, /) -> str:
        shown = view(amap, options.root, options.depth, options.side, options.tag, options.highlight)
        return _Writer(shown, options).text()


class _Writer:
    def __init__(self, shown: View, options: RenderOptions) -> None:
        self.shown = shown
        self.options = options
        self.theme: Theme = options.theme
        self.lines: list[str] = []
        self.links = 0
        # CSS of a link -> numbers of the links drawn so.
        self.link_styles: dict[str, list[int]] = {}
        self.status_words = {mark: style.word for mark, style in self.theme.statuses}

    def link(self, tail: str, arrow: str, head: str, css: str) -> None:
        self.lines.append(f"    {tail} {arrow} {head}")
        self.link_styles.setdefault(css, []).append(self.links)
        self.links += 1

    def text(self) -> str:
        amap, theme, options = self.shown.map, self.theme, self.options
        claims, drawn = drawable(amap)
        joints = plan(drawn)
        styles = side_styles(amap, theme)
        short = theme.short_labels if options.short_labels is None else options.short_labels
        lit = self.shown.highlighted
        status = options.status

        out = self.lines
        side_names = {s.id: s.name or s.id for s in amap.sides.values()}
        by_class: dict[str, list[str]] = {}  # class -> node ids, for `class` lines
        for claim in claims.values():
            node = mermaid_id("c_", claim.id)
            label = self._label(claim, short, side_names, status.get(claim.id))
            out.append(f'    {node}("{label}"):::{self._claim_class(claim, styles)}')
            if claim.implicit:  # an implicit premise: a dashed border, as in DOT
                by_class.setdefault("implicit", []).append(node)
            mark = status.get(claim.id)
            if mark in _LABELS:
                by_class.setdefault(f"status_{mark}", []).append(node)
            if lit is not None:
                by_class.setdefault("lit" if claim.id in lit else "faded", []).append(node)
        lit_joints = joints.lit(drawn, lit)
        for joint_node, type_ in joints.joints.items():
            out.append(f'    {_joint_id(joint_node)}((" ")):::joint_{type_.value}')
            if lit is not None and joint_node not in lit_joints:
                by_class.setdefault("faded", []).append(_joint_id(joint_node))
        for stub in self.shown.stubs:
            more = mermaid_text(f"+{stub.hidden} more")
            out.append(f'    {mermaid_id("m_", stub.claim)}["{more}"]:::more')
            if lit is not None and stub.claim not in lit:
                by_class.setdefault("faded", []).append(mermaid_id("m_", stub.claim))

        finished: set[str] = set()
        for relation in drawn:
            tail = mermaid_id("c_", relation.source)
            joint = joints.joint_of.get(relation.id)
            end = joints.head[relation.id]
            head_id = _joint_id(end) if relation.type is RelationType.UNDERCUT else mermaid_id("c_", end)
            faded = lit is not None and relation.source not in lit
            idle = status.get(relation.source) == "out"
            if joint is None:
                self.link(
                    tail, _LINKS[relation.type, False], head_id, self._link_css(relation.type, faded, idle)
                )
                continue
            joint_id = _joint_id(joint)
            self.link(tail, _LINKS[relation.type, True], joint_id, self._link_css(relation.type, faded, idle))
            if joint not in finished:
                finished.add(joint)
                faded = lit is not None and joint not in lit_joints
                idle = status.get(relation.id) == "out" or idle
                self.link(
                    joint_id,
                    _LINKS[relation.type, False],
                    head_id,
                    self._link_css(relation.type, faded, idle),
                )
        for stub in self.shown.stubs:
            more_css = _css(
                (("stroke", theme.stub_colour), ("stroke-width", "1px"), ("stroke-dasharray", "4 3"))
            )
            self.link(mermaid_id("m_", stub.claim), "-.-", mermaid_id("c_", stub.claim), more_css)

        for name, nodes in by_class.items():
            out.append(f"    class {','.join(nodes)} {name}")
        for css, numbers in self.link_styles.items():
            out.append(f"    linkStyle {','.join(map(str, numbers))} {css}")
        # Only the classes used, defined before the nodes that use them.
        used = {line.rsplit(":::", 1)[1] for line in out if ":::" in line} | set(by_class)
        wrap = theme.wrap if options.wrap is None else options.wrap
        top = [*self._header(amap.title, wrap), f"flowchart {Direction(options.direction).value}"]
        top += [f"    classDef {name} {css}" for name, css in self._class_defs(styles) if name in used]
        return "\n".join(top + out) + "\n"

    def _header(self, title: str | None, wrap: int) -> list[str]:
        """Front matter: the title, and Mermaid's base theme set to ours, so
        the page's own Mermaid theme does not recolour the text; lines about
        `wrap` characters long (an average character is about half as wide
        as the type is high)."""
        theme = self.theme
        variables = {
            "background": theme.background,
            "fontSize": _points_px(theme.font_size),
            "primaryColor": theme.claim_fill,
            "primaryBorderColor": theme.claim_border,
            "primaryTextColor": theme.text or "#000000",
            "lineColor": theme.claim_border,
        }
        head = ["---"]
        if title:
            # Mermaid escapes a title's `&` twice (it shows "&amp;"): a
            # full-width ampersand reads the same.
            title = _NOT_TEXT.sub("", title).replace("&", "\uff06")
            head.append(f"title: {dump_json(title)}")
        font = json.dumps(theme.font.replace(",", ", "))
        head += ["config:", "  theme: base", f"  fontFamily: {font}"]
        if wrap > 0:
            width = round(wrap * theme.font_size * 4 / 3 * 0.55)
            head += ["  flowchart:", f"    wrappingWidth: {width}"]
        head.append("  themeVariables:")
        head += [f"    {key}: {json.dumps(value)}" for key, value in variables.items()]
        head.append("---")
        return head

    def _label(self, claim: Claim, short: bool, side_names: dict[str, str], mark: str | None) -> str:
        theme = self.theme
        text = mermaid_text(shown_text(claim, short, theme.max_words))
        parts = [side_names.get(claim.by, claim.by)] if claim.by and theme.side_names else []
        if theme.show_ids:
            parts.append(claim.id)
        if claim.implicit:
            parts.append(IMPLICIT_WORD)
        if mark is not None:
            parts.append(self.status_words.get(mark, f"strength {mark}"))
        if not parts:
            return text
        return f"{text}<br/><small>{mermaid_text(' · '.join(parts))}</small>"

    def _claim_class(self, claim: Claim, styles: dict[str, SideStyle]) -> str:
        if claim.by is not None and claim.by in styles:
            return mermaid_id("side_", claim.by)
        return "claim"

    def _class_defs(self, styles: dict[str, SideStyle]) -> list[tuple[str, str]]:
        theme = self.theme
        text_colour = theme.text or "#000000"
        defs = [
            (
                "claim",
                _css(
                    (
                        ("fill", theme.claim_fill),
                        ("stroke", theme.claim_border),
                        ("color", text_colour),
                        ("stroke-width", _px(theme.claim_width)),
                    )
                ),
            ),
        ]
        for side_id, style in styles.items():
            width = theme.side_width * (2 if style.line == "bold" else 1) + (
                1 if style.line == "double" else 0
            )
            defs.append(
                (
                    mermaid_id("side_", side_id),
                    _css(
                        (
                            ("fill", style.fill),
                            ("stroke", style.border),
                            ("color", text_colour),
                            ("stroke-width", _px(width)),
                            ("stroke-dasharray", _DASHES.get(style.line, "")),
                        )
                    ),
                )
            )
        defs.append(("implicit", _css((("stroke-dasharray", _DASHES["dashed"]),))))
        for type_, look in theme.edges():
            defs.append((f"joint_{type_.value}", _css((("fill", look.colour), ("stroke", look.colour)))))
        defs.append(
            (
                "more",
                _css(
                    (
                        ("fill", theme.claim_fill),
                        ("stroke", theme.stub_colour),
                        ("color", theme.stub_colour),
                        ("stroke-dasharray", "4 3"),
                        ("font-size", _points_px(theme.id_size + 1)),
                    )
                ),
            )
        )
        for mark, status in theme.statuses:
            attrs = dict(status.attrs)
            css = (
                ("stroke", attrs.get("color", "")),
                ("fill", attrs.get("fillcolor", "")),
                ("color", attrs.get("fontcolor", "")),
                ("stroke-width", _px(float(attrs["penwidth"])) if "penwidth" in attrs else ""),
                ("stroke-dasharray", "6 4" if "dashed" in attrs.get("style", "") else ""),
            )
            defs.append((f"status_{mark}", _css(css)))
        defs.append(("lit", _css((("stroke-width", _px(theme.highlight_width)),))))
        defs.append(("faded", "opacity:0.35"))
        return [(name, css) for name, css in defs if css]

    def _link_css(self, type_: RelationType, faded: bool, idle: bool) -> str:
        look = self.theme.edge(type_)
        colour = look.colour
        if faded:
            colour = with_alpha(colour, self.theme.fade_alpha)
        elif idle:
            colour = with_alpha(colour, "40")
        width = self.theme.edge_width * (2 if look.style == "bold" else 1)
        if self.shown.highlighted is not None and not faded:
            width *= 2
        return _css(
            (
                ("stroke", colour),
                ("stroke-width", _px(width)),
                ("stroke-dasharray", _DASHES.get(look.style, "")),
            )
        )
