"""Quantity rules in words, in the active language."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _number(value: Decimal | int | float) -> str:
    d = Decimal(value)
    return str(d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize())


def describe_rule(
    *,
    kind: str,
    count: Decimal | int,
    per: Decimal | int | None = None,
    of_role: str | None = None,
    minimum: int | None = None,
    maximum: int | None = None,
) -> str:
    n = _number(count)
    texts = {
        "fixed": _("%(n)s in all") % {"n": n},
        "per_government": _("%(n)s at government level") % {"n": n},
        "per_ministry": _("%(n)s in each ministry") % {"n": n},
        "per_agency": _("%(n)s in each agency") % {"n": n},
        "per_service": _("%(n)s for each digital service") % {"n": n},
        "optional": _("optional"),
    }
    if kind == "ratio":
        text = _("%(n)s for every %(per)s %(role)s") % {
            "n": n,
            "per": _number(per or 1),
            "role": of_role or "?",
        }
    else:
        text = texts.get(kind, kind)
    bounds = []
    if minimum is not None:
        bounds.append(ngettext("at least %(m)d", "at least %(m)d", minimum) % {"m": minimum})
    if maximum is not None:
        bounds.append(ngettext("at most %(m)d", "at most %(m)d", maximum) % {"m": maximum})
    return f"{text} ({', '.join(bounds)})" if bounds else text
