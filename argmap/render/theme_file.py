"""`render --theme FILE.yaml`: a built-in theme with some of its colours,
fonts, sizes and line styles replaced. docs/themes.md lists the keys:

    base: dark                  # light (default), dark, print or talk
    font: "Fira Sans, Noto Sans CJK SC"
    font_size: 13
    background: "#101418"       # colours: "#rgb", "#rrggbb" or "#rrggbbaa", quoted
    attack: {colour: "#ff7043", style: dashed, arrowhead: tee}
    sides:
      - {border: "#4fc3f7", fill: "#102a3a"}
      - {border: "#ffb74d", fill: "#3a2a10", line: dashed}

Every problem is one error naming the file, line and column: an unknown key
(with "did you mean"), a value of the wrong type, a colour that is not a
hex colour, a number out of range, an unknown line style or arrowhead.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.errors import InputError, UsageError
from argmap.render.themes import THEMES, EdgeStyle, SideStyle, Theme

if TYPE_CHECKING:
    from argmap.yaml.located import Located

__all__ = ["COLOUR_KEYS", "EDGE_KEYS", "NUMBER_KEYS", "load_theme", "resolve_theme"]

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
# Graphviz arrow shapes: up to four of (o: open, l/r: half) + a primitive.
_ARROW = re.compile(r"^(?:o?[lr]?(?:box|crow|curve|icurve|diamond|dot|inv|none|normal|tee|vee)){1,4}$")
EDGE_STYLES = ("solid", "dashed", "dotted", "bold")
SIDE_LINES = ("solid", "bold", "dashed", "dotted", "double")

COLOUR_KEYS = (
    "background",
    "text",
    "id_colour",
    "claim_border",
    "claim_fill",
    "legend_border",
    "legend_text",
    "stub_colour",
)
# key -> (least, greatest)
NUMBER_KEYS: dict[str, tuple[float, float]] = {
    "font_size": (4, 144),
    "title_size": (4, 144),
    "id_size": (4, 144),
    "legend_size": (4, 144),
    "claim_width": (0, 20),
    "side_width": (0, 20),
    "edge_width": (0.1, 20),
    "arrow_size": (0.1, 5),
    "highlight_width": (0.1, 30),
}
FLAG_KEYS = ("short_labels", "show_ids", "side_names")
EDGE_KEYS = ("support", "attack", "undercut")
_KEYS = ("base", "font", *COLOUR_KEYS, *NUMBER_KEYS, *FLAG_KEYS, "wrap", "max_words", *EDGE_KEYS, "sides")


def resolve_theme(name: str) -> Theme:
    """A built-in theme by name, or a theme file (a path ending .yaml/.yml)."""
    theme = THEMES.get(name)
    if theme is not None:
        return theme
    if name.lower().endswith((".yaml", ".yml")):
        return load_theme(Path(name))
    raise UsageError(f"--theme: no theme '{name}'; choose {', '.join(THEMES)} or name a .yaml theme file")


def load_theme(path: Path) -> Theme:
    """The theme a YAML file describes. Raises InputError (one line, with
    file:line:col) for anything it cannot use."""
    # Imported here: it imports PyYAML, which a built-in theme (every
    # render without --theme FILE) does not need, and maps read on the
    # fast path do not load (about 25 ms of a DOT render's start).
    from argmap.yaml.located import load_located

    root = load_located(path, "theme")
    entries = _mapping(root, "the theme", _KEYS)
    base = THEMES["light"]
    if "base" in entries:
        node = entries["base"]
        name = _text(node, "base")
        if name not in THEMES:
            raise InputError(
                f"base: no theme '{name}'; choose {', '.join(THEMES)}{_hint(name, tuple(THEMES))}", node.span
            )
        base = THEMES[name]
    changes: dict[str, Any] = {"name": path.stem}
    for key, node in entries.items():
        if key == "font":
            changes[key] = _font(node)
        elif key in COLOUR_KEYS:
            changes[key] = _colour(node, key)
        elif key in NUMBER_KEYS:
            changes[key] = _number(node, key, *NUMBER_KEYS[key])
        elif key in FLAG_KEYS:
            changes[key] = _flag(node, key)
        elif key == "wrap":
            changes[key] = int(_number(node, key, 0, 500, whole=True))
        elif key == "max_words":
            changes[key] = None if node.kind == "null" else int(_number(node, key, 1, 500, whole=True))
        elif key in EDGE_KEYS:
            changes[key] = _edge(node, key, getattr(base, key))
        elif key == "sides":
            changes[key] = _sides(node)
    return dataclasses.replace(base, **changes)


def _edge(node: Located, key: str, base: EdgeStyle) -> EdgeStyle:
    entries = _mapping(node, key, ("colour", "style", "arrowhead", "legend"))
    changes: dict[str, str] = {}
    if "colour" in entries:
        changes["colour"] = _colour(entries["colour"], f"{key}: colour")
    if "style" in entries:
        changes["style"] = _choice(entries["style"], f"{key}: style", EDGE_STYLES)
    if "arrowhead" in entries:
        arrow = _text(entries["arrowhead"], f"{key}: arrowhead")
        if _ARROW.match(arrow) is None:
            raise InputError(
                f"{key}: arrowhead '{arrow}' is not a Graphviz arrow shape (normal, tee, vee, dot, odot, "
                "diamond, box, inv, none, ... or up to four of them, like 'teeodot')",
                entries["arrowhead"].span,
            )
        changes["arrowhead"] = arrow
    if "legend" in entries:
        changes["legend"] = _text(entries["legend"], f"{key}: legend")
    return EdgeStyle(
        changes.get("colour", base.colour),
        changes.get("style", base.style),
        changes.get("arrowhead", base.arrowhead),
        changes.get("legend", base.legend),
        base.heavier,
    )


def _sides(node: Located) -> tuple[SideStyle, ...]:
    if node.kind != "seq" or not isinstance(node.value, list):
        raise InputError(f"sides must be a list of {{border, fill, line}}, not {_kind(node)}", node.span)
    if not node.value:
        raise InputError("sides: the list is empty; give one or more {border, fill}", node.span)
    styles: list[SideStyle] = []
    for item in node.value:
        entries = _mapping(item, "a side", ("border", "fill", "line"))
        missing = [k for k in ("border", "fill") if k not in entries]
        if missing:
            raise InputError(f"a side needs {' and '.join(missing)}", item.span)
        line = _choice(entries["line"], "line", SIDE_LINES) if "line" in entries else "solid"
        styles.append(SideStyle(_colour(entries["border"], "border"), _colour(entries["fill"], "fill"), line))
    return tuple(styles)


# -- typed values -------------------------------------------------------------


def _kind(node: Located) -> str:
    return {"map": "a mapping", "seq": "a list", "null": "empty", "str": "text"}.get(
        node.kind, f"a {node.kind}"
    )


def _hint(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _mapping(node: Located, what: str, allowed: tuple[str, ...]) -> dict[str, Located]:
    if node.kind != "map" or not isinstance(node.value, dict):
        raise InputError(f"{what} must be a mapping, not {_kind(node)}", node.span)
    entries: dict[str, Located] = {}
    for key, (key_span, value) in node.value.items():
        if key not in allowed:
            raise InputError(f"unknown key '{key}' in {what}{_hint(key, allowed)}", key_span)
        entries[key] = value
    return entries


def _text(node: Located, what: str) -> str:
    if not isinstance(node.value, str) or node.kind == "null" or not node.value.strip():
        raise InputError(f"{what} must be text, not {_kind(node)}", node.span)
    return node.value


# Font family names, comma-separated, as Graphviz, SVG and CSS take them: a
# name has a letter, and nothing that could end the attribute or rule it is
# written into (quotes, <, >, ;, braces).
_FONT = re.compile(r"[^\W\d_][\w .-]*(?:\s*,\s*[^\W\d_][\w .-]*)*")


def _font(node: Located) -> str:
    value = _text(node, "font").strip()
    if node.kind != "str" or not _FONT.fullmatch(value):  # `font: 12` is no name either
        raise InputError(
            f"font: '{value}' is no list of font names; write names such as \"DejaVu Sans, sans-serif\"",
            node.span,
        )
    return value


def _choice(node: Located, what: str, choices: tuple[str, ...]) -> str:
    value = _text(node, what)
    if value not in choices:
        raise InputError(
            f"{what} must be one of {', '.join(choices)}, not '{value}'{_hint(value, choices)}", node.span
        )
    return value


def _colour(node: Located, what: str) -> str:
    if node.kind == "null":
        # `fill: #336699` unquoted: YAML reads a comment, and nothing.
        raise InputError(
            f'{what} is empty; write a colour in quotes, like "#336699" (YAML reads # as a comment)',
            node.span,
        )
    value = node.value if isinstance(node.value, str) else ""
    if _HEX.match(value) is None:
        raise InputError(
            f'{what}: \'{value}\' is not a colour; write "#rgb", "#rrggbb" or "#rrggbbaa"', node.span
        )
    digits = value[1:].lower()
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return "#" + digits


def _number(node: Located, what: str, least: float, greatest: float, *, whole: bool = False) -> float:
    kinds = ("int",) if whole else ("int", "float")
    value: float | None = None
    if node.kind in kinds and isinstance(node.value, str):
        try:
            value = float(node.value.replace("_", ""))
        except ValueError:
            value = None
    if value is None or not least <= value <= greatest:
        kind = "a whole number" if whole else "a number"
        shown = node.value if node.kind in ("str", "int", "float", "bool") else _kind(node)
        raise InputError(f"{what} must be {kind} from {least:g} to {greatest:g}, not {shown}", node.span)
    return value


def _flag(node: Located, what: str) -> bool:
    if node.kind != "bool" or not isinstance(node.value, str):
        raise InputError(f"{what} must be true or false, not {_kind(node)}", node.span)
    return node.value.lower() in ("true", "yes", "on", "y")
