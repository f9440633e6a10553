"""Several PDF files as one, page after page: the slide build's `--frames-pdf`.

Graphviz draws one PDF per frame (through cairo); a presenter wants one file.
This joins them in pure Python, without a PDF library: it reads what cairo
writes (a classic cross-reference table, no object streams, no incremental
updates, every inheritable page attribute on the page itself) and refuses
anything else with a clear error. Each file's objects are copied byte for
byte with their numbers shifted; only the page tree is written anew. The
files' /Info dictionaries (cairo puts the time of drawing in them) are left
out, so the same frames always give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from argmap.errors import ArgmapError

__all__ = ["merge_pdfs"]

_HEADER = b"%PDF-1.5\n%\xb5\xed\xae\xfb\n"
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"(\d+) (\d+)\s*\r?\n")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_OBJ_HEAD = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")
_REF = re.compile(rb"\b(\d+)\s+(\d+)\s+R\b")
_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n)")
_TYPE = re.compile(rb"/Type\s*/(\w+)")
_KIDS = re.compile(rb"/Kids\s*\[([^\]]*)\]")
_INHERITABLE = re.compile(rb"/(Resources|MediaBox|CropBox|Rotate)\b")


class PdfError(ArgmapError):
    """A PDF this module cannot join (not one cairo wrote)."""


@dataclass(frozen=True, slots=True)
class _Object:
    head: bytes  # from after `N G obj` to the stream keyword (or endobj)
    tail: bytes  # the stream and `endobj`, copied as they are


def merge_pdfs(documents: Sequence[bytes]) -> bytes:
    """One PDF with every page of `documents`, in order."""
    if not documents:
        raise PdfError("no PDF pages to join")
    out: list[bytes] = [_HEADER]
    offsets: list[int] = []
    pages: list[int] = []
    size = len(_HEADER)
    next_number = 3  # 1: the catalogue, 2: the page tree

    def add(number: int, body: bytes) -> None:
        nonlocal size
        while len(offsets) < number:
            offsets.append(0)
        offsets[number - 1] = size
        chunk = b"%d 0 obj\n" % number + body
        out.append(chunk)
        size += len(chunk)

    written: list[tuple[int, bytes]] = []
    for index, document in enumerate(documents, start=1):
        objects, root = _read(document, index)
        catalogue = objects.get(root)
        if catalogue is None or _type(catalogue) != b"Catalog":
            raise PdfError(f"PDF {index}: its /Root is not a catalogue")
        tree_nodes, page_numbers = _page_tree(objects, _first_ref(catalogue.head, b"/Pages", index), index)
        dropped = {root, *tree_nodes, *_info_refs(document)}
        renumber: dict[int, int] = {}
        for number in sorted(objects):
            if number not in dropped:
                renumber[number] = next_number
                next_number += 1

        # A page's /Parent (an old page tree node) becomes the new tree, 2 0 R.
        renumber.update(dict.fromkeys(tree_nodes, 2))

        def shift(match: re.Match[bytes], index: int = index, renumber: dict[int, int] = renumber) -> bytes:
            new = renumber.get(int(match.group(1)))
            if new is None:
                raise PdfError(f"PDF {index}: refers to object {match.group(1).decode()}, which it has not")
            return b"%d 0 R" % new

        for number, new in renumber.items():
            if new != 2:
                written.append((new, _REF.sub(shift, objects[number].head) + objects[number].tail))
        pages.extend(renumber[n] for n in page_numbers)
    add(1, b"<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    kids = b" ".join(b"%d 0 R" % p for p in pages)
    add(2, b"<< /Type /Pages /Kids [ %s ] /Count %d >>\nendobj\n" % (kids, len(pages)))
    for number, body in written:
        add(number, body)
    xref = [b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)]
    xref.extend(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, size)
    return b"".join(out) + b"".join(xref) + trailer


def _read(document: bytes, index: int) -> tuple[dict[int, _Object], int]:
    """The objects of one PDF by number, and the number of its catalogue."""
    if not document.startswith(b"%PDF-"):
        raise PdfError(f"PDF {index}: not a PDF file")
    end = _STARTXREF.search(document[-1024:])
    if end is None:
        raise PdfError(f"PDF {index}: no startxref at its end")
    xref_at = int(end.group(1))
    if not document.startswith(b"xref", xref_at):
        raise PdfError(f"PDF {index}: a cross-reference stream, not a table (not written by cairo)")
    at = xref_at + 4
    while document[at : at + 1] in b" \r\n":
        at += 1
    offsets: dict[int, int] = {}
    while True:
        subsection = _SUBSECTION.match(document, at)
        if subsection is None:
            break
        first, count = int(subsection.group(1)), int(subsection.group(2))
        at = subsection.end()
        for number in range(first, first + count):
            entry = _ENTRY.match(document, at)
            if entry is None:
                raise PdfError(f"PDF {index}: a broken cross-reference table")
            if entry.group(3) == b"n":
                offsets[number] = int(entry.group(1))
            at = entry.end()
            while document[at : at + 1] in b" \r\n":
                at += 1
    trailer = document[at:]
    if b"/Prev" in trailer:
        raise PdfError(f"PDF {index}: updated incrementally (not written by cairo)")
    root = _first_ref(trailer, b"/Root", index)
    starts = sorted(offsets.values())
    ends = dict(zip(starts, [*starts[1:], xref_at], strict=True))  # an object runs to the next one
    objects: dict[int, _Object] = {}
    for number, offset in offsets.items():
        chunk = document[offset : ends[offset]]
        head = _OBJ_HEAD.match(chunk)
        if head is None or int(head.group(1)) != number:
            raise PdfError(f"PDF {index}: object {number} is not where the table says")
        body = chunk[head.end() :].lstrip(b" \r\n")
        stream = _STREAM.search(body)
        split = stream.start() + 2 if stream is not None else body.rfind(b"endobj")
        if split < 0:
            raise PdfError(f"PDF {index}: object {number} has no endobj")
        objects[number] = _Object(body[:split], body[split:].rstrip(b" \r\n") + b"\n")
    return objects, root


def _page_tree(objects: dict[int, _Object], pages_root: int, index: int) -> tuple[list[int], list[int]]:
    """(the page tree's inner nodes, its pages in order), walked from the root."""
    nodes: list[int] = []
    pages: list[int] = []
    stack = [pages_root]
    while stack:
        number = stack.pop()
        node = objects.get(number)
        if node is None or number in nodes or number in pages:
            raise PdfError(f"PDF {index}: a broken page tree")
        if _type(node) == b"Page":
            pages.append(number)
            continue
        if _INHERITABLE.search(node.head):
            raise PdfError(f"PDF {index}: pages inherit attributes from their tree (not written by cairo)")
        nodes.append(number)
        kids = _KIDS.search(node.head)
        if kids is None:
            raise PdfError(f"PDF {index}: a page tree node without /Kids")
        stack.extend(reversed([int(m.group(1)) for m in _REF.finditer(kids.group(1))]))
    return nodes, pages


def _type(obj: _Object) -> bytes | None:
    match = _TYPE.search(obj.head)
    return match.group(1) if match else None


def _first_ref(text: bytes, key: bytes, index: int) -> int:
    match = re.search(re.escape(key) + rb"\s+(\d+)\s+\d+\s+R", text)
    if match is None:
        raise PdfError(f"PDF {index}: no {key.decode()}")
    return int(match.group(1))


def _info_refs(document: bytes) -> list[int]:
    """The /Info dictionary of the last trailer (left out of the joined file)."""
    match = re.search(rb"/Info\s+(\d+)\s+\d+\s+R", document[-1024:])
    return [int(match.group(1))] if match else []
