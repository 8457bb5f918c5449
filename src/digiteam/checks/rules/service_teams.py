"""Service teams: each team that delivers a service has the core roles and their support."""

from __future__ import annotations

from collections.abc import Iterator

from digiteam.checks.engine.findings import Check, failed, passed, unit_subject
from digiteam.checks.engine.registry import Context, Rule
from digiteam.checks.engine.snapshot import Organisation
from digiteam.checks.rules.common import SERVICE_TEAMS, RoleGroup, missing_groups

CORE_ROLES: tuple[RoleGroup, ...] = (
    ("product owner", ("product-owner",)),
    ("delivery manager", ("delivery-manager",)),
    ("technical lead", ("technical-lead",)),
    ("developer", ("software-developer", "front-end-developer", "back-end-developer")),
)
SUPPORT_ROLES: tuple[RoleGroup, ...] = (
    ("technical architect", ("technical-architect",)),
    ("web operations engineer", ("web-operations-engineer",)),
)


def team_core_roles(org: Organisation, ctx: Context) -> Iterator[Check]:
    """Every unit that delivers a digital service (a service's `team`) holds, in the unit or
    below it, a product owner, a delivery manager, a technical lead and a developer
    (`software-developer`, `front-end-developer` or `back-end-developer`). The design,
    research and content roles of the same team are checked by DIG501."""
    for team in org.service_teams:
        present = {p.role for p in org.positions_within(team.code)}
        missing = missing_groups(present, CORE_ROLES)
        if missing:
            has = len(CORE_ROLES) - len(missing)
            message = (
                f"Has {has} of the {len(CORE_ROLES)} core roles; missing: {', '.join(missing)}."
            )
            yield failed(unit_subject(team), message)
        else:
            yield passed(unit_subject(team))


CORE_TEAM = Rule(
    code="DIG301",
    name="Service team has its core roles",
    severity="error",
    principle="service-teams",
    check=team_core_roles,
    rationale=(
        "A service improves only when one team can decide, plan, build and ship changes "
        "itself. Without a product owner nobody sets priorities; without a delivery manager the "
        "work stalls on dependencies; without a technical lead and developers the team can only "
        "write requests for somebody else to build."
    ),
    fix=(
        "Add the missing positions to the team (planned positions count, so the gap shows in "
        "the hiring plan); a person may hold a part-time position in two small teams."
    ),
    example=(
        "The 'tax-portal-team' has a product owner, two developers and a technical lead but no "
        "delivery manager: it fails with 'missing: delivery manager'. Adding a delivery "
        "manager position to the team makes it pass."
    ),
    source=SERVICE_TEAMS,
)


def team_support_roles(org: Organisation, ctx: Context) -> Iterator[Check]:
    """Every service team can call on a technical architect and a web operations engineer:
    a position of each role in the team or below it, in a unit above the team, anywhere in
    the ministry the team belongs to, or in a central unit at government level that serves
    every ministry."""
    roles = [r for _, group in SUPPORT_ROLES for r in group]
    units_with = {r: {p.unit for p in org.positions_of(r)} for r in roles}
    ministries_with = {r: {org.ministry_of(u) for u in units_with[r]} - {None} for r in roles}
    central = {r for r in roles if any(org.is_central(u) for u in units_with[r])}
    for team in org.service_teams:
        nearby = set(org.subtree(team.code)) | set(team.ancestors)
        ministry = org.ministry_of(team.code)
        present = {
            r
            for r in roles
            if r in central
            or nearby & units_with[r]
            or (ministry and ministry in ministries_with[r])
        }
        missing = missing_groups(present, SUPPORT_ROLES)
        if missing:
            yield failed(
                unit_subject(team),
                f"No {' and no '.join(missing)} in the team, above it, in its ministry or "
                "at government level.",
            )
        else:
            yield passed(unit_subject(team))


SUPPORT = Rule(
    code="DIG302",
    name="Service team has architecture and operations support",
    severity="warning",
    principle="service-teams",
    check=team_support_roles,
    rationale=(
        "A team does not need its own architect or operations engineer, but it needs someone "
        "it can turn to: an architect keeps its choices consistent with the rest of government, "
        "and web operations keep the service running and easy to release. When neither is "
        "within reach, those decisions fall to the hosting supplier."
    ),
    fix=(
        "Give the ministry (or a central unit above the team) a technical architect and a web "
        "operations engineer shared by its teams, or add them to the team itself."
    ),
    example=(
        "The Ministry of Health has three service teams and a web operations engineer in its "
        "IT department, but no technical architect anywhere in the ministry or above it: each "
        "team fails. One architect position in the ministry makes all three pass."
    ),
    source=SERVICE_TEAMS,
)

RULES = (CORE_TEAM, SUPPORT)
