"""Parsing and statistics for the cluster-pack calculators, and the one door the browser's worker comes in by.

Standard library only: the same code runs under pytest on CPython and in the browser under Pyodide. A request
walks down once: `door` -> `parsing` (what a user typed) -> `stats` (numbers, on `special` functions) -> words and
shapes (`danish`, each calculator's page and CSV modules). The calculators: `comparison` (one practice against its
cluster), `follow_up` (»Følg op«: before and after a change) and `cluster_file` (the cluster data file and
»Klyngens overblik«).
"""

from importlib import import_module as _import_module

# The package's public names and where each lives, imported when first asked for (PEP 562): the browser's worker
# imports calculators.door, and with it this package, before it can say »Klar«, and should pay then only for what
# its page uses (door.py).
_PUBLIC = {
    "InputError": "errors",
    "chi2_ppf": "special.gamma",
    "estimate_overdispersion": "stats.overdispersion:estimate",
    "follow_up": "follow_up.periods",
    "funnel_point": "stats.funnel",
    "handle": "door",
    "overview": "cluster_file.overview",
    "parse_counts": "parsing.counts",
    "parse_listed": "parsing.listed",
    "quantiles": "stats.quantiles",
    "rate_ci": "stats.rates",
    "rate_ratio": "stats.rate_ratio",
    "run": "comparison.request",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, _, attribute = _PUBLIC[name].partition(":")
    value = getattr(_import_module(f"{__name__}.{module}"), attribute or name)
    globals()[name] = value  # asked for once
    return value
