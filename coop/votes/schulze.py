"""The Schulze method (winning votes): one winner by ranking, checkable by hand.

Pure: candidates and :class:`~coop.votes.tally.RankedBallot` in, a frozen :class:`SchulzeResult` out.

How it counts, as Debian's constitution (A.6) and Schulze's own description have it
----------------------------------------------------------------------------------
1. **Pairwise matrix** ``d[i][j]``: the number of ballots that rank candidate *i* above *j*. A ballot
   may rank candidates equal (several names at one rank); candidates it leaves unranked count
   below every ranked one and equal among themselves. A blank rank is passed over, a repeated
   name counts where it first appears, and a rank marked as an overvote (names not kept) ends the
   ballot there: the ranks above it stand, the rest count as unranked.
2. **Strongest paths** ``p[i][j]`` (winning votes): a path from *i* to *j* is a chain of defeats
   ``i > x > ... > j``; its strength is the number of votes of its weakest defeat, where a defeat
   ``x > y`` is worth ``d[x][y]`` when ``d[x][y] > d[y][x]`` (else there is no defeat). ``p[i][j]``
   is the strength of the strongest such path, 0 when there is none.
3. **Ranking**: *i* beats *j* when ``p[i][j] > p[j][i]``. The winners are the candidates nobody
   beats (never an empty set; more than one is a tie the bylaws must break). The ranking takes
   them first, then the candidates nobody left beats, and so on: each place lists the candidates
   tied at it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from coop.errors import VoteError
from coop.i18n import _
from coop.votes.tally.ballots import RankedBallot

Matrix = tuple[tuple[int, ...], ...]
#: The format name of :func:`schulze_json`'s data, as an election stores it.
SCHULZE_FORMAT = "coop-schulze/1"


@dataclass(frozen=True)
class SchulzeResult:
    candidates: tuple[str, ...]
    ballots: int
    pairwise: Matrix  # d[i][j], in the order of ``candidates``; 0 on the diagonal
    strongest_paths: Matrix  # p[i][j]; 0 on the diagonal
    ranking: tuple[tuple[str, ...], ...]  # places, best first; several names at a place are tied

    @property
    def winners(self) -> tuple[str, ...]:
        return self.ranking[0]

    def beats(self, first: str, second: str) -> bool:
        i, j = self.candidates.index(first), self.candidates.index(second)
        return self.strongest_paths[i][j] > self.strongest_paths[j][i]


def ballot_positions(ballot: RankedBallot, candidates: Sequence[str]) -> dict[str, int]:
    """Each ranked candidate's position (0 = top; equal ranks share one); unranked ones are left out."""
    known = set(candidates)
    positions: dict[str, int] = {}
    place = 0
    for rank in ballot.ranks:
        if rank is None:  # an overvote whose names were not kept: the ballot ends here
            break
        fresh = [name for name in rank if name in known and name not in positions]
        if not fresh:
            continue
        for name in fresh:
            positions[name] = place
        place += 1
    return positions


def pairwise_matrix(candidates: Sequence[str], ballots: Iterable[RankedBallot]) -> tuple[Matrix, int]:
    """``d[i][j]``: how many ballots rank candidate *i* above *j*; and how many ballots were read."""
    size = len(candidates)
    index = {name: number for number, name in enumerate(candidates)}
    d = [[0] * size for _row in range(size)]
    total = 0
    for ballot in ballots:
        if ballot.weight < 0:
            raise VoteError(
                _("A ballot's weight cannot be negative ({weight}).").format(weight=ballot.weight)
            )
        total += ballot.weight
        positions = {index[name]: place for name, place in ballot_positions(ballot, candidates).items()}
        unranked = len(candidates)  # below every ranked place
        for i, place_i in positions.items():
            for j in range(size):
                if j != i and place_i < positions.get(j, unranked):
                    d[i][j] += ballot.weight
    return tuple(tuple(row) for row in d), total


def strongest_paths(d: Matrix) -> Matrix:
    """``p[i][j]`` by winning votes, Floyd-Warshall style as Schulze describes it."""
    size = len(d)
    p = [[d[i][j] if i != j and d[i][j] > d[j][i] else 0 for j in range(size)] for i in range(size)]
    for i in range(size):
        for j in range(size):
            if i == j:
                continue
            for k in range(size):
                if k not in (i, j):
                    p[j][k] = max(p[j][k], min(p[j][i], p[i][k]))
    return tuple(tuple(row) for row in p)


def schulze(candidates: Sequence[str], ballots: Iterable[RankedBallot]) -> SchulzeResult:
    """Count ``ballots`` among ``candidates`` by the Schulze method (winning votes)."""
    names = tuple(candidates)
    if not names:
        raise VoteError(_("A Schulze count needs at least one candidate."))
    if len(set(names)) != len(names):
        raise VoteError(_("A candidate is named twice; name each candidate once."))
    d, total = pairwise_matrix(names, ballots)
    p = strongest_paths(d)
    remaining = list(range(len(names)))
    ranking: list[tuple[str, ...]] = []
    while remaining:
        unbeaten = [i for i in remaining if not any(p[j][i] > p[i][j] for j in remaining if j != i)]
        if not unbeaten:  # cannot happen (the relation is a strict partial order); kept as a guard
            unbeaten = list(remaining)
        ranking.append(tuple(names[i] for i in unbeaten))
        remaining = [i for i in remaining if i not in unbeaten]
    return SchulzeResult(names, total, d, p, tuple(ranking))


def _matrix_json(
    candidates: tuple[str, ...], matrix: tuple[tuple[int, ...], ...]
) -> dict[str, dict[str, int]]:
    return {
        row: {column: matrix[i][j] for j, column in enumerate(candidates) if j != i}
        for i, row in enumerate(candidates)
    }


def schulze_json(result: SchulzeResult) -> dict[str, Any]:
    """The count for scripts (and as an election stores it): both matrices by name, the ranking."""
    return {
        "method": "schulze",
        "candidates": list(result.candidates),
        "ballots": result.ballots,
        "pairwise": _matrix_json(result.candidates, result.pairwise),
        "strongest_paths": _matrix_json(result.candidates, result.strongest_paths),
        "ranking": [list(place) for place in result.ranking],
        "winners": list(result.winners),
    }


def schulze_from_json(data: dict[str, Any]) -> SchulzeResult:
    """A count stored by :func:`schulze_json` read back, to show or print it as it was fixed."""
    names = tuple(data["candidates"])

    def matrix(cells: dict[str, dict[str, int]]) -> Matrix:
        return tuple(
            tuple(0 if i == j else int(cells[row][column]) for j, column in enumerate(names))
            for i, row in enumerate(names)
        )

    return SchulzeResult(
        candidates=names,
        ballots=int(data["ballots"]),
        pairwise=matrix(data["pairwise"]),
        strongest_paths=matrix(data["strongest_paths"]),
        ranking=tuple(tuple(place) for place in data["ranking"]),
    )
