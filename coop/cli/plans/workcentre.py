"""``coop workcentre``: work centres, their hours and their closures (routings: :mod:`.routing`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import typer

from coop.cli.commands import coop_scope, emit_change, emit_listing, emit_views, run
from coop.cli.csv_command import added_and_changed, counted, csv_import_command
from coop.cli.options import command_group
from coop.cli.output import OutputFormat, emit_view, format_option
from coop.cli.plans.options import CentreRef, ClosurePlace, FromDay, NewName, ToDay
from coop.cli.plans.routing import routing_app
from coop.formatting import format_quantity
from coop.i18n import N_, _, ngettext

workcentre_app = command_group(_("Work centres: hours, shifts, stations, efficiency, closures and routings."))
workcentre_app.add_typer(routing_app, name="routing")


# --- work centres and closures --------------------------------------------------------------------


CENTRE_KEYS = [
    "code",
    "name",
    "hours_per_shift",
    "shifts_per_day",
    "working_days",
    "parallel",
    "efficiency_pct",
    "hours_per_week",
]


def _figures(
    hours_per_shift: str | None,
    shifts: int | None,
    days: int | None,
    parallel: int | None,
    efficiency: str | None,
) -> dict[str, Any]:
    """A work centre's options under the names the API takes them by."""
    return {
        "hours_per_shift": hours_per_shift,
        "shifts_per_day": shifts,
        "working_days": days,
        "parallel": parallel,
        "efficiency_pct": efficiency,
    }


