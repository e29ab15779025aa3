"""Ranked-choice elections: candidates who consent to stand, secret ranked ballots, the count.

The count is the pure tabulator's (``coop.votes.tally``); this module stores ballots with no
path back to the voter, records who took part apart from them, and fixes the result at the
close as a snapshot with its hash, which every results report prints from.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from coop import vocabulary
from coop.assemblies.agenda import item_for_election, store_draft_election
from coop.assemblies.attendance import present_member_ids, require_proxy
from coop.assemblies.common import find_assembly
from coop.assemblies.election_lists import is_list_election, require_lists_to_open
from coop.assemblies.election_lists_count import count_list_election
from coop.assemblies.election_methods import count_ballots
from coop.assemblies.election_presets import RULE_PRESETS, preset_rules
from coop.assemblies.meetings import current_quorum
from coop.assemblies.moments import Moment, moment_of, refuse_before, refuse_future, with_time
from coop.audit import canonical_json, record_change, record_event
from coop.db import get_by_number
from coop.errors import VoteError
from coop.i18n import _, for_the_record, ngettext
from coop.keys.material import OpenedKey
from coop.members.actors import Actor, find_member, require_role
from coop.members.models import Member, Role
from coop.members.register import count_active_members, list_members
from coop.rules.quorum import QuorumCheck
from coop.votes import service as votes
from coop.votes.ballot_box import freeze_vote, lock_ballot_box
from coop.votes.ballot_files import read_rules_json, rules_from_text, rules_to_json
from coop.votes.candidate_entry import Standing, match_ranking
from coop.votes.closing_record import record_closing
from coop.votes.codes.returns import certify_slips, unbalanced_record
from coop.votes.codes.symbols import SECRET_CAST_ACTOR
from coop.votes.models import Candidate, Election, ElectionStatus, SecretBallot, VoteKind, VoteMethod
from coop.votes.sealing import open_ballot_box
from coop.votes.tally import CountRules, RankedBallot


def find_election(session: Session, reference: str | int) -> Election:
    return get_by_number(
        session,
        Election,
        reference,
        error=VoteError,
        missing=_("There is no election {ref}; see them with: coop election list"),
    )


def _candidate_names(members: list[Member]) -> list[str]:
    names = [m.name for m in members]
    # Two candidates with the same name are told apart by their member numbers.
    return [m.label if names.count(m.name) > 1 else m.name for m in members]


def create_election(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    title: str,
    seats: int,
    rules: str,
    candidates: Sequence[str],
    assembly: str | None = None,
    agenda_item: int | None = None,
) -> Election:
    """Set up an election; candidates are entered by the returning officer once they consent to stand.

    ``agenda_item`` is the number of the assembly's agenda item the election decides."""
    require_role(session, actor, Role.secretary, _("Setting up an election"))
    if not title.strip():
        raise VoteError(_('An election needs a title: --title "Consejo de administración 2027".'))
    if seats < 1:
        raise VoteError(_("An election fills at least one seat."))
    standing = [find_member(session, reference) for reference in candidates]
    for member in standing:
        if not member.active:
            raise VoteError(
                _("{member} is not an active member and cannot stand.").format(member=member.label)
            )
    if len({m.id for m in standing}) != len(standing):
        raise VoteError(_("A candidate is listed twice; each member stands once."))
    if len(standing) < seats:
        raise VoteError(
            ngettext(
                "{count} candidate cannot fill {seats} seats; add candidates or reduce the seats.",
                "{count} candidates cannot fill {seats} seats; add candidates or reduce the seats.",
                len(standing),
            ).format(count=len(standing), seats=seats)
        )
    names = _candidate_names(standing)
    linked = find_assembly(session, assembly) if assembly is not None else None
    item = item_for_election(linked, agenda_item) if agenda_item is not None else None
    if rules in RULE_PRESETS:
        count_rules = preset_rules(rules, names, seats, title.strip(), secrets.randbelow(2**31))
        preset: str | None = rules
    else:
        if not Path(rules).is_file():
            raise VoteError(
                _(
                    "'{rules}' is not a rules preset (irv, stv-droop, meek, wigm, scottish, schulze) nor "
                    "a rules.json file that exists."
                ).format(rules=rules)
            )
        read = read_rules_json(Path(rules))
        if read.seats != seats:
            raise VoteError(
                ngettext(
                    "The rules file is for {rules} seat, but the election has {seats}.",
                    "The rules file is for {rules} seats, but the election has {seats}.",
                    read.seats,
                ).format(rules=read.seats, seats=seats)
            )
        count_rules = CountRules(
            **{**read.__dict__, "candidates": tuple(names), "title": title.strip(), "excluded_candidates": ()}
        )
        count_rules.check()
        preset = None
    return store_draft_election(
        session,
        actor=actor,
        now=now,
        title=title,
        seats=seats,
        rules_preset=preset,
        rules_json=canonical_json(rules_to_json(count_rules)),
        assembly=linked,
        item=item,
        details={"rules": preset or "file", "candidates": names},
        candidates=[
            Candidate(member_id=m.id, name=name, position=index, consented_at=now)
            for index, (m, name) in enumerate(zip(standing, names, strict=True), start=1)
        ],
    )


