"""Every response carries the security headers; HTTPS turns on redirect, HSTS, Secure cookies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.factories import make_user

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
TEMPLATES = sorted((Path(settings.PACKAGE_DIR)).rglob("templates/**/*.html"))


def _policy(header: str) -> dict[str, str]:
    directives = (d.strip().split(" ", 1) for d in header.split(";"))
    return {name: " ".join(sorted(sources.split())) for name, sources in directives}


@pytest.mark.parametrize("url", ["/accounts/login/", "/taxonomy/", "/org/", "/healthz"])
def test_every_response_carries_the_headers(url: str) -> None:
    response = Client().get(url)
    assert _policy(response["Content-Security-Policy"]) == STRICT
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_the_api_pages_may_also_show_data_images_and_nothing_more() -> None:
    response = Client().get("/api/v1/docs")
    assert _policy(response["Content-Security-Policy"]) == {**STRICT, "img-src": "'self' data:"}


def test_over_plain_http_nothing_asks_for_https() -> None:
    response = Client().get("/accounts/login/")
    assert "Strict-Transport-Security" not in response
    assert not response.cookies[settings.CSRF_COOKIE_NAME]["secure"]


HTTPS = override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_REDIRECT_EXEMPT=[r"^healthz$", r"^readyz$"],
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
    DIGITEAM_PROXY_COUNT=1,
)


@HTTPS
def test_behind_a_tls_proxy_plain_http_is_sent_to_https_but_the_probes_are_not() -> None:
    response = Client().get("/taxonomy/?q=dev", HTTP_HOST="localhost")
    assert response.status_code == 301
    assert response["Location"] == "https://localhost/taxonomy/?q=dev"
    assert Client().get("/healthz").status_code == 200


@HTTPS
def test_behind_a_tls_proxy_browsers_are_told_to_keep_to_https_and_cookies_are_secure() -> None:
    make_user(username="amina", password="correct horse battery staple")
    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="203.0.113.7")
    page = client.get("/accounts/login/")
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert page.cookies[settings.CSRF_COOKIE_NAME]["secure"]
    signed_in = client.post(
        "/accounts/login/", {"username": "amina", "password": "correct horse battery staple"}
    )
    assert signed_in.status_code == 302
    session = signed_in.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


INLINE = {
    "a style attribute": re.compile(r"\sstyle\s*="),
    "a <style> element": re.compile(r"<style[\s>]"),
    "an inline script": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>"),
    "an event handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"']"),
    "a javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "an htmx handler (run with eval, which the policy refuses)": re.compile(r"\shx-on"),
}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_no_template_has_what_the_policy_would_block(template: Path) -> None:
    text = template.read_text()
    for what, pattern in INLINE.items():
        assert not pattern.search(text), f"{template.name} has {what}: use a class or a file"