@workcentre_app.command("add")
def workcentre_add(
    ctx: typer.Context,
    code: str = typer.Argument(..., help=_("Short code, e.g. HORNO-T.")),
    name: str = typer.Argument(..., help=_("The work centre's name.")),
    hours_per_shift: str = typer.Option(..., "--hours-per-shift", help=_("Hours in one shift.")),
    shifts: int = typer.Option(1, "--shifts", help=_("Shifts a day.")),
    days: int = typer.Option(5, "--days", help=_("Working days a week, from Monday (5: Monday to Friday).")),
    parallel: int = typer.Option(1, "--parallel", help=_("Identical machines or stations working at once.")),
    efficiency: str = typer.Option("100", "--efficiency", help=_("Efficiency in % of the nominal hours.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Add a work centre: a kiln, a press line, a glazing line (coordinator)."""
    from coop.plans.views import CentreView

    with coop_scope(ctx) as c:
        figures = _figures(hours_per_shift, shifts, days, parallel, efficiency)
        centre = c.plans.add_work_centre(code, name, **figures)
        row = CentreView.of(centre).as_json()
    emit_change(
        row,
        fmt,
        lambda row: _("Added work centre {code}: {name}, {hours} h in a full week.").format(
            code=row["code"], name=row["name"], hours=format_quantity(Decimal(row["hours_per_week"]))
        ),
    )


@workcentre_app.command("update")
def workcentre_update(
    ctx: typer.Context,
    centre: CentreRef,
    name: NewName = None,
    hours_per_shift: str | None = typer.Option(None, "--hours-per-shift", help=_("Hours in one shift.")),
    shifts: int | None = typer.Option(None, "--shifts", help=_("Shifts a day.")),
    days: int | None = typer.Option(None, "--days", help=_("Working days a week.")),
    parallel: int | None = typer.Option(None, "--parallel", help=_("Stations working at once.")),
    efficiency: str | None = typer.Option(None, "--efficiency", help=_("Efficiency in %.")),
) -> None:
    """Change a work centre's hours, shifts, days, stations or efficiency."""
    from coop.plans.views import CentreView

    with coop_scope(ctx) as c:
        figures = _figures(hours_per_shift, shifts, days, parallel, efficiency)
        found = c.plans.update_work_centre(centre, name=name, **figures)
        row = CentreView.of(found).as_json()
    typer.echo(
        _("Changed work centre {code}: {hours} h in a full week.").format(
            code=row["code"], hours=format_quantity(Decimal(row["hours_per_week"]))
        )
    )


@workcentre_app.command("list")
def workcentre_list(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List the work centres and the hours each has in a full week."""
    from coop import display
    from coop.plans.views import CentreView

    emit_listing(
        ctx,
        lambda c: [CentreView.of(centre) for centre in c.plans.list_work_centres()],
        display.headings(CentreView, CENTRE_KEYS),
        fmt,
        title=_("Work centres"),
    )


@workcentre_app.command("show")
def workcentre_show(
    ctx: typer.Context,
    centre: CentreRef,
    fmt: OutputFormat = format_option(),
) -> None:
    """Show a work centre with its coming closures and its routings."""
    sheet = run(ctx, lambda c: c.plans.work_centre_sheet(centre))
    emit_view(sheet, fmt)


csv_import_command(
    workcentre_app,
    "import",
    help=N_("Add or change work centres from a CSV file: all lines or none."),
    columns=_(
        "CSV with columns code,name,hours_per_shift,shifts_per_day,working_days,parallel,efficiency_pct."
    ),
    load=lambda c: c.plans.import_work_centres,
    report=added_and_changed(
        lambda added: ngettext("{count} work centre added", "{count} work centres added", added)
    ),
)


@workcentre_app.command("close")
def workcentre_close(
    ctx: typer.Context,
    centre: ClosurePlace = None,
    day: str = typer.Option(..., "--date", help=_("The day it does not work (YYYY-MM-DD).")),
    reason: str = typer.Option(..., "--reason", help=_("Why: holiday, maintenance, assembly day, ...")),
    plant: bool = typer.Option(False, "--plant", help=_("The whole plant is closed that day.")),
) -> None:
    """Record a day a work centre, or the whole plant, does not work."""
    with coop_scope(ctx) as c:
        target, closure = c.plans.add_closure(centre, day, reason, plant=plant)
        text = _("{where} is closed on {day}: {reason}.").format(
            where=target.code if target else _("The whole plant"),
            day=closure.closed_on.isoformat(),
            reason=closure.reason,
        )
    typer.echo(text)


@workcentre_app.command("reopen")
def workcentre_reopen(
    ctx: typer.Context,
    centre: ClosurePlace = None,
    day: str = typer.Option(..., "--date", help=_("The day it works after all (YYYY-MM-DD).")),
    plant: bool = typer.Option(False, "--plant", help=_("A whole-plant closure.")),
) -> None:
    """Remove a closure recorded by mistake or called off."""
    target, when = run(ctx, lambda c: c.plans.remove_closure(centre, day, plant=plant))
    typer.echo(
        _("{where} works on {day} after all.").format(
            where=target.code if target else _("The whole plant"), day=when.isoformat()
        )
    )


@workcentre_app.command("closures")
def workcentre_closures(
    ctx: typer.Context,
    centre: str | None = typer.Argument(None, help=_("Only this work centre (and whole-plant closures).")),
    start: FromDay = None,
    end: ToDay = None,
    fmt: OutputFormat = format_option(),
) -> None:
    """List closures: holidays, maintenance, assembly days."""
    from coop import display
    from coop.plans.views import ClosureView

    closures = run(ctx, lambda c: c.plans.list_closures(centre, start=start, end=end))
    emit_views(
        [ClosureView.of(closure) for closure in closures],
        display.headings(ClosureView, ["date", "work_centre", "reason"]),
        fmt,
        title=_("Closures"),
    )


csv_import_command(
    workcentre_app,
    "import-closures",
    help=N_("Add closures from a CSV file: all lines or none."),
    columns=_("CSV with columns work_centre,date,reason (an empty work centre: the whole plant)."),
    load=lambda c: c.plans.import_closures,
    report=counted(
        lambda count: ngettext(
            "Recorded {count} closure from {file}.", "Recorded {count} closures from {file}.", count
        )
    ),
)


# --- required skills ------------------------------------------------------------------------------


required_skills_app = command_group(
    _("The skills a work centre requires, kept as a CSV file: import them all at once.")
)
workcentre_app.add_typer(required_skills_app, name="required-skills")


@workcentre_app.command("require-skill")
def workcentre_require_skill(
    ctx: typer.Context,
    centre: CentreRef,
    skill: str = typer.Argument(..., help=_("Skill code or name.")),
    level: str | None = typer.Option(
        None, "--level", help=_("Minimum level, 1 to 4 (default: the skill's qualifying level).")
    ),
    minimum: str = typer.Option(
        "1", "--minimum", help=_("Members qualified at that level needed each week the centre works.")
    ),
    remove: bool = typer.Option(False, "--remove", help=_("The work centre no longer requires the skill.")),
) -> None:
    """Set (or replace) a skill a work centre requires each week it works, or --remove it (coordinator)."""
    if remove:
        found = run(ctx, lambda c: c.plans.remove_required_skill(centre, skill))
        typer.echo(_("{centre} no longer requires {skill}.").format(centre=found.code, skill=skill))
        return
    with coop_scope(ctx) as c:
        required = c.plans.require_skill(centre, skill, level=level, minimum=minimum)
        text = ngettext(
            "{centre} requires {count} member qualified in {skill} at level {level} or above each week "
            "it works.",
            "{centre} requires {count} members qualified in {skill} at level {level} or above each week "
            "it works.",
            required.min_qualified,
        ).format(
            centre=required.work_centre.code,
            count=required.min_qualified,
            skill=required.skill.code,
            level=required.min_level,
        )
    typer.echo(text)


csv_import_command(
    required_skills_app,
    "import",
    help=N_("Set the skills work centres require from a CSV file: all lines or none (coordinator)."),
    columns=_("CSV with columns work_centre,skill,min_level,min_qualified."),
    load=lambda c: c.plans.import_required_skills,
    report=counted(
        lambda count: ngettext(
            "Set {count} required skill from {file}.", "Set {count} required skills from {file}.", count
        )
    ),
)
