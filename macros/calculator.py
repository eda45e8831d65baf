"""The calculator's HTML form, rendered at build time from the pack's reference data.

The accessible names (Klynge, Antal tilmeldte patienter, Jeres tal (ydelseskode og antal), Beregn) are the
contract the browser tests use. Everything the user types stays in the browser: calculator.js hands it to a
Web Worker running the `calculators` package in Pyodide. The form cannot send anything anywhere, with or
without script: its fields have no `name` (a submitted form would carry nothing), "Beregn" is disabled until the
worker is ready, and the page's policy says `form-action 'none'`. The page template (overrides/main.html) loads
calculator.js and its CSS in <head> on every page that contains this form.
"""

from __future__ import annotations

import html
import re

from .calculator_form import (
    actions,
    button,
    calculator_form,
    calculator_root,
    number_field,
    result_section,
    status_and_noscript,
    text_field,
)
from .cluster_file_field import cluster_file_field, practice_choice
from .reference import pack_codes
from .sex_and_age_field import sex_and_age_fields


def cluster_options(reference: dict) -> str:
    return "\n".join(
        f'<option value="{html.escape(c["id"])}">{html.escape(c["name"])} – {len(c["listed"])} praksis</option>'
        for c in reference["clusters"]
    )


def indicator_list(reference: dict) -> str:
    return "".join(
        f"<li>{html.escape(i['name'])}: ydelseskode {html.escape(' + '.join(i['codes']))}</li>"
        for i in reference["indicators"]
    )


def fictitious_notice(reference: dict) -> str:
    if not reference["fictitious"]:
        return ""
    return (
        '<div class="admonition warning"><p class="admonition-title">Fiktive data</p>'
        "<p>Klyngernes tal er <strong>fiktive data</strong>, lavet til at afprøve beregneren. De siger intet om "
        "rigtige praksis. MidtKraft udskifter dem med anonyme tal fra klyngerne.</p></div>"
    )


def questions_for_print(guide_markdown: str) -> str:
    """The discussion guide's questions for the paper version: headings become bold lines, so they stay out of
    this page's table of contents."""
    body = re.sub(r"\A---.*?\n---\s*\n", "", guide_markdown, flags=re.DOTALL)
    body = re.sub(r"^# .*\n", "", body, flags=re.MULTILINE)
    body = re.sub(r"^Brug spørgsmålene.*\n", "", body, flags=re.MULTILINE)
    return re.sub(r"^#{2,6} (.*)$", r"**\1**", body, flags=re.MULTILINE)


def calculator_html(pack: str, reference: dict, base: str, guide_markdown: str, example_url: str | None = None) -> str:
    codes = ", ".join(pack_codes(reference))
    example = "\n".join(f"{code}\t…" for code in pack_codes(reference)[:2])
    purpose = "Har klyngen fået sine egne tal som en datafil, sammenligner beregneren med dem."
    listed = number_field("calc-listed", "listed", "Antal tilmeldte patienter", "Et helt tal, fx 4.500.")
    text_help = (
        "Én ydelseskode og ét antal pr. linje, fx kopieret fra Excel eller jeres praksissystem. Har regnearket en "
        "kolonne pr. år, så kopiér overskriftslinjen med: så bruges kolonnen »I alt«. "
        f"Koderne i denne klyngepakke: {codes}."
    )
    text = text_field("calc-text", "text", "Jeres tal (ydelseskode og antal)", text_help, rows=8, placeholder=example)
    # The paste box first: most practices have only their own numbers. The cluster data file comes after it, under
    # a question that says who has one.
    fields = f"""
  <div class="calculator-field">
    <label for="calc-cluster">Klynge</label>
    <select id="calc-cluster" data-field="cluster">
{cluster_options(reference)}
    </select>
  </div>
{listed}{text}{sex_and_age_fields("calc", reference.get("bands"))}
  <fieldset class="calculator-file-group">
    <legend>Har I en datafil fra MidtKraft?</legend>
{cluster_file_field("calc", example_url, purpose)}
{practice_choice("calc")}
  </fieldset>"""
    result = f"""  <p class="calculator-context" data-context></p>
  <div class="calculator-file-facts" data-file-facts></div>
  <div data-summary></div>
  <div data-table></div>
  <div data-standardised></div>
  <div data-charts></div>
  <p class="calculator-next-step"><strong>Næste skridt:</strong> udskriv resultatet med spørgsmålene til
  klyngemødet, og tag det med til mødet.</p>
{actions(button("download", "Hent resultat som CSV"), button("print", "Udskriv resultat og drøftelsesspørgsmål"))}"""
    body = f"""<p>Indsæt jeres egne tal for <strong data-period>{period_text(reference)}</strong>, så ser I jeres
rater pr. 1.000 tilmeldte patienter ved siden af de andre praksis i jeres klynge. Beregningen sker i jeres browser:
<strong>ingen af jeres tal sendes nogen steder hen.</strong></p>{period_note(reference)}

{status_and_noscript()}

{calculator_form(fields)}

{result_section("calc-result-heading", result)}

<p>Beregneren viser disse indikatorer:</p>
<ul>{indicator_list(reference)}</ul>"""
    return f"""
{fictitious_notice(reference)}

{calculator_root("calculator", pack, base, body)}

<div class="calculator-print-questions" markdown>
**Spørgsmål til klyngemødet**

{questions_for_print(guide_markdown)}
</div>
"""


def period_text(reference: dict) -> str:
    """ "1. januar 2024 – 31. december 2025 (2 år)": the days the practice's own counts must cover."""
    return html.escape(reference["period"]["text_and_length"])


def period_note(reference: dict) -> str:
    """The demo clusters' period is invented like their numbers; a cluster data file brings its own."""
    if not reference["fictitious"]:
        return ""
    return """
<p>Demoklyngernes periode er opdigtet ligesom deres tal. Åbner I en datafil fra MidtKraft, gælder datafilens
periode, og den står her i stedet.</p>"""
