"""Secret ballots of motions and elections: which vote a reference names, who receives a voting
slip, the slips to print, what a code casts, and what tellers enter from paper.

The voting machinery (``coop.votes.codes``, ``coop.votes.paper``, ``coop.votes.ballot_box``)
knows nothing of meetings; this module supplies what only the assembly knows: who is in the
room, which proxies are in force, who may issue slips, the candidates of an election.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, object_session

from coop import csvfiles, vocabulary
from coop.assemblies import elections
from coop.assemblies.attendance import present_member_ids, proxies_in_force
from coop.assemblies.common import find_motion, motion_label
from coop.assemblies.models import Assembly, Motion
from coop.errors import VoteError
from coop.formatting import format_date
from coop.i18n import _, in_cooperative_language
from coop.members.actors import Actor, find_member, require_role
from coop.members.cooperative import get_cooperative
from coop.members.models import Member, Role
from coop.members.register import list_members
from coop.numbers import whole_number
from coop.votes import codes, paper
from coop.votes.candidate_entry import Standing
from coop.votes.codes import returns
from coop.votes.models import CancelReason, Election, Vote, VoteKind
from coop.votes.service import parse_choice


@dataclass(frozen=True)
class BallotVote:
    """A secret vote and what it decides: a motion at an assembly, or an election."""

    vote: Vote
    reference: str  # how to name it again: motion:3, election:2 or the vote number
    motion: Motion | None
    election: Election | None

    @property
    def label(self) -> str:
        return _("vote {id} ({title})").format(id=self.vote.id, title=self.vote.title)

    @property
    def assembly(self) -> Assembly | None:
        """The assembly the vote is held at, if any (loaded only when asked: casting never needs it)."""
        if self.motion is not None:
            return self.motion.assembly
        if self.election is not None and self.election.assembly_id is not None:
            session = object_session(self.election)
            assert session is not None
            return session.get(Assembly, self.election.assembly_id)
        return None


# What a reference to a vote starts with, in either language: ``motion:3`` or ``moción:3``.
_REFERENCE_KINDS = {
    "mocion": "motion",
    "eleccion": "election",
    "votacion": "vote",
    "voto": "vote",
}


def find_ballot_vote(session: Session, reference: str) -> BallotVote:
    """``motion:ID``, ``election:ID`` or a vote number; the vote must be a secret one."""
    cleaned = reference.strip().lower().replace(" ", "")
    typed_kind, _sep, number = cleaned.rpartition(":")
    kind = _REFERENCE_KINDS.get(vocabulary.fold(typed_kind), typed_kind)
    motion: Motion | None = None
    election: Election | None = None
    if kind == "motion":
        # One query for the motion and its vote (casting is the busy path); the usual sentence if none.
        found_motion = (
            session.scalar(select(Motion).options(joinedload(Motion.vote)).where(Motion.id == motion_id))
            if (motion_id := whole_number(number)) is not None
            else None
        )
        motion = found_motion or find_motion(session, number)
        if motion.vote is None:
            raise VoteError(
                _(
                    "{motion} has no vote yet; open it with: coop motion open-vote {id} --method secret"
                ).format(motion=motion_label(motion), id=motion.id)
            )
        vote = motion.vote
    elif kind == "election":
        election = elections.find_election(session, number)
        if election.vote is None:
            raise VoteError(
                _("Election {id} is not open yet; open it with: coop election open {id}").format(
                    id=election.id
                )
            )
        vote = election.vote
    elif kind in ("", "vote"):
        vote_id = whole_number(number.lstrip("#"))
        found = session.get(Vote, vote_id) if vote_id is not None else None
        if found is None:
            raise VoteError(
                _("'{ref}' is not a vote: name it motion:ID, election:ID or by its vote number.").format(
                    ref=reference
                )
            )
        vote = found
        motion = session.scalar(select(Motion).where(Motion.vote_id == vote.id))
        election = session.scalar(select(Election).where(Election.vote_id == vote.id))
    else:
        raise VoteError(
            _("'{ref}' is not a vote: name it motion:ID, election:ID or by its vote number.").format(
                ref=reference
            )
        )
    codes.require_secret(vote)
    if motion is not None:
        name = f"motion:{motion.id}"
    elif election is not None:
        name = f"election:{election.id}"
    else:
        name = str(vote.id)
    return BallotVote(vote=vote, reference=name, motion=motion, election=election)


def entitlements(session: Session, target: BallotVote) -> list[codes.Entitlement]:
    """One slip per member present and per proxy in force; for an election held outside an
    assembly, one per active member."""
    if target.assembly is None:
        return [codes.Entitlement(m.id, m.id) for m in list_members(session)]
    present = sorted(present_member_ids(target.assembly))
    active = {m.id for m in list_members(session)}
    slips = [codes.Entitlement(member, member) for member in present if member in active]
    slips += [
        codes.Entitlement(p.holder_id, p.giver_id)
        for p in proxies_in_force(target.assembly)
        if p.giver_id in active
    ]
    return slips


def require_ballot_officer(session: Session, actor: Actor, target: BallotVote, doing: str) -> None:
    """The chair or secretary of the assembly, or a member with the secretary role."""
    if (
        target.assembly is not None
        and actor.member is not None
        and actor.member.id in (target.assembly.chair_id, target.assembly.secretary_id)
    ):
        return
    require_role(session, actor, Role.secretary, doing)


# --- slips ------------------------------------------------------------------------------------


def issue_slips(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    target: BallotVote,
    spares: int = 0,
    from_spares: bool = False,
) -> codes.IssuedSlips:
    require_ballot_officer(session, actor, target, _("Issuing voting codes"))
    return codes.issue_codes(
        session,
        target.vote,
        entitlements=entitlements(session, target),
        spares=spares,
        from_spares=from_spares,
        actor=actor.label,
        now=now,
    )


def cancel_slip(
    session: Session, *, actor: Actor, now: datetime, target: BallotVote, serial: int, for_paper: bool = False
) -> None:
    require_ballot_officer(session, actor, target, _("Cancelling a voting slip"))
    reason = CancelReason.paper if for_paper else CancelReason.lost
    codes.cancel_code(session, target.vote, serial=serial, reason=reason, actor=actor.label, now=now)


def return_slips(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    target: BallotVote,
    serials: Sequence[str],
    withdraw: bool = False,
) -> returns.ReturnedEntry:
    """The tellers' entry of the slips they hold unused (``serials``: ``3``, ``12-20``...), or with
    ``withdraw`` the removal of serials entered by mistake; a teller or an officer."""
    if actor.member is None or not actor.member.has_role(Role.teller):
        require_ballot_officer(session, actor, target, _("Entering the slips returned unused"))
    parsed = returns.parse_serials(serials)
    act = returns.withdraw_returned if withdraw else returns.return_slips
    return act(session, target.vote, serials=parsed, actor=actor.label, now=now)


def reissue_slip(
    session: Session, *, actor: Actor, now: datetime, target: BallotVote, serial: int
) -> codes.PrintedSlip:
    require_ballot_officer(session, actor, target, _("Replacing a voting slip"))
    return codes.reissue_code(session, target.vote, serial=serial, actor=actor.label, now=now)


SLIP_TITLE_LENGTH = 88


@dataclass(frozen=True)
class SlipView:
    serial: str
    code: str
    replaces: str | None


@dataclass(frozen=True)
class SlipSheet:
    """Everything the slips template prints, and nothing it would have to look up."""

    language: str
    cooperative: str
    vote_id: int
    title: str
    decides: str  # "Motion 2 (…) at assembly 1" or "Election 3"
    ranked: bool
    cast_command: str
    printed_on: str
    slips: tuple[SlipView, ...]


@in_cooperative_language
def slip_sheet(
    session: Session, target: BallotVote, slips: Sequence[codes.PrintedSlip], now: datetime
) -> SlipSheet:
    cooperative = get_cooperative(session)
    width = max(3, len(str(max((s.serial for s in slips), default=0))))
    if target.motion is not None:
        decides = _("{motion}, assembly {assembly}").format(
            motion=motion_label(target.motion), assembly=target.motion.assembly_id
        )
    elif target.election is not None:
        decides = _("Election {id}: {title}").format(id=target.election.id, title=target.election.title)
    else:
        decides = target.vote.title
    if len(decides) > SLIP_TITLE_LENGTH:  # three lines on the slip; the full title is in the minutes
        decides = decides[: SLIP_TITLE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:(") + "…"
    return SlipSheet(
        language=cooperative.language,
        cooperative=cooperative.name,
        vote_id=target.vote.id,
        title=target.vote.title,
        decides=decides,
        ranked=target.vote.kind is VoteKind.ranked,
        cast_command=f"coop ballot cast {target.vote.id}",
        printed_on=format_date(now, cooperative.language),
        slips=tuple(
            SlipView(
                serial=str(s.serial).zfill(width),
                code=s.code,
                replaces=str(s.replaces_serial).zfill(width) if s.replaces_serial else None,
            )
            for s in slips
        ),
    )


# --- casting ----------------------------------------------------------------------------------


def ballot_paper(target: BallotVote) -> list[Standing]:
    """The candidates a voter ranks, in the ballot paper's order (none for a yes/no vote)."""
    return elections.standing(target.election) if target.election is not None else []


