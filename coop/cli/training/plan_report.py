"""``coop training plan report``: the training plan printed for the assembly and the trainers."""

from __future__ import annotations

import typer

from coop.cli.commands import coop_scope
from coop.cli.options import DocumentOut
from coop.cli.training.plan import plan_app
from coop.i18n import _


@plan_app.command("report")
def plan_report(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("The training plan: its number or name.")),
    out: DocumentOut = ...,
) -> None:
    """Print a training plan: its gaps and their causes, the sessions week by week, trainees and
    trainers, coverage before and after per skill, the assembly's decision and the progress."""
    from coop.reports.render import print_ahead

    with print_ahead(out, "training_plan.html.j2") as printout:
        from coop.reports.render import document_format

        document_format(out)
        with coop_scope(ctx) as c:
            report = c.training_plans.report(plan)
        written = printout.write(report=report)
    if report.approved_hash:
        typer.echo(
            _("Wrote training plan {plan} as the assembly approved it to {file}.").format(
                plan=report.label, file=written
            )
        )
    else:
        typer.echo(_("Wrote training plan {plan} to {file}.").format(plan=report.label, file=written))
