"""The fingerprint of a sized position: tells a position edited by hand from one left as sized.

Pure Python. Sizing stores it in ``Position.sized_as``; an importer that restores positions
computes it the same way. Units and roles are given by code and slug (stable across export and
import), numbers are compared as amounts ("1", 1 and Decimal("1.00") are the same FTE).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

FIELDS = ("unit", "role", "sourcing", "fte", "grade", "annual_cost", "status", "title")
SORTED_FIELDS = tuple(sorted(FIELDS))
AMOUNTS = frozenset({"fte", "annual_cost"})
CENT = Decimal("0.01")
_json_string = json.encoder.encode_basestring  # a str as JSON, non-ASCII kept


def fingerprint(position_fields: Mapping[str, object]) -> str:
    """SHA-256 (64 hex digits) of the sized fields.

    ``position_fields`` maps each of FIELDS to a plain value: ``unit`` is the unit's code,
    ``role`` the role's slug, ``fte`` and ``annual_cost`` numbers (``annual_cost`` may be
    None), the others strings. Other keys are ignored, so a whole row may be passed.
    """
    missing = [name for name in FIELDS if name not in position_fields]
    if missing:
        raise KeyError(f"fingerprint needs {', '.join(missing)}")
    # The JSON of the canonical fields, keys sorted, compact, not ASCII-escaped, written
    # directly (what ``json.dumps(..., sort_keys=True, separators=(",", ":"),
    # ensure_ascii=False)`` writes, without its per-call overhead: sizing hashes every position).
    parts = []
    for name in SORTED_FIELDS:
        value = _canonical(name, position_fields[name])
        parts.append(f'"{name}":{"null" if value is None else _json_string(value)}')
    text = "{" + ",".join(parts) + "}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(name: str, value: object) -> str | None:
    if value is not None and not isinstance(value, str | int | float | Decimal):
        # A model instance would hash its label: a silent mismatch later. Refuse it now.
        raise TypeError(f"fingerprint: '{name}' must be a plain value, not {type(value).__name__}")
    if name in AMOUNTS:
        if value is None or value == "":
            return None
        try:
            return str(Decimal(str(value)).quantize(CENT))
        except InvalidOperation:
            raise ValueError(f"fingerprint: '{name}' is not a number: {value!r}") from None
    return "" if value is None else str(value).strip()
