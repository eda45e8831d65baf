"""Reading MidtKraft's billing-data extract for `make klyngedata`: a CSV (`;` or `,`, UTF-8 with or without BOM) or
an Excel sheet (.xlsx), long (one row per practice and fee code) or wide (one column per fee code).

Every problem is collected and said in Danish with the row it is on, so the data consultant fixes them all in one
round. The result is one row per practice with one count column per fee code; nothing else of the extract is kept.
"""

from __future__ import annotations

import csv
import io
import math
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calculators.parsing.whole_numbers import NumberFormatError, NumberProblem, read_whole_number  # noqa: E402

REQUIRED = ("ydernummer", "klynge", "tilmeldte")
LONG = ("ydelseskode", "antal")
OPTIONAL = ("praksis",)
# Sex and age band, both or neither: with them each row is one band of a practice, `tilmeldte` the practice's patients
# in that band, and the files carry what an indirectly standardised ratio needs (klyngedata.py).
BANDS = ("køn", "aldersgruppe")
CODE = re.compile(r"\d{1,4}")  # Excel drops the leading zeros of a code it takes for a number
SAVE_AS_UTF8 = (
    "Åbn filen i Excel, vælg »Filer« → »Gem som«, og vælg filtypen »CSV UTF-8 (kommasepareret) "
    "(*.csv)«. Kør så kommandoen igen."
)
_NUMBER_PROBLEMS = {
    NumberProblem.EMPTY: "er tomt",
    NumberProblem.NEGATIVE: "er negativt",
    NumberProblem.DECIMAL: "er ikke et helt tal",
    NumberProblem.UNREADABLE: "kan ikke læses sikkert som et helt tal",
    NumberProblem.NOT_A_NUMBER: "er ikke et tal",
    NumberProblem.TOO_LARGE: "er urealistisk stort",
}


class ExtractError(Exception):
    """Every problem found in the extract, each a Danish line naming the row."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Practices:
    table: pd.DataFrame  # one row per practice: ydernummer, praksis, klynge, tilmeldte, then one column per code
    ignored_columns: list[str]  # columns of the extract that are read past and never written
    # With sex and age bands, one row per practice and band: ydernummer, køn, aldersgruppe, tilmeldte, then one
    # column per code; None for an extract without bands.
    bands: pd.DataFrame | None = None


def read_extract(path: Path, codes: list[str]) -> Practices:
    """The extract's practices with a count per fee code of the pack (0 when a practice has no row for a code)."""
    frame = _read_table(path)
    name = path.name
    frame.columns = [str(column).strip().lstrip("\ufeff").lower() for column in frame.columns]
    frame = frame.apply(lambda column: column.astype(str).str.strip())
    frame = frame[(frame != "").any(axis=1)]  # blank lines; the index still counts them, so rows keep their number
    wide_codes = [column for column in frame.columns if CODE.fullmatch(column)]
    is_long = all(column in frame.columns for column in LONG)
    banded = any(column in frame.columns for column in BANDS)
    missing = [
        c
        for c in (*REQUIRED, *(LONG if is_long or not wide_codes else ()), *(BANDS if banded else ()))
        if c not in frame.columns
    ]
    if missing:
        raise ExtractError(
            [
                f"{name}, række 1: kolonnen »{column}« mangler. Udtrækket skal have kolonnerne "
                f"{', '.join((*REQUIRED[:1], *OPTIONAL, *REQUIRED[1:], *LONG))} (praksis kan udelades), "
                "eller én kolonne pr. ydelseskode i stedet for ydelseskode og antal."
                + (f" Et udtræk med aldersgrupper skal have både {' og '.join(BANDS)}." if column in BANDS else "")
                for column in missing
            ]
        )
    kept = (*REQUIRED, *OPTIONAL, *(BANDS if banded else ()), *(LONG if is_long else wide_codes))
    ignored = [column for column in frame.columns if column not in kept]
    for column in ("praksis", *BANDS):
        if column not in frame.columns:
            frame[column] = ""
    frame["række"] = frame.index + 2  # the header is row 1, in a spreadsheet and in a text editor alike
    long = frame if is_long else _melt(frame, wide_codes)
    table, bands = _practices(long, name, codes, banded)
    return Practices(table, ignored, bands)


