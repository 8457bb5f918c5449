"""docs/rules.md is generated from the registry, and the engine stays free of Django."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from digiteam.checks.docs import rules_markdown
from digiteam.checks.rules import default_registry

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ROOT / "src" / "digiteam" / "checks"
DJANGO_ALLOWED = {"adapters_db.py"}  # the one module that reads the database


def test_rules_reference_is_current() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert text == rules_markdown(default_registry()), (
        "docs/rules.md is stale: run uv run python tools/generate_docs.py"
    )


def test_rules_reference_shows_every_field_of_every_rule() -> None:
    text = rules_markdown(default_registry())
    for rule in default_registry():
        section = text.split(f"## {rule.code}\n", 1)[1].split("\n## ", 1)[0]
        for value in (rule.name, rule.severity, rule.principle, rule.source, rule.what):
            assert value in section, (rule.code, value)
        for value in (rule.rationale, rule.fix, rule.example):
            assert " ".join(value.split()) in section, rule.code
        for param in rule.params:
            assert f"`{param.name}`" in section, rule.code
    assert "principle's score" in text


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_checks_import_nothing_from_django_but_the_database_adapter() -> None:
    offenders = [
        f"{path.relative_to(CHECKS)}: {name}"
        for path in sorted(CHECKS.rglob("*.py"))
        if path.name not in DJANGO_ALLOWED
        for name in _imports(path)
        if name == "django" or name.startswith("django.")
    ]
    assert not offenders


def test_engine_imports_only_itself_the_rules_and_shared_schemas() -> None:
    allowed = (
        "digiteam.checks.engine",
        "digiteam.checks.rules",
        "digiteam.core.located",
        "digiteam.core.schema",
    )
    for path in sorted((CHECKS / "engine").glob("*.py")):
        ours = [n for n in _imports(path) if n.startswith("digiteam")]
        assert all(n.startswith(allowed) for n in ours), (path.name, ours)


def test_importing_the_checks_loads_no_django_module() -> None:
    code = (
        "import sys, digiteam.checks, digiteam.checks.engine, digiteam.checks.docs;"
        "digiteam.checks.default_registry();"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
