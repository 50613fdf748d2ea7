"""The website in English (unprefixed URLs) and French (under /fr/): the language comes from the URL alone,
every internal link of a French page stays French, and the header's switcher leads to the same page in the
other language, query string kept. The API stays English whatever the client's Accept-Language."""

import re
from html.parser import HTMLParser

import pytest

from registry.models import Project


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append((attributes["href"], attributes))


def _links(response) -> list[tuple[str, dict]]:
    parser = _Hrefs()
    parser.feed(response.content.decode())
    return parser.links


def _switcher_link(response, language: str) -> str:
    [href] = [href for href, attributes in _links(response) if attributes.get("hreflang") == language]
    return href


@pytest.fixture
def project(seeded_catalog):
    return Project.objects.get(slug="lucie")


def test_the_french_home_page_is_in_french(client, seeded_catalog):
    response = client.get("/fr/")

    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr">' in response.content.decode()
    assert "Registre européen des LLM ouverts" in response.content.decode()
    assert "Grille d’ouverture" in response.content.decode()


def test_the_french_project_list_names_its_filters_sorts_and_openness_in_french(client, seeded_catalog):
    html = client.get("/fr/projects/?sort=name").content.decode()

    assert "<h1>Projets</h1>" in html
    assert '<label for="id_sort">Trier par</label>' in html
    assert '<option value="name" selected>Nom</option>' in html
    assert "Volet modèle" in html and "Famille de modèles" in html
    assert re.search("modèle\u00a0: (ouvert|partiel|fermé|inconnu)<", html)


def test_the_french_project_page_speaks_french_from_its_summary_to_its_legs(client, project):
    from registry.services.openness import recompute_all_openness

    recompute_all_openness()
    html = client.get("/fr/projects/lucie/").content.decode()

    assert "Quel est son degré d’ouverture\u00a0?" in html
    assert "Les données d’entraînement" in html  # the plain-language summary
    assert "Code ouvert" in html and "Modèle ouvert" in html and "Corpus ouvert" in html
    assert "Autres référentiels d’ouverture" in html and "Proposer une correction" in html
    # Computed reasons stay in English, marked so for screen readers.
    assert '<p lang="en">' in html


def test_the_english_home_page_stays_english_whatever_the_browser_prefers(client, seeded_catalog):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")

    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")


def test_the_switcher_links_to_the_same_page_in_the_other_language_keeping_the_query(client, seeded_catalog):
    english = client.get("/projects/?search=lucie&sort=name")
    french = client.get("/fr/projects/?search=lucie&sort=name")

    assert _switcher_link(english, "fr") == "/fr/projects/?search=lucie&sort=name"
    assert _switcher_link(french, "en") == "/projects/?search=lucie&sort=name"


def test_every_page_names_its_versions_in_each_language_for_search_engines(client, project):
    html = client.get("/fr/projects/lucie/").content.decode()

    assert '<link rel="alternate" hreflang="en" href="http://testserver/projects/lucie/">' in html
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/fr/projects/lucie/">' in html


@pytest.mark.parametrize("path", ["/fr/", "/fr/projects/", "/fr/projects/lucie/", "/fr/grid/",
                                  "/fr/organisations/", "/fr/methodology/", "/fr/status/", "/fr/no-such-page/"])
def test_internal_links_on_french_pages_stay_french(client, project, path):
    response = client.get(path)
    internal = [href for href, attributes in _links(response)
                if href.startswith("/") and attributes.get("hreflang") != "en"]

    assert internal, f"{path} has no internal link"
    # The API's documentation and static files have one address in every language.
    stray = [href for href in internal if not re.match(r"/(fr/|api/|static/)", href)]
    assert stray == []


def test_a_missing_french_page_answers_404_in_french(client, db):
    response = client.get("/fr/no-such-page/")

    assert response.status_code == 404
    assert '<html lang="fr">' in response.content.decode()


def test_the_api_answers_in_english_to_a_client_that_prefers_french(client, db):
    response = client.get("/api/v1/projects/?no_such_filter=1", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 400
    assert response["Content-Language"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")
