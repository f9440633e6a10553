"""The house stays in order: layers import downwards only (import-linter's
contracts in pyproject.toml), no module imports itself round a cycle (lazy
imports and the registries' import-by-name rows counted), and the core loads
no CLI framework, terminal library or Graphviz bindings. Each check is shown
to fail on a house that breaks it, so none passes vacuously."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "argmap"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
FORBIDDEN = ("typer", "click", "rich", "graphviz", "pygraphviz")


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


# -- import-linter's contracts --------------------------------------------------------


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    if not LINT_IMPORTS.exists():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_import_contracts_hold() -> None:
    done = _lint_imports(REPO)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("module", "statement", "contract"),
    [
        ("model.py", "import argmap.analysis.evaluate", "Layers point down"),
        ("formats/base.py", "import argmap.checks.gate", "Layers point down"),
        ("analysis/focus.py", "import rich", "The core imports no CLI framework"),
        ("render/dot/draw.py", "import typer", "Only the CLI uses the CLI framework"),
    ],
)
def test_each_contract_can_fail(tmp_path: Path, module: str, statement: str, contract: str) -> None:
    shutil.copytree(PACKAGE, tmp_path / "argmap", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    broken = tmp_path / "argmap" / module
    broken.write_text(broken.read_text(encoding="utf-8") + f"\n\ndef _broken() -> None:\n    {statement}\n")
    done = _lint_imports(tmp_path)
    assert done.returncode == 1
    assert f"{contract}" in done.stdout
    assert "BROKEN" in done.stdout


def test_every_package_is_in_the_layers() -> None:
    layers = next(c for c in _contracts() if c["type"] == "layers")["layers"]
    assert isinstance(layers, list)
    named = {name.strip() for layer in layers for name in layer.split("|")}
    packages = {
        f"argmap.{p.stem}"
        for p in PACKAGE.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists())
        or (p.suffix == ".py" and not p.stem.startswith("__"))
    }
    assert packages == named


# -- no cycles, lazy and by-name imports counted --------------------------------------


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(name: str, modules: Iterable[str]) -> str | None:
    """The longest known module `name` is or lies in (`a.b.c` for `a.b.c.X`)."""
    known = set(modules)
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    """Module -> the argmap modules it imports anywhere in its body (at the
    top, in functions, under TYPE_CHECKING), plus the modules the format and
    renderer registries import by name."""
    sources = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in sources}
    for name, path in sources.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            for target in targets:
                found = _resolve(target, sources) if target.startswith("argmap") else None
                if found is not None and found != name:
                    graph[name].add(found)
    graph["argmap.formats.registry"] |= _registry_modules()
    graph["argmap.render.registry"] |= _renderer_modules()
    return graph


def _registry_modules() -> set[str]:
    from argmap.formats.registry import FORMATS

    return {f.module.partition(":")[0] for f in FORMATS}


def _renderer_modules() -> set[str]:
    from argmap.render.registry import _RENDERERS

    return {module for module, _ in _RENDERERS.values()}


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(start: str) -> None:
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_round_a_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_check_sees_lazy_and_by_name_imports() -> None:
    graph = import_graph()
    # The registries' by-name rows are edges: a format module that imported
    # the registry back (as the old loader did) would close a cycle.
    assert "argmap.formats.aif" in graph["argmap.formats.registry"]
    assert "argmap.render.dot" in graph["argmap.render.registry"]
    graph["argmap.formats.aif"].add("argmap.formats.registry")
    assert cycles(graph) == [["argmap.formats.aif", "argmap.formats.registry"]]


# -- what a fresh interpreter loads ---------------------------------------------------


def core_modules() -> list[str]:
    """Every module of the packages the core contract names."""
    contract = next(c for c in _contracts() if str(c["name"]).startswith("The core"))
    packages = contract["source_modules"]
    assert isinstance(packages, list)
    found = []
    for name in sorted(_module_name(p) for p in PACKAGE.rglob("*.py")):
        if any(name == pkg or name.startswith(pkg + ".") for pkg in packages):
            found.append(name)
    return found


def imported_after(modules: Iterable[str]) -> list[str]:
    """Which FORBIDDEN modules a fresh interpreter has loaded after importing `modules`."""
    script = (
        "import importlib, sys\n"
        f"for name in {list(modules)!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(' '.join(m for m in {list(FORBIDDEN)!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_core_imports_no_cli_terminal_or_graphviz() -> None:
    modules = core_modules()
    assert "argmap.formats.native.read" in modules and "argmap.analysis.evaluate" in modules
    assert imported_after(modules) == []


def test_render_backend_loads_pygraphviz_only_when_drawing() -> None:
    assert imported_after(("argmap.render.graphviz", "argmap.render")) == []
    assert imported_after(("argmap.render.frames", "argmap.render.html")) == []


def test_the_check_can_fail() -> None:
    # Guards the tests above against passing vacuously.
    assert "typer" in imported_after(("argmap.cli",))
