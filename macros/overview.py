""" "Klyngens overblik": the coordinator's page for a cluster data file, rendered at build time.

calculators/web/overview.js (loaded by overrides/main.html on pages containing `data-overview`) reads the file in
the page, has the worker's Python judge every practice, and draws the tables and charts; nothing leaves the browser.
The form cannot send anything: its only field has no `name`, and the page's policy says `form-action 'none'`.
"""

from __future__ import annotations

import html

from .cluster_file_field import cluster_file_field


def overview_html(pack: str, reference: dict, base: str, example_url: str | None) -> str:
    return f"""
<div class="calculator overview" id="overview" data-overview data-reference="{base}assets/data/{pack}.json">
<p>Åbn klyngens datafil fra MidtKraft, så ser I alle klyngens praksis med deres rate pr. 1.000 tilmeldte patienter,
sikkerhedsinterval og vurdering for hver indikator i <strong>{html.escape(reference["name"])}</strong>, med klyngens
og regionens samlede rate. Brug det på klyngemødet på skærm, projektor eller papir.
<strong>Filen læses kun i jeres browser og sendes ingen steder hen.</strong></p>

<p class="calculator-status is-busy" data-status role="status" aria-live="polite">
  <span class="calculator-spinner" aria-hidden="true"></span><span data-status-text>Beregneren indlæses …</span>
</p>
<noscript><p><strong>Overblikket kræver JavaScript.</strong> Slå JavaScript til i browseren, og genindlæs siden.</p>
</noscript>

<form class="calculator-form" data-form novalidate autocomplete="off">
{cluster_file_field("overview", example_url, "Overblikket viser klyngens egne tal fra datafilen.")}
  <button type="submit" class="md-button md-button--primary" data-submit disabled>Vis overblik</button>
  <button type="button" class="md-button" data-retry hidden>Prøv igen</button>
</form>

<div class="calculator-error" data-error role="alert"></div>

<section class="calculator-result overview-result" data-result hidden aria-labelledby="overview-heading" tabindex="-1">
  <h2 id="overview-heading" data-heading>Klyngens overblik</h2>
  <p class="calculator-context" data-context></p>
  <p class="calculator-actions">
    <button type="button" class="md-button" data-projector aria-pressed="false">Projektorvisning</button>
    <button type="button" class="md-button" data-download>Hent overblikket som CSV</button>
    <button type="button" class="md-button" data-print>Udskriv til klyngemødet</button>
  </p>
  <div data-indicators></div>
  <p class="overview-note">Vurderingen bygger på samme statistik som beregneren: klyngens samlede rate sammenlignet med
  praksissens eget sikkerhedsinterval, med bredere grænser, når klyngens praksis er mere forskellige, end
  tilfældigheder kan forklare. »Højere« og »lavere« siger intet om, hvad der er bedst.</p>
</section>
</div>
"""
