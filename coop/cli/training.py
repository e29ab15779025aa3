"""``coop skill ...``, ``coop training ...`` and ``coop rotation ...``: skills, training, role terms."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from coop.cli.context import now, open_session, state
from coop.cli.output import OutputFormat, emit_object, emit_rows, format_option
from coop.errors import TrainingError
from coop.i18n import _, ngettext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.members.models import Member
    from coop.members.service import Actor
    from coop.training.coverage import CurrentLevel, MatrixCell
    from coop.training.models import SessionAttendance, Skill, SkillAssessment, TrainingSession
    from coop.training.terms import ElectingMotion

skill_app = typer.Typer(
    help=_("The skill catalogue: categories, safety, certification, prerequisites, minimum cover."),
    no_args_is_help=True,
)
prerequisite_app = typer.Typer(
    help=_("What a skill needs first: another skill at a level."), no_args_is_help=True
)
skill_app.add_typer(prerequisite_app, name="prerequisite")
training_app = typer.Typer(
    help=_("Training sessions, attendance, assessments, and the reports on who can do what."),
    no_args_is_help=True,
)
rotation_app = typer.Typer(
    help=_("Terms in rotating coordination roles, and who is eligible next."), no_args_is_help=True
)


def _actor(ctx: typer.Context, session: Session) -> Actor:
    from coop.members.service import resolve_actor

    return resolve_actor(session, state(ctx).actor)


def _day(text: str | None, what: str, default: date | None = None) -> date:
    if text is None:
        if default is None:
            raise TrainingError(_("{what} is needed, as a date like 2026-11-25.").format(what=what))
        return default
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise TrainingError(
            _("{what} '{value}' is not a date like 2026-11-25.").format(what=what, value=text)
        ) from None


def _level_text(level: int) -> str:
    from coop.training.coverage import level_label

    return _("{level} ({label})").format(level=level, label=level_label(level))


def member_skill_rows(session: Session, member: Member, today: date) -> list[dict[str, Any]]:
    """A member's current skills and certifications, for ``coop member show``.

    Every skill with a level above 0 or a lapsed certification; a lapsed one shows level 0, the
    level it was for, and ``expired``.
    """
    from coop.training import service

    return [
        {
            "skill": line.skill.code,
            "name": line.skill.name,
            "level": int(line.current.level),
            "level_label": line.current.level.label,
            "assessed_on": line.current.assessed_on.isoformat() if line.current.assessed_on else None,
            "expires_on": line.current.expires_on.isoformat() if line.current.expires_on else None,
            "expired": line.current.expired,
            "lapsed_level": int(line.current.assessed_level) if line.current.expired else None,
        }
        for line in service.member_skills(session, member, today)
    ]


# --- skills ------------------------------------------------------------------------------------

SKILL_COLUMNS = [
    ("code", _("Code")),
    ("name", _("Skill")),
    ("category", _("Category")),
    ("safety_critical", _("Safety")),
    ("validity_months", _("Valid (months)")),
    ("minimum_qualified", _("Minimum")),
    ("qualifying_level", _("At level")),
    ("prerequisites", _("Needs first")),
]


def skill_row(skill: Skill) -> dict[str, Any]:
    return {
        "code": skill.code,
        "name": skill.name,
        "category": skill.category,
        "safety_critical": skill.safety_critical,
        "certified": skill.certified,
        "validity_months": skill.validity_months,
        "minimum_qualified": skill.minimum_qualified,
        "qualifying_level": skill.qualifying_level,
        "prerequisites": [f"{p.requires.code}:{p.min_level}" for p in skill.prerequisites],
        "description": skill.description,
    }


@skill_app.command("add")
def skill_add(
    ctx: typer.Context,
    code: str = typer.Argument(..., help=_("Short code, e.g. KILN-LOAD (letters, digits, - _ .).")),
    name: str = typer.Argument(..., help=_("The skill's name, as people say it.")),
    category: str | None = typer.Option(None, "--category", "-c", help=_("Category, e.g. Kilns or Safety.")),
    safety_critical: bool = typer.Option(False, "--safety-critical", help=_("Mark it as safety-critical.")),
    certified: bool = typer.Option(False, "--certified", help=_("It is certified (see --valid-for).")),
    valid_for: int | None = typer.Option(
        None, "--valid-for", help=_("Months a certification stays valid (implies --certified).")
    ),
    minimum: int = typer.Option(
        0, "--minimum", help=_("Qualified members the plant needs at all times (0: no minimum).")
    ),
    qualifying_level: str = typer.Option(
        "3", "--qualifying-level", help=_("Level that counts as qualified: 1–4 (default 3, independent).")
    ),
    description: str | None = typer.Option(None, "--description", help=_("What the skill covers.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Add a skill to the catalogue (secretary)."""
    from coop.training import service

    with open_session(ctx) as session:
        skill = service.add_skill(
            session,
            actor=_actor(ctx, session),
            now=now(),
            code=code,
            name=name,
            category=category,
            safety_critical=safety_critical,
            certified=certified or valid_for is not None,
            validity_months=valid_for,
            minimum_qualified=minimum,
            qualifying_level=service.parse_level(qualifying_level, lowest=1),
            description=description,
        )
        row = skill_row(skill)
    if fmt is OutputFormat.json:
        emit_object(row, fmt)
    else:
        typer.echo(_("Added skill {code}: {name}.").format(code=row["code"], name=row["name"]))


