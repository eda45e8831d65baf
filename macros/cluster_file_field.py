"""The "Klyngens datafil" field shared by the calculator and "Klyngens overblik": a file input (the page also takes
a file dropped onto it), a help text with the promise that the file stays in the browser, and the example file.

The input has no `name`, like every field of the calculators: a submitted form would carry nothing.
"""

from __future__ import annotations

import html

EXAMPLE_FILE = "eksempel-klyngedata.csv"  # beside the pack's pages, published as is (fictitious)


def cluster_file_field(prefix: str, example_url: str | None, purpose: str) -> str:
    """`prefix` keeps ids unique per page; `purpose` says in a few words what the file is for here."""
    example = (
        f' <a href="{html.escape(example_url)}" download>Prøv med en eksempelfil</a> (fiktive data).'
        if example_url
        else ""
    )
    prefix, purpose = html.escape(prefix), html.escape(purpose)
    return f"""
  <div class="calculator-field calculator-file">
    <label for="{prefix}-cluster-file">Klyngens datafil</label>
    <input id="{prefix}-cluster-file" data-field="cluster_file" type="file" accept=".csv,text/csv"
           aria-describedby="{prefix}-cluster-file-help">
    <p class="calculator-help" id="{prefix}-cluster-file-help">{purpose} Vælg klyngedatafilen fra MidtKraft, eller
      træk den hen på beregneren. Filen læses kun i jeres browser: den sendes ingen steder hen og gemmes ikke, og
      den er glemt, når I lukker fanen.{example}</p>
    <p class="calculator-file-status" data-cluster-file-status aria-live="polite"></p>
  </div>"""


def practice_choice(prefix: str) -> str:
    """Shown by the page only for an open file (practices by name): fills list size and counts from a row."""
    prefix = html.escape(prefix)
    return f"""
  <div class="calculator-field" data-practice-choice hidden>
    <label for="{prefix}-practice">Vælg jeres praksis i datafilen</label>
    <select id="{prefix}-practice" data-practice><option value="">Vælg …</option></select>
    <p class="calculator-help">Så udfyldes antal tilmeldte og jeres tal fra praksissens række i filen.</p>
  </div>"""
