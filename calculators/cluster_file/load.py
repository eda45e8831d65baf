"""A cluster data file loaded in the page: the file's text in, plain JSON-ready dicts
out (the cluster to compare against, the practices' labels, the region's rates), every number also in Danish."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..danish import format_date, format_interval, format_number
from ..errors import InputError
from ..stats.rates import rate, rate_ci
from .format import ClusterFile
from .read import read_cluster_file


def load_cluster_file(request: Mapping[str, Any]) -> dict[str, Any]:
    """{"text": the file's text, "reference": the page's pack JSON} -> {"ok": True, "file": {...}}, or
    {"ok": False, "error": Danish message} for a file that is not a sound cluster data file for this pack."""
    try:
        data = read_for_pack(request.get("text"), request["reference"])
    except InputError as error:
        return {"ok": False, "error": str(error)}
    return {"ok": True, "file": cluster_file_to_dict(data)}


def read_for_pack(text: str, reference: Mapping[str, Any]) -> ClusterFile:
    """The file read, and checked to be made for the page's pack and its indicators; InputError in Danish if not."""
    data = read_cluster_file(text)
    if data.pack != reference["pack"]:
        raise InputError(
            f"Klyngedatafilen er til klyngepakken »{data.pack_name}«, ikke til »{reference['name']}«. "
            "Åbn den på den klyngepakkes side, eller bed MidtKraft om en fil til denne."
        )
    # The names too: a file must not show the pack's counts under another indicator's name.
    expected = [(str(i["id"]), str(i["name"]), tuple(map(str, i["codes"]))) for i in reference["indicators"]]
    if [(i.id, i.name, i.codes) for i in data.indicators] != expected:
        raise InputError(
            "Klyngedatafilen er lavet med andre indikatorer, navne eller ydelseskoder, end beregneren bruger "
            "nu. Bed MidtKraft om en ny klyngedatafil."
        )
    return data


def cluster_file_to_dict(data: ClusterFile) -> dict[str, Any]:
    cluster = data.cluster_entry()
    cluster_listed = sum(cluster["listed"])
    return {
        "pack": data.pack,
        "pack_name": data.pack_name,
        "period": data.period.to_dict(),
        "cluster_name": data.cluster,
        "date": data.date.isoformat(),
        "date_text": format_date(data.date),
        "open": data.open,
        "cluster": cluster,
        "practices": [
            {
                "label": p.label,
                "listed": p.listed,
                "listed_text": format_number(p.listed, 0),
                "paste_text": paste_text(data, p),
                "rates": {
                    indicator.id: _practice_rate(count, p.listed) for indicator, count in zip(data.indicators, p.counts)
                },
            }
            for p in data.practices
        ],
        "indicators": [
            {
                "id": indicator.id,
                "name": indicator.name,
                "codes": list(indicator.codes),
                "cluster_rate": (pooled := rate(sum(cluster["counts"][indicator.id]), cluster_listed)),
                "cluster_rate_text": format_number(pooled),
                "region_count": indicator.region_count,
                "region_rate": data.region_rate(indicator),
                "region_rate_text": format_number(data.region_rate(indicator)),
            }
            for indicator in data.indicators
        ],
        # As the pack's reference data have them (macros/reference.py): for a practice that types its own patients
        # by sex and age.
        "bands": data.reference_bands() or None,
        "region": {
            "practices": data.region_practices,
            "listed": data.region_listed,
            "listed_text": format_number(data.region_listed, 0),
        },
    }


def paste_text(data: ClusterFile, practice) -> str:
    """The practice's row as the calculator's paste ("4436;89" a line), for "Vælg jeres praksis i datafilen"."""
    return "\n".join(f"{code};{count}" for code, count in data.counts_by_code(practice).items())


def _practice_rate(count: int, listed: int) -> dict[str, Any]:
    """A practice's rate per 1,000 with its 95 % interval, for the cluster's overview."""
    value, lower, upper = rate_ci(count, listed)
    return {
        "count": count,
        "count_text": format_number(count, 0),
        "rate": value,
        "rate_text": format_number(value),
        "lower": lower,
        "upper": upper,
        "interval_text": format_interval(lower, upper),
    }
