"""Products and their bills of materials, stock, work centres, closures, routings and plans.

A material is a product with no bill-of-materials lines of its own: something bought or taken
from stock. Stock is kept for materials only, in the product's unit. A plan is one version of a
production plan; a revision is a new row whose ``predecessor_id`` points at the version it
revises, so every version stays as it was. An approved plan keeps the view it was approved on as
a JSON snapshot with its SHA-256 hash; its reports print from that snapshot.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from coop import vocabulary
from coop.assemblies.models import Motion
from coop.columns import Digest, Id, LongText, Name
from coop.db import Base, string_enum
from coop.i18n import N_
from coop.training.models import Skill

QUANTITY = Numeric(16, 4)
PERCENT = Numeric(6, 2)
HOURS = Numeric(5, 2)
MINUTES = Numeric(10, 4)


class PlanStatus(enum.StrEnum):
    draft = "draft"
    submitted = "submitted"
    approved = "approved"
    rejected = "rejected"
    in_progress = "in_progress"
    closed = "closed"


vocabulary.define(
    PlanStatus,
    {
        PlanStatus.draft: vocabulary.in_context("plan", "draft"),
        PlanStatus.submitted: N_("submitted to the assembly"),
        PlanStatus.approved: N_("approved by the assembly"),
        PlanStatus.rejected: N_("rejected by the assembly"),
        PlanStatus.in_progress: N_("in progress"),
        PlanStatus.closed: vocabulary.in_context("plan", "closed"),
    },
)


class Product(Base):
    """Any item the plant makes, uses or buys: a finished product, a component, a material."""

    __tablename__ = "products"

    id: Mapped[Id]
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[Name]
    unit: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]

    components: Mapped[list[BomLine]] = relationship(
        back_populates="parent", foreign_keys="BomLine.parent_id", order_by="BomLine.id"
    )

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"


class BomLine(Base):
    """One unit of ``parent`` needs ``quantity`` units of ``component``, plus ``scrap_pct`` %."""

    __tablename__ = "bom_lines"
    __table_args__ = (
        UniqueConstraint("parent_id", "component_id"),
        CheckConstraint("parent_id <> component_id", name="not_itself"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("scrap_pct >= 0 AND scrap_pct < 100", name="scrap_pct"),
    )

    id: Mapped[Id]
    parent_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    scrap_pct: Mapped[Decimal] = mapped_column(PERCENT, default=Decimal(0))

    parent: Mapped[Product] = relationship(back_populates="components", foreign_keys=[parent_id])
    component: Mapped[Product] = relationship(foreign_keys=[component_id])


class StockLevel(Base):
    """Stock on hand of one material, in its unit; changes are in the audit log."""

    __tablename__ = "stock_levels"
    __table_args__ = (CheckConstraint("quantity >= 0", name="quantity_not_negative"),)

    id: Mapped[Id]
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), unique=True)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    counted_on: Mapped[date]
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[Name]

    product: Mapped[Product] = relationship()


class WorkCentre(Base):
    """A kiln, a press line, a glazing line: its hours, shifts, working days and stations."""

    __tablename__ = "work_centres"
    __table_args__ = (
        CheckConstraint("hours_per_shift > 0", name="hours_per_shift"),
        CheckConstraint("shifts_per_day >= 1", name="shifts_per_day"),
        CheckConstraint("hours_per_shift * shifts_per_day <= 24", name="hours_per_day"),
        CheckConstraint("working_days BETWEEN 1 AND 7", name="working_days"),
        CheckConstraint("parallel >= 1", name="parallel"),
        CheckConstraint("efficiency_pct > 0", name="efficiency_pct"),
    )

    id: Mapped[Id]
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[Name]
    hours_per_shift: Mapped[Decimal] = mapped_column(HOURS)
    shifts_per_day: Mapped[int]
    # The first ``working_days`` days of each ISO week (5: Monday to Friday).
    working_days: Mapped[int] = mapped_column(default=5)
    parallel: Mapped[int] = mapped_column(default=1)
    efficiency_pct: Mapped[Decimal] = mapped_column(PERCENT, default=Decimal(100))
    created_at: Mapped[datetime]


class Closure(Base):
    """A day a work centre does not work; with no work centre, the whole plant is closed."""

    __tablename__ = "closures"
    __table_args__ = (UniqueConstraint("work_centre_id", "closed_on"),)

    id: Mapped[Id]
    work_centre_id: Mapped[int | None] = mapped_column(ForeignKey("work_centres.id"), index=True)
    closed_on: Mapped[date] = mapped_column(index=True)
    reason: Mapped[str] = mapped_column(String(300))
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[Name]

    work_centre: Mapped[WorkCentre | None] = relationship()


class Routing(Base):
    """``product`` passes through ``work_centre``: minutes per unit, crew, and the skill it needs."""

    __tablename__ = "routings"
    __table_args__ = (
        UniqueConstraint("product_id", "work_centre_id"),
        CheckConstraint("minutes_per_unit > 0", name="minutes_positive"),
        CheckConstraint("crew_size >= 0", name="crew_not_negative"),
        CheckConstraint("skill_level IS NULL OR skill_level BETWEEN 0 AND 4", name="skill_level"),
        CheckConstraint("(skill_id IS NULL) = (skill_level IS NULL)", name="skill_with_level"),
    )

    id: Mapped[Id]
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    work_centre_id: Mapped[int] = mapped_column(ForeignKey("work_centres.id"), index=True)
    minutes_per_unit: Mapped[Decimal] = mapped_column(MINUTES)
    crew_size: Mapped[int] = mapped_column(default=1)
    skill_id: Mapped[int | None] = mapped_column(ForeignKey("skills.id"))
    skill_level: Mapped[int | None]

    product: Mapped[Product] = relationship()
    work_centre: Mapped[WorkCentre] = relationship()
    skill: Mapped[Skill | None] = relationship()


class ApprovedByAssembly:
    """The columns of a plan that the assembly approves or rejects by a motion: who drafted it and
    when, when it was submitted and decided, the motion, and the plan as approved (canonical JSON)
    with its SHA-256 hash."""

    created_at: Mapped[datetime]
    created_by: Mapped[Name]
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    approval_motion_id: Mapped[int | None] = mapped_column(ForeignKey("motions.id"), index=True)
    approved_snapshot: Mapped[LongText | None]
    approved_hash: Mapped[Digest | None]

    @declared_attr
    def approval_motion(cls) -> Mapped[Motion | None]:
        return relationship()


class Plan(ApprovedByAssembly, Base):
    """One version of a production plan over whole ISO weeks (``period_start`` to ``period_end``).

    ``period_start`` and ``period_end`` are the Mondays of the first and the last week.
    """

    __tablename__ = "plans"
    __table_args__ = (
        CheckConstraint("period_end >= period_start", name="period_order"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[Id]
    name: Mapped[Name]
    version: Mapped[int] = mapped_column(default=1)
    # A plan is revised at most once: the revision is the next version of the chain.
    predecessor_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"), unique=True)
    period_start: Mapped[date]
    period_end: Mapped[date]
    status: Mapped[PlanStatus] = mapped_column(string_enum(PlanStatus))
    note: Mapped[LongText | None]
    started_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]

    predecessor: Mapped[Plan | None] = relationship(remote_side="Plan.id")
    lines: Mapped[list[PlanLine]] = relationship(
        back_populates="plan", order_by="PlanLine.position", cascade="all, delete-orphan"
    )
    acknowledgements: Mapped[list[FindingAcknowledgement]] = relationship(
        back_populates="plan", order_by="FindingAcknowledgement.id"
    )

    @property
    def label(self) -> str:
        return f"#{self.id} {self.name} v{self.version}"


class PlanLine(Base):
    """Make ``quantity`` of a product by the ISO week ``due_week`` (its Monday); lower priority first."""

    __tablename__ = "plan_lines"
    __table_args__ = (
        UniqueConstraint("plan_id", "position"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("actual_quantity IS NULL OR actual_quantity >= 0", name="actual_not_negative"),
    )

    id: Mapped[Id]
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    position: Mapped[int]
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    due_week: Mapped[date]
    priority: Mapped[int] = mapped_column(default=0)
    actual_quantity: Mapped[Decimal | None] = mapped_column(QUANTITY)

    plan: Mapped[Plan] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()


class FindingAcknowledgement(Base):
    """Coordinators accept a finding of the check, with a reason, for the figures they saw.

    ``finding_key`` names the finding (``overload:HORNO-1:2027-W03``); ``figures`` records its
    numbers when acknowledged, so a finding that later grows is no longer covered.
    """

    __tablename__ = "finding_acknowledgements"
    __table_args__ = (UniqueConstraint("plan_id", "finding_key"),)

    id: Mapped[Id]
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    finding_key: Mapped[Name]
    figures: Mapped[Name]
    reason: Mapped[LongText]
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    acknowledged_by: Mapped[Name]
    acknowledged_at: Mapped[datetime]

    plan: Mapped[Plan] = relationship(back_populates="acknowledgements")


class RequiredSkill(Base):
    """A work centre needs, each week it works, ``min_qualified`` members at ``min_level`` in a skill."""

    __tablename__ = "required_skills"
    __table_args__ = (
        UniqueConstraint("work_centre_id", "skill_id"),
        CheckConstraint("min_level BETWEEN 1 AND 4", name="min_level"),
        CheckConstraint("min_qualified >= 1", name="min_qualified"),
    )

    id: Mapped[Id]
    work_centre_id: Mapped[int] = mapped_column(ForeignKey("work_centres.id"), index=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skills.id"), index=True)
    min_level: Mapped[int]
    # members qualified at min_level or above the centre needs available each week it works
    min_qualified: Mapped[int]

    work_centre: Mapped[WorkCentre] = relationship()
    skill: Mapped[Skill] = relationship()
