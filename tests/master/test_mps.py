"""The master production schedule's rules (coop/master/mps.py), each as a plain statement."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop.errors import PlanError
from coop.master.months import add_months, month_range, parse_month
from coop.master.mps import ProductDemand, ProductSettings, master_schedule, schedule_product

JAN = date(2027, 1, 1)


def _plan(settings_: ProductSettings, months: int = 6, **demand: dict[date, D]) -> list:  # type: ignore[type-arg]
    return schedule_product(ProductDemand(settings_, **demand), JAN, months)


def test_make_to_stock_demand_is_the_larger_of_firm_orders_and_forecast() -> None:
    rows = _plan(
        ProductSettings("A"),
        firm_orders={JAN: D(300), date(2027, 2, 1): D(900)},
        forecast={JAN: D(500), date(2027, 2, 1): D(500)},
    )
    assert [r.demand for r in rows[:2]] == [D(500), D(900)]


def test_make_to_stock_tentative_orders_add_nothing_to_the_forecast() -> None:
    rows = _plan(ProductSettings("A"), tentative_orders={JAN: D(400)}, forecast={JAN: D(500)})
    assert rows[0].demand == D(500)


def test_make_to_order_plans_firm_and_tentative_orders_and_ignores_the_forecast() -> None:
    rows = _plan(
        ProductSettings("A", make_to_stock=False),
        firm_orders={JAN: D(300)},
        tentative_orders={JAN: D(100)},
        forecast={JAN: D(5000), date(2027, 2, 1): D(5000)},
    )
    assert [r.demand for r in rows[:2]] == [D(400), D(0)]
    assert [r.production for r in rows[:2]] == [D(400), D(0)]


def test_lot_for_lot_makes_what_brings_the_closing_stock_to_the_safety_stock() -> None:
    rows = _plan(ProductSettings("A", safety_stock=D(200), stock_on_hand=D(150)), forecast={JAN: D(1000)})
    assert rows[0].production == D(1050)  # 1000 demand + 200 safety − 150 on hand
    assert rows[0].closing == D(200)
    assert rows[1].production == D(0)  # nothing asked for, the safety stock is there


def test_a_small_need_is_raised_to_the_minimum_batch() -> None:
    rows = _plan(ProductSettings("A", min_batch=D(500)), forecast={JAN: D(120)})
    assert (rows[0].production, rows[0].closing) == (D(500), D(380))
    assert rows[1].opening == D(380)


def test_the_maximum_batch_caps_production_and_names_the_shortfall() -> None:
    rows = _plan(
        ProductSettings("A", safety_stock=D(100), max_batch=D(1000)),
        forecast={JAN: D(1500), date(2027, 2, 1): D(0)},
    )
    assert rows[0].production == D(1000)
    assert rows[0].closing == D(-500)  # demand not met, carried as a backlog
    assert rows[0].shortfall == D(600) and rows[0].capped
    assert rows[1].production == D(600)  # the backlog and the safety stock made up next month
    assert rows[1].closing == D(100) and not rows[1].capped


def test_horizon_outside_6_to_18_months_is_refused() -> None:
    for months in (5, 19):
        with pytest.raises(PlanError, match="6 to 18 months"):
            master_schedule([ProductDemand(ProductSettings("A"))], JAN, months)
    assert len(master_schedule([ProductDemand(ProductSettings("A"))], JAN, 18)) == 18


def test_settings_refuse_a_minimum_batch_above_the_maximum_and_negative_stock() -> None:
    with pytest.raises(PlanError, match="minimum batch"):
        ProductSettings("A", min_batch=D(600), max_batch=D(500))
    with pytest.raises(PlanError, match="negative"):
        ProductSettings("A", safety_stock=D(-1))


def test_months_are_counted_across_years_and_typed_like_2027_03() -> None:
    assert add_months(date(2026, 11, 1), 3) == date(2027, 2, 1)
    assert month_range(date(2026, 12, 15), 2) == [date(2026, 12, 1), date(2027, 1, 1)]
    assert parse_month("2027-3", lambda v: PlanError(v)) == date(2027, 3, 1)
    with pytest.raises(PlanError):
        parse_month("2027-13", lambda v: PlanError(v))


quantities = st.integers(min_value=0, max_value=20000).map(D)
maybe_batch = st.none() | st.integers(min_value=1, max_value=8000).map(D)


@st.composite
def demands(draw: st.DrawFn) -> tuple[ProductDemand, int]:
    months = draw(st.integers(min_value=6, max_value=18))
    low, high = draw(maybe_batch), draw(maybe_batch)
    if low is not None and high is not None and low > high:
        low, high = high, low
    settings_ = ProductSettings(
        "A",
        make_to_stock=draw(st.booleans()),
        safety_stock=draw(quantities),
        min_batch=low,
        max_batch=high,
        stock_on_hand=draw(quantities),
    )
    series = st.lists(quantities, min_size=months, max_size=months)
    span = month_range(JAN, months)
    firm, tentative, forecast = (dict(zip(span, draw(series), strict=True)) for _ in range(3))
    return ProductDemand(settings_, firm, tentative, forecast), months


@settings(max_examples=300, deadline=None)
@given(demands())
def test_every_schedule_keeps_the_rules(case: tuple[ProductDemand, int]) -> None:
    demand, months = case
    rows = schedule_product(demand, JAN, months)
    s = demand.settings
    assert rows[0].opening == s.stock_on_hand
    for before, after in itertools.pairwise(rows):
        assert after.opening == before.closing
    for row in rows:
        assert row.closing == row.opening + row.production - row.demand
        if s.make_to_stock:
            assert row.demand == max(row.firm_orders, row.forecast)
        else:
            assert row.demand == row.firm_orders + row.tentative_orders
        assert row.production == 0 or (
            (s.min_batch is None or row.production >= s.min_batch)
            and (s.max_batch is None or row.production <= s.max_batch)
        )
        if row.shortfall > 0:
            assert row.production == s.max_batch and row.closing == s.safety_stock - row.shortfall
        else:
            assert row.closing >= s.safety_stock
