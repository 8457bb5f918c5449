"""The description at /api/v1/openapi.json documents every answer; the docs page is ours only."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db

# What any operation can answer, by method (docs/api.md, "Status codes").
ALWAYS = {"401", "500"}
BY_METHOD = {
    "get": {"200", "404", "422"},
    "post": {"400", "403", "404", "409", "422"},
    "put": {"200", "400", "403", "404", "409", "412", "422", "428"},
    "patch": {"200", "400", "403", "404", "409", "412", "422", "428"},
    "delete": {"204", "400", "403", "404", "409", "412", "428"},
}


def _schema() -> dict:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_every_operation_documents_every_status_it_can_answer() -> None:
    schema = _schema()
    operations = [(p, m, o) for p, ops in schema["paths"].items() for m, o in ops.items()]
    assert len(operations) >= 10
    for path, method, operation in operations:
        codes = set(operation["responses"])
        missing = (ALWAYS | BY_METHOD[method]) - codes
        assert not missing, f"{method.upper()} {path} does not document {missing}"
        for code, answer in operation["responses"].items():
            if int(code) >= 400:
                assert list(answer["content"]) == ["application/problem+json"], (path, code)
        if method in {"put", "patch", "delete"}:
            names = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
            assert "If-Match" in names, f"{method.upper()} {path} documents If-Match"


def test_both_ways_to_authenticate_are_described() -> None:
    schemes = _schema()["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("src", "href"):
            if found.get(name) and tag in {"script", "link", "img", "iframe"}:
                self.urls.append(found[name] or "")
        if tag == "script" and "src" not in found and found.get("type") != "application/json":
            self.inline_scripts += 1


def test_the_docs_page_loads_nothing_from_another_origin() -> None:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assets = _Assets()
    assets.feed(page)
    assert len(assets.urls) >= 3, "the page's scripts and styles were found"
    for url in assets.urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, f"{url} comes from another origin"
        assert url.startswith(settings.STATIC_URL), url
        assert finders.find(url.removeprefix(settings.STATIC_URL)), f"{url} is a file of this site"
    assert assets.inline_scripts == 0, "no inline script (the Content-Security-Policy)"
    assert '"validatorUrl": null' in page, "no validity badge fetched from swagger.io"
