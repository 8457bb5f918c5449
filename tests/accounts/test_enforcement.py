"""Sign-in enforced (LoginRequiredMiddleware, turned on here with override_settings): who gets what.

Until the middleware is in settings.MIDDLEWARE, visitors who are not signed in see the
organisation pages as before; signed-in users are held to their memberships either way.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client, override_settings

from digiteam.accounts.guards import LOGIN_REQUIRED, login_enforced, with_login_required
from tests.accounts.conftest import Tree
from tests.factories import make_role
from tests.web.conftest import EditorClient, ViewerClient

pytestmark = pytest.mark.django_db

ORG_PAGES = [
    "/",
    "/org/",
    "/org/testland/",
    "/org/testland/?q=ministry",
    "/org/testland/units/a/",
    "/org/testland/units/a/children/",
    "/org/testland/positions/dev-a1/",
    "/org/testland/checks/",
    "/org/testland/dashboard/",
]


@pytest.fixture
def enforced() -> Iterator[None]:
    with override_settings(MIDDLEWARE=with_login_required(settings.MIDDLEWARE)):
        assert login_enforced()
        yield


def test_enforcement_is_one_line_after_authentication() -> None:
    assert not login_enforced(), "turned on when every page and test is ready for it"
    middleware = with_login_required(settings.MIDDLEWARE)
    at = middleware.index(LOGIN_REQUIRED)
    assert middleware[at - 1] == "django.contrib.auth.middleware.AuthenticationMiddleware"
    assert [m for m in middleware if m != LOGIN_REQUIRED] == settings.MIDDLEWARE


@pytest.mark.parametrize("url", ORG_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(tree: Tree, enforced: None, url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 302, url
    assert response["Location"].startswith("/accounts/login/?next=/"), url


def test_the_admin_sends_anonymous_visitors_to_its_own_sign_in(tree: Tree, enforced: None) -> None:
    """The admin's sign-in form is protected by the same lockout (the backend does it)."""
    assert Client().get("/admin/")["Location"] == "/admin/login/?next=/admin/"


def test_public_pages_stay_public(tree: Tree, enforced: None) -> None:
    make_role(slug="developer")
    client = Client()
    for url in ["/taxonomy/", "/taxonomy/developer/", "/templates/", "/accounts/login/"]:
        assert client.get(url).status_code == 200, url
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/taxonomy/"})
    assert response.status_code == 302 and response["Location"] == "/taxonomy/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert client.get("/static/digiteam/site.css").status_code != 302, "static is never gated"


def test_signing_in_returns_to_the_page_asked_for(tree: Tree, enforced: None) -> None:
    from tests.factories import make_user

    make_user(username="amina", password="correct horse battery staple", is_superuser=True)
    client = Client()
    login_url = client.get("/org/testland/units/a/")["Location"]
    response = client.post(
        login_url,
        {
            "username": "amina",
            "password": "correct horse battery staple",
            "next": "/org/testland/units/a/",
        },
    )
    assert response["Location"] == "/org/testland/units/a/"
    assert client.get("/org/testland/units/a/").status_code == 200


@pytest.mark.parametrize("url", [*ORG_PAGES[1:], "/admin/"])
def test_an_administrator_opens_everything(
    tree: Tree, enforced: None, admin_client: Client, url: str
) -> None:
    assert admin_client.get(url).status_code == 200, url


def test_a_viewer_scoped_to_a_cannot_open_b(
    tree: Tree, enforced: None, viewer_client: ViewerClient
) -> None:
    client = viewer_client(tree.government, units=[tree.a])
    assert client.get("/org/testland/units/a/").status_code == 200
    assert client.get("/org/testland/units/a1/").status_code == 200
    assert client.get("/org/testland/units/a/children/").status_code == 200
    assert client.get("/org/testland/positions/dev-a1/").status_code == 200
    assert client.get("/org/testland/units/b/").status_code == 403
    assert client.get("/org/testland/units/b1/children/").status_code == 403
    assert client.get("/org/testland/positions/dev-b1/").status_code == 403
    assert client.get("/org/testland/").status_code == 403, "the whole tree is not theirs"
    assert client.get("/org/otherland/").status_code == 404, "nor is another government"
    assert client.get("/org/otherland/units/o/").status_code == 404


def test_the_list_of_governments_shows_only_what_is_yours(
    tree: Tree, enforced: None, viewer_client: ViewerClient
) -> None:
    page = viewer_client(tree.government, units=[tree.a]).get("/org/").content.decode()
    assert '<a href="/org/testland/units/a/">Ministry A</a>' in page
    assert 'href="/org/testland/"' not in page, "the tree is not theirs: no link to it"
    assert "Otherland" not in page
    whole = viewer_client(tree.government).get("/org/").content.decode()
    assert '<a href="/org/testland/">Testland</a>' in whole and "Otherland" not in whole


def test_a_whole_government_viewer_opens_its_tree_only(
    tree: Tree, enforced: None, viewer_client: ViewerClient
) -> None:
    client = viewer_client(tree.government)
    for url in ["/org/testland/", "/org/testland/units/b1/", "/org/testland/positions/dev-b1/"]:
        assert client.get(url).status_code == 200, url
    assert client.get("/org/otherland/").status_code == 404


def test_an_editor_is_also_a_reader_of_their_subtree(
    tree: Tree, enforced: None, editor_client: EditorClient
) -> None:
    client = editor_client(tree.a)
    assert client.get("/org/testland/units/a1/").status_code == 200
    assert client.get("/org/testland/units/b/").status_code == 403


def test_without_enforcement_signed_in_users_are_still_held_to_their_scope(
    tree: Tree, viewer_client: ViewerClient
) -> None:
    client = viewer_client(tree.government, units=[tree.a])
    assert client.get("/org/testland/units/a/").status_code == 200
    assert client.get("/org/testland/units/b/").status_code == 403
    assert Client().get("/org/testland/units/b/").status_code == 200, "open until enforced"


def test_the_refusal_page_explains_itself(
    tree: Tree, enforced: None, viewer_client: ViewerClient
) -> None:
    page = viewer_client(tree.government, units=[tree.a]).get("/org/testland/units/b/")
    text = page.content.decode()
    assert "You do not have access to this page" in text
    assert "ask an administrator to extend your access" in text
