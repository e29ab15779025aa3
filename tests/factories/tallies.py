"""What every count must conserve (the conformance cases and the random elections check it alike),
and the worked examples several tests count."""

from __future__ import annotations

from decimal import Decimal

from coop.votes.tally.results import TallyResult

# Wikipedia's worked example of the Schulze method: 45 voters, (weight, ranking), winner E.
WIKIPEDIA_SCHULZE = [
    (5, "ACBED"),
    (5, "ADECB"),
    (8, "BEDAC"),
    (3, "CABED"),
    (7, "CAEBD"),
    (2, "CBADE"),
    (7, "DCEBA"),
    (8, "EBADC"),
]


def accounted_for(result: TallyResult) -> list[Decimal]:
    """Per round: tallies + inactive + ballots with no rankings (+ residual and final surplus in STV)."""
    return [
        sum(round_result.tally.values(), Decimal(0))
        + round_result.inactive.total
        + result.ballots_with_no_rankings
        + (round_result.residual_surplus or 0)
        + (round_result.final_round_surplus or 0)
        for round_result in result.rounds
    ]
