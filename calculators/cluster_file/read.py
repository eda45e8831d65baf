"""Reading a cluster data file (format.py describes it): every line checked, and a Danish message naming the
line for anything that is not a sound file, so a truncated or hand-edited file never gives a cluster wrong numbers."""

from __future__ import annotations

import datetime
import re

from ..csv_writer import BOM
from ..danish import format_date, format_number
from ..errors import InputError
from ..period import Period
from ..stats.rates import rate
from ..stats.standardised import EXPECTED_DECIMALS
from .format import (
    ANONYMOUS,
    BAND_HEADER,
    END,
    EXPECTED_PREFIX,
    INDICATOR_HEADER,
    MAX_PRACTICES,
    MIN_PRACTICES,
    OPEN,
    PRACTICE_HEADER,
    SIGNATURE,
    SIGNATURE_WITH_BANDS,
    Band,
    ClusterFile,
    Indicator,
    Practice,
    expected_text,
    name_problem,
    rate_text,
)

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")  # a leading "-" would be a formula to a spreadsheet
_CODE = re.compile(r"\d{1,4}")  # Excel drops the leading zeros of "0101" when the file is saved again
_DIGITS = re.compile(r"\d{1,12}")
_DECIMAL = re.compile(r"\d+(?:[,.]\d+)?")
_DANISH_DATE = re.compile(r"(\d{1,2})[-.](\d{1,2})[-.](\d{4})")  # how Danish Excel saves a date again
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # not str.splitlines, which also splits at form feeds and U+2028
_NEW_FILE = " Bed MidtKraft om en ny klyngedatafil."


def read_cluster_file(text: str) -> ClusterFile:
    """Parse a cluster data file; InputError in Danish, naming the line, for anything that is not one."""
    if not isinstance(text, str) or not text.strip(BOM + " \t\r\n"):
        raise InputError("Klyngedatafilen er tom. Vælg den fil, MidtKraft har sendt.")
    body = _LINE_BREAK.split(text.removeprefix(BOM))
    lines = [_split(number, line) for number, line in enumerate(body, start=1)]
    banded = _check_signature(lines[0])
    metadata, position = _read_metadata(lines, 1)
    indicators, position = _read_indicators(lines, position, metadata)
    bands, position = _read_bands(lines, position, indicators, metadata) if banded else ((), position)
    practices = _read_practices(lines, position, indicators, metadata, banded)
    _check_expected(practices, indicators, bands)
    return ClusterFile(
        pack=metadata["Klyngepakke"][0],
        pack_name=metadata["Klyngepakke"][1],
        period=_period(metadata),
        cluster=metadata["Klynge"][0],
        date=metadata["Dato"],
        open=metadata["Data"],
        indicators=indicators,
        practices=practices,
        region_practices=metadata["Regionens praksis"],
        region_listed=metadata["Regionens tilmeldte"],
        bands=bands,
    )


def _split(number: int, line: str) -> tuple[int, list[str]]:
    """(line number, cells): `;`-separated, `"`-quoted cells; the empty cells Excel pads rows with are dropped."""
    cells, cell, quoted, at_start = [], [], False, True
    i = 0
    while i < len(line):
        char = line[i]
        if quoted:
            if char == '"' and line[i + 1 : i + 2] == '"':
                cell.append('"')
                i += 1
            elif char == '"':
                quoted = False
            else:
                cell.append(char)
        elif char == '"' and at_start:
            quoted, at_start = True, False
        elif char == ";":
            cells.append("".join(cell).strip())
            cell, at_start = [], True
        else:
            cell.append(char)
            at_start = at_start and char in " \t"
        i += 1
    if quoted:
        raise InputError(f'Klyngedatafilen, linje {number}: et anførselstegn (»"«) er ikke lukket.{_NEW_FILE}')
    cells.append("".join(cell).strip())
    while cells and not cells[-1]:
        cells.pop()
    return number, cells


