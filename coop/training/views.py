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
from typing import Any

from coop.i18n import _
from coop.training.coverage import CurrentLevel
from coop.training.coverage.levels import is_valid_on
from coop.training.models import RoleTerm, SessionAttendance, Skill, SkillAssessment, TrainingSession


def day_text(day: date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class SkillView:
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
        return cls(
            skill.id,
            skill.code,
            skill.name,
            skill.category,
            skill.safety_critical,
            skill.certified,
            skill.validity_months,
            skill.minimum_qualified,
            skill.qualifying_level,
            tuple((p.requires.code, p.min_level) for p in skill.prerequisites),
            skill.description,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "safety_critical": self.safety_critical,
            "certified": self.certified,
            "validity_months": self.validity_months,
            "minimum_qualified": self.minimum_qualified,
            "qualifying_level": self.qualifying_level,
            "prerequisites": [f"{code}:{level}" for code, level in self.prerequisites],
            "description": self.description,
        }

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
class SessionView:
    id: int
    held_on: date
    skill: str
    skill_name: str
    kind: str
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
        return cls(
            held.id,
            held.held_on,
            held.skill.code,
            held.skill.name,
            held.kind.value,
            held.hours,
            held.trainer_label,
            held.trainer_id is None,
            held.place,
            held.planned,
            _("planned") if held.held_on > today else _("held"),
            sum(1 for a in held.attendance if a.present),
            sum(1 for a in held.attendance if not a.present),
            sum(1 for a in held.attendance if a.assessed_level is not None),
            held.note,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "held_on": self.held_on.isoformat(),
            "skill": self.skill,
            "skill_name": self.skill_name,
            "kind": self.kind,
            "hours": str(self.hours),
            "trainer": self.trainer,
            "outside_trainer": self.outside_trainer,
            "place": self.place,
            "planned": self.planned,
            "status": self.status,
            "present": self.present,
            "absent": self.absent,
            "assessed": self.assessed,
            "note": self.note,
        }


@dataclass(frozen=True)
class AttendanceView:
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

    def as_json(self) -> dict[str, Any]:
        return {
            "member": self.member,
            "number": self.number,
            "present": self.present,
            "hours": str(self.hours) if self.hours is not None else None,
            "assessed_level": self.assessed_level,
        }


@dataclass(frozen=True)
class SessionSheet:
    """A session and who attended it."""

    session: SessionView
    attendance: tuple[AttendanceView, ...]

    @classmethod
    def of(cls, held: TrainingSession, today: date) -> SessionSheet:
        return cls(SessionView.of(held, today), tuple(AttendanceView.of(a) for a in held.attendance))

    def as_json(self) -> dict[str, Any]:
        return self.session.as_json() | {"attendance": [a.as_json() for a in self.attendance]}


@dataclass(frozen=True)
class AssessmentView:
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
        return cls(
            assessment.id,
            assessment.member.label,
            assessment.skill.code,
            assessment.skill.name,
            assessment.level,
            assessment.assessed_on,
            assessment.expires_on,
            not is_valid_on(assessment.expires_on, today),
            assessment.assessor_label,
            assessment.session_id,
            assessment.note,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "member": self.member,
            "skill": self.skill,
            "skill_name": self.skill_name,
            "level": self.level,
            "assessed_on": self.assessed_on.isoformat(),
            "expires_on": day_text(self.expires_on),
            "lapsed": self.lapsed,
            "assessor": self.assessor,
            "session_id": self.session_id,
            "note": self.note,
        }


@dataclass(frozen=True)
class MemberSkill:
    """A member's standing in one skill, for ``coop member show``."""

    skill: Skill
    current: CurrentLevel


@dataclass(frozen=True)
class MemberSkillView:
    """One of a member's current skills or certifications; a lapsed one shows level 0 and ``expired``."""

    skill: str
    name: str
    level: int
    level_label: str
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
            int(current.level),
            current.level.label,
            current.assessed_on,
            current.expires_on,
            current.expired,
            int(current.assessed_level) if current.expired else None,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "name": self.name,
            "level": self.level,
            "level_label": self.level_label,
            "assessed_on": day_text(self.assessed_on),
            "expires_on": day_text(self.expires_on),
            "expired": self.expired,
            "lapsed_level": self.lapsed_level,
        }


@dataclass(frozen=True)
class TermView:
    """A term in a rotating role."""

    id: int
    role: str
    section: str | None
    member: str
    starts_on: date
    ends_on: date | None
    motion_id: int | None

    @classmethod
    def of(cls, term: RoleTerm) -> TermView:
        return cls(
            term.id,
            term.role.value,
            term.section,
            term.member.label,
            term.starts_on,
            term.ends_on,
            term.motion_id,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "role": self.role,
            "section": self.section,
            "member": self.member,
            "starts_on": self.starts_on.isoformat(),
            "ends_on": day_text(self.ends_on),
            "motion_id": self.motion_id,
        }
