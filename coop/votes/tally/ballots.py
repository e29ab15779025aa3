"""A ballot as the tabulator reads it: ranks of candidate names, identical ballots grouped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

#: A rank where the voter marked several candidates and the rules make it irrelevant which.
OVERVOTE: Final = None

#: One rank of a ballot: ``()`` left blank, ``("A",)`` one candidate, ``("A", "B")`` several
#: candidates marked at the same rank, :data:`OVERVOTE` several candidates, names not kept.
Rank = tuple[str, ...] | None


@dataclass(frozen=True)
class RankedBallot:
    """``weight`` identical ballots; ``ranks[0]`` is the first choice."""

    ranks: tuple[Rank, ...]
    weight: int = 1

    @classmethod
    def from_names(cls, names: Sequence[str], weight: int = 1) -> RankedBallot:
        """A ballot that simply lists candidates in order of preference."""
        return cls(tuple((name,) for name in names), weight)

    @property
    def has_rankings(self) -> bool:
        return any(rank is None or rank for rank in self.ranks)


def group_rankings(rankings: Iterable[Sequence[str]]) -> tuple[RankedBallot, ...]:
    """Ballots given as plain lists of names (first choice first), identical ones grouped."""
    counts: dict[tuple[str, ...], int] = {}
    for ranking in rankings:
        key = tuple(ranking)
        counts[key] = counts.get(key, 0) + 1
    return tuple(RankedBallot.from_names(names, weight) for names, weight in counts.items())
