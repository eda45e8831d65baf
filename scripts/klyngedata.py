"""`make klyngedata`: MidtKraft's billing-data extract -> one cluster data file per cluster, for the cluster only.

    make klyngedata FIL=udtraek.xlsx UD=klyngedata FRA=2024-01-01 TIL=2025-12-31 [AABNE="Klynge Nord,Klynge Syd"]
        [PAKKE=…]

FRA and TIL are the first and last day the extract covers, always given: the files date every rate by them, and the
pack's own period may be older than the extract or, on the public site, invented.

The files are written by calculators/cluster_file/, the package the browser reads them with. They hold no
ydernummer and no column the comparison does not need; practices are "Praksis A, B, …" in a random order unless
the cluster chose open data (AABNE); a cluster of fewer than 5 practices gets no file. Every file also carries the
region's pooled rate per indicator, summed over the practices of the clusters that get a file: with the practices of a
cluster too small for a file in the region's sums, the other clusters' files would give that practice's numbers
exactly (the region's sums minus every file's rows). Nothing is written unless the whole
extract is sound, and the files appear in UD only when all of them are written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
sys.path[:0] = [str(ROOT), str(SCRIPTS)]

from extract import ExtractError, read_extract  # noqa: E402
from new_pack import slugify  # noqa: E402

from calculators.cluster_file.format import (  # noqa: E402
    MIN_PRACTICES,
    Band,
    ClusterFile,
    Indicator,
    Practice,
    anonymous_labels,
    name_problem,
    rounded_expected,
)
from calculators.cluster_file.write import write_cluster_file  # noqa: E402
from calculators.danish import format_number  # noqa: E402
from calculators.errors import InputError  # noqa: E402
from calculators.period import Period  # noqa: E402
from calculators.stats.standardised import band_rates, expected_count  # noqa: E402
from macros.errors import DataError  # noqa: E402
from macros.reference import pack_codes, pack_config, pack_ids  # noqa: E402


def choose_pack(root: Path, pack: str | None) -> str:
    packs = pack_ids(root)
    if pack:
        if pack not in packs:
            raise ExtractError(
                [f"PAKKE={pack}: der er ingen klyngepakke med beregner med det navn. Brug en af: {', '.join(packs)}."]
            )
        return pack
    if len(packs) != 1:
        raise ExtractError(
            [f"Angiv klyngepakken med PAKKE=…: der er {len(packs)} klyngepakker med beregner ({', '.join(packs)})."]
        )
    return packs[0]


WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def cluster_files(
    practices: pd.DataFrame,
    config: dict,
    pack: str,
    period: Period,
    date: dt.date,
    open_clusters: set[str],
    rng: random.Random,
    bands: pd.DataFrame | None = None,
) -> tuple[dict[str, ClusterFile], list[str]]:
    """The file of each cluster of at least 5 practices, and a Danish line for each cluster left out. With `bands`
    (extract.Practices.bands) each file also gets the region's bands and each practice's expected counts."""
    indicators = [(i["id"], i["name"], tuple(str(c) for c in i["codes"])) for i in config["indicators"]]
    counts = pd.DataFrame({id_: practices[list(codes)].sum(axis=1) for id_, _, codes in indicators})
    sizes = practices.groupby("klynge")["klynge"].transform("size")
    in_files = sizes >= MIN_PRACTICES  # the region is the practices of the files, and no other
    region = tuple(Indicator(id_, name, codes, int(counts.loc[in_files, id_].sum())) for id_, name, codes in indicators)
    region_bands, expected = (), {}
    if bands is not None:
        region_bands, expected = standardisation(bands, practices.loc[in_files, "ydernummer"], indicators)
    files, left_out = {}, []
    for cluster, members in practices.groupby("klynge", sort=True):
        if len(members) < MIN_PRACTICES:
            left_out.append(
                f"Klyngen »{cluster}« har kun {len(members)} praksis og får ingen fil (der skal være "
                f"mindst {MIN_PRACTICES}, så ingen enkelt praksis kan genkendes)."
            )
            continue
        is_open = cluster in open_clusters
        if is_open:
            order, labels = members.sort_values("praksis").index, members.sort_values("praksis")["praksis"]
        else:  # the letters must not follow the extract's order, which may be by ydernummer or by name
            order, labels = rng.sample(list(members.index), len(members)), anonymous_labels(len(members))
        files[cluster] = ClusterFile(
            pack=pack,
            pack_name=config["name"],
            period=period,
            cluster=cluster,
            date=date,
            open=is_open,
            indicators=region,
            practices=tuple(
                Practice(
                    label,
                    int(practices.at[index, "tilmeldte"]),
                    tuple(int(counts.at[index, id_]) for id_, _, _ in indicators),
                    expected.get(practices.at[index, "ydernummer"], ()),
                )
                for index, label in zip(order, labels)
            ),
            region_practices=int(in_files.sum()),
            region_listed=int(practices.loc[in_files, "tilmeldte"].sum()),
            bands=region_bands,
        )
        if not is_open:
            left_out += standing_out(cluster, files[cluster].practices)
    return files, left_out


def standardisation(
    bands: pd.DataFrame, region_practices: pd.Series, indicators: list[tuple[str, str, tuple[str, ...]]]
) -> tuple[tuple[Band, ...], dict[str, tuple[float, ...]]]:
    """The region's bands (its practices' patients and counts per indicator in each sex and age band, in the order
    the extract first names them), and for each of its practices the counts expected at the region's band rates
    (calculators/stats/standardised.py, as PHEindicatormethods' calculate_ISRatio)."""
    members = bands[bands["ydernummer"].isin(region_practices)]
    by_indicator = pd.DataFrame({id_: members[list(codes)].sum(axis=1) for id_, _, codes in indicators})
    sums = members[["køn", "aldersgruppe", "tilmeldte"]].join(by_indicator).groupby(["køn", "aldersgruppe"], sort=False)
    sums = sums.sum()
    region = tuple(
        Band(sex, age, int(row["tilmeldte"]), tuple(int(row[id_]) for id_, _, _ in indicators))
        for (sex, age), row in sums.iterrows()
    )
    rates = [band_rates([b.counts[i] for b in region], [b.listed for b in region]) for i in range(len(indicators))]
    profiles = members.set_index(["køn", "aldersgruppe"]).groupby("ydernummer", sort=False)["tilmeldte"]
    expected = {}
    for ydernummer, profile in profiles:
        listed = [int(profile.get((b.sex, b.age), 0)) for b in region]
        expected[ydernummer] = tuple(rounded_expected(expected_count(listed, band)) for band in rates)
    return region, expected


ALONE = 1.25  # a practice with no other this close in list size (as a ratio) can be told by its size


def standing_out(cluster: str, practices) -> list[str]:
    """A Danish line for each practice of an anonymous cluster that is the only one of about its size (no other within
    a quarter of its list size): colleagues know which practice is the small one or the large one, so its letter hides
    nothing. The consultant asks the cluster before sending the file."""
    lines = []
    for practice in practices:
        nearest = min((p.listed for p in practices if p is not practice), key=lambda n: abs(n - practice.listed))
        if not practice.listed / ALONE < nearest < practice.listed * ALONE:
            lines.append(
                f"Bemærk: klyngen »{cluster}« har anonyme data, men {practice.label} er den eneste praksis af sin "
                f"størrelse ({format_number(practice.listed, 0)} tilmeldte; nærmeste {format_number(nearest, 0)}), så "
                "kolleger i klyngen kan nok se, hvem det er. Spørg klyngen, før du sender filen."
            )
    return lines


def check_open_clusters(practices: pd.DataFrame, open_clusters: set[str]) -> list[str]:
    problems = []
    known = set(practices["klynge"])
    for cluster in sorted(open_clusters - known):
        problems.append(
            f"AABNE nævner klyngen »{cluster}«, som ikke er i udtrækket. Stav navnet som i kolonnen "
            f"»klynge«: {', '.join(sorted(known))}."
        )
    for cluster in sorted(open_clusters & known):
        names = practices.loc[practices["klynge"] == cluster, "praksis"]
        if (names == "").any():
            problems.append(
                f"Klyngen »{cluster}« skal have åbne data, men udtrækket har ikke alle dens praksis' "
                "navne (kolonnen »praksis«)."
            )
        elif names.duplicated().any():
            problems.append(
                f"Klyngen »{cluster}« skal have åbne data, men to af dens praksis hedder "
                f"»{names[names.duplicated()].iloc[0]}«. Giv dem hvert sit navn i kolonnen »praksis«."
            )
    return problems


def check_names(practices: pd.DataFrame, open_clusters: set[str], bands: pd.DataFrame | None = None) -> list[str]:
    """Every cluster's name, and the practices' names in open clusters, as a cluster data file can hold them (the
    reader's own rule, calculators/cluster_file/format.name_problem): said here, in one round, not as a traceback."""
    problems = [
        f"Klyngen »{cluster[:40]}« {problem}. Ret navnet i kolonnen »klynge«."
        for cluster in sorted(set(practices["klynge"]))
        if (problem := name_problem(cluster))
    ]
    for column in ("køn", "aldersgruppe") if bands is not None else ():
        problems += [
            f"{column.capitalize()} »{value[:40]}« {problem}. Ret det i kolonnen »{column}«."
            for value in sorted(set(bands[column]))
            if (problem := name_problem(value))
        ]
    for cluster in sorted(open_clusters & set(practices["klynge"])):
        for name in practices.loc[practices["klynge"] == cluster, "praksis"]:
            problem = name_problem(name)
            if problem and name:  # a missing name is said by check_open_clusters
                problems.append(
                    f"Praksis »{name[:40]}« i klyngen »{cluster}« {problem}. Ret navnet i kolonnen »praksis«."
                )
    return problems


def file_name(cluster: str) -> str:
    """klynge-viborg-nord.csv: short enough for every file system, and never a name Windows keeps for a device
    (a cluster called »CON« would get con.csv, which Windows cannot open)."""
    slug = slugify(cluster)[:60].strip("-") or "klynge"
    return f"{slug}-klynge.csv" if slug.upper() in WINDOWS_DEVICES else f"{slug}.csv"


def write_all(files: dict[str, ClusterFile], target: Path) -> list[Path]:
    """Write every file into a hidden folder inside `target`, then move them in: never a half-written set. The files
    are readable by their owner only (0600): they hold a cluster's figures, not for others on a shared computer."""
    names = {cluster: file_name(cluster) for cluster in files}
    clashes = sorted({name for name in names.values() if list(names.values()).count(name) > 1})
    if clashes:
        raise ExtractError([f"To klynger får samme filnavn ({', '.join(clashes)}). Giv dem mere forskellige navne."])
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".klyngedata-", dir=target))
    try:
        for cluster, data in files.items():
            text = write_cluster_file(data)
            descriptor = os.open(staging / names[cluster], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as file:
                file.write(text.encode("utf-8"))
        for name in names.values():
            os.replace(staging / name, target / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [target / names[cluster] for cluster in files]


def make(
    extract: Path,
    target: Path,
    open_clusters: set[str],
    pack: str | None,
    period: Period,
    date: dt.date,
    rng: random.Random,
    root: Path = ROOT,
) -> tuple[list[Path], list[str]]:
    try:
        pack = choose_pack(root, pack)
        config = pack_config(root, pack)
    except DataError as error:
        raise ExtractError(error.problems) from None
    practices = read_extract(extract, pack_codes(config))
    problems = check_open_clusters(practices.table, open_clusters)
    problems += check_names(practices.table, open_clusters, practices.bands)
    if problems:
        raise ExtractError(problems)
    files, notes = cluster_files(practices.table, config, pack, period, date, open_clusters, rng, practices.bands)
    if practices.ignored_columns:
        ignored = ", ".join(f"»{column}«" for column in practices.ignored_columns)
        notes.append(
            f"{'Kolonnen' if len(practices.ignored_columns) == 1 else 'Kolonnerne'} {ignored} er ikke "
            "brugt og står ikke i filerne."
        )
    if not files:
        raise ExtractError([*notes, "Ingen klynge har mindst 5 praksis, så der er ikke skrevet nogen filer."])
    try:
        return write_all(files, target), notes
    except InputError as error:  # the reader refuses what the writer made: said, never a traceback
        raise ExtractError([str(error).replace("Klyngedatafilen", "Filen til en klynge", 1)]) from None


def read_period(first: str, last: str) -> Period | None:
    try:
        return Period.parse(first, last)
    except ValueError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Laver én klyngedatafil pr. klynge af MidtKrafts udtræk.")
    parser.add_argument("--fil", type=Path, required=True, help="udtrækket (.csv eller .xlsx)")
    parser.add_argument("--ud", type=Path, required=True, help="mappen, filerne skrives i")
    parser.add_argument("--aabne", default="", help="klynger med åbne data, adskilt af komma")
    parser.add_argument("--pakke", default="", help="klyngepakken (standard: den eneste med beregner)")
    parser.add_argument("--fra", default="", help="periodens første dag, ÅÅÅÅ-MM-DD")
    parser.add_argument("--til", default="", help="periodens sidste dag, ÅÅÅÅ-MM-DD")
    parser.add_argument("--dato", type=dt.date.fromisoformat, default=dt.date.today(), help="filernes dato")
    parser.add_argument(
        "--seed", type=int, default=None, help="fast rækkefølge af Praksis A, B, … (kun til eksempler og test)"
    )
    args = parser.parse_args(argv)
    if not args.fil.name or not args.ud.name:  # `make klyngedata` without FIL= or UD= passes ""
        print("Angiv udtrækket og mappen til filerne: make klyngedata FIL=udtraek.xlsx UD=klyngedata", file=sys.stderr)
        return 2
    period = read_period(args.fra, args.til)
    if period is None:
        print(
            "Angiv den periode, udtrækket dækker, med første og sidste dag: FRA=2024-01-01 TIL=2025-12-31 "
            "(sidste dag må ikke ligge før første).",
            file=sys.stderr,
        )
        return 2
    open_clusters = {name.strip() for name in args.aabne.split(",") if name.strip()}
    # Without --seed the order cannot be recreated, so nobody can work out which letter is which practice.
    rng = random.Random(args.seed) if args.seed is not None else random.SystemRandom()
    try:
        written, notes = make(args.fil, args.ud, open_clusters, args.pakke or None, period, args.dato, rng)
    except ExtractError as error:
        print(
            f"Der er ikke skrevet nogen filer. Ret {len(error.problems)} fejl i udtrækket og kør igen:", file=sys.stderr
        )
        print("\n".join(f"  - {problem}" for problem in error.problems), file=sys.stderr)
        return 1
    except OSError as error:  # a folder that cannot be written, a full disk: said in Danish, never a traceback
        print(
            f"Der er ikke skrevet nogen filer: {error.filename or args.ud} kan ikke skrives ({error.strerror}).",
            file=sys.stderr,
        )
        return 1
    print(f"Skrev {len(written)} klyngedatafil{'er' if len(written) != 1 else ''} i {args.ud}:")
    print("\n".join([*(f"  - {path.name}" for path in written), *notes]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
