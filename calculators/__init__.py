"""Parsing and statistics for the cluster-pack calculator.

Standard library only: the same code runs under pytest on CPython and in the browser under Pyodide.
"""

from .cluster import Quantiles, position, quantiles
from .comparison import Comparison, IndicatorResult, compare_with_cluster
from .counts import ParsedCounts, parse_counts
from .danish import format_interval, format_number, position_sentence, position_text
from .door import handle, handle_json
from .errors import InputError
from .export import comparison_to_dict, to_csv
from .follow_up import follow_up
from .follow_up_table import follow_up_table
from .funnel import funnel_point
from .gamma import chi2_ppf, gammainc_lower
from .listed import parse_int
from .overdispersion import Overdispersion
from .overdispersion import estimate as estimate_overdispersion
from .rate_ratio import rate_ratio
from .rates import poisson_limits, rate_ci
from .summary import summary_sentences
from .worker_api import run

__all__ = [
    "Comparison",
    "IndicatorResult",
    "InputError",
    "Overdispersion",
    "ParsedCounts",
    "Quantiles",
    "chi2_ppf",
    "compare_with_cluster",
    "comparison_to_dict",
    "estimate_overdispersion",
    "follow_up",
    "follow_up_table",
    "format_interval",
    "format_number",
    "funnel_point",
    "gammainc_lower",
    "handle",
    "handle_json",
    "parse_counts",
    "parse_int",
    "poisson_limits",
    "position",
    "position_sentence",
    "position_text",
    "quantiles",
    "rate_ratio",
    "rate_ci",
    "run",
    "summary_sentences",
    "to_csv",
]
