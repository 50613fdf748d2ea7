"""The methodology page renders docs/methodology.md, sanitised, read once per process."""

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


def test_the_document_is_read_once_per_process(client, monkeypatch):
    reads = []
    read_text = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: reads.append(self) or read_text(self, *a, **k))

    client.get(reverse("registry:methodology"))
    client.get(reverse("registry:methodology"))

    assert reads.count(pages.METHODOLOGY_FILE) == 1


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
