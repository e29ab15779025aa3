"""Voting codes, trackers and paper batches: the pure rules, then the services on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import math
import random
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coop.assemblies import ballots, elections
from coop.assemblies.attendance import grant_proxy
from coop.assemblies.motion_votes import cast_motion_vote, open_motion_vote
from coop.audit import AuditEvent, verify_chain
from coop.csvfiles import CsvDialect
from coop.errors import BallotFileError, PermissionDenied, VoteError
from coop.members.actors import find_member
from coop.votes import codes, paper
from coop.votes.ballot_box import FROZEN_ACTION, ballots_digest, frozen_record, reconcile
from coop.votes.models import (
    Choice,
    CodeStatus,
    SealedBallot,
    SecretBallot,
    SlipRecipient,
    VoteMethod,
    VoteParticipation,
    VoteStatus,
    VotingCode,
)
from tests.factories.context import member_actor
from tests.factories.keys import TEST_KEY
from tests.factories.meetings import Meeting, SecretMotion, secret_motion

CODE_SHAPE = re.compile(r"^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$")


# --- pure: codes ------------------------------------------------------------------------------


def test_code_alphabet_has_no_look_alikes_and_enough_entropy() -> None:
    assert not set("01OIL") & set(codes.CODE_ALPHABET)
    assert len(set(codes.CODE_ALPHABET)) == len(codes.CODE_ALPHABET) == 31
    assert codes.CODE_RANDOM_SYMBOLS * math.log2(len(codes.CODE_ALPHABET)) >= 60
    drawn = {codes.new_code() for _ in range(2000)}
    assert len(drawn) == 2000
    assert all(CODE_SHAPE.match(code) for code in drawn)


def test_code_check_symbol_catches_every_single_typo() -> None:
    code = codes.normalize_code(codes.new_code(random.Random(7)))
    for position in range(len(code)):
        for symbol in codes.CODE_ALPHABET:
            if symbol == code[position]:
                continue
            typo = code[:position] + symbol + code[position + 1 :]
            with pytest.raises(VoteError, match="typing mistake"):
                codes.normalize_code(typo)


def test_code_check_symbol_catches_every_swap_of_two_symbols() -> None:
    rng = random.Random(11)
    for _ in range(50):
        code = codes.normalize_code(codes.new_code(rng))
        for i in range(len(code)):
            for j in range(i + 1, len(code)):
                if code[i] == code[j]:
                    continue
                swapped = list(code)
                swapped[i], swapped[j] = swapped[j], swapped[i]
                with pytest.raises(VoteError, match="typing mistake"):
                    codes.normalize_code("".join(swapped))


def test_code_typed_loosely_is_understood_and_junk_refused() -> None:
    code = codes.new_code(random.Random(3))
    loose = code.lower().replace("-", " ")
    assert codes.normalize_code(loose) == code.replace("-", "")
    with pytest.raises(VoteError, match="That is not a voting code: a code has 16 letters"):
        codes.normalize_code("K7QM-3XH9-PT4W")
    with pytest.raises(VoteError, match="That is not a voting code"):
        codes.normalize_code(code.replace(code[0], "0"))


def test_code_hash_depends_on_the_pepper_and_hides_the_code() -> None:
    code = codes.normalize_code(codes.new_code())
    first, second = codes.code_hash("a" * 64, code), codes.code_hash("b" * 64, code)
    assert first != second and len(first) == 64 and code not in first


def test_tracker_changes_with_any_change_to_the_ballot() -> None:
    salt = "5" * 64
    base = codes.tracker(salt, "ab" * 16, "yes", None)
    assert re.fullmatch(r"[0-9a-f]{4}(-[0-9a-f]{4}){3}", base)
    assert codes.tracker(salt, "ab" * 16, "no", None) != base
    assert codes.tracker(salt, "ac" * 16, "yes", None) != base
    assert codes.tracker("6" * 64, "ab" * 16, "yes", None) != base
    assert codes.normalize_tracker(base.upper().replace("-", " ")) == base
    with pytest.raises(VoteError, match="That is not a tracker"):
        codes.normalize_tracker("xyz")


# --- pure: paper ------------------------------------------------------------------------------


def test_paper_file_yes_no_normalised_with_header_and_aliases() -> None:
    content = "choice\nYes\nno\n\nabstain\nnulo\nsí\n".encode()
    assert paper.read_paper_ballots(content, "a.csv", ranked=False) == [
        "yes",
        "no",
        "abstain",
        "invalid",
        "yes",
    ]


def test_paper_file_bad_line_named() -> None:
    with pytest.raises(BallotFileError, match=r"a\.csv, line 3: 'maybe' is not a choice"):
        paper.read_paper_ballots(b"yes\nno\nmaybe\n", "a.csv", ranked=False)
    with pytest.raises(BallotFileError, match=r"a\.csv, line 2: a line holds one ballot"):
        paper.read_paper_ballots(b"yes\nyes,no\n", "a.csv", ranked=False)
    with pytest.raises(BallotFileError, match="has no ballots"):
        paper.read_paper_ballots(b"choice\n\n", "a.csv", ranked=False)
    # a byte no text holds refuses the file; a Windows-1252 letter is read, and refused as a choice
    with pytest.raises(BallotFileError, match=r"^a\.csv is not UTF-8 or Windows-1252 text \(byte 0x00"):
        paper.read_paper_ballots(b"yes\n\x00\n", "a.csv", ranked=False)
    with pytest.raises(BallotFileError, match=r"a\.csv, line 2: 'ÿ' is not a choice"):
        paper.read_paper_ballots(b"yes\n\xff\n", "a.csv", ranked=False)


def test_paper_file_as_a_spanish_spreadsheet_saves_it() -> None:
    lookup = {"josé núñez": "José Núñez", "raúl ibáñez": "Raúl Ibáñez"}
    content = "Voto\r\nSí\r\nno\r\n".encode("cp1252")
    assert paper.read_paper_ballots(content, "a.csv", ranked=False) == ["yes", "no"]
    ranked = "rank1;rank2\r\nJosé Núñez;Raúl Ibáñez\r\n".encode("cp1252")
    expected = ['["José Núñez", "Raúl Ibáñez"]']
    assert paper.read_paper_ballots(ranked, "r.csv", ranked=True, candidates=lookup) == expected
    named = CsvDialect.named(delimiter="tab", encoding="latin-1")
    tabbed = ranked.replace(b";", b"\t")
    assert (
        paper.read_paper_ballots(tabbed, "r.csv", ranked=True, candidates=lookup, dialect=named) == expected
    )


def test_paper_file_ranked_names_numbers_blank_and_invalid() -> None:
    lookup = {"inés peña": "Inés Peña", "0004": "Inés Peña", "raúl ibáñez": "Raúl Ibáñez"}
    content = "rank1,rank2\nInés Peña,Raúl Ibáñez\n#0004,\n,\ninvalid\n".encode()
    assert paper.read_paper_ballots(content, "r.csv", ranked=True, candidates=lookup) == [
        '["Inés Peña", "Raúl Ibáñez"]',
        '["Inés Peña"]',
        "[]",
        "invalid",
    ]
    with pytest.raises(BallotFileError, match="line 1: 'Nadie' is not a candidate; the candidates are"):
        paper.read_paper_ballots(b"Nadie\n", "r.csv", ranked=True, candidates=lookup)
    with pytest.raises(BallotFileError, match="line 1: Inés Peña is ranked twice"):
        paper.read_paper_ballots("0004,inés peña\n".encode(), "r.csv", ranked=True, candidates=lookup)


def test_paper_file_ranked_empty_line_is_a_blank_ballot() -> None:
    """The README: "an empty row for a blank ballot" (an empty line included, CR-only endings too)."""
    lookup = {"0004": "Inés Peña", "0008": "Raúl Ibáñez"}
    for content in (b"0004\n\n0008,0004\n", b"0004\r\r0008,0004\r"):
        assert paper.read_paper_ballots(content, "r.csv", ranked=True, candidates=lookup) == [
            '["Inés Peña"]',
            "[]",
            '["Raúl Ibáñez", "Inés Peña"]',
        ]


def test_paper_file_unterminated_quote_refused_naming_its_line() -> None:
    with pytest.raises(BallotFileError, match=r'^r\.csv, line 2: a quote \("\) opens a cell'):
        paper.read_paper_ballots(b'yes\n"no\nyes\n', "r.csv", ranked=False)


def test_one_swapped_ballot_is_reported_at_both_positions() -> None:
    first = ["yes", "yes", "no", "abstain", "yes"]
    second = ["yes", "no", "yes", "abstain", "yes"]
    assert paper.compare_entries(first, second) == [
        paper.Mismatch(2, "yes", "no"),
        paper.Mismatch(3, "no", "yes"),
    ]
    assert paper.compare_entries(first, first) == []


def test_a_ballot_only_one_teller_entered_is_reported() -> None:
    assert paper.compare_entries(["yes", "no"], ["yes", "no", "abstain"]) == [
        paper.Mismatch(3, None, "abstain")
    ]
    assert paper.describe_ballot(None) == "(no ballot)"
    assert paper.describe_ballot('["Ana", "Raúl"]') == "Ana > Raúl"
    assert paper.describe_ballot("[]") == "(blank)"


# --- services: slips --------------------------------------------------------------------------


def test_slips_for_members_present_and_proxies_held(meeting: Meeting) -> None:
    vote = secret_motion(meeting, present=range(1, 26), proxies=[(30, 3), (31, 4)])
    issued = vote.issue(spares=2)
    assert issued.recipients == 27 and len(issued.slips) == 29 and issued.spares == 2
    assert [s.serial for s in issued.slips] == list(range(1, 30))
    assert all(CODE_SHAPE.match(s.code) for s in issued.slips)
    session = meeting.session
    stored = session.scalars(select(VotingCode).where(VotingCode.vote_id == vote.motion.vote_id)).all()
    assert len(stored) == 29 and all(c.status is CodeStatus.issued for c in stored)
    # Only hashes are stored: no code appears anywhere in the row.
    printed = {codes.normalize_code(s.code) for s in issued.slips}
    assert not any(c.code_hash in printed or c.code_hash[:16] in printed for c in stored)
    recipients = session.scalars(select(SlipRecipient)).all()
    by_represented = {r.represented_member_id: r.received_by_member_id for r in recipients}
    assert len(by_represented) == 27
    giver = find_member(session, "0030")
    holder = find_member(session, "0003")
    assert by_represented[giver.id] == holder.id and by_represented[holder.id] == holder.id
    with pytest.raises(VoteError, match="already has a slip; to replace a lost one"):
        vote.issue()


def test_latecomers_get_new_slips_or_spares(meeting: Meeting) -> None:
    vote = secret_motion(meeting, present=range(1, 24))
    vote.issue(spares=2)
    meeting.attend(24)
    again = vote.issue()
    assert again.recipients == 1 and [s.serial for s in again.slips] == [26]
    meeting.attend(25, 26)
    from_spares = vote.issue(from_spares=True)
    assert from_spares.recipients == 2 and from_spares.slips == ()
    assert codes.code_summary(meeting.session, vote.target.vote).spares_left == 0
    meeting.attend(27)
    with pytest.raises(VoteError, match="1 member needs a slip but only 0 spare slips are left"):
        vote.issue(from_spares=True)
    event = meeting.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == "coop.ballot.codes_issued")
        .order_by(AuditEvent.seq.desc())
    ).first()
    assert event is not None and "serials" not in json.loads(event.data)


def test_latecomers_given_slips_count_as_present_at_the_close(meeting: Meeting) -> None:
    vote = secret_motion(meeting, present=range(1, 24), proxies=[(40, 3)])
    slips = list(vote.issue().slips)
    meeting.attend(*range(24, 31))
    meeting.ctx(
        grant_proxy,
        assembly=meeting.assembly,
        giver="0041",
        holder="0004",
    )
    slips += vote.issue().slips
    for slip in slips:
        vote.cast(slip.code, "yes")
    decision = vote.close()
    assert decision.adopted and decision.yes == 32


def test_only_officers_issue_and_cancel(meeting: Meeting) -> None:
    vote = secret_motion(meeting)
    with pytest.raises(PermissionDenied, match="Issuing voting codes needs the secretary role"):
        ballots.issue_slips(
            meeting.session, actor=member_actor(meeting.session, 9), now=meeting.now, target=vote.target
        )
    chair = member_actor(meeting.session, 2)
    assert meeting.ctx.acting_as(chair)(ballots.issue_slips, target=vote.target).recipients == 30


def test_codes_only_for_secret_votes_and_before_any_direct_ballot(meeting: Meeting) -> None:
    meeting.attend(*range(1, 31))
    roll_call = meeting.motion("Horario")
    meeting.ctx(
        open_motion_vote,
        motion=roll_call,
        method=VoteMethod.roll_call,
    )
    with pytest.raises(VoteError, match="is not by secret ballot; voting codes are for secret votes"):
        ballots.find_ballot_vote(meeting.session, f"motion:{roll_call.id}")
    secret = meeting.motion("Horno")
    meeting.ctx(
        open_motion_vote,
        motion=secret,
        method=VoteMethod.secret,
    )
    cast_motion_vote(
        meeting.session,
        actor=member_actor(meeting.session, 5),
        now=meeting.now,
        motion=secret,
        choice=Choice.yes,
    )
    target = ballots.find_ballot_vote(meeting.session, f"motion:{secret.id}")
    with pytest.raises(VoteError, match=r"1 member has already voted on vote .* without codes"):
        meeting.ctx(ballots.issue_slips, target=target)


def test_vote_references(meeting: Meeting) -> None:
    vote = secret_motion(meeting)
    vote_id = vote.motion.vote_id
    for reference in (
        f"motion:{vote.motion.id}",
        str(vote_id),
        f"#{vote_id}",
        f"vote:{vote_id}",
        " Motion:1 ",
    ):
        found = ballots.find_ballot_vote(meeting.session, reference)
        assert found.vote.id == vote_id and found.reference == f"motion:{vote.motion.id}"
    for bad in ("motion", "ballot:1", "x", "99"):
        with pytest.raises(VoteError, match="is not a vote: name it motion:ID, election:ID"):
            ballots.find_ballot_vote(meeting.session, bad)


# --- services: casting ------------------------------------------------------------------------


def test_cast_with_code_once_then_refused(meeting: Meeting) -> None:
    vote = secret_motion(meeting)
    slips = vote.issue().slips
    tracker = vote.cast(slips[0].code, "yes")
    assert re.fullmatch(r"[0-9a-f]{4}(-[0-9a-f]{4}){3}", tracker)
    with pytest.raises(VoteError, match="This code has already been used: each code casts one ballot"):
        vote.cast(slips[0].code, "no")
    with pytest.raises(VoteError, match="This code is not one of the codes of vote"):
        vote.cast(codes.new_code(), "no")
    with pytest.raises(VoteError, match="typing mistake"):
        vote.cast(slips[1].code[:-1] + ("2" if slips[1].code[-1] != "2" else "3"), "no")
    with pytest.raises(VoteError, match="'perhaps' is not a choice"):
        vote.cast(slips[1].code, "perhaps")
    session = meeting.session
    assert session.scalar(select(func.count()).select_from(SealedBallot)) == 1  # sealed until the close
    assert session.scalar(select(func.count()).where(VotingCode.status == CodeStatus.used)) == 1
    # Nothing in the audit log of a cast links it to a slip, a code or a choice.
    casts = session.scalars(select(AuditEvent).where(AuditEvent.action == "coop.ballot.cast")).all()
    assert [json.loads(e.data) for e in casts] == [{"vote_id": vote.motion.vote_id}]
    assert casts[0].actor == codes.CODE_ACTOR


def test_direct_ballot_refused_once_codes_are_issued(meeting: Meeting) -> None:
    vote = secret_motion(meeting)
    vote.issue()
    with pytest.raises(VoteError, match=r"Voting codes were issued for .* each ballot is cast with a code"):
        cast_motion_vote(
            meeting.session,
            actor=member_actor(meeting.session, 5),
            now=meeting.now,
            motion=vote.motion,
            choice=Choice.yes,
        )
    assert meeting.session.scalar(select(func.count()).select_from(VoteParticipation)) == 0


def test_lost_slip_cancelled_and_reissued(meeting: Meeting) -> None:
    vote = secret_motion(meeting)
    slips = vote.issue().slips
    new = meeting.ctx(ballots.reissue_slip, target=vote.target, serial=4)
    assert new.serial == 31 and new.replaces_serial == 4
    with pytest.raises(VoteError, match="cancelled \\(its slip was reported lost\\) and no longer works"):
        vote.cast(slips[3].code, "yes")
    vote.cast(new.code, "yes")
    with pytest.raises(VoteError, match=r"Slip 4 of vote .* was already replaced by slip 31"):
        meeting.ctx(ballots.reissue_slip, target=vote.target, serial=4)
    with pytest.raises(VoteError, match=r"Slip 31 of vote .* was already used to vote; it cannot be"):
        meeting.ctx(ballots.reissue_slip, target=vote.target, serial=31)
    meeting.ctx(
        ballots.cancel_slip,
        target=vote.target,
        serial=5,
        for_paper=True,
    )
    with pytest.raises(VoteError, match="handed in for a paper ballot and no longer works"):
        vote.cast(slips[4].code, "no")
    with pytest.raises(VoteError, match="has no slip with serial 99"):
        meeting.ctx(ballots.cancel_slip, target=vote.target, serial=99)
    reissued = meeting.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "coop.ballot.code_reissued")
    )
    assert [json.loads(e.data) for e in reissued] == [
        {"vote_id": vote.motion.vote_id, "serial": 4, "new_serial": 31}
    ]


# --- services: close, trackers, freeze --------------------------------------------------------


def test_close_publishes_trackers_and_freezes(meeting: Meeting) -> None:
    vote = secret_motion(meeting)
    slips = vote.issue().slips
    trackers = [vote.cast(slip.code, "yes" if i % 3 else "no") for i, slip in enumerate(slips[:20])]
    session = meeting.session
    target_vote = vote.target.vote
    with pytest.raises(VoteError, match="is still open; the trackers are published when it closes"):
        codes.published_trackers(session, target_vote)
    # While open the ballots are sealed to the officer's key: no tracker can be checked yet.
    with pytest.raises(VoteError, match="is still open and its ballots are sealed until the close"):
        codes.check_tracker(session, target_vote, trackers[0])
    decision = vote.close()
    assert codes.check_tracker(session, target_vote, trackers[0]).found
    assert (decision.yes, decision.no) == (13, 7)
    published = codes.published_trackers(session, target_vote)
    assert published == sorted(trackers)
    checked = codes.check_tracker(session, target_vote, trackers[5])
    assert checked.found and checked.closed and checked.ballots == 20
    assert not codes.check_tracker(session, target_vote, "0000-0000-0000-0000").found
    record = frozen_record(session, target_vote.id)
    assert record is not None
    assert record["ballots"] == 20 and record["count"] == {"yes": 13, "no": 7, "abstain": 0, "invalid": 0}
    assert record["codes"] == {"issued": 10, "used": 20, "cancelled_lost": 0, "cancelled_paper": 0}
    assert record["voters"] == 30
    rows = session.execute(select(SecretBallot.id, SecretBallot.choice, SecretBallot.ranking)).all()
    assert record["ballots_digest"] == ballots_digest([(i, c.value if c else None, r) for i, c, r in rows])
    assert verify_chain(session).intact
    with pytest.raises(VoteError, match="is closed; nothing more can be cast"):
        vote.cast(slips[25].code, "yes")


def test_freeze_record_holds_nothing_that_links(meeting: Meeting) -> None:
    vote = secret_motion(meeting)
    slips = vote.issue().slips
    for slip in slips[:5]:
        vote.cast(slip.code, "no")
    vote.close()
    events = meeting.session.scalars(select(AuditEvent).where(AuditEvent.action == FROZEN_ACTION)).all()
    assert len(events) == 1
    text = events[0].data
    ids = meeting.session.scalars(select(SecretBallot.id)).all()
    assert not any(ballot_id in text for ballot_id in ids)
    assert not any(codes.normalize_code(s.code) in text for s in slips)
    assert set(json.loads(text)) == {
        "vote_id",
        "ballots",
        "ballots_digest",
        "count",
        "voters",
        "voters_digest",
        "codes",
    }


# --- services: paper --------------------------------------------------------------------------


def _enter(vote: SecretMotion, tmp_path: Path, teller: int, lines: list[str], batch: int = 1):  # type: ignore[no-untyped-def]
    path = tmp_path / f"batch{batch}-{teller}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ballots.enter_paper(
        vote.session,
        actor=member_actor(vote.session, teller),
        now=vote.meeting.now,
        target=vote.target,
        batch=batch,
        teller=f"{teller:04d}",
        path=path,
    )


def test_teller_double_entry_swapped_ballot_reported_then_fixed(meeting: Meeting, tmp_path: Path) -> None:
    vote = secret_motion(meeting)
    slips = vote.issue().slips
    for serial in range(1, 9):
        meeting.ctx(
            ballots.cancel_slip,
            target=vote.target,
            serial=serial,
            for_paper=True,
        )
    pile = ["yes", "no", "yes", "abstain", "yes", "no", "invalid", "yes"]
    first = _enter(vote, tmp_path, 11, pile)
    assert not first.complete
    swapped = [*pile[:4], pile[5], pile[4], *pile[6:]]
    second = _enter(vote, tmp_path, 12, swapped)
    assert second.complete and [(m.position, m.first, m.second) for m in second.mismatches] == [
        (5, "yes", "no"),
        (6, "no", "yes"),
    ]
    with pytest.raises(VoteError, match=r"differ at 2 positions \(5, 6\), so nothing was added"):
        meeting.ctx(ballots.accept_paper, target=vote.target, batch=1)
    assert meeting.session.scalar(select(func.count()).select_from(SecretBallot)) == 0
    with pytest.raises(VoteError, match="already has its two entries"):
        _enter(vote, tmp_path, 13, pile)
    fixed = _enter(vote, tmp_path, 12, pile)
    assert fixed.agree
    added = meeting.ctx(ballots.accept_paper, target=vote.target, batch=1)
    assert added == 8
    paper_ids = meeting.session.scalars(select(SecretBallot.id)).all()
    assert len(set(paper_ids)) == 8 and all(re.fullmatch(r"[0-9a-f]{32}", i) for i in paper_ids)
    vote.cast(slips[10].code, "no")
    vote.return_slips(*vote.unused_serials())  # the tellers hold every other slip unused
    summary = reconcile(meeting.session, vote.target.vote)
    assert summary.balanced, summary.problems
    assert (summary.ballots, summary.paper_ballots, summary.ballots_by_code, summary.codes_used) == (
        9,
        8,
        1,
        1,
    )
    decision = vote.close()
    assert (decision.yes, decision.no, decision.abstain) == (4, 3, 1)


def test_pending_batch_stops_the_close_and_can_be_set_aside(meeting: Meeting, tmp_path: Path) -> None:
    vote = secret_motion(meeting)
    vote.issue()
    _enter(vote, tmp_path, 11, ["yes", "no"], batch=3)
    with pytest.raises(VoteError, match=r"Batch 3 of paper ballots for vote .* is entered but not accepted"):
        vote.close()
    meeting.ctx(ballots.discard_paper, target=vote.target, batch=3)
    with pytest.raises(VoteError, match=r"Batch 3 of vote .* is discarded already"):
        _enter(vote, tmp_path, 11, ["yes"], batch=3)
    vote.cast(vote.issue(spares=1).slips[0].code, "yes")
    assert vote.close().adopted


def test_reconcile_reports_what_does_not_add_up(meeting: Meeting, tmp_path: Path) -> None:
    vote = secret_motion(meeting)
    slips = vote.issue().slips
    vote.cast(slips[0].code, "yes")
    _enter(vote, tmp_path, 11, ["yes", "no"])
    _enter(vote, tmp_path, 12, ["yes", "no"])
    meeting.ctx(ballots.accept_paper, target=vote.target, batch=1)
    vote.return_slips(*vote.unused_serials())
    summary = reconcile(meeting.session, vote.target.vote)
    assert summary.problems == (
        "2 paper ballots were accepted but only 0 slips were handed in for paper ballots "
        f"(coop ballot cancel {vote.motion.vote_id} SERIAL --paper)",
    )


# --- elections --------------------------------------------------------------------------------


def test_election_by_codes_counts_and_exports_for_a_recount(meeting: Meeting, tmp_path: Path) -> None:
    from coop.votes.ballot_files.ballots_csv import read_ballots_csv
    from coop.votes.ballot_files.blt import read_blt, rules_for_blt
    from coop.votes.tally.count import tabulate

    election = meeting.ctx(
        elections.create_election,
        title="Consejo 2027",
        seats=2,
        rules="stv-droop",
        candidates=["0003", "0004", "0005", "0006"],
    )
    meeting.ctx(elections.open_election, election=election)
    target = ballots.find_ballot_vote(meeting.session, f"election:{election.id}")
    issued = meeting.ctx(ballots.issue_slips, target=target)
    assert issued.recipients == 45  # no assembly: every active member
    patterns = [["0003", "Socio 0004"], ["0004", "0003"], ["#0005"], ["0006", "0005", "0003"]]
    for index, slip in enumerate(issued.slips[:40]):
        ballots.cast_with_code(
            meeting.session, now=meeting.now, target=target, code=slip.code, choices=patterns[index % 4]
        )
    with pytest.raises(VoteError, match="'Nadie' is not a candidate"):
        ballots.cast_with_code(
            meeting.session, now=meeting.now, target=target, code=issued.slips[41].code, choices=["Nadie"]
        )
    assert codes.code_summary(meeting.session, target.vote).used == 40
    with pytest.raises(VoteError, match="Voting codes were issued"):
        elections.cast_election_ballot(
            meeting.session,
            actor=member_actor(meeting.session, 44),
            now=meeting.now,
            election=election,
            ranking=["0003"],
        )
    # The tellers hold the five slips no ballot was cast with (41–45).
    meeting.ctx(ballots.return_slips, target=target, serials=["41-45"])
    result = meeting.ctx(elections.close_election, election=election, officer_key=TEST_KEY)
    assert result["total_ballots"] == "40"
    assert frozen_record(meeting.session, target.vote.id)["count"] == {"ranked": 40, "blank": 0, "invalid": 0}
    target = ballots.find_ballot_vote(meeting.session, f"election:{election.id}")
    rules = elections.count_rules_of(election)
    assert ballots.export_ballots(meeting.session, target, tmp_path / "e.blt") == 40
    from_blt = read_blt(tmp_path / "e.blt")
    assert (
        list(tabulate(from_blt.ballots.ballots, rules_for_blt(from_blt, rules)).winners) == result["winners"]
    )
    ballots.export_ballots(meeting.session, target, tmp_path / "e.csv")
    assert (
        list(tabulate(read_ballots_csv(tmp_path / "e.csv", rules).ballots, rules).winners)
        == result["winners"]
    )
    assert verify_chain(meeting.session).intact


def test_yes_no_export_in_random_order(meeting: Meeting, tmp_path: Path) -> None:
    vote = secret_motion(meeting)
    slips = vote.issue().slips
    choices = ["yes"] * 10 + ["no"] * 10
    for slip, choice in zip(slips, choices, strict=False):
        vote.cast(slip.code, choice)
    with pytest.raises(VoteError, match="is not closed; ballots are exported after the count"):
        ballots.export_ballots(meeting.session, vote.target, tmp_path / "x.csv")
    vote.close()
    ballots.export_ballots(meeting.session, vote.target, tmp_path / "x.csv")
    lines = (tmp_path / "x.csv").read_text().splitlines()
    assert lines[0] == "choice" and sorted(lines[1:]) == sorted(choices)
    with pytest.raises(VoteError, match="BLT files hold ranked ballots"):
        ballots.export_ballots(meeting.session, vote.target, tmp_path / "x.blt")
    assert vote.target.vote.status is VoteStatus.closed
