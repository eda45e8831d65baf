"""Build-time macros the pages call. Data comes from data/, validated by macros.data."""

from __future__ import annotations

from pathlib import Path

from . import data, pages, reference
from .calculator import calculator_html
from .errors import DataError
from .tables import link_item, markdown_table

def define_env(env) -> None:
    root = Path(env.conf["config_file_path"]).resolve().parent
    docs = Path(env.conf["docs_dir"])

    @env.macro
    def fee_code(code: str) -> str:
        """Inline: "0126 (videokonference)"."""
        codes = data.fee_codes(root)
        if code not in codes.index:
            raise DataError([f"Makroen fee_code: ydelseskoden «{code}» findes ikke i data/fee_codes.csv. "
                             "Tilføj den der, eller ret koden på siden."])
        return f"{code} ({codes.loc[code, 'navn']})"

    @env.macro
    def fee_code_table(codes: list[str] | None = None) -> str:
        table = data.fee_codes(root)
        if codes is not None:
            unknown = [code for code in codes if code not in table.index]
            if unknown:
                raise DataError([f"Makroen fee_code_table: ydelseskoderne {', '.join(unknown)} findes ikke i "
                                 "data/fee_codes.csv. Tilføj dem der, eller ret listen på siden."])
            table = table.loc[codes]
        return markdown_table(table, {"kode": "Ydelseskode", "navn": "Betegnelse", "beskrivelse": "Beskrivelse"})

    @env.macro
    def video_systems_table() -> str:
        table = data.video_systems(root)
        order = {sector: number for number, sector in enumerate(data.SECTORS)}
        table = table.sort_values("sektor", key=lambda column: column.map(order), kind="stable")
        return markdown_table(table, {"sektor": "Sektor", "løsning": "Løsning", "anvendelse": "Bruges til",
                                      "bemærkning": "Bemærkning"})

    @env.macro
    def guide_links(group: str) -> str:
        groups = data.links(root)
        if group not in groups:
            raise DataError([f"Makroen guide_links: gruppen «{group}» findes ikke i data/links.yaml. "
                             f"Brug en af: {', '.join(groups)}."])
        return "\n".join(link_item(link["title"], link.get("url") or "", link.get("description") or "")
                         for link in groups[group]["links"])

    @env.macro
    def planned_packs() -> str:
        return "\n".join(f"- {pack['name']}" + (f": {pack['note']}" if pack.get("note") else "")
                         for pack in data.planned_packs(root)["packs"])

    @env.macro
    def order_contact() -> str:
        return data.planned_packs(root).get("order_contact") or ""

    @env.macro
    def pack_catalogue() -> str:
        """The packs online, from each pack's front matter, linked from the catalogue page klyngepakker/."""
        items = []
        for page in pages.packs(pages.read_pages(docs)):
            pack = page.meta["klyngepakke"]
            link = page.path.removeprefix("klyngepakker/")
            items.append(f"- **[{pack['name']}]({link})**  \n  {pack.get('summary', page.meta['description'])}")
        return "\n".join(items)

    @env.macro
    def changelog() -> str:
        rows = pages.changes(pages.read_pages(docs))
        lines = []
        for row in rows:
            lines.append(f"- **{pages.danish_date(row['date'])}** · [{row['title']}]({row['path']}) "
                         f"(version {row['version']}): {row['summary']}")
        return "\n".join(lines)

    @env.macro
    def calculator(pack: str, guide: str = "droeftelsesguide.md") -> str:
        """The pack's calculator; `guide` is the page (beside this one) whose questions go on the printout."""
        page_dir = (docs / env.page.file.src_uri).parent
        base = "../" * env.page.url.count("/")
        return calculator_html(pack, reference.reference_json(root, pack), base,
                               (page_dir / guide).read_text(encoding="utf-8"))
