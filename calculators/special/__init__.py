"""Special functions the standard library lacks, each beside its inverse: the incomplete gamma function and the
chi-square quantile, the incomplete beta function and its quantile, the normal quantile. No statistics of our
own and no Danish here; stats/ builds on these."""
