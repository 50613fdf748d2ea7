import pytest

from registry.openness import (
    Value,
    default_licence_table,
    load_licence_table,
    normalise_licence_name,
    read_code_licence,
    read_data_licence,
    read_model_licence,
)
from registry.openness.licences import DEFAULT_LICENCES_PATH

from . import osai_index

TABLE = default_licence_table()


def test_the_packaged_table_holds_every_hub_licence_id():
    assert len(load_licence_table(DEFAULT_LICENCES_PATH)) == 83


@pytest.mark.parametrize("identifier", ["apache-2.0", "Apache-2.0", "APACHE-2.0", "Apache license 2.0"])
def test_licences_are_found_by_hub_id_spdx_id_or_full_name_in_any_case(identifier):
    assert TABLE.get(identifier).hf_id == "apache-2.0"


def test_licences_are_found_by_their_scancode_key():
    assert TABLE.get("LicenseRef-scancode-llama-3.3-license-2024").hf_id == "llama3.3"


def test_an_or_later_spdx_id_finds_the_hub_licence_it_belongs_to():
    assert TABLE.get("GPL-3.0-or-later").hf_id == "gpl-3.0"


@pytest.mark.parametrize("licence", ["apache-2.0", "mit", "cc-by-4.0", "cc-by-sa-4.0", "odc-by", "wtfpl"])
def test_licences_that_restrict_neither_who_nor_what_make_weights_open(licence):
    assert read_model_licence(licence, TABLE).value is Value.OPEN


@pytest.mark.parametrize(
    ("licence", "restriction"),
    [
        ("cc-by-nc-sa-4.0", "non-commercial"),
        ("cc-by-nd-4.0", "no-derivatives"),
        ("llama3.3", "use-restricted"),
        ("gemma", "use-restricted"),
        ("openrail", "use-restricted"),
        ("bigscience-openrail-m", "use-restricted"),
    ],
)
def test_restrictive_licences_make_weights_partial_and_name_the_restriction(licence, restriction):
    reading = read_model_licence(licence, TABLE)

    assert (reading.value, reading.restriction) == (Value.PARTIAL, restriction)


def test_an_or_of_an_open_and_a_restricted_licence_is_open():
    reading = read_model_licence("cc-by-nc-sa-4.0 OR apache-2.0", TABLE)

    assert reading.value is Value.OPEN
    assert "Apache-2.0" in reading.reason


def test_an_and_of_an_open_and_a_restricted_licence_takes_the_most_restrictive():
    reading = read_model_licence("apache-2.0 AND cc-by-nc-sa-4.0", TABLE)

    assert (reading.value, reading.restriction) == (Value.PARTIAL, "non-commercial")


def test_nested_expressions_are_judged_term_by_term():
    assert read_model_licence("(mit OR llama3.3) AND cc-by-4.0", TABLE).value is Value.OPEN
    assert read_model_licence("(gemma OR llama3.3) AND cc-by-4.0", TABLE).value is Value.PARTIAL


def test_an_and_with_an_unclassified_licence_stays_unknown_unless_another_term_falls_short():
    assert read_model_licence("apache-2.0 AND cc", TABLE).value is Value.UNKNOWN
    assert read_model_licence("gemma AND cc", TABLE).value is Value.PARTIAL


def test_a_custom_licence_named_by_license_name_and_link_is_partial_and_named():
    reading = read_model_licence(
        "other", TABLE, licence_name="mrl", licence_link="https://mistral.ai/licenses/MRL-0.1.md"
    )

    assert reading.value is Value.PARTIAL
    assert "mrl" in reading.reason and "https://mistral.ai/licenses/MRL-0.1.md" in reading.reason


def test_a_custom_licence_without_name_or_link_is_partial_because_its_terms_are_not_named():
    reading = read_model_licence("other", TABLE)

    assert (reading.value, reading.reason) == (Value.PARTIAL, "custom terms not named")


def test_weights_without_any_licence_are_partial_because_no_rights_are_granted():
    reading = read_model_licence(None, TABLE)

    assert reading.value is Value.PARTIAL
    assert "no rights" in reading.reason


@pytest.mark.parametrize("licence", ["unknown", "cc", "apple-ascl", "some-licence-nobody-knows"])
def test_licences_we_cannot_classify_are_unknown_never_closed(licence):
    assert read_model_licence(licence, TABLE).value is Value.UNKNOWN


def test_code_needs_an_osi_approved_licence():
    assert read_code_licence("Apache-2.0", TABLE).value is Value.OPEN
    assert read_code_licence("GPL-3.0-or-later", TABLE).value is Value.OPEN


@pytest.mark.parametrize("licence", ["wtfpl", "cc-by-4.0", "llama3.3", "cc-by-nc-4.0"])
def test_code_under_a_licence_that_is_not_osi_approved_is_partial(licence):
    assert read_code_licence(licence, TABLE).value is Value.PARTIAL


def test_code_under_a_licence_family_id_is_unknown_until_the_licence_file_says_which():
    assert read_code_licence("bsd", TABLE).value is Value.UNKNOWN


def test_a_dataset_without_a_licence_is_not_judged():
    assert read_data_licence(None, TABLE).value is Value.UNKNOWN


@pytest.mark.parametrize(
    ("text", "hf_id"),
    [
        ("Apache-2.0", "apache-2.0"),
        ("Apache 2.0", "apache-2.0"),
        ("MIT License", "mit"),
        ("CC-BY-4.0", "cc-by-4.0"),
        ("CC-BY-NC-SA-4.0", "cc-by-nc-sa-4.0"),
        ("CC BY-NC 4.0 license", "cc-by-nc-4.0"),
        ("CC-BY-ND", "cc-by-nd-4.0"),
        ("Llama 3.3 Community License Agreement", "llama3.3"),
        ("Llama 2 Community License Agreement", "llama2"),
        ("DeepFloyd IF Research License Agreement", "deepfloyd-if-license"),
        ("Modified MIT License", None),
        ("Stability AI Community License", None),
        ("Undisclosed", None),
        ("", None),
    ],
)
def test_free_text_licences_are_normalised_to_hub_ids_where_sensible(text, hf_id):
    assert normalise_licence_name(text, TABLE) == hf_id


OSAI_LICENCE_TEXTS = sorted({model["system"]["endmodellicense"] for model in osai_index()["models"]})


@pytest.mark.parametrize("text", OSAI_LICENCE_TEXTS)
def test_every_osai_end_model_licence_reads_without_error_and_shows_its_text(text):
    reading = read_model_licence(text, TABLE)

    assert reading.value in set(Value)
    assert reading.declared == text


def test_osai_licences_named_non_commercial_are_partial_even_when_not_in_the_table():
    reading = read_model_licence("Stable Beluga Non-Commercial Community License", TABLE)

    assert (reading.value, reading.restriction) == (Value.PARTIAL, "non-commercial")


def test_an_undisclosed_osai_licence_is_unknown_and_shows_the_text():
    reading = read_model_licence("Undisclosed", TABLE)

    assert reading.value is Value.UNKNOWN
    assert "Undisclosed" in reading.reason
