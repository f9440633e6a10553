"""Stable layout: editing a map must not reshuffle its diagram.

* Inserting one claim anywhere leaves the statements of all the others in
  the same order in the DOT (Graphviz places nodes by that order, so the
  drawing keeps its shape); as a premise or counterclaim, their lines stay
  byte for byte.
* Nothing depends on hash order or timing: separate processes with
  different PYTHONHASHSEEDs write the same bytes, down to the SVG.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats.base import canonical_relation_order
from argmap.model import ArgumentMap, Claim, Relation, RelationType, Side, default_relation_id
from argmap.render import RenderOptions
from argmap.render.dot import DotRenderer
from argmap.render.mermaid import MermaidRenderer

REPO = Path(__file__).parent.parent
LABELLED = Path(__file__).parent / "data" / "render" / "labelled.yaml"
NEW = "inserted"
_ID = re.compile(r'\[id="([^"]*)"')


def build(claims: list[Claim], relations: list[Relation]) -> ArgumentMap:
    # As the loader orders them: by source claim's place, then target.
    return ArgumentMap(
        claims=tuple(claims),
        relations=tuple(canonical_relation_order(claims, relations)),
        sides={"a": Side("a", "Alpha"), "b": Side("b", "Beta", "#884400")},
    )


@st.composite
def maps_and_insertions(draw: st.DrawFn) -> tuple[ArgumentMap, ArgumentMap, bool]:
    """A random map; the same map with one claim inserted at a random place
    (hanging under a random claim, or undercutting a random inference);
    whether the insertion is a plain premise or counterclaim."""
    size = draw(st.integers(1, 14))
    sides = st.sampled_from([None, "a", "b"])
    claims = [Claim(f"c{i}", f"Claim number {i} says something.", by=draw(sides)) for i in range(size)]
    relations: list[Relation] = []
    for i in range(1, size):
        parent = f"c{draw(st.integers(0, i - 1))}"
        type_ = draw(st.sampled_from([RelationType.SUPPORT, RelationType.ATTACK]))
        relations.append(Relation(default_relation_id(type_, f"c{i}", parent), f"c{i}", parent, type_))
    inferences = list(relations)
    for i in range(1, size):
        if inferences and draw(st.integers(0, 5)) == 0:
            target = draw(st.sampled_from(inferences))
            if target.source != f"c{i}":
                rid = default_relation_id(RelationType.UNDERCUT, f"c{i}", target.id)
                if all(r.id != rid for r in relations):
                    relations.append(Relation(rid, f"c{i}", target.id, RelationType.UNDERCUT))
    before = build(claims, relations)

    new_claim = Claim(NEW, "A claim added later.", by=draw(sides))
    position = draw(st.integers(0, size))
    undercut = bool(inferences) and draw(st.booleans())
    if undercut:
        target_id = draw(st.sampled_from(inferences)).id
        new_relation = Relation(
            default_relation_id(RelationType.UNDERCUT, NEW, target_id), NEW, target_id, RelationType.UNDERCUT
        )
    else:
        parent = f"c{draw(st.integers(0, size - 1))}"
        type_ = draw(st.sampled_from([RelationType.SUPPORT, RelationType.ATTACK]))
        new_relation = Relation(default_relation_id(type_, NEW, parent), NEW, parent, type_)
    after = build([*claims[:position], new_claim, *claims[position:]], [*relations, new_relation])
    return before, after, not undercut


def without_legend(lines: list[str]) -> list[str]:
    """The DOT's lines but the legend's subgraph (tab-indented twice, the
    one nested statement a map's DOT has)."""
    return [line for line in lines if not (line.startswith("\t\t") or '"legend/' in line or line == "\t}")]


def is_subsequence(short: list[str], long: list[str]) -> bool:
    rest = iter(long)
    return all(item in rest for item in short)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps_and_insertions(), st.booleans())
def test_inserting_a_claim_keeps_the_order_of_the_others(
    case: tuple[ArgumentMap, ArgumentMap, bool], legend: bool
) -> None:
    before, after, plain = case
    options = RenderOptions(legend=legend)
    old = DotRenderer().render(before, options).splitlines()
    new = DotRenderer().render(after, options).splitlines()
    # Every statement of the old drawing is still there, in the same order.
    old_ids = [m.group(1) for line in old if (m := _ID.search(line))]
    new_ids = [m.group(1) for line in new if (m := _ID.search(line))]
    assert set(old_ids) <= set(new_ids)
    assert [i for i in new_ids if i in set(old_ids)] == old_ids
    if plain:
        # A new premise or counterclaim only adds lines: its node and its
        # edge. The legend (its own subgraph, on its own rank) may gain an
        # entry, a side or a relation type, and so change its order edges.
        old_map, new_map = without_legend(old), without_legend(new)
        assert is_subsequence(old_map, new_map)
        added = [line for line in new_map if line not in old_map]
        assert all(NEW in line for line in added), added
        assert all('"legend/' in line for line in new if line.startswith('\t\t"'))


def _run(args: list[str], seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "argmap", *args], capture_output=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["render", str(LABELLED), "-f", "dot", "--theme", "print"],
        ["render", str(LABELLED), "-f", "dot", "--depth", "1", "--highlight", "a1", "--eval", "grounded"],
        ["render", str(LABELLED), "-f", "mmd", "--theme", "talk", "--tag", "economy"],
    ],
    ids=["dot-print", "dot-focus-eval", "mermaid"],
)
def test_output_does_not_depend_on_hash_order(args: list[str]) -> None:
    outputs = {_run(args, seed) for seed in ("0", "1", "4242")}
    assert len(outputs) == 1


def test_svg_layout_does_not_depend_on_hash_order_or_timing() -> None:
    if shutil.which("dot") is None:
        pytest.skip("no system Graphviz `dot` on PATH")
    args = ["render", str(LABELLED), "-f", "svg", "--renderer", "system", "--theme", "dark"]
    outputs = {_run(args, seed) for seed in ("0", "1", "0")}
    assert len(outputs) == 1
    assert b'id="c1"' in outputs.pop()


def test_mermaid_keeps_the_order_too() -> None:
    claims = [Claim("c0", "Top."), Claim("c1", "One."), Claim("c2", "Two.")]
    relations = [
        Relation("support:c1:c0", "c1", "c0", RelationType.SUPPORT),
        Relation("attack:c2:c0", "c2", "c0", RelationType.ATTACK),
    ]
    before = MermaidRenderer().render(build(claims, relations), RenderOptions()).splitlines()
    claims.insert(1, Claim(NEW, "New."))
    relations.append(Relation("support:inserted:c1", NEW, "c1", RelationType.SUPPORT))
    after = MermaidRenderer().render(build(claims, relations), RenderOptions()).splitlines()
    # Links are numbered, so linkStyle lines change; all else stays in order.
    kept = [line for line in before if "linkStyle" not in line]
    assert is_subsequence(kept, after)
