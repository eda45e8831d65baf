"""The GitHub job summary of a pull request's build, in Danish: the problems of a failed build, one per line, and
where the preview of the site is. Editors read it on the pull request's »Checks« page without opening the log.

    mkdocs build --strict > build.log 2>&1
    python scripts/build_summary.py build.log --preview URL >> $GITHUB_STEP_SUMMARY   (or --fork: no preview)

The preview is published by .github/workflows/preview.yml at a stable address per pull request. A pull request from
a fork gets no token that can write, so it gets no preview, and the summary says so.

Standard library only: it must run even when installing the project's packages is what failed.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ENTRY = re.compile(r"^(?P<level>WARNING|ERROR)\s+-\s+(?P<message>.*)$")
LIST_HEAD = re.compile(r"^Sitet kan ikke bygges\. Ret \d+ fejl:$")
FAILED = re.compile(r"^(Aborted with .*|Error: .*)$", re.MULTILINE)
# MkDocs' own closing lines: they say only that the build stopped, which the summary's heading already says.
NOISE = re.compile(r"^(Aborted with|Error reading page)")
MARKDOWN = re.compile(r"([\\`*_\[\]<>|#])")


def entries(log: str) -> list[str]:
    """Each WARNING or ERROR of the log as one message, its indented continuation lines included."""
    found: list[list[str]] = []
    open_entry = False
    for line in log.splitlines():
        if match := ENTRY.match(line):
            found.append([match["message"].strip()])
            open_entry = True
        elif open_entry and line.startswith((" ", "\t")) and line.strip():
            found[-1].append(line.strip())
        else:
            open_entry = False  # an INFO line or a blank line ends the message
    return ["\n".join(entry) for entry in found]


def problems(log: str) -> list[str]:
    """The messages an editor should act on, each once: a list of problems is split into its items, and MkDocs'
    closing lines are left out."""
    result = []
    for entry in entries(log):
        head, *rest = entry.split("\n")
        items = [line.removeprefix("- ") for line in rest]
        if LIST_HEAD.match(head):
            result += items
        elif not NOISE.match(head):
            result.append(f"{head} {', '.join(items)}" if items else head)
    return list(dict.fromkeys(result))


def failed(log: str) -> bool:
    return bool(FAILED.search(log)) or "Documentation built in" not in log


def escape(text: str) -> str:
    return MARKDOWN.sub(r"\\\1", text)


FORK = (
    "Forslaget kommer fra en kopi (fork) af projektet, og GitHub giver ikke en kopi lov til at skrive på sitet, så "
    "det får ingen forhåndsvisning. Se ændringen med »make serve« (README.md), eller bed en udvikler om at lægge "
    "forslaget i selve projektet."
)


def preview_line(preview: str | None) -> str:
    if preview is None:
        return FORK
    return (
        f"Forhåndsvisning: {preview} (den er klar et par minutter efter, at bygget er lykkedes, og forsvinder, "
        "når forslaget lukkes)."
    )


def summary(log: str, preview: str | None) -> str:
    """`preview` is the address of the pull request's published preview, or None for a fork's pull request."""
    if not failed(log):
        return f"## Sitet kan bygges\n\n{preview_line(preview)}\n"
    found = problems(log)
    lines = ["## Sitet kan ikke bygges", ""]
    if found:
        lines += [
            f"Ret {'denne fejl' if len(found) == 1 else f'disse {len(found)} fejl'} i pull requesten, og "
            "gem. Så bygges sitet igen.",
            "",
        ]
        lines += [f"- {escape(problem)}" for problem in found]
    else:
        tail = "\n".join(log.strip().splitlines()[-20:])
        lines += [
            "Bygget stoppede uden en besked til redaktører. Bed en udvikler om hjælp, og vis dem slutningen af loggen:",
            "",
            "```",
            tail.replace("```", "'''"),
            "```",
        ]
    lines += ["", "Forhåndsvisningen af sitet kommer, når bygget lykkes." if preview else FORK]
    if preview:
        lines[-1] += f" Den ligger på {preview}."
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Jobbets opsummering af et byg af sitet, på dansk.")
    parser.add_argument("log", type=Path, help="loggen fra mkdocs build --strict")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--preview", help="adressen på forslagets forhåndsvisning")
    where.add_argument("--fork", action="store_true", help="forslaget kommer fra en fork og får ingen forhåndsvisning")
    args = parser.parse_args(argv)
    log = args.log.read_text(encoding="utf-8", errors="replace") if args.log.exists() else "Error: ingen log"
    sys.stdout.write(summary(log, args.preview))
    return 0


if __name__ == "__main__":
    sys.exit(main())
