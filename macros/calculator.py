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

from .cluster_file_field import cluster_file_field, practice_choice
from .reference import pack_codes


def cluster_options(reference: dict) -> str:
    return "\n".join(
        f'<option value="{html.escape(c["id"])}">{html.escape(c["name"])} – {len(c["listed"])} praksis</option>'
        for c in reference["clusters"]
    )


def indicator_list(reference: dict) -> str:
    return "".join(
        f"<li>{html.escape(i['name'])}: ydelseskode {' + '.join(i['codes'])}</li>" for i in reference["indicators"]
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
    return f"""
{fictitious_notice(reference)}

<div class="calculator" data-calculator data-reference="{base}assets/data/{pack}.json">
<p>Indsæt jeres egne tal for <strong>{html.escape(reference["period"])}</strong>, så ser I jeres rater pr. 1.000
tilmeldte patienter ved siden af de andre praksis i jeres klynge. Beregningen sker i jeres browser:
<strong>ingen af jeres tal sendes nogen steder hen.</strong></p>
<p>Beregneren viser disse indikatorer:</p>
<ul>{indicator_list(reference)}</ul>

<p class="calculator-status is-busy" data-status role="status" aria-live="polite">
  <span class="calculator-spinner" aria-hidden="true"></span><span data-status-text>Beregneren indlæses …</span>
</p>
<noscript><p><strong>Beregneren kræver JavaScript.</strong> Slå JavaScript til i browseren, og genindlæs siden.
Formularen sender intet, heller ikke uden JavaScript.</p></noscript>

<form class="calculator-form" data-form novalidate autocomplete="off">
{cluster_file_field("calc", example_url, "Har klyngen fået sine egne tal som en datafil, kan I sammenligne med dem.")}
  <div class="calculator-field">
    <label for="calc-cluster">Klynge</label>
    <select id="calc-cluster" data-field="cluster">
{cluster_options(reference)}
    </select>
  </div>
{practice_choice("calc")}
  <div class="calculator-field">
    <label for="calc-listed">Antal tilmeldte patienter</label>
    <input id="calc-listed" data-field="listed" type="text" inputmode="numeric" autocomplete="off"
           aria-describedby="calc-listed-help" spellcheck="false">
    <p class="calculator-help" id="calc-listed-help">Et helt tal, fx 4.500.</p>
  </div>
  <div class="calculator-field">
    <label for="calc-text">Jeres tal (ydelseskode og antal)</label>
    <textarea id="calc-text" data-field="text" rows="8" aria-describedby="calc-text-help" spellcheck="false"
              autocomplete="off" placeholder="{html.escape(example)}"></textarea>
    <p class="calculator-help" id="calc-text-help">Én ydelseskode og ét antal pr. linje, fx kopieret fra Excel
      eller jeres praksissystem. Koderne i denne klyngepakke: {codes}.</p>
  </div>
  <button type="submit" class="md-button md-button--primary" data-submit disabled>Beregn</button>
  <button type="button" class="md-button" data-retry hidden>Prøv igen</button>
</form>

<div class="calculator-error" data-error role="alert"></div>
<div class="calculator-warnings" data-warnings aria-live="polite"></div>

<section class="calculator-result" data-result hidden aria-labelledby="calc-result-heading" tabindex="-1">
  <h2 id="calc-result-heading">Jeres resultat</h2>
  <p class="calculator-context" data-context></p>
  <div class="calculator-file-facts" data-file-facts></div>
  <div data-summary></div>
  <div data-table></div>
  <div data-charts></div>
  <p class="calculator-actions">
    <button type="button" class="md-button" data-download>Hent resultat som CSV</button>
    <button type="button" class="md-button" data-print>Udskriv resultat og drøftelsesspørgsmål</button>
  </p>
</section>
</div>

<div class="calculator-print-questions" markdown>
**Spørgsmål til klyngemødet**

{questions_for_print(guide_markdown)}
</div>
"""