def count_rules_of(election: Election) -> CountRules:
    return rules_from_text(election.rules_json, f"election {election.id}")


def _eligible_quorum(session: Session, election: Election, at: datetime | None = None) -> QuorumCheck:
    """Who may vote (now, or at ``at`` as the attendance record has it), with the statement stored
    with the vote (in the cooperative's language)."""
    if election.assembly_id is not None:
        assembly = find_assembly(session, election.assembly_id)
        with for_the_record(session):
            check = current_quorum(session, assembly, at)
        if not check.met:
            # Told to whoever opens the election: the same check, in their language.
            refused = current_quorum(session, assembly, at)
            raise VoteError(_("The election cannot open: {quorum}").format(quorum=refused.explanation))
        return check
    active = count_active_members(session)
    with for_the_record(session):
        statement = ngettext(
            "Open to the {count} active member.", "Open to all {count} active members.", active
        ).format(count=active)
    return QuorumCheck(
        met=True,
        present=active,
        proxies_counted=0,
        counted_total=active,
        required=0,
        missing=0,
        at_second_call=False,
        explanation=statement,
    )


def _election_moment(
    session: Session, election: Election, at: Moment | None, now: datetime, what: str
) -> datetime:
    """When an act of the election happened: now, or ``at`` (a bare time on its assembly's day)."""
    if at is None:
        return now
    if isinstance(at, datetime) or election.assembly_id is None:
        moment = at if isinstance(at, datetime) else datetime.combine(now.date(), at)
    else:
        moment = moment_of(find_assembly(session, election.assembly_id), at, now)
    refuse_future(moment, now, what)
    return moment


def open_election(
    session: Session, *, actor: Actor, now: datetime, election: Election, at: Moment | None = None
) -> Election:
    """Open the election for ballots, now or at ``at`` (entered after the fact from the notes)."""
    require_role(session, actor, Role.secretary, _("Opening an election"))
    if election.status is not ElectionStatus.draft:
        raise VoteError(
            _("Election {id} is {status}; only an election in preparation can be opened.").format(
                id=election.id, status=vocabulary.label(election.status)
            )
        )
    opened_at = _election_moment(session, election, at, now, _("election opening"))
    require_lists_to_open(session, election)
    quorum = _eligible_quorum(session, election, None if at is None else opened_at)
    vote = votes.open_vote(
        session,
        title=election.title,
        method=VoteMethod.secret,
        rule="ranked",
        tie_rule="rules",
        article=None,
        quorum=quorum,
        active_members=count_active_members(session),
        now=opened_at,
        kind=VoteKind.ranked,
    )
    election.vote_id = vote.id
    election.vote = vote
    election.status = ElectionStatus.open
    election.opened_at = opened_at
    record_change(
        session,
        "coop.election.opened",
        actor,
        now,
        with_time(
            {
                "election_id": election.id,
                "vote_id": vote.id,
                "eligible": quorum.present + quorum.proxies_represented,
            },
            opened_at,
            now,
            assembly_id=election.assembly_id,
        ),
    )
    return election


def standing(election: Election) -> list[Standing]:
    """The candidates in the ballot paper's order, with the member numbers voters may rank them by."""
    session = object_session(election)
    assert session is not None  # an election is always read through a session
    rows = session.execute(
        select(Candidate.member_id, Member.number)
        .join(Member, Candidate.member_id == Member.id)
        .where(Candidate.election_id == election.id)
    )
    numbers = {member_id: number for member_id, number in rows}
    return [Standing(c.name, numbers.get(c.member_id)) for c in election.candidates]


def validate_ranking(election: Election, ranking: Sequence[str], *, list_shown: bool = False) -> list[str]:
    """Candidate names in order of preference (see :mod:`coop.votes.candidate_entry` for what a voter
    may type); an unknown or ambiguous entry or a repeated rank is refused. ``list_shown``: the voter
    has the numbered list in front of them, so a number up to its length is a number on it."""
    from coop.assemblies import election_lists  # an election by lists: one list, or a blank ballot

    if election_lists.is_list_election(election):
        return election_lists.list_choice(object_session(election), election, ranking)  # type: ignore[arg-type]
    return match_ranking(standing(election), ranking, list_shown=list_shown)


@dataclass(frozen=True)
class ElectionCast:
    voter: str
    on_behalf_of: str | None
    ranks: int


