"""Demand services: customer orders, forecasts and each product's planning settings.

Coordinators (or a secretary) enter them; each change writes one audit event, each import is all
lines or none. A due month or a forecast month must fall inside the longest horizon a master
schedule looks at: from this month to 17 months ahead (18 months in all).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coop.audit import record_change, record_import
from coop.csvfiles import DETECT, CsvDialect, CsvRow
from coop.errors import PlanError
from coop.i18n import _
from coop.master.models import CustomerOrder, DemandForecast, ProductPlanning
from coop.master.months import MAX_MONTHS, add_months, month_label, month_of, parse_month
from coop.members.actors import Actor
from coop.plans.catalogue import list_products
from coop.plans.common import (
    clean_name,
    earlier_line,
    load_csv,
    parse_quantity,
    quantity_text,
    require_planner,
)
from coop.plans.models import Product

_TRUE = {"yes", "y", "true", "1", "si", "sí", "s", "x", "firm", "firme"}
_FALSE = {"no", "n", "false", "0", "", "tentative", "tentativo", "tentativa"}


# --- reading what people type ----------------------------------------------------------------------


def parse_month_text(text: str | date, what: str) -> date:
    """A month typed ``2027-03``, as its first day; one sentence if it is not one."""
    return parse_month(
        text,
        lambda value: PlanError(
            _("{what} '{value}' is not a month; write it like 2027-03.").format(what=what, value=value)
        ),
    )


def check_in_horizon(month: date, now: datetime, what: str) -> date:
    """``month`` if it is from this month to 17 months ahead; else one sentence saying so."""
    first = month_of(now.date())
    last = add_months(first, MAX_MONTHS - 1)
    if not first <= month <= last:
        raise PlanError(
            _(
                "{what} {month} is outside the planning horizon: give a month from {first} to {last} "
                "(at most {count} months ahead)."
            ).format(
                what=what,
                month=month_label(month),
                first=month_label(first),
                last=month_label(last),
                count=MAX_MONTHS,
            )
        )
    return month


def parse_firm(text: str | bool | None) -> bool:
    """``yes``/``sí``/``firm`` or ``no``/``tentative``; an empty cell is a firm order."""
    if isinstance(text, bool):
        return text
    if text is None or not str(text).strip():
        return True
    word = str(text).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise PlanError(_("firm '{value}' is not yes or no.").format(value=text))


def _products(session: Session) -> dict[str, Product]:
    return {p.code: p for p in list_products(session)}


def _product(products: dict[str, Product], code: str) -> Product:
    found = products.get(code.strip().upper()) or products.get(code.strip())
    if found is None:
        raise PlanError(
            _("There is no product with the code '{code}'; see the list with: coop product list").format(
                code=code.strip()
            )
        )
    return found


# --- customer orders -------------------------------------------------------------------------------


def order_json(order: CustomerOrder) -> dict[str, object]:
    return {
        "id": order.id,
        "customer": order.customer,
        "product": order.product.code,
        "quantity": quantity_text(order.quantity),
        "unit": order.product.unit,
        "due_month": month_label(order.due_month),
        "firm": order.firm,
    }


def add_order(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    customer: str,
    product: Product,
    quantity: str | Decimal,
    due_month: str | date,
    firm: bool = True,
) -> CustomerOrder:
    """A customer's order of ``quantity`` of ``product`` for ``due_month`` (firm or tentative)."""
    require_planner(session, actor, _("Entering a customer order"))
    order = CustomerOrder(
        customer=clean_name(customer, _("A customer")),
        product=product,
        product_id=product.id,
        quantity=parse_quantity(quantity, _("The quantity ordered")),
        due_month=check_in_horizon(parse_month_text(due_month, _("The due month")), now, _("The due month")),
        firm=firm,
        recorded_at=now,
        recorded_by=actor.label,
    )
    session.add(order)
    session.flush()
    record_change(session, "coop.customer_order.added", actor, now, order_json(order))
    return order


def list_orders(session: Session, *, since: date | None = None) -> list[CustomerOrder]:
    """Every customer order (from the month ``since`` on), by due month, product and customer."""
    query = select(CustomerOrder).options(selectinload(CustomerOrder.product)).join(CustomerOrder.product)
    if since is not None:
        query = query.where(CustomerOrder.due_month >= month_of(since))
    return list(
        session.scalars(
            query.order_by(CustomerOrder.due_month, Product.code, CustomerOrder.customer, CustomerOrder.id)
        )
    )


