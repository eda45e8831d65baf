"""Adds a Content-Security-Policy meta tag to every page: only the site's own origin may be used.

The theme writes a few small inline scripts (their text differs per page, e.g. the relative base URL), so each
page's policy allows exactly those scripts by their SHA-256 hash instead of allowing inline script in general.
'wasm-unsafe-eval' lets the calculators compile Pyodide's WebAssembly.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
CHARSET = '<meta charset="utf-8">'
# `mkdocs serve` injects a live-reload script whose text changes with every request, so no hash can allow it;
# only there, inline scripts are allowed. Built sites (tests, deployments) always get the strict policy.
serving = False


def on_startup(command, dirty):
    global serving
    serving = command == "serve"


def policy(html: str) -> str:
    if serving:
        return policy_with("'unsafe-inline'")
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"
        for body in INLINE_SCRIPT.findall(html)
    )
    return policy_with(hashes)


def policy_with(inline_scripts: str) -> str:
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval' {inline_scripts}".strip(),
        "style-src 'self' 'unsafe-inline'",  # the theme sets style attributes; styles cannot send data away
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def with_policy(html: str) -> str:
    if CHARSET not in html:
        raise ValueError("CSP-hooket fandt ikke <meta charset> i siden; temaets skabelon er ændret.")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace(CHARSET, CHARSET + "\n      " + tag, 1)


def on_post_page(output, page, config):
    return with_policy(output)


def on_post_template(output_content, template_name, config):
    return with_policy(output_content) if template_name.endswith(".html") else output_content
