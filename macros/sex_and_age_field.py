"""The calculator's optional fields for a practice's listed patients by sex and age band, shown where the pack's
reference data have the region's bands (data/reference/<pack>-koen-og-alder.csv): a small table with a row per age
band and a column per sex, one text box per band (data-field »band-0«, »band-1«, … in the reference's order, which
calculators/parsing/sex_and_age.py reads). Each box is named by its row's and its column's heading.
"""

from __future__ import annotations

import html

from .calculator_form import MAX_NUMBER_LENGTH


def sex_and_age_fields(prefix: str, bands: list[dict] | None) -> str:
    if not bands:
        return ""
    prefix = html.escape(prefix)
    sexes = list(dict.fromkeys(band["sex"] for band in bands))
    ages = list(dict.fromkeys(band["age"] for band in bands))
    index = {(band["sex"], band["age"]): number for number, band in enumerate(bands)}

    def box(sex: str, age: str) -> str:
        if (sex, age) not in index:
            return "<td></td>"
        number = index[(sex, age)]
        labels = f"{prefix}-age-{ages.index(age)} {prefix}-sex-{sexes.index(sex)}"
        return (
            f'<td><input id="{prefix}-band-{number}" data-field="band-{number}" type="text" inputmode="numeric"'
            f' autocomplete="off" spellcheck="false" maxlength="{MAX_NUMBER_LENGTH}" aria-labelledby="{labels}"'
            f' aria-describedby="{prefix}-bands-help"></td>'
        )

    head = "".join(f'<th scope="col" id="{prefix}-sex-{n}">{html.escape(sex)}</th>' for n, sex in enumerate(sexes))
    rows = "\n".join(
        f'      <tr><th scope="row" id="{prefix}-age-{n}">{html.escape(age)} år</th>'
        f"{''.join(box(sex, age) for sex in sexes)}</tr>"
        for n, age in enumerate(ages)
    )
    return f"""
  <fieldset class="calculator-file-group calculator-bands">
    <legend>Jeres patienter efter køn og alder (kan udelades)</legend>
    <p class="calculator-help" id="{prefix}-bands-help">Skriv antallet af tilmeldte patienter i hver gruppe, fx fra
      praksissystemets liste over tilmeldte. Så viser beregneren også jeres standardiserede ratio: jeres antal
      sammenlignet med det antal, jeres patienters køn og alder svarer til. Grupperne skal tilsammen give jeres antal
      tilmeldte.</p>
    <table class="calculator-field calculator-bands-table">
      <thead><tr><th scope="col">Alder</th>{head}</tr></thead>
      <tbody>
{rows}
      </tbody>
    </table>
  </fieldset>"""
