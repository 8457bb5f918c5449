"""generate_org: deterministic, valid, exactly sized, realistic in shape, fast at national scale."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

import digiteam
from digiteam.organisation.generator import generate_org
from digiteam.organisation.schema import OrgFile

TAXONOMY = Path(digiteam.__file__).parent / "data" / "reference" / "taxonomy.yaml"
Org = dict[str, Any]


@pytest.fixture(scope="module")
def org() -> Org:
    return generate_org(ministries=12, positions=3000, seed=7)


def _positions(org: Org) -> list[dict[str, Any]]:
    return [p for unit in org["units"] for p in unit["positions"]]


def _shares(values: list[str]) -> dict[str, float]:
    return {key: n / len(values) for key, n in Counter(values).items()}


def test_same_arguments_give_equal_data_whatever_the_global_random_state() -> None:
    random.seed(1)
    first = generate_org(ministries=5, positions=800, seed=42)
    random.seed(2)
    assert generate_org(ministries=5, positions=800, seed=42) == first


def test_another_seed_gives_other_data() -> None:
    first = generate_org(ministries=5, positions=800, seed=42)
    assert generate_org(ministries=5, positions=800, seed=43) != first


def test_validates_against_the_org_file_schema(org: Org) -> None:
    OrgFile.model_validate(org)


@pytest.mark.parametrize(
    ("ministries", "positions"), [(1, 6), (3, 100), (12, 3000), (400, 405), (400, 5000)]
)
def test_position_count_is_exact(ministries: int, positions: int) -> None:
    org = generate_org(ministries=ministries, positions=positions, seed=1)
    assert len(_positions(org)) == positions
    assert sum(u["kind"] == "ministry" for u in org["units"]) == ministries


def test_too_few_positions_for_the_ministries_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 15 positions"):
        generate_org(ministries=10, positions=14, seed=1)


def test_sourcing_mix_is_close_to_the_target(org: Org) -> None:
    shares = _shares([p["sourcing"] for p in _positions(org)])
    assert shares["internal"] == pytest.approx(0.65, abs=0.04)
    assert shares["contract"] == pytest.approx(0.20, abs=0.04)
    assert shares["consultant"] == pytest.approx(0.10, abs=0.03)
    assert shares["secondment"] == pytest.approx(0.05, abs=0.02)


def test_status_mix_is_close_to_the_target(org: Org) -> None:
    shares = _shares([p["status"] for p in _positions(org)])
    assert shares["filled"] == pytest.approx(0.70, abs=0.04)
    assert shares["vacant"] == pytest.approx(0.15, abs=0.03)
    assert shares["approved"] == pytest.approx(0.10, abs=0.03)
    assert shares["planned"] == pytest.approx(0.05, abs=0.02)


def test_ids_are_unique_within_each_kind(org: Org) -> None:
    for ids in (
        [u["id"] for u in org["units"]],
        [p["id"] for p in _positions(org)],
        [s["id"] for s in org["services"]],
        [p["id"] for p in org["people"]],
        [v["id"] for v in org["vendors"]],
    ):
        assert len(ids) == len(set(ids))


def test_every_reporting_line_points_to_a_position(org: Org) -> None:
    ids = {p["id"] for p in _positions(org)}
    for position in _positions(org):
        assert position.get("reports_to", "pos-000001") in ids
        assert position["id"] not in position.get("dotted_to", [])
        assert set(position.get("dotted_to", [])) <= ids
    assert sum("dotted_to" in p for p in _positions(org)) > 0


def test_reporting_lines_have_no_cycle_and_one_top(org: Org) -> None:
    boss = {p["id"]: p.get("reports_to") for p in _positions(org)}
    assert [p for p, b in boss.items() if b is None] == ["pos-000001"]
    settled: set[str] = {"pos-000001"}
    for start in boss:
        chain: list[str] = []
        current: str | None = start
        while current is not None and current not in settled:
            assert current not in chain, f"cycle through {current}"
            chain.append(current)
            current = boss[current]
        settled.update(chain)


def test_roles_are_positions_of_the_taxonomy(org: Org) -> None:
    taxonomy = yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))
    roles = {r["slug"] for r in taxonomy["roles"] if not r.get("group")}
    used = {p["role"] for p in _positions(org)}
    assert used <= roles, used - roles


def test_leadership_sits_where_the_principles_put_it(org: Org) -> None:
    root, *_ = org["units"]
    assert root["kind"] == "government" and "parent" not in root
    leaders = {p["role"]: p for p in root["positions"]}
    assert "spend_control" in leaders["digital-services-director"]["rights"]
    assert {"chief-technology-officer", "chief-information-security-officer"} <= set(leaders)
    roles = Counter(p["role"] for p in _positions(org))
    assert roles["chief-information-officer"] == 12 + 1  # one per ministry, one for government
    assert roles["software-developer"] > 10 * roles["chief-information-officer"]
    for unit in org["units"]:
        if unit["kind"] == "ministry":
            assert unit["positions"][0]["role"] == "chief-information-officer"


def test_one_government_root_and_a_tree_three_to_five_levels_deep(org: Org) -> None:
    units = {u["id"]: u for u in org["units"]}
    roots = [u for u in org["units"] if "parent" not in u]
    assert [u["kind"] for u in roots] == ["government"]

    def depth(unit: dict[str, Any]) -> int:
        return 1 if "parent" not in unit else 1 + depth(units[unit["parent"]])

    assert max(depth(u) for u in org["units"]) in (3, 4, 5)
    assert {"ministry", "department", "agency", "team"} <= {u["kind"] for u in org["units"]}


def test_services_are_owned_by_ministries_or_agencies_and_mostly_classified(org: Org) -> None:
    kinds = {u["id"]: u["kind"] for u in org["units"]}
    services = org["services"]
    assert all(kinds[s["owner"]] in ("ministry", "agency") for s in services)
    assert all(kinds[s["team"]] == "team" for s in services)
    personal = sum(s["personal_data"] for s in services) / len(services)
    assert personal == pytest.approx(0.3, abs=0.1)
    assert 0 < sum("area" not in s for s in services) < len(services) * 0.15


def test_filled_positions_are_held_by_people_since_a_past_date(org: Org) -> None:
    positions = {p["id"]: p for p in _positions(org)}
    held = [a["position"] for person in org["people"] for a in person["assignments"]]
    assert sorted(held) == sorted(p for p, v in positions.items() if v["status"] == "filled")
    for person in org["people"]:
        position = positions[person["assignments"][0]["position"]]
        vendor = position.get("vendor")
        assert person["assignments"][0]["start"] < datetime.date(2026, 1, 1)
        assert person.get("employer") == vendor
        assert person["email"].endswith(f"@{vendor}.example" if vendor else "@example.org")


def test_vendors_only_on_contract_and_consultant_positions(org: Org) -> None:
    vendors = {v["id"] for v in org["vendors"]}
    assert len(vendors) == 20
    for p in _positions(org):
        assert ("vendor" in p) == (p["sourcing"] in ("contract", "consultant"))
        if "vendor" in p:
            assert p["vendor"] in vendors
        assert ("vacant_since" in p) == (p["status"] == "vacant")


def test_national_scale_100k_positions() -> None:
    """NATIONAL SCALE (100,000 positions): about a second to generate, a few more to validate.

    Not timed (benchmarks live in bench/); it proves that the size works end to end.
    """
    org = generate_org(ministries=200, positions=100_000, seed=2026)
    assert len(_positions(org)) == 100_000
    parsed = OrgFile.model_validate(org)
    assert sum(len(u.positions) for u in parsed.units) == 100_000
