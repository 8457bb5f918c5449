"""Reference data written over the API: roles, categories and templates, by administrators.

Over the tests' tiny taxonomy (tests/fixtures/reference): categories crew and bridge, roles
captain and deckhand, and the template ship (captains per government and ministry, deckhands
at a ratio to captains).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from digiteam.audit.models import ChangeSet
from digiteam.compositions.models import Function, RoleSlot, Template
from digiteam.organisation.models import AppliedTemplate
from digiteam.reference import reference_load
from digiteam.taxonomy.models import Role, RoleCategory
from tests.api.conftest import ApiClient, TokenClient
from tests.factories import make_government, make_position, make_role, make_unit

pytestmark = pytest.mark.django_db

REF = "/api/v1/reference"
NAVIGATOR = {
    "slug": "navigator",
    "title": "Navigator",
    "title_fr": "Navigateur",
    "description": "Plots the course.",
    "description_fr": "Trace la route.",
    "categories": ["bridge"],
    "isco08": "3152",
    "provenance": {"source": "added", "note": "A ship needs one."},
}
SHIP: dict[str, Any] = {
    "name": "Ship crew",
    "name_fr": "Équipage de navire",
    "provenance": {"source": "added", "note": "test"},
    "functions": [
        {
            "slug": "command",
            "name": "Command",
            "name_fr": "Commandement",
            "slots": [
                {
                    "role": "captain",
                    "sourcing": ["internal"],
                    "rules": [{"kind": "per_government", "count": 1}],
                }
            ],
        },
        {
            "slug": "deck",
            "name": "Deck",
            "name_fr": "Pont",
            "slots": [
                {
                    "role": "deckhand",
                    "sourcing": ["internal", "contract"],
                    "rules": [{"kind": "ratio", "count": 4, "per": 1, "of_role": "captain"}],
                }
            ],
        },
    ],
}


@pytest.fixture
def admin(fixture_reference: Path, token_client: TokenClient) -> ApiClient:
    """An administrator's token, over the tiny reference data."""
    reference_load(fixture_reference)
    return token_client("admin", name="reference upkeep")


def _if(version: int) -> dict[str, str]:
    return {"If-Match": f'"{version}"'}


def _fields(response: Any) -> dict[str, str]:
    return {e["field"]: e["message"] for e in response.json()["errors"]}


# --- roles -----------------------------------------------------------------------------------


def test_an_administrator_creates_replaces_changes_and_deletes_a_role(admin: ApiClient) -> None:
    made = admin.send("POST", f"{REF}/roles", NAVIGATOR)
    assert made.status_code == 201, made.content
    assert made["Location"].endswith(f"{REF}/roles/navigator") and made["ETag"] == '"1"'
    assert made.json()["categories"] == ["bridge"] and made.json()["version"] == 1

    replaced = {**NAVIGATOR, "title": "Ship's navigator", "categories": ["bridge", "crew"]}
    del replaced["slug"]  # the path's
    put = admin.send("PUT", f"{REF}/roles/navigator", replaced, **_if(1))
    assert put.status_code == 200 and put["ETag"] == '"2"'
    assert sorted(put.json()["categories"]) == ["bridge", "crew"]

    patch = admin.send("PATCH", f"{REF}/roles/navigator", {"title_ar": "ملاح"}, **_if(2))
    assert patch.status_code == 200 and patch["ETag"] == '"3"'
    role = Role.objects.get(slug="navigator")
    assert (role.title, role.title_ar, role.isco08) == ("Ship's navigator", "ملاح", "3152")
    assert admin.get(f"{REF}/roles/navigator")["ETag"] == '"3"'

    assert admin.send("DELETE", f"{REF}/roles/navigator", **_if(3)).status_code == 204
    assert not Role.objects.filter(slug="navigator").exists()


def test_an_unknown_category_is_located_and_said_in_the_callers_language(
    admin: ApiClient,
) -> None:
    body = {**NAVIGATOR, "categories": ["bridge", "crow"]}
    refused = admin.send("POST", f"{REF}/roles", body)
    assert refused.status_code == 422
    assert _fields(refused) == {"categories.1": "No role category “crow”: did you mean “crew”?"}
    french = admin.post(
        f"{REF}/roles", body, content_type="application/json", headers={"Accept-Language": "fr"}
    )
    assert french.status_code == 422 and "Aucune catégorie" in _fields(french)["categories.1"]
    changed = admin.send("PUT", f"{REF}/roles/captain", {**body, "slug": "captain"}, **_if(1))
    assert changed.status_code == 422 and "categories.1" in _fields(changed)
    assert not Role.objects.filter(slug="navigator").exists()
    captain = Role.objects.get(slug="captain")
    assert captain.version == 1 and [c.slug for c in captain.categories.all()] == ["bridge"]


