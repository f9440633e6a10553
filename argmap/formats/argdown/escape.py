"""Text and data as Argdown reads them back unchanged: backslashes where a
character would start Argdown syntax, and `{...}` data as JSON that both
YAML readers (PyYAML and Argdown's js-yaml) take the same way."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from argmap.formats.argdown.model import SHORTCODES

# Characters escaped wherever they are: they start Argdown syntax.
_ALWAYS_ESCAPED = frozenset("\\[<{#*_")
_SPECIAL_AT = re.compile(r"(?:\.[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+?\.[ \t]?)"
                         r"|(?::[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+?:[ \t]?)")  # fmt: skip
# Texts without these (nor a `.x.` shortcode) need no backslash: no syntax
# characters, and no spaces Argdown would skip (leading, trailing, doubled,
# or tabs).
_NEEDS_ESCAPING = re.compile(r"[\\\[<{#*_/=\t]|^ | $|  ")
_PLAIN_CONTROL = frozenset(",;)]>-(@}/")  # control characters that stay literal where they are
# Characters escape_text looks at; any other is plain text.
_SYNTAX = _ALWAYS_ESCAPED | _PLAIN_CONTROL | frozenset(" \t.:/=")


def escape_text(text: str, tail: str = "") -> str:
    """A one-line text as Argdown reads it back unchanged (line breaks must
    be gone already): characters that start Argdown syntax get a backslash,
    and so do spaces Argdown would skip. `tail` is what follows the text on
    its line (a `{...}` data block), which a `.x.` shortcode must not reach."""
    line = text + tail
    if not _NEEDS_ESCAPING.search(text) and not _SPECIAL_AT.search(line):
        return text
    out: list[str] = []
    # What the lexer is in: "plain" text (spaces are kept), after an
    # escape (spaces kept, tabs skipped), after a control character (one
    # space or tab kept), or where spaces are skipped ("skip").
    state = "skip"
    i = 0
    while i < len(text):
        char = text[i]
        if char not in _SYNTAX:
            # Most characters: written as they are (no call, for speed).
            written, state, length = char, "plain", 1
        elif char in " \t":
            written, state, length = _space(char, state)
        elif char in ".:":
            written, state, length = _dot_or_colon(text, line, i)
        else:
            written, state, length = _other_char(text, i)
        out.append(written)
        i += length
    return "".join(out)


# One step of escape_text: what to write, the lexer's state after it, and
# how many characters of the text it covers.
_Step = tuple[str, str, int]


def _space(char: str, state: str) -> _Step:
    if state == "plain" or (state == "escape" and char == " "):
        return char, state, 1
    if state == "control":
        return char, "skip", 1
    return "\\" + char, "escape", 1


def _dot_or_colon(text: str, line: str, i: int) -> _Step:
    """A '.' or ':', which may start a shortcode like `.x.` (kept when it is
    none of Argdown's and holds no syntax)."""
    char = text[i]
    special = _SPECIAL_AT.match(line, i)
    if special is None:
        return char, "control", 1
    if special.end() > len(text):
        # It would run into the data block: a plain '.' or ':'.
        return "\\" + char, "escape", 1
    body = special.group()
    if body.strip() not in SHORTCODES and not any(c in _ALWAYS_ESCAPED or c in "/=" for c in body):
        return body, "skip" if body[-1] in " \t" else "control", len(body)
    return "\\" + char, "escape", 1


def _other_char(text: str, i: int) -> _Step:
    char = text[i]
    if (
        char in _ALWAYS_ESCAPED
        or (char == "/" and text[i + 1 : i + 2] == "/")
        or (char == "=" and text[i + 1 : i + 3] == "==")
    ):
        return "\\" + char, "escape", 1
    if char in _PLAIN_CONTROL:
        return char, "control", 1
    return char, "plain", 1


# Characters a YAML string inside Argdown must not hold raw: braces would end
# a `{...}` block, "]:" after `[id] ` would make it a definition, '=' could
# start front matter, the rest are not printable for YAML or end a line for
# JavaScript.
_YAML_UNSAFE = re.compile("[{}\\[\\]=\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def yaml_flow(value: Any) -> str:
    """JSON, which YAML reads too, safe inside Argdown's `{...}` and front
    matter."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{yaml_flow(str(k))}: {yaml_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(yaml_flow(v) for v in value) + "]"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, float):
        return _yaml_float(value)
    if isinstance(value, int):
        return str(value)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(str(value), ensure_ascii=False))


def _yaml_float(value: float) -> str:
    """A float both YAML 1.1 (PyYAML) and 1.2 (js-yaml) read as one: with a
    dot, and a signed exponent."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value}")
    text = repr(value)
    mantissa, _, exponent = text.partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    if exponent and exponent[0] not in "+-":
        exponent = "+" + exponent
    return mantissa + ("e" + exponent if exponent else "")
