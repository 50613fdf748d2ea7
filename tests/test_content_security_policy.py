"""A strict Content-Security-Policy (issue 9, point 7): scripts only from our own origin, never inline, no
plugins, no framing; and no template relies on an inline script, an event-handler attribute or a
`javascript:` URL, which that policy would block."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [ROOT / "templates", ROOT / "api" / "templates", ROOT / "registry" / "templates"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)


def policy(response) -> dict[str, list[str]]:
    directives = (part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/projects/", "/api/v1/docs/"])
def test_pages_forbid_inline_and_foreign_scripts(client, url):
    csp = policy(client.get(url))
    assert csp["script-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["base-uri"] == ["'self'"]
    assert not any("unsafe" in value for values in csp.values() for value in values)


@pytest.mark.django_db
def test_a_rendered_page_carries_no_inline_script(client):
    html = client.get("/").content.decode()
    assert not INLINE_SCRIPT.search(html) and not EVENT_HANDLER.search(html)


def test_no_template_has_inline_script_event_handlers_or_javascript_urls():
    offenders = []
    for directory in TEMPLATE_DIRS:
        for template in sorted(directory.rglob("*.html")) if directory.exists() else []:
            text = template.read_text(encoding="utf-8")
            for pattern in (INLINE_SCRIPT, EVENT_HANDLER, JAVASCRIPT_URL):
                offenders += [f"{template.relative_to(ROOT)}: {match.group(0)[:60]}" for match in pattern.finditer(text)]
    assert offenders == []
