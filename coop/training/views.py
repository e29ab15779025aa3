"""Reads for the training record, as frozen view models with one ``as_json()`` each.

``as_json()`` is the one serializer of an entity: the CLI prints it (JSON, CSV or a table) and
the services record it in the audit log. Where the log has always kept other keys for an entity
(it is hash-chained, so its records keep their shape), ``audit_json()`` picks them out of
``as_json()`` rather than serializing the values a second time.

This module reads the models and the pure coverage package only, so that every training
service may import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from coop.i18n import N_, _
from coop.members.views import MemberRecordView
from coop.rules.terms import TermRole
from coop.training.coverage import CurrentLevel, Level
from coop.training.coverage.levels import is_valid_on, level_label
from coop.training.models import (
    RoleTerm,
    SessionAttendance,
    SessionKind,
    Skill,
    SkillAssessment,
    TrainingSession,
)
from coop.views import Converters, View


@dataclass(frozen=True)
class SkillView(View):
    json_omit: ClassVar[frozenset[str]] = frozenset({"skill_id"})
    json_convert: ClassVar[Converters] = {
        "prerequisites": lambda needed: [f"{code}:{level}" for code, level in needed]
    }
    headings: ClassVar[dict[str, str]] = {
        "code": N_("Code"),
        "name": N_("Skill"),
        "category": N_("Category"),
        "safety_critical": N_("Safety"),
        "certified": N_("Certified"),
        "validity_months": N_("Valid (months)"),
        "minimum_qualified": N_("Minimum"),
        "qualifying_level": N_("At level"),
        "prerequisites": N_("Needs first"),
        "description": N_("Description"),
    }

    skill_id: int  # kept in the audit record only
    code: str
    name: str
    category: str
    safety_critical: bool
    certified: bool
    validity_months: int | None
    minimum_qualified: int
    qualifying_level: int
    prerequisites: tuple[tuple[str, int], ...]  # (skill needed first, at level)
    description: str | None

    @classmethod
    def of(cls, skill: Skill) -> SkillView:
        return cls.copied(
            skill,
            skill_id=skill.id,
            prerequisites=tuple((p.requires.code, p.min_level) for p in skill.prerequisites),
        )

    def audit_json(self) -> dict[str, Any]:
        """The skill's definition as the log records it (prerequisites have events of their own)."""
        data = self.as_json()
        del data["prerequisites"], data["description"]
        return {"skill_id": self.skill_id} | data


def attended_hours(attendance: SessionAttendance) -> Decimal | None:
    """The hours a member is credited: those recorded, else the whole session if present; none if absent."""
    if attendance.hours is not None:
        return attendance.hours
    return attendance.session.hours if attendance.present else None


@dataclass(frozen=True)
class SessionView(View):
    headings: ClassVar[dict[str, str]] = {
        "id": "#",
        "held_on": N_("Date"),
        "skill": N_("Skill"),
        "skill_name": N_("Skill name"),
        "kind": N_("Kind"),
        "hours": N_("Hours"),
        "trainer": N_("Trainer"),
        "outside_trainer": N_("Outside trainer"),
        "place": N_("Place"),
        "planned": N_("Planned ahead"),
        "status": N_("Status"),
        "present": N_("Present"),
        "absent": N_("Absent"),
        "assessed": N_("Assessed"),
        "note": N_("Note"),
    }

    id: int
    held_on: date
    skill: str
    skill_name: str
    kind: SessionKind
    hours: Decimal
    trainer: str
    outside_trainer: bool
    place: str | None
    planned: bool
    status: str  # planned or held, in words
    present: int
    absent: int
    assessed: int
    note: str | None

    @classmethod
    def of(cls, held: TrainingSession, today: date) -> SessionView:
        return cls.copied(
            held,
            skill=held.skill.code,
            skill_name=held.skill.name,
            kind=held.kind,
            trainer=held.trainer_label,
            outside_trainer=held.trainer_id is None,
            status=_("planned") if held.held_on > today else _("held"),
            present=sum(1 for a in held.attendance if a.present),
            absent=sum(1 for a in held.attendance if not a.present),
            assessed=sum(1 for a in held.attendance if a.assessed_level is not None),
        )


