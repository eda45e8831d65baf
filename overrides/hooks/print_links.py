"""Gives every link to another page of the site its full address for paper: `data-print-url`.

On screen a link says where it goes by being clickable; on a printed handout the reader needs the address. MkDocs
writes links between pages as relative paths ("../forudsaetninger/"), which mean nothing on paper, so this hook
resolves them against site_url once at build time and the print stylesheet (docs/assets/site.css) shows them.
Links within the same page (#…), to other sites and to e-mail addresses are left alone: the first have no useful
address on paper and the others already carry a full one.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

LINK = re.compile(r'<a\b(?P<before>[^>]*?)\shref="(?P<href>[^"]*)"')


def print_url(site_url: str, page_url: str, href: str) -> str | None:
    """The address to print for a link, without scheme or fragment; None when the link needs none."""
    target = html.unescape(href)
    if not target or target.startswith("#") or urlsplit(target).scheme or target.startswith("//"):
        return None
    absolute = urlsplit(urljoin(urljoin(site_url, page_url), target))
    return absolute.netloc + absolute.path


def add_print_urls(content: str, site_url: str, page_url: str) -> str:
    def replace(match: re.Match) -> str:
        url = print_url(site_url, page_url, match["href"])
        if url is None:
            return match[0]
        # First in the tag, so the href and what follows it read as MkDocs wrote them.
        return f'<a data-print-url="{html.escape(url)}"{match["before"]} href="{match["href"]}"'

    return LINK.sub(replace, content)


def on_page_content(html_content, page, config, files):
    if not config.site_url:
        return html_content
    return add_print_urls(html_content, config.site_url, page.url)
