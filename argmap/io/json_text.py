"""Strict JSON for every JSON reader: syntax errors at their line and column,
and the inputs the standard library takes badly refused in one line each: a
number too long for Python's int conversion, a lone surrogate (not a
character, so no writer could write it), nesting deeper than the parser's
recursion."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from argmap.errors import InputError
from argmap.model import SourceSpan

# Python refuses to convert integers of more than 4,300 digits (CVE-2020-10735);
# no map needs a number a hundredth of that long.
MAX_NUMBER_DIGITS = 1000

# A \uD800-\uDBFF escape not followed by a \uDC00-\uDFFF one, or the reverse;
# the backslash before `u` must not itself be escaped.
_LONE_SURROGATE = re.compile(
    r"(?<!\\)(?:\\\\)*\\u(?:d[89ab][0-9a-f]{2}(?!\\ud[c-f][0-9a-f]{2})"
    r"|d[c-f][0-9a-f]{2})",
    re.IGNORECASE,
)
_PAIRED_LOW = re.compile(r"\\ud[89ab][0-9a-f]{2}\Z", re.IGNORECASE)


class _NumberTooLongError(ValueError):
    pass


def _bounded_int(digits: str) -> int:
    if len(digits) > MAX_NUMBER_DIGITS:
        raise _NumberTooLongError(digits)
    return int(digits)


def _bounded_float(digits: str) -> float:
    if len(digits) > MAX_NUMBER_DIGITS:
        raise _NumberTooLongError(digits)
    return float(digits)


def _span_at(text: str, file: str, offset: int) -> SourceSpan:
    line = text.count("\n", 0, offset) + 1
    return SourceSpan(file, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _lone_surrogate(text: str) -> int | None:
    """The offset of the first lone surrogate escape, if any."""
    if "\\u" not in text and "\\U" not in text:
        return None
    for match in _LONE_SURROGATE.finditer(text):
        escape_start = match.end() - 6
        # A low surrogate right after a high one is the pair's second half.
        is_low = text[escape_start + 3].lower() in "cdef"
        if is_low and _PAIRED_LOW.search(text, 0, escape_start):
            continue
        return escape_start
    return None


def parse_json(text: str, file: str, what: str) -> Any:
    """Strict JSON, or an InputError saying where and what is wrong."""
    if not text.strip():
        raise InputError(f"{file}: empty file, no {what} in it")
    try:
        value = json.loads(text, parse_int=_bounded_int, parse_float=_bounded_float)
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON syntax: {exc.msg}", SourceSpan(file, exc.lineno, exc.colno)) from None
    except _NumberTooLongError:
        raise InputError(f"{file}: a number of more than {MAX_NUMBER_DIGITS} digits") from None
    except RecursionError:
        raise InputError(f"{file}: JSON nested too deeply") from None
    surrogate = _lone_surrogate(text)
    if surrogate is not None:
        raise InputError(
            f"a lone surrogate escape ({text[surrogate : surrogate + 6]}) is not a character",
            _span_at(text, file, surrogate),
        )
    return value


# What JSON may carry raw but YAML (which reads argmap's JSON, for positions)
# and terminals may not: DEL, C1 controls, U+2028/U+2029 (line breaks to
# YAML 1.1), lone surrogates, U+FFFE/U+FFFF. json.dumps already escapes C0.
_JSON_UNSAFE = re.compile("[\\x7f-\\x9f\\u2028\\u2029\\ud800-\\udfff\\ufffe\\uffff]")


def dump_json(value: Any, **options: Any) -> str:
    """json.dumps with Unicode kept, except the characters above as \\\\u
    escapes, so the text reads back through any reader and is safe to show."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def safe_json(text: str) -> str:
    """JSON text with the characters above written as \\u escapes (what
    `dump_json` does to each value, done once to a whole document)."""
    if _JSON_UNSAFE.search(text) is None:  # nearly always: no copy
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def compact_encoder() -> Callable[[Any], str]:
    """`json.dumps(value, ensure_ascii=False)` for many small values (a
    map's nodes, one a line): one encoder made once, not one a call, which
    was half the cost of writing 10,000 nodes. Its text still goes through
    `safe_json`. Python's C encoder when there is one, as json.dumps uses."""
    encoder = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython has the C encoder
        return encoder.encode
    chunks = make(
        None,  # no check for circular values: ours are trees
        encoder.default,
        json.encoder.encode_basestring,
        None,  # no indent
        encoder.key_separator,
        encoder.item_separator,
        False,  # sort_keys
        False,  # skipkeys
        True,  # allow_nan, as json.dumps
    )

    def encode(value: Any) -> str:
        return "".join(chunks(value, 0))

    return encode
