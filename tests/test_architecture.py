"""The shape of the code, read from its syntax trees (not grepped): who may import whom, and who may run SQL.

- geodata/ (the store, the plans, the spatial sources) imports nothing from layers/, desktop/, cli/, tools/
  or Qt; layers/ (what the program shows and exports) imports nothing from desktop/, cli/, tools/ or Qt.
- geodata/ is the only owner of SQL: the program's other code (layers/, desktop/, cli/, main.py) makes no
  `.execute`, `.executemany` or `.executescript` call, and uses sqlite3 only for its Connection type (it
  may pass a connection around as a handle). tools/, tests/ and bench/ may make stores of their own.
- The geodata modules import each other without a cycle, counting imports inside functions too.

Every failure lists each file and line with the rule it breaks.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIPPED_DIRS = {".venv", ".git", "__pycache__", "build", "resources", "docs"}
QT = "PySide6"
FORBIDDEN_IMPORTS = {
    "geodata": ("layers", "desktop", "cli", "tools", QT),
    "layers": ("desktop", "cli", "tools", QT),
}
SQL_OWNERS = ("geodata", "tools", "tests", "bench")  # build tools, tests and benchmarks may set up stores too
SQL_CALLS = ("execute", "executemany", "executescript")
SQLITE_TYPES = ("Connection",)  # what of sqlite3 the code outside geodata/ may name


@dataclass(frozen=True)
class Module:
    name: str  # dotted, e.g. geodata.imports.importer
    path: Path
    tree: ast.Module
    root: Path

    @property
    def top(self) -> str:
        return self.name.split(".")[0]

    @property
    def package(self) -> str:
        """The package relative imports start from."""
        return self.name if self.path.name == "__init__.py" else self.name.rpartition(".")[0]

    def where(self, node: ast.AST) -> str:
        return f"{self.path.relative_to(self.root).as_posix()}:{getattr(node, 'lineno', 0)}"


@dataclass(frozen=True)
class Import:
    node: ast.AST
    target: str  # dotted name of what is imported: a module, or a name inside one


def python_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if any(part in SKIPPED_DIRS or part.startswith(".") or part.endswith(".egg-info") for part in parts[:-1]):
            continue
        yield path


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def load_modules(root: Path) -> dict[str, Module]:
    modules = {}
    for path in python_files(root):
        name = module_name(root, path)
        modules[name] = Module(name, path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path)), root)
    return modules


def imports_of(module: Module, known: set[str]) -> list[Import]:
    """Every import statement anywhere in the module (top level, inside functions, under TYPE_CHECKING),
    resolved to absolute dotted names; `from a.b import c` names a.b.c when that is a module, else a.b."""
    found = []
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            found += [Import(node, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.package.split(".") if module.package else []
                base = base[:len(base) - (node.level - 1)] if node.level > 1 else base
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                candidate = f"{source}.{alias.name}" if source else alias.name
                found.append(Import(node, candidate if candidate in known else source))
    return found


def top_level(name: str) -> str:
    return name.split(".")[0]


def layering_violations(modules: dict[str, Module]) -> list[str]:
    known = set(modules)
    problems = []
    for module in modules.values():
        forbidden = FORBIDDEN_IMPORTS.get(module.top)
        if not forbidden:
            continue
        for imp in imports_of(module, known):
            if top_level(imp.target) in forbidden:
                problems.append(f"{module.where(imp.node)}: {module.top}/ must not import {imp.target} "
                                f"({module.top}/ imports nothing from {', '.join(forbidden)})")
    return problems


def sql_violations(modules: dict[str, Module]) -> list[str]:
    problems = []
    for module in modules.values():
        if module.top in SQL_OWNERS:
            continue
        sqlite_names = {"sqlite3"}
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Import):
                sqlite_names |= {alias.asname or alias.name for alias in node.names if alias.name == "sqlite3"}
            elif isinstance(node, ast.ImportFrom) and node.module == "sqlite3" and not node.level:
                for alias in node.names:
                    if alias.name not in SQLITE_TYPES:
                        problems.append(f"{module.where(node)}: imports sqlite3.{alias.name}; outside geodata/ "
                                        f"only the sqlite3.Connection type may be named")
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS:
                problems.append(f"{module.where(node)}: calls .{node.func.attr}(...); only geodata/ runs SQL, "
                                f"so put the query in a geodata function and call that")
            elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                  and node.value.id in sqlite_names and node.attr not in SQLITE_TYPES):
                problems.append(f"{module.where(node)}: uses sqlite3.{node.attr}; outside geodata/ only the "
                                f"sqlite3.Connection type may be named (open and query the store in geodata/)")
    return problems


def import_graph(modules: dict[str, Module], package: str) -> dict[str, set[str]]:
    """Module -> the modules of `package` it imports (anywhere in its body)."""
    inside = {name for name in modules if top_level(name) == package}
    graph: dict[str, set[str]] = {name: set() for name in inside}
    for name in inside:
        for imp in imports_of(modules[name], set(modules)):
            target = imp.target
            while target and target not in inside:  # `from geodata.x import name`: the module geodata.x
                target = target.rpartition(".")[0]
            if target and target != name:
                graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (as a closed path) per strongly connected component that has one (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(_closed_path(graph, set(component)))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _closed_path(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """A path start -> ... -> start through the component, found breadth first."""
    start = min(component)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node] & component):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if nxt not in previous:
                    previous[nxt] = node
                    following.append(nxt)
        frontier = following
    return sorted(component)


@pytest.fixture(scope="module")
def modules() -> dict[str, Module]:
    return load_modules(ROOT)


def report(problems: list[str], rule: str) -> str:
    return f"{len(problems)} place(s) break the rule: {rule}\n" + "\n".join(problems)


def test_every_package_is_read(modules: dict[str, Module]):
    tops = {module.top for module in modules.values()}
    assert {"geodata", "layers", "desktop", "main", "tests"} <= tops, sorted(tops)


def test_geodata_and_layers_do_not_import_upwards(modules: dict[str, Module]):
    problems = layering_violations(modules)
    assert not problems, report(problems, "geodata/ and layers/ do not import from the layers above them")


def test_only_geodata_runs_sql(modules: dict[str, Module]):
    problems = sql_violations(modules)
    assert not problems, report(problems, "only geodata/ runs SQL")


def test_geodata_modules_import_each_other_without_a_cycle(modules: dict[str, Module]):
    graph = import_graph(modules, "geodata")
    assert graph["geodata.imports.importer"] >= {"geodata.feature_queries", "geodata.imports.linking"}, \
        "the import graph lost edges it should have"
    found = cycles(graph)
    problems = [" -> ".join(cycle) for cycle in found]
    assert not problems, report(problems, "geodata modules import each other without a cycle")


# --- the checks themselves, on a small made-up tree ------------------------------------------------

def _tree(root: Path, files: dict[str, str]) -> dict[str, Module]:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return load_modules(root)


def test_the_checks_find_what_they_look_for(tmp_path: Path):
    modules = _tree(tmp_path, {
        "geodata/__init__.py": "",
        "geodata/a.py": "from . import b\n",
        "geodata/b.py": "def f():\n    from geodata.c import thing\n",
        "geodata/c.py": "import geodata.a\nfrom layers import page\n",
        "geodata/d.py": "from geodata.a import x\n",
        "layers/__init__.py": "",
        "layers/page.py": ("import sqlite3\n\ndef f(db: sqlite3.Connection):\n"
                           "    db.execute('SELECT 1')\n    return sqlite3.connect(':memory:')\n"),
        "desktop/w.py": "from PySide6.QtCore import Qt\nfrom sqlite3 import Error\n",
    })
    layering = layering_violations(modules)
    assert len(layering) == 1 and "geodata/c.py:2" in layering[0] and "layers.page" in layering[0]
    sql = sql_violations(modules)
    assert any("layers/page.py:4" in p and ".execute" in p for p in sql)
    assert any("layers/page.py:5" in p and "sqlite3.connect" in p for p in sql)
    assert any("desktop/w.py:2" in p and "sqlite3.Error" in p for p in sql)
    assert not any(p.startswith("layers/page.py:3:") for p in sql), "the Connection type is allowed"
    graph = import_graph(modules, "geodata")
    assert graph["geodata.a"] == {"geodata.b"} and graph["geodata.d"] == {"geodata.a"}
    assert cycles(graph) == [["geodata.a", "geodata.b", "geodata.c", "geodata.a"]]
