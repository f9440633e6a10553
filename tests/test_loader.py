"""The loader and checks on inline YAML: (check-id, line, column) of each problem."""

from __future__ import annotations

import signal
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import yaml

from argmap.checks.gate import check_loaded
from argmap.errors import InputError
from argmap.formats.native.read import load_json_text, load_yaml_text
from argmap.model import RelationType


def problems(text: str) -> list[tuple[str, int, int]]:
    result = load_yaml_text(textwrap.dedent(text), "m.yaml")
    checked = check_loaded(result, read_sources=False)
    return [(d.check_id, d.span.line, d.span.column) for d in checked.diagnostics]


def test_clean_map_has_no_problems() -> None:
    assert (
        problems(
            """
            claims:
              - id: c
                text: C.
                premises:
                  - id: p
                    text: P.
            """
        )
        == []
    )


def test_tree_becomes_graph_with_deterministic_relation_ids() -> None:
    amap = load_yaml_text(
        textwrap.dedent(
            """
            claims:
              - id: c
                text: C.
                premises:
                  - id: p
                    text: P.
                    undercuts:
                      - id: u
                        text: U.
                  - linked:
                      - id: l1
                        text: L1.
                      - id: l2
                        text: L2.
                counterclaims:
                  - id: k
                    text: K.
            """
        ),
        "m.yaml",
    ).map
    assert [c.id for c in amap.claims] == ["c", "p", "u", "l1", "l2", "k"]
    assert [(r.id, r.type, r.group) for r in amap.relations] == [
        ("support:p:c", RelationType.SUPPORT, None),
        ("undercut:u:support:p:c", RelationType.UNDERCUT, None),
        ("support:l1:c", RelationType.SUPPORT, "l1+l2"),
        ("support:l2:c", RelationType.SUPPORT, "l1+l2"),
        ("attack:k:c", RelationType.ATTACK, None),
    ]
    assert [r.id for r in amap.relations if r.target == "support:p:c"] == ["undercut:u:support:p:c"]


