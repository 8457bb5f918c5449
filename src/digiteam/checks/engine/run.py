"""Run the rules of a registry over an organisation, as a configuration says."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from typing import Any

from digiteam.checks.engine.config import (
    CheckConfig,
    ConfigError,
    RuleSettings,
    Waiver,
    config_problems,
)
from digiteam.checks.engine.declarative import requirement_rule
from digiteam.checks.engine.findings import Finding, findings_sorted
from digiteam.checks.engine.registry import Context, Registry, Rule
from digiteam.checks.engine.report import Report, RuleResult, WaivedFinding
from digiteam.checks.engine.snapshot import Organisation

CUSTOM = "configuration"


def run_checks(
    snapshot: Organisation,
    config: CheckConfig | None = None,
    *,
    registry: Registry | None = None,
) -> Report:
    """Check ``snapshot`` with the shipped rules (or ``registry``) and the government's
    ``config``; raises ``ConfigError`` when the configuration names unknown rules or params."""
    config = config or CheckConfig()
    registry = _registry(registry, config)
    today = config.today or datetime.date.today()
    ran: list[tuple[Rule, RuleSettings, int]] = []
    findings: list[Finding] = []
    for rule in registry:
        settings = config.rules.get(rule.code, RuleSettings())
        if not settings.enabled:
            continue
        severity = settings.severity or rule.severity
        checks = list(rule.check(snapshot, Context(today, _params(rule, settings))))
        findings += [
            Finding(rule.code, severity, c.subject, c.problem, rule.fix)
            for c in checks
            if not c.passed
        ]
        ran.append((rule, settings, len(checks)))
    open_findings, waived = _waive(findings, config.waivers, today)
    return Report(
        government=snapshot.government,
        checked_on=today,
        findings=findings_sorted(open_findings),
        waived=tuple(sorted(waived, key=lambda w: w.finding.sort_key)),
        rules=_results(ran, open_findings, waived),
        expired_waivers=tuple(w for w in config.waivers if not w.active(today)),
        unused_waivers=_unused(config.waivers, waived, today),
    )


def _registry(registry: Registry | None, config: CheckConfig) -> Registry:
    if registry is None:
        from digiteam.checks.rules import default_registry  # the shipped rules

        registry = default_registry()
    problems = [
        f"requirements[{i}]: the code {r.code} is already a rule's"
        for i, r in enumerate(config.requirements)
        if r.code in registry
    ]
    if not problems:
        registry = registry.extended(requirement_rule(r, CUSTOM) for r in config.requirements)
        problems = config_problems(config, registry)
    if problems:
        raise ConfigError(problems)
    return registry


def _params(rule: Rule, settings: RuleSettings) -> dict[str, Any]:
    params: dict[str, Any] = rule.defaults
    for name, value in settings.params.items():
        params[name] = tuple(value) if isinstance(value, list) else value
    return params


def _waive(
    findings: list[Finding], waivers: Sequence[Waiver], today: datetime.date
) -> tuple[list[Finding], list[WaivedFinding]]:
    """Findings that an active waiver hides move aside; expired waivers hide nothing."""
    active = {(w.rule, w.subject): w for w in waivers if w.active(today)}
    open_findings, waived = [], []
    for f in findings:
        waiver = active.get((f.rule, f.subject.key))
        if waiver is None:
            open_findings.append(f)
        else:
            waived.append(WaivedFinding(f, waiver))
    return open_findings, waived


def _results(
    ran: list[tuple[Rule, RuleSettings, int]],
    open_findings: list[Finding],
    waived: list[WaivedFinding],
) -> tuple[RuleResult, ...]:
    failed = Counter(f.rule for f in open_findings)
    hidden = Counter(w.finding.rule for w in waived)
    return tuple(
        RuleResult(
            code=rule.code,
            name=rule.name,
            principle=rule.principle,
            severity=settings.severity or rule.severity,
            checks=checks,
            failed=failed[rule.code],
            waived=hidden[rule.code],
        )
        for rule, settings, checks in ran
    )


def _unused(
    waivers: Sequence[Waiver], waived: list[WaivedFinding], today: datetime.date
) -> tuple[Waiver, ...]:
    used = {(w.waiver.rule, w.waiver.subject) for w in waived}
    return tuple(w for w in waivers if w.active(today) and (w.rule, w.subject) not in used)
