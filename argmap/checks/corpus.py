"""A folder of maps as one corpus: every map checked with no reference
leaving the folder, then all of them joined into one map, so that a claim
referred to from several maps is one claim, and `evaluate` weighs every
map's reasons for and against it together.

In the joined map each claim is named by its map (the path from the corpus
folder) and its id: `sub/a.yaml#x`, the way a reference from the corpus
folder would name it; its `origin` is that map. A reference is the claim it
names, so its relations go to or from that claim. Relation ids get their
map's name the same way; sides and sources are joined by id (the first map
to define one wins).
"""

from __future__ import annotations

import os
from pathlib import Path

from argmap.checks.gate import Checked, check_loaded, find_maps, is_other_yaml, referred_claims, require_ok
from argmap.errors import Diagnostic, UsageError
from argmap.formats.references import ReferenceCache, load_map, map_key
from argmap.model import (
    ArgumentMap,
    Claim,
    Expectation,
    Relation,
    RelationType,
    Side,
    Source,
    parse_reference,
)


def open_corpus(root: Path, *, strict: bool = False) -> Checked:
    """The corpus in `root` joined into one map, with every map's diagnostics;
    MapInvalidError when a map has errors (or warnings, when strict)."""
    if not root.is_dir():
        raise UsageError(f"{root}: no such folder")
    cache = ReferenceCache(root=root)
    diagnostics: list[Diagnostic] = []
    joined = _Joined(root)
    loaded = [(file, load_map(file, cache=cache)) for file in find_maps([root])]
    loaded = [(file, result) for file, result in loaded if not is_other_yaml(result)]
    used = referred_claims(loaded)
    for file, result in loaded:
        checked = check_loaded(result, used_elsewhere=used.get(map_key(file), frozenset()))
        diagnostics.extend(checked.diagnostics)
        joined.add(checked.map, file)
    if not joined.claims:
        raise UsageError(f"{root}: no maps found")
    amap = ArgumentMap(
        claims=tuple(joined.claims),
        relations=tuple(joined.relations),
        title=f"The corpus {root}",
        sources=joined.sources,
        sides=joined.sides,
        file=str(root),
        expect=tuple(joined.expect),
        resolved=True,
    )
    return require_ok(Checked(amap, diagnostics), str(root), strict=strict)


class _Joined:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.claims: list[Claim] = []
        self.relations: list[Relation] = []
        self.expect: list[Expectation] = []
        self.sources: dict[str, Source] = {}
        self.sides: dict[str, Side] = {}

    def name(self, file: Path) -> str:
        return Path(os.path.relpath(os.path.normpath(file), self.root)).as_posix()

    def add(self, amap: ArgumentMap, file: Path) -> None:
        name = self.name(file)
        own = {c.id for c in amap.claims if c.origin is None}

        def claim_name(written: str) -> str:
            if written in own:
                return f"{name}#{written}"
            reference = parse_reference(written)
            if reference is None:
                return written
            return f"{self.name(file.parent / reference.file)}#{reference.claim}"

        for claim in amap.claims:
            if claim.origin is None:
                self.claims.append(claim._replace(id=f"{name}#{claim.id}", origin=name))
        for relation in amap.relations:
            undercut = relation.type is RelationType.UNDERCUT
            self.relations.append(
                relation._replace(
                    id=f"{name}#{relation.id}",
                    source=claim_name(relation.source),
                    target=f"{name}#{relation.target}" if undercut else claim_name(relation.target),
                )
            )
        self.expect.extend(e._replace(claim=claim_name(e.claim)) for e in amap.expect)
        for key, source in amap.sources.items():
            self.sources.setdefault(key, source)
        for key, side in amap.sides.items():
            self.sides.setdefault(key, side)
