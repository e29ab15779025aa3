"""``coop training`` hours, expiring, matrix, coverage, pipeline: who can do what."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from coop.cli.commands import coop_scope, emit_views, run
from coop.cli.output import OutputFormat, emit_object, emit_rows, format_option
from coop.cli.training.options import AsOnDay, OnlyCategory, OnlySkill
from coop.cli.training.records import training_app
from coop.cli.training.shared import parse_day
from coop.errors import TrainingError
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from coop.training.coverage import CurrentLevel, MatrixCell


@training_app.command("hours")
def training_hours(
    ctx: typer.Context,
    since: str | None = typer.Option(None, "--from", help=_("First day (default: a year ago).")),
    until: str | None = typer.Option(None, "--to", help=_("Last day (default: today).")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Hours of training per member and hours taught per trainer over a period."""
    end = parse_day(until, _("The last day")) if until is not None else None
    start = parse_day(since, _("The first day")) if since is not None else None
    view = run(ctx, lambda c: c.training.training_hours(start=start, end=end))
    start, end = view.report.start, view.report.end
    members, trainers = view.members(), view.trainers()
    if fmt is OutputFormat.json:
        emit_object(view.as_json(), fmt)
        return
    if fmt is OutputFormat.csv:
        emit_rows(
            [{"who": r["member"], "role": "member", **r} for r in members]
            + [{"who": r["trainer"], "role": "trainer", **r} for r in trainers],
            [("role", "role"), ("who", "who"), ("hours", "hours"), ("sessions", "sessions")],
            fmt,
        )
        return
    from coop import display
    from coop.training.report_views import MemberHoursView, TrainerHoursView

    period = _("from {start} to {end}").format(start=start.isoformat(), end=end.isoformat())
    emit_views(
        view.member_views(),
        display.headings(MemberHoursView, ("member", "hours", "sessions")),
        fmt,
        title=_("Hours trained per member, {period}").format(period=period),
    )
    typer.echo("")
    emit_views(
        view.trainer_views(),
        display.headings(TrainerHoursView, ("trainer", "hours", "sessions")),
        fmt,
        title=_("Hours taught per trainer, {period}").format(period=period),
    )


