"""``coop master report``: the printed master plan for the assembly (PDF or HTML)."""

from __future__ import annotations

import typer

from coop.cli.options import DocumentOut
from coop.i18n import _


def master_report(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help=_("The master plan.")),
    out: DocumentOut = ...,
    member_hours: str = typer.Option(
        "120", "--member-hours", help=_("Hours one qualified member works a month (default 120).")
    ),
) -> None:
    """Print a master plan for the assembly: its scenarios, the comparison table, and one page per
    scenario with stock, load and labour charts."""
    from coop.reports.render import print_ahead

    with print_ahead(out, "master_plan.html.j2") as printout:
        from coop.cli.commands import coop_scope
        from coop.reports.render import document_format

        document_format(out)
        with coop_scope(ctx) as c:
            model = c.master.report(plan, member_hours=member_hours)
        written = printout.write(report=model)
    typer.echo(
        _("Wrote master plan {plan} with {count} scenarios to {file}.").format(
            plan=model.plan, count=len(model.pages), file=written
        )
    )


def register(app: typer.Typer) -> None:
    app.command("report")(master_report)
