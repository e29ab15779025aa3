"""What was made, read from closed plans, feeds derived forecasts and their accuracy (coop.master.schedule).

Only closed plans count, by the month of each line's due week; derived forecasts replace the
forecasts of their months and leave the others; nothing is derived from months not yet past.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D

import pytest
from sqlalchemy.orm import Session

from coop.errors import PlanError
from coop.master.demand import list_forecasts, set_forecast
from coop.master.forecasting import ForecastMethod
from coop.master.schedule import actuals_by_month, derive_forecasts, forecast_accuracy
from coop.plans.models import Plan, PlanLine, PlanStatus
from tests.factories.plans import TilePlant, build_tile_plant


@pytest.fixture
def plant(session: Session, now: datetime) -> TilePlant:
    return build_tile_plant(session, now, with_training=False)


def _plan_made(plant: TilePlant, status: PlanStatus, made: list[tuple[date, str]]) -> None:
    """A plan of the tile (BALD-30) in ``status`` whose lines record what was made."""
    plan = Plan(
        name="Pasado",
        period_start=made[0][0],
        period_end=made[-1][0],
        status=status,
        created_at=plant.now,
        created_by="test",
    )
    plant.session.add(plan)
    for position, (week, quantity) in enumerate(made, start=1):
        plan.lines.append(
            PlanLine(
                position=position,
                product_id=plant.tile.id,
                quantity=D(quantity),
                due_week=week,
                actual_quantity=D(quantity),
            )
        )
    plant.session.flush()


def test_only_closed_plans_count_by_the_month_of_the_due_week(plant: TilePlant) -> None:
    # 2026-06-29 is the Monday of a week that ends in July: it counts for June
    _plan_made(
        plant,
        PlanStatus.closed,
        [(date(2026, 6, 1), "100"), (date(2026, 6, 29), "50"), (date(2026, 7, 6), "80")],
    )
    _plan_made(plant, PlanStatus.in_progress, [(date(2026, 8, 3), "999")])
    assert actuals_by_month(plant.session) == {"BALD-30": {date(2026, 6, 1): D(150), date(2026, 7, 1): D(80)}}


def test_smoothing_writes_a_forecast_for_every_month_and_keeps_the_others(plant: TilePlant) -> None:
    _plan_made(plant, PlanStatus.closed, [(date(2026, 9, 7), "100"), (date(2026, 10, 5), "200")])
    ctx = plant.acting()
    ctx(set_forecast, product=plant.tile, month="2028-04", quantity="7")
    derived = ctx(
        derive_forecasts, method=ForecastMethod.smoothing, first=date(2026, 12, 1), months=6, alpha=D("0.5")
    )
    # level: 100 (Sep) → 150 (Oct) → 75 (Nov, nothing made)
    assert [(d.code, d.parameter, set(d.months.values())) for d in derived] == [
        ("BALD-30", D("0.5"), {D(75)})
    ]
    forecasts = {(f.month, f.quantity, f.method) for f in list_forecasts(plant.session)}
    assert len(forecasts) == 7
    assert (date(2027, 5, 1), D(75), "smoothing") in forecasts
    assert (date(2028, 4, 1), D(7), "entered") in forecasts


def test_nothing_is_derived_for_a_month_already_begun_or_without_a_past(plant: TilePlant) -> None:
    ctx = plant.acting()
    with pytest.raises(PlanError, match="months to come"):
        ctx(derive_forecasts, method=ForecastMethod.smoothing, first=date(2026, 11, 1), months=6)
    _plan_made(plant, PlanStatus.closed, [(date(2027, 1, 4), "100")])
    with pytest.raises(PlanError, match="before 2026-12"):
        ctx(derive_forecasts, method=ForecastMethod.same_month_trend, first=date(2026, 12, 1), months=6)
    assert list_forecasts(plant.session) == []


def test_accuracy_compares_each_forecast_with_what_was_made_in_its_month(plant: TilePlant) -> None:
    ctx = plant.acting()
    ctx(set_forecast, product=plant.tile, month="2026-12", quantity="120")
    ctx(set_forecast, product=plant.tile, month="2027-01", quantity="50")
    _plan_made(plant, PlanStatus.closed, [(date(2026, 12, 7), "100")])
    (row,) = forecast_accuracy(plant.session)
    assert (row.code, row.month, row.forecast, row.actual, row.error_pct) == (
        "BALD-30",
        date(2026, 12, 1),
        D(120),
        D(100),
        D("20.0"),
    )
