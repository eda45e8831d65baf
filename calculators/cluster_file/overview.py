""" "Klyngens overblik": every practice of a loaded cluster data file, indicator by indicator, for the meeting.

Each practice is judged exactly as the calculator judges it when that practice chooses its own row in the file
(compare_with_cluster against the file's whole cluster), so the overview and the calculator can never disagree.
The chart per indicator is the calculator's funnel with every practice labelled, plus the region's rate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..comparison.compare import NO_EVENTS_NOTE, NOT_ASSESSABLE, IndicatorResult, compare_with_cluster
from ..comparison.page import period_text, rate_column, verdict_key, verdict_text
from ..comparison.standardised_table import CSV_COLUMNS, csv_cells
from ..comparison.summary import none_where_many_are_expected, overdispersion_sentence
from ..csv_writer import csv_text
from ..danish import format_interval, format_number, join_words
from ..errors import InputError, field_failure
from ..stats.funnel import funnel
from ..stats.rates import PER
from .format import ClusterFile
from .load import cluster_file_to_dict, read_for_pack
from .standardised import file_sentence, indicator_table

STANDARDISED_COLUMNS = CSV_COLUMNS[2:]  # the ratio's columns, as csv_cells fills them


def csv_header(unit_column: str, standardised: bool = False) -> tuple[str, ...]:
    return (
        "Indikator",
        "Praksis",
        "Tilmeldte",
        "Antal",
        unit_column,
        "95 % sikkerhedsinterval, nedre",
        "95 % sikkerhedsinterval, øvre",
        "Vurdering",
        *(STANDARDISED_COLUMNS if standardised else ()),
    )


def overview(request: Mapping[str, Any]) -> dict[str, Any]:
    """{"text": the file's text, "reference": the page's pack JSON} -> {"ok": True, "overview": {...}, "csv": ...},
    or the reader's Danish message for a bad file. First every number (each practice judged, each indicator's
    funnel), then the words and shapes."""
    try:
        data = read_for_pack(request.get("text"), request["reference"])
    except InputError as error:
        return field_failure("cluster_file", str(error))
    judged = [_judge(data, index) for index in range(len(data.practices))]
    by_indicator = [[results[position] for results in judged] for position in range(len(data.indicators))]
    funnels = [_funnel(data, results[0]) for results in by_indicator]
    file = cluster_file_to_dict(data)
    indicators = [
        _indicator(data, file, position, results, funnel_points)
        for position, (results, funnel_points) in enumerate(zip(by_indicator, funnels))
    ]
    return {
        "ok": True,
        "overview": {
            "cluster_name": data.cluster,
            "pack_name": data.pack_name,
            "period": file["period"],
            "date_text": file["date_text"],
            "open": data.open,
            "period_text": period_text(file["period"]),
            "rate_title": rate_column(file["period"]),
            "context": f"{data.cluster} · {len(data.practices)} praksis · {period_text(file['period'])} · data fra "
            f"{file['date_text']} · {'åbne data (praksisnavne)' if data.open else 'anonyme data'}",
            "indicators": indicators,
            # Said once, above the indicators: what the standardised ratios beside the rates take into account.
            "standardised_text": file_sentence(data.bands) if data.standardised else None,
        },
        "csv": to_csv(data, file, judged, [indicator["standardised"] for indicator in indicators]),
    }


CHART_LABEL = 16  # characters of an open practice's name beside its point; the table has the whole name


def short_label(label: str, is_open: bool) -> str:
    """The chart's label: the letter of an anonymous "Praksis A", an open practice's own name, shortened with »…«
    past CHART_LABEL characters so that a long name cannot run across the chart."""
    if not is_open:
        return label.removeprefix("Praksis ")
    return label if len(label) <= CHART_LABEL else label[: CHART_LABEL - 1].rstrip() + "…"


def _judge(data: ClusterFile, index: int) -> tuple[IndicatorResult, ...]:
    """One practice against its cluster, in which it is its own row, with its counts put on each indicator's first
    code (the comparison sums an indicator's codes, and the file holds only their sum)."""
    practice = data.practices[index]
    counts = data.counts_by_code(practice)
    indicators = [{"id": i.id, "name": i.name, "codes": list(i.codes)} for i in data.indicators]
    return compare_with_cluster(counts, practice.listed, indicators, data.cluster_entry(), own_row=index).indicators


def _funnel(data: ClusterFile, result: IndicatorResult) -> list[dict[str, float]]:
    """The indicator's funnel across the cluster's list sizes; none where the cluster has no events."""
    if result.overdispersion is None:
        return []
    listed = [p.listed for p in data.practices]
    return funnel(result.pooled_rate, listed, min(listed), result.overdispersion.tau2)


def _indicator(
    data: ClusterFile,
    file: Mapping[str, Any],
    position: int,
    results: Sequence[IndicatorResult],
    funnel_points: list[dict[str, float]],
) -> dict[str, Any]:
    indicator, facts = data.indicators[position], file["indicators"][position]
    first = results[0]
    rows = [
        {
            "label": p.label,
            "short_label": short_label(p.label, data.open),
            "listed": p.listed,
            "listed_text": format_number(p.listed, 0),
            "count": r.count,
            "count_text": format_number(r.count, 0),
            "rate": r.rate,
            "rate_text": format_number(r.rate),
            "lower": r.lower,
            "upper": r.upper,
            "interval_text": format_interval(r.lower, r.upper),
            "verdict": r.verdict,
            "verdict_key": verdict_key(r.verdict),
            "verdict_text": verdict_text(r),
        }
        for p, r in zip(data.practices, results)
    ]
    return {
        "id": indicator.id,
        "name": indicator.name,
        "codes": list(indicator.codes),
        "practices": rows,
        "cluster_rate": first.pooled_rate,
        "cluster_rate_text": format_number(first.pooled_rate),
        "region_rate": facts["region_rate"],
        "region_rate_text": facts["region_rate_text"],
        "rates_sentence": f"Klyngens samlede rate er {format_number(first.pooled_rate)} pr. 1.000, regionens er "
        f"{facts['region_rate_text']} pr. 1.000.",
        # Where the practices are far apart, that spread is the indicator's first finding.
        "overdispersion_text": overdispersion_sentence([first], judged="hver praksis' rate"),
        "none_sentence": _none_sentence(data, results),
        "limits_text": "grænserne for spredningen mellem klyngens praksis (95 % og 99,8 %)"
        if first.overdispersion and first.overdispersion.widened
        else "grænserne for, hvad der kan skyldes tilfældigheder (95 % og 99,8 %)",
        "verdicts_sentence": _verdicts_sentence(
            rows, widened=bool(first.overdispersion and first.overdispersion.widened)
        ),
        "funnel": funnel_points,
        # Beside the crude rates, where the file has sex and age bands (version 3).
        "standardised": indicator_table(data, position, period_text(file["period"])) if data.standardised else None,
    }


def _none_sentence(data: ClusterFile, results: Sequence[IndicatorResult]) -> str | None:
    """The practices with no events where the cluster's rate expects enough to count, said neutrally."""
    none = [
        (p.label, round(r.pooled_rate * p.listed / PER))
        for p, r in zip(data.practices, results)
        if none_where_many_are_expected(r, p.listed)
    ]
    if not none:
        return None
    names = join_words([f"{label} (omkring {format_number(expected, 0)})" for label, expected in none])
    return (
        f"Ingen ydelser, hvor klyngens samlede rate svarer til mange: {names}. Det er værd at tage op på klyngemødet."
    )


def _verdicts_sentence(rows: Sequence[Mapping[str, Any]], widened: bool) -> str:
    """ "Af klyngens 9 praksis ligger 1 højere end klyngens samlede rate; resten uden tydelig forskel.", or with
    widened limits "… ligger 1 over spredningen mellem klyngens praksis; resten inden for den." The pooled rate is
    the measure, as in the calculator: "forventet" would suggest a standard to meet."""
    if any(row["verdict"] == NOT_ASSESSABLE for row in rows):
        return NO_EVENTS_NOTE
    above, below = (sum(1 for row in rows if row["verdict_key"] == key) for key in ("higher", "lower"))
    words = ("over", "under") if widened else ("højere", "lavere")
    parts = [f"{n} {word}" for word, n in zip(words, (above, below)) if n]
    if widened:
        if not parts:
            return f"Alle klyngens {len(rows)} praksis ligger inden for spredningen mellem klyngens praksis."
        return (
            f"Af klyngens {len(rows)} praksis ligger {' og '.join(parts)} spredningen mellem klyngens praksis; "
            "resten inden for den."
        )
    if not parts:
        return f"Ingen af klyngens {len(rows)} praksis ligger tydeligt over eller under klyngens samlede rate."
    return (
        f"Af klyngens {len(rows)} praksis ligger {' og '.join(parts)} end klyngens samlede rate; resten uden "
        "tydelig forskel."
    )


def to_csv(
    data: ClusterFile,
    file: Mapping[str, Any],
    judged: Sequence[Sequence[IndicatorResult]],
    standardised: Sequence[Mapping[str, Any] | None],
) -> str:
    """One row per indicator and practice, then the cluster's and the region's rates, for Excel (csv_writer.py).
    `standardised`: each indicator's table of ratios as the page shows it (None for a file without bands)."""
    rows = [
        ("Klyngepakke", data.pack_name),
        ("Klynge", data.cluster),
        ("Periode", period_text(file["period"])),
        ("Data fra", file["date_text"]),
        ("Rater", data.period.unit),
        (),
        csv_header(rate_column(file["period"]), data.standardised),
    ]
    blank = ("",) * (len(STANDARDISED_COLUMNS) if data.standardised else 0)
    for position, indicator in enumerate(data.indicators):
        ratios = standardised[position]["rows"] if standardised[position] else [None] * len(data.practices)
        for practice, results, ratio in zip(data.practices, judged, ratios):
            r = results[position]
            rows.append(
                (
                    indicator.name,
                    practice.label,
                    str(practice.listed),
                    str(r.count),
                    *(format_number(v, grouping=False) for v in (r.rate, r.lower, r.upper)),
                    verdict_text(r),
                    *(() if ratio is None else csv_cells(ratio)),
                )
            )
        facts = file["indicators"][position]
        cluster_listed = sum(p.listed for p in data.practices)
        rows.append(
            (
                indicator.name,
                f"Klyngen ({data.cluster})",
                str(cluster_listed),
                str(sum(p.counts[position] for p in data.practices)),
                format_number(facts["cluster_rate"], grouping=False),
                "",
                "",
                "",
                *blank,
            )
        )
        rows.append(
            (
                indicator.name,
                "Regionen",
                str(data.region_listed),
                str(indicator.region_count),
                format_number(facts["region_rate"], grouping=False),
                "",
                "",
                "",
                *blank,
            )
        )
    return csv_text(rows)
