"""The count of an election by lists, at its close: ballots to votes per list, seats by
:mod:`coop.votes.lists`, and who takes them.

Ballots: a one-item ranking is a vote for that list, the empty ranking a blank ballot, a ballot
with no ranking (a paper ballot the tellers entered as void) or one naming no registered list is
void (nulo). Blank and void ballots are counted and reported apart and are not valid votes: they
take no part in the threshold or the shares.

Seats go to lists under the election's rule; each list's titulares take its seats in the list's
order. **Alternates**: the election's alternates (suplentes) are shared among the lists by the
same rule and the same votes as the seats, as a second allocation of that many places (with
D'Hondt, 3 alternates go to the three highest quotients), and each list's places are taken by its
suplentes in their own order. This is the proportional share the statutes ask of the suplentes
("en la misma proporción"); a list that takes no seat may still take an alternate place under a
divisor rule, as it would a seat with more seats to fill.

The result is plain JSON in the ``coop-list-result/1`` format, stored and hashed at the close like
every election's; every report prints from it.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import replace
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.assemblies.election_lists import ListPeople, list_rules_of, lists_with_people
from coop.votes.lists import ListMethod, ListResult, ListVotes, PartyList, allocate
from coop.votes.models import Election, SecretBallot

RESULT_FORMAT = "coop-list-result/1"


def _decimal_text(value: Fraction) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN))


def ballot_rankings(session: Session, election: Election) -> list[str | None]:
    """Every ballot's stored ranking (None for a void paper ballot)."""
    if election.vote_id is None:
        return []
    return list(session.scalars(select(SecretBallot.ranking).where(SecretBallot.vote_id == election.vote_id)))


def tally_list_ballots(rankings: list[str | None], names: list[str]) -> tuple[Counter[str], int, int]:
    """Votes per list, blank and void ballots. Pure."""
    votes: Counter[str] = Counter()
    blank = void = 0
    known = set(names)
    for stored in rankings:
        ranking = json.loads(stored) if stored is not None else None
        if ranking == []:
            blank += 1
        elif isinstance(ranking, list) and len(ranking) == 1 and ranking[0] in known:
            votes[ranking[0]] += 1
        else:
            void += 1
    return votes, blank, void


def count_lists(
    lists: list[ListPeople], votes: Counter[str], blank: int, void: int, rules_of: Any
) -> dict[str, Any]:
    """The result JSON from the lists with their people, the votes and the rules. Pure."""
    rules, alternates = rules_of.rules, rules_of.alternates
    ballots = ListVotes(
        lists=tuple(PartyList(p.name, votes[p.name], p.titulares, p.suplentes) for p in lists),
        blank=blank,
        void=void,
    )
    seats = allocate(ballots, rules)
    places: ListResult | None = None
    if alternates:
        places = allocate(ballots, replace(rules, seats=alternates))
    alternate_places = {o.name: o.seats for o in places.lists} if places else {}
    numbers = {p.name: p.number for p in lists}
    outcomes = []
    for person_list, outcome in zip(lists, seats.lists, strict=True):
        taken = alternate_places.get(outcome.name, 0)
        outcomes.append(
            {
                "number": numbers[outcome.name],
                "name": outcome.name,
                "votes": outcome.votes,
                "share_percent": _decimal_text(outcome.share * 100),
                "takes_part": outcome.takes_part,
                "seats": outcome.seats,
                "elected": list(outcome.elected),
                "alternate_places": taken,
                "alternates": list(person_list.suplentes[:taken]),
                "titulares": list(person_list.titulares),
                "suplentes": list(person_list.suplentes),
            }
        )
    return {
        "format": RESULT_FORMAT,
        "method": rules.method.value,
        "seats": rules.seats,
        "alternates": alternates,
        "share": str(rules.share) if rules.method is ListMethod.LISTA_INCOMPLETA else None,
        "threshold_percent": _decimal_text(rules.threshold * 100),
        "threshold_votes": _decimal_text(rules.threshold * seats.valid),
        "seed": rules.seed,
        "total_ballots": seats.total,
        "valid_votes": seats.valid,
        "blank": seats.blank,
        "void": seats.void,
        "lists": outcomes,
        "divisors": list(seats.divisors),
        "quotients": [
            {"list": q.list, "divisor": q.divisor, "value": _decimal_text(q.value), "seat": q.seat}
            for q in seats.quotients
        ],
        "seat_order": list(seats.seat_order),
        "alternate_order": list(places.seat_order) if places else [],
        "ties": [
            {"seat": t.seat, "tied": list(t.tied), "chosen": t.chosen, "by": t.by, "for": "seat"}
            for t in seats.ties
        ]
        + [
            {"seat": t.seat, "tied": list(t.tied), "chosen": t.chosen, "by": t.by, "for": "alternate"}
            for t in (places.ties if places else ())
        ],
        "winners": [name for outcome in outcomes for name in outcome["elected"]],
        "alternates_elected": [name for outcome in outcomes for name in outcome["alternates"]],
    }


def count_list_election(session: Session, election: Election) -> dict[str, Any]:
    """The official result of a list election from the ballots in its box (opened at the close)."""
    lists = lists_with_people(session, election)
    votes, blank, void = tally_list_ballots(ballot_rankings(session, election), [p.name for p in lists])
    return count_lists(lists, votes, blank, void, list_rules_of(election))


def is_list_result(result: dict[str, Any]) -> bool:
    return result.get("format") == RESULT_FORMAT


def export_list_ballots(session: Session, election: Election, out: Path) -> int:
    """Write the votes of a closed list election as a CSV that ``coop votes tabulate FILE --method
    ...`` counts: one line per list in ballot order (``list,votes,candidates``: its votes and its
    titulares), then the blank and the void ballots. A list ballot says nothing but its list, so the
    totals are the whole of the ballots and no order of voting is kept. Returns how many ballots."""
    from coop.errors import VoteError
    from coop.i18n import _

    if out.suffix.lower() != ".csv":
        raise VoteError(
            _("The ballots of an election by lists export as .csv, not {file}.").format(file=out.name)
        )
    lists = lists_with_people(session, election)
    votes, blank, void = tally_list_ballots(ballot_rankings(session, election), [p.name for p in lists])
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["list", "votes", "candidates"])
        for person_list in lists:
            writer.writerow([person_list.name, votes[person_list.name], "|".join(person_list.titulares)])
        writer.writerow(["blank", blank, ""])
        writer.writerow(["void", void, ""])
    return sum(votes.values()) + blank + void
