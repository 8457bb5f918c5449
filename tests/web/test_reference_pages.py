"""The taxonomy and template pages, in English and French."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from digiteam.reference import reference_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(fixture_reference: Path) -> None:
    reference_load(fixture_reference)


def _french(client: Client) -> Client:
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    return client


def test_taxonomy_lists_categories_and_roles(client: Client, loaded: None) -> None:
    page = client.get("/taxonomy/").content.decode()
    assert '<h2 id="cat-bridge">Bridge</h2>' in page
    assert 'href="/taxonomy/captain/"' in page and "ISCO-08 3152" in page
    assert "2 roles" in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("skipper", "Captain", "Deckhand"),
        ("matelot", "Deckhand", "Captain"),
        ("3152", "Captain", "Deckhand"),
    ],
)
def test_search_matches_aliases_french_titles_and_codes(
    client: Client, loaded: None, query: str, shown: str, hidden: str
) -> None:
    page = client.get("/taxonomy/", {"q": query}).content.decode()
    assert shown in page and hidden not in page and "1 role" in page


def test_search_by_category_and_no_match(client: Client, loaded: None) -> None:
    page = client.get("/taxonomy/", {"category": "crew"}).content.decode()
    assert "Deckhand" in page and 'href="/taxonomy/captain/"' not in page
    page = client.get("/taxonomy/", {"q": "astronaut"}).content.decode()
    assert "No role matches your search." in page


def test_htmx_search_returns_only_the_results(client: Client, loaded: None) -> None:
    page = client.get("/taxonomy/", {"q": "skipper"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in page and "Captain" in page


def test_role_page_shows_facts_and_where_templates_use_it(client: Client, loaded: None) -> None:
    page = client.get("/taxonomy/captain/").content.decode()
    assert "<h1>Captain</h1>" in page
    assert "Skipper" in page and "3152" in page
    assert "Ship crew" in page and "1 at government level" in page
    assert "1 in each ministry" in page


def test_unknown_role_is_404(client: Client, loaded: None) -> None:
    assert client.get("/taxonomy/nobody/").status_code == 404


def test_templates_page_is_a_function_by_role_table(client: Client, loaded: None) -> None:
    page = client.get("/templates/").content.decode()
    assert '<h2 id="ship">Ship crew</h2>' in page
    assert 'rowspan="1">Command' in page
    assert "4 for every 1 Captain (at most 40)" in page
    assert "Internal, Contract" in page


def test_pages_in_french(client: Client, loaded: None) -> None:
    _french(client)
    page = client.get("/taxonomy/captain/").content.decode()
    assert '<html lang="fr" dir="ltr">' in page
    assert "<h1>Capitaine</h1>" in page and "Commande le navire" in page
    page = client.get("/templates/").content.decode()
    assert "Équipage de navire" in page and "Commandement" in page


def test_pages_in_arabic_are_right_to_left(client: Client, loaded: None) -> None:
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    page = client.get("/taxonomy/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    translation.activate("en")


def test_home_without_a_government_leads_to_the_organisation_list(admin_client: Client) -> None:
    response = admin_client.get("/")
    assert response.status_code == 302 and response["Location"] == "/org/"
