"""Demand for long-range planning: customer orders, forecasts per product and month, planning settings.

A month is stored as the ``date`` of its first day. A product with no ``ProductPlanning`` row is
made to stock with no safety stock, no batch limits and nothing in stock.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coop.columns import Id, Name
from coop.db import Base
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
