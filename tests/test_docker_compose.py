"""docker-compose.yml describes the real deployment; no Docker engine runs here, so it is read."""

import importlib
import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def command_words(service):
    command = SERVICES[service]["command"]
    words = shlex.split(command) if isinstance(command, str) else command
    if words[:2] == ["sh", "-c"]:
        return shlex.split(words[2])
    return words


def test_the_stack_has_web_worker_beat_postgres_and_redis():
    assert set(SERVICES) == {"web", "worker", "beat", "seed", "proxy", "postgres", "redis", "redis-cache"}


def test_the_app_services_share_one_image_through_the_anchor():
    images = {SERVICES[name]["image"] for name in ("web", "worker", "beat", "seed")}
    assert len(images) == 1
    assert (ROOT / SERVICES["web"]["build"] / "Dockerfile").exists()


def test_every_app_service_waits_for_healthy_databases():
    for name in ("web", "worker", "beat"):
        depends = SERVICES[name]["depends_on"]
        assert depends == {"postgres": {"condition": "service_healthy"},
                           "redis": {"condition": "service_healthy"},
                           "redis-cache": {"condition": "service_started"}}
    for name in ("web", "worker", "postgres", "redis", "redis-cache"):
        assert "healthcheck" in SERVICES[name]


def test_web_serves_the_wsgi_application_with_gunicorn():
    words = command_words("web")
    module, attribute = words[words.index("gunicorn") + 1].split(":")
    assert callable(getattr(importlib.import_module(module), attribute))


def test_web_migrates_but_never_reloads_the_seed_catalog_on_start():
    from django.core.management import get_commands

    script = " ".join(command_words("web"))
    assert "manage.py migrate" in script and "migrate" in get_commands()
    assert "load_catalog" not in script


def test_the_seed_catalog_is_loaded_by_a_one_off_service_with_commands_that_exist():
    from django.core.management import get_commands

    script = " ".join(command_words("seed"))
    assert SERVICES["seed"]["profiles"] == ["seed"]
    for command in ("migrate", "load_catalog", "recompute_openness"):
        assert f"manage.py {command}" in script
        assert command in get_commands()


def test_worker_and_beat_use_the_celery_app_in_config():
    from celery import Celery

    for name, role in (("worker", "worker"), ("beat", "beat")):
        words = command_words(name)
        assert words[:3] == ["celery", "-A", "config"] and role in words
    assert isinstance(importlib.import_module("config").celery_app, Celery)


def redis_flags(service):
    words = shlex.split(SERVICES[service]["command"])
    return dict(zip(words[1::2], words[2::2], strict=False))


def test_the_broker_never_evicts_and_the_cache_is_bounded_with_lru_eviction():
    assert redis_flags("redis")["--maxmemory-policy"] == "noeviction"
    cache = redis_flags("redis-cache")
    assert cache["--maxmemory-policy"] == "allkeys-lru" and cache["--maxmemory"]


def test_the_app_caches_in_the_cache_redis_and_queues_in_the_broker():
    environment = COMPOSE["x-app"]["environment"]
    assert environment["CACHE_URL"].startswith("redis://redis-cache:")
    assert environment["REDIS_URL"].startswith("redis://redis:")


def test_the_app_keeps_its_database_connections():
    assert COMPOSE["x-app"]["environment"]["CONN_MAX_AGE"] == "${CONN_MAX_AGE:-60}"


def test_only_the_proxy_is_published_and_the_app_trusts_exactly_that_one_proxy():
    assert "ports" not in SERVICES["web"]
    assert SERVICES["proxy"]["ports"] == ["8000:80"]
    assert SERVICES["web"]["environment"]["DJANGO_PROXY_COUNT"] == "${DJANGO_PROXY_COUNT:-1}"


def test_the_proxy_overwrites_the_forwarded_headers_so_clients_cannot_spoof_them():
    mounted = SERVICES["proxy"]["volumes"][0].split(":")[0]
    conf = (ROOT / mounted).read_text(encoding="utf-8")
    assert "proxy_pass http://registry_web;" in conf and "server web:8000;" in conf
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    assert "$proxy_add_x_forwarded_for" not in conf
