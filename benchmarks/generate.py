"""Random argument maps of any size, in argmap's YAML tree form, for benchmarks.

    python benchmarks/generate.py 10000 big.yaml [--seed 1]

The same size and seed always give the same file. The maps look like real
ones, only bigger: a few root claims (one per ~200 claims), each the top of a
random tree (every new claim hangs under a claim of its tree chosen at random,
so trees are about log(n) deep), two thirds of the edges premises and one
third counterclaims, sentence-length texts, two or three sides with most
claims `by:` one of them, and about 2% of the claims also cited by id from a
claim of a later tree. Those cross-links always run from an earlier tree to a
later one, so they cannot close a support cycle, and a generated map
validates with no errors and no warnings.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

CLAIMS_PER_ROOT = 200
CROSS_LINK_SHARE = 0.02
SUPPORT_SHARE = 2 / 3
BY_SHARE = 0.75
MIN_WORDS, MAX_WORDS = 8, 25

SIDES = (
    ("pro", "Proponents"),
    ("con", "Opponents"),
    ("sceptic", "Sceptics"),
)

# Plain lowercase words only: a sentence of them is always a plain YAML scalar.
_WORD_TEXT = """
    the a of to and in that is for it as was with be by on not this but from or
    have an they which one you were all we her she there would their will when
    who him been has more if no out so said what up its about into than them can
    only other new some could time these two may then do first any my now such
    like our over man me even most made after also did many before must through
    back years where much your way well down should because each just those
    people how too little state good very make world still own see men work long
    get here between both life being under never day same another know while
    last might us great old year off come since against go came right used take
    three policy evidence argument reform market wages growth cost tax trade
    public private study data shows suggests critics supporters claim premise
    objection reason because therefore however although rising falling prices
    labour capital industry workers owners voters courts law rights duty harm
    benefit risk safety health schools cities rural urban energy climate carbon
    emissions transport housing rents demand supply budget deficit debt interest
    inflation jobs productivity innovation research science history tradition
    experience survey experts report decade century region country nation
    government council parliament election majority minority freedom equality
    justice fairness efficiency security privacy access quality price value
"""
WORDS = tuple(_WORD_TEXT.split())


@dataclass(slots=True)
class _Node:
    text: str
    by: str | None
    # Children in document order: nested claims, or ids of cross-linked claims.
    premises: list[_Node | str] = field(default_factory=list)
    counterclaims: list[_Node | str] = field(default_factory=list)
    id: str = ""


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(MIN_WORDS, MAX_WORDS))]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def generate_map(n_claims: int, seed: int) -> str:
    """A map of `n_claims` claims as YAML text; deterministic in (n_claims, seed)."""
    if n_claims < 1:
        raise ValueError("a map needs at least one claim")
    rng = random.Random(seed)
    sides = SIDES[: rng.choice((2, 3))]
    side_ids = [side_id for side_id, _ in sides]

    def new_node() -> _Node:
        by = rng.choice(side_ids) if rng.random() < BY_SHARE else None
        return _Node(_sentence(rng), by)

    n_roots = max(1, round(n_claims / CLAIMS_PER_ROOT))
    roots = [new_node() for _ in range(n_roots)]
    trees: list[list[_Node]] = [[root] for root in roots]
    for _ in range(n_claims - n_roots):
        tree = trees[rng.randrange(n_roots)]
        parent = rng.choice(tree)
        child = new_node()
        tree.append(child)
        (parent.premises if rng.random() < SUPPORT_SHARE else parent.counterclaims).append(child)

    # Ids in document order (pre-order), so c1 is the first claim in the file.
    counter = 0
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        counter += 1
        node.id = f"c{counter}"
        children = [c for c in (*node.premises, *node.counterclaims) if isinstance(c, _Node)]
        stack.extend(reversed(children))

    # Cross-links: a claim of tree j also lists, by id, a claim of an earlier
    # tree i < j. Every such edge runs from an earlier tree to a later one and
    # tree edges stay inside a tree, so no cycle can form.
    wanted = round(n_claims * CROSS_LINK_SHARE) if n_roots > 1 else 0
    linked: set[tuple[str, str]] = set()
    attempts = 0
    while len(linked) < wanted and attempts < 20 * wanted:
        attempts += 1
        later = rng.randrange(1, n_roots)
        citing = rng.choice(trees[later])
        cited = rng.choice(trees[rng.randrange(later)])
        if (citing.id, cited.id) in linked:
            continue
        linked.add((citing.id, cited.id))
        siblings = citing.premises if rng.random() < SUPPORT_SHARE else citing.counterclaims
        siblings.insert(rng.randint(0, len(siblings)), cited.id)

    lines = [
        "argmap: 1",
        f"title: Generated benchmark map ({n_claims} claims, seed {seed})",
        "sides:",
        *(f"  {side_id}: {{name: {name}}}" for side_id, name in sides),
        "claims:",
    ]
    for root in roots:
        _emit(root, "  ", lines)
    return "\n".join(lines) + "\n"


def _emit(node: _Node, indent: str, lines: list[str]) -> None:
    """One claim as a list entry whose '- ' starts at `indent`."""
    lines.append(f"{indent}- id: {node.id}")
    inner = indent + "  "
    lines.append(f"{inner}text: {node.text}")
    if node.by is not None:
        lines.append(f"{inner}by: {node.by}")
    for key, children in (("premises", node.premises), ("counterclaims", node.counterclaims)):
        if not children:
            continue
        lines.append(f"{inner}{key}:")
        for child in children:
            if isinstance(child, str):
                lines.append(f"{inner}  - {child}")
            else:
                _emit(child, inner + "  ", lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a random argument map for benchmarks.")
    parser.add_argument("claims", type=int, help="number of claims")
    parser.add_argument("out", type=Path, help="the YAML file to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if args.claims < 1:
        parser.error("the number of claims must be at least 1")
    args.out.write_text(generate_map(args.claims, args.seed), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