@skill_app.command("list")
def skill_list(
    ctx: typer.Context,
    category: str | None = typer.Option(None, "--category", "-c", help=_("Only skills of this category.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """List the skill catalogue, by category."""
    from coop.training import service

    with open_session(ctx) as session:
        rows = [skill_row(s) for s in service.list_skills(session, category=category)]
    emit_rows(rows, SKILL_COLUMNS, fmt, title=_("Skills"))


@skill_app.command("show")
def skill_show(
    ctx: typer.Context,
    skill: str = typer.Argument(..., help=_("Skill code or name.")),
    on: str | None = typer.Option(None, "--on", help=_("Levels as on this day (YYYY-MM-DD); default today.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Show a skill: its definition, who is qualified, who is in training, coverage."""
    from coop.training import service

    with open_session(ctx) as session:
        found = service.find_skill(session, skill)
        day = _day(on, _("The day"), now().date())
        picture = service.training_picture(session, day, skill_codes=[found.code])
        risk = service.coverage_risk(picture)[0]
        pipeline = service.trainee_pipeline(picture)[0]
        row = skill_row(found)
        row["qualified"] = [picture.member(key).label for key in risk.qualified]
        row["coverage"] = risk.status.value
        row["one_absence_away"] = risk.bus_factor
        row["in_training"] = [picture.member(key).label for key in pipeline.members]
        row["sessions"] = len(service.list_sessions(session, skill=found))
    if fmt is OutputFormat.table:
        from coop.training.coverage import CoverageStatus
        from coop.training.reports import status_label

        row["coverage"] = status_label(CoverageStatus(row["coverage"]))
    emit_object(
        row,
        fmt,
        labels=dict(SKILL_COLUMNS)
        | {
            "certified": _("Certified"),
            "description": _("Description"),
            "qualified": _("Qualified"),
            "coverage": _("Coverage"),
            "one_absence_away": _("One absence away"),
            "in_training": _("In training"),
            "sessions": _("Sessions"),
        },
    )


@skill_app.command("update")
def skill_update(
    ctx: typer.Context,
    skill: str = typer.Argument(..., help=_("Skill code or name.")),
    name: str | None = typer.Option(None, "--name", help=_("New name.")),
    category: str | None = typer.Option(None, "--category", "-c", help=_("New category.")),
    safety_critical: bool | None = typer.Option(
        None, "--safety-critical/--not-safety-critical", help=_("Whether it is safety-critical.")
    ),
    certified: bool | None = typer.Option(
        None, "--certified/--not-certified", help=_("Whether it is certified.")
    ),
    valid_for: int | None = typer.Option(None, "--valid-for", help=_("Months a certification stays valid.")),
    no_expiry: bool = typer.Option(False, "--no-expiry", help=_("Certifications no longer lapse.")),
    minimum: int | None = typer.Option(None, "--minimum", help=_("Qualified members the plant needs.")),
    qualifying_level: str | None = typer.Option(
        None, "--qualifying-level", help=_("Level that counts as qualified: 1–4.")
    ),
    description: str | None = typer.Option(None, "--description", help=_("What the skill covers.")),
) -> None:
    """Change a skill's definition (secretary); past assessments keep the expiry they were given."""
    from coop.training import service

    with open_session(ctx) as session:
        found = service.find_skill(session, skill)
        service.update_skill(
            session,
            actor=_actor(ctx, session),
            now=now(),
            skill=found,
            name=name,
            category=category,
            safety_critical=safety_critical,
            certified=certified,
            validity_months=valid_for,
            clear_validity=no_expiry,
            minimum_qualified=minimum,
            qualifying_level=service.parse_level(qualifying_level, lowest=1) if qualifying_level else None,
            description=description,
        )
        code = found.code
    typer.echo(_("Changed skill {code}.").format(code=code))


@skill_app.command("import")
def skill_import(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ...,
        help=_(
            "CSV with columns code,name,category,safety_critical,certified,validity_months,"
            "minimum_qualified,qualifying_level,prerequisites,description."
        ),
    ),
) -> None:
    """Add every skill listed in a CSV file: all lines or none."""
    from coop.training import service

    with open_session(ctx) as session:
        skills = service.import_skills(session, actor=_actor(ctx, session), now=now(), path=file)
        count = len(skills)
    typer.echo(
        ngettext("Imported {count} skill from {file}.", "Imported {count} skills from {file}.", count).format(
            count=count, file=file.name
        )
    )


@prerequisite_app.command("add")
def prerequisite_add(
    ctx: typer.Context,
    skill: str = typer.Argument(..., help=_("The skill being learnt.")),
    requires: str = typer.Argument(..., help=_("The skill needed first.")),
    level: str = typer.Option(..., "--level", "-l", help=_("Level needed in it: 1–4.")),
) -> None:
    """Make a skill need another one first, at a level (or change that level)."""
    from coop.training import service

    with open_session(ctx) as session:
        found = service.find_skill(session, skill)
        needed = service.find_skill(session, requires)
        prerequisite = service.add_prerequisite(
            session,
            actor=_actor(ctx, session),
            now=now(),
            skill=found,
            requires=needed,
            min_level=service.parse_level(level, lowest=1),
        )
        text = _("Training in {skill} now needs {requires} at level {level}.").format(
            skill=found.code, requires=needed.code, level=_level_text(prerequisite.min_level)
        )
    typer.echo(text)


@prerequisite_app.command("remove")
def prerequisite_remove(
    ctx: typer.Context,
    skill: str = typer.Argument(..., help=_("The skill being learnt.")),
    requires: str = typer.Argument(..., help=_("The skill it no longer needs first.")),
) -> None:
    """Remove a prerequisite from a skill."""
    from coop.training import service

    with open_session(ctx) as session:
        found = service.find_skill(session, skill)
        needed = service.find_skill(session, requires)
        service.remove_prerequisite(
            session, actor=_actor(ctx, session), now=now(), skill=found, requires=needed
        )
        text = _("Training in {skill} no longer needs {requires}.").format(
            skill=found.code, requires=needed.code
        )
    typer.echo(text)


# --- sessions, attendance, assessments -----------------------------------------------------------

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


def attendance_row(attendance: SessionAttendance, held: TrainingSession) -> dict[str, Any]:
    hours = attendance.hours if attendance.hours is not None else (held.hours if attendance.present else None)
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
    from coop.training import service

    with open_session(ctx) as session:
        moment = now()
        held = service.log_session(
            session,
            actor=_actor(ctx, session),
            now=moment,
            skill=service.find_skill(session, skill),
            held_on=_day(day, _("The date"), moment.date()),
            hours=hours,
            kind=service.parse_session_kind(kind),
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
    from coop.training import service

    with open_session(ctx) as session:
        held = service.find_session(session, session_ref)
        records = service.record_attendance(
            session,
            actor=_actor(ctx, session),
            now=now(),
            training_session=held,
            members=members,
            present=not absent,
            hours=hours,
            level=service.parse_level(level) if level is not None else None,
            override_prerequisites=override_prerequisites,
        )
        rows = []
        for record in records:
            row = attendance_row(record.attendance, held)
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
    from coop.training import service

    with open_session(ctx) as session:
        moment = now()
        assessment = service.record_assessment(
            session,
            actor=_actor(ctx, session),
            now=moment,
            member=member,
            skill=service.find_skill(session, skill),
            level=service.parse_level(level),
            assessed_on=_day(day, _("The date"), moment.date()),
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
        member=row["member"], skill=row["skill"], level=_level_text(row["level"]), day=row["assessed_on"]
    )
    if row["expires_on"]:
        text += _("; the certification lapses on {day}").format(day=row["expires_on"])
    typer.echo(text + ".")


def assessment_row(assessment: SkillAssessment, today: date) -> dict[str, Any]:
    return {
        "id": assessment.id,
        "member": assessment.member.label,
        "skill": assessment.skill.code,
        "skill_name": assessment.skill.name,
        "level": assessment.level,
        "assessed_on": assessment.assessed_on.isoformat(),
        "expires_on": assessment.expires_on.isoformat() if assessment.expires_on else None,
        "lapsed": assessment.expires_on is not None and assessment.expires_on <= today,
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
    from coop.training import service

    with open_session(ctx) as session:
        added = service.import_assessments(
            session,
            actor=_actor(ctx, session),
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
    from coop.training import service

    with open_session(ctx) as session:
        today = now().date()
        rows = [
            session_row(held, today)
            for held in service.list_sessions(
                session,
                skill=service.find_skill(session, skill) if skill else None,
                trainer=find_member(session, trainer) if trainer else None,
                start=_day(since, _("The first day")) if since else None,
                end=_day(until, _("The last day")) if until else None,
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
    from coop.training import service

    with open_session(ctx) as session:
        held = service.find_session(session, session_ref)
        row = session_row(held, now().date())
        row["attendance"] = [attendance_row(a, held) for a in held.attendance]
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
    from coop.training import service

    with open_session(ctx) as session:
        found = find_member(session, member)
        today = now().date()
        rows = [
            assessment_row(a, today)
            for a in service.member_history(
                session, found, service.find_skill(session, skill) if skill else None
            )
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


@training_app.command("hours")
def training_hours(
    ctx: typer.Context,
    since: str | None = typer.Option(None, "--from", help=_("First day (default: a year ago).")),
    until: str | None = typer.Option(None, "--to", help=_("Last day (default: today).")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Hours of training per member and hours taught per trainer over a period."""
    from coop.training import service

    today = now().date()
    end = _day(until, _("The last day"), today)
    start = _day(since, _("The first day"), end - timedelta(days=364))
    with open_session(ctx) as session:
        report = service.training_hours(session, start, end)
    members = [
        {"member": report.names[r.who], "hours": str(r.hours), "sessions": r.sessions}
        for r in report.hours.by_member
    ]
    trainers = [
        {"trainer": report.names[r.who], "hours": str(r.hours), "sessions": r.sessions}
        for r in report.hours.by_trainer
    ]
    if fmt is OutputFormat.json:
        emit_object(
            {
                "start": start.isoformat(),
                "end": end.isoformat(),
                "member_hours": str(report.hours.member_hours),
                "trainer_hours": str(report.hours.trainer_hours),
                "members": members,
                "trainers": trainers,
            },
            fmt,
        )
        return
    if fmt is OutputFormat.csv:
        emit_rows(
            [{"who": r["member"], "role": "member", **r} for r in members]
            + [{"who": r["trainer"], "role": "trainer", **r} for r in trainers],
            [("role", "role"), ("who", "who"), ("hours", "hours"), ("sessions", "sessions")],
            fmt,
        )
        return
    period = _("from {start} to {end}").format(start=start.isoformat(), end=end.isoformat())
    emit_rows(
        members,
        [("member", _("Member")), ("hours", _("Hours")), ("sessions", _("Sessions"))],
        fmt,
        title=_("Hours trained per member, {period}").format(period=period),
    )
    typer.echo("")
    emit_rows(
        trainers,
        [("trainer", _("Trainer")), ("hours", _("Hours")), ("sessions", _("Sessions"))],
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
    from coop.training import service
    from coop.training.reports import expiry_windows

    if days < 1:
        raise TrainingError(_("--days must be at least 1, not {days}.").format(days=days))
    with open_session(ctx) as session:
        picture = service.training_picture(session, _day(on, _("The day"), now().date()))
        rows = [
            {
                "within_days": window,
                "member": picture.member(item.member).label,
                "skill": item.skill,
                "level": int(item.level),
                "expires_on": item.expires_on.isoformat(),
                "days_left": item.days_left,
            }
            for window, items in service.expiring_certifications(picture, expiry_windows(days)).items()
            for item in items
        ]
    emit_rows(
        rows,
        [
            ("within_days", _("Within (days)")),
            ("expires_on", _("Lapses on")),
            ("days_left", _("Days left")),
            ("member", _("Member")),
            ("skill", _("Skill")),
            ("level", _("Level")),
        ],
        fmt,
        title=_("Certifications lapsing in the next {days} days").format(days=days),
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
    category: str | None = typer.Option(None, "--category", "-c", help=_("Only skills of this category.")),
    on: str | None = typer.Option(None, "--on", help=_("Levels as on this day (default today).")),
    out: Path | None = typer.Option(None, "--out", "-o", help=_("Print it to a .pdf or .html file instead.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """The skills matrix: active members × skills; ×3 marks a lapsed certification, 3! one lapsing soon."""
    from coop.reports.render import print_ahead

    with print_ahead(out, "skills_matrix.html.j2") as printout:
        from coop.training import service

        with open_session(ctx) as session:
            day = _day(on, _("The day"), now().date())
            if out is not None:
                from coop.training.reports import skills_matrix_document

                document = skills_matrix_document(session, on=day, section=section, category=category)
            else:
                picture = service.training_picture(session, day, section=section, category=category)
                matrix = service.skills_matrix(picture)
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
                _("Wrote the skills matrix of {members} members × {skills} skills to {file}.").format(
                    members=len(document.members), skills=len(document.skills), file=written
                )
            )
            return
        columns = [("number", _("No.")), ("name", _("Name")), ("section", _("Section"))]
        columns += [(code, code) for code in codes]
        emit_rows(rows, columns, fmt, title=_("Skills matrix on {day}").format(day=day.isoformat()))


@training_app.command("coverage")
def training_coverage(
    ctx: typer.Context,
    on: str | None = typer.Option(None, "--on", help=_("As on this day (default today).")),
    horizon: int = typer.Option(
        90, "--horizon", help=_("Also count who is still qualified this many days ahead.")
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help=_("Print the report to a .pdf or .html file.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Coverage risk: skills below their minimum, or where one absence would leave too few."""
    from coop.reports.render import print_ahead

    with print_ahead(out, "training_coverage.html.j2") as printout:
        from coop.training.reports import coverage_document

        if horizon < 1:
            raise TrainingError(_("--horizon must be at least 1 day, not {days}.").format(days=horizon))
        with open_session(ctx) as session:
            report = coverage_document(session, on=_day(on, _("The day"), now().date()), horizon_days=horizon)
        if out is not None:
            written = printout.write(coverage=report)
            typer.echo(_("Wrote the training coverage report to {file}.").format(file=written))
            return
        rows = [
            {
                "code": line.code,
                "name": line.name,
                "category": line.category,
                "safety_critical": line.safety_critical,
                "minimum": line.minimum,
                "qualifying_level": line.qualifying_level,
                "qualified": line.qualified,
                "qualified_at_horizon": line.qualified_at_horizon,
                "status": line.status,
                "below_minimum": line.status == "below_minimum",
                "one_absence_away": line.status != "ok",
                "shortfall": line.shortfall,
                "qualified_members": list(line.holders),
                "lapsing_members": list(line.lapsing),
                "trainees": list(line.trainees),
            }
            for line in (report.at_risk + tuple(s for s in report.skills if s not in report.at_risk))
        ]
        emit_rows(
            rows,
            [
                ("code", _("Code")),
                ("name", _("Skill")),
                ("minimum", _("Needed")),
                ("qualifying_level", _("At level")),
                ("qualified", _("Qualified")),
                ("qualified_at_horizon", _("In {days} days").format(days=horizon)),
                ("status", _("Coverage")),
            ],
            fmt,
            title=_("Coverage on {day}: {below} skills below their minimum, {one} one absence away").format(
                day=report.as_of, below=report.below_minimum, one=report.one_absence
            ),
        )


@training_app.command("pipeline")
def training_pipeline(
    ctx: typer.Context,
    skill: str | None = typer.Option(None, "--skill", help=_("Only this skill.")),
    on: str | None = typer.Option(None, "--on", help=_("As on this day (default today).")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Trainees per skill: members above level 0 but below the skill's qualifying level."""
    from coop.training import service

    with open_session(ctx) as session:
        codes = [service.find_skill(session, skill).code] if skill else None
        picture = service.training_picture(session, _day(on, _("The day"), now().date()), skill_codes=codes)
        names = {s.code: s.name for s in picture.skills}
        rows = [
            {
                "code": item.skill,
                "name": names[item.skill],
                "qualifying_level": int(item.qualifying_level),
                "independent": [picture.member(k).label for k in item.independent],
                "operates": [picture.member(k).label for k in item.operates],
                "supervised": [picture.member(k).label for k in item.supervised],
                "trainees": len(item.members),
            }
            for item in service.trainee_pipeline(picture)
        ]
    columns = [
        ("code", _("Code")),
        ("name", _("Skill")),
        ("qualifying_level", _("At level")),
        ("trainees", _("Trainees")),
        ("independent", _("Level 3 (independent)")),
        ("operates", _("Level 2 (operates)")),
        ("supervised", _("Level 1 (supervised)")),
    ]
    if fmt is OutputFormat.table:
        # Level 3 is "in training" only for skills that ask for level 4: shown when someone is.
        columns = [c for c in columns if c[0] != "independent" or any(r["independent"] for r in rows)]
    emit_rows(rows, columns, fmt, title=_("Trainee pipeline"))


# --- rotation ----------------------------------------------------------------------------------


def electing_motion(session: Session, reference: str | int) -> ElectingMotion:
    """The motion numbered ``reference``, as a term's record needs it.

    Read here, where the CLI stands above both domains: training may not import assemblies.
    """
    from coop.assemblies.lifecycle import status_label
    from coop.assemblies.models import MotionStatus
    from coop.assemblies.service import find_motion
    from coop.training.terms import ElectingMotion

    motion = find_motion(session, reference)
    return ElectingMotion(
        id=motion.id,
        title=motion.title,
        adopted=motion.status == MotionStatus.adopted,
        status=status_label(str(motion.status)),
    )


@rotation_app.command("record")
def rotation_record(
    ctx: typer.Context,
    role: str = typer.Argument(
        ..., help=_("coordinator, section_coordinator, president, secretary, treasurer or auditor.")
    ),
    member: str = typer.Argument(..., help=_("Member number or name (id:N for a member without a number).")),
    start: str = typer.Option(..., "--start", help=_("First day in office (YYYY-MM-DD).")),
    end: str | None = typer.Option(None, "--end", help=_("Last day in office, for a past term.")),
    motion: int | None = typer.Option(None, "--motion", help=_("Number of the motion that elected them.")),
    section: str | None = typer.Option(None, "--section", help=_("For a section coordinator: the section.")),
) -> None:
    """Record a term in a rotating role (secretary); the bylaws' term limit is applied."""
    from coop.training import service
    from coop.training.terms import parse_term_role, role_label

    with open_session(ctx) as session:
        wanted = parse_term_role(role)
        term = service.record_term(
            session,
            actor=_actor(ctx, session),
            now=now(),
            role=wanted,
            member=member,
            starts_on=_day(start, _("The start")),
            ends_on=_day(end, _("The end")) if end else None,
            elected_by=electing_motion(session, motion) if motion is not None else None,
            section=section,
        )
        text = _("Recorded {member} as {role} from {start}{until}.").format(
            member=term.member.label,
            role=role_label(wanted) + (f" ({term.section})" if term.section else ""),
            start=term.starts_on.isoformat(),
            until=_(" to {end}").format(end=term.ends_on.isoformat()) if term.ends_on else "",
        )
    typer.echo(text)


@rotation_app.command("end")
def rotation_end(
    ctx: typer.Context,
    role: str = typer.Argument(..., help=_("The role.")),
    member: str = typer.Argument(..., help=_("Member number or name (id:N for a member without a number).")),
    day: str = typer.Option(..., "--date", help=_("Last day in office (YYYY-MM-DD).")),
) -> None:
    """End a member's running term in a role."""
    from coop.training import service
    from coop.training.terms import parse_term_role, role_label

    with open_session(ctx) as session:
        wanted = parse_term_role(role)
        term = service.end_term(
            session,
            actor=_actor(ctx, session),
            now=now(),
            role=wanted,
            member=member,
            ends_on=_day(day, _("The date")),
        )
        text = _("The term of {member} as {role} ends on {end}.").format(
            member=term.member.label, role=role_label(wanted), end=day
        )
    typer.echo(text)


@rotation_app.command("list")
def rotation_list(
    ctx: typer.Context,
    role: str | None = typer.Option(None, "--role", help=_("Only this role.")),
    fmt: OutputFormat = format_option(),
) -> None:
    """List every recorded term, oldest first."""
    from coop.training import service
    from coop.training.terms import parse_term_role, role_label

    with open_session(ctx) as session:
        rows = [
            {
                "id": t.id,
                "role": t.role.value,
                "section": t.section,
                "member": t.member.label,
                "starts_on": t.starts_on.isoformat(),
                "ends_on": t.ends_on.isoformat() if t.ends_on else None,
                "motion_id": t.motion_id,
            }
            for t in service.list_terms(session, parse_term_role(role) if role else None)
        ]
    if fmt is OutputFormat.table:
        # People read the role in their language; scripts keep the stored word.
        rows = [row | {"role": role_label(row["role"])} for row in rows]
    emit_rows(
        rows,
        [
            ("role", _("Role")),
            ("section", _("Section")),
            ("member", _("Member")),
            ("starts_on", _("From")),
            ("ends_on", _("To")),
            ("motion_id", _("Motion")),
        ],
        fmt,
        title=_("Terms"),
    )


ELIGIBLE_SHOWN = 10


@rotation_app.command("report")
def rotation_report(
    ctx: typer.Context,
    role: str | None = typer.Option(None, "--role", help=_("Only this role.")),
    on: str | None = typer.Option(None, "--on", help=_("As on this day (default today).")),
    fmt: OutputFormat = format_option(),
) -> None:
    """Who has held each role and for how long, and who is eligible next (never held it first)."""
    from coop.training import service
    from coop.training.terms import describe_term_limit, parse_term_role, role_label

    with open_session(ctx) as session:
        today = _day(on, _("The day"), now().date())
        groups = service.rotation_report(session, today, parse_term_role(role) if role else None)
        data = []
        for group in groups:
            rotation = group.rotation

            def label(key: str, group: service.RotationGroup = group) -> str:
                return group.members[key].label

            data.append(
                {
                    "role": group.role.value,
                    "role_label": role_label(group.role),
                    "section": group.section,
                    "term_limit": describe_term_limit(rotation.limit),
                    "current": [label(k) for k in rotation.current],
                    "holders": [
                        {
                            "member": label(t.member),
                            "terms": t.terms,
                            "months": t.months,
                            "days": t.days,
                            "first_start": t.first_start.isoformat(),
                            "last_end": t.last_end.isoformat() if t.last_end else None,
                            "current": t.current,
                            "reached_limit": t.reached_limit,
                        }
                        for t in rotation.holders
                    ],
                    "at_limit": [label(k) for k in rotation.at_limit],
                    "eligible": [label(k) for k in rotation.eligible],
                }
            )
    if fmt is not OutputFormat.table:
        if fmt is OutputFormat.json:
            emit_object({"on": today.isoformat(), "roles": data}, fmt)
        else:
            emit_rows(
                [{"role": g["role"], "section": g["section"], **h} for g in data for h in g["holders"]],
                [
                    ("role", "role"),
                    ("section", "section"),
                    ("member", "member"),
                    ("terms", "terms"),
                    ("months", "months"),
                    ("first_start", "first_start"),
                    ("last_end", "last_end"),
                    ("current", "current"),
                    ("reached_limit", "reached_limit"),
                ],
                fmt,
            )
        return
    if not data:
        typer.echo(
            _("No terms are recorded yet; record one with: coop rotation record ROLE MEMBER --start DATE")
        )
        return
    for index, g in enumerate(data):
        if index:
            typer.echo("")
        heading = g["role_label"] + (f" ({g['section']})" if g["section"] else "")
        typer.echo(
            _("{role} — {limit}").format(role=heading[:1].upper() + heading[1:], limit=g["term_limit"])
        )
        emit_rows(
            [
                h
                | {
                    "to": h["last_end"] or _("now"),
                    "note": _("limit reached") if h["reached_limit"] else "",
                }
                for h in g["holders"]
            ],
            [
                ("member", _("Member")),
                ("terms", _("Terms")),
                ("months", _("Months")),
                ("first_start", _("From")),
                ("to", _("To")),
                ("note", _("Note")),
            ],
            fmt,
        )
        eligible = g["eligible"]
        shown = ", ".join(eligible[:ELIGIBLE_SHOWN])
        more = len(eligible) - ELIGIBLE_SHOWN
        if more > 0:
            shown += _(" and {count} more").format(count=more)
        typer.echo(
            _("Eligible next ({count}, those who never held it first): {names}").format(
                count=len(eligible), names=shown or _("nobody")
            )
        )
