"""Sizing: a template's quantity rules turned into planned positions.

This package's own modules are pure Python (snapshot in, plan out) except ``adapters``
(database -> snapshot) and ``services`` (``sizing_plan``, ``sizing_apply``), which are imported
from ``digiteam.organisation.sizing.services`` so that importing the package needs no database.
"""

from digiteam.organisation.sizing.fingerprint import fingerprint
from digiteam.organisation.sizing.plan import Action, Group, Plan, PlanLine, Totals
from digiteam.organisation.sizing.snapshot import SizingError

__all__ = ["Action", "Group", "Plan", "PlanLine", "SizingError", "Totals", "fingerprint"]
