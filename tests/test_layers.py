"""The package's layers point one way (lang → analysis → extract, stance → store → query, digest → cli): read from
the source's import statements, so a new import against the flow, a circle between modules, or a module nobody has
placed in a layer fails here."""
import ast
from collections import defaultdict
from pathlib import Path

import quotetrack

PACKAGE = Path(quotetrack.__file__).parent

# A top-level module or subpackage, and its layer: a module may import its own layer or lower ones, never higher.
LAYER = {
    "quotetrack": 0, "datafiles": 0, "dates": 0, "lang": 0, "kb": 0, "models": 0, "learned": 0,
    "analysis": 1, "textnorm": 1,
    "extract": 2, "stance": 2, "ingest": 2, "web": 2,
    "pipeline": 3, "evaluate": 3, "schema": 3,
    "store": 4, "fetch_history": 4, "train": 4,
    "query": 5, "parallel": 5,
    "digest": 6, "digest_views": 6, "digest_render": 6, "digest_files": 6, "digest_svg": 6, "serve": 6,
    "distributed": 6,
    "cli": 9, "__main__": 10,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imported(name: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The package's modules an import statement of module `name` reaches."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        here = name.split(".") if MODULES[name].name == "__init__.py" else name.split(".")[:-1]
        base = ".".join(here[: len(here) - node.level + 1] + ([node.module] if node.module else []))
    submodules = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES]
    return submodules or [base]


def import_graph() -> dict[str, set[str]]:
    graph = defaultdict(set)
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                graph[name] |= {t for t in imported(name, node) if t in MODULES and t != name}
    return graph


def top(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_every_module_has_a_layer():
    assert {top(name) for name in MODULES} <= set(LAYER)


def test_no_import_goes_up_a_layer():
    upward = [(a, b) for a, targets in import_graph().items() for b in targets
              if top(a) != top(b) and LAYER[top(b)] > LAYER[top(a)]]
    assert upward == []


def test_no_module_imports_itself_through_others():
    graph = import_graph()
    done, on_path, circles = set(), [], []

    def visit(name):
        on_path.append(name)
        for target in graph[name]:
            if target in on_path:
                circles.append(on_path[on_path.index(target):] + [target])
            elif target not in done:
                visit(target)
        on_path.pop()
        done.add(name)

    for name in list(graph):
        if name not in done:
            visit(name)
    assert circles == []


def test_the_check_reads_relative_imports():
    node = ast.parse("from ..cli import group").body[0]
    assert imported("quotetrack.extract.cues", node) == ["quotetrack.cli.group"]
    node = ast.parse("from ..analysis import Document").body[0]
    assert imported("quotetrack.extract.cues", node) == ["quotetrack.analysis"]
    node = ast.parse("from . import candidates").body[0]
    assert imported("quotetrack.extract.cues", node) == ["quotetrack.extract.candidates"]
