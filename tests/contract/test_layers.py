"""The layer rule (docs/architecture.md): each module imports only from its own layer or lower ones.

model and the shared helpers < log < queries < render < app < cli < front. The
imports are read from the source (module level and inside functions alike, since
a lazy import is still a dependency), so a back-arrow fails here, in CI, before review.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "tracker"

# Layers from the bottom; a module not named here is in its package's layer.
LAYERS: list[tuple[str, set[str]]] = [
    (
        "base",
        {
            "tracker",
            "tracker.inert",
            "tracker.model",
            "tracker.dates",
            "tracker.countries",
            "tracker.files",
            "tracker.writing",
            "tracker.locking",
            "tracker.urls",
        },
    ),
    ("log", {"tracker.log"}),
    ("queries", {"tracker.queries"}),
    ("render", {"tracker.render"}),
    ("app", {"tracker.app"}),
    ("cli", {"tracker.cli"}),
    ("front", {"tracker.front", "tracker.__main__"}),
]


def layer(module: str) -> int:
    """The layer of a module: the deepest name in LAYERS that it is, or is inside."""
    parts = module.split(".")
    for size in range(len(parts), 0, -1):
        name = ".".join(parts[:size])
        for index, (_, names) in enumerate(LAYERS):
            if name in names:
                return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found.append((".".join(parts), path))
    return found


@functools.cache
def known() -> frozenset[str]:
    """Every module of the package, read once per run (each import of every module asks)."""
    return frozenset(m for m, _ in modules())


def imports(module: str, path: Path) -> set[str]:
    """Every tracker module `module` imports, wherever in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "tracker"}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] != "tracker":
                continue
            for alias in node.names:  # `from tracker import cache` imports the module tracker.cache
                candidate = f"{base}.{alias.name}"
                out.add(candidate if candidate in known() else base)
    return out


@pytest.mark.parametrize(("module", "path"), modules(), ids=[m for m, _ in modules()])
def test_no_module_imports_a_higher_layer(module, path):
    mine = layer(module)
    upward = sorted(
        f"{name} ({LAYERS[layer(name)][0]})" for name in imports(module, path) if layer(name) > mine
    )
    assert upward == [], f"{module} ({LAYERS[mine][0]}) imports upward: {upward}"


def test_the_rule_catches_a_back_arrow(tmp_path):
    """The test itself can fail: a model that imports a renderer is caught."""
    bad = tmp_path / "model.py"
    bad.write_text("from tracker.render import json\n", encoding="utf-8")
    assert {layer(name) for name in imports("tracker.model", bad)} == {layer("tracker.render")}
    assert layer("tracker.render") > layer("tracker.model")


def test_the_front_doors_commands_are_the_queries_commands_and_the_clis():
    """The front door serves from the cache only commands that answer a query; its list is checked
    against the queries (each names its command) and against the CLI, so neither can drift."""
    import typer

    from tracker import queries
    from tracker.app import cachekey
    from tracker.cli import app
    from tracker.queries.base import Query

    kinds = [
        q for m in queries.modules() for q in vars(m).values() if isinstance(q, type) and issubclass(q, Query)
    ]
    commands = {q.command for q in kinds if q is not Query}
    exported = {c for c in commands if c.startswith("export ")}  # a file is written, never cached
    asked = commands - exported
    root = typer.main.get_command(app)
    cli = {c.name for c in root.commands.values()}  # type: ignore[attr-defined]
    assert set(cachekey.ANSWERS) == asked
    assert asked <= cli
    group = root.commands["export"]  # type: ignore[attr-defined]
    assert exported and exported <= {f"export {name}" for name in group.commands}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_two_modules_import_each_other():
    """No cycle, even through imports made only for type checking or inside a function: a cycle is
    two modules that cannot be understood, tested or moved apart (issue 20, "no cycle")."""
    graph = {module: imports(module, path) - {module} for module, path in modules()}
    assert cycles(graph) == []


def test_the_cycle_finder_finds_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
