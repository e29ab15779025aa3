"""Seats to lists, against the plain statement of each rule and the worked examples of its description."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coop.errors import VoteError
from coop.votes.lists import (
    ListMethod,
    ListRules,
    ListVotes,
    PartyList,
    ShareRounding,
    allocate,
    first_list_seats,
)
from coop.votes.tally.java_random import seeded_permutation

NAMES = ("Azul", "Blanca", "Celeste", "Dorada", "Esmeralda", "Fucsia")


def votes_of(*counts: int, blank: int = 0, void: int = 0) -> ListVotes:
    return ListVotes(tuple(PartyList(NAMES[i], count) for i, count in enumerate(counts)), blank, void)


def seats_of(result_votes: ListVotes, rules: ListRules) -> list[int]:
    return [outcome.seats for outcome in allocate(result_votes, rules).lists]


# --------------------------------------------------------------------------- worked examples


def test_dhondt_standard_example_gives_4_3_1_0() -> None:
    result = allocate(votes_of(100_000, 80_000, 30_000, 20_000), ListRules(ListMethod.DHONDT, 8))
    assert [outcome.seats for outcome in result.lists] == [4, 3, 1, 0]
    # the table: 4 lists x divisors 1..8, the seats marked on the 8 highest quotients
    assert result.divisors == (1, 2, 3, 4, 5, 6, 7, 8)
    assert len(result.quotients) == 32
    marked = sorted((q.value, q.list) for q in result.quotients if q.seat is not None)
    assert [value for value, _name in marked] == sorted(
        Fraction(value)
        for value in (
            100_000,
            80_000,
            50_000,
            40_000,
            Fraction(100_000, 3),
            30_000,
            Fraction(80_000, 3),
            25_000,
        )
    )
    assert result.seat_order == ("Azul", "Blanca", "Azul", "Blanca", "Azul", "Celeste", "Blanca", "Azul")


def test_sainte_lague_standard_example_gives_3_3_1_1() -> None:
    # The same votes with odd divisors: the small lists fare better (Wikipedia's worked example).
    result = allocate(votes_of(100_000, 80_000, 30_000, 20_000), ListRules(ListMethod.SAINTE_LAGUE, 8))
    assert [outcome.seats for outcome in result.lists] == [3, 3, 1, 1]
    assert result.divisors == (1, 3, 5, 7, 9, 11, 13, 15)


def test_sainte_lague_and_dhondt_differ_on_the_textbook_53_24_23() -> None:
    votes = votes_of(53_000, 24_000, 23_000)
    assert seats_of(votes, ListRules(ListMethod.SAINTE_LAGUE, 7)) == [3, 2, 2]
    assert seats_of(votes, ListRules(ListMethod.DHONDT, 7)) == [4, 2, 1]


def test_lista_incompleta_two_thirds_rounded_up() -> None:
    assert first_list_seats(6, Fraction(2, 3)) == 4
    assert first_list_seats(5, Fraction(2, 3)) == 4  # 3 1/3 -> 4
    assert first_list_seats(5, Fraction(2, 3), ShareRounding.DOWN) == 3
    result = allocate(votes_of(40, 55, 30), ListRules(ListMethod.LISTA_INCOMPLETA, 5))
    assert [outcome.seats for outcome in result.lists] == [1, 4, 0]


def test_titulares_take_the_seats_in_list_order_and_suplentes_are_kept() -> None:
    votes = ListVotes(
        (
            PartyList("Azul", 600, ("Ana", "Beto", "Carla", "Dario"), ("Eva", "Fede")),
            PartyList("Blanca", 300, ("Gina", "Hugo"), ("Ines",)),
            PartyList("Celeste", 10, ("Juan",), ()),
        ),
        blank=12,
        void=3,
    )
    result = allocate(votes, ListRules(ListMethod.DHONDT, 3))
    azul, blanca, celeste = result.lists
    assert (azul.elected, azul.alternates) == (("Ana", "Beto"), ("Eva", "Fede"))
    assert (blanca.elected, blanca.alternates) == (("Gina",), ("Ines",))
    assert (celeste.elected, celeste.alternates) == ((), ())
    assert result.winners == ("Ana", "Beto", "Gina")
    assert (result.valid, result.blank, result.void, result.total) == (910, 12, 3, 925)


def test_a_list_with_fewer_titulares_than_seats_leaves_them_unfilled() -> None:
    votes = ListVotes((PartyList("Azul", 900, ("Ana",)), PartyList("Blanca", 100, ("Beto",))))
    azul = allocate(votes, ListRules(ListMethod.LISTA_COMPLETA, 3)).lists[0]
    assert (azul.seats, azul.elected, azul.unfilled) == (3, ("Ana",), 2)


# --------------------------------------------------------------------------- thresholds, blank and void


def test_threshold_is_a_share_of_the_valid_votes_only() -> None:
    # 1000 valid votes: 3 % is 30. Blank and void are not valid votes and change nothing.
    votes = votes_of(600, 341, 30, 29, blank=500, void=100)
    result = allocate(votes, ListRules(ListMethod.DHONDT, 40, threshold=Fraction(3, 100)))
    takes_part = [outcome.takes_part for outcome in result.lists]
    assert takes_part == [True, True, True, False]
    assert result.lists[3].seats == 0
    assert {q.list for q in result.quotients} == {"Azul", "Blanca", "Celeste"}
    assert result.lists[2].seats == 1  # without the threshold it would compete with Dorada


def test_no_list_over_the_threshold_is_refused() -> None:
    with pytest.raises(VoteError, match="threshold"):
        allocate(votes_of(10, 10, 10), ListRules(ListMethod.DHONDT, 3, threshold=Fraction(1, 2)))


@pytest.mark.parametrize(
    ("votes", "rules", "fragment"),
    [
        (votes_of(10, -1), ListRules(ListMethod.DHONDT, 3), "negative"),
        (votes_of(10, 5), ListRules(ListMethod.DHONDT, 0), "at least 1"),
        (votes_of(10, 5), ListRules(ListMethod.LISTA_INCOMPLETA, 3, share=Fraction(1)), "between 0 and 1"),
        (votes_of(10, 5), ListRules(ListMethod.DHONDT, 3, threshold=Fraction(1)), "percentage"),
        (votes_of(0, 0, blank=4), ListRules(ListMethod.DHONDT, 3), "no list has any votes"),
        (ListVotes(()), ListRules(ListMethod.DHONDT, 3), "no lists"),
    ],
)
def test_bad_input_is_refused_in_one_sentence(votes: ListVotes, rules: ListRules, fragment: str) -> None:
    with pytest.raises(VoteError) as refusal:
        allocate(votes, rules)
    assert fragment.lower() in refusal.value.message.lower()


# --------------------------------------------------------------------------- ties


def test_a_tie_for_the_last_seat_goes_to_the_list_with_more_votes() -> None:
    # quotients: Azul 6, 3; Blanca 3. The second seat is tied at 3: Azul has more votes in total.
    result = allocate(votes_of(6, 3), ListRules(ListMethod.DHONDT, 2))
    assert [outcome.seats for outcome in result.lists] == [2, 0]
    assert [(tie.seat, tie.tied, tie.chosen, tie.by) for tie in result.ties] == [
        (2, ("Azul", "Blanca"), "Azul", "votes")
    ]


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 7, 42])
def test_lists_tied_in_everything_are_drawn_from_the_seed(seed: int) -> None:
    drawn = seeded_permutation(["Azul", "Blanca", "Celeste"], seed)[0]
    for method in ListMethod:
        rules = ListRules(method, 1, seed=seed)
        result = allocate(votes_of(5, 5, 5), rules)
        assert [outcome.name for outcome in result.lists if outcome.seats] == [drawn]
        assert result.ties[0].by == "draw" and result.ties[0].chosen == drawn
        assert allocate(votes_of(5, 5, 5), rules) == result  # the same seed draws the same


def test_the_draw_depends_on_the_seed() -> None:
    chosen = {
        allocate(votes_of(5, 5, 5), ListRules(ListMethod.DHONDT, 1, seed=seed)).seat_order[0]
        for seed in range(20)
    }
    assert len(chosen) > 1


# --------------------------------------------------------------------------- properties

counts = st.lists(st.integers(0, 5_000), min_size=1, max_size=len(NAMES)).filter(any)
seat_counts = st.integers(1, 30)
divisor_methods = st.sampled_from([ListMethod.DHONDT, ListMethod.SAINTE_LAGUE])


def _divisor(method: ListMethod, seats_held: int) -> int:
    """The divisor of a list's next seat: seats + 1 (D'Hondt), 2 x seats + 1 (Sainte-Laguë)."""
    return seats_held + 1 if method is ListMethod.DHONDT else 2 * seats_held + 1


@given(counts, seat_counts, st.sampled_from(list(ListMethod)), st.integers(0, 2**31))
def test_seats_always_sum_to_the_seats_to_fill(
    votes: list[int], seats: int, method: ListMethod, seed: int
) -> None:
    result = allocate(votes_of(*votes), ListRules(method, seats, seed=seed))
    assert sum(outcome.seats for outcome in result.lists) == seats == len(result.seat_order)


@given(counts, seat_counts, divisor_methods)
def test_divisor_methods_give_the_seats_to_the_highest_quotients(
    votes: list[int], seats: int, method: ListMethod
) -> None:
    # Stated without the algorithm: no quotient left without a seat is higher than one that won a
    # seat, i.e. min over lists with seats of v/divisor(s-1) >= max over lists of v/divisor(s).
    result = allocate(votes_of(*votes), ListRules(method, seats))
    held = {outcome.name: outcome.seats for outcome in result.lists}
    tally = {outcome.name: outcome.votes for outcome in result.lists}
    lowest_won = min(Fraction(tally[n], _divisor(method, held[n] - 1)) for n in held if held[n])
    highest_lost = max(Fraction(tally[n], _divisor(method, held[n])) for n in held)
    assert lowest_won >= highest_lost
    won = sorted((q.value for q in result.quotients if q.seat is not None), reverse=True)
    assert won == sorted((q.value for q in result.quotients), reverse=True)[:seats]


@given(counts, seat_counts, divisor_methods, st.data())
def test_more_votes_never_cost_a_list_a_seat(
    votes: list[int], seats: int, method: ListMethod, data: st.DataObject
) -> None:
    which = data.draw(st.integers(0, len(votes) - 1))
    extra = data.draw(st.integers(1, 3_000))
    before = seats_of(votes_of(*votes), ListRules(method, seats))[which]
    more = list(votes)
    more[which] += extra
    assert seats_of(votes_of(*more), ListRules(method, seats))[which] >= before


@given(counts, seat_counts, st.sampled_from(list(ListMethod)))
def test_a_list_with_more_votes_never_gets_fewer_seats(
    votes: list[int], seats: int, method: ListMethod
) -> None:
    won = seats_of(votes_of(*votes), ListRules(method, seats))
    for i in range(len(votes)):
        for k in range(len(votes)):
            if votes[i] > votes[k]:
                assert won[i] >= won[k]


@given(counts, seat_counts, st.integers(1, 20), divisor_methods)
def test_lists_below_the_threshold_take_no_part(
    votes: list[int], seats: int, percent: int, method: ListMethod
) -> None:
    threshold = Fraction(percent, 100)
    valid = sum(votes)
    if not any(Fraction(v, valid) >= threshold for v in votes):
        return
    result = allocate(votes_of(*votes), ListRules(method, seats, threshold=threshold))
    for outcome in result.lists:
        assert outcome.takes_part == (outcome.votes * 100 >= percent * valid)
        if not outcome.takes_part:
            assert outcome.seats == 0
            assert all(q.list != outcome.name for q in result.quotients)


@given(counts, seat_counts)
def test_lista_completa_gives_every_seat_to_the_most_voted(votes: list[int], seats: int) -> None:
    won = seats_of(votes_of(*votes), ListRules(ListMethod.LISTA_COMPLETA, seats))
    winner = won.index(seats)
    assert votes[winner] == max(votes) and won.count(0) == len(votes) - 1


@given(counts, st.integers(2, 30), st.integers(1, 9), st.integers(2, 10))
def test_lista_incompleta_gives_the_share_to_the_first_and_the_rest_to_the_runner_up(
    votes: list[int], seats: int, top: int, bottom: int
) -> None:
    share = Fraction(min(top, bottom - 1), bottom)
    result = allocate(votes_of(*votes), ListRules(ListMethod.LISTA_INCOMPLETA, seats, share=share))
    seats_by_list = {outcome.name: outcome.seats for outcome in result.lists}
    with_votes = sorted((v for v in votes if v), reverse=True)
    first = result.seat_order[0]
    assert next(o.votes for o in result.lists if o.name == first) == with_votes[0]
    if len(with_votes) == 1:
        assert seats_by_list[first] == seats
        return
    assert seats_by_list[first] == math.ceil(share * seats)
    others = [o for o in result.lists if o.name != first and o.seats]
    assert sum(o.seats for o in others) == seats - math.ceil(share * seats)
    assert all(o.votes == with_votes[1] for o in others) and len(others) <= 1


@pytest.mark.parametrize("seed", [0, 1, 5, 9])
def test_a_tie_for_runner_up_is_drawn_and_reported(seed: int) -> None:
    result = allocate(votes_of(50, 20, 20), ListRules(ListMethod.LISTA_INCOMPLETA, 3, seed=seed))
    drawn = next(name for name in seeded_permutation(["Azul", "Blanca", "Celeste"], seed) if name != "Azul")
    assert {o.name: o.seats for o in result.lists} == {
        "Azul": 2,
        drawn: 1,
        ({"Blanca", "Celeste"} - {drawn}).pop(): 0,
    }
    assert [(tie.seat, tie.tied, tie.chosen, tie.by) for tie in result.ties] == [
        (3, ("Blanca", "Celeste"), drawn, "draw")
    ]


def test_lista_incompleta_rounding_down_when_the_bylaws_say_so() -> None:
    rules = ListRules(ListMethod.LISTA_INCOMPLETA, 5, rounding=ShareRounding.DOWN)
    assert seats_of(votes_of(60, 30), rules) == [3, 2]
