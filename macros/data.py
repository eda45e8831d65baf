"""Loads and validates the files in data/. Every problem is reported with file, row, field and what to do."""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from .errors import DataError, raise_if_any

FEE_CODE = re.compile(r"^\d{4}$")
SECTORS = ("Almen praksis", "Hospitaler", "Kommuner")
LINK_GROUPS = ("generelt", "almen-praksis", "kommuner", "hospitaler", "klyngepakke")
# Data fields reach pages through Markdown, which passes HTML through: a tag or a script address in a data file
# would become part of the page. No field of ours needs one, so the build refuses them.
MARKUP = re.compile(r"[<>]|(?:javascript|vbscript)\s*:", re.IGNORECASE)
# An address that cannot end the Markdown link it is written into, nor carry anything after it.
SAFE_URL = re.compile(r"https://[^\s<>\"'()\[\]\\`]+")


class TextLoader(yaml.SafeLoader):
    """YAML read as an editor means it: numbers stay text, so `version: 1.10` is "1.10" (not 1.1) and
    `codes: [0101]` is "0101" (not the octal number 65); an impossible date such as 2026-02-30 stays text, so
    the check of that field can say so in Danish instead of stopping with Python's ValueError."""


_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
TextLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag not in _NUMBERS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _date_or_text(loader: TextLoader, node):
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


TextLoader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)