def cast_election_ballot(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    election: Election,
    ranking: Sequence[str],
    on_behalf_of: str | None = None,
) -> ElectionCast:
    """One secret ranked ballot, cast by the voter themselves (for themselves or a proxy giver)."""
    if election.status is not ElectionStatus.open or election.vote is None:
        raise VoteError(_("Election {id} is not open for voting.").format(id=election.id))
    if actor.member is None:
        raise VoteError(_("Each member casts their own ballot: run the command --as yourself."))
    voter = actor.member
    names = validate_ranking(election, ranking)
    represented = voter
    if election.assembly_id is not None:
        assembly = find_assembly(session, election.assembly_id)
        if voter.id not in present_member_ids(assembly):
            raise VoteError(
                _("{member} is not recorded as present at the assembly, so cannot vote.").format(
                    member=voter.label
                )
            )
        if on_behalf_of is not None:
            represented = find_member(session, on_behalf_of)
            require_proxy(assembly, voter, represented)
    elif on_behalf_of is not None:
        raise VoteError(_("Proxies are for elections held at an assembly."))
    if not voter.active or not represented.active:
        raise VoteError(_("Only active members vote."))
    vote = election.vote
    votes.record_choice(
        session,
        vote,
        represented_member_id=represented.id,
        cast_by_member_id=voter.id,
        choice=None,
        voter_label=represented.label,
        ranking=names,
    )
    # A secret ballot: the log says a ballot went in, never whose (see coop.assemblies.motion_votes).
    record_event(
        session,
        "coop.election.ballot_cast",
        actor=SECRET_CAST_ACTOR,
        now=now,
        data={"election_id": election.id},
    )
    return ElectionCast(
        voter=voter.label,
        on_behalf_of=represented.label if represented.id != voter.id else None,
        ranks=len(names),
    )


def stored_ballots(session: Session, election: Election) -> list[list[str]]:
    if election.vote_id is None:
        return []
    rows = session.scalars(select(SecretBallot.ranking).where(SecretBallot.vote_id == election.vote_id))
    return [json.loads(row) for row in rows if row]


def result_hash(result_json: str) -> str:
    return hashlib.sha256(result_json.encode("utf-8")).hexdigest()


def close_election(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    election: Election,
    at: Moment | None = None,
    slips_unbalanced: str | None = None,
    officer_key: OpenedKey | None = None,
) -> dict:
    """Count the ballots under the stored rules and fix the result with its hash; ``at`` is when
    the election closed, if not now. Coded slips must balance, or ``slips_unbalanced`` say why not.
    Ballots sealed to the returning officer's key are opened with ``officer_key`` (see
    :mod:`coop.votes.sealing`); without it the close is refused."""
    require_role(session, actor, Role.secretary, _("Closing an election"))
    if election.status is not ElectionStatus.open or election.vote is None:
        raise VoteError(_("Election {id} is not open, so it cannot be closed.").format(id=election.id))
    closed_at = _election_moment(session, election, at, now, _("election closing"))
    if at is not None and election.opened_at is not None:
        refuse_before(closed_at, election.opened_at, _("election closing"), _("the opening of the election"))
    lock_ballot_box(session, election.vote)  # no ballot lands while the election is counted and frozen
    slips = certify_slips(session, election.vote, unbalanced_reason=slips_unbalanced)
    open_ballot_box(session, election.vote, officer_key)  # sealed ballots opened, every ballot shuffled
    ballots = stored_ballots(session, election)
    if not ballots:
        raise VoteError(
            _("No ballots were cast in election {id}; it cannot be counted.").format(id=election.id)
        )
    if is_list_election(election):  # seats to lists: coop.assemblies.election_lists_count
        result_data = count_list_election(session, election)
    else:  # ranked: coop.assemblies.election_methods
        result_data = count_ballots(election.rules_preset, count_rules_of(election), ballots)
    election.result_json = canonical_json(result_data)
    election.result_hash = result_hash(election.result_json)
    election.status = ElectionStatus.closed
    election.closed_at = closed_at
    vote = election.vote
    # The ballot box is fixed in the audit chain while the vote is still open.
    freeze_vote(session, vote=vote, actor=actor.label, now=now)
    vote.status = vote.status.closed
    vote.closed_at = closed_at
    record_closing(session, vote=vote, actor=actor.label, now=now, election=election)  # what decided
    record_change(
        session,
        "coop.election.closed",
        actor,
        now,
        with_time(
            {
                "election_id": election.id,
                "ballots": len(ballots),
                "winners": list(result_data["winners"]),
                "result_hash": election.result_hash,
            }
            | unbalanced_record(slips, slips_unbalanced),
            closed_at,
            now,
            assembly_id=election.assembly_id,
        ),
    )
    return result_data


def official_result(election: Election) -> dict:
    if election.result_json is None:
        raise VoteError(_("Election {id} has not been counted yet; close it first.").format(id=election.id))
    if result_hash(election.result_json) != election.result_hash:
        raise VoteError(
            _(
                "The stored result of election {id} does not match its hash; it was altered after the "
                "count. Check the database with: coop audit verify"
            ).format(id=election.id)
        )
    return json.loads(election.result_json)


def recount_ballots(session: Session, election: Election) -> list[RankedBallot]:
    """The ballots in random order, for a recount elsewhere: the order says nothing about who voted."""
    ballots = stored_ballots(session, election)
    secrets.SystemRandom().shuffle(ballots)
    return [RankedBallot.from_names(names) for names in ballots]


def list_elections(session: Session) -> list[Election]:
    return list(session.scalars(select(Election).order_by(Election.id)))


def eligible_voters(session: Session, election: Election) -> int:
    if election.vote is not None:
        return election.vote.quorum_present + election.vote.quorum_proxies
    return len(list_members(session))