def require_castable(target: BallotVote) -> None:
    """The vote is open and has voting codes: what a voting terminal checks before asking anything."""
    codes.require_codes(target.vote)
    codes.require_open(target.vote)


def check_code(session: Session, target: BallotVote, code: str) -> None:
    """The code is typed right and unused, before the voter is asked for a choice (reads only)."""
    codes.check_code(session, target.vote, code)


def cast_with_code(
    session: Session,
    *,
    now: datetime,
    target: BallotVote,
    code: str,
    choices: Sequence[str],
    list_shown: bool = False,
) -> codes.CodeCast:
    """Cast with a voting code: ``choices`` is one of yes/no/abstain, or the candidates in order
    (``list_shown``: the voter ranked from the numbered list, see :mod:`coop.votes.candidate_entry`)."""
    if target.vote.kind is VoteKind.ranked:
        if target.election is None:
            raise VoteError(_("Vote {id} is ranked but belongs to no election.").format(id=target.vote.id))
        names = elections.validate_ranking(target.election, choices, list_shown=list_shown)
        return codes.cast_with_code(session, target.vote, code=code, ranking=names, now=now)
    if len(choices) != 1:
        raise VoteError(_("Vote yes, no or abstain: one choice."))
    return codes.cast_with_code(session, target.vote, code=code, choice=parse_choice(choices[0]), now=now)


