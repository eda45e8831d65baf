"""Adds a Content-Security-Policy meta tag to every page: only the site's own origin may be used.

The theme writes a few small inline scripts (their text differs per page only in the relative base URL), so
each page's policy allows exactly those scripts by their SHA-256 hash instead of allowing inline script in
general. Only scripts that match one of the theme's own templates (partials/javascripts/, ours overriding the
theme's) are hashed: a `<script>` that reaches a page any other way, e.g. through a data file, stays blocked by
the browser, and the strict build stops on the warning below.
'wasm-unsafe-eval' lets the calculators compile Pyodide's WebAssembly. The calculator's worker is started from a
blob: URL so that this policy governs it too (see startWorker in calculators/web/worker_form.mjs).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from functools import cache
from pathlib import Path

import material
from mkdocs.exceptions import PluginError

INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
TEMPLATE_EXPRESSION = re.compile(r"\{\{.*?\}\}")
# What a template expression in a known script may render to: a relative URL such as "../.." (no quote,
# no angle bracket, no backslash, so it cannot end the string it sits in).
EXPRESSION_VALUE = r'[^"\'<>\\\s]*'
THEME_SCRIPTS = Path(material.__file__).parent / "templates" / "partials" / "javascripts"
OVERRIDE_SCRIPTS = Path(__file__).resolve().parents[1] / "partials" / "javascripts"
CHARSET = '<meta charset="utf-8">'
log = logging.getLogger("mkdocs.plugins.csp")
# `mkdocs serve` injects a live-reload script whose text changes with every request, so no hash can allow it;
# only there, inline scripts are allowed. Built sites (tests, deployments) always get the strict policy.
serving = False


def on_startup(command, dirty):
    global serving
    serving = command == "serve"


@cache
def known_scripts() -> tuple[re.Pattern, ...]:
    """One pattern per inline script in the theme's script partials, with our overrides in place of theirs."""
    templates = {path.name: path for path in THEME_SCRIPTS.glob("*.html")}
    templates.update({path.name: path for path in OVERRIDE_SCRIPTS.glob("*.html")})
    patterns = []
    for path in templates.values():
        for body in INLINE_SCRIPT.findall(path.read_text(encoding="utf-8")):
            literal_parts = TEMPLATE_EXPRESSION.split(body)
            patterns.append(re.compile(EXPRESSION_VALUE.join(re.escape(part) for part in literal_parts)))
    return tuple(patterns)


def allowed_scripts(html: str, where: str) -> list[str]:
    allowed = []
    for body in INLINE_SCRIPT.findall(html):
        if any(pattern.fullmatch(body) for pattern in known_scripts()):
            allowed.append(body)
        else:
            log.warning(
                f"{where}: siden indeholder et <script>, som ikke er temaets eget. Sikkerhedspolitikken "
                "blokerer det. Fjern det (tjek tekst fra data/ for <script>)."
            )
    return allowed


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(html: str, where: str) -> str:
    if serving:
        return policy_with("'unsafe-inline'")
    return policy_with(" ".join(script_hash(body) for body in allowed_scripts(html, where)))


def policy_with(inline_scripts: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'wasm-unsafe-eval' {inline_scripts}".strip(),
            "style-src 'self' 'unsafe-inline'",  # the theme sets style attributes; styles cannot send data away
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self' blob:",  # blob: only for the calculator's wrapper, which inherits this policy
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",  # nothing on the site submits a form; a typed number can never go in a URL
        ]
    )


def with_policy(html: str, where: str) -> str:
    if CHARSET not in html:
        raise ValueError("CSP-hooket fandt ikke <meta charset> i siden; temaets skabelon er ændret.")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, where)}">'
    return html.replace(CHARSET, CHARSET + "\n      " + tag, 1)


def on_post_page(output, page, config):
    return with_policy(output, f"docs/{page.file.src_uri}")


def on_post_template(output_content, template_name, config):
    return with_policy(output_content, template_name) if template_name.endswith(".html") else output_content


def on_post_build(config):
    """Every HTML file of the built site carries the policy: a page that reached the site some other way (a static
    file copied as it is) would run whatever it holds, and could frame the calculator from the site's own origin."""
    site = Path(config.site_dir)
    without = sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if 'http-equiv="Content-Security-Policy"' not in path.read_text(encoding="utf-8", errors="replace")
    )
    if without:
        raise PluginError(
            "Sitet kan ikke bygges: disse HTML-filer har ingen sikkerhedspolitik (Content-Security-Policy): "
            f"{', '.join(without[:10])}. HTML-filer må ikke lægges i docs/; skriv siden som Markdown."
        )
