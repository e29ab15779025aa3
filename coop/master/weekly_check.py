"""``coop plan check`` says where a weekly production plan departs from the master plan the assembly chose.

The plans domain knows nothing of master plans: its check emits ``plan.checked`` with a list to add
findings to, and importing this module subscribes :func:`on_plan_checked` (``coop.events`` imports it
the first time anything is emitted). Each month of the weekly plan is compared with the most recently
decided master plan whose horizon holds it, from that plan's frozen choice; the rule and its 10 %
tolerance are in :mod:`coop.master.departures`. A departure is a warning: it does not stop the plan,
it tells the coordinators and the assembly that the weeks depart from what was chosen.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.events import subscribe
from coop.formatting import format_quantity
from coop.i18n import _
from coop.master.choice import frozen, latest_decided
from coop.master.departures import TOLERANCE, Departure, departures
from coop.master.months import month_label
from coop.plans.capacity.results import Finding, FindingCode, Severity
from coop.plans.models import Plan, PlanLine, Product


def planned_production(snapshot: dict[str, Any]) -> dict[tuple[str, date], Decimal]:
    """The chosen scenario's production by (product, month), as frozen."""
    return {
        (row["product"], date.fromisoformat(row["month"] + "-01")): Decimal(row["production"])
        for row in snapshot["schedule"]
    }


def plan_departures(session: Session, plan: Plan) -> list[tuple[str, str, Departure]]:
    """(master plan, chosen scenario, departure) for every month of ``plan`` a decided master plan holds."""
    weeks = []
    week = plan.period_start
    while week <= plan.period_end:
        weeks.append(week)
        week += timedelta(days=7)
    lines = [
        (code, due, quantity)
        for code, due, quantity in session.execute(
            select(Product.code, PlanLine.due_week, PlanLine.quantity)
            .join(PlanLine.product)
            .where(PlanLine.plan_id == plan.id)
        )
    ]
    found: list[tuple[str, str, Departure]] = []
    claimed: set[date] = set()
    for master in latest_decided(session):
        snapshot = frozen(master)
        if snapshot is None:
            continue
        planned = planned_production(snapshot)
        horizon = {month for _code, month in planned} - claimed
        mine = [w for w in weeks if w.replace(day=1) in horizon]
        if not mine:
            continue
        claimed |= {w.replace(day=1) for w in mine}
        kept = {key: value for key, value in planned.items() if key[1] in horizon}
        for departure in departures(mine, lines, kept):
            found.append((master.name, snapshot["scenario"]["name"], departure))
    found.sort(key=lambda item: (item[2].month, item[2].product))
    return found


def departure_finding(master: str, departure: Departure) -> Finding:
    percent = departure.percent
    if percent is None:
        how = _("the master plan makes none that month")
    else:
        amount = format_quantity(abs(percent).quantize(Decimal("0.1")))
        how = (_("{pct} % more") if percent > 0 else _("{pct} % less")).format(pct=amount)
    message = _(
        "{product} in {month}: {weekly} in {weeks} of the month's {month_weeks} weeks, against {share} in "
        "master plan {master} ({monthly} in the month): {how}; {tolerance} % is allowed."
    ).format(
        product=departure.product,
        month=month_label(departure.month),
        weekly=format_quantity(departure.weekly),
        weeks=departure.plan_weeks,
        month_weeks=departure.month_weeks,
        master=master,
        share=format_quantity(departure.share.quantize(Decimal("0.01"))),
        monthly=format_quantity(departure.monthly.quantize(Decimal("0.01"))),
        how=how,
        tolerance=format_quantity(TOLERANCE * 100),
    )
    return Finding(
        FindingCode.MASTER_DEPARTURE,
        Severity.WARNING,
        message,
        week=departure.first_week,
        product=departure.product,
        required=departure.share.quantize(Decimal("0.01")),
        available=departure.weekly,
        percent=percent.quantize(Decimal("0.1")) if percent is not None else None,
    )


def on_plan_checked(*, session: Session, plan: Plan, findings: list[Finding], **_extra: Any) -> None:
    for master, _scenario, departure in plan_departures(session, plan):
        findings.append(departure_finding(master, departure))


subscribe("plan.checked", on_plan_checked)
