"""Small ORM helpers that build an organisation for tests.

Each ``make_*`` creates one object with sensible defaults and returns it; codes are generated
when not given so that tests only name what they assert on. Units get their materialised
``path`` and ``depth`` the way ``digiteam.organisation.tree`` computes them.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db import models

from digiteam.accounts.models import Membership, MembershipRole
from digiteam.accounts.services import membership_grant
from digiteam.audit.models import Change
from digiteam.compositions.models import Function, QuantityRule, RoleSlot, Template
from digiteam.core.choices import ProvenanceSource
from digiteam.organisation.models import (
    Assignment,
    DigitalService,
    Government,
    Person,
    Position,
    Unit,
    Vendor,
)
from digiteam.organisation.tree import path_for
from digiteam.taxonomy.models import Role, RoleCategory

_numbers = itertools.count(1)


def _next(prefix: str) -> str:
    return f"{prefix}-{next(_numbers)}"


def make_government(
    *,
    code: str | None = None,
    name: str = "Republic of Testland",
    currency: str = "USD",
    illustrative: bool = False,
    **fields: Any,
) -> Government:
    return Government.objects.create(
        code=code or _next("gov"),
        name=name,
        currency=currency,
        illustrative=illustrative,
        **fields,
    )


def make_unit(
    *,
    parent: Unit | None = None,
    government: Government | None = None,
    kind: str = "department",
    code: str | None = None,
    name: str | None = None,
    **fields: Any,
) -> Unit:
    """A unit under ``parent`` (a root of ``government`` when there is no parent)."""
    if government is None:
        government = parent.government if parent else make_government()
    code = code or _next("unit")
    unit = Unit.objects.create(
        government=government,
        parent=parent,
        code=code,
        kind=kind,
        name=name or f"Unit {code}",
        path="",
        depth=parent.depth + 1 if parent else 0,
        **fields,
    )
    unit.path = path_for(parent, unit.pk)
    unit.save(update_fields=["path"])
    return unit


@dataclass(frozen=True)
class BuiltTestland:
    """The units of Testland shared by the organisation pages' tests."""

    government: Government
    root: Unit  # the government unit
    ministry: Unit  # the Ministry of Digital Economy
    agency: Unit  # its Digital Agency
    health: Unit  # the Ministry of Health


def build_testland(**government: Any) -> BuiltTestland:
    """Testland's government unit over two ministries, the first with an agency (names in
    English, French and Arabic where a page test reads them); ``government``: its fields."""
    gov = make_government(
        code="testland",
        **{
            "name": "Republic of Testland",
            "name_fr": "République de Testland",
            "name_ar": "جمهورية تستلاند",
            **government,
        },
    )
    root = make_unit(government=gov, code="gov", kind="government", name="Government of Testland")
    ministry = make_unit(
        parent=root,
        code="mde",
        kind="ministry",
        name="Ministry of Digital Economy",
        name_fr="Ministère de l'Économie numérique",
        name_ar="وزارة الاقتصاد الرقمي",
        tags=["digital", "economy"],
    )
    agency = make_unit(
        parent=ministry,
        code="agency",
        kind="agency",
        name="Digital Agency",
        name_fr="Agence du numérique",
        name_ar="الوكالة الرقمية",
    )
    health = make_unit(parent=root, code="health", kind="ministry", name="Ministry of Health")
    return BuiltTestland(gov, root, ministry, agency, health)


def make_role(*, slug: str | None = None, title: str | None = None, **fields: Any) -> Role:
    slug = slug or _next("role")
    role, _created = Role.objects.get_or_create(
        slug=slug,
        defaults={
            "title": title or f"Role {slug}",
            "description": f"Does the work of {slug}.",
            "provenance_source": ProvenanceSource.ADDED,
            **fields,
        },
    )
    return role


def make_category(*, slug: str | None = None, roles: tuple[Role, ...] = ()) -> RoleCategory:
    """A category of roles, holding ``roles``."""
    slug = slug or _next("category")
    category = RoleCategory.objects.create(
        slug=slug, name=f"Category {slug}", provenance_source=ProvenanceSource.ADDED
    )
    category.roles.add(*roles)
    return category


def make_template(*, slug: str | None = None, role: Role, per_ministry: int = 1) -> Template:
    """A template of one function needing ``per_ministry`` of ``role`` in each ministry."""
    slug = slug or _next("template")
    template = Template.objects.create(
        slug=slug, name=f"Template {slug}", provenance_source=ProvenanceSource.ADDED
    )
    function = Function.objects.create(template=template, slug="build", name="Build")
    slot = RoleSlot.objects.create(function=function, role=role, sourcing=["internal"])
    QuantityRule.objects.create(slot=slot, kind="per_ministry", count=per_ministry)
    return template


def make_vendor(
    *, government: Government, code: str | None = None, name: str = "Acme Consulting"
) -> Vendor:
    return Vendor.objects.create(government=government, code=code or _next("vendor"), name=name)


def make_service(
    *,
    owner: Unit,
    code: str | None = None,
    name: str | None = None,
    team: Unit | None = None,
    **fields: Any,
) -> DigitalService:
    code = code or _next("service")
    return DigitalService.objects.create(
        government_id=owner.government_id,
        owner=owner,
        team=team,
        code=code,
        name=name or f"Service {code}",
        **fields,
    )


def make_position(
    *,
    unit: Unit,
    role: Role | None = None,
    code: str | None = None,
    fte: Decimal | str = "1",
    annual_cost: Decimal | str | None = None,
    **fields: Any,
) -> Position:
    return Position.objects.create(
        government_id=unit.government_id,
        unit=unit,
        role=role or make_role(),
        code=code or _next("pos"),
        fte=Decimal(fte),
        annual_cost=None if annual_cost is None else Decimal(annual_cost),
        **fields,
    )


def make_person(
    *,
    government: Government,
    name: str = "Amina Haroun",
    code: str | None = None,
    position: Position | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    **fields: Any,
) -> Person:
    """A person; with ``position``, also assigned to it from ``start`` (a year ago by default)."""
    person = Person.objects.create(
        government=government, code=code or _next("person"), name=name, **fields
    )
    if position is not None:
        make_assignment(person=person, position=position, start=start, end=end)
    return person


def make_assignment(
    *,
    person: Person,
    position: Position,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    fte: Decimal | str = "1",
) -> Assignment:
    return Assignment.objects.create(
        person=person,
        position=position,
        start=start or datetime.date.today() - datetime.timedelta(days=365),
        end=end,
        fte=Decimal(fte),
    )


def make_user(
    *, username: str | None = None, password: str | None = None, **fields: Any
) -> AbstractUser:
    """A user; without ``password`` one that cannot sign in with a password (tests log it in)."""
    user: AbstractUser = get_user_model().objects.create_user(
        username=username or _next("user"), password=password, **fields
    )
    return user


def make_membership(
    *,
    government: Government,
    user: AbstractUser | None = None,
    role: str = MembershipRole.VIEWER,
    units: tuple[Unit, ...] = (),
    can_see_personal_data: bool = False,
) -> Membership:
    """A membership (a new user's when no ``user``) over ``units``, or the whole government."""
    return membership_grant(
        user=user or make_user(),
        government=government,
        role=role,
        units=units,
        can_see_personal_data=can_see_personal_data,
    )


def changes_of(instance: models.Model) -> list[Change]:
    """The audit trail's rows about ``instance``, oldest first."""
    return list(
        Change.objects.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
        ).order_by("id")
    )
