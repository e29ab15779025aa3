"""A secret vote's paper batches and ballot box as commands show them: frozen views, each with one
``as_json()``, the one serializer that ``--format json`` prints and the tables read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from coop.i18n import N_
from coop.views import Converters, View

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coop.votes.ballot_box import Reconciliation
    from coop.votes.models import PaperBatch, PaperBatchStatus, Vote, VoteKind, VoteStatus
    from coop.votes.paper import BatchComparison


def teller_labels(session: Session, member_ids: tuple[int, ...]) -> list[str]:
    """The tellers of a batch as messages name them, in the order they entered it."""
    from coop.members.models import Member

    return [member.label for member in (session.get(Member, i) for i in member_ids) if member is not None]


def _mismatch_rows(mismatches: tuple[tuple[int, str, str], ...]) -> list[dict[str, Any]]:
    return [
        {"position": position, "first": first, "second": second} for position, first, second in mismatches
    ]


@dataclass(frozen=True)
class BatchComparisonView(View):
    """The two tellers' entries of one paper batch, side by side: counts and where they differ."""

    json_omit: ClassVar[frozenset[str]] = frozenset({"complete", "counts"})
    json_convert: ClassVar[Converters] = {
        "entries": lambda entries: [{"teller": teller, "ballots": count} for teller, count in entries],
        "mismatches": _mismatch_rows,
    }
    headings: ClassVar[Mapping[str, str]] = {
        "vote_id": N_("Vote"),
        "batch": N_("Batch"),
        "status": N_("Status"),
        "entries": N_("Entries"),
        "agree": N_("Entries agree"),
        "mismatches": N_("Mismatches"),
        "position": N_("Position"),
    }

    vote_id: int
    batch: int
    status: PaperBatchStatus
    entries: tuple[tuple[str, int], ...]  # (teller, ballots entered), in the order they entered
    agree: bool
    complete: bool
    counts: tuple[int, ...]
    mismatches: tuple[tuple[int, str, str], ...]  # (position, first entry, second entry)

    @property
    def tellers(self) -> list[str]:
        return [teller for teller, _count in self.entries]

    def mismatch_rows(self) -> list[dict[str, Any]]:
        return _mismatch_rows(self.mismatches)


def batch_comparison_view(session: Session, vote_id: int, comparison: BatchComparison) -> BatchComparisonView:
    """The view of a batch comparison, its tellers named and its ballots described in words."""
    from coop.votes.paper import describe_ballot

    tellers = teller_labels(session, comparison.tellers)
    return BatchComparisonView(
        vote_id=vote_id,
        batch=comparison.number,
        status=comparison.status,
        entries=tuple(zip(tellers, comparison.counts, strict=True)),
        agree=comparison.agree,
        complete=comparison.complete,
        counts=tuple(comparison.counts),
        mismatches=tuple(
            (m.position, describe_ballot(m.first), describe_ballot(m.second)) for m in comparison.mismatches
        ),
    )


@dataclass(frozen=True)
class PaperBatchView(View):
    """One batch of paper ballots, as listed."""

    headings: ClassVar[Mapping[str, str]] = {
        "batch": N_("Batch"),
        "status": N_("Status"),
        "tellers": N_("Tellers"),
        "entered": N_("Entered"),
        "mismatches": N_("Mismatches"),
        "ballots": N_("Accepted"),
    }

    batch: int
    status: PaperBatchStatus
    tellers: tuple[str, ...]
    entered: tuple[int, ...]
    mismatches: int
    ballots: int | None


def list_paper_batches(session: Session, vote: Vote) -> list[PaperBatchView]:
    """A vote's batches of paper ballots, in their order."""
    from coop.votes.paper import compare_batch, list_batches

    return [_batch_view(session, found, compare_batch(found)) for found in list_batches(session, vote)]


def _batch_view(session: Session, batch: PaperBatch, comparison: BatchComparison) -> PaperBatchView:
    return PaperBatchView(
        batch=batch.number,
        status=batch.status,
        tellers=tuple(teller_labels(session, comparison.tellers)),
        entered=tuple(comparison.counts),
        mismatches=len(comparison.mismatches),
        ballots=batch.ballots,
    )


