"""``coop master schedule`` and ``coop master accuracy``: the master production schedule, and how
close the forecasts came to what was made."""

from __future__ import annotations

import enum
import json
from decimal import Decimal

import typer

from coop.cli.commands import run
from coop.cli.master.demand import say
from coop.cli.output import OutputFormat, emit_rows, format_option, plain_table
from coop.formatting import format_quantity
from coop.i18n import N_, _


class ScheduleFormat(enum.StrEnum):
    table = "table"
    json = "json"


SCHEDULE_COLUMNS = [
    ("month", N_("Month")),
    ("opening", N_("Opening")),
    ("firm_orders", N_("Orders")),
    ("forecast", N_("Forecast")),
    ("demand", N_("Demand")),
    ("production", N_("Make")),
    ("closing", N_("Closing")),
    ("shortfall", N_("Short")),
]
QUANTITIES = ("opening", "firm_orders", "tentative_orders", "forecast", "demand", "production", "closing")


def master_schedule(
    ctx: typer.Context,
    since: str | None = typer.Option(None, "--from", help=_("First month (YYYY-MM); default next month.")),
    months: int = typer.Option(12, "--months", help=_("How many months (6 to 18).")),
    fmt: ScheduleFormat = typer.Option(ScheduleFormat.table, "--format", "-f", help=_("table or json.")),
) -> None:
    """Show the master production schedule: per product and month, stock, demand and what to make."""
    data = run(ctx, lambda c: c.master.schedule(since=since, months=months).as_json())
    if fmt is ScheduleFormat.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    typer.echo(
        _("Master production schedule, {count} months from {first}").format(
            count=data["months"], first=data["from"]
        )
    )
    if not data["products"]:
        typer.echo(
            _(
                "No product has orders, forecasts or planning settings in these months; "
                "see coop master order add."
            )
        )
        return
    say(
        _(
            "Demand: made to stock, the larger of firm orders and the forecast; made to order, "
            "the orders. Make: enough to end the month at the safety stock, within the batch sizes."
        )
    )
    for product in data["products"]:
        typer.echo("")
        kind = _("made to stock") if product["make_to_stock"] else _("made to order")
        typer.echo(
            _("{code} {name} ({unit}, {kind})").format(
                code=product["product"], name=product["name"], unit=product["unit"], kind=kind
            )
        )
        rows = []
        for month in product["months"]:
            row = dict(month)
            tentative = _number(month["tentative_orders"])
            for key in QUANTITIES:
                row[key] = format_quantity(_number(month[key]))
            if tentative:
                row["firm_orders"] = f"{row['firm_orders']}+{row['tentative_orders']}"
            shortfall = _number(month["shortfall"])
            row["shortfall"] = format_quantity(shortfall) if shortfall else ""
            rows.append(row)
        typer.echo(plain_table(rows, SCHEDULE_COLUMNS))
        notes = []
        if any(_number(m["tentative_orders"]) for m in product["months"]):
            notes.append(_("Orders a+b: a firm, b tentative."))
        short = [m["month"] for m in product["months"] if _number(m["shortfall"])]
        if short:
            notes.append(
                _("The maximum batch leaves the stock below the safety stock in {months}.").format(
                    months=", ".join(short)
                )
            )
        for note in notes:
            say(note)


def master_accuracy(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """Compare each forecast with what closed plans made in its month, with the mean % error."""
    from coop.master.forecasting import mean_absolute_pct_error
    from coop.master.months import month_label
    from coop.plans.common import quantity_text

    found = run(ctx, lambda c: c.master.accuracy())
    codes = sorted({row.code for row in found})
    mape = {code: mean_absolute_pct_error([r for r in found if r.code == code]) for code in codes}
    if fmt is not OutputFormat.table:
        emit_rows(
            [
                {
                    "product": r.code,
                    "month": month_label(r.month),
                    "forecast": quantity_text(r.forecast),
                    "made": quantity_text(r.actual),
                    "error": quantity_text(r.error),
                    "error_pct": quantity_text(r.error_pct) if r.error_pct is not None else None,
                    "product_mape": quantity_text(mape[r.code]) if mape[r.code] is not None else None,
                }
                for r in found
            ],
            [(k, k) for k in ("product", "month", "forecast", "made", "error", "error_pct", "product_mape")],
            fmt,
        )
        return
    say(
        _(
            "Error % = how far the forecast was from what was made, as a % of what was made; the mean "
            "error % (MAPE) of a product says by how much its forecasts missed, on average."
        )
    )
    rows = [
        {
            "product": r.code,
            "month": month_label(r.month),
            "forecast": format_quantity(r.forecast),
            "made": format_quantity(r.actual),
            "error_pct": format_quantity(r.error_pct) if r.error_pct is not None else "",
        }
        for r in found
    ]
    emit_rows(
        rows,
        [
            ("product", N_("Product")),
            ("month", N_("Month")),
            ("forecast", N_("Forecast")),
            ("made", N_("Made")),
            ("error_pct", N_("Error %")),
        ],
        fmt,
        title=_("Forecasts against what was made"),
    )
    if not found:
        typer.echo(_("No forecast falls in a month a closed plan records what was made in."))
    for code in codes:
        if mape[code] is not None:
            typer.echo(_("{code}: mean error {pct} %").format(code=code, pct=format_quantity(mape[code])))


def _number(text: object) -> Decimal:
    return Decimal(str(text))


def register(app: typer.Typer) -> None:
    app.command("schedule")(master_schedule)
    app.command("accuracy")(master_accuracy)
