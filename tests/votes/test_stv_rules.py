"""Meek, WIGM and the Scottish STV rules against plain statements of the rules, on made-up elections."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coop.cli.main import app
from coop.errors import VoteError
from coop.votes.stv import (
    FIXED_P5,
    GUARDED_P18_G9,
    RATIONAL,
    StvElection,
    StvResult,
    count_meek,
    count_scottish,
    count_wigm,
)
from coop.votes.stv.arithmetic import show_decimal
from coop.votes.tally.ballots import RankedBallot

NAMES = ("A", "B", "C", "D", "E", "F")


def _count(method: str, election: StvElection) -> StvResult:
    if method == "meek-guarded":
        return count_meek(election, GUARDED_P18_G9)
    if method == "meek-rational":
        return count_meek(election, RATIONAL)
    if method == "wigm":
        return count_wigm(election)
    return count_scottish(election)


# Meek in exact fractions is checked on Droop's reference counts only: its fractions grow with every
# iteration (by design, nothing is rounded), which makes random elections slow to count.
METHODS = ["meek-guarded", "wigm", "scottish"]


@st.composite
def elections(draw: st.DrawFn) -> StvElection:
    candidates = NAMES[: draw(st.integers(2, len(NAMES)))]
    seats = draw(st.integers(1, len(candidates) - 1))
    rankings = st.permutations(candidates).flatmap(
        lambda order: st.integers(1, len(order)).map(lambda n: order[:n])
    )
    ballots = draw(st.lists(st.tuples(rankings, st.integers(1, 30)), min_size=1, max_size=12))
    return StvElection(candidates, seats, tuple(RankedBallot.from_names(r, w) for r, w in ballots))


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=60, deadline=None)
@given(election=elections())
def test_stv_fills_every_seat_with_distinct_candidates(method: str, election: StvElection) -> None:
    # There are more candidates than seats: every seat is filled, by different candidates.
    result = _count(method, election)
    assert len(result.winners) == election.seats
    assert len(set(result.winners)) == election.seats
    assert set(result.winners) <= set(election.candidates)
    assert {n for n, s in result.final.states.items() if s == "elected"} == set(result.winners)


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=60, deadline=None)
@given(election=elections())
def test_stv_elects_whoever_has_more_first_preferences_than_the_quota(
    method: str, election: StvElection
) -> None:
    # Droop quota: ballots / (seats + 1); a candidate with more first preferences is elected.
    result = _count(method, election)
    total = sum(b.weight for b in election.ballots)
    quota = Fraction(total, election.seats + 1)
    first: dict[str, int] = {}
    for ballot in election.ballots:
        first[ballot.ranks[0][0]] = first.get(ballot.ranks[0][0], 0) + ballot.weight
    for name, votes in first.items():
        if votes > quota + 1:  # + 1: the Scottish quota is the whole part plus one
            assert name in result.winners


@settings(max_examples=60, deadline=None)
@given(election=elections())
def test_meek_keep_factors_lie_between_zero_and_one(election: StvElection) -> None:
    # An elected candidate keeps a share in (0, 1]; a hopeful one keeps all; a defeated one nothing.
    result = count_meek(election, GUARDED_P18_G9)
    for round_ in (*result.rounds, None):
        snapshot = round_.start if round_ is not None else result.final
        assert snapshot.keep_factors is not None
        for name, factor in snapshot.keep_factors.items():
            state = snapshot.states[name]
            if state == "elected":
                assert 0 < factor <= 1
            elif state == "hopeful":
                assert factor == 1
            else:
                assert factor == 0


def test_scottish_transfer_truncates_to_five_decimals() -> None:
    # 7 ballots A>B, 2 for C, 1 for D; 2 seats: quota 10 // 3 + 1 = 4; A's surplus 3 of 7 passes at
    # 3/7 = 0.428571... each, truncated to 0.42857 a ballot (order, art. 48): B gets 7 × 0.42857.
    ballots = (
        RankedBallot.from_names(["A", "B"], 7),
        RankedBallot.from_names(["C"], 2),
        RankedBallot.from_names(["D"], 1),
    )
    result = count_scottish(StvElection(("A", "B", "C", "D"), 2, ballots))
    assert show_decimal(result.rounds[1].start.votes["B"], 5) == "2.99999"
    wigm = count_wigm(StvElection(("A", "B", "C", "D"), 2, ballots))
    # WIGM, exact: quota 10/3, surplus 7 - 10/3 = 11/3 passes whole to B.
    assert wigm.rounds[1].start.votes["B"] == Fraction(11, 3)


def test_meek_equal_ranks_split_the_vote() -> None:
    # 4 ballots rank A and B equal, 2 rank C: each of A and B starts with 2.
    ballots = (RankedBallot((("A", "B"),), 4), RankedBallot.from_names(["C"], 2))
    result = count_meek(StvElection(("A", "B", "C"), 1, ballots), RATIONAL)
    assert result.first.votes == {"A": 2, "B": 2, "C": 2}


def test_wigm_refuses_equal_ranks() -> None:
    ballots = (RankedBallot((("A", "B"),), 4), RankedBallot.from_names(["C"], 2))
    with pytest.raises(VoteError, match="one candidate per rank"):
        count_wigm(StvElection(("A", "B", "C"), 1, ballots))


def test_fixed_point_rounds_down_and_displays_half_up() -> None:
    assert FIXED_P5.div(FIXED_P5.of(2), FIXED_P5.of(3)) == 66666
    assert show_decimal(Fraction(2, 3), 5) == "0.66667"
    # Guarded values closer than half a unit of the 18th decimal are equal.
    assert GUARDED_P18_G9.eq(GUARDED_P18_G9.of(1), GUARDED_P18_G9.of(1) + 10**9 // 2 - 1)
    assert not GUARDED_P18_G9.eq(GUARDED_P18_G9.of(1), GUARDED_P18_G9.of(1) + 10**9 // 2)


BLT = (
    '4 2\n[tie 2 1 3 4]\n-4\n3 1 2 0\n2 3 0\n1 2 0\n1 4 0\n0\n"Ana"\n"Bruno"\n"Carmen"\n"Dario"\n"Consejo"\n'
)


@pytest.mark.parametrize("method", ["meek", "wigm", "scottish"])
def test_tabulate_method_json_gives_winners_and_rounds(tmp_path: Path, method: str) -> None:
    path = tmp_path / "consejo.blt"
    path.write_text(BLT, encoding="utf-8")
    result = CliRunner().invoke(app, ["votes", "tabulate", str(path), "--method", method, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["method"] == method
    assert len(data["winners"]) == 2 and "Dario" not in data["winners"]
    assert data["rounds"][0]["states"]["Dario"] == "withdrawn"
    assert ("keep_factors" in data["rounds"][0]) == (method == "meek")
    table = CliRunner().invoke(app, ["votes", "tabulate", str(path), "--method", method])
    assert table.exit_code == 0, table.output
    assert "Elected: " in table.output and "Round 1" in table.output
