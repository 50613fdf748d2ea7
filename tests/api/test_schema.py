"""The OpenAPI contract: generated without warnings, valid, and equal to the committed file.

A failing diff means the API's contract changed. When the change is deliberate, regenerate the
committed schema and review its diff:

    UPDATE_API_SCHEMA=1 .venv/bin/pytest tests/api/test_schema.py
"""

import os
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

import api

SCHEMA_FILE = Path(api.__file__).parent / "schema" / "openapi-v1.yaml"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("schema") / "openapi.yaml"
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(path))
    return path.read_text(encoding="utf-8")


def test_the_schema_matches_the_committed_contract(generated):
    if os.environ.get("UPDATE_API_SCHEMA"):
        SCHEMA_FILE.write_text(generated, encoding="utf-8")
    assert generated == SCHEMA_FILE.read_text(encoding="utf-8"), (
        "The API schema changed. If that is deliberate: UPDATE_API_SCHEMA=1 pytest "
        "tests/api/test_schema.py, then review and commit api/schema/openapi-v1.yaml.")


def test_every_field_and_parameter_is_described(generated):
    schema = yaml.safe_load(generated)
    undescribed = [
        f"{name}.{field}" for name, component in schema["components"]["schemas"].items()
        for field, spec in component.get("properties", {}).items() if not spec.get("description")
    ] + [
        f"{method.upper()} {path} {parameter['name']}" for path, item in schema["paths"].items()
        for method, operation in item.items() for parameter in operation.get("parameters", [])
        if not parameter.get("description")
    ]
    assert undescribed == []


def test_every_resource_has_an_example(generated):
    schema = yaml.safe_load(generated)
    for path, item in schema["paths"].items():
        if "get" in item:
            assert item["get"]["responses"]["200"]["content"]["application/json"].get("examples"), path


@pytest.mark.parametrize(("path", "request_schema"), [
    ("/api/v1/submissions/", "ProjectSubmissionRequest"),
    ("/api/v1/projects/{slug}/corrections/", "CorrectionRequest"),
])
def test_the_contribution_endpoints_publish_their_request_and_responses(generated, path, request_schema):
    schema = yaml.safe_load(generated)
    operation = schema["paths"][path]["post"]
    assert operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(request_schema)
    assert operation["responses"]["201"]["content"]["application/json"]["schema"]["$ref"].endswith("/Submission")
    assert {"400", "401", "429"} <= set(operation["responses"])
    assert {"tokenAuth": []} in operation["security"]
    fields = schema["components"]["schemas"][request_schema]["properties"]
    assert "fax_number" not in fields and "justification" in fields
    if request_schema == "CorrectionRequest":
        assert {"evidence_leg", "evidence_value", "evidence_url", "evidence_shows", "attach_code_coverage",
                "hub_repo_ids"} <= set(fields)
        assert schema["components"]["schemas"][request_schema]["required"] == ["justification"]


@pytest.mark.django_db
def test_the_served_schema_is_the_generated_one(client, generated):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert yaml.safe_load(response.content) == yaml.safe_load(generated)
    assert client.get("/api/v1/schema/", {"format": "json"}).json()["info"]["version"] == "1.0.0"


@pytest.mark.django_db
def test_the_docs_page_needs_no_inline_script_or_style(client):
    response = client.get("/api/v1/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>" not in html and "<style>" not in html
    assert 'src="/api/v1/docs/?script="' in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
    script = client.get("/api/v1/docs/", {"script": ""})
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()
