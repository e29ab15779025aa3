"""What every count must conserve: the conformance cases and the random elections check it alike."""

from __future__ import annotations

from decimal import Decimal

from coop.votes.tally.results import TallyResult


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
