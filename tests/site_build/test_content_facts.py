"""Facts corrected after the review against the source documents (issue 13), checked in the built pages so the
errors cannot come back. Each expected text is what the sources say; each forbidden text is the earlier error."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest


def article_text(site: Path, page: str) -> str:
    """The page's main text as a reader sees it: tags removed, entities decoded, whitespace collapsed."""
    markup = (site / page / "index.html").read_text(encoding="utf-8")
    body = re.search(r"<article[^>]*>(.*?)</article>", markup, re.S).group(1)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def article_html(site: Path, page: str) -> str:
    markup = (site / page / "index.html").read_text(encoding="utf-8")
    return re.search(r"<article[^>]*>(.*?)</article>", markup, re.S).group(1)


def reader_pages(site: Path) -> list[str]:
    """Every content page except the privacy page, which another editor owns."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        page = path.parent.relative_to(site).as_posix()
        if "assets" not in path.parts and "search" not in path.parts and page != "privatliv":
            pages.append("" if page == "." else page)
    return pages


def test_keu_attendance_lists_the_apologies_in_the_minutes(site):
    text = article_text(site, "om-klyngearbejdet/keu-og-midtkraft")
    for name in ("Frank Heidemann", "Karen Heebøll", "Svend Kier"):
        assert name in text
    assert "Afbud" in text


def test_who_target_is_influenza_only_and_pneumococcal_figure_is_given(site):
    text = article_text(site, "om-klyngearbejdet/keu-og-midtkraft")
    cell = re.search(r"Forebyggelse (Kampagne .*?) Patientsikkerhed", text).group(1)  # the table row
    assert re.search(r"Influenza: .*WHO's mål .*75 %", cell)
    assert "56 %" in cell and "april-oktober" in cell
    assert "WHO's mål om mindst 75 % vaccinerede" not in cell


def test_catalogue_neither_claims_kiap_packs_nor_offers_an_ordering_address(site):
    markup = article_html(site, "klyngepakker")
    assert not re.search(r"<li>\s*(Diabetes|KOL)\b", markup)
    assert "mailto:" not in markup


def test_fee_code_names_come_with_their_source(site):
    pack = article_text(site, "klyngepakker/videokonsultationer")
    for code, name in (("0101", "konsultation"), ("0120", "årsstatus/årskontrol"), ("0201", "telefonkonsultation")):
        assert re.search(rf"{code} \| ?{re.escape(name)}|{code} {re.escape(name)}", pack), code
    for page in ("klyngepakker/videokonsultationer", "klyngepakker/videokonsultationer/beregner"):
        markup = (site / page / "index.html").read_text(encoding="utf-8")
        assert "Vejledning i anvendelse af overenskomstens ydelser" in markup, page
    assert all("13. marts 2020" not in article_text(site, page) for page in reader_pages(site))


def test_pack_rates_are_per_1000_patients_and_the_calculator_dates_its_period(site):
    """The pack itself is undated (and says so); the calculator dates the period its numbers cover, and calls the
    demo clusters' period invented."""
    pack = article_text(site, "klyngepakker/videokonsultationer")
    assert "pr. 1.000 patienter" in pack and "pr. 1.000 tilmeldte patienter" not in pack
    assert "Klyngepakken er ikke dateret" in pack and "datafil fra MidtKraft angiver periodens" in pack
    calculator = article_text(site, "klyngepakker/videokonsultationer/beregner")
    assert "Indsæt jeres tal for alle ydelseskoder for præcis den periode, som klyngens tal dækker" in calculator
    assert "Indsæt jeres egne tal for 1. januar 2024 – 31. december 2025 (2 år)" in calculator
    assert "Demoklyngernes periode er opdigtet ligesom deres tal" in calculator


def test_pack_page_gives_the_regional_background_from_the_status_report(site):
    pack = article_text(site, "klyngepakker/videokonsultationer")
    assert "MedCom" in pack and "Syv praksis" in pack and "efteråret 2020" in pack