# An extract is a few thousand rows of a few columns. An .xlsx is a zip of XML: a few kilobytes can unpack to
# gigabytes, declare entities that expand without end, or name a cell at XFD1048576, which made pandas build a
# sheet of 17 billion cells. Such a file is refused before it is read.
MAX_UNPACKED_BYTES = 50_000_000
MAX_ROWS = 200_000
MAX_COLUMNS = 200
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')


def _check_xlsx(path: Path) -> None:
    """ExtractError in Danish for an .xlsx too large unpacked, with a DTD (entities), or with a cell beyond
    MAX_ROWS × MAX_COLUMNS; nothing for a sound one (or for a file that is no zip: pandas says so)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return
    with archive:
        members = archive.infolist()
        if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
            raise ExtractError(
                [
                    f"{path.name}: Excel-arket fylder over {MAX_UNPACKED_BYTES // 1_000_000} MB udpakket; et udtræk "
                    "er langt mindre. Gem udtrækket igen som CSV UTF-8, eller tjek, at det er den rigtige fil."
                ]
            )
        for member in members:
            if not member.filename.endswith((".xml", ".rels")):
                continue
            text = archive.read(member)
            if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
                raise ExtractError(
                    [
                        f"{path.name}: Excel-arket indeholder definitioner (»<!DOCTYPE« i {member.filename}), som "
                        "Excel aldrig selv skriver. Gem udtrækket igen fra Excel, eller som CSV UTF-8."
                    ]
                )
            if member.filename.startswith("xl/worksheets/"):
                _check_extent(path, text)


def _check_extent(path: Path, sheet: bytes) -> None:
    rows = columns = 0
    for letters, number in _CELL.findall(sheet):
        rows = max(rows, int(number))
        columns = max(columns, sum(26**i * (ord(c) - 64) for i, c in enumerate(reversed(letters.decode()))))
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise ExtractError(
            [
                f"{path.name}: Excel-arket har celler ud til række {rows} og kolonne {columns}; et udtræk har "
                f"højst {MAX_ROWS} rækker og {MAX_COLUMNS} kolonner. Slet de overskydende celler, eller gem arket "
                "som CSV UTF-8."
            ]
        )


def _read_table(path: Path) -> pd.DataFrame:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        _check_xlsx(path)
        try:
            return pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
        except FileNotFoundError:
            raise ExtractError([f"{path}: filen findes ikke."]) from None
        except (ValueError, KeyError, OSError) as error:
            raise ExtractError([f"{path.name}: filen kan ikke læses som et Excel-ark ({error})."]) from None
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ExtractError([f"{path}: filen findes ikke."]) from None
    except OSError as error:
        raise ExtractError([f"{path}: filen kan ikke læses ({error.strerror})."]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ExtractError(
            [
                f"{path.name}, række {line}: filen er ikke gemt som UTF-8 (den er nok gemt som »CSV "
                f"(semikolonsepareret)« med Windows' tegnsæt, så æ, ø og å ikke kan læses sikkert). " + SAVE_AS_UTF8
            ]
        ) from None
    header = text.split("\n", 1)[0]
    separator = ";" if header.count(";") >= header.count(",") else ","
    try:
        return pd.read_csv(
            io.StringIO(text),
            sep=separator,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            quoting=csv.QUOTE_MINIMAL,
        )
    except pd.errors.ParserError as error:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(error))
        where = f", række {found[2]}" if found else ""
        detail = (
            (
                f": rækken har {found[3]} felter, men overskriften har {found[1]}. Et »{separator}« i en tekst "
                "skal stå i anførselstegn"
            )
            if found
            else f" ({error})"
        )
        raise ExtractError([f"{path.name}{where}: filen kan ikke læses som CSV{detail}."]) from None
    except pd.errors.EmptyDataError:
        raise ExtractError([f"{path.name}: filen er tom."]) from None


def _melt(frame: pd.DataFrame, wide_codes: list[str]) -> pd.DataFrame:
    """Wide (a column per code) to long, keeping each value's row."""
    return frame.melt(
        id_vars=[*REQUIRED, "praksis", *BANDS, "række"],
        value_vars=wide_codes,
        var_name="ydelseskode",
        value_name="antal",
    )


