"""`make klyngedata` on the fictitious extract with sex and age bands: version 3 files whose crude numbers are the
unbanded extract's to the byte, whose bands and expected counts pandas computes again from the raw extract, and
Danish messages for what an extract with bands can get wrong."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from test_klyngedata import DEMO, FILES, FIXED, FIXTURES, INDICATORS, klyngedata

BANDED = FIXTURES / "fiktivt-udtraek-aldersgrupper.csv"
IDS = [indicator["id"] for indicator in INDICATORS]


def table(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))


def blocks(rows: list[list[str]]) -> list[list[list[str]]]:
    """The file's parts between blank lines: metadata, indicators, bands, practices."""
    parts, part = [], []
    for row in rows:
        if row:
            part.append(row)
        else:
            parts.append(part)
            part = []
    assert part[-1] == ["Slut på klyngedatafilen"]
    return [*parts, part[:-1]]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("klyngedata-bands")
    banded, plain = klyngedata(BANDED, folder / "bands", *FIXED), klyngedata(DEMO, folder / "plain", *FIXED)
    assert banded.returncode == 0, banded.stderr
    assert plain.returncode == 0, plain.stderr
    return folder / "bands", folder / "plain", banded


def independent_bands() -> tuple[pd.DataFrame, pd.DataFrame]:
    """From the raw extract with pandas: each practice's patients per band, and the region's (the practices of
    the clusters that get a file) patients and count per indicator per band."""
    extract = pd.read_csv(BANDED, sep=";", encoding="utf-8-sig", dtype={"Ydelseskode": str, "Ydernummer": str})
    code_to_indicator = {code: i["id"] for i in INDICATORS for code in i["codes"]}
    extract["indikator"] = extract["Ydelseskode"].map(code_to_indicator)
    key = ["Ydernummer", "Køn", "Aldersgruppe"]
    listed = extract.groupby(key)["Tilmeldte"].first().reset_index()
    sizes = (
        listed.groupby("Ydernummer")
        .first()
        .join(extract.groupby("Ydernummer")["Klynge"].first())["Klynge"]
        .map(extract.groupby("Klynge")["Ydernummer"].nunique())
    )
    in_files = set(sizes[sizes >= 5].index)
    region = extract[extract["Ydernummer"].isin(in_files)]
    counts = region.pivot_table(index=["Køn", "Aldersgruppe"], columns="indikator", values="Antal", aggfunc="sum")
    counts = counts.reindex(columns=IDS).fillna(0)
    counts["tilmeldte"] = (
        listed[listed["Ydernummer"].isin(in_files)].groupby(["Køn", "Aldersgruppe"])["Tilmeldte"].sum()
    )
    return listed, counts


def test_a_banded_extract_gives_version_3_files_with_the_unbanded_files_crude_numbers(runs):
    banded, plain, result = runs
    assert sorted(p.name for p in banded.iterdir()) == sorted(FILES.values())
    for name in FILES.values():
        with_bands, without = blocks(table(banded / name)), blocks(table(plain / name))
        assert with_bands[0][0] == ["MidtKraft klyngedatafil", "version 3"]
        assert without[0][0] == ["MidtKraft klyngedatafil", "version 2"]
        assert with_bands[0][1:] == without[0][1:] and with_bands[1] == without[1]  # metadata and indicators
        assert [row[: 2 + len(IDS)] for row in with_bands[3]] == without[2]  # the practices' crude numbers
    assert "Klynge Vest (fiktiv)" in result.stdout  # too small for a file, as without bands


def test_the_bands_and_expected_counts_match_pandas(runs):
    banded, _, _ = runs
    listed, region = independent_bands()
    rates = region[IDS].div(region["tilmeldte"], axis=0)
    for name in FILES.values():
        _, _, bands, practices = blocks(table(banded / name))
        assert bands[0] == ["Køn", "Aldersgruppe", "Regionens tilmeldte", *IDS]
        written = {(row[0], row[1]): [int(cell) for cell in row[2:]] for row in bands[1:]}
        assert written == {
            band: [int(region.at[band, "tilmeldte"]), *(int(region.at[band, id_]) for id_ in IDS)]
            for band in region.index
        }
        # Each practice's expected counts: its patients per band times the region's band rates, to two decimals.
        # The file hides which practice is which, so they are matched as sorted sets of (list size, expected).
        assert practices[0][2 + len(IDS) :] == [f"Forventet {id_}" for id_ in IDS]
        in_file = {(int(row[1]), tuple(row[2 + len(IDS) :])) for row in practices[1:]}
        members = {int(row[1]) for row in practices[1:]}
        computed = set()
        for _, profile in listed.groupby("Ydernummer"):
            total = int(profile["Tilmeldte"].sum())
            if total not in members:
                continue
            by_band = profile.set_index(["Køn", "Aldersgruppe"])["Tilmeldte"]
            expected = rates.mul(by_band.reindex(rates.index).fillna(0), axis=0).sum()
            computed.add((total, tuple(f"{expected[id_]:.2f}".replace(".", ",") for id_ in IDS)))
        assert in_file <= computed and len(in_file) == len(practices) - 1


def test_expected_counts_over_the_whole_region_add_up_to_its_counts(runs):
    """Indirect standardisation at the region's own rates expects, over all its practices, exactly its events."""
    banded, _, _ = runs
    totals = [0.0] * len(IDS)
    for name in FILES.values():
        _, indicators, _, practices = blocks(table(banded / name))
        for row in practices[1:]:
            for i, cell in enumerate(row[2 + len(IDS) :]):
                totals[i] += float(cell.replace(",", "."))
    region_counts = [int(row[3]) for row in indicators[1:]]
    for total, count in zip(totals, region_counts):
        assert total == pytest.approx(count, abs=0.005 * 28)  # 28 practices, each rounded to 0,01


