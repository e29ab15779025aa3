"""Who may act on a shared PostgreSQL database: member logins, the teller role, group roles and
their privileges, an audit log that only grows, closed votes kept whole.

``member_logins`` maps a PostgreSQL login to the member who uses it. On PostgreSQL the group roles
``coop_member``, ``coop_secretary``, ``coop_coordinator``, ``coop_trainer`` and ``coop_teller``
are created if the server has none yet (the owner running the upgrade needs CREATEROLE), and
:mod:`coop.access.privileges` grants each what it may do; a trigger refuses UPDATE, DELETE and
TRUNCATE on audit_events; the closed-vote triggers of 0006 also keep the participation, the
paper batches and their entries of a closed vote; approved minutes and approved plans keep their
snapshot and hash. SQLite (one file on one terminal) only gains the table and the role.

Revision ID: 0009_access
Revises: 0007_agenda
Create Date: 2026-12-05 04:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_access"
down_revision = "0007_agenda"
branch_labels = None
depends_on = None

# Rows of a closed vote that the 0006 triggers did not yet keep (coop_refuse_closed_vote_change
# reads the row's vote_id).
MORE_PROTECTED = ("vote_participation", "paper_batches")

# Approved documents kept as stored: once set, these columns change for nobody (table: columns).
SNAPSHOTS = {
    "assemblies": ("minutes_snapshot", "minutes_hash"),
    "plans": ("approved_snapshot", "approved_hash"),
}

POSTGRES_FUNCTIONS = (
    """
    CREATE FUNCTION coop_refuse_closed_batch_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'the rows of % cannot be truncated: closed votes are kept as frozen', TG_TABLE_NAME;
      END IF;
      IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
           SELECT 1 FROM paper_batches b JOIN votes v ON v.id = b.vote_id
            WHERE b.id = OLD.batch_id AND v.status = 'closed') THEN
        RAISE EXCEPTION 'the paper ballots entered for closed vote cannot be changed';
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (
           SELECT 1 FROM paper_batches b JOIN votes v ON v.id = b.vote_id
            WHERE b.id = NEW.batch_id AND v.status = 'closed') THEN
        RAISE EXCEPTION 'the paper ballots entered for closed vote cannot be changed';
      END IF;
      IF TG_OP = 'DELETE' THEN
        RETURN OLD;
      END IF;
      RETURN NEW;
    END
    $$
    """,
    """
    CREATE FUNCTION coop_keep_snapshot() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      kept text;
    BEGIN
      FOREACH kept IN ARRAY TG_ARGV LOOP
        IF to_jsonb(OLD) ->> kept IS NOT NULL AND (
             TG_OP = 'DELETE' OR (to_jsonb(NEW) ->> kept) IS DISTINCT FROM (to_jsonb(OLD) ->> kept)) THEN
          RAISE EXCEPTION 'the approved % of % % cannot be changed', kept, TG_TABLE_NAME, OLD.id;
        END IF;
      END LOOP;
      IF TG_OP = 'DELETE' THEN
        RETURN OLD;
      END IF;
      RETURN NEW;
    END
    $$
    """,
)


def _role(*values: str) -> sa.Enum:
    return sa.Enum(*values, name="role", native_enum=False, create_constraint=True, length=20)


OLD_ROLES = ("member", "coordinator", "trainer", "secretary")
NEW_ROLES = (*OLD_ROLES, "teller")


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    op.create_table(
        "member_logins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_member_logins_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_logins")),
        sa.UniqueConstraint("login", name=op.f("uq_member_logins_login")),
    )
    op.create_index(op.f("ix_member_logins_member_id"), "member_logins", ["member_id"], unique=False)
    with op.batch_alter_table("member_roles", schema=None) as batch_op:
        batch_op.alter_column(
            "role", existing_type=_role(*OLD_ROLES), type_=_role(*NEW_ROLES), existing_nullable=False
        )
    if not _postgres():
        return
    from coop.access.privileges import create_groups, privilege_statements, schema_tables

    for table in MORE_PROTECTED:
        op.execute(
            f"CREATE TRIGGER {table}_closed_vote BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION coop_refuse_closed_vote_change()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION coop_refuse_closed_vote_change()"
        )
    for function in POSTGRES_FUNCTIONS:
        op.execute(function)
    op.execute(
        "CREATE TRIGGER paper_batch_entries_closed_vote "
        "BEFORE INSERT OR UPDATE OR DELETE ON paper_batch_entries "
        "FOR EACH ROW EXECUTE FUNCTION coop_refuse_closed_batch_change()"
    )
    op.execute(
        "CREATE TRIGGER paper_batch_entries_no_truncate BEFORE TRUNCATE ON paper_batch_entries "
        "FOR EACH STATEMENT EXECUTE FUNCTION coop_refuse_closed_batch_change()"
    )
    for table, columns in SNAPSHOTS.items():
        arguments = ", ".join(f"'{column}'" for column in columns)
        op.execute(
            f"CREATE TRIGGER {table}_keep_snapshot BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION coop_keep_snapshot({arguments})"
        )
    for statement in create_groups():
        op.execute(statement)
    for statement in privilege_statements(schema_tables(op.get_bind())):
        op.execute(statement)


def downgrade() -> None:
    if _postgres():
        from coop.access.privileges import GROUPS

        op.execute("DROP TRIGGER IF EXISTS audit_events_only_grow ON audit_events")
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events")
        for table in (*MORE_PROTECTED, "paper_batch_entries"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_closed_vote ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        for table in SNAPSHOTS:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_keep_snapshot ON {table}")
        op.execute("DROP FUNCTION IF EXISTS coop_keep_snapshot()")
        op.execute("DROP FUNCTION IF EXISTS coop_refuse_closed_batch_change()")
        for signature in (
            "coop_refuse_audit_change()",
            "coop_sync_login_groups(integer)",
            "coop_cast_with_code(integer, text, text, text, text)",
            "coop_code_status(integer, text)",
        ):
            op.execute(f"DROP FUNCTION IF EXISTS {signature}")
        # The group roles stay: other databases of the server may use them. Their privileges here go.
        groups = ", ".join(GROUPS.values())
        for table in sa.inspect(op.get_bind()).get_table_names():
            op.execute(f"REVOKE ALL ON {table} FROM {groups}")
        op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {groups}")
    op.execute("DELETE FROM member_roles WHERE role = 'teller'")
    with op.batch_alter_table("member_roles", schema=None) as batch_op:
        batch_op.alter_column(
            "role", existing_type=_role(*NEW_ROLES), type_=_role(*OLD_ROLES), existing_nullable=False
        )
    op.drop_index(op.f("ix_member_logins_member_id"), table_name="member_logins")
    op.drop_table("member_logins")
