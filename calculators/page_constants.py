"""Values and texts the calculator pages' JavaScript shares with each other and with Python, said once here.

The site build (overrides/hooks/calculator_assets.py) writes them into assets/calculators/page_constants.mjs, which
the page scripts and the worker import; the pages never spell them out themselves. Standard library only, like the
rest of the package.
"""

from __future__ import annotations

from .cluster_file.format import CLUSTER_ID

# What page_constants.mjs exports, by these names.
__all__ = [
    "CLUSTER_ID",
    "MAX_INPUT_BYTES",
    "CONTACT",
    "LOAD_FAILED",
    "UNEXPECTED",
    "PASTE_TOO_LARGE",
    "FILE_TOO_LARGE",
    "FRAMED",
]

# Far more than any practice's fee codes (a few hundred bytes) or a cluster's data file (a few kilobytes) fill;
# beyond it a paste or a file is the wrong one, and reading it would hold up the page.
MAX_INPUT_BYTES = 2_000_000
_MAX_MB = MAX_INPUT_BYTES // 1_000_000

CONTACT_ADDRESS = "midtkraft@stab.rm.dk"
NOTHING_SENT = "Jeres tal er ikke sendt nogen steder hen."
CONTACT = f"Sker det igen, så skriv til {CONTACT_ADDRESS}. {NOTHING_SENT}"
# Every load failure is the site's, never the user's browser: say what to do, and that no number was sent.
LOAD_FAILED = f"Beregneren kunne ikke hentes fra sitet. Tryk »Prøv igen«, eller genindlæs siden. {CONTACT}"
UNEXPECTED = f"Der skete en uventet fejl i beregningen. {NOTHING_SENT} Prøv igen, eller skriv til {CONTACT_ADDRESS}."

# "{size}" is the page's own measure of what was pasted or chosen, in MB with one decimal.
PASTE_TOO_LARGE = (
    f"Teksten fylder {{size}} MB, men beregneren kan højst tage {_MAX_MB} MB. "
    "Indsæt kun linjerne med ydelseskoder og antal."
)
FILE_TOO_LARGE = (
    f"Filen fylder {{size}} MB, men en klyngedatafil fylder kun få kB (højst {_MAX_MB} MB). "
    "Vælg den klyngedatafil, MidtKraft har sendt."
)

# Framed by another site (or in a sandboxed frame, where the page's origin is opaque): the calculator does not run.
# The page's HTML carries it too (data-framed), for the one case where no module script can load to say it.
FRAMED = (
    "Beregneren virker kun, når siden er åbnet direkte på MidtKrafts site, ikke inde i et andet site. "
    "Åbn siden i et nyt vindue, før I indtaster tal."
)
