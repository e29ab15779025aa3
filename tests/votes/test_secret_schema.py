"""Nothing in the schema joins a secret ballot to a member, and the database itself refuses to
change the ballot box of a closed vote."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from coop import db
from coop.assemblies import ballots
from coop.assemblies.common import find_motion
from coop.assemblies.motion_votes import close_motion_vote
from coop.members.actors import resolve_actor
from coop.models import metadata
from tests.factories.keys import TEST_KEY
from tests.factories.meetings import closed_secret_vote, open_meeting, secret_motion

SECRET_TABLES = ("secret_ballots", "voting_codes")
# Words a column would carry if it could lead back to a person or to a moment.
TELLING = re.compile(r"member|voter|person|user|name|time|date|_at$|_on$|ip|terminal|session|serial|code")


def _foreign_keys(engine: Engine, table: str) -> list[dict]:
    return inspect(engine).get_foreign_keys(table)


def test_secret_ballot_table_holds_only_id_vote_and_content() -> None:
    table = metadata.tables["secret_ballots"]
    assert {c.name for c in table.columns} == {"id", "vote_id", "choice", "ranking"}
    assert {fk.column.table.name for fk in table.foreign_keys} == {"votes"}
    assert [c.name for c in table.primary_key.columns] == ["id"]
    assert all(not TELLING.search(c.name) for c in table.columns if c.name != "id")
    for index in table.indexes:
        assert {c.name for c in index.columns} <= {"id", "vote_id"}


def test_voting_codes_name_no_one_and_recipients_hold_no_code() -> None:
    codes = metadata.tables["voting_codes"]
    assert not any("member" in c.name for c in codes.columns)
    assert {fk.column.table.name for fk in codes.foreign_keys} == {"votes"}
    recipients = metadata.tables["slip_recipients"]
    assert not any(re.search("serial|code|hash|ballot", c.name) for c in recipients.columns)
    assert {fk.column.table.name for fk in recipients.foreign_keys} == {"votes", "members"}


def test_no_table_points_at_a_ballot_or_a_code() -> None:
    for table in metadata.tables.values():
        for fk in table.foreign_keys:
            assert fk.column.table.name not in SECRET_TABLES, f"{table.name}.{fk.parent.name}"


def test_live_schema_has_no_path_from_a_ballot_to_a_member(db_url: str) -> None:
    engine = db.engine_for(db_url)
    inspector = inspect(engine)
    for table in SECRET_TABLES:
        assert {fk["referred_table"] for fk in _foreign_keys(engine, table)} == {"votes"}
        for index in inspector.get_indexes(table):
            assert set(index["column_names"]) <= {"id", "vote_id", "serial", "code_hash"}
    for table in inspector.get_table_names():
        for fk in _foreign_keys(engine, table):
            assert fk["referred_table"] not in SECRET_TABLES, table
    assert {c["name"] for c in inspector.get_columns("secret_ballots")} == {
        "id",
        "vote_id",
        "choice",
        "ranking",
    }
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            sql = connection.execute(
                text("SELECT sql FROM sqlite_master WHERE name = 'secret_ballots'")
            ).scalar_one()
        assert "WITHOUT ROWID" in sql.upper()


def test_ballot_ids_are_random_and_say_nothing_of_the_order_of_casting(db_url: str, now: datetime) -> None:
    engine = db.engine_for(db_url)
    with db.session_scope(engine) as session:
        vote = secret_motion(open_meeting(session, now, size=260), present=range(1, 251))
        slips = vote.issue().slips
        for slip in slips:
            vote.cast(slip.code, "yes")
        vote_id = vote.motion.vote_id
    with engine.connect() as connection:
        # While open each ballot is sealed under a row id of its own; the ballot's id is inside.
        stored = connection.execute(
            text("SELECT id FROM sealed_ballots WHERE vote_id = :v"), {"v": vote_id}
        ).scalars()
        ids = list(stored)
    assert len(ids) == len(set(ids)) == 250
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    # 128 random bits each: the top bits are spread, not counting up.
    top = sorted(int(i[:2], 16) for i in ids)
    assert top[0] < 40 and top[-1] > 215


def _closed_vote(engine: Engine, now: datetime) -> int:
    return closed_secret_vote(engine, now, ["yes", "no", "abstain"] * 4)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE secret_ballots SET choice = 'yes' WHERE vote_id = :v",
        "DELETE FROM secret_ballots WHERE vote_id = :v",
        "INSERT INTO secret_ballots (id, vote_id, choice) VALUES ('0123456789abcdef', :v, 'yes')",
        "UPDATE voting_codes SET status = 'issued' WHERE vote_id = :v",
        "DELETE FROM voting_codes WHERE vote_id = :v",
        "DELETE FROM slip_recipients WHERE vote_id = :v",
        "UPDATE votes SET status = 'open' WHERE id = :v",
        "DELETE FROM votes WHERE id = :v",
    ],
)
def test_database_refuses_to_change_a_closed_ballot_box(db_url: str, now: datetime, statement: str) -> None:
    engine = db.engine_for(db_url)
    vote_id = _closed_vote(engine, now)
    with pytest.raises(DBAPIError, match="closed vote"), engine.begin() as connection:
        connection.execute(text(statement), {"v": vote_id})


def test_postgres_close_rewrites_ballots_in_random_id_order(postgres_url: str, now: datetime) -> None:
    engine = db.engine_for(postgres_url)
    with db.session_scope(engine) as session:
        vote = secret_motion(open_meeting(session, now))
        vote_id = vote.motion.vote_id
        slips = vote.issue().slips
    for slip in slips[:25]:  # one transaction per ballot, as at the terminals
        with db.session_scope(engine) as session:
            target = ballots.find_ballot_vote(session, str(vote_id))
            ballots.cast_with_code(session, now=now, target=target, code=slip.code, choices=["yes"])
    with engine.connect() as connection:
        before = connection.execute(
            text("SELECT xmin::text::bigint FROM sealed_ballots WHERE vote_id = :v"), {"v": vote_id}
        ).scalars()
        assert len(set(before)) == 25  # each (sealed) ballot carries the transaction that cast it...
    with db.session_scope(engine) as session:
        target = ballots.find_ballot_vote(session, str(vote_id))
        ballots.return_slips(  # the tellers hold the slips nobody voted with
            session,
            actor=resolve_actor(session, "0001"),
            now=now,
            target=target,
            serials=[str(slip.serial) for slip in slips[25:]],
        )
    with db.session_scope(engine) as session:
        close_motion_vote(
            session,
            actor=resolve_actor(session, "0001"),
            now=now,
            motion=find_motion(session, str(vote.motion.id)),
            confirm_empty=True,  # not every slip was used
            officer_key=TEST_KEY,
        )
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, xmin::text::bigint AS tx FROM secret_ballots WHERE vote_id = :v ORDER BY ctid"),
            {"v": vote_id},
        ).all()
        codes = connection.execute(
            text("SELECT DISTINCT xmin::text::bigint FROM voting_codes WHERE vote_id = :v"), {"v": vote_id}
        ).scalars()
        code_transactions = set(codes)
    assert len({tx for _id, tx in rows}) == 1  # ...until the close writes them all again at once
    assert len(rows) == 25  # ...in an order drawn at random (tests/votes/test_link_attacks.py)
    assert code_transactions == {rows[0].tx}
