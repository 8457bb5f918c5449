"""Checks of a template document (a shipped file, or a body sent to the API) beyond its shape.

``template_problems`` checks the roles it names and its slugs against a set of roles: a file
against the files' taxonomy, the API against the stored one. ``template_errors`` adds what the
database could not store (a text too long, a count with too many decimals) and keys each
problem by the path of its field, as a request names it ("functions.2.slots.0.role").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from digiteam.compositions.models import Function, QuantityRule, RoleSlot, Template
from digiteam.compositions.schema import TemplateFile
from digiteam.core.located import Fields, Loc, Located, Problem, closest, duplicates
from digiteam.taxonomy.models import Role


def template_problems(
    template: TemplateFile,
    loc: Located,
    roles: set[str],
    groups: frozenset[str] | set[str] = frozenset(),
) -> list[Problem]:
    """Unknown roles, groups staffed as positions, slugs and roles given twice."""
    problems = []

    def unknown(role: str, where: Loc) -> None:
        if role in groups:
            message = _("'%(role)s' is a group of roles, not a position") % {"role": role}
            problems.append(loc.problem(where, message))
        elif role not in roles:
            close = closest(role, roles)
            message = (
                _("unknown role '%(role)s' (did you mean '%(close)s'?)")
                % {"role": role, "close": close}
                if close
                else _("unknown role '%(role)s'") % {"role": role}
            )
            problems.append(loc.problem(where, message))

    twice = duplicates(f.slug for f in template.functions)
    for i, f in enumerate(template.functions):
        if f.slug in twice:
            message = _("duplicate slug '%(slug)s'") % {"slug": f.slug}
            problems.append(loc.problem(("functions", i, "slug"), message))
        roles_twice = duplicates(s.role for s in f.slots)
        for j, s in enumerate(f.slots):
            where = ("functions", i, "slots", j)
            unknown(s.role, (*where, "role"))
            if s.role in roles_twice:
                message = _("role '%(role)s' is listed twice in '%(function)s'") % {
                    "role": s.role,
                    "function": f.slug,
                }
                problems.append(loc.problem((*where, "role"), message))
            for k, r in enumerate(s.rules):
                if r.of_role:
                    unknown(r.of_role, (*where, "rules", k, "of_role"))
    return problems


def template_errors(*, template: TemplateFile) -> dict[str, list[str]]:
    """Every problem of ``template`` against the stored roles, keyed by its field's path;
    empty when it can be saved."""
    kinds = dict(Role.objects.values_list("slug", "is_group"))
    roles = {slug for slug, group in kinds.items() if not group}
    groups = {slug for slug, group in kinds.items() if group}
    errors: dict[str, list[str]] = defaultdict(list)
    for problem in template_problems(template, Fields(), roles, groups):
        errors[problem.path].append(problem.message)
    for path, message in _storable(template):
        errors[path].append(message)
    return dict(errors)


# The file's name of a column whose name differs ("provenance_source" is "provenance.source").
_NAMES = {
    "provenance_source": "provenance.source",
    "provenance_anchor": "provenance.anchor",
    "provenance_note": "provenance.note",
    "minimum": "min",
    "maximum": "max",
}


def _storable(template: TemplateFile) -> Iterator[tuple[str, str]]:
    """What the columns refuse (lengths, digits, integer range), checked on unsaved rows."""
    p = template.provenance
    yield from _cleaned(
        Template(
            slug=template.slug,
            name=template.name,
            name_fr=template.name_fr,
            name_ar=template.name_ar,
            description=template.description,
            description_fr=template.description_fr,
            provenance_source=p.source,
            provenance_anchor=p.anchor,
            provenance_note=p.note,
        ),
        (),
    )
    for i, f in enumerate(template.functions):
        function = Function(
            slug=f.slug,
            name=f.name,
            name_fr=f.name_fr,
            name_ar=f.name_ar,
            source_text=f.source_text or "",
            unmodelled=f.unmodelled,
            unmodelled_fr=f.unmodelled_fr,
        )
        yield from _cleaned(function, ("functions", i), exclude=["template"])
        for j, s in enumerate(f.slots):
            where = ("functions", i, "slots", j)
            slot = RoleSlot(label=s.label, sourcing=s.sourcing, note=s.note, note_fr=s.note_fr)
            yield from _cleaned(slot, where, exclude=["function", "role"])
            for k, r in enumerate(s.rules):
                rule = QuantityRule(
                    kind=r.kind, count=r.count, per=r.per, minimum=r.min, maximum=r.max
                )
                yield from _cleaned(rule, (*where, "rules", k), exclude=["slot", "of_role"])


def _cleaned(
    instance: models.Model, where: Loc, exclude: list[str] | None = None
) -> Iterator[tuple[str, str]]:
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            path = ".".join(str(part) for part in (*where, _NAMES.get(field, field)))
            for message in messages:
                yield path, message
