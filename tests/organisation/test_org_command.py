"""`digiteam org export|import|generate`: thin over the services, exit code 2 on a problem."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.organisation.orgfiles import MINIMAL, export_text, org_counts


def _org(*args: str) -> str:
    out = io.StringIO()
    call_command("org", *args, stdout=out)
    return out.getvalue()


def _refused(*args: str) -> str:
    with pytest.raises(CommandError) as refused:
        _org(*args)
    assert refused.value.returncode == 2
    return str(refused.value)


@pytest.fixture
def minimal(shipped_reference: object) -> None:
    _org("import", str(MINIMAL))


def test_import_then_export_to_standard_output(minimal: None) -> None:
    assert _org("export", "--government", "minimal") == MINIMAL.read_text()


def test_export_to_a_file_takes_the_format_from_its_suffix(minimal: None, tmp_path: Path) -> None:
    out = _org("export", "--government", "minimal", "-o", str(tmp_path / "org.json"))
    assert out == f"Wrote {tmp_path / 'org.json'}\n"
    assert json.loads((tmp_path / "org.json").read_text())["government"]["code"] == "minimal"
    _org("export", "--government", "minimal", "-o", str(tmp_path / "o.json"), "--format", "yaml")
    assert (tmp_path / "o.json").read_text() == MINIMAL.read_text()
    people = _org("export", "--government", "minimal", "--without-people")
    assert "people" not in yaml.safe_load(people)


def test_export_of_an_unknown_government(minimal: None) -> None:
    message = _refused("export", "--government", "minimum")
    assert message == "unknown government 'minimum' (did you mean 'minimal'?)"


def test_import_prints_what_it_loaded(shipped_reference: object) -> None:
    out = _org("import", str(MINIMAL))
    assert out.startswith("Government 'minimal' imported (units: 2, positions: 2,")


def test_import_refusal_lists_every_problem_and_writes_nothing(
    minimal: None, tmp_path: Path
) -> None:
    broken = tmp_path / "org.yaml"
    broken.write_text(MINIMAL.read_text().replace("product-owner", "prodct-owner"))
    before = org_counts()
    assert _refused("import", str(broken)).splitlines() == [
        "nothing was imported:",
        f"{broken}:3 government.code: government 'minimal' already exists: "
        "use --replace to replace its organisation",
        f"{broken}:25 units[1].positions[1].role: "
        "unknown role 'prodct-owner' (did you mean 'product-owner'?)",
    ]
    assert org_counts() == before


def test_import_replace(minimal: None) -> None:
    assert "replaced" in _org("import", str(MINIMAL), "--replace")
    assert export_text("minimal") == MINIMAL.read_text()


def test_import_of_a_missing_file(shipped_reference: object, tmp_path: Path) -> None:
    assert _refused("import", str(tmp_path / "nope.yaml")).endswith("nope.yaml: file not found")


def test_generate_calls_the_generator_and_writes_its_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[dict[str, int]] = []

    def fake(**kwargs: int) -> dict[str, Any]:
        calls.append(kwargs)
        return yaml.safe_load(MINIMAL.read_text())

    monkeypatch.setattr("digiteam.organisation.generator.generate_org", fake)
    assert _org("generate", "--ministries", "3", "--positions", "40", "--seed", "7") == (
        MINIMAL.read_text()
    )
    assert calls == [{"ministries": 3, "positions": 40, "seed": 7}]
    _org(
        "generate",
        "--ministries",
        "1",
        "--positions",
        "9",
        "--seed",
        "0",
        "-o",
        f"{tmp_path}/g.json",
    )
    assert json.loads((tmp_path / "g.json").read_text())["units"][0]["id"] == "gov"


def test_generated_files_import_and_export_back_unchanged(
    shipped_reference: object, tmp_path: Path
) -> None:
    generated = tmp_path / "generated.yaml"
    _org("generate", "--ministries", "2", "--positions", "60", "--seed", "1", "-o", str(generated))
    _org("import", str(generated))
    code = yaml.safe_load(generated.read_text())["government"]["code"]
    exported = tmp_path / "exported.yaml"
    _org("export", "--government", code, "-o", str(exported))
    _org("import", str(exported), "--replace")
    assert export_text(code) == exported.read_text()


def test_generate_with_impossible_sizes() -> None:
    assert "ministries" in _refused(
        "generate", "--ministries", "0", "--positions", "1", "--seed", "1"
    )
