"""/healthz says what answers: 200 while the database does (cache or broker down flagged), 503 without."""

import pytest
from django.db import DatabaseError

from tests.cache_outage import cache_redis_down  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_all_components_up_is_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok",
                               "components": {"database": "ok", "cache": "ok", "broker": "ok"}}


def test_a_cache_redis_down_is_degraded_but_healthy(client, cache_redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["components"]["cache"] == "down"


def test_a_broker_down_is_degraded_but_healthy(client):
    from config import celery_app

    original = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:6390/0"  # nothing listens here
    try:
        response = client.get("/healthz")
    finally:
        celery_app.conf.broker_url = original
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["components"]["broker"]) == ("degraded", "down")


def test_a_database_down_is_a_503(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")
    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["components"]["database"] == "down"
