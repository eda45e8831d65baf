"""Says MkDocs' own link and navigation warnings again in Danish, with the fix, for MidtKraft's editors.

The English original stays in the log beside it (developers search for it); the Danish line names the file,
the link and what to do. In `--strict` builds these warnings stop the build, as they should.
"""

from __future__ import annotations

import logging
import re

TRANSLATIONS = [
    (re.compile(r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but the target.*? is not found"),
     "docs/{file}: henvisningen «{link}» peger på en side, der ikke findes. Ret stien (den regnes fra siden "
     "selv, fx ../videokonference/index.md), eller fjern henvisningen."),
    (re.compile(r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but the doc '[^']+' does not "
                r"contain an anchor '(?P<anchor>[^']+)'"),
     "docs/{file}: henvisningen «{link}» peger på afsnittet «{anchor}», som ikke findes på den side. Se "
     "afsnittets adresse ved at klikke på ¶ ved overskriften, og ret henvisningen."),
    (re.compile(r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but there is no such anchor"),
     "docs/{file}: henvisningen «{link}» peger på et afsnit, der ikke findes på siden selv. Ret henvisningen."),
    (re.compile(r"Doc file '(?P<file>[^']+)' contains an unrecognized relative link '(?P<link>[^']+)'"),
     "docs/{file}: henvisningen «{link}» skal pege på en .md-fil, fx «../privatliv.md»."),
    (re.compile(r"Doc file '(?P<file>[^']+)' contains an absolute link '(?P<link>[^']+)'"),
     "docs/{file}: henvisningen «{link}» begynder med /. Skriv den relativt til siden, fx «../privatliv.md»."),
    (re.compile(r"A reference to '(?P<link>[^']+)' is included in the 'nav' configuration, which is not found"),
     "mkdocs.yml, nav: siden «{link}» findes ikke i docs/. Ret stien, eller fjern linjen fra nav."),
    (re.compile(r"The following pages exist in the docs directory, but are not included in the \"nav\"[^\n]*\n"
                r"(?P<pages>(?:\s+- .*\n?)+)"),
     "Disse sider findes i docs/, men mangler i menuen (nav i mkdocs.yml). Tilføj dem der:\n{pages}"),
]


class DanishExplanation(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING and not getattr(record, "danish", False):
            message = record.getMessage()
            for pattern, danish in TRANSLATIONS:
                match = pattern.search(message)
                if match:
                    logging.getLogger(record.name).log(record.levelno, danish.format(**match.groupdict()),
                                                       extra={"danish": True})
                    break
        return True


def on_startup(command, dirty):
    for name in ("mkdocs.structure.pages", "mkdocs.structure.nav"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, DanishExplanation) for f in logger.filters):
            logger.addFilter(DanishExplanation())
