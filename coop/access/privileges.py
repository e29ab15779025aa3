"""What each group role may do on PostgreSQL, written once as data, and the SQL that grants it.

PostgreSQL's own role system is the boundary: a person connects with their own login, which is a
member of the group roles of their roles in coop (``coop_member``, ``coop_secretary``, ...). Every
group reads the tables; a group writes only the tables where its role acts; the audit log takes
INSERT only; nobody but the owner reads the voting codes' hashes; no login writes a ballot but
through the SECURITY DEFINER functions below (a code checked, the vote open, nothing added or
dropped at the close); and casting with a code is the only way a code is marked used: no group may
UPDATE voting_codes, and a slip lost or handed in for a paper ballot is cancelled through
``coop_cancel_code``, which only sets an issued code cancelled.

:func:`privilege_statements` is re-runnable: a later migration that adds tables adds them here
and runs the statements again (GRANT and REVOKE of what is already so change nothing).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

# The group role of each role in coop (coop.members.models.Role values).
GROUPS: dict[str, str] = {
    "member": "coop_member",
    "secretary": "coop_secretary",
    "coordinator": "coop_coordinator",
    "trainer": "coop_trainer",
    "teller": "coop_teller",
}

ALL = "INSERT, UPDATE, DELETE"

# Tables only the owner writes (and, for voting codes, reads in full): no group writes them here.
OWNER_ONLY = ("member_logins", "alembic_version")

# The audit log: every group appends, nobody changes a row (a trigger refuses it even to the owner).
AUDIT = "audit_events"

# voting_codes: every column but the code's hash may be read; the secretary issues codes (INSERT,
# as issued: a trigger of the 0013 migration refuses any other status) and cancels them through
# coop_cancel_code; nobody updates a code or reads code_hash but the SECURITY DEFINER functions.
VOTING_CODES = "voting_codes"
VOTING_CODE_READABLE = ("id", "vote_id", "serial", "status", "cancel_reason", "replaces_serial")

# Ballots in the box (plain, and sealed while a vote is open): no login inserts, updates or deletes
# them directly. A ballot goes in through a SECURITY DEFINER function that checks the vote is open:
# coop_cast_with_code / coop_cast_sealed_with_code (with a code), coop_cast_in_person (the voter's
# participation and ballot together), coop_accept_paper_ballots (a batch the tellers agreed on);
# the close writes them back in random order through coop_rewrite_ballot_box, which checks that no
# ballot is added or dropped.
SECRET_BALLOTS = "secret_ballots"
SEALED_BALLOTS = "sealed_ballots"
WRITTEN_BY_FUNCTIONS_ONLY = (SECRET_BALLOTS, SEALED_BALLOTS)

# The serials of slips the tellers hold unused: entered (and a mistyped one withdrawn) by the
# secretary or a teller.
RETURNED_SLIPS = "returned_slips"

# Writes per group: table -> privileges. Tables not named here are read-only for the group.
WRITES: dict[str, dict[str, str]] = {
    "coop_secretary": {
        table: ALL
        for table in (
            # the register and the bylaws
            "cooperative",
            "members",
            "member_roles",
            "bylaws",
            # assemblies, their agenda, attendance, proxies, motions and objections
            "assemblies",
            "agenda_items",
            "attendance",
            "proxies",
            "motions",
            "objections",
            # votes and elections (a closed vote approves a plan: plans follow the motion)
            "votes",
            "vote_participation",
            "elections",
            "candidates",
            "election_lists",
            "election_list_members",
            "slip_recipients",
            "paper_batches",
            "paper_batch_entries",
            "plans",
            "training_plans",
            "master_plans",  # a closed vote chooses a master plan's scenario
            # skills and terms of office are recorded by the secretary
            "skills",
            "skill_prerequisites",
            "role_terms",
            # the returning officer's public keys
            "officer_keys",
        )
    }
    | {VOTING_CODES: "INSERT", RETURNED_SLIPS: "INSERT, DELETE"},
    "coop_coordinator": {
        table: ALL
        for table in (
            "plans",
            "plan_lines",
            "products",
            "bom_lines",
            "routings",
            "work_centres",
            "required_skills",
            "closures",
            "stock_levels",
            "finding_acknowledgements",
            # demand for the master production schedule
            "customer_orders",
            "demand_forecasts",
            "product_planning",
            # the training plan, proposed and edited with the trainers
            "training_plans",
            "training_plan_sessions",
            "training_plan_trainees",
            "training_plan_gaps",
            # master plans and their scenarios
            "master_plans",
            "master_scenarios",
        )
    }
    | {"motions": "INSERT"},  # a plan goes to the assembly as a motion
    "coop_trainer": {
        table: ALL
        for table in (
            "training_sessions",
            "training_attendance",
            "skill_assessments",
            "training_plans",
            "training_plan_sessions",
            "training_plan_trainees",
            "training_plan_gaps",
        )
    }
    | {"motions": "INSERT"},  # a training plan goes to the assembly as a motion
    "coop_teller": {table: ALL for table in ("paper_batches", "paper_batch_entries")}
    | {RETURNED_SLIPS: "INSERT, DELETE"},
    "coop_member": {},
}

# The body both casts with a code begin with: the vote must be open (its row held until commit, as
# coop.votes.codes.slips.hold_ballot_box holds it: a close waits), and the code issued, now used.
CLAIM_CODE = """
      SELECT status INTO vote_status FROM votes WHERE id = p_vote_id FOR KEY SHARE;
      IF vote_status IS NULL OR vote_status <> 'open' THEN
        RETURN 'closed';
      END IF;
      UPDATE voting_codes SET status = 'used'
       WHERE vote_id = p_vote_id AND code_hash = p_code_hash AND status = 'issued';
      IF NOT FOUND THEN
        RETURN 'refused';
      END IF;"""

# SECURITY DEFINER functions: run as the owner, with a fixed search_path so that a login cannot
# slip its own tables or operators in front of the owner's.
FUNCTIONS = (
    """
    CREATE OR REPLACE FUNCTION coop_hold_vote(p_vote_id integer, p_alone boolean) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      vote_status text;
    BEGIN
      -- The locks of coop.votes.codes.slips.hold_ballot_box, held until commit; taken here because
      -- a row lock needs UPDATE on the table, which no group has on votes but the secretary.
      IF p_alone THEN
        SELECT status INTO vote_status FROM votes WHERE id = p_vote_id FOR NO KEY UPDATE;
      ELSE
        SELECT status INTO vote_status FROM votes WHERE id = p_vote_id FOR KEY SHARE;
      END IF;
      RETURN vote_status;
    END
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION coop_code_status(p_vote_id integer, p_code_hash text)
    RETURNS TABLE (status text, cancel_reason text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT status::text, cancel_reason::text FROM voting_codes
       WHERE vote_id = p_vote_id AND code_hash = p_code_hash
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION coop_cast_with_code(
      p_vote_id integer, p_code_hash text, p_ballot_id text, p_choice text, p_ranking text
    ) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      vote_status text;
    BEGIN
      -- Held until commit, as coop.votes.codes.slips.hold_ballot_box holds it: a close waits."""
    + CLAIM_CODE
    + """
      INSERT INTO secret_ballots (id, vote_id, choice, ranking)
      VALUES (p_ballot_id, p_vote_id, p_choice, p_ranking);
      RETURN 'cast';
    END
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION coop_cast_sealed_with_code(
      p_vote_id integer, p_code_hash text, p_row_id text, p_sealed text
    ) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      vote_status text;
    BEGIN
      -- As coop_cast_with_code, for a vote whose ballots are sealed to the officer's key."""
    + CLAIM_CODE
    + """
      INSERT INTO sealed_ballots (id, vote_id, sealed) VALUES (p_row_id, p_vote_id, p_sealed);
      RETURN 'cast';
    END
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION coop_cast_in_person(
      p_vote_id integer, p_represented integer, p_cast_by integer, p_row_id text, p_sealed text,
      p_choice text, p_ranking text
    ) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      vote_status text;
      vote_method text;
      acting integer;
    BEGIN
      -- A member's own secret ballot, cast in person: who took part and the (sealed) ballot go in
      -- together, or neither. No login inserts into the ballot tables but through such functions.
      SELECT status, method INTO vote_status, vote_method FROM votes WHERE id = p_vote_id FOR KEY SHARE;
      IF vote_status IS NULL OR vote_status <> 'open' OR vote_method <> 'secret' THEN
        RETURN 'closed';
      END IF;
      -- A login mapped to a member casts as that member only (the owner, who runs coop on a
      -- single terminal, is mapped to no one).
      SELECT member_id INTO acting FROM member_logins WHERE login = session_user AND revoked_at IS NULL;
      IF acting IS NOT NULL AND acting <> p_cast_by THEN
        RETURN 'not_yours';
      END IF;
      BEGIN
        INSERT INTO vote_participation (vote_id, represented_member_id, cast_by_member_id, choice)
        VALUES (p_vote_id, p_represented, p_cast_by, NULL);
      EXCEPTION WHEN unique_violation THEN
        RETURN 'already';
      END;
      IF p_sealed IS NOT NULL THEN
        INSERT INTO sealed_ballots (id, vote_id, sealed) VALUES (p_row_id, p_vote_id, p_sealed);
      ELSE
        INSERT INTO secret_ballots (id, vote_id, choice, ranking)
        VALUES (p_row_id, p_vote_id, p_choice, p_ranking);
      END IF;
      RETURN 'cast';
    END
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION coop_accept_paper_ballots(
      p_vote_id integer, p_ids text[], p_ballots text[], p_ranked boolean, p_invalid text
    ) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      vote_status text;
    BEGIN
      -- The ballots of a paper batch the tellers agreed on, in the order of their random ids.
      SELECT status INTO vote_status FROM votes WHERE id = p_vote_id FOR KEY SHARE;
      IF vote_status IS NULL OR vote_status <> 'open' THEN
        RETURN 'closed';
      END IF;
      INSERT INTO secret_ballots (id, vote_id, choice, ranking)
      SELECT pile.id, p_vote_id,
             CASE WHEN NOT p_ranked AND pile.value <> p_invalid THEN pile.value END,
             CASE WHEN p_ranked AND pile.value <> p_invalid THEN pile.value END
        FROM unnest(p_ids, p_ballots) AS pile(id, value) ORDER BY pile.id;
      RETURN 'accepted';
    END
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION coop_rewrite_ballot_box(
      p_vote_id integer, p_ids text[], p_choices text[], p_rankings text[]
    ) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      vote_status text;
      sealed_key integer;
      sealed_rows integer;
      plain_rows integer;
      paper integer;
    BEGIN
      -- The close: every ballot of the vote, opened and shuffled by the officer's key holder,
      -- written back in the order given, as one batch of this transaction. Nothing may be added
      -- or dropped on the way: as many rows as the box held, and, for a sealed vote, its plain
      -- rows are the accepted paper ballots.
      SELECT status, officer_key_id INTO vote_status, sealed_key FROM votes WHERE id = p_vote_id
         FOR NO KEY UPDATE;
      IF vote_status IS NULL OR vote_status <> 'open' THEN
        RETURN 'closed';
      END IF;
      SELECT count(*) INTO sealed_rows FROM sealed_ballots WHERE vote_id = p_vote_id;
      SELECT count(*) INTO plain_rows FROM secret_ballots WHERE vote_id = p_vote_id;
      SELECT coalesce(sum(ballots), 0) INTO paper FROM paper_batches
       WHERE vote_id = p_vote_id AND status = 'accepted';
      IF coalesce(array_length(p_ids, 1), 0) <> sealed_rows + plain_rows
         OR coalesce(array_length(p_choices, 1), 0) <> coalesce(array_length(p_ids, 1), 0)
         OR coalesce(array_length(p_rankings, 1), 0) <> coalesce(array_length(p_ids, 1), 0)
         OR (sealed_key IS NOT NULL AND sealed_rows > 0 AND plain_rows <> paper) THEN
        RETURN 'miscounted';
      END IF;
      DELETE FROM sealed_ballots WHERE vote_id = p_vote_id;
      DELETE FROM secret_ballots WHERE vote_id = p_vote_id;
      INSERT INTO secret_ballots (id, vote_id, choice, ranking)
      SELECT box.id, p_vote_id, box.choice, box.ranking
        FROM unnest(p_ids, p_choices, p_rankings) WITH ORDINALITY AS box(id, choice, ranking, place)
       ORDER BY box.place;
      RETURN 'rewritten';
    END
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION coop_cancel_code(p_vote_id integer, p_serial integer, p_reason text)
    RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      vote_status text;
    BEGIN
      -- The one change a login may make to a code: issued -> cancelled (lost, or handed in for a
      -- paper ballot), while the vote is open. Only coop_cast_with_code marks a code used.
      IF p_reason IS NULL OR p_reason NOT IN ('lost', 'paper') THEN
        RAISE EXCEPTION 'a voting code is cancelled as lost or paper, not %', p_reason;
      END IF;
      SELECT status INTO vote_status FROM votes WHERE id = p_vote_id FOR KEY SHARE;
      IF vote_status IS NULL OR vote_status <> 'open' THEN
        RETURN 'closed';
      END IF;
      UPDATE voting_codes SET status = 'cancelled', cancel_reason = p_reason
       WHERE vote_id = p_vote_id AND serial = p_serial AND status = 'issued';
      IF NOT FOUND THEN
        RETURN 'refused';
      END IF;
      RETURN 'cancelled';
    END
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION coop_touch_codes(p_vote_id integer) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      -- At the close: every code of the vote written again in this one transaction, so that no
      -- code's xmin still tells when it was used. Changes no value.
      UPDATE voting_codes SET status = status WHERE vote_id = p_vote_id
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION coop_sync_login_groups(p_member_id integer) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DECLARE
      account record;
      grp record;
      wanted boolean;
    BEGIN
      -- Only logins recorded for this member are touched, and only coop's group roles.
      FOR account IN SELECT l.login, l.revoked_at IS NULL AND m.active AS live
                       FROM member_logins l JOIN members m ON m.id = l.member_id
                      WHERE l.member_id = p_member_id LOOP
        FOR grp IN SELECT * FROM (VALUES COOP_GROUPS) AS g(role, name) LOOP
          wanted := account.live AND EXISTS (
            SELECT 1 FROM member_roles WHERE member_id = p_member_id AND role = grp.role);
          IF wanted THEN
            EXECUTE format('GRANT %I TO %I', grp.name, account.login);
          ELSIF pg_has_role(account.login, grp.name, 'MEMBER') THEN
            EXECUTE format('REVOKE %I FROM %I', grp.name, account.login);
          END IF;
        END LOOP;
      END LOOP;
    END
    $$
    """.replace("COOP_GROUPS", ", ".join(f"('{role}', '{group}')" for role, group in GROUPS.items())),
    """
    CREATE OR REPLACE FUNCTION coop_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the audit log only grows: % on audit_events is refused', TG_OP;
    END
    $$
    """,
)

