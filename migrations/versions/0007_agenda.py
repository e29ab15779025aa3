"""Agenda and notice of meeting: an assembly can be called before it opens (status ``called``, no
``opened_at`` yet), its agenda items are numbered, and a motion may be proposed under one of them.

Revision ID: 0007_agenda
Revises: 0006_ballots
Create Date: 2026-12-05 01:55:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_agenda"
down_revision = "0006_ballots"
branch_labels = None
depends_on = None


def _status(*values: str) -> sa.Enum:
    return sa.Enum(*values, name="assemblystatus", native_enum=False, create_constraint=True, length=20)


def upgrade() -> None:
    op.create_table(
        "agenda_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assembly_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("motion_kind", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["assembly_id"], ["assemblies.id"], name=op.f("fk_agenda_items_assembly_id_assemblies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_items")),
    )
    op.create_index(op.f("ix_agenda_items_assembly_id"), "agenda_items", ["assembly_id"], unique=False)
    # The status CHECK constraint gains 'called'; batch mode rebuilds the table on SQLite.
    with op.batch_alter_table("assemblies", schema=None) as batch_op:
        batch_op.alter_column("opened_at", existing_type=sa.DateTime(), nullable=True)
        batch_op.alter_column(
            "status",
            existing_type=_status("open", "closed"),
            type_=_status("called", "open", "closed"),
            existing_nullable=False,
        )
    with op.batch_alter_table("motions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("agenda_item_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_motions_agenda_item_id"), ["agenda_item_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_motions_agenda_item_id_agenda_items"), "agenda_items", ["agenda_item_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("motions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_motions_agenda_item_id_agenda_items"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_motions_agenda_item_id"))
        batch_op.drop_column("agenda_item_id")
    # An assembly only called has no opening the older schema can hold.
    op.execute(
        "DELETE FROM agenda_items WHERE assembly_id IN (SELECT id FROM assemblies WHERE status = 'called')"
    )
    op.execute("DELETE FROM assemblies WHERE status = 'called'")
    with op.batch_alter_table("assemblies", schema=None) as batch_op:
        batch_op.alter_column(
            "status",
            existing_type=_status("called", "open", "closed"),
            type_=_status("open", "closed"),
            existing_nullable=False,
        )
        batch_op.alter_column("opened_at", existing_type=sa.DateTime(), nullable=False)
    op.drop_index(op.f("ix_agenda_items_assembly_id"), table_name="agenda_items")
    op.drop_table("agenda_items")
