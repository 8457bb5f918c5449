from django import template

from digiteam.core.choices import Sourcing

register = template.Library()


@register.filter
def sourcing_labels(values: list[str]) -> str:
    """Sourcing codes as translated labels, comma-separated."""
    labels = dict(Sourcing.choices)
    return ", ".join(str(labels.get(v, v)) for v in values)
