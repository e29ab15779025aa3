"""``c.votes``: motions before an assembly and the votes that decide them (:mod:`coop.assemblies`
over :mod:`coop.votes`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coop.api.domain import Domain, write_document

if TYPE_CHECKING:
    from coop.assemblies.ballots import BallotVote
    from coop.assemblies.models import Assembly, Motion, Objection
    from coop.assemblies.motion_votes import CastResult
    from coop.assemblies.paper_ballots import PaperBallotSheet
    from coop.keys.material import OpenedKey
    from coop.members.models import Member
    from coop.votes.codes.returns import ReturnedEntry
    from coop.votes.models import Choice, VoteMethod
    from coop.votes.paper import BatchComparison
    from coop.votes.thresholds.inputs import Decision

__all__ = ["Votes"]


class Votes(Domain):
    """Motions and their votes: propose, second, amend, open the vote, cast, count and close."""

    def find_motion(self, motion: Motion | int | str) -> Motion:
        """The Motion with that id (a Motion is returned as it is). Raises AssemblyError."""
        from coop.assemblies.common import find_motion
        from coop.assemblies.models import Motion

        return motion if isinstance(motion, Motion) else find_motion(self.session, motion)

    def _on_motion(self, operation: Any, motion: Motion | int | str, **options: Any) -> Any:
        """Run a motion service with the bound session, actor and clock."""
        return self._run(operation, motion=self.find_motion(motion), **options)

    def _ballot_vote(self, vote: str | int) -> BallotVote:
        """The secret vote named ``motion:ID``, ``election:ID`` or by its number. Raises VoteError."""
        from coop.assemblies.ballots import find_ballot_vote

        return find_ballot_vote(self.session, str(vote))

    def _on_ballot_vote(self, operation: Any, vote: str | int, **options: Any) -> Any:
        """Run a ballot service on a secret vote with the bound session, actor and clock."""
        return self._run(operation, target=self._ballot_vote(vote), **options)

    def paper_ballots(self, vote: str | int, *, count: int | None = None) -> PaperBallotSheet:
        """The paper ballots of an open secret vote (``motion:ID``, ``election:ID`` or the vote number):
        yes/no/abstain boxes, or the numbered candidates to rank; ``count`` of them, by default one per
        active member. Raises VoteError."""
        from coop.assemblies.paper_ballots import paper_ballot_sheet

        return paper_ballot_sheet(self.session, self._ballot_vote(vote), count)

    def write_paper_ballots(self, vote: str | int, path: str | Path, *, count: int | None = None) -> Path:
        """Print :meth:`paper_ballots` to ``path`` (.html or .pdf). Returns the path."""
        return write_document(path, "paper_ballots.html.j2", sheet=self.paper_ballots(vote, count=count))

    def enter_paper_ballots(
        self, vote: str | int, path: str | Path, *, batch: int, teller: str
    ) -> BatchComparison:
        """One teller's transcription of a batch (pile) of paper ballots, from a CSV with one ballot per
        line (``sí``/``no``/``abstención``/``nulo``, or a ranking); once two tellers have entered the batch
        the comparison says whether they agree. Returns the BatchComparison. Raises VoteError."""
        from coop.assemblies.ballots import enter_paper

        return self._on_ballot_vote(enter_paper, vote, batch=batch, teller=teller, path=Path(path))

    def accept_paper_ballots(self, vote: str | int, *, batch: int) -> int:
        """Add a batch whose two entries agree to the ballot box (an officer). Returns how many ballots
        it added. Raises VoteError."""
        from coop.assemblies.ballots import accept_paper

        return self._on_ballot_vote(accept_paper, vote, batch=batch)

    def return_slips(
        self, vote: str | int, serials: Sequence[int | str], *, withdraw: bool = False
    ) -> ReturnedEntry:
        """Record the voting slips the tellers hold unused (a teller or an officer): ``serials`` as
        numbers or ranges (``"12-20"``). With ``withdraw``, take back serials entered by mistake.

        Returns what was entered, the serials among them whose code cast a ballot (the evidence of
        a ballot cast with a slip nobody used) and the account of every printed slip. Raises VoteError.
        """
        from coop.assemblies.ballots import return_slips

        return self._on_ballot_vote(
            return_slips, vote, serials=[str(serial) for serial in serials], withdraw=withdraw
        )

    def propose_motion(
        self,
        assembly: Assembly | int | str,
        *,
        title: str,
        text: str,
        kind: str | None = None,
        proposer: str | None = None,
        minutes_of: str | None = None,
        item: int | None = None,
    ) -> Motion:
        """Put a motion before an open assembly; its decision rule comes from the bylaws.

        ``item`` is the number of the agenda item it is proposed under (optional). ``kind``
        defaults to the kind that item names, else ``ordinary``. ``proposer`` defaults to the
        acting member. Returns the Motion. Raises AssemblyError.
        """
        from coop.assemblies.agenda import find_item
        from coop.assemblies.common import find_assembly
        from coop.assemblies.models import Assembly
        from coop.assemblies.motions import parse_motion_kind, propose_motion

        found = assembly if isinstance(assembly, Assembly) else find_assembly(self.session, assembly)
        if kind is None:
            kind = (find_item(found, item).motion_kind if item is not None else None) or "ordinary"
        return self._run(
            propose_motion,
            assembly=found,
            title=title,
            text=text,
            kind=parse_motion_kind(kind),
            proposer=proposer,
            minutes_of=minutes_of,
            agenda_item=item,
        )

    def edit_motion(
        self, motion: Motion | int | str, *, reason: str, title: str | None = None, text: str | None = None
    ) -> Motion:
        """Correct a motion's title or text while it is only proposed (its proposer or the secretary).

        ``reason`` is required; fields left ``None`` keep their value. Once seconded a motion changes
        only by an amendment (:meth:`amend_motion`). Returns the Motion. Raises AssemblyError.
        """
        from coop.assemblies.motions import edit_motion

        return self._on_motion(edit_motion, motion, reason=reason, title=title, text=text)

    def second_motion(self, motion: Motion | int | str, *, seconder: str | None = None) -> Motion:
        """Second a motion (another member than its proposer). Raises AssemblyError."""
        from coop.assemblies.motions import second_motion

        return self._on_motion(second_motion, motion, seconder=seconder)

    def amend_motion(
        self, motion: Motion | int | str, *, text: str, title: str = "", proposer: str | None = None
    ) -> Motion:
        """Propose an amendment (the whole new wording); returns the amendment. Raises AssemblyError."""
        from coop.assemblies.motions import amend_motion

        return self._on_motion(amend_motion, motion, title=title, text=text, proposer=proposer)

    def withdraw_motion(self, motion: Motion | int | str) -> Motion:
        """Withdraw a motion (its proposer, or an officer). Raises AssemblyError."""
        from coop.assemblies.motions import withdraw_motion

        return self._on_motion(withdraw_motion, motion)

    def postpone_motion(self, motion: Motion | int | str) -> Motion:
        """Postpone a motion. Raises AssemblyError."""
        from coop.assemblies.motions import postpone_motion

        return self._on_motion(postpone_motion, motion)

    def resume_motion(self, motion: Motion | int | str) -> Motion:
        """Take up a postponed motion again. Raises AssemblyError."""
        from coop.assemblies.motions import resume_motion

        return self._on_motion(resume_motion, motion)

    def open_motion_vote(
        self,
        motion: Motion | int | str,
        *,
        method: str | VoteMethod | None = None,
        at: datetime | time | None = None,
    ) -> Motion:
        """Open the vote (an officer): ``roll-call``, ``secret`` or ``show-of-hands``; consent needs none.

        ``at`` is when it opened, if not now (a ``time`` is on the assembly's day): the quorum is
        counted from the attendance at that moment and recorded with it. Returns the Motion.
        Raises AssemblyError or VoteError.
        """
        from coop.assemblies.motion_votes import open_motion_vote
        from coop.votes.service import parse_method

        chosen = parse_method(method) if isinstance(method, str) else method
        return self._on_motion(open_motion_vote, motion, method=chosen, at=at)

    def cast_motion_vote(
        self,
        motion: Motion | int | str,
        choice: str | Choice,
        *,
        voter: str | None = None,
        on_behalf_of: str | None = None,
    ) -> CastResult:
        """Record one vote (``yes``, ``no``, ``abstain``), in person or for a proxy giver.

        ``voter`` defaults to the acting member; a secret vote is cast by the voter only.
        Returns who voted. Raises AssemblyError or VoteError.
        """
        from coop.assemblies.motion_votes import cast_motion_vote
        from coop.votes.service import parse_choice

        chosen = parse_choice(choice) if isinstance(choice, str) else choice
        return self._on_motion(
            cast_motion_vote, motion, choice=chosen, voter=voter, on_behalf_of=on_behalf_of
        )

    def cast_roll_call(
        self,
        motion: Motion | int | str,
        entries: Sequence[str] = (),
        *,
        path: str | Path | None = None,
        delimiter: str | None = None,
        encoding: str | None = None,
    ) -> list[CastResult]:
        """Record a whole roll call at once: from a CSV file (``path``), typed entries, or both.

        The file has the columns ``number`` and ``choice`` (Spanish ``número`` and ``voto`` or
        ``opción``) and, for a vote cast with a proxy, ``for`` (``en representación de``): the
        absent member the proxy holder votes for. Its ``delimiter`` and ``encoding`` are detected
        unless named. An entry is ``NUMBER=CHOICE`` (``0004=yes``, ``0005=abstención``).

        Each vote gets the checks of :meth:`cast_motion_vote`; all are recorded, or none: a VoteError
        lists every refused line. Returns who voted, in order. Raises AssemblyError or VoteError.
        """
        from coop.assemblies.roll_call import cast_roll_call, lines_from_entries, lines_from_file
        from coop.csvfiles import CsvDialect
        from coop.errors import VoteError

        dialect = CsvDialect.named(delimiter=delimiter, encoding=encoding, error=VoteError)
        found = self.find_motion(motion)
        lines, problems = lines_from_file(Path(path), dialect=dialect) if path is not None else ([], [])
        typed, mistyped = lines_from_entries(entries)
        return self._on_motion(cast_roll_call, found, lines=[*lines, *typed], problems=[*problems, *mistyped])

    def withdraw_roll_call_vote(self, motion: Motion | int | str, *, member: str, reason: str) -> Member:
        """Withdraw a member's roll-call vote recorded by mistake, while the vote is open (an officer).

        ``member`` is the one the vote counts for (for a proxy vote, the giver); the member may then
        vote again. The audit log keeps the withdrawn choice and the ``reason``. Refused for a secret
        vote, a show of hands and a closed vote. Returns the member. Raises AssemblyError or VoteError.
        """
        from coop.assemblies.roll_call import withdraw_roll_call_vote

        return self._on_motion(withdraw_roll_call_vote, motion, member=member, reason=reason)

    def enter_hand_count(
        self, motion: Motion | int | str, *, yes: int, no: int, abstain: int, tellers: str | None = None
    ) -> Motion:
        """Enter the tellers' count of a show of hands (an officer). Raises AssemblyError or VoteError."""
        from coop.assemblies.motion_votes import enter_hand_count

        return self._on_motion(enter_hand_count, motion, yes=yes, no=no, abstain=abstain, tellers=tellers)

    def close_motion_vote(
        self,
        motion: Motion | int | str,
        *,
        casting_vote: str | None = None,
        confirm_empty: bool = False,
        at: datetime | time | None = None,
        slips_unbalanced: str | None = None,
        officer_key: OpenedKey | None = None,
    ) -> Decision:
        """Count, decide under the bylaws' rule and move the motion (an officer).

        ``at`` is when the vote closed, if not now (a ``time`` is on the assembly's day). A vote
        cast with voting codes closes once every printed slip is used, returned unused
        (:meth:`return_slips`) or cancelled; otherwise only with ``slips_unbalanced``, the reason.
        ``officer_key`` (from ``c.keys.open``) opens a secret vote's sealed ballots; it is needed
        when the vote received any. Returns the Decision (``adopted``, the counts and an
        ``explanation``). Raises AssemblyError, VoteError, or KeyFileError for another key.
        """
        from coop.assemblies.motion_votes import close_motion_vote

        return self._on_motion(
            close_motion_vote,
            motion,
            casting_vote=casting_vote,
            confirm_empty=confirm_empty,
            at=at,
            slips_unbalanced=slips_unbalanced,
            officer_key=officer_key,
        )

    def raise_objection(
        self, motion: Motion | int | str, *, reason: str, member: str | None = None
    ) -> Objection:
        """Raise a reasoned objection to a consent motion. Returns the Objection. Raises AssemblyError."""
        from coop.assemblies.objections import raise_objection

        return self._on_motion(raise_objection, motion, reason=reason, member=member)

    def resolve_objection(self, objection_id: int, *, resolution: str, withdrawn: bool = False) -> Objection:
        """Record how an objection was resolved, or its withdrawal. Raises AssemblyError."""
        from coop.assemblies.objections import resolve_objection

        return self._run(
            resolve_objection,
            objection_id=objection_id,
            resolution=resolution,
            withdrawn=withdrawn,
        )
