"""The site publishes no real practice-level data: the build refuses reference rows unless the pack says
`fictitious: true`, and the example cluster data file it does publish is the script's output on the fictitious
demo extract."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
from support.site import ROOT, build_site

from calculators.cluster_file.load import load_cluster_file
from macros.reference import reference_json, refuse_real_rows

PACK = "videokonsultationer"
CONFIG = f"data/klyngepakker/{PACK}.yaml"
REFERENCE = f"data/reference/{PACK}.csv"
EXAMPLE = ROOT / "docs" / "klyngepakker" / PACK / "eksempel-klyngedata.csv"
EXAMPLE_COMMAND = [
    "--fil",
    "tests/fixtures/klyngedata/fiktivt-udtraek-aldersgrupper.csv",  # with sex and age bands: a version 3 file
    *("--fra", "2024-01-01", "--til", "2025-12-31", "--seed", "1", "--dato", "2026-11-30"),
]
EXAMPLE_CLUSTER_FILE = "klynge-nord-fiktiv.csv"


def declare_real(project) -> None:
    path = project / CONFIG
    text = path.read_text(encoding="utf-8")
    assert "\nfictitious: true\n" in text
    path.write_text(text.replace("\nfictitious: true\n", "\nfictitious: false\n"), encoding="utf-8")


def test_real_rows_stop_the_build_with_a_danish_message(project_copy, tmp_path):
    declare_real(project_copy)
    rows = len(pd.read_csv(project_copy / REFERENCE, sep=";", dtype=str))
    result = build_site(project_copy, tmp_path / "out")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert (
        f"{REFERENCE}: filen har {rows} rækker med tal for enkelte praksis, men {CONFIG} siger "
        "»fictitious: false«. Rigtige tal for praksis hører hjemme i klyngedatafiler (»make klyngedata«), som "
        "MidtKraft sender til klyngerne – aldrig i repositoriet eller på sitet."
    ) in output
    assert not list((tmp_path / "out" / "assets" / "data").glob(f"{PACK}*.json"))  # under any (hashed) name


def test_a_real_pack_without_rows_builds(project_copy, tmp_path):
    declare_real(project_copy)
    path = project_copy / REFERENCE
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    result = build_site(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_rule_itself():
    frame = pd.DataFrame({"klynge": ["K"], "tilmeldte": ["1000"]})
    assert refuse_real_rows(PACK, {"fictitious": True}, frame) == []
    assert refuse_real_rows(PACK, {"fictitious": False}, frame.iloc[0:0]) == []
    [message] = refuse_real_rows(PACK, {"fictitious": False}, frame)
    assert message.startswith(f"{REFERENCE}: filen har 1 rækker")


def test_published_example_is_what_the_script_makes_of_the_demo_extract(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "klyngedata.py"), *EXAMPLE_COMMAND, "--ud", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    made = (tmp_path / EXAMPLE_CLUSTER_FILE).read_bytes()
    assert EXAMPLE.read_bytes() == made, (
        "Eksempelfilen passer ikke med scriptet. Lav den igen: .venv/bin/python scripts/klyngedata.py "
        f"{' '.join(EXAMPLE_COMMAND)} --ud /tmp/eksempel && cp /tmp/eksempel/{EXAMPLE_CLUSTER_FILE} "
        f"{EXAMPLE.relative_to(ROOT)}"
    )
    assert "(fiktiv)" in made.decode("utf-8")


def test_example_is_served_by_the_site(site):
    assert (site / "klyngepakker" / PACK / "eksempel-klyngedata.csv").read_bytes() == EXAMPLE.read_bytes()


def test_example_opens_in_the_calculator_of_its_pack():
    response = load_cluster_file({"text": EXAMPLE.read_text(encoding="utf-8"), "reference": reference_json(ROOT, PACK)})
    assert response["ok"] is True, response
    assert response["file"]["cluster_name"] == "Klynge Nord (fiktiv)"
