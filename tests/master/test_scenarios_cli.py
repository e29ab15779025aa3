"""``coop master plan|scenario|capacity|compare`` as a coordinator meets them, on both databases.

The tile plant (tests.factories.plans): the kiln HORNO gives 12 h an open day (2 shifts of 8 h at
75 %), a tile takes 3 minutes there with a crew of 2 loaders holding HOR-CARGA at level 3, and two
members (0003, 0004) hold it. The demand below is 1000 tiles a month with a peak of 9000 in April.
"""

from __future__ import annotations

import pytest

from tests.factories.master import add_april_peak, tile_plant_cli
from tests.factories.programs import Cli, assert_refused


@pytest.fixture
def plant_cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Cli:
    return add_april_peak(tile_plant_cli(db_url, monkeypatch))


def _add(cli: Cli, name: str, *args: str) -> dict:  # type: ignore[type-arg]
    return cli.json("master", "scenario", "add", "2027", name, *args, actor="0002")


def test_a_scenario_is_saved_with_its_assumptions_and_shown(plant_cli: Cli) -> None:
    saved = _add(
        plant_cli,
        "Nivelada",
        "--level",
        "--overtime-pct",
        "10",
        "--extra-qualified",
        "hor-carga=6",
        "--note",
        "Stock antes del pico de abril",
    )
    assert saved["assumptions"] == {
        "policy": "level",
        "overtime_pct": "10",
        "extra_qualified": {"HOR-CARGA": 6},
        "declined_orders": [],
    }
    shown = plant_cli.json("master", "scenario", "show", "2027", "Nivelada")
    assert shown["note"] == "Stock antes del pico de abril" and shown["created_by"]
    assert [s["name"] for s in plant_cli.json("master", "scenario", "list", "2027")] == ["Nivelada"]


def test_level_production_builds_stock_and_keeps_the_kiln_under_its_hours(plant_cli: Cli) -> None:
    _add(plant_cli, "Persecución", "--chase")
    _add(plant_cli, "Nivelada", "--level")
    chase = plant_cli.json("master", "capacity", "--scenario", "Persecución")
    level = plant_cli.json("master", "capacity", "--scenario", "Nivelada")
    kiln = {r["month"]: r for r in chase["centres"] if r["work_centre"] == "HORNO"}
    # April: 9000 tiles × 3 min = 450 h; 22 weekdays × 12 h = 264 h.
    assert (kiln["2027-04"]["load"], kiln["2027-04"]["available"]) == ("450", "264")
    assert any(f["code"] == "overload" and f["subject"] == "HORNO" for f in chase["findings"])
    # Level: 14500 tiles over 6 months (the order of 1500 is above February's forecast), but 12500
    # by April asks 12500/4 = 3125 a month (156.25 h).
    level_kiln = {r["month"]: r["load"] for r in level["centres"] if r["work_centre"] == "HORNO"}
    assert set(level_kiln.values()) == {"156.25"}
    assert not any(f["code"] == "overload" for f in level["findings"])


def test_the_comparison_puts_the_scenarios_side_by_side(plant_cli: Cli) -> None:
    _add(plant_cli, "Persecución", "--chase")
    _add(plant_cli, "Nivelada", "--level")
    _add(plant_cli, "Capacitar", "--chase", "--overtime-pct", "100", "--extra-qualified", "HOR-CARGA=20")
    _add(plant_cli, "Sin Pérez", "--chase", "--decline-order", "1")
    data = plant_cli.json("master", "compare", "2027")
    by_name = {s["scenario"]: s for s in data["scenarios"]}
    assert list(by_name) == ["Persecución", "Nivelada", "Capacitar", "Sin Pérez"]
    assert by_name["Persecución"]["output"] == "14500"
    assert by_name["Sin Pérez"]["output"] == "14000"
    assert by_name["Nivelada"]["output"] == str(3125 * 6)
    assert by_name["Nivelada"]["closing_stock"] == str(3125 * 6 - 14500)
    assert by_name["Persecución"]["overtime_hours"] == "0"
    # April's 450 h on 264 h: 186 h above, within the 264 h of 100 % overtime.
    assert by_name["Capacitar"]["overtime_hours"] == "186"
    assert by_name["Persecución"]["peak"]["work_centre"] == "HORNO"
    assert by_name["Persecución"]["peak"]["month"] == "2027-04"
    assert by_name["Capacitar"]["training_needed"] == {}
    assert by_name["Persecución"]["training_needed"]["HOR-CARGA"] >= 1
    assert all(s["unmet_demand"] == "0" for s in data["scenarios"])