def _check_signature(line: tuple[int, list[str]]) -> bool:
    """Whether the file has sex and age bands (version 3); InputError for anything but version 2 or 3."""
    _, cells = line
    if cells in (list(SIGNATURE), list(SIGNATURE_WITH_BANDS)):
        return cells == list(SIGNATURE_WITH_BANDS)
    if cells == [SIGNATURE[0], "version 1"]:
        raise InputError(
            "Klyngedatafilen, linje 1: filen er i formatets første udgave (»version 1«), som ikke har periodens "
            f"første og sidste dag, så jeres egne tal kan ikke passes til den.{_NEW_FILE}"
        )
    if cells[:1] == [SIGNATURE[0]]:
        raise InputError(
            f"Klyngedatafilen, linje 1: filen er lavet til en anden udgave af formatet "
            f"(»{';'.join(cells[1:])}«); denne side læser »{SIGNATURE[1]}« og »{SIGNATURE_WITH_BANDS[1]}«.{_NEW_FILE}"
        )
    if cells and cells[0].startswith(SIGNATURE[0] + ","):
        raise InputError(
            "Klyngedatafilen, linje 1: filen er gemt med komma i stedet for semikolon. Brug den fil, "
            "MidtKraft har sendt, eller gem den i Excel som »CSV UTF-8 (semikolonsepareret)«."
        )
    raise InputError(
        f"Klyngedatafilen, linje 1: filen er ikke en klyngedatafil fra MidtKraft (første linje skal "
        f"være »{';'.join(SIGNATURE)}«). Vælg den fil, MidtKraft har sendt."
    )


_METADATA_FIELDS = {  # field -> number of values after the name
    "Klyngepakke": 2,
    "Første dag": 1,
    "Sidste dag": 1,
    "Klynge": 1,
    "Dato": 1,
    "Data": 1,
    "Antal praksis": 1,
    "Regionens praksis": 1,
    "Regionens tilmeldte": 1,
}


def _read_metadata(lines, position):
    metadata: dict = {}
    while position < len(lines) and lines[position][1]:
        number, cells = lines[position]
        name, values = cells[0], cells[1:]
        where = f"Klyngedatafilen, linje {number}"
        if name not in _METADATA_FIELDS:
            raise InputError(
                f"{where}: »{name}« er ikke et felt i en klyngedatafil. Felterne er: "
                f"{', '.join(_METADATA_FIELDS)}.{_NEW_FILE}"
            )
        if name in metadata:
            raise InputError(f"{where}: feltet »{name}« står to gange.{_NEW_FILE}")
        if len(values) != _METADATA_FIELDS[name] or not all(values):
            raise InputError(
                f"{where}: feltet »{name}« skal have {_METADATA_FIELDS[name]} udfyldt(e) værdi(er) "
                f"efter navnet.{_NEW_FILE}"
            )
        metadata[name] = _metadata_value(where, name, values)
        position += 1
    missing = [name for name in _METADATA_FIELDS if name not in metadata]
    if missing:
        number = lines[position][0] if position < len(lines) else len(lines) + 1
        raise InputError(
            f"Klyngedatafilen, linje {number}: filen mangler feltet »{missing[0]}« øverst. Filen er "
            f"måske afkortet eller rettet i hånden.{_NEW_FILE}"
        )
    if metadata["Antal praksis"] > MAX_PRACTICES:
        raise InputError(
            f"Klyngedatafilen: filen siger, at klyngen har {metadata['Antal praksis']} praksis. En klynge har højst "
            f"{MAX_PRACTICES}, så filen er ikke en klynges.{_NEW_FILE}"
        )
    if metadata["Antal praksis"] < MIN_PRACTICES:
        raise InputError(
            f"Klyngedatafilen: klyngen har kun {metadata['Antal praksis']} praksis. Der skal være "
            f"mindst {MIN_PRACTICES}, så ingen enkelt praksis kan genkendes."
        )
    if metadata["Regionens praksis"] < metadata["Antal praksis"]:
        raise InputError(
            f"Klyngedatafilen: regionen har færre praksis ({metadata['Regionens praksis']}) end "
            f"klyngen ({metadata['Antal praksis']}). Filen er rettet i hånden.{_NEW_FILE}"
        )
    return metadata, position + 1


