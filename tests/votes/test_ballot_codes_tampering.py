"""A hostile database operator edits, deletes or slips in a ballot after the close: the triggers
are bypassed first, and ``coop audit verify`` still names the vote."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from coop import db
from tests.factories.meetings import closed_secret_vote
from tests.factories.programs import Cli
from tests.factories.tampering import hostile


def _closed_vote(engine: Engine, now: datetime) -> int:
    return closed_secret_vote(engine, now, ["yes", "yes", "no"] * 5)


def _verify(db_url: str) -> tuple[int, str]:
    result = Cli(db_url)("audit", "verify")
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (
            "UPDATE secret_ballots SET choice = 'yes' WHERE id = "
            "(SELECT min(id) FROM secret_ballots WHERE vote_id = :v AND choice = 'no')",
            "a ballot was edited or replaced after the close",
        ),
        (
            "DELETE FROM secret_ballots WHERE id = (SELECT min(id) FROM secret_ballots WHERE vote_id = :v)",
            "1 ballot was deleted after the close (14 now, 15 when frozen)",
        ),
        (
            "INSERT INTO secret_ballots (id, vote_id, choice) VALUES ('5f0c4e2a9b7d41c3a6e8', :v, 'yes')",
            "1 ballot was added after the close (16 now, 15 when frozen)",
        ),
        (
            "DELETE FROM slip_recipients WHERE id = (SELECT min(id) FROM slip_recipients WHERE vote_id = :v)",
            "the list of who received a slip or took part changed after the close",
        ),
        (
            "UPDATE voting_codes SET status = 'used' WHERE id = "
            "(SELECT min(id) FROM voting_codes WHERE vote_id = :v AND status = 'issued')",
            "its voting codes changed after the close",
        ),
    ],
    ids=["edit", "delete", "add", "voter-list", "codes"],
)
def test_tampering_detected_by_audit_verify_naming_the_vote(
    db_url: str, now: datetime, statement: str, expected: str
) -> None:
    engine = db.engine_for(db_url)
    vote_id = _closed_vote(engine, now)
    code, output = _verify(db_url)
    assert code == 0 and "The audit chain is intact" in output
    with hostile(engine) as connection:
        assert connection.execute(text(statement), {"v": vote_id}).rowcount == 1
    code, output = _verify(db_url)
    assert code == 1
    assert f"vote {vote_id} (Motion 1 (Comprar un horno)): {expected}" in output
    assert output.startswith("Error: The audit chain is intact") and output.count("\n") == 1


def test_replacing_a_ballot_keeps_every_count_but_not_the_digest(db_url: str, now: datetime) -> None:
    """A ballot given another id (as a replaced ballot would be) changes no count: the digest tells."""
    engine = db.engine_for(db_url)
    vote_id = _closed_vote(engine, now)
    with hostile(engine) as connection:
        connection.execute(
            text(
                "UPDATE secret_ballots SET id = '00' || substr(id, 3) WHERE id = "
                "(SELECT max(id) FROM secret_ballots WHERE vote_id = :v)"
            ),
            {"v": vote_id},
        )
    code, output = _verify(db_url)
    assert code == 1 and "a ballot was edited or replaced after the close" in output
