"""Example files: every valid case is clean under --strict; every invalid case
(a map in any format argmap reads) reports exactly the diagnostics in its
.expected file. And the list of the readers' check ids, LOADER_CHECKS, is
kept honest: it lists every id a reader can emit, and an invalid case
produces each."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.checks import CHECKS, LOADER_CHECKS
from argmap.checks.gate import check_file
from argmap.errors import InputError
from argmap.formats.references import CORPUS_MARKER
from argmap.formats.registry import reading_candidates

DATA = Path(__file__).parent / "data"
VALID = sorted(p for p in (DATA / "valid").iterdir() if p.suffix in {".yaml", ".json"})


def expected_file(path: Path) -> Path:
    """x.yaml, x.apx, x.aif.json -> x.expected"""
    return path.with_name(path.name.partition(".")[0] + ".expected")


def _readable(path: Path) -> bool:
    try:
        reading_candidates(path)
    except InputError:
        return False
    return True


INVALID = sorted(
    p
    for p in (DATA / "invalid").iterdir()
    if p.suffix != ".expected" and _readable(p) and expected_file(p).is_file()
)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_case_has_no_diagnostics(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(path.parent)
    checked = check_file(path.name)
    assert [str(d) for d in checked.diagnostics] == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_case_matches_expected(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(path.parent)
    expected = expected_file(path).read_text(encoding="utf-8").splitlines()
    assert expected, f"{path.name}: an invalid case must expect at least one diagnostic"
    checked = check_file(path.name)
    assert [str(d) for d in checked.diagnostics] == expected


def test_every_file_in_invalid_is_a_case_its_expected_file_or_a_source_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = DATA / "invalid"
    monkeypatch.chdir(folder)
    sources = {s.file for path in INVALID for s in check_file(path.name).map.sources.values() if s.file}
    expected = {expected_file(path).name for path in INVALID}
    assert len(expected) == len(INVALID), "two cases share an .expected file"
    # The folder is a corpus (for the ref-escape case): its marker file.
    others = (
        {p.name for p in folder.iterdir()} - {p.name for p in INVALID} - expected - sources - {CORPUS_MARKER}
    )
    assert others == set(), "a case without an .expected file, or a file no case uses"


# -- LOADER_CHECKS ----------------------------------------------------------------------

ARGMAP = Path(__file__).parent.parent / "argmap"
# Where the readers live: the formats, and the YAML layer under them.
READER_PACKAGES = ("formats", "yaml")


def produced_ids() -> set[str]:
    """The check ids the invalid cases' .expected files hold (each line ends '(id)')."""
    return {
        line.rpartition("(")[2].rstrip(")")
        for path in INVALID
        for line in expected_file(path).read_text(encoding="utf-8").splitlines()
    }


def test_every_loader_check_is_produced_by_an_invalid_case() -> None:
    assert set(LOADER_CHECKS) - produced_ids() == set()


def test_loader_checks_lists_every_id_a_reader_emits_and_no_other() -> None:
    emitted, unresolved = EmittedIds.scan()
    assert unresolved == [], "check ids this scan cannot read; make them constants or extend the scan"
    assert emitted - set(LOADER_CHECKS) - set(CHECKS) == set(), "emitted, but not in LOADER_CHECKS"
    assert set(LOADER_CHECKS) - emitted == set(), "in LOADER_CHECKS, but no reader emits it"


def test_the_scan_sees_each_way_of_making_a_diagnostic() -> None:
    code = (
        'ID = "by-constant"\n'
        "def make(check_id, message):\n    return Diagnostic(span, Severity.WARNING, check_id, message)\n"
        "def through(message, which):\n    return make(which, message)\n"
        "class Reader:\n"
        "    def warn(self, node, check, message):\n        self.out.append(make(check, message))\n"
        "    def read(self):\n"
        '        self.warn(node, "by-method", "m")\n'
        '        through("m", "by-function")\n'
        "        Diagnostic(span, Severity.ERROR, ID, message)\n"
        "        Diagnostic(span, Severity.ERROR, f'made-{up}', message)\n"
    )
    emitted, unresolved = EmittedIds.scan({"m": ast.parse(code)})
    assert emitted == {"by-constant", "by-method", "by-function"}
    assert unresolved == ["m:13"]


# (module, function, is a method, the check id parameter: its place among a caller's arguments, its name)
Maker = tuple[str, str, bool, int, str]


