"""The Schulze method against its plain statement and Wikipedia's worked example (45 voters, winner E)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coop.votes.schulze import ballot_positions, pairwise_matrix, schulze
from coop.votes.tally.ballots import OVERVOTE, RankedBallot
from tests.factories.tallies import WIKIPEDIA_SCHULZE as WIKIPEDIA


def test_wikipedia_example_matrices_and_ranking() -> None:
    result = schulze("ABCDE", [RankedBallot.from_names(list(order), weight) for weight, order in WIKIPEDIA])
    assert result.ballots == 45
    assert result.pairwise == (
        (0, 20, 26, 30, 22),
        (25, 0, 16, 33, 18),
        (19, 29, 0, 17, 24),
        (15, 12, 28, 0, 14),
        (23, 27, 21, 31, 0),
    )
    assert result.strongest_paths == (
        (0, 28, 28, 30, 24),
        (25, 0, 28, 33, 24),
        (25, 29, 0, 29, 24),
        (25, 28, 28, 0, 24),
        (25, 28, 28, 31, 0),
    )
    assert result.winners == ("E",)
    assert result.ranking == (("E",), ("A",), ("C",), ("B",), ("D",))


def test_unranked_candidates_count_below_the_ranked_and_equal_among_themselves() -> None:
    d, total = pairwise_matrix("ABCD", [RankedBallot.from_names(["B"])])
    assert total == 1
    assert [d[1][j] for j in (0, 2, 3)] == [1, 1, 1]  # B above each unranked one
    assert d[0][2] == d[2][0] == d[0][3] == d[3][0] == 0  # the unranked ones are equal


def test_equal_ranks_blank_ranks_repeats_and_overvotes() -> None:
    ballot = RankedBallot((("A", "B"), (), ("A",), ("C",), OVERVOTE, ("D",)))
    assert ballot_positions(ballot, "ABCDE") == {"A": 0, "B": 0, "C": 1}
    d, _total = pairwise_matrix("ABCDE", [ballot])
    assert d[0][1] == d[1][0] == 0  # A and B ranked equal
    assert d[0][2] == d[1][2] == 1 and d[2][3] == 1  # C above D: D stands after the overvote, unranked
    assert d[3][4] == d[4][3] == 0


def test_a_tie_leaves_several_winners() -> None:
    result = schulze("AB", [RankedBallot.from_names(["A", "B"]), RankedBallot.from_names(["B", "A"])])
    assert result.winners == ("A", "B") and result.ranking == (("A", "B"),)


# --------------------------------------------------------------------------- properties

CANDIDATES = "ABCDE"


@st.composite
def elections(draw: st.DrawFn) -> tuple[str, list[RankedBallot]]:
    candidates = CANDIDATES[: draw(st.integers(1, len(CANDIDATES)))]
    rank = st.lists(st.sampled_from(candidates), min_size=1, max_size=2, unique=True).map(tuple)
    ballots = draw(
        st.lists(
            st.builds(RankedBallot, st.lists(rank, max_size=len(candidates)).map(tuple), st.integers(1, 5)),
            max_size=12,
        )
    )
    return candidates, ballots


@given(elections())
def test_the_winner_set_is_never_empty_and_nobody_beats_a_winner(
    election: tuple[str, list[RankedBallot]],
) -> None:
    candidates, ballots = election
    result = schulze(candidates, ballots)
    assert result.winners
    assert sorted(name for place in result.ranking for name in place) == sorted(candidates)
    for winner in result.winners:
        assert not any(result.beats(other, winner) for other in candidates)


@given(elections())
def test_a_strongest_path_is_at_least_the_direct_defeat(election: tuple[str, list[RankedBallot]]) -> None:
    candidates, ballots = election
    result = schulze(candidates, ballots)
    d, p = result.pairwise, result.strongest_paths
    for i in range(len(candidates)):
        for j in range(len(candidates)):
            if d[i][j] > d[j][i]:
                assert p[i][j] >= d[i][j]


@given(elections())
def test_pairwise_counts_are_the_ballots_that_prefer(election: tuple[str, list[RankedBallot]]) -> None:
    # Stated directly: d[i][j] is the number of ballots on which i stands above j.
    candidates, ballots = election
    d = schulze(candidates, ballots).pairwise
    for i, first in enumerate(candidates):
        for j, second in enumerate(candidates):
            expected = 0
            for ballot in ballots:
                places = ballot_positions(ballot, candidates)
                if first in places and places[first] < places.get(second, len(candidates)):
                    expected += ballot.weight
            assert d[i][j] == (expected if i != j else 0)


@given(elections())
def test_a_condorcet_winner_wins_alone(election: tuple[str, list[RankedBallot]]) -> None:
    candidates, ballots = election
    result = schulze(candidates, ballots)
    d = result.pairwise
    for i, name in enumerate(candidates):
        if all(d[i][j] > d[j][i] for j in range(len(candidates)) if j != i) and len(candidates) > 1:
            assert result.winners == (name,)


@given(st.permutations(CANDIDATES), st.integers(1, 9))
def test_unanimous_ballots_give_their_own_order(order: list[str], weight: int) -> None:
    result = schulze(CANDIDATES, [RankedBallot.from_names(order, weight)])
    assert result.ranking == tuple((name,) for name in order)
