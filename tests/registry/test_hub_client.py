"""HubClient, through the real huggingface_hub client, against the fake Hub serving tests/data/hub."""

import json
import time
from datetime import datetime
from pathlib import Path

import pytest

from registry.hub import (
    MODEL_EXPAND,
    HubClient,
    HubGated,
    HubNotFound,
    HubRateLimited,
    HubUnavailable,
)

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "hub"
MODEL_FIXTURES = [
    "OpenLLM-France/Claire-7B-0.1",
    "OpenLLM-France/Lucie-7B",
    "utter-project/EuroLLM-9B",
    "BSC-LT/salamandra-2b",
    "swiss-ai/Apertus-8B-2509",
    "mistralai/Mistral-Large-Instruct-2407",
]
LISTED_MODELS = [
    "OpenLLM-France/Lucie-7B",
    "OpenLLM-France/Lucie-7B-Instruct-v1.1",
    "OpenLLM-France/Claire-7B-0.1",
    "OpenLLM-France/Claire-7B-Apache-0.1",
    "OpenLLM-France/Claire-Mistral-7B-0.1",
]


def fixture_json(folder: str, repo_id: str) -> dict:
    return json.loads((FIXTURES / folder / f"{repo_id.replace('/', '__')}.json").read_text())


def hub_datetime(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@pytest.fixture
def make_client(fake_hub):
    """Build a HubClient on the fake Hub with other settings than `hub_client`'s."""

    def make(**options) -> HubClient:
        return HubClient(**{"endpoint": fake_hub.url, "token": None} | options)

    return make


@pytest.fixture
def sleeps(monkeypatch) -> list[float]:
    """huggingface_hub's back-off sleeps, recorded instead of slept (the fake Hub never calls time.sleep)."""
    recorded: list[float] = []
    monkeypatch.setattr(time, "sleep", recorded.append)
    return recorded


# Listings


def test_list_models_follows_the_link_header_with_one_request_per_page(fake_hub, hub_client):
    fake_hub.page_size = 3

    models = list(hub_client.list_models("OpenLLM-France"))

    assert [model.repo_id for model in models] == LISTED_MODELS
    assert fake_hub.count("/api/models") == hub_client.requests_made == 2
    assert models[0].parameters == 6_706_958_336 and models[0].sha == "8d4b723ae22a1ec7c4f15027569866a014c42445"


def test_list_models_asks_only_for_the_expanded_fields(fake_hub, hub_client):
    models = list(hub_client.list_models("OpenLLM-France"))

    (request,) = fake_hub.requests
    assert request.query == {"author": ["OpenLLM-France"], "expand": list(MODEL_EXPAND)}
    assert set(models[1].raw) == {"_id", "id", *MODEL_EXPAND} - {"downloadsAllTime"}


def test_list_datasets_yields_the_authors_datasets(hub_client):
    (dataset,) = hub_client.list_datasets("OpenLLM-France")

    assert dataset.repo_id == "OpenLLM-France/Lucie-Training-Dataset"
    assert dataset.license == "cc-by-nc-sa-4.0"


def test_a_listing_page_failing_once_is_retried_by_huggingface_hub(fake_hub, hub_client, sleeps):
    fake_hub.page_size = 3
    fake_hub.fail("/api/models", status=503, times=1)

    assert len(list(hub_client.list_models("OpenLLM-France"))) == 5
    assert hub_client.requests_made == 3
    assert sleeps == [1]


def test_a_rate_limited_listing_page_waits_for_the_announced_reset(fake_hub, hub_client, sleeps):
    fake_hub.rate_limit("/api/models", reset_seconds=4)

    assert len(list(hub_client.list_models("OpenLLM-France"))) == 5
    assert sleeps == [5]  # huggingface_hub adds a second to the reset


def test_a_stalled_listing_page_is_abandoned_after_the_timeout_and_retried(fake_hub, make_client, sleeps):
    client = make_client(timeout=0.2)
    fake_hub.delay(5, "/api/models", times=1)

    assert len(list(client.list_models("OpenLLM-France"))) == 5
    assert client.requests_made == 2


# model_info


@pytest.mark.parametrize("repo_id", MODEL_FIXTURES)
def test_model_info_parses_every_field(hub_client, repo_id):
    data = fixture_json("models", repo_id)

    model = hub_client.model_info(repo_id)

    assert (model.repo_id, model.sha, model.author) == (data["id"], data["sha"], data["author"])
    assert model.last_modified == hub_datetime(data["lastModified"])
    assert model.created_at == hub_datetime(data["createdAt"])
    assert model.gated == (data["gated"] or "no")
    assert (model.private, model.disabled) == (False, False)
    assert (model.downloads, model.likes) == (data["downloads"], data["likes"])
    assert model.downloads_all_time == data.get("downloadsAllTime")
    assert (model.library_name, model.pipeline_tag) == (data["library_name"], data["pipeline_tag"])
    assert model.tags == tuple(data["tags"])
    assert model.parameters == data["safetensors"]["total"]
    assert model.card_data == data["cardData"]
    assert model.license == data["cardData"]["license"]
    assert model.raw == {key: value for key, value in data.items() if key in {"_id", "id", *MODEL_EXPAND}}


def test_model_info_reads_a_custom_licence_from_its_name_and_link(hub_client):
    model = hub_client.model_info("mistralai/Mistral-Large-Instruct-2407")

    assert (model.license, model.license_name) == ("other", "mrl")
    assert model.license_link == "https://mistral.ai/licenses/MRL-0.1.md"


def test_model_info_reports_the_gating_mode(hub_client):
    assert hub_client.model_info("swiss-ai/Apertus-8B-2509").gated == "auto"
    assert hub_client.model_info("OpenLLM-France/Lucie-7B").gated == "no"


def test_model_info_reads_training_datasets_from_card_and_tags(hub_client):
    salamandra = hub_client.model_info("BSC-LT/salamandra-2b")
    lucie = hub_client.model_info("OpenLLM-France/Lucie-7B")
    claire = hub_client.model_info("OpenLLM-France/Claire-7B-0.1")

    assert len(salamandra.datasets) == 21 and salamandra.datasets[0] == "oscar-corpus/colossal-oscar-1.0"
    assert lucie.datasets == ("OpenLLM-France/Lucie-Training-Dataset",)
    assert claire.datasets == ()


def test_model_info_reads_base_models_without_tag_qualifiers(hub_client):
    assert hub_client.model_info("OpenLLM-France/Claire-7B-0.1").base_models == ("tiiuae/falcon-7b",)


@pytest.mark.parametrize("repo_id", ["utter-project/EuroLLM-9B", "BSC-LT/salamandra-2b"])
def test_model_info_reads_norwegian_as_no_however_the_card_escapes_it(hub_client, repo_id):
    languages = hub_client.model_info(repo_id).languages

    assert "no" in languages and "\\no" not in languages


def test_model_info_normalises_yaml_booleans_case_and_duplicates_in_languages(fake_hub, hub_client):
    fake_hub.add_model("acme/yaml-quirks", {"cardData": {"language": [False, "EN", "en", "\\no"]}})

    assert hub_client.model_info("acme/yaml-quirks").languages == ("no", "en")


def test_model_info_takes_the_licence_from_tags_when_the_card_has_none(fake_hub, hub_client):
    fake_hub.add_model("acme/tagged", {"cardData": {}, "tags": ["license:mit", "region:eu"]})

    assert hub_client.model_info("acme/tagged").license == "mit"


def test_model_info_joins_several_licences_with_and(fake_hub, hub_client):
    fake_hub.add_model("acme/mixed", {"cardData": {"license": ["Apache-2.0", "cc-by-4.0"]}})

    assert hub_client.model_info("acme/mixed").license == "apache-2.0 AND cc-by-4.0"


def test_model_info_sees_an_upstream_change_with_its_new_sha(fake_hub, hub_client):
    before = hub_client.model_info("OpenLLM-France/Lucie-7B")
    fake_hub.set_model_field("OpenLLM-France/Lucie-7B", "cardData", {"license": "cc-by-nc-4.0"})

    after = hub_client.model_info("OpenLLM-France/Lucie-7B")

    assert after.license == "cc-by-nc-4.0" and after.sha != before.sha


# dataset_info


def test_dataset_info_parses_licence_languages_and_counts(hub_client):
    data = fixture_json("datasets", "OpenLLM-France/Lucie-Training-Dataset")

    dataset = hub_client.dataset_info("OpenLLM-France/Lucie-Training-Dataset")

    assert (dataset.sha, dataset.gated, dataset.likes) == (data["sha"], "no", data["likes"])
    assert dataset.license == "cc-by-nc-sa-4.0"
    assert dataset.languages == ("en", "fr", "de", "es", "it", "code")
    assert dataset.last_modified == hub_datetime(data["lastModified"])


def test_dataset_info_reads_languages_from_tags_when_the_card_has_none(fake_hub, hub_client):
    fake_hub.add_dataset("acme/corpus", {"tags": ["language:fr", "language:br", "license:odc-by"]})

    dataset = hub_client.dataset_info("acme/corpus")

    assert (dataset.languages, dataset.license) == (("fr", "br"), "odc-by")


# Cards


def test_model_card_parses_the_front_matter_and_keeps_the_body(hub_client):
    card = hub_client.model_card("OpenLLM-France/Lucie-7B")

    assert card.error is None
    assert card.metadata["license"] == "apache-2.0"
    assert "Lucie-7B" in card.text and not card.text.startswith("---")


def test_dataset_card_is_read_from_the_datasets_url(fake_hub, hub_client):
    card = hub_client.dataset_card("OpenLLM-France/Lucie-Training-Dataset")

    assert (card.repo_type, card.metadata["license"]) == ("dataset", "cc-by-nc-sa-4.0")
    assert fake_hub.requests[0].path == "/datasets/OpenLLM-France/Lucie-Training-Dataset/resolve/main/README.md"


def test_a_card_with_malformed_yaml_reports_the_error_instead_of_raising(hub_client):
    card = hub_client.model_card("example-org/broken-card")

    assert card.error.startswith("ParserError")
    assert card.metadata == {} and card.text.startswith("---")


def test_the_card_of_a_repo_without_readme_is_empty(fake_hub, hub_client):
    fake_hub.add_model("acme/no-readme", {})

    card = hub_client.model_card("acme/no-readme")

    assert (card.metadata, card.text, card.error) == ({}, "", None)


@pytest.mark.parametrize("token", [None, "hf_without_access"])
def test_a_gated_readme_raises_hub_gated(make_client, token):
    with pytest.raises(HubGated):
        make_client(token=token).model_card("swiss-ai/Apertus-8B-2509")


def test_a_failing_readme_raises_hub_unavailable_at_once(fake_hub, hub_client, sleeps):
    fake_hub.fail("/OpenLLM-France/Lucie-7B/resolve/main/README.md", status=503, times=None)

    with pytest.raises(HubUnavailable):
        hub_client.model_card("OpenLLM-France/Lucie-7B")
    assert hub_client.requests_made == 1 and sleeps == []  # the sync retries the repo after the others


@pytest.mark.parametrize("body", ["<html><body>Bad gateway</body></html>", '{"id": "OpenLLM-France/Luc'])
def test_a_readme_answered_as_html_or_json_raises_hub_unavailable(fake_hub, hub_client, body):
    content_type = "text/html" if body.startswith("<") else "application/json"
    fake_hub.garble("/OpenLLM-France/Lucie-7B/resolve/main/README.md", body=body, content_type=content_type)

    with pytest.raises(HubUnavailable, match=content_type):
        hub_client.model_card("OpenLLM-France/Lucie-7B")


def test_a_listing_row_reads_as_the_same_record_as_model_info(hub_client):
    listed = next(model for model in hub_client.list_models("OpenLLM-France") if model.repo_id.endswith("Lucie-7B"))

    assert hub_client.model_from_row(listed.raw) == hub_client.model_info("OpenLLM-France/Lucie-7B")


def test_a_rate_limited_readme_raises_hub_rate_limited(fake_hub, hub_client, sleeps):
    fake_hub.rate_limit("/OpenLLM-France/Lucie-7B/resolve/main/README.md", reset_seconds=9, times=None)

    with pytest.raises(HubRateLimited) as raised:
        hub_client.model_card("OpenLLM-France/Lucie-7B")
    assert raised.value.reset_in_seconds == 9.0


# Errors


@pytest.mark.parametrize("token", [None, "hf_some_token"])
@pytest.mark.parametrize("method", ["model_info", "dataset_info", "model_card", "dataset_card"])
def test_an_unknown_repo_raises_hub_not_found(make_client, method, token):
    with pytest.raises(HubNotFound):
        getattr(make_client(token=token), method)("nobody/nothing")


def test_a_removed_repo_raises_hub_not_found(fake_hub, hub_client):
    fake_hub.remove_repo("OpenLLM-France/Lucie-7B")

    with pytest.raises(HubNotFound):
        hub_client.model_info("OpenLLM-France/Lucie-7B")


def test_an_impossible_repo_id_raises_hub_not_found_without_a_request(hub_client):
    with pytest.raises(HubNotFound):
        hub_client.model_info("not a/valid/repo id")
    assert hub_client.requests_made == 0


def test_a_server_error_on_model_info_raises_hub_unavailable_at_once(fake_hub, hub_client):
    fake_hub.fail("/api/models/OpenLLM-France/Lucie-7B", status=500)

    with pytest.raises(HubUnavailable):
        hub_client.model_info("OpenLLM-France/Lucie-7B")
    assert fake_hub.count() == 1


def test_a_rate_limit_raises_hub_rate_limited_with_the_reset_delay(fake_hub, hub_client):
    fake_hub.rate_limit("/api/models/OpenLLM-France/Lucie-7B", reset_seconds=42)

    with pytest.raises(HubRateLimited) as raised:
        hub_client.model_info("OpenLLM-France/Lucie-7B")
    assert raised.value.reset_in_seconds == 42.0


def test_a_stalled_answer_raises_hub_unavailable_after_the_timeout(fake_hub, make_client):
    fake_hub.delay(5, "/api/models/OpenLLM-France/Lucie-7B")
    started = time.monotonic()

    with pytest.raises(HubUnavailable):
        make_client(timeout=0.2).model_info("OpenLLM-France/Lucie-7B")
    assert time.monotonic() - started < 2


def test_an_unreachable_hub_raises_hub_unavailable(tmp_path):
    client = HubClient(endpoint="http://127.0.0.1:9", token=None)

    with pytest.raises(HubUnavailable):
        client.model_info("OpenLLM-France/Lucie-7B")


# Requests: counting, hooking, authentication


def test_requests_made_counts_every_http_request(hub_client):
    hub_client.model_info("OpenLLM-France/Lucie-7B")
    assert hub_client.requests_made == 1

    hub_client.model_card("OpenLLM-France/Lucie-7B")
    assert hub_client.requests_made == 2  # one GET, no HEAD

    hub_client.model_card("OpenLLM-France/Lucie-7B")
    assert hub_client.requests_made == 3


def test_clients_hear_only_their_own_requests(fake_hub, make_client):
    fake_hub.page_size = 3
    lister, reader = make_client(), make_client()

    for model in lister.list_models("OpenLLM-France"):
        assert model.raw["id"] == model.repo_id
        reader.model_info("OpenLLM-France/Lucie-7B")

    assert (lister.requests_made, reader.requests_made) == (2, 5)


def test_before_request_is_called_before_each_request(fake_hub, make_client):
    calls = []
    client = make_client(before_request=lambda: calls.append(fake_hub.count()))

    client.model_card("OpenLLM-France/Lucie-7B")

    assert calls == [0]


def test_before_request_can_abort_the_call(fake_hub, make_client):
    class Budget(Exception):
        pass

    def refuse():
        raise Budget()

    with pytest.raises(Budget):
        make_client(before_request=refuse).model_info("OpenLLM-France/Lucie-7B")
    assert fake_hub.count() == 0


def test_a_token_is_sent_only_when_given(fake_hub, make_client, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", "hf_from_the_environment")

    make_client(token=None).model_info("OpenLLM-France/Lucie-7B")
    make_client(token="hf_configured").model_info("OpenLLM-France/Lucie-7B")

    assert [request.authenticated for request in fake_hub.requests] == [False, True]
