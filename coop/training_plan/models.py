"""A stored training plan: its sessions, their trainees, and the gaps the proposal could not close.

A plan is proposed as a draft, edited by a trainer or coordinator, submitted, and approved or
rejected by the assembly through a motion of kind ``training_plan`` (see
:mod:`coop.training_plan.approval`); once approved it keeps the plan as it stood as canonical JSON
with its SHA-256 hash. A planned session links the session actually held once it is logged.
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop import vocabulary
from coop.columns import Id, LongText, Name
from coop.db import Base, string_enum
from coop.i18n import N_
from coop.members.models import Member
from coop.plans.models import ApprovedByAssembly
from coop.training.models import HOURS, Skill, TrainingSession


class TrainingPlanStatus(enum.StrEnum):
    draft = "draft"
    submitted = "submitted"
    approved = "approved"
    rejected = "rejected"


vocabulary.define(
    TrainingPlanStatus,
    {
        TrainingPlanStatus.draft: vocabulary.in_context("plan", "draft"),
        TrainingPlanStatus.submitted: N_("submitted to the assembly"),
        TrainingPlanStatus.approved: N_("approved by the assembly"),
        TrainingPlanStatus.rejected: N_("rejected by the assembly"),
    },
)


class TrainingPlan(ApprovedByAssembly, Base):
    """A training plan over ``weeks`` ISO weeks from the Monday ``starts_on``."""

    __tablename__ = "training_plans"
    __table_args__ = (CheckConstraint("weeks >= 1 AND weeks <= 104", name="weeks_range"),)

    id: Mapped[Id]
    name: Mapped[Name]
    starts_on: Mapped[date]
    weeks: Mapped[int]
    status: Mapped[TrainingPlanStatus] = mapped_column(string_enum(TrainingPlanStatus))

    sessions: Mapped[list[TrainingPlanSession]] = relationship(
        back_populates="plan", order_by="TrainingPlanSession.number", cascade="all, delete-orphan"
    )
    gaps: Mapped[list[TrainingPlanGap]] = relationship(
        back_populates="plan", order_by="TrainingPlanGap.position", cascade="all, delete-orphan"
    )

    @property
    def label(self) -> str:
        return f"#{self.id} {self.name}"


class TrainingPlanSession(Base):
    """Planned session ``number``: a trainer teaches ``skill`` up to ``level`` on ``held_on``."""

    __tablename__ = "training_plan_sessions"
    __table_args__ = (
        UniqueConstraint("plan_id", "number"),
        CheckConstraint("level >= 1 AND level <= 4", name="level_range"),
        CheckConstraint("hours > 0", name="hours_positive"),
        CheckConstraint("(trainer_id IS NULL) <> (outside_trainer IS NULL)", name="one_trainer"),
    )

    id: Mapped[Id]
    plan_id: Mapped[int] = mapped_column(ForeignKey("training_plans.id"), index=True)
    number: Mapped[int]
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id"), index=True)
    level: Mapped[int]
    held_on: Mapped[date]
    hours: Mapped[Decimal] = mapped_column(HOURS)
    trainer_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    outside_trainer: Mapped[Name | None]
    held_session_id: Mapped[int | None] = mapped_column(ForeignKey("training_sessions.id"), unique=True)

    plan: Mapped[TrainingPlan] = relationship(back_populates="sessions")
    skill: Mapped[Skill] = relationship()
    trainer: Mapped[Member | None] = relationship()
    held_session: Mapped[TrainingSession | None] = relationship()
    trainees: Mapped[list[TrainingPlanTrainee]] = relationship(
        back_populates="session", order_by="TrainingPlanTrainee.id", cascade="all, delete-orphan"
    )


class TrainingPlanTrainee(Base):
    __tablename__ = "training_plan_trainees"
    __table_args__ = (UniqueConstraint("session_id", "member_id"),)

    id: Mapped[Id]
    session_id: Mapped[int] = mapped_column(ForeignKey("training_plan_sessions.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)

    session: Mapped[TrainingPlanSession] = relationship(back_populates="trainees")
    member: Mapped[Member] = relationship()


class TrainingPlanGap(Base):
    """A gap of the needs analysis as the proposal left it: ``short`` still missing, and why (text)."""

    __tablename__ = "training_plan_gaps"
    __table_args__ = (UniqueConstraint("plan_id", "position"),)

    id: Mapped[Id]
    plan_id: Mapped[int] = mapped_column(ForeignKey("training_plans.id"), index=True)
    position: Mapped[int]
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id"))
    level: Mapped[int]
    week: Mapped[date]
    needed: Mapped[int]
    available: Mapped[int]
    short: Mapped[int]
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[LongText]

    plan: Mapped[TrainingPlan] = relationship(back_populates="gaps")
    skill: Mapped[Skill] = relationship()
