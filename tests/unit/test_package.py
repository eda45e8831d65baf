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
    for name in [
        "InputError",
        "parse_int",
        "parse_counts",
        "ParsedCounts",
        "rate_ci",
        "chi2_ppf",
        "gammainc_lower",
        "poisson_limits",
        "quantiles",
        "position",
        "compare_with_cluster",
        "Comparison",
        "IndicatorResult",
        "format_number",
        "format_interval",
        "position_sentence",
        "summary_sentences",
        "to_csv",
        "comparison_to_dict",
        "run",
    ]:
        assert name in calculators.__all__ and hasattr(calculators, name)
