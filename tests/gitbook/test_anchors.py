"""GitBook heading anchors, checked against links the GovStack pages really use."""

from __future__ import annotations

import pytest

from digiteam.gitbook.anchors import anchors_for, heading_anchor


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        # Headings and anchors as they appear in the GovStack documents.
        (
            "Chief  Security Information Officer (CISO)&#x20;",
            "chief-security-information-officer-ciso",
        ),
        (
            "Citizen Engagement Officer/Change Management Officer&#x20;",
            "citizen-engagement-officer-change-management-officer",
        ),
        ("Software/systems developer", "software-systems-developer"),
        ("UX/UI Designers&#x20;", "ux-ui-designers"),
        ("[Service designer](https://www.gov.uk/guidance/service-designer)", "service-designer"),
        ("Monitoring & Evaluation Officer", "monitoring-and-evaluation-officer"),
        ("&#x20;End Users", "end-users"),
        ("Back-end developers", "back-end-developers"),
        # Invented headings for the remaining rules.
        ("Payroll officer \\*closest role (clerk)", "payroll-officer-closest-role-clerk"),
        ("Head  of -- delivery -", "head-of-delivery"),
        ("The team's lead", "the-teams-lead"),
        ("The team\u2019s lead", "the-teams-lead"),
        ("**Bold** role", "bold-role"),
        ("Role \\[draft\\]", "role-draft"),
        ("A &#x26; B", "a-and-b"),
        ("snake_case name", "snake-case-name"),
        ("Développeur web", "développeur-web"),
        ("!!!", ""),
    ],
)
def test_heading_anchor(heading: str, anchor: str) -> None:
    assert heading_anchor(heading) == anchor


def test_repeated_headings_get_numbered_in_order() -> None:
    headings = ["Project manager", "Chief officer", "Project manager", "project  MANAGER"]
    assert anchors_for(headings) == [
        "project-manager",
        "chief-officer",
        "project-manager-1",
        "project-manager-2",
    ]


def test_numbered_suffix_skips_an_anchor_already_taken() -> None:
    assert anchors_for(["Clerk", "Clerk 1", "Clerk"]) == ["clerk", "clerk-1", "clerk-2"]
