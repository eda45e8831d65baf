"""The calculators' data: each pack's indicators (data/klyngepakker/) and its anonymous cluster reference data
(data/reference/), validated with pandas and reduced to the compact JSON the browser receives."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pandas as pd

from calculators.cluster_file.format import MIN_PRACTICES, name_problem
from calculators.period import Period

from .data import FEE_CODE, csv_line, fee_codes, read_table, read_yaml, row_list
from .errors import DataError, raise_if_any

BASE_COLUMNS = ("klynge", "tilmeldte")
BAND_COLUMNS = ("køn", "aldersgruppe", "tilmeldte")
BANDS_FILE = "data/reference/{pack}-koen-og-alder.csv"  # optional: the region's patients and counts by sex and age
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
COUNT = re.compile(r"[0-9]+")
MAX_DIGITS = 9  # no practice has a billion of anything; more is a pasting error (and would overflow)
# A cluster is named by place or letter ("Klynge Viborg Nord"); a long number may be a ydernummer, and these
# words name a single practice.
PRACTICE_LIKE = re.compile(r"\d{4,}|\b(praksis\w*|læge\w*|\w*klinik\w*|dr)\b", re.IGNORECASE)
DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def cluster_id(name: str) -> str:
    """A cluster's id from its name (»Klynge Århus Syd« -> klynge-aarhus-syd): it stays the same when clusters are
    added or removed, so a page or result cached by a browser never points at another cluster."""
    plain = unicodedata.normalize("NFKD", name.lower().translate(DANISH_LETTERS)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def pack_ids(root: Path) -> list[str]:
    return sorted(path.stem for path in (root / "data" / "klyngepakker").glob("*.yaml"))


def pack_config(root: Path, pack: str) -> dict:
    name = f"data/klyngepakker/{pack}.yaml"
    config = read_yaml(root, name)
    if not isinstance(config, dict):
        raise DataError([f"{name}: filen skal have felterne name, period, fictitious og indicators."])
    problems = [
        f"{name}: feltet »{field}« mangler." for field in ("name", "period", "indicators") if not config.get(field)
    ]
    problems += period_problems(name, config.get("period"))
    if not isinstance(config.get("fictitious"), bool):
        problems.append(f"{name}: feltet »fictitious« skal være true (fiktive data) eller false (rigtige data).")
    known = fee_codes(root).index
    for number, indicator in enumerate(config.get("indicators") or [], start=1):
        where = f"{name}, indikator nr. {number}"
        if not isinstance(indicator, dict) or not indicator.get("name") or not ID.match(str(indicator.get("id", ""))):
            problems.append(f"{where}: skal have »id« (små bogstaver, tal og bindestreg) og »name«.")
            continue
        codes = indicator.get("codes") or []
        if not codes:
            problems.append(f"{where} (»{indicator['name']}«): feltet »codes« skal liste mindst én ydelseskode.")
        for code in codes:
            if not FEE_CODE.match(str(code)):
                problems.append(
                    f"{where} (»{indicator['name']}«): »{code}« er ikke en ydelseskode. Skriv fire "
                    'cifre i anførselstegn, fx "0101".'
                )
            elif str(code) not in known:
                problems.append(
                    f"{where} (»{indicator['name']}«): ydelseskode {code} findes ikke i "
                    "data/fee_codes.csv. Tilføj den der, eller ret koden."
                )
    raise_if_any(problems)
    return config


def period_problems(name: str, period) -> list[str]:
    """The period's first and last day, as the page, the CSV and every cluster data file date the numbers."""
    how = "skal have »first« og »last«, periodens første og sidste dag som ÅÅÅÅ-MM-DD, fx first: 2024-01-01."
    if not isinstance(period, dict) or set(period) != {"first", "last"}:
        return [f"{name}: feltet »period« {how}"]
    try:
        Period.parse(period["first"], period["last"])
    except ValueError:
        return [f"{name}: feltet »period« {how} Sidste dag kan ikke ligge før første."]
    return []


def pack_period(config: dict) -> Period:
    return Period.parse(config["period"]["first"], config["period"]["last"])


def pack_codes(config: dict) -> list[str]:
    return list(dict.fromkeys(str(code) for indicator in config["indicators"] for code in indicator["codes"]))


def refuse_real_rows(pack: str, config: dict, frame: pd.DataFrame) -> list[str]:
    """Practice-level rows are published with the site (and stay in every old edition and in git's history), so
    only invented ones may be here. Real figures go to each cluster as a cluster data file (`make klyngedata`)."""
    if config["fictitious"] or frame.empty:
        return []
    return [
        f"data/reference/{pack}.csv: filen har {len(frame)} rækker med tal for enkelte praksis, men "
        f"data/klyngepakker/{pack}.yaml siger »fictitious: false«. Rigtige tal for praksis hører hjemme i "
        "klyngedatafiler (»make klyngedata«), som MidtKraft sender til klyngerne – aldrig i repositoriet eller på "
        "sitet. Er tallene fiktive, så skriv »fictitious: true«; ellers slet rækkerne, så kun overskriften er tilbage."
    ]


