"""Signing in and out: an accessible form, CSRF on both, argon2 hashes, browser-session cookies."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.test import Client

from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
LOGOUT = "/accounts/logout/"
PASSWORD = "correct horse battery staple"


def _csrf(client: Client, url: str = LOGIN) -> str:
    client.get(url)
    return client.cookies[settings.CSRF_COOKIE_NAME].value


def test_the_form_is_labelled_and_autocompletes() -> None:
    page = Client().get(LOGIN).content.decode()
    assert '<label for="id_username">Username</label>' in page
    assert '<label for="id_password">Password</label>' in page
    assert re.search(r'<input id="id_username"[^>]* autocomplete="username"', page)
    assert re.search(
        r'<input id="id_password"[^>]* type="password" autocomplete="current-password"', page
    )
    assert 'name="csrfmiddlewaretoken"' in page
    assert "<title>Sign in · digiteam</title>" in page
    assert "error-summary" not in page


def test_signing_in_leads_to_the_page_asked_for() -> None:
    make_user(username="amina", password=PASSWORD, first_name="Amina", last_name="Haroun")
    client = Client()
    response = client.post(LOGIN, {"username": "amina", "password": PASSWORD, "next": "/org/"})
    assert response.status_code == 302 and response["Location"] == "/org/"
    header = client.get("/taxonomy/").content.decode()
    assert "Signed in as Amina Haroun" in header
    assert f'<form class="account" action="{LOGOUT}" method="post">' in header


def test_signing_in_without_next_goes_home_and_never_off_site() -> None:
    make_user(username="amina", password=PASSWORD)
    response = Client().post(LOGIN, {"username": "amina", "password": PASSWORD})
    assert response["Location"] == "/"
    evil = {"username": "amina", "password": PASSWORD, "next": "https://evil.example/"}
    assert Client().post(LOGIN, evil)["Location"] == "/"


def test_a_wrong_password_shows_an_error_summary() -> None:
    make_user(username="amina", password=PASSWORD)
    response = Client().post(LOGIN, {"username": "amina", "password": "nope"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Sign in · digiteam</title>" in page
    assert 'role="alert"' in page and "There is a problem" in page
    assert 'href="#id_username">Please enter a correct username and password.' in page
    assert 'value="amina"' in page and 'aria-invalid="true"' in page
    assert PASSWORD not in page and 'value="nope"' not in page


def test_the_header_offers_to_sign_in_when_signed_out() -> None:
    page = Client().get("/taxonomy/?q=data").content.decode()
    assert f'<a class="account" href="{LOGIN}?next=/taxonomy/%3Fq%3Ddata">Sign in</a>' in page


def test_signing_in_needs_the_csrf_token() -> None:
    make_user(username="amina", password=PASSWORD)
    client = Client(enforce_csrf_checks=True)
    assert client.post(LOGIN, {"username": "amina", "password": PASSWORD}).status_code == 403
    token = _csrf(client)
    response = client.post(
        LOGIN, {"username": "amina", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_signing_out_is_a_post_with_the_csrf_token() -> None:
    user = make_user(username="amina")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get(LOGOUT).status_code == 405
    assert client.post(LOGOUT).status_code == 403
    assert "_auth_user_id" in client.session
    token = _csrf(client, "/taxonomy/")
    response = client.post(LOGOUT, {"csrfmiddlewaretoken": token})
    assert response.status_code == 200 and "You have signed out" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_passwords_are_stored_as_argon2_hashes() -> None:
    user = make_user(username="amina", password=PASSWORD)
    assert user.password.startswith("argon2$argon2id$")
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_an_older_hash_is_upgraded_to_argon2_at_sign_in() -> None:
    user = make_user(username="amina")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    assert Client().post(LOGIN, {"username": "amina", "password": PASSWORD}).status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


def test_sessions_last_eight_hours_at_most_and_end_with_the_browser() -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_HTTPONLY is True
    make_user(username="amina", password=PASSWORD)
    client = Client()
    response = client.post(LOGIN, {"username": "amina", "password": PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == "", "a browser-session cookie"
    assert client.session.get_expire_at_browser_close()
    stored = client.session  # the server forgets it after eight hours whatever the browser does
    assert stored.get_expiry_age() == 8 * 3600


def test_the_sign_in_page_speaks_french_and_arabic() -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get(LOGIN).content.decode()
    assert "<h1>Se connecter</h1>" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get(LOGIN).content.decode()
    assert 'dir="rtl"' in page and "Sign in" not in page


def test_the_user_model_is_django_s() -> None:
    assert get_user_model()._meta.label == "auth.User"
