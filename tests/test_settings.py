"""Settings fail loudly when production secrets are missing, and pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(env_overrides)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_production_mode_without_a_secret_key_fails_loudly():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_with_production_variables():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SECRET_KEY="a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        DJANGO_ALLOWED_HOSTS="registry.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_debug_mode_runs_without_a_secret_key():
    result = run_manage("check", DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr


def settings_value(expression: str, **env_overrides) -> str:
    """`expression` evaluated on django.conf.settings in a fresh process with these variables."""
    result = run_manage("shell", "-c", f"from django.conf import settings; print({expression})",
                        DJANGO_SECRET_KEY="x" * 50, **env_overrides)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_persistent_database_connections_are_checked_before_reuse():
    assert settings_value("settings.DATABASES['default']['CONN_HEALTH_CHECKS']", CONN_MAX_AGE="60") == "True"


def test_forwarded_headers_are_ignored_without_a_proxy():
    assert settings_value("settings.SECURE_PROXY_SSL_HEADER") == "None"
    assert settings_value("settings.REST_FRAMEWORK['NUM_PROXIES']") == "0"


def test_one_proxy_count_trusts_its_https_header_and_its_client_address():
    assert settings_value("settings.SECURE_PROXY_SSL_HEADER", DJANGO_PROXY_COUNT="1") == (
        "('HTTP_X_FORWARDED_PROTO', 'https')")
    assert settings_value("settings.REST_FRAMEWORK['NUM_PROXIES']", DJANGO_PROXY_COUNT="2") == "2"


def test_the_volatile_cache_lives_apart_from_the_broker_and_ignores_its_failures():
    caches = eval(settings_value("settings.CACHES", REDIS_URL="redis://broker:6379/0"))  # noqa: S307
    assert caches["default"]["LOCATION"] == "redis://broker:6379/0"
    assert "OPTIONS" not in caches["default"]  # locks fail loudly
    assert caches["volatile"]["LOCATION"] == "redis://broker:6379/1"
    assert caches["volatile"]["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert 0 < caches["volatile"]["OPTIONS"]["SOCKET_TIMEOUT"] <= 1


def test_with_a_cache_redis_each_process_keeps_a_bounded_number_of_response_copies():
    caches = eval(settings_value("settings.CACHES", REDIS_URL="redis://broker:6379/0"))  # noqa: S307
    assert caches["response-copies"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert caches["response-copies"]["OPTIONS"]["MAX_ENTRIES"] <= 100
    without_redis = eval(settings_value("settings.CACHES", REDIS_URL="", CACHE_URL=""))  # noqa: S307
    assert "response-copies" not in without_redis  # the volatile cache is in the process's memory already


def test_cache_url_names_the_cache_redis():
    caches = eval(settings_value("settings.CACHES", REDIS_URL="redis://broker:6379/0",  # noqa: S307
                                 CACHE_URL="redis://cache:6379/0"))
    assert caches["volatile"]["LOCATION"] == "redis://cache:6379/0"


def test_hsts_preload_is_opt_in():
    assert settings_value("settings.SECURE_HSTS_PRELOAD") == "False"
    assert settings_value("settings.SECURE_HSTS_PRELOAD", DJANGO_HSTS_PRELOAD="true") == "True"


def test_postgresql_connections_do_not_jit_compile_queries():
    options = settings_value("settings.DATABASES['default'].get('OPTIONS')",
                             DATABASE_URL="postgres://postgres@127.0.0.1:5432/unused")
    assert options == "{'options': '-c jit=off'}"