# --- paper ------------------------------------------------------------------------------------


def _candidate_lookup(session: Session, election: Election) -> dict[str, str]:
    lookup: dict[str, str] = {}
    if elections.is_list_election(election):  # a list by its name or its number on the ballot
        from coop.assemblies.election_lists import election_lists

        for found in election_lists(session, election):
            lookup[" ".join(found.name.split()).casefold()] = lookup[str(found.position)] = found.name
        return lookup
    for candidate in election.candidates:
        lookup[" ".join(candidate.name.split()).casefold()] = candidate.name
        member = session.get(Member, candidate.member_id)
        if member is not None and member.number:
            lookup[member.number.casefold()] = candidate.name
    return lookup


def read_teller_file(
    session: Session, target: BallotVote, path: Path, *, dialect: csvfiles.CsvDialect = csvfiles.DETECT
) -> list[str]:
    content = csvfiles.read_file(path)
    ranked = target.vote.kind is VoteKind.ranked
    lookup = _candidate_lookup(session, target.election) if ranked and target.election is not None else None
    return paper.read_paper_ballots(content, path.name, ranked=ranked, candidates=lookup, dialect=dialect)


def enter_paper(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    target: BallotVote,
    batch: int,
    teller: str,
    path: Path,
    dialect: csvfiles.CsvDialect = csvfiles.DETECT,
) -> paper.BatchComparison:
    """One teller's entry of a batch; the acting member is that teller or an officer."""
    member = find_member(session, teller)
    if not member.active:
        raise VoteError(
            _("{member} is not an active member and cannot be a teller.").format(member=member.label)
        )
    if actor.member is None or actor.member.id != member.id:
        require_ballot_officer(session, actor, target, _("Entering paper ballots for another teller"))
    ballots = read_teller_file(session, target, path, dialect=dialect)
    return paper.enter_batch(
        session,
        target.vote,
        number=batch,
        teller_id=member.id,
        teller_label=member.label,
        ballots=ballots,
        actor=actor.label,
        now=now,
    )


def accept_paper(session: Session, *, actor: Actor, now: datetime, target: BallotVote, batch: int) -> int:
    require_ballot_officer(session, actor, target, _("Accepting a batch of paper ballots"))
    return paper.accept_batch(session, target.vote, number=batch, actor=actor.label, now=now)


def discard_paper(session: Session, *, actor: Actor, now: datetime, target: BallotVote, batch: int) -> None:
    require_ballot_officer(session, actor, target, _("Setting aside a batch of paper ballots"))
    paper.discard_batch(session, target.vote, number=batch, actor=actor.label, now=now)


# --- export -----------------------------------------------------------------------------------


def export_ballots(session: Session, target: BallotVote, out: Path) -> int:
    """Write the ballots of a closed vote in random order: .csv (any vote) or .blt (ranked)."""
    from coop.votes.ballot_box import shuffled_choices, write_choices_csv
    from coop.votes.ballot_files import write_ballots_csv, write_blt, write_rules_json
    from coop.votes.models import VoteStatus

    if target.vote.status is not VoteStatus.closed:
        raise VoteError(
            _("{vote} is not closed; ballots are exported after the count.").format(vote=target.label)
        )
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".blt"):
        raise VoteError(_("Cannot write {file}: the ballots export as .csv or .blt.").format(file=out.name))
    if target.vote.kind is VoteKind.ranked:
        assert target.election is not None
        if elections.is_list_election(target.election):  # one list per ballot, blank or void
            from coop.assemblies.election_lists_count import export_list_ballots

            return export_list_ballots(session, target.election, out)
        ballots = elections.recount_ballots(session, target.election)
        rules = elections.count_rules_of(target.election)
        if suffix == ".blt":
            write_blt(out, ballots, rules)
        else:
            write_ballots_csv(out, ballots, rules)
            write_rules_json(out.with_suffix(".rules.json"), rules)
        return len(ballots)
    if suffix == ".blt":
        raise VoteError(_("BLT files hold ranked ballots; export a yes/no vote as .csv."))
    choices = shuffled_choices(session, target.vote)
    write_choices_csv(out, choices)
    return len(choices)
