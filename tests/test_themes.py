"""Themes (light, dark, print, talk, and theme files), short labels and
tooltips, and the focus views --tag, --highlight and the "+N more" stubs.

Whole DOT files are compared with tests/golden/theme-*.dot and focus-*.dot;
after a deliberate change rewrite them with `pytest --update-golden` and
review the diff.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.analysis.focus import Stub, path_up, view
from argmap.cli import app
from argmap.errors import InputError, UsageError
from argmap.formats.native.read import load_yaml_text
from argmap.formats.registry import load_path
from argmap.model import ArgumentMap
from argmap.render import RenderOptions
from argmap.render.dot import BIG_MAP, FAST_LAYOUT, DotRenderer
from argmap.render.theme_file import load_theme, resolve_theme
from argmap.render.themes import DARK, LIGHT, PRINT, TALK, THEMES, Theme

DATA = Path(__file__).parent / "data"
LABELLED = DATA / "render" / "labelled.yaml"
runner = CliRunner()


def labelled() -> ArgumentMap:
    result = load_path(LABELLED)
    assert result.diagnostics == []
    return result.map


def dot(amap: ArgumentMap, **options: object) -> str:
    return DotRenderer().render(amap, RenderOptions(**options))  # type: ignore[arg-type]


def nodes(dot_text: str) -> dict[str, str]:
    """Node name -> its statement line."""
    return {
        line.split()[0].strip('"'): line
        for line in dot_text.splitlines()
        if line.startswith('\t"') and " -> " not in line
    }


def edges(dot_text: str) -> dict[str, str]:
    """Edge id -> its statement line."""
    return {found(r'\[id="([^"]*)"', line): line for line in dot_text.splitlines() if " -> " in line}


def found(pattern: str, text: str) -> str:
    """The first group of `pattern` in `text`, which must match."""
    match = re.search(pattern, text)
    assert match is not None, (pattern, text)
    return match.group(1)


# -- the four themes ----------------------------------------------------------


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_golden_per_theme(theme: Theme, golden: Callable[[str, str], None]) -> None:
    golden(f"theme-{theme.name}.dot", dot(labelled(), theme=theme))


def test_light_is_the_default_and_the_test_dot_goldens_are_light() -> None:
    assert RenderOptions().theme is LIGHT
    assert dot(labelled()) == dot(labelled(), theme=LIGHT)


def _colours(dot_text: str) -> set[str]:
    return set(
        re.findall(r'(?:color|fillcolor|fontcolor|bgcolor|COLOR)="(#[0-9a-fA-F]{6,8}|[a-z]+)"', dot_text)
    )


def _grey(colour: str) -> bool:
    if colour in {"white", "black"}:
        return True
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return r == g == b


def test_print_uses_no_colour_and_tells_relations_and_sides_apart_without_it() -> None:
    amap = labelled()
    text = dot(amap, theme=PRINT)
    # The map gives Trotsky a blue; print ignores it.
    assert all(_grey(c) for c in _colours(text)), sorted(c for c in _colours(text) if not _grey(c))
    # Each relation type: its own line style and its own arrowhead.
    looks = {
        type_: (found(r'arrowhead="([a-z]+)"', line), found(r'style="([a-z]+)"', line))
        for type_ in ("support", "attack", "undercut")
        for line in [edges(text)[f"legend/{type_}"]]
    }
    assert len({arrow for arrow, _ in looks.values()}) == 3
    assert len({style for _, style in looks.values()}) == 3
    # Each side: its own border, and its name under every claim.
    claims = nodes(text)
    assert claims["c1"].count("penwidth") == 1 and 'penwidth="2.8"' in claims["c1"]  # Stalin: bold
    assert 'style="rounded,filled,dashed"' in claims["a1"]  # Trotsky: dashed
    assert "Stalin \u00b7 c1</FONT>" in claims["c1"] and "Trotsky \u00b7 a1</FONT>" in claims["a1"]
    assert "\u00b7 a2</FONT>" not in claims["a2"] and ">a2</FONT>" in claims["a2"]  # by no side


def test_colour_themes_keep_a_sides_own_colour_and_tint_it_into_their_fill() -> None:
    amap = labelled()
    # Trotsky's #1f77b4 mixed into the claim fill: light 15% into #ffffff
    # (0xff - (0xff - 0x1f) * 0.15 = 0xdd, ...), dark 28% into #24272e
    # (0x24 + (0x1f - 0x24) * 0.28 = 34.6 -> 0x23, ...).
    for theme, fill in ((LIGHT, "#ddebf4"), (DARK, "#233d54")):
        line = nodes(dot(amap, theme=theme))["a1"]
        assert f'color="#1f77b4" fillcolor="{fill}"' in line


def test_talk_shows_short_labels_without_ids_and_bigger_type() -> None:
    text = dot(labelled(), theme=TALK)
    claims = nodes(text)
    # A short label is a title: one line, not wrapped at the theme's 22 characters.
    assert "label=<Isolation breeds bureaucracy>" in claims["a1"]
    assert "<FONT" not in claims["a1"]  # no id line
    assert 'fontsize="22"' in text.splitlines()[2] and 'penwidth="3.2"' in text.splitlines()[3]


def test_talk_cuts_a_long_text_without_label_to_a_few_words() -> None:
    amap = load_yaml_text(
        "claims:\n  - id: c\n    text: one two three four five six seven eight nine ten eleven twelve thirteen fourteen\n",
        "m.yaml",
    ).map
    assert (
        "label=<one two three four<BR/>five six seven eight<BR/>nine ten eleven<BR/>twelve…>"
        in nodes(dot(amap, theme=TALK))["c"]
    )


def test_short_labels_option_overrides_the_theme_both_ways() -> None:
    amap = labelled()
    assert "label=<Isolation breeds bureaucracy<BR/>" in nodes(dot(amap, short_labels=True))["a1"]
    assert (
        "label=<A socialist economy<BR/>isolated in" in nodes(dot(amap, theme=TALK, short_labels=False))["a1"]
    )
    # A claim without a label keeps its text.
    plain = load_yaml_text("claims:\n  - {id: c, text: Just text.}\n", "m.yaml").map
    assert "label=<Just text.<BR/>" in nodes(dot(plain, short_labels=True))["c"]


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=list(THEMES))
def test_every_claim_has_its_full_text_as_tooltip_in_every_theme(theme: Theme) -> None:
    amap = labelled()
    claims = nodes(dot(amap, theme=theme))
    for claim in amap.claims:
        assert f' tooltip="{claim.text}"' in claims[claim.id]
    joints = [name for name in claims if name.startswith(("joint/", "linked/"))]
    assert joints and all("tooltip" not in claims[name] for name in joints)


def test_tooltip_keeps_quotes_backslashes_and_line_breaks() -> None:
    amap = load_yaml_text('claims:\n  - {id: c, text: "Says \\"hi\\" \\\\N\\nnext"}\n', "m.yaml").map
    assert amap.claims[0].text == 'Says "hi" \\N\nnext'
    assert ' tooltip="Says \\"hi\\" \\\\N\\nnext"' in nodes(dot(amap))["c"]


def test_svg_tooltip_is_the_full_text() -> None:
    pygraphviz = pytest.importorskip("pygraphviz")
    svg = pygraphviz.AGraph(string=dot(labelled(), theme=TALK)).draw(format="svg", prog="dot").decode()
    assert (
        'xlink:title="A socialist economy isolated in one backward country will degenerate into bureaucracy."'
        in svg
    )
    assert ">Isolation breeds bureaucracy</text>" in svg


# -- theme files --------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_theme_file_overrides_a_base_theme(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'base: dark\nfont: "Fira Sans"\nfont_size: 13\nbackground: "#102"\n'
        'attack: {colour: "#FF7043", arrowhead: vee}\n'
        'sides:\n  - {border: "#4fc3f7", fill: "#102a3a", line: dotted}\nshort_labels: true\nmax_words: null\n',
    )
    theme = load_theme(path)
    assert theme.name == "mine"
    assert (theme.font, theme.font_size, theme.background) == ("Fira Sans", 13, "#110022")
    assert (theme.attack.colour, theme.attack.arrowhead, theme.attack.style) == ("#ff7043", "vee", "dashed")
    assert theme.support == DARK.support and theme.claim_fill == DARK.claim_fill
    assert len(theme.sides) == 1 and theme.sides[0].line == "dotted"
    assert theme.short_labels is True and theme.max_words is None
    text = dot(labelled(), theme=theme)
    assert 'bgcolor="#110022" fontname="Fira Sans"' in text
    assert 'arrowhead="vee" color="#ff7043"' in edges(text)["attack:a1:c1"]


def test_base_alone_is_that_theme(tmp_path: Path) -> None:
    assert load_theme(write(tmp_path, "base: print\n")) == dataclasses.replace(PRINT, name="mine")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("base: dark\ncolour: '#fff'\n", "mine.yaml:2:1: error: unknown key 'colour' in the theme"),
        ("fnt: Arial\n", "mine.yaml:1:1: error: unknown key 'fnt' in the theme; did you mean 'font'?"),
        (
            "base: drak\n",
            "mine.yaml:1:7: error: base: no theme 'drak'; choose light, dark, print, talk; did you mean 'dark'?",
        ),
        (
            "background: #fff\n",
            'mine.yaml:1:12: error: background is empty; write a colour in quotes, like "#336699" (YAML reads # as a comment)',
        ),
        (
            "background: red\n",
            'mine.yaml:1:13: error: background: \'red\' is not a colour; write "#rgb", "#rrggbb" or "#rrggbbaa"',
        ),
        (
            "claim_fill: '#12345'\n",
            'mine.yaml:1:13: error: claim_fill: \'#12345\' is not a colour; write "#rgb", "#rrggbb" or "#rrggbbaa"',
        ),
        ("font_size: 0\n", "mine.yaml:1:12: error: font_size must be a number from 4 to 144, not 0"),
        ("font_size: big\n", "mine.yaml:1:12: error: font_size must be a number from 4 to 144, not big"),
        ("wrap: 2.5\n", "mine.yaml:1:7: error: wrap must be a whole number from 0 to 500, not 2.5"),
        ("short_labels: 1\n", "mine.yaml:1:15: error: short_labels must be true or false, not a int"),
        (
            "support: {style: wavy}\n",
            "mine.yaml:1:18: error: support: style must be one of solid, dashed, dotted, bold, not 'wavy'",
        ),
        (
            "attack: {arrowhead: spear}\n",
            "mine.yaml:1:21: error: attack: arrowhead 'spear' is not a Graphviz arrow shape",
        ),
        (
            "attack: {colr: '#000'}\n",
            "mine.yaml:1:10: error: unknown key 'colr' in attack; did you mean 'colour'?",
        ),
        ("sides: []\n", "mine.yaml:1:8: error: sides: the list is empty; give one or more {border, fill}"),
        ("sides:\n  - {border: '#000'}\n", "mine.yaml:2:5: error: a side needs fill"),
        (
            "sides:\n  - {border: '#000', fill: '#fff', line: wavy}\n",
            "mine.yaml:2:42: error: line must be one of solid, bold, dashed, dotted, double, not 'wavy'",
        ),
        ("- a\n", "mine.yaml:1:1: error: the theme must be a mapping, not a list"),
        ("font: [a]\n", "mine.yaml:1:7: error: font must be text, not a list"),
        ("font: a\nfont: b\n", "mine.yaml:2:1: error: duplicate key 'font' in theme"),
        (
            "font: !!python/name:os.system a\n",
            "mine.yaml:1:7: error: unsupported YAML tag 'tag:yaml.org,2002:python/name:os.system'",
        ),
        (
            "font: 'a\n",
            "mine.yaml:1:7: error: YAML syntax: a quoted text that is never closed (its quote starts here)",
        ),
    ],
)
def test_theme_file_errors_are_one_line_with_the_place(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        load_theme(write(tmp_path, text))
    assert str(caught.value).replace(str(tmp_path) + "/", "").startswith(message)
    assert "\n" not in str(caught.value)


def test_resolve_theme_by_name_or_file(tmp_path: Path) -> None:
    assert resolve_theme("talk") is TALK
    assert resolve_theme(str(write(tmp_path, "base: talk\n"))).font_size == TALK.font_size
    with pytest.raises(
        UsageError, match=r"--theme: no theme 'neon'; choose light, dark, print, talk or name a \.yaml"
    ):
        resolve_theme("neon")
    with pytest.raises(InputError, match="no such file"):
        resolve_theme(str(tmp_path / "missing.yaml"))


def test_cli_theme_file_error_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    theme = write(tmp_path, "base: dark\nbackground: blue\n")
    result = runner.invoke(
        app, ["render", str(LABELLED), "--theme", str(theme), "-o", str(tmp_path / "m.svg")]
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"argmap: {theme}:2:13: error: background: 'blue' is not a colour; "
        'write "#rgb", "#rrggbb" or "#rrggbbaa"\n'
    )
    assert not (tmp_path / "m.svg").exists()


# -- focus: --tag, --highlight, "+N more" -------------------------------------


def test_tag_keeps_the_tagged_claims_and_their_path_up() -> None:
    shown = view(labelled(), tag="economy").map
    # u2 undercuts the linked inference p2+p3 -> c1, so that argument comes
    # whole; p4 is under a1, under c1.
    assert [c.id for c in shown.claims] == ["c1", "p2", "p3", "u2", "a1", "p4"]
    both = view(labelled(), side="trotsky", tag="economy").map
    assert [c.id for c in both.claims] == ["c1", "p2", "p3", "u2", "a1", "p4"]
    assert [c.id for c in view(labelled(), side="stalin", tag="core").map.claims] == ["c1"]


def test_tag_and_highlight_refuse_unknown_names() -> None:
    with pytest.raises(UsageError, match=r"^--tag: no claim has tag 'nope' \(tags: core, economy\)$"):
        view(labelled(), tag="nope")
    with pytest.raises(UsageError, match=r"^--highlight: no claim 'nope' in the map$"):
        view(labelled(), highlight="nope")
    with pytest.raises(UsageError, match=r"^--highlight: no claim 'p4' in the part of the map drawn$"):
        view(labelled(), root="c1", depth=1, highlight="p4")


def test_path_up_follows_supports_attacks_and_undercuts_to_the_roots() -> None:
    amap = labelled()
    assert path_up(amap, "p4") == {"p4", "a1", "c1"}
    assert path_up(amap, "u1") == {"u1", "c1"}  # through the inference p1 -> c1, not to p1
    assert path_up(amap, "p1") == {"p1", "c1", "a1"}
    assert path_up(amap, "a2") == {"a2", "a1", "c1"}


def test_stubs_count_the_claims_a_deeper_view_would_show() -> None:
    amap = labelled()
    assert view(amap, depth=1).stubs == (Stub("p1", 1), Stub("p2", 1), Stub("a1", 2))
    assert view(amap, depth=0).stubs == (Stub("c1", 8),)
    assert view(amap, depth=2).stubs == ()
    assert view(amap).stubs == ()
    assert view(amap, root="a1", depth=0).stubs == (Stub("a1", 3),)
    # With a side: what that side's view without the depth would add. At
    # depth 1 Trotsky's view is a1 and c1; deeper it adds u1 and u2 and the
    # premises whose inferences they undercut (p1; p2 and p3), and p4;
    # p1 also supports a1.
    assert view(amap, depth=1, side="trotsky").stubs == (Stub("c1", 5), Stub("a1", 3))


def test_golden_focus(golden: Callable[[str, str], None]) -> None:
    amap = labelled()
    golden("focus-depth1.dot", dot(amap, depth=1, legend=False))
    golden("focus-highlight-u1.dot", dot(amap, highlight="u1", legend=False, theme=DARK))


def test_highlight_lights_the_path_and_fades_the_rest() -> None:
    text = dot(labelled(), highlight="u1")
    claims = nodes(text)
    for lit in ("u1", "c1"):
        assert claims[lit].endswith(f'penwidth="{LIGHT.highlight_width:g}"]')
    for faded in ("p1", "a1", "p4", "a2", "p2"):
        assert re.search(r'fontcolor="#000000[0-9a-f]{2}"\]$', claims[faded]), claims[faded]
    lines = edges(text)
    assert lines["undercut:u1:support:p1:c1"].endswith('penwidth="2.8"]')
    assert lines["joint/support/p1/c1/out"].endswith('penwidth="2.8"]')
    assert lines["support:p1:c1"].endswith(f'color="#2e7d32{LIGHT.fade_alpha}"]')


def test_stub_nodes_are_small_dashed_notes_under_their_claim() -> None:
    text = dot(labelled(), depth=1)
    stub = nodes(text)["more/a1"]
    assert "label=<+2 more>" in stub and 'shape="note"' in stub and 'style="filled,dashed"' in stub
    assert 'tooltip="2 more claims under a1; a greater --depth shows them"' in stub
    assert edges(text)["more/a1/edge"].startswith('\t"more/a1" -> "a1"')


# -- big maps -------------------------------------------------------------------


def chain(claims: int) -> str:
    lines = ["claims:", "  - {id: c0, text: Top.}"]
    lines += [f"  - {{id: c{i}, text: Claim {i}.}}" for i in range(1, claims)]
    lines.append("relations:")
    lines += [f"  - {{from: c{i}, to: c{i - 1}, type: support}}" for i in range(1, claims)]
    return "\n".join(lines) + "\n"


def test_big_maps_get_the_fast_layout_and_cli_says_so(tmp_path: Path) -> None:
    big, small = tmp_path / "big.yaml", tmp_path / "small.yaml"
    big.write_text(chain(BIG_MAP + 1), encoding="utf-8")
    small.write_text(chain(BIG_MAP), encoding="utf-8")
    graph_line = " ".join(f'{k}="{v}"' for k, v in FAST_LAYOUT.items())
    result = runner.invoke(app, ["render", str(big), "-f", "dot"])
    assert result.exit_code == 0
    assert result.stderr == (
        f"argmap: {BIG_MAP + 1:,} claims (over {BIG_MAP:,}): faster Graphviz layout; "
        "--full-layout for the usual one\n"
    )
    assert graph_line in result.stdout.splitlines()[1]
    result = runner.invoke(app, ["render", str(big), "-f", "dot", "--full-layout"])
    assert (result.exit_code, result.stderr) == (0, "") and graph_line not in result.stdout
    result = runner.invoke(app, ["render", str(small), "-f", "dot"])
    assert (result.exit_code, result.stderr) == (0, "") and graph_line not in result.stdout
    result = runner.invoke(app, ["render", str(small), "-f", "dot", "--fast-layout"])
    assert (result.exit_code, result.stderr) == (0, "") and graph_line in result.stdout.splitlines()[1]
    # A focused view counts the claims drawn.
    result = runner.invoke(app, ["render", str(big), "-f", "dot", "--depth", "3"])
    assert (result.exit_code, result.stderr) == (0, "") and graph_line not in result.stdout


def test_cli_focus_options_refuse_unknown_names_with_one_line(tmp_path: Path) -> None:
    out = tmp_path / "m.svg"
    for args, message in (
        (["--highlight", "nope"], "argmap: --highlight: no claim 'nope' in the map\n"),
        (["--tag", "nope"], "argmap: --tag: no claim has tag 'nope' (tags: core, economy)\n"),
        (
            ["--theme", "neon"],
            "argmap: --theme: no theme 'neon'; choose light, dark, print, talk or name a .yaml theme file\n",
        ),
    ):
        result = runner.invoke(app, ["render", str(LABELLED), "-o", str(out), *args])
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert not out.exists()
    result = runner.invoke(
        app, ["render", str(LABELLED), "-f", "dot", "--tag", "economy", "--highlight", "p4"]
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert [line.split()[0] for line in result.stdout.splitlines() if 'class="claim' in line] == [
        '"c1"',
        '"p2"',
        '"p3"',
        '"u2"',
        '"a1"',
        '"p4"',
    ]
