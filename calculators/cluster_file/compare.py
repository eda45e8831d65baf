"""The calculator's comparison against a cluster data file the user has loaded in the page.

The page keeps the file's text in memory and sends it with each comparison; it is read again here (a few
milliseconds), so the worker holds nothing between requests and the numbers compared against are always the file's
own, validated by the same reader as the data consultant's script. The loaded cluster joins the page's demo
clusters under the id "datafil", and the answer adds what only a file has: how many practices the cluster has and
the region's rate beside the cluster's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..comparison.request import run
from ..errors import InputError, field_failure
from ..parsing.sex_and_age import band_field
from .format import CLUSTER_ID
from .load import cluster_file_to_dict, read_for_pack
from .standardised import standardise_with_file


def compare_with_file(request: Mapping[str, Any]) -> dict[str, Any]:
    """run()'s request plus "cluster_file" (the loaded file's text) -> run()'s answer, with "cluster_file" facts
    added when the loaded cluster is the one compared against."""
    try:
        data = read_for_pack(request.get("cluster_file"), request["reference"])
    except InputError as error:
        return field_failure("cluster_file", str(error))
    file = cluster_file_to_dict(data)
    reference = {**request["reference"], "clusters": [*request["reference"]["clusters"], file["cluster"]]}
    against_file = str(request.get("cluster_id")) == CLUSTER_ID
    standardise, unused = None, None
    if against_file:
        # The file's own period dates the rates, and its numbers are a real cluster's, not the demo clusters'. Its
        # region's bands (or none), never the pack's demo bands, give the counts expected from sex and age; the
        # page's boxes must be for the same groups.
        can_type = _same_groups(file["bands"], reference)
        unused = _unused_profile(request, reference, data.standardised, can_type)
        reference.update(period=file["period"], fictitious=False, bands=file["bands"] if can_type else None)
        standardise = standardise_with_file(data, file["period"], can_type)
    found: list[int] = []

    def own_row(cluster: Mapping[str, Any], listed: int, counts: dict[str, int]) -> int | None:
        if cluster is not file["cluster"]:
            return None
        row = find_own_row(file, listed, counts, request.get("row"))
        found.extend([] if row is None else [row])
        return row

    response = run({**request, "reference": reference}, own_row, standardise)
    if response["ok"] and against_file:
        result = response["result"]
        result["cluster_file"] = file_facts(file, found[0] if found else None, request.get("row"), result["indicators"])
        response["warnings"] += [unused] if unused else []
    return response


def _same_groups(bands: list | None, reference: Mapping[str, Any]) -> bool:
    """Whether the page's boxes for patients by sex and age (the pack's reference's groups) are the file's groups."""
    fields = reference.get("bands") or []
    return bool(bands) and [(b["sex"], b["age"]) for b in bands] == [(b["sex"], b["age"]) for b in fields]


def _unused_profile(request: Mapping[str, Any], reference: Mapping[str, Any], banded: bool, same: bool) -> str | None:
    """Why patients typed by sex and age are not used with this file, where some were typed and they cannot be."""
    typed = any(str(request.get(band_field(i)) or "").strip() for i in range(len(reference.get("bands") or [])))
    if not typed or same:
        return None
    why = "datafilens grupper er ikke de samme som felterne her" if banded else "datafilen har ikke køn og alder"
    return f"Jeres patienter efter køn og alder er ikke brugt: {why}."


def find_own_row(file: Mapping[str, Any], listed: int, counts: Mapping[str, int], label: Any) -> int | None:
    """The practice's own row in the file: the row it picked (`label`), or else the one row whose list size and
    counts are exactly the practice's. None when the numbers are no row's (the practice then joins the cluster)."""
    indicators = file["indicators"]

    def same_numbers(practice: Mapping[str, Any]) -> bool:
        if practice["listed"] != listed:
            return False
        for indicator in indicators:
            if any(code not in counts for code in indicator["codes"]):
                return False
            if sum(counts[code] for code in indicator["codes"]) != practice["rates"][indicator["id"]]["count"]:
                return False
        return True

    matches = [index for index, practice in enumerate(file["practices"]) if same_numbers(practice)]
    if label is not None:
        picked = [index for index in matches if file["practices"][index]["label"] == str(label)]
        return picked[0] if picked else None
    return matches[0] if len(matches) == 1 else None


def file_facts(
    file: Mapping[str, Any], own_row: int | None, picked: Any, compared: list[Mapping[str, Any]]
) -> dict[str, Any]:
    """How many practices, which of them the practice is, and the cluster's and the region's rate per indicator, in
    Danish. The cluster's rate is the one the practice was compared with (`compared`, the result's indicators), so
    the facts and the table show one figure: with a practice that joins the cluster, its own events are in it."""
    pooled = {indicator["id"]: indicator["pooled_rate_text"] for indicator in compared}
    joined = " med jeres tal" if own_row is None else ""
    practices = len(file["practices"])
    region = file["region"]
    text = (
        f"Klyngen i datafilen har {practices} praksis (data fra {file['date_text']}). Regionens rate bygger på "
        f"{region['practices']} praksis med {region['listed_text']} tilmeldte patienter."
    )
    own = None if own_row is None else file["practices"][own_row]["label"]
    if own is not None:
        how = "I er" if picked is not None else f"Jeres tal er de samme som »{own}« i datafilen, så I er"
        text += (
            f" {how} sammenlignet som »{own}«: jeres tal tæller med én gang i klyngens rate, og jeres placering er "
            f"blandt klyngens {practices - 1} andre praksis."
        )
    else:
        text += (
            " Jeres tal er ikke en af datafilens praksis, så I er lagt til klyngen som en praksis mere, når I "
            "sammenlignes."
        )
    return {
        "practices": practices,
        "own_row": own,
        "practices_text": text,
        "indicators": [
            {
                "id": i["id"],
                "name": i["name"],
                "region_rate": i["region_rate"],
                "text": f"{i['name']}: klyngen{joined} {pooled[i['id']]}, regionen {i['region_rate_text']} pr. 1.000",
            }
            for i in file["indicators"]
        ],
    }
