"""The permission matrix: every route by {anonymous, viewer, editor in scope, editor out of
scope, administrator}, with the exact outcome of each cell.

Routes are read from the URL configuration; each must be declared in ``WEB`` (web pages, by
route name) or ``API`` (API operations, by method and path from the OpenAPI document) with its
access class, so a new route fails these tests until someone decides who may open it.

The people, in Testland (tests/accounts/conftest.py: ministries A and B under one root):

- a *viewer* of the whole of Testland;
- an *editor in scope*: editor of ministry A, whose pages the URLs name (unit ``a``, position
  ``dev-a1``);
- an *editor out of scope*: editor of ministry B, asking for the same pages of A;
- an *administrator*.

The viewer and the editors may see personal data: that permission has its own tests
(tests/accounts/test_personal_data.py). Access to another government (404) is in
tests/accounts/test_enforcement.py.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from digiteam.organisation.models import Person
from tests.accounts.conftest import Tree
from tests.factories import (
    make_category,
    make_person,
    make_position,
    make_role,
    make_service,
    make_template,
    make_unit,
    make_user,
    make_vendor,
)
from tests.web.conftest import EditorClient, ViewerClient

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "viewer", "editor in scope", "editor out of scope", "administrator")
SIGN_IN = "sign in"  # a redirect to the sign-in page, which comes back to the page afterwards
ADMIN = "admin sign in"  # a redirect to the admin's own sign-in page
MOVED = "redirect"  # a redirect somewhere else than a sign-in page


@dataclass(frozen=True)
class Access:
    """An access class: the outcome for each role, in the order of ``ROLES``."""

    name: str
    outcomes: tuple[str | int, str | int, str | int, str | int, str | int]


# fmt: off
#                 access class                   anonymous  viewer  editor in  editor out  admin
PUBLIC =          Access("public",              (200,       200,    200,       200,        200))
NOTHING =         Access("nothing there",       (404,       404,    404,       404,        404))
PUBLIC_REDIRECT = Access("public, redirect",    (MOVED,     MOVED,  MOVED,     MOVED,      MOVED))
SIGNED_IN =       Access("signed in",           (SIGN_IN,   200,    200,       200,        200))
HOME =            Access("signed in, redirect", (SIGN_IN,   MOVED,  MOVED,     MOVED,      MOVED))
OWN_ONLY =        Access("one's own",           (SIGN_IN,   404,    404,       404,        404))
MEMBER =          Access("member, own part",    (SIGN_IN,   200,    200,       200,        200))
GOVERNMENT_READ = Access("government read",     (SIGN_IN,   200,    403,       403,        200))
UNIT_READ =       Access("unit read",           (SIGN_IN,   200,    200,       403,        200))
UNIT_EDIT =       Access("unit edit",           (SIGN_IN,   403,    200,       403,        200))
EDITOR =          Access("an editor in it",     (SIGN_IN,   403,    200,       200,        200))
UNIT_CHANGE =     Access("unit edit, done",     (SIGN_IN,   403,    MOVED,     403,        MOVED))
ADMIN_ONLY =      Access("admin only",          (ADMIN,     ADMIN,  ADMIN,     ADMIN,      200))
# fmt: on


@dataclass(frozen=True)
class Route:
    access: Access
    method: str = "GET"
    data: dict[str, str] | None = None


# Every web route, by name: who may open it. A POST-only route is tried with a POST.
WEB: dict[str, Route] = {
    # reference pages and the ways in and out
    "web:taxonomy": Route(PUBLIC),
    "web:role": Route(PUBLIC),
    "web:templates": Route(PUBLIC),
    "web:check-rules": Route(PUBLIC),
    "web:login": Route(PUBLIC),
    "web:logout": Route(PUBLIC, "POST"),
    "set_language": Route(PUBLIC_REDIRECT, "POST", {"language": "en", "next": "/taxonomy/"}),
    "healthz": Route(PUBLIC),
    "readyz": Route(PUBLIC),
    # the way to one's governments
    "web:home": Route(HOME),
    "web:org": Route(SIGNED_IN),
    # one's own API tokens: another's (here, nobody's) is not found
    "web:tokens": Route(SIGNED_IN),
    "web:token-revoke": Route(OWN_ONLY),
    # government-wide pages need the whole government
    "web:org-government": Route(GOVERNMENT_READ),
    "web:org-dashboard": Route(GOVERNMENT_READ),
    "web:org-checks": Route(GOVERNMENT_READ),
    "web:org-chart": Route(GOVERNMENT_READ),
    "web:org-files": Route(GOVERNMENT_READ),
    "web:org-file-yaml": Route(GOVERNMENT_READ),
    "web:org-file-json": Route(GOVERNMENT_READ),
    "web:org-positions-csv": Route(GOVERNMENT_READ),
    "web:org-gitbook-zip": Route(GOVERNMENT_READ),
    "web:org-changes": Route(GOVERNMENT_READ),
    "web:org-changes-csv": Route(GOVERNMENT_READ),
    "web:org-changes-json": Route(GOVERNMENT_READ),
    # the positions list shows a member the positions of their scope, whatever is asked for
    # (test_the_positions_list_shows_only_the_scope)
    "web:org-positions": Route(MEMBER),
    # pages of a unit and what is in it
    "web:org-sizing": Route(UNIT_READ),
    "web:org-unit": Route(UNIT_READ),
    "web:org-unit-children": Route(UNIT_READ),
    "web:org-unit-chart": Route(UNIT_READ),
    "web:org-position": Route(UNIT_READ),
    "web:org-history": Route(UNIT_READ),  # of unit A: an object's history needs its page's access
    # changes to a unit
    "web:org-unit-new": Route(UNIT_EDIT),
    "web:org-unit-edit": Route(UNIT_EDIT),
    "web:org-unit-move": Route(UNIT_EDIT),
    "web:org-unit-delete": Route(UNIT_EDIT),
    # changes to a unit's positions
    "web:org-position-new": Route(UNIT_EDIT),
    "web:org-position-edit": Route(UNIT_EDIT),
    "web:org-position-retire": Route(UNIT_EDIT),
    "web:org-position-assign": Route(UNIT_EDIT),
    "web:org-position-release": Route(UNIT_EDIT),
    "web:org-positions-bulk": Route(
        UNIT_CHANGE, "POST", {"selected": "dev-a1", "sourcing": "contract"}
    ),
    # people: a register of the government's people, open to its members who may see personal
    # data (every role here may), with only the assignments of their scope; a person is an
    # editor's to change when every position they held is in the editor's scope
    "web:org-people": Route(MEMBER),
    "web:org-person": Route(MEMBER),
    "web:org-person-new": Route(EDITOR),
    "web:org-person-edit": Route(UNIT_EDIT),
    "web:org-person-delete": Route(UNIT_EDIT),
    # the API's description and its docs page; the API's root
    "api-1:openapi-json": Route(PUBLIC),
    "api-1:openapi-view": Route(PUBLIC),
    "api-1:api-root": Route(NOTHING),
    # the Django admin: users, memberships, reference data
    "admin:index": Route(ADMIN_ONLY),
}

# Values for the routes' arguments: Testland's ministry A, its position, a role.
ARGUMENTS = {
    "gov": "testland",
    "code": "a",
    "slug": "developer",
    "pk": "999999",
    "model": "unit",
}
# The <code> of a position's pages names dev-a1 (in team A1), of a person's pages Amina Haroun,
# who holds it.
POSITION_CODE, PERSON_CODE = "dev-a1", "amina-haroun"
# A vacant position of team A1, and a person who holds nothing, for the API's writes.
SPARE_CODE, NEWCOMER_CODE = "spare-a1", "leila"
# An empty team of ministry A, for the API's unit writes.
SPARE_UNIT = "a2"
# Someone who held a position of team A1 once (an editor of A may delete them), a vendor (the
# whole government's) and a digital service owned by team A1.
FORMER_CODE, VENDOR_CODE, SERVICE_CODE = "former", "acme", "tax-portal"
# Query strings that put a page in ministry A, where a page takes one.
QUERY = {
    "web:org-sizing": "?under=a",
    "web:org-positions": "?unit=a",
    "web:org-position-new": "?unit=a",
    "web:org-person-new": "?unit=a",
}


def _web_routes(
    patterns: list[URLPattern | URLResolver] | None = None, namespace: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    """Every named route but the API operations and the admin's, whose index stands for it."""
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
                yield from _web_routes(entry.url_patterns, inner)
        elif _api_path(entry, namespace) in API_PATHS:
            continue  # an API operation: in API, by method and path
        elif entry.name:
            yield f"{namespace}{entry.name}", entry
        else:
            raise AssertionError(f"name the route {namespace}{entry.pattern}")


