"""Where a weekly production plan departs from the master plan the assembly chose — pure.

The rule, in plain words:

* A week belongs to the month of its Monday (as what closed plans made is counted, see
  :mod:`coop.master.schedule`).
* For each product the chosen scenario schedules and each month the weekly plan has weeks in, the
  weekly plan's quantity is the sum of its lines due in those weeks.
* The master plan's share for those weeks is the month's planned production × the plan's weeks in
  the month ÷ the month's weeks (its Mondays, 4 or 5): a plan of 2 weeks in a 4-week month is held
  to half the month, not to all of it.
* The weekly plan departs when it makes more or less than that share by more than the tolerance,
  :data:`TOLERANCE` = 10 % of the share; when the share is 0, any quantity departs.

Why 10 %: weekly plans are made of whole kiln loads and of orders moved by a week, which shift a
month's quantity by a few per cent; beyond a tenth, the weekly plans are carrying out a different
plan from the one the assembly chose, and the coordinators should say so before it goes ahead.
Products the master plan does not schedule (components, materials) and months outside its horizon
are not compared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

TOLERANCE = Decimal("0.10")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Departure:
    """The weekly plan's ``weekly`` quantity of ``product`` in ``month`` against the master plan's
    ``share`` for the plan's weeks in that month (``monthly`` being the whole month's production)."""

    product: str
    month: date
    first_week: date
    weekly: Decimal
    share: Decimal
    monthly: Decimal
    plan_weeks: int
    month_weeks: int

    @property
    def percent(self) -> Decimal | None:
        """How far above (positive) or below (negative) the share, in % of it; None for a share of 0."""
        if self.share == 0:
            return None
        return (self.weekly - self.share) / self.share * HUNDRED


def month_of(day: date) -> date:
    return day.replace(day=1)


def mondays_in_month(month: date) -> int:
    """How many weeks belong to ``month``: the Mondays that fall in it."""
    first = month.replace(day=1)
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    count = 0
    while monday.month == first.month:
        count += 1
        monday += timedelta(days=7)
    return count


def departs(weekly: Decimal, share: Decimal, tolerance: Decimal = TOLERANCE) -> bool:
    """More or less than ``share`` by more than ``tolerance`` of it (any quantity, when the share is 0)."""
    return abs(weekly - share) > tolerance * share


def departures(
    weeks: Iterable[date],
    lines: Iterable[tuple[str, date, Decimal]],
    planned: Mapping[tuple[str, date], Decimal],
    *,
    tolerance: Decimal = TOLERANCE,
) -> list[Departure]:
    """Every product and month where the weekly plan departs from the master plan.

    ``weeks`` are the Mondays of the weekly plan's weeks; ``lines`` its (product, due week's Monday,
    quantity); ``planned`` the chosen scenario's production by (product, first day of month) over
    its horizon. Ordered by month, then product.
    """
    by_month: dict[date, list[date]] = defaultdict(list)
    for week in sorted(set(weeks)):
        by_month[month_of(week)].append(week)
    made: dict[tuple[str, date], Decimal] = defaultdict(Decimal)
    for product, week, quantity in lines:
        made[(product, month_of(week))] += quantity
    horizon = {month for _product, month in planned}
    products = sorted({product for product, _month in planned})
    found = []
    for month, month_weeks in sorted(by_month.items()):
        if month not in horizon:
            continue
        in_month = mondays_in_month(month)
        for product in products:
            monthly = planned.get((product, month), Decimal(0))
            share = monthly * len(month_weeks) / in_month
            weekly = made.get((product, month), Decimal(0))
            if departs(weekly, share, tolerance):
                found.append(
                    Departure(
                        product, month, month_weeks[0], weekly, share, monthly, len(month_weeks), in_month
                    )
                )
    return found
