"""Two editions deployed with mike side by side (scripts/deploy_edition.py, as `make deploy-local` and the deploy
workflow run it): the older one says so in Danish, the selector switches, and both share one copy of Pyodide."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.site import Visit, copy_project, serve

MIKE = str(Path(sys.executable).parent / "mike")
DEPLOY = str(Path(__file__).resolve().parents[2] / "scripts" / "deploy_edition.py")
PREVIEW = str(Path(__file__).resolve().parents[2] / "scripts" / "preview.py")
PR = "pr-preview/pr-7/"  # where .github/workflows/preview.yml publishes pull request 7 on the Pages branch
CALCULATOR = "klyngepakker/videokonsultationer/beregner/"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


def run(project, *command, **env):
    result = subprocess.run(
        command,
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={
            **os.environ,
            **GIT_IDENTITY,
            "NO_MKDOCS_2_WARNING": "1",
            **env,
            # mike runs `mkdocs` from PATH
            "PATH": f"{Path(MIKE).parent}{os.pathsep}{os.environ['PATH']}",
        },
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def deploy(project, edition):
    run(project, "git", "add", "-A")
    run(project, "git", "commit", "-qm", f"Udgave {edition}")
    run(project, sys.executable, DEPLOY, "deploy", edition)


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """A project copy with editions 1.0 and 1.1 in its gh-pages branch, served from a checkout of that branch."""
    copy = copy_project(tmp_path_factory.mktemp("versions") / "project")
    run(copy, "git", "init", "-q", "-b", "main")
    deploy(copy, "1.0")
    page = copy / "docs" / "privatliv.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("# Privatliv og data", "# Privatliv og data\n\nNyt i 1.1."),
        encoding="utf-8",
    )
    deploy(copy, "1.1")
    run(copy, MIKE, "set-default", "latest")
    served = tmp_path_factory.mktemp("gh-pages")
    run(copy, "git", "worktree", "add", "-q", str(served), "gh-pages")
    server = serve(served)
    yield {"project": copy, "url": f"http://127.0.0.1:{server.server_address[1]}/", "served": served}
    server.shutdown()
    server.server_close()


def test_versions_json_lists_both_and_latest_is_the_newest(editions):
    versions = json.loads(run(editions["project"], "git", "show", "gh-pages:versions.json"))
    by_version = {entry["version"]: entry["aliases"] for entry in versions}
    assert set(by_version) == {"1.0", "1.1"}
    assert by_version["1.1"] == ["latest"] and by_version["1.0"] == []


def test_older_edition_shows_danish_banner_and_newest_does_not(browser, editions):
    visit = Visit(browser, editions["url"])
    old = visit.open("1.0/privatliv/")
    banner = old.locator("[data-md-component=outdated]")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Du læser en ældre udgave")
    assert "Nyt i 1.1." not in old.locator("article").inner_text()
    banner.get_by_role("link", name="Gå til den nyeste udgave.").click()
    expect(old.locator("article")).to_contain_text("Nyt i 1.1.")
    expect(old.locator("[data-md-component=outdated]")).to_be_hidden()
    assert visit.console_errors == [] and visit.foreign_requests == []
    visit.context.close()


def test_version_selector_switches_edition(browser, editions):
    visit = Visit(browser, editions["url"])
    page = visit.open("latest/privatliv/")
    selector = page.locator(".md-version")
    expect(selector).to_contain_text("1.1")
    selector.hover()
    page.locator(".md-version__link", has_text="1.0").click()
    expect(page).to_have_url(editions["url"] + "1.0/privatliv/")
    expect(page.locator("[data-md-component=outdated]")).to_be_visible()
    visit.context.close()


def test_one_copy_of_pyodide_serves_both_editions(editions):
    version = json.loads((editions["project"] / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    tree = run(editions["project"], "git", "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert [path for path in tree if path.endswith("pyodide.asm.wasm")] == [f"_pyodide/{version}/pyodide.asm.wasm"]
    assert {path for path in tree if path.endswith("/pyodide-version.txt")} == {
        "1.0/pyodide-version.txt",
        "1.1/pyodide-version.txt",
    }


@pytest.mark.parametrize("edition", ["1.0", "1.1", "latest"])
def test_each_editions_calculator_is_ready_with_the_shared_pyodide(browser, editions, edition):
    visit = Visit(browser, editions["url"])
    pyodide = []
    visit.context.on("request", lambda request: "pyodide.asm.wasm" in request.url and pyodide.append(request.url))
    page = visit.open(f"{edition}/{CALCULATOR}")
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=90_000)
    # The worker's load, then the service worker's first fill: both from the deployment's one copy.
    assert pyodide and {url.removeprefix(editions["url"]).split("/")[0] for url in pyodide} == {"_pyodide"}
    assert visit.console_errors == [] and visit.foreign_requests == []
    visit.context.close()


@pytest.fixture(scope="module")
def preview(editions, tmp_path_factory):
    """Pull request 7's preview beside the editions, as the preview workflow lays it out: `make build`'s site,
    marked by scripts/preview.py, in pr-preview/pr-7/ of the Pages branch."""
    site = tmp_path_factory.mktemp("preview") / "site"
    run(editions["project"], sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site))
    run(editions["project"], sys.executable, PREVIEW, str(site), "--pr", "7")
    shutil.copytree(site, editions["served"] / PR)
    return editions["url"] + PR


def test_the_preview_calculator_works_in_its_own_folder(browser, preview):
    visit = Visit(browser, preview)
    page = visit.open(CALCULATOR)
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=90_000)
    page.get_by_label("Antal tilmeldte patienter").fill("4.500")
    page.get_by_label("Jeres tal (ydelseskode og antal)").fill("4436;120\n1003;8\n0101;21000\n0120;1100\n0201;30000")
    page.get_by_role("button", name="Beregn").click()
    expect(page.get_by_role("table", name="Jeres rater pr. 1.000 patienter")).to_be_visible(timeout=30_000)
    # Its service worker keeps to the preview's folder, never an edition's.
    scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    assert scope == preview
    assert visit.console_errors == [] and visit.foreign_requests == []
    visit.context.close()


def test_the_preview_is_marked_and_is_no_edition(browser, preview, editions):
    visit = Visit(browser, preview)
    page = visit.open("privatliv/")
    expect(page.get_by_role("note").first).to_contain_text("Forhåndsvisning af ændringsforslag nr. 7")
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    expect(page.locator(".md-version")).to_have_count(0)  # no version menu: it is not in versions.json
    versions = json.loads((editions["served"] / "versions.json").read_text(encoding="utf-8"))
    assert all("pr-" not in entry["version"] and "pr-7" not in entry["aliases"] for entry in versions)
    visit.context.close()
