"""The ballots of a count as candidate numbers, and the piles they sit in while the rounds run.

How a ballot is read (overvotes, skipped ranks, repeated rankings) lives here; which piles
move in which round is :mod:`coop.votes.tally.count`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from coop.errors import VoteError
from coop.i18n import _
from coop.votes.tally.ballots import Rank, RankedBallot
from coop.votes.tally.rules import (
    CountRules,
    DuplicateRule,
    OvervoteRule,
)

Number = int | Decimal

# Inactive causes, in the order of InactiveBallots' fields; a walk result below zero is -1 - cause.
_OVERVOTE, _SKIPPED, _EXHAUSTED, _REPEATED = range(4)
# A marked rank of a compiled ballot: (rank number, candidate numbers marked there); no numbers
# means an overvote whose names were not kept.
_Mark = tuple[int, tuple[int, ...]]


class BallotPiles:
    """The ballots of a count, compiled once, and the pile of ballot groups each candidate holds."""

    def __init__(self, rules: CountRules, ballots: Iterable[RankedBallot]) -> None:
        self.rules = rules
        self.names = rules.counted_candidates
        self.index = {name: position for position, name in enumerate(self.names)}
        self.write_in = None if rules.undeclared_write_in is None else self.index[rules.undeclared_write_in]
        excluded = {self.index[name] for name in rules.excluded_candidates}
        self.continuing = [position not in excluded for position in range(len(self.names))]
        if not any(self.continuing):
            raise VoteError(_("Every candidate is excluded; there is nobody to count votes for."))
        self.candidates_in_count = sum(self.continuing)
        self.max_step = (
            None if rules.max_consecutive_skipped_ranks is None else rules.max_consecutive_skipped_ranks + 1
        )
        self.exhaust_at_duplicate = rules.duplicate_ranking is DuplicateRule.EXHAUST_AT_DUPLICATE
        self.overvote_rule = rules.overvote
        self.quantum = Decimal(1).scaleb(-rules.decimal_places)
        self._compile(ballots)
        self.piles: list[list[int]] = [[] for _name in self.names]
        self.tally: list[Number] = [0] * len(self.names)
        self.inactive: list[Number] = [0, 0, 0, 0]

    # -- ballots -------------------------------------------------------------------------

    def _compile(self, ballots: Iterable[RankedBallot]) -> None:
        """Group identical rankings and turn names into candidate numbers once."""
        weights: dict[tuple[Rank, ...], int] = {}
        total = 0
        for ballot in ballots:
            weight = ballot.weight
            if not isinstance(weight, int) or isinstance(weight, bool) or weight < 1:
                raise VoteError(
                    _("A ballot weight must be a whole number of at least 1, not {weight}.").format(
                        weight=weight
                    )
                )
            total += weight
            weights[ballot.ranks] = weights.get(ballot.ranks, 0) + weight
        self.total_ballots = total
        self.no_rankings = 0
        self.marks: list[tuple[_Mark, ...]] = []
        self.counts: list[int] = []
        self.values: list[Number] = []
        limit = self.rules.max_rankings
        for ranks, weight in weights.items():
            beyond_limit = ranks[limit:] if limit is not None else ()
            if any(rank is None or rank for rank in beyond_limit):
                raise VoteError(
                    _("A ballot ranks {count} choices but the rules allow {limit}.").format(
                        count=len(ranks), limit=limit
                    )
                )
            compiled = tuple(
                mark
                for position, rank in enumerate(ranks, start=1)
                if (mark := self._compile_rank(position, rank)) is not None
            )
            if not compiled:
                self.no_rankings += weight
                continue
            self.marks.append(compiled)
            self.counts.append(weight)
            self.values.append(1)

    def _compile_rank(self, position: int, rank: Rank) -> _Mark | None:
        if rank is None:
            if self.overvote_rule is OvervoteRule.EXHAUST_IF_MULTIPLE_CONTINUING:
                raise VoteError(
                    _(
                        "The overvote rule exhaust_if_multiple_continuing needs the names marked "
                        "at each overvoted rank, but a ballot has an overvote without names."
                    )
                )
            return (position, ())
        if not rank:
            return None
        numbers: list[int] = []
        for name in rank:
            number = self.index.get(name)
            if number is None:
                raise VoteError(_('A ballot ranks "{name}", who is not a candidate.').format(name=name))
            if number not in numbers:
                numbers.append(number)
        return (position, tuple(numbers))

    def _next_choice(self, marks: tuple[_Mark, ...]) -> int:
        """The ballot's highest-ranked continuing candidate, or -1 - cause when it becomes inactive."""
        continuing = self.continuing
        max_step = self.max_step
        seen: set[int] | None = set() if self.exhaust_at_duplicate else None
        last_rank = 0
        final = len(marks) - 1
        for position, (rank, marked) in enumerate(marks):
            if max_step is not None and rank - last_rank > max_step:
                return -1 - _SKIPPED
            last_rank = rank
            if seen is not None:
                for candidate in marked:
                    if candidate in seen:
                        return -1 - _REPEATED
                    seen.add(candidate)
            if len(marked) == 1:
                if continuing[marked[0]]:
                    return marked[0]
                continue
            if marked and self.overvote_rule is OvervoteRule.EXHAUST_IF_MULTIPLE_CONTINUING:
                found = -1
                for candidate in marked:
                    if continuing[candidate]:
                        if found >= 0:
                            return -1 - _OVERVOTE
                        found = candidate
                if found >= 0:
                    return found
                continue
            # An overvote under exhaust_immediately or skip_to_next_rank.
            if self.overvote_rule is OvervoteRule.EXHAUST_IMMEDIATELY:
                return -1 - _OVERVOTE
            if position == final:  # skipping past the last mark leaves nothing: exhausted choices
                return -1 - _EXHAUSTED
        return -1 - _EXHAUSTED

    def _assign_all(self) -> None:
        next_choice = self._next_choice
        piles, tally, inactive = self.piles, self.tally, self.inactive
        for group, marks in enumerate(self.marks):
            choice = next_choice(marks)
            if choice >= 0:
                piles[choice].append(group)
                tally[choice] += self.counts[group]
            else:
                inactive[-1 - choice] += self.counts[group]

    def _move_pile(self, source: int, moves: dict[int, Number]) -> None:
        """Send every ballot held by ``source`` on to its next choice; note what moved where."""
        next_choice = self._next_choice
        piles, tally, inactive = self.piles, self.tally, self.inactive
        counts, values, marks = self.counts, self.values, self.marks
        for group in piles[source]:
            value = values[group]
            amount = counts[group] * value
            choice = next_choice(marks[group])
            if choice >= 0:
                piles[choice].append(group)
                tally[choice] += amount
            else:
                inactive[-1 - choice] += amount
            if value > 0:  # a ballot worth nothing moves, but is not reported as a transfer
                target = choice if choice >= 0 else -1
                moves[target] = moves.get(target, 0) + amount
        piles[source] = []

    def _held_value(self, candidate: int) -> Number:
        total: Number = 0
        for group in self.piles[candidate]:
            value = self.values[group]
            if value > 0:
                total += self.counts[group] * value
        return total
