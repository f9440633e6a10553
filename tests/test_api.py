"""The public Python API (`argmap.*`): it gives what the commands give, on
the same maps, prints nothing and raises only argmap's errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import argmap
from argmap.cli import app
from argmap.formats.registry import FORMATS

REPO = Path(__file__).resolve().parent.parent
ESSAY = REPO / "arguments" / "socialism-in-one-country.yaml"
runner = CliRunner()

BROKEN = """\
title: Broken
claims:
  - id: c
    text: A conclusion.
    premises: [p, missing]
  - id: p
    text: A premise.
"""

SMALL = """\
title: Small
claims:
  - id: c
    text: A conclusion.
    premises:
      - id: p
        text: A premise.
        undercuts: [u]
    counterclaims:
      - id: o
        text: An objection <script>alert(1)</script> & more.
        counterclaims: [r]
  - id: u
    text: An undercutter.
  - id: r
    text: A rebuttal.
"""


def cli(*args: object) -> str:
    done = runner.invoke(app, [str(a) for a in args])
    assert done.exit_code in (0, 1), done.output
    return done.stdout


@pytest.fixture(scope="module")
def essay() -> argmap.Map:
    return argmap.load(ESSAY)


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    """The essay's map copied into a scratch folder, with the text it quotes."""
    shutil.copytree(ESSAY.parent / "sources", tmp_path / "sources")
    shutil.copy(ESSAY, tmp_path / "essay.yaml")
    return tmp_path / "essay.yaml"


# -- import argmap stays cheap ----------------------------------------------------------


def modules_after(statement: str) -> set[str]:
    script = f"import sys\n{statement}\nprint(' '.join(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env)
    return set(done.stdout.split())


HEAVY = {"argmap.api", "argmap.model", "yaml", "rich", "pygraphviz", "typer"}


def test_import_argmap_loads_none_of_the_library() -> None:
    assert modules_after("import argmap") & HEAVY == set()
    # Nothing at all but itself: not even `typing`.
    assert modules_after("import argmap") - modules_after("pass") == {"argmap"}
    # The check can fail: the first use of a public name loads the library.
    assert {"argmap.api", "argmap.model"} <= modules_after("import argmap; argmap.Map")


def test_every_public_name_resolves_and_nothing_else_does() -> None:
    for name in argmap.__all__:
        assert getattr(argmap, name) is not None
    assert set(argmap.__all__) <= set(dir(argmap))
    with pytest.raises(AttributeError, match="no attribute 'load_path'"):
        _ = argmap.load_path  # type: ignore[attr-defined]


# -- reading and checking -----------------------------------------------------------------


def test_a_loaded_map_has_its_claims_relations_sides_and_sources(essay: argmap.Map) -> None:
    assert essay.title == "Socialism in One Country vs Permanent Revolution"
    assert (len(essay.claims), len(essay.relations)) == (38, 42)
    assert essay.claims[0].id == "soc1c"
    assert essay.claims[0].text.startswith("The USSR could build socialism independently")
    assert essay.claim("soc1c") == essay.claims[0]
    assert set(essay.sides) == {"stalin", "trotsky", "essay", "critic"}
    assert essay.sides["trotsky"].name == "Trotsky"
    assert "essay" in essay.sources
    assert {r.type for r in essay.relations} == {"support", "attack", "undercut"}
    assert essay.check() == []


def test_check_gives_each_problem_with_its_place() -> None:
    broken = argmap.loads(BROKEN, name="broken.yaml")
    found = [(d.check_id, d.severity, d.file, d.line, d.column) for d in broken.check()]
    assert found == [("dangling-ref", "error", "broken.yaml", 5, 19)]
    assert str(broken.check()[0]) == "broken.yaml:5:19: error: claim 'missing' is not defined (dangling-ref)"


def test_a_file_that_cannot_be_read_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(argmap.InputError, match="cannot tell the format"):
        argmap.load(tmp_path / "map.docx")
    (tmp_path / "bad.yaml").write_text("claims: [\n", encoding="utf-8")
    with pytest.raises(argmap.InputError, match=r"bad\.yaml:2"):
        argmap.load(tmp_path / "bad.yaml")
    with pytest.raises(argmap.UsageError, match="unknown format 'nope'"):
        argmap.loads("claims: []", "nope")


