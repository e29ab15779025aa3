"""The count itself: rounds, thresholds, surplus transfers, winners and losers.

See the package's docstring (:mod:`coop.votes.tally`) for how a count runs and its arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, Context, Decimal, localcontext
from types import MappingProxyType

from coop.votes.tally.ballots import RankedBallot
from coop.votes.tally.piles import BallotPiles, Number
from coop.votes.tally.results import InactiveBallots, RoundResult, TallyResult, Transfer
from coop.votes.tally.rules import (
    CountRules,
    ElectionMode,
    ThresholdRule,
)
from coop.votes.tally.tiebreak import TieBreaker

# Exact arithmetic: with 100 digits no sum or product of vote values is ever rounded; divisions
# are truncated, never rounded up, before being cut to ``decimal_places``.
_EXACT = Context(prec=100, rounding=ROUND_DOWN)


def tabulate(ballots: Iterable[RankedBallot], rules: CountRules) -> TallyResult:
    """Count ``ballots`` under ``rules``; raises :class:`~coop.errors.VoteError` on bad input."""
    rules.check()
    with localcontext(_EXACT):
        return _Count(rules, ballots).run()


@dataclass
class _RoundRecord:
    """A round while it is being counted; frozen into a RoundResult at the end."""

    number: int
    threshold: Number
    tally: dict[int, Number]
    inactive: tuple[Number, ...]
    elected: list[int]
    eliminated: list[int]
    moves: dict[int, dict[int, Number]]  # source -> target (candidate, or -1 for exhausted) -> amount
    residuals: dict[int, Number]
    residual_surplus: Number
    final_round_surplus: Number | None = None


class _Count(BallotPiles):
    def __init__(self, rules: CountRules, ballots: Iterable[RankedBallot]) -> None:
        super().__init__(rules, ballots)
        self.tie_breaker = TieBreaker(rules, self.names)

    # -- thresholds and surplus ----------------------------------------------------------

    def _threshold(self, active_votes: Number) -> Number:
        rules, votes = self.rules, Decimal(active_votes)
        if rules.threshold is ThresholdRule.MAJORITY:
            return int((votes / 2).to_integral_value(rounding=ROUND_FLOOR)) + 1
        if rules.threshold is ThresholdRule.DROOP:
            return int((votes / (rules.seats + 1)).to_integral_value(rounding=ROUND_FLOOR)) + 1
        if rules.threshold is ThresholdRule.HARE:
            return int((votes / rules.seats).to_integral_value(rounding=ROUND_CEILING))
        return (votes / (rules.seats + 1)).quantize(self.quantum, rounding=ROUND_DOWN) + self.quantum

    def _apply_surplus(self, winner: int, threshold: Number) -> Number:
        """Keep each ballot's share of the winner's quota; the rest (truncated) travels on.

        Returns what the winner keeps (the sum of the kept shares). The surplus fraction is
        ``truncate((tally - threshold) / tally)``, zero when there is no surplus.
        """
        votes = self.tally[winner]
        extra = votes - threshold
        fraction: Number = (
            (Decimal(extra) / Decimal(votes)).quantize(self.quantum, rounding=ROUND_DOWN) if extra > 0 else 0
        )
        kept: Number = 0
        values, counts, quantum = self.values, self.counts, self.quantum
        for group in self.piles[winner]:
            value = values[group]
            travelling = (Decimal(value) * fraction).quantize(quantum, rounding=ROUND_DOWN)
            kept += counts[group] * (value - travelling)
            values[group] = travelling
        return kept

    # -- decisions -----------------------------------------------------------------------

    def _select_winners(
        self,
        active: list[int],
        threshold: Number,
        round_number: int,
        history: list[dict[int, Number]],
        seats_unfilled: int,
    ) -> list[int]:
        rules, tally, write_in = self.rules, self.tally, self.write_in
        if seats_unfilled <= 0:
            return []
        if write_in is not None and self.continuing[write_in] and tally[write_in] > 0:
            return []  # nobody is elected while undeclared write-ins hold votes
        electable = [candidate for candidate in active if candidate != write_in]
        if not electable:
            return []
        if len(electable) <= seats_unfilled:
            return electable
        leaders_only = rules.election_mode is ElectionMode.STV_ONE_WINNER_PER_ROUND or (
            rules.threshold_fixed_after_round_1
        )
        if rules.threshold_fixed_after_round_1 and len(active) - 1 == rules.seats:
            selected = self._top(electable)  # the threshold may be out of reach: the leader wins
        else:
            selected = [candidate for candidate in electable if tally[candidate] >= threshold]
        if not selected and rules.seats == 1 and len(active) == 2 and seats_unfilled == 1:
            selected = self._top(electable)  # two left, nobody at the threshold: more votes wins
        places = 1 if leaders_only else seats_unfilled
        if len(selected) <= places:
            return selected
        # More at the threshold than places: the leaders win, a tie at the edge is broken.
        chosen: list[int] = []
        waiting = list(selected)
        while len(chosen) < places:
            leaders = self._top(waiting)
            if len(chosen) + len(leaders) > places:
                leaders = [self.tie_breaker.pick(leaders, "winner", round_number, history)]
            chosen.extend(leaders)
            waiting = [candidate for candidate in waiting if candidate not in leaders]
        return chosen

    def _top(self, candidates: list[int]) -> list[int]:
        best = max(self.tally[candidate] for candidate in candidates)
        return [candidate for candidate in candidates if self.tally[candidate] == best]

    def _select_losers(
        self,
        active: list[int],
        round_number: int,
        history: list[dict[int, Number]],
        eliminated_so_far: int,
        seats_unfilled: int,
    ) -> list[int]:
        tally, write_in = self.tally, self.write_in
        if not active:
            return []
        if write_in is not None and self.continuing[write_in] and tally[write_in] > 0:
            return [write_in]
        if self.rules.batch_elimination:
            batch = self._batch(active, eliminated_so_far, seats_unfilled)
            if len(batch) > 1:
                return batch
        lowest = min(tally[candidate] for candidate in active)
        last = [candidate for candidate in active if tally[candidate] == lowest]
        if len(last) > 1:
            return [self.tie_breaker.pick(last, "loser", round_number, history)]
        return last

    def _batch(self, active: list[int], eliminated_so_far: int, seats_unfilled: int) -> list[int]:
        """The largest group of lowest candidates whose votes together stay below the next one up.

        The batch shrinks back to the previous smaller one when it would leave fewer candidates than
        seats still to fill, or (counting on until two remain) only the winner.
        """
        by_votes: dict[Number, list[int]] = {}
        for candidate in active:
            by_votes.setdefault(self.tally[candidate], []).append(candidate)
        running: Number = 0
        seen: list[int] = []
        batches: list[list[int]] = []  # each one larger than the one before
        for votes in sorted(by_votes):
            if running < votes and len(seen) > (len(batches[-1]) if batches else 0):
                batches.append(list(seen))
            running += votes * len(by_votes[votes])
            seen.extend(by_votes[votes])
        if (
            self.rules.continue_until_two_remain
            and batches
            and len(batches[-1]) + eliminated_so_far == self.candidates_in_count - 1
        ):
            batches.pop()
        electable = [candidate for candidate in active if candidate != self.write_in]
        while batches and len([c for c in electable if c not in batches[-1]]) < seats_unfilled:
            batches.pop()
        return batches[-1] if batches else []

    # -- the rounds ----------------------------------------------------------------------

    def run(self) -> TallyResult:
        rules = self.rules
        stv = rules.seats > 1
        records: list[_RoundRecord] = []
        history: list[dict[int, Number]] = []
        winners: list[int] = []
        eliminated_count = 0
        moving: list[int] = []  # candidates whose piles move at the start of the next round
        kept_by_new_winners: dict[int, Number] = {}  # STV: settled at the start of the next round
        shown_winner_tally: dict[int, Number] = {}
        residual_total: Number = 0
        final_surplus: Number = 0
        threshold: Number = 0
        winner_found = False
        final_round = False
        round_number = 0

        while True:
            round_number += 1
            if round_number == 1:
                self._assign_all()
            else:
                previous = records[-1]
                for source in moving:
                    moves = previous.moves[source]
                    if final_round and source in kept_by_new_winners:
                        # The last winners' surplus stays with them: reported, never transferred.
                        surplus = self._held_value(source)
                        if surplus:
                            moves[-1] = surplus
                            final_surplus += surplus
                    else:
                        self._move_pile(source, moves)
                moving = []
                for winner, kept in kept_by_new_winners.items():
                    residual = kept - threshold
                    if residual > 0:
                        residual_total += residual
                        previous.residuals[winner] = residual
                        shown_winner_tally[winner] = threshold
                    else:
                        shown_winner_tally[winner] = kept
                kept_by_new_winners = {}

            active = [candidate for candidate, alive in enumerate(self.continuing) if alive]
            tally_now = {candidate: self.tally[candidate] for candidate in active}
            if stv:
                tally_now.update(shown_winner_tally)
            recompute = not stv and not rules.threshold_fixed_after_round_1 and not winner_found
            if round_number == 1 or recompute:
                threshold = self._threshold(sum((self.tally[candidate] for candidate in active), 0))
            history.append(tally_now)
            record = _RoundRecord(
                number=round_number,
                threshold=threshold,
                tally=tally_now,
                inactive=tuple(self.inactive),
                elected=[],
                eliminated=[],
                moves={},
                residuals={},
                residual_surplus=residual_total,
            )
            records.append(record)

            unfilled = rules.seats - len(winners)
            elected = self._select_winners(active, threshold, round_number, history, unfilled)
            if elected:
                elected.sort(key=self.names.__getitem__)
                winners.extend(elected)
                winner_found = True
                record.elected = elected
                for winner in elected:
                    record.moves[winner] = {}
                    if stv:
                        self.continuing[winner] = False
                        kept_by_new_winners[winner] = self._apply_surplus(winner, threshold)
                        moving.append(winner)
            elif len(winners) < rules.seats or (
                rules.continue_until_two_remain and eliminated_count < self.candidates_in_count - 2
            ):
                losers = self._select_losers(active, round_number, history, eliminated_count, unfilled)
                losers.sort(key=self.names.__getitem__)
                record.eliminated = losers
                eliminated_count += len(losers)
                for loser in losers:
                    self.continuing[loser] = False
                    record.moves[loser] = {}
                    moving.append(loser)

            decided = bool(record.elected or record.eliminated)
            if not decided:
                break  # nothing changed: another round would be the same
            if rules.stop_after_round is not None and round_number >= rules.stop_after_round:
                break
            if rules.continue_until_two_remain:
                still_running = self.candidates_in_count - eliminated_count - len(winners) > 1
                if not (still_running or record.eliminated):
                    break
            elif len(winners) >= rules.seats or not any(self.continuing):
                if stv and record.elected:
                    final_round = True  # one more round shows the last winners at the threshold
                    continue
                break

        # Stopped early (stop_after_round) right after an elimination: still say where those votes go.
        for source in moving:
            if source not in kept_by_new_winners:
                self._move_pile(source, records[-1].moves[source])
        if stv:
            records[-1].final_round_surplus = final_surplus
        return self._result(records, winners, stv)

    def _result(self, records: list[_RoundRecord], winners: list[int], stv: bool) -> TallyResult:
        names = self.names

        def number(value: Number) -> Decimal:
            return value if isinstance(value, Decimal) else Decimal(value)

        rounds = []
        for record in records:
            transfers: dict[str, Transfer] = {}
            for source in sorted(record.moves, key=names.__getitem__):
                moves = record.moves[source]
                transfers[names[source]] = Transfer(
                    to_candidates=MappingProxyType(
                        {
                            names[target]: number(amount)
                            for target, amount in sorted(
                                ((t, a) for t, a in moves.items() if t >= 0), key=lambda item: names[item[0]]
                            )
                        }
                    ),
                    exhausted=number(moves[-1]) if -1 in moves else None,
                    residual_surplus=number(record.residuals[source]) if source in record.residuals else None,
                )
            rounds.append(
                RoundResult(
                    number=record.number,
                    threshold=number(record.threshold),
                    tally=MappingProxyType(
                        {
                            names[candidate]: number(votes)
                            for candidate, votes in sorted(
                                record.tally.items(), key=lambda item: names[item[0]]
                            )
                        }
                    ),
                    inactive=InactiveBallots(*(number(value) for value in record.inactive)),
                    elected=tuple(names[candidate] for candidate in record.elected),
                    eliminated=tuple(names[candidate] for candidate in record.eliminated),
                    transfers=MappingProxyType(transfers),
                    residual_surplus=number(record.residual_surplus) if stv else None,
                    final_round_surplus=(
                        number(record.final_round_surplus)
                        if stv and record.final_round_surplus is not None
                        else None
                    ),
                )
            )
        return TallyResult(
            rules=self.rules,
            total_ballots=self.total_ballots,
            ballots_with_no_rankings=self.no_rankings,
            winners=tuple(names[candidate] for candidate in winners),
            rounds=tuple(rounds),
            tie_resolutions=tuple(self.tie_breaker.resolutions),
        )
