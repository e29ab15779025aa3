"""``coop plan line``: the lines of a draft plan: what to make, how much, by when."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import typer

from coop.cli.commands import coop_scope, emit_change, run
from coop.cli.options import DelimiterOption, EncodingOption, command_group
from coop.cli.output import OutputFormat, format_option
from coop.cli.plans.options import PlanNumber, ProductRef
from coop.cli.plans.shared import NUMBERS_MAY_BE_NEGATIVE
from coop.formatting import format_quantity
from coop.i18n import _, ngettext

line_app = command_group(_("The lines of a draft plan: what to make, how much, by when."))


@line_app.command("add", context_settings=NUMBERS_MAY_BE_NEGATIVE)
def line_add(
    ctx: typer.Context,
    plan: PlanNumber,
    product: ProductRef,
    quantity: str = typer.Argument(..., help=_("How much, in the product's unit.")),
    week: str = typer.Argument(..., help=_("Due week: 2027-W03, or any day in it.")),
    priority: int = typer.Option(0, "--priority", help=_("0 is the most urgent; larger numbers can wait.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Add a line to a draft plan."""
    from coop.plans.plan_views import PlanLineView

    with coop_scope(ctx) as c:
        found = c.plans.find_plan(plan)
        line = c.plans.add_plan_line(found, product, quantity, due_week=week, priority=priority)
        row = PlanLineView.of(line).as_json()
    emit_change(
        row,
        fmt,
        lambda row: _("Line {line}: {quantity} {unit} of {product} by {due_week}.").format(
            line=row["line"],
            quantity=format_quantity(Decimal(row["quantity"])),
            unit=row["unit"],
            product=row["product"],
            due_week=row["due_week"],
        ),
    )


@line_app.command("remove")
def line_remove(
    ctx: typer.Context,
    plan: PlanNumber,
    line: int = typer.Argument(..., help=_("Line number, as coop plan show lists it.")),
) -> None:
    """Remove a line from a draft plan."""
    found = run(ctx, lambda c: c.plans.remove_plan_line(plan, line))
    typer.echo(_("Removed line {line} from plan {plan}.").format(line=line, plan=found.label))


@line_app.command("import")
def line_import(
    ctx: typer.Context,
    plan: PlanNumber,
    file: Path = typer.Argument(..., help=_("CSV with columns product,quantity,due_week,priority.")),
    delimiter: DelimiterOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Add lines to a draft plan from a CSV file: all lines or none."""
    with coop_scope(ctx) as c:
        found = c.plans.find_plan(plan)
        count = c.plans.import_plan_lines(found, file, delimiter=delimiter, encoding=encoding)
        label = found.label
    typer.echo(
        ngettext(
            "Added {count} line to plan {plan} from {file}.",
            "Added {count} lines to plan {plan} from {file}.",
            count,
        ).format(count=count, plan=label, file=file.name)
    )
