"""Playwright driving Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="package", autouse=True)
def async_unsafe_allowed() -> Iterator[None]:
    """Playwright's sync API runs an event loop; the ORM refuses to run inside one otherwise.

    Allowed for the browser tests only, and taken back after them: a test that runs a command
    with the environment (the deployment checks) must not inherit it.
    """
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="package")
def browser(async_unsafe_allowed: None) -> Iterator[Any]:
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(executable).exists():
        pytest.skip(f"Chromium not found at {executable} (set CHROMIUM_PATH; .ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def sign_in(context: Any, live_server: Any, user: Any = None) -> None:
    """Sign a browser context in as ``user`` (a new administrator by default), by session cookie.

    ``force_login`` makes the session: django-axes refuses ``Client.login``, which authenticates
    without a request. Signing in through the form is tested in test_accounts.py.
    """
    from django.conf import settings
    from django.test import Client

    from tests.factories import make_user

    client = Client()
    client.force_login(user or make_user(is_staff=True, is_superuser=True))
    cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
        "httpOnly": True,
        "sameSite": "Lax",
    }
    context.add_cookies([cookie])


def signed_in_context(browser: Any, live_server: Any, **options: Any) -> Any:
    """A new browser context (``options`` as Playwright's) signed in as an administrator."""
    context = browser.new_context(**options)
    sign_in(context, live_server)
    return context


@pytest.fixture
def page(browser: Any, live_server: Any, transactional_db: None) -> Iterator[Any]:
    """A page signed in as an administrator: every page but the public ones needs sign-in."""
    context = signed_in_context(browser, live_server, viewport={"width": 1280, "height": 900})
    yield from _watched_page(context)


@pytest.fixture
def anonymous_page(browser: Any) -> Iterator[Any]:
    """A page nobody signed in to."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield from _watched_page(context)


def _watched_page(context: Any) -> Iterator[Any]:
    """A page of ``context`` that must not reach outside the server; the context closes after."""
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url) if not r.url.startswith(("http://localhost", "data:")) else None
        ),
    )
    yield page
    context.close()
    assert not outside, f"requests left the server's origin: {outside}"


def screenshot(page: Any, name: str) -> None:
    """Written for review, never committed."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def axe_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
        for v in result.response["violations"]
    ]
