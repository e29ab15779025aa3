"""Training sessions and their attendance: log a session, list them, record who attended."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coop.audit import record_change
from coop.changes import add_recorded
from coop.db import get_by_number
from coop.errors import TrainingError
from coop.formatting import format_quantity
from coop.i18n import _
from coop.members.actors import Actor, find_member
from coop.members.models import Member
from coop.training import coverage
from coop.training.assessments import add_assessment
from coop.training.common import (
    member_or_outsider,
    parse_hours,
    parse_level,
    require_active,
    require_trainer,
)
from coop.training.coverage import Level
from coop.training.history import (
    level_in,
    prerequisite_refusal,
    require_can_teach,
    unmet_prerequisites,
)
from coop.training.models import (
    SessionAttendance,
    SessionKind,
    Skill,
    SkillAssessment,
    TrainingSession,
)


def find_session(session: Session, reference: str | int) -> TrainingSession:
    return get_by_number(
        session,
        TrainingSession,
        reference,
        error=TrainingError,
        missing=_("There is no training session {ref}; see them with: coop training list"),
        not_a_number=_("'{ref}' is not a session number; see them with: coop training list"),
    )


def log_session(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    skill: Skill,
    held_on: date,
    hours: Decimal | str,
    kind: SessionKind,
    trainer: str | None = None,
    outside_trainer: str | None = None,
    place: str | None = None,
    planned: bool = False,
    note: str | None = None,
    level: int = 0,
) -> TrainingSession:
    """Log a session; the trainer (the acting member unless named) must hold the skill at the teaching
    level (3) or above, and at ``level``, the level the session teaches, when one is given."""
    require_trainer(session, actor, _("Logging a training session"))
    amount = parse_hours(hours)
    if held_on > now.date() and not planned:
        raise TrainingError(
            _(
                "{day} is in the future; to put a session on the calendar ahead of time, "
                "log it with --planned."
            ).format(day=held_on.isoformat())
        )
    both = _("Name either a member as the trainer or an outside trainer, not both.")
    neither = _("Say who gave the session: --trainer MEMBER, or --outside NAME for an outside trainer.")
    trainer_member, outside = member_or_outsider(session, actor, trainer, outside_trainer, both, neither)
    if trainer_member is not None:
        require_can_teach(session, trainer_member, skill, held_on, level=level)
    logged = TrainingSession(
        skill_id=skill.id,
        trainer_id=trainer_member.id if trainer_member else None,
        outside_trainer=outside,
        held_on=held_on,
        hours=amount,
        kind=kind,
        place=(place or "").strip() or None,
        planned=planned,
        note=(note or "").strip() or None,
        logged_at=now,
        logged_by=actor.label,
    )
    return add_recorded(
        session,
        actor,
        now,
        logged,
        "coop.training_session.logged",
        lambda added: {
            "session_id": added.id,
            "skill": skill.code,
            "held_on": held_on.isoformat(),
            "hours": str(amount),
            "kind": kind.value,
            "trainer": trainer_member.label if trainer_member else None,
            "outside_trainer": outside,
            "place": added.place,
            "planned": planned,
        },
    )


def list_sessions(
    session: Session,
    *,
    skill: Skill | None = None,
    trainer: Member | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[TrainingSession]:
    query = (
        select(TrainingSession)
        .options(
            selectinload(TrainingSession.skill),
            selectinload(TrainingSession.trainer),
            selectinload(TrainingSession.attendance),
        )
        .order_by(TrainingSession.held_on, TrainingSession.id)
    )
    if skill is not None:
        query = query.where(TrainingSession.skill_id == skill.id)
    if trainer is not None:
        query = query.where(TrainingSession.trainer_id == trainer.id)
    if start is not None:
        query = query.where(TrainingSession.held_on >= start)
    if end is not None:
        query = query.where(TrainingSession.held_on <= end)
    return list(session.scalars(query))


@dataclass(frozen=True)
class AttendanceRecord:
    attendance: SessionAttendance
    assessment: SkillAssessment | None
    overridden: tuple[coverage.UnmetPrerequisite, ...]


def record_attendance(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    training_session: TrainingSession,
    members: Sequence[str],
    present: bool = True,
    hours: Decimal | str | None = None,
    level: Level | None = None,
    override_prerequisites: bool = False,
) -> list[AttendanceRecord]:
    """Record members at a session, with the level the trainer assessed there if any.

    All members or none: an unknown member, someone already recorded, the trainer themselves,
    or an unmet prerequisite (unless overridden) and nothing is written.
    """
    require_trainer(session, actor, _("Recording attendance"))
    held = training_session
    skill = held.skill
    if held.held_on > now.date():
        raise TrainingError(
            _("Session {id} is planned for {day}; record its attendance once it has taken place.").format(
                id=held.id, day=held.held_on.isoformat()
            )
        )
    if not members:
        raise TrainingError(_("Name at least one member who attended (or was expected and absent)."))
    amount: Decimal | None = None
    if hours is not None:
        amount = parse_hours(hours)
        if amount > held.hours:
            raise TrainingError(
                _("{hours} hours is more than session {id} lasted ({session_hours} hours).").format(
                    hours=format_quantity(amount), id=held.id, session_hours=format_quantity(held.hours)
                )
            )
    if not present and (amount is not None or level is not None):
        raise TrainingError(
            _("An absent member has no hours and cannot be assessed; leave out --hours and --level.")
        )
    if level is not None:
        level = parse_level(int(level))
        trainer = held.trainer if present else None  # the session's trainer assesses: they must certify
        if trainer is not None and level_in(session, trainer, skill, held.held_on).level < Level.CAN_TRAIN:
            raise TrainingError(
                _(
                    "{trainer} gave session {id} but does not hold {skill} at level 4 (can train), which "
                    "assessing needs; record the attendance without --level and have a level 4 trainer "
                    "assess with: coop training assess"
                ).format(trainer=trainer.label, id=held.id, skill=skill.code)
            )
    already = {a.member_id: a for a in held.attendance}
    found: list[Member] = []
    for reference in members:
        member = require_active(find_member(session, reference))
        if member.id in {m.id for m in found}:
            raise TrainingError(_("{member} is named twice.").format(member=member.label))
        if member.id in already:
            raise TrainingError(
                _("{member} is already recorded at session {id}; the record stands as it is.").format(
                    member=member.label, id=held.id
                )
            )
        if held.trainer_id == member.id:
            if level is not None:
                raise TrainingError(
                    _(
                        "{member} gave session {id} and cannot assess themselves; another trainer must do it."
                    ).format(member=member.label, id=held.id)
                )
            raise TrainingError(
                _(
                    "{member} gave session {id}; a trainer's hours count as teaching, not as attendance."
                ).format(member=member.label, id=held.id)
            )
        found.append(member)
    unmet: dict[int, list[coverage.UnmetPrerequisite]] = {}
    if present:
        for member in found:
            problems = unmet_prerequisites(session, member, skill, held.held_on)
            if problems:
                unmet[member.id] = problems
    if unmet and not override_prerequisites:
        raise prerequisite_refusal([p for problems in unmet.values() for p in problems])
    records: list[AttendanceRecord] = []
    for member in found:
        attendance = SessionAttendance(
            session_id=held.id,
            member_id=member.id,
            present=present,
            hours=amount,
            assessed_level=int(level) if level is not None else None,
            recorded_at=now,
        )
        held.attendance.append(attendance)
        assessment = None
        if level is not None:
            assessment = add_assessment(
                session,
                now=now,
                actor=actor,
                member=member,
                skill=skill,
                level=level,
                assessed_on=held.held_on,
                assessor=held.trainer,
                outside_assessor=held.outside_trainer,
                session_id=held.id,
                note=None,
            )
        records.append(AttendanceRecord(attendance, assessment, tuple(unmet.get(member.id, ()))))
    session.flush()
    record_change(
        session,
        "coop.training_attendance.recorded",
        actor,
        now,
        {
            "session_id": held.id,
            "skill": skill.code,
            "members": [m.label for m in found],
            "present": present,
            "hours": str(amount) if amount is not None else None,
            "assessed_level": int(level) if level is not None else None,
            "prerequisites_overridden": [p.message for problems in unmet.values() for p in problems],
        },
    )
    return records
