"""Demand for the master production schedule: customer orders, forecasts per product and month,
and each product's planning settings (to stock or to order, safety stock, batch sizes, stock on hand).

Revision ID: 0015_demand
Revises: 0014_required_skills
Create Date: 2026-12-05 23:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_demand"
down_revision = "0014_required_skills"
branch_labels = None
depends_on = None

QUANTITY = sa.Numeric(16, 4)


def upgrade() -> None:
    op.create_table(
        "product_planning",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("make_to_stock", sa.Boolean(), nullable=False),
        sa.Column("safety_stock", QUANTITY, nullable=False),
        sa.Column("min_batch", QUANTITY, nullable=True),
        sa.Column("max_batch", QUANTITY, nullable=True),
        sa.Column("stock_on_hand", QUANTITY, nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint(
            "min_batch IS NULL OR max_batch IS NULL OR min_batch <= max_batch",
            name=op.f("ck_product_planning_batch_order"),
        ),
        sa.CheckConstraint(
            "max_batch IS NULL OR max_batch > 0", name=op.f("ck_product_planning_max_batch_positive")
        ),
        sa.CheckConstraint(
            "min_batch IS NULL OR min_batch > 0", name=op.f("ck_product_planning_min_batch_positive")
        ),
        sa.CheckConstraint("safety_stock >= 0", name=op.f("ck_product_planning_safety_not_negative")),
        sa.CheckConstraint("stock_on_hand >= 0", name=op.f("ck_product_planning_stock_not_negative")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_product_planning_product_id_products")
        ),
        sa.PrimaryKeyConstraint("product_id", name=op.f("pk_product_planning")),
    )
    op.create_table(
        "customer_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer", sa.String(length=200), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("quantity", QUANTITY, nullable=False),
        sa.Column("due_month", sa.Date(), nullable=False),
        sa.Column("firm", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_customer_orders_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_customer_orders_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_orders")),
    )
    op.create_index(op.f("ix_customer_orders_due_month"), "customer_orders", ["due_month"])
    op.create_index(op.f("ix_customer_orders_product_id"), "customer_orders", ["product_id"])
    op.create_table(
        "demand_forecasts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("quantity", QUANTITY, nullable=False),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint("quantity >= 0", name=op.f("ck_demand_forecasts_quantity_not_negative")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_demand_forecasts_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demand_forecasts")),
        sa.UniqueConstraint("product_id", "month", name=op.f("uq_demand_forecasts_product_id_month")),
    )
    op.create_index(op.f("ix_demand_forecasts_product_id"), "demand_forecasts", ["product_id"])
    if op.get_bind().dialect.name == "postgresql":
        from coop.access.privileges import privilege_statements, schema_tables

        for statement in privilege_statements(schema_tables(op.get_bind())):
            op.execute(statement)


def downgrade() -> None:
    op.drop_index(op.f("ix_demand_forecasts_product_id"), table_name="demand_forecasts")
    op.drop_table("demand_forecasts")
    op.drop_index(op.f("ix_customer_orders_product_id"), table_name="customer_orders")
    op.drop_index(op.f("ix_customer_orders_due_month"), table_name="customer_orders")
    op.drop_table("customer_orders")
    op.drop_table("product_planning")
