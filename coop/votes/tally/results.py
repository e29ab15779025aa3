"""What a count gives back: rounds, transfers, inactive ballots and how ties were broken."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from coop.votes.tally.rules import (
    CountRules,
)


@dataclass(frozen=True)
class InactiveBallots:
    """Ballots (or parts of ballots, in STV) no longer counting for anyone, by cause; cumulative."""

    overvote: Decimal
    skipped_ranks: Decimal
    exhausted_choices: Decimal
    repeated_ranking: Decimal

    @property
    def total(self) -> Decimal:
        return self.overvote + self.skipped_ranks + self.exhausted_choices + self.repeated_ranking


@dataclass(frozen=True)
class Transfer:
    """Where the votes of a candidate decided in a round go in the next round."""

    to_candidates: Mapping[str, Decimal]
    exhausted: Decimal | None = None  # became inactive (or, for the last STV winners, surplus kept)
    residual_surplus: Decimal | None = None  # STV rounding remainder taken off a winner's tally


@dataclass(frozen=True)
class TieResolution:
    round: int
    tied: tuple[str, ...]
    selecting: Literal["winner", "loser"]
    selected: str


@dataclass(frozen=True)
class RoundResult:
    number: int
    threshold: Decimal
    tally: Mapping[str, Decimal]  # candidates still in the count (and, in STV, those elected), by name
    inactive: InactiveBallots
    elected: tuple[str, ...]
    eliminated: tuple[str, ...]
    transfers: Mapping[str, Transfer]
    residual_surplus: Decimal | None  # STV only: cumulative
    final_round_surplus: Decimal | None  # STV only, last round only


@dataclass(frozen=True)
class TallyResult:
    rules: CountRules
    total_ballots: int
    ballots_with_no_rankings: int
    winners: tuple[str, ...]  # in order of election
    rounds: tuple[RoundResult, ...]
    tie_resolutions: tuple[TieResolution, ...]

    @property
    def final_threshold(self) -> Decimal:
        return self.rounds[-1].threshold
