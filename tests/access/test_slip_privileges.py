"""On a shared PostgreSQL database nothing but ``coop_cast_with_code`` marks a voting code used:
the secretary's login cannot do it by SQL (no UPDATE on voting_codes, no code inserted as used,
the cancelling function only cancels), while cancelling a slip and entering returned slips work
through coop for her login and a teller's."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from coop import db
from coop.assemblies import ballots
from tests.access.conftest import Shared, open_secret_vote
from tests.factories.context import FIXED_NOW


def _refused(shared: Shared, number: str, statement: str) -> str:
    with pytest.raises(DBAPIError) as refusal, shared.engine(number).begin() as connection:
        connection.execute(text(statement))
    return str(refusal.value.orig)


def _vote_id(shared: Shared, motion_id: int) -> int:
    with db.engine_for(shared.owner_url).connect() as connection:
        return int(
            connection.execute(text(f"SELECT vote_id FROM motions WHERE id = {motion_id}")).scalar_one()
        )


def _statuses(shared: Shared, vote_id: int) -> dict[int, str]:
    with db.engine_for(shared.owner_url).connect() as connection:
        rows = connection.execute(text(f"SELECT serial, status FROM voting_codes WHERE vote_id = {vote_id}"))
        return {serial: status for serial, status in rows}


def test_the_secretarys_login_cannot_mark_a_code_used_by_sql(shared: Shared) -> None:
    motion_id, _codes = open_secret_vote(shared.url("0001"))
    vote_id = _vote_id(shared, motion_id)
    before = _statuses(shared, vote_id)
    update = f"UPDATE voting_codes SET status = 'used' WHERE vote_id = {vote_id} AND serial = 5"
    assert "permission denied for table voting_codes" in _refused(shared, "0001", update)
    insert = (
        "INSERT INTO voting_codes (vote_id, serial, code_hash, status) "
        f"VALUES ({vote_id}, 999, repeat('a', 64), 'used')"
    )
    assert "a voting code is inserted as issued" in _refused(shared, "0001", insert)
    cancel_as_used = f"SELECT coop_cancel_code({vote_id}, 5, 'used')"
    assert "a voting code is cancelled as lost or paper, not used" in _refused(shared, "0001", cancel_as_used)
    # A plain member may not even cancel.
    cancel = f"SELECT coop_cancel_code({vote_id}, 5, 'lost')"
    assert "permission denied for function coop_cancel_code" in _refused(shared, "0003", cancel)
    assert _statuses(shared, vote_id) == before and set(before.values()) == {"issued"}


def test_cancelling_goes_only_from_issued_to_cancelled(shared: Shared) -> None:
    motion_id, codes = open_secret_vote(shared.url("0001"))
    vote_id = _vote_id(shared, motion_id)
    with db.session_scope(db.engine_for(shared.url("0003"))) as session:
        target = ballots.find_ballot_vote(session, f"motion:{motion_id}")
        ballots.cast_with_code(session, now=FIXED_NOW, target=target, code=codes[0], choices=["yes"])
    with shared.engine("0001").begin() as connection:
        # The function refuses a used code (slip 1) and cancels an issued one (slip 2) only.
        assert (
            connection.execute(text(f"SELECT coop_cancel_code({vote_id}, 1, 'lost')")).scalar() == "refused"
        )
        assert (
            connection.execute(text(f"SELECT coop_cancel_code({vote_id}, 2, 'paper')")).scalar()
            == "cancelled"
        )
    assert _statuses(shared, vote_id)[1] == "used" and _statuses(shared, vote_id)[2] == "cancelled"


def test_cancel_and_return_work_through_coop_for_the_secretary_and_a_teller(shared: Shared) -> None:
    motion_id, codes = open_secret_vote(shared.url("0001"))
    vote_id = _vote_id(shared, motion_id)
    secretary = shared.cli("0001")
    used_as_paper = secretary("ballot", "cancel", str(motion_id), "3", "--paper")
    assert used_as_paper.exit_code == 0, used_as_paper.stderr
    lost = secretary("ballot", "cancel", str(motion_id), "4")
    assert lost.exit_code == 0, lost.stderr
    twice = secretary("ballot", "cancel", str(motion_id), "4")
    assert twice.exit_code == 1 and f"Slip 4 of vote {vote_id} is already cancelled." in twice.stderr
    assert secretary("member", "role", "grant", "0011", "teller").exit_code == 0
    shared.grant("0011")
    by_teller = shared.cli("0011")("ballot", "returned", str(motion_id), f"5-{len(codes)}")
    assert by_teller.exit_code == 0, by_teller.stderr
    by_secretary = secretary("ballot", "returned", str(motion_id), "1", "2")
    assert by_secretary.exit_code == 0, by_secretary.stderr
    assert f"All {len(codes)} slips printed are accounted for" in by_secretary.stdout
    # A plain member's login may not enter returned slips, in coop's words or the database's.
    refused = shared.cli("0003")("ballot", "returned", str(motion_id), "1", "--withdraw")
    assert refused.exit_code == 1 and "needs the secretary role" in refused.stderr
    assert "permission denied for table returned_slips" in _refused(
        shared,
        "0003",
        f"INSERT INTO returned_slips (vote_id, serial, entered_at) VALUES ({vote_id}, 1, now())",
    )
    statuses = _statuses(shared, vote_id)
    assert (statuses[3], statuses[4]) == ("cancelled", "cancelled")
    assert secretary("motion", "close", str(motion_id), "--confirm-empty").exit_code == 0