@dataclass(frozen=True)
class AttendanceView(View):
    headings: ClassVar[dict[str, str]] = {
        "member": N_("Member"),
        "number": N_("Number"),
        "present": N_("Attended"),
        "hours": N_("Hours"),
        "assessed_level": N_("Level assessed"),
    }

    member: str
    number: int | None
    present: bool
    hours: Decimal | None
    assessed_level: int | None

    @classmethod
    def of(cls, attendance: SessionAttendance) -> AttendanceView:
        return cls(
            attendance.member.label,
            attendance.member.number,
            attendance.present,
            attended_hours(attendance),
            attendance.assessed_level,
        )


@dataclass(frozen=True)
class SessionSheet(View):
    """A session and who attended it."""

    json_inline: ClassVar[str | None] = "session"
    headings: ClassVar[dict[str, str]] = {"attendance": N_("Attendance")}

    session: SessionView
    attendance: tuple[AttendanceView, ...]

    @classmethod
    def of(cls, held: TrainingSession, today: date) -> SessionSheet:
        return cls(SessionView.of(held, today), tuple(AttendanceView.of(a) for a in held.attendance))


@dataclass(frozen=True)
class AssessmentView(View):
    headings: ClassVar[dict[str, str]] = {
        "id": "#",
        "member": N_("Member"),
        "skill": N_("Skill"),
        "skill_name": N_("Skill name"),
        "level": N_("Level"),
        "assessed_on": N_("Assessed on"),
        "expires_on": N_("Lapses on"),
        "lapsed": N_("Lapsed"),
        "assessor": N_("Assessor"),
        "session_id": N_("Session"),
        "note": N_("Note"),
    }

    id: int
    member: str
    skill: str
    skill_name: str
    level: int
    assessed_on: date
    expires_on: date | None
    lapsed: bool
    assessor: str
    session_id: int | None
    note: str | None

    @classmethod
    def of(cls, assessment: SkillAssessment, today: date) -> AssessmentView:
        return cls.copied(
            assessment,
            member=assessment.member.label,
            skill=assessment.skill.code,
            skill_name=assessment.skill.name,
            lapsed=not is_valid_on(assessment.expires_on, today),
            assessor=assessment.assessor_label,
        )


@dataclass(frozen=True)
class MemberSkill:
    """A member's standing in one skill, for ``coop member show``."""

    skill: Skill
    current: CurrentLevel


@dataclass(frozen=True)
class MemberSkillView(View):
    """One of a member's current skills or certifications; a lapsed one shows level 0 and ``expired``."""

    headings: ClassVar[dict[str, str]] = {
        "skill": N_("Skill"),
        "name": N_("Name"),
        "level": N_("Level"),
        "assessed_on": N_("Assessed on"),
        "expires_on": N_("Lapses on"),
        "expired": N_("Lapsed"),
        "lapsed_level": N_("Level it was for"),
    }

    skill: str
    name: str
    level: Level  # JSON writes the number; a person reads the level's name
    assessed_on: date | None
    expires_on: date | None
    expired: bool
    lapsed_level: int | None  # the level a lapsed certification was for

    @classmethod
    def of(cls, line: MemberSkill) -> MemberSkillView:
        current = line.current
        return cls(
            line.skill.code,
            line.skill.name,
            Level(current.level),
            current.assessed_on,
            current.expires_on,
            current.expired,
            int(current.assessed_level) if current.expired else None,
        )

    def as_json(self) -> dict[str, Any]:
        """Scripts have always read the level's name too, after its number (``level_label``)."""
        data = super().as_json()
        keys = list(data)
        at = keys.index("level") + 1
        named = {"level_label": level_label(self.level)}
        return {key: data[key] for key in keys[:at]} | named | {key: data[key] for key in keys[at:]}


@dataclass(frozen=True)
class MemberSheet(View):
    """A member's record and current skills, as ``coop member show`` prints it."""

    json_inline: ClassVar[str | None] = "record"
    headings: ClassVar[dict[str, str]] = {"skills": N_("Skills and certifications")}

    record: MemberRecordView
    skills: tuple[MemberSkillView, ...]


@dataclass(frozen=True)
class TermView(View):
    """A term in a rotating role."""

    headings: ClassVar[dict[str, str]] = {
        "id": "#",
        "role": N_("Role"),
        "section": N_("Section"),
        "member": N_("Member"),
        "starts_on": N_("From"),
        "ends_on": N_("To"),
        "motion_id": N_("Motion"),
    }

    id: int
    role: TermRole
    section: str | None
    member: str
    starts_on: date
    ends_on: date | None
    motion_id: int | None

    @classmethod
    def of(cls, term: RoleTerm) -> TermView:
        return cls.copied(term, role=term.role, member=term.member.label)
