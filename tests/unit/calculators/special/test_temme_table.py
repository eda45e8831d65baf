"""Temme's coefficient table: what its exact generator (scripts/precompute_temme.py) makes, and what DLMF prints."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from calculators.special.temme_table import COEFFICIENTS

ROOT = Path(__file__).resolve().parents[4]


def load_generator():
    spec = importlib.util.spec_from_file_location("precompute_temme", ROOT / "scripts" / "precompute_temme.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.coefficients


def test_the_table_is_what_the_exact_generator_makes():
    assert load_generator()() == COEFFICIENTS


def test_the_first_coefficients_are_temmes():
    # DLMF 8.12.11: c_0(0) = -1/3, c_1(0) = -1/540, c_2(0) = 25/6048.
    assert COEFFICIENTS[0][0] == pytest.approx(-1 / 3, rel=1e-15)
    assert COEFFICIENTS[1][0] == pytest.approx(-1 / 540, rel=1e-15)
    assert COEFFICIENTS[2][0] == pytest.approx(25 / 6048, rel=1e-15)
