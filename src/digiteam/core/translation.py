"""Model text in several languages: a field ``x`` (English) with ``x_fr`` and ``x_ar`` beside it."""

from __future__ import annotations

from django.utils.translation import get_language

TRANSLATED_LANGUAGES = ("fr", "ar")


def translated(instance: object, field: str) -> str:
    """The field in the active language, falling back to English when it is blank (of a model
    instance or any row with the same attributes, such as a named ``values_list`` row)."""
    language = (get_language() or "en").split("-")[0]
    if language in TRANSLATED_LANGUAGES:
        value = getattr(instance, f"{field}_{language}", "")
        if value:
            return str(value)
    return str(getattr(instance, field))