def test_a_wide_banded_extract_gives_the_same_files(runs, tmp_path):
    banded, _, _ = runs
    extract = pd.read_csv(BANDED, sep=";", encoding="utf-8-sig", dtype={"Ydelseskode": str})
    wide = extract.pivot_table(
        index=["Ydernummer", "Praksis", "Klynge", "Køn", "Aldersgruppe", "Tilmeldte"],
        columns="Ydelseskode",
        values="Antal",
        aggfunc="sum",
        fill_value=0,
    ).reset_index()
    wide.to_csv(tmp_path / "bred.csv", sep=";", index=False, encoding="utf-8-sig")
    result = klyngedata(tmp_path / "bred.csv", tmp_path / "ud", *FIXED)
    assert result.returncode == 0, result.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "ud").iterdir()} == {
        p.name: p.read_bytes() for p in banded.iterdir()
    }


def edited(tmp_path, change) -> str:
    extract = pd.read_csv(BANDED, sep=";", encoding="utf-8-sig", dtype=str)
    extract = change(extract)
    extract.to_csv(tmp_path / "udtraek.csv", sep=";", index=False, encoding="utf-8-sig")
    result = klyngedata(tmp_path / "udtraek.csv", tmp_path / "ud", *FIXED)
    assert result.returncode == 1 and not (tmp_path / "ud").exists()
    return result.stderr


def test_only_one_of_sex_and_age_band_is_said(tmp_path):
    message = edited(tmp_path, lambda frame: frame.drop(columns="Aldersgruppe"))
    assert "udtraek.csv, række 1: kolonnen »aldersgruppe« mangler" in message
    assert "Et udtræk med aldersgrupper skal have både køn og aldersgruppe." in message


def test_an_empty_sex_is_said_with_its_row(tmp_path):
    def change(frame):
        frame.loc[8, "Køn"] = ""
        return frame

    assert "udtraek.csv, række 10, kolonne »køn«: feltet er tomt" in edited(tmp_path, change)


def test_a_band_whose_list_size_differs_between_its_rows_names_the_band(tmp_path):
    extract = pd.read_csv(BANDED, sep=";", encoding="utf-8-sig", dtype=str)
    first = extract.iloc[0]
    again = extract[
        (extract["Ydernummer"] == first["Ydernummer"])
        & (extract["Køn"] == first["Køn"])
        & (extract["Aldersgruppe"] == first["Aldersgruppe"])
    ].index[1]

    def change(frame):
        frame.loc[again, "Tilmeldte"] = str(int(first["Tilmeldte"]) + 1)
        return frame

    message = edited(tmp_path, change)
    assert (
        f"række {again + 2}: ydernummer {first['Ydernummer']} i køn »{first['Køn']}«, aldersgruppe "
        f"»{first['Aldersgruppe']}« har et andet antal tilmeldte (»{int(first['Tilmeldte']) + 1}«) end i række 2"
    ) in message
    assert f"alle sine rækker for køn »{first['Køn']}«, aldersgruppe »{first['Aldersgruppe']}«" in message


def test_a_practice_with_no_patients_in_any_band_is_said(tmp_path):
    extract = pd.read_csv(BANDED, sep=";", encoding="utf-8-sig", dtype=str)
    number = extract.loc[0, "Ydernummer"]

    def change(frame):
        frame.loc[frame["Ydernummer"] == number, "Tilmeldte"] = "0"
        return frame

    assert f"ydernummer {number} har 0 tilmeldte i alle sine aldersgrupper" in edited(tmp_path, change)


def test_a_hostile_band_name_is_refused_before_anything_is_written(tmp_path):
    def change(frame):
        frame.loc[frame["Aldersgruppe"] == "80+", "Aldersgruppe"] = "=80+"
        return frame

    message = edited(tmp_path, change)
    assert "Aldersgruppe »=80+« begynder med »=«" in message and "Ret det i kolonnen »aldersgruppe«" in message


def test_a_practice_without_rows_for_a_band_is_said_not_counted_as_no_patients(tmp_path):
    extract = pd.read_csv(BANDED, sep=";", encoding="utf-8-sig", dtype=str)
    number = extract.loc[0, "Ydernummer"]

    def change(frame):
        return frame[~((frame["Ydernummer"] == number) & (frame["Køn"] == "Mænd") & (frame["Aldersgruppe"] == "80+"))]

    practices = extract["Ydernummer"].nunique()
    message = edited(tmp_path, change)
    band = "køn »Mænd«, aldersgruppe »80+«"
    assert f"{band} findes hos {practices - 1} af {practices} praksis (ikke fx ydernummer {number})" in message


def test_a_band_spelt_another_way_for_one_practice_is_said(tmp_path):
    extract = pd.read_csv(BANDED, sep=";", encoding="utf-8-sig", dtype=str)
    number = extract.loc[0, "Ydernummer"]

    def change(frame):
        frame.loc[(frame["Ydernummer"] == number) & (frame["Aldersgruppe"] == "0-17"), "Aldersgruppe"] = "0–17"
        return frame

    message = edited(tmp_path, change)
    assert "aldersgruppe »0–17« findes hos 1 af" in message and "stav dem ens" in message
