"""docs/notebook.ipynb runs in a real Jupyter kernel (nbclient, ipykernel)
without an error, and shows what it promises: the map's diagram as SVG,
the evaluation as a table, the diff. The notebook is kept without outputs:
its SVG would be 100 kB of Graphviz's output in every diff."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "docs" / "notebook.ipynb"
MISSING = [name for name in ("nbclient", "nbformat", "ipykernel") if importlib.util.find_spec(name) is None]


def test_the_notebook_is_kept_without_outputs() -> None:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert code
    assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)


def _printed(outputs: list[dict[str, Any]]) -> str:
    """What a cell printed: its stream outputs joined (the kernel flushes on a
    timer, so one print may come in several messages)."""
    return "".join(o["text"] for o in outputs if o["output_type"] == "stream")


def _run(monkeypatch: pytest.MonkeyPatch) -> list[list[dict[str, Any]]]:
    """Each code cell's outputs, after running the notebook in a new kernel."""
    import nbclient
    import nbformat

    # The kernel imports this checkout's argmap; jupyter_core's paths as it
    # will have them (without it, it warns that they will change).
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()  # raises CellExecutionError on any error in a cell
    return [cell["outputs"] for cell in notebook.cells if cell["cell_type"] == "code"]


@pytest.mark.skipif(bool(MISSING), reason=f"not installed: {', '.join(MISSING)} (pip install -e '.[test]')")
def test_the_notebook_runs_and_shows_the_diagram_the_table_and_the_diff(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    outputs = _run(monkeypatch)
    kinds = [[o["output_type"] for o in cell] for cell in outputs]
    assert all("error" not in cell for cell in kinds)
    loaded, whole, labels, why, strengths, focused, changed = outputs
    assert _printed(loaded).startswith("Socialism in One Country vs Permanent Revolution - 38 claims")
    svg = whole[0]["data"]["image/svg+xml"]
    assert "<svg" in svg and "soc1c" in svg
    table = labels[0]["data"]["text/html"]
    assert table.startswith("<table><caption>grounded</caption>")
    assert "<tr><td><code>soc1c</code></td><td>out</td>" in table
    assert _printed(why).startswith("soc1c is out (grounded)")
    assert "<th>strength</th>" in strengths[0]["data"]["text/html"]
    assert "undermine-charge" in focused[0]["data"]["image/svg+xml"]
    assert _printed(changed).splitlines() == [
        "node-added new-doubt  The USSR survived for reasons that say nothing of socialism.",
        "relation-added attack:new-doubt:ussr-survived  {'from': 'new-doubt', 'to': 'ussr-survived', 'type': 'attack'}",
        "status-changed ussr-survived in out",
    ]
