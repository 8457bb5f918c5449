"""Sign-in and scope, beyond the permission matrix.

Who may open each route (anonymous, viewer, editors in and out of scope, administrator) is
declared once, in the permission matrix (tests/security/test_permission_matrix.py), which also
checks that the routes marked public are exactly those it declares public: a new route is
declared there, and only there. This file keeps what the matrix does not show: where sign-in is
enforced, another government's pages, members scoped to a unit or to nothing, the personal-data
permission, the pages that name nobody, and what the refusals say.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from digiteam.accounts.guards import LOGIN_REQUIRED, login_enforced
from tests.accounts.conftest import Tree
from tests.factories import make_person, make_position, make_user
from tests.security.test_permission_matrix import ROUTES, WEB
from tests.web.conftest import EditorClient, ViewerClient

pytestmark = pytest.mark.django_db


# Pages of Testland: without the sign-in middleware, the guards still refuse a visitor.
ORG_PAGES = [
    "/org/testland/",
    "/org/testland/?q=ministry",
    "/org/testland/units/a/",
    "/org/testland/units/a/children/",
    "/org/testland/positions/dev-a1/",
    "/org/testland/checks/",
    "/org/testland/dashboard/",
]
# Values for the routes' arguments: Testland's ministry A, its position, a role, a row's id.
ARGUMENTS = {
    "gov": "testland",
    "code": "a",
    "slug": "developer",
    "pk": "1",
    "id": "1",
    "model": "unit",  # an object's history: the unit's
}
POSITION_ARGUMENTS = {"gov": "testland", "code": "dev-a1"}
PERSON_ARGUMENTS = {"gov": "testland", "code": "amina"}


def _url(name: str, **arguments: str) -> str:
    pattern = ROUTES[name].pattern
    wanted = pattern.regex.groupindex  # the route's named arguments
    given = {
        **ARGUMENTS,
        **(POSITION_ARGUMENTS if "position" in name else {}),
        **(PERSON_ARGUMENTS if "person" in name else {}),
        **arguments,
    }
    return reverse(name, kwargs={k: given[k] for k in wanted})


def test_sign_in_is_enforced_right_after_authentication() -> None:
    assert login_enforced()
    at = settings.MIDDLEWARE.index(LOGIN_REQUIRED)
    assert settings.MIDDLEWARE[at - 1] == "django.contrib.auth.middleware.AuthenticationMiddleware"


GOVERNMENT_ROUTES = sorted(n for n, p in ROUTES.items() if "gov" in p.pattern.regex.groupindex)
# Pages that change something: the matrix refuses them to a viewer (403).
EDITING_ROUTES = {n for n, r in WEB.items() if r.access.outcomes[1] == 403}
# Pages that name people: closed (403) to whoever lacks the personal-data permission.
PEOPLE_ROUTES = {n for n in WEB if n.startswith(("web:org-people", "web:org-person"))}
# Routes that take a POST only (a form posted from another page): a user allowed in gets the
# empty form back with its errors (400), one refused gets 403 or 404 as on any page.
POST_ONLY = {n for n, r in WEB.items() if r.method == "POST"}


def _open(client: Client, name: str, url: str) -> int:
    """The status of opening ``url``; a POST-only route's 400 counts as opened (200)."""
    if name in POST_ONLY:
        status = client.post(url).status_code
        return 200 if status == 400 else status
    return client.get(url).status_code


@pytest.mark.parametrize("name", GOVERNMENT_ROUTES)
def test_a_viewer_of_one_government_finds_nothing_of_another(
    tree: Tree,
    viewer_client: ViewerClient,
    editor_client: EditorClient,
    admin_client: Client,
    name: str,
) -> None:
    make_position(unit=tree.other_unit, code="dev-o", status="filled")
    make_person(government=tree.other, code="someone-o")
    code = "dev-o" if "position" in name else "someone-o" if "person" in name else "o"
    url = _url(name, gov="otherland", code=code)
    assert _open(admin_client, name, url) == 200, url
    client = viewer_client(tree.government, can_see_personal_data=True)
    assert _open(client, name, url) == 404, url
    if name in EDITING_ROUTES:
        assert _open(client, name, _url(name)) == 403, "a viewer does not edit"
        client = editor_client(tree.government, can_see_personal_data=True)
        assert _open(client, name, url) == 404, url
    assert _open(client, name, _url(name)) == 200, "their own government opens"


@pytest.mark.parametrize("name", sorted(PEOPLE_ROUTES))
def test_people_pages_need_the_personal_data_permission(
    tree: Tree, viewer_client: ViewerClient, editor_client: EditorClient, name: str
) -> None:
    for client in (viewer_client(tree.government), editor_client(tree.government)):
        response = client.get(_url(name))
        assert response.status_code == 403, name
        assert "Amina" not in response.content.decode()


@pytest.mark.parametrize("name", ["web:org-checks", "web:org-dashboard"])
def test_government_wide_figures_name_nobody(
    tree: Tree, viewer_client: ViewerClient, admin_client: Client, name: str
) -> None:
    for client in (viewer_client(tree.government), admin_client):
        page = client.get(_url(name)).content.decode()
        assert "Amina Haroun" not in page and "Omar Said" not in page


def test_a_signed_in_user_without_membership_sees_no_government(tree: Tree) -> None:
    client = Client()
    client.force_login(make_user())
    assert "Testland" not in client.get("/org/").content.decode()
    assert client.get("/org/testland/").status_code == 404
    assert client.get("/").headers["Location"] == "/org/"


def _without_login_required() -> override_settings:
    return override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != LOGIN_REQUIRED])


def test_the_admin_sends_anonymous_visitors_to_its_own_sign_in(tree: Tree) -> None:
    """The admin's sign-in form is protected by the same lockout (the backend does it)."""
    assert Client().get("/admin/")["Location"] == "/admin/login/?next=/admin/"


def test_public_pages_stay_public(tree: Tree) -> None:
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/taxonomy/"})
    assert response.status_code == 302 and response["Location"] == "/taxonomy/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert client.get("/static/digiteam/site.css").status_code != 302, "static is never gated"


def test_signing_in_returns_to_the_page_asked_for(tree: Tree) -> None:
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


def test_a_viewer_scoped_to_a_cannot_open_b(tree: Tree, viewer_client: ViewerClient) -> None:
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
    tree: Tree, viewer_client: ViewerClient
) -> None:
    page = viewer_client(tree.government, units=[tree.a]).get("/org/").content.decode()
    assert '<a href="/org/testland/units/a/">Ministry A</a>' in page
    assert 'href="/org/testland/"' not in page, "the tree is not theirs: no link to it"
    assert "Otherland" not in page
    whole = viewer_client(tree.government).get("/org/").content.decode()
    assert '<a href="/org/testland/">Testland</a>' in whole and "Otherland" not in whole


def test_without_the_middleware_the_guards_still_refuse_visitors(
    tree: Tree, viewer_client: ViewerClient
) -> None:
    with _without_login_required():
        assert not login_enforced()
        client = viewer_client(tree.government, units=[tree.a])
        assert client.get("/org/testland/units/a/").status_code == 200
        assert client.get("/org/testland/units/b/").status_code == 403
        for url in ORG_PAGES:
            assert Client().get(url).status_code == 404, url
        assert "Testland" not in Client().get("/org/").content.decode()


def test_the_refusal_page_explains_itself(tree: Tree, viewer_client: ViewerClient) -> None:
    page = viewer_client(tree.government, units=[tree.a]).get("/org/testland/units/b/")
    text = page.content.decode()
    assert "You do not have access to this page" in text
    assert "ask an administrator to extend your access" in text
