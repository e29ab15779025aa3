"""Elections by lists in the database: lists registered, secret ballots for one list (or blank), the
count by coop.votes.lists at the close, and every refusal.

Each test states the rule it checks in its docstring; the expected numbers are worked out by hand
from that rule, never read off the code's output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coop.assemblies import ballots, elections
from coop.assemblies.election_lists import add_list, create_list_election, lists_with_people
from coop.errors import VoteError
from coop.members.actors import Actor, find_member
from coop.votes.ballot_files.list_votes import read_list_votes
from coop.votes.lists import ListRules, allocate
from coop.votes.models import SealedBallot
from tests.factories.keys import TEST_KEY
from tests.factories.meetings import Meeting

# The standard worked example of D'Hondt: 100,000 / 80,000 / 30,000 / 20,000 votes, 8 seats -> 4/3/1/0.
# Scaled down by 10,000: 10 / 8 / 3 / 2 ballots.
WORKED = {"Lista A": 10, "Lista B": 8, "Lista C": 3, "Lista D": 2}


def _numbers(first: int, count: int) -> list[str]:
    return [f"{n:04d}" for n in range(first, first + count)]


def _election(meeting: Meeting, *, rules: str = "dhondt", seats: int = 8, alternates: int = 2, **extra):  # type: ignore[no-untyped-def]
    return meeting.ctx(
        create_list_election, title="Consejo 2027", seats=seats, rules=rules, alternates=alternates, **extra
    )


def _add(meeting: Meeting, election, name: str, titulares: list[str], suplentes: list[str]):  # type: ignore[no-untyped-def]
    return meeting.ctx(add_list, election=election, name=name, titulares=titulares, suplentes=suplentes)


def _four_lists(meeting: Meeting, election, seats: int = 8, alternates: int = 2) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Lists A-D, each with ``seats`` titulares and ``alternates`` suplentes, members 1.. in order."""
    people = {}
    start = 1
    for name in WORKED:
        titulares, suplentes = _numbers(start, seats), _numbers(start + seats, alternates)
        _add(meeting, election, name, titulares, suplentes)
        people[name] = titulares + suplentes
        start += seats + alternates
    return people


def _cast(meeting: Meeting, election, voter: int, *choice: str) -> None:  # type: ignore[no-untyped-def]
    elections.cast_election_ballot(
        meeting.session,
        actor=Actor(find_member(meeting.session, f"{voter:04d}")),
        now=meeting.now,
        election=election,
        ranking=list(choice),
    )


def _label(meeting: Meeting, number: str) -> str:
    return find_member(meeting.session, number).label


def test_dhondt_worked_example_through_real_ballots(meeting: Meeting) -> None:
    """D'Hondt: 10/8/3/2 votes for 8 seats give 4/3/1/0 (the standard example scaled down); the
    titulares take the seats in the list's order; 3 alternates go by the same rule to the three
    highest quotients (A 10, B 8, A 5): A's first two suplentes and B's first."""
    election = _election(meeting, alternates=3)
    people = _four_lists(meeting, election, alternates=3)
    meeting.ctx(elections.open_election, election=election)
    voter = 1
    for name, votes in WORKED.items():
        for _ in range(votes):
            # by name, any case, or by the list's number on the ballot
            _cast(meeting, election, voter, name.upper() if voter % 2 else str(list(WORKED).index(name) + 1))
            voter += 1
    assert meeting.session.scalar(select(func.count()).select_from(SealedBallot)) == 23
    result = meeting.ctx(elections.close_election, election=election, officer_key=TEST_KEY)
    seats = {item["name"]: item["seats"] for item in result["lists"]}
    assert seats == {"Lista A": 4, "Lista B": 3, "Lista C": 1, "Lista D": 0}
    a, b, c = people["Lista A"], people["Lista B"], people["Lista C"]
    expected = [_label(meeting, n) for n in a[:4] + b[:3] + c[:1]]
    assert result["winners"] == expected
    assert result["alternates_elected"] == [_label(meeting, n) for n in (a[8], a[9], b[8])]
    assert (result["total_ballots"], result["valid_votes"], result["blank"], result["void"]) == (23, 23, 0, 0)
    # every quotient kept, the seat each took: A/1 first, B/1 second, A/2 third
    firsts = {(q["list"], q["divisor"]): q["seat"] for q in result["quotients"]}
    assert (firsts[("Lista A", 1)], firsts[("Lista B", 1)], firsts[("Lista A", 2)]) == (1, 2, 3)
    assert elections.official_result(election) == result
    election.result_json = (election.result_json or "").replace('"Lista D"', '"Lista X"')
    with pytest.raises(VoteError, match="does not match its hash"):
        elections.official_result(election)


