"""Seats to lists: lista completa, lista incompleta, D'Hondt and Sainte-Laguë.

Pure: plain data in (:class:`ListVotes`, :class:`ListRules`), a frozen :class:`ListResult` out; no
database, no clock, no I/O. Arithmetic is exact (:class:`~fractions.Fraction`), so a tie is a tie.

The rules, as a returning officer reads them
--------------------------------------------
- **Valid votes** are the votes cast for a list. Blank and void ballots are counted and reported
  apart and are not valid votes: they take no part in any share or threshold.
- **Threshold**: a list takes part in the allocation when its votes reach at least the given share
  of the valid votes (``3 %`` of 1,000 valid votes: 30 votes take part, 29 do not).
- **Lista completa**: the list with the most votes takes every seat.
- **Lista incompleta**: the list with the most votes takes ``share`` of the seats, the runner-up the
  rest. Ley 20.337 leaves the share to the bylaws; they name it as a fraction (2/3 is the usual) and
  a share of a number of seats that is not whole is **rounded up**, the whole number just above, as
  the incomplete list of the Ley Sáenz Peña gave its two thirds (``2/3`` of 5 seats: 4 and 1). Bylaws
  that round down say so (:attr:`ShareRounding.DOWN`). With no runner-up (one list, or one past the
  threshold) the first list takes every seat: nobody else is there to fill them.
- **D'Hondt**: each list's votes are divided by 1, 2, 3, ... up to the number of seats; the seats go
  to the highest quotients. **Sainte-Laguë**: the same with the odd divisors 1, 3, 5, ...
- **Ties** (two lists with the same quotient for the last seat, or the same votes for first or
  second place): the list with more votes in total wins; lists still tied are drawn by lot from
  ``seed``: their names, sorted, are shuffled by Java's random generator from that seed, as
  ranked counts draw (:func:`coop.votes.tally.seeded_permutation`), and the first drawn wins.
  Every tie that decided a seat is reported, with how it was broken.
- **Candidates**: each list's titulares take its seats in the list's order; its suplentes, in
  their own order, fill vacancies later. A list that wins more seats than it has titulares leaves
  the rest unfilled (reported). Candidates are optional: without them only seats are allocated.

Every quotient of the divisor methods is kept, with the seat it won, so that the allocation table
(lists x divisors, seats marked) can be printed and checked by hand.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from coop.errors import VoteError
from coop.i18n import _
from coop.votes.tally.java_random import seeded_permutation


class ListMethod(enum.StrEnum):
    DHONDT = "dhondt"
    SAINTE_LAGUE = "sainte-lague"
    LISTA_COMPLETA = "lista-completa"
    LISTA_INCOMPLETA = "lista-incompleta"

    @property
    def uses_divisors(self) -> bool:
        return self in (ListMethod.DHONDT, ListMethod.SAINTE_LAGUE)


class ShareRounding(enum.StrEnum):
    UP = "up"
    DOWN = "down"


@dataclass(frozen=True)
class PartyList:
    """A list (lista) and the votes it got; its titulares and suplentes in their order, when given."""

    name: str
    votes: int
    titulares: tuple[str, ...] = ()
    suplentes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ListVotes:
    lists: tuple[PartyList, ...]
    blank: int = 0
    void: int = 0

    @property
    def valid(self) -> int:
        return sum(party.votes for party in self.lists)


@dataclass(frozen=True)
class ListRules:
    method: ListMethod
    seats: int
    share: Fraction = Fraction(2, 3)  # lista incompleta: the first list's share of the seats
    threshold: Fraction = Fraction(0)  # the least share of the valid votes a list needs to take part
    rounding: ShareRounding = ShareRounding.UP
    seed: int = 0  # for the draw between lists still tied after their votes

    def check(self) -> None:
        if self.seats < 1:
            raise VoteError(
                _("The number of seats must be at least 1 (it is {seats}).").format(seats=self.seats)
            )
        if not 0 < self.share < 1:
            raise VoteError(
                _(
                    "The first list's share must be a fraction between 0 and 1, like 2/3 (it is {share})."
                ).format(share=self.share)
            )
        if not 0 <= self.threshold < 1:
            raise VoteError(
                _("The threshold must be a percentage from 0 up to 100 (it is {threshold} %).").format(
                    threshold=float(self.threshold * 100)
                )
            )


@dataclass(frozen=True)
class Quotient:
    """A list's votes divided by one divisor; ``seat`` is the seat it won (1 = first), if any."""

    list: str
    divisor: int
    value: Fraction
    seat: int | None


