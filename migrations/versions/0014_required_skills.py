"""The skills each work centre needs: a minimum level and how many members qualified at it must be
available each week the centre works (the training needs analysis reads them).

Revision ID: 0014_required_skills
Revises: 0013_returned_slips
Create Date: 2026-12-05 22:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_required_skills"
down_revision = "0013_returned_slips"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "required_skills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("work_centre_id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("min_level", sa.Integer(), nullable=False),
        sa.Column("min_qualified", sa.Integer(), nullable=False),
        sa.CheckConstraint("min_level BETWEEN 1 AND 4", name=op.f("ck_required_skills_min_level")),
        sa.CheckConstraint("min_qualified >= 1", name=op.f("ck_required_skills_min_qualified")),
        sa.ForeignKeyConstraint(["skill_id"], ["skills.id"], name=op.f("fk_required_skills_skill_id_skills")),
        sa.ForeignKeyConstraint(
            ["work_centre_id"],
            ["work_centres.id"],
            name=op.f("fk_required_skills_work_centre_id_work_centres"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_required_skills")),
        sa.UniqueConstraint(
            "work_centre_id", "skill_id", name=op.f("uq_required_skills_work_centre_id_skill_id")
        ),
    )
    with op.batch_alter_table("required_skills", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_required_skills_skill_id"), ["skill_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_required_skills_work_centre_id"), ["work_centre_id"], unique=False
        )
    if op.get_bind().dialect.name == "postgresql":
        from coop.access.privileges import privilege_statements, schema_tables

        for statement in privilege_statements(schema_tables(op.get_bind())):
            op.execute(statement)


def downgrade() -> None:
    with op.batch_alter_table("required_skills", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_required_skills_work_centre_id"))
        batch_op.drop_index(batch_op.f("ix_required_skills_skill_id"))
    op.drop_table("required_skills")
