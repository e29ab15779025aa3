"""``coop training`` log, attend, assess, import, list, show, history: the training record."""

from __future__ import annotations

from pathlib import Path

import typer

from coop.cli import words
from coop.cli.commands import coop_scope, emit_views, run
from coop.cli.options import DelimiterOption, EncodingOption, command_group
from coop.cli.output import OutputFormat, emit_object, emit_rows, emit_view, format_option
from coop.cli.plans.options import FromDay, ToDay
from coop.cli.training.options import (
    MemberRef,
    OnlySkill,
    SessionNumber,
    SkillRef,
    override_prerequisites_option,
)
from coop.cli.training.shared import level_text, parse_day
from coop.cli.words import listing
from coop.errors import TrainingError
from coop.formatting import format_date, format_quantity
from coop.i18n import N_, _, ngettext

training_app = command_group(
    _("Training sessions, attendance, assessments, and the reports on who can do what.")
)


SESSION_KEYS = ("id", "held_on", "skill", "kind", "hours", "trainer", "place", "present", "assessed")
SESSION_KEYS += ("status",)


@training_app.command("log")
def training_log(
    ctx: typer.Context,
    skill: str | None = typer.Argument(
        None, help=_("Skill code or name (with --from-plan: the planned session's skill).")
    ),
    day: str | None = typer.Option(None, "--date", help=_("Day of the session (YYYY-MM-DD); default today.")),
    hours: str | None = typer.Option(
        None, "--hours", help=_("How long it lasted, e.g. 2 or 1.5 (with --from-plan: as planned).")
    ),
    kind: str = typer.Option(
        "practice",
        "--kind",
        help=listing(N_("Kind of session: {words}."), words.session_kinds, default=words.practice_session),
    ),
    trainer: str | None = typer.Option(
        None, "--trainer", help=_("The member who gave it (default: you); must hold the skill at level 4.")
    ),
    outside: str | None = typer.Option(None, "--outside", help=_("Name of an outside trainer who gave it.")),
    place: str | None = typer.Option(None, "--place", help=_("Where it took place.")),
    planned: bool = typer.Option(
        False, "--planned", help=_("A session planned ahead: its date may be in the future.")
    ),
    note: str | None = typer.Option(None, "--note", help=_("Anything worth keeping with it.")),
    from_plan: str | None = typer.Option(
        None,
        "--from-plan",
        help=_("PLAN:N: held as session N of an approved training plan; its skill, trainer and trainees."),
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Log a training session (trainers); record who attended with: coop training attend. With
    --from-plan, a planned session held: its skill, trainer and trainees (present) as planned."""
    from coop import vocabulary
    from coop.training.views import SessionView

    with coop_scope(ctx) as c:
        moment = c.now
        # What the session held is, whether it was planned in a training plan or not.
        details = {
            "held_on": parse_day(day, _("The date"), moment.date()),
            "hours": hours,
            "kind": kind,
            "trainer": trainer,
            "outside_trainer": outside,
            "place": place,
            "note": note,
        }
        if from_plan is not None:
            if skill is not None or planned:
                raise TrainingError(
                    _("With --from-plan the skill is the planned session's; leave out SKILL and --planned.")
                )
            held = c.training_plans.log_planned(from_plan, **details)
        elif skill is None or hours is None:
            raise TrainingError(
                _("Name the skill and give --hours (or log a planned session with --from-plan).")
            )
        else:
            held = c.training.log_session(skill, planned=planned, **details)
        row = SessionView.of(held, moment.date()).as_json()
    if fmt is not OutputFormat.table:
        emit_object(row, fmt)
    else:
        typer.echo(
            _("Logged session {id}: {skill}, {day}, {hours} h of {kind}, given by {trainer}.").format(
                id=row["id"],
                skill=row["skill"],
                day=format_date(held.held_on),
                hours=format_quantity(held.hours),
                kind=vocabulary.label(held.kind),
                trainer=row["trainer"],
            )
        )


@training_app.command("attend")
def training_attend(
    ctx: typer.Context,
    session_ref: SessionNumber,
    members: list[str] = typer.Argument(..., help=_("Member numbers or names.")),
    absent: bool = typer.Option(False, "--absent", help=_("They were expected but did not come.")),
    hours: str | None = typer.Option(
        None, "--hours", help=_("Hours they attended, if less than the session.")
    ),
    level: str | None = typer.Option(
        None, "--level", "-l", help=_("Level the trainer assessed them at in this session: 0–4.")
    ),
    override_prerequisites: bool = override_prerequisites_option(
        _("Record them even though a prerequisite is not met (audited).")
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Record who attended a session, and the level assessed there (all members or none)."""
    from coop.training.views import AttendanceView

    with coop_scope(ctx) as c:
        held = c.training.find_session(session_ref)
        records = c.training.record_attendance(
            held,
            members,
            present=not absent,
            hours=hours,
            level=level,
            override_prerequisites=override_prerequisites,
        )
        rows = []
        for record in records:
            row = AttendanceView.of(record.attendance).as_json()
            row["expires_on"] = (
                record.assessment.expires_on.isoformat()
                if record.assessment and record.assessment.expires_on
                else None
            )
            row["prerequisites_overridden"] = [p.message for p in record.overridden]
            rows.append(row)
        session_id = held.id
    if fmt is OutputFormat.json:
        emit_rows(rows, [], fmt)
        return
    recorded = ngettext(
        "Recorded {count} member at session {id}.", "Recorded {count} members at session {id}.", len(rows)
    )
    typer.echo(recorded.format(count=len(rows), id=session_id))
    for row in rows:
        for message in row["prerequisites_overridden"]:
            typer.echo(_("Recorded despite: {message}").format(message=message))


@training_app.command("assess")
def training_assess(
    ctx: typer.Context,
    member: MemberRef,
    skill: SkillRef,
    level: str = typer.Argument(..., help=_("Level assessed: 0–4 (0 none … 4 can train).")),
    day: str | None = typer.Option(
        None, "--date", help=_("Day of the assessment (YYYY-MM-DD); default today.")
    ),
    assessor: str | None = typer.Option(
        None, "--assessor", help=_("The member who assessed (default: you); must hold the skill at level 4.")
    ),
    outside: str | None = typer.Option(None, "--outside", help=_("Name of an outside trainer who assessed.")),
    note: str | None = typer.Option(None, "--note", help=_("E.g. the number of a licence.")),
    override_prerequisites: bool = override_prerequisites_option(
        _("Record it even though a prerequisite is not met (audited).")
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Add an assessment to a member's skill history (an exam, a licence, a check on the job)."""
    from coop.training.views import AssessmentView

    with coop_scope(ctx) as c:
        moment = c.now
        assessment = c.training.record_assessment(
            member,
            skill,
            level,
            assessed_on=parse_day(day, _("The date"), moment.date()),
            assessor=assessor,
            outside_assessor=outside,
            note=note,
            override_prerequisites=override_prerequisites,
        )
        row = AssessmentView.of(assessment, moment.date()).as_json()
    if fmt is not OutputFormat.table:
        emit_object(row, fmt)
        return
    text = _("{member}: {skill} at level {level}, assessed on {day}").format(
        member=row["member"], skill=row["skill"], level=level_text(row["level"]), day=row["assessed_on"]
    )
    if row["expires_on"]:
        text += _("; the certification lapses on {day}").format(day=row["expires_on"])
    typer.echo(text + ".")


@training_app.command("import")
def training_import(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., help=_("CSV with columns member,skill,level,assessed_on,assessor,outside_assessor,note.")
    ),
    override_prerequisites: bool = override_prerequisites_option(
        _("Accept rows whose prerequisites are not met (audited).")
    ),
    delimiter: DelimiterOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Add past assessments from a CSV file (paper records, licences): all lines or none."""
    count = len(
        run(
            ctx,
            lambda c: c.training.import_assessments(
                file, override_prerequisites=override_prerequisites, delimiter=delimiter, encoding=encoding
            ),
        )
    )
    typer.echo(
        ngettext(
            "Imported {count} assessment from {file}.", "Imported {count} assessments from {file}.", count
        ).format(count=count, file=file.name)
    )


@training_app.command("list")
def training_list(
    ctx: typer.Context,
    skill: str | None = typer.Option(None, "--skill", help=_("Only sessions in this skill.")),
    trainer: str | None = typer.Option(None, "--trainer", help=_("Only sessions given by this member.")),
    since: FromDay = None,
    until: ToDay = None,
    fmt: OutputFormat = format_option(),
) -> None:
    """List training sessions, oldest first (planned ones included)."""
    from coop import display
    from coop.training.views import SessionView

    start = parse_day(since, _("The first day")) if since else None
    end = parse_day(until, _("The last day")) if until else None
    with coop_scope(ctx) as c:
        today = c.now.date()
        found = c.training.list_sessions(skill=skill, trainer=trainer, start=start, end=end)
    views = [SessionView.of(held, today) for held in found]
    emit_views(views, display.headings(SessionView, SESSION_KEYS), fmt, title=_("Training sessions"))


@training_app.command("show")
def training_show(
    ctx: typer.Context,
    session_ref: SessionNumber,
    fmt: OutputFormat = format_option(),
) -> None:
    """Show a session and who attended it, with the levels assessed."""
    from coop.training.views import SessionSheet

    emit_view(run(ctx, lambda c: SessionSheet.of(c.training.find_session(session_ref), c.now.date())), fmt)


HISTORY_KEYS = ("assessed_on", "skill", "level", "expires_on", "lapsed", "assessor", "session_id")


@training_app.command("history")
def training_history(
    ctx: typer.Context,
    member: MemberRef,
    skill: OnlySkill = None,
    fmt: OutputFormat = format_option(),
) -> None:
    """Show a member's whole skill history, oldest first (it is never rewritten)."""
    from coop import display
    from coop.training.views import AssessmentView

    with coop_scope(ctx) as c:
        found = c.members.find_member(member)
        today = c.now.date()
        views = [AssessmentView.of(a, today) for a in c.training.member_history(found, skill=skill)]
        label = found.label
    emit_views(
        views,
        display.headings(AssessmentView, HISTORY_KEYS),
        fmt,
        title=_("Skill history of {member}").format(member=label),
    )
