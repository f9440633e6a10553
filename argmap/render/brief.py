"""A debate brief (argmap.analysis.prep.Brief) as text, Markdown, HTML or JSON.

The brief is first laid out once as plain data (sections of groups of
blocks of entries: argmap/render/brief_layout.py); each format then only
decides how that looks, so the four say the same things in the same
order. Every string is returned whole; the CLI prints or writes it.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path

from argmap.analysis.prep import Brief
from argmap.errors import UsageError
from argmap.io.json_text import dump_json
from argmap.io.suffixes import by_suffix
from argmap.render.brief_layout import Block, BriefOptions, Entry, Part, Span, layout

__all__ = ["BRIEF_FORMATS", "BriefOptions", "Part", "brief_format_for", "render_brief"]

WIDTH = 100  # the terminal text, fixed so a pipe and a terminal agree


# -- text ----------------------------------------------------------------------


def _plain(spans: Iterable[Span]) -> str:
    return "".join(s.text for s in spans)


def _cut(text: str, room: int) -> str:
    return text if len(text) <= room else text[: max(room - 1, 1)].rstrip() + "…"


def _wrap(text: str, indent: int, hang: int | None = None) -> list[str]:
    """Lines of at most WIDTH, the first indented by `indent`, the rest by
    `hang` (default: the same)."""
    if len(text) <= WIDTH - indent:  # most lines fit: textwrap is the slow part
        return [" " * indent + text]
    return textwrap.wrap(
        text,
        WIDTH,  # counts the indent too
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent if hang is None else hang),
        break_on_hyphens=False,
    ) or [""]


def _unbroken(text: str) -> str:
    return text.replace(" ", "\xa0")


def _text_entry(entry: Entry, indent: int, label: str) -> list[str]:
    lead = f"{label}{entry.marker} " if entry.marker else label
    head = lead + _plain(entry.head)
    if entry.meta:
        # No break inside a short piece ("force 0.50"): textwrap keeps no-break spaces.
        head += "  · " + " · ".join(_unbroken(s.text) if len(s.text) <= 16 else s.text for s in entry.meta)
    body = indent + len(label) + 2  # a hanging indent under the head
    lines = [line.replace("\xa0", " ") for line in _wrap(head, indent, body)]
    if entry.text is not None:
        text = f"“{entry.text}”" if entry.quote else entry.text
        lines += _wrap(text, body) if entry.whole else [" " * body + _cut(text, WIDTH - body)]
    lines += [" " * body + _cut(_plain(note), WIDTH - body) for note in entry.notes]
    if entry.children_title:
        lines.append(" " * body + entry.children_title + (":" if entry.children else ""))
    for child in entry.children:
        lines += _text_entry(child, body + 2, "")
    return lines


def _text_block(block: Block, indent: int) -> list[str]:
    lines = [" " * indent + block.title] if block.title else []
    inner = indent + 2 if block.title else indent
    if not block.entries:
        return [*lines, " " * inner + block.empty]
    width = len(str(len(block.entries)))
    for number, entry in enumerate(block.entries, 1):
        label = f"{number:>{width}}. " if block.numbered else ""
        lines += _text_entry(entry, inner, label)
    return lines


def render_text(brief: Brief, options: BriefOptions) -> str:
    page = layout(brief, options)
    lines = [page.title, "=" * min(len(page.title), WIDTH)]
    for line in page.lines:
        lines += _wrap(line, 0)
    for section in page.sections:
        lines += ["", section.title, "-" * min(len(section.title), WIDTH)]
        if section.note:
            lines += _wrap(section.note, 0)
        for group in section.groups:
            indent = 0
            if group.lead is not None:
                lines += ["", *_text_entry(group.lead, 0, "")]
                indent = 2
            for block in group.blocks:
                lines += _text_block(block, indent)
    return "\n".join(lines) + "\n"


# -- Markdown ------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LINE_START = re.compile(r"^([-+#>=]|\d+[.)])")


def _md(text: str) -> str:
    """User text as literal Markdown inside a line: what could start inline
    markup is escaped."""
    return _MD_INLINE.sub(r"\\\1", text)


def _md_para(text: str) -> str:
    """User text that starts a line: also what would make it a list,
    heading or quote."""
    return _MD_LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], _md(text))


def _md_spans(spans: Iterable[Span]) -> str:
    def one(span: Span) -> str:
        if span.kind == "id":
            return f"**{_md(span.text)}**"
        return f"*{_md(span.text)}*" if span.kind else _md(span.text)

    return "".join(one(s) for s in spans)


def _md_meta(meta: Iterable[Span]) -> str:
    return " · ".join(_md_spans([s]) for s in meta)


def _md_entry(entry: Entry, indent: str, bullet: str) -> list[str]:
    """One list item: its head, then its text, notes and replies as
    paragraphs and a nested list inside it."""
    head = (_md_para(entry.marker) + " " if entry.marker else "") + _md_spans(entry.head)
    if entry.meta:
        head += " · " + _md_meta(entry.meta)
    inner = indent + " " * len(bullet)
    lines = [f"{indent}{bullet}{head}", ""]
    if entry.text is not None:
        lines += [f"{inner}> {_md_para(entry.text)}" if entry.quote else f"{inner}{_md_para(entry.text)}", ""]
    lines += [f"{inner}{_md_spans(note)}" for note in entry.notes]
    if entry.notes:
        lines.append("")
    if entry.children_title:
        lines += [f"{inner}{_md(entry.children_title)}{':' if entry.children else ''}", ""]
    for child in entry.children:
        lines += _md_entry(child, inner, "- ")
    return lines


def _md_block(block: Block, level: int) -> list[str]:
    lines = [f"{'#' * level} {_md(block.title)}", ""] if block.title else []
    if not block.entries:
        return [*lines, _md_para(block.empty), ""]
    for number, entry in enumerate(block.entries, 1):
        lines += _md_entry(entry, "", f"{number}. " if block.numbered else "- ")
    return lines


def render_markdown(brief: Brief, options: BriefOptions) -> str:
    page = layout(brief, options)
    lines = [f"# {_md(page.title)}", "", f"`{page.lines[0]}`", ""]
    lines += [
        _md_para(line) + ("  " if n < len(page.lines) - 1 else "") for n, line in enumerate(page.lines[1:], 1)
    ]
    lines.append("")
    for section in page.sections:
        lines += [f"## {_md(section.title)}", ""]
        if section.note:
            lines += [f"*{_md(section.note)}*", ""]
        for group in section.groups:
            level = 3
            if group.lead is not None:
                lead = group.lead
                lines += [f"### {_md(_plain(lead.head))}", "", _md_meta(lead.meta), ""]
                if lead.text is not None:
                    lines += [_md_para(lead.text), ""]
                level = 4
            for block in group.blocks:
                lines += _md_block(block, level)
    text = "\n".join(lines)
    # One blank line between blocks, none at the end.
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"


# -- HTML ----------------------------------------------------------------------

_CSS = """
body { font: 15px/1.45 Georgia, 'Times New Roman', serif; color: #1b1b1b; margin: 2em auto; max-width: 46em; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #999; margin-top: 1.8em; }
h3 { font-size: 1.1em; margin: 1.2em 0 0.2em; }
h4 { font-size: 1em; margin: 0.8em 0 0.2em; }
.lead, .note { color: #444; }
.note { font-style: italic; }
ol, ul { padding-left: 1.6em; }
li { margin: 0.35em 0; }
.id { font-family: Menlo, Consolas, monospace; font-size: 0.9em; font-weight: bold; }
.meta { color: #555; font-size: 0.9em; }
.mark { font-family: Menlo, Consolas, monospace; font-weight: bold; }
.in { color: #1a7f37; font-weight: bold; }
.out { color: #b42318; font-weight: bold; }
.undec { color: #8a6d00; font-weight: bold; }
.text { margin: 0.1em 0; }
blockquote { margin: 0.3em 0 0.3em 0.5em; padding-left: 0.8em; border-left: 3px solid #bbb; }
.card { border: 1px solid #bbb; border-radius: 4px; padding: 0.2em 1em 0.6em; margin: 1em 0; }
@media print {
  body { font-size: 11pt; margin: 0; max-width: none; color: #000; }
  h2 { break-after: avoid; }
  .card, li { break-inside: avoid; }
  .in, .out, .undec { color: #000; }
}
"""


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _html_spans(spans: Iterable[Span]) -> str:
    out = []
    for span in spans:
        if span.kind:
            out.append(f'<span class="{span.kind}">{_h(span.text)}</span>')
        else:
            out.append(_h(span.text))
    return "".join(out)


def _html_entry(entry: Entry) -> list[str]:
    head = (f'<span class="mark">{_h(entry.marker)}</span> ' if entry.marker else "") + _html_spans(
        entry.head
    )
    if entry.meta:
        head += ' <span class="meta">· ' + " · ".join(_html_spans([s]) for s in entry.meta) + "</span>"
    lines = [f"<li>{head}"]
    if entry.text is not None:
        lines.append(
            f"<blockquote>{_h(entry.text)}</blockquote>"
            if entry.quote
            else f'<p class="text">{_h(entry.text)}</p>'
        )
    lines += [f'<p class="note">{_html_spans(note)}</p>' for note in entry.notes]
    if entry.children_title:
        lines.append(f'<p class="meta">{_h(entry.children_title)}</p>')
    if entry.children:
        lines.append("<ul>")
        for child in entry.children:
            lines += _html_entry(child)
        lines.append("</ul>")
    lines.append("</li>")
    return lines


def _html_block(block: Block, level: int) -> list[str]:
    lines = [f"<h{level}>{_h(block.title)}</h{level}>"] if block.title else []
    if not block.entries:
        return [*lines, f"<p>{_h(block.empty)}</p>"]
    tag = "ol" if block.numbered else "ul"
    lines.append(f"<{tag}>")
    for entry in block.entries:
        lines += _html_entry(entry)
    return [*lines, f"</{tag}>"]


def render_html(brief: Brief, options: BriefOptions) -> str:
    page = layout(brief, options)
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(page.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_h(page.title)}</h1>",
        *(f'<p class="lead">{_h(line)}</p>' for line in page.lines),
    ]
    for section in page.sections:
        lines += [f'<section id="{section.part.value}">', f"<h2>{_h(section.title)}</h2>"]
        if section.note:
            lines.append(f'<p class="note">{_h(section.note)}</p>')
        for group in section.groups:
            level = 3
            if group.lead is not None:
                lead = group.lead
                card = section.part is Part.CARDS
                lines.append('<div class="card">' if card else "<div>")
                lines.append(f"<h3>{_html_spans(lead.head)}</h3>")
                lines.append('<p class="meta">' + " · ".join(_html_spans([s]) for s in lead.meta) + "</p>")
                if lead.text is not None:
                    lines.append(f'<p class="text">{_h(lead.text)}</p>')
                level = 4
            for block in group.blocks:
                lines += _html_block(block, level)
            if group.lead is not None:
                lines.append("</div>")
        lines.append("</section>")
    lines += ["</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


# -- JSON and the registry -------------------------------------------------------


def render_json(brief: Brief, options: BriefOptions) -> str:
    """The whole brief as data (every part, whatever `options` says)."""
    return dump_json(brief.to_json(), indent=2) + "\n"


BRIEF_FORMATS: dict[str, Callable[[Brief, BriefOptions], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "html": render_html,
    "json": render_json,
}

SUFFIXES = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}


def brief_format_for(output: Path | None, named: str | None) -> str:
    """The format to write: named by --format, or from the suffix of -o
    (text when neither). Raises UsageError for an unknown suffix or a
    mismatch."""
    if output is None:
        return named or "text"
    from_suffix = next(iter(by_suffix(output, SUFFIXES.items())), None)
    if from_suffix is None:
        known = ", ".join(SUFFIXES)
        raise UsageError(f"{output}: cannot tell the format from the suffix {output.suffix!r} (use {known})")
    if named is not None and named != from_suffix:
        raise UsageError(f"--format {named} does not match the suffix of {output}")
    return from_suffix


_ALL_PARTS = BriefOptions()


def render_brief(brief: Brief, name: str, options: BriefOptions = _ALL_PARTS) -> str:
    return BRIEF_FORMATS[name](brief, options)