def _metadata_value(where: str, name: str, values: list[str]):
    if name in ("Dato", "Første dag", "Sidste dag"):
        return _date(where, values[0])
    if name == "Data":
        if values[0].lower() not in (OPEN, ANONYMOUS):
            raise InputError(f"{where}: feltet »Data« skal være »{ANONYMOUS}« eller »{OPEN}«, ikke »{values[0]}«.")
        return values[0].lower() == OPEN
    if name in ("Antal praksis", "Regionens praksis", "Regionens tilmeldte"):
        return _whole(where, name, values[0], minimum=1)
    if name == "Klyngepakke" and not _ID.fullmatch(values[0]):
        raise InputError(
            f"{where}: »{values[0]}« er ikke en klyngepakkes kortnavn (små bogstaver, tal og bindestreg).{_NEW_FILE}"
        )
    return [checked_text(where, name, value) for value in values]


def checked_text(where: str, field: str, text: str) -> str:
    """A name as format.name_problem allows it, or InputError naming the line."""
    problem = name_problem(text)
    if problem:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise InputError(f"{where}: »{field}« »{shown}« {problem}.{_NEW_FILE}")
    return text


def _period(metadata) -> Period:
    try:
        return Period(metadata["Første dag"], metadata["Sidste dag"])
    except ValueError:
        raise InputError(
            f"Klyngedatafilen: periodens sidste dag ({format_date(metadata['Sidste dag'])}) ligger før dens første "
            f"({format_date(metadata['Første dag'])}). Filen er rettet i hånden.{_NEW_FILE}"
        ) from None


