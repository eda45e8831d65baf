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
from ..errors import field_failure
from .format import CLUSTER_ID
from .load import load_cluster_file


def compare_with_file(request: Mapping[str, Any]) -> dict[str, Any]:
    """run()'s request plus "cluster_file" (the loaded file's text) -> run()'s answer, with "cluster_file" facts
    added when the loaded cluster is the one compared against."""
    loaded = load_cluster_file({"text": request.get("cluster_file"), "reference": request["reference"]})
    if not loaded["ok"]:
        return field_failure("cluster_file", loaded["error"])
    file = loaded["file"]
    reference = {**request["reference"], "clusters": [*request["reference"]["clusters"], file["cluster"]]}
    response = run({**request, "reference": reference})
    if response["ok"] and str(request.get("cluster_id")) == CLUSTER_ID:
        result = response["result"]
        result["fictitious"] = False  # the site's demo clusters are fictitious; a cluster's own file is not
        result["period"] = file["period"]
        result["cluster_file"] = file_facts(file)
    return response


def file_facts(file: Mapping[str, Any]) -> dict[str, Any]:
    """How many practices, and the cluster's and the region's rate per indicator, in Danish."""
    practices = len(file["practices"])
    region = file["region"]
    return {
        "practices": practices,
        "practices_text": f"Klyngen i datafilen har {practices} praksis (data fra {file['date_text']}). Regionens "
        f"rate bygger på {region['practices']} praksis med {region['listed_text']} tilmeldte "
        "patienter.",
        "indicators": [
            {
                "id": i["id"],
                "name": i["name"],
                "cluster_rate": i["cluster_rate"],
                "region_rate": i["region_rate"],
                "text": f"{i['name']}: klyngen {i['cluster_rate_text']}, regionen {i['region_rate_text']} pr. 1.000",
            }
            for i in file["indicators"]
        ],
    }
