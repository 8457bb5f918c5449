"""Leadership: the posts that hold authority over digital services exist and are held.

The posts themselves (digital services director, CTO, CISO, CIOs) are declared in
``requirements.yaml``; the rules that need logic are here.
"""

from __future__ import annotations

from collections.abc import Iterator

from digiteam.checks.engine.findings import Check, failed, passed, position_subject
from digiteam.checks.engine.registry import Context, Param, Rule
from digiteam.checks.engine.snapshot import Organisation
from digiteam.checks.rules.common import CRITICAL_ROLES, LEADERSHIP


def critical_vacancies(org: Organisation, ctx: Context) -> Iterator[Check]:
    """Every position of a critical role (digital services director, chief technology officer,
    chief information officer, service manager, product owner, chief information security
    officer, data protection officer) that is vacant must have been so for at most `max_days`
    days on the check date. Positions of those roles that are not vacant pass; a vacant one
    without a `vacant_since` date is not judged, since its vacancy cannot be measured."""
    limit = int(ctx.params["max_days"])
    for role in CRITICAL_ROLES:
        for p in org.positions_of(role):
            if p.status != "vacant":
                yield passed(position_subject(org, p))
            elif p.vacant_since is not None:
                days = (ctx.today - p.vacant_since).days
                if days > limit:
                    yield failed(
                        position_subject(org, p),
                        f"Vacant for {days} days, since {p.vacant_since.isoformat()}; "
                        f"a critical post may stay vacant {limit} days.",
                    )
                else:
                    yield passed(position_subject(org, p))


CRITICAL_VACANCY = Rule(
    code="DIG106",
    name="Critical post vacant too long",
    severity="warning",
    principle="leadership",
    check=critical_vacancies,
    params=(Param("max_days", 180, "days a critical post may stay vacant"),),
    rationale=(
        "A post that exists only on the chart decides nothing. While the digital services "
        "director, a CIO or a product owner is missing, spending and product choices drift to "
        "whoever is present, often a supplier; while the CISO or the data protection officer "
        "is missing, nobody answers for security incidents or for the use of personal data."
    ),
    fix=(
        "Fill the post, or name an acting holder in a filled position and record the "
        "recruitment plan; if the post is no longer needed, retire it."
    ),
    example=(
        "The CIO post of the Ministry of Health has been vacant since 1 March; checked on "
        "30 November, 274 days later, it fails. Filling the post makes it pass; checked on "
        "28 August (180 days) it would still have passed."
    ),
    source=LEADERSHIP,
)

RULES = (CRITICAL_VACANCY,)