def test_positions_of_claims_and_relations() -> None:
    amap = load_yaml_text(
        "claims:\n  - id: c\n    text: C.\n    premises:\n      - id: p\n        text: P.\n", "m"
    ).map
    claim = amap.claim_index()["p"]
    assert claim.span is not None
    assert (claim.span.line, claim.span.column) == (5, 9)
    assert amap.relations[0].span is not None
    assert (amap.relations[0].span.line, amap.relations[0].span.column) == (5, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("claims:\n  - id: c\n    txt: C.\n", [("missing-text", 2, 5), ("unknown-key", 3, 5)]),
        ("claims:\n  - text: C.\n", [("missing-id", 2, 5)]),
        ("claims:\n  - id: c\n    text: '  '\n", [("empty-text", 3, 11)]),
        ("claims:\n  - id: a b\n    text: C.\n", [("invalid-id", 2, 9)]),
        ("claims:\n  - id: c\n    text: C.\n    weight: 2\n", [("weight-range", 4, 13)]),
        ("claims:\n  - id: c\n    text: C.\n    weight: '0.5'\n", [("wrong-type", 4, 13)]),
        ("claims:\n  - id: c\n    text: C.\n    by: x\n", [("unknown-side", 4, 9)]),
        ("claims:\n  - id: c\n    text: C.\n    source: {ref: s}\n", [("unknown-source", 4, 19)]),
        ("claims:\n  - id: c\n    text: C.\n    premises: [nope]\n", [("dangling-ref", 4, 16)]),
        ("claims:\n  - id: c\n    text: C.\n    premises: [c]\n", [("self-support", 4, 16)]),
        ("claims:\n  - id: c\n    text: C.\n    counterclaims: [c]\n", [("self-attack", 4, 21)]),
        (
            "claims:\n  - id: c\n    text: C.\n  - id: c\n    text: D.\n",
            [("isolated-claim", 2, 5), ("isolated-claim", 4, 5), ("duplicate-id", 4, 9)],
        ),
        ("claims:\n  - id: c\n    text: C.\n    text: D.\n", [("duplicate-key", 4, 5)]),
        (
            "claims:\n  - id: c\n    text: C.\n  - id: d\n    text: D.\n",
            [("isolated-claim", 2, 5), ("isolated-claim", 4, 5)],
        ),
        ("claims:\n  - id: c\n    text: C.\n    undercuts: [c]\n", [("undercut-target", 4, 16)]),
        (
            "claims:\n  - id: c\n    text: C.\n  - id: p\n    text: P.\n"
            "relations:\n  - {from: p, to: c, type: undercut}\n",
            [("undercut-target", 7, 19)],
        ),
        ("titel: x\nclaims: []\n", [("unknown-key", 1, 1)]),
        ("claims:\n  - id: c\n    text: C.\n    tags: !!set {a}\n", [("unsupported-tag", 4, 11)]),
    ],
)
def test_problem_positions(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert problems(text) == expected


def test_support_cycle_reports_the_circle() -> None:
    result = load_yaml_text(
        "claims:\n  - id: a\n    text: A.\n    premises:\n      - id: b\n        text: B.\n"
        "        premises: [a]\n",
        "m",
    )
    messages = [d.message for d in check_loaded(result, read_sources=False).diagnostics]
    assert messages == ["circular reasoning: a -> b -> a"]


def test_did_you_mean() -> None:
    result = load_yaml_text("claims:\n  - id: c\n    text: C.\n    counterclaim: []\n", "m")
    assert (
        result.diagnostics[0].message
        == "unknown key 'counterclaim' in a claim; did you mean 'counterclaims'?"
    )


def test_text_is_kept_as_written() -> None:
    amap = load_yaml_text("claims:\n  - id: 1917\n    text: 1917\n", "m").map
    assert (amap.claims[0].id, amap.claims[0].text) == ("1917", "1917")


def test_graph_form_in_json_has_positions() -> None:
    text = '{"argmap": 1,\n "nodes": [{"id": "a", "text": "A."},\n   {"id": "b", "txt": "B."}],\n "relations": []}'
    result = load_json_text(text, "m.json")
    assert [(d.check_id, d.span.line, d.span.column) for d in result.diagnostics] == [
        ("unknown-key", 3, 16),
        ("missing-text", 3, 4),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "m.yaml: empty file, no map in it"),
        ("# only a comment\n", "m.yaml: empty file, no map in it"),
        (
            "- a\n- b\n",
            "m.yaml:1:1: error: the top of a map must be a mapping (title:, claims:, ...), not a list",
        ),
        (
            "just text\n",
            "m.yaml:1:1: error: the top of a map must be a mapping (title:, claims:, ...), not a string",
        ),
        ("claims: [\n", "m.yaml:2:1: error: YAML syntax: did not find expected node content (yaml-syntax)"),
        (
            "a: b\n c: d\n",
            "m.yaml:2:3: error: YAML syntax: ': ' inside unquoted text starts a key; put the whole text in quotes "
            "(yaml-syntax)",
        ),
    ],
)
def test_unusable_input_raises_one_line(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        load_yaml_text(text, "m.yaml")
    assert str(caught.value) == message


def test_deep_nesting_is_refused_without_crashing() -> None:
    with pytest.raises(InputError) as caught:
        load_yaml_text("claims: " + "[" * 100_000 + "]" * 100_000, "m.yaml")
    assert str(caught.value) == "m.yaml:1:1008: error: nested more than 1000 levels deep"


def alias_bomb(levels: int, fan_out: int = 10, key: str = "premises") -> str:
    """Claims whose premises (or counterclaims) are `fan_out` aliases of the
    claim before: well-formed YAML that is fan_out ** levels claims when
    aliases are followed, and 1 + levels claims as written. Claim c<i>
    starts at line 2 + 4 * i."""
    lines = ["claims:", "  - &c0", "    id: c0", "    text: C.", "    tags: [lol]"]
    for i in range(1, levels + 1):
        aliases = ", ".join([f"*c{i - 1}"] * fan_out)
        lines += [f"  - &c{i}", f"    id: c{i}", "    text: C.", f"    {key}: [{aliases}]"]
    return "\n".join(lines) + "\n"


@contextmanager
def within_seconds(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, when the block takes longer (a walk that
    followed a bomb's aliases would not end)."""

    def too_slow(signum: int, frame: object) -> None:
        raise TimeoutError(f"not done in {seconds} s: not linear")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_alias_bomb_is_refused_in_linear_time() -> None:
    bomb = alias_bomb(30)
    assert yaml.compose(bomb, Loader=yaml.SafeLoader) is not None  # well-formed YAML
    with within_seconds(20):
        result = load_yaml_text(bomb, "m.yaml")
    # Each alias is refused where it is, once: ten per level, pointing at
    # the anchor (composed nodes keep no position of their own for an alias).
    found = [(d.check_id, d.span.line, d.span.column) for d in result.diagnostics]
    assert found == [("yaml-alias", 2 + 4 * level, 5) for level in range(30) for _ in range(10)]
    assert [c.id for c in result.map.claims] == [f"c{i}" for i in range(31)]
    assert result.map.relations == ()


def test_an_alias_of_a_claim_is_refused_each_time() -> None:
    nested = "claims:\n  - id: c\n    text: C.\n    premises:\n"
    nested += "".join(f"      - &n{i}\n        id: n{i}\n        text: N.\n" for i in range(3))
    nested += "      - *n0\n      - *n0\n"
    result = load_yaml_text(nested, "m.yaml")
    assert [(d.check_id, d.span.line, d.span.column) for d in result.diagnostics] == [
        ("yaml-alias", 5, 9),
        ("yaml-alias", 5, 9),
    ]
