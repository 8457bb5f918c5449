"""In control: government, not its suppliers, decides and can carry on without them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from decimal import Decimal

from digiteam.checks.engine.findings import (
    Check,
    failed,
    number,
    passed,
    percent,
    position_subject,
    unit_subject,
)
from digiteam.checks.engine.registry import Context, Param, Rule
from digiteam.checks.engine.snapshot import Organisation, Position, Unit
from digiteam.checks.rules.common import DECISION_ROLES, OUTSOURCED, SERVICE_TEAMS


def decision_roles_internal(org: Organisation, ctx: Context) -> Iterator[Check]:
    """Every position of a decision role (digital services director, chief technology officer,
    chief information officer, service manager, product owner) is sourced internally or by
    secondment, not by contract or consultancy."""
    for role in DECISION_ROLES:
        for p in org.positions_of(role):
            if p.sourcing in OUTSOURCED:
                vendor = f" from {org.vendor_name(p.vendor)}" if p.vendor else ""
                yield failed(position_subject(org, p), f"Sourced as {p.sourcing}{vendor}.")
            else:
                yield passed(position_subject(org, p))


DECISIONS_INTERNAL = Rule(
    code="DIG601",
    name="Decision roles held by government staff",
    severity="error",
    principle="in-control",
    check=decision_roles_internal,
    rationale=(
        "Whoever decides what is built, bought and spent must answer to the government alone. "
        "A contractor in a decision role decides on work that their own firm may be paid for, "
        "and takes the knowledge of why things were decided away when the contract ends."
    ),
    fix=(
        "Recruit the post internally or second a civil servant into it; a contractor can "
        "support the holder, in a separate position, for the transition."
    ),
    example=(
        "The product owner of the tax portal is a consultant from Acme: it fails. Making the "
        "position internal (and adding an Acme adviser position beside it if needed) makes it "
        "pass."
    ),
    source=SERVICE_TEAMS,
)


def _staffed_teams(org: Organisation) -> Iterator[tuple[Unit, Sequence[Position], Decimal]]:
    """Each team with its positions (in it and below it) and their FTE; empty teams skipped."""
    for team in org.teams:
        positions = org.positions_within(team.code)
        total = sum((p.fte for p in positions), Decimal(0))
        if total:
            yield team, positions, total


def contractor_share(org: Organisation, ctx: Context) -> Iterator[Check]:
    """In every team (a service's delivery team, or a unit of kind `team`), contract and
    consultant positions hold at most `max_share` per cent of the team's FTE, counting the
    positions in the team and below it. Teams without positions are not judged."""
    limit = Decimal(ctx.params["max_share"])
    for team, positions, total in _staffed_teams(org):
        outside = sum((p.fte for p in positions if p.sourcing in OUTSOURCED), Decimal(0))
        if 100 * outside / total > limit:
            yield failed(
                unit_subject(team),
                f"Contract and consultant staff hold {number(outside)} of {number(total)} FTE "
                f"({percent(outside, total)}); the limit is {number(limit)}%.",
            )
        else:
            yield passed(unit_subject(team))


CONTRACTOR_SHARE = Rule(
    code="DIG602",
    name="Team mostly staffed by government",
    severity="warning",
    principle="in-control",
    check=contractor_share,
    params=(Param("max_share", 50, "per cent of a team's FTE that may be contract or consultant"),),
    rationale=(
        "Contractors bring skills a team lacks, but when they are most of the team the knowledge "
        "of the service lives outside government: the team cannot change supplier, or carry on "
        "when a contract ends, without starting again."
    ),
    fix=(
        "Convert long-running contract positions into internal posts, or pair each contractor "
        "with an internal counterpart who takes the work over."
    ),
    example=(
        "The 'tax-portal-team' has 10 FTE of which 6 are contract staff (60%): it fails. "
        "Making two of those positions internal (4 of 10, 40%) makes it pass."
    ),
    source=SERVICE_TEAMS,
)


def vendor_dependence(org: Organisation, ctx: Context) -> Iterator[Check]:
    """In every team (a service's delivery team, or a unit of kind `team`), no single vendor
    supplies more than `max_share` per cent of the team's FTE, counting the positions in the
    team and below it. Teams without positions are not judged."""
    limit = Decimal(ctx.params["max_share"])
    for team, positions, total in _staffed_teams(org):
        by_vendor: dict[str, Decimal] = defaultdict(Decimal)
        for p in positions:
            if p.vendor:
                by_vendor[p.vendor] += p.fte
        top = max(sorted(by_vendor), key=lambda v: by_vendor[v], default=None)
        supplied = by_vendor[top] if top else Decimal(0)
        if top and 100 * supplied / total > limit:
            yield failed(
                unit_subject(team),
                f"{org.vendor_name(top)} supplies {number(supplied)} of {number(total)} FTE "
                f"({percent(supplied, total)}); the limit for one vendor is {number(limit)}%.",
            )
        else:
            yield passed(unit_subject(team))


VENDOR_DEPENDENCE = Rule(
    code="DIG603",
    name="Team not dependent on one vendor",
    severity="warning",
    principle="in-control",
    check=vendor_dependence,
    params=(Param("max_share", 40, "per cent of a team's FTE one vendor may supply"),),
    rationale=(
        "A team that relies on one supplier for a large part of its people cannot negotiate, "
        "replace it or survive its failure; the supplier becomes the de facto owner of the "
        "service."
    ),
    fix=(
        "Spread contract positions across several vendors, or replace some of them with "
        "internal posts, until no vendor supplies more than the limit."
    ),
    example=(
        "In a 10 FTE team, Acme supplies 5 FTE (50%): it fails. Moving one position to another "
        "vendor and one to internal staff (Acme: 3 FTE, 30%) makes it pass."
    ),
    source=SERVICE_TEAMS,
)


def internal_only_functions(org: Organisation, ctx: Context) -> Iterator[Check]:
    """Every position sized from a function that the applied template staffs with internal
    staff only (every slot of the function allows `internal` and nothing else) is internal."""
    for function in org.functions:
        if not function.internal_only:
            continue
        for p in org.positions_in_function(function.key):
            if p.sourcing == "internal":
                yield passed(position_subject(org, p))
            else:
                yield failed(
                    position_subject(org, p),
                    f"Sourced as {p.sourcing}, but the function '{function.name}' of the "
                    f"template '{function.template}' is internal only.",
                )


INTERNAL_FUNCTIONS = Rule(
    code="DIG604",
    name="Internal-only functions staffed internally",
    severity="error",
    principle="in-control",
    check=internal_only_functions,
    rationale=(
        "A composition template marks a function internal-only when it holds authority or "
        "continuity the government must keep, such as leadership, administration or performance "
        "monitoring. Staffing it from outside quietly undoes the choice the template records."
    ),
    fix=(
        "Make the position internal; if outside help is needed, add it as a separate position "
        "outside the function."
    ),
    example=(
        "A position sized from 'djibouti-digital-team/performance-and-monitoring/"
        "performance-analyst' is contract: it fails, because that function is internal only. "
        "Making it internal makes it pass."
    ),
    source=SERVICE_TEAMS,
)


def vendor_staff_in_decision_posts(org: Organisation, ctx: Context) -> Iterator[Check]:
    """Every government (internal or seconded) position of a decision role that someone holds
    on the check date is held by people the government employs, not by a vendor's staff.
    Positions nobody holds on that date are not judged."""
    for role in DECISION_ROLES:
        for p in org.positions_of(role):
            current = [a for a in org.assignments_of(p.code) if a.current(ctx.today)]
            if p.sourcing in OUTSOURCED or not current:
                continue
            vendors = sorted({a.employer for a in current if a.employer})
            if vendors:
                names = ", ".join(org.vendor_name(v) for v in vendors)
                yield failed(
                    position_subject(org, p),
                    f"Recorded as {p.sourcing} but held by staff of {names}.",
                )
            else:
                yield passed(position_subject(org, p))


VENDOR_STAFF = Rule(
    code="DIG605",
    name="Decision posts not held by vendor staff",
    severity="warning",
    principle="in-control",
    check=vendor_staff_in_decision_posts,
    rationale=(
        "A post recorded as internal but filled by a supplier's employee looks safe on the chart "
        "while the decisions are in fact taken by the vendor; it hides exactly the dependency "
        "the other checks look for."
    ),
    fix=(
        "Appoint a government employee to the post, or record the position honestly as contract "
        "so that it is visible (DIG601 then asks for it to be brought in-house)."
    ),
    example=(
        "The CTO position is internal, but the person assigned to it is employed by Acme: it "
        "fails. Assigning a civil servant to it makes it pass."
    ),
    source=SERVICE_TEAMS,
)

RULES = (
    DECISIONS_INTERNAL,
    CONTRACTOR_SHARE,
    VENDOR_DEPENDENCE,
    INTERNAL_FUNCTIONS,
    VENDOR_STAFF,
)
