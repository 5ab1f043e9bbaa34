"""The package's design, as its imports show it: layers that only look down (data → analysis → html →
the ``book`` facade; authoring above data; Sphinx extensions apart), no import cycle, and no import
hidden inside a function to dodge one."""

from __future__ import annotations

import ast

from repository import REPO_ROOT

PACKAGE = REPO_ROOT / "src" / "analytic_reader"

#: What each layer may import from the package (besides itself and the package root's constants).
ALLOWED = {
    "data": {"data"},
    "analysis": {"data", "analysis"},
    "html": {"data", "analysis", "html"},
    "authoring": {"data", "authoring"},
    "book": {"data", "analysis", "html", "authoring"},
    "cli": {"data", "analysis", "html", "authoring"},
    "sphinxext": {"data", "authoring", "sphinxext"},
}

#: Imports inside functions that are there for a reason other than a cycle: heavy libraries loaded only
#: where needed, so that ``make check`` and every Sphinx start-up stay fast.
LAZY = {
    ("book", "analytic_reader.html.charts"),  # matplotlib, only where a chart is drawn
    ("cli", "analytic_reader.html.charts"),  # matplotlib, only for the class report, not on every `check`
}


def modules() -> dict[str, ast.Module]:
    return {
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): ast.parse(
            path.read_text(encoding="utf-8")
        )
        for path in PACKAGE.rglob("*.py")
    }


def package_imports(tree: ast.AST, top_level_only: bool) -> list[str]:
    found = []
    nodes = tree.body if top_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analytic_reader"):
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("analytic_reader")]
    return found


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "root"


def test_every_layer_imports_only_the_layers_below_it():
    wrong = []
    for module, tree in modules().items():
        for target in package_imports(tree, top_level_only=False):
            if target == "analytic_reader" or layer(module) == "root":
                continue  # the package root holds constants and the lazy public names
            if layer(target) not in ALLOWED.get(layer(module), {layer(module)}):
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_the_package_has_no_import_cycle():
    graph = {module: set(package_imports(tree, top_level_only=False)) for module, tree in modules().items()}
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        for target in sorted(graph.get(node, ())):
            if target in path:
                cycles.append(" → ".join([*path[path.index(target) :], target]))
            elif target in graph and len(path) < 30:
                visit(target, [*path, target])

    for module in graph:
        if module != "analytic_reader":  # the root imports its public names lazily, by name only
            visit(module, [module])
    assert [c for c in cycles if "analytic_reader →" not in c and not c.startswith("analytic_reader ")] == []


def test_no_import_of_the_package_is_hidden_inside_a_function():
    hidden = []
    for module, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for target in package_imports(node, top_level_only=False):
                    if (
                        layer(module) if layer(module) != "root" else module,
                        target,
                    ) not in LAZY and module != "analytic_reader":
                        hidden.append(f"{module}.{node.name} imports {target}")
    assert hidden == []
