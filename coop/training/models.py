"""Skills, training sessions and their attendance, the append-only skill history, role terms.

A member's level in a skill is never stored as such: it is read from the latest assessment in
``skill_assessments`` (see ``coverage.current_levels``), a table rows are only ever added to.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Numeric,
    String,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop import vocabulary
from coop.columns import Id, LongText, Name
from coop.db import Base, string_enum
from coop.errors import TrainingError
from coop.i18n import N_, _
from coop.members.models import Member
from coop.rules.terms import TermRole

HOURS = Numeric(6, 2)


class SessionKind(enum.StrEnum):
    theory = "theory"
    practice = "practice"
    shadowing = "shadowing"
    exam = "exam"


vocabulary.define(
    SessionKind,
    {
        SessionKind.theory: N_("theory"),
        SessionKind.practice: N_("practice"),
        SessionKind.shadowing: N_("shadowing"),
        SessionKind.exam: N_("exam"),
    },
)


class Skill(Base):
    """One skill of the catalogue; ``minimum_qualified`` members at ``qualifying_level`` or above."""

    __tablename__ = "skills"
    __table_args__ = (
        CheckConstraint("minimum_qualified >= 0", name="minimum_qualified"),
        CheckConstraint("qualifying_level BETWEEN 1 AND 4", name="qualifying_level"),
        CheckConstraint("validity_months IS NULL OR validity_months > 0", name="validity_months"),
        CheckConstraint("certified OR validity_months IS NULL", name="validity_needs_certified"),
    )

    id: Mapped[Id]
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[Name]
    category: Mapped[str] = mapped_column(String(100), index=True)
    description: Mapped[LongText | None]
    safety_critical: Mapped[bool] = mapped_column(default=False)
    certified: Mapped[bool] = mapped_column(default=False)
    # A certification lapses this many months after the assessment; None: it does not lapse.
    validity_months: Mapped[int | None]
    minimum_qualified: Mapped[int] = mapped_column(default=0)
    qualifying_level: Mapped[int] = mapped_column(default=3)
    created_at: Mapped[datetime]

    prerequisites: Mapped[list[SkillPrerequisite]] = relationship(
        back_populates="skill",
        foreign_keys="SkillPrerequisite.skill_id",
        cascade="all, delete-orphan",
        order_by="SkillPrerequisite.id",
    )


class SkillPrerequisite(Base):
    """Training in ``skill`` needs ``requires`` at ``min_level`` or above."""

    __tablename__ = "skill_prerequisites"
    __table_args__ = (
        UniqueConstraint("skill_id", "requires_id"),
        CheckConstraint("skill_id <> requires_id", name="not_itself"),
        CheckConstraint("min_level BETWEEN 1 AND 4", name="min_level"),
    )

    id: Mapped[Id]
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id"), index=True)
    requires_id: Mapped[int] = mapped_column(ForeignKey("skills.id"))
    min_level: Mapped[int]

    skill: Mapped[Skill] = relationship(back_populates="prerequisites", foreign_keys=[skill_id])
    requires: Mapped[Skill] = relationship(foreign_keys=[requires_id])


class TrainingSession(Base):
    """A session given by a member who can train the skill, or by an outside trainer."""

    __tablename__ = "training_sessions"
    __table_args__ = (
        CheckConstraint("hours > 0", name="hours_positive"),
        CheckConstraint(
            "(trainer_id IS NOT NULL AND outside_trainer IS NULL) "
            "OR (trainer_id IS NULL AND outside_trainer IS NOT NULL)",
            name="one_trainer",
        ),
    )

    id: Mapped[Id]
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id"), index=True)
    trainer_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    outside_trainer: Mapped[Name | None]
    held_on: Mapped[date] = mapped_column(index=True)
    hours: Mapped[Decimal] = mapped_column(HOURS)
    kind: Mapped[SessionKind] = mapped_column(string_enum(SessionKind))
    place: Mapped[str | None] = mapped_column(String(300))
    # Logged ahead of its date; attendance can be recorded once the day has come.
    planned: Mapped[bool] = mapped_column(default=False)
    note: Mapped[LongText | None]
    logged_at: Mapped[datetime]
    logged_by: Mapped[Name]

    skill: Mapped[Skill] = relationship()
    trainer: Mapped[Member | None] = relationship()
    attendance: Mapped[list[SessionAttendance]] = relationship(
        back_populates="session", order_by="SessionAttendance.id"
    )

    @property
    def trainer_label(self) -> str:
        if self.trainer is not None:
            return self.trainer.label
        return _("{name} (outside trainer)").format(name=self.outside_trainer)


class SessionAttendance(Base):
    """A member at a session: present or absent, hours, and the level assessed there if any."""

    __tablename__ = "training_attendance"
    __table_args__ = (
        UniqueConstraint("session_id", "member_id"),
        CheckConstraint("hours IS NULL OR hours >= 0", name="hours_not_negative"),
        CheckConstraint("assessed_level IS NULL OR assessed_level BETWEEN 0 AND 4", name="assessed_level"),
    )

    id: Mapped[Id]
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    present: Mapped[bool]
    # None: the session's hours (when present).
    hours: Mapped[Decimal | None] = mapped_column(HOURS)
    assessed_level: Mapped[int | None]
    recorded_at: Mapped[datetime]

    session: Mapped[TrainingSession] = relationship(back_populates="attendance")
    member: Mapped[Member] = relationship()


class SkillAssessment(Base):
    """One entry of a member's skill history; rows are added, never changed or removed.

    ``expires_on`` is the first day the assessment no longer counts (None: it does not lapse).
    """

    __tablename__ = "skill_assessments"
    __table_args__ = (
        CheckConstraint("level BETWEEN 0 AND 4", name="level"),
        CheckConstraint("expires_on IS NULL OR expires_on > assessed_on", name="expires_after"),
        CheckConstraint("assessor_id IS NULL OR outside_assessor IS NULL", name="one_assessor"),
    )

    id: Mapped[Id]
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id"), index=True)
    level: Mapped[int]
    assessed_on: Mapped[date]
    expires_on: Mapped[date | None]
    session_id: Mapped[int | None] = mapped_column(ForeignKey("training_sessions.id"), index=True)
    assessor_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    outside_assessor: Mapped[Name | None]
    note: Mapped[LongText | None]
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[Name]

    member: Mapped[Member] = relationship(foreign_keys=[member_id])
    skill: Mapped[Skill] = relationship()
    session: Mapped[TrainingSession | None] = relationship()
    assessor: Mapped[Member | None] = relationship(foreign_keys=[assessor_id])

    @property
    def assessor_label(self) -> str | None:
        if self.assessor is not None:
            return self.assessor.label
        if self.outside_assessor:
            return _("{name} (outside trainer)").format(name=self.outside_assessor)
        return None


@event.listens_for(SkillAssessment, "before_update")
def _refuse_update(_mapper: Any, _connection: Any, target: SkillAssessment) -> None:
    raise TrainingError(
        _(
            "The skill history is append-only: assessment {id} cannot be changed; "
            "record a new assessment instead."
        ).format(id=target.id)
    )


@event.listens_for(SkillAssessment, "before_delete")
def _refuse_delete(_mapper: Any, _connection: Any, target: SkillAssessment) -> None:
    raise TrainingError(
        _(
            "The skill history is append-only: assessment {id} cannot be removed; "
            "record a new assessment instead."
        ).format(id=target.id)
    )


class RoleTerm(Base):
    """A member's term in a rotating role, from ``starts_on`` to ``ends_on`` inclusive."""

    __tablename__ = "role_terms"
    __table_args__ = (CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_start"),)

    id: Mapped[Id]
    role: Mapped[TermRole] = mapped_column(string_enum(TermRole, length=30))
    # For a section coordinator: the section coordinated.
    section: Mapped[str | None] = mapped_column(String(100))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    # The motion that elected the member; its foreign key is declared by coop.assemblies.models,
    # so that training never names a table above it.
    motion_id: Mapped[int | None]
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[Name]

    member: Mapped[Member] = relationship()
