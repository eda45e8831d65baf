"""Build-time macros the pages call. Data comes from data/, validated by macros.data."""

from __future__ import annotations

import functools
import inspect
from pathlib import Path

from calculators.danish import format_date

from . import data, pages, reference
from .calculator import calculator_html
from .cluster_file_field import EXAMPLE_FILE
from .errors import DataError
from .follow_up import follow_up_html
from .overview import overview_html
from .tables import link_item, markdown_table


def editor_safe(env, function):
    """The macro, with an editor's mistake (wrong values, an unknown code) collected as a Danish message in
    `env.editor_problems` instead of raised: the macros plugin would print an English traceback and exit with
    code 100. The hook overrides/hooks/validate.py stops the build with every collected message at once."""
    signature = inspect.signature(function)
    plain = signature.replace(
        parameters=[
            parameter.replace(annotation=inspect.Parameter.empty) for parameter in signature.parameters.values()
        ],
        return_annotation=inspect.Signature.empty,
    )  # fee_code(code), as an editor reads it

    @functools.wraps(function)
    def safe(*args, **kwargs):
        page = pages.Page(env.page.file.src_uri, {}, source=env.page.file.content_string)
        call = f"{function.__name__}({', '.join([*map(repr, args), *(f'{k}={v!r}' for k, v in kwargs.items())])})"
        try:
            signature.bind(*args, **kwargs)
        except TypeError:
            env.editor_problems.append(
                f"{pages.call_where(page, function.__name__, args)}: makroen »{call}« har ikke de rigtige værdier. "
                f"Skriv den som {{{{ {function.__name__}{plain} }}}}, og sæt tekst i anførselstegn "
                "(se CONTRIBUTING.md)."
            )
            return ""
        try:
            return function(*args, **kwargs)
        except DataError as error:
            env.editor_problems += [
                f"{pages.call_where(page, function.__name__, args)}: {problem}" for problem in error.problems
            ]
            return ""

    return safe


def define_env(env) -> None:
    root = Path(env.conf["config_file_path"]).resolve().parent
    docs = Path(env.conf["docs_dir"])
    env.editor_problems = []
    # Drafts (`udkast: true`) are published only by `make serve`; the hook sets this flag for it.
    show_drafts = bool(env.conf["extra"].get("vis_udkast"))

    def macro(function):
        return env.macro(editor_safe(env, function))

    @macro
    def fee_code(code: str) -> str:
        """Inline: "0126 (videokonference)"."""
        codes = data.fee_codes(root)
        if code not in codes.index:
            raise DataError(
                [
                    f"Makroen fee_code: ydelseskoden »{code}« findes ikke i data/fee_codes.csv. "
                    "Tilføj den der, eller ret koden på siden."
                ]
            )
        return f"{code} ({codes.loc[code, 'navn']})"

    @macro
    def fee_code_table(codes: list[str] | None = None) -> str:
        table = data.fee_codes(root)
        if codes is not None:
            unknown = [code for code in codes if code not in table.index]
            if unknown:
                raise DataError(
                    [
                        f"Makroen fee_code_table: ydelseskoderne {', '.join(unknown)} findes ikke i "
                        "data/fee_codes.csv. Tilføj dem der, eller ret listen på siden."
                    ]
                )
            table = table.loc[codes]
        return markdown_table(table, {"kode": "Ydelseskode", "navn": "Betegnelse", "beskrivelse": "Beskrivelse"})

    @macro
    def video_systems_table() -> str:
        table = data.video_systems(root)
        order = {sector: number for number, sector in enumerate(data.SECTORS)}
        table = table.sort_values("sektor", key=lambda column: column.map(order), kind="stable")
        return markdown_table(
            table, {"sektor": "Sektor", "løsning": "Løsning", "anvendelse": "Bruges til", "bemærkning": "Bemærkning"}
        )

    @macro
    def guide_links(group: str) -> str:
        groups = data.links(root)
        if group not in groups:
            raise DataError(
                [
                    f"Makroen guide_links: gruppen »{group}« findes ikke i data/links.yaml. "
                    f"Brug en af: {', '.join(groups)}."
                ]
            )
        return "\n".join(
            link_item(link["title"], link.get("url") or "", link.get("description") or "")
            for link in groups[group]["links"]
        )

    @macro
    def planned_packs() -> str:
        # A pack on the site is not also listed among those still to come.
        online = {
            str(page.meta["klyngepakke"].get("name", "")).casefold()
            for page in pages.packs(pages.read_pages(docs))
            if show_drafts or not pages.is_draft(page)
        }
        return "\n".join(
            f"- {pack['name']}" + (f": {pack['note']}" if pack.get("note") else "")
            for pack in data.planned_packs(root)["packs"]
            if str(pack["name"]).casefold() not in online
        )

    @macro
    def order_contact() -> str:
        return data.planned_packs(root).get("order_contact") or ""

    @macro
    def pack_catalogue() -> str:
        """The packs online, from each pack's front matter, linked from the catalogue page klyngepakker/."""
        items = []
        for page in pages.packs(pages.read_pages(docs)):
            if pages.is_draft(page) and not show_drafts:
                continue
            pack = page.meta["klyngepakke"]
            link = page.path.removeprefix("klyngepakker/")
            label = " (udkast – udgives ikke endnu)" if pages.is_draft(page) else ""
            items.append(f"- **[{pack['name']}]({link})**{label}  \n  {pack.get('summary', page.meta['description'])}")
        return "\n".join(items)

    @macro
    def changelog() -> str:
        """The changes by the edition that made them, newest edition first: a reader who used edition 1.0 at a
        meeting sees what has changed since."""
        sections = []
        for edition, rows in pages.changes_by_edition(pages.read_pages(docs)):
            first, last = min(row["date"] for row in rows), max(row["date"] for row in rows)
            span = format_date(last) if first == last else f"{format_date(first)} – {format_date(last)}"
            items = [f"- [{row['title']}]({row['path']}), version {row['version']}: {row['summary']}" for row in rows]
            sections.append(f"## Udgave {edition}\n\nÆndret {span}.\n\n" + "\n".join(items))
        return "\n\n".join(sections)

    @macro
    def calculator(pack: str, guide: str = "droeftelsesguide.md") -> str:
        """The pack's calculator; `guide` is the page (beside this one) whose questions go on the printout."""
        page_dir = (docs / env.page.file.src_uri).parent
        base = "../" * env.page.url.count("/")
        return calculator_html(
            pack,
            reference.reference_json(root, pack),
            base,
            (page_dir / guide).read_text(encoding="utf-8"),
            example_url(),
        )

    def example_url() -> str | None:
        """The pack's fictitious example cluster data file beside this page, if it has one."""
        folder = Path(env.page.file.src_uri).parent
        if not (docs / folder / EXAMPLE_FILE).is_file():
            return None
        return "../" * env.page.url.count("/") + (folder / EXAMPLE_FILE).as_posix()

    @macro
    def cluster_overview(pack: str) -> str:
        """ "Klyngens overblik": every practice of a loaded cluster data file, for the cluster meeting."""
        base = "../" * env.page.url.count("/")
        return overview_html(pack, reference.reference_json(root, pack), base, example_url())

    @macro
    def follow_up(pack: str) -> str:
        """»Følg op«: the pack's before/after calculator (one count, or the pack's indicators from fee codes)."""
        base = "../" * env.page.url.count("/")
        return follow_up_html(pack, reference.reference_json(root, pack), base)
