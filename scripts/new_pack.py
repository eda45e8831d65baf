"""Creates a new cluster pack as a draft: `make ny-klyngepakke NAVN="Navn på pakken"`.

From scripts/templates/ it writes five pages with complete front matter and marked placeholders, a data stub
with one placeholder indicator, fictitious reference data (fixed seed: the same figures every time), and the
pack's section in mkdocs.yml's navigation. Every page says `udkast: true`: the published site leaves the pack
out (menu, catalogue, search, sitemap) until the editor deletes that line, while `make serve` shows it with a
draft banner. The build refuses a page marked ready that still has the templates' placeholders.
Every refusal is a Danish message and exit code 1, before anything is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import sys
import unicodedata
from pathlib import Path
from string import Template

import yaml

SCRIPTS = Path(__file__).resolve().parent
sys.path[:0] = [str(SCRIPTS.parent), str(SCRIPTS)]

from generate_demo_reference import RATES, SEED, poisson  # noqa: E402

from macros import pages  # noqa: E402
from macros.errors import DataError  # noqa: E402

TEMPLATES = SCRIPTS / "templates"
PAGES = (
    "index.md",
    "droeftelsesguide.md",
    "klyngemoedet.md",
    "hjemme-i-praksis.md",
    "beregner.md",
    "foelg-op.md",
)  # nav order
CLUSTERS = {"Klynge A (fiktiv)": 6, "Klynge B (fiktiv)": 7, "Klynge C (fiktiv)": 8}
DEFAULT_RATE = (100.0, 0.5)  # per 1,000 listed patients, for a code the demo generator has no rate for
SECTION = re.compile(r"""(?P<indent> *)- ["']?Klyngepakker["']?:\s*(#.*)?\n?""")


class Refusal(Exception):
    """What the editor must change before the pack can be created, in Danish."""


def slugify(name: str) -> str:
    text = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")  # é -> e, ü -> u
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def check_name(root: Path, name: str) -> str:
    """The pack's slug, or a Refusal saying why the name cannot be used."""
    if not name:
        raise Refusal('Skriv klyngepakkens navn, fx make ny-klyngepakke NAVN="Antibiotika i almen praksis".')
    if re.search(r"[{}\x00-\x1f]", name):
        raise Refusal(f"Navnet »{name}« må ikke indeholde krøllede parenteser {{ }} eller linjeskift.")
    slug = slugify(name)
    if not slug:
        raise Refusal(f"Navnet »{name}« skal indeholde bogstaver eller tal, så siderne kan få en adresse.")
    try:
        online = pages.packs(pages.read_pages(root / "docs"))
    except DataError as error:
        raise Refusal(f"Ret først disse fejl:\n{error.render()}") from None
    for page in online:
        other = " ".join(str(page.meta["klyngepakke"].get("name") or "").split())
        if other.casefold() == name.casefold():
            raise Refusal(
                f"Navnet »{name}« bruges allerede af klyngepakken i docs/{page.path}. Giv pakken et andet navn."
            )
    for taken in (f"docs/klyngepakker/{slug}", f"data/klyngepakker/{slug}.yaml", f"data/reference/{slug}.csv"):
        if (root / taken).exists():
            raise Refusal(
                f"Klyngepakken »{slug}« findes allerede ({taken}). Vælg et andet navn, eller ret den "
                "eksisterende pakke."
            )
    return slug


def render(template: Path, name: str, slug: str, today: dt.date) -> str:
    # qname goes inside "…" in YAML: JSON's string escaping is valid there.
    return Template(template.read_text(encoding="utf-8")).substitute(
        name=name, qname=json.dumps(name, ensure_ascii=False)[1:-1], slug=slug, today=today.isoformat()
    )


def reference_csv(codes: list[str]) -> str:
    """Fictitious practices with the approach of generate_demo_reference.py: list size, then Poisson counts."""
    rng = random.Random(SEED)
    lines = [";".join(("klynge", "tilmeldte", *codes))]
    for cluster, size in CLUSTERS.items():
        for _ in range(size):
            listed = rng.randrange(1000, 12001)
            counts = [
                poisson(rng, listed / 1000 * median * math.exp(rng.gauss(0, spread)))
                for median, spread in (RATES.get(code, DEFAULT_RATE) for code in codes)
            ]
            lines.append(";".join(map(str, (cluster, listed, *counts))))
    return "\n".join(lines) + "\n"


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without constructing its Python tags (only to check the edited navigation)."""


ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def nav_key(name: str) -> str:
    """The name as a YAML mapping key, quoted only when plain text would read as something else."""
    try:
        if yaml.safe_load(f"- {name}: x") == [{name: "x"}]:
            return name
    except yaml.YAMLError:
        pass
    return json.dumps(name, ensure_ascii=False)


def add_to_nav(config: str, name: str, slug: str) -> str:
    """mkdocs.yml with the pack's section appended to "Klyngepakker" in `nav:`, edited as text so comments,
    formatting and the `!!python/object/apply` tag stay exactly as they are."""
    lines = config.splitlines(keepends=True)
    starts = [number for number, line in enumerate(lines) if re.match(r"nav:\s*(#.*)?$", line)]
    section = None
    for number in range(starts[0] + 1 if starts else len(lines), len(lines)):
        line = lines[number]
        if line.strip() and not line.startswith((" ", "#")):
            break  # the next top-level key: the navigation has ended
        if match := SECTION.fullmatch(line):
            section = number, len(match["indent"])
            break
    if section is None:
        raise Refusal(
            "mkdocs.yml: fandt ikke afsnittet »- Klyngepakker:« under »nav:«. Tilføj pakkens sider i "
            "menuen selv, eller bed en udvikler om hjælp."
        )
    start, indent = section
    last, child = start, None
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        width = len(line) - len(line.lstrip(" "))
        if width <= indent:
            break
        child = width if child is None else child
        last = number
    child = indent + 4 if child is None else child
    entry = [f"{' ' * child}- {nav_key(name)}:\n"]
    entry += [f"{' ' * (child + 4)}- klyngepakker/{slug}/{page}\n" for page in PAGES]
    if not lines[last].endswith("\n"):
        lines[last] += "\n"
    edited = "".join(lines[: last + 1] + entry + lines[last + 1 :])
    check_nav(edited, name, slug)
    return edited


def check_nav(config: str, name: str, slug: str) -> None:
    nav = yaml.load(config, Loader=ConfigLoader).get("nav") or []
    section = next((item["Klyngepakker"] for item in nav if isinstance(item, dict) and "Klyngepakker" in item), [])
    if {name: [f"klyngepakker/{slug}/{page}" for page in PAGES]} not in (section or []):
        raise Refusal("mkdocs.yml: pakkens sider kunne ikke indsættes i menuen. Bed en udvikler om hjælp.")


def planned_names(root: Path) -> set[str]:
    try:
        planned = yaml.safe_load((root / "data/planned_packs.yaml").read_text(encoding="utf-8")) or {}
        return {str(pack.get("name", "")).casefold() for pack in planned.get("packs") or []}
    except (OSError, yaml.YAMLError, AttributeError):
        return set()  # the build reports a broken file; here it only decides whether to add a hint


def create(root: Path, name: str, today: dt.date) -> list[str]:
    """Writes the pack; returns the Danish report of what was made and what to do next."""
    name = " ".join(name.split())
    slug = check_name(root, name)
    config = add_to_nav((root / "mkdocs.yml").read_text(encoding="utf-8"), name, slug)
    data = render(TEMPLATES / "klyngepakke.yaml", name, slug, today)
    codes = [str(code) for indicator in yaml.safe_load(data)["indicators"] for code in indicator["codes"]]
    files = {
        f"docs/klyngepakker/{slug}/{page}": render(TEMPLATES / "klyngepakke" / page, name, slug, today)
        for page in PAGES
    }
    files[f"data/klyngepakker/{slug}.yaml"] = data
    files[f"data/reference/{slug}.csv"] = reference_csv(list(dict.fromkeys(codes)))
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8", newline="\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8", newline="\n")
    report = [
        f"Klyngepakken »{name}« er oprettet som udkast:",
        *(f"  {path}" for path in files),
        "  mkdocs.yml: pakkens sider står nu i menuen under »Klyngepakker«.",
        "",
        "Næste skridt:",
        f"  1. Skriv indholdet i docs/klyngepakker/{slug}/: erstat hver »Skriv her …«, og slet boksene "
        "»Udkast«. Skriv kildernes nøgler (fra data/sources.yaml) under »source:«.",
        "     Siderne er udkast (»udkast: true« øverst): de udgives ikke, men »make serve« viser dem. Slet "
        "linjen »udkast: true« i hver side, når den er klar.",
        f"  2. Skriv pakkens indikatorer og ydelseskoder i data/klyngepakker/{slug}.yaml (0101 er en "
        "pladsholder). Koderne skal stå i data/fee_codes.csv.",
        f"  3. Referencedata i data/reference/{slug}.csv er fiktive og skal blive ved med at være det. Giv "
        "filen en kolonne pr. ydelseskode. Rigtige tal sendes til klyngerne som klyngedatafiler "
        "(»make klyngedata«).",
        "  4. Se sitet med »make serve«, og tjek det med »make build«, før I laver en pull request.",
    ]
    if name.casefold() in planned_names(root):
        report.append(
            "  5. Pakken står også i data/planned_packs.yaml blandt dem, der ikke er på sitet endnu. "
            "Slet den der, når den er klar."
        )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Opretter en ny klyngepakke som udkast.")
    parser.add_argument("name", metavar="NAVN", help='klyngepakkens navn, fx "Antibiotika i almen praksis"')
    parser.add_argument("--root", type=Path, default=SCRIPTS.parent, help="projektets mappe (standard: dette repo)")
    args = parser.parse_args(argv)
    try:
        report = create(args.root.resolve(), args.name, dt.date.today())
    except Refusal as refusal:
        print(f"Fejl: {refusal}", file=sys.stderr)
        return 1
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