def _api_schema() -> dict[str, Any]:
    from digiteam.api.main import api

    return api.get_openapi_schema(path_prefix=API_PREFIX)


API_PREFIX = "/api/v1/"
API_SCHEMA = _api_schema()
API_PATHS = set(API_SCHEMA["paths"])
OPERATIONS = {(method.upper(), path) for path, ops in API_SCHEMA["paths"].items() for method in ops}


def _api_path(pattern: URLPattern, namespace: str) -> str | None:
    """The OpenAPI path of an API route ("/api/v1/governments/{gov}"), None for another."""
    if not namespace.startswith("api-"):
        return None
    return API_PREFIX + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))


ROUTES = dict(_web_routes())


def _url(name: str) -> str:
    wanted = ROUTES[name].pattern.regex.groupindex
    given = dict(ARGUMENTS)
    if name.startswith("web:org-position") and not name.endswith(("-new", "s-bulk", "s-csv")):
        given["code"] = POSITION_CODE
    elif name.startswith("web:org-person") and not name.endswith("-new"):
        given["code"] = PERSON_CODE
    return reverse(name, kwargs={k: given[k] for k in wanted}) + QUERY.get(name, "")


def test_the_positions_list_shows_only_the_scope(client_as: ClientAs) -> None:
    url = reverse("web:org-positions", kwargs={"gov": "testland"}) + "?unit=a"
    assert "dev-a1" in client_as("editor in scope").get(url).content.decode()
    assert "dev-a1" not in client_as("editor out of scope").get(url).content.decode()


