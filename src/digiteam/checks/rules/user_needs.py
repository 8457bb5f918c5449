"""User needs: every service team can find out what users need and design for it."""

from __future__ import annotations

from collections.abc import Iterator

from digiteam.checks.engine.findings import Check, failed, passed, unit_subject
from digiteam.checks.engine.registry import Context, Rule
from digiteam.checks.engine.snapshot import Organisation
from digiteam.checks.rules.common import USER_NEEDS, RoleGroup, missing_groups

USER_CENTRED_ROLES: tuple[RoleGroup, ...] = (
    ("designer", ("ux-ui-designer", "service-designer")),
    ("user researcher", ("user-researcher",)),
    ("content designer", ("content-designer",)),
)


def team_user_centred_roles(org: Organisation, ctx: Context) -> Iterator[Check]:
    """Every unit that delivers a digital service (a service's `team`) holds, in the unit or
    below it, a designer (`ux-ui-designer` or `service-designer`), a user researcher and a
    content designer: the part of the core team of DIG301 that works from users' needs."""
    for team in org.service_teams:
        present = {p.role for p in org.positions_within(team.code)}
        missing = missing_groups(present, USER_CENTRED_ROLES)
        if missing:
            yield failed(unit_subject(team), f"Missing: {', '.join(missing)}.")
        else:
            yield passed(unit_subject(team))


USER_CENTRED_TEAM = Rule(
    code="DIG501",
    name="Service team has design and research roles",
    severity="error",
    principle="user-needs",
    check=team_user_centred_roles,
    rationale=(
        "A team that never meets its users builds what a specification or a supplier assumed. "
        "User researchers find out what people actually need, designers turn it into a service "
        "that works for them, and content designers make every page and letter understandable; "
        "without them the team can measure cost but not whether the service works."
    ),
    fix=(
        "Add a user researcher, a designer and a content designer to the team; contract staff "
        "are acceptable for these roles, provided the team directs their work."
    ),
    example=(
        "The 'benefits-team' has developers, a product owner and a designer, but no user "
        "researcher or content designer: it fails with 'Missing: user researcher, content "
        "designer'. Adding both positions makes it pass."
    ),
    source=USER_NEEDS,
)

RULES = (USER_CENTRED_TEAM,)
