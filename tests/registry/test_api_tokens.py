"""API tokens can be revoked and replaced: by their owner on /account/token/ or with DELETE/POST /api/v1/token/,
and by staff in the admin. A revoked or replaced key is refused at once with a JSON 401."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from registry.services.api_tokens import regenerate_api_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PAGE = "/account/token/"
API = "/api/v1/token/"


@pytest.fixture
def owner():
    return UserFactory(username="token-owner", is_staff=False, is_superuser=False)


@pytest.fixture
def signed_in(owner):
    client = Client()
    client.force_login(owner)
    return client


def is_refused(key: str) -> bool:
    """Whether the API refuses `key` as the JSON 401 every API error is."""
    response = Client().post(API, HTTP_AUTHORIZATION=f"Token {key}")
    return (response.status_code, response["Content-Type"], response.json()["code"]) == (
        401, "application/json", "authentication_failed")


def test_the_page_creates_a_token_and_shows_its_key_only_once(signed_in, owner):
    response = signed_in.post(PAGE, {"action": "regenerate"})
    key = Token.objects.get(user=owner).key
    assert response.status_code == 200 and key in response.content.decode()
    assert key not in signed_in.get(PAGE).content.decode()


def test_replacing_a_token_on_the_page_refuses_the_old_key(signed_in, owner):
    old = regenerate_api_token(user=owner).key
    signed_in.post(PAGE, {"action": "regenerate"})
    assert Token.objects.get(user=owner).key != old
    assert is_refused(old)


def test_revoking_on_the_page_refuses_the_key(signed_in, owner):
    key = regenerate_api_token(user=owner).key
    response = signed_in.post(PAGE, {"action": "revoke"}, follow=True)
    assert "revoked" in response.content.decode()
    assert not Token.objects.filter(user=owner).exists() and is_refused(key)


def test_the_page_needs_a_sign_in_and_a_csrf_token(owner):
    assert Client().get(PAGE).status_code == 302
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(PAGE, {"action": "regenerate"}).status_code == 403
    assert not Token.objects.filter(user=owner).exists()


def test_a_program_revokes_the_token_it_holds(owner):
    key = regenerate_api_token(user=owner).key
    response = Client().delete(API, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 204
    assert is_refused(key)


def test_a_program_replaces_its_token(owner):
    old = regenerate_api_token(user=owner).key
    response = Client().post(API, HTTP_AUTHORIZATION=f"Token {old}")
    assert response.status_code == 201 and response.json()["key"] == Token.objects.get(user=owner).key
    assert is_refused(old)


def test_staff_revoke_a_token_in_the_admin(admin_client, owner):
    key = regenerate_api_token(user=owner).key
    response = admin_client.post(f"/admin/authtoken/tokenproxy/{owner.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert is_refused(key)


def test_staff_issue_a_token_in_the_admin(admin_client, owner):
    response = admin_client.post("/admin/authtoken/tokenproxy/add/", {"user": owner.pk})
    assert response.status_code == 302
    key = Token.objects.get(user=owner).key
    assert Client().post(API, HTTP_AUTHORIZATION=f"Token {key}").status_code == 201
