"""`make ny-klyngepakke`: a pack made from the template is a draft, left out of the published site until marked ready
(and shown with a banner by `make serve`); names are unique."""

from __future__ import annotations

import difflib
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from support.site import ROOT, build_site

SCRIPT = ROOT / "scripts" / "new_pack.py"
NAME, SLUG = "Øre, næse og hals", "oere-naese-og-hals"
DRAFT_LINE = "udkast: true  # Udkast: udgives ikke, men vises af make serve. Slet linjen, når siden er klar.\n"


def new_pack(project, name: str) -> subprocess.CompletedProcess:
    """The script as `make ny-klyngepakke` runs it, on the project copy."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), name, "--root", str(project)], capture_output=True, text=True, timeout=60
    )


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("new_pack", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_new_pack_is_a_draft_left_out_of_the_published_build(project_copy, tmp_path):
    config_before = (project_copy / "mkdocs.yml").read_text(encoding="utf-8")
    result = new_pack(project_copy, NAME)
    assert result.returncode == 0, result.stderr
    assert f"Klyngepakken »{NAME}« er oprettet som udkast" in result.stdout and "Næste skridt" in result.stdout

    config_after = (project_copy / "mkdocs.yml").read_text(encoding="utf-8")
    edits = difflib.SequenceMatcher(None, config_before.splitlines(), config_after.splitlines()).get_opcodes()
    assert {tag for tag, *_ in edits} == {"equal", "insert"}, "mkdocs.yml må kun få linjer tilføjet"
    assert f"      - {NAME}:\n          - klyngepakker/{SLUG}/index.md\n" in config_after

    site = tmp_path / "site"
    build = build_site(project_copy, site)
    assert build.returncode == 0, build.stdout + build.stderr
    assert not (site / "klyngepakker" / SLUG).exists()
    built = [page.read_text(encoding="utf-8") for page in site.rglob("*.html")]
    assert len(built) > 20 and not any(f"{SLUG}/" in text or NAME in text for text in built), "udkastet er i menuen"
    assert SLUG not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert SLUG not in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    catalogue = (site / "klyngepakker" / "index.html").read_text(encoding="utf-8")
    assert 'href="videokonsultationer/"' in catalogue and "Udkast" not in catalogue


def test_make_serve_shows_the_draft_with_a_banner(project_copy):
    assert new_pack(project_copy, NAME).returncode == 0
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project_copy,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        draft = fetch(f"http://127.0.0.1:{port}/klyngepakker/klyngepakker/{SLUG}/")
        catalogue = fetch(f"http://127.0.0.1:{port}/klyngepakker/klyngepakker/")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Udkast – udgives ikke" in draft and "Slet linjen <code>udkast: true</code>" in draft
    assert f'href="{SLUG}/">{NAME}</a></strong> (udkast – udgives ikke endnu)' in catalogue


def test_page_marked_ready_with_placeholders_fails(project_copy, tmp_path):
    assert new_pack(project_copy, NAME).returncode == 0
    index = project_copy / "docs" / "klyngepakker" / SLUG / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(DRAFT_LINE, ""), encoding="utf-8")
    build = build_site(project_copy, tmp_path / "site")
    assert build.returncode != 0
    assert (
        f"docs/klyngepakker/{SLUG}/index.md, linje 9: siden er markeret klar, men har stadig pladsholderen "
        "»skriv her«. Skriv det rigtige indhold – eller sæt »udkast: true« øverst i siden igen"
    ) in build.stdout + build.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    """The page once `mkdocs serve` has built the site (it takes some seconds)."""
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "videokonsultationer i ALMEN praksis",
            "Navnet »videokonsultationer i ALMEN praksis« bruges allerede af klyngepakken i "
            "docs/klyngepakker/videokonsultationer/index.md. Giv pakken et andet navn.",
        ),
        (
            "Videokonsultationer",
            "Klyngepakken »videokonsultationer« findes allerede (docs/klyngepakker/videokonsultationer)",
        ),
        ("  ", "Skriv klyngepakkens navn"),
    ],
)
def test_unusable_name_is_refused_in_danish_and_nothing_is_written(project_copy, name, message):
    config_before = (project_copy / "mkdocs.yml").read_text(encoding="utf-8")
    packs_before = sorted((project_copy / "docs" / "klyngepakker").iterdir())
    result = new_pack(project_copy, name)
    assert result.returncode == 1
    assert message in result.stderr
    assert (project_copy / "mkdocs.yml").read_text(encoding="utf-8") == config_before
    assert sorted((project_copy / "docs" / "klyngepakker").iterdir()) == packs_before


def test_copied_pack_with_the_same_name_fails_the_build(project_copy, tmp_path):
    assert new_pack(project_copy, NAME).returncode == 0
    copy = project_copy / "docs" / "klyngepakker" / f"{SLUG}-kopi"
    copy.mkdir()
    shutil.copy2(project_copy / "docs" / "klyngepakker" / SLUG / "index.md", copy / "index.md")
    build = build_site(project_copy, tmp_path / "site")
    assert build.returncode != 0
    assert (
        f"docs/klyngepakker/{SLUG}-kopi/index.md, felt »klyngepakke.name«: navnet »{NAME}« bruges allerede af "
        f"docs/klyngepakker/{SLUG}/index.md. Giv pakken et andet navn."
    ) in build.stdout + build.stderr


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Øre, næse og hals", "oere-naese-og-hals"),
        ("Århus' KOL-pakke 2.0", "aarhus-kol-pakke-2-0"),
        ("  Diabetes   type 2 ", "diabetes-type-2"),
        ("Café-møder", "cafe-moeder"),
    ],
)
def test_slug(script, name, slug):
    assert script.slugify(name) == slug


def test_reference_data_are_fixed_and_every_cluster_has_at_least_five_practices(script):
    text = script.reference_csv(["0101", "0120"])
    assert text == script.reference_csv(["0101", "0120"])
    header, *rows = text.splitlines()
    assert header == "klynge;tilmeldte;0101;0120"
    clusters = [row.split(";")[0] for row in rows]
    assert all(clusters.count(cluster) >= 5 for cluster in clusters)
    assert all(value.isdigit() for row in rows for value in row.split(";")[1:])


def test_nav_key_is_quoted_only_when_yaml_would_misread_it(script):
    assert script.nav_key("Øre, næse og hals") == "Øre, næse og hals"
    assert script.nav_key("Ja") == "Ja"
    assert script.nav_key("Yes") == '"Yes"'
    assert script.nav_key("KOL: opfølgning") == '"KOL: opfølgning"'


def test_mkdocs_yml_without_the_catalogue_section_is_refused(script):
    with pytest.raises(script.Refusal, match="fandt ikke afsnittet »- Klyngepakker:«"):
        script.add_to_nav("site_name: x\nnav:\n  - Forside: index.md\n", NAME, SLUG)
