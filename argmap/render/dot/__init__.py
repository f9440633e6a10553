"""A map as Graphviz DOT text.

syntax.py writes DOT (one quoting function for everything); labels.py turns
user text into labels; looks.py turns a theme into attributes; draw.py
draws the claims, joints and arrows; legend.py the key.
"""

from __future__ import annotations

from argmap.render.dot.draw import (
    IMPLICIT_WORD,
    DotRenderer,
    Joints,
    dot_graph,
    draw_view,
    drawable,
    group_joint_name,
    joint_name,
    plan,
    stub_name,
)
from argmap.render.dot.labels import label, shown_text, small_font
from argmap.render.dot.legend import chain, legend_arrow, legend_strip
from argmap.render.dot.looks import (
    BIG_MAP,
    FAST_LAYOUT,
    StatusLook,
    base_attributes,
    fast_layout,
    mix,
    side_styles,
    with_alpha,
)

__all__ = [
    "BIG_MAP",
    "FAST_LAYOUT",
    "IMPLICIT_WORD",
    "DotRenderer",
    "Joints",
    "StatusLook",
    "base_attributes",
    "chain",
    "dot_graph",
    "draw_view",
    "drawable",
    "fast_layout",
    "group_joint_name",
    "joint_name",
    "label",
    "legend_arrow",
    "legend_strip",
    "mix",
    "plan",
    "shown_text",
    "side_styles",
    "small_font",
    "stub_name",
    "with_alpha",
]
