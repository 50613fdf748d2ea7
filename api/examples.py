"""Examples shown in the OpenAPI schema and the interactive docs, one per resource."""

from drf_spectacular.utils import OpenApiExample

SITE = "https://registry.example.org"

NOT_ASSESSED_LEG = {
    "value": "unknown", "source": "computed", "reason": "Not assessed yet", "decided_by": "", "justification": "",
    "evidence": [], "caveats": [], "warnings": [], "assessed_at": None,
}

OPEN_MODEL_LEG = {
    "value": "open", "source": "computed",
    "reason": "Weights published under apache-2.0, an unrestricted licence.",
    "decided_by": "",
    "justification": "",
    "evidence": [{
        "leg": "model", "source": "hub:OpenLLM-France/Lucie-7B", "shows": "license: apache-2.0",
        "value": "open", "reason": "apache-2.0 restricts neither use nor redistribution.",
        "kind": "computed", "url": "https://huggingface.co/OpenLLM-France/Lucie-7B",
        "seen_at": "2025-06-01T08:00:00Z", "revision_at": "2025-01-15T09:30:00Z",
        "seen_via": "the Hub's API", "attribution": None,
    }],
    "caveats": [], "warnings": [], "assessed_at": "2025-06-01T08:00:00Z",
}

OPENNESS = {
    "code": NOT_ASSESSED_LEG, "model": OPEN_MODEL_LEG, "corpus": NOT_ASSESSED_LEG,
    "e2e": False, "label": "open weights",
}

PROJECT_EXAMPLE = OpenApiExample("Lucie", value={
    "slug": "lucie", "name": "Lucie", "kind": "model-family",
    "summary": "French-language LLM trained from scratch.",
    "organisations": [{"slug": "openllm-france", "name": "OpenLLM-France", "country": "FR"}],
    "countries": ["FR"], "languages": ["fr", "en"],
    "website": "https://huggingface.co/OpenLLM-France/Lucie-7B-Instruct-v1.1",
    "code_url": "https://github.com/OpenLLM-France/Lucie-Training",
    "code_repositories": [{
        "url": "https://github.com/OpenLLM-France/Lucie-Training", "licence": "GPL-3.0-only",
        "covers": "pre-training", "source_url": "https://github.com/OpenLLM-France/Lucie-Training",
        "seen_at": "2026-12-01T00:00:00Z"}],
    "paper_url": "https://arxiv.org/pdf/2503.12294",
    "hub_repos": [{"repo_type": "model", "repo_id": "OpenLLM-France/Lucie-7B", "role": "own",
                   "data_origin": "hub"}],
    "openness": OPENNESS,
    "schemes": {"osai_index_score": 0.83, "schemes": {}},
    "status": "active", "needs_review": False, "review_details": [],
    "created_at": "2025-05-01T10:00:00Z", "updated_at": "2025-06-01T08:00:00Z",
    "links": {"html": f"{SITE}/projects/lucie/", "badge": f"{SITE}/badges/lucie.svg",
              "api": f"{SITE}/api/v1/projects/lucie/"},
})

HUB_REPO_EXAMPLE = OpenApiExample("Lucie-7B", value={
    "repo_id": "OpenLLM-France/Lucie-7B", "repo_type": "model", "project": "lucie",
    "role": "own", "data_origin": "hub", "data_source": {}, "data_seen_at": "2025-06-01T08:00:00Z",
    "license": "apache-2.0", "license_class": "osi", "gated": "no",
    "downloads": 12034, "likes": 87, "parameters": 6707000000,
    "pipeline_tag": "text-generation", "languages": ["fr", "en"],
    "datasets": ["OpenLLM-France/Lucie-Training-Dataset"], "base_model": [],
    "sha": "5e4c1f0c2a9d3b7e8f6a1b2c3d4e5f60718293a4",
    "last_modified": "2025-01-15T09:30:00Z", "openness": OPENNESS,
    "sync": {"status": "ok", "last_synced_at": "2025-06-01T08:00:00Z",
             "last_error": "", "error_count": 0},
    "updated_at": "2025-06-01T08:00:00Z",
    "links": {"hub": "https://huggingface.co/OpenLLM-France/Lucie-7B",
              "api": f"{SITE}/api/v1/hub-repos/model/OpenLLM-France/Lucie-7B/"},
})

ORGANISATION_EXAMPLE = OpenApiExample("OpenLLM-France", value={
    "slug": "openllm-france", "name": "OpenLLM-France", "country": "FR", "kind": "community",
    "website": "https://www.openllm-france.fr", "project_count": 2,
})

LICENCE_EXAMPLE = OpenApiExample("Apache 2.0", value={
    "identifier": "apache-2.0", "name": "Apache license 2.0", "spdx_id": "Apache-2.0",
    "unrestricted": True, "osi_approved": True,
    "link": "https://www.apache.org/licenses/LICENSE-2.0", "reason": "", "class": "osi",
})

INDEX_EXAMPLE = OpenApiExample("The index", value={
    "version": "v1",
    "resources": {name: f"{SITE}/api/v1/{path}/" for name, path in (
        ("projects", "projects"), ("hub_repos", "hub-repos"), ("organisations", "organisations"),
        ("licenses", "licenses"), ("changes", "changes"), ("stats", "stats"), ("sync_runs", "sync-runs"))},
    "schema": f"{SITE}/api/v1/schema/",
    "docs": f"{SITE}/api/v1/docs/",
})

STATS_EXAMPLE = OpenApiExample("The seed catalog", value={
    "projects": 62, "organisations": 42, "hub_repos": 55,
    "by_kind": [{"kind": "model-family", "label": "Model family", "count": 47},
                {"kind": "dataset", "label": "Dataset", "count": 0},
                {"kind": "tool", "label": "Tool", "count": 3},
                {"kind": "initiative", "label": "Initiative", "count": 12}],
})

CHANGE_EXAMPLE = OpenApiExample("A licence change found by a sync", value={
    "id": 1042, "project": "lucie",
    "hub_repo": {"repo_type": "model", "repo_id": "OpenLLM-France/Lucie-7B", "role": "own",
                 "data_origin": "hub"},
    "field": "license", "old_value": "other", "new_value": "apache-2.0",
    "reason": "The card's licence changed on the Hub.", "cause": "", "sync_run": 311,
    "by_moderator": False, "created_at": "2025-06-01T08:00:00Z",
})

SYNC_RUN_EXAMPLE = OpenApiExample("A scheduled sync", value={
    "id": 311, "trigger": "schedule", "status": "ok",
    "started_at": "2025-06-01T08:00:00Z", "finished_at": "2025-06-01T08:03:12Z",
    "namespaces": ["OpenLLM-France", "utter-project"], "requests_made": 96,
    "repos_changed": 1, "repos_unchanged": 54, "repos_failed": 0, "repos_discovered": 0,
    "errors": [], "note": "",
})

ERROR_EXAMPLES = {
    400: OpenApiExample("An unknown filter value", value={
        "detail": "Invalid value for 'kind': Select a valid choice. robot is not one of the "
                  "available choices.",
        "code": "invalid_parameter", "parameter": "kind",
        "errors": {"kind": ["Select a valid choice. robot is not one of the available choices."]},
    }),
    404: OpenApiExample("Not found", value={
        "detail": "No project with slug 'nope'.", "code": "not_found"}),
    406: OpenApiExample("Not acceptable", value={
        "detail": "Could not satisfy the request Accept header.", "code": "not_acceptable"}),
    429: OpenApiExample("Throttled", value={
        "detail": "Request was throttled. Expected available in 42 seconds.", "code": "throttled"}),
}