ClientAs = Callable[[str], Client]


def _reference(tree: Tree) -> None:
    """A template needing one developer per ministry, for the API's sizing; a category of
    roles, the developer's, and a role and a category nothing uses, for the reference writes."""
    developer = tree.position_a1.role
    make_template(slug=TEMPLATE, role=developer)
    make_category(slug=CATEGORY_SLUG, roles=(developer,))
    make_category(slug=SPARE_CATEGORY)
    make_role(slug=SPARE_ROLE, title="Lookout")


@pytest.fixture
def client_as(
    tree: Tree, viewer_client: ViewerClient, editor_client: EditorClient, db: None
) -> ClientAs:
    """``client_as(role)``: a client signed in as that role (only that one is made)."""
    Person.objects.filter(name="Amina Haroun").update(code=PERSON_CODE)
    make_position(unit=tree.a1, role=tree.position_a1.role, code=SPARE_CODE)
    make_person(government=tree.government, name="Leila Ahmed", code=NEWCOMER_CODE)
    make_unit(parent=tree.a, code=SPARE_UNIT, kind="team", name="Team A2")
    _reference(tree)
    make_person(
        government=tree.government,
        name="Former Holder",
        code=FORMER_CODE,
        position=make_position(unit=tree.a1, role=tree.position_a1.role, code="past-a1"),
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2020, 12, 31),
    )
    make_vendor(government=tree.government, code=VENDOR_CODE, name="Acme")
    make_service(owner=tree.a1, code=SERVICE_CODE, name="Tax portal")

    def make(role: str) -> Client:
        if role == "viewer":
            return viewer_client(tree.government, can_see_personal_data=True)
        if role == "editor in scope":
            return editor_client(tree.a, can_see_personal_data=True)
        if role == "editor out of scope":
            return editor_client(tree.b, can_see_personal_data=True)
        client = Client()
        if role == "administrator":
            client.force_login(make_user(is_staff=True, is_superuser=True))
        return client

    return make


