"""The methodology page renders docs/methodology.md, or its French translation docs/methodology.fr.md under /fr/,
sanitised, read once per process per language."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from registry.markdown import render_markdown
from registry.views import pages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_methodology():
    pages.methodology_html.cache_clear()
    yield
    pages.methodology_html.cache_clear()


def test_the_methodology_page_renders_the_rules_document(client):
    response = client.get(reverse("registry:methodology"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>How the registry rates openness</h1>" in html
    assert '<th scope="col">leg</th>' in html
    assert "Unknown is never shown as closed." in html
    assert f'href="{reverse("registry:methodology")}"' in html


def test_the_french_page_renders_the_french_document(client):
    html = client.get("/fr/methodology/").content.decode()

    assert "<h1>Comment le registre évalue l’ouverture</h1>" in html
    assert '<th scope="col">volet</th>' in html
    assert "Inconnu n’est jamais affiché comme fermé." in html
    assert "Unknown is never shown as closed." not in html


def test_the_document_is_read_once_per_process_per_language(client, monkeypatch):
    reads = []
    read_text = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: reads.append(self) or read_text(self, *a, **k))

    for path in ("/methodology/", "/fr/methodology/", "/methodology/", "/fr/methodology/"):
        client.get(path)

    assert reads.count(pages.METHODOLOGY_FILE) == 1
    assert reads.count(pages.METHODOLOGY_FILE.with_name("methodology.fr.md")) == 1


def test_a_language_without_a_translation_reads_the_english_document():
    assert pages.methodology_file("de") == pages.METHODOLOGY_FILE
    assert pages.methodology_html("de") == pages.methodology_html("en")


def _outline(document: Path) -> dict[str, list]:
    text = document.read_text(encoding="utf-8")
    return {"headings": re.findall(r"^#+", text, re.MULTILINE),
            "table rows": [row.count("|") for row in re.findall(r"^\|.*", text, re.MULTILINE)],
            "list items": re.findall(r"^ *(?:-|\d+\.) ", text, re.MULTILINE),
            "links": re.findall(r"\]\((\S+?)\)|<(https?://\S+?)>", text)}


def test_the_french_document_keeps_the_outline_tables_and_links_of_the_english():
    assert _outline(pages.METHODOLOGY_FILE.with_name("methodology.fr.md")) == _outline(pages.METHODOLOGY_FILE)


def test_the_rendered_markdown_is_sanitised(client, monkeypatch, tmp_path):
    hostile = tmp_path / "methodology.md"
    hostile.write_text("# Rules\n\n<script>alert(1)</script>\n\n"
                       "[click](javascript:alert(1)) <img src=x onerror=alert(1)>\n")
    monkeypatch.setattr(pages, "METHODOLOGY_FILE", hostile)

    html = client.get(reverse("registry:methodology")).content.decode()

    assert "<h1>Rules</h1>" in html
    assert "<script>alert" not in html and "<img" not in html
    assert 'href="javascript:' not in html


def test_markdown_links_and_tables_survive_sanitising_but_styles_do_not():
    html = render_markdown("| a | b |\n|---|:-:|\n| 1 | 2 |\n\n<https://osai-index.eu/>")

    assert '<th scope="col">b</th>' in html and "style=" not in html
    assert '<a href="https://osai-index.eu/" rel="noopener noreferrer">' in html