# -- evaluating ---------------------------------------------------------------------------


def test_evaluate_gives_the_labels_evaluate_prints(essay: argmap.Map) -> None:
    labels = essay.evaluate()
    printed = json.loads(cli("evaluate", ESSAY, "--format", "json"))
    assert labels == printed["labels"]
    assert list(labels) == [c.id for c in essay.claims]  # map order
    assert labels.to_json() == printed
    assert labels.semantics == "grounded"


def test_evaluate_gradual_gives_strengths(essay: argmap.Map) -> None:
    strengths = essay.evaluate("dfquad")
    printed = json.loads(cli("evaluate", ESSAY, "--format", "json", "--semantics", "dfquad"))
    assert strengths == printed["strengths"]
    assert all(isinstance(v, float) and 0 <= v <= 1 for v in strengths.values())


def test_preferred_summarises_the_extensions() -> None:
    two = argmap.loads(
        "claims:\n  - {id: a, text: A., counterclaims: [b]}\n  - {id: b, text: B., counterclaims: [a]}\n"
    )
    found = two.evaluate("preferred")
    assert found.extensions == (("a",), ("b",))
    assert found == {"a": "undec", "b": "undec"}


def test_stable_semantics_may_give_no_extension() -> None:
    odd = "claims:\n" + "".join(
        f"  - {{id: {a}, text: {a.upper()}., counterclaims: [{b}]}}\n" for a, b in ("ab", "bc", "ca")
    )
    found = argmap.loads(odd).evaluate("stable")
    assert (found, found.extensions) == ({}, ())


def test_explanations_are_those_evaluate_why_prints(essay: argmap.Map) -> None:
    labels = essay.evaluate()
    assert labels.why("soc1c") == json.loads(cli("evaluate", ESSAY, "--why", "soc1c", "--format", "json"))
    assert labels.explain("soc1c") + "\n" == cli("evaluate", ESSAY, "--why", "soc1c")
    with pytest.raises(argmap.UsageError, match="no claim or undercut relation 'nobody'"):
        labels.why("nobody")


def test_evaluating_a_broken_map_raises_with_its_diagnostics() -> None:
    with pytest.raises(argmap.MapInvalidError) as caught:
        argmap.loads(BROKEN, name="broken.yaml").evaluate()
    assert [d.check_id for d in caught.value.diagnostics] == ["dangling-ref"]
    with pytest.raises(argmap.UsageError, match="unknown semantics 'truthiness'"):
        argmap.loads(SMALL).evaluate("truthiness")
    with pytest.raises(argmap.MapInvalidError):
        argmap.diff(argmap.loads(SMALL), argmap.loads(BROKEN), semantics="grounded")
    assert argmap.diff(argmap.loads(SMALL), argmap.loads(BROKEN))[0].kind == "node-removed"


def test_the_table_escapes_user_text() -> None:
    table = argmap.loads(SMALL).evaluate()._repr_html_()
    assert "<script>" not in table
    assert "An objection &lt;script&gt;alert(1)&lt;/script&gt; &amp; more." in table
    assert "<tr><td><code>o</code></td><td>out</td>" in table


# -- drawing and writing ------------------------------------------------------------------


def test_render_draws_what_the_command_draws(essay: argmap.Map) -> None:
    dot = essay.render("dot", root="undermine-charge", legend=False)
    assert dot.decode() == cli(
        "render", "--format", "dot", "--root", "undermine-charge", "--no-legend", ESSAY
    )
    svg = essay.render("svg", eval="grounded", theme="dark")
    assert svg.startswith(b"<?xml") and b"</svg>" in svg
    assert (essay._repr_svg_() or "").startswith("<?xml")
    assert argmap.loads(BROKEN)._repr_svg_() is None


