"""The master production schedule: what to make of each product, month by month. Pure.

Plain data in (:class:`ProductSettings`, orders and forecasts per month), plain data out
(:class:`ScheduleRow` per product and month). Nothing here reads a database or a clock; exact
``Decimal`` arithmetic throughout, nothing rounded. Each rule below is tested in
``tests/master/test_mps.py``.

Rules
-----
Horizon
    6 to 18 consecutive whole months (``coop.master.months``); anything else is refused.

Demand: which wins, orders or forecast
    *Make to stock*: firm orders consume the forecast, so a month's demand is the larger of the
    firm orders and the forecast: ``demand = max(firm orders, forecast)``. A tentative (not firm)
    order is taken to be inside the forecast already and adds nothing.
    *Make to order*: nothing is made without an order, so the forecast is ignored and
    ``demand = firm orders + tentative orders``.

Planned production (lot for lot)
    A month's net need is what keeps the closing stock at the safety stock:
    ``need = demand + safety stock − opening stock``. With a need of 0 or less nothing is made.
    Otherwise production is the need, raised to the minimum batch when it is smaller, and cut to
    the maximum batch when it is larger. A minimum or maximum batch that is not set does not
    limit. So production is always 0 or within [min batch, max batch].

Stock
    ``closing = opening + production − demand``, and a month's opening stock is the closing
    stock of the month before (the first month opens with the stock on hand). A closing stock
    below 0 is demand not met by the end of that month, carried into the next as a backlog.

Shortfall
    When the maximum batch cuts production, the month's ``shortfall`` is how far the closing
    stock stays below the safety stock (``safety − closing``, more than 0). It is the only way the
    closing stock ends below the safety stock: in every month without a shortfall,
    ``closing ≥ safety``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from coop.errors import PlanError
from coop.i18n import _
from coop.master.months import MAX_MONTHS, MIN_MONTHS, month_range

ZERO = Decimal(0)


@dataclass(frozen=True)
class ProductSettings:
    """How one product is planned (the defaults: made to stock, no safety stock, no batch limits)."""

    code: str
    make_to_stock: bool = True
    safety_stock: Decimal = ZERO
    min_batch: Decimal | None = None
    max_batch: Decimal | None = None
    stock_on_hand: Decimal = ZERO

    def __post_init__(self) -> None:
        if self.safety_stock < 0 or self.stock_on_hand < 0:
            raise PlanError(_("{code}: stock and safety stock cannot be negative.").format(code=self.code))
        for batch in (self.min_batch, self.max_batch):
            if batch is not None and batch <= 0:
                raise PlanError(_("{code}: a batch size must be more than 0.").format(code=self.code))
        if self.min_batch is not None and self.max_batch is not None and self.min_batch > self.max_batch:
            raise PlanError(
                _("{code}: the minimum batch cannot be larger than the maximum batch.").format(code=self.code)
            )


@dataclass(frozen=True)
class ProductDemand:
    """One product's orders and forecast, per month (the first day of the month); missing months are 0."""

    settings: ProductSettings
    firm_orders: Mapping[date, Decimal] = field(default_factory=dict)
    tentative_orders: Mapping[date, Decimal] = field(default_factory=dict)
    forecast: Mapping[date, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class ScheduleRow:
    """One product in one month of the schedule."""

    code: str
    month: date
    opening: Decimal
    firm_orders: Decimal
    tentative_orders: Decimal
    forecast: Decimal
    demand: Decimal
    production: Decimal
    closing: Decimal
    safety_stock: Decimal
    shortfall: Decimal  # > 0 only when the maximum batch cut production

    @property
    def capped(self) -> bool:
        return self.shortfall > 0


def month_demand(settings: ProductSettings, firm: Decimal, tentative: Decimal, forecast: Decimal) -> Decimal:
    """The demand the schedule plans for (see *Demand* in the module's docstring)."""
    if settings.make_to_stock:
        return max(firm, forecast)
    return firm + tentative


def batch_for(settings: ProductSettings, need: Decimal) -> Decimal:
    """What to make for a net need (see *Planned production*): 0, or the need within the batch limits."""
    if need <= 0:
        return ZERO
    production = need
    if settings.min_batch is not None and production < settings.min_batch:
        production = settings.min_batch
    if settings.max_batch is not None and production > settings.max_batch:
        production = settings.max_batch
    return production


def check_horizon(months: int) -> None:
    if not MIN_MONTHS <= months <= MAX_MONTHS:
        raise PlanError(
            _(
                "A master schedule covers {low} to {high} months, not {months}; "
                "give --months {low} to {high}."
            ).format(low=MIN_MONTHS, high=MAX_MONTHS, months=months)
        )


def schedule_product(demand: ProductDemand, first: date, months: int) -> list[ScheduleRow]:
    """The schedule of one product over ``months`` months from ``first``."""
    check_horizon(months)
    settings = demand.settings
    rows = []
    opening = settings.stock_on_hand
    for month in month_range(first, months):
        firm = demand.firm_orders.get(month, ZERO)
        tentative = demand.tentative_orders.get(month, ZERO)
        forecast = demand.forecast.get(month, ZERO)
        wanted = month_demand(settings, firm, tentative, forecast)
        production = batch_for(settings, wanted + settings.safety_stock - opening)
        closing = opening + production - wanted
        shortfall = settings.safety_stock - closing if closing < settings.safety_stock else ZERO
        rows.append(
            ScheduleRow(
                settings.code,
                month,
                opening,
                firm,
                tentative,
                forecast,
                wanted,
                production,
                closing,
                settings.safety_stock,
                shortfall,
            )
        )
        opening = closing
    return rows


def master_schedule(demands: Sequence[ProductDemand], first: date, months: int) -> list[ScheduleRow]:
    """The schedule of every product (in the order given), month by month."""
    check_horizon(months)
    return [row for demand in demands for row in schedule_product(demand, first, months)]