# Who may call each function (EXECUTE is taken from PUBLIC first).
FUNCTION_CALLERS = {
    "coop_hold_vote(integer, boolean)": tuple(GROUPS.values()),
    "coop_code_status(integer, text)": tuple(GROUPS.values()),
    "coop_cast_with_code(integer, text, text, text, text)": tuple(GROUPS.values()),
    "coop_cancel_code(integer, integer, text)": ("coop_secretary",),
    "coop_touch_codes(integer)": ("coop_secretary",),
    "coop_cast_sealed_with_code(integer, text, text, text)": tuple(GROUPS.values()),
    "coop_cast_in_person(integer, integer, integer, text, text, text, text)": tuple(GROUPS.values()),
    "coop_accept_paper_ballots(integer, text[], text[], boolean, text)": ("coop_secretary", "coop_teller"),
    "coop_rewrite_ballot_box(integer, text[], text[], text[])": ("coop_secretary",),
    "coop_sync_login_groups(integer)": ("coop_secretary",),
}


# What the upgrade says (coop.db.migrate turns it into a sentence) when the owner may not create them.
NO_CREATEROLE = "coop needs CREATEROLE"


def create_groups() -> Iterator[str]:
    """The group roles, created once per server (roles are shared by all its databases)."""
    for group in GROUPS.values():
        yield (
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') THEN "
            "IF NOT (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN "
            f"RAISE EXCEPTION '{NO_CREATEROLE}' USING ERRCODE = '42501'; END IF; "
            f"CREATE ROLE {group} NOLOGIN; END IF; END $$"
        )


