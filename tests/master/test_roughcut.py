"""Rough-cut capacity and production policies, against the rules in their docstrings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coop.errors import PlanError
from coop.master import mps
from coop.master.policies import Assumptions, Policy, closing_stock, level_rows, unmet_demand
from coop.master.roughcut import RoughCode, month_hours, open_days_in_month, rough_cut
from coop.plans.capacity import BomLine, Qualification, Routing, WorkCentre

D = Decimal
JAN, FEB = date(2027, 1, 1), date(2027, 2, 1)
KILN = WorkCentre("KILN", D(8), 1)  # 8 h a day, Monday to Friday


def test_available_hours_are_open_working_days_of_the_month_times_hours_per_day() -> None:
    # January 2027 has 21 weekdays (Friday 1st to Friday 29th); two closures, one on a Sunday.
    assert len(open_days_in_month(KILN, JAN)) == 21
    closed = WorkCentre("KILN", D(8), 1, closures=frozenset({date(2027, 1, 4), date(2027, 1, 3)}))
    assert month_hours(closed, JAN) == D(8) * 20


def test_days_of_a_week_shared_with_the_next_month_count_in_their_own_month() -> None:
    # 2027-02-01 is a Monday; the week of 2027-01-25 lies wholly in January.
    days = open_days_in_month(KILN, FEB)
    assert min(days) == FEB and all(day.month == 2 for day in days)
    assert len(days) == 20


def test_load_is_quantity_times_minutes_over_sixty_including_components() -> None:
    routings = [Routing("BRICK", "KILN", D(6)), Routing("CLAY", "KILN", D(3))]
    bom = [BomLine("BRICK", "CLAY", D(2))]
    result = rough_cut({("BRICK", JAN): D(100)}, [JAN], work_centres=[KILN], routings=routings, bom=bom)
    (row,) = result.centres
    assert row.load == D(100) * 6 / 60 + D(200) * 3 / 60


def test_a_load_above_available_hours_is_one_overload_finding_and_at_exactly_100_none() -> None:
    hours = month_hours(KILN, JAN)  # 168 h
    routing = [Routing("BRICK", "KILN", D(60))]
    full = rough_cut({("BRICK", JAN): hours}, [JAN], work_centres=[KILN], routings=routing)
    assert full.findings == []
    over = rough_cut({("BRICK", JAN): hours + 1}, [JAN], work_centres=[KILN], routings=routing)
    assert [f.code for f in over.findings] == [RoughCode.overload]
    assert "KILN" in over.findings[0].message and "2027-01" in over.findings[0].message


def test_a_centre_loaded_below_the_idle_percentage_is_named_idle() -> None:
    result = rough_cut(
        {("BRICK", JAN): D(10)}, [JAN], work_centres=[KILN], routings=[Routing("BRICK", "KILN", D(60))]
    )
    assert [f.code for f in result.findings] == [RoughCode.idle]


def test_overtime_adds_its_percentage_and_counts_only_the_load_above_normal_hours() -> None:
    routing = [Routing("BRICK", "KILN", D(60))]
    result = rough_cut(
        {("BRICK", JAN): D(178)}, [JAN], work_centres=[KILN], routings=routing, overtime_pct=D(10)
    )
    (row,) = result.centres
    assert row.available == D(168) * D("1.1")
    assert result.overtime_hours == D(10)
    assert result.findings == []


def test_crew_hours_compare_with_members_at_the_level_or_above_with_a_valid_certification() -> None:
    routing = [Routing("BRICK", "KILN", D(60), crew_size=2, skill="FIRING", skill_level=2)]
    quals = {
        "FIRING": [
            Qualification("ana", 2),
            Qualification("bea", 3),
            Qualification("caro", 1),  # level too low
            Qualification("dani", 3, date(2027, 1, 31)),  # not valid on 31 January
        ]
    }
    result = rough_cut(
        {("BRICK", JAN): D(130)},
        [JAN],
        work_centres=[KILN],
        routings=routing,
        qualifications=quals,
        hours_per_member=D(100),
    )
    (row,) = result.skills
    assert (row.crew_hours, row.members, row.hours) == (D(260), 2, D(200))
    assert result.to_train == {"FIRING": 1}
    assert RoughCode.labour_short in [f.code for f in result.findings]


def test_extra_qualified_members_close_a_labour_gap() -> None:
    routing = [Routing("BRICK", "KILN", D(60), crew_size=2, skill="FIRING", skill_level=2)]
    result = rough_cut(
        {("BRICK", JAN): D(130)},
        [JAN],
        work_centres=[KILN],
        routings=routing,
        qualifications={"FIRING": [Qualification("ana", 2)]},
        hours_per_member=D(100),
        extra_qualified={"FIRING": 2},
    )
    assert result.to_train == {}


def test_a_higher_level_routing_is_not_staffed_by_lower_level_members() -> None:
    routings = [
        Routing("BRICK", "KILN", D(60), skill="FIRING", skill_level=1),
        Routing("TILE", "KILN", D(60), skill="FIRING", skill_level=3),
    ]
    quals = {"FIRING": [Qualification("ana", 1), Qualification("bea", 1)]}
    result = rough_cut(
        {("BRICK", JAN): D(10), ("TILE", JAN): D(10)},
        [JAN],
        work_centres=[KILN],
        routings=routings,
        qualifications=quals,
        hours_per_member=D(100),
    )
    by_level = {row.level: row for row in result.skills}
    assert by_level[1].crew_hours == D(20) and by_level[1].short == 0
    assert by_level[3].members == 0 and by_level[3].short == D(10)
    assert result.to_train == {"FIRING": 1}


def test_a_routing_at_an_unknown_centre_is_refused() -> None:
    with pytest.raises(PlanError):
        rough_cut({}, [JAN], work_centres=[KILN], routings=[Routing("BRICK", "OVEN", D(1))])


def _rows(demands: list[Decimal], stock: Decimal = D(0), safety: Decimal = D(0)) -> list[mps.ScheduleRow]:
    product = mps.ProductDemand(
        mps.ProductSettings("BRICK", safety_stock=safety, stock_on_hand=stock),
        forecast={mps.month_range(JAN, 6)[i]: q for i, q in enumerate(demands)},
    )
    return mps.schedule_product(product, JAN, 6)


def test_level_production_is_the_same_every_month_and_builds_stock_before_a_peak() -> None:
    rows = level_rows(_rows([D(10), D(10), D(10), D(70), D(10), D(10)]), None, None)
    assert {row.production for row in rows} == {D(25)}
    assert rows[2].closing == D(45)  # stock built before the April peak
    assert all(row.closing >= 0 for row in rows)


@given(
    st.lists(st.integers(0, 500), min_size=6, max_size=6),
    st.integers(0, 300),
    st.integers(0, 50),
)
def test_level_rate_is_the_smallest_that_keeps_the_safety_stock(
    demands: list[int], stock: int, safety: int
) -> None:
    rows = level_rows(_rows([D(q) for q in demands], D(stock), D(safety)), None, None)
    assert all(row.closing >= D(safety) for row in rows)
    rate = rows[0].production
    if rate > 0:
        smaller = level_rows(_rows([D(q) for q in demands], D(stock), D(safety)), None, rate - D("0.0001"))
        assert any(row.closing < D(safety) for row in smaller)


def test_unmet_demand_is_the_largest_backlog_per_product_and_closing_stock_ignores_backlog() -> None:
    rows = level_rows(_rows([D(50), D(0), D(0), D(0), D(0), D(0)]), None, D(10))
    assert [row.closing for row in rows[:3]] == [D(-40), D(-30), D(-20)]
    assert unmet_demand(rows) == D(40)
    assert closing_stock(rows) == D(10)


def test_assumptions_round_trip_through_json_and_empty_assumptions_are_empty() -> None:
    chosen = Assumptions(Policy.level, D(10), {"FIRING": 6}, (3,))
    assert Assumptions.from_json(chosen.as_json()) == chosen
    assert Assumptions().empty and not chosen.empty


def test_overtime_above_100_percent_is_refused() -> None:
    with pytest.raises(PlanError, match="Overtime"):
        Assumptions(overtime_pct=D(150))
