"""``coop material``: materials (items with no bill of materials) and their stock on hand."""

from __future__ import annotations

import typer

from coop.cli.commands import coop_scope, emit_listing
from coop.cli.csv_command import counted, csv_import_command
from coop.cli.options import command_group
from coop.cli.output import OutputFormat, format_option
from coop.cli.plans.shared import NUMBERS_MAY_BE_NEGATIVE
from coop.i18n import N_, _, ngettext

material_app = command_group(_("Materials (items with no bill of materials) and their stock on hand."))


@material_app.command("list")
def material_list(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List the materials (items with no bill of materials) and their stock on hand."""
    from coop import display
    from coop.plans.views import MaterialView

    emit_listing(
        ctx,
        lambda c: [MaterialView.of(m) for m in c.plans.list_materials()],
        display.headings(MaterialView, ["code", "name", "stock", "unit", "counted_on"]),
        fmt,
        title=_("Materials"),
    )


@material_app.command("stock", context_settings=NUMBERS_MAY_BE_NEGATIVE)
def material_stock(
    ctx: typer.Context,
    material: str = typer.Argument(..., help=_("Material code or name.")),
    quantity: str = typer.Argument(..., help=_("Stock on hand, in the material's unit.")),
    counted_on: str | None = typer.Option(None, "--counted-on", help=_("Day of the count (default today).")),
) -> None:
    """Record the stock on hand of a material."""
    from coop.formatting import format_quantity
    from coop.plans.common import parse_day

    with coop_scope(ctx) as c:
        found = c.plans.find_product(material)
        day = parse_day(counted_on, _("The day of the count")) if counted_on else None
        level = c.plans.set_stock(found, quantity, counted_on=day)
        text = _("{code}: {quantity} {unit} in stock.").format(
            code=found.code, quantity=format_quantity(level.quantity), unit=found.unit
        )
    typer.echo(text)


csv_import_command(
    material_app,
    "import",
    help=N_("Record stock counts from a CSV file: all lines or none."),
    columns=_("CSV with columns material,quantity,counted_on."),
    load=lambda c: c.plans.import_stock,
    report=counted(
        lambda count: ngettext(
            "Recorded the stock of {count} material from {file}.",
            "Recorded the stock of {count} materials from {file}.",
            count,
        )
    ),
)
