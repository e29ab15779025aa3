"""Secret ballots: voting codes, slip recipients, paper batches; triggers that keep a closed
vote's ballot box, codes and slip list as they were frozen.

The triggers refuse INSERT, UPDATE and DELETE (and, on PostgreSQL, TRUNCATE) on
secret_ballots, voting_codes and slip_recipients rows of a closed vote, and refuse reopening or
deleting a closed vote. The closing transaction does its last writes while the vote is still
open. `coop audit verify` still detects a change made by someone who drops the triggers first.

Revision ID: 0006_ballots
Revises: 0005_plans
Create Date: 2026-11-25 01:24:19.140394
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_ballots"
down_revision = "0005_plans"
branch_labels = None
depends_on = None

PROTECTED = ("secret_ballots", "voting_codes", "slip_recipients")

POSTGRES_FUNCTIONS = (
    """
    CREATE FUNCTION coop_refuse_closed_vote_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'the rows of % cannot be truncated: closed votes are kept as frozen', TG_TABLE_NAME;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE')
         AND EXISTS (SELECT 1 FROM votes WHERE id = OLD.vote_id AND status = 'closed') THEN
        RAISE EXCEPTION 'the % of closed vote % cannot be changed', TG_TABLE_NAME, OLD.vote_id;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE')
         AND EXISTS (SELECT 1 FROM votes WHERE id = NEW.vote_id AND status = 'closed') THEN
        RAISE EXCEPTION 'the % of closed vote % cannot be changed', TG_TABLE_NAME, NEW.vote_id;
      END IF;
      IF TG_OP = 'DELETE' THEN
        RETURN OLD;
      END IF;
      RETURN NEW;
    END
    $$
    """,
    """
    CREATE FUNCTION coop_keep_vote_closed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status = 'closed' AND (TG_OP = 'DELETE' OR NEW.status <> 'closed') THEN
        RAISE EXCEPTION 'closed vote % cannot be reopened or deleted', OLD.id;
      END IF;
      IF TG_OP = 'DELETE' THEN
        RETURN OLD;
      END IF;
      RETURN NEW;
    END
    $$
    """,
)


def _create_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for function in POSTGRES_FUNCTIONS:
            op.execute(function)
        for table in PROTECTED:
            op.execute(
                f"CREATE TRIGGER {table}_closed_vote BEFORE INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION coop_refuse_closed_vote_change()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION coop_refuse_closed_vote_change()"
            )
        op.execute(
            "CREATE TRIGGER votes_stay_closed BEFORE UPDATE OR DELETE ON votes "
            "FOR EACH ROW EXECUTE FUNCTION coop_keep_vote_closed()"
        )
        return
    closed = "(SELECT status FROM votes WHERE id = {row}.vote_id) = 'closed'"
    for table in PROTECTED:
        refuse = f"SELECT RAISE(ABORT, 'the {table} of a closed vote cannot be changed')"
        op.execute(
            f"CREATE TRIGGER {table}_closed_vote_insert BEFORE INSERT ON {table} "
            f"WHEN {closed.format(row='NEW')} BEGIN {refuse}; END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_closed_vote_update BEFORE UPDATE ON {table} "
            f"WHEN {closed.format(row='OLD')} OR {closed.format(row='NEW')} BEGIN {refuse}; END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_closed_vote_delete BEFORE DELETE ON {table} "
            f"WHEN {closed.format(row='OLD')} BEGIN {refuse}; END"
        )
    keep = "SELECT RAISE(ABORT, 'a closed vote cannot be reopened or deleted')"
    op.execute(
        "CREATE TRIGGER votes_stay_closed_update BEFORE UPDATE OF status ON votes "
        f"WHEN OLD.status = 'closed' AND NEW.status <> 'closed' BEGIN {keep}; END"
    )
    op.execute(
        "CREATE TRIGGER votes_stay_closed_delete BEFORE DELETE ON votes "
        f"WHEN OLD.status = 'closed' BEGIN {keep}; END"
    )


def _drop_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS votes_stay_closed ON votes")
        for table in PROTECTED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_closed_vote ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS coop_keep_vote_closed()")
        op.execute("DROP FUNCTION IF EXISTS coop_refuse_closed_vote_change()")
        return
    for name in ("votes_stay_closed_update", "votes_stay_closed_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in PROTECTED:
        for change in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_closed_vote_{change}")


def upgrade() -> None:
    op.create_table(
        "paper_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vote_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "entered",
                "accepted",
                "discarded",
                name="paperbatchstatus",
                native_enum=False,
                create_constraint=True,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column("ballots", sa.Integer(), nullable=True),
        sa.Column("digest", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["vote_id"], ["votes.id"], name=op.f("fk_paper_batches_vote_id_votes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paper_batches")),
        sa.UniqueConstraint("vote_id", "number", name=op.f("uq_paper_batches_vote_id_number")),
    )
    op.create_table(
        "slip_recipients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vote_id", sa.Integer(), nullable=False),
        sa.Column("received_by_member_id", sa.Integer(), nullable=False),
        sa.Column("represented_member_id", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["received_by_member_id"],
            ["members.id"],
            name=op.f("fk_slip_recipients_received_by_member_id_members"),
        ),
        sa.ForeignKeyConstraint(
            ["represented_member_id"],
            ["members.id"],
            name=op.f("fk_slip_recipients_represented_member_id_members"),
        ),
        sa.ForeignKeyConstraint(["vote_id"], ["votes.id"], name=op.f("fk_slip_recipients_vote_id_votes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slip_recipients")),
        sa.UniqueConstraint(
            "vote_id", "represented_member_id", name=op.f("uq_slip_recipients_vote_id_represented_member_id")
        ),
    )
    op.create_table(
        "voting_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vote_id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "issued",
                "used",
                "cancelled",
                name="codestatus",
                native_enum=False,
                create_constraint=True,
                length=10,
            ),
            nullable=False,
        ),
        sa.Column(
            "cancel_reason",
            sa.Enum(
                "lost", "paper", name="cancelreason", native_enum=False, create_constraint=True, length=10
            ),
            nullable=True,
        ),
        sa.Column("replaces_serial", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["vote_id"], ["votes.id"], name=op.f("fk_voting_codes_vote_id_votes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voting_codes")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_voting_codes_code_hash")),
        sa.UniqueConstraint("vote_id", "serial", name=op.f("uq_voting_codes_vote_id_serial")),
    )
    op.create_table(
        "paper_batch_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("teller_member_id", sa.Integer(), nullable=False),
        sa.Column("entered_at", sa.DateTime(), nullable=False),
        sa.Column("ballots", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["paper_batches.id"], name=op.f("fk_paper_batch_entries_batch_id_paper_batches")
        ),
        sa.ForeignKeyConstraint(
            ["teller_member_id"], ["members.id"], name=op.f("fk_paper_batch_entries_teller_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paper_batch_entries")),
        sa.UniqueConstraint(
            "batch_id", "teller_member_id", name=op.f("uq_paper_batch_entries_batch_id_teller_member_id")
        ),
    )
    with op.batch_alter_table("votes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("code_pepper", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("tracker_salt", sa.String(length=64), nullable=True))

    _create_triggers()


def downgrade() -> None:
    _drop_triggers()
    with op.batch_alter_table("votes", schema=None) as batch_op:
        batch_op.drop_column("tracker_salt")
        batch_op.drop_column("code_pepper")

    op.drop_table("paper_batch_entries")
    op.drop_table("voting_codes")
    op.drop_table("slip_recipients")
    op.drop_table("paper_batches")