def test_blank_ballots_are_apart_and_not_in_the_threshold_base(meeting: Meeting) -> None:
    """A 12 % threshold of the 23 valid votes is 2.76: C (3 votes) takes part, D (2) does not. Had
    the 3 blank ballots counted in the base (26 ballots: 3.12), C would be out; C keeps its seat."""
    election = _election(meeting, threshold="12%")
    _four_lists(meeting, election)
    meeting.ctx(elections.open_election, election=election)
    voter = 1
    for name, votes in WORKED.items():
        for _ in range(votes):
            _cast(meeting, election, voter, name)
            voter += 1
    for _ in range(3):
        _cast(meeting, election, voter)  # a blank ballot names no list
        voter += 1
    result = meeting.ctx(elections.close_election, election=election, officer_key=TEST_KEY)
    by_name = {item["name"]: item for item in result["lists"]}
    assert (result["blank"], result["void"], result["valid_votes"], result["total_ballots"]) == (3, 0, 23, 26)
    assert by_name["Lista C"]["takes_part"] and by_name["Lista C"]["seats"] == 1
    assert not by_name["Lista D"]["takes_part"] and by_name["Lista D"]["seats"] == 0
    # D takes no part: D'Hondt among A, B, C only, the same 4/3/1
    assert [by_name[n]["seats"] for n in WORKED] == [4, 3, 1, 0]


def test_lista_completa_and_incompleta(meeting: Meeting) -> None:
    """Lista completa: the list with most votes takes all 5 seats. Lista incompleta 2/3 of 5 seats,
    rounded up: 4 to the first list, 1 to the runner-up; alternates by the same rule (2: 2/3 of 2
    rounded up is 2, so both to the first list)."""
    for rules, share, expected in (("lista-completa", None, [5, 0]), ("lista-incompleta", "2/3", [4, 1])):
        election = _election(meeting, rules=rules, seats=5, alternates=2, share=share)
        offset = 0 if rules == "lista-completa" else 20
        _add(meeting, election, "Celeste", _numbers(1 + offset, 5), _numbers(6 + offset, 2))
        _add(meeting, election, "Verde", _numbers(8 + offset, 5), _numbers(13 + offset, 2))
        meeting.ctx(elections.open_election, election=election)
        for voter in range(1, 12):
            _cast(meeting, election, voter, "Celeste" if voter <= 6 else "Verde")
        result = meeting.ctx(elections.close_election, election=election, officer_key=TEST_KEY)
        assert [item["seats"] for item in result["lists"]] == expected
        assert [item["alternate_places"] for item in result["lists"]] == [2, 0]
        assert result["divisors"] == [] and result["quotients"] == []


def test_voting_codes_and_a_void_paper_ballot(meeting: Meeting, tmp_path: Path) -> None:
    """With voting codes a ballot names one list (by name or number) or is blank; paper ballots the
    tellers enter (a list, or nulo for a spoiled one) join them; blank and void are counted apart;
    the export recounts to the same seats. Celeste 6 + 1 paper = 7, Verde 3 + 1 paper = 4; D'Hondt
    for 3 seats: 7, 4, 3.5 -> Celeste 2, Verde 1."""
    election = _election(meeting, seats=3, alternates=0)
    _add(meeting, election, "Celeste", _numbers(1, 3), [])
    _add(meeting, election, "Verde", _numbers(4, 3), [])
    meeting.ctx(elections.open_election, election=election)
    target = ballots.find_ballot_vote(meeting.session, f"election:{election.id}")
    issued = meeting.ctx(ballots.issue_slips, target=target)
    choices = [["Celeste"]] * 6 + [["2"]] * 3 + [[]] * 2
    for slip, choice in zip(issued.slips, choices, strict=False):
        ballots.cast_with_code(
            meeting.session, now=meeting.now, target=target, code=slip.code, choices=choice
        )
    with pytest.raises(VoteError, match="A ballot names one list"):
        ballots.cast_with_code(
            meeting.session, now=meeting.now, target=target, code=issued.slips[20].code, choices=["1", "2"]
        )
    with pytest.raises(VoteError, match="There is no list Roja"):
        ballots.cast_with_code(
            meeting.session, now=meeting.now, target=target, code=issued.slips[20].code, choices=["Roja"]
        )
    for slip in issued.slips[11:14]:  # three members exchange their slips for paper ballots
        meeting.ctx(ballots.cancel_slip, target=target, serial=slip.serial, for_paper=True)
    for teller in (11, 12):
        pile = tmp_path / f"pile-{teller}.csv"
        pile.write_text("Verde\nnulo\n1\n", encoding="utf-8")
        ballots.enter_paper(
            meeting.session,
            actor=Actor(find_member(meeting.session, f"{teller:04d}")),
            now=meeting.now,
            target=target,
            batch=1,
            teller=f"{teller:04d}",
            path=pile,
        )
    meeting.ctx(ballots.accept_paper, target=target, batch=1)
    unused = [str(s.serial) for s in issued.slips[14:]]
    meeting.ctx(ballots.return_slips, target=target, serials=unused)
    result = meeting.ctx(elections.close_election, election=election, officer_key=TEST_KEY)
    assert (result["valid_votes"], result["blank"], result["void"], result["total_ballots"]) == (11, 2, 1, 14)
    assert [item["votes"] for item in result["lists"]] == [7, 4]
    assert [item["seats"] for item in result["lists"]] == [2, 1]
    exported = tmp_path / "ballots.csv"
    assert ballots.export_ballots(meeting.session, target, exported) == 14
    recount = allocate(read_list_votes(exported), ListRules(method=elections_method(election), seats=3))
    assert {o.name: o.seats for o in recount.lists} == {"Celeste": 2, "Verde": 1}
    assert (recount.blank, recount.void) == (2, 1)


