"""``coop plan line``: the lines of a draft plan: what to make, how much, by when."""

from __future__ import annotations

from pathlib import Path

import typer

from coop.cli.commands import acting
from coop.cli.context import now, open_session
from coop.cli.output import OutputFormat, emit_object, format_option
from coop.cli.plans.options import PlanNumber, ProductRef
from coop.cli.plans.shared import NUMBERS_MAY_BE_NEGATIVE
from coop.i18n import _, ngettext

line_app = typer.Typer(
    help=_("The lines of a draft plan: what to make, how much, by when."), no_args_is_help=True
)


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
    from coop.plans.common import find_plan, find_product, parse_week
    from coop.plans.drafts import add_plan_line
    from coop.plans.plan_views import PlanLineView

    with open_session(ctx) as session:
        found = find_plan(session, plan)
        line = add_plan_line(
            session,
            actor=acting(ctx, session),
            now=now(),
            plan=found,
            product=find_product(session, product),
            quantity=quantity,
            due_week=parse_week(week, _("The due week")),
            priority=priority,
        )
        row = PlanLineView.of(line).as_json()
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
    else:
        typer.echo(
            _("Line {line}: {quantity} {unit} of {product} by {due_week}.").format(
                line=row["line"],
                quantity=row["quantity"],
                unit=row["unit"],
                product=row["product"],
                due_week=row["due_week"],
            )
        )


@line_app.command("remove")
def line_remove(
    ctx: typer.Context,
    plan: PlanNumber,
    line: int = typer.Argument(..., help=_("Line number, as coop plan show lists it.")),
) -> None:
    """Remove a line from a draft plan."""
    from coop.plans.common import find_plan
    from coop.plans.drafts import remove_plan_line

    with open_session(ctx) as session:
        found = find_plan(session, plan)
        remove_plan_line(session, actor=acting(ctx, session), now=now(), plan=found, position=line)
        label = found.label
    typer.echo(_("Removed line {line} from plan {plan}.").format(line=line, plan=label))


@line_app.command("import")
def line_import(
    ctx: typer.Context,
    plan: PlanNumber,
    file: Path = typer.Argument(..., help=_("CSV with columns product,quantity,due_week,priority.")),
) -> None:
    """Add lines to a draft plan from a CSV file: all lines or none."""
    from coop.plans.common import find_plan
    from coop.plans.drafts import import_plan_lines

    with open_session(ctx) as session:
        found = find_plan(session, plan)
        count = import_plan_lines(session, actor=acting(ctx, session), now=now(), plan=found, path=file)
        label = found.label
    typer.echo(
        ngettext(
            "Added {count} line to plan {plan} from {file}.",
            "Added {count} lines to plan {plan} from {file}.",
            count,
        ).format(count=count, plan=label, file=file.name)
    )