def test_the_comparison_fits_80_columns_in_spanish(plant_cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("Persecución", "Nivelada con stock antes del pico", "Capacitar", "Sin Pérez", "Horas extra"):
        _add(plant_cli, name, "--overtime-pct", "10")
    result = plant_cli("--lang", "es", "master", "compare", "2027")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), lines
    assert any(line.startswith("Stock final") for line in lines), result.stdout
    assert "Nivelada con stock antes del pico" in result.stdout  # named in full below the table


def test_a_sixth_scenario_is_refused(plant_cli: Cli) -> None:
    for number in range(5):
        _add(plant_cli, f"E{number}", "--overtime-pct", str(number + 1))
    assert_refused(
        plant_cli("master", "scenario", "add", "2027", "E5", "--level", actor="0002"),
        "Master plan 2027 already has 5 scenarios, the most an assembly compares.",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["Vacío", "--note", "nada"],
            "A scenario needs at least one assumption: give --level or --chase, --overtime-pct, "
            "--extra-qualified or --decline-order (a --note alone assumes nothing).",
        ),
        (
            ["X", "--extra-qualified", "HOR-CARGA"],
            "--extra-qualified 'HOR-CARGA' is not SKILL=N, like KILN-OP=6.",
        ),
        (
            ["X", "--decline-order", "99"],
            "There is no customer order 99; see their numbers with: coop master order list",
        ),
        (["X", "--overtime-pct", "mucho"], "--overtime-pct 'mucho' is not a number, like 10."),
        (
            ["X", "--overtime-pct", "150"],
            "Overtime must be from 0 % to 100 % of the available hours, not 150 %.",
        ),
    ],
)
def test_a_bad_scenario_is_one_sentence_and_nothing_is_written(
    plant_cli: Cli, args: list[str], message: str
) -> None:
    assert_refused(plant_cli("master", "scenario", "add", "2027", *args, actor="0002"), message)
    assert plant_cli.json("master", "scenario", "list", "2027") == []


def test_a_scenario_is_refused_in_spanish_too(plant_cli: Cli) -> None:
    result = plant_cli("--lang", "es", "master", "scenario", "add", "2027", "Vacío", actor="0002")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Un escenario necesita")


def test_a_plain_member_cannot_add_a_scenario(plant_cli: Cli) -> None:
    result = plant_cli("master", "scenario", "add", "2027", "X", "--level", actor="0010")
    assert result.exit_code == 1 and "coordinator" in result.stderr
    assert plant_cli.json("master", "scenario", "list", "2027") == []


def test_a_plan_with_a_bad_horizon_or_a_used_name_is_refused(plant_cli: Cli) -> None:
    assert_refused(
        plant_cli("master", "plan", "create", "Larga", "--from", "2027-01", "--months", "24", actor="0002"),
        "A master schedule covers 6 to 18 months, not 24; give --months 6 to 18.",
    )
    assert_refused(
        plant_cli("master", "plan", "create", "2027", "--from", "2027-01", actor="0002"),
        "There is already a master plan '2027'; choose another name.",
    )
    assert [p["name"] for p in plant_cli.json("master", "plan", "list")] == ["2027"]


def test_comparing_fewer_than_two_scenarios_is_refused(plant_cli: Cli) -> None:
    _add(plant_cli, "Sola", "--level")
    assert_refused(
        plant_cli("master", "compare", "2027"),
        "Master plan 2027 has fewer than two scenarios; add at least two to compare them.",
    )


def test_capacity_without_a_scenario_reads_the_schedule_as_it_stands(plant_cli: Cli) -> None:
    data = plant_cli.json("master", "capacity", "--from", "2027-01", "--months", "6")
    press = {r["month"]: r["load"] for r in data["centres"] if r["work_centre"] == "PRENSA"}
    # January: 1000 tiles need 1100 biscuits (10 % scrap) × 1.5 min = 27.5 h at the press.
    assert press["2027-01"] == "27.5"
    table = plant_cli("master", "capacity", "--from", "2027-01", "--months", "6")
    assert table.exit_code == 0 and "HORNO" in table.stdout