@training_app.command("expiring")
def training_expiring(
    ctx: typer.Context,
    days: int = typer.Option(
        90, "--days", help=_("How far ahead to look: 30, 60 or 90 days (or any number).")
    ),
    on: str | None = typer.Option(None, "--on", help=_("Count from this day (default today).")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Certifications that lapse in the next 30, 60 and 90 days, soonest first."""
    from coop import display
    from coop.training.report_views import LapsingView

    if days < 1:
        raise TrainingError(_("--days must be at least 1, not {days}.").format(days=days))
    with coop_scope(ctx) as c:
        views = c.training.lapsing_certifications(
            within_days=days, on=parse_day(on, _("The day"), c.now.date())
        )
    emit_views(
        views,
        display.headings(LapsingView, ("within_days", "expires_on", "days_left", "member", "skill", "level")),
        fmt,
        title=ngettext(
            "Certifications lapsing in the next {days} day",
            "Certifications lapsing in the next {days} days",
            days,
        ).format(days=days),
    )


def _cell_text(cell: MatrixCell | CurrentLevel, soon: date) -> str:
    """``3``, ``3!`` (lapses within 30 days), ``×3`` (lapsed; was level 3), or empty."""
    if cell.expired:
        return f"×{int(cell.assessed_level)}"
    if not cell.level:
        return ""
    mark = "!" if cell.expires_on is not None and cell.expires_on <= soon else ""
    return f"{int(cell.level)}{mark}"


@training_app.command("matrix")
def training_matrix(
    ctx: typer.Context,
    section: str | None = typer.Option(None, "--section", help=_("Only members of this section.")),
    category: OnlyCategory = None,
    on: str | None = typer.Option(None, "--on", help=_("Levels as on this day (default today).")),
    out: Path | None = typer.Option(None, "--out", "-o", help=_("Print it to a .pdf or .html file instead.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """The skills matrix: active members × skills; ×3 marks a lapsed certification, 3! one lapsing soon."""
    from coop.reports.render import print_ahead

    with print_ahead(out, "skills_matrix.html.j2") as printout:
        from coop.training.picture import skills_matrix, training_picture

        with coop_scope(ctx) as c:
            day = parse_day(on, _("The day"), c.now.date())
            if out is not None:
                from coop.training.reports import skills_matrix_document

                document = skills_matrix_document(c.session, on=day, section=section, category=category)
            else:
                picture = training_picture(c.session, day, section=section, category=category)
                matrix = skills_matrix(picture)
                codes = [s.code for s in picture.skills]
                soon = day + timedelta(days=30)
                rows = []
                for row in matrix.rows:
                    member = picture.member(row.member)
                    line: dict[str, Any] = {
                        "number": member.number,
                        "name": member.name,
                        "section": member.section,
                    }
                    if fmt is OutputFormat.json:
                        line["skills"] = {
                            cell.skill: {
                                "level": int(cell.level),
                                "expired": cell.expired,
                                "assessed_level": int(cell.assessed_level),
                                "expires_on": cell.expires_on.isoformat() if cell.expires_on else None,
                            }
                            for cell in row.cells
                            if cell.level or cell.expired
                        }
                    else:
                        line |= {cell.skill: _cell_text(cell, soon) for cell in row.cells}
                    rows.append(line)
        if out is not None:
            written = printout.write(matrix=document)
            typer.echo(
                _("Wrote the skills matrix of {members} × {skills} to {file}.").format(
                    members=ngettext("{count} member", "{count} members", len(document.members)).format(
                        count=len(document.members)
                    ),
                    skills=ngettext("{count} skill", "{count} skills", len(document.skills)).format(
                        count=len(document.skills)
                    ),
                    file=written,
                )
            )
            return
        columns = [("number", _("No.")), ("name", _("Name")), ("section", _("Section"))]
        columns += [(code, code) for code in codes]
        emit_rows(rows, columns, fmt, title=_("Skills matrix on {day}").format(day=day.isoformat()))


@training_app.command("coverage")
def training_coverage(
    ctx: typer.Context,
    on: AsOnDay = None,
    horizon: int = typer.Option(
        90, "--horizon", help=_("Also count who is still qualified this many days ahead.")
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help=_("Print the report to a .pdf or .html file.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Coverage risk: skills below their minimum, or where one absence would leave too few."""
    from coop.reports.render import print_ahead

    with print_ahead(out, "training_coverage.html.j2") as printout:
        from coop import display
        from coop.training.report_views import CoverageLineView

        if horizon < 1:
            raise TrainingError(_("--horizon must be at least 1 day, not {days}.").format(days=horizon))
        with coop_scope(ctx) as c:
            report = c.training.coverage(on=parse_day(on, _("The day"), c.now.date()), horizon_days=horizon)
        if out is not None:
            written = printout.write(coverage=report)
            typer.echo(_("Wrote the training coverage report to {file}.").format(file=written))
            return
        views = [
            CoverageLineView.of(line)
            for line in (report.at_risk + tuple(s for s in report.skills if s not in report.at_risk))
        ]
        keys = ("code", "name", "minimum", "qualifying_level", "qualified")
        columns = display.headings(CoverageLineView, keys)
        columns += [("qualified_at_horizon", _("In {days} days").format(days=horizon))]
        columns += display.headings(CoverageLineView, ("status",))
        emit_views(
            views,
            columns,
            fmt,
            title=ngettext(
                "Coverage on {day}: {below} skill below its minimum, {one} one absence away",
                "Coverage on {day}: {below} skills below their minimum, {one} one absence away",
                report.below_minimum,
            ).format(day=report.as_of, below=report.below_minimum, one=report.one_absence),
        )


@training_app.command("pipeline")
def training_pipeline(
    ctx: typer.Context,
    skill: OnlySkill = None,
    on: AsOnDay = None,
    fmt: OutputFormat = format_option(),
) -> None:
    """Trainees per skill: members above level 0 but below the skill's qualifying level."""
    from coop import display
    from coop.training.report_views import PipelineView

    with coop_scope(ctx) as c:
        day = parse_day(on, _("The day"), c.now.date())
        views = c.training.trainee_pipeline(skill=skill, on=day)
    keys = ("code", "name", "qualifying_level", "trainees", "independent", "operates", "supervised")
    columns = display.headings(PipelineView, keys)
    if fmt is OutputFormat.table:
        # Level 3 is "in training" only for skills that ask for level 4: shown when someone is.
        columns = [c for c in columns if c[0] != "independent" or any(v.independent for v in views)]
    emit_views(views, columns, fmt, title=_("Trainee pipeline"))