def _outcome(response: object, url: str) -> str | int:
    status = response.status_code  # type: ignore[attr-defined]
    if status != 302:
        return int(status)
    location = response["Location"]  # type: ignore[index]
    if location == f"/accounts/login/?next={url.replace('?', '%3F').replace('=', '%3D')}":
        return SIGN_IN
    if location.startswith("/admin/login/"):
        return ADMIN
    assert not location.startswith("/accounts/login/"), location
    return MOVED


def test_every_web_route_is_declared() -> None:
    undeclared = sorted(set(ROUTES) - set(WEB))
    assert not undeclared, f"declare who may open {undeclared} in WEB"
    gone = sorted(set(WEB) - set(ROUTES))
    assert not gone, f"{gone} are declared but no longer routed"


def test_the_public_routes_are_exactly_those_marked_public() -> None:
    marked = {n for n, p in ROUTES.items() if not getattr(p.callback, "login_required", True)}
    assert marked == {n for n, r in WEB.items() if r.access.outcomes[0] not in (SIGN_IN, ADMIN)}


CELLS = [(name, role) for name in sorted(WEB) for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CELLS, ids=[f"{n}|{r}" for n, r in CELLS])
def test_web_cell(client_as: ClientAs, name: str, role: str) -> None:
    route = WEB[name]
    if name not in ROUTES:
        pytest.skip("reported by test_every_web_route_is_declared")
    url = _url(name)
    client = client_as(role)
    post = route.method == "POST"
    response = client.post(url, route.data or {}) if post else client.get(url)
    expected = route.access.outcomes[ROLES.index(role)]
    assert _outcome(response, url) == expected, f"{route.method} {url} as {role}"


# API operations. A caller is recognised by a token or a session (here, a session); none: 401.
# A unit outside the caller's scope is not found (404), as is the position asked for in it.
# fmt: off
#                   access class                  anonymous  viewer  editor in  editor out  admin
API_READ =          Access("read",               (401,       200,    200,       200,        200))
API_UNIT_READ =     Access("unit read",          (401,       200,    200,       404,        200))
API_CREATE =        Access("unit create",        (401,       403,    201,       422,        201))
API_CHANGE =        Access("unit change",        (401,       403,    200,       404,        200))
API_DELETE =        Access("unit delete",        (401,       403,    204,       404,        204))
API_START =         Access("unit create (sub)",  (401,       403,    201,       404,        201))
# people: any editor adds a person; changing one needs every position they held in the scope
API_PERSON_NEW =    Access("person create",      (401,       403,    201,       201,        201))
API_PERSON_CHANGE = Access("person change",      (401,       403,    200,       403,        200))
API_PERSON_DELETE = Access("person delete",      (401,       403,    204,       403,        204))
# the whole government's: vendors and the government itself
API_WHOLE_CREATE =  Access("whole create",       (401,       403,    403,       403,        201))
API_WHOLE_CHANGE =  Access("whole change",       (401,       403,    403,       403,        200))
API_WHOLE_DELETE =  Access("whole delete",       (401,       403,    403,       403,        204))
# an administrator's only (an editor of the whole government is refused too: its own tests)
API_ADMIN_CREATE =  Access("admin create",       (401,       403,    403,       403,        201))
API_ADMIN_CHANGE =  Access("admin change",       (401,       403,    403,       403,        200))
API_ADMIN_DELETE =  Access("admin delete",       (401,       403,    403,       403,        204))
# sizing: plan in one's scope, apply in the scope one edits; a unit outside the scope is not found
API_SIZING_PLAN =   Access("sizing plan",        (401,       200,    200,       404,        200))
# the whole government's findings and organisation file (a partial scope sees part of it only)
API_WHOLE_READ =    Access("whole read",         (401,       200,    403,       403,        200))
# importing a file: an administrator or an editor of the whole government (none here but admin)
API_IMPORT =        Access("import",             (401,       403,    403,       403,        200))
# fmt: on


