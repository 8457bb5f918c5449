"""Sign-in enforced (LoginRequiredMiddleware in settings.MIDDLEWARE): who gets what.

The routes are read from the URL configuration, so a new page is protected by these tests the
day it is added: it needs sign-in unless it is listed in ``PUBLIC``. Who else may open each
route (viewer, editors in and out of scope, administrator) is declared in the permission matrix,
tests/security/test_permission_matrix.py, which a new route must join too.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from digiteam.accounts.guards import LOGIN_REQUIRED, login_enforced
from tests.accounts.conftest import Tree
from tests.factories import make_person, make_position, make_role, make_user
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


# Routes anyone may open: reference data, signing in and out, the language, the probes.
PUBLIC = {
    "web:taxonomy",
    "web:role",
    "web:templates",
    "web:check-rules",
    "web:login",
    "web:logout",
    "set_language",
    "healthz",
    "readyz",
}
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


def _routes(
    patterns: list[URLPattern | URLResolver] | None = None, namespace: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    """Every named route of the project and the web pages ("web:org"), with its pattern.

    The admin's routes are its own (it sends visitors to its own sign-in page): only its index
    is listed, as "admin:index".
    """
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                yield from (
                    ("admin:index", p)
                    for p in entry.url_patterns
                    if isinstance(p, URLPattern) and p.name == "index"
                )
            else:
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from _routes(entry.url_patterns, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry
        else:  # an unnamed route would escape these tests
            raise AssertionError(f"name the route {namespace}{entry.pattern}")


# The API (/api/v1/, namespace "api-1") authenticates its callers itself: an anonymous call gets
# a 401 problem, never a redirect to the sign-in page; its description and docs are public.
API_ROUTES = dict(_routes())
ROUTES = {name: p for name, p in API_ROUTES.items() if not name.startswith("api-1:")}
API_ROUTES = {name: p for name, p in API_ROUTES.items() if name.startswith("api-1:")}
API_PUBLIC = {"api-1:openapi-json": 200, "api-1:openapi-view": 200, "api-1:api-root": 404}
PROTECTED = sorted(set(ROUTES) - PUBLIC)


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


def test_the_public_routes_are_exactly_those_marked_public() -> None:
    assert set(ROUTES) >= PUBLIC, "a public route was renamed or removed"
    marked = {name for name, p in ROUTES.items() if not getattr(p.callback, "login_required", True)}
    assert marked == PUBLIC, "mark a view login_not_required only with a reason, and list it"
    assert len(PROTECTED) >= 11, "the configuration was read"


@pytest.mark.parametrize("name", PROTECTED)
def test_anonymous_visitors_are_sent_to_sign_in_from_every_protected_route(
    tree: Tree, name: str
) -> None:
    url = _url(name)
    response = Client().get(url)
    assert response.status_code == 302, url
    login = "/admin/login/" if name.startswith("admin:") else "/accounts/login/"
    assert response["Location"] == f"{login}?next={url}", url


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_every_public_route_opens_without_signing_in(tree: Tree, name: str) -> None:
    client = Client()
    if name == "web:logout":  # a POST only
        assert client.post(_url(name)).status_code == 200
    elif name == "set_language":  # a POST that goes back to the page it came from
        response = client.post(_url(name), {"language": "fr", "next": "/taxonomy/"})
        assert response.status_code == 302 and response["Location"] == "/taxonomy/"
    else:
        assert client.get(_url(name)).status_code == 200, name


GOVERNMENT_ROUTES = sorted(n for n, p in ROUTES.items() if "gov" in p.pattern.regex.groupindex)
# Pages that change a position: a viewer is refused (403), an editor of the whole government
# who may see people opens them.
EDITING_ROUTES = {
    "web:org-position-new",
    "web:org-position-edit",
    "web:org-position-retire",
    "web:org-position-assign",
    "web:org-position-release",
    "web:org-positions-bulk",
    "web:org-person-new",
    "web:org-person-edit",
    "web:org-person-delete",
    "web:org-unit-new",
    "web:org-unit-edit",
    "web:org-unit-move",
    "web:org-unit-delete",
}
# Pages that name people: closed (403) to whoever lacks the personal-data permission.
PEOPLE_ROUTES = {
    "web:org-people",
    "web:org-person",
    "web:org-person-new",
    "web:org-person-edit",
    "web:org-person-delete",
}
# Routes that take a POST only (a form posted from another page): a user allowed in gets the
# empty form back with its errors (400), one refused gets 403 or 404 as on any page.
POST_ONLY = {"web:org-positions-bulk"}


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


@pytest.mark.parametrize(
    "name",
    [
        "web:org-government",
        "web:org-checks",
        "web:org-dashboard",
        "web:org-chart",
        "web:org-changes",
        "web:org-changes-csv",
        "web:org-changes-json",
    ],
)
def test_government_wide_pages_need_the_whole_government(
    tree: Tree, viewer_client: ViewerClient, name: str
) -> None:
    client = viewer_client(tree.government, units=[tree.a], can_see_personal_data=True)
    assert client.get(_url(name)).status_code == 403


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


@pytest.mark.parametrize("url", ORG_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(tree: Tree, url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 302, url
    assert response["Location"].startswith("/accounts/login/?next=/"), url


def test_the_admin_sends_anonymous_visitors_to_its_own_sign_in(tree: Tree) -> None:
    """The admin's sign-in form is protected by the same lockout (the backend does it)."""
    assert Client().get("/admin/")["Location"] == "/admin/login/?next=/admin/"


