"""The illustrative Djibouti organisation: valid, consistent with the reference data, and weak
exactly where its "# WEAKNESS:" comments say."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

import digiteam
from digiteam.organisation.schema import OrgFile, PositionIn

DATA = Path(digiteam.__file__).parent / "data"
DEMO = DATA / "demo" / "djibouti.yaml"
REFERENCE = DATA / "reference"
VENDOR_SOURCING = ("contract", "consultant")

# A few words of each deliberate weakness, as its comment states it.
WEAKNESSES = [
    "no chief technology officer",
    "no product owner and no service manager",
    "product owner is a contract position",
    "no content designer and no user researcher",
    "vendor dependency",
    "no data protection officer",
    "no governance area",
    "no spend control",
    "no CIO",
    "vacant since September 2025",
]


@pytest.fixture(scope="module")
def text() -> str:
    return DEMO.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def org(text: str) -> OrgFile:
    return OrgFile.model_validate(yaml.safe_load(text))


def _positions(org: OrgFile) -> list[tuple[str, PositionIn]]:
    return [(unit.id, p) for unit in org.units for p in unit.positions]


def _roles_at(org: OrgFile) -> dict[str, set[str]]:
    roles: defaultdict[str, set[str]] = defaultdict(set)
    for unit, p in _positions(org):
        roles[unit].add(p.role)
    return roles


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- the file ----------------------------------------------------------------------------


def test_starts_by_saying_its_content_is_invented(text: str) -> None:
    head = text.split("\n\n")[0]
    assert head.startswith("#") and "invented for demonstration" in head


def test_is_an_illustrative_government_of_djibouti(org: OrgFile) -> None:
    gov = org.government
    assert gov.illustrative is True
    assert (gov.code, gov.country, gov.languages, gov.currency) == (
        "djibouti",
        "DJ",
        ["fr", "ar"],
        "DJF",
    )
    assert gov.name == "Government of Djibouti (illustrative)"
    assert gov.name_fr == "Gouvernement de Djibouti (illustratif)" and gov.name_ar
    assert org.templates == ["djibouti-digital-team"]


def test_size_is_that_of_a_small_government(org: OrgFile) -> None:
    kinds = Counter(unit.kind for unit in org.units)
    assert kinds["government"] == 1 and 8 <= kinds["ministry"] <= 12
    assert kinds["agency"] >= 3 and kinds["team"] >= 5
    assert 120 <= len(_positions(org)) <= 250
    assert 2 <= len(org.vendors) <= 3


def test_every_reference_points_to_something(org: OrgFile) -> None:
    units = {u.id for u in org.units}
    positions = {p.id for _, p in _positions(org)}
    vendors = {v.id for v in org.vendors}
    assert len(positions) == len(_positions(org)) and len(units) == len(org.units)
    assert [u.kind for u in org.units if u.parent is None] == ["government"]
    assert all(u.parent in units for u in org.units if u.parent)
    assert all({s.owner, s.team} <= units for s in org.services)
    for _, p in _positions(org):
        assert {p.reports_to or "gov-dsd", *p.dotted_to} <= positions
        assert (p.vendor in vendors) if p.sourcing in VENDOR_SOURCING else p.vendor is None
    for person in org.people:
        assert {a.position for a in person.assignments} <= positions
        assert person.employer is None or person.employer in vendors


def test_reporting_lines_lead_to_the_digital_services_director(org: OrgFile) -> None:
    boss = {p.id: p.reports_to for _, p in _positions(org)}
    for start in boss:
        chain = [start]
        while (above := boss[chain[-1]]) is not None:
            assert above not in chain, f"cycle through {above}"
            chain.append(above)
        assert chain[-1] == "gov-dsd"


def test_roles_are_positions_of_the_taxonomy(org: OrgFile) -> None:
    roles = {r["slug"] for r in _yaml(REFERENCE / "taxonomy.yaml")["roles"] if not r.get("group")}
    assert {p.role for _, p in _positions(org)} <= roles


def test_slots_exist_in_the_applied_template_and_match_the_role(org: OrgFile) -> None:
    slots = set()
    for path in (REFERENCE / "templates").glob("*.yaml"):
        template = _yaml(path)
        if template["slug"] in org.templates:
            for function in template["functions"]:
                slots |= {
                    f"{template['slug']}/{function['slug']}/{s['role']}" for s in function["slots"]
                }
    sized = [p for _, p in _positions(org) if p.slot]
    assert len(sized) > 80
    for p in sized:
        assert p.slot in slots and p.slot.endswith(f"/{p.role}"), p.id


def test_filled_positions_are_held_and_contract_staff_work_for_their_vendor(org: OrgFile) -> None:
    positions = {p.id: p for _, p in _positions(org)}
    held = Counter(a.position for person in org.people for a in person.assignments)
    assert set(held) == {code for code, p in positions.items() if p.status == "filled"}
    assert max(held.values()) == 1
    for person in org.people:
        for a in person.assignments:
            assert a.start < datetime.date(2026, 11, 1) and a.fte == positions[a.position].fte
            assert person.employer == positions[a.position].vendor


# --- the deliberate weaknesses ---------------------------------------------------------------


def test_each_weakness_is_documented_where_it_is(text: str) -> None:
    comments = [
        line.strip() for line in text.splitlines() if line.strip().startswith("# WEAKNESS:")
    ]
    assert len(comments) >= 8
    documented = " ".join(text.split("# WEAKNESS:")[1:])
    for words in WEAKNESSES:
        assert words in " ".join(documented.split()), words


def test_leadership_weaknesses_are_real(org: OrgFile) -> None:
    roles = Counter(p.role for _, p in _positions(org))
    assert roles["chief-technology-officer"] == 0
    assert roles["data-protection-officer"] == 0 and all(s.personal_data for s in org.services)
    director = next(p for _, p in _positions(org) if p.role == "digital-services-director")
    assert "spend_control" not in director.rights
    ciso = next(p for _, p in _positions(org) if p.role == "chief-information-security-officer")
    assert ciso.status == "vacant" and ciso.vacant_since == datetime.date(2025, 9, 1)


def test_exactly_one_ministry_lacks_a_cio(org: OrgFile) -> None:
    roles = _roles_at(org)
    ministries = [u.id for u in org.units if u.kind == "ministry"]
    assert [m for m in ministries if "chief-information-officer" not in roles[m]] == ["mj"]


def test_service_weaknesses_are_real(org: OrgFile) -> None:
    roles = _roles_at(org)
    teams = {s.id: s.team or "" for s in org.services}
    owners = {"product-owner", "service-manager"}
    assert [s for s, team in teams.items() if not owners & roles[team]] == [
        "online-tax-declaration"
    ]
    assert [s.id for s in org.services if s.area is None] == ["online-tax-declaration"]
    designers = {"content-designer", "user-researcher"}
    assert [s for s, team in teams.items() if not designers & roles[team]] == ["birth-certificate"]
    contract_owners = [
        unit
        for unit, p in _positions(org)
        if p.role == "product-owner" and p.sourcing != "internal"
    ]
    assert contract_owners == ["mb-payroll"]


def test_exactly_one_team_depends_on_one_vendor_for_most_of_its_fte(org: OrgFile) -> None:
    dependent = []
    for unit in org.units:
        if unit.kind != "team":
            continue
        total = sum((p.fte for p in unit.positions), Decimal(0))
        by_vendor: defaultdict[str, Decimal] = defaultdict(Decimal)
        for p in unit.positions:
            if p.vendor:
                by_vendor[p.vendor] += p.fte
        if by_vendor and max(by_vendor.values()) > total / 2:
            dependent.append(unit.id)
    assert dependent == ["mb-payroll"]


def test_sourcing_follows_the_template_but_for_the_contract_product_owner(org: OrgFile) -> None:
    allowed = {}
    for function in _yaml(REFERENCE / "templates" / "djibouti.yaml")["functions"]:
        for slot in function["slots"]:
            sourcing = {"secondment" if s == "focal_point" else s for s in slot["sourcing"]}
            allowed[f"djibouti-digital-team/{function['slug']}/{slot['role']}"] = sourcing
    outside = [p.id for _, p in _positions(org) if p.slot and p.sourcing not in allowed[p.slot]]
    assert outside == ["payroll-po"]