def _whole(value: str, row: int, where: str, column: str, minimum: int, problems: list) -> int | None:
    try:
        number = read_whole_number(value)
    except NumberFormatError as error:
        problems.append(
            (
                row,
                f"{where}, kolonne »{column}«: »{value}« {_NUMBER_PROBLEMS[error.problem]}. Skriv "
                f"et helt tal på {minimum} eller derover.",
            )
        )
        return None
    if number < minimum:
        problems.append((row, f"{where}, kolonne »{column}«: en praksis skal have mindst {minimum} tilmeldt patient."))
        return None
    return number


def _practices(
    long: pd.DataFrame, name: str, codes: list[str], banded: bool
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """One row per practice, and with bands one row per practice and band; ExtractError with every problem."""
    problems: list[tuple[int, str]] = []  # (row, message), told in the order of the rows
    rows = []
    for row in long.itertuples(index=False):
        where = f"{name}, række {row.række}"
        for column in ("ydernummer", "klynge", *(BANDS if banded else ())):
            if not getattr(row, column):
                problems.append(
                    (row.række, f"{where}, kolonne »{column}«: feltet er tomt. Udfyld det, eller slet rækken.")
                )
        # A band may hold no patients; a practice may not (checked on its sum below).
        listed = _whole(row.tilmeldte, row.række, where, "tilmeldte", 0 if banded else 1, problems)
        count = _whole(row.antal, row.række, where, "antal", 0, problems)
        code = row.ydelseskode.zfill(4) if CODE.fullmatch(row.ydelseskode) else None
        if code is None:
            problems.append(
                (row.række, f"{where}, kolonne »ydelseskode«: »{row.ydelseskode}« er ikke en ydelseskode (fire cifre).")
            )
        elif code not in codes:
            problems.append(
                (
                    row.række,
                    f"{where}: ydelseskode {code} bruges ikke i klyngepakken (den bruger "
                    f"{', '.join(codes)}). Slet rækken, eller vælg en anden PAKKE.",
                )
            )
        rows.append(
            {
                "ydernummer": row.ydernummer,
                "praksis": row.praksis,
                "klynge": row.klynge or None,
                "køn": row.køn,
                "aldersgruppe": row.aldersgruppe,
                "tilmeldte": listed,
                "ydelseskode": code,
                "antal": count,
                "række": row.række,
            }
        )
    table = pd.DataFrame(
        rows,
        columns=["ydernummer", "praksis", "klynge", *BANDS, "tilmeldte", "ydelseskode", "antal", "række"],
    ).astype({"tilmeldte": "Int64", "antal": "Int64"})
    problems += _conflicts(table, name) + (_missing_bands(table, name) if banded else [])
    if problems:
        raise ExtractError([text for _, text in sorted(problems, key=lambda problem: problem[0])])
    if table.empty:
        raise ExtractError([f"{name}: udtrækket har ingen rækker med praksis."])
    band = ["ydernummer", *BANDS]  # without bands køn and aldersgruppe are "" and a practice is one band
    bands = table.pivot_table(index=band, columns="ydelseskode", values="antal", aggfunc="sum", fill_value=0)
    bands = table.groupby(band, sort=False)[["tilmeldte"]].first().join(bands.reindex(columns=codes, fill_value=0))
    bands = bands.fillna(0).astype(int)
    practices = table.groupby("ydernummer", sort=False)[["praksis", "klynge"]].first()
    practices = practices.join(bands.groupby(level="ydernummer").sum()).reset_index()
    empty = practices[practices["tilmeldte"] == 0]
    if len(empty):
        raise ExtractError(
            [
                f"{name}: ydernummer {number} har 0 tilmeldte i alle sine aldersgrupper. En praksis skal have mindst "
                "1 tilmeldt patient."
                for number in empty["ydernummer"]
            ]
        )
    return practices, bands.reset_index() if banded else None


def _conflicts(table: pd.DataFrame, name: str) -> list[tuple[int, str]]:
    """One practice must have one cluster and one name, one list size per band (the whole practice without bands),
    and each code once per band."""
    problems = []
    band = ["ydernummer", *BANDS]
    for column, key, what in (
        ("tilmeldte", band, "et andet antal tilmeldte"),
        ("klynge", ["ydernummer"], "en anden klynge"),
        ("praksis", ["ydernummer"], "et andet navn"),
    ):
        known = table.dropna(subset=[column])
        first = known.drop_duplicates(key).set_index(key)
        for row in known.itertuples(index=False):
            values = tuple(getattr(row, part) for part in key)
            earlier = first.loc[values if len(key) > 1 else values[0]]
            if getattr(row, column) != earlier[column]:
                problems.append(
                    (
                        row.række,
                        f"{name}, række {row.række}: ydernummer {row.ydernummer}{_band_words(row, key)} har {what} "
                        f"(»{getattr(row, column)}«) end i række {earlier['række']} "
                        f"(»{earlier[column]}«). "
                        f"En praksis skal have samme værdi i alle sine rækker{_band_words(row, key, 'for')}.",
                    )
                )
    repeated = table.dropna(subset=["ydelseskode"])
    repeated = repeated[repeated.duplicated([*band, "ydelseskode"], keep="first")]
    first_rows = table.drop_duplicates([*band, "ydelseskode"]).set_index([*band, "ydelseskode"])
    for row in repeated.itertuples(index=False):
        earlier = first_rows.loc[(*(getattr(row, part) for part in band), row.ydelseskode), "række"]
        problems.append(
            (
                row.række,
                f"{name}, række {row.række}: ydernummer {row.ydernummer}{_band_words(row, band)} har ydelseskode "
                f"{row.ydelseskode} igen (første gang i række {earlier}). Læg antallene sammen "
                "i én række.",
            )
        )
    return problems


def _missing_bands(table: pd.DataFrame, name: str) -> list[tuple[float, str]]:
    """Every practice must have a row for every sex and age band of the extract: a band with no rows would lose its
    patients without a word, and a band spelt another way for one practice is a band of its own."""
    known = table.dropna(subset=["ydernummer"])
    known = known[(known["køn"] != "") & (known["aldersgruppe"] != "")]
    practices = known["ydernummer"].unique()
    problems = []
    for (sex, age), rows in known.groupby(list(BANDS), sort=False):
        having = rows["ydernummer"].unique()
        if len(having) < len(practices):
            lacking = [number for number in practices if number not in set(having)]
            problems.append(
                (
                    math.inf,
                    f"{name}: køn »{sex}«, aldersgruppe »{age}« findes hos {len(having)} af {len(practices)} praksis "
                    f"(ikke fx ydernummer {lacking[0]}). Alle praksis skal have de samme grupper: stav dem ens, og "
                    "giv en gruppe uden ydelser en række med antal 0 (og tilmeldte 0, hvis den heller ikke har "
                    "patienter).",
                )
            )
    return problems


def _band_words(row, key: list[str], preposition: str = "i") -> str:
    """ " i køn »Kvinder«, aldersgruppe »0-17«" where the rule is per band of an extract with bands, else ""."""
    if BANDS[0] not in key or not row.køn:
        return ""
    return f" {preposition} køn »{row.køn}«, aldersgruppe »{row.aldersgruppe}«"
