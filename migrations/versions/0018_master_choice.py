"""The assembly chooses a master plan's scenario: each scenario's motion, and the plan's frozen choice.

Revision ID: 0018_master_choice
Revises: 0017_scenarios
Create Date: 2026-12-06 01:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018_master_choice"
down_revision = "0017_scenarios"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("master_plans") as batch:
        batch.add_column(sa.Column("choice_motion_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("decided_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("choice_snapshot", sa.Text(), nullable=True))
        batch.add_column(sa.Column("choice_hash", sa.String(length=64), nullable=True))
        batch.create_foreign_key(
            op.f("fk_master_plans_choice_motion_id_motions"), "motions", ["choice_motion_id"], ["id"]
        )
    with op.batch_alter_table("master_scenarios") as batch:
        batch.add_column(sa.Column("motion_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_master_scenarios_motion_id_motions"), "motions", ["motion_id"], ["id"]
        )
        batch.create_index(op.f("ix_master_scenarios_motion_id"), ["motion_id"])
    if op.get_bind().dialect.name == "postgresql":
        from coop.access.privileges import privilege_statements, schema_tables

        for statement in privilege_statements(schema_tables(op.get_bind())):
            op.execute(statement)


def downgrade() -> None:
    with op.batch_alter_table("master_scenarios") as batch:
        batch.drop_index(op.f("ix_master_scenarios_motion_id"))
        batch.drop_constraint(op.f("fk_master_scenarios_motion_id_motions"), type_="foreignkey")
        batch.drop_column("motion_id")
    with op.batch_alter_table("master_plans") as batch:
        batch.drop_constraint(op.f("fk_master_plans_choice_motion_id_motions"), type_="foreignkey")
        batch.drop_column("choice_hash")
        batch.drop_column("choice_snapshot")
        batch.drop_column("decided_at")
        batch.drop_column("choice_motion_id")
