"""Governance: one accountable owner per service, and services grouped in four areas."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from digiteam.checks.engine.findings import Check, codes, failed, passed, service_subject
from digiteam.checks.engine.registry import Context, Rule
from digiteam.checks.engine.snapshot import Organisation, Position, Service
from digiteam.checks.rules.common import GOVERNANCE, OUTSOURCED

ACCOUNTABLE_ROLES = ("service-manager", "product-owner")
PRODUCT_DECISIONS = "product_decisions"


def accountable_owner(org: Organisation, ctx: Context) -> Iterator[Check]:
    """Every digital service has exactly one accountable owner: one position of a service
    manager or a product owner that holds product decisions, in the service's team or in its
    owning unit; and that position is not filled by contract or consultant staff."""
    by_unit: dict[str, list[Position]] = defaultdict(list)
    for role in ACCOUNTABLE_ROLES:
        for p in org.positions_of(role):
            by_unit[p.unit].append(p)
    for s in org.services:
        units = dict.fromkeys(u for u in (s.team, s.owner) if u)
        candidates = [p for u in units for p in by_unit.get(u, ())]
        problem = _accountability_problem(org, s, candidates)
        yield failed(service_subject(s), problem) if problem else passed(service_subject(s))


def _accountability_problem(
    org: Organisation, service: Service, candidates: Sequence[Position]
) -> str:
    holders = [p for p in candidates if PRODUCT_DECISIONS in p.rights]
    where = " or ".join(
        org.unit(u).name for u in dict.fromkeys(filter(None, (service.team, service.owner)))
    )
    if not holders:
        others = (
            f" ({len(candidates)} without that right: {codes(candidates)})" if candidates else ""
        )
        return f"No service manager or product owner with product decisions in {where}{others}."
    if len(holders) > 1:
        return (
            f"{len(holders)} positions hold product decisions over it ({codes(holders)}); "
            "accountability must rest with one."
        )
    owner = holders[0]
    if owner.sourcing in OUTSOURCED:
        return f"The accountable position {owner.code} is filled by {owner.sourcing} staff."
    return ""


ACCOUNTABLE_OWNER = Rule(
    code="DIG401",
    name="One accountable owner per service",
    severity="error",
    principle="governance",
    check=accountable_owner,
    rationale=(
        "Services stall when decisions need a committee's consensus. One named person with the "
        "authority to decide what the service does, and who answers for its results, lets the "
        "team move quickly and tells everyone else whom to ask. Two holders of the same "
        "authority bring the committee back; a supplier holding it puts the vendor in charge."
    ),
    fix=(
        "Give product decisions to exactly one service manager or product owner position in the "
        "service's team or owning unit, staffed by a government employee (or a secondee); "
        "remove the right from the others."
    ),
    example=(
        "The passport service's team has a product owner without product decisions and its "
        "owning department has none either: it fails with 'No service manager or product owner "
        "with product decisions'. Granting product decisions to the product owner makes it pass; "
        "granting it to the department's service manager as well makes it fail again."
    ),
    source=GOVERNANCE,
)


def service_area(org: Organisation, ctx: Context) -> Iterator[Check]:
    """Every digital service belongs to one of the four governance areas: mission IT, digital
    public services, infrastructure or shared services."""
    for s in org.services:
        if s.area:
            yield passed(service_subject(s))
        else:
            yield failed(service_subject(s), "No governance area is recorded.")


SERVICE_AREA = Rule(
    code="DIG402",
    name="Service in a governance area",
    severity="warning",
    principle="governance",
    check=service_area,
    rationale=(
        "Grouping services into a few areas (mission IT, digital public services, "
        "infrastructure, shared services) gives each area one simple line of decision instead "
        "of layered boards, and shows where the same capability is being built twice."
    ),
    fix=(
        "Set the service's area: `digital_public_services` for what citizens and businesses use, "
        "`mission_it` for systems specific to the department's work, `infrastructure` for "
        "hosting and networks, `shared_services` for what several departments reuse."
    ),
    example=(
        "The payroll system has no area: it fails. Setting `area: shared_services` makes it pass."
    ),
    source=GOVERNANCE,
)

RULES = (ACCOUNTABLE_OWNER, SERVICE_AREA)
