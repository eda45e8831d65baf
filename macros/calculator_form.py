"""The markup every calculator page shares, which calculators/web/worker_form.mjs finds by its data-* attributes:
the root with the pack's reference data, the status line, the note for a browser without JavaScript, the form's
fields and its »Beregn« and »Prøv igen«, the error and warning regions, and the result section with its buttons.

Every value put into the markup is escaped here, constants too: a name or a label reaches the page as text, never
as markup. Only `body` and `fields` arguments are markup, built by these functions.

The fields have no `name`, like every field of the calculators: a submitted form would carry nothing.
"""

from __future__ import annotations

from html import escape

from calculators.page_constants import FRAMED

STATUS = """<p class="calculator-status is-busy" data-status role="status" aria-live="polite">
  <span class="calculator-spinner" aria-hidden="true"></span><span data-status-text>Beregneren indlæses …</span>
</p>"""


def calculator_root(kind: str, pack: str, base: str, body: str, *, classes: str = "", element_id: str = "") -> str:
    """The element the page script mounts on (`data-<kind>`, which overrides/main.html also looks for), with the
    address of the pack's reference data."""
    class_names = " ".join(["calculator", *classes.split()])
    identity = f' id="{escape(element_id)}"' if element_id else ""
    return (
        f'<div class="{escape(class_names)}"{identity} data-{escape(kind)}'
        f' data-reference="{escape(base)}assets/data/{escape(pack)}.json" data-framed="{escape(FRAMED)}">'
        f"\n{body}\n</div>"
    )


def status_and_noscript(subject: str = "Beregneren") -> str:
    """The worker's status line, and what a browser without JavaScript shows instead of an answer."""
    return f"""{STATUS}
<noscript><p><strong>{escape(subject)} kræver JavaScript.</strong> Slå JavaScript til i browseren, og genindlæs
siden. Formularen sender intet, heller ikke uden JavaScript.</p></noscript>"""


def calculator_form(fields: str, submit: str = "Beregn", *, classes: str = "", warnings: bool = True) -> str:
    """The form with its fields, »Beregn« (disabled until the worker is ready) and »Prøv igen« (shown when loading
    failed), then the regions for error messages and warnings."""
    class_names = " ".join(["calculator-form", *classes.split()])
    warning_region = '\n<div class="calculator-warnings" data-warnings aria-live="polite"></div>' if warnings else ""
    return f"""<form class="{escape(class_names)}" data-form novalidate autocomplete="off">
{fields}
  <button type="submit" class="md-button md-button--primary" data-submit disabled>{escape(submit)}</button>
  <button type="button" class="md-button" data-retry hidden>Prøv igen</button>
</form>

<div class="calculator-error" data-error role="alert"></div>{warning_region}"""


def _field(element_id: str, label: str, control: str, help_text: str, mode_part: str, hidden: bool) -> str:
    part = f' data-mode-part="{escape(mode_part)}"' if mode_part else ""
    return f"""
  <div class="calculator-field"{part}{" hidden" if hidden else ""}>
    <label for="{escape(element_id)}">{escape(label)}</label>
    {control}
    <p class="calculator-help" id="{escape(element_id)}-help">{escape(help_text)}</p>
  </div>"""


# A whole number with its thousands dots is a dozen characters; a one-line box far beyond that is a paste gone wrong,
# which would only slow the page (two megabytes typed into one line stalled it for seconds).
MAX_NUMBER_LENGTH = 100


def number_field(element_id: str, field: str, label: str, help_text: str, *, mode_part: str = "") -> str:
    """A whole number typed in a text box (Danish thousands separators are allowed, so not type="number")."""
    control = (
        f'<input id="{escape(element_id)}" data-field="{escape(field)}" type="text" inputmode="numeric"'
        f' autocomplete="off" aria-describedby="{escape(element_id)}-help" spellcheck="false"'
        f' maxlength="{MAX_NUMBER_LENGTH}">'
    )
    return _field(element_id, label, control, help_text, mode_part, False)


def text_field(
    element_id: str,
    field: str,
    label: str,
    help_text: str,
    *,
    rows: int,
    placeholder: str = "",
    mode_part: str = "",
    hidden: bool = False,
) -> str:
    """A box for a pasted table of fee codes and counts."""
    # A tab as a character reference: Markdown would expand a literal tab into spaces.
    hint = f' placeholder="{escape(placeholder).replace(chr(9), "&#9;")}"' if placeholder else ""
    control = (
        f'<textarea id="{escape(element_id)}" data-field="{escape(field)}" rows="{int(rows)}"'
        f' aria-describedby="{escape(element_id)}-help" spellcheck="false" autocomplete="off"{hint}></textarea>'
    )
    return _field(element_id, label, control, help_text, mode_part, hidden)


def result_section(
    heading_id: str, body: str, *, heading: str = "Jeres resultat", classes: str = "", heading_data: str = ""
) -> str:
    """Hidden until the first answer; the page moves focus to it (tabindex) so a screen reader reads the answer.
    `heading_data` names a data-* attribute by which the page rewrites the heading."""
    class_names = " ".join(["calculator-result", *classes.split()])
    data = f" data-{escape(heading_data)}" if heading_data else ""
    return f"""<section class="{escape(class_names)}" data-result hidden aria-labelledby="{escape(heading_id)}"
         tabindex="-1">
  <h2 id="{escape(heading_id)}"{data}>{escape(heading)}</h2>
{body}
</section>"""


def button(data: str, label: str) -> str:
    """A button the page script finds by `data-<data>`."""
    return f'<button type="button" class="md-button" data-{escape(data)}>{escape(label)}</button>'


def actions(*buttons: str) -> str:
    """The result's buttons (download, print, …), built with `button`."""
    return '  <p class="calculator-actions">\n' + "".join(f"    {b}\n" for b in buttons) + "  </p>"