def test_a_map_in_jupyter_draws_itself_without_a_system_graphviz(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pygraphviz", reason="pygraphviz (the embedded Graphviz) is not installed")
    monkeypatch.setenv("PATH", "")  # no `dot`: the Graphviz pygraphviz carries draws it
    assert shutil.which("dot") is None
    svg = built()._repr_svg_() or ""
    assert svg.startswith("<?xml") and "A conclusion." in svg and svg.rstrip().endswith("</svg>")


def test_render_refuses_what_it_cannot_draw(essay: argmap.Map) -> None:
    with pytest.raises(argmap.UsageError, match="unknown drawing format 'gif'"):
        essay.render("gif")
    with pytest.raises(argmap.UsageError, match="no claim has id 'nobody'"):
        essay.render("dot", root="nobody")
    with pytest.raises(argmap.UsageError, match="no theme 'neon'"):
        essay.render("dot", theme="neon")
    with pytest.raises(argmap.UsageError, match="direction must be"):
        essay.render("dot", direction="up")


@pytest.mark.parametrize("fmt", [f.name for f in FORMATS if f.writes])
def test_save_and_dumps_write_every_writable_format_as_convert_does(fmt: str, copied: Path) -> None:
    # In the map's folder, so that no source file path is rewritten.
    tmp_path = copied.parent
    essay = argmap.load(copied)
    essay.save(tmp_path / "saved.out", fmt)
    cli("convert", tmp_path / "essay.yaml", tmp_path / "converted.out", "--to", fmt)
    saved = (tmp_path / "saved.out").read_text(encoding="utf-8")
    assert saved == (tmp_path / "converted.out").read_text(encoding="utf-8")
    assert essay.dumps(fmt) == saved
    if fmt in {"yaml", "json", "argdown", "aif", "sadface"}:  # formats that keep ids and texts
        again = argmap.loads(essay.dumps(fmt), fmt)
        assert [(c.id, c.text) for c in again.claims] == [(c.id, c.text) for c in essay.claims]


def test_save_rewrites_source_paths_for_the_new_folder(essay: argmap.Map, tmp_path: Path) -> None:
    essay.save(tmp_path / "moved.yaml")
    moved = argmap.load(tmp_path / "moved.yaml")
    assert moved.check() == []  # its quotes are found in the essay's text
    assert Path(moved.sources["essay"].file or "").is_absolute() is False


def test_dumps_strict_refuses_a_format_that_loses_something(essay: argmap.Map) -> None:
    with pytest.raises(argmap.OutputError, match="apx cannot hold all of the map"):
        essay.dumps("apx", strict=True)
    with pytest.raises(argmap.UsageError, match="cannot write it"):
        essay.dumps("microtexts")


def test_save_writes_the_format_its_suffix_names(essay: argmap.Map, tmp_path: Path) -> None:
    essay.save(tmp_path / "copy.json")
    again = argmap.load(tmp_path / "copy.json")
    assert [(c.id, c.text) for c in again.claims] == [(c.id, c.text) for c in essay.claims]
    with pytest.raises(argmap.UsageError, match="cannot tell the format"):
        essay.save(tmp_path / "copy.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.json"]


# -- building and diffing ---------------------------------------------------------------


def built() -> argmap.Map:
    m = argmap.Map.new(title="Built in code")
    m.add_side("pro", "For", "#1f5fa8")
    m.add_claim("c", "A conclusion.", by="pro")
    m.add_claim("p", "A premise.", tags=["key"])
    m.add_claim("o", "An objection.")
    m.add_claim("u", "An undercutter.")
    m.undercut("u", m.support("p", "c"))
    m.attack("o", "c")
    return m


def test_a_map_built_in_code_is_the_map_its_yaml_says() -> None:
    m = built()
    assert m.check() == []
    assert m.dumps("yaml") == (
        "argmap: 1\ntitle: Built in code\nsides:\n  pro:\n    name: For\n    colour: '#1f5fa8'\n"
        "claims:\n- id: c\n  text: A conclusion.\n  by: pro\n  premises:\n  - id: p\n    text: A premise.\n"
        "    tags:\n    - key\n    undercuts:\n    - u\n  counterclaims:\n  - id: o\n    text: An objection.\n"
        "- id: u\n  text: An undercutter.\n"
    )
    assert m.evaluate() == {"c": "out", "p": "in", "o": "in", "u": "in"}
    again = argmap.loads(m.dumps("yaml"))

    def edges(m: argmap.Map) -> list[tuple[str, str, str, str]]:
        return sorted((r.id, r.source, r.target, r.type.value) for r in m.relations)

    assert edges(again) == edges(m)


@given(
    claims=st.integers(min_value=1, max_value=6),
    edges=st.lists(
        st.tuples(st.sampled_from(["support", "attack", "undercut"]), st.integers(0, 5), st.integers(0, 5)),
        max_size=10,
    ),
)
def test_any_map_built_in_code_survives_the_yaml_and_json_forms(
    claims: int, edges: list[tuple[str, int, int]]
) -> None:
    m = argmap.Map()
    for i in range(claims):
        m.add_claim(f"c{i}", f"Claim {i}.")
    for kind, a, b in edges:
        source, target = f"c{a % claims}", f"c{b % claims}"
        if kind == "undercut":
            if not m.relations:
                continue
            target = m.relations[b % len(m.relations)].id
        try:
            m.add_relation(kind, source, target)
        except argmap.UsageError:
            continue  # the relation is there already
    wanted = sorted((r.id, r.source, r.target, r.type.value) for r in m.relations)
    for fmt in ("yaml", "json"):
        again = argmap.loads(m.dumps(fmt), fmt)
        assert [(c.id, c.text) for c in again.claims] == [(c.id, c.text) for c in m.claims]
        assert sorted((r.id, r.source, r.target, r.type.value) for r in again.relations) == wanted


def test_building_refuses_what_would_break_the_map() -> None:
    m = built()
    with pytest.raises(argmap.UsageError, match="already has a claim 'c'"):
        m.add_claim("c", "Again.")
    with pytest.raises(argmap.UsageError, match="is not a slug"):
        m.add_claim("two words", "Text.")
    with pytest.raises(argmap.UsageError, match="no such claim"):
        m.support("p", "nowhere")
    with pytest.raises(argmap.UsageError, match="no side 'con'"):
        m.add_claim("x", "X.", by="con")
    with pytest.raises(argmap.UsageError, match="unknown relation type 'agrees'"):
        m.add_relation("agrees", "p", "c")
    assert len(m.claims) == 4  # nothing half added


def test_diff_gives_the_changes_of_the_json_contract(copied: Path) -> None:
    essay = argmap.load(copied)
    # Named as the essay, its source file is found from where the essay is.
    revised = argmap.loads(essay.dumps("yaml"), name=str(copied))
    revised.add_claim("new-doubt", "A doubt.")
    revised.attack("new-doubt", "soc1c")
    changes = argmap.diff(essay, revised)
    assert [(c.kind, c.id) for c in changes] == [
        ("node-added", "new-doubt"),
        ("relation-added", "attack:new-doubt:soc1c"),
    ]
    revised.save(copied.parent / "revised.yaml")
    printed = json.loads(cli("diff", copied, copied.parent / "revised.yaml", "--format", "json"))
    assert [c.to_json() for c in changes] == printed["changes"]


def test_the_library_prints_nothing(essay: argmap.Map, capsys: pytest.CaptureFixture[str]) -> None:
    m = built()
    m.check()
    m.evaluate("dfquad").explain("c")
    m.render("svg")
    m.dumps("argdown")
    argmap.diff(essay, m)
    with pytest.raises(argmap.ArgmapError):
        argmap.loads(BROKEN).render("svg")
    assert capsys.readouterr() == ("", "")


# -- the worked example ---------------------------------------------------------------------

EXAMPLE = REPO / "examples" / "library.py"
EXAMPLE_OUTPUT = """\
loaded Socialism in One Country vs Permanent Revolution: 38 claims, 42 relations
problems in it: 0
broken.yaml:5:19: dangling-ref
grounded: 34 in, 4 out
why soc1c is out: out
dfquad strength of soc1c: 0.33
svg: True
json: same claims after a round trip: True
json: same claims from dumps/loads: True
yaml: same claims after a round trip: True
yaml: same claims from dumps/loads: True
argdown: same claims after a round trip: True
argdown: same claims from dumps/loads: True
diff: node-added new-doubt
diff: relation-added attack:new-doubt:soc1c
"""


def test_the_example_script_does_everything_the_issue_asks(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "out").mkdir()
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), str(ESSAY), "broken.yaml", "out"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == EXAMPLE_OUTPUT
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "essay.argdown",
        "essay.json",
        "essay.svg",
        "essay.yaml",
    ]


def test_the_example_script_is_strictly_typed() -> None:
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent))
    if mypy is None:
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    done = subprocess.run(
        [mypy, "--strict", "--no-incremental", str(EXAMPLE)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