@dataclass(frozen=True)
class BallotBoxView(View):
    """A secret vote's ballot box: slips, codes, ballots, paper batches and, once closed, its digest."""

    headings: ClassVar[Mapping[str, str]] = {
        "vote_id": N_("Vote"),
        "reference": N_("Reference"),
        "title": N_("Title"),
        "kind": N_("Kind"),
        "status": N_("Status"),
        "uses_codes": N_("Voting codes"),
        "eligible": N_("Eligible voters"),
        "slips_issued": N_("Slips issued"),
        "codes_printed": N_("Codes printed"),
        "codes_used": N_("Codes used"),
        "codes_cancelled": N_("Codes cancelled"),
        "spares_left": N_("Spare slips left"),
        "slips_returned": N_("Slips returned unused"),
        "slips_unaccounted": N_("Slips unaccounted for"),
        "slips_contradicted": N_("Returned unused but used to vote"),
        "ballots": N_("Ballots"),
        "paper_ballots": N_("Paper ballots"),
        "paper_batches_pending": N_("Paper batches pending"),
        "ballots_digest": N_("Ballots fingerprint"),
        "count": N_("Count"),
    }

    vote_id: int
    reference: str
    title: str
    kind: VoteKind
    status: VoteStatus
    uses_codes: bool
    eligible: int
    slips_issued: int
    codes_printed: int
    codes_used: int
    codes_cancelled: int
    spares_left: int
    ballots: int
    paper_ballots: int
    paper_batches_pending: tuple[int, ...]
    ballots_digest: str | None
    count: BallotCountView | None


def ballot_box_view(session: Session, vote: Vote, reference: str) -> BallotBoxView:
    """The ballot box of ``vote`` (named ``reference``, e.g. motion:12), reconciled now."""
    from coop.votes.ballot_box import frozen_record, reconcile

    summary = reconcile(session, vote)
    frozen = frozen_record(session, vote.id)
    return BallotBoxView(
        vote_id=vote.id,
        reference=reference,
        title=vote.title,
        kind=vote.kind,
        status=vote.status,
        uses_codes=vote.code_pepper is not None,
        eligible=summary.eligible,
        slips_issued=summary.slips_issued,
        codes_printed=summary.codes_printed,
        codes_used=summary.codes_used,
        codes_cancelled=summary.codes_cancelled_lost + summary.codes_cancelled_paper,
        spares_left=summary.spares_left,
        ballots=summary.ballots,
        paper_ballots=summary.paper_ballots,
        paper_batches_pending=tuple(summary.paper_batches_pending),
        ballots_digest=frozen["ballots_digest"] if frozen else None,
        count=BallotCountView.of(frozen["count"]) if frozen else None,
    )


@dataclass(frozen=True)
class BallotCountView(View):
    """What the ballots of a closed secret vote say, in totals, as frozen at the close: yes, no,
    abstain and invalid for a yes/no vote; ranked, blank and invalid for a ranked one.

    JSON writes the totals the record holds, in the record's (alphabetical) order.
    """

    json_omit_none: ClassVar[frozenset[str]] = frozenset(
        {"abstain", "blank", "invalid", "no", "ranked", "yes"}
    )
    headings: ClassVar[Mapping[str, str]] = {
        "abstain": N_("Abstentions"),
        "blank": N_("Blank"),
        "invalid": N_("Invalid"),
        "no": N_("No"),
        "ranked": N_("With a ranking"),
        "yes": N_("Yes"),
    }

    abstain: int | None = None
    blank: int | None = None
    invalid: int | None = None
    no: int | None = None
    ranked: int | None = None
    yes: int | None = None

    @classmethod
    def of(cls, count: Mapping[str, int]) -> BallotCountView:
        return cls(**count)


def reconciliation_view(result: Reconciliation) -> Reconciliation:
    """A reconciliation is its own view: what ``coop ballot reconcile`` shows."""
    return result