@dataclass(frozen=True)
class ListTie:
    """Lists tied for a seat (or a place); ``by`` says what broke the tie."""

    seat: int
    tied: tuple[str, ...]
    chosen: str
    by: Literal["votes", "draw"]


@dataclass(frozen=True)
class ListOutcome:
    name: str
    votes: int
    share: Fraction  # of the valid votes
    takes_part: bool  # reached the threshold
    seats: int
    elected: tuple[str, ...]  # titulares who take the seats, in the list's order
    alternates: tuple[str, ...]  # the list's suplentes, for lists that won a seat
    unfilled: int  # seats won beyond the titulares given (0 when no candidates were given)


@dataclass(frozen=True)
class ListResult:
    rules: ListRules
    valid: int
    blank: int
    void: int
    lists: tuple[ListOutcome, ...]  # in the order given
    divisors: tuple[int, ...]  # the divisor methods' columns; () for lista completa and incompleta
    quotients: tuple[Quotient, ...]  # lists taking part x divisors, row by row
    seat_order: tuple[str, ...]  # the list that took each seat, first seat first
    ties: tuple[ListTie, ...] = field(default=())

    @property
    def total(self) -> int:
        return self.valid + self.blank + self.void

    @property
    def winners(self) -> tuple[str, ...]:
        """The elected titulares, list by list in the order given; without candidates, lists with seats."""
        if any(outcome.elected for outcome in self.lists):
            return tuple(name for outcome in self.lists for name in outcome.elected)
        return tuple(outcome.name for outcome in self.lists if outcome.seats)


def divisors(method: ListMethod, seats: int) -> tuple[int, ...]:
    """The divisors of a divisor method: 1, 2, 3, ... (D'Hondt) or 1, 3, 5, ... (Sainte-Laguë)."""
    if method is ListMethod.DHONDT:
        return tuple(range(1, seats + 1))
    if method is ListMethod.SAINTE_LAGUE:
        return tuple(range(1, 2 * seats, 2))
    return ()


def first_list_seats(seats: int, share: Fraction, rounding: ShareRounding = ShareRounding.UP) -> int:
    """Lista incompleta: the seats of the list with most votes (``2/3`` of 5, rounded up: 4)."""
    exact = share * seats
    return math.ceil(exact) if rounding is ShareRounding.UP else math.floor(exact)


def allocate(votes: ListVotes, rules: ListRules) -> ListResult:
    """The seats of each list by ``rules``, and who takes them; :class:`VoteError` for bad input."""
    rules.check()
    _check_votes(votes)
    valid = votes.valid
    if valid == 0:
        raise VoteError(_("No list has any votes: there is nothing to allocate seats from."))
    taking_part = [party for party in votes.lists if Fraction(party.votes, valid) >= rules.threshold]
    if not any(party.votes for party in taking_part):
        raise VoteError(
            _("No list reaches the threshold of {threshold} % of the valid votes.").format(
                threshold=float(rules.threshold * 100)
            )
        )
    draw = _draw_order([party.name for party in taking_part], rules.seed)
    ties: list[ListTie] = []
    columns = divisors(rules.method, rules.seats)
    quotients: list[Quotient] = []
    if rules.method.uses_divisors:
        quotients, seat_order = _highest_quotients(taking_part, columns, rules.seats, draw, ties)
    else:
        seat_order = _majority_seats(taking_part, rules, draw, ties)
    won = {party.name: seat_order.count(party.name) for party in votes.lists}
    outcomes = tuple(_outcome(party, valid, party in taking_part, won[party.name]) for party in votes.lists)
    return ListResult(
        rules=rules,
        valid=valid,
        blank=votes.blank,
        void=votes.void,
        lists=outcomes,
        divisors=columns,
        quotients=tuple(quotients),
        seat_order=tuple(seat_order),
        ties=tuple(ties),
    )


