"""Shared pytest setup."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis: "dev", the default, tries new random examples each run (and
# replays failures saved in .hypothesis/); "ci" is the same examples every
# run, so a red CI is reproducible and no other change turns it green.
# Neither has a deadline: this suite shares small machines, and a test timed
# out by load is noise. Tests that set max_examples themselves keep their
# number under both; the profile sets it for the rest.
settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# A long random search, by hand: HYPOTHESIS_PROFILE=long pytest tests/test_yaml_paths.py
settings.register_profile(
    "long",
    max_examples=3000,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# `--hypothesis-profile NAME` on the command line wins over all three.
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

# The tests that make the full run slow (each a second or more, together
# most of its time): hypothesis round trips with hundreds of examples, real
# processes (the README's commands, the Argdown CLI, git). A browser's
# tests are quick (half a second): they stay in the quick run.
# `pytest -m "not slow"` leaves them out for a quick run; `pytest` and CI run
# them. "file" marks a whole file, "file::test" a test with all its cases;
# tests/test_suite.py checks that each still names a test.
SLOW = frozenset(
    {
        "test_readme.py",
        "test_argdown_cli.py",
        "test_argdown.py::test_yaml_argdown_yaml_keeps_what_argdown_holds",
        "test_evaluate.py::test_dung_semantics_agree_with_brute_force",
        "test_collective.py::test_collective_semantics_agree_with_brute_force",
        "test_evaluate.py::test_grounded_labels_are_the_grounded_labelling",
        "test_evaluate.py::test_leaving_out_nodes_of_relations_nobody_undercuts_changes_no_claim",
        "test_evaluate.py::test_dfquad_settles_in_the_unit_interval",
        "test_formats.py::test_graphml_is_xml_holding_the_whole_map",
        "test_formats.py::test_iccma_round_trip_keeps_the_framework_and_what_the_format_holds",
        "test_formats.py::test_any_text_reads_as_a_map_or_fails_cleanly",
        "test_formats.py::test_modules_are_imported_only_for_their_formats",
        "test_formats_aif.py::test_yaml_to_aif_to_yaml_keeps_what_aif_holds",
        "test_formats_aif.py::test_any_text_gives_a_map_or_an_input_error",
        "test_formats_kialo.py::test_yaml_to_kialo_to_yaml_keeps_what_kialo_holds",
        "test_formats_kialo.py::test_texts_that_look_like_entries_links_or_escapes_survive",
        "test_formats_sadface.py::test_yaml_to_sadface_to_yaml_keeps_everything",
        "test_formats_sadface.py::test_any_text_gives_a_map_or_an_input_error",
        "test_frames.py::test_frames_in_png_and_one_pdf_to_present_from",
        "test_git.py::test_git_diff_and_log_show_argument_changes",
        "test_slides_essay.py",
        "test_iccma.py::test_af_any_layout_reads_the_same",
        "test_layout_stability.py::test_output_does_not_depend_on_hash_order",
        "test_layout_stability.py::test_inserting_a_claim_keeps_the_order_of_the_others",
        "test_pictures.py::test_the_check_notices_a_changed_map_and_the_build_fixes_it",
        "test_roundtrip.py::test_graph_survives_the_tree_form",
        "test_roundtrip.py::test_random_yaml_raises_only_input_errors",
        "test_watch.py::test_watch_renders_again_on_each_save_and_keeps_the_last_good_output",
        "test_lsp.py",
        "test_schema_agrees.py::test_every_one_place_change_gets_the_same_verdict",
        "test_editors.py",
        "test_preview.py::test_a_map_with_errors_shows_them_and_keeps_the_last_good_drawing",
        "test_preview.py::test_a_map_broken_from_the_start_is_served_empty_with_its_problems_until_fixed",
        "test_schemes_formats.py::test_what_schemes_say_survives_the_tree_form_and_sadface",
        "test_api.py::test_the_example_script_is_strictly_typed",
        "test_api_docs.py::test_the_reference_site_builds_strictly_and_names_every_public_name",
        "test_api_docs.py::test_a_docstring_naming_no_parameter_fails_the_build",
        "test_notebook.py::test_the_notebook_runs_and_shows_the_diagram_the_table_and_the_diff",
    }
)


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        name = getattr(item, "originalname", item.name)
        if item.path.name in SLOW or f"{item.path.name}::{name}" in SLOW:
            item.add_marker(pytest.mark.slow)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/ files from the current output instead of comparing (review the diff).",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files."""
    return bool(request.config.getoption("--update-golden"))


GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def golden(update_golden: bool) -> Callable[[str, str], None]:
    """check(name, text): `text` must equal tests/golden/<name> (with
    --update-golden: becomes it)."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update_golden:
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"{path} is missing; create it with pytest --update-golden"
        assert text == path.read_text(encoding="utf-8")

    return check


def _corpora_folder() -> Path | None:
    """The shared external corpora (read-only, never copied here): named by
    $ARGMAP_CORPORA, or beside the repository as ../shared/corpora, or at the
    workplace's /work/shared/corpora when the clone lives elsewhere."""
    repo = Path(__file__).resolve().parent.parent
    candidates = [
        os.environ.get("ARGMAP_CORPORA"),
        repo.parent / "shared" / "corpora",
        "/work/shared/corpora",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


@pytest.fixture
def corpora() -> Path:
    """The corpora folder; the test is skipped, saying why, when it is absent."""
    folder = _corpora_folder()
    if folder is None:
        pytest.skip("external corpora not found: set ARGMAP_CORPORA or place them at ../shared/corpora")
    return folder


@pytest.fixture(autouse=True)
def _no_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output to a pipe honours COLUMNS, which pytest-xdist's workers (and
    many CI shells) set: every test starts without it, so golden output has
    the documented pipe widths; a test that wants a width sets it."""
    monkeypatch.delenv("COLUMNS", raising=False)
