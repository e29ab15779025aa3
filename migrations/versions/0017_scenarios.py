"""Master plans (a horizon of 6 to 18 months) and their named scenarios, each with its assumptions.

Revision ID: 0017_scenarios
Revises: 0016_training_plans
Create Date: 2026-12-05 23:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_scenarios"
down_revision = "0016_training_plans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "master_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("first_month", sa.Date(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "submitted",
                "decided",
                name="masterplanstatus",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint("months BETWEEN 6 AND 18", name=op.f("ck_master_plans_months_in_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_master_plans")),
        sa.UniqueConstraint("name", name=op.f("uq_master_plans_name")),
    )
    op.create_table(
        "master_scenarios",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("assumptions", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["master_plans.id"], name=op.f("fk_master_scenarios_plan_id_master_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_master_scenarios")),
        sa.UniqueConstraint("plan_id", "name", name=op.f("uq_master_scenarios_plan_id_name")),
    )
    op.create_index(op.f("ix_master_scenarios_plan_id"), "master_scenarios", ["plan_id"])
    if op.get_bind().dialect.name == "postgresql":
        from coop.access.privileges import privilege_statements, schema_tables

        for statement in privilege_statements(schema_tables(op.get_bind())):
            op.execute(statement)


def downgrade() -> None:
    op.drop_index(op.f("ix_master_scenarios_plan_id"), table_name="master_scenarios")
    op.drop_table("master_scenarios")
    op.drop_table("master_plans")
