"""``coop product`` and ``coop product bom``: products and their bills of materials."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from coop.cli.context import now, open_session
from coop.cli.output import OutputFormat, emit_object, emit_rows, format_option
from coop.cli.plans.shared import NUMBERS_MAY_BE_NEGATIVE, acting, routing_row
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from coop.plans.models import Product

product_app = typer.Typer(
    help=_("Products and their bills of materials (what each is made of, with scrap)."), no_args_is_help=True
)
bom_app = typer.Typer(help=_("Bills of materials: what one unit of a product needs."), no_args_is_help=True)
product_app.add_typer(bom_app, name="bom")


# --- rows ----------------------------------------------------------------------------------------


def product_row(product: Product, *, material: bool | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"code": product.code, "name": product.name, "unit": product.unit}
    if material is not None:
        row["material"] = material
    return row


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
    from coop.plans.catalogue import add_product

    with open_session(ctx) as session:
        product = add_product(session, actor=acting(ctx, session), now=now(), code=code, name=name, unit=unit)
        row = product_row(product)
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
    else:
        typer.echo(_("Added product {code}: {name}, counted in {unit}.").format(**row))


@product_app.command("update")
def product_update(
    ctx: typer.Context,
    product: str = typer.Argument(..., help=_("Product code or name.")),
    name: str | None = typer.Option(None, "--name", help=_("New name.")),
    unit: str | None = typer.Option(None, "--unit", "-u", help=_("New unit.")),
) -> None:
    """Change a product's name or unit."""
    from coop.plans.catalogue import update_product
    from coop.plans.common import find_product

    with open_session(ctx) as session:
        found = find_product(session, product)
        update_product(session, actor=acting(ctx, session), now=now(), product=found, name=name, unit=unit)
        code = found.code
    typer.echo(_("Changed product {code}.").format(code=code))


@product_app.command("list")
def product_list(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List every product, component and material."""
    from coop.plans.catalogue import products_and_kinds

    with open_session(ctx) as session:
        rows = [product_row(p, material=material) for p, material in products_and_kinds(session)]
    emit_rows(
        rows,
        [("code", _("Code")), ("name", _("Name")), ("unit", _("Unit")), ("material", _("Material"))],
        fmt,
        title=_("Products"),
    )


@product_app.command("show")
def product_show(
    ctx: typer.Context,
    product: str = typer.Argument(..., help=_("Product code or name.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show a product: its bill of materials, what one unit needs in all, its routings, its stock."""
    from coop.plans.catalogue import product_details
    from coop.plans.common import find_product, quantity_text

    with open_session(ctx) as session:
        details = product_details(session, find_product(session, product))
        row = product_row(details.product, material=details.material)
        row["bom"] = [
            {
                "component": line.component.code,
                "quantity": quantity_text(line.quantity),
                "unit": line.component.unit,
                "scrap_pct": quantity_text(line.scrap_pct),
            }
            for line in details.bom
        ]
        row["materials_per_unit"] = [
            {"material": code, "quantity": quantity_text(quantity), "unit": unit}
            for code, quantity, unit in details.materials_per_unit
        ]
        row["routings"] = [routing_row(r) for r in details.routings]
        if details.stock is not None:
            row["stock"] = quantity_text(details.stock)
    emit_object(row, fmt)


@product_app.command("import")
def product_import(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help=_("CSV with columns code,name,unit.")),
) -> None:
    """Add or change every product listed in a CSV file: all lines or none."""
    from coop.plans.catalogue_imports import import_products

    with open_session(ctx) as session:
        added, changed = import_products(session, actor=acting(ctx, session), now=now(), path=file)
    typer.echo(
        _("Imported {file}: {added} products added, {changed} changed.").format(
            file=file.name, added=added, changed=changed
        )
    )


@bom_app.command("add", context_settings=NUMBERS_MAY_BE_NEGATIVE)
def bom_add(
    ctx: typer.Context,
    parent: str = typer.Argument(..., help=_("The product made.")),
    component: str = typer.Argument(..., help=_("What one unit of it needs.")),
    quantity: str = typer.Argument(..., help=_("How much of the component one unit needs, in its unit.")),
    scrap: str | None = typer.Option(None, "--scrap", help=_("Scrap, in % added to the need (default 0).")),
) -> None:
    """Say what one unit of a product needs (or change it); a cycle is refused, naming it."""
    from coop.plans.catalogue import set_bom_line
    from coop.plans.common import find_product, quantity_text

    with open_session(ctx) as session:
        line = set_bom_line(
            session,
            actor=acting(ctx, session),
            now=now(),
            parent=find_product(session, parent),
            component=find_product(session, component),
            quantity=quantity,
            scrap_pct=scrap,
        )
        text = _("One {parent} needs {quantity} {unit} of {component}, plus {scrap} % scrap.").format(
            parent=line.parent.code,
            quantity=quantity_text(line.quantity),
            unit=line.component.unit,
            component=line.component.code,
            scrap=quantity_text(line.scrap_pct),
        )
    typer.echo(text)


@bom_app.command("remove")
def bom_remove(
    ctx: typer.Context,
    parent: str = typer.Argument(..., help=_("The product made.")),
    component: str = typer.Argument(..., help=_("The component it no longer needs.")),
) -> None:
    """Take a component out of a product's bill of materials."""
    from coop.plans.catalogue import remove_bom_line
    from coop.plans.common import find_product

    with open_session(ctx) as session:
        found_parent = find_product(session, parent)
        found_component = find_product(session, component)
        remove_bom_line(
            session, actor=acting(ctx, session), now=now(), parent=found_parent, component=found_component
        )
        text = _("{parent} no longer needs {component}.").format(
            parent=found_parent.code, component=found_component.code
        )
    typer.echo(text)


@bom_app.command("import")
def bom_import(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help=_("CSV with columns parent,component,quantity,scrap_pct.")),
) -> None:
    """Add or change bill-of-materials lines from a CSV file: all lines or none."""
    from coop.plans.catalogue_imports import import_bom

    with open_session(ctx) as session:
        count = import_bom(session, actor=acting(ctx, session), now=now(), path=file)
    typer.echo(
        ngettext(
            "Imported {count} bill-of-materials line from {file}.",
            "Imported {count} bill-of-materials lines from {file}.",
            count,
        ).format(count=count, file=file.name)
    )
