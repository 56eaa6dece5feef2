"""No module of lrcg imports a module that imports it, directly or through others, counting imports inside
functions too (a lazy import hides a circle; it does not remove it)."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "lrcg"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(unresolved: list[str] | None = None) -> dict[str, set[str]]:
    """module -> the lrcg modules it imports. `from pkg import name` counts as importing the submodule
    `pkg.name` when there is one, else `pkg`. A package's `__init__` running before its submodules is
    Python's doing, not an import the submodule makes, so it is not an edge. Imports of lrcg modules
    that do not exist go to `unresolved` ("module: target")."""
    modules = {module_name(p): p for p in PACKAGE_DIR.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name.split(".")[0] == "lrcg")
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - (node.level - 1)]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                if source.split(".")[0] != "lrcg":
                    continue
                for alias in node.names:
                    sub = f"{source}.{alias.name}"
                    targets.add(sub if sub in modules else source)
        if unresolved is not None:
            unresolved.extend(f"{name}: {t}" for t in sorted(targets - set(modules)))
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as [a, b, ..., a], or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return None


def test_the_graph_sees_lazy_and_relative_imports():
    graph = import_graph()
    assert "lrcg.execution.warm" in graph["lrcg.execution.run"]
    assert "lrcg.execution.programs" in graph["lrcg.execution.validate"]  # imported inside a function
    assert "lrcg.execution.languages" in graph["lrcg.analysis.tables"]
    assert "lrcg.generation.batched" in graph["lrcg.generation.openai_backend"]  # inside a function, same package
    assert "lrcg.generation.prompting" in graph["lrcg.evaluate"]  # `from .generation import prompting`
    assert "lrcg.generation.backends.base" in graph["lrcg.spec"]
    assert "lrcg.execution.judge" in graph["lrcg.commands.execute"]  # the one judge, from every command
    assert {"lrcg.generation", "lrcg.analysis", "lrcg.execution", "lrcg.training"} <= set(graph)
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_every_lrcg_import_names_a_module():
    unresolved: list[str] = []
    import_graph(unresolved)
    assert unresolved == []


def test_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


# What each package may not import: execution runs programs and knows nothing of models or tables; generation
# makes completions and analysis reads outcomes, neither needs the other; training only loads models to train.
# The run spec (lrcg.spec) and evaluate sit above them all: none of the packages imports them, and a backend
# (generation.backends) is given the spec, never the pipeline that runs it.
FORBIDDEN = {
    "lrcg.execution": ("lrcg.generation", "lrcg.analysis", "lrcg.training", "lrcg.spec", "lrcg.evaluate"),
    "lrcg.generation": ("lrcg.analysis", "lrcg.training", "lrcg.spec", "lrcg.evaluate", "lrcg.execution.judge"),
    "lrcg.analysis": ("lrcg.generation", "lrcg.training", "lrcg.spec", "lrcg.evaluate"),
    "lrcg.training": ("lrcg.analysis", "lrcg.spec", "lrcg.evaluate"),
    # the one place bf16/fp32 is decided: a leaf that generation, training and doctor can all import
    "lrcg.hardware": ("lrcg.execution", "lrcg.generation", "lrcg.analysis", "lrcg.training", "lrcg.spec",
                      "lrcg.evaluate"),
}


def test_packages_keep_to_their_layer():
    def inside(module: str, package: str) -> bool:
        return module == package or module.startswith(package + ".")

    crossings = sorted(f"{m} -> {t}" for m, targets in import_graph().items() for t in targets
                       for package, forbidden in FORBIDDEN.items() if inside(m, package)
                       for f in forbidden if inside(t, f))
    assert crossings == []
