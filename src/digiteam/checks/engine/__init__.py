"""The checks engine: pure Python, no Django.

Snapshot dataclasses (``snapshot``), findings (``findings``), the rule registry (``registry``),
declarative rules (``declarative``), the government's configuration (``config``), the run
(``run``) and its report (``report``).
"""

from digiteam.checks.engine.config import (
    CheckConfig,
    ConfigError,
    RuleSettings,
    Waiver,
    config_read,
)
from digiteam.checks.engine.declarative import Requirement, requirement_rule, requirements_read
from digiteam.checks.engine.findings import Check, Finding, Subject, failed, passed
from digiteam.checks.engine.registry import PRINCIPLES, Context, Param, Registry, Rule
from digiteam.checks.engine.report import Report, RuleResult, Score, WaivedFinding
from digiteam.checks.engine.run import run_checks
from digiteam.checks.engine.snapshot import (
    Assignment,
    Function,
    Government,
    Organisation,
    Position,
    Role,
    Service,
    Slot,
    SnapshotError,
    Template,
    Unit,
    Vendor,
)

__all__ = [
    "PRINCIPLES",
    "Assignment",
    "Check",
    "CheckConfig",
    "ConfigError",
    "Context",
    "Finding",
    "Function",
    "Government",
    "Organisation",
    "Param",
    "Position",
    "Registry",
    "Report",
    "Requirement",
    "Role",
    "Rule",
    "RuleResult",
    "RuleSettings",
    "Score",
    "Service",
    "Slot",
    "SnapshotError",
    "Subject",
    "Template",
    "Unit",
    "Vendor",
    "WaivedFinding",
    "Waiver",
    "config_read",
    "failed",
    "passed",
    "requirement_rule",
    "requirements_read",
    "run_checks",
]
