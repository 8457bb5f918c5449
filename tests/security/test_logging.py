"""Logs carry no password, token, name or search: what a failed sign-in, an error and a request
leave behind."""

from __future__ import annotations

import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import path
from django.views.debug import SafeExceptionReporterFilter

from digiteam.cli.server import ACCESS_LOG_FORMAT
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "wrong horse battery staple"
TOKEN = "dgt_s3cr3t-token-value"


@login_not_required
def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("something broke")


urlpatterns = [path("boom/", _boom, name="boom")]


def _written(caplog: pytest.LogCaptureFixture) -> str:
    """What the console handler of settings.LOGGING writes: message and traceback."""
    formatter = logging.Formatter()
    return "\n".join(formatter.format(record) for record in caplog.records)


def test_a_failed_sign_in_logs_neither_the_password_nor_who(
    caplog: pytest.LogCaptureFixture,
) -> None:
    make_user(username="amina.haroun", password="correct horse battery staple")
    caplog.set_level(logging.DEBUG)
    client = Client(REMOTE_ADDR="203.0.113.7")
    response = client.post("/accounts/login/", {"username": "amina.haroun", "password": PASSWORD})
    assert response.status_code == 200
    written = _written(caplog)
    assert "login failure" in written, "the failure itself is logged"
    for secret in [PASSWORD, "amina.haroun", "203.0.113.7"]:
        assert secret not in written, secret
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "amina.haroun", "the admin's list of attempts says who"
    assert PASSWORD not in attempt.post_data and "amina.haroun" not in attempt.post_data


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_an_error_log_has_no_authorization_header_nor_query(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    response = client.get("/boom/?q=Amina+Haroun")
    assert response.status_code == 500
    written = _written(caplog)
    assert "Internal Server Error: /boom/" in written and "something broke" in written
    assert TOKEN not in written
    assert "Amina" not in written


def test_error_reports_mask_credentials() -> None:
    """What an error e-mail or the debug page would show of the request."""
    request = RequestFactory().post(
        "/accounts/login/",
        {"username": "amina", "password": PASSWORD},
        HTTP_AUTHORIZATION=f"Bearer {TOKEN}",
        HTTP_COOKIE="sessionid=abc123",
    )
    meta = SafeExceptionReporterFilter().get_safe_request_meta(request)
    assert TOKEN not in str(meta["HTTP_AUTHORIZATION"])
    assert "abc123" not in str(meta["HTTP_COOKIE"])


def test_the_sign_in_view_hides_the_password_from_error_reports() -> None:
    request = RequestFactory().post("/accounts/login/", {"username": "amina", "password": PASSWORD})
    response = Client().get("/accounts/login/")
    view = response.resolver_match.func
    view(request)  # Django's LoginView marks its POST parameters sensitive
    post = SafeExceptionReporterFilter().get_post_parameters(request)
    assert post["password"] != PASSWORD


def test_the_access_log_has_no_query_string_referrer_or_browser() -> None:
    # gunicorn: %(r)s is the request line with its query, %(q)s the query, %(f)s the referrer,
    # %(a)s the browser, %(u)s the user
    for atom in ["%(r)s", "%(q)s", "%(f)s", "%(a)s", "%(u)s"]:
        assert atom not in ACCESS_LOG_FORMAT
    assert "%(U)s" in ACCESS_LOG_FORMAT, "the path, without its query"


def test_a_token_secret_stays_out_of_error_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    """An error while a token is checked: the report's frames show the secret masked."""
    import sys

    from django.views.debug import ExceptionReporter

    from digiteam.accounts import services

    def broken(secret: str) -> str:
        raise RuntimeError("hashing failed")

    monkeypatch.setattr(services, "api_token_hash", broken)
    request = RequestFactory().get("/api/v1/governments", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    try:
        services.api_token_use(secret=TOKEN)
    except RuntimeError:
        frames = ExceptionReporter(request, *sys.exc_info()).get_traceback_data()["frames"]
    ours = [f for f in frames if f["function"] != "broken"]  # the test's own frame aside
    assert "api_token_use" in [f["function"] for f in ours]
    shown = repr([f["vars"] for f in ours])
    assert "secret" in shown and TOKEN not in shown