def import_orders(
    session: Session, *, actor: Actor, now: datetime, path: Path, dialect: CsvDialect = DETECT
) -> int:
    """Add every order of a CSV file (``customer,product,quantity,due_month,firm``): all lines or none."""
    require_planner(session, actor, _("Importing customer orders"))
    products = _products(session)

    def parse_order(row: CsvRow) -> CustomerOrder:
        product = _product(products, row.get("product"))
        return CustomerOrder(
            customer=clean_name(row.get("customer"), _("A customer")),
            product=product,
            product_id=product.id,
            quantity=parse_quantity(row.get("quantity"), _("quantity")),
            due_month=check_in_horizon(
                parse_month_text(row.get("due_month"), _("due_month")), now, _("due_month")
            ),
            firm=parse_firm(row.get("firm")),
            recorded_at=now,
            recorded_by=actor.label,
        )

    orders = load_csv(
        path,
        ("customer", "product", "quantity", "due_month", "firm"),
        ("customer", "product", "quantity", "due_month"),
        parse_order,
        dialect=dialect,
    )
    session.add_all(orders)
    session.flush()
    record_import(
        session, "coop.customer_orders.imported", actor, now, path, orders=[order_json(o) for o in orders]
    )
    return len(orders)


# --- forecasts -------------------------------------------------------------------------------------


def forecast_json(forecast: DemandForecast) -> dict[str, object]:
    return {
        "product": forecast.product.code,
        "month": month_label(forecast.month),
        "quantity": quantity_text(forecast.quantity),
        "unit": forecast.product.unit,
        "method": forecast.method,
    }


def put_forecast(
    session: Session,
    product: Product,
    month: date,
    quantity: Decimal,
    method: str,
    actor: Actor,
    now: datetime,
) -> DemandForecast:
    """Write (or replace) the forecast of ``product`` for ``month``; no audit event (the caller writes it)."""
    forecast = session.scalars(
        select(DemandForecast).where(DemandForecast.product_id == product.id, DemandForecast.month == month)
    ).first()
    if forecast is None:
        forecast = DemandForecast(product=product, product_id=product.id, month=month)
        session.add(forecast)
    forecast.quantity, forecast.method = quantity, method
    forecast.recorded_at, forecast.recorded_by = now, actor.label
    return forecast


def set_forecast(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    product: Product,
    month: str | date,
    quantity: str | Decimal,
) -> DemandForecast:
    """The expected demand of ``product`` in ``month`` (replacing any earlier forecast for it)."""
    require_planner(session, actor, _("Entering a forecast"))
    amount = parse_quantity(quantity, _("The forecast quantity"), allow_zero=True)
    when = check_in_horizon(parse_month_text(month, _("The month")), now, _("The month"))
    forecast = put_forecast(session, product, when, amount, "entered", actor, now)
    session.flush()
    record_change(session, "coop.demand_forecast.set", actor, now, forecast_json(forecast))
    return forecast


def import_forecasts(
    session: Session, *, actor: Actor, now: datetime, path: Path, dialect: CsvDialect = DETECT
) -> int:
    """Set the forecast of every line of a CSV file (``product,month,quantity``): all lines or none."""
    require_planner(session, actor, _("Importing forecasts"))
    products = _products(session)
    seen: dict[tuple[str, date], int] = {}

    def parse_forecast(row: CsvRow) -> tuple[Product, date, Decimal]:
        product = _product(products, row.get("product"))
        month = check_in_horizon(parse_month_text(row.get("month"), _("month")), now, _("month"))
        amount = parse_quantity(row.get("quantity"), _("quantity"), allow_zero=True)
        if (other := earlier_line(seen, (product.code, month), row)) is not None:
            raise PlanError(
                _("{code} in {month} is also on line {other}").format(
                    code=product.code, month=month_label(month), other=other
                )
            )
        return product, month, amount

    wanted = load_csv(
        path,
        ("product", "month", "quantity"),
        ("product", "month", "quantity"),
        parse_forecast,
        dialect=dialect,
    )
    written = [put_forecast(session, p, m, q, "imported", actor, now) for p, m, q in wanted]
    session.flush()
    record_import(
        session,
        "coop.demand_forecasts.imported",
        actor,
        now,
        path,
        forecasts=[forecast_json(f) for f in written],
    )
    return len(written)


