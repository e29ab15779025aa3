"""``coop training plan propose|show|edit|submit|propose-approval|list|progress``: the stored plan."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import typer

from coop.cli.commands import coop_scope, run
from coop.cli.options import AgendaItemOption, DecidingAssemblyOption, ProposerOption
from coop.cli.output import OutputFormat, emit_object, emit_rows, format_option
from coop.cli.training.plan import plan_app
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from coop.api import Coop

PLAN = typer.Argument(..., help=_("The training plan: its number or name."))


@plan_app.command("propose")
def plan_propose(
    ctx: typer.Context,
    name: str = typer.Option(..., "--name", help=_("The training plan's name.")),
    start: str | None = typer.Option(
        None, "--from", help=_("First week, like 2027-W05 or any day of it (default: next week).")
    ),
    weeks: int = typer.Option(13, "--weeks", help=_("How many weeks to plan, 1 to 104.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Propose a training plan that closes the gaps of the needs analysis, and keep it as a draft:
    trainees closest to the level, trainers at level 3 or above, sessions before each gap opens."""

    def call(c: Coop) -> tuple[dict[str, Any], list[str]]:
        plan, sentences = c.training_plans.propose(name, start=start, weeks=weeks)
        return c.training_plans.show(plan), sentences

    data, sentences = run(ctx, call)
    if fmt is not OutputFormat.table:
        emit_object(data, fmt)
        return
    count = len(data["sessions"])
    typer.echo(
        ngettext(
            "Proposed training plan #{id} {name} as a draft: {count} session.",
            "Proposed training plan #{id} {name} as a draft: {count} sessions.",
            count,
        ).format(id=data["id"], name=data["name"], count=count)
    )
    for sentence in sentences:
        typer.echo(f"  {sentence}")


def _emit_sheet(
    data: dict[str, Any], fmt: OutputFormat, lines: Callable[[dict[str, Any]], Iterable[str]]
) -> None:
    """A plan's sheet: for scripts its JSON or CSV object, for people its ``lines`` of text."""
    if fmt is not OutputFormat.table:
        emit_object(data, fmt)
        return
    for line in lines(data):
        typer.echo(line)


@plan_app.command("show")
def plan_show(ctx: typer.Context, plan: str = PLAN, fmt: OutputFormat = format_option()) -> None:
    """A training plan's sessions, trainees, trainers and gaps; an approved plan as the assembly
    approved it, with its SHA-256."""
    from coop.training_plan.views import plan_lines

    _emit_sheet(run(ctx, lambda c: c.training_plans.show(plan)), fmt, plan_lines)


@plan_app.command("list")
def plan_list(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """Every training plan, newest first."""
    rows = run(ctx, lambda c: c.training_plans.list())
    columns = [
        ("id", _("No.")),
        ("name", _("Name")),
        ("starts_on", _("From")),
        ("weeks", _("Weeks")),
        ("status", _("Status")),
        ("sessions", _("Sessions")),
    ]
    if fmt is OutputFormat.json:
        emit_object({"training_plans": rows}, fmt)
        return
    from coop import vocabulary
    from coop.training_plan.models import TrainingPlanStatus

    if fmt is OutputFormat.table:
        rows = [{**row, "status": vocabulary.label(TrainingPlanStatus(row["status"]))} for row in rows]
    emit_rows(rows, columns, fmt)


@plan_app.command("edit")
def plan_edit(
    ctx: typer.Context,
    plan: str = PLAN,
    number: int = typer.Option(..., "--session", help=_("The number of the planned session to change.")),
    add_trainee: str | None = typer.Option(None, "--add-trainee", help=_("A member to add as a trainee.")),
    remove_trainee: str | None = typer.Option(
        None, "--remove-trainee", help=_("A trainee to take off the session.")
    ),
    week: str | None = typer.Option(None, "--week", help=_("Move the session to this week, like 2027-W04.")),
    trainer: str | None = typer.Option(
        None, "--trainer", help=_("A member at level 3 or above to teach it.")
    ),
) -> None:
    """Change a session of a draft training plan: add or remove a trainee, move it, change its trainer."""
    text = run(
        ctx,
        lambda c: _("Changed session {number} of training plan {plan}.").format(
            number=c.training_plans.edit(
                plan,
                number,
                add_trainee=add_trainee,
                remove_trainee=remove_trainee,
                week=week,
                trainer=trainer,
            ).number,
            plan=c.training_plans.find(plan).label,
        ),
    )
    typer.echo(text)


@plan_app.command("submit")
def plan_submit(ctx: typer.Context, plan: str = PLAN) -> None:
    """Submit a draft training plan, to be put before the assembly."""
    with coop_scope(ctx) as c:
        found = c.training_plans.submit(plan)
        text = _(
            "Submitted training plan {plan}; put it before an open assembly with: "
            "coop training plan propose-approval {id} --assembly N"
        ).format(plan=found.label, id=found.id)
    typer.echo(text)


@plan_app.command("propose-approval")
def plan_propose_approval(
    ctx: typer.Context,
    plan: str = PLAN,
    assembly: DecidingAssemblyOption = ...,
    by: ProposerOption = None,
    item: AgendaItemOption = None,
) -> None:
    """Put a submitted training plan before an open assembly: a motion of kind training-plan."""
    with coop_scope(ctx) as c:
        found = c.training_plans.find(plan)
        motion = c.training_plans.propose_approval(found, assembly, proposer=by, item=item)
        text = _(
            "Training plan {plan} is motion {position} (id {id}) of assembly {assembly}; "
            "the assembly's vote approves or rejects it."
        ).format(plan=found.label, position=motion.position, id=motion.id, assembly=motion.assembly_id)
    typer.echo(text)


@plan_app.command("progress")
def plan_progress(ctx: typer.Context, plan: str = PLAN, fmt: OutputFormat = format_option()) -> None:
    """Planned vs held vs assessed, session by session, and the gaps closed and still open."""
    from coop.training_plan.followup import progress_lines

    _emit_sheet(run(ctx, lambda c: c.training_plans.progress(plan)), fmt, progress_lines)
