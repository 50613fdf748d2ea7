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


@pytest.mark.parametrize(("path", "french", "english"), [
    ("/fr/methodology/", ["<h1>Comment le registre évalue l’ouverture</h1>",
                          "<strong>Inconnu n’est jamais affiché comme fermé.</strong>",
                          "(traduction du registre&nbsp;: «&nbsp;licence et contrat d’utilisation sans aucune restriction",
                          "<title>Comment le registre évalue l’ouverture — Registre européen des LLM ouverts</title>"],
     ["How the registry rates openness", "Unknown is never shown as closed.", "The three legs",
      "where the evidence comes from"]),
    ("/fr/privacy/", ["<h1>Confidentialité</h1>", "Le registre publie des faits sur des projets",
                      "ce couple est bloqué pendant 1 heure.", "écrivez à <a href=\"mailto:registry@localhost\">",
                      "(membres du groupe «\u00a0moderator\u00a0»)"],
     ["The registry publishes facts", "Server logs", "locked out for", "Who sees it", "for how long"]),
])
def test_the_french_methodology_and_privacy_pages_are_in_french(client, db, path, french, english):
    html = _french_page(client, path)

    assert '<html lang="fr">' in html
    for sentence in french:
        assert sentence in html, sentence
    for sentence in english:
        assert sentence not in html, sentence


@pytest.mark.parametrize(("path", "english", "french"), [
    ("/methodology/", "<h1>How the registry rates openness</h1>", "Comment le registre évalue l’ouverture"),
    ("/privacy/", "that pair is locked out for 1 hour.", "Confidentialité"),
])
def test_the_methodology_and_privacy_pages_stay_english_without_the_prefix(client, db, path, english, french):
    response = client.get(path)
    html = response.content.decode()

    assert response["Content-Language"] == "en" and '<html lang="en">' in html
    assert english in html
    assert french not in html


def test_the_french_status_page_is_in_french_and_marks_the_snapshots_english_note(client, db):
    from django.utils import timezone

    from tests.factories import SyncRunFactory

    SyncRunFactory(trigger="snapshot", note="Bundled Hub snapshot of 2026-11-26: illustrative",
                   finished_at=timezone.now())
    html = _french_page(client, "/fr/status/")

    for sentence in ("<h1>État de la synchronisation avec le Hub</h1>", "Passages récents",
                     "Dépôts en erreur ou disparus", "Les métadonnées du Hub viennent de l’instantané fourni",
                     "Un dépôt en échec garde ses dernières données valides."):
        assert sentence in html, sentence
    for sentence in ("Hub sync status", "Recent runs", "Repositories in error", "Hub metadata comes from",
                     "keeps its last good data"):
        assert sentence not in html, sentence
