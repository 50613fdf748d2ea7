"""How the project page words a leg's reason and a fact's source."""

import pytest

from registry.views.openness_display import sentence, source_label


@pytest.mark.parametrize(("source", "label"), [
    ("moderator:curated:family:61bf1c095a0771f2", "Registry curation"),
    ("moderator:statement-3", "moderator"),
    ("code-repository:moderator", "code repository"),
    ("hub:cardData.license", "Hugging Face Hub"),
    ("hub:dataset:OpenLLM-France/Lucie-Training-Dataset", "Hugging Face Hub"),
    ("checkpoint:OpenLLM-France/Lucie-7B", "checkpoint OpenLLM-France/Lucie-7B"),
    ("base-model:mistralai/Mistral-7B-v0.1", "base model mistralai/Mistral-7B-v0.1"),
    ("osai-index:datasources_endmodel", "European Open Source AI Index (datasources_endmodel)"),
    ("something-new:x", "something-new:x"),
])
def test_a_fact_source_reads_as_a_person_would_name_it(source, label):
    assert source_label(source) == label


@pytest.mark.parametrize(("reason", "shown"), [
    ("manual gate", "Manual gate."),
    ("https://github.com/org/repo publishes the code", "https://github.com/org/repo publishes the code."),
    ("utter-project/EuroLLM-9B, its most open checkpoint", "utter-project/EuroLLM-9B, its most open checkpoint."),
    ("Already a sentence!", "Already a sentence!"),
    ("", ""),
])
def test_a_reason_becomes_a_sentence_without_capitalising_a_url_or_a_hub_id(reason, shown):
    assert sentence(reason) == shown
