"""Everything that decided a closed vote is in the audit chain: an attacker who edits, with plain SQL
and past the triggers, a roll-call vote, a vote's totals, decision or rule, the tellers' count of a
show of hands, a motion's status or final text, or an election's result, is named by
``coop audit verify``; corrections that coop records are not; votes closed before the record
existed raise no alarm."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from coop import db
from coop.assemblies import corrections, elections, meetings, motion_votes, objections
from coop.assemblies.models import Assembly, Motion, MotionStatus
from coop.audit import AuditEvent, record_change, verify_chain
from coop.members.actors import Actor
from coop.votes.closing_record import CLOSING_ACTION, changes, vote_differences
from coop.votes.models import Choice, Election, VoteMethod
from tests.factories.context import Context, member_actor
from tests.factories.keys import TEST_KEY
from tests.factories.meetings import Meeting, SecretMotion, open_meeting
from tests.factories.programs import Cli
from tests.factories.tampering import hostile


@dataclass(frozen=True)
class Closed:
    """The ids of an assembly's closed votes, one of each kind, and of a closed election."""

    roll_call: int  # motion "Comprar un horno": 12 yes, 6 no, 2 abstain; adopted
    hands: int  # motion "Pintar el taller": tellers' count 20 / 5 / 5; adopted
    consent: int  # motion "Horario de verano": one objection, resolved; adopted
    secret: int  # motion "Reforma del estatuto": 15 secret ballots, 10 yes; adopted
    amendment: int  # amendment "Horno eléctrico" to "Horno nuevo", adopted
    main: int  # motion "Horno nuevo", adopted with the amended text
    election: int  # "Consejo 2027", 2 seats, 12 ballots
    assembly: int

    def vote_of(self, session: Session, motion_id: int) -> int:
        vote_id = session.scalar(select(Motion.vote_id).where(Motion.id == motion_id))
        assert vote_id is not None
        return vote_id


def _every_kind_of_close(meeting: Meeting) -> Closed:
    meeting.attend(*range(1, 31))
    roll_call = meeting.motion("Comprar un horno")
    meeting.open_vote(roll_call)
    meeting.vote(roll_call, range(1, 13), Choice.yes)
    meeting.vote(roll_call, range(13, 19), Choice.no)
    meeting.vote(roll_call, range(19, 21), Choice.abstain)
    assert meeting.close_vote(roll_call).adopted

    hands = meeting.motion("Pintar el taller")
    meeting.open_vote(hands, VoteMethod.show_of_hands)
    meeting.ctx(motion_votes.enter_hand_count, motion=hands, yes=20, no=5, abstain=5, tellers="Socio 0007")
    assert meeting.close_vote(hands).adopted

    consent = meeting.motion("Horario de verano", kind="consent", second=None)
    meeting.open_vote(consent, None)
    objection = meeting.ctx(
        objections.raise_objection, motion=consent, reason="El turno noche no fue consultado", member="0012"
    )
    meeting.ctx(objections.resolve_objection, objection_id=objection.id, resolution="Se consultó en el acto")
    assert meeting.close_vote(consent).adopted

    secret = meeting.motion("Reforma del estatuto")
    meeting.open_vote(secret, VoteMethod.secret)
    box = SecretMotion(meeting, secret)
    for slip, choice in zip(box.issue().slips, ["yes", "yes", "no"] * 5, strict=False):
        box.cast(slip.code, choice)
    assert box.close().adopted

    main = meeting.motion("Horno nuevo")
    amendment = meeting.amend(main)
    meeting.open_vote(amendment)
    meeting.vote(amendment, range(1, 20), Choice.yes)
    assert meeting.close_vote(amendment).adopted
    meeting.open_vote(main)
    meeting.vote(main, range(1, 25), Choice.yes)
    assert meeting.close_vote(main).adopted

    election = meeting.ctx(
        elections.create_election,
        title="Consejo 2027",
        seats=2,
        rules="stv-droop",
        candidates=["0003", "0004", "0005"],
    )
    meeting.ctx(elections.open_election, election=election)
    for number in range(1, 13):
        ranking = ["0003", "0004"] if number % 3 else ["0005", "0003"]
        voter = meeting.ctx.acting_as(_actor(meeting, number))
        voter(elections.cast_election_ballot, election=election, ranking=ranking)
    meeting.ctx(elections.close_election, election=election, officer_key=TEST_KEY)
    return Closed(
        roll_call.id, hands.id, consent.id, secret.id, amendment.id, main.id, election.id, meeting.assembly.id
    )


