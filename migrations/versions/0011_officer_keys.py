"""The returning officers' public keys: secret ballots are sealed to one while their vote is open,
and the vote names the key it was sealed to.

Revision ID: 0011_officer_keys
Revises: 0010_agenda_elections
Create Date: 2026-12-05 22:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_officer_keys"
down_revision = "0010_agenda_elections"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "officer_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=19), nullable=False),
        sa.Column("public_key", sa.String(length=44), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("retired_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officer_keys")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_officer_keys_fingerprint")),
    )
    # On SQLite a plain ADD COLUMN with its key inline: a batch copy of votes would break the
    # triggers of the ballot tables, which name it.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE votes ADD COLUMN officer_key_id INTEGER "
            "CONSTRAINT fk_votes_officer_key_id_officer_keys REFERENCES officer_keys (id)"
        )
    else:
        op.add_column("votes", sa.Column("officer_key_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_votes_officer_key_id_officer_keys"), "votes", "officer_keys", ["officer_key_id"], ["id"]
        )
    if op.get_bind().dialect.name == "postgresql":
        from coop.access.privileges import privilege_statements, schema_tables

        for statement in privilege_statements(schema_tables(op.get_bind())):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(op.f("fk_votes_officer_key_id_officer_keys"), "votes", type_="foreignkey")
    op.drop_column("votes", "officer_key_id")  # SQLite drops a column whose key is inline
    op.drop_table("officer_keys")
