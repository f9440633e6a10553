"""What the tests of the foreign formats (AIF, SADFace, Microtexts, Kialo)
share: corpus file lists for parametrizing, the YAML round trip a converted
map must survive, and the structural view of a map's relations that a
format without relation ids can still be compared by."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from conftest import _corpora_folder

from argmap.checks.gate import Checked, check_loaded
from argmap.formats.base import Codec, LoadResult, Written
from argmap.formats.native import tree
from argmap.formats.native.read import load_yaml_text
from argmap.model import ArgumentMap, Relation, RelationType


def corpus_names(folder: str, pattern: str) -> list[str]:
    """File names in a corpus folder, for parametrizing; empty when the
    corpora are absent (the `corpora` fixture then skips saying why)."""
    root = _corpora_folder()
    if root is None or not (root / folder).is_dir():
        return []
    return sorted(p.name for p in (root / folder).glob(pattern))


def as_yaml_and_back(result: LoadResult, yaml_file: str | Path) -> Checked:
    """The map written as the YAML tree form and read and checked again,
    as `argmap convert X map.yaml && argmap validate map.yaml` would."""
    reloaded = load_yaml_text(tree.dumps(result.map), str(yaml_file))
    assert reloaded.diagnostics == [], reloaded.diagnostics
    return check_loaded(reloaded)


def round_trip(
    fmt: Codec, generated: ArgumentMap, file: str
) -> tuple[ArgumentMap, Written, LoadResult, ArgumentMap]:
    """YAML -> the format -> YAML: the map as read from YAML, what the
    writer wrote (twice the same, and sniffed as the format), what the
    reader made of it, and that map read back from YAML."""
    original = load_yaml_text(tree.dumps(generated), "a.yaml").map
    written = fmt.write(original)
    assert fmt.write(original) == written  # deterministic
    assert fmt.sniff(written.text)
    back = fmt.read(written.text, file)
    again = load_yaml_text(tree.dumps(back.map), "b.yaml")
    assert again.diagnostics == []
    return original, written, back, again.map


Edge = tuple[str, str, object]  # (type, source, target) with an undercut's target an Edge too


def edges(amap: ArgumentMap, representative: dict[str, str] | None = None) -> set[Edge]:
    """Relations by what they join rather than by id (formats that keep no
    relation ids give them the default ones). `representative` maps a
    relation id to the id an undercut of it ends up on (a linked argument
    is undercut as a whole, through one of its relations)."""
    by_id = {r.id: r for r in amap.relations}
    swap = representative or {}

    def key(relation: Relation, depth: int = 0) -> Edge:
        if relation.type is RelationType.UNDERCUT and depth < 50:
            target = by_id.get(swap.get(relation.target, relation.target))
            if target is not None:
                return (relation.type.value, relation.source, key(target, depth + 1))
        return (relation.type.value, relation.source, relation.target)

    return {key(r) for r in amap.relations}


def linked_groups(amap: ArgumentMap) -> set[tuple[str, str, frozenset[str]]]:
    """Linked groups as (type, target, members), groups of two or more."""
    members: dict[tuple[str, str, str], set[str]] = {}
    for relation in amap.relations:
        if relation.group is not None:
            members.setdefault((relation.type.value, relation.target, relation.group), set()).add(
                relation.source
            )
    return {
        (kind, target, frozenset(sources))
        for (kind, target, _), sources in members.items()
        if len(sources) > 1
    }


def first_of_groups(amap: ArgumentMap) -> dict[str, str]:
    """Relation id -> the id of its linked group's relation from the premise
    that comes first in the map (what a format with one node per linked
    argument gives back as the undercut's target)."""
    position = {c.id: i for i, c in enumerate(amap.claims)}
    groups: dict[tuple[RelationType, str, str], list[Relation]] = {}
    for relation in amap.relations:
        if relation.group is not None:
            groups.setdefault((relation.type, relation.target, relation.group), []).append(relation)
    swap: dict[str, str] = {}
    for members in groups.values():
        if len(members) > 1:
            first = min(members, key=lambda r: position.get(r.source, len(position)))
            swap.update((r.id, first.id) for r in members)
    return swap


def messages(diagnostics: Iterable[object]) -> list[str]:
    return [str(d) for d in diagnostics]