def elections_method(election):  # type: ignore[no-untyped-def]
    from coop.assemblies.election_lists import list_rules_of

    return list_rules_of(election).rules.method


def test_lists_show_titulares_and_suplentes_in_order(meeting: Meeting) -> None:
    """The lists read back in ballot order with their people in the order registered."""
    election = _election(meeting, seats=2, alternates=1)
    _add(meeting, election, "Lista 1 – Celeste", ["0007", "0003"], ["0005"])
    _add(meeting, election, "Lista 2 – Verde", ["0002", "0009"], ["0001"])
    found = lists_with_people(meeting.session, election)
    assert [(f.number, f.name) for f in found] == [(1, "Lista 1 – Celeste"), (2, "Lista 2 – Verde")]
    assert found[0].titulares == (_label(meeting, "0007"), _label(meeting, "0003"))
    assert found[0].suplentes == (_label(meeting, "0005"),)
    assert json.loads(election.rules_json)["alternates"] == 1


def test_every_refusal_of_a_list(meeting: Meeting) -> None:
    """Lists are validated one sentence each: members, active, on one list only, once on a list,
    enough titulares and suplentes, unique names, registered before the opening, by-list elections only."""
    election = _election(meeting, seats=2, alternates=1)
    _add(meeting, election, "Celeste", ["0001", "0002"], ["0003"])
    cases = [
        (("Verde", ["0004", "9999"], ["0005"]), "9999"),
        (
            ("Verde", ["0004", "0001"], ["0005"]),
            r"already stands on the list Celeste; a member stands on one list",
        ),
        (("Verde", ["0004", "0004"], ["0005"]), "is named twice on this list"),
        (("Verde", ["0004"], ["0005"]), "has 1 titular for 2 seats"),
        (("Verde", ["0004", "0005"], []), "has 0 suplentes for 1 alternates"),
        (("celeste", ["0004", "0005"], ["0006"]), "already has a list called celeste"),
        (("  ", ["0004", "0005"], ["0006"]), "A list needs a name"),
        (("3", ["0004", "0005"], ["0006"]), "cannot be a bare number"),
    ]
    for (name, titulares, suplentes), message in cases:
        with pytest.raises(Exception, match=message):
            _add(meeting, election, name, titulares, suplentes)
    member = find_member(meeting.session, "0010")
    member.active = False
    with pytest.raises(VoteError, match="is not an active member and cannot stand on a list"):
        _add(meeting, election, "Verde", ["0010", "0011"], ["0012"])
    ranked = meeting.ctx(
        elections.create_election, title="Comité", seats=1, rules="irv", candidates=["0004", "0005"]
    )
    with pytest.raises(VoteError, match="not by lists"):
        _add(meeting, ranked, "Verde", ["0004"], [])
    empty = _election(meeting, seats=2, alternates=0)
    with pytest.raises(VoteError, match="has no lists yet"):
        meeting.ctx(elections.open_election, election=empty)
    meeting.ctx(elections.open_election, election=election)
    with pytest.raises(VoteError, match="lists are registered before it opens"):
        _add(meeting, election, "Verde", ["0004", "0005"], ["0006"])
    with pytest.raises(VoteError, match="A ballot names one list"):
        _cast(meeting, election, 20, "Celeste", "1")
    assert meeting.session.scalar(select(func.count()).select_from(SealedBallot)) == 0