class EmittedIds:
    """The check ids the reader modules can put into a Diagnostic, read from
    their source: `Diagnostic(span, severity, check_id, message)` calls, and
    calls of the functions and methods that pass one of their parameters on
    as the check id (`self.error(node, "wrong-type", ...)`), to a fixed
    point. An id that is neither a string nor a module constant is
    "unresolved", named by module:line."""

    def __init__(self, modules: dict[str, ast.Module]) -> None:
        self.modules = modules
        self.makers: set[Maker] = set()
        self.emitted: set[str] = set()
        self.unresolved: set[str] = set()
        self.imports: dict[str, set[str]] = {}

    def _imported(self, module: str) -> set[str]:
        """The reader modules `module` imports, directly or through others."""
        if module in self.imports:
            return self.imports[module]
        seen: set[str] = set()
        stack = [module]
        while stack:
            for node in ast.walk(self.modules[stack.pop()]):
                if (
                    isinstance(node, ast.ImportFrom)
                    and node.module in self.modules
                    and node.module not in seen
                ):
                    seen.add(node.module)
                    stack.append(node.module)
        self.imports[module] = seen
        return seen

    @classmethod
    def scan(cls, modules: dict[str, ast.Module] | None = None) -> tuple[set[str], list[str]]:
        found = cls(modules if modules is not None else _reader_modules())
        while True:
            before = len(found.makers)
            found._pass()
            if len(found.makers) == before:
                return found.emitted, sorted(found.unresolved)

    def _pass(self) -> None:
        for module, tree in self.modules.items():
            constants = _string_constants(tree, self.modules)
            for function, is_method, call in _calls(tree):
                parameter = self._check_id_parameter(module, call)
                if parameter is None:
                    continue
                argument = _argument(call, *parameter)
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    self.emitted.add(argument.value)
                elif isinstance(argument, ast.Name) and argument.id in constants:
                    self.emitted.add(constants[argument.id])
                elif (
                    function is not None
                    and isinstance(argument, ast.Name)
                    and _is_parameter(function, argument.id)
                ):
                    index = _parameter_index(function, argument.id, is_method)
                    self.makers.add((module, function.name, is_method, index, argument.id))
                else:
                    self.unresolved.add(f"{module}:{call.lineno}")

    def _check_id_parameter(self, module: str, call: ast.Call) -> tuple[int, str] | None:
        """Where the check id is among the call's arguments, if it makes a
        Diagnostic. Functions are looked for in their own module; methods
        also in the reader modules it imports, directly or not, since a
        reader may inherit them from a base class in another
        (formats/native/nodes.py)."""
        name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
        if name == "Diagnostic":
            return 2, "check_id"
        method = isinstance(call.func, ast.Attribute)
        for maker_module, function, is_method, index, parameter in self.makers:
            reachable = maker_module == module or (is_method and maker_module in self._imported(module))
            if (function, is_method) == (name, method) and reachable:
                return index, parameter
        return None


def _reader_modules() -> dict[str, ast.Module]:
    return {
        ".".join(path.relative_to(ARGMAP.parent).with_suffix("").parts): ast.parse(
            path.read_text(encoding="utf-8")
        )
        for package in READER_PACKAGES
        for path in sorted((ARGMAP / package).rglob("*.py"))
    }


def _string_constants(tree: ast.Module, modules: dict[str, ast.Module]) -> dict[str, str]:
    """Module-level NAME = "text", and such names imported from the other modules."""
    constants: dict[str, str] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            target, value = statement.target, statement.value
        else:
            if isinstance(statement, ast.ImportFrom) and statement.module in modules:
                theirs = _string_constants(modules[statement.module], {})
                constants |= {a.asname or a.name: theirs[a.name] for a in statement.names if a.name in theirs}
            continue
        if isinstance(target, ast.Name) and isinstance(value, ast.Constant) and isinstance(value.value, str):
            constants[target.id] = value.value
    return constants


Function = ast.FunctionDef | ast.AsyncFunctionDef


def _calls(tree: ast.Module) -> Iterator[tuple[Function | None, bool, ast.Call]]:
    """Every call, with the function it is in (None at module level) and
    whether that function is a method."""

    def walk(
        node: ast.AST, function: Function | None, is_method: bool
    ) -> Iterator[tuple[Function | None, bool, ast.Call]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                yield from walk(child, child, isinstance(node, ast.ClassDef))
                continue
            if isinstance(child, ast.Call):
                yield function, is_method, child
            yield from walk(child, function, is_method)

    yield from walk(tree, None, False)


def _argument(call: ast.Call, index: int, name: str) -> ast.expr | None:
    """The argument passed for a parameter (None when it cannot be told: *args)."""
    if any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
        return None
    if index < len(call.args):
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == name), None)


def _is_parameter(function: Function, name: str) -> bool:
    return name in [a.arg for a in (*function.args.posonlyargs, *function.args.args)]


def _parameter_index(function: Function, name: str, is_method: bool) -> int:
    """The place of the parameter among the arguments a caller passes (after self)."""
    names = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    return names.index(name) - (1 if is_method else 0)
