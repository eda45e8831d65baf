"""Cluster ids are slugs of the clusters' names, so an id means the same cluster in every edition and build."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from macros.reference import check_clusters, reference_json

ROOT = Path(__file__).resolve().parents[3]


def frame(*names):
    return pd.DataFrame({"klynge": list(names), "tilmeldte": list(range(1000, 1000 + len(names)))})


def test_ids_are_the_names_as_slugs_and_do_not_move_when_a_cluster_is_added(project_copy):
    ids = {c["name"]: c["id"] for c in reference_json(ROOT, "videokonsultationer")["clusters"]}
    assert ids["Klynge A (fiktiv)"] == "klynge-a-fiktiv" and ids["Klynge D (fiktiv)"] == "klynge-d-fiktiv"
    # A cluster sorted before all others would have shifted every positional id (k1 -> k2).
    csv = project_copy / "data" / "reference" / "videokonsultationer.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    counts = next(line for line in lines[1:] if line.startswith("Klynge A (fiktiv);")).split(";")[2:]
    added = [";".join(["Klynge Aarhus Øst", str(3000 + 100 * i), *counts]) for i in range(5)]
    csv.write_text("\n".join(lines[:1] + added + lines[1:]) + "\n", encoding="utf-8")
    moved = {c["name"]: c["id"] for c in reference_json(project_copy, "videokonsultationer")["clusters"]}
    assert moved["Klynge Aarhus Øst"] == "klynge-aarhus-oest"
    assert {name: moved[name] for name in ids} == ids


def test_names_that_would_share_an_id_are_refused():
    problems = check_clusters(frame("Klynge Nord", "klynge nord!", "Klynge Syd"), "data/reference/x.csv")
    assert problems == [
        "data/reference/x.csv, kolonne »klynge«: »Klynge Nord« og »klynge nord!« kan ikke skelnes i "
        "beregneren, fordi de kun er forskellige i tegnsætning eller store og små bogstaver. "
        "Omdøb en af dem."
    ]


def test_a_name_without_letters_or_digits_is_refused():
    assert check_clusters(frame("– –"), "x.csv") == [
        "x.csv, kolonne »klynge«: »– –« skal indeholde mindst ét bogstav eller tal."
    ]