def _actor(meeting: Meeting, number: int) -> Actor:
    return member_actor(meeting.session, number)


@pytest.fixture
def closed(engine: Engine, now: datetime) -> Closed:
    with db.session_scope(engine) as session:
        return _every_kind_of_close(open_meeting(session, now))


def _problems(engine: Engine) -> tuple[str, ...]:
    with db.session_scope(engine) as session:
        report = verify_chain(session)
    assert report.problem is None  # the chain itself is whole: only the tables were edited
    return report.extra_checks


# --- an untouched database --------------------------------------------------------------------


def test_every_close_is_recorded_and_an_untouched_database_verifies_clean(
    engine: Engine, db_url: str, closed: Closed
) -> None:
    with db.session_scope(engine) as session:
        methods = [
            data["closing"]["method"]
            for data in map(
                json.loads,
                session.scalars(select(AuditEvent.data).where(AuditEvent.action == CLOSING_ACTION)),
            )
        ]
    assert methods == ["roll_call", "show_of_hands", "consent", "secret", "roll_call", "roll_call", "secret"]
    assert _problems(engine) == ()
    result = Cli(db_url)("audit", "verify")
    assert result.exit_code == 0 and "The audit chain is intact" in result.stdout


# --- an attacker's edits, each named ----------------------------------------------------------

EDITS = {
    "roll-call-flipped": (
        "UPDATE vote_participation SET choice = 'yes' WHERE id = "
        "(SELECT min(id) FROM vote_participation WHERE vote_id = :roll_call_vote AND choice = 'no')",
        ["vote {roll_call_vote} (Motion 1 (Comprar un horno)): a roll-call vote was changed after the close"],
    ),
    "roll-call-deleted": (
        "DELETE FROM vote_participation WHERE id = "
        "(SELECT max(id) FROM vote_participation WHERE vote_id = :roll_call_vote)",
        [
            "vote {roll_call_vote} (Motion 1 (Comprar un horno)): 1 roll-call vote was deleted after the "
            "close (19 now, 20 at the close)"
        ],
    ),
    "totals": (
        "UPDATE votes SET yes_count = 15 WHERE id = :roll_call_vote",
        [
            "vote {roll_call_vote} (Motion 1 (Comprar un horno)): its totals were changed after the close "
            "(yes 15, recorded 12)"
        ],
    ),
    "decision": (
        "UPDATE votes SET adopted = NOT adopted WHERE id = :roll_call_vote",
        [
            "vote {roll_call_vote} (Motion 1 (Comprar un horno)): its decision was changed after the close "
            "(now 'not adopted', recorded 'adopted')"
        ],
    ),
    "required": (
        "UPDATE votes SET required = required + 7 WHERE id = :roll_call_vote",
        [
            "vote {roll_call_vote} (Motion 1 (Comprar un horno)): how its decision was reached was changed "
            "after the close (required "
        ],
    ),
    "tie-rule": (
        "UPDATE votes SET tie_rule = 'forged' WHERE id = :roll_call_vote",
        [
            "vote {roll_call_vote} (Motion 1 (Comprar un horno)): how its decision was reached was changed "
            "after the close (tie rule forged, recorded "
        ],
    ),
    "motion-status": (
        "UPDATE motions SET status = 'rejected' WHERE id = :roll_call",
        ["motion {roll_call} (Comprar un horno)'s status is 'not adopted' but its vote decided 'adopted'"],
    ),
    "hand-count": (
        "UPDATE votes SET hand_yes = 23 WHERE id = :hands_vote",
        [
            "vote {hands_vote} (Motion 2 (Pintar el taller)): the tellers' count of the show of hands was "
            "changed after the close (yes 23, recorded 20)"
        ],
    ),
    "tellers": (
        "UPDATE votes SET hand_counted_by = 'Socio 0040' WHERE id = :hands_vote",
        [
            "vote {hands_vote} (Motion 2 (Pintar el taller)): the tellers' count of the show of hands was "
            "changed after the close (counted by Socio 0040, recorded Socio 0007)"
        ],
    ),
    "objection": (
        "UPDATE objections SET status = 'open' WHERE motion_id = :consent",
        ["motion {consent} (Horario de verano): its objections were changed after the close"],
    ),
    "secret-totals": (
        "UPDATE votes SET yes_count = 4, no_count = 11, adopted = NOT adopted WHERE id = :secret_vote",
        [
            "vote {secret_vote} (Motion 4 (Reforma del estatuto)): its totals were changed after the close "
            "(no 11, recorded 5; yes 4, recorded 10)",
            "vote {secret_vote} (Motion 4 (Reforma del estatuto)): its decision was changed after the close "
            "(now 'not adopted', recorded 'adopted')",
        ],
    ),
    "closing-time": (
        "UPDATE votes SET closed_at = '2026-11-25 09:30:00.000000' WHERE id = :secret_vote",
        [
            "vote {secret_vote} (Motion 4 (Reforma del estatuto)): its closing was changed after the close "
            "(closed at "
        ],
    ),
    "amended-text": (
        "UPDATE motions SET final_text = 'Comprar dos hornos' WHERE id = :main",
        ["motion {main} (Horno nuevo): its final text was changed after vote {main_vote} fixed it"],
    ),
}


