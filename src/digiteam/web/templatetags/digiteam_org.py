"""Filters for the organisation pages."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import formats, numberformat

from digiteam.organisation.choices import UnitKind

register = template.Library()

CENT = Decimal("0.01")


@register.filter
def unit_kind(kind: str) -> str:
    """A built-in kind's translated label; a kind a government added, as written."""
    labels = dict(UnitKind.choices)
    return str(labels.get(kind, kind.replace("-", " ").replace("_", " ")))


def _localised(value: Decimal, decimals: int | None) -> str:
    """``value`` with the active locale's separators, digits always grouped.

    Some of Django's locales (Arabic among them) leave NUMBER_GROUPING at 0, which prints
    budgets as "1340000,50"; amounts here are grouped by thousands in every language.
    """
    grouping = formats.get_format("NUMBER_GROUPING") or 3
    return numberformat.format(
        value,
        decimal_sep=formats.get_format("DECIMAL_SEPARATOR"),
        decimal_pos=decimals,
        grouping=grouping,
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


@register.filter
def quantity(value: Decimal | int | None) -> str:
    """A count or a decimal such as an FTE, at most two decimals: "3.5", "12", "1,250.25"."""
    if value is None:
        return ""
    return _localised(Decimal(f"{Decimal(value):.2f}".rstrip("0").rstrip(".")), None)


@register.filter
def money(value: Decimal | None, currency: str = "") -> str:
    """An amount, with cents only when there are any, and the currency code when given."""
    if value is None:
        return ""
    cents = Decimal(value).quantize(CENT)
    text = _localised(cents, 0 if cents == cents.to_integral_value() else 2)
    return f"{text} {currency}" if currency else text
