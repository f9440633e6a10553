"""Reading slides back: how large each claim's text is on an SVG slide
when the slide is shown 1920 pixels wide (16:9) or 1440 (4:3), through
the page's viewBox, the drawing nested in it and Graphviz's own scale."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

SVG = "{http://www.w3.org/2000/svg}"
_SCALE = re.compile(r"scale\(([\d.]+)(?:[ ,]+([\d.]+))?\)")


def page_size(svg: Path) -> tuple[float, float]:
    root = ET.parse(svg).getroot()
    _, _, width, height = (float(v) for v in (root.get("viewBox") or "").split())
    return width, height


def claim_text_pixels(svg: Path, height_px: int = 1080) -> dict[str, float]:
    """Claim id -> the height in pixels of its smallest text on this slide,
    the slide shown `height_px` pixels high."""
    root = ET.parse(svg).getroot()
    _, page_height = page_size(svg)
    found: dict[str, float] = {}
    for drawing in root.findall(f"{SVG}svg"):
        _, _, inner_width, _ = (float(v) for v in (drawing.get("viewBox") or "").split())
        nested = float(drawing.get("width") or 0) / inner_width
        for graph in drawing.findall(f"{SVG}g"):
            match = _SCALE.search(graph.get("transform") or "")
            graphviz = float(match.group(1)) if match else 1.0
            factor = graphviz * nested * height_px / page_height
            for group in graph.iter(f"{SVG}g"):
                if "claim" not in (group.get("class") or "").split():
                    continue
                sizes = [float(t.get("font-size") or 0) for t in group.iter(f"{SVG}text")]
                if sizes:
                    found[group.get("id") or ""] = min(sizes) * factor
    return found
