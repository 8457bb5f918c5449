from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from typing import Any

from django.core.management.base import CommandError

from digiteam.cli.base import Command as BaseCommand
from digiteam.cli.progress import Progress
from digiteam.compositions.models import Template
from digiteam.core.located import did_you_mean
from digiteam.organisation.models import Government, Unit
from digiteam.organisation.sizing import Action, Group, Plan, SizingError, Totals
from digiteam.organisation.sizing.services import sizing_apply, sizing_plan


class Command(BaseCommand):
    help = (
        "Plan the positions a composition template asks for in a government, or under one of "
        "its units: what to add, what to retire, what stays and what conflicts. Nothing changes "
        "without --apply. Exit 0 with or without conflicts; 2 for an unknown government, "
        "template or unit, or a template that cannot be sized."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--government", required=True, metavar="CODE", help="government code")
        parser.add_argument("--template", required=True, metavar="SLUG", help="template slug")
        parser.add_argument(
            "--under",
            metavar="UNIT",
            help="size only this unit's subtree (a unit code); default: the whole government",
        )
        parser.add_argument(
            "--apply",
            action="store_true",
            help="write the plan in one transaction; conflicts are left as they are",
        )
        parser.add_argument(
            "--format", choices=["text", "json"], default="text", help="report format (text)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        government = _government(options["government"])
        template = _template(options["template"])
        under = _unit(government, options["under"]) if options["under"] else None
        size = sizing_apply if options["apply"] else sizing_plan
        with Progress(self.stderr, "size") as progress:
            progress.stage("planning and applying" if options["apply"] else "planning")
            try:
                plan = size(government=government, template=template, under=under)
            except SizingError as exc:
                raise CommandError(str(exc), returncode=2) from None
            progress.stage("writing the report")
            if options["format"] == "json":
                text = json.dumps(plan.to_dict(), indent=2, ensure_ascii=False)
            else:
                text = "\n".join(report(plan, name=government.label))
        self.stdout.write(text)


def _government(code: str) -> Government:
    found = Government.objects.filter(code=code).first()
    if found is None:
        codes = Government.objects.values_list("code", flat=True)
        raise CommandError(f"unknown government '{code}'{did_you_mean(code, codes)}", returncode=2)
    return found


def _template(slug: str) -> Template:
    found = Template.objects.filter(slug=slug).first()
    if found is None:
        slugs = Template.objects.values_list("slug", flat=True)
        raise CommandError(f"unknown template '{slug}'{did_you_mean(slug, slugs)}", returncode=2)
    return found


def _unit(government: Government, code: str) -> Unit:
    found = Unit.objects.filter(government=government, code=code).first()
    if found is None:
        codes = Unit.objects.filter(government=government).values_list("code", flat=True)
        hint = did_you_mean(code, codes)
        raise CommandError(f"unknown unit '{code}' in '{government.code}'{hint}", returncode=2)
    return found


def report(plan: Plan, *, name: str) -> list[str]:
    """The plan as text: units with something to do, then functions, then totals."""
    scope = f"under '{plan.under}'" if plan.under else "whole government"
    out = [f"Sizing '{plan.template}' for {name} ({plan.government}), {scope}", ""]
    quiet = 0
    for group in plan.by_unit():
        if any(line.action not in (Action.KEEP, Action.ADOPT) for line in group.lines):
            out += [*_unit_lines(group), ""]
        else:
            quiet += 1
    if quiet:
        out += [f"{quiet} unit(s) already match the template.", ""]
    out += ["By function:"]
    width = max((len(g.name) for g in plan.by_function()), default=0)
    for group in plan.by_function():
        t = group.totals
        if t.add or t.retire or group.of(Action.CONFLICT):
            out.append(f"  {group.name.ljust(width)}  +{t.add} -{t.retire}{_conflicts(group)}")
    return [*out, "", *_totals(plan)]


def _unit_lines(group: Group) -> list[str]:
    out = [f"{group.key}  {group.name}"]
    for action, sign in ((Action.ADD, "+"), (Action.RETIRE, "-")):
        counts = Counter((line.role_name, line.sourcing) for line in group.of(action))
        for (role, sourcing), n in counts.items():
            out.append(f"  {sign} {role} x{n} ({sourcing})")
    for line in group.of(Action.CONFLICT):
        out.append(f"  ! {line.role_name} {line.code}: {line.reason}")
    kept, adopted = group.of(Action.KEEP), group.of(Action.ADOPT)
    if kept or adopted:
        edited = sum(1 for line in kept if line.edited)
        note = f", {edited} edited by hand" if edited else ""
        out.append(f"  = {len(kept)} kept, {len(adopted)} adopted{note}")
    return out


def _conflicts(group: Group) -> str:
    n = len(group.of(Action.CONFLICT))
    return f"  {n} conflict(s)" if n else ""


def _fte(amount: Decimal, *, sign: bool = False) -> str:
    text = f"{amount.normalize():f}"
    return f"+{text}" if sign and amount >= 0 else text


def _cost(amount: Decimal, uncosted: int, count: int, *, sign: bool = False) -> str:
    if count and uncosted == count:
        return "cost unknown"
    text = f"{amount:+,.2f}" if sign else f"{amount:,.2f}"
    return text + (f" ({uncosted} without a cost)" if uncosted else "")


def _totals(plan: Plan) -> list[str]:
    t: Totals = plan.totals
    uncosted, count = t.add_uncosted + t.retire_uncosted, t.add + t.retire
    out = [
        f"Totals ({plan.currency}):",
        f"  add     {t.add} position(s), {_fte(t.add_fte)} FTE, "
        + _cost(t.add_cost, t.add_uncosted, t.add),
        f"  retire  {t.retire} position(s), {_fte(t.retire_fte)} FTE, "
        + _cost(t.retire_cost, t.retire_uncosted, t.retire),
        f"  net     {_fte(t.net_fte, sign=True)} FTE, "
        + _cost(t.net_cost, uncosted, count, sign=True),
        f"  {len(plan.unchanged)} unchanged, {len(plan.conflicts)} conflict(s) left as they are",
    ]
    if plan.applied:
        out.append(f"Applied: {t.add} position(s) added, {t.retire} retired.")
    elif plan.has_changes:
        out.append("Plan only: nothing was changed. Run again with --apply to write it.")
    else:
        out.append("Nothing to add or retire.")
    return out
