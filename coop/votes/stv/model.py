"""What an STV count takes and gives: plain data shared by Meek, WIGM and the Scottish rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from coop.votes.tally.ballots import RankedBallot

State = Literal["hopeful", "elected", "defeated", "withdrawn"]
EventKind = Literal["elected", "defeated", "surplus", "tie"]


@dataclass(frozen=True)
class StvElection:
    """The candidates (in ballot order), the seats, who withdrew, the order in which ties are broken
    (the first named loses a tie for defeat and wins one for election; by default ballot order) and the
    ballots, with ranks of candidate names."""

    candidates: tuple[str, ...]
    seats: int
    ballots: tuple[RankedBallot, ...]
    withdrawn: tuple[str, ...] = ()
    tie_order: tuple[str, ...] = ()

    def tie_rank(self) -> dict[str, int]:
        order = self.tie_order or self.candidates
        return {name: position for position, name in enumerate(order)}


@dataclass(frozen=True)
class Snapshot:
    """The state of the count at one moment, every number exact (shown by the arithmetic)."""

    votes: Mapping[str, Fraction]
    states: Mapping[str, State]
    quota: Fraction
    surplus: Fraction
    residual: Fraction
    keep_factors: Mapping[str, Fraction] | None = None


@dataclass(frozen=True)
class Event:
    """What happened in a round: a candidate elected or defeated, a surplus transferred, a tie broken
    (``candidates`` then holds the tied ones, the chosen one first)."""

    kind: EventKind
    candidates: tuple[str, ...]
    amount: Fraction | None = None
    reason: str = ""


@dataclass(frozen=True)
class Round:
    """Round ``number``: the count as the round begins (``start``) and what the round did."""

    number: int
    start: Snapshot
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class StvResult:
    """The winners (in the order elected), each round, and the count as it ended."""

    method: str
    arithmetic: str
    display: int
    seats: int
    winners: tuple[str, ...]
    first: Snapshot
    rounds: tuple[Round, ...]
    final: Snapshot
    ballots: int
    omega: Fraction | None = None
    extras: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Ballots:
    """Ballots as candidate numbers: ``simple`` ballots rank one candidate at a time, ``equal`` ones
    rank several at some rank; withdrawn candidates and empty ranks are gone; ``count`` is the number of
    ballots that still name a candidate."""

    simple: list[tuple[tuple[int, ...], int]]
    equal: list[tuple[tuple[tuple[int, ...], ...], int]]
    count: int


def prepare_ballots(election: StvElection) -> Ballots:
    """Ballots in candidate numbers, identical ones merged; a rank of several marked candidates
    whose names were not kept ends the ballot."""
    number = {name: position for position, name in enumerate(election.candidates)}
    withdrawn = {number[name] for name in election.withdrawn}
    simple: dict[tuple[int, ...], int] = {}
    equal: dict[tuple[tuple[int, ...], ...], int] = {}
    count = 0
    for ballot in election.ballots:
        ranks: list[tuple[int, ...]] = []
        for rank in ballot.ranks:
            if rank is None:
                break
            kept = tuple(dict.fromkeys(number[name] for name in rank if number[name] not in withdrawn))
            if kept:
                ranks.append(kept)
        if not ranks or ballot.weight <= 0:
            continue
        count += ballot.weight
        if all(len(rank) == 1 for rank in ranks):
            key = tuple(rank[0] for rank in ranks)
            simple[key] = simple.get(key, 0) + ballot.weight
        else:
            equal[tuple(ranks)] = equal.get(tuple(ranks), 0) + ballot.weight
    return Ballots(list(simple.items()), list(equal.items()), count)
