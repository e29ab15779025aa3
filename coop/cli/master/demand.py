"""``coop master order``, ``coop master forecast`` and ``coop master product``: what is asked for."""

from __future__ import annotations

from typing import Any

import typer

from coop.cli.commands import run
from coop.cli.csv_command import counted, csv_import_command
from coop.cli.options import command_group
from coop.cli.output import OutputFormat, emit_object, emit_rows, format_option
from coop.cli.plans.options import ProductRef
from coop.cli.plans.shared import NUMBERS_MAY_BE_NEGATIVE
from coop.formatting import format_quantity
from coop.i18n import N_, _, ngettext

master_app = command_group(
    _("Long-range planning: customer orders, forecasts and the master production schedule.")
)
order_app = command_group(_("Customer orders: who wants how much of what, in which month."))
forecast_app = command_group(_("Forecasts: the demand expected per product and month."))
master_app.add_typer(order_app, name="order")
master_app.add_typer(forecast_app, name="forecast")

FromMonth = typer.Option(None, "--from", help=_("From this month (YYYY-MM)."))

ORDER_COLUMNS = [
    ("id", N_("No.")),
    ("due_month", N_("Month")),
    ("product", N_("Product")),
    ("quantity", N_("Quantity")),
    ("unit", N_("Unit")),
    ("customer", N_("Customer")),
    ("firm", N_("Firm")),
]
FORECAST_COLUMNS = [
    ("product", N_("Product")),
    ("month", N_("Month")),
    ("quantity", N_("Quantity")),
    ("unit", N_("Unit")),
    ("method", N_("How")),
]


def method_word(method: str) -> str:
    """How a forecast was made, in the reader's words."""
    words = {
        "entered": _("entered"),
        "imported": _("imported"),
        "same-month-trend": _("same month × trend"),
        "smoothing": _("smoothing"),
    }
    return words.get(method, method)


def _shown(row: dict[str, Any], fmt: OutputFormat) -> dict[str, Any]:
    """A row for people: quantities written their way (JSON and CSV keep the plain figures)."""
    if fmt is not OutputFormat.table:
        return row
    shown = dict(row)
    for key in ("quantity",):
        if key in shown:
            shown[key] = format_quantity(_decimal(shown[key]))
    if "method" in shown:
        shown["method"] = method_word(str(shown["method"]))
    return shown


def _decimal(text: Any) -> Any:
    from decimal import Decimal

    return Decimal(str(text))


# --- customer orders -------------------------------------------------------------------------------