def test_a_role_in_use_is_not_deleted_and_says_what_uses_it(admin: ApiClient) -> None:
    government = make_government(code="seaside")
    unit = make_unit(government=government, code="harbour", kind="government")
    make_position(unit=unit, role=Role.objects.get(slug="captain"), code="skipper")
    refused = admin.send("DELETE", f"{REF}/roles/captain", **_if(1))
    assert refused.status_code == 409, refused.content
    messages = [e["message"] for e in refused.json()["errors"]]
    assert messages == [
        "1 position of seaside has this role.",
        "The template ship staffs it.",
        "A ratio of the template ship counts it.",
    ]
    captain = Role.objects.get(slug="captain")
    assert captain.version == 1 and captain.slots.count() == 1
    group = admin.send("PATCH", f"{REF}/roles/captain", {"group": True}, **_if(1))
    assert group.status_code == 422 and list(_fields(group)) == ["group"]


def test_versions_are_checked_and_a_slug_never_changes(admin: ApiClient) -> None:
    body = {**NAVIGATOR, "slug": "captain", "title": "Master"}
    missing = admin.send("PUT", f"{REF}/roles/captain", body)
    assert missing.status_code == 428
    stale = admin.send("PUT", f"{REF}/roles/captain", body, **_if(7))
    assert stale.status_code == 412 and stale["ETag"] == '"1"'
    renamed = admin.send("PATCH", f"{REF}/roles/captain", {"slug": "master"}, **_if(1))
    assert renamed.status_code == 422 and list(_fields(renamed)) == ["slug"]
    assert admin.send("DELETE", f"{REF}/roles/deckhand", **_if(2)).status_code == 412
    captain = Role.objects.get(slug="captain")
    assert (captain.title, captain.version) == ("Captain", 1)


def test_only_an_administrator_writes(admin: ApiClient, token_client: TokenClient) -> None:
    read_only = token_client("admin", read_write=False)
    assert read_only.send("POST", f"{REF}/roles", NAVIGATOR).status_code == 403
    editor = token_client(make_government(), role="editor")
    assert editor.send("POST", f"{REF}/roles", NAVIGATOR).status_code == 403
    assert editor.send("DELETE", f"{REF}/templates/ship", **_if(1)).status_code == 403
    assert editor.get(f"{REF}/roles/captain").status_code == 200
    assert not Role.objects.filter(slug="navigator").exists()


# --- categories ------------------------------------------------------------------------------


def test_a_category_is_put_and_deleted_once_empty(admin: ApiClient) -> None:
    body = {"name": "Engines", "name_fr": "Machines", "provenance": {"source": "added"}}
    made = admin.send("PUT", f"{REF}/role-categories/engine", body)
    assert made.status_code == 201 and made["ETag"] == '"1"'
    assert [c["slug"] for c in admin.get(f"{REF}/role-categories").json()][-1] == "engine"
    assert admin.send("PUT", f"{REF}/role-categories/engine", body).status_code == 428
    renamed = {**body, "name": "Engine room"}
    replaced = admin.send("PUT", f"{REF}/role-categories/engine", renamed, **_if(1))
    assert replaced.status_code == 200 and replaced.json()["name"] == "Engine room"
    assert admin.send("PUT", f"{REF}/role-categories/nowhere", body, **_if(1)).status_code == 412

    full = admin.send("DELETE", f"{REF}/role-categories/crew", **_if(1))
    assert full.status_code == 409 and "1 role is in this category" in str(full.json()["errors"])
    assert admin.send("DELETE", f"{REF}/role-categories/engine", **_if(2)).status_code == 204
    assert set(RoleCategory.objects.values_list("slug", flat=True)) == {"bridge", "crew"}


# --- templates -------------------------------------------------------------------------------


