"""Production plans: products and bills of materials, stock, work centres, closures, routings,
plans with their lines and versions, acknowledged findings, the approved snapshot.

Revision ID: 0005_plans
Revises: 0004_elections
Create Date: 2026-11-25 01:16:24.057885
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_plans"
down_revision = "0004_elections"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
        sa.UniqueConstraint("code", name=op.f("uq_products_code")),
    )
    op.create_table(
        "work_centres",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("hours_per_shift", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("shifts_per_day", sa.Integer(), nullable=False),
        sa.Column("working_days", sa.Integer(), nullable=False),
        sa.Column("parallel", sa.Integer(), nullable=False),
        sa.Column("efficiency_pct", sa.Numeric(precision=6, scale=2), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("efficiency_pct > 0", name=op.f("ck_work_centres_efficiency_pct")),
        sa.CheckConstraint(
            "hours_per_shift * shifts_per_day <= 24", name=op.f("ck_work_centres_hours_per_day")
        ),
        sa.CheckConstraint("hours_per_shift > 0", name=op.f("ck_work_centres_hours_per_shift")),
        sa.CheckConstraint("parallel >= 1", name=op.f("ck_work_centres_parallel")),
        sa.CheckConstraint("shifts_per_day >= 1", name=op.f("ck_work_centres_shifts_per_day")),
        sa.CheckConstraint("working_days BETWEEN 1 AND 7", name=op.f("ck_work_centres_working_days")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_centres")),
        sa.UniqueConstraint("code", name=op.f("uq_work_centres_code")),
    )
    op.create_table(
        "bom_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=False),
        sa.Column("component_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=16, scale=4), nullable=False),
        sa.Column("scrap_pct", sa.Numeric(precision=6, scale=2), nullable=False),
        sa.CheckConstraint("parent_id <> component_id", name=op.f("ck_bom_lines_not_itself")),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_bom_lines_quantity_positive")),
        sa.CheckConstraint("scrap_pct >= 0 AND scrap_pct < 100", name=op.f("ck_bom_lines_scrap_pct")),
        sa.ForeignKeyConstraint(
            ["component_id"], ["products.id"], name=op.f("fk_bom_lines_component_id_products")
        ),
        sa.ForeignKeyConstraint(["parent_id"], ["products.id"], name=op.f("fk_bom_lines_parent_id_products")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bom_lines")),
        sa.UniqueConstraint("parent_id", "component_id", name=op.f("uq_bom_lines_parent_id_component_id")),
    )
    with op.batch_alter_table("bom_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bom_lines_component_id"), ["component_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bom_lines_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("work_centre_id", sa.Integer(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["work_centre_id"], ["work_centres.id"], name=op.f("fk_closures_work_centre_id_work_centres")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closures")),
        sa.UniqueConstraint("work_centre_id", "closed_on", name=op.f("uq_closures_work_centre_id_closed_on")),
    )
    with op.batch_alter_table("closures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_closures_closed_on"), ["closed_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_closures_work_centre_id"), ["work_centre_id"], unique=False)

    op.create_table(
        "routings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("work_centre_id", sa.Integer(), nullable=False),
        sa.Column("minutes_per_unit", sa.Numeric(precision=10, scale=4), nullable=False),
        sa.Column("crew_size", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.Integer(), nullable=True),
        sa.Column("skill_level", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(skill_id IS NULL) = (skill_level IS NULL)", name=op.f("ck_routings_skill_with_level")
        ),
        sa.CheckConstraint("crew_size >= 0", name=op.f("ck_routings_crew_not_negative")),
        sa.CheckConstraint("minutes_per_unit > 0", name=op.f("ck_routings_minutes_positive")),
        sa.CheckConstraint(
            "skill_level IS NULL OR skill_level BETWEEN 0 AND 4", name=op.f("ck_routings_skill_level")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_routings_product_id_products")
        ),
        sa.ForeignKeyConstraint(["skill_id"], ["skills.id"], name=op.f("fk_routings_skill_id_skills")),
        sa.ForeignKeyConstraint(
            ["work_centre_id"], ["work_centres.id"], name=op.f("fk_routings_work_centre_id_work_centres")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routings")),
        sa.UniqueConstraint(
            "product_id", "work_centre_id", name=op.f("uq_routings_product_id_work_centre_id")
        ),
    )
    with op.batch_alter_table("routings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_routings_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_routings_work_centre_id"), ["work_centre_id"], unique=False)

    op.create_table(
        "stock_levels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=16, scale=4), nullable=False),
        sa.Column("counted_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint("quantity >= 0", name=op.f("ck_stock_levels_quantity_not_negative")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_stock_levels_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_levels")),
        sa.UniqueConstraint("product_id", name=op.f("uq_stock_levels_product_id")),
    )
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("predecessor_id", sa.Integer(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "submitted",
                "approved",
                "rejected",
                "in_progress",
                "closed",
                name="planstatus",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("approval_motion_id", sa.Integer(), nullable=True),
        sa.Column("approved_snapshot", sa.Text(), nullable=True),
        sa.Column("approved_hash", sa.String(length=64), nullable=True),
        sa.CheckConstraint("period_end >= period_start", name=op.f("ck_plans_period_order")),
        sa.CheckConstraint("version >= 1", name=op.f("ck_plans_version_positive")),
        sa.ForeignKeyConstraint(
            ["approval_motion_id"], ["motions.id"], name=op.f("fk_plans_approval_motion_id_motions")
        ),
        sa.ForeignKeyConstraint(["predecessor_id"], ["plans.id"], name=op.f("fk_plans_predecessor_id_plans")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
        sa.UniqueConstraint("predecessor_id", name=op.f("uq_plans_predecessor_id")),
    )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plans_approval_motion_id"), ["approval_motion_id"], unique=False)

    op.create_table(
        "finding_acknowledgements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("finding_key", sa.String(length=200), nullable=False),
        sa.Column("figures", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=200), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_finding_acknowledgements_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_finding_acknowledgements_plan_id_plans")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_acknowledgements")),
        sa.UniqueConstraint(
            "plan_id", "finding_key", name=op.f("uq_finding_acknowledgements_plan_id_finding_key")
        ),
    )
    with op.batch_alter_table("finding_acknowledgements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_finding_acknowledgements_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "plan_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=16, scale=4), nullable=False),
        sa.Column("due_week", sa.Date(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("actual_quantity", sa.Numeric(precision=16, scale=4), nullable=True),
        sa.CheckConstraint(
            "actual_quantity IS NULL OR actual_quantity >= 0", name=op.f("ck_plan_lines_actual_not_negative")
        ),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_plan_lines_quantity_positive")),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name=op.f("fk_plan_lines_plan_id_plans")),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_plan_lines_product_id_products")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_lines")),
        sa.UniqueConstraint("plan_id", "position", name=op.f("uq_plan_lines_plan_id_position")),
    )
    with op.batch_alter_table("plan_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_lines_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_lines_product_id"), ["product_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("plan_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_lines_product_id"))
        batch_op.drop_index(batch_op.f("ix_plan_lines_plan_id"))

    op.drop_table("plan_lines")
    with op.batch_alter_table("finding_acknowledgements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_acknowledgements_plan_id"))

    op.drop_table("finding_acknowledgements")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plans_approval_motion_id"))

    op.drop_table("plans")
    op.drop_table("stock_levels")
    with op.batch_alter_table("routings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_routings_work_centre_id"))
        batch_op.drop_index(batch_op.f("ix_routings_product_id"))

    op.drop_table("routings")
    with op.batch_alter_table("closures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_closures_work_centre_id"))
        batch_op.drop_index(batch_op.f("ix_closures_closed_on"))

    op.drop_table("closures")
    with op.batch_alter_table("bom_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bom_lines_parent_id"))
        batch_op.drop_index(batch_op.f("ix_bom_lines_component_id"))

    op.drop_table("bom_lines")
    op.drop_table("work_centres")
    op.drop_table("products")
