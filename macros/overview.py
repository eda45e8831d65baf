""" "Klyngens overblik": the coordinator's page for a cluster data file, rendered at build time.

calculators/web/overview.js (loaded by overrides/main.html on pages containing `data-overview`) reads the file in
the page, has the worker's Python judge every practice, and draws the tables and charts; nothing leaves the browser.
The form cannot send anything: its only field has no `name`, and the page's policy says `form-action 'none'`.
"""

from __future__ import annotations

import html

from .calculator_form import actions, button, calculator_form, calculator_root, result_section, status_and_noscript
from .cluster_file_field import cluster_file_field


def overview_html(pack: str, reference: dict, base: str, example_url: str | None) -> str:
    fields = cluster_file_field("overview", example_url, "Overblikket viser klyngens egne tal fra datafilen.")
    buttons = actions(
        button("projector", "Projektorvisning"),
        button("download", "Hent overblikket som CSV"),
        button("print", "Udskriv til klyngemødet"),
    )
    result = f"""  <p class="calculator-context" data-context></p>
  <p data-standardised-text></p>
{buttons}
  <div data-indicators></div>
  <p class="overview-note">Vurderingen bygger på samme statistik som beregneren: klyngens samlede rate sammenlignet med
  praksissens eget sikkerhedsinterval, med bredere grænser, når klyngens praksis er mere forskellige, end
  tilfældigheder kan forklare. »Højere« og »lavere« siger intet om, hvad der er bedst. Har datafilen køn og alder,
  står hver indikators standardiserede ratio under diagrammet: hver praksis' antal sammenlignet med det antal, dens
  patienters køn og alder svarer til, vurderet mod 1 efter samme regler.</p>"""
    name = html.escape(reference["name"])
    section = result_section(
        "overview-heading", result, heading="Klyngens overblik", classes="overview-result", heading_data="heading"
    )
    body = f"""<p>Åbn klyngens datafil fra MidtKraft, så ser I alle klyngens praksis med deres rate pr. 1.000 tilmeldte
patienter, sikkerhedsinterval og vurdering for hver indikator i <strong>{name}</strong>, med klyngens
og regionens samlede rate. Brug det på klyngemødet på skærm, projektor eller papir.
<strong>Filen læses kun i jeres browser og sendes ingen steder hen.</strong></p>

{status_and_noscript("Overblikket")}

{calculator_form(fields, "Vis overblik", warnings=False)}

{section}"""
    return "\n" + calculator_root("overview", pack, base, body, classes="overview", element_id="overview") + "\n"