def check_header(frame: pd.DataFrame, name: str, codes: list[str]) -> list[str]:
    allowed = (*BASE_COLUMNS, *codes)
    # Excel reads 0101 as the number 101 and saves it so: that is a fee code, not an identifying column.
    zero_dropped = {
        column: column.zfill(4)
        for column in frame.columns
        if column not in allowed and column.isdigit() and column.zfill(4) in codes
    }
    problems = [
        f"{name}, række 1: kolonnen »{column}« er ikke en ydelseskode. Mente du »{code}«? Excel fjerner "
        "nullet foran: skriv det igen, og gem som »CSV UTF-8«."
        for column, code in zero_dropped.items()
    ]
    extra = [column for column in frame.columns if column not in allowed and column not in zero_dropped]
    if extra:
        problems.append(
            f"{name}, række 1: kolonnerne {', '.join(extra)} er ikke tilladt. Referencedata må kun have "
            f"{';'.join(allowed)} – aldrig praksisnavne, ydernumre eller andet, der kan identificere en praksis."
        )
    problems += [
        f"{name}, række 1: kolonnen »{column}« mangler."
        for column in allowed
        if column not in frame.columns and column not in zero_dropped.values()
    ]
    return problems


def check_counts(frame: pd.DataFrame, name: str, codes: list[str], practices: bool = True) -> list[str]:
    """Whole numbers in every count column; a practice (not a band of the region) has at least one patient."""
    problems = []
    for column in ("tilmeldte", *codes):
        for index, value in frame[column].items():
            if not COUNT.fullmatch(value):  # str.isdigit() would pass »²«, which int() then refuses
                problems.append(
                    f"{name}, række {csv_line(index)}, kolonne »{column}«: »{value}« er ikke et helt "
                    "tal på 0 eller derover. Skriv tallet med cifrene 0-9, uden punktum og mellemrum."
                )
            elif len(value.lstrip("0")) > MAX_DIGITS:
                problems.append(
                    f"{name}, række {csv_line(index)}, kolonne »{column}«: »{value}« er større, end "
                    "en praksis kan have. Tjek tallet."
                )
            elif practices and column == "tilmeldte" and int(value) == 0:
                problems.append(
                    f"{name}, række {csv_line(index)}, kolonne »tilmeldte«: en praksis skal have "
                    "mindst én tilmeldt patient."
                )
    return problems


def check_clusters(frame: pd.DataFrame, name: str) -> list[str]:
    problems = []
    for index, value in frame["klynge"].items():
        if not value:
            problems.append(f"{name}, række {csv_line(index)}, kolonne »klynge«: skriv klyngens navn.")
    for cluster, rows in frame.groupby("klynge", sort=False).groups.items():
        if cluster and PRACTICE_LIKE.search(cluster):
            problems.append(
                f"{name}, række {csv_line(rows[0])}, kolonne »klynge«: »{cluster}« ligner navnet på "
                "en praksis eller et ydernummer, og klyngenavnet vises på sitet. Skriv klyngens navn, "
                "fx »Klynge Viborg Nord«."
            )
    named = frame.loc[frame["klynge"] != "", "klynge"].drop_duplicates()
    for same, names in named.groupby(named.map(cluster_id)):
        listed = " og ".join(f"»{n}«" for n in names)
        if not same:
            problems.append(f"{name}, kolonne »klynge«: {listed} skal indeholde mindst ét bogstav eller tal.")
        elif len(names) > 1:
            problems.append(
                f"{name}, kolonne »klynge«: {listed} kan ikke skelnes i beregneren, fordi de kun er "
                "forskellige i tegnsætning eller store og små bogstaver. Omdøb en af dem."
            )
    # The same practice twice would make a cluster of four pass the rule of five below.
    for _, rows in frame[frame.duplicated(keep=False)].groupby(list(frame.columns)).groups.items():
        problems.append(
            f"{name}, {row_list([csv_line(index) for index in rows])}: rækkerne er ens. Hver praksis må "
            "kun stå én gang; slet de ekstra rækker."
        )
    return problems