def _ids(session: Session, closed: Closed) -> dict[str, int]:
    ids = {
        name: getattr(closed, name)
        for name in ("roll_call", "hands", "consent", "secret", "main", "election")
    }
    ids |= {
        f"{name}_vote": closed.vote_of(session, ids[name])
        for name in ("roll_call", "hands", "secret", "main")
    }
    return ids


@pytest.mark.parametrize(("statement", "expected"), EDITS.values(), ids=EDITS.keys())
def test_each_edit_of_a_closed_vote_is_named_by_verify(
    engine: Engine, closed: Closed, statement: str, expected: list[str]
) -> None:
    with db.session_scope(engine) as session:
        ids = _ids(session, closed)
    with hostile(engine) as connection:
        assert connection.execute(text(statement), ids).rowcount == 1
    problems = _problems(engine)
    assert len(problems) == len(expected), problems
    for problem, sentence in zip(problems, expected, strict=True):
        assert problem.startswith(sentence.format(**ids)), problems


def test_an_election_result_rewritten_with_a_matching_hash_is_named(engine: Engine, closed: Closed) -> None:
    """The stored hash agrees with the forged result, so only the record in the chain tells."""
    with hostile(engine) as connection:
        stored = connection.execute(
            text("SELECT result_json FROM elections WHERE id = :e"), {"e": closed.election}
        ).scalar_one()
        forged = stored.replace('"12"', '"13"')
        assert forged != stored
        connection.execute(
            text("UPDATE elections SET result_json = :json, result_hash = :hash WHERE id = :e"),
            {"json": forged, "hash": hashlib.sha256(forged.encode()).hexdigest(), "e": closed.election},
        )
    with db.session_scope(engine) as session:
        assert elections.official_result(session.get(Election, closed.election))  # the hash agrees
    assert _problems(engine) == (
        f"election {closed.election} (Consejo 2027): its result was changed after the close",
    )


def test_verify_names_the_edit_in_the_cooperative_language(
    db_url: str, engine: Engine, closed: Closed
) -> None:
    with db.session_scope(engine) as session:
        ids = _ids(session, closed)
    with hostile(engine) as connection:
        connection.execute(text("UPDATE votes SET yes_count = 15 WHERE id = :roll_call_vote"), ids)
        connection.execute(text("UPDATE motions SET status = 'rejected' WHERE id = :roll_call"), ids)
    result = Cli(db_url)("--lang", "es", "audit", "verify")
    assert result.exit_code == 1
    shown = " ".join((result.stdout + result.stderr).split())
    assert "se cambiaron sus totales después del cierre (sí 15, registrado 12)" in shown, shown
    assert (
        f"el estado de la moción {ids['roll_call']} (Comprar un horno) es 'no aprobada', "
        "pero su votación decidió 'aprobada'" in shown
    ), shown
    assert "Traceback" not in shown


# --- what is not an attack --------------------------------------------------------------------


