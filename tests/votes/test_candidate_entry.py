"""What a voter may type for a candidate: a number on the list, a member number with or without its
zeros, or a name without regard to accents and case; an entry naming two candidates names neither."""

from __future__ import annotations

import pytest

from coop.errors import VoteError
from coop.votes.candidate_entry import Standing, find_candidate, fold_name, match_ranking, split_entries

BALLOT = [
    Standing("Zofia Łukasiewicz", "0002"),
    Standing("Raúl Ibáñez", "0003"),
    Standing("Inés Peña", "0004"),
    Standing("Inés Sáenz Peña", "0005"),
    Standing("Socio 12", "0012"),
]


def _named(entry: str, *, list_shown: bool = False) -> str:
    return find_candidate(BALLOT, entry, list_shown=list_shown).name


def test_fold_name_drops_accents_case_and_extra_spaces() -> None:
    assert fold_name("  Zofia   ŁUKASIEWICZ ") == "zofia lukasiewicz"
    assert fold_name("Inés Sáenz Peña") == "ines saenz pena"


@pytest.mark.parametrize(
    ("entry", "name"),
    [
        ("ines saenz pena", "Inés Sáenz Peña"),
        ("INES PENA", "Inés Peña"),  # the whole name wins over a longer name holding the same words
        ("zofia lukasiewicz", "Zofia Łukasiewicz"),
        ("Łukasiewicz", "Zofia Łukasiewicz"),
        ("saenz", "Inés Sáenz Peña"),
        ("ibanez raul", "Raúl Ibáñez"),
    ],
)
def test_names_match_without_regard_to_accents_case_or_order(entry: str, name: str) -> None:
    assert _named(entry) == name


@pytest.mark.parametrize("entry", ["12", "012", "0012", "#12", "#0012"])
def test_member_numbers_match_with_or_without_their_zeros(entry: str) -> None:
    assert _named(entry) == _named(entry, list_shown=True) == "Socio 12"


def test_a_plain_number_names_the_candidate_at_that_place_on_the_list() -> None:
    assert match_ranking(BALLOT, ["1 12"]) == ["Zofia Łukasiewicz", "Socio 12"]  # no member 0001 stands
    assert _named("0002") == "Zofia Łukasiewicz"  # written with its zeros: only a member number


def test_a_number_on_the_list_and_another_candidates_member_number_is_refused_unless_the_list_is_shown() -> (
    None
):
    with pytest.raises(VoteError) as refused:
        _named("2")
    assert refused.value.message == (
        "'2' could be number 2 on the list (Raúl Ibáñez) or member number 0002 (Zofia Łukasiewicz); "
        "type the name, or the member number with its zeros."
    )
    # At the terminal the numbered list is on the screen: its numbers are what the voter means.
    assert match_ranking(BALLOT, ["2 1 3"], list_shown=True) == [
        "Raúl Ibáñez",
        "Zofia Łukasiewicz",
        "Inés Peña",
    ]


def test_a_name_matching_two_candidates_is_refused_naming_both() -> None:
    with pytest.raises(
        VoteError, match=r"^'ines' could be Inés Peña or Inés Sáenz Peña; type more of the name"
    ):
        _named("ines", list_shown=True)


def test_unknown_entries_are_refused_with_the_candidates() -> None:
    with pytest.raises(
        VoteError, match=r"^'9' is neither a number on the list \(1 to 5\) nor the member number"
    ):
        _named("9", list_shown=True)
    with pytest.raises(
        VoteError, match=r"^'Nadie' is not a candidate in this election; the candidates are: Zofia"
    ):
        _named("Nadie")


def test_a_ranking_names_each_candidate_once() -> None:
    with pytest.raises(VoteError, match=r"^Raúl Ibáñez is ranked twice"):
        match_ranking(BALLOT, ["2, raul ibanez"], list_shown=True)
    with pytest.raises(VoteError, match="at least one candidate"):
        match_ranking(BALLOT, [" , "])


def test_entries_split_at_commas_and_between_numbers_but_names_keep_their_spaces() -> None:
    assert split_entries(["2 1 3"]) == ["2", "1", "3"]
    assert split_entries(["Inés  Peña, 2 #12; 0003", "Raúl Ibáñez"]) == [
        "Inés Peña",
        "2",
        "#12",
        "0003",
        "Raúl Ibáñez",
    ]
