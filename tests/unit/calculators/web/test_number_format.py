"""The page's number formatting (calculators/web/danish_number.mjs, run under Node) writes every number exactly as
Python's calculators.danish.format_number does: a chart's axis and data table must never read 3,4 where the results
table Python wrote reads 3,3."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from calculators.danish import format_number

RUNNER = Path(__file__).resolve().parent / "format_numbers.mjs"

EDGES = [
    3.3499999999999996,  # just below 3,35 inside; written 3.3499999999999996, so 3,3
    0.15,  # 0.1499999… inside, written 0.15: 0,2
    0.25,
    0.35,
    2.5,
    -2.5,
    -0.04,  # rounds to zero: never "-0,0"
    -0.05,
    -0.0,
    0,
    0.0,
    1e-7,
    5e-324,
    0.049999999999999996,
    999.95,
    9999.95,
    1234567.89,
    -1234567.89,
    1e15 + 0.5,
    2**53,
    1e16,
    1.2345678901234568e20,
    1e21,
    1.5e300,
    1.7976931348623157e308,
    4.2,
    12.345,
    1000,
    1234,
    123456,
]


def sample_values() -> list[float]:
    """Halfway cases in every magnitude the pages show, and random doubles."""
    rng = random.Random(20261204)
    values: list[float] = []
    for scale in (1, 10, 100, 1000, 1e4, 1e6):
        values += [(n * 10 + 5) / 100 * scale for n in range(400)]
        values += [rng.uniform(0, 5) * scale for _ in range(150)]
    values += [round(rng.uniform(-100, 100), rng.randint(0, 4)) for _ in range(500)]
    values += [rng.random() * 10 ** rng.randint(-8, 22) for _ in range(500)]
    return values


def run_node(cases: list[list]) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node mangler på PATH (Node.js 18+ kræves, se README.md).")
    result = subprocess.run(
        [node, str(RUNNER)], input=json.dumps(cases), capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def python_axis(text: str) -> str:
    return text[:-2] if text.endswith(",0") else text


@pytest.mark.parametrize("decimals", [0, 1, 2])
def test_edge_values_read_as_python_writes_them(decimals):
    answers = run_node([[value, decimals] for value in EDGES])
    for value, answer in zip(EDGES, answers, strict=True):
        assert answer["formatted"] == format_number(value, decimals), value


def test_one_decimal_and_axis_labels_as_python_writes_them():
    values = EDGES + sample_values()
    answers = run_node([[value, 1] for value in values])
    for value, answer in zip(values, answers, strict=True):
        expected = format_number(value, 1)
        assert answer["decimal"] == expected, value
        assert answer["axis"] == python_axis(expected), value


def test_the_named_cases():
    answers = run_node([[3.3499999999999996, 1], [0.15, 1], [-0.04, 1], [1234567.89, 1], [2.5, 0]])
    assert [answer["formatted"] for answer in answers] == ["3,3", "0,2", "0,0", "1.234.567,9", "3"]


@pytest.mark.parametrize(
    ("size", "shown"),
    [(2_000_103, "2,1"), (2_100_000, "2,1"), (2_100_001, "2,2"), (50_000_000, "50,0"), (2_000_001, "2,1")],
)
def test_a_size_over_the_limit_is_never_shown_as_the_limit(size, shown):
    """»Teksten fylder 2,0 MB … højst 2 MB« read as a contradiction for 2.000.103 bytes: sizes round up."""
    [answer] = run_node([[size, 1]])
    assert answer["over"] == shown
