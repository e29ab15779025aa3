"""``coop plan``: draft, check, submit to the assembly, start, close, print and compare production plans
(a draft's lines: :mod:`.plan_line`).
"""

from __future__ import annotations

from pathlib import Path

import typer

from coop.cli.commands import coop_scope, emit_change, emit_listing, emit_views, run
from coop.cli.options import (
    AgendaItemOption,
    DecidingAssemblyOption,
    DelimiterOption,
    DocumentOut,
    EncodingOption,
    ProposerOption,
    command_group,
)
from coop.cli.output import OutputFormat, emit_object, emit_view, format_option
from coop.cli.plans.options import PlanNumber
from coop.cli.plans.plan_line import line_app
from coop.cli.plans.plan_rows import (
    ACKNOWLEDGEMENT_KEYS,
    CHANGE_KEYS,
    FINDING_KEYS,
    LINE_KEYS,
    PLAN_KEYS,
    say_check,
)
from coop.i18n import _, ngettext

plan_app = command_group(
    _("Production plans: draft, check, submit to the assembly, start, close, print, compare.")
)
plan_app.add_typer(line_app, name="line")


@plan_app.command("create")
def plan_create(
    ctx: typer.Context,
    name: str = typer.Argument(..., help=_("The plan's name, e.g. 'Verano 2027'.")),
    start: str = typer.Option(..., "--from", help=_("First week: 2026-W49, or any day in it.")),
    end: str | None = typer.Option(None, "--to", help=_("Last week: 2027-W09, or any day in it.")),
    weeks: int | None = typer.Option(None, "--weeks", help=_("Or: how many weeks it covers.")),
    note: str | None = typer.Option(None, "--note", help=_("A note for the assembly.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Draft a new plan over whole weeks (coordinator)."""
    from coop.plans.plan_views import plan_view

    row = run(
        ctx,
        lambda c: plan_view(
            c.session, c.plans.create_plan(name, period_start=start, period_end=end, weeks=weeks, note=note)
        ).as_json(),
    )
    emit_change(
        row,
        fmt,
        lambda row: _("Drafted plan {id}: {name}, weeks {start} to {end}.").format(
            id=row["id"], name=row["name"], start=row["period_start"], end=row["period_end"]
        ),
    )


@plan_app.command("list")
def plan_list(ctx: typer.Context, fmt: OutputFormat = format_option()) -> None:
    """List every plan and version."""
    from coop import display
    from coop.plans.plan_views import PlanView, plan_view

    emit_listing(
        ctx,
        lambda c: [plan_view(c.session, p) for p in c.plans.list_plans()],
        display.headings(PlanView, PLAN_KEYS),
        fmt,
        title=_("Production plans"),
    )


@plan_app.command("show")
def plan_show(
    ctx: typer.Context,
    plan: PlanNumber,
    fmt: OutputFormat = format_option(),
) -> None:
    """Show a plan: its status, its lines and its acknowledged findings."""
    from coop import display
    from coop.plans.plan_views import AcknowledgementView, PlanLineView, plan_sheet

    sheet = run(ctx, lambda c: plan_sheet(c.session, c.plans.find_plan(plan)))
    if fmt is not OutputFormat.table:  # CSV too: one record, its lines in one cell as JSON
        emit_object(sheet.as_json(), fmt)
        return
    lines = display.headings(PlanLineView, LINE_KEYS)
    if fmt is OutputFormat.csv:  # the lines, as a table for scripts
        emit_views(sheet.lines, lines, fmt)
        return
    emit_view(sheet.summary, fmt)
    typer.echo()
    emit_views(sheet.lines, lines, fmt, title=_("Lines"))
    if sheet.acknowledgements:
        typer.echo()
        emit_views(
            sheet.acknowledgements,
            display.headings(AcknowledgementView, ACKNOWLEDGEMENT_KEYS),
            fmt,
            title=_("Acknowledged findings"),
        )


@plan_app.command("check")
def plan_check(
    ctx: typer.Context,
    plan: PlanNumber,
    fmt: OutputFormat = format_option(),
) -> None:
    """Check the plan against capacity, stock and crews; list what could make it fail."""
    from coop import display
    from coop.plans.plan_views import FindingView

    with coop_scope(ctx) as c:
        found = c.plans.find_plan(plan)
        check = c.plans.check_plan(found)
        views = [FindingView.of(item) for item in check.findings]
        title = _("Findings for plan {plan}").format(plan=found.label)
    emit_views(views, display.headings(FindingView, FINDING_KEYS), fmt, title=title)
    if fmt is OutputFormat.table:
        say_check(check)


@plan_app.command("acknowledge")
def plan_acknowledge(
    ctx: typer.Context,
    plan: PlanNumber,
    key: str = typer.Argument(..., help=_("The finding's key, as coop plan check lists it.")),
    reason: str = typer.Option(..., "--reason", help=_("Why the plan can go ahead anyway.")),
) -> None:
    """Acknowledge a finding with a reason, so that the plan can be submitted."""
    with coop_scope(ctx) as c:
        item = c.plans.acknowledge_finding(c.plans.find_plan(plan), key, reason=reason)
        text = _("Acknowledged {key}: {reason}").format(
            key=item.key, reason=item.acknowledgement.reason if item.acknowledgement else ""
        )
    typer.echo(text)


@plan_app.command("submit")
def plan_submit(ctx: typer.Context, plan: PlanNumber) -> None:
    """Submit a draft plan for the assembly's approval (refused while a blocking finding is open)."""
    with coop_scope(ctx) as c:
        found = c.plans.find_plan(plan)
        c.plans.submit_plan(found)
        label, plan_id = found.label, found.id
    typer.echo(
        _(
            "Submitted plan {plan}; put it before an open assembly with: "
            "coop plan propose-approval {id} --assembly N"
        ).format(plan=label, id=plan_id)
    )


@plan_app.command("propose-approval")
def plan_propose_approval(
    ctx: typer.Context,
    plan: PlanNumber,
    assembly: DecidingAssemblyOption = ...,
    by: ProposerOption = None,
    item: AgendaItemOption = None,
) -> None:
    """Put a submitted plan before an open assembly: a motion of kind plan-approval."""
    with coop_scope(ctx) as c:
        found = c.plans.find_plan(plan)
        motion = c.plans.propose_plan_approval(found, assembly, proposer=by, item=item)
        text = _(
            "Plan {plan} is motion {position} (id {id}) of assembly {assembly}; "
            "the assembly's vote approves or rejects it."
        ).format(plan=found.label, position=motion.position, id=motion.id, assembly=motion.assembly_id)
    typer.echo(text)


@plan_app.command("revise")
def plan_revise(
    ctx: typer.Context,
    plan: PlanNumber,
    name: str | None = typer.Option(None, "--name", help=_("A new name for the new version.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Make a new draft version of a plan; the version revised stays as it was."""
    from coop.plans.plan_views import plan_view

    with coop_scope(ctx) as c:
        found = c.plans.find_plan(plan)
        row = plan_view(c.session, c.plans.revise_plan(found, name=name)).as_json()
    emit_change(
        row,
        fmt,
        lambda row: _("Drafted plan {id}, version {version} of {name}, revising {old}.").format(
            id=row["id"], version=row["version"], name=row["name"], old=found.label
        ),
    )


@plan_app.command("start")
def plan_start(ctx: typer.Context, plan: PlanNumber) -> None:
    """Start an approved plan: production follows it now."""
    found = run(ctx, lambda c: c.plans.start_plan(plan))
    typer.echo(_("Plan {plan} is in progress.").format(plan=found.label))


@plan_app.command("close")
def plan_close(
    ctx: typer.Context,
    plan: PlanNumber,
    actual: list[str] = typer.Option(None, "--actual", help=_("LINE=QUANTITY actually made; once per line.")),
    file: Path | None = typer.Option(None, "--file", help=_("Or a CSV with columns line,actual_quantity.")),
    delimiter: DelimiterOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Close a plan in progress with what was actually made on each line."""
    from coop.csvfiles import CsvDialect
    from coop.errors import PlanError
    from coop.plans.lifecycle import parse_actuals, read_actuals

    if bool(actual) == (file is not None):
        raise PlanError(_("Give what was made with --actual LINE=QUANTITY for each line, or --file CSV."))
    if file is not None:
        actuals = read_actuals(file, dialect=CsvDialect.named(delimiter=delimiter, encoding=encoding))
    else:
        actuals = parse_actuals(actual)
    found = run(ctx, lambda c: c.plans.close_plan(plan, actuals))
    label, plan_id = found.label, found.id
    typer.echo(
        _(
            "Closed plan {plan}; print planned versus actual with: coop plan report {id} --out FILE.pdf"
        ).format(plan=label, id=plan_id)
    )


@plan_app.command("report")
def plan_report(
    ctx: typer.Context,
    plan: PlanNumber,
    out: DocumentOut,
) -> None:
    """Print a plan: lines, findings, load charts, materials, crews, the assembly's decision, actuals."""
    from coop.reports.render import print_ahead

    with print_ahead(out, "plan_report.html.j2") as printout:
        from coop import vocabulary
        from coop.plans.reports import plan_for_print
        from coop.reports.render import document_format

        document_format(out)
        with coop_scope(ctx) as c:
            found = c.plans.find_plan(plan)
            model = plan_for_print(c.session, found, on=c.now.date())
            status = vocabulary.label(found.status)  # in the reader's language, not the document's
        written = printout.write(plan=model)
        if model.snapshot_hash:
            typer.echo(_("Wrote plan {plan} as approved to {file}.").format(plan=model.label, file=written))
        else:
            typer.echo(
                _("Wrote plan {plan} ({status}) to {file}.").format(
                    plan=model.label, status=status, file=written
                )
            )


@plan_app.command("diff")
def plan_diff(
    ctx: typer.Context,
    first: str = typer.Argument(..., help=_("The earlier plan or version.")),
    second: str = typer.Argument(..., help=_("The later plan or version.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show what changed between two plans or versions: period, name and lines."""
    from coop import display
    from coop.plans.plan_views import LineChangeView, PlanDiffView

    with coop_scope(ctx) as c:
        diff = c.plans.diff_plans(first, second)
        view = PlanDiffView(diff)
        labels = (diff.a.label, diff.b.label)
        changes, fields = view.changes(), view.fields()
        data = view.as_json()
    if fmt is OutputFormat.json:
        emit_object(data, fmt)
        return
    if fmt is OutputFormat.table:
        typer.echo(_("From {a} to {b}:").format(a=labels[0], b=labels[1]))
        for item in fields:
            typer.echo(_("  {field}: {a} → {b}").format(field=_(item.heading), a=item.a, b=item.b))
        if not changes and not fields:
            typer.echo(_("  nothing changed."))
    emit_views(changes, display.headings(LineChangeView, CHANGE_KEYS), fmt)
    if fmt is OutputFormat.table:
        typer.echo(
            ngettext("{count} line unchanged.", "{count} lines unchanged.", diff.unchanged).format(
                count=diff.unchanged
            )
        )
