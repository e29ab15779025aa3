"""Elections by lists: the lists of an election and their titulares and suplentes in order.

Revision ID: 0019_election_lists
Revises: 0018_master_choice
Create Date: 2026-12-06 01:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_election_lists"
down_revision = "0018_master_choice"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "election_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("election_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id"], ["elections.id"], name=op.f("fk_election_lists_election_id_elections")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_election_lists")),
        sa.UniqueConstraint("election_id", "name", name=op.f("uq_election_lists_election_id_name")),
        sa.UniqueConstraint("election_id", "position", name=op.f("uq_election_lists_election_id_position")),
    )
    op.create_index(op.f("ix_election_lists_election_id"), "election_lists", ["election_id"])
    op.create_table(
        "election_list_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("election_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column(
            "place",
            sa.Enum(
                "titular", "suplente", name="listplace", native_enum=False, create_constraint=True, length=10
            ),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["election_id"], ["elections.id"], name=op.f("fk_election_list_members_election_id_elections")
        ),
        sa.ForeignKeyConstraint(
            ["list_id"], ["election_lists.id"], name=op.f("fk_election_list_members_list_id_election_lists")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_election_list_members_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_election_list_members")),
        sa.UniqueConstraint(
            "election_id", "member_id", name=op.f("uq_election_list_members_election_id_member_id")
        ),
        sa.UniqueConstraint(
            "list_id", "place", "position", name=op.f("uq_election_list_members_list_id_place_position")
        ),
    )
    op.create_index(op.f("ix_election_list_members_list_id"), "election_list_members", ["list_id"])
    if op.get_bind().dialect.name == "postgresql":
        from coop.access.privileges import privilege_statements, schema_tables

        for statement in privilege_statements(schema_tables(op.get_bind())):
            op.execute(statement)


def downgrade() -> None:
    op.drop_index(op.f("ix_election_list_members_list_id"), table_name="election_list_members")
    op.drop_table("election_list_members")
    op.drop_index(op.f("ix_election_lists_election_id"), table_name="election_lists")
    op.drop_table("election_lists")
