"""Labels and links for the checks pages.

The engine speaks English (rule names, messages, fixes); the pages translate what they own:
principle titles, severities and their own words. ``engine_text`` marks the engine's English
for assistive technology when the page is in another language.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from digiteam.checks.engine import Finding
from digiteam.checks.rules import default_registry
from digiteam.checks.selectors import ChecksPage

register = template.Library()

PRINCIPLE_TITLES = {
    "leadership": _("Appoint qualified digital leadership"),
    "ownership": _("Bring ownership and control back to departments"),
    "service-teams": _("Build service teams"),
    "governance": _("Simplify governance"),
    "user-needs": _("Focus on user needs"),
    "in-control": _("Government, not vendors, in control"),
    "composition": _("Staff the functions of the reference composition"),
}
SEVERITY_LABELS = {"error": _("Error"), "warning": _("Warning"), "info": _("Info")}
URL_NAMES = {
    "government": "web:org-government",
    "unit": "web:org-unit",
    "position": "web:org-position",
}


@register.filter
def principle_title(slug: str) -> str:
    return str(PRINCIPLE_TITLES.get(slug, slug))


@register.filter
def severity_label(severity: str) -> str:
    return str(SEVERITY_LABELS.get(severity, severity))


@register.filter
def subject_url(finding: Finding, page: ChecksPage) -> str:
    """The page about a finding's subject (a service: its owning unit's); "" when none."""
    link = page.links.get(finding.subject.key)
    if link is None:
        return ""
    kind, code = link
    gov = page.report.government.code
    return reverse(URL_NAMES[kind], args=[gov] if kind == "government" else [gov, code])


@register.filter
def rule_documented(code: str) -> bool:
    """A shipped rule, listed on the rules page (a government's own rules are not)."""
    return code in default_registry()


@register.simple_tag
def engine_text() -> SafeString:
    """``lang``/``dir`` attributes for the engine's English text on a page in another language."""
    if (get_language() or "en").split("-")[0] == "en":
        return mark_safe("")
    return mark_safe(' lang="en" dir="ltr"')  # a constant: nothing to escape


@register.filter
def param_value(value: object) -> str:
    """A parameter's default as a government would write it: lists comma-separated."""
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return str(value)
