"""The public pages translated after the home, list and project pages read in French under /fr/: a characteristic
French sentence is on the page and its English original is not."""

import re

import pytest

from registry.services.openness import recompute_all_openness


@pytest.fixture
def rated_catalog(seeded_catalog):
    recompute_all_openness()
    return seeded_catalog


def _french_page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Language"] == "fr"
    return response.content.decode()


def test_the_french_grid_names_its_summary_filters_columns_and_values_in_french(client, rated_catalog):
    html = _french_page(client, "/fr/grid/?sort=-score")

    assert "Quels LLM européens sont vraiment ouverts\u00a0?" in html
    assert re.search(r"\d+ familles? de modèles sur \d+ (est ouverte|sont ouvertes) de bout en bout", html)
    assert "Ouverts de bout en bout seulement" in html and "Comparer la sélection" in html
    assert "Score de l’Index" in html and "(le plus élevé d’abord)" in html
    assert "Volet modèle\u00a0: le plus ouvert d’abord" not in html  # the legs' titles, not the facets'
    assert "Code ouvert\u00a0: le plus ouvert d’abord" in html
    assert ">ouvert</a>" in html or ">partiel</a>" in html
    assert "Which European LLMs are truly open?" not in html and "most open first" not in html


def test_the_french_grid_names_an_unusable_sort_in_french(client, rated_catalog):
    response = client.get("/fr/grid/?sort=size")

    assert response.status_code == 400
    assert "impossible de trier par" in response.content.decode()


def test_the_french_compare_page_compares_in_french(client, rated_catalog):
    html = _french_page(client, "/fr/compare/?projects=lucie,eurollm")

    assert "Comparer 2 projets" in html
    assert "Volet par volet" in html and "Checkpoint par checkpoint" in html
    assert "Code de pré-entraînement publié" in html and "Ouverture E2E" in html
    assert "Leg by leg" not in html and "Pre-training code published" not in html
    # A leg's stored reason stays English, marked so for screen readers.
    assert '<li lang="en">' in html


def test_the_french_compare_page_says_in_french_why_it_cannot_compare(client, rated_catalog):
    response = client.get("/fr/compare/?projects=lucie")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Choisissez au moins 2 projets à comparer\u00a0; vous en avez choisi 1." in html
    assert "Pick at least" not in html


@pytest.mark.parametrize(("path", "french", "english"), [
    ("/fr/organisations/", "organisations derrière les projets du catalogue", "behind the catalog's projects"),
    ("/fr/organisations/openllm-france/", "Demandez à la représenter", "Ask to represent it"),
    ("/fr/countries/", "Un projet compte dans chaque pays", "A project counts in each country"),
    ("/fr/countries/FR/", "Organisations de ce pays (France)", "Organisations in"),
    ("/fr/languages/", "la liste l’écrit «\u00a0French\u00a0»", "the list spells it"),
    ("/fr/languages/fr/", "Les projets qui comptent cette langue (Français)", "among their languages"),
])
def test_the_french_organisation_country_and_language_pages_are_in_french(client, rated_catalog, path, french,
                                                                          english):
    html = _french_page(client, path)

    assert french in html
    assert english not in html