def _date(where: str, text: str) -> datetime.date:
    try:
        danish = _DANISH_DATE.fullmatch(text)
        if danish:
            day, month, year = map(int, danish.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{where}: »{text}« er ikke en dato. Datoen skrives som ÅÅÅÅ-MM-DD.") from None


def _whole(where: str, column: str, text: str, minimum: int = 0) -> int:
    if not _DIGITS.fullmatch(text):
        raise InputError(
            f"{where}, »{column}«: »{text}« er ikke et helt tal på {minimum} eller derover. Tal i "
            f"filen skrives uden punktum, komma og mellemrum.{_NEW_FILE}"
        )
    value = int(text)
    if value < minimum:
        raise InputError(f"{where}, »{column}«: tallet skal være mindst {minimum}.{_NEW_FILE}")
    return value


def _expect_header(lines, position, header: tuple[str, ...], what: str) -> int:
    if position >= len(lines):
        raise InputError(f"Klyngedatafilen slutter før {what}. Filen er afkortet.{_NEW_FILE}")
    number, cells = lines[position]
    if tuple(cell.lower() for cell in cells) != tuple(cell.lower() for cell in header):
        raise InputError(
            f"Klyngedatafilen, linje {number}: her skal overskriften til {what} stå: »{';'.join(header)}«.{_NEW_FILE}"
        )
    return position + 1


def _section(lines, position, header: tuple[str, ...], what: str, one: str, many: str):
    """The rows of a section: its header, then rows of as many cells as the header, up to a blank line. Returns
    ([(where, cells), …], the position after the blank line); InputError naming the line for a row of another
    width, or for a section without rows."""
    position = _expect_header(lines, position, header, what)
    rows = []
    while position < len(lines) and lines[position][1]:
        number, cells = lines[position]
        where = f"Klyngedatafilen, linje {number}"
        if len(cells) != len(header):
            raise InputError(
                f"{where}: {one} skal have {len(header)} felter ({';'.join(header)}), men har {len(cells)}.{_NEW_FILE}"
            )
        rows.append((where, cells))
        position += 1
    if not rows:
        raise InputError(f"Klyngedatafilen: filen har ingen {many} under overskriften.{_NEW_FILE}")
    return rows, position + 1


def _read_indicators(lines, position, metadata) -> tuple[tuple[Indicator, ...], int]:
    rows, position = _section(lines, position, INDICATOR_HEADER, "indikatorerne", "en indikator", "indikatorer")
    indicators: list[Indicator] = []
    for where, cells in rows:
        id_, name, codes_text, count_text, rate_text = cells
        name = checked_text(where, "Navn", name)
        if not _ID.fullmatch(id_) or any(i.id == id_ for i in indicators):
            raise InputError(f"{where}: »{id_}« er ikke et gyldigt og entydigt kortnavn for en indikator.{_NEW_FILE}")
        codes = tuple(code.strip() for code in codes_text.split(","))
        if not all(_CODE.fullmatch(code) for code in codes):
            raise InputError(f"{where}: »{codes_text}« er ikke ydelseskoder (fire cifre, adskilt af komma).{_NEW_FILE}")
        indicator = Indicator(
            id_, name, tuple(code.zfill(4) for code in codes), _whole(where, "Regionens antal", count_text)
        )
        _check_region_rate(where, rate_text, rate(indicator.region_count, metadata["Regionens tilmeldte"]))
        indicators.append(indicator)
    return tuple(indicators), position


def _check_region_rate(where: str, text: str, expected: float) -> None:
    """The written rate must be the count over the list size, to its printed decimals (Excel may have re-saved it
    with a decimal point or more decimals)."""
    if not _DECIMAL.fullmatch(text):
        raise InputError(f"{where}, »Regionens rate pr. 1.000«: »{text}« er ikke et tal.{_NEW_FILE}")
    written = float(text.replace(",", "."))
    decimals = len(re.split(r"[,.]", text)[1]) if re.search(r"[,.]", text) else 0
    if abs(written - expected) > 0.5 * 10**-decimals + 1e-9:
        raise InputError(
            f"{where}: regionens rate ({text}) passer ikke med regionens antal og tilmeldte "
            f"({rate_text(expected)}). Filen er rettet i hånden.{_NEW_FILE}"
        )


def _read_bands(lines, position, indicators, metadata) -> tuple[tuple[Band, ...], int]:
    """The region's sex and age bands, each band once, their patients and counts adding up to the region's."""
    ids = tuple(indicator.id for indicator in indicators)
    header = (*BAND_HEADER, *ids)
    rows, position = _section(
        lines, position, header, "regionens køn og aldersgrupper", "en aldersgruppe", "aldersgrupper"
    )
    bands: list[Band] = []
    for where, cells in rows:
        sex, age = checked_text(where, "Køn", cells[0]), checked_text(where, "Aldersgruppe", cells[1])
        if any((band.sex, band.age) == (sex, age) for band in bands):
            raise InputError(f"{where}: køn »{sex}« og aldersgruppe »{age}« står to gange.{_NEW_FILE}")
        listed = _whole(where, "Regionens tilmeldte", cells[2])
        if not listed and any(_whole(where, id_, cell) for id_, cell in zip(ids, cells[3:])):
            raise InputError(f"{where}: gruppen har ydelser, men ingen tilmeldte. Filen er rettet i hånden.{_NEW_FILE}")
        bands.append(Band(sex, age, listed, tuple(_whole(where, id_, cell) for id_, cell in zip(ids, cells[3:]))))
    sums = [("tilmeldte", sum(b.listed for b in bands), metadata["Regionens tilmeldte"])]
    sums += [(i.name, sum(b.counts[n] for b in bands), i.region_count) for n, i in enumerate(indicators)]
    for what, total, region in sums:
        if total != region:
            raise InputError(
                f"Klyngedatafilen: aldersgruppernes {what} giver {total} i alt, men regionens er {region}. Filen er "
                f"rettet i hånden.{_NEW_FILE}"
            )
    return tuple(bands), position


_EXPECTED = re.compile(rf"\d{{1,12}}(?:,\d{{1,{EXPECTED_DECIMALS}}})?")


def _expected(where: str, column: str, text: str, count: int) -> float:
    """An expected count as the writer writes it (»850,31«); more than nothing wherever the practice has events,
    since its own events are among the region's in its patients' bands."""
    if not _EXPECTED.fullmatch(text):
        raise InputError(
            f"{where}, »{column}«: »{text}« er ikke et tal med højst {EXPECTED_DECIMALS} decimaler efter komma."
            f"{_NEW_FILE}"
        )
    value = float(text.replace(",", "."))
    if value == 0 and count > 0:
        raise InputError(
            f"{where}, »{column}«: praksis har ydelser, men intet forventet antal. Filen er rettet i hånden.{_NEW_FILE}"
        )
    return value


def _check_expected(practices, indicators, bands) -> None:
    """A practice's expected count lies between its list size times the region's lowest band rate and times the
    highest (whatever its patients' sex and age): a figure outside was changed by hand."""
    for n, indicator in enumerate(indicators):
        rates = [band.counts[n] / band.listed for band in bands if band.listed]
        for practice in practices[: len(practices) if bands else 0]:
            low, high = practice.listed * min(rates), practice.listed * max(rates)
            if not low - 0.005 <= practice.expected[n] <= high + 0.005:
                raise InputError(
                    f"Klyngedatafilen: det forventede antal for »{indicator.name}« hos {practice.label} "
                    f"({expected_text(practice.expected[n])}) kan ikke passe med {format_number(practice.listed, 0)} "
                    "tilmeldte og "
                    f"regionens rater (mellem {expected_text(low)} og {expected_text(high)}). Filen er rettet i "
                    f"hånden.{_NEW_FILE}"
                )


def _read_practices(lines, position, indicators, metadata, banded: bool) -> tuple[Practice, ...]:
    ids = tuple(indicator.id for indicator in indicators)
    expected_columns = tuple(EXPECTED_PREFIX + id_ for id_ in ids) if banded else ()
    header = (*PRACTICE_HEADER, *ids, *expected_columns)
    position = _expect_header(lines, position, header, "praksis")
    practices: list[Practice] = []
    labels: set[str] = set()  # a set, not a scan of the practices so far: a long file is read in linear time
    rows = [(number, cells) for number, cells in lines[position:] if cells]
    if not rows or rows[-1][1] != [END]:
        raise InputError(
            f"Klyngedatafilen slutter uden linjen »{END}«. Filen er afkortet; hent den igen, eller "
            f"bed MidtKraft om en ny."
        )
    for number, cells in rows[:-1]:
        where = f"Klyngedatafilen, linje {number}"
        if cells == [END]:
            raise InputError(f"{where}: »{END}« står før filens sidste linje. Filen er rettet i hånden.{_NEW_FILE}")
        if len(cells) != len(header):
            raise InputError(
                f"{where}: en praksis skal have {len(header)} felter ({';'.join(header)}), men har {len(cells)}. "
                f"Filen er måske afkortet eller rettet i hånden.{_NEW_FILE}"
            )
        label = checked_text(where, "Praksis", cells[0])
        if label in labels:
            raise InputError(f"{where}: hver praksis skal have sit eget navn; »{label}« står to gange.{_NEW_FILE}")
        labels.add(label)
        listed = _whole(where, "Tilmeldte", cells[1], minimum=1)
        counts = tuple(_whole(where, id_, cell) for id_, cell in zip(ids, cells[2:]))
        expected = tuple(
            _expected(where, column, cell, count)
            for column, cell, count in zip(expected_columns, cells[2 + len(ids) :], counts)
        )
        practices.append(Practice(label, listed, counts, expected))
    if len(practices) != metadata["Antal praksis"]:
        raise InputError(
            f"Klyngedatafilen: filen har {len(practices)} praksis, men feltet »Antal praksis« siger "
            f"{metadata['Antal praksis']}. Filen er afkortet eller rettet i hånden.{_NEW_FILE}"
        )
    _check_within_region(practices, indicators, metadata)
    return tuple(practices)


def _check_within_region(practices, indicators, metadata) -> None:
    """The region's sums include the cluster's; anything else means the figures were changed by hand."""
    if sum(p.listed for p in practices) > metadata["Regionens tilmeldte"]:
        raise InputError(
            f"Klyngedatafilen: klyngens praksis har flere tilmeldte end hele regionen. Filen er "
            f"rettet i hånden.{_NEW_FILE}"
        )
    for i, indicator in enumerate(indicators):
        if sum(p.counts[i] for p in practices) > indicator.region_count:
            raise InputError(
                f"Klyngedatafilen: klyngens antal for »{indicator.name}« er større end regionens. "
                f"Filen er rettet i hånden.{_NEW_FILE}"
            )
