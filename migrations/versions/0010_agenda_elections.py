"""An election held under an agenda item: the item names the election that decides it, so the
minutes print the election under its item and do not call the item "not reached".

Revision ID: 0010_agenda_elections
Revises: 0009_access
Create Date: 2026-12-05 04:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_agenda_elections"
down_revision = "0009_access"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("election_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_agenda_items_election_id"), ["election_id"], unique=True)
        batch_op.create_foreign_key(
            batch_op.f("fk_agenda_items_election_id_elections"), "elections", ["election_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_agenda_items_election_id_elections"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_agenda_items_election_id"))
        batch_op.drop_column("election_id")
