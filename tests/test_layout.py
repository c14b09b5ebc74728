"""The one-way data flow of the fixed layout, checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "models": {"scribe", "extraction", "billing"},
    "extraction": {"scribe", "billing"},
    "billing": {"scribe", "extraction"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_flow_one_way(package):
    files = list((REPO / package).rglob("*.py"))
    assert files
    for f in files:
        bad = _imports(f) & FORBIDDEN[package]
        assert not bad, f"{f.relative_to(REPO)} imports {bad}"


SHIPPED = ("models", "extraction", "billing", "scribe")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The shipped modules ``name`` imports anywhere in its source, function bodies included."""
    found: set[str] = set()
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package[: len(package) - (node.level - 1)]
                base = ".".join(parent + ([base] if base else []))
            # `from a.b import c` imports the module a.b.c when there is one, else a name of a.b
            found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names}
    return (found & known) - {name}


def import_graph() -> dict[str, set[str]]:
    files = {_module_name(f): f for pkg in SHIPPED for f in (REPO / pkg).rglob("*.py")}
    return {name: _module_imports(name, f, set(files)) for name, f in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each a set of modules in a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles_among_the_shipped_packages():
    """No module of models/, extraction/, billing/ or scribe/ imports one that (in turn) imports it.

    Read statically from each module's AST. Imports inside functions COUNT: a lazy import hides a
    cycle from Python at start-up, not from the next engineer, so breaking a cycle means moving
    the shared code, not deferring the import. An edge goes to the module named (``import a.b``
    -> a.b; ``from a.b import c`` -> a.b.c when that is a module, else a.b); importing a package's
    submodule is not counted as importing the package's ``__init__``.
    """
    graph = import_graph()
    assert len(graph) > 100 and graph["scribe.web.app"]  # the graph was read, not empty
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(
        " <-> ".join(g) + "".join(f"\n    {m} imports {sorted(graph[m] & set(g))}" for m in g) for g in found
    )


def test_the_cycle_check_sees_function_level_imports_and_finds_a_cycle():
    assert "scribe.export.freeze" in import_graph()["scribe.actions"]  # imported inside confirm()
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_lazy_names_of_extraction_are_the_functions_whatever_was_imported_first():
    """``from extraction.extract import extract`` first used to leave ``extraction.extract`` bound
    to the submodule, so a later ``from extraction import extract`` got a module (a test-order
    failure). Both orders, each in a fresh interpreter."""
    import subprocess
    import sys

    for first, second in [("from extraction.extract import extract as a", "from extraction import extract as b"),
                          ("from extraction import extract as a", "from extraction.extract import extract as b")]:
        code = f"{first}; {second}; import types; assert a is b and isinstance(a, types.FunctionType), (a, b)"
        subprocess.run([sys.executable, "-c", code], check=True, cwd=str(Path(__file__).resolve().parent.parent))
