"""The package must run unchanged under Pyodide: standard library only, no files, no network."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from calculator_assets import package_modules

import calculators

PACKAGE = Path(calculators.__file__).parent
MODULES = package_modules(PACKAGE)
FORBIDDEN_MODULES = {
    "socket",
    "urllib",
    "http",
    "ssl",
    "subprocess",
    "os",
    "shutil",
    "pathlib",
    "tempfile",
    "ftplib",
    "smtplib",
    "asyncio",
    "multiprocessing",
    "threading",
    "sqlite3",
    "js",
    "pyodide",
}
FORBIDDEN_CALLS = {"open", "eval", "exec", "compile", "__import__", "input"}


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_standard_library_only(path):
    outside = {name for name in imports(path) if name not in sys.stdlib_module_names and name != "__future__"}
    assert not outside, f"{path.name} importerer {outside}"
    assert not imports(path) & FORBIDDEN_MODULES


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_file_access_or_dynamic_code(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    called = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert not called & FORBIDDEN_CALLS


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_shadows_the_standard_library(path):
    # Were the package folder ever put on sys.path, a module named e.g. statistics.py would replace the stdlib's.
    assert path.stem == "__init__" or path.stem not in sys.stdlib_module_names


def test_public_api():
    """The package root exports a small public API and nothing else; the rest is reached through its subpackages."""
    public = {
        "InputError",
        "chi2_ppf",
        "estimate_overdispersion",
        "follow_up",
        "funnel_point",
        "handle",
        "overview",
        "parse_counts",
        "parse_listed",
        "quantiles",
        "rate_ci",
        "rate_ratio",
        "run",
    }
    assert set(calculators.__all__) == public
    assert all(callable(getattr(calculators, name)) for name in public)
    defined = {name for name in vars(calculators) if not name.startswith("_")}
    assert defined - public <= {name.stem for name in PACKAGE.iterdir()}, "only subpackages and modules besides"
