"""The statistics: rates and their intervals, funnel limits, over-dispersion, quantiles, the rate ratio of two
periods and the events it would take to tell a change from chance. Numbers in, numbers out: no Danish, no parsing."""