def test_corrections_coop_records_after_the_close_raise_no_alarm(
    engine: Engine, closed: Closed, now: datetime
) -> None:
    """Reopening the assembly, correcting its times and closing it again leave every vote as decided."""
    with db.session_scope(engine) as session:
        ctx = Context(session, _actor_of(session), now)
        assembly = session.get(Assembly, closed.assembly)
        ctx(meetings.close_assembly, assembly=assembly)
        ctx(
            corrections.correct_assembly_times,
            assembly=assembly,
            reason="Según el acta en papel",
            closed_at=now,
        )
        ctx(corrections.reopen_assembly, assembly=assembly, reason="Faltó anotar una llegada")
        ctx(meetings.close_assembly, assembly=assembly)
    assert _problems(engine) == ()


def test_a_status_change_recorded_in_the_chain_is_accepted_one_that_is_not_is_named(
    engine: Engine, closed: Closed, now: datetime
) -> None:
    with db.session_scope(engine) as session:
        motion = session.get(Motion, closed.roll_call)
        motion.status = MotionStatus.rejected
        event = record_change(
            session,
            "coop.motion.corrected",
            _actor_of(session),
            now,
            {
                "motion_id": motion.id,
                "from": "adopted",
                "to": "rejected",
                "reason": "Recuento en la asamblea",
            },
        )
    assert _problems(engine) == ()
    with hostile(engine) as connection:
        connection.execute(
            text("UPDATE motions SET status = 'adopted' WHERE id = :m"), {"m": closed.roll_call}
        )
    assert _problems(engine) == (
        f"motion {closed.roll_call} (Comprar un horno)'s status is 'adopted' but the audit log last recorded "
        f"'not adopted' (event {event.seq})",
    )


def test_votes_closed_before_the_record_existed_raise_no_alarm(
    engine: Engine, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older database: its votes were closed with no closing record, so there is nothing to compare."""
    monkeypatch.setattr(motion_votes, "record_motion_close", lambda *args, **kwargs: {})
    monkeypatch.setattr(elections, "record_closing", lambda *args, **kwargs: {})
    with db.session_scope(engine) as session:
        closed = _every_kind_of_close(open_meeting(session, now))
        ids = _ids(session, closed)
        assert not session.scalars(select(AuditEvent).where(AuditEvent.action == CLOSING_ACTION)).all()
    monkeypatch.undo()
    with hostile(engine) as connection:
        connection.execute(
            text("UPDATE votes SET yes_count = 15, adopted = NOT adopted WHERE id = :roll_call_vote"), ids
        )
        connection.execute(text("UPDATE motions SET status = 'rejected' WHERE id = :roll_call"), ids)
    assert _problems(engine) == ()


def _actor_of(session: Session) -> Actor:
    """Ana Núñez (0001), the secretary."""
    return member_actor(session, 1)


# --- the comparison itself (pure) -------------------------------------------------------------


def test_changes_lists_each_changed_field_with_its_recorded_value() -> None:
    assert (
        changes({"yes": 10, "no": 5, "abstain": 0}, {"yes": 15, "no": 5, "abstain": 0})
        == "yes 15, recorded 10"
    )
    assert changes({"statement_digest": "a"}, {"statement_digest": "b"}) == "statement changed"
    assert changes({"required": None}, {"required": 3}) == "required 3, recorded —"


def test_a_vote_as_recorded_has_no_differences_and_each_group_is_named_once() -> None:
    facts = {
        "closing": {"method": "show_of_hands", "status": "closed", "closed_at": "2026-11-25T10:00:00.000000"},
        "participation": {"rows": 0, "digest": "d"},
        "hand_count": {"yes": 20, "no": 5, "abstain": 5, "counted_by": "Socio 0007"},
        "totals": {"yes": 20, "no": 5, "abstain": 5},
        "rule": {"rule": "simple_majority", "required": 13},
        "quorum": {"present": 30},
        "decision": {"adopted": True, "explanation_digest": "e"},
    }
    assert vote_differences("vote 2", facts, facts) == []
    edited = {
        **facts,
        "participation": {"rows": 1, "digest": "x"},
        "decision": {"adopted": True, "explanation_digest": "f"},
    }
    assert vote_differences("vote 2", facts, edited) == [
        "vote 2: the record of who took part was changed after the close",
        "vote 2: the explanation of its decision was changed after the close",
    ]
