"""The admin log-in locks a username out of one address after AXES_FAILURE_LIMIT failed attempts."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db
PASSWORD = "a-correct-horse-battery-staple"


@pytest.fixture
def staff():
    return get_user_model().objects.create_user("moderator", password=PASSWORD, is_staff=True)


def log_in(client, password, address="203.0.113.7"):
    return client.post("/admin/login/?next=/admin/", {"username": "moderator", "password": password},
                       REMOTE_ADDR=address)


def test_repeated_failures_lock_out_even_the_right_password(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200  # the form again, with its error
    assert log_in(client, "wrong").status_code == 429
    assert log_in(client, PASSWORD).status_code == 429


def test_the_lockout_holds_only_for_that_address(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD, address="198.51.100.1").status_code == 302


def test_fewer_failures_than_the_limit_still_let_the_right_password_in(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 302