def privilege_statements(tables: Iterable[str]) -> Iterator[str]:
    """Every GRANT and REVOKE that gives each group what it may do on ``tables`` (the schema's)."""
    groups = ", ".join(GROUPS.values())
    for table in sorted(tables):
        yield f"REVOKE ALL ON {table} FROM PUBLIC, {groups}"
        if table in OWNER_ONLY:  # read by every command (the schema's version, who is acting)
            yield f"GRANT SELECT ON {table} TO {groups}"
            continue
        if table == VOTING_CODES:
            yield f"GRANT SELECT ({', '.join(VOTING_CODE_READABLE)}) ON {table} TO {groups}"
        else:
            yield f"GRANT SELECT ON {table} TO {groups}"
        if table == AUDIT:
            yield f"GRANT INSERT ON {table} TO {groups}"
            continue
        for group, writes in WRITES.items():
            if table in writes:
                yield f"GRANT {writes[table]} ON {table} TO {group}"
    yield f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {groups}"
    yield from FUNCTIONS
    for signature, callers in FUNCTION_CALLERS.items():
        yield f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC"
        yield f"GRANT EXECUTE ON FUNCTION {signature} TO {', '.join(callers)}"
    yield "DROP TRIGGER IF EXISTS audit_events_only_grow ON audit_events"
    yield (
        "CREATE TRIGGER audit_events_only_grow BEFORE UPDATE OR DELETE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION coop_refuse_audit_change()"
    )
    yield "DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events"
    yield (
        "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
        "FOR EACH STATEMENT EXECUTE FUNCTION coop_refuse_audit_change()"
    )


def schema_tables(connection: object) -> list[str]:
    """The tables of the public schema, as the database has them now."""
    from sqlalchemy import inspect

    return list(inspect(connection).get_table_names())  # type: ignore[arg-type]
