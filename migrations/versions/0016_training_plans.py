"""Training plans: a plan's sessions, their trainees and the gaps it could not close; approval by
the assembly through a motion of kind ``training_plan``.

Revision ID: 0016_training_plans
Revises: 0015_demand
Create Date: 2026-12-05 23:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_training_plans"
down_revision = "0015_demand"
branch_labels = None
depends_on = None

HOURS = sa.Numeric(6, 2)
STATUS = ("draft", "submitted", "approved", "rejected")


def upgrade() -> None:
    op.create_table(
        "training_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(*STATUS, name="trainingplanstatus", native_enum=False, create_constraint=True, length=20),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("approval_motion_id", sa.Integer(), nullable=True),
        sa.Column("approved_snapshot", sa.Text(), nullable=True),
        sa.Column("approved_hash", sa.String(length=64), nullable=True),
        sa.CheckConstraint("weeks >= 1 AND weeks <= 104", name=op.f("ck_training_plans_weeks_range")),
        sa.ForeignKeyConstraint(
            ["approval_motion_id"], ["motions.id"], name=op.f("fk_training_plans_approval_motion_id_motions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_plans")),
    )
    op.create_index(op.f("ix_training_plans_approval_motion_id"), "training_plans", ["approval_motion_id"])
    op.create_table(
        "training_plan_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("hours", HOURS, nullable=False),
        sa.Column("trainer_id", sa.Integer(), nullable=True),
        sa.Column("outside_trainer", sa.String(length=200), nullable=True),
        sa.Column("held_session_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("hours > 0", name=op.f("ck_training_plan_sessions_hours_positive")),
        sa.CheckConstraint("level >= 1 AND level <= 4", name=op.f("ck_training_plan_sessions_level_range")),
        sa.CheckConstraint(
            "(trainer_id IS NULL) <> (outside_trainer IS NULL)",
            name=op.f("ck_training_plan_sessions_one_trainer"),
        ),
        sa.ForeignKeyConstraint(
            ["held_session_id"],
            ["training_sessions.id"],
            name=op.f("fk_training_plan_sessions_held_session_id_training_sessions"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["training_plans.id"], name=op.f("fk_training_plan_sessions_plan_id_training_plans")
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skills.id"], name=op.f("fk_training_plan_sessions_skill_id_skills")
        ),
        sa.ForeignKeyConstraint(
            ["trainer_id"], ["members.id"], name=op.f("fk_training_plan_sessions_trainer_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_plan_sessions")),
        sa.UniqueConstraint("held_session_id", name=op.f("uq_training_plan_sessions_held_session_id")),
        sa.UniqueConstraint("plan_id", "number", name=op.f("uq_training_plan_sessions_plan_id_number")),
    )
    op.create_index(op.f("ix_training_plan_sessions_plan_id"), "training_plan_sessions", ["plan_id"])
    op.create_index(op.f("ix_training_plan_sessions_skill_id"), "training_plan_sessions", ["skill_id"])
    op.create_index(op.f("ix_training_plan_sessions_trainer_id"), "training_plan_sessions", ["trainer_id"])
    op.create_table(
        "training_plan_trainees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_training_plan_trainees_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_plan_sessions.id"],
            name=op.f("fk_training_plan_trainees_session_id_training_plan_sessions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_plan_trainees")),
        sa.UniqueConstraint("session_id", "member_id", name=op.f("uq_training_plan_trainees_session_id_member_id")),
    )
    op.create_index(op.f("ix_training_plan_trainees_member_id"), "training_plan_trainees", ["member_id"])
    op.create_index(op.f("ix_training_plan_trainees_session_id"), "training_plan_trainees", ["session_id"])
    op.create_table(
        "training_plan_gaps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("needed", sa.Integer(), nullable=False),
        sa.Column("available", sa.Integer(), nullable=False),
        sa.Column("short", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["training_plans.id"], name=op.f("fk_training_plan_gaps_plan_id_training_plans")
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"], ["skills.id"], name=op.f("fk_training_plan_gaps_skill_id_skills")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_plan_gaps")),
        sa.UniqueConstraint("plan_id", "position", name=op.f("uq_training_plan_gaps_plan_id_position")),
    )
    op.create_index(op.f("ix_training_plan_gaps_plan_id"), "training_plan_gaps", ["plan_id"])


def downgrade() -> None:
    op.drop_table("training_plan_gaps")
    op.drop_table("training_plan_trainees")
    op.drop_table("training_plan_sessions")
    op.drop_table("training_plans")