def test_a_template_is_created_then_replaced_whole(admin: ApiClient) -> None:
    made = admin.send("PUT", f"{REF}/templates/boat", SHIP)
    assert made.status_code == 201 and made["ETag"] == '"1"', made.content
    assert [f["slug"] for f in made.json()["functions"]] == ["command", "deck"]

    smaller = copy.deepcopy(SHIP)
    smaller["functions"] = smaller["functions"][:1]
    smaller["functions"][0]["slots"][0]["rules"] = [{"kind": "fixed", "count": "2.5", "max": 3}]
    replaced = admin.send("PUT", f"{REF}/templates/ship", smaller, **_if(1))
    assert replaced.status_code == 200 and replaced["ETag"] == '"2"', replaced.content
    (function,) = replaced.json()["functions"]
    assert function["slots"][0]["rules"] == [
        {
            "kind": "fixed",
            "count": "2.50",
            "per": None,
            "of_role": None,
            "minimum": None,
            "maximum": 3,
        }
    ]
    assert list(Function.objects.filter(template__slug="ship").values_list("slug", flat=True)) == [
        "command"
    ]
    assert admin.send("PUT", f"{REF}/templates/ship", SHIP, **_if(1)).status_code == 412
    assert admin.send("PUT", f"{REF}/templates/ship", SHIP).status_code == 428
    assert admin.send("PUT", f"{REF}/templates/gone", SHIP, **_if(1)).status_code == 412


def test_an_invalid_template_is_refused_whole_with_each_problem_located(
    admin: ApiClient,
) -> None:
    make_role(slug="crew-at-large", title="Crew", is_group=True)
    bad = copy.deepcopy(SHIP)
    bad["functions"][1]["slots"][0]["role"] = "deckhnd"
    bad["functions"][1]["slots"][0]["rules"][0]["count"] = "4.125"
    bad["functions"][0]["slots"].append(
        {"role": "crew-at-large", "sourcing": ["internal"], "rules": [{"kind": "optional"}]}
    )
    bad["functions"][0]["name_fr"] = "x" * 201
    refused = admin.send("PUT", f"{REF}/templates/ship", bad, **_if(1))
    assert refused.status_code == 422
    errors = _fields(refused)
    assert errors["functions.1.slots.0.role"] == (
        "unknown role 'deckhnd' (did you mean 'deckhand'?)"
    )
    assert errors["functions.0.slots.1.role"] == (
        "'crew-at-large' is a group of roles, not a position"
    )
    assert set(errors) == {
        "functions.1.slots.0.role",
        "functions.0.slots.1.role",
        "functions.1.slots.0.rules.0.count",
        "functions.0.name_fr",
    }
    shape = admin.send("PUT", f"{REF}/templates/ship", {**SHIP, "functions": []}, **_if(1))
    assert shape.status_code == 422 and "functions" in _fields(shape)
    other = admin.send("PUT", f"{REF}/templates/ship", {**SHIP, "slug": "boat"}, **_if(1))
    assert other.status_code == 422 and list(_fields(other)) == ["slug"]
    ship = Template.objects.get(slug="ship")
    assert ship.version == 1 and RoleSlot.objects.filter(function__template=ship).count() == 2
    assert not Template.objects.filter(slug="boat").exists()


def test_a_template_in_use_is_not_deleted(admin: ApiClient) -> None:
    government = make_government(code="seaside")
    ship = Template.objects.get(slug="ship")
    applied = AppliedTemplate.objects.create(government=government, template=ship)
    refused = admin.send("DELETE", f"{REF}/templates/ship", **_if(1))
    assert refused.status_code == 409
    assert [e["message"] for e in refused.json()["errors"]] == [
        "The government seaside has applied it."
    ]
    applied.delete()
    assert admin.send("DELETE", f"{REF}/templates/ship", **_if(2)).status_code == 412
    assert admin.send("DELETE", f"{REF}/templates/ship", **_if(1)).status_code == 204
    assert not Function.objects.exists() and Role.objects.count() == 2


# --- the audit trail -------------------------------------------------------------------------


def test_each_write_is_one_change_set_of_the_tokens_user(admin: ApiClient) -> None:
    before = set(ChangeSet.objects.values_list("pk", flat=True))
    patch = admin.send("PATCH", f"{REF}/roles/captain", {"title": "Master"}, **_if(1))
    assert patch.status_code == 200
    smaller = copy.deepcopy(SHIP)
    smaller["functions"] = smaller["functions"][:1]
    assert admin.send("PUT", f"{REF}/templates/ship", smaller, **_if(1)).status_code == 200
    role_set, template_set = ChangeSet.objects.exclude(pk__in=before).order_by("at")
    for change_set in (role_set, template_set):
        assert (change_set.user, change_set.token, change_set.via) == (
            admin.user,
            "reference upkeep",
            "api",
        )
        assert change_set.government_code == ""
    change = role_set.changes.get()
    assert change.before is not None and change.after is not None
    assert (change.before["title"], change.after["title"]) == ("Captain", "Master")
    gone = template_set.changes.get(action="delete", content_type__model="function")
    assert gone.before is not None and gone.before["slug"] == "deck"
    template = template_set.changes.get(content_type__model="template")
    assert template.before is not None and template.after is not None
    assert (template.before["version"], template.after["version"]) == (1, 2)
