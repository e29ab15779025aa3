"""``coop workcentre routing``: which work centre a product passes through, for how long, with which crew."""

from __future__ import annotations

from decimal import Decimal

import typer

from coop.cli.commands import coop_scope, emit_views, run
from coop.cli.csv_command import counted, csv_import_command
from coop.cli.options import command_group
from coop.cli.output import OutputFormat, format_option
from coop.cli.plans.options import CentreCode, ProductCode
from coop.i18n import N_, _, ngettext

routing_app = command_group(
    _("Routings: which work centre a product passes through, for how long, with which crew.")
)


@routing_app.command("add")
def routing_add(
    ctx: typer.Context,
    product: ProductCode,
    centre: CentreCode,
    minutes: str = typer.Option(..., "--minutes", help=_("Minutes of work per unit at this work centre.")),
    crew: int = typer.Option(1, "--crew", help=_("People needed at a station.")),
    skill: str | None = typer.Option(None, "--skill", help=_("Skill each of the crew must hold.")),
    level: str | None = typer.Option(
        None, "--level", help=_("Level needed in that skill, 0–4 (default: the skill's qualifying level).")
    ),
) -> None:
    """Say that a product passes through a work centre (or change how)."""
    from coop.formatting import format_quantity
    from coop.plans.views import RoutingView

    with coop_scope(ctx) as c:
        found_product, found_centre = c.plans.find_product(product), c.plans.find_work_centre(centre)
        routing = c.plans.set_routing(
            found_product,
            found_centre,
            minutes_per_unit=minutes,
            crew_size=crew,
            skill=skill,
            skill_level=level,
        )
        row = RoutingView.of(routing).as_json()
    text = _(
        "{product} passes through {work_centre}: {minutes_per_unit} min a unit, crew of {crew_size}"
    ).format(**(row | {"minutes_per_unit": format_quantity(Decimal(row["minutes_per_unit"]))}))
    if row["skill"]:
        text += _(" holding {skill} at level {skill_level} or above").format(**row)
    typer.echo(text + ".")


@routing_app.command("remove")
def routing_remove(
    ctx: typer.Context,
    product: ProductCode,
    centre: CentreCode,
) -> None:
    """Take a work centre out of a product's routing."""
    found_product, found_centre = run(ctx, lambda c: c.plans.remove_routing(product, centre))
    typer.echo(
        _("{product} no longer passes through {centre}.").format(
            product=found_product.code, centre=found_centre.code
        )
    )


@routing_app.command("list")
def routing_list(
    ctx: typer.Context,
    product: str | None = typer.Option(None, "--product", help=_("Only this product.")),
    centre: str | None = typer.Option(None, "--centre", help=_("Only this work centre.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """List routings: product, work centre, minutes per unit, crew and skill."""
    from coop import display
    from coop.plans.views import RoutingView

    views = run(
        ctx, lambda c: [RoutingView.of(r) for r in c.plans.list_routings(product=product, centre=centre)]
    )
    emit_views(
        views,
        display.headings(
            RoutingView, ["product", "work_centre", "minutes_per_unit", "crew_size", "skill", "skill_level"]
        ),
        fmt,
        title=_("Routings"),
    )


csv_import_command(
    routing_app,
    "import",
    help=N_("Add or change routings from a CSV file: all lines or none."),
    columns=_("CSV with columns product,work_centre,minutes_per_unit,crew_size,skill,skill_level."),
    load=lambda c: c.plans.import_routings,
    report=counted(
        lambda count: ngettext(
            "Imported {count} routing from {file}.", "Imported {count} routings from {file}.", count
        )
    ),
)
