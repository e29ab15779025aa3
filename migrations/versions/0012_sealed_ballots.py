"""Secret ballots sealed to the returning officer's key while their vote is open.

A ballot cast in person or with a code goes into ``sealed_ballots`` (a random id, the vote, the
sealed box); the close opens them with the officer's key and writes them, with the paper ballots,
into ``secret_ballots`` in a random order. The closed-vote triggers of 0006 protect this table too.

Revision ID: 0012_sealed_ballots
Revises: 0011_officer_keys
Create Date: 2026-12-05 22:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_sealed_ballots"
down_revision = "0011_officer_keys"
branch_labels = None
depends_on = None

TABLE = "sealed_ballots"


def _create_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE TRIGGER {TABLE}_closed_vote BEFORE INSERT OR UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION coop_refuse_closed_vote_change()"
        )
        op.execute(
            f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
            "FOR EACH STATEMENT EXECUTE FUNCTION coop_refuse_closed_vote_change()"
        )
        return
    closed = "(SELECT status FROM votes WHERE id = {row}.vote_id) = 'closed'"
    refuse = f"SELECT RAISE(ABORT, 'the {TABLE} of a closed vote cannot be changed')"
    op.execute(
        f"CREATE TRIGGER {TABLE}_closed_vote_insert BEFORE INSERT ON {TABLE} "
        f"WHEN {closed.format(row='NEW')} BEGIN {refuse}; END"
    )
    op.execute(
        f"CREATE TRIGGER {TABLE}_closed_vote_update BEFORE UPDATE ON {TABLE} "
        f"WHEN {closed.format(row='OLD')} OR {closed.format(row='NEW')} BEGIN {refuse}; END"
    )
    op.execute(
        f"CREATE TRIGGER {TABLE}_closed_vote_delete BEFORE DELETE ON {TABLE} "
        f"WHEN {closed.format(row='OLD')} BEGIN {refuse}; END"
    )


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("vote_id", sa.Integer(), nullable=False),
        sa.Column("sealed", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["vote_id"], ["votes.id"], name=op.f("fk_sealed_ballots_vote_id_votes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sealed_ballots")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sealed_ballots_vote_id"), ["vote_id"], unique=False)
    _create_triggers()
    if op.get_bind().dialect.name == "postgresql":
        from coop.access.privileges import privilege_statements, schema_tables

        for statement in privilege_statements(schema_tables(op.get_bind())):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_closed_vote ON {TABLE}")
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}")
    else:
        for change in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_closed_vote_{change}")
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sealed_ballots_vote_id"))
    op.drop_table(TABLE)
