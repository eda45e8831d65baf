"""Says MkDocs' own link and navigation warnings in Danish, once, at the file and line, with the fix.

MidtKraft's editors read the log in the GitHub checks of their pull request. The English original is replaced
by the Danish message (still a warning, so `--strict` stops the build as before); `mkdocs build --verbose`
shows both, for developers. The calculator page repeats its discussion guide's questions: a broken link there
is the guide's mistake and is reported once, at the guide.
"""

from __future__ import annotations

import difflib
import logging
import posixpath
import re
from pathlib import Path

LINK = r"Doc file '(?P<file>[^']+)' contains (?:a|an unrecognized relative|an absolute) link '(?P<link>[^']+)'"


class Translator:
    """The Danish message for an English MkDocs warning, with lines found in the project's files."""

    def __init__(self):
        self.docs: Path | None = None
        self.config_file: Path | None = None
        self.serving = False

    def source(self, file: str) -> list[str]:
        try:
            return (self.docs / file).read_text(encoding="utf-8").splitlines() if self.docs else []
        except OSError:
            return []

    def where(self, file: str, link: str) -> str | None:
        """»docs/side.md, linje 12«, or None when the page's own text has no such link (a macro wrote it)."""
        lines = self.source(file)
        for number, line in enumerate(lines, start=1):
            if f"({link}" in line or f"]: {link}" in line or f'"{link}"' in line:
                return f"docs/{file}, linje {number}"
        if any(link in line for line in lines):
            return f"docs/{file}"
        return None

    def suggestion(self, file: str, link: str) -> str:
        """The path that would work from this page: the page with the nearest name, written relative to it."""
        here = posixpath.dirname(file)
        target = link.split("#")[0]
        pages = sorted(path.relative_to(self.docs).as_posix() for path in self.docs.rglob("*.md")) if self.docs else []
        wanted = posixpath.normpath(posixpath.join(here, target))
        guess = (
            difflib.get_close_matches(wanted, pages, n=1, cutoff=0.8)
            or [page for page in pages if posixpath.basename(page) == posixpath.basename(target)][:1]
        )
        if guess:
            return f"Mente du »{posixpath.relpath(guess[0], here or '.')}«?"
        return f"Stien regnes fra siden selv: herfra skrives forsiden »{posixpath.relpath('index.md', here or '.')}«."

    def mkdocs_line(self, text: str) -> str:
        lines = self.config_file.read_text(encoding="utf-8").splitlines() if self.config_file else []
        found = [number for number, line in enumerate(lines, start=1) if text in line]
        return f"mkdocs.yml, linje {found[0]}" if found else "mkdocs.yml"

    def translate(self, message: str, level: int) -> tuple[int, str] | None | bool:
        """(level, Danish message); None to drop a duplicate; False when the message is not an editor's."""
        if match := re.search(LINK + r", but the target.*? is not found", message):
            file, link = match["file"], match["link"]
            if (where := self.where(file, link)) is None and self.includes_guide(file):
                return None
            return level, (
                f"{where or f'docs/{file}'}: henvisningen »{link}« peger på en side, der ikke findes. "
                f"{self.suggestion(file, link)}"
            )
        if match := re.search(LINK + r", but the doc '[^']+' does not contain an anchor '(?P<anchor>[^']+)'", message):
            file, link = match["file"], match["link"]
            if (where := self.where(file, link)) is None and self.includes_guide(file):
                return None
            return level, (
                f"{where or f'docs/{file}'}: henvisningen »{link}« peger på afsnittet »{match['anchor']}«, "
                "som ikke findes på den side. Se afsnittets adresse ved at klikke på ¶ ved overskriften, "
                "og ret henvisningen."
            )
        if match := re.search(LINK + r", but there is no such anchor on this page", message):
            file, link = match["file"], match["link"]
            if (where := self.where(file, link)) is None and self.includes_guide(file):
                return None
            return level, (
                f"{where or f'docs/{file}'}: henvisningen »{link}« peger på et afsnit, der ikke findes på "
                "siden selv. Ret henvisningen."
            )
        if match := re.search(
            r"Doc file '(?P<file>[^']+)' contains an unrecognized relative link '(?P<link>[^']+)'", message
        ):
            file, link = match["file"], match["link"]
            return level, (
                f"{self.where(file, link) or f'docs/{file}'}: henvisningen »{link}« skal pege på en "
                f".md-fil. {self.suggestion(file, link)}"
            )
        if match := re.search(r"Doc file '(?P<file>[^']+)' contains an absolute link '(?P<link>[^']+)'", message):
            file, link = match["file"], match["link"]
            return level, (
                f"{self.where(file, link) or f'docs/{file}'}: henvisningen »{link}« begynder med /. "
                f"Skriv den relativt til siden. {self.suggestion(file, link.lstrip('/'))}"
            )
        if match := re.search(
            r"Doc file '(?P<file>[^']+)' contains a link to '(?P<target>[^']+)' which is "
            r"excluded from the built site",
            message,
        ):
            if self.serving:
                return False
            file, target = match["file"], match["target"]
            link = posixpath.relpath(target, posixpath.dirname(file) or ".")
            return logging.WARNING, (
                f"{self.where(file, link) or f'docs/{file}'}: henvisningen »{link}« peger på "
                "et udkast, som ikke udgives endnu. Vent med henvisningen, til siden er klar "
                "(slet »udkast: true« i den)."
            )
        if match := re.search(
            r"A reference to '(?P<link>[^']+)' is included in the 'nav' configuration, which is "
            r"not found",
            message,
        ):
            return level, (
                f"{self.mkdocs_line(match['link'])}, nav: siden »{match['link']}« findes ikke i docs/. "
                "Ret stien, eller fjern linjen fra nav."
            )
        if match := re.search(
            r"The following pages exist in the docs directory, but are not included in the "
            r"\"nav\"[^\n]*\n(?P<pages>(?:\s+- .*\n?)+)",
            message,
        ):
            return level, (
                "Disse sider findes i docs/, men mangler i menuen (nav i mkdocs.yml). Tilføj dem der:\n"
                + match["pages"]
            )
        return False

    def includes_guide(self, file: str) -> bool:
        return any("calculator(" in line for line in self.source(file))


TRANSLATOR = Translator()


class DanishWarnings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.INFO or getattr(record, "danish", False):
            return True
        result = TRANSLATOR.translate(record.getMessage(), record.levelno)
        if result is False or (result is not None and result[0] < logging.WARNING):
            return True
        verbose = logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG)
        if result is None:
            return verbose  # the same link is reported at the page that has it
        level, danish = result
        if verbose:  # developers see the English original too
            logging.getLogger(record.name).log(level, danish, extra={"danish": True})
            return True
        record.msg, record.args, record.levelno, record.levelname = danish, (), level, logging.getLevelName(level)
        return True


def on_startup(command, dirty):
    TRANSLATOR.serving = command == "serve"
    for name in ("mkdocs.structure.pages", "mkdocs.structure.nav"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, DanishWarnings) for f in logger.filters):
            logger.addFilter(DanishWarnings())


def on_config(config):
    TRANSLATOR.docs = Path(config.docs_dir)
    TRANSLATOR.config_file = Path(config.config_file_path)
    return config
