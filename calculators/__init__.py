"""Parsing and statistics for the cluster-pack calculators, and the one door the browser's worker comes in by.

Standard library only: the same code runs under pytest on CPython and in the browser under Pyodide. A request
walks down once: `door` -> `parsing` (what a user typed) -> `stats` (numbers, on `special` functions) -> words and
shapes (`danish`, each calculator's page and CSV modules). The calculators: `comparison` (one practice against its
cluster), `follow_up` (»Følg op«: before and after a change) and `cluster_file` (the cluster data file and
»Klyngens overblik«).
"""

from .cluster_file.overview import overview
from .comparison.request import run
from .door import handle
from .errors import InputError
from .follow_up.periods import follow_up
from .parsing.counts import parse_counts
from .parsing.listed import parse_listed
from .special.gamma import chi2_ppf
from .stats.funnel import funnel_point
from .stats.overdispersion import estimate as estimate_overdispersion
from .stats.quantiles import quantiles
from .stats.rate_ratio import rate_ratio
from .stats.rates import rate_ci

__all__ = [
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
]
