"""What the printed results of an election by lists show: a frozen view model built in
``coop.assemblies.election_report.lists`` from the stored official result (never recounted).

Every number arrives as the string to print, every word already translated.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from coop.reports.election_model import RuleLine


@dataclass(frozen=True)
class QuotientCell:
    value: str  # "33.333,33"
    seat: int | None  # the seat this quotient took (1 = first), if any


@dataclass(frozen=True)
class ListRow:
    """One list in the count: its votes, share and seats; its quotients under each divisor."""

    number: int
    name: str
    votes: str
    share: str  # "43,48 %"
    takes_part: bool
    seats: int
    alternate_places: int
    quotients: tuple[QuotientCell, ...]  # one per divisor; () for lista completa and incompleta


@dataclass(frozen=True)
class ElectedList:
    """Who a list elected: its titulares for its seats, its suplentes for its alternate places."""

    name: str
    titulares: tuple[str, ...]
    suplentes: tuple[str, ...]
    sentence: str  # "4 seats and 2 alternate places"


@dataclass(frozen=True)
class ListElectionReport:
    cooperative: str
    title: str
    election_title: str
    election_number: str
    count_date: str
    count_time: str
    method: str
    seats: int
    alternates: int
    total_ballots: str
    valid_votes: str
    blank: str
    void: str
    eligible_voters: int | None
    turnout: str | None
    turnout_sentence: str
    threshold: str  # "12 % of the valid votes: 2,76 votes" or "none"
    lists: tuple[ListRow, ...]
    divisors: tuple[int, ...]
    seat_sentence: str  # "Seats in order: 1 Lista A, 2 Lista B, ..."
    alternate_sentence: str
    elected: tuple[ElectedList, ...]
    winners: tuple[str, ...]
    alternates_elected: tuple[str, ...]
    rules: tuple[RuleLine, ...]
    ties: tuple[str, ...]
    result_hash: str
    result_format: str
    recount_note: str
    status_note: str
    language: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