def test_remote_guide_is_linked_where_the_pack_gives_the_address(site):
    markup = article_html(site, "videokonference/guides-og-links")
    assert re.search(r'href="https://www\.remoteguide\.dk"[^>]*>Remote guide', markup)
    assert not re.search(r"Remote guide[^<]*\(adressen mangler i kilden\)", markup)


def test_film_lengths_are_minutes_and_seconds(site):
    text = article_text(site, "klyngepakker/videokonsultationer/klyngemoedet")
    assert all(length in text for length in ("4:52 min.", "6:58 min.", "6:03 min."))
    assert "4.52" not in text


@pytest.mark.parametrize(
    "expansion",
    [
        "Praktiserende Lægers Organisation",
        "fælles medicinkort",
        "laveste effektive omkostningsniveau",
        "kronisk obstruktiv lungesygdom",
        "ikke-planlagt",
    ],
)
def test_no_abbreviation_is_expanded_beyond_the_sources(site, expansion):
    assert [page for page in reader_pages(site) if expansion in article_text(site, page)] == []


# Danish quotation marks face inwards, »…«: a « never opens a quotation, a » never closes one.
WRONG_QUOTES = re.compile(r"""[“”„]|(?:^|[\s('"{])«\w|\w»(?:[\s.,;:)'"}]|$)""", re.MULTILINE)
ROOT = Path(__file__).resolve().parents[2]


def test_messages_and_csv_quote_the_danish_way_too():
    """The calculators' messages, the build's checks, the scripts' messages and the CSV texts come from the code,
    not from docs/: the same quotation marks there as on the pages."""
    sources = [
        path
        for folder in ("calculators", "macros", "overrides", "scripts")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in {".py", ".js", ".mjs", ".html", ".md", ".css"}
    ]
    assert len(sources) > 50
    wrong = [str(path.relative_to(ROOT)) for path in sources if WRONG_QUOTES.search(path.read_text(encoding="utf-8"))]
    assert wrong == []


def test_one_form_for_names_and_quotation_marks(site):
    for page in reader_pages(site):
        text = article_text(site, page)
        assert not re.search(r"\b(?:covid-19|Covid-19|coronatid)\b", text), page
        assert "PLO Midtjylland" not in text, page
        assert not WRONG_QUOTES.search(text), page
        assert not re.search(r"\bdata/[\w/.-]+\.(?:csv|yaml)\b", text), page


def test_video_conference_report_is_dated_by_its_data(site):
    text = article_text(site, "videokonference")
    assert "Rapporten er ikke dateret" in text and "30. juni 2022" in text
    assert "Rapporten oplyser ikke taksterne" in text
    technical = article_text(site, "videokonference/tekniske-loesninger")
    assert "18 kommuner" in technical and "Da rapporten blev skrevet" in technical


def test_report_wording_is_carried_over_exactly(site):
    areas = article_text(site, "videokonference/omraader")
    assert "flere end tre parter er med" in areas
    summary = article_text(site, "videokonference/anbefalinger")
    assert "hverken fysisk eller virtuelt" not in summary
    assert "hvad enten mødet er fysisk eller virtuelt" in summary and "skal overvejes" in summary
    experience = article_text(site, "videokonference/erfaringer")
    assert "skulle være opmærksomme på" in experience and "skal de kommunale chefer" not in experience
    assert "Rapporten oplyser ikke, hvem Iben Duvald er" in experience


def test_activity_page_has_the_local_agreement_and_no_unsupported_link(site):
    text = article_text(site, "videokonference/aktivitet-2022")
    assert "1. september 2019" in text and "auditmanual" in text
    assert "bygger på disse tal" not in text


def test_cluster_page_keeps_national_targets_to_antibiotics_and_the_course_planned(site):
    text = article_text(site, "om-klyngearbejdet")
    assert "nationale mål for antibiotika" in text
    assert "nationale mål for antibiotika, influenzavaccination" not in text
    assert "ville tilbyde alle klyngekoordinatorer" in text
