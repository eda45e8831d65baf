"""A pull request's preview: the built site, marked so that nobody takes it for an edition and no search engine keeps
it. The preview workflow (.github/workflows/preview.yml) runs it on `make build`'s site before publishing the site
under pr-preview/pr-<number>/ on the Pages branch:

    python scripts/preview.py site --pr 12

Every page gets `<meta name="robots" content="noindex, nofollow">` and, at the top, a line saying that this is a
preview of pull request 12 and not an edition. Nothing else changes: the pages, the calculators and their service
worker (whose scope is the preview's own folder) work as in an edition. The preview is not in mike's versions.json,
so no version menu lists it and `latest` never points at it.

Standard library only, so it runs before or without the project's packages.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

CHARSET = '<meta charset="utf-8">'
ROBOTS = '<meta name="robots" content="noindex, nofollow">'
BANNER = (
    '<div class="preview-banner" role="note" style="background:#fff3cd;color:#3d2c00;padding:0.5rem 1rem;'
    'font:600 0.9rem/1.4 sans-serif;text-align:center">Forhåndsvisning af ændringsforslag nr. {pr} på GitHub. '
    "Det er ikke en udgave af sitet, og den forsvinder, når forslaget lukkes.</div>"
)


def mark(site: Path, pr: int) -> int:
    """Marks every HTML file of `site` as pull request `pr`'s preview; returns how many were marked."""
    marked = 0
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if CHARSET not in html or ROBOTS in html:
            continue
        html = html.replace(CHARSET, f"{CHARSET}\n    {ROBOTS}", 1)
        body = html.find("<body")
        end = html.find(">", body) + 1 if body >= 0 else 0
        if end:
            html = html[:end] + BANNER.format(pr=pr) + html[end:]
        path.write_text(html, encoding="utf-8")
        marked += 1
    return marked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mærker et bygget site som forhåndsvisning af et ændringsforslag.")
    parser.add_argument("site", type=Path, help="mappen med det byggede site")
    parser.add_argument("--pr", type=int, required=True, help="ændringsforslagets (pull requestens) nummer")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site} er ikke et bygget site (index.html mangler). Kør make build først.", file=sys.stderr)
        return 1
    print(f"Mærkede {mark(args.site, args.pr)} sider som forhåndsvisning af ændringsforslag nr. {args.pr}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
