"""The »Følg op« form, rendered at build time: did a practice's change work? Counts before and after, compared.

The same conventions as the comparison calculator (macros/calculator.py): the fields have no `name` (a
submitted form would carry nothing), "Beregn" is disabled until the worker is ready, the page's policy says
`form-action 'none'`, and follow_up.js hands what is typed to the worker, which answers with the `calculators`
package (follow_up for one count, follow_up_table for the pack's indicators from pasted fee codes). The page
template (overrides/main.html) loads follow_up.js and its CSS on every page that contains `data-follow-up`.

The days fields serve both ways of comparing, so "Dage før" and "Dage efter" keep what was typed when a practice
switches between them.
"""

from __future__ import annotations

import html

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
from .reference import pack_codes


def _count_field(period: str, label: str, paste_label: str) -> str:
    """One period's count (single mode) and its pasted fee codes (several indicators), one shown at a time."""
    count_help = "Antal ydelser i perioden, fx 40. Skriv 0, hvis der ingen var."
    paste_help = "Én ydelseskode og ét antal pr. linje, fx kopieret fra Excel. Indsæt de samme koder i begge perioder."
    return number_field(f"fu-{period}", period, label, count_help, mode_part="single") + text_field(
        f"fu-{period}-text", f"{period}_text", paste_label, paste_help, rows=5, mode_part="table", hidden=True
    )


def _days_field(period: str, label: str, example: str) -> str:
    return number_field(f"fu-{period}-days", f"{period}_days", label, f"Periodens længde i hele dage, fx {example}.")


def _listed_field(period: str, label: str) -> str:
    """The optional list size of one period (one count only): with both, the periods are compared per patient."""
    help_text = (
        "Kan udelades. Antal tilmeldte patienter i perioden; udfyld både før og efter, så sammenlignes der pr. "
        "patient, og en liste, der vokser, tæller ikke som en ændring."
    )
    return number_field(f"fu-{period}-listed", f"{period}_listed", label, help_text, mode_part="single")


def follow_up_html(pack: str, reference: dict, base: str) -> str:
    codes = html.escape(", ".join(pack_codes(reference)))
    before_count = _count_field("before", "Antal før", "Jeres tal før (ydelseskode og antal)")
    after_count = _count_field("after", "Antal efter", "Jeres tal efter (ydelseskode og antal)")
    before_days, after_days = _days_field("before", "Dage før", "90"), _days_field("after", "Dage efter", "14")
    fields = f"""  <div class="calculator-field">
    <label for="fu-mode">Hvad vil I sammenligne?</label>
    <select id="fu-mode" data-mode aria-describedby="fu-mode-help">
      <option value="single">Ét antal: fx videokonsultationer før og efter</option>
      <option value="table">Klyngepakkens indikatorer: ydelseskoder og antal før og efter</option>
    </select>
    <p class="calculator-help" id="fu-mode-help">Klyngepakkens indikatorer: {indicator_list_text(reference)}
      (ydelseskoder {codes}).</p>
  </div>
  <fieldset class="follow-up-period">
    <legend>Før ændringen</legend>{before_count}{before_days}{_listed_field("before", "Tilmeldte før")}
  </fieldset>
  <fieldset class="follow-up-period">
    <legend>Efter ændringen</legend>{after_count}{after_days}{_listed_field("after", "Tilmeldte efter")}
  </fieldset>"""
    result = f"""  <div data-summary></div>
  <div data-charts></div>
{actions(button("download", "Hent resultat som CSV"), button("print", "Udskriv resultatet"))}"""
    body = f"""{status_and_noscript()}

{calculator_form(fields, classes="follow-up-form")}

{result_section("fu-result-heading", result, classes="follow-up-result")}"""
    return (
        "\n"
        + calculator_root("follow-up", pack, base, body, classes="follow-up", element_id="foelg-op-beregner")
        + "\n"
    )


def indicator_list_text(reference: dict) -> str:
    return "; ".join(html.escape(indicator["name"]) for indicator in reference["indicators"])
