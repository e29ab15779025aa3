"""Properties every count must have (hypothesis) and small cases worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coop.errors import VoteError
from coop.votes.tally.ballots import OVERVOTE, RankedBallot, group_rankings
from coop.votes.tally.count import tabulate
from coop.votes.tally.java_random import JavaRandom, java_hash_set_order, seeded_permutation
from coop.votes.tally.results import TallyResult
from coop.votes.tally.rules import (
    CountRules,
    DuplicateRule,
    ElectionMode,
    OvervoteRule,
    ThresholdRule,
    TiebreakMode,
    TieBreakRule,
    default_rules,
)
from tests.factories.tallies import accounted_for

NAMES = ("Ana", "Bruno", "Carmen", "Diego", "Elena", "Fausto")
WRITE_IN = "Undeclared Write-ins"


# --------------------------------------------------------------------------- strategies


@st.composite
def elections(draw: st.DrawFn, *, stv: bool) -> tuple[CountRules, list[RankedBallot]]:
    count = draw(st.integers(2, len(NAMES)))
    candidates = NAMES[:count]
    write_in = draw(st.sampled_from([None, WRITE_IN]))
    excluded = tuple(draw(st.lists(st.sampled_from(candidates), max_size=count - 1, unique=True)))
    seats = draw(st.integers(2, 4)) if stv else 1
    overvote = draw(st.sampled_from(list(OvervoteRule)))
    max_rankings = draw(st.integers(1, 5))
    names = (*candidates, write_in) if write_in else candidates
    rank = st.one_of(
        st.just(()),
        st.sampled_from(names).map(lambda name: (name,)),
        st.lists(st.sampled_from(names), min_size=2, max_size=3, unique=True).map(tuple),
        *([] if overvote is OvervoteRule.EXHAUST_IF_MULTIPLE_CONTINUING else [st.just(OVERVOTE)]),
    )
    ballots = draw(
        st.lists(
            st.builds(
                RankedBallot, st.lists(rank, min_size=0, max_size=max_rankings).map(tuple), st.integers(1, 7)
            ),
            max_size=30,
        )
    )
    tiebreak_mode = draw(st.sampled_from(list(TiebreakMode)))
    rules = CountRules(
        candidates=candidates,
        seats=seats,
        election_mode=draw(
            st.sampled_from(
                [ElectionMode.STV_MULTIPLE_WINNERS_PER_ROUND, ElectionMode.STV_ONE_WINNER_PER_ROUND]
            )
        )
        if stv
        else ElectionMode.SINGLE_WINNER,
        threshold=draw(
            st.sampled_from([ThresholdRule.DROOP, ThresholdRule.DROOP_FRACTIONAL, ThresholdRule.HARE])
        )
        if stv
        else draw(st.sampled_from([ThresholdRule.MAJORITY, ThresholdRule.DROOP])),
        decimal_places=draw(st.integers(0, 6)),
        overvote=overvote,
        max_consecutive_skipped_ranks=draw(st.sampled_from([None, 0, 1, 2])),
        duplicate_ranking=draw(st.sampled_from(list(DuplicateRule))),
        batch_elimination=draw(st.booleans()),
        continue_until_two_remain=False if stv else draw(st.booleans()),
        threshold_fixed_after_round_1=False if stv else draw(st.booleans()),
        excluded_candidates=excluded,
        undeclared_write_in=write_in,
        max_rankings=max_rankings,
        stop_after_round=draw(st.sampled_from([None, None, None, 1, 2, 3])),
        tiebreak=TieBreakRule(mode=tiebreak_mode, seed=draw(st.integers(0, 2**40))),
    )
    return rules, ballots


def split_into_single_ballots(ballots: list[RankedBallot]) -> list[RankedBallot]:
    return [RankedBallot(ballot.ranks, 1) for ballot in ballots for _ in range(ballot.weight)]


def check_invariants(rules: CountRules, result: TallyResult) -> None:
    assert accounted_for(result) == [Decimal(result.total_ballots)] * len(result.rounds)
    assert len(set(result.winners)) == len(result.winners) <= rules.seats
    assert not set(result.winners) & {*rules.excluded_candidates, WRITE_IN}
    electable = len(rules.candidates) - len(rules.excluded_candidates)
    if rules.stop_after_round is None:
        assert len(result.winners) == min(rules.seats, electable)
    gone: set[str] = set(rules.excluded_candidates)
    for round_result in result.rounds:
        assert not gone & set(round_result.tally), "an eliminated candidate came back"
        assert not set(round_result.elected) & set(round_result.eliminated)
        assert round_result.inactive.total >= 0
        assert all(votes >= 0 for votes in round_result.tally.values())
        gone |= set(round_result.eliminated)
    assert [name for r in result.rounds for name in r.elected] == list(result.winners)


# --------------------------------------------------------------------------- properties

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(elections(stv=False))
def test_irv_random_elections_conserve_every_ballot(election: tuple[CountRules, list[RankedBallot]]) -> None:
    rules, ballots = election
    result = tabulate(ballots, rules)
    check_invariants(rules, result)
    assert all(round_result.residual_surplus is None for round_result in result.rounds)
    # Whole ballots only: every number is a whole number.
    for round_result in result.rounds:
        assert all(votes == votes.to_integral_value() for votes in round_result.tally.values())


@SETTINGS
@given(elections(stv=True))
def test_stv_random_elections_conserve_every_ballot(election: tuple[CountRules, list[RankedBallot]]) -> None:
    rules, ballots = election
    result = tabulate(ballots, rules)
    check_invariants(rules, result)
    assert result.rounds[-1].final_round_surplus is not None


@SETTINGS
@given(elections(stv=True))
def test_stv_weight_means_identical_ballots_rounded_one_by_one(
    election: tuple[CountRules, list[RankedBallot]],
) -> None:
    rules, ballots = election
    assert tabulate(ballots, rules) == tabulate(split_into_single_ballots(ballots), rules)


@SETTINGS
@given(elections(stv=False))
def test_irv_result_does_not_depend_on_grouping_or_order(
    election: tuple[CountRules, list[RankedBallot]],
) -> None:
    rules, ballots = election
    result = tabulate(ballots, rules)
    assert tabulate(list(reversed(split_into_single_ballots(ballots))), rules) == result


@SETTINGS
@given(elections(stv=True))
def test_stv_surplus_moves_exactly_what_is_above_the_threshold(
    election: tuple[CountRules, list[RankedBallot]],
) -> None:
    rules, ballots = election
    result = tabulate(ballots, rules)
    for round_result in result.rounds:
        for name, transfer in round_result.transfers.items():
            moved = sum(transfer.to_candidates.values(), Decimal(0)) + (transfer.exhausted or 0)
            if name in round_result.eliminated:
                assert moved == round_result.tally[name]  # an eliminated candidate's votes all move on
            elif round_result.tally[name] >= round_result.threshold and round_result is not result.rounds[-1]:
                surplus = round_result.tally[name] - round_result.threshold
                assert moved + (transfer.residual_surplus or 0) == surplus


# --------------------------------------------------------------------------- worked by hand


def ballots(*rows: tuple[int, str]) -> list[RankedBallot]:
    """``(weight, "A B C")`` rows: names separated by spaces, first choice first."""
    return [RankedBallot.from_names(text.split(), weight) for weight, text in rows]


def test_irv_majority_in_first_round_ends_the_count() -> None:
    result = tabulate(ballots((6, "A B"), (3, "B"), (2, "C B")), default_rules(["A", "B", "C"]))
    assert result.winners == ("A",)
    assert len(result.rounds) == 1
    assert result.rounds[0].threshold == 6  # floor(11 / 2) + 1
    assert result.rounds[0].transfers["A"].to_candidates == {}


def test_irv_lowest_is_eliminated_and_votes_follow_next_choice() -> None:
    result = tabulate(ballots((5, "A"), (4, "B A"), (2, "C B"), (1, "C")), default_rules(["A", "B", "C"]))
    first, second = result.rounds[:2]
    assert (first.threshold, first.eliminated) == (7, ("C",))
    assert dict(first.transfers["C"].to_candidates) == {"B": 2}
    assert first.transfers["C"].exhausted == 1
    assert dict(second.tally) == {"A": 5, "B": 6}
    assert second.threshold == 6  # recomputed: floor(11 / 2) + 1
    assert second.inactive.exhausted_choices == 1
    assert result.winners == ("B",)


def test_irv_two_left_below_threshold_the_one_with_more_votes_wins() -> None:
    rules = replace(default_rules(["A", "B", "C"]), threshold_fixed_after_round_1=True)
    result = tabulate(ballots((4, "A"), (3, "B"), (3, "C")), rules)
    # Round 1: threshold 6; B and C tie for last, candidate order: C (listed later) loses.
    assert result.rounds[0].eliminated == ("C",)
    assert result.winners == ("A",)
    assert result.tie_resolutions[0].selecting == "loser"


def test_stv_surplus_is_truncated_per_ballot_and_residual_reported() -> None:
    rules = replace(default_rules(["A", "B", "C"], seats=2), decimal_places=4)
    result = tabulate(ballots((7, "A B"), (3, "C"), (2, "B")), rules)
    first, second = result.rounds[:2]
    assert first.threshold == 5  # floor(12 / 3) + 1
    assert first.elected == ("A",)
    # f = truncate(2 / 7) = 0.2857; each of the 7 ballots moves 0.2857 and keeps 0.7143.
    assert first.transfers["A"].to_candidates["B"] == Decimal("1.9999")
    assert first.transfers["A"].residual_surplus == Decimal("0.0001")  # 7 x 0.7143 = 5.0001
    assert str(second.tally["A"]) == "5"
    assert str(second.tally["B"]) == "3.9999"
    assert second.residual_surplus == Decimal("0.0001")
    assert result.winners == ("A", "B")


def test_stv_rounding_applies_to_each_ballot_never_to_the_row() -> None:
    # Three ballots worth 0.2499 each move on with f = 0.3999: 3 x truncate(0.2499 x 0.3999)
    # = 3 x 0.0999 = 0.2997, where truncate(0.7497 x 0.3999) would give 0.2998.
    rules = CountRules(
        candidates=("A", "B", "C", "D"),
        seats=3,
        election_mode=ElectionMode.STV_ONE_WINNER_PER_ROUND,
        threshold=ThresholdRule.DROOP_FRACTIONAL,
        overvote=OvervoteRule.SKIP_TO_NEXT_RANK,
    )
    grouped = tabulate(ballots((3, "A B C"), (3, "B C D"), (3, "C D")), rules)
    assert grouped.rounds[1].transfers["B"].to_candidates["C"] == Decimal("1.4994")  # 1.1997 + 0.2997
    assert grouped == tabulate(
        split_into_single_ballots(ballots((3, "A B C"), (3, "B C D"), (3, "C D"))), rules
    )


def test_stv_numbers_keep_the_scale_the_arithmetic_gives_them() -> None:
    # A winner exactly at the threshold passes on ballots worth 0.0000: tallies they join show 4 places.
    rules = replace(default_rules(["A", "B", "C", "D"], seats=2))
    result = tabulate(ballots((4, "A B"), (3, "B"), (2, "C"), (1, "D")), rules)
    assert result.rounds[0].elected == ("A",)  # threshold floor(10 / 3) + 1 = 4
    assert str(result.rounds[1].tally["B"]) == "3.0000"
    assert result.rounds[0].transfers["A"].to_candidates == {}


def test_overvote_rules() -> None:
    mixed = [RankedBallot((("A", "B"), ("C",))), RankedBallot((OVERVOTE, ("C",)))]
    rules = default_rules(["A", "B", "C"])
    exhaust = tabulate(mixed, rules)
    assert exhaust.rounds[0].inactive.overvote == 2
    skip = tabulate(mixed, replace(rules, overvote=OvervoteRule.SKIP_TO_NEXT_RANK))
    assert skip.rounds[0].tally["C"] == 2
    multiple = tabulate(
        [mixed[0], RankedBallot((("A", "C"),))],
        replace(rules, overvote=OvervoteRule.EXHAUST_IF_MULTIPLE_CONTINUING, excluded_candidates=("B",)),
    )
    assert multiple.rounds[0].tally["A"] == 1  # A|B with B excluded: only A continues
    assert multiple.rounds[0].inactive.overvote == 1  # A|C: two continuing


def test_skipped_ranks_and_repeated_rankings() -> None:
    gap = [RankedBallot(((), (), ("A",))), RankedBallot(((), ("B",)))]
    rules = replace(default_rules(["A", "B"]), max_consecutive_skipped_ranks=1)
    assert tabulate(gap, rules).rounds[0].inactive.skipped_ranks == 1
    assert tabulate(gap, replace(rules, max_consecutive_skipped_ranks=None)).rounds[0].inactive.total == 0
    repeated = ballots((1, "A A B"), (2, "B"), (2, "C"))
    strict = replace(default_rules(["A", "B", "C"]), duplicate_ranking=DuplicateRule.EXHAUST_AT_DUPLICATE)
    result = tabulate(repeated, strict)
    assert result.rounds[0].eliminated == ("A",)
    assert result.rounds[1].inactive.repeated_ranking == 1


def test_write_in_is_eliminated_first_and_never_elected() -> None:
    rules = replace(default_rules(["A", "B"]), undeclared_write_in=WRITE_IN)
    result = tabulate([*ballots((9, "A"), (2, "B")), RankedBallot(((WRITE_IN,), ("B",)))], rules)
    first = result.rounds[0]
    assert first.elected == ()  # A has a majority, but the write-ins still hold a vote
    assert first.eliminated == (WRITE_IN,)
    assert result.winners == ("A",)


def test_batch_elimination_removes_every_hopeless_candidate_at_once() -> None:
    rules = replace(default_rules(list("ABCDE")), batch_elimination=True)
    result = tabulate(ballots((10, "A"), (8, "B"), (3, "C"), (2, "D"), (1, "E")), rules)
    assert result.rounds[0].eliminated == ("C", "D", "E")  # 1 + 2 + 3 = 6 < 8


def test_no_rankings_are_counted_apart() -> None:
    result = tabulate([*ballots((2, "A"), (1, "B")), RankedBallot(((), ()), 4)], default_rules(["A", "B"]))
    assert (result.total_ballots, result.ballots_with_no_rankings) == (7, 4)
    assert result.rounds[0].inactive.total == 0


def test_group_rankings_groups_identical_ballots() -> None:
    grouped = group_rankings([["A", "B"], ["B"], ["A", "B"]])
    assert grouped == (RankedBallot.from_names(["A", "B"], 2), RankedBallot.from_names(["B"], 1))


def test_default_rules_pick_irv_or_stv_by_seats() -> None:
    assert default_rules(["A", "B"]).election_mode is ElectionMode.SINGLE_WINNER
    stv = default_rules(["A", "B", "C"], seats=2)
    assert (stv.election_mode, stv.threshold) == (
        ElectionMode.STV_MULTIPLE_WINNERS_PER_ROUND,
        ThresholdRule.DROOP,
    )


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (CountRules(candidates=()), "no candidates"),
        (CountRules(candidates=("A", "A")), "unique"),
        (CountRules(candidates=("A", "B"), seats=2), "single-winner"),
        (CountRules(candidates=("A", "B"), excluded_candidates=("C",)), "Excluded"),
        (CountRules(candidates=("A", "B"), tiebreak=TieBreakRule(TiebreakMode.RANDOM)), "seed"),
    ],
)
def test_inconsistent_rules_are_refused(rules: CountRules, message: str) -> None:
    with pytest.raises(VoteError, match=message):
        tabulate([], rules)


def test_bad_ballots_are_refused() -> None:
    rules = default_rules(["A", "B"])
    with pytest.raises(VoteError, match='"Z", who is not a candidate'):
        tabulate(ballots((1, "A Z")), rules)
    with pytest.raises(VoteError, match="at least 1"):
        tabulate([RankedBallot((("A",),), 0)], rules)
    with pytest.raises(VoteError, match="needs the names"):
        tabulate(
            [RankedBallot((OVERVOTE,))], replace(rules, overvote=OvervoteRule.EXHAUST_IF_MULTIPLE_CONTINUING)
        )
    with pytest.raises(VoteError, match="allow 1"):
        tabulate(ballots((1, "A B")), replace(rules, max_rankings=1))


def test_java_random_reproduces_java_util_random() -> None:
    assert JavaRandom(0).next_double() == 0.730967787376657
    seeded = JavaRandom(1)
    assert [seeded.next_double(), seeded.next_double()] == [0.7308781907032909, 0.41008081149220166]
    assert JavaRandom(12345).next_double() == 0.3618031071604718


def test_seeded_permutation_matches_collections_shuffle() -> None:
    names = ["Mookie Blaylock", "Yinka Dare", "George Gervin", "Sedale Threatt"]
    assert seeded_permutation(names, 12345) == (
        "George Gervin",
        "Sedale Threatt",
        "Yinka Dare",
        "Mookie Blaylock",
    )


def test_java_hash_set_order_follows_string_hash_buckets() -> None:
    assert java_hash_set_order(["Dopey", "Sneezy"]) == ["Sneezy", "Dopey"]
    assert java_hash_set_order(["Dopey", "Grumpy", "Sneezy"]) == ["Sneezy", "Grumpy", "Dopey"]