def read_yaml(root: Path, name: str):
    """A YAML file as Python data (numbers as text); a syntax error becomes a Danish message with the line."""
    path = root / name
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=TextLoader)
    except FileNotFoundError:
        raise DataError([f"{name}: filen findes ikke. Gendan den fra main-grenen."]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", linje {mark.line + 1}" if mark else ""
        raise DataError(
            [
                f"{name}{where}: filen er ikke gyldig YAML ({getattr(error, 'problem', error)}). "
                "Tjek indrykning, kolon efter hvert feltnavn og anførselstegn om tekst med kolon."
            ]
        ) from None


def row_list(lines: list[int]) -> str:
    """»række 4«, »række 4 og 9« or »række 2, 3, 4 og 53 rækker mere«: short even when every row is wrong."""
    shown = [str(line) for line in lines[:3]]
    if len(lines) > 3:
        return f"række {', '.join(shown)} og {len(lines) - 3} rækker mere"
    return "række " + (f"{', '.join(shown[:-1])} og {shown[-1]}" if len(shown) > 1 else shown[0])


def read_table(path: Path, name: str) -> pd.DataFrame:
    """A `;`-separated CSV as Excel saves it, every cell text, indexed so that `csv_line` gives the file's line.

    Forgiven, because it changes nothing: Excel's byte-order mark, blank lines, and one empty field after a
    trailing `;` (on every row or on some). Refused with the fix: another encoding than UTF-8, commas instead of
    semicolons, and rows with more or fewer fields than the header (a trailing `;7` shifts no column silently).
    FileNotFoundError is the caller's to explain."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(
            [
                f"{name}: filen er ikke gemt som UTF-8, så æ, ø og å kan ikke læses. Åbn den i Excel, "
                "vælg Filer › Gem som, og vælg filtypen »CSV UTF-8 (kommasepareret) (*.csv)«."
            ]
        ) from None
    rows = [
        (number, [cell.strip() for cell in row])
        for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=";"), start=1)
        if any(cell.strip() for cell in row)
    ]
    if not rows:
        raise DataError([f"{name}: filen er tom. Den skal have en overskrift og en række pr. linje."])
    (_, header), body = rows[0], rows[1:]
    if header and header[-1] == "":
        header = header[:-1]  # `;` after the last heading
    if len(header) == 1 and "," in header[0]:
        raise DataError(
            [
                f"{name}, række 1: felterne er adskilt med komma. Brug semikolon (;) – gem filen i Excel "
                "som »CSV UTF-8 (kommasepareret) (*.csv)« med dansk opsætning."
            ]
        )
    wrong: dict[tuple[int, str], list[int]] = {}
    for number, row in body:
        if len(row) == len(header) + 1 and row[-1] == "":
            row.pop()  # `;` after the last field
        if len(row) != len(header):
            wrong.setdefault((len(row), row[-1] if len(row) > len(header) else ""), []).append(number)
    problems = [
        f"{name}, {row_list(lines)}: rækken har {count} felter, men overskriften har {len(header)} "
        f"({';'.join(header)})."
        + (
            f" Det sidste felt er »{last}«: slet det, eller giv det en kolonne i overskriften."
            if last
            else " Tjek semikolonerne: hvert felt i overskriften skal have en værdi i rækken (et tomt felt er ;;)."
        )
        for (count, last), lines in wrong.items()
    ]
    raise_if_any(problems)
    return pd.DataFrame([row for _, row in body], columns=header, index=[number - 2 for number, _ in body], dtype=str)


def read_csv(root: Path, name: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """A `;`-separated CSV with exactly the given header, every cell kept as text."""
    try:
        frame = read_table(root / name, name)
    except FileNotFoundError:
        raise DataError([f"{name}: filen findes ikke. Gendan den fra main-grenen."]) from None
    if tuple(frame.columns) != columns:
        raise DataError(
            [
                f"{name}, række 1 (overskriften): kolonnerne er {';'.join(frame.columns)}, "
                f"men skal være {';'.join(columns)}."
            ]
        )
    return frame


def csv_line(index: int) -> int:
    """The line an editor sees in the file for a data row (the header is line 1)."""
    return int(index) + 2


def require_filled(frame: pd.DataFrame, name: str, fields: tuple[str, ...]) -> list[str]:
    return [
        f"{name}, række {csv_line(index)}, felt »{field}«: feltet er tomt. Udfyld det, eller slet rækken."
        for index, row in frame.iterrows()
        for field in fields
        if not row[field]
    ]


@cache
def fee_codes(root: Path) -> pd.DataFrame:
    name = "data/fee_codes.csv"
    frame = read_csv(root, name, ("kode", "navn", "beskrivelse"))
    problems = require_filled(frame, name, ("kode", "navn"))
    for index, code in frame["kode"].items():
        if code and not FEE_CODE.match(code):
            problems.append(
                f"{name}, række {csv_line(index)}, felt »kode«: »{code}« er ikke en ydelseskode. "
                "Skriv fire cifre, med foranstillede nuller (fx 0101)."
            )
    for code in sorted(set(frame["kode"][frame["kode"].duplicated()])):
        lines = ", ".join(str(csv_line(i)) for i in frame.index[frame["kode"] == code])
        problems.append(f"{name}: ydelseskode {code} står flere gange (række {lines}). Behold én række.")
    raise_if_any(problems)
    return frame.set_index("kode", drop=False)


@cache
def video_systems(root: Path) -> pd.DataFrame:
    name = "data/video_systems.csv"
    frame = read_csv(root, name, ("sektor", "løsning", "anvendelse", "bemærkning"))
    problems = require_filled(frame, name, ("sektor", "løsning", "anvendelse"))
    for index, sector in frame["sektor"].items():
        if sector and sector not in SECTORS:
            problems.append(
                f"{name}, række {csv_line(index)}, felt »sektor«: »{sector}« er ikke en kendt sektor. "
                f"Brug en af: {', '.join(SECTORS)}."
            )
    raise_if_any(problems)
    return frame


@cache
def links(root: Path) -> dict:
    name = "data/links.yaml"
    data = read_yaml(root, name)
    if not isinstance(data, dict):
        raise DataError([f"{name}: filen skal bestå af grupper ({', '.join(LINK_GROUPS)})."])
    problems = [
        f"{name}: gruppen »{group}« mangler. Tilføj den med title og links."
        for group in LINK_GROUPS
        if group not in data
    ]
    problems += [
        f"{name}: gruppen »{group}« kendes ikke. Brug en af: {', '.join(LINK_GROUPS)}."
        for group in data
        if group not in LINK_GROUPS
    ]
    for group, content in data.items():
        if not isinstance(content, dict) or not content.get("title") or not isinstance(content.get("links"), list):
            problems.append(f"{name}, gruppen »{group}«: skal have »title« og en liste »links«.")
            continue
        for number, link in enumerate(content["links"], start=1):
            where = f"{name}, gruppen »{group}«, link nr. {number}"
            if not isinstance(link, dict) or not link.get("title"):
                problems.append(f"{where}: feltet »title« mangler. Skriv linkets tekst.")
                continue
            url = link.get("url") or ""
            if url and not url.startswith("https://"):
                problems.append(
                    f"{where} (»{link['title']}«), felt »url«: »{url}« skal begynde med https://. "
                    'Skriv "" hvis adressen ikke kendes.'
                )
            elif url and not SAFE_URL.fullmatch(url):
                problems.append(
                    f"{where} (»{link['title']}«), felt »url«: »{url}« må ikke indeholde mellemrum, anførselstegn, "
                    "parenteser eller < >. Skriv parenteser som %28 og %29, og mellemrum som %20."
                )
    raise_if_any(problems)
    return data


@cache
def planned_packs(root: Path) -> dict:
    name = "data/planned_packs.yaml"
    data = read_yaml(root, name)
    if not isinstance(data, dict) or not isinstance(data.get("packs"), list):
        raise DataError([f"{name}: filen skal have en liste »packs« med klyngepakker (name, note)."])
    problems = [
        f"{name}, klyngepakke nr. {number}: feltet »name« mangler. Skriv pakkens navn."
        for number, pack in enumerate(data["packs"], start=1)
        if not isinstance(pack, dict) or not pack.get("name")
    ]
    raise_if_any(problems)
    return data


@cache
def sources(root: Path) -> dict:
    name = "data/sources.yaml"
    data = read_yaml(root, name)
    if not isinstance(data, dict):
        raise DataError([f"{name}: filen skal have én nøgle pr. kildedokument med title og publisher."])
    problems = [
        f"{name}, kilden »{key}«: felterne »title« og »publisher« skal udfyldes."
        for key, value in data.items()
        if not isinstance(value, dict) or not value.get("title") or not value.get("publisher")
    ]
    raise_if_any(problems)
    return data


def markup_problems(name: str, fields) -> list[str]:
    """`fields` is (where, text) pairs; a field with a tag or a script address is refused, naming file and field."""
    return [
        f"{name}, {where}: »{text}« indeholder »{MARKUP.search(text).group()}«. Data må ikke indeholde < og > "
        "eller adresser, der begynder med javascript: eller vbscript:. Skriv fx »under« i stedet for <."
        for where, text in fields
        if MARKUP.search(text)
    ]


def yaml_fields(content, where: str = ""):
    """Every text in a YAML document, keys included, with its place: »generelt → links → nr. 3 → title«."""
    if isinstance(content, dict):
        for key, value in content.items():
            inner = f"{where} → {key}" if where else str(key)
            yield f"nøglen »{inner}«", str(key)
            yield from yaml_fields(value, inner)
    elif isinstance(content, list):
        for number, value in enumerate(content, start=1):
            yield from yaml_fields(value, f"{where} → nr. {number}")
    elif isinstance(content, str):
        yield f"felt »{where}«", content


def csv_fields(path: Path):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header = rows[0] if rows else []
    yield from ((f"række 1 (overskriften), kolonne nr. {number}", text) for number, text in enumerate(header, 1))
    for line, row in enumerate(rows[1:], start=2):
        for column, text in zip(header, row):
            yield f"række {line}, felt »{column}«", text


def markup_in_data(root: Path) -> list[str]:
    """Every YAML and CSV file under data/, so that a file added later is guarded too."""
    problems: list[str] = []
    for path in sorted((root / "data").rglob("*")):
        name = path.relative_to(root).as_posix()
        try:
            if path.suffix in (".yaml", ".yml"):
                problems += markup_problems(name, yaml_fields(yaml.safe_load(path.read_text(encoding="utf-8"))))
            elif path.suffix == ".csv":
                problems += markup_problems(name, csv_fields(path))
        except (yaml.YAMLError, UnicodeDecodeError, csv.Error):
            continue  # the file's own loader reports what is wrong with it
    return problems


def load_all(root: Path) -> list[str]:
    """Validate every data file; returns the problems of all files together (empty when all is well)."""
    problems: list[str] = []
    for loader in (fee_codes, video_systems, links, planned_packs, sources):
        loader.cache_clear()  # mkdocs serve rebuilds in-process: always read the files anew
        try:
            loader(root)
        except DataError as error:
            problems += error.problems
    return problems + markup_in_data(root)
