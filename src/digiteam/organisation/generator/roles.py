"""Which roles a generated unit holds, and what they are paid: by unit type and seniority.

Every slug here is a role of the shipped taxonomy (a test keeps that true).
"""

from __future__ import annotations

from itertools import accumulate
from typing import NamedTuple

# Government level: the head first. Ministries are headed by a CIO.
GOVERNMENT_LEADERS = (
    "digital-services-director",
    "chief-technology-officer",
    "chief-information-security-officer",
    "chief-information-officer",
    "data-protection-officer",
)
MINISTRY_HEAD = "chief-information-officer"


class Mix(NamedTuple):
    """The roles of one type of unit: its head, roles every such unit has, then a weighted draw."""

    head: str
    core: tuple[str, ...]
    roles: tuple[str, ...]
    cum_weights: tuple[int, ...]


def _mix(head: str, core: tuple[str, ...], weights: dict[str, int]) -> Mix:
    return Mix(head, core, tuple(weights), tuple(accumulate(weights.values())))


_ADMIN = {
    "ict-project-manager": 10,
    "project-manager": 6,
    "administrative-coordinator": 8,
    "finance-management-officer": 5,
    "procurement-manager": 4,
    "legal-policy-officer": 3,
    "policy-officer": 5,
    "monitoring-and-evaluation-officer": 5,
    "business-process-analyst": 6,
    "quality-services-manager": 2,
    "citizen-engagement-officer": 3,
    "digital-marketing-officer": 2,
    "knowledge-and-content-development-officer": 2,
    "grant-administrator": 1,
    "shared-service-manager": 1,
}

MIXES: dict[str, Mix] = {
    # the root holds exactly the leaders (its size is fixed), so its draw is never used
    "government": _mix(GOVERNMENT_LEADERS[0], GOVERNMENT_LEADERS[1:], {"policy-manager": 1}),
    "ministry": _mix(
        MINISTRY_HEAD,
        ("service-manager", "administrative-coordinator"),
        {
            "service-manager": 5,
            "administrative-coordinator": 6,
            "policy-manager": 3,
            "policy-officer": 4,
            "ict-project-manager": 5,
            "finance-management-officer": 3,
            "procurement-manager": 3,
            "legal-policy-officer": 2,
            "monitoring-and-evaluation-officer": 3,
            "fundraiser": 1,
        },
    ),
    "digital-agency": _mix("ict-operations-manager", ("administrative-coordinator",), _ADMIN),
    "directorate": _mix("computer-and-information-systems-manager", (), _ADMIN),
    "division": _mix("ict-project-manager", (), _ADMIN),
    "agency": _mix("computer-and-information-systems-manager", ("digital-focal-point",), _ADMIN),
    "service": _mix(
        "product-owner",
        (
            "delivery-manager",
            "technical-lead",
            "software-developer",
            "software-developer",
            "ux-ui-designer",
            "user-researcher",
            "content-designer",
            "software-tester",
        ),
        {
            "software-developer": 30,
            "front-end-developer": 8,
            "back-end-developer": 8,
            "software-tester": 8,
            "business-process-analyst": 6,
            "data-entry-analyst": 6,
            "ux-ui-designer": 5,
            "user-researcher": 4,
            "content-designer": 4,
            "domain-expert": 3,
            "web-operations-engineer": 3,
            "data-scientist": 2,
            "delivery-manager": 2,
            "ux-writer": 1,
        },
    ),
    "platform": _mix(
        "technical-lead",
        ("cloud-architect", "web-operations-engineer", "software-developer"),
        {
            "software-developer": 20,
            "back-end-developer": 10,
            "web-operations-engineer": 10,
            "cloud-administrator": 10,
            "network-support-engineer": 10,
            "database-manager": 6,
            "software-tester": 5,
            "digital-security-manager": 5,
            "system-network-designer": 4,
            "service-integrator": 4,
            "cloud-architect": 3,
            "ict-system-integration-consultant": 3,
            "solution-architect": 3,
            "technical-architect": 3,
            "emerging-technologies-officer": 1,
        },
    ),
    "data": _mix(
        "data-scientist",
        ("business-intelligence-analyst", "data-entry-analyst"),
        {
            "data-entry-analyst": 20,
            "business-intelligence-analyst": 10,
            "data-scientist": 6,
            "data-migration-specialist": 6,
            "business-process-analyst": 5,
            "performance-analyst": 5,
            "database-manager": 4,
        },
    ),
    "support": _mix(
        "service-management-officer",
        ("help-desk-support-analyst",),
        {
            "help-desk-support-analyst": 40,
            "network-support-engineer": 10,
            "trainer": 8,
            "data-entry-analyst": 8,
            "service-management-officer": 6,
            "training-and-development-specialist": 4,
            "knowledge-and-content-development-officer": 4,
        },
    ),
}

# Posts that hold authority: always internal (heads of units are too).
INTERNAL_ONLY = frozenset(
    (*GOVERNMENT_LEADERS, "product-owner", "service-manager", "technical-lead")
)

RIGHTS: dict[str, list[str]] = {
    "digital-services-director": ["spend_control"],
    "chief-technology-officer": ["technical_decisions"],
    "chief-information-officer": ["technical_decisions"],
    "product-owner": ["product_decisions"],
    "service-manager": ["product_decisions", "technical_decisions"],
    "technical-lead": ["technical_decisions"],
}

# Seniority 5 (executive) .. 1 (support); roles not listed are professionals (2).
SENIORITY: dict[str, int] = {
    **dict.fromkeys(GOVERNMENT_LEADERS[:4], 5),
    **dict.fromkeys(
        (
            "data-protection-officer",
            "computer-and-information-systems-manager",
            "ict-operations-manager",
            "policy-manager",
            "service-manager",
            "product-manager",
            "technical-architect",
            "solution-architect",
            "cloud-architect",
            "digital-security-manager",
            "quality-services-manager",
            "shared-service-manager",
            "procurement-manager",
        ),
        4,
    ),
    **dict.fromkeys(
        (
            "product-owner",
            "technical-lead",
            "delivery-manager",
            "ict-project-manager",
            "project-manager",
            "data-scientist",
            "database-manager",
            "finance-management-officer",
            "legal-policy-officer",
            "system-network-designer",
            "ict-system-integration-consultant",
            "service-integrator",
        ),
        3,
    ),
    **dict.fromkeys(
        ("help-desk-support-analyst", "data-entry-analyst", "administrative-coordinator"), 1
    ),
}
GRADES = {1: ("G5", "G6"), 2: ("P2", "P3"), 3: ("P4",), 4: ("P5", "D1"), 5: ("D2",)}
BASE_COST = {1: 9_000, 2: 18_000, 3: 28_000, 4: 40_000, 5: 60_000}  # USD a year, internal
COST_FACTOR = {"internal": 1.0, "secondment": 1.0, "contract": 1.4, "consultant": 1.9}
