"""The period a cluster's numbers cover, from its first to its last day, and how the pages say it.

A rate per 1,000 listed patients over two years is twice the same practice's rate over one, so every rate the pages
show is dated and its unit names the period's length ("pr. 1.000 tilmeldte på 2 år"): a practice can then pull
figures for the same days from its own system, and nobody reads a two-year rate as a yearly one.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .danish import EN_DASH, format_date


@dataclass(frozen=True)
class Period:
    first: datetime.date
    last: datetime.date  # included: 2024-01-01 to 2025-12-31 is two whole years

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"a period cannot end ({self.last}) before it begins ({self.first})")

    @classmethod
    def parse(cls, first: Any, last: Any) -> Period:
        """From two ISO dates as written ("2024-01-01", or the date YAML reads); ValueError for anything else."""
        return cls(*(datetime.date.fromisoformat(str(day).strip()) for day in (first, last)))

    @classmethod
    def from_dict(cls, period: Mapping[str, Any]) -> Period:
        """From {"first": "2024-01-01", "last": "2025-12-31"}, as the reference JSON carries it."""
        return cls.parse(period["first"], period["last"])

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def text(self) -> str:
        """ "1. januar 2024 – 31. december 2025" """
        return f"{format_date(self.first)} {EN_DASH} {format_date(self.last)}"

    @property
    def length(self) -> str:
        """ "2 år", "6 måneder" for whole calendar months, else "45 dage"."""
        after = self.last + datetime.timedelta(days=1)
        if self.first.day == 1 and after.day == 1:
            months = (after.year - self.first.year) * 12 + after.month - self.first.month
            if months % 12 == 0:
                return f"{months // 12} år"
            return f"{months} {'måned' if months == 1 else 'måneder'}"
        return f"{self.days} {'dag' if self.days == 1 else 'dage'}"

    @property
    def text_and_length(self) -> str:
        """ "1. januar 2024 – 31. december 2025 (2 år)": the period as the pages and CSVs name it."""
        return f"{self.text} ({self.length})"

    @property
    def unit(self) -> str:
        """The rates' unit, with the period's length beside it."""
        return f"pr. 1.000 tilmeldte på {self.length}"

    def to_dict(self) -> dict[str, str]:
        return {
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "text": self.text,
            "length": self.length,
            "text_and_length": self.text_and_length,
            "unit": self.unit,
        }
