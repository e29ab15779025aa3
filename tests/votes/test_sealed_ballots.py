"""Secret ballots sealed to the returning officer's key while the vote is open, opened at the close.

The rules: a secret vote opens only with a key in force, and names it; every ballot cast in person
or with a code is stored sealed, and nothing about its choice is stored in the clear while the
vote is open; the boxes of short and long ballots have one length; the close needs the key the
vote was sealed to (a missing key, another key or a wrong passphrase is refused with one sentence
and changes nothing); after the close the ballots are plain, counted as cast, and no sealed row
or byte of one remains.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from coop import db
from coop.assemblies import motion_votes
from coop.assemblies.models import Motion
from coop.errors import KeyFileError, VoteError
from coop.keys.material import FASTEST, key_file_text, new_key, seal
from coop.votes.ballot_box import ballots_in_box, reconcile
from coop.votes.models import (
    Choice,
    SealedBallot,
    SecretBallot,
    Vote,
    VoteMethod,
    VoteStatus,
)
from coop.votes.sealing import PAD_BLOCK, OpenedBallot, ballot_plaintext, read_plaintext
from tests.factories.context import member_actor
from tests.factories.keys import HOLDER, PASSPHRASE, TEST_KEY, key_input, key_options
from tests.factories.meetings import Meeting, open_meeting, secret_motion
from tests.factories.programs import Cli

VOTERS = (3, 4, 5, 6, 7)
CHOICES = (Choice.yes, Choice.no, Choice.yes, Choice.abstain, Choice.yes)


def _cast_in_person(meeting: Meeting, motion, voters=VOTERS, choices=CHOICES) -> None:  # type: ignore[no-untyped-def]
    for number, choice in zip(voters, choices, strict=True):
        meeting.ctx.acting_as(member_actor(meeting.session, number))(
            motion_votes.cast_motion_vote, motion=motion, choice=choice
        )


def _count(session: Session, model: type, vote_id: int) -> int:
    return session.scalar(select(func.count()).select_from(model).where(model.vote_id == vote_id)) or 0  # type: ignore[attr-defined]


def _audit_events(session: Session) -> int:
    return session.scalar(text("SELECT count(*) FROM audit_events")) or 0


# --- while open -----------------------------------------------------------------------------------


def test_a_secret_vote_names_the_key_in_force_and_stores_only_sealed_ballots(meeting: Meeting) -> None:
    secret = secret_motion(meeting)
    vote = secret.motion.vote
    assert vote is not None and vote.officer_key_id is not None
    _cast_in_person(meeting, secret.motion)
    session = meeting.session
    assert _count(session, SealedBallot, vote.id) == len(VOTERS)
    assert _count(session, SecretBallot, vote.id) == 0
    boxes = session.scalars(select(SealedBallot.sealed).where(SealedBallot.vote_id == vote.id)).all()
    opened = [read_plaintext(TEST_KEY.open_sealed(box)) for box in boxes]
    assert sorted(b.choice for b in opened) == sorted(c.value for c in CHOICES)
    # Each row's id is its own, not the ballot's (the tracker's) id.
    row_ids = set(session.scalars(select(SealedBallot.id).where(SealedBallot.vote_id == vote.id)))
    assert row_ids.isdisjoint({b.ballot_id for b in opened})
    # Counted while open: the ballots received, sealed or not.
    assert ballots_in_box(session, vote.id) == len(VOTERS)
    assert reconcile(session, vote).ballots == len(VOTERS)
    assert reconcile(session, vote).balanced


def test_a_secret_vote_does_not_open_without_a_key_in_force(meeting: Meeting) -> None:
    meeting.session.execute(text("UPDATE officer_keys SET retired_at = :t"), {"t": meeting.now})
    meeting.attend(*range(1, 31))
    motion = meeting.motion("Comprar un horno")
    with pytest.raises(VoteError, match=r"^A secret vote needs the returning officer's key.*") as refused:
        meeting.open_vote(motion, VoteMethod.secret)
    assert 'coop ballot key create --out junta-electoral.key --holder "Junta electoral"' in str(refused.value)
    meeting.open_vote(motion, VoteMethod.roll_call)  # other methods need no key


def test_a_short_and_a_long_ranking_seal_to_the_same_length() -> None:
    short = OpenedBallot(1, "a" * 32, None, json.dumps(["Ana"]))
    long = OpenedBallot(
        1, "b" * 32, None, json.dumps(["Ana Núñez", "Zofia Łukasiewicz", "Socio 3", "Socio 4", "Socio 5"])
    )
    yes_no = OpenedBallot(1, "c" * 32, "abstain", None)
    sizes = {len(seal(TEST_KEY.public_key, ballot_plaintext(b))) for b in (short, long, yes_no)}
    assert len(sizes) == 1
    assert len(ballot_plaintext(short)) == PAD_BLOCK
    # A ranking longer than a block is not refused: it takes the next one.
    huge = OpenedBallot(1, "d" * 32, None, json.dumps([f"Candidata {n:04d}" for n in range(400)]))
    assert len(ballot_plaintext(huge)) % PAD_BLOCK == 0 and read_plaintext(ballot_plaintext(huge)) == huge


def test_read_plaintext_refuses_what_is_not_a_padded_ballot() -> None:
    good = ballot_plaintext(OpenedBallot(2, "e" * 32, "yes", None))
    assert read_plaintext(good).choice == "yes"
    for bad in (good[:-1], good[:-1] + b"x", b"", good.replace(b'"yes"', b'"maybe"'.ljust(5)[:5])):
        with pytest.raises(ValueError):
            read_plaintext(bad)


# --- the close ----------------------------------------------------------------------------------


def test_the_close_opens_the_ballots_counts_them_and_leaves_no_sealed_row(meeting: Meeting) -> None:
    secret = secret_motion(meeting)
    _cast_in_person(meeting, secret.motion)
    decision = meeting.close_vote(secret.motion)
    vote = secret.motion.vote
    assert vote is not None and vote.status is VoteStatus.closed
    assert decision.adopted is not None
    assert (vote.yes_count, vote.no_count, vote.abstain_count) == (3, 1, 1)
    assert _count(meeting.session, SealedBallot, vote.id) == 0
    assert _count(meeting.session, SecretBallot, vote.id) == len(VOTERS)


@pytest.mark.parametrize("key", ["missing", "another"])
def test_a_close_without_the_vote_s_key_is_refused_and_changes_nothing(meeting: Meeting, key: str) -> None:
    secret = secret_motion(meeting)
    _cast_in_person(meeting, secret.motion)
    vote = secret.motion.vote
    assert vote is not None
    session = meeting.session
    session.flush()
    before = (
        _count(session, SealedBallot, vote.id),
        _count(session, SecretBallot, vote.id),
        _audit_events(session),
    )
    given = None if key == "missing" else new_key()
    # A command's transaction (here a savepoint): the refusal rolls back whatever it began.
    with pytest.raises((VoteError, KeyFileError)) as refused, session.begin_nested():
        meeting.ctx(motion_votes.close_motion_vote, motion=secret.motion, officer_key=given)
    message = str(refused.value)
    if key == "missing":
        assert message == (
            f"Vote {vote.id}'s ballots are sealed to key {TEST_KEY.fingerprint} of {HOLDER}: "
            "close it with --key FILE."
        )
    else:
        assert f"not key {TEST_KEY.fingerprint} of {HOLDER} that vote {vote.id} was sealed to" in message
    session.expire_all()
    assert session.get(Vote, vote.id).status is VoteStatus.open  # type: ignore[union-attr]
    after = (
        _count(session, SealedBallot, vote.id),
        _count(session, SecretBallot, vote.id),
        _audit_events(session),
    )
    assert after == before


def test_a_sealed_ballot_moved_from_another_vote_stops_the_close(meeting: Meeting) -> None:
    secret = secret_motion(meeting)
    _cast_in_person(meeting, secret.motion)
    vote = secret.motion.vote
    assert vote is not None
    stranger = ballot_plaintext(OpenedBallot(vote.id + 100, "f" * 32, "yes", None))
    meeting.session.add(SealedBallot(vote_id=vote.id, sealed=seal(TEST_KEY.public_key, stranger)))
    meeting.session.flush()
    with pytest.raises(VoteError, match="does not open to a ballot of this vote"):
        meeting.close_vote(secret.motion)


# --- on the command line, with the file ---------------------------------------------------------------


def _committed_vote(engine: Engine, now: datetime) -> tuple[int, int]:
    """A secret motion with five ballots cast in person, committed: (motion id, vote id)."""
    with db.session_scope(engine) as session:
        meeting = open_meeting(session, now)
        secret = secret_motion(meeting)
        _cast_in_person(meeting, secret.motion)
        assert secret.motion.vote_id is not None
        return secret.motion.id, secret.motion.vote_id


def test_the_close_on_the_command_line_needs_the_key_file_and_its_passphrase(
    db_url: str, now: datetime, tmp_path: Path
) -> None:
    engine = db.engine_for(db_url)
    motion, vote_id = _committed_vote(engine, now)
    cli = Cli(db_url)
    close = ("motion", "close", str(motion))

    def sealed_rows() -> int:
        with db.session_scope(engine) as session:
            return _count(session, SealedBallot, vote_id)

    missing = cli(*close, actor="0001")
    assert missing.exit_code == 1
    assert "close it with --key FILE" in missing.stderr and "Traceback" not in missing.output
    wrong = cli(*close, *key_options(), actor="0001", input="no es la frase\n")
    assert wrong.exit_code == 1
    assert wrong.stderr.strip().endswith("type it again.") and wrong.stderr.count("\n") == 1
    other = tmp_path / "otra.key"
    other.write_text(
        key_file_text(new_key(), PASSPHRASE, holder="Otra junta", strength=FASTEST), encoding="utf-8"
    )
    foreign = cli(*close, "--key", str(other), "--passphrase-stdin", actor="0001", input=key_input())
    assert foreign.exit_code == 1 and TEST_KEY.fingerprint in foreign.stderr
    assert sealed_rows() == len(VOTERS)

    closed = cli(*close, *key_options(), actor="0001", input=key_input())
    assert closed.exit_code == 0, closed.output + closed.stderr
    assert sealed_rows() == 0


def test_after_the_close_the_file_holds_no_byte_of_a_sealed_ballot(sqlite_url: str, now: datetime) -> None:
    engine = db.engine_for(sqlite_url)
    motion, vote_id = _committed_vote(engine, now)
    with db.session_scope(engine) as session:
        boxes = session.scalars(select(SealedBallot.sealed).where(SealedBallot.vote_id == vote_id)).all()
    engine.dispose()
    path = db.sqlite_path(sqlite_url)
    assert path is not None
    # The attacker's probes: a stretch of each box's base64 text, and of its raw bytes.
    probes = [box[40:100].encode() for box in boxes] + [base64.b64decode(box)[40:80] for box in boxes]
    assert all(probe in path.read_bytes() for probe in probes[: len(boxes)])  # they are there while open

    with db.session_scope(engine) as session:
        meeting_motion = session.get(Motion, motion)
        assert meeting_motion is not None
        motion_votes.close_motion_vote(
            session, actor=member_actor(session, 1), now=now, motion=meeting_motion, officer_key=TEST_KEY
        )
    engine.dispose()
    files = [path, *path.parent.glob(path.name + "-*")]  # the WAL, if any remained
    raw = b"".join(f.read_bytes() for f in files)
    assert not any(probe in raw for probe in probes)
