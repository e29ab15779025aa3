"""``coop training`` log, attend, assess, import, list, show, history: the training record."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from coop.cli.context import now, open_session
from coop.cli.output import OutputFormat, emit_object, emit_rows, format_option
from coop.cli.training.shared import actor_of, level_text, parse_day
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from coop.training.models import SessionAttendance, SkillAssessment, TrainingSession


training_app = typer.Typer(
    help=_("Training sessions, attendance, assessments, and the reports on who can do what."),
    no_args_is_help=True,
)


SESSION_COLUMNS = [
    ("id", "#"),
    ("held_on", _("Date")),
    ("skill", _("Skill")),
    ("kind", _("Kind")),
    ("hours", _("Hours")),
    ("trainer", _("Trainer")),
    ("place", _("Place")),
    ("present", _("Present")),
    ("assessed", _("Assessed")),
    ("status", _("Status")),
]


def session_row(held: TrainingSession, today: date) -> dict[str, Any]:
    return {
        "id": held.id,
        "held_on": held.held_on.isoformat(),
        "skill": held.skill.code,
        "skill_name": held.skill.name,
        "kind": held.kind.value,
        "hours": str(held.hours),
        "trainer": held.trainer_label,
        "outside_trainer": held.trainer_id is None,
        "place": held.place,
        "planned": held.planned,
        "status": _("planned") if held.held_on > today else _("held"),
        "present": sum(1 for a in held.attendance if a.present),
        "absent": sum(1 for a in held.attendance if not a.present),
        "assessed": sum(1 for a in held.attendance if a.assessed_level is not None),
        "note": held.note,
    }


def attendance_row(attendance: SessionAttendance) -> dict[str, Any]:
    from coop.training.sessions import attended_hours

    hours = attended_hours(attendance)
    return {
        "member": attendance.member.label,
        "number": attendance.member.number,
        "present": attendance.present,
        "hours": str(hours) if hours is not None else None,
        "assessed_level": attendance.assessed_level,
    }


@training_app.command("log")
def training_log(
    ctx: typer.Context,
    skill: str = typer.Argument(..., help=_("Skill code or name.")),
    day: str | None = typer.Option(None, "--date", help=_("Day of the session (YYYY-MM-DD); default today.")),
    hours: str = typer.Option(..., "--hours", help=_("How long it lasted, e.g. 2 or 1.5.")),
    kind: str = typer.Option("practice", "--kind", help=_("theory, practice, shadowing or exam.")),
    trainer: str | None = typer.Option(
        None, "--trainer", help=_("The member who gave it (default: you); must hold the skill at level 4.")
    ),
    outside: str | None = typer.Option(None, "--outside", help=_("Name of an outside trainer who gave it.")),
    place: str | None = typer.Option(None, "--place", help=_("Where it took place.")),
    planned: bool = typer.Option(
        False, "--planned", help=_("A session planned ahead: its date may be in the future.")
    ),
    note: str | None = typer.Option(None, "--note", help=_("Anything worth keeping with it.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Log a training session (trainers); record who attended with: coop training attend."""
    from coop.training.common import parse_session_kind
    from coop.training.sessions import log_session
    from coop.training.skills import find_skill

    with open_session(ctx) as session:
        moment = now()
        held = log_session(
            session,
            actor=actor_of(ctx, session),
            now=moment,
            skill=find_skill(session, skill),
            held_on=parse_day(day, _("The date"), moment.date()),
            hours=hours,
            kind=parse_session_kind(kind),
            trainer=trainer,
            outside_trainer=outside,
            place=place,
            planned=planned,
            note=note,
        )
        row = session_row(held, moment.date())
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
    else:
        typer.echo(
            _("Logged session {id}: {skill}, {day}, {hours} h of {kind}, given by {trainer}.").format(
                id=row["id"],
                skill=row["skill"],
                day=row["held_on"],
                hours=row["hours"],
                kind=_(held.kind.value),
                trainer=row["trainer"],
            )
        )


