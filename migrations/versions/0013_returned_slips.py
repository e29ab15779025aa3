"""The tellers account for every printed voting slip: the serials of slips returned unused
(``returned_slips``), and why a coded vote was closed although its slips did not balance
(``votes.slips_unbalanced``).

On PostgreSQL nothing but ``coop_cast_with_code`` marks a code used any more: the secretary's
group loses UPDATE on voting_codes (a slip is cancelled through ``coop_cancel_code``, which only
sets an issued code cancelled), a new code can only be inserted as issued, and the returned
serials of a closed vote are kept as they were, like its codes.

Revision ID: 0013_returned_slips
Revises: 0012_sealed_ballots
Create Date: 2026-12-05 22:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_returned_slips"
down_revision = "0012_sealed_ballots"
branch_labels = None
depends_on = None

TABLE = "returned_slips"

NEW_CODE_IS_ISSUED = """
    CREATE OR REPLACE FUNCTION coop_new_code_is_issued() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status <> 'issued' OR NEW.cancel_reason IS NOT NULL THEN
        RAISE EXCEPTION 'a voting code is inserted as issued; only coop_cast_with_code marks it used';
      END IF;
      RETURN NEW;
    END
    $$
"""


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vote_id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("entered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["vote_id"], ["votes.id"], name=op.f("fk_returned_slips_vote_id_votes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_returned_slips")),
        sa.UniqueConstraint("vote_id", "serial", name=op.f("uq_returned_slips_vote_id_serial")),
    )
    # Plain ALTER TABLE (no batch rebuild): the closed-vote triggers of 0006 name the votes table.
    op.add_column("votes", sa.Column("slips_unbalanced", sa.Text(), nullable=True))
    if not _postgres():
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
        return
    from coop.access.privileges import privilege_statements, schema_tables

    op.execute(
        f"CREATE TRIGGER {TABLE}_closed_vote BEFORE INSERT OR UPDATE OR DELETE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION coop_refuse_closed_vote_change()"
    )
    op.execute(
        f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
        "FOR EACH STATEMENT EXECUTE FUNCTION coop_refuse_closed_vote_change()"
    )
    op.execute(NEW_CODE_IS_ISSUED)
    op.execute(
        "CREATE TRIGGER voting_codes_new_is_issued BEFORE INSERT ON voting_codes "
        "FOR EACH ROW EXECUTE FUNCTION coop_new_code_is_issued()"
    )
    for statement in privilege_statements(schema_tables(op.get_bind())):
        op.execute(statement)


def downgrade() -> None:
    if _postgres():
        op.execute("DROP TRIGGER IF EXISTS voting_codes_new_is_issued ON voting_codes")
        op.execute("DROP FUNCTION IF EXISTS coop_new_code_is_issued()")
        for signature in ("coop_cancel_code(integer, integer, text)", "coop_touch_codes(integer)"):
            op.execute(f"DROP FUNCTION IF EXISTS {signature}")
        op.execute("GRANT UPDATE (status, cancel_reason) ON voting_codes TO coop_secretary")
    else:
        for change in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_closed_vote_{change}")
    op.drop_column("votes", "slips_unbalanced")
    op.drop_table(TABLE)
