"""Period: the days a cluster's numbers cover, as the pages, the CSVs and the cluster data files date them."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators.period import Period

D = datetime.date


@pytest.mark.parametrize(
    ("first", "last", "text", "length"),
    [
        (D(2024, 1, 1), D(2025, 12, 31), "1. januar 2024 – 31. december 2025", "2 år"),
        (D(2025, 7, 1), D(2026, 6, 30), "1. juli 2025 – 30. juni 2026", "1 år"),
        (D(2024, 1, 1), D(2024, 6, 30), "1. januar 2024 – 30. juni 2024", "6 måneder"),
        (D(2024, 2, 1), D(2024, 2, 29), "1. februar 2024 – 29. februar 2024", "1 måned"),  # a leap year's February
        (D(2024, 1, 15), D(2024, 2, 28), "15. januar 2024 – 28. februar 2024", "45 dage"),
        (D(2024, 3, 5), D(2024, 3, 5), "5. marts 2024 – 5. marts 2024", "1 dag"),
    ],
)
def test_text_and_length(first, last, text, length):
    period = Period(first, last)
    assert (period.text, period.length) == (text, length)
    assert period.unit == f"pr. 1.000 tilmeldte på {length}"
    assert period.text_and_length == f"{text} ({length})"


def test_a_period_cannot_end_before_it_begins():
    with pytest.raises(ValueError):
        Period(D(2025, 1, 2), D(2025, 1, 1))


@given(st.dates(D(1990, 1, 1), D(2090, 1, 1)), st.integers(0, 4000))
def test_days_and_the_round_trip_through_json(first, extra):
    period = Period(first, first + datetime.timedelta(days=extra))
    assert period.days == extra + 1  # both days included
    assert Period.from_dict(period.to_dict()) == period
    # whole months are counted as the calendar counts them, and otherwise days
    after = period.last + datetime.timedelta(days=1)
    if first.day == 1 and after.day == 1:
        months = (after.year - first.year) * 12 + after.month - first.month
        assert period.length in (f"{months // 12} år", f"{months} måneder", "1 måned")
    else:
        assert period.length in (f"{period.days} dage", "1 dag")