@dataclass(frozen=True)
class Operation:
    access: Access
    body: dict[str, Any] | None = None
    code: str = POSITION_CODE  # the position or unit the path names
    if_match: bool = False  # send the version the object has (an ETag of "1")


GOVERNMENT = API_PREFIX + "governments/{gov}"
POSITION = GOVERNMENT + "/positions/{code}"
UNIT = GOVERNMENT + "/units/{code}"
PERSON = GOVERNMENT + "/people/{code}"
VENDOR = GOVERNMENT + "/vendors/{code}"
SERVICE = GOVERNMENT + "/services/{code}"
TEAM = {"code": "a3", "kind": "team", "name": "Team A3"}
TEMPLATE = "small"
SIZING = {"template": TEMPLATE, "unit": "a"}
# Testland's organisation reduced to its top unit: valid, for the import and the file checks.
ORG_FILE = {
    "text": "format: digiteam-org/1\ngovernment: {code: testland, name: Testland}\n"
    "units:\n- {id: root, kind: government, name: Government}\n"
}
REFERENCE = API_PREFIX + "reference"
# The reference data an administrator changes: the developer's category, a role and a category
# nothing uses (deleted), and bodies as the reference files write them.
CATEGORY_SLUG, SPARE_CATEGORY, SPARE_ROLE = "engineering", "spare", "lookout"
PROVENANCE = {"source": "added", "note": "For the permission tests."}
ROLE_BODY = {
    "title": "Software developer",
    "title_fr": "Développeur",
    "description": "Writes software.",
    "description_fr": "Écrit des logiciels.",
    "categories": [CATEGORY_SLUG],
    "provenance": PROVENANCE,
}
CATEGORY_BODY = {"name": "Engineering", "name_fr": "Ingénierie", "provenance": PROVENANCE}
TEMPLATE_BODY = {
    "name": "Small",
    "name_fr": "Petit",
    "provenance": PROVENANCE,
    "functions": [
        {
            "slug": "build",
            "name": "Build",
            "name_fr": "Construire",
            "slots": [
                {
                    "role": "developer",
                    "sourcing": ["internal"],
                    "rules": [{"kind": "per_ministry", "count": 2}],
                }
            ],
        }
    ],
}
API: dict[tuple[str, str], Operation] = {
    ("GET", API_PREFIX + "governments"): Operation(API_READ),
    ("GET", GOVERNMENT): Operation(API_READ),
    ("POST", API_PREFIX + "governments"): Operation(
        API_ADMIN_CREATE, {"code": "freeland", "name": "Freeland"}
    ),
    ("PUT", GOVERNMENT): Operation(API_WHOLE_CHANGE, {"name": "Testland"}, if_match=True),
    ("PATCH", GOVERNMENT): Operation(API_WHOLE_CHANGE, {"name_fr": "Testlande"}, if_match=True),
    ("DELETE", GOVERNMENT): Operation(API_ADMIN_DELETE, if_match=True),
    ("GET", GOVERNMENT + "/people"): Operation(API_READ),
    ("POST", GOVERNMENT + "/people"): Operation(API_PERSON_NEW, {"name": "Zara Idle"}),
    ("GET", PERSON): Operation(API_READ, code=PERSON_CODE),
    ("PUT", PERSON): Operation(
        API_PERSON_CHANGE, {"name": "Amina H."}, code=PERSON_CODE, if_match=True
    ),
    ("PATCH", PERSON): Operation(
        API_PERSON_CHANGE, {"email": "a@example.org"}, code=PERSON_CODE, if_match=True
    ),
    ("DELETE", PERSON): Operation(API_PERSON_DELETE, code=FORMER_CODE, if_match=True),
    ("GET", GOVERNMENT + "/vendors"): Operation(API_READ),
    ("POST", GOVERNMENT + "/vendors"): Operation(API_WHOLE_CREATE, {"name": "Bolt"}),
    ("GET", VENDOR): Operation(API_READ, code=VENDOR_CODE),
    ("PUT", VENDOR): Operation(
        API_WHOLE_CHANGE, {"name": "Acme Ltd"}, code=VENDOR_CODE, if_match=True
    ),
    ("PATCH", VENDOR): Operation(
        API_WHOLE_CHANGE, {"name": "Acme"}, code=VENDOR_CODE, if_match=True
    ),
    ("DELETE", VENDOR): Operation(API_WHOLE_DELETE, code=VENDOR_CODE, if_match=True),
    ("GET", GOVERNMENT + "/services"): Operation(API_READ),
    ("POST", GOVERNMENT + "/services"): Operation(API_CREATE, {"name": "Census", "owner": "a"}),
    ("GET", SERVICE): Operation(API_UNIT_READ, code=SERVICE_CODE),
    ("PUT", SERVICE): Operation(
        API_CHANGE, {"name": "Tax", "owner": "a1"}, code=SERVICE_CODE, if_match=True
    ),
    ("PATCH", SERVICE): Operation(API_CHANGE, {"name": "Taxes"}, code=SERVICE_CODE, if_match=True),
    ("DELETE", SERVICE): Operation(API_DELETE, code=SERVICE_CODE, if_match=True),
    ("POST", GOVERNMENT + "/sizing/plan"): Operation(API_SIZING_PLAN, SIZING),
    ("POST", GOVERNMENT + "/sizing/apply"): Operation(API_CHANGE, SIZING),
    ("GET", GOVERNMENT + "/checks"): Operation(API_WHOLE_READ),
    ("POST", API_PREFIX + "checks/org-file"): Operation(API_READ, ORG_FILE),
    ("GET", GOVERNMENT + "/org-file"): Operation(API_WHOLE_READ),
    ("POST", GOVERNMENT + "/org-file/validate"): Operation(API_IMPORT, ORG_FILE),
    ("POST", GOVERNMENT + "/org-file/apply"): Operation(API_IMPORT, ORG_FILE),
    ("GET", REFERENCE + "/roles"): Operation(API_READ),
    ("POST", REFERENCE + "/roles"): Operation(
        API_ADMIN_CREATE, {**ROLE_BODY, "slug": "tester", "title": "Tester"}
    ),
    ("GET", REFERENCE + "/roles/{slug}"): Operation(API_READ, code="developer"),
    ("PUT", REFERENCE + "/roles/{slug}"): Operation(
        API_ADMIN_CHANGE, ROLE_BODY, code="developer", if_match=True
    ),
    ("PATCH", REFERENCE + "/roles/{slug}"): Operation(
        API_ADMIN_CHANGE, ROLE_BODY, code="developer", if_match=True
    ),
    ("DELETE", REFERENCE + "/roles/{slug}"): Operation(
        API_ADMIN_DELETE, code=SPARE_ROLE, if_match=True
    ),
    ("GET", REFERENCE + "/role-categories"): Operation(API_READ),
    ("GET", REFERENCE + "/role-categories/{slug}"): Operation(API_READ, code=CATEGORY_SLUG),
    ("PUT", REFERENCE + "/role-categories/{slug}"): Operation(
        API_ADMIN_CHANGE, CATEGORY_BODY, code=CATEGORY_SLUG, if_match=True
    ),
    ("DELETE", REFERENCE + "/role-categories/{slug}"): Operation(
        API_ADMIN_DELETE, code=SPARE_CATEGORY, if_match=True
    ),
    ("GET", REFERENCE + "/scales"): Operation(API_READ),
    ("GET", REFERENCE + "/templates"): Operation(API_READ),
    ("GET", REFERENCE + "/templates/{slug}"): Operation(API_READ, code=TEMPLATE),
    ("PUT", REFERENCE + "/templates/{slug}"): Operation(
        API_ADMIN_CHANGE, TEMPLATE_BODY, code=TEMPLATE, if_match=True
    ),
    ("DELETE", REFERENCE + "/templates/{slug}"): Operation(
        API_ADMIN_DELETE, code=TEMPLATE, if_match=True
    ),
    ("GET", GOVERNMENT + "/positions"): Operation(API_READ),
    ("POST", GOVERNMENT + "/positions"): Operation(API_CREATE, {"unit": "a", "role": "developer"}),
    ("GET", POSITION): Operation(API_UNIT_READ),
    ("PUT", POSITION): Operation(
        API_CHANGE, {"unit": "a1", "role": "developer", "status": "filled"}, if_match=True
    ),
    ("PATCH", POSITION): Operation(API_CHANGE, {"title": "Lead"}, if_match=True),
    ("DELETE", POSITION): Operation(API_DELETE, code=SPARE_CODE, if_match=True),
    ("GET", GOVERNMENT + "/units"): Operation(API_READ),
    ("POST", GOVERNMENT + "/units"): Operation(API_CREATE, {**TEAM, "parent": "a"}),
    ("GET", UNIT): Operation(API_UNIT_READ, code="a1"),
    ("PUT", UNIT): Operation(API_CHANGE, {**TEAM, "code": "a2"}, code=SPARE_UNIT, if_match=True),
    ("PATCH", UNIT): Operation(API_CHANGE, {"name": "Team A two"}, code=SPARE_UNIT, if_match=True),
    ("DELETE", UNIT): Operation(API_DELETE, code=SPARE_UNIT, if_match=True),
    ("POST", UNIT + "/move"): Operation(
        API_CHANGE, {"parent": "a1"}, code=SPARE_UNIT, if_match=True
    ),
    ("GET", POSITION + "/assignments"): Operation(API_UNIT_READ),
    ("POST", POSITION + "/assignments"): Operation(
        API_START, {"person": NEWCOMER_CODE, "start": "2031-01-01"}, code=SPARE_CODE
    ),
    ("POST", POSITION + "/assignments/{id}/end"): Operation(
        API_CHANGE, {"end": "2031-01-01"}, if_match=True
    ),
}


