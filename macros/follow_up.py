"""The «Følg op» form, rendered at build time: did a practice's change work? Counts before and after, compared.

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

from .reference import pack_codes


def _count_field(period: str, label: str, paste_label: str) -> str:
    """One period's count (single mode) and its pasted fee codes (several indicators), one shown at a time."""
    return f"""
    <div class="calculator-field" data-mode-part="single">
      <label for="fu-{period}">{label}</label>
      <input id="fu-{period}" data-field="{period}" type="text" inputmode="numeric" autocomplete="off"
             aria-describedby="fu-{period}-help" spellcheck="false">
      <p class="calculator-help" id="fu-{period}-help">Antal ydelser i perioden, fx 40. Skriv 0, hvis der ingen
        var.</p>
    </div>
    <div class="calculator-field" data-mode-part="table" hidden>
      <label for="fu-{period}-text">{paste_label}</label>
      <textarea id="fu-{period}-text" data-field="{period}_text" rows="5" aria-describedby="fu-{period}-text-help"
                spellcheck="false" autocomplete="off"></textarea>
      <p class="calculator-help" id="fu-{period}-text-help">Én ydelseskode og ét antal pr. linje, fx kopieret fra
        Excel. Indsæt de samme koder i begge perioder.</p>
    </div>"""


def _days_field(period: str, label: str, example: str) -> str:
    return f"""
    <div class="calculator-field">
      <label for="fu-{period}-days">{label}</label>
      <input id="fu-{period}-days" data-field="{period}_days" type="text" inputmode="numeric" autocomplete="off"
             aria-describedby="fu-{period}-days-help" spellcheck="false">
      <p class="calculator-help" id="fu-{period}-days-help">Periodens længde i hele dage, fx {example}.</p>
    </div>"""


def follow_up_html(pack: str, reference: dict, base: str) -> str:
    codes = ", ".join(pack_codes(reference))
    before_count = _count_field("before", "Antal før", "Jeres tal før (ydelseskode og antal)")
    after_count = _count_field("after", "Antal efter", "Jeres tal efter (ydelseskode og antal)")
    before_days, after_days = _days_field("before", "Dage før", "90"), _days_field("after", "Dage efter", "14")
    return f"""
<div class="calculator follow-up" id="foelg-op-beregner" data-follow-up
     data-reference="{base}assets/data/{html.escape(pack)}.json">
<p class="calculator-status is-busy" data-status role="status" aria-live="polite">
  <span class="calculator-spinner" aria-hidden="true"></span><span data-status-text>Beregneren indlæses …</span>
</p>
<noscript><p><strong>Beregneren kræver JavaScript.</strong> Slå JavaScript til i browseren, og genindlæs siden.
Formularen sender intet, heller ikke uden JavaScript.</p></noscript>

<form class="calculator-form follow-up-form" data-form novalidate autocomplete="off">
  <div class="calculator-field">
    <label for="fu-mode">Hvad vil I sammenligne?</label>
    <select id="fu-mode" data-mode aria-describedby="fu-mode-help">
      <option value="single">Ét antal: fx videokonsultationer før og efter</option>
      <option value="table">Klyngepakkens indikatorer: ydelseskoder og antal før og efter</option>
    </select>
    <p class="calculator-help" id="fu-mode-help">Klyngepakkens indikatorer: {indicator_list_text(reference)}
      (ydelseskoder {codes}).</p>
  </div>
  <fieldset class="follow-up-period">
    <legend>Før ændringen</legend>{before_count}{before_days}
  </fieldset>
  <fieldset class="follow-up-period">
    <legend>Efter ændringen</legend>{after_count}{after_days}
  </fieldset>
  <button type="submit" class="md-button md-button--primary" data-submit disabled>Beregn</button>
  <button type="button" class="md-button" data-retry hidden>Prøv igen</button>
</form>

<div class="calculator-error" data-error role="alert"></div>
<div class="calculator-warnings" data-warnings aria-live="polite"></div>

<section class="calculator-result follow-up-result" data-result hidden aria-labelledby="fu-result-heading"
         tabindex="-1">
  <h2 id="fu-result-heading">Jeres resultat</h2>
  <div data-summary></div>
  <div data-charts></div>
  <p class="calculator-actions">
    <button type="button" class="md-button" data-download>Hent resultat som CSV</button>
    <button type="button" class="md-button" data-print>Udskriv resultatet</button>
  </p>
</section>
</div>
"""


def indicator_list_text(reference: dict) -> str:
    return "; ".join(html.escape(indicator["name"]) for indicator in reference["indicators"])