def validate_bands(frame: pd.DataFrame, name: str, codes: list[str]) -> list[str]:
    """The region's sex and age bands: each band once, named as a page can show it, whole numbers, patients in
    at least one. Region-wide sums, not practices: these are published as they are."""
    wanted = [*BAND_COLUMNS, *codes]
    if list(frame.columns) != wanted:
        return [f"{name}, række 1: overskriften skal være »{';'.join(wanted)}«, men er »{';'.join(frame.columns)}«."]
    problems = check_counts(frame, name, codes, practices=False)
    for column in ("køn", "aldersgruppe"):
        for index, value in frame[column].items():
            problem = name_problem(value)
            if problem:
                problems.append(f"{name}, række {csv_line(index)}, kolonne »{column}«: »{value[:40]}« {problem}.")
    for index in frame.index[frame.duplicated(["køn", "aldersgruppe"])]:
        problems.append(
            f"{name}, række {csv_line(index)}: køn »{frame.at[index, 'køn']}« og aldersgruppe "
            f"»{frame.at[index, 'aldersgruppe']}« står to gange."
        )
    if not problems and not frame["tilmeldte"].astype(int).any():
        problems.append(f"{name}: ingen aldersgruppe har tilmeldte patienter.")
    if not problems:  # events in a group without patients have no rate, and no practice could be expected to have them
        for index in frame.index[(frame["tilmeldte"].astype(int) == 0) & (frame[codes].astype(int).sum(axis=1) > 0)]:
            problems.append(f"{name}, række {csv_line(index)}: gruppen har ydelser, men ingen tilmeldte.")
    return problems


def reference_bands(root: Path, pack: str, config: dict) -> list[dict] | None:
    """The pack's sex and age bands as the browser receives them (each band's patients and its count per
    indicator), or None when the pack has none; a DataError when the file is wrong."""
    name = BANDS_FILE.format(pack=pack)
    if not (root / name).exists():
        return None
    frame = read_table(root / name, name)
    raise_if_any(validate_bands(frame, name, pack_codes(config)))
    return [
        {
            "sex": band["køn"],
            "age": band["aldersgruppe"],
            "listed": int(band["tilmeldte"]),
            "counts": {
                indicator["id"]: sum(int(band[str(code)]) for code in indicator["codes"])
                for indicator in config["indicators"]
            },
        }
        for _, band in frame.iterrows()
    ]


def validate_reference(frame: pd.DataFrame, name: str, codes: list[str]) -> list[str]:
    problems = check_header(frame, name, codes)
    if problems:
        return problems
    problems = check_counts(frame, name, codes) + check_clusters(frame, name)
    for cluster, size in frame["klynge"][frame["klynge"] != ""].value_counts().items():
        if size < MIN_PRACTICES:
            problems.append(
                f"{name}: klyngen »{cluster}« har kun {size} praksis. Der skal være mindst {MIN_PRACTICES}, "
                "så ingen enkelt praksis kan genkendes. Slå den sammen med en anden klynge, eller udelad den."
            )
    return problems


@cache  # one read per build: validation, the page's form and the site's JSON all use it
def reference_json(root: Path, pack: str) -> dict:
    """The pack's reference data as the browser's calculator receives it; a DataError when anything is wrong.
    Callers must not change the returned dict (it is shared)."""
    config = pack_config(root, pack)
    codes = pack_codes(config)
    name = f"data/reference/{pack}.csv"
    try:
        frame = read_table(root / name, name)
    except FileNotFoundError:
        raise DataError(
            [f"{name}: filen findes ikke. Hver klyngepakke med beregner skal have referencedata."]
        ) from None
    raise_if_any(refuse_real_rows(pack, config, frame))
    raise_if_any(validate_reference(frame, name, codes))
    for column in ("tilmeldte", *codes):
        frame[column] = frame[column].astype(int)
    clusters = []
    for cluster, practices in frame.groupby("klynge", sort=True):
        clusters.append(
            {
                "id": cluster_id(cluster),
                "name": cluster,
                "listed": practices["tilmeldte"].tolist(),
                "counts": {
                    indicator["id"]: practices[[str(c) for c in indicator["codes"]]].sum(axis=1).tolist()
                    for indicator in config["indicators"]
                },
            }
        )
    return {
        "pack": pack,
        "name": config["name"],
        "period": pack_period(config).to_dict(),
        "fictitious": config["fictitious"],
        "indicators": [
            {"id": i["id"], "name": i["name"], "codes": [str(c) for c in i["codes"]]} for i in config["indicators"]
        ],
        "clusters": clusters,
        # With them a practice can type its patients by sex and age and get standardised ratios beside its rates.
        "bands": reference_bands(root, pack, config),
    }


def all_reference_json(root: Path) -> tuple[dict[str, dict], list[str]]:
    """Every pack's JSON, and the problems of all packs together."""
    built, problems = {}, []
    for pack in pack_ids(root):
        try:
            built[pack] = reference_json(root, pack)
        except DataError as error:
            problems += error.problems
    return built, problems