def test_public_pages_stay_public(tree: Tree) -> None:
    make_role(slug="developer")
    client = Client()
    for url in ["/taxonomy/", "/taxonomy/developer/", "/templates/", "/accounts/login/"]:
        assert client.get(url).status_code == 200, url
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/taxonomy/"})
    assert response.status_code == 302 and response["Location"] == "/taxonomy/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert client.get("/static/digiteam/site.css").status_code != 302, "static is never gated"


def test_signing_in_returns_to_the_page_asked_for(tree: Tree) -> None:
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
def test_an_administrator_opens_everything(tree: Tree, admin_client: Client, url: str) -> None:
    assert admin_client.get(url).status_code == 200, url


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


def test_a_whole_government_viewer_opens_its_tree_only(
    tree: Tree, viewer_client: ViewerClient
) -> None:
    client = viewer_client(tree.government)
    for url in ["/org/testland/", "/org/testland/units/b1/", "/org/testland/positions/dev-b1/"]:
        assert client.get(url).status_code == 200, url
    assert client.get("/org/otherland/").status_code == 404


def test_an_editor_is_also_a_reader_of_their_subtree(
    tree: Tree, editor_client: EditorClient
) -> None:
    client = editor_client(tree.a)
    assert client.get("/org/testland/units/a1/").status_code == 200
    assert client.get("/org/testland/units/b/").status_code == 403


def test_without_the_middleware_the_guards_still_refuse_visitors(
    tree: Tree, viewer_client: ViewerClient
) -> None:
    with _without_login_required():
        assert not login_enforced()
        client = viewer_client(tree.government, units=[tree.a])
        assert client.get("/org/testland/units/a/").status_code == 200
        assert client.get("/org/testland/units/b/").status_code == 403
        for url in ORG_PAGES[2:]:
            assert Client().get(url).status_code == 404, url
        assert "Testland" not in Client().get("/org/").content.decode()


def test_the_refusal_page_explains_itself(tree: Tree, viewer_client: ViewerClient) -> None:
    page = viewer_client(tree.government, units=[tree.a]).get("/org/testland/units/b/")
    text = page.content.decode()
    assert "You do not have access to this page" in text
    assert "ask an administrator to extend your access" in text


def _api_url(name: str) -> str:
    wanted = API_ROUTES[name].pattern.regex.groupindex
    return reverse(name, kwargs={k: {**ARGUMENTS, **POSITION_ARGUMENTS}[k] for k in wanted})


def test_the_api_routes_are_left_to_the_api_to_authenticate() -> None:
    assert len(API_ROUTES) >= 8, "the API is mounted"
    assert all(not getattr(p.callback, "login_required", True) for p in API_ROUTES.values())


@pytest.mark.parametrize("name", sorted(API_ROUTES))
def test_anonymous_api_calls_get_a_401_problem_not_a_redirect(tree: Tree, name: str) -> None:
    url = _api_url(name)
    client = Client()
    response = client.get(url)
    if response.status_code == 405:  # an operation of another method only
        response = client.post(url, {}, content_type="application/json")
    if name in API_PUBLIC:
        assert response.status_code == API_PUBLIC[name], url
        return
    assert response.status_code == 401, url
    assert response["Content-Type"].startswith("application/problem+json"), url
