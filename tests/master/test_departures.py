"""The departure rule of coop.master.departures, stated plainly and checked case by case.

Rule: a week belongs to the month of its Monday; the master plan's share for a weekly plan's weeks
in a month is the month's planned production × those weeks ÷ the month's Mondays; the weekly plan
departs when its quantity is more than 10 % of that share above or below it (any quantity departs
from a share of 0). Products and months the master plan does not hold are not compared.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coop.master.departures import departures, mondays_in_month

MARCH = date(2027, 3, 1)  # Mondays 1, 8, 15, 22, 29: five weeks
APRIL = date(2027, 4, 1)  # Mondays 5, 12, 19, 26: four weeks
WEEKS = [date(2027, 3, 22), date(2027, 3, 29), date(2027, 4, 5)]  # two weeks of March, one of April
PLANNED = {("TEJA", MARCH): Decimal(5000), ("TEJA", APRIL): Decimal(4000)}


def _lines(march: int, april: int) -> list[tuple[str, date, Decimal]]:
    return [("TEJA", date(2027, 3, 22), Decimal(march)), ("TEJA", date(2027, 4, 5), Decimal(april))]


def test_the_weeks_of_a_month_are_its_mondays() -> None:
    assert (mondays_in_month(MARCH), mondays_in_month(APRIL)) == (5, 4)
    assert mondays_in_month(date(2027, 2, 1)) == 4


def test_a_plan_within_a_tenth_of_its_share_does_not_depart() -> None:
    # March: 5,000 × 2/5 = 2,000 (1,800 to 2,200 allowed); April: 4,000 × 1/4 = 1,000 (900 to 1,100).
    for march, april in ((2000, 1000), (1800, 1100), (2200, 900)):
        assert departures(WEEKS, _lines(march, april), PLANNED) == []


def test_a_plan_beyond_a_tenth_departs_with_its_share_and_the_month() -> None:
    (march,) = departures(WEEKS, _lines(2201, 1000), PLANNED)
    assert (march.month, march.first_week, march.share, march.weekly) == (
        MARCH,
        date(2027, 3, 22),
        Decimal(2000),
        Decimal(2201),
    )
    assert (march.plan_weeks, march.month_weeks, march.monthly) == (2, 5, Decimal(5000))
    (april,) = departures(WEEKS, _lines(2000, 899), PLANNED)
    assert april.month == APRIL and april.percent == Decimal("-10.1")


def test_a_product_the_master_plan_leaves_out_or_a_month_outside_it_is_not_compared() -> None:
    lines = [*_lines(2000, 1000), ("BIZCOCHO", date(2027, 3, 22), Decimal(9999))]
    assert departures([*WEEKS, date(2027, 5, 3)], lines, PLANNED) == []


def test_any_quantity_departs_from_a_share_of_nothing_and_nothing_departs_from_a_share() -> None:
    planned = {("TEJA", MARCH): Decimal(0), ("TEJA", APRIL): Decimal(4000)}
    found = departures(WEEKS, _lines(1, 0), planned)
    assert [(d.month, d.percent) for d in found] == [(MARCH, None), (APRIL, Decimal(-100))]
