"""What the printed results of an election show: a frozen view model (built in
``coop.assemblies.election_report`` from the stored official result, never from a live recount).

Templates render only this model. Every number arrives as the string to print (decimals
already padded to the same places within a table, so that they line up right-aligned), every
word already translated, every chart already drawn as SVG markup.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class RuleLine:
    """One counting rule in plain words: ``topic`` ("Threshold") and one or two sentences."""

    topic: str
    sentence: str


@dataclass(frozen=True)
class TallyRow:
    """One candidate's line in a round's table."""

    candidate: str
    votes: str  # "10.0001"
    change: str  # from the previous round: "+0.2727", "−0.9999", "0"; "—" in round 1
    status: str  # translated: "elected", "elected earlier", "eliminated", "continuing"
    status_key: str  # "elected" | "elected_earlier" | "eliminated" | "continuing"


@dataclass(frozen=True)
class BalanceRow:
    """A line under the candidates: ballots counting for no one, surpluses set aside, the total.

    With them the Votes column adds up to the number of ballots in every round.
    """

    key: str  # "overvote" | "skipped_ranks" | "exhausted_choices" | "repeated_ranking" | "inactive"
    #           | "no_rankings" | "residual_surplus" | "final_round_surplus" | "total"
    label: str
    votes: str
    change: str  # "" where a change means nothing (ballots with no rankings, the total)


@dataclass(frozen=True)
class InactiveCount:
    """Ballots no longer counting for anyone after a round, by cause (cumulative)."""

    cause: str  # "overvote" | "skipped_ranks" | "exhausted_choices" | "repeated_ranking"
    label: str
    votes: str


@dataclass(frozen=True)
class TransferMove:
    to: str  # a candidate's name, or a translated "no further choice (exhausted)" etc.
    votes: str
    kind: str  # "candidate" | "exhausted" | "kept" | "residual"


@dataclass(frozen=True)
class TransferLine:
    """Where the votes of one candidate decided in a round go in the next round."""

    source: str
    reason: str  # "surplus above the threshold" / "eliminated"
    moves: tuple[TransferMove, ...]
    total: str  # the votes that leave the candidate: the sum of the moves


@dataclass(frozen=True)
class RoundSection:
    number: int
    title: str  # "Round 2"
    threshold: str  # "10.0001"
    rows: tuple[TallyRow, ...]  # candidates in one fixed order for the whole count
    balance: tuple[BalanceRow, ...]  # inactive by cause, surpluses set aside, total
    inactive: tuple[InactiveCount, ...]  # every cause, cumulative
    inactive_total: str
    decision: str  # what was decided at the end of the round, in one or two sentences
    ties: tuple[str, ...]  # how a tie in this round was broken
    transfers_heading: str  # "Transfers into round 3"
    transfers: tuple[TransferLine, ...]
    residual_surplus: str | None  # STV: cumulative rounding remainder
    final_round_surplus: str | None  # STV, last round: votes above the threshold not transferred
    chart_svg: str  # horizontal bars of the round's tallies with the threshold line
    elected: tuple[str, ...]
    eliminated: tuple[str, ...]


@dataclass(frozen=True)
class WinnerLine:
    order: int
    name: str
    round: int | None
    votes: str  # the votes at election
    how: str  # "reached the threshold in round 1 with 17 votes"


@dataclass(frozen=True)
class StvRow:
    """One candidate's line in a round of a Meek, WIGM or Scottish count."""

    candidate: str
    votes: str
    change: str  # from the round before: the votes transferred in (+) or out (−); "—" in round 1
    keep_factor: str  # Meek only; "" otherwise
    state: str  # translated: "continuing", "elected", "excluded"
    state_key: str  # "hopeful" | "elected" | "defeated" | "withdrawn"


@dataclass(frozen=True)
class StvRoundTable:
    """A round of a Meek, WIGM or Scottish count as it began, and what it decided."""

    title: str  # "Round 2" or "End of the count"
    quota: str
    rows: tuple[StvRow, ...]  # most votes first
    surplus: str  # the elected candidates' votes above the quota (Meek: the excess)
    residual: str  # votes that count for nobody: exhausted ballots and rounding
    events: tuple[str, ...]  # what the round decided, in plain words


@dataclass(frozen=True)
class StvCount:
    """The rounds of a Meek, WIGM or Scottish count."""

    method: str  # "meek" | "wigm" | "scottish"
    reading_note: str  # how to read a round's table
    numbers_note: str  # how the numbers are shown (places, arithmetic, omega)
    keep_factors: bool
    rounds: tuple[StvRoundTable, ...]
    final: StvRoundTable


@dataclass(frozen=True)
class MatrixRow:
    candidate: str
    cells: tuple[str, ...]  # "" on the diagonal
    wins: tuple[bool, ...]  # the cell beats the one across the diagonal


@dataclass(frozen=True)
class SchulzeCount:
    """A Schulze count, to be checked by hand: both matrices, the ranking and how to check them."""

    candidates: tuple[str, ...]
    pairwise: tuple[MatrixRow, ...]
    pairwise_note: str
    paths: tuple[MatrixRow, ...]
    paths_note: str
    ranking: tuple[str, ...]  # "1. Ana Núñez", "2. Bruno Díaz, Carla Ruiz (tied)"
    how_to_check: str


@dataclass(frozen=True)
class ElectionReport:
    cooperative: str
    title: str  # "Election results"
    election_title: str  # "Consejo de administración 2027"
    election_number: str  # "Election 3"
    seats: int
    method: str  # "single transferable vote, fractional Droop quota"
    count_date: str  # "25 November 2026"
    count_time: str  # "10:00"
    candidates: tuple[str, ...]  # in ballot order
    total_ballots: str
    ballots_with_no_rankings: str
    eligible_voters: int | None
    turnout: str | None  # "88.9%"
    turnout_sentence: str
    threshold: str  # the final threshold
    threshold_name: str  # "fractional Droop quota"
    rules: tuple[RuleLine, ...]
    rounds: tuple[RoundSection, ...]
    winners: tuple[WinnerLine, ...]  # in order of election
    ties: tuple[str, ...]  # every tie-break of the count
    overview_svg: str | None  # one small chart per round; None when the count is too large to show so
    result_hash: str
    result_format: str  # "rcv-conformance-case/1"
    recount_note: str  # how anyone can redo the count
    status_note: str  # the count is fixed, from the stored result
    language: str = "en"
    round_count: int | None = None  # when the count's rounds are not ``rounds`` (Meek, Schulze: 0)
    stv: StvCount | None = None  # Meek, WIGM, the Scottish rules: their rounds
    schulze: SchulzeCount | None = None  # Schulze: the matrices and the ranking

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
