"""argmap as a library, end to end, with only the public API (`argmap.*`):
load a map, check a broken one, evaluate, draw SVG, write and read back
JSON, YAML and Argdown, build a change in code and diff it.

    python examples/library.py arguments/socialism-in-one-country.yaml broken.yaml out/

`broken.yaml` is any map with a problem (a claim naming one that does not
exist, say); `out/` is a folder for the files it writes. Its output is the
same every run; tests/test_api.py runs it, and `mypy --strict` checks it.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import argmap


def same_claims(a: argmap.Map, b: argmap.Map) -> bool:
    return [(c.id, c.text) for c in a.claims] == [(c.id, c.text) for c in b.claims]


def main(essay_file: Path, broken_file: Path, out: Path) -> int:
    essay = argmap.load(essay_file)
    print(f"loaded {essay.title}: {len(essay.claims)} claims, {len(essay.relations)} relations")
    print(f"problems in it: {len(essay.check())}")

    # Problems in a map are data: one Diagnostic each, with its place in the file.
    for problem in argmap.load(broken_file).check():
        print(f"{Path(problem.file).name}:{problem.line}:{problem.column}: {problem.check_id}")

    labels = essay.evaluate("grounded")
    print("grounded:", ", ".join(f"{n} {label}" for label, n in sorted(Counter(labels.values()).items())))
    top = essay.claims[0].id
    print(f"why {top} is {labels[top]}: {essay.evaluate('grounded').why(top)['chains'][0]['label']}")
    strengths = essay.evaluate("dfquad")
    print(f"dfquad strength of {top}: {strengths[top]:.2f}")

    svg = essay.render("svg", eval="grounded")
    (out / "essay.svg").write_bytes(svg)
    print("svg:", svg.lstrip().startswith(b"<?xml") and b"<svg" in svg)

    for fmt, suffix in (("json", ".json"), ("yaml", ".yaml"), ("argdown", ".argdown")):
        essay.save(out / f"essay{suffix}")
        again = argmap.load(out / f"essay{suffix}")
        print(f"{fmt}: same claims after a round trip: {same_claims(essay, again)}")
        print(
            f"{fmt}: same claims from dumps/loads: {same_claims(essay, argmap.loads(essay.dumps(fmt), fmt))}"
        )

    # A new version: the YAML read back, with one more objection built in code.
    revised = argmap.loads(essay.dumps("yaml"), "yaml")
    revised.add_claim("new-doubt", "A doubt raised after the first version.")
    revised.attack("new-doubt", top)
    for change in argmap.diff(essay, revised):
        print(f"diff: {change.kind} {change.id}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
