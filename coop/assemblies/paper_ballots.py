"""Paper ballots for a secret vote: yes / no / abstain boxes for a motion, the numbered candidates
with a box for each one's rank for an election.

They match the voting-code slips (same heading, the vote's number), so that a member who hands a
slip to the tellers gets a paper ballot for the same vote. A paper ballot carries no name, number or
code: what the tellers enter from it (``coop ballot paper enter``) cannot be linked to a voter.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop import vocabulary
from coop.assemblies.ballots import SLIP_TITLE_LENGTH, BallotVote
from coop.assemblies.common import motion_label
from coop.assemblies.election_lists import election_lists, is_list_election, list_rules_of
from coop.assemblies.election_report.rules_text import method_name
from coop.assemblies.elections import count_rules_of
from coop.errors import VoteError
from coop.i18n import _, in_cooperative_language, ngettext
from coop.members.cooperative import get_cooperative
from coop.members.models import Member
from coop.members.register import count_active_members
from coop.votes.models import Choice, Election, VoteStatus

# A ballot for a yes/no vote is a slip's size (eight to a page); an election ballot takes half a page
# while its candidates fit, else a page.
MOTION_BALLOTS_PER_PAGE = 8
CANDIDATES_ON_HALF_A_PAGE = 12
MAX_BALLOTS = 5000


@dataclass(frozen=True)
class PaperCandidate:
    position: int  # the number printed beside the name
    name: str
    number: str  # the member number, which the tellers may type when they enter the ballot


@dataclass(frozen=True)
class PaperBallotSheet:
    vote_id: int
    language: str
    cooperative: str
    heading: str  # "Paper ballot · Vote 8"
    decides: str  # "Motion 3 (...), assembly 2" or "Election 1: Consejo de administración"
    instruction: str  # what to mark, in one sentence
    rules: str  # for an election: how it is counted, in one sentence; else ""
    choices: tuple[str, ...]  # the boxes of a yes/no vote, in the cooperative's words
    candidates: tuple[PaperCandidate, ...]
    count: int
    per_page: int

    @property
    def ballots(self) -> range:
        return range(self.count)


@in_cooperative_language
def paper_ballot_sheet(session: Session, target: BallotVote, count: int | None = None) -> PaperBallotSheet:
    """``count`` paper ballots for the secret vote ``target`` (by default one per active member)."""
    if count is None:
        count = count_active_members(session)
    if not 1 <= count <= MAX_BALLOTS:
        raise VoteError(
            _("Print between 1 and {most} paper ballots at a time, not {count}.").format(
                most=MAX_BALLOTS, count=count
            )
        )
    if target.vote.status is VoteStatus.closed:
        raise VoteError(
            _("Vote {id} is closed; paper ballots are printed for a vote that is open.").format(
                id=target.vote.id
            )
        )
    cooperative = get_cooperative(session)
    heading = _("Paper ballot · Vote {id}").format(id=target.vote.id)
    if target.election is not None:
        election = target.election
        if is_list_election(election):  # one box per list (coop.assemblies.election_lists)
            return _list_ballot_sheet(
                session, target, election, cooperative.language, cooperative.name, count
            )
        rules = count_rules_of(election)
        numbers = {member.id: member.number or "" for member in session.scalars(select(Member))}
        candidates = tuple(
            PaperCandidate(position, candidate.name, numbers.get(candidate.member_id, ""))
            for position, candidate in enumerate(
                sorted(election.candidates, key=lambda c: c.position), start=1
            )
        )
        return PaperBallotSheet(
            vote_id=target.vote.id,
            language=cooperative.language,
            cooperative=cooperative.name,
            heading=heading,
            decides=_("Election {id}: {title}").format(id=election.id, title=election.title),
            instruction=_(
                "Write 1 in the box of your first choice, 2 in the box of your second, and so on; rank as "
                "many candidates as you wish, each number once."
            ),
            rules=ngettext(
                "Counted by {method}, for {seats} seat.",
                "Counted by {method}, for {seats} seats.",
                election.seats,
            ).format(method=method_name(rules), seats=election.seats),
            choices=(),
            candidates=candidates,
            count=count,
            per_page=2 if len(candidates) <= CANDIDATES_ON_HALF_A_PAGE else 1,
        )
    decides = (
        _("{motion}, assembly {assembly}").format(
            motion=motion_label(target.motion), assembly=target.motion.assembly_id
        )
        if target.motion is not None
        else target.vote.title
    )
    if len(decides) > SLIP_TITLE_LENGTH:  # three lines, as on the slip; the full title is in the minutes
        decides = decides[: SLIP_TITLE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:(") + "…"
    return PaperBallotSheet(
        vote_id=target.vote.id,
        language=cooperative.language,
        cooperative=cooperative.name,
        heading=heading,
        decides=decides,
        instruction=_("Mark one box only. Do not write your name: the ballot is secret."),
        rules="",
        choices=tuple(vocabulary.label(choice) for choice in Choice),
        candidates=(),
        count=count,
        per_page=MOTION_BALLOTS_PER_PAGE,
    )


def _list_ballot_sheet(
    session: Session, target: BallotVote, election: Election, language: str, cooperative: str, count: int
) -> PaperBallotSheet:
    """An election by lists: the numbered lists, a box each; one mark, or none for a blank ballot."""
    from coop.assemblies.election_report.lists import method_words

    lists = election_lists(session, election)
    alternates = list_rules_of(election).alternates
    return PaperBallotSheet(
        vote_id=target.vote.id,
        language=language,
        cooperative=cooperative,
        heading=_("Paper ballot · Vote {id}").format(id=target.vote.id),
        decides=_("Election {id}: {title}").format(id=election.id, title=election.title),
        instruction=_(
            "Mark the box of one list only. A ballot with no mark is blank; one with more than one mark "
            "is void."
        ),
        rules=_("Counted by {method}, for {seats} and {alternates}.").format(
            method=method_words(election.rules_preset or ""),
            seats=ngettext("{count} seat", "{count} seats", election.seats).format(count=election.seats),
            alternates=ngettext("{count} alternate", "{count} alternates", alternates).format(
                count=alternates
            ),
        ),
        choices=(),
        candidates=tuple(PaperCandidate(found.position, found.name, "") for found in lists),
        count=count,
        per_page=2,
    )