def list_forecasts(session: Session, *, since: date | None = None) -> list[DemandForecast]:
    """Every forecast (from the month ``since`` on), by product then month."""
    query = select(DemandForecast).options(selectinload(DemandForecast.product)).join(DemandForecast.product)
    if since is not None:
        query = query.where(DemandForecast.month >= month_of(since))
    return list(session.scalars(query.order_by(Product.code, DemandForecast.month)))


# --- planning settings -----------------------------------------------------------------------------


def planning_json(product: Product, planning: ProductPlanning | None) -> dict[str, object]:
    def text(value: Decimal | None) -> str | None:
        return quantity_text(value) if value is not None else None

    return {
        "product": product.code,
        "unit": product.unit,
        "make_to_stock": planning.make_to_stock if planning else True,
        "safety_stock": quantity_text(planning.safety_stock if planning else Decimal(0)),
        "min_batch": text(planning.min_batch) if planning else None,
        "max_batch": text(planning.max_batch) if planning else None,
        "stock_on_hand": quantity_text(planning.stock_on_hand if planning else Decimal(0)),
    }


def planning_of(session: Session, product: Product) -> ProductPlanning | None:
    return session.get(ProductPlanning, product.id)


def all_planning(session: Session) -> dict[int, ProductPlanning]:
    return {p.product_id: p for p in session.scalars(select(ProductPlanning))}


def _optional_quantity(text: str | Decimal | None, what: str, *, allow_zero: bool) -> Decimal | None:
    if text is None:
        return None
    return parse_quantity(text, what, allow_zero=allow_zero)


def set_planning(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    product: Product,
    make_to_stock: bool | None = None,
    safety_stock: str | Decimal | None = None,
    min_batch: str | Decimal | None = None,
    max_batch: str | Decimal | None = None,
    stock_on_hand: str | Decimal | None = None,
    clear_batches: bool = False,
) -> ProductPlanning:
    """How the master schedule plans ``product``; what is not given stays as it was."""
    require_planner(session, actor, _("Changing how a product is planned"))
    safety = _optional_quantity(safety_stock, _("The safety stock"), allow_zero=True)
    low = _optional_quantity(min_batch, _("The minimum batch"), allow_zero=False)
    high = _optional_quantity(max_batch, _("The maximum batch"), allow_zero=False)
    stock = _optional_quantity(stock_on_hand, _("The stock on hand"), allow_zero=True)
    planning = planning_of(session, product)
    old = planning_json(product, planning)
    if planning is None:
        planning = ProductPlanning(
            product_id=product.id,
            product=product,
            make_to_stock=True,
            safety_stock=Decimal(0),
            stock_on_hand=Decimal(0),
        )
        session.add(planning)
    if clear_batches:
        planning.min_batch = planning.max_batch = None
    if make_to_stock is not None:
        planning.make_to_stock = make_to_stock
    for name, value in (
        ("safety_stock", safety),
        ("min_batch", low),
        ("max_batch", high),
        ("stock_on_hand", stock),
    ):
        if value is not None:
            setattr(planning, name, value)
    if (
        planning.min_batch is not None
        and planning.max_batch is not None
        and planning.min_batch > planning.max_batch
    ):
        raise PlanError(
            _(
                "The minimum batch of {code} ({low}) is larger than its maximum batch ({high}); "
                "give a minimum no larger than the maximum."
            ).format(
                code=product.code,
                low=quantity_text(planning.min_batch),
                high=quantity_text(planning.max_batch),
            )
        )
    planning.changed_at, planning.changed_by = now, actor.label
    session.flush()
    record_change(
        session,
        "coop.product_planning.set",
        actor,
        now,
        {"old": old, "new": planning_json(product, planning)},
    )
    return planning


def products_with_demand(session: Session, first: date, last: date) -> list[Product]:
    """Products with an order or a forecast from ``first`` to ``last``, or planning settings, by code."""
    ids: set[int] = set(session.scalars(select(ProductPlanning.product_id)))
    ids |= set(
        session.scalars(select(CustomerOrder.product_id).where(CustomerOrder.due_month.between(first, last)))
    )
    ids |= set(
        session.scalars(select(DemandForecast.product_id).where(DemandForecast.month.between(first, last)))
    )
    return [p for p in list_products(session) if p.id in ids]


def orders_between(session: Session, first: date, last: date) -> Iterable[CustomerOrder]:
    return session.scalars(select(CustomerOrder).where(CustomerOrder.due_month.between(first, last)))


def forecasts_between(session: Session, first: date, last: date) -> Iterable[DemandForecast]:
    return session.scalars(select(DemandForecast).where(DemandForecast.month.between(first, last)))
