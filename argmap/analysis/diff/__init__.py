"""What changed between two versions of a map, as changes to the argument
(the rules are in compare.py's docstring and docs/diff.md).

Pure functions over the model: no files, no git, no terminal.
"""

from argmap.analysis.diff.changes import FIELD_KINDS, Change, ChangeKind, MapDiff, summarize
from argmap.analysis.diff.compare import RENAME_SIMILARITY, diff_maps
from argmap.analysis.diff.union import Mark, Union, union_map
from argmap.analysis.diff.words import WordOp, word_diff, word_similarity

__all__ = [
    "FIELD_KINDS",
    "RENAME_SIMILARITY",
    "Change",
    "ChangeKind",
    "MapDiff",
    "Mark",
    "Union",
    "WordOp",
    "diff_maps",
    "summarize",
    "union_map",
    "word_diff",
    "word_similarity",
]
