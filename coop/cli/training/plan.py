"""``coop training plan``: the training plan, from the needs of production (``needs``)."""

from __future__ import annotations

import typer

from coop.cli.commands import run
from coop.cli.options import command_group
from coop.cli.output import OutputFormat, emit_object, emit_rows, format_option
from coop.cli.training.records import training_app
from coop.i18n import _

plan_app = command_group(
    _("The training plan: what the plant must learn, by when, to keep production running.")
)
training_app.add_typer(plan_app, name="plan")


@plan_app.command("needs")
def plan_needs(
    ctx: typer.Context,
    start: str | None = typer.Option(
        None, "--from", help=_("First week, like 2027-W05 or any day of it (default: next week).")
    ),
    weeks: int = typer.Option(13, "--weeks", help=_("How many weeks to look ahead, 1 to 104.")),
    plans: list[str] = typer.Option(
        [], "--plan", help=_("Only this plan's load (repeat for more); default: every current plan.")
    ),
    hours: str = typer.Option("40", "--hours-per-member", help=_("A member's working hours in a week.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """The skills the plant will be short of, week by week, and why: required minimums, the plans'
    crews and bus-factor targets against the members qualified and available (lapses, rotation,
    departures)."""
    report = run(
        ctx,
        lambda c: c.training.training_needs(start=start, weeks=weeks, plans=plans, hours_per_member=hours),
    )
    if fmt is OutputFormat.json:
        emit_object(report.as_json(), fmt)
        return
    if fmt is OutputFormat.csv:
        emit_rows(
            [gap.as_json() for gap in report.gaps],
            [(key, key) for key in ("week_label", "skill", "level", "needed", "available", "short", "text")],
            fmt,
        )
        return
    for line in report.lines():
        typer.echo(line)
