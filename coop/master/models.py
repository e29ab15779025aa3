"""Demand for long-range planning: customer orders, forecasts per product and month, planning settings.

A month is stored as the ``date`` of its first day. A product with no ``ProductPlanning`` row is
made to stock with no safety stock, no batch limits and nothing in stock.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop.assemblies.models import Motion
from coop.columns import Digest, Id, LongText, Name
from coop.db import Base, string_enum
from coop.plans.models import Product

QUANTITY = Numeric(16, 4)


class ProductPlanning(Base):
    """How the master schedule treats one product: to stock or to order, safety stock, batches, stock."""

    __tablename__ = "product_planning"
    __table_args__ = (
        CheckConstraint("safety_stock >= 0", name="safety_not_negative"),
        CheckConstraint("stock_on_hand >= 0", name="stock_not_negative"),
        CheckConstraint("min_batch IS NULL OR min_batch > 0", name="min_batch_positive"),
        CheckConstraint("max_batch IS NULL OR max_batch > 0", name="max_batch_positive"),
        CheckConstraint(
            "min_batch IS NULL OR max_batch IS NULL OR min_batch <= max_batch", name="batch_order"
        ),
    )

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    make_to_stock: Mapped[bool] = mapped_column(default=True)
    safety_stock: Mapped[Decimal] = mapped_column(QUANTITY, default=Decimal(0))
    min_batch: Mapped[Decimal | None] = mapped_column(QUANTITY)
    max_batch: Mapped[Decimal | None] = mapped_column(QUANTITY)
    stock_on_hand: Mapped[Decimal] = mapped_column(QUANTITY, default=Decimal(0))
    changed_at: Mapped[datetime]
    changed_by: Mapped[Name]

    product: Mapped[Product] = relationship()


class CustomerOrder(Base):
    """A customer asks for ``quantity`` of a product in the month ``due_month``; firm or tentative."""

    __tablename__ = "customer_orders"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    id: Mapped[Id]
    customer: Mapped[Name]
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    due_month: Mapped[date] = mapped_column(index=True)
    firm: Mapped[bool] = mapped_column(default=True)
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[Name]

    product: Mapped[Product] = relationship()


class DemandForecast(Base):
    """The expected demand for a product in one month, entered, imported or derived (``method``)."""

    __tablename__ = "demand_forecasts"
    __table_args__ = (
        UniqueConstraint("product_id", "month"),
        CheckConstraint("quantity >= 0", name="quantity_not_negative"),
    )

    id: Mapped[Id]
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    month: Mapped[date]
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    method: Mapped[str] = mapped_column(String(40))
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[Name]

    product: Mapped[Product] = relationship()


class MasterPlanStatus(enum.StrEnum):
    """A master plan is drafted with its scenarios; while a scenario is before the assembly it is
    submitted (its scenarios cannot change); the adopted motion decides it, a rejected one leaves it
    a draft for the next scenario."""

    draft = "draft"
    submitted = "submitted"
    decided = "decided"


class MasterPlan(Base):
    """A master plan horizon: ``months`` months from ``first_month``, with 2 to 5 named scenarios."""

    __tablename__ = "master_plans"
    __table_args__ = (CheckConstraint("months BETWEEN 6 AND 18", name="months_in_range"),)

    id: Mapped[Id]
    name: Mapped[str] = mapped_column(String(200), unique=True)
    first_month: Mapped[date]
    months: Mapped[int]
    status: Mapped[MasterPlanStatus] = mapped_column(
        string_enum(MasterPlanStatus), default=MasterPlanStatus.draft
    )
    created_at: Mapped[datetime]
    created_by: Mapped[Name]
    # The assembly's choice (see coop.master.choice): the motion adopted, when, and the chosen
    # scenario's schedule and comparison frozen as canonical JSON with its SHA-256.
    choice_motion_id: Mapped[int | None] = mapped_column(ForeignKey("motions.id"))
    decided_at: Mapped[datetime | None]
    choice_snapshot: Mapped[LongText | None]
    choice_hash: Mapped[Digest | None]

    scenarios: Mapped[list[MasterScenario]] = relationship(
        back_populates="plan", order_by="MasterScenario.id"
    )
    choice_motion: Mapped[Motion | None] = relationship()


class MasterScenario(Base):
    """One scenario of a master plan: its assumptions as JSON (see :mod:`coop.master.policies`)."""

    __tablename__ = "master_scenarios"
    __table_args__ = (UniqueConstraint("plan_id", "name"),)

    id: Mapped[Id]
    plan_id: Mapped[int] = mapped_column(ForeignKey("master_plans.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    assumptions: Mapped[LongText]
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    created_by: Mapped[Name]
    # The latest motion that put this scenario to an assembly ("adopt scenario X of plan P").
    motion_id: Mapped[int | None] = mapped_column(ForeignKey("motions.id"), index=True)

    plan: Mapped[MasterPlan] = relationship(back_populates="scenarios")
    motion: Mapped[Motion | None] = relationship()
