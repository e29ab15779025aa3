"""``coop master`` as a coordinator meets it, on both databases: orders, forecasts, planning
settings and the schedule; one sentence and nothing written for each kind of bad input.

The clock is 2026-11-25 (tests.factories.context.FIXED_NOW): months from 2026-11 to 2028-04 are
inside the 18-month horizon.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories.master import tile_plant_cli
from tests.factories.programs import Cli, assert_refused


@pytest.fixture
def plant_cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """The tile plant (tests.factories.plans): 0002 is a coordinator, 0003 a plain member."""
    return tile_plant_cli(db_url, monkeypatch)


def test_an_order_is_recorded_and_listed(plant_cli: Cli) -> None:
    cli = plant_cli
    order = cli.json("master", "order", "add", "Corralón Güemes", "bald-30", "1200", "2027-03", actor="0002")
    assert order == {
        "id": 1,
        "customer": "Corralón Güemes",
        "product": "BALD-30",
        "quantity": "1200",
        "unit": "pcs",
        "due_month": "2027-03",
        "firm": True,
    }
    cli("master", "order", "add", "Obra Pérez", "BALD-30", "300", "2027-01", "--tentative", actor="0002")
    listed = cli.json("master", "order", "list")
    assert [(o["due_month"], o["firm"]) for o in listed] == [("2027-01", False), ("2027-03", True)]
    assert cli.json("master", "order", "list", "--from", "2027-02") == [order]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["X", "NOPE", "5", "2027-03"],
            "There is no product with the code or name 'NOPE'; see the list with: coop product list",
        ),
        (["X", "BALD-30", "-5", "2027-03"], "The quantity ordered cannot be negative (-5)."),
        (
            ["X", "BALD-30", "5", "2028-05"],
            "The due month 2028-05 is outside the planning horizon: give a month from 2026-11 to 2028-04 "
            "(at most 18 months ahead).",
        ),
        (
            ["X", "BALD-30", "5", "2026-10"],
            "The due month 2026-10 is outside the planning horizon: give a month from 2026-11 to 2028-04 "
            "(at most 18 months ahead).",
        ),
        (["X", "BALD-30", "5", "March"], "The due month 'March' is not a month; write it like 2027-03."),
    ],
)
def test_a_bad_order_is_one_sentence_and_nothing_is_written(
    plant_cli: Cli, args: list[str], message: str
) -> None:
    assert_refused(plant_cli("master", "order", "add", *args, actor="0002"), message)
    assert plant_cli.json("master", "order", "list") == []


def test_only_coordinators_enter_demand(plant_cli: Cli) -> None:
    result = plant_cli("master", "order", "add", "X", "BALD-30", "5", "2027-03", actor="0003")
    assert result.exit_code == 1 and "coordinator" in result.stderr
    assert plant_cli.json("master", "order", "list") == []


def test_an_order_file_is_imported_whole_or_not_at_all(plant_cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "pedidos.csv"
    bad.write_text(
        "cliente;producto;cantidad;mes de entrega;firme\n"
        "Corralón Güemes;BALD-30;1200;2027-03;sí\n"
        "Obra Pérez;NOPE;50;2027-04;no\n"
        "Obra Pérez;BALD-30;-3;2029-04;no\n",
        encoding="latin-1",
    )
    result = plant_cli("master", "order", "import", str(bad), actor="0002")
    assert result.exit_code == 1
    assert "line 3" in result.stderr and "NOPE" in result.stderr and "line 4" in result.stderr
    assert plant_cli.json("master", "order", "list") == []
    good = tmp_path / "orders.csv"
    good.write_text(
        "customer,product,quantity,due_month,firm\nA,BALD-30,1200,2027-03,yes\nB,BALD-30,300,2027-03,no\n"
    )
    assert plant_cli("master", "order", "import", str(good), actor="0002").exit_code == 0
    assert [o["firm"] for o in plant_cli.json("master", "order", "list")] == [True, False]


def test_forecasts_are_set_imported_and_one_per_product_and_month(plant_cli: Cli, tmp_path: Path) -> None:
    cli = plant_cli
    assert cli("master", "forecast", "set", "BALD-30", "2027-01", "900", actor="0002").exit_code == 0
    assert cli("master", "forecast", "set", "BALD-30", "2027-01", "950", actor="0002").exit_code == 0
    assert_refused(
        cli("master", "forecast", "set", "BALD-30", "2027-02", "-1", actor="0002"),
        "The forecast quantity cannot be negative (-1).",
    )
    twice = tmp_path / "forecast.csv"
    twice.write_text("product,month,quantity\nBALD-30,2027-02,100\nBALD-30,2027-02,200\n")
    result = cli("master", "forecast", "import", str(twice), actor="0002")
    assert result.exit_code == 1 and "also on line 2" in result.stderr
    good = tmp_path / "good.csv"
    good.write_text("Producto;Mes;Cantidad\nBALD-30;2027-02;100\nBIZC-30;2027-02;200\n")
    assert cli("master", "forecast", "import", str(good), actor="0002").exit_code == 0
    assert [
        (f["product"], f["month"], f["quantity"], f["method"]) for f in cli.json("master", "forecast", "list")
    ] == [
        ("BALD-30", "2027-01", "950", "entered"),
        ("BALD-30", "2027-02", "100", "imported"),
        ("BIZC-30", "2027-02", "200", "imported"),
    ]


def test_the_schedule_follows_orders_forecast_safety_stock_and_batches(plant_cli: Cli) -> None:
    cli = plant_cli
    for args in (
        ["master", "order", "add", "A", "BALD-30", "1200", "2027-02"],
        ["master", "forecast", "set", "BALD-30", "2027-01", "900"],
        ["master", "forecast", "set", "BALD-30", "2027-02", "900"],
        [
            "master",
            "product",
            "BALD-30",
            "--make-to-stock",
            "--safety",
            "200",
            "--min-batch",
            "500",
            "--max-batch",
            "1000",
            "--stock",
            "150",
        ],
    ):
        assert cli(*args, actor="0002").exit_code == 0, args
    schedule = cli.json("master", "schedule", "--from", "2027-01", "--months", "6")
    assert schedule["from"] == "2027-01" and schedule["months"] == 6
    (tile,) = schedule["products"]
    jan, feb, mar = tile["months"][:3]
    # January: 900 + 200 safety − 150 on hand = 950 to make; closes at the safety stock
    assert (jan["demand"], jan["production"], jan["closing"], jan["shortfall"]) == ("900", "950", "200", "0")
    # February: the firm order (1,200) beats the forecast; 1,200 needed, 1,000 at most
    assert (feb["demand"], feb["production"], feb["closing"], feb["shortfall"]) == (
        "1200",
        "1000",
        "0",
        "200",
    )
    # March: nothing asked for; 200 to make up the safety stock, raised to the minimum batch
    assert (mar["production"], mar["closing"]) == ("500", "500")
    table = cli("master", "schedule", "--from", "2027-01", "--months", "6")
    assert table.exit_code == 0
    assert max(len(line) for line in table.stdout.splitlines()) <= 80
    assert "below the safety stock in 2027-02" in table.stdout


def test_the_schedule_refuses_a_horizon_outside_6_to_18_months(plant_cli: Cli) -> None:
    assert_refused(
        plant_cli("master", "schedule", "--months", "19"),
        "A master schedule covers 6 to 18 months, not 19; give --months 6 to 18.",
    )


def test_planning_settings_refuse_a_minimum_above_the_maximum_and_keep_the_old_ones(plant_cli: Cli) -> None:
    cli = plant_cli
    cli("master", "product", "BALD-30", "--min-batch", "500", "--max-batch", "1000", actor="0002")
    assert_refused(
        cli("master", "product", "BALD-30", "--min-batch", "5000", actor="0002"),
        "The minimum batch of BALD-30 (5000) is larger than its maximum batch (1000); "
        "give a minimum no larger than the maximum.",
    )
    row = cli.json("master", "product", "BALD-30", "--make-to-order", actor="0002")
    assert (row["make_to_stock"], row["min_batch"], row["max_batch"]) == (False, "500", "1000")
