"""Ranked-choice elections in the database: validation, one ballot per member, the count, recounts."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from coop.assemblies import elections
from coop.errors import VoteError
from coop.members.actors import Actor, find_member
from coop.votes.ballot_files.ballots_csv import read_ballots_csv
from coop.votes.ballot_files.blt import read_blt, rules_for_blt
from coop.votes.models import SealedBallot, SecretBallot, VoteParticipation
from coop.votes.tally.count import tabulate
from tests.factories.keys import TEST_KEY
from tests.factories.meetings import Meeting


def _voter(meeting: Meeting, number: int) -> Actor:
    return Actor(find_member(meeting.session, f"{number:04d}"))


def _council(meeting: Meeting, seats: int = 2, rules: str = "stv-droop", assembly: bool = False):  # type: ignore[no-untyped-def]
    election = meeting.ctx(
        elections.create_election,
        title="Consejo 2027",
        seats=seats,
        rules=rules,
        candidates=["0003", "0004", "0005", "0006"],
        assembly=str(meeting.assembly.id) if assembly else None,
    )
    meeting.ctx(elections.open_election, election=election)
    return election


def _cast(meeting: Meeting, election, number: int, *ranking: str) -> None:  # type: ignore[no-untyped-def]
    elections.cast_election_ballot(
        meeting.session,
        actor=_voter(meeting, number),
        now=meeting.now,
        election=election,
        ranking=list(ranking),
    )


def test_ballot_validated_before_anything_is_stored(meeting: Meeting) -> None:
    election = _council(meeting)
    with pytest.raises(VoteError, match="'Nadie' is not a candidate in this election; the candidates are"):
        _cast(meeting, election, 10, "Socio 0003", "Nadie")
    with pytest.raises(VoteError, match="Socio 0003 is ranked twice"):
        _cast(meeting, election, 10, "Socio 0003", "0004", "socio 0003")
    assert meeting.session.scalar(select(func.count()).select_from(SealedBallot)) == 0
    assert meeting.session.scalar(select(func.count()).select_from(SecretBallot)) == 0
    assert meeting.session.scalar(select(func.count()).select_from(VoteParticipation)) == 0
    _cast(meeting, election, 10, "#0004", "Socio 0003")
    with pytest.raises(VoteError, match="has already voted"):
        _cast(meeting, election, 10, "Socio 0005")
    # One ballot in the box, sealed to the returning officer's key until the close.
    assert meeting.session.scalar(select(func.count()).select_from(SealedBallot)) == 1


def test_count_matches_the_pure_tabulator_and_is_fixed(meeting: Meeting) -> None:
    election = _council(meeting, seats=2)
    patterns = [("0003", "0004"), ("0003", "0005"), ("0004", "0003"), ("0005", "0006"), ("0006", "0005")]
    for number in range(1, 41):
        _cast(meeting, election, number, *patterns[number % len(patterns)])
    result = meeting.ctx(elections.close_election, election=election, officer_key=TEST_KEY)
    assert result["total_ballots"] == "40" and len(result["winners"]) == 2
    assert elections.official_result(election) == result
    expected = tabulate(
        [b for b in elections.recount_ballots(meeting.session, election)], elections.count_rules_of(election)
    )
    assert list(expected.winners) == result["winners"]
    with pytest.raises(VoteError, match="not open"):
        _cast(meeting, election, 41, "0003")
    election.result_json = (election.result_json or "").replace('"40"', '"41"')
    with pytest.raises(VoteError, match="does not match its hash"):
        elections.official_result(election)


def test_recount_export_blt_and_csv_give_the_same_result(meeting: Meeting, tmp_path: Path) -> None:
    from coop.votes.ballot_files.ballots_csv import write_ballots_csv
    from coop.votes.ballot_files.blt import write_blt

    election = _council(meeting, seats=2)
    for number in range(1, 31):
        _cast(meeting, election, number, *(["0003", "0004", "0005"] if number % 3 else ["0006", "0005"]))
    official = meeting.ctx(elections.close_election, election=election, officer_key=TEST_KEY)
    rules = elections.count_rules_of(election)
    ballots = elections.recount_ballots(meeting.session, election)
    write_blt(tmp_path / "c.blt", ballots, rules)
    write_ballots_csv(tmp_path / "c.csv", ballots, rules)
    from_blt = read_blt(tmp_path / "c.blt")
    assert (
        list(tabulate(from_blt.ballots.ballots, rules_for_blt(from_blt, rules)).winners)
        == official["winners"]
    )
    from_csv = read_ballots_csv(tmp_path / "c.csv", rules)
    assert list(tabulate(from_csv.ballots, rules).winners) == official["winners"]


def test_irv_preset_is_one_seat_and_rules_are_named(meeting: Meeting) -> None:
    with pytest.raises(VoteError, match="irv rules elect one person"):
        _council(meeting, seats=2, rules="irv")
    election = _council(meeting, seats=1, rules="irv")
    rules = json.loads(election.rules_json)
    assert rules["threshold"] == {"name": "majority"} and rules["overvote"] == "skip_to_next_rank"
    assert rules["tiebreak"]["mode"] == "previous_rounds_then_random" and isinstance(
        rules["tiebreak"]["seed"], int
    )


def test_election_at_an_assembly_needs_presence(meeting: Meeting) -> None:
    meeting.attend(*range(1, 31))
    election = _council(meeting, assembly=True)
    _cast(meeting, election, 5, "0003")
    with pytest.raises(VoteError, match="not recorded as present"):
        _cast(meeting, election, 40, "0003")


def test_secret_ballot_table_has_no_path_to_members(engine) -> None:  # type: ignore[no-untyped-def]
    inspector = inspect(engine)
    columns = {c["name"] for c in inspector.get_columns("secret_ballots")}
    assert columns == {"id", "vote_id", "choice", "ranking"}
    referred = {fk["referred_table"] for fk in inspector.get_foreign_keys("secret_ballots")}
    assert referred == {"votes"}


@pytest.mark.parametrize(
    ("seats", "rules", "candidates", "message"),
    [
        pytest.param(3, "stv-droop", ["0003", "0004"], "2 candidates cannot fill 3 seats", id="too_few"),
        pytest.param(1, "irv", ["0003", "#0003"], "listed twice", id="listed_twice"),
    ],
)
def test_candidates_must_be_enough_and_distinct(
    meeting: Meeting, seats: int, rules: str, candidates: list[str], message: str
) -> None:
    with pytest.raises(VoteError, match=message):
        meeting.ctx(elections.create_election, title="X", seats=seats, rules=rules, candidates=candidates)


def test_nobody_counts_an_empty_election(meeting: Meeting, now: datetime) -> None:
    election = _council(meeting)
    with pytest.raises(VoteError, match="No ballots were cast"):
        meeting.ctx.at(now)(elections.close_election, election=election, officer_key=TEST_KEY)


def test_closed_election_prints_in_the_assembly_minutes(meeting: Meeting) -> None:
    from coop.assemblies.minutes import build_minutes

    meeting.attend(*range(1, 31))
    election = _council(meeting, seats=1, rules="irv", assembly=True)
    for number in range(1, 21):
        _cast(meeting, election, number, "0003" if number % 2 else "0004", "0005")
    meeting.ctx(elections.close_election, election=election, officer_key=TEST_KEY)
    minutes = build_minutes(meeting.session, meeting.assembly)
    assert len(minutes.elections) == 1
    section = minutes.elections[0]
    assert (section.title, section.seats, section.ballots) == ("Consejo 2027", 1, 20)
    assert section.method.startswith("instant-runoff")


def test_the_log_says_a_ballot_went_in_never_whose(meeting: Meeting) -> None:
    """An election ballot is secret: its audit row names no voter, as the actor or in the data."""
    from coop.audit import AuditEvent

    election = _council(meeting)
    for number in (10, 11, 12):
        _cast(meeting, election, number, "Socio 0003")
    rows = meeting.session.execute(
        select(AuditEvent.actor, AuditEvent.data).where(AuditEvent.action == "coop.election.ballot_cast")
    ).all()
    assert len(rows) == 3
    assert {actor for actor, _data in rows} == {"(secret ballot)"}
    assert {json.loads(data)["election_id"] for _actor, data in rows} == {election.id}
    assert all("member" not in data for _actor, data in rows)