@order_app.command("add", context_settings=NUMBERS_MAY_BE_NEGATIVE)
def order_add(
    ctx: typer.Context,
    customer: str = typer.Argument(..., help=_("Who ordered it.")),
    product: str = typer.Argument(..., help=_("Product code or name.")),
    quantity: str = typer.Argument(..., help=_("How much, in the product's unit.")),
    month: str = typer.Argument(..., help=_("The month it is due (YYYY-MM), up to 17 months ahead.")),
    tentative: bool = typer.Option(False, "--tentative", help=_("Not firm yet: a customer's intention.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Record a customer order for a month (firm unless --tentative)."""
    from coop.master.demand import order_json

    row = run(
        ctx, lambda c: order_json(c.master.add_order(customer, product, quantity, month, firm=not tentative))
    )
    if fmt is not OutputFormat.table:
        emit_object(row, fmt)
        return
    sentence = (
        _("Order {id}: {customer}, {quantity} {unit} of {product} for {month}, firm.")
        if row["firm"]
        else _("Order {id}: {customer}, {quantity} {unit} of {product} for {month}, tentative.")
    )
    typer.echo(
        sentence.format(
            id=row["id"],
            customer=row["customer"],
            quantity=format_quantity(_decimal(row["quantity"])),
            unit=row["unit"],
            product=row["product"],
            month=row["due_month"],
        )
    )


@order_app.command("list")
def order_list(
    ctx: typer.Context, since: str | None = FromMonth, fmt: OutputFormat = format_option()
) -> None:
    """List the customer orders by due month."""
    from coop.master.demand import order_json

    rows = run(ctx, lambda c: [order_json(o) for o in c.master.list_orders(since=since)])
    emit_rows([_shown(r, fmt) for r in rows], ORDER_COLUMNS, fmt, title=_("Customer orders"))


csv_import_command(
    order_app,
    "import",
    help=N_("Add every customer order listed in a CSV file: all lines or none."),
    columns=_("CSV with columns customer,product,quantity,due_month,firm."),
    load=lambda c: c.master.import_orders,
    report=counted(
        lambda count: ngettext(
            "Imported {count} customer order from {file}.",
            "Imported {count} customer orders from {file}.",
            count,
        )
    ),
)


# --- forecasts -------------------------------------------------------------------------------------


@forecast_app.command("set", context_settings=NUMBERS_MAY_BE_NEGATIVE)
def forecast_set(
    ctx: typer.Context,
    product: ProductRef,
    month: str = typer.Argument(..., help=_("The month (YYYY-MM), up to 17 months ahead.")),
    quantity: str = typer.Argument(..., help=_("The demand expected, in the product's unit.")),
) -> None:
    """Set the demand expected for a product in a month (it replaces an earlier forecast)."""
    from coop.master.demand import forecast_json

    row = run(ctx, lambda c: forecast_json(c.master.set_forecast(product, month, quantity)))
    typer.echo(
        _("Forecast for {product} in {month}: {quantity} {unit}.").format(
            product=row["product"],
            month=row["month"],
            quantity=format_quantity(_decimal(row["quantity"])),
            unit=row["unit"],
        )
    )


csv_import_command(
    forecast_app,
    "import",
    help=N_("Set every forecast listed in a CSV file: all lines or none."),
    columns=_("CSV with columns product,month,quantity."),
    load=lambda c: c.master.import_forecasts,
    report=counted(
        lambda count: ngettext(
            "Imported {count} forecast from {file}.", "Imported {count} forecasts from {file}.", count
        )
    ),
)


@forecast_app.command("list")
def forecast_list(
    ctx: typer.Context, since: str | None = FromMonth, fmt: OutputFormat = format_option()
) -> None:
    """List the forecasts by product and month, with how each was made."""
    from coop.master.demand import forecast_json

    rows = run(ctx, lambda c: [forecast_json(f) for f in c.master.list_forecasts(since=since)])
    emit_rows([_shown(r, fmt) for r in rows], FORECAST_COLUMNS, fmt, title=_("Forecasts"))


@forecast_app.command("derive")
def forecast_derive(
    ctx: typer.Context,
    method: str = typer.Option(..., "--method", help=_("same-month-trend or smoothing.")),
    since: str | None = typer.Option(
        None, "--from", help=_("First month to forecast (YYYY-MM); default next month.")
    ),
    months: int = typer.Option(12, "--months", help=_("How many months to forecast (6 to 18).")),
    alpha: str = typer.Option("0.3", "--alpha", help=_("Smoothing factor, more than 0 and at most 1.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Forecast each product from what closed plans made, by a method said in one sentence."""
    from coop.master.months import month_label
    from coop.plans.common import quantity_text

    derived = run(ctx, lambda c: c.master.derive_forecasts(method, since=since, months=months, alpha=alpha))
    rows = [
        {
            "product": d.code,
            "method": d.method.value,
            "parameter": quantity_text(d.parameter),
            "month": month_label(m),
            "quantity": quantity_text(q),
        }
        for d in derived
        for m, q in d.months.items()
    ]
    if fmt is not OutputFormat.table:
        emit_rows(rows, [(k, k) for k in ("product", "method", "parameter", "month", "quantity")], fmt)
        return
    smoothing = bool(derived) and derived[0].method.value == "smoothing"
    if smoothing:
        say(
            _(
                "Smoothing: each month the level moves {alpha} of the way towards what was made that "
                "month; every month to come is forecast at the last level."
            ).format(alpha=format_quantity(derived[0].parameter))
        )
    else:
        say(
            _(
                "Same month × trend: each month's forecast is what was made in the same month a year "
                "before, times the trend (made in the last 12 months ÷ made in the 12 months before "
                "those; 1 without them)."
            )
        )
    first = min((m for d in derived for m in d.months), default=None)
    last = max((m for d in derived for m in d.months), default=None)
    typer.echo(
        ngettext(
            "Forecast {count} product from {first} to {last}:",
            "Forecast {count} products from {first} to {last}:",
            len(derived),
        ).format(
            count=len(derived),
            first=month_label(first) if first else "",
            last=month_label(last) if last else "",
        )
    )
    emit_rows(
        [
            {
                "product": d.code,
                "parameter": format_quantity(d.parameter),
                "first": format_quantity(d.months[first]) if first else "",
                "total": format_quantity(sum(d.months.values(), _decimal(0))),
            }
            for d in derived
        ],
        [
            ("product", N_("Product")),
            ("parameter", N_("Alpha") if smoothing else N_("Trend")),
            ("first", N_("First month")),
            ("total", N_("Whole period")),
        ],
        fmt,
    )


# --- planning settings -----------------------------------------------------------------------------


@master_app.command("product", context_settings=NUMBERS_MAY_BE_NEGATIVE)
def master_product(
    ctx: typer.Context,
    product: ProductRef,
    make_to_stock: bool | None = typer.Option(
        None, "--make-to-stock/--make-to-order", help=_("Made to stock (forecast counts) or only to order.")
    ),
    safety: str | None = typer.Option(None, "--safety", help=_("Safety stock to keep at every month's end.")),
    min_batch: str | None = typer.Option(None, "--min-batch", help=_("Smallest batch worth making.")),
    max_batch: str | None = typer.Option(
        None, "--max-batch", help=_("Largest batch that can be made in a month.")
    ),
    stock: str | None = typer.Option(None, "--stock", help=_("Stock on hand now, in its unit.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Say how the master schedule plans a product: to stock or to order, safety stock, batches, stock."""
    from coop.master.demand import planning_json

    def call(c: Any) -> dict[str, Any]:
        planning = c.master.set_planning(
            product,
            make_to_stock=make_to_stock,
            safety_stock=safety,
            min_batch=min_batch,
            max_batch=max_batch,
            stock_on_hand=stock,
        )
        return planning_json(planning.product, planning)

    row = run(ctx, call)
    if fmt is not OutputFormat.table:
        emit_object(row, fmt)
        return
    typer.echo(planning_sentence(row))


def planning_sentence(row: dict[str, Any]) -> str:
    """How a product is planned, in one sentence."""
    kind = _("made to stock") if row["make_to_stock"] else _("made to order")
    batches = _("any batch size")
    low, high = row["min_batch"], row["max_batch"]
    if low is not None and high is not None:
        batches = _("batches of {low} to {high}").format(
            low=format_quantity(_decimal(low)), high=format_quantity(_decimal(high))
        )
    elif low is not None:
        batches = _("batches of at least {low}").format(low=format_quantity(_decimal(low)))
    elif high is not None:
        batches = _("batches of at most {high}").format(high=format_quantity(_decimal(high)))
    return _("{product}: {kind}, safety stock {safety} {unit}, {batches}, {stock} {unit} in stock.").format(
        product=row["product"],
        kind=kind,
        safety=format_quantity(_decimal(row["safety_stock"])),
        unit=row["unit"],
        batches=batches,
        stock=format_quantity(_decimal(row["stock_on_hand"])),
    )


def say(text: str) -> None:
    """A sentence of explanation, wrapped to fit an 80-column terminal."""
    import textwrap

    typer.echo(textwrap.fill(text, width=80, break_on_hyphens=False))