def _check_votes(votes: ListVotes) -> None:
    if not votes.lists:
        raise VoteError(_("There are no lists to allocate seats to."))
    seen: set[str] = set()
    for party in votes.lists:
        if not party.name.strip():
            raise VoteError(_("A list has no name; give every list a name."))
        if party.name in seen:
            raise VoteError(_("The list {name} appears twice; give each list once.").format(name=party.name))
        seen.add(party.name)
        if party.votes < 0:
            raise VoteError(
                _("The list {name} has {votes} votes; votes cannot be negative.").format(
                    name=party.name, votes=party.votes
                )
            )
    for count in (votes.blank, votes.void):
        if count < 0:
            raise VoteError(_("Blank and void ballots cannot be negative ({count}).").format(count=count))


def _draw_order(names: Sequence[str], seed: int) -> dict[str, int]:
    """Each list's place in the draw by lot: lower wins a tie that votes do not break."""
    return {name: place for place, name in enumerate(seeded_permutation(names, seed))}


def _highest_quotients(
    parties: Sequence[PartyList],
    columns: tuple[int, ...],
    seats: int,
    draw: dict[str, int],
    ties: list[ListTie],
) -> tuple[list[Quotient], list[str]]:
    votes = {party.name: party.votes for party in parties}
    candidates = [
        (Fraction(party.votes, divisor), party.name, divisor) for party in parties for divisor in columns
    ]
    ordered = sorted(candidates, key=lambda item: (-item[0], -votes[item[1]], draw[item[1]], item[2]))
    winners = ordered[:seats]
    seat_of = {(name, divisor): number for number, (_value, name, divisor) in enumerate(winners, start=1)}
    # A tie decided a seat when the last seat's quotient is shared by a quotient left without one.
    last_value = winners[-1][0]
    tied = [item for item in ordered if item[0] == last_value]
    losers = [item for item in tied if (item[1], item[2]) not in seat_of]
    if losers and last_value > 0:
        won_in_tie = [item for item in tied if (item[1], item[2]) in seat_of]
        last_winner, first_loser = won_in_tie[-1], losers[0]
        by: Literal["votes", "draw"] = "votes" if votes[last_winner[1]] > votes[first_loser[1]] else "draw"
        ties.append(
            ListTie(
                seat=seat_of[(last_winner[1], last_winner[2])],
                tied=tuple(sorted({item[1] for item in tied})),
                chosen=last_winner[1],
                by=by,
            )
        )
    quotients = [
        Quotient(name, divisor, value, seat_of.get((name, divisor))) for value, name, divisor in candidates
    ]
    seat_order = [name for _value, name, _divisor in winners]
    return quotients, seat_order


def _majority_seats(
    parties: Sequence[PartyList], rules: ListRules, draw: dict[str, int], ties: list[ListTie]
) -> list[str]:
    """Lista completa and incompleta: the first list (and the runner-up), ties by lot."""
    ranked = sorted(
        (party for party in parties if party.votes > 0), key=lambda party: (-party.votes, draw[party.name])
    )
    first = ranked[0]
    _note_place_tie(ranked, 0, 1, ties)
    if rules.method is ListMethod.LISTA_COMPLETA or len(ranked) == 1:
        return [first.name] * rules.seats
    first_seats = first_list_seats(rules.seats, rules.share, rules.rounding)
    _note_place_tie(ranked, 1, first_seats + 1, ties)
    return [first.name] * first_seats + [ranked[1].name] * (rules.seats - first_seats)


def _note_place_tie(ranked: Sequence[PartyList], place: int, seat: int, ties: list[ListTie]) -> None:
    """A tie for first (or second) place, broken by lot: the tied lists' votes are equal."""
    tied = [party.name for party in ranked[place:] if party.votes == ranked[place].votes]
    if len(tied) > 1:
        ties.append(ListTie(seat=seat, tied=tuple(sorted(tied)), chosen=ranked[place].name, by="draw"))


def _outcome(party: PartyList, valid: int, takes_part: bool, seats: int) -> ListOutcome:
    elected = party.titulares[:seats]
    given = bool(party.titulares or party.suplentes)
    return ListOutcome(
        name=party.name,
        votes=party.votes,
        share=Fraction(party.votes, valid),
        takes_part=takes_part,
        seats=seats,
        elected=elected,
        alternates=party.suplentes if seats else (),
        unfilled=seats - len(elected) if given else 0,
    )
