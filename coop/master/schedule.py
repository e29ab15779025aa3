"""The master schedule, derived forecasts and forecast accuracy, read from the database.

What was made in a month is the sum of ``actual_quantity`` over the lines of closed plans whose
due week's Monday falls in that month. The pure arithmetic is in :mod:`coop.master.mps` and
:mod:`coop.master.forecasting`; this module only gathers its inputs and writes what it derives.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.audit import record_change
from coop.errors import PlanError
from coop.i18n import _
from coop.master import forecasting, mps
from coop.master.demand import (
    all_planning,
    forecasts_between,
    list_forecasts,
    orders_between,
    parse_month_text,
    products_with_demand,
    put_forecast,
)
from coop.master.forecasting import AccuracyRow, DerivedForecast, ForecastMethod
from coop.master.months import DEFAULT_MONTHS, add_months, month_label, month_of
from coop.members.actors import Actor
from coop.plans.catalogue import list_products
from coop.plans.common import quantity_text, require_planner
from coop.plans.models import Plan, PlanLine, PlanStatus, Product


@dataclass(frozen=True)
class Schedule:
    """The master schedule from ``first`` over ``months`` months: rows by product then month."""

    first: date
    months: int
    units: dict[str, str]
    names: dict[str, str]
    make_to_stock: dict[str, bool]
    rows: list[mps.ScheduleRow]

    def as_json(self) -> dict[str, object]:
        products: dict[str, dict[str, object]] = {}
        for row in self.rows:
            entry = products.setdefault(
                row.code,
                {
                    "product": row.code,
                    "name": self.names[row.code],
                    "unit": self.units[row.code],
                    "make_to_stock": self.make_to_stock[row.code],
                    "months": [],
                },
            )
            entry["months"].append(  # type: ignore[union-attr]
                {
                    "month": month_label(row.month),
                    "opening": quantity_text(row.opening),
                    "firm_orders": quantity_text(row.firm_orders),
                    "tentative_orders": quantity_text(row.tentative_orders),
                    "forecast": quantity_text(row.forecast),
                    "demand": quantity_text(row.demand),
                    "production": quantity_text(row.production),
                    "closing": quantity_text(row.closing),
                    "safety_stock": quantity_text(row.safety_stock),
                    "shortfall": quantity_text(row.shortfall),
                }
            )
        return {
            "from": month_label(self.first),
            "months": self.months,
            "products": list(products.values()),
        }


def first_month(text: str | date | None, now: datetime) -> date:
    """The month typed, else the month after ``now``'s."""
    if text is None:
        return add_months(month_of(now.date()), 1)
    return parse_month_text(text, _("--from"))


def master_schedule(
    session: Session,
    *,
    now: datetime,
    first: date,
    months: int = DEFAULT_MONTHS,
    declined: frozenset[int] = frozenset(),
) -> Schedule:
    """The master production schedule of every product with demand or planning settings.

    The orders numbered in ``declined`` are left out (a scenario that declines them).
    """
    mps.check_horizon(months)
    last = add_months(first, months - 1)
    products = products_with_demand(session, first, last)
    planning = all_planning(session)
    firm: dict[int, dict[date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    tentative: dict[int, dict[date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for order in orders_between(session, first, last):
        if order.id in declined:
            continue
        (firm if order.firm else tentative)[order.product_id][order.due_month] += order.quantity
    forecast: dict[int, dict[date, Decimal]] = defaultdict(dict)
    for row in forecasts_between(session, first, last):
        forecast[row.product_id][row.month] = row.quantity
    demands = []
    for product in products:
        settings = planning.get(product.id)
        demands.append(
            mps.ProductDemand(
                mps.ProductSettings(
                    product.code,
                    make_to_stock=settings.make_to_stock if settings else True,
                    safety_stock=settings.safety_stock if settings else Decimal(0),
                    min_batch=settings.min_batch if settings else None,
                    max_batch=settings.max_batch if settings else None,
                    stock_on_hand=settings.stock_on_hand if settings else Decimal(0),
                ),
                dict(firm[product.id]),
                dict(tentative[product.id]),
                forecast[product.id],
            )
        )
    return Schedule(
        first,
        months,
        {p.code: p.unit for p in products},
        {p.code: p.name for p in products},
        {d.settings.code: d.settings.make_to_stock for d in demands},
        mps.master_schedule(demands, first, months),
    )


def actuals_by_month(session: Session) -> dict[str, dict[date, Decimal]]:
    """What closed plans made of each product, per month of their lines' due weeks."""
    made: dict[str, dict[date, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    query = (
        select(Product.code, PlanLine.due_week, PlanLine.actual_quantity)
        .join(PlanLine.product)
        .join(PlanLine.plan)
        .where(Plan.status == PlanStatus.closed, PlanLine.actual_quantity.is_not(None))
    )
    for code, week, quantity in session.execute(query):
        made[code][month_of(week)] += quantity
    return {code: dict(months) for code, months in made.items()}


def derive_forecasts(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    method: ForecastMethod,
    first: date,
    months: int = DEFAULT_MONTHS,
    alpha: Decimal = forecasting.DEFAULT_ALPHA,
) -> list[DerivedForecast]:
    """Forecast every product made in a closed plan from what was made, writing over earlier forecasts."""
    require_planner(session, actor, _("Deriving forecasts"))
    mps.check_horizon(months)
    if month_of(first) <= month_of(now.date()):
        raise PlanError(
            _("Forecasts are derived for months to come: give --from {month} or later.").format(
                month=month_label(add_months(month_of(now.date()), 1))
            )
        )
    forecasting.check_alpha(alpha)
    actuals = {
        code: past
        for code, months_made in actuals_by_month(session).items()
        if (past := {m: q for m, q in months_made.items() if m < first})
    }
    if not actuals:
        raise PlanError(
            _(
                "No closed plan records what was made before {month}, so there is nothing to derive a "
                "forecast from; close a plan with what was made (coop plan close), or enter forecasts "
                "with coop master forecast set."
            ).format(month=month_label(first))
        )
    products = {p.code: p for p in list_products(session)}
    derived = []
    for code in sorted(actuals):
        if method is ForecastMethod.same_month_trend:
            result = forecasting.same_month_trend(code, actuals[code], first, months)
        else:
            result = forecasting.smoothing(code, actuals[code], first, months, alpha)
        for month, quantity in result.months.items():
            put_forecast(session, products[code], month, quantity, method.value, actor, now)
        derived.append(result)
    session.flush()
    record_change(
        session,
        "coop.demand_forecasts.derived",
        actor,
        now,
        {
            "method": method.value,
            "from": month_label(first),
            "months": months,
            "products": [
                {
                    "product": d.code,
                    "parameter": quantity_text(d.parameter),
                    "forecast": {month_label(m): quantity_text(q) for m, q in d.months.items()},
                }
                for d in derived
            ],
        },
    )
    return derived


def forecast_accuracy(session: Session) -> list[AccuracyRow]:
    """Every forecast set for a month in which a closed plan recorded what was made, against it."""
    actuals = {
        (code, month): quantity
        for code, months in actuals_by_month(session).items()
        for month, quantity in months.items()
    }
    forecasts = {(f.product.code, f.month): f.quantity for f in list_forecasts(session)}
    return forecasting.accuracy(forecasts, actuals)
