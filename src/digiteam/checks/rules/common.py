"""Role groups and sources the rules share."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from digiteam.checks.engine.registry import COMPOSITION_DOC, PRINCIPLES_DOC

LEADERSHIP = f"{PRINCIPLES_DOC}#1-appoint-qualified-digital-leadership"
OWNERSHIP = f"{PRINCIPLES_DOC}#2-bring-ownership-and-control-back-to-departments"
SERVICE_TEAMS = f"{PRINCIPLES_DOC}#3-build-service-teams"
GOVERNANCE = f"{PRINCIPLES_DOC}#4-simplify-governance"
USER_NEEDS = f"{PRINCIPLES_DOC}#5-focus-on-user-needs"
COMPOSITION = f"{COMPOSITION_DOC}#sample-digital-team-composition"

# Roles that decide what is built, bought and spent; the principles keep them in government.
DECISION_ROLES = (
    "digital-services-director",
    "chief-technology-officer",
    "chief-information-officer",
    "service-manager",
    "product-owner",
)
# Posts whose long vacancy leaves a government without a decision-maker or a safeguard.
CRITICAL_ROLES = (
    *DECISION_ROLES,
    "chief-information-security-officer",
    "data-protection-officer",
)
OUTSOURCED = frozenset({"contract", "consultant"})

RoleGroup = tuple[str, tuple[str, ...]]  # (what the team needs, the roles that provide it)


def missing_groups(present: Collection[str], groups: Sequence[RoleGroup]) -> list[str]:
    """The names of the groups none of whose roles is present."""
    return [name for name, roles in groups if not any(r in present for r in roles)]
