"""Ownership: departments own their digital services and have a team to deliver them."""

from __future__ import annotations

from collections.abc import Iterator

from digiteam.checks.engine.findings import Check, either, failed, passed, service_subject
from digiteam.checks.engine.registry import Context, Param, Rule
from digiteam.checks.engine.snapshot import Organisation
from digiteam.checks.rules.common import OWNERSHIP, SERVICE_TEAMS


def service_owner_kind(org: Organisation, ctx: Context) -> Iterator[Check]:
    """Every digital service is owned by a unit whose kind is one of `owner_kinds`
    (by default a ministry, a department or an agency), not by the government as a whole,
    a team or a central IT unit of another kind."""
    kinds = tuple(ctx.params["owner_kinds"])
    for s in org.services:
        owner = org.unit(s.owner)
        if owner.kind in kinds:
            yield passed(service_subject(s))
        else:
            yield failed(
                service_subject(s),
                f"Owned by {owner.name}, a unit of kind '{owner.kind}'; "
                f"the owner should be a {either(kinds)}.",
            )


OWNER_KIND = Rule(
    code="DIG201",
    name="Service owned by a department",
    severity="error",
    principle="ownership",
    check=service_owner_kind,
    params=(
        Param(
            "owner_kinds",
            ("ministry", "department", "agency"),
            "unit kinds that may own a service",
        ),
    ),
    rationale=(
        "The department that runs a public service knows its users, its rules and its budget. "
        "When a central IT unit or the government as a whole is recorded as the owner, the "
        "department becomes a client of its own service and loses the understanding needed to "
        "change it."
    ),
    fix=(
        "Record as owner the ministry, department or agency responsible for the service; keep "
        "central units as providers of shared platforms and standards."
    ),
    example=(
        "The vehicle-licensing service is owned by 'national-it-team', a unit of kind team: "
        "it fails. Making the Ministry of Transport its owner, with the IT team kept as its "
        "delivery team, makes it pass."
    ),
    source=OWNERSHIP,
)


def service_has_team(org: Organisation, ctx: Context) -> Iterator[Check]:
    """Every digital service names the unit that delivers it (its `team`)."""
    for s in org.services:
        if s.team:
            yield passed(service_subject(s))
        else:
            owner = org.unit(s.owner).name
            yield failed(service_subject(s), f"No delivery team is recorded; owner: {owner}.")


SERVICE_TEAM = Rule(
    code="DIG202",
    name="Service has a delivery team",
    severity="warning",
    principle="ownership",
    check=service_has_team,
    rationale=(
        "A department that owns a service needs people who design, build and run it. A "
        "service without a team is either delivered by nobody or by a supplier that nobody in "
        "government directs, and none of the service-team checks can look at it."
    ),
    fix=(
        "Create (or name) the unit that delivers the service and set it as the service's team; "
        "one team may deliver several closely related services."
    ),
    example=(
        "The birth-registration service has an owner (Ministry of Interior) but no team: it "
        "fails. Setting its team to 'civil-registry-digital-team' makes it pass."
    ),
    source=SERVICE_TEAMS,
)

RULES = (OWNER_KIND, SERVICE_TEAM)
