"""No secret in error pages or logs (issue 9, point 11): a crash in production mode answers a plain 500 page (or
the API's JSON error) that shows neither the settings nor the traceback, and what is logged about it carries no
secret setting; the logging set-up mails no HTML error report (which would list the settings)."""

import logging

import pytest
from django.conf import settings as django_settings
from django.urls import path

import config.urls

SECRET_KEY = "production-secret-key-that-must-never-be-shown-0123456789"
HF_TOKEN = "hf_never_shown_0123456789abcdef"


def crash(request):
    # A view that reads the secrets, then fails: as a broken Hub call or template would.
    assert django_settings.SECRET_KEY and django_settings.HF_TOKEN
    raise RuntimeError("something broke")


# i18n_patterns cannot be include()d: the site's patterns are spliced in after the crashing views.
urlpatterns = [path("crash/", crash), path("api/v1/crash/", crash), *config.urls.urlpatterns]
handler500 = config.urls.handler500


@pytest.fixture
def production(settings, client):
    settings.DEBUG = False
    settings.SECRET_KEY = SECRET_KEY
    settings.HF_TOKEN = HF_TOKEN
    client.raise_request_exception = False
    return client


def shows_no_secret(text: str) -> bool:
    return not any(secret in text for secret in (SECRET_KEY, HF_TOKEN, "SECRET_KEY", "DATABASES", "Traceback"))


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/crash/", "/api/v1/crash/"])
def test_a_crash_shows_no_setting_or_traceback(production, url, caplog):
    with caplog.at_level(logging.ERROR):
        response = production.get(url)

    assert response.status_code == 500
    assert shows_no_secret(response.content.decode())
    assert caplog.records, "the crash is logged"
    logged = "\n".join(record.getMessage() + str(record.exc_info) for record in caplog.records)
    assert SECRET_KEY not in logged and HF_TOKEN not in logged


def test_the_api_crash_answer_is_the_api_json_error(production, settings):
    settings.ROOT_URLCONF = __name__
    response = production.get("/api/v1/crash/")
    assert response.json() == {"detail": "The server could not answer this request; the error was logged.",
                               "code": "server_error"}


def test_no_log_handler_mails_html_error_reports():
    from django.utils.log import AdminEmailHandler

    handlers = [handler for name in ("", "django", "django.request")
                for handler in logging.getLogger(name).handlers]
    assert not any(isinstance(handler, AdminEmailHandler) and handler.include_html for handler in handlers)