@training_app.command("attend")
def training_attend(
    ctx: typer.Context,
    session_ref: str = typer.Argument(..., metavar="SESSION", help=_("Session number.")),
    members: list[str] = typer.Argument(..., help=_("Member numbers or names.")),
    absent: bool = typer.Option(False, "--absent", help=_("They were expected but did not come.")),
    hours: str | None = typer.Option(
        None, "--hours", help=_("Hours they attended, if less than the session.")
    ),
    level: str | None = typer.Option(
        None, "--level", "-l", help=_("Level the trainer assessed them at in this session: 0–4.")
    ),
    override_prerequisites: bool = typer.Option(
        False,
        "--override-prerequisites",
        help=_("Record them even though a prerequisite is not met (audited)."),
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Record who attended a session, and the level assessed there (all members or none)."""
    from coop.training.common import parse_level
    from coop.training.sessions import find_session, record_attendance

    with open_session(ctx) as session:
        held = find_session(session, session_ref)
        records = record_attendance(
            session,
            actor=actor_of(ctx, session),
            now=now(),
            training_session=held,
            members=members,
            present=not absent,
            hours=hours,
            level=parse_level(level) if level is not None else None,
            override_prerequisites=override_prerequisites,
        )
        rows = []
        for record in records:
            row = attendance_row(record.attendance)
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
    member: str = typer.Argument(..., help=_("Member number or name (id:N for a member without a number).")),
    skill: str = typer.Argument(..., help=_("Skill code or name.")),
    level: str = typer.Argument(..., help=_("Level assessed: 0–4 (0 none … 4 can train).")),
    day: str | None = typer.Option(
        None, "--date", help=_("Day of the assessment (YYYY-MM-DD); default today.")
    ),
    assessor: str | None = typer.Option(
        None, "--assessor", help=_("The member who assessed (default: you); must hold the skill at level 4.")
    ),
    outside: str | None = typer.Option(None, "--outside", help=_("Name of an outside trainer who assessed.")),
    note: str | None = typer.Option(None, "--note", help=_("E.g. the number of a licence.")),
    override_prerequisites: bool = typer.Option(
        False,
        "--override-prerequisites",
        help=_("Record it even though a prerequisite is not met (audited)."),
    ),
    fmt: OutputFormat = format_option(),
) -> None:
    """Add an assessment to a member's skill history (an exam, a licence, a check on the job)."""
    from coop.training.assessments import record_assessment
    from coop.training.common import parse_level
    from coop.training.skills import find_skill

    with open_session(ctx) as session:
        moment = now()
        assessment = record_assessment(
            session,
            actor=actor_of(ctx, session),
            now=moment,
            member=member,
            skill=find_skill(session, skill),
            level=parse_level(level),
            assessed_on=parse_day(day, _("The date"), moment.date()),
            assessor=assessor,
            outside_assessor=outside,
            note=note,
            override_prerequisites=override_prerequisites,
        )
        row = assessment_row(assessment, moment.date())
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
        return
    text = _("{member}: {skill} at level {level}, assessed on {day}").format(
        member=row["member"], skill=row["skill"], level=level_text(row["level"]), day=row["assessed_on"]
    )
    if row["expires_on"]:
        text += _("; the certification lapses on {day}").format(day=row["expires_on"])
    typer.echo(text + ".")


def assessment_row(assessment: SkillAssessment, today: date) -> dict[str, Any]:
    from coop.training.coverage.levels import is_valid_on

    return {
        "id": assessment.id,
        "member": assessment.member.label,
        "skill": assessment.skill.code,
        "skill_name": assessment.skill.name,
        "level": assessment.level,
        "assessed_on": assessment.assessed_on.isoformat(),
        "expires_on": assessment.expires_on.isoformat() if assessment.expires_on else None,
        "lapsed": not is_valid_on(assessment.expires_on, today),
        "assessor": assessment.assessor_label,
        "session_id": assessment.session_id,
        "note": assessment.note,
    }


@training_app.command("import")
def training_import(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., help=_("CSV with columns member,skill,level,assessed_on,assessor,outside_assessor,note.")
    ),
    override_prerequisites: bool = typer.Option(
        False, "--override-prerequisites", help=_("Accept rows whose prerequisites are not met (audited).")
    ),
) -> None:
    """Add past assessments from a CSV file (paper records, licences): all lines or none."""
    from coop.training.assessments import import_assessments

    with open_session(ctx) as session:
        added = import_assessments(
            session,
            actor=actor_of(ctx, session),
            now=now(),
            path=file,
            override_prerequisites=override_prerequisites,
        )
        count = len(added)
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
    since: str | None = typer.Option(None, "--from", help=_("From this day (YYYY-MM-DD).")),
    until: str | None = typer.Option(None, "--to", help=_("Up to this day (YYYY-MM-DD).")),
    fmt: OutputFormat = format_option(),
) -> None:
    """List training sessions, oldest first (planned ones included)."""
    from coop.members.service import find_member
    from coop.training.sessions import list_sessions
    from coop.training.skills import find_skill

    with open_session(ctx) as session:
        today = now().date()
        rows = [
            session_row(held, today)
            for held in list_sessions(
                session,
                skill=find_skill(session, skill) if skill else None,
                trainer=find_member(session, trainer) if trainer else None,
                start=parse_day(since, _("The first day")) if since else None,
                end=parse_day(until, _("The last day")) if until else None,
            )
        ]
    emit_rows(rows, SESSION_COLUMNS, fmt, title=_("Training sessions"))


@training_app.command("show")
def training_show(
    ctx: typer.Context,
    session_ref: str = typer.Argument(..., metavar="SESSION", help=_("Session number.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show a session and who attended it, with the levels assessed."""
    from coop.training.sessions import find_session

    with open_session(ctx) as session:
        held = find_session(session, session_ref)
        row = session_row(held, now().date())
        row["attendance"] = [attendance_row(a) for a in held.attendance]
    labels = dict(SESSION_COLUMNS) | {
        "skill_name": _("Skill name"),
        "outside_trainer": _("Outside trainer"),
        "planned": _("Planned ahead"),
        "absent": _("Absent"),
        "note": _("Note"),
        "attendance": _("Attendance"),
    }
    emit_object(row, fmt, labels=labels)


@training_app.command("history")
def training_history(
    ctx: typer.Context,
    member: str = typer.Argument(..., help=_("Member number or name (id:N for a member without a number).")),
    skill: str | None = typer.Option(None, "--skill", help=_("Only this skill.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show a member's whole skill history, oldest first (it is never rewritten)."""
    from coop.members.service import find_member
    from coop.training.history import member_history
    from coop.training.skills import find_skill

    with open_session(ctx) as session:
        found = find_member(session, member)
        today = now().date()
        rows = [
            assessment_row(a, today)
            for a in member_history(session, found, find_skill(session, skill) if skill else None)
        ]
        label = found.label
    emit_rows(
        rows,
        [
            ("assessed_on", _("Assessed")),
            ("skill", _("Skill")),
            ("level", _("Level")),
            ("expires_on", _("Lapses on")),
            ("lapsed", _("Lapsed")),
            ("assessor", _("Assessor")),
            ("session_id", _("Session")),
        ],
        fmt,
        title=_("Skill history of {member}").format(member=label),
    )
