"""``coop product`` and ``coop product bom``: products and their bills of materials."""

from __future__ import annotations

import typer

from coop.cli.commands import coop_scope, emit_change, emit_listing, run
from coop.cli.csv_command import added_and_changed, counted, csv_import_command
from coop.cli.options import command_group
from coop.cli.output import OutputFormat, emit_view, format_option
from coop.cli.plans.options import NewName, ParentProduct, ProductRef
from coop.cli.plans.shared import NUMBERS_MAY_BE_NEGATIVE
from coop.i18n import N_, _, ngettext

product_app = command_group(_("Products and their bills of materials (what each is made of, with scrap)."))
bom_app = command_group(_("Bills of materials: what one unit of a product needs."))
product_app.add_typer(bom_app, name="bom")


# --- products and bills of materials ---------------------------------------------------------------


@product_app.command("add")
def product_add(
    ctx: typer.Context,
    code: str = typer.Argument(..., help=_("Short code, e.g. BALD-30 (letters, digits, - _ .).")),
    name: str = typer.Argument(..., help=_("The product's name.")),
    unit: str = typer.Option(..., "--unit", "-u", help=_("The unit it is counted in: pcs, kg, m², l, ...")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Add a product, a component or a material (coordinator)."""
    from coop.plans.views import ProductView

    row = run(ctx, lambda c: ProductView.of(c.plans.add_product(code, name, unit=unit)).as_json())
    emit_change(row, fmt, lambda row: _("Added product {code}: {name}, counted in {unit}.").format(**row))


@product_app.command("update")
def product_update(
    ctx: typer.Context,
    product: ProductRef,
    name: NewName = None,
    unit: str | None = typer.Option(None, "--unit", "-u", help=_("New unit.")),
) -> None:
    """Change a product's name or unit."""
    found = run(ctx, lambda c: c.plans.update_product(product, name=name, unit=unit))
    typer.echo(_("Changed product {code}.").format(code=found.code))


@product_app.command("list")
def product_list(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List every product, component and material."""
    from coop import display
    from coop.plans.views import ProductView

    emit_listing(
        ctx,
        lambda c: [ProductView.of(p, material=m) for p, m in c.plans.products_and_kinds()],
        display.headings(ProductView, ["code", "name", "unit", "material"]),
        fmt,
        title=_("Products"),
    )


@product_app.command("show")
def product_show(
    ctx: typer.Context,
    product: ProductRef,
    fmt: OutputFormat = format_option(),
) -> None:
    """Show a product: its bill of materials, what one unit needs in all, its routings, its stock."""
    from coop.plans.catalogue import product_details

    sheet = run(ctx, lambda c: product_details(c.session, c.plans.find_product(product)))
    emit_view(sheet, fmt)


csv_import_command(
    product_app,
    "import",
    help=N_("Add or change every product listed in a CSV file: all lines or none."),
    columns=_("CSV with columns code,name,unit."),
    load=lambda c: c.plans.import_products,
    report=added_and_changed(
        lambda added: ngettext("{count} product added", "{count} products added", added)
    ),
)


@bom_app.command("add", context_settings=NUMBERS_MAY_BE_NEGATIVE)
def bom_add(
    ctx: typer.Context,
    parent: ParentProduct,
    component: str = typer.Argument(..., help=_("What one unit of it needs.")),
    quantity: str = typer.Argument(..., help=_("How much of the component one unit needs, in its unit.")),
    scrap: str | None = typer.Option(None, "--scrap", help=_("Scrap, in % added to the need (default 0).")),
) -> None:
    """Say what one unit of a product needs (or change it); a cycle is refused, naming it."""
    from coop.formatting import format_quantity

    with coop_scope(ctx) as c:
        line = c.plans.set_bom_line(parent, component, quantity, scrap_pct=scrap)
        text = _("One {parent} needs {quantity} {unit} of {component}, plus {scrap} % scrap.").format(
            parent=line.parent.code,
            quantity=format_quantity(line.quantity),
            unit=line.component.unit,
            component=line.component.code,
            scrap=format_quantity(line.scrap_pct),
        )
    typer.echo(text)


@bom_app.command("remove")
def bom_remove(
    ctx: typer.Context,
    parent: ParentProduct,
    component: str = typer.Argument(..., help=_("The component it no longer needs.")),
) -> None:
    """Take a component out of a product's bill of materials."""
    found_parent, found_component = run(ctx, lambda c: c.plans.remove_bom_line(parent, component))
    typer.echo(
        _("{parent} no longer needs {component}.").format(
            parent=found_parent.code, component=found_component.code
        )
    )


csv_import_command(
    bom_app,
    "import",
    help=N_("Add or change bill-of-materials lines from a CSV file: all lines or none."),
    columns=_("CSV with columns parent,component,quantity,scrap_pct."),
    load=lambda c: c.plans.import_bom,
    report=counted(
        lambda count: ngettext(
            "Imported {count} bill-of-materials line from {file}.",
            "Imported {count} bill-of-materials lines from {file}.",
            count,
        )
    ),
)
