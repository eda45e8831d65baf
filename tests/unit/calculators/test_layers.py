"""The package's layers, read from its imports: a request walks down once (parsing, then statistics, then words and
shapes), so a lower layer never imports a higher one, and the words-and-shapes modules compute nothing themselves."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import calculators

PACKAGE = Path(calculators.__file__).parent
# What each layer may import from the package, besides itself.
ALLOWED = {
    "special": set(),
    "stats": {"special"},
    "parsing": {"danish", "errors"},
    "danish": set(),
    "errors": set(),
    "csv_writer": set(),
}
# Words and shapes: they may read the statistics' constants (the levels), never call them.
SHAPES = ["comparison/page.py", "comparison/summary.py", "comparison/csv_export.py", "follow_up/csv_export.py"]


def package_imports(path: Path) -> list[tuple[str, list[str]]]:
    """(the package's top-level part imported, the names imported) for each relative import of a module."""
    found = []
    depth = len(path.relative_to(PACKAGE).parts) - 1
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            if node.level > depth:  # up to the package's root: the first part of the module names the layer
                top = (node.module or "").split(".")[0]
            else:  # within its own subpackage
                top = path.relative_to(PACKAGE).parts[0]
            found.append((top, [alias.name for alias in node.names]))
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_lower_layers_import_nothing_above_them(layer):
    modules = sorted((PACKAGE / layer).rglob("*.py")) if (PACKAGE / layer).is_dir() else [PACKAGE / f"{layer}.py"]
    for module in modules:
        for top, _ in package_imports(module):
            assert top == layer or top in ALLOWED[layer], f"{module.relative_to(PACKAGE)} importerer {top}"


@pytest.mark.parametrize("name", SHAPES)
def test_words_and_shapes_call_no_statistics(name):
    for top, names in package_imports(PACKAGE / name):
        if top in ("stats", "special"):
            assert all(imported.isupper() for imported in names), f"{name} importerer {names} fra {top}"
