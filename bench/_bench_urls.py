"""The application's routes plus two bare endpoints, the floors of the page and API benchmarks.

Used only by the benchmarks (``_bench_settings`` or ``override_settings(ROOT_URLCONF=...)``):
these routes never ship, ``digiteam.urls`` does not know them.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import engines
from django.urls import path

from digiteam.urls import urlpatterns as application

BARE_HTML = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare</title></head>'
    "<body><main><h1>Bare</h1><p>A page with nothing behind it.</p></main></body></html>"
)


def bare_html(request: HttpRequest) -> HttpResponse:
    """Through the same middleware as every page, signed in, with no query and no template."""
    return HttpResponse(BARE_HTML)


LAYOUT = (
    '{% extends "web/base.html" %}{% block title %}Bare{% endblock %}'
    "{% block content %}<h1>Bare</h1><p>A page with nothing behind it.</p>{% endblock %}"
)


def bare_layout(request: HttpRequest) -> HttpResponse:
    """An empty page in the site's layout (header, navigation, footer): what every page pays."""
    template = engines["django"].from_string(LAYOUT)
    return HttpResponse(template.render({"nav": ""}, request))


@login_not_required
def bare_json(request: HttpRequest) -> JsonResponse:
    """A JSON answer with nothing behind it (no token, no query)."""
    return JsonResponse({"count": 0, "next": None, "previous": None, "results": []})


urlpatterns = [
    path("bench/bare.html", bare_html, name="bench-bare-html"),
    path("bench/bare.json", bare_json, name="bench-bare-json"),
    path("bench/layout.html", bare_layout, name="bench-bare-layout"),
    *application,
]