def test_every_api_operation_is_declared() -> None:
    undeclared = sorted(OPERATIONS - set(API))
    assert not undeclared, f"declare who may call {undeclared} in API"
    gone = sorted(set(API) - OPERATIONS)
    assert not gone, f"{gone} are declared but not in the API's description"


API_CELLS = [(op, role) for op in sorted(API) for role in ROLES]


@pytest.mark.parametrize(
    ("operation", "role"), API_CELLS, ids=[f"{m} {p}|{r}" for (m, p), r in API_CELLS]
)
def test_api_cell(client_as: ClientAs, tree: Tree, operation: tuple[str, str], role: str) -> None:
    method, path = operation
    declared = API[operation]
    assignment = tree.position_a1.assignments.get()
    url = path.format(gov="testland", code=declared.code, slug=declared.code, id=assignment.pk)
    headers = {"If-Match": '"1"'} if declared.if_match else {}
    call = getattr(client_as(role), method.lower())
    if declared.body is None:
        response = call(url, headers=headers)
    else:
        response = call(url, declared.body, content_type="application/json", headers=headers)
    expected = declared.access.outcomes[ROLES.index(role)]
    assert response.status_code == expected, f"{method} {url} as {role}: {response.content!r}"
    if expected == 401:  # an anonymous call is told why as a problem, never sent to sign in
        assert response["Content-Type"].startswith("application/problem+json"), url