def test_every_refusal_of_an_election_by_lists(meeting: Meeting) -> None:
    """The rules of an election by lists are checked when it is set up."""
    with pytest.raises(VoteError, match="--share is for lista-incompleta"):
        _election(meeting, share="2/3")
    with pytest.raises(VoteError, match="is not a percentage"):
        _election(meeting, threshold="tres")
    with pytest.raises(VoteError, match="at least 1"):
        _election(meeting, seats=0)
    with pytest.raises(VoteError, match="cannot be negative"):
        _election(meeting, alternates=-1)
    with pytest.raises(VoteError, match="at least 2 seats"):
        _election(meeting, rules="lista-incompleta", seats=1)


def test_the_council_rule_comes_from_the_bylaws(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """ar-ley-20337 names lista completa for the council (Ley 20.337, art. 63); --council counts by
    the bylaw election.council, which by default is stv-droop (ranked: it needs candidates)."""
    assert cli("member", "add", "Ana Núñez", "--number", "0001", "--role", "secretary").exit_code == 0
    for number in range(2, 8):
        assert (
            cli("member", "add", f"Socia {number}", "--number", f"{number:04d}", actor="0001").exit_code == 0
        )
    refused = cli("election", "create", "--title", "Consejo", "--council", "--seats", "2", actor="0001")
    assert refused.exit_code == 2 and "--candidate 0004" in refused.output
    assert cli("bylaws", "preset", "apply", "ar-ley-20337", actor="0001").exit_code == 0
    council = next(row for row in cli.json("bylaws", "show") if row["key"] == "election.council")
    assert (council["value"], council["article"]) == ("lista-completa", "Ley 20.337, art. 63")
    created = cli("election", "create", "--title", "Consejo", "--council", "--seats", "2", actor="0001")
    assert created.exit_code == 0 and "rules lista-completa" in created.output, created.output
    refused = cli("election", "create", "--title", "X", "--rules", "dhondt", "-c", "0002", actor="0001")
    assert refused.exit_code == 2 and "has no --candidate" in refused.output
    added = cli("election", "list-add", "1", "Celeste", "--titulares", "0002,0003", actor="0001")
    assert added.exit_code == 0, added.output
    assert cli("election", "list-add", "1", "Verde", "--titulares", "0004,0005", actor="0001").exit_code == 0
    assert [item["name"] for item in cli.json("election", "lists", "1")] == ["Celeste", "Verde"]
    assert cli("election", "open", "1", actor="0001").exit_code == 0
    cast = cli("election", "cast", "1", "2", actor="0006")
    assert cast.exit_code == 0 and "Ballot cast for Verde" in cast.output, cast.output
    blank = cli("election", "cast", "1", "--blank", actor="0007")
    assert blank.exit_code == 0 and "Blank ballot cast" in blank.output
    neither = cli("election", "cast", "1", actor="0003")
    assert neither.exit_code == 2 and "--blank" in neither.output


def test_results_report_in_both_languages(meeting: Meeting, tmp_path: Path) -> None:
    """The printed results show the allocation table with the seats marked, blank and void apart, the
    titulares and suplentes elected by list, and the rules in words, in the cooperative's language."""
    from coop.api import Coop
    from coop.members.cooperative import set_cooperative_language

    election = _election(meeting, seats=3, alternates=1)
    _add(meeting, election, "Celeste", _numbers(1, 3), _numbers(4, 1))
    _add(meeting, election, "Verde", _numbers(5, 3), _numbers(8, 1))
    meeting.ctx(elections.open_election, election=election)
    for voter in range(10, 17):
        _cast(meeting, election, voter, "Celeste" if voter < 14 else "Verde")
    _cast(meeting, election, 17)
    meeting.ctx(elections.close_election, election=election, officer_key=TEST_KEY)
    coop = Coop(meeting.session)
    for language, words in (
        ("en", ("Blank ballots", "Titulares", "Suplentes, in their order", "÷3", "[3]", "the same rule")),
        ("es", ("Votos en blanco", "Titulares", "Suplentes, en su orden", "÷3", "[3]", "la misma regla")),
    ):
        if language == "es":
            meeting.ctx(set_cooperative_language, language=language, reason="prueba")
        html = coop.elections.write_results(election, tmp_path / f"r-{language}.html").read_text()
        for word in words:
            assert word in html, (language, word)
        assert _label(meeting, "0004") in html  # Celeste's suplente takes the one alternate place
