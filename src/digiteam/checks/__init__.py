"""Checks: test an organisation against the principles and the reference composition.

``engine`` is the Django-free core; ``rules`` holds the shipped rules (one module per
principle, plus ``requirements.yaml`` for the declarative ones); ``adapters_file`` builds a
snapshot from an organisation file, ``adapters_db`` from the database (the only module here that
imports Django, and so not imported by this package).

    from digiteam.checks import run_checks, snapshot_from_orgfile
    report = run_checks(snapshot_from_orgfile(org, reference_read()), config)
"""

from digiteam.checks.adapters_file import snapshot_from_orgfile
from digiteam.checks.engine import CheckConfig, Organisation, Report, config_read, run_checks
from digiteam.checks.rules import default_registry

__all__ = [
    "CheckConfig",
    "Organisation",
    "Report",
    "config_read",
    "default_registry",
    "run_checks",
    "snapshot_from_orgfile",
]
